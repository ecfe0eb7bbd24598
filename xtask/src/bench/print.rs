//! The printed table of `cargo xtask bench`: every section measured, then the budgets'
//! verdicts.

use std::fmt::Write as _;

use super::budget::{limits, Budget};
use super::metric;
use super::records::{archive_prefixes, FileRecord, Origin, Records, Summary};
use super::Run;

/// The printed table: every section measured, then the budgets.
pub fn table(run: &Run, records: &Records, budgets: &[Budget]) -> String {
    let mut out = String::new();
    let chromium = records.info(metric::INFO_CHROMIUM, &[]).unwrap_or("unknown");
    let _ = writeln!(out, "== cargo xtask bench · {} · runs {}", run.date, run.runs);
    let _ = writeln!(
        out,
        "machine: {} cores (nproc) · {} · Chromium {chromium} · {}",
        run.nproc, run.cpu, run.commit
    );
    let _ = writeln!(out, "WebAssembly: {}", run.wasm_build);
    let _ = writeln!(
        out,
        "times are medians in ms (min–max); sizes in KB = 1,000 bytes; see docs/benchmark.md"
    );
    sizes(&mut out, records);
    startup(&mut out, records);
    sorting(&mut out, records);
    charts(&mut out, records);
    search(&mut out, records);
    memory(&mut out, records);
    phone(&mut out, records);
    let _ = writeln!(out, "\n-- budgets");
    for budget in budgets {
        let verdict = budget.verdict.label();
        let _ = writeln!(
            out,
            "  {verdict}  {} {}: {}",
            budget.name, budget.limit, budget.measured
        );
    }
    out
}

fn sizes(out: &mut String, records: &Records) {
    if records.files.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n-- first load: files requested on a cold first visit (from the network log), sizes of the files"
    );
    let width = records
        .files
        .iter()
        .map(|file| file.path.chars().count())
        .max()
        .unwrap_or(0)
        .max(30);
    let _ = writeln!(
        out,
        "  {:<width$}  {:<8}  {:>10}  {:>10}  {:>10}",
        "file", "kind", "raw", "gzip -9", "brotli"
    );
    for (page, origin, title) in [
        ("app", Origin::Page, "app, requested by the page (the budget)"),
        (
            "app",
            Origin::ServiceWorker,
            "app, then fetched by the service worker after load (not in the budget)",
        ),
        ("plain", Origin::Page, "plain page (target/plain), for comparison"),
        (
            "floor",
            Origin::Page,
            "the stack's floor: an empty Yew app that hydrates, built like the viewer (tests/bench/floor)",
        ),
    ] {
        let files = records.files_of(page, origin);
        if files.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {title}:");
        for file in &files {
            let _ = writeln!(
                out,
                "  {:<width$}  {:<8}  {:>10}  {:>10}  {:>10}",
                file.path,
                file.kind,
                kb(file.raw),
                kb(file.gzip),
                kb(file.brotli)
            );
        }
        let sum = |size: fn(&FileRecord) -> u64| files.iter().map(|file| size(file)).sum::<u64>();
        let _ = writeln!(
            out,
            "  {:<width$}  {:<8}  {:>10}  {:>10}  {:>10}",
            format!("total, {} files", files.len()),
            "",
            kb(sum(|file| file.raw)),
            kb(sum(|file| file.gzip)),
            kb(sum(|file| file.brotli))
        );
    }
    if let Some(line) = floor_line(records) {
        let _ = writeln!(out, "  {line}");
    }
}

/// What the first-load budget leaves for the viewer's own code and data once the stack's
/// floor and the plain page (the issue's HTML, stylesheet and icon) are paid for.
fn floor_line(records: &Records) -> Option<String> {
    let gzip = |page: &str| -> u64 { records.files_of(page, Origin::Page).iter().map(|file| file.gzip).sum() };
    let (floor, plain, app) = (gzip("floor"), gzip("plain"), gzip("app"));
    if floor == 0 || plain == 0 || app == 0 {
        return None;
    }
    let fixed = floor + plain;
    Some(format!(
        "gzip: the floor and the plain page together are {}, which leaves {} of the {} budget for the viewer's own code and data; they take {}",
        kb(fixed),
        kb(limits::FIRST_LOAD_GZIP.saturating_sub(fixed)),
        kb(limits::FIRST_LOAD_GZIP),
        kb(app.saturating_sub(fixed))
    ))
}

