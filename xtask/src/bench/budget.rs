//! The budgets of the issue, checked against the records: each one passes, fails, or was not
//! measured in this run.

use super::metric::{self, Name};
use super::print::{kb, ms};
use super::records::{archive_prefixes, Origin, Records};

/// The budgets of the issue, in one place.
pub mod limits {
    /// The first load's files, gzip -9, added up, in bytes (1 KB = 1,000 bytes).
    pub const FIRST_LOAD_GZIP: u64 = 200_000;
    /// Interactive, as a multiple of the plain page's first contentful paint.
    pub const INTERACTIVE_OVER_PLAIN_FCP: f64 = 1.5;
    /// The app's first contentful paint, as a multiple of the plain page's.
    pub const FCP_OVER_PLAIN_FCP: f64 = 1.1;
    /// Sorting 10,000 rows, as a multiple of DataTables' time on the same rows.
    pub const SORT_OVER_DATATABLES: f64 = 1.0;
    /// One chart's draw, in milliseconds (strictly under).
    pub const CHART_DRAW_MS: f64 = 8.0;
    /// One search over the archive, in milliseconds (strictly under).
    pub const ARCHIVE_SEARCH_MS: f64 = 16.0;
    /// The largest archive's first load, gzip, against the 1-issue site's: at most this far
    /// apart, as a fraction.
    pub const ARCHIVE_FIRST_LOAD_SPREAD: f64 = 0.05;
    /// A keystroke in the search over the largest archive, to the results rendered, in
    /// milliseconds (strictly under).
    pub const ARCHIVE_KEYSTROKE_MS: f64 = 16.0;
    /// Opening the archive or the tables view of the largest archive, from navigation to the
    /// list rendered (in the DOM), in milliseconds (strictly under).
    pub const ARCHIVE_VIEW_MS: f64 = 50.0;
    /// Lighthouse's total blocking time on the mobile profile, median, in milliseconds.
    pub const LIGHTHOUSE_TBT_MS: f64 = 150.0;
    /// Lighthouse's performance score on the mobile profile, median (at least).
    pub const LIGHTHOUSE_PERFORMANCE: f64 = 0.95;
    /// Lighthouse's largest contentful paint, as a multiple of its first contentful paint.
    pub const LCP_OVER_FCP: f64 = 1.2;
    /// The longest task of the viewer's own start-up at 4× CPU slowdown, median, in milliseconds.
    pub const LONGEST_STARTUP_TASK_MS: f64 = 50.0;
}

/// A budget's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within the budget.
    Pass,
    /// Over it.
    Fail,
    /// Not measured in this run (`--only`, or the measurement is missing).
    NotMeasured,
}

impl Verdict {
    /// How the printed table shows it.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::NotMeasured => "----",
        }
    }
}

/// Ok when no budget failed; else an error naming every one that did (`what`: which budgets).
pub fn check(budgets: &[Budget], what: &str) -> crate::error::Result<()> {
    let failed: Vec<&str> = budgets
        .iter()
        .filter(|budget| budget.verdict == Verdict::Fail)
        .map(|budget| budget.name.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(crate::error::Error::new(format!(
            "{} {what} broken: {}",
            failed.len(),
            failed.join("; ")
        )))
    }
}

/// One budget, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// What is limited, in words.
    pub name: String,
    /// The limit, in words.
    pub limit: String,
    /// What was measured, in words.
    pub measured: String,
    /// The verdict.
    pub verdict: Verdict,
}

impl Budget {
    fn checked(name: String, limit: String, measured: Option<(String, bool)>) -> Budget {
        let (measured, verdict) = match measured {
            Some((text, true)) => (text, Verdict::Pass),
            Some((text, false)) => (text, Verdict::Fail),
            None => ("not measured".to_string(), Verdict::NotMeasured),
        };
        Budget {
            name,
            limit,
            measured,
            verdict,
        }
    }
}

