//! What `cargo xtask bench` makes of the measurements: medians, ratios, the printed table,
//! the budgets and the JSON file.
//!
//! The browser side (tests/bench/bench.mjs) only measures: it writes one record a line,
//! tab-separated, and leaves every statistic and verdict to this module, which is tested
//! natively. The records are:
//!
//! - `info <key> <value>`: facts of the run (the Chromium version, the largest table …);
//! - `file <page> <path> <kind> <origin> <raw> <gzip> <brotli>`: one file a cold first visit
//!   requested, with its size in bytes as stored, after gzip -9 and after brotli (quality 11);
//!   `origin` is `page` or `service-worker`;
//! - `sample <metric> <value>`: one measurement, in milliseconds or bytes.

use std::fmt::Write as _;

use super::json::Json;

/// The budgets of the issue, in one place.
pub mod limits {
    /// The first load's files, gzip -9, added up, in bytes (1 KB = 1,000 bytes).
    pub const FIRST_LOAD_GZIP: u64 = 150_000;
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
}

/// Who asked for a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The page itself, while loading and starting.
    Page,
    /// The service worker, installing itself and precaching in the background.
    ServiceWorker,
}

/// One file of a first visit.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRecord {
    /// `app` or `plain`.
    pub page: String,
    /// The path below the page's folder.
    pub path: String,
    /// html, js, wasm, css, icon, manifest or data.
    pub kind: String,
    /// Who asked for it.
    pub origin: Origin,
    /// Bytes as stored.
    pub raw: u64,
    /// Bytes after gzip -9.
    pub gzip: u64,
    /// Bytes after brotli, quality 11.
    pub brotli: u64,
}

/// Everything the browser side wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// Facts of the run, in the order written.
    pub info: Vec<(String, String)>,
    /// The files of first visits.
    pub files: Vec<FileRecord>,
    /// The samples of each metric, metrics in the order first written.
    pub samples: Vec<(String, Vec<f64>)>,
}

/// A metric's samples summed up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// How many samples.
    pub n: usize,
    /// The median (the mean of the two middle samples when `n` is even).
    pub median: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
}

impl Summary {
    /// None when there are no samples.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|value| value.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Some(Summary {
            n,
            median,
            min: sorted[0],
            max: sorted[n - 1],
        })
    }
}

impl Records {
    /// Reads the records file; an error names the line.
    pub fn parse(text: &str) -> Result<Records, String> {
        let mut records = Records::default();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| format!("line {}: {what}: {line:?}", number + 1);
            match fields.as_slice() {
                ["info", key, value] => records.info.push((key.to_string(), value.to_string())),
                ["sample", metric, value] => {
                    let value: f64 = value.parse().map_err(|_| bad("the value is not a number"))?;
                    records.push(metric, value);
                }
                ["file", page, path, kind, origin, raw, gzip, brotli] => {
                    let origin = match *origin {
                        "page" => Origin::Page,
                        "service-worker" => Origin::ServiceWorker,
                        _ => return Err(bad("the origin is neither page nor service-worker")),
                    };
                    let bytes = |text: &str| text.parse::<u64>().map_err(|_| bad("a size is not a whole number"));
                    records.files.push(FileRecord {
                        page: page.to_string(),
                        path: path.to_string(),
                        kind: kind.to_string(),
                        origin,
                        raw: bytes(raw)?,
                        gzip: bytes(gzip)?,
                        brotli: bytes(brotli)?,
                    });
                }
                _ => return Err(bad("not an info, sample or file record")),
            }
        }
        Ok(records)
    }

    fn push(&mut self, metric: &str, value: f64) {
        match self.samples.iter_mut().find(|(name, _)| name == metric) {
            Some((_, values)) => values.push(value),
            None => self.samples.push((metric.to_string(), vec![value])),
        }
    }

    /// The value of an info record.
    pub fn info(&self, key: &str) -> Option<&str> {
        self.info
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// The summary of a metric, when it was measured.
    pub fn summary(&self, metric: &str) -> Option<Summary> {
        let (_, samples) = self.samples.iter().find(|(name, _)| name == metric)?;
        Summary::of(samples)
    }

    /// The median of a metric, when it was measured.
    pub fn median(&self, metric: &str) -> Option<f64> {
        self.summary(metric).map(|summary| summary.median)
    }

    /// The distinct next segments of the metrics under `prefix/`, in the order first written:
    /// under `sort/big` they are the columns sorted.
    pub fn children(&self, prefix: &str) -> Vec<String> {
        let prefix = format!("{prefix}/");
        let mut children: Vec<String> = Vec::new();
        for (name, _) in &self.samples {
            if let Some(rest) = name.strip_prefix(&prefix) {
                let child = rest.split('/').next().unwrap_or(rest).to_string();
                if !children.contains(&child) {
                    children.push(child);
                }
            }
        }
        children
    }

    /// The page's first-visit files from `origin`.
    pub fn files_of(&self, page: &str, origin: Origin) -> Vec<&FileRecord> {
        self.files
            .iter()
            .filter(|file| file.page == page && file.origin == origin)
            .collect()
    }
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

    fn json(&self) -> Json {
        let pass = match self.verdict {
            Verdict::Pass => Json::Bool(true),
            Verdict::Fail => Json::Bool(false),
            Verdict::NotMeasured => Json::Null,
        };
        Json::object([
            ("name", Json::string(&self.name)),
            ("limit", Json::string(&self.limit)),
            ("measured", Json::string(&self.measured)),
            ("pass", pass),
        ])
    }
}