fn startup(out: &mut String, records: &Records) {
    let app_fcp = records.summary(metric::STARTUP_APP_FCP, &[]);
    let plain_fcp = records.summary(metric::STARTUP_PLAIN_FCP, &[]);
    if app_fcp.is_none() && plain_fcp.is_none() {
        return;
    }
    let n = app_fcp.map_or(0, |summary| summary.n);
    let _ = writeln!(
        out,
        "\n-- start-up, cold cache (fresh browser context each load; {n} loads of each page, interleaved)"
    );
    let _ = writeln!(
        out,
        "  {:<44}  {:>22}  {:>22}  {:>12}",
        "", "app", "plain page", "÷ plain FCP"
    );
    let plain = plain_fcp.map(|summary| summary.median);
    let rows = [
        (
            "first contentful paint",
            metric::STARTUP_APP_FCP,
            Some(metric::STARTUP_PLAIN_FCP),
        ),
        (
            "interactive: data-ready (the start-up's), charts shown, painted",
            metric::STARTUP_APP_INTERACTIVE,
            None,
        ),
        (
            "  the same, before that frame is painted",
            metric::STARTUP_APP_READY,
            None,
        ),
    ];
    for (label, app_metric, plain_metric) in rows {
        let app = records.summary(app_metric, &[]);
        let plain_cell = plain_metric.and_then(|metric| records.summary(metric, &[]));
        let _ = writeln!(
            out,
            "  {label:<44}  {:>22}  {:>22}  {:>12}",
            spread(app),
            plain_cell.map_or("—".to_string(), |summary| spread(Some(summary))),
            ratio(app.map(|summary| summary.median), plain)
        );
    }
    let _ = writeln!(out, "  app's timeline (medians, ms since navigation start):");
    for (label, metric) in [
        ("index.html received", metric::STARTUP_APP_HTML),
        ("first contentful paint", metric::STARTUP_APP_FCP),
        ("WebAssembly received", metric::STARTUP_APP_WASM),
        ("WebAssembly started (the start-up's mark)", metric::STARTUP_APP_STARTED),
        ("html[data-ready] set", metric::STARTUP_APP_DATA_READY),
        ("interactive, painted", metric::STARTUP_APP_INTERACTIVE),
        (
            "every canvas near the view drawn (idle time)",
            metric::STARTUP_APP_CANVASES_DRAWN,
        ),
    ] {
        if let Some(summary) = records.summary(metric, &[]) {
            let _ = writeln!(out, "    {label:<46}  {:>22}", spread(Some(summary)));
        }
    }
}

fn sorting(out: &mut String, records: &Records) {
    let tables = records.children(metric::SORT_ISSUE_APP, &[]);
    let big = records.children(metric::SORT_BIG_APP, &[]);
    if tables.is_empty() && big.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n-- sorting: click on a header → next frame painted with the new first row (clicks alternate two columns)"
    );
    for table in tables {
        let rows = records.info(metric::INFO_ROWS, &[&table]).unwrap_or("?");
        for column in records.children(metric::SORT_ISSUE_APP, &[&table]) {
            let values = [table.as_str(), column.as_str()];
            let _ = writeln!(
                out,
                "  issue's largest table {table} ({rows} rows), by {column:<12}  {:>22}   (DOM updated {})",
                spread(records.summary(metric::SORT_ISSUE_APP, &values)),
                spread(records.summary(metric::SORT_ISSUE_APP_DOM, &values))
            );
        }
    }
    if big.is_empty() {
        return;
    }
    let datatables = records.info(metric::INFO_DATATABLES, &[]).unwrap_or("?");
    let _ = writeln!(
        out,
        "  10,000 rows × 6 columns        {:>22}  {:>22}  {:>10}",
        "app (renders 80 rows)",
        format!("DataTables {datatables}"),
        "app ÷ DT"
    );
    for column in big {
        let values = [column.as_str()];
        let app = records.summary(metric::SORT_BIG_APP, &values);
        let dt = records.summary(metric::SORT_BIG_DATATABLES, &values);
        let _ = writeln!(
            out,
            "    by {column:<26}  {:>22}  {:>22}  {:>10}",
            spread(app),
            spread(dt),
            ratio(app.map(|s| s.median), dt.map(|s| s.median))
        );
        let _ = writeln!(
            out,
            "      DOM updated (no paint)      {:>22}  {:>22}",
            spread(records.summary(metric::SORT_BIG_APP_DOM, &values)),
            spread(records.summary(metric::SORT_BIG_DATATABLES_DOM, &values))
        );
        if let Some(chart) = records.summary(metric::SORT_BIG_APP_CHART, &values) {
            let _ = writeln!(out, "      of which the app's chart redraw {:>18}", spread(Some(chart)));
        }
    }
    let _ = writeln!(
        out,
        "  DataTables with its defaults: 10 rows a page, search box, its own type detection; no stylesheet."
    );
}