/// The budgets, checked against the records; those whose metric is missing are not measured.
pub fn budgets(records: &Records) -> Vec<Budget> {
    let mut budgets = Vec::new();
    let page_files = records.files_of("app", Origin::Page);
    let size = (!page_files.is_empty()).then(|| {
        let total: u64 = page_files.iter().map(|file| file.gzip).sum();
        let brotli: u64 = page_files.iter().map(|file| file.brotli).sum();
        (
            format!("{} in {} files (brotli {})", kb(total), page_files.len(), kb(brotli)),
            total <= limits::FIRST_LOAD_GZIP,
        )
    });
    budgets.push(Budget::checked(
        "first load, gzip -9, every file the page requests".into(),
        format!("≤ {}", kb(limits::FIRST_LOAD_GZIP)),
        size,
    ));
    let plain_fcp = records.median(metric::STARTUP_PLAIN_FCP, &[]);
    let startup: [(&str, Name, f64); 2] = [
        (
            "interactive (painted) vs plain page's FCP",
            metric::STARTUP_APP_INTERACTIVE,
            limits::INTERACTIVE_OVER_PLAIN_FCP,
        ),
        (
            "app's FCP vs plain page's FCP",
            metric::STARTUP_APP_FCP,
            limits::FCP_OVER_PLAIN_FCP,
        ),
    ];
    for (name, metric, factor) in startup {
        let measured = match (records.median(metric, &[]), plain_fcp) {
            (Some(app), Some(plain)) if plain > 0.0 => Some((
                format!("{} = {:.2} × {}", ms(app), app / plain, ms(plain)),
                app <= factor * plain,
            )),
            _ => None,
        };
        budgets.push(Budget::checked(
            name.into(),
            format!("≤ {factor} × plain FCP"),
            measured,
        ));
    }
    let columns = records.children(metric::SORT_BIG_APP, &[]);
    if columns.is_empty() {
        budgets.push(Budget::checked(
            "sorting 10,000 rows vs DataTables".into(),
            "≤ DataTables".into(),
            None,
        ));
    }
    for column in columns {
        let app = records.median(metric::SORT_BIG_APP, &[&column]);
        let datatables = records.median(metric::SORT_BIG_DATATABLES, &[&column]);
        let measured = match (app, datatables) {
            (Some(app), Some(datatables)) if datatables > 0.0 => Some((
                format!("{} vs {} = {:.2} ×", ms(app), ms(datatables), app / datatables),
                app <= limits::SORT_OVER_DATATABLES * datatables,
            )),
            _ => None,
        };
        budgets.push(Budget::checked(
            format!("sorting 10,000 rows by {column} vs DataTables"),
            "≤ DataTables".into(),
            measured,
        ));
    }
    let charts = records.children(metric::CHART_DRAW, &[]);
    if charts.is_empty() {
        budgets.push(Budget::checked(
            "chart draw at devicePixelRatio 2".into(),
            format!("< {}", ms(limits::CHART_DRAW_MS)),
            None,
        ));
    }
    for chart in charts {
        let measured = records
            .median(metric::CHART_DRAW, &[&chart])
            .map(|median| (ms(median), median < limits::CHART_DRAW_MS));
        budgets.push(Budget::checked(
            format!("chart {chart} draw at devicePixelRatio 2"),
            format!("< {}", ms(limits::CHART_DRAW_MS)),
            measured,
        ));
    }
    let slowest = archive_prefixes(records)
        .into_iter()
        .filter_map(|(query, prefix)| {
            records
                .median(metric::SEARCH_ARCHIVE_PREFIX, &[&query, &prefix])
                .map(|median| (prefix, median))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let measured = slowest.map(|(prefix, median)| {
        (
            format!("slowest prefix {prefix:?}: {}", ms(median)),
            median < limits::ARCHIVE_SEARCH_MS,
        )
    });
    budgets.push(Budget::checked(
        "each keystroke's search over the 500-issue archive".into(),
        format!("< {}", ms(limits::ARCHIVE_SEARCH_MS)),
        measured,
    ));
    budgets.extend(phone_budgets(records));
    budgets
}

/// The archives measured (`archive-<n>` first-visit files or `archive/{issues}/…` samples),
/// by how many issues they hold, smallest first.
pub fn archive_sizes(records: &Records) -> Vec<usize> {
    let mut sizes: Vec<usize> = records
        .samples
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("archive/")?.split('/').next()?.parse().ok())
        .chain(
            records
                .files
                .iter()
                .filter_map(|file| file.page.strip_prefix("archive-")?.parse().ok()),
        )
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// The archive section's budgets: the first load flat from the smallest archive to the
/// largest, and at the largest, the oldest issue's first paint, a search keystroke and the two
/// list views.
pub fn archive(records: &Records) -> Vec<Budget> {
    let sizes = archive_sizes(records);
    let (smallest, largest) = match (sizes.first(), sizes.last()) {
        (Some(smallest), Some(largest)) => (*smallest, *largest),
        _ => (1, 500),
    };
    let (small, large) = (smallest.to_string(), largest.to_string());
    let mut budgets = Vec::new();
    let first_load = |n: usize| {
        let files = records.files_of(&format!("archive-{n}"), Origin::Page);
        (!files.is_empty()).then(|| files.iter().map(|file| file.gzip).sum::<u64>())
    };
    let measured = match (first_load(smallest), first_load(largest)) {
        (Some(one), Some(many)) if smallest < largest && one > 0 => {
            let ratio = many as f64 / one as f64;
            Some((
                format!("{} vs {} = {ratio:.3} ×", kb(many), kb(one)),
                (many as f64 - one as f64).abs() <= limits::ARCHIVE_FIRST_LOAD_SPREAD * one as f64,
            ))
        }
        _ => None,
    };
    budgets.push(Budget::checked(
        format!("first load, gzip, of {large} issues vs {small}"),
        format!("within ±{:.0}%", limits::ARCHIVE_FIRST_LOAD_SPREAD * 100.0),
        measured,
    ));
    let measured = match (
        records.median(metric::ARCHIVE_OLD_FCP, &[&large]),
        records.median(metric::ARCHIVE_PLAIN_FCP, &[&large]),
    ) {
        (Some(old), Some(plain)) if plain > 0.0 => Some((
            format!("{} = {:.2} × {}", ms(old), old / plain, ms(plain)),
            old <= limits::FCP_OVER_PLAIN_FCP * plain,
        )),
        _ => None,
    };
    budgets.push(Budget::checked(
        format!("oldest of {large} issues: FCP vs the same page without scripts"),
        format!("≤ {} × plain FCP", limits::FCP_OVER_PLAIN_FCP),
        measured,
    ));
    let measured = records
        .median(metric::ARCHIVE_KEYSTROKE_RENDERED, &[&large])
        .map(|median| (ms(median), median < limits::ARCHIVE_KEYSTROKE_MS));
    budgets.push(Budget::checked(
        format!("search keystroke over {large} issues, to the results rendered"),
        format!("< {}", ms(limits::ARCHIVE_KEYSTROKE_MS)),
        measured,
    ));
    for list in ["archive", "tables"] {
        let measured = records
            .median(metric::ARCHIVE_VIEW_RENDERED, &[&large, list])
            .map(|median| (ms(median), median < limits::ARCHIVE_VIEW_MS));
        budgets.push(Budget::checked(
            format!("#/{list} of {large} issues, navigation to the list rendered"),
            format!("< {}", ms(limits::ARCHIVE_VIEW_MS)),
            measured,
        ));
    }
    budgets
}

/// Lighthouse's mobile profile on the app (medians), and the longest task of its start-up.
fn phone_budgets(records: &Records) -> Vec<Budget> {
    let app = |metric: Name| records.median(metric, &["app"]);
    let tbt = app(metric::LIGHTHOUSE_TBT).map(|tbt| (ms(tbt), tbt <= limits::LIGHTHOUSE_TBT_MS));
    let performance = app(metric::LIGHTHOUSE_PERFORMANCE)
        .map(|score| (format!("{score:.2}"), score >= limits::LIGHTHOUSE_PERFORMANCE));
    let lcp = match (app(metric::LIGHTHOUSE_LCP), app(metric::LIGHTHOUSE_FCP)) {
        (Some(lcp), Some(fcp)) if fcp > 0.0 => Some((
            format!("{} = {:.2} × {}", ms(lcp), lcp / fcp, ms(fcp)),
            lcp <= limits::LCP_OVER_FCP * fcp,
        )),
        _ => None,
    };
    let longest_of = |name| {
        records
            .median(name, &[])
            .map(|longest| (ms(longest), longest <= limits::LONGEST_STARTUP_TASK_MS))
    };
    let longest = longest_of(metric::STARTUP_APP_LONGEST_TASK);
    let longest_at_link = longest_of(metric::STARTUP_LINK_LONGEST_TASK);
    vec![
        Budget::checked(
            "Lighthouse mobile, total blocking time, median".into(),
            format!("≤ {}", ms(limits::LIGHTHOUSE_TBT_MS)),
            tbt,
        ),
        Budget::checked(
            "Lighthouse mobile, performance score, median".into(),
            format!("≥ {}", limits::LIGHTHOUSE_PERFORMANCE),
            performance,
        ),
        Budget::checked(
            "Lighthouse mobile, largest vs first contentful paint".into(),
            format!("≤ {} × FCP", limits::LCP_OVER_FCP),
            lcp,
        ),
        Budget::checked(
            "longest task of the page's start-up, phone at 4× CPU, median".into(),
            format!("≤ {}", ms(limits::LONGEST_STARTUP_TASK_MS)),
            longest,
        ),
        Budget::checked(
            "longest task of the start-up at a link to a sorted table, phone at 4× CPU, median".into(),
            format!("≤ {}", ms(limits::LONGEST_STARTUP_TASK_MS)),
            longest_at_link,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Records {
        Records::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    fn verdict(budgets: &[Budget], name_part: &str) -> Verdict {
        budgets
            .iter()
            .find(|budget| budget.name.contains(name_part))
            .map_or(Verdict::NotMeasured, |budget| budget.verdict)
    }

    #[test]
    fn budgets_pass_and_fail_on_the_limits() {
        let read = records(
            "file\tapp\tindex.html\thtml\tpage\t1\t100000\t1\n\
             file\tapp\ta.wasm\twasm\tpage\t1\t50000\t1\n\
             file\tapp\ticon.png\ticon\tservice-worker\t1\t90000\t1\n\
             sample\tstartup/plain/fcp\t100\n\
             sample\tstartup/app/fcp\t111\n\
             sample\tstartup/app/interactive\t150\n\
             sample\tsort/big/지원액/app\t20\n\
             sample\tsort/big/지원액/datatables\t20\n\
             sample\tsort/big/기관/app\t21\n\
             sample\tsort/big/기관/datatables\t20\n\
             sample\tchart/a\t7.9\n\
             sample\tchart/b\t8\n\
             sample\tsearch/archive/build\t900\n\
             sample\tsearch/archive/충전/충\t15.9\n\
             sample\tlighthouse/app/tbt\t150\n\
             sample\tlighthouse/plain/tbt\t0\n\
             sample\tlighthouse/app/performance\t0.94\n\
             sample\tlighthouse/app/fcp\t1000\n\
             sample\tlighthouse/app/lcp\t1200\n\
             sample\tstartup/app/longest-task\t50.1\n\
             sample\tstartup/link/longest-task\t50\n",
        );
        let checked = budgets(&read);
        // 150,000 bytes is within; the service worker's file does not count.
        assert_eq!(verdict(&checked, "first load"), Verdict::Pass);
        assert_eq!(verdict(&checked, "interactive"), Verdict::Pass);
        assert_eq!(verdict(&checked, "app's FCP"), Verdict::Fail);
        assert_eq!(verdict(&checked, "by 지원액"), Verdict::Pass);
        assert_eq!(verdict(&checked, "by 기관"), Verdict::Fail);
        assert_eq!(verdict(&checked, "chart a"), Verdict::Pass);
        assert_eq!(verdict(&checked, "chart b"), Verdict::Fail);
        assert_eq!(verdict(&checked, "archive"), Verdict::Pass);
        assert_eq!(verdict(&checked, "total blocking time"), Verdict::Pass);
        assert_eq!(verdict(&checked, "performance score"), Verdict::Fail);
        assert_eq!(verdict(&checked, "largest vs first"), Verdict::Pass);
        assert_eq!(verdict(&checked, "longest task"), Verdict::Fail);
        assert_eq!(verdict(&checked, "at a link"), Verdict::Pass);
    }

    #[test]
    fn the_first_load_budget_is_200_kb_with_brotli_beside() {
        let read = records(
            "file\tapp\tindex.html\thtml\tpage\t90000\t30000\t25000\n\
             file\tapp\ta.wasm\twasm\tpage\t400000\t170001\t140000\n",
        );
        let checked = budgets(&read);
        let first = &checked[0];
        assert_eq!(first.verdict, Verdict::Fail);
        assert_eq!(first.measured, "200.0 KB in 2 files (brotli 165.0 KB)");
        assert_eq!(first.limit, "≤ 200.0 KB");
    }

    #[test]
    fn missing_sections_are_not_measured() {
        let checked = budgets(&Records::default());
        assert!(checked.iter().all(|budget| budget.verdict == Verdict::NotMeasured));
        assert_eq!(checked.len(), 11);
    }

    #[test]
    fn the_archive_budgets_pass_and_fail_on_the_limits() {
        let read = records(
            "file\tarchive-1\tindex.html\thtml\tpage\t1\t100000\t1\n\
             file\tarchive-500\tindex.html\thtml\tpage\t1\t105000\t1\n\
             file\tarchive-500\tdata/search-1.bin\tdata\tservice-worker\t1\t9000000\t1\n\
             sample\tarchive/500/old-issue/fcp\t111\n\
             sample\tarchive/500/plain/fcp\t100\n\
             sample\tarchive/500/keystroke/rendered\t15.9\n\
             sample\tarchive/500/view/archive/rendered\t49.9\n\
             sample\tarchive/500/view/tables/rendered\t50\n\
             sample\tarchive/500/view/tables/painted\t10\n",
        );
        assert_eq!(archive_sizes(&read), [1, 500]);
        let checked = archive(&read);
        // 5% more is within; the worker's files do not count.
        assert_eq!(verdict(&checked, "first load"), Verdict::Pass);
        assert_eq!(verdict(&checked, "oldest"), Verdict::Fail);
        assert_eq!(verdict(&checked, "keystroke"), Verdict::Pass);
        assert_eq!(verdict(&checked, "#/archive"), Verdict::Pass);
        assert_eq!(verdict(&checked, "#/tables"), Verdict::Fail);
        let grown = records(
            "file\tarchive-1\tindex.html\thtml\tpage\t1\t100000\t1\n\
             file\tarchive-500\tindex.html\thtml\tpage\t1\t105100\t1\n",
        );
        assert_eq!(verdict(&archive(&grown), "first load"), Verdict::Fail);
        assert!(archive(&Records::default())
            .iter()
            .all(|budget| budget.verdict == Verdict::NotMeasured));
    }
}