/// The budgets, checked against the records; those whose metric is missing are not measured.
pub fn budgets(records: &Records) -> Vec<Budget> {
    let mut budgets = Vec::new();
    let page_files = records.files_of("app", Origin::Page);
    let size = (!page_files.is_empty()).then(|| {
        let total: u64 = page_files.iter().map(|file| file.gzip).sum();
        (
            format!("{} in {} files", kb(total), page_files.len()),
            total <= limits::FIRST_LOAD_GZIP,
        )
    });
    budgets.push(Budget::checked(
        "first load, gzip -9, every file the page requests".into(),
        format!("≤ {}", kb(limits::FIRST_LOAD_GZIP)),
        size,
    ));
    let plain_fcp = records.median("startup/plain/fcp");
    for (name, metric, factor) in [
        (
            "interactive (painted) vs plain page's FCP",
            "startup/app/interactive",
            limits::INTERACTIVE_OVER_PLAIN_FCP,
        ),
        (
            "app's FCP vs plain page's FCP",
            "startup/app/fcp",
            limits::FCP_OVER_PLAIN_FCP,
        ),
    ] {
        let measured = match (records.median(metric), plain_fcp) {
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
    let columns = records.children("sort/big");
    if columns.is_empty() {
        budgets.push(Budget::checked(
            "sorting 10,000 rows vs DataTables".into(),
            "≤ DataTables".into(),
            None,
        ));
    }
    for column in columns {
        let app = records.median(&format!("sort/big/{column}/app"));
        let datatables = records.median(&format!("sort/big/{column}/datatables"));
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
    let charts = records.children("chart");
    if charts.is_empty() {
        budgets.push(Budget::checked(
            "chart draw at devicePixelRatio 2".into(),
            format!("< {}", ms(limits::CHART_DRAW_MS)),
            None,
        ));
    }
    for chart in charts {
        let measured = records
            .median(&format!("chart/{chart}"))
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
                .median(&format!("search/archive/{query}/{prefix}"))
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
    budgets
}

/// `(query, prefix)` of every archive search measured, in the order typed.
fn archive_prefixes(records: &Records) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for query in records.children("search/archive") {
        if query == "build" {
            continue;
        }
        for prefix in records.children(&format!("search/archive/{query}")) {
            pairs.push((query.clone(), prefix));
        }
    }
    pairs
}

/// Facts of the machine and the run, for the heading and the JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    /// When, in UTC (`2025-01-31T12:00:00Z`).
    pub date: String,
    /// Logical processors (`nproc`).
    pub nproc: usize,
    /// The CPU model from /proc/cpuinfo.
    pub cpu: String,
    /// The commit measured, and whether the work tree had changes.
    pub commit: String,
    /// Loads, clicks or calls per median.
    pub runs: usize,
    /// The one section run, if `--only` was given.
    pub only: Option<String>,
}

/// The printed table: every section measured, then the budgets.
pub fn table(run: &Run, records: &Records, budgets: &[Budget]) -> String {
    let mut out = String::new();
    let chromium = records.info("chromium").unwrap_or("unknown");
    let _ = writeln!(out, "== cargo xtask bench · {} · runs {}", run.date, run.runs);
    let _ = writeln!(
        out,
        "machine: {} cores (nproc) · {} · Chromium {chromium} · {}",
        run.nproc, run.cpu, run.commit
    );
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
    let _ = writeln!(out, "\n-- budgets");
    for budget in budgets {
        let verdict = match budget.verdict {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::NotMeasured => "----",
        };
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
/// floor and the plain page (the HTML, stylesheet and icon) are paid for.
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
    let app_fcp = records.summary("startup/app/fcp");
    let plain_fcp = records.summary("startup/plain/fcp");
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
        ("first contentful paint", "startup/app/fcp", Some("startup/plain/fcp")),
        (
            "interactive: data-ready, charts shown, painted",
            "startup/app/interactive",
            None,
        ),
        ("  the same, before that frame is painted", "startup/app/ready", None),
    ];
    for (label, app_metric, plain_metric) in rows {
        let app = records.summary(app_metric);
        let plain_cell = plain_metric.and_then(|metric| records.summary(metric));
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
        ("index.html received", "startup/app/html"),
        ("first contentful paint", "startup/app/fcp"),
        ("WebAssembly received", "startup/app/wasm"),
        ("WebAssembly started (TrunkApplicationStarted)", "startup/app/started"),
        ("html[data-ready] set", "startup/app/data-ready"),
        ("interactive, painted", "startup/app/interactive"),
        (
            "every canvas drawn (in the browser's idle time)",
            "startup/app/canvases-drawn",
        ),
    ] {
        if let Some(summary) = records.summary(metric) {
            let _ = writeln!(out, "    {label:<46}  {:>22}", spread(Some(summary)));
        }
    }
}

fn sorting(out: &mut String, records: &Records) {
    let tables = records.children("sort/issue");
    let big = records.children("sort/big");
    if tables.is_empty() && big.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n-- sorting: click on a header → next frame painted with the new first row (clicks alternate two columns)"
    );
    for table in tables {
        let rows = records.info(&format!("rows/{table}")).unwrap_or("?");
        for column in records.children(&format!("sort/issue/{table}")) {
            let prefix = format!("sort/issue/{table}/{column}");
            let _ = writeln!(
                out,
                "  issue's largest table {table} ({rows} rows), by {column:<12}  {:>22}   (DOM updated {})",
                spread(records.summary(&format!("{prefix}/app"))),
                spread(records.summary(&format!("{prefix}/app-dom")))
            );
        }
    }
    if big.is_empty() {
        return;
    }
    let datatables = records.info("datatables").unwrap_or("?");
    let _ = writeln!(
        out,
        "  10,000 rows × 6 columns        {:>22}  {:>22}  {:>10}",
        "app (renders 80 rows)",
        format!("DataTables {datatables}"),
        "app ÷ DT"
    );
    for column in big {
        let prefix = format!("sort/big/{column}");
        let app = records.summary(&format!("{prefix}/app"));
        let dt = records.summary(&format!("{prefix}/datatables"));
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
            spread(records.summary(&format!("{prefix}/app-dom"))),
            spread(records.summary(&format!("{prefix}/datatables-dom")))
        );
        if let Some(chart) = records.summary(&format!("{prefix}/app-chart")) {
            let _ = writeln!(out, "      of which the app's chart redraw {:>18}", spread(Some(chart)));
        }
    }
    let _ = writeln!(
        out,
        "  DataTables with its defaults: 10 rows a page, search box, its own type detection; no stylesheet."
    );
}