fn charts(out: &mut String, records: &Records) {
    let charts = records.children(metric::CHART_DRAW, &[]);
    if charts.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n-- charts: layout + canvas sizing + drawing at devicePixelRatio 2 (measure chart-draw:<id>)"
    );
    let _ = writeln!(
        out,
        "  {:<32}  {:>22}  {:>22}  {:>22}",
        "", "canvas set-up, on load", "first draw, on load", "redraw, window resized"
    );
    for chart in charts {
        let _ = writeln!(
            out,
            "  {chart:<32}  {:>22}  {:>22}  {:>22}",
            spread(records.summary(metric::CHART_SETUP, &[&chart])),
            spread(records.summary(metric::CHART_DRAW, &[&chart])),
            spread(records.summary(metric::CHART_REDRAW, &[&chart]))
        );
    }
    let _ = writeln!(
        out,
        "  canvas set-up (measure chart-setup:<id>): the browser's one-off work for a new canvas, its\n  backing store and the chart's fonts, in an idle task of its own before the first draw"
    );
}

fn search(out: &mut String, records: &Records) {
    let keystroke = records.summary(metric::SEARCH_ISSUE_KEYSTROKE, &[]);
    let prefixes = archive_prefixes(records);
    if keystroke.is_none() && prefixes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n-- search");
    if let Some(keystroke) = keystroke {
        let _ = writeln!(
            out,
            "  in the issue, input event → next frame painted, {} keystrokes   {:>22}",
            keystroke.n,
            spread(Some(keystroke))
        );
        let _ = writeln!(
            out,
            "    first keystroke of a query (opens the panel, indexes the issue)  {:>22}",
            spread(records.summary(metric::SEARCH_ISSUE_FIRST_KEYSTROKE, &[]))
        );
    }
    if prefixes.is_empty() {
        return;
    }
    let copies = records.info(metric::INFO_ARCHIVE_COPIES, &[]).unwrap_or("?");
    let passages = records.info(metric::INFO_ARCHIVE_PASSAGES, &[]).unwrap_or("?");
    let _ = writeln!(
        out,
        "  archive of {copies} issues ({passages} passages), index.search in WebAssembly, built in {}",
        spread(records.summary(metric::SEARCH_ARCHIVE_BUILD, &[]))
    );
    let mut current = String::new();
    for (query, prefix) in prefixes {
        if query != current {
            let _ = writeln!(out, "    typing {query:?}:");
            current = query.clone();
        }
        let _ = writeln!(
            out,
            "      {:<24}  {:>22}",
            format!("{prefix:?}"),
            spread(records.summary(metric::SEARCH_ARCHIVE_PREFIX, &[&query, &prefix]))
        );
    }
}

fn memory(out: &mut String, records: &Records) {
    let pages = records.children(metric::MEMORY_JS_HEAP, &[]);
    if pages.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n-- memory after load (after a forced garbage collection; medians)"
    );
    for page in pages {
        let heap = records.median(metric::MEMORY_JS_HEAP, &[&page]);
        let wasm = records.median(metric::MEMORY_WASM, &[&page]);
        let total = heap.unwrap_or(0.0) + wasm.unwrap_or(0.0);
        let label = match page.as_str() {
            "app" => "the issue",
            "big" => "the 10,000-row issue",
            "datatables" => "DataTables, 10,000 rows",
            other => other,
        };
        let _ = writeln!(
            out,
            "  {label:<26}  JS heap {:>10}  + WebAssembly memory {:>10}  = {:>10}",
            megabytes(heap),
            megabytes(wasm),
            megabytes(Some(total))
        );
    }
}

/// A row of the Lighthouse table: its label, its metric, how a value is shown.
type PhoneRow = (&'static str, metric::Name, fn(f64) -> String);

fn phone(out: &mut String, records: &Records) {
    let app = records.summary(metric::LIGHTHOUSE_PERFORMANCE, &["app"]);
    let longest = records.summary(metric::STARTUP_APP_LONGEST_TASK, &[]);
    if app.is_none() && longest.is_none() {
        return;
    }
    if let Some(app) = app {
        let version = records.info(metric::INFO_LIGHTHOUSE, &[]).unwrap_or("?");
        let _ = writeln!(
            out,
            "\n-- Lighthouse {version}, mobile (simulated slow 4G, 4× CPU), served compressed; {} runs of each page, interleaved",
            app.n
        );
        let _ = writeln!(out, "  {:<32}  {:>24}  {:>24}", "", "app", "plain page");
        let rows: [PhoneRow; 6] = [
            ("performance score", metric::LIGHTHOUSE_PERFORMANCE, |v| {
                format!("{v:.2}")
            }),
            ("first contentful paint", metric::LIGHTHOUSE_FCP, |v| format!("{v:.0}")),
            ("largest contentful paint", metric::LIGHTHOUSE_LCP, |v| {
                format!("{v:.0}")
            }),
            ("total blocking time", metric::LIGHTHOUSE_TBT, |v| format!("{v:.0}")),
            ("time to interactive", metric::LIGHTHOUSE_TTI, |v| format!("{v:.0}")),
            ("SEO score", metric::LIGHTHOUSE_SEO, |v| format!("{v:.2}")),
        ];
        for (label, metric, show) in rows {
            let cell = |page: &str| {
                records.summary(metric, &[page]).map_or("—".to_string(), |summary| {
                    if summary.n > 1 {
                        format!("{} ({}–{})", show(summary.median), show(summary.min), show(summary.max))
                    } else {
                        show(summary.median)
                    }
                })
            };
            let _ = writeln!(out, "  {label:<32}  {:>24}  {:>24}", cell("app"), cell("plain"));
        }
        let lcp_over_fcp = |page: &str| {
            ratio(
                records.median(metric::LIGHTHOUSE_LCP, &[page]),
                records.median(metric::LIGHTHOUSE_FCP, &[page]),
            )
        };
        let _ = writeln!(
            out,
            "  {:<32}  {:>24}  {:>24}",
            "largest ÷ first contentful paint",
            lcp_over_fcp("app"),
            lcp_over_fcp("plain")
        );
        for page in ["app", "plain"] {
            if let Some(element) = records.info(metric::INFO_LCP_ELEMENT, &[page]) {
                let _ = writeln!(out, "  largest paint, {page}: {element}");
            }
        }
    }
    if let Some(longest) = longest {
        let _ = writeln!(
            out,
            "  longest task running the page's code (the start-up's or the viewer's) in a start-up on a phone's screen at 4× CPU (DevTools throttling), {} loads: {}",
            longest.n,
            spread(Some(longest))
        );
        each_load(out, records.info(metric::INFO_LONGEST_TASK, &[]));
    }
    if let Some(longest) = records.summary(metric::STARTUP_LINK_LONGEST_TASK, &[]) {
        let link = records.info(metric::INFO_LINK, &[]).unwrap_or("?");
        let _ = writeln!(
            out,
            "  the same, opened at a link ({link}), {} loads: {}",
            longest.n,
            spread(Some(longest))
        );
        each_load(out, records.info(metric::INFO_LONGEST_TASK_LINK, &[]));
    }
}

/// Each traced load's longest task, with the biggest kinds of work in it, a line each
/// (`inside` holds them separated by `; `).
fn each_load(out: &mut String, inside: Option<&str>) {
    for load in inside.into_iter().flat_map(|inside| inside.split("; ")) {
        let _ = writeln!(out, "    {load} (ms)");
    }
}

/// `412.3 ms (398.0–455.1)`, or `—`.
fn spread(summary: Option<Summary>) -> String {
    match summary {
        Some(summary) if summary.n > 1 => format!("{:.1} ({:.1}–{:.1})", summary.median, summary.min, summary.max),
        Some(summary) => format!("{:.1}", summary.median),
        None => "—".to_string(),
    }
}

fn ratio(value: Option<f64>, base: Option<f64>) -> String {
    match (value, base) {
        (Some(value), Some(base)) if base > 0.0 => format!("{:.2}", value / base),
        _ => "—".to_string(),
    }
}

/// `12.34` gives `12.3 ms`.
pub fn ms(value: f64) -> String {
    format!("{value:.1} ms")
}

/// `123456` gives `123.5 KB` (1 KB = 1,000 bytes, as the budget is written).
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn megabytes(bytes: Option<f64>) -> String {
    bytes.map_or("—".to_string(), |bytes| format!("{:.1} MB", bytes / 1_000_000.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Records {
        Records::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn the_floor_line_says_what_the_budget_leaves() {
        let read = records(
            "file\tapp\tindex.html\thtml\tpage\t1\t30000\t1\n\
             file\tapp\ta.wasm\twasm\tpage\t1\t200000\t1\n\
             file\tplain\tindex.html\thtml\tpage\t1\t30000\t1\n\
             file\tfloor\tfloor_bg.wasm\twasm\tpage\t1\t70000\t1\n\
             file\tfloor\tfloor.js\tjs\tpage\t1\t6000\t1\n",
        );
        assert_eq!(
            floor_line(&read).as_deref(),
            Some(
                "gzip: the floor and the plain page together are 106.0 KB, which leaves 94.0 KB of the \
                 200.0 KB budget for the viewer's own code and data; they take 124.0 KB"
            )
        );
        assert_eq!(floor_line(&records("file\tapp\ta.wasm\twasm\tpage\t1\t1\t1\n")), None);
    }

    #[test]
    fn sizes_in_kilobytes_of_a_thousand_bytes() {
        assert_eq!(kb(150_000), "150.0 KB");
        assert_eq!(kb(123_456), "123.5 KB");
    }
}