fn charts(out: &mut String, records: &Records) {
    let charts = records.children("chart");
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
            spread(records.summary(&format!("chart-setup/{chart}"))),
            spread(records.summary(&format!("chart/{chart}"))),
            spread(records.summary(&format!("chart-redraw/{chart}")))
        );
    }
    let _ = writeln!(
        out,
        "  canvas set-up (measure chart-setup:<id>): the browser's one-off work for a new canvas, its\n  backing store and the chart's fonts, in an idle task of its own before the first draw"
    );
}

fn search(out: &mut String, records: &Records) {
    let keystroke = records.summary("search/issue/keystroke");
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
            spread(records.summary("search/issue/first-keystroke"))
        );
    }
    if prefixes.is_empty() {
        return;
    }
    let copies = records.info("archive-copies").unwrap_or("?");
    let passages = records.info("archive-passages").unwrap_or("?");
    let _ = writeln!(
        out,
        "  archive of {copies} issues ({passages} passages), index.search in WebAssembly, built in {}",
        spread(records.summary("search/archive/build"))
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
            spread(records.summary(&format!("search/archive/{query}/{prefix}")))
        );
    }
}

fn memory(out: &mut String, records: &Records) {
    let pages = records.children("memory");
    if pages.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n-- memory after load (after a forced garbage collection; medians)"
    );
    for page in pages {
        let heap = records.median(&format!("memory/{page}/js-heap"));
        let wasm = records.median(&format!("memory/{page}/wasm"));
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

/// The results as JSON: the run, the files, every metric with its samples, the budgets.
pub fn json(run: &Run, records: &Records, budgets: &[Budget]) -> Json {
    let files = records
        .files
        .iter()
        .map(|file| {
            Json::object([
                ("page", Json::string(&file.page)),
                ("path", Json::string(&file.path)),
                ("kind", Json::string(&file.kind)),
                (
                    "origin",
                    Json::string(match file.origin {
                        Origin::Page => "page",
                        Origin::ServiceWorker => "service-worker",
                    }),
                ),
                ("raw", Json::Number(file.raw as f64)),
                ("gzip", Json::Number(file.gzip as f64)),
                ("brotli", Json::Number(file.brotli as f64)),
            ])
        })
        .collect();
    let metrics = records
        .samples
        .iter()
        .map(|(name, samples)| {
            let summary = Summary::of(samples);
            let value = Json::object([
                ("n", Json::Number(summary.map_or(0.0, |s| s.n as f64))),
                ("median", Json::maybe(summary.map(|s| s.median))),
                ("min", Json::maybe(summary.map(|s| s.min))),
                ("max", Json::maybe(summary.map(|s| s.max))),
                (
                    "samples",
                    Json::Array(samples.iter().map(|v| Json::Number(*v)).collect()),
                ),
            ]);
            (name.clone(), value)
        })
        .collect();
    let info = records
        .info
        .iter()
        .map(|(key, value)| (key.clone(), Json::string(value)))
        .collect();
    Json::object([
        ("date", Json::string(&run.date)),
        (
            "machine",
            Json::object([
                ("nproc", Json::Number(run.nproc as f64)),
                ("cpu", Json::string(&run.cpu)),
                ("chromium", Json::string(records.info("chromium").unwrap_or("unknown"))),
            ]),
        ),
        ("commit", Json::string(&run.commit)),
        ("runs", Json::Number(run.runs as f64)),
        ("only", run.only.as_ref().map_or(Json::Null, Json::string)),
        (
            "units",
            Json::string("times in ms since navigation start or per action; sizes and memory in bytes"),
        ),
        ("info", Json::Object(info)),
        ("files", Json::Array(files)),
        ("metrics", Json::Object(metrics)),
        ("budgets", Json::Array(budgets.iter().map(Budget::json).collect())),
    ])
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

fn ms(value: f64) -> String {
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

    #[track_caller]
    fn check_median(samples: &[f64], expected: f64) {
        assert_eq!(Summary::of(samples).map(|summary| summary.median), Some(expected));
    }

    #[test]
    fn medians() {
        check_median(&[3.0, 1.0, 2.0], 2.0);
        check_median(&[4.0, 1.0, 3.0, 2.0], 2.5);
        check_median(&[5.0], 5.0);
        check_median(&[f64::NAN, 1.0, 9.0], 5.0);
        assert_eq!(Summary::of(&[]), None);
    }

    fn records(text: &str) -> Records {
        Records::parse(text).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn records_are_read_by_kind() {
        let read = records(
            "info\tchromium\t156.0\nsample\tchart/a\t2.5\nsample\tchart/a\t3.5\n\
             file\tapp\tindex.html\thtml\tpage\t1000\t300\t250\n",
        );
        assert_eq!(read.info("chromium"), Some("156.0"));
        assert_eq!(read.median("chart/a"), Some(3.0));
        assert_eq!(read.files.len(), 1);
        assert_eq!(read.files[0].origin, Origin::Page);
        assert_eq!(read.files[0].gzip, 300);
    }

    #[test]
    fn a_bad_record_names_its_line() {
        let error = Records::parse("info\ta\tb\nsample\tx\tfast\n").err();
        assert_eq!(
            error.as_deref(),
            Some("line 2: the value is not a number: \"sample\\tx\\tfast\"")
        );
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
                "gzip: the floor and the plain page together are 106.0 KB, which leaves 44.0 KB of the \
                 150.0 KB budget for the viewer's own code and data; they take 124.0 KB"
            )
        );
        assert_eq!(floor_line(&records("file\tapp\ta.wasm\twasm\tpage\t1\t1\t1\n")), None);
    }

    #[test]
    fn children_keep_their_order() {
        let read = records(
            "sample\tsort/big/지원액/app\t1\nsample\tsort/big/기관/app\t1\nsample\tsort/big/지원액/datatables\t1\n",
        );
        assert_eq!(read.children("sort/big"), ["지원액", "기관"]);
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
             sample\tsearch/archive/충전/충\t15.9\n",
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
    }

    #[test]
    fn missing_sections_are_not_measured() {
        let checked = budgets(&Records::default());
        assert!(checked.iter().all(|budget| budget.verdict == Verdict::NotMeasured));
        assert_eq!(checked.len(), 6);
    }

    #[test]
    fn sizes_in_kilobytes_of_a_thousand_bytes() {
        assert_eq!(kb(150_000), "150.0 KB");
        assert_eq!(kb(123_456), "123.5 KB");
    }
}
