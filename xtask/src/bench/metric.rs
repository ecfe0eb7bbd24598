//! Every name a bench record may carry, in one list ([`ALL`]). `cargo xtask dist` writes the
//! list into the facts file, tests/bench/bench.mjs takes every name it records from there and
//! refuses one that is not in it, and [`super::records`] refuses a record whose name is not in
//! it; the xtask looks measurements up by these constants. So a misspelt name is an error on
//! either side, not a budget quietly "not measured".
//!
//! A name is a template of `/`-separated segments; a segment `{…}` stands for one segment the
//! browser side fills in (a table id, a column's label, a query), which holds no `/`.

use serde::Serialize;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A `sample` record: one measurement of a metric, in milliseconds or bytes.
    Sample,
    /// An `info` record: a fact of the run.
    Info,
}

/// One record name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    /// Sample or info.
    pub kind: Kind,
    /// The name, with `{…}` for each segment filled in when it is recorded.
    pub template: &'static str,
}

/// Declares each name as a constant and [`ALL`] as the list of them, so the list cannot miss one.
macro_rules! names {
    ($($(#[doc = $doc:literal])* $constant:ident: $kind:ident $template:literal,)*) => {
        $($(#[doc = $doc])* pub const $constant: Name = Name { kind: Kind::$kind, template: $template };)*
        /// Every name a record may carry, in the order declared.
        pub const ALL: &[Name] = &[$($constant),*];
    };
}

names! {
    /// The app's first contentful paint, ms since navigation start.
    STARTUP_APP_FCP: Sample "startup/app/fcp",
    /// Interactive: the frame after data-ready and every chart shown has been painted.
    STARTUP_APP_INTERACTIVE: Sample "startup/app/interactive",
    /// Interactive, before that frame is painted.
    STARTUP_APP_READY: Sample "startup/app/ready",
    /// index.html received.
    STARTUP_APP_HTML: Sample "startup/app/html",
    /// The WebAssembly received.
    STARTUP_APP_WASM: Sample "startup/app/wasm",
    /// The WebAssembly started (trunk's `TrunkApplicationStarted`).
    STARTUP_APP_STARTED: Sample "startup/app/started",
    /// `html[data-ready]` set.
    STARTUP_APP_DATA_READY: Sample "startup/app/data-ready",
    /// Every chart shown, as SVG or drawn on its canvas.
    STARTUP_APP_CHARTS_DRAWN: Sample "startup/app/charts-drawn",
    /// Every canvas drawn, in the browser's idle time.
    STARTUP_APP_CANVASES_DRAWN: Sample "startup/app/canvases-drawn",
    /// The longest task that ran the viewer's scripts or WebAssembly in a start-up on a phone's
    /// screen at 4× CPU slowdown, ms.
    STARTUP_APP_LONGEST_TASK: Sample "startup/app/longest-task",
    /// The same, in a start-up at a link into the issue (a sorted table's).
    STARTUP_LINK_LONGEST_TASK: Sample "startup/link/longest-task",
    /// The plain page's first contentful paint.
    STARTUP_PLAIN_FCP: Sample "startup/plain/fcp",
    /// The plain page's HTML received.
    STARTUP_PLAIN_HTML: Sample "startup/plain/html",
    /// A click on a header of the issue's largest table, to the new order painted.
    SORT_ISSUE_APP: Sample "sort/issue/{table}/{column}/app",
    /// The same click, to the DOM updated.
    SORT_ISSUE_APP_DOM: Sample "sort/issue/{table}/{column}/app-dom",
    /// The chart's redraw after that click.
    SORT_ISSUE_APP_CHART: Sample "sort/issue/{table}/{column}/app-chart",
    /// A click on a header of the 10,000-row table, to the new order painted.
    SORT_BIG_APP: Sample "sort/big/{column}/app",
    /// The same click, to the DOM updated.
    SORT_BIG_APP_DOM: Sample "sort/big/{column}/app-dom",
    /// The chart's redraw after that click.
    SORT_BIG_APP_CHART: Sample "sort/big/{column}/app-chart",
    /// DataTables sorting the same rows by the same column, to the new order painted.
    SORT_BIG_DATATABLES: Sample "sort/big/{column}/datatables",
    /// DataTables' click, to the DOM updated.
    SORT_BIG_DATATABLES_DOM: Sample "sort/big/{column}/datatables-dom",
    /// A chart's first draw on its canvas, on load.
    CHART_DRAW: Sample "chart/{chart}",
    /// A chart's canvas set-up before its first draw.
    CHART_SETUP: Sample "chart-setup/{chart}",
    /// A chart's redraw after the window is resized.
    CHART_REDRAW: Sample "chart-redraw/{chart}",
    /// A keystroke in the issue's search box, to the results painted.
    SEARCH_ISSUE_KEYSTROKE: Sample "search/issue/keystroke",
    /// The first keystroke of a query (it opens the panel).
    SEARCH_ISSUE_FIRST_KEYSTROKE: Sample "search/issue/first-keystroke",
    /// Building the synthetic archive's search index.
    SEARCH_ARCHIVE_BUILD: Sample "search/archive/build",
    /// One prefix of a query searched in the archive.
    SEARCH_ARCHIVE_PREFIX: Sample "search/archive/{query}/{prefix}",
    /// The JS heap after load, in bytes.
    MEMORY_JS_HEAP: Sample "memory/{page}/js-heap",
    /// The WebAssembly memory after load, in bytes.
    MEMORY_WASM: Sample "memory/{page}/wasm",
    /// Lighthouse's performance score, 0 to 1, mobile profile.
    LIGHTHOUSE_PERFORMANCE: Sample "lighthouse/{page}/performance",
    /// Lighthouse's SEO score, 0 to 1.
    LIGHTHOUSE_SEO: Sample "lighthouse/{page}/seo",
    /// Lighthouse's first contentful paint, ms, simulated.
    LIGHTHOUSE_FCP: Sample "lighthouse/{page}/fcp",
    /// Lighthouse's largest contentful paint, ms, simulated.
    LIGHTHOUSE_LCP: Sample "lighthouse/{page}/lcp",
    /// Lighthouse's total blocking time, ms, simulated.
    LIGHTHOUSE_TBT: Sample "lighthouse/{page}/tbt",
    /// Lighthouse's time to interactive, ms, simulated.
    LIGHTHOUSE_TTI: Sample "lighthouse/{page}/tti",
    /// The Chromium version.
    INFO_CHROMIUM: Info "chromium",
    /// The Lighthouse version.
    INFO_LIGHTHOUSE: Info "lighthouse",
    /// The element Lighthouse took for a page's largest contentful paint, with its phases.
    INFO_LCP_ELEMENT: Info "lcp-element/{page}",
    /// What the longest start-up task of each traced phone start-up did: `ms: kinds of work`,
    /// one load after another, separated by `; `.
    INFO_LONGEST_TASK: Info "longest-task",
    /// The same for the start-ups at a link.
    INFO_LONGEST_TASK_LINK: Info "longest-task-link",
    /// The link those start-ups opened (`#/table/…?sort=…`).
    INFO_LINK: Info "link",
    /// How many chart canvases the issue's page has.
    INFO_CHARTS_ON_LOAD: Info "charts-on-load",
    /// The rows of a table the sort section clicked.
    INFO_ROWS: Info "rows/{table}",
    /// The DataTables version.
    INFO_DATATABLES: Info "datatables",
    /// How many times a chart was drawn by the time the page was interactive.
    INFO_CHART_DRAWS_ON_LOAD: Info "chart-draws-on-load/{chart}",
    /// How many issues the search archive holds.
    INFO_ARCHIVE_COPIES: Info "archive-copies",
    /// How many passages the search archive holds.
    INFO_ARCHIVE_PASSAGES: Info "archive-passages",
    /// How many passages a whole query matches in the archive.
    INFO_ARCHIVE_MATCHES: Info "archive-matches/{query}",
    /// Building a synthetic archive of `{issues}` issues with `cargo xtask dist`, wall time.
    ARCHIVE_BUILD: Sample "archive/{issues}/build",
    /// The bytes of that build's `dist/` folder.
    ARCHIVE_DIST_BYTES: Sample "archive/{issues}/dist-bytes",
    /// What its worker keeps by default, raw bytes: shell, newest, catalog or search.
    ARCHIVE_OFFLINE: Sample "archive/{issues}/offline/{part}",
    /// The same, gzip -9.
    ARCHIVE_OFFLINE_GZIP: Sample "archive/{issues}/offline-gzip/{part}",
    /// The newest issue's page (index.html): first contentful paint.
    ARCHIVE_NEWEST_FCP: Sample "archive/{issues}/newest/fcp",
    /// The oldest issue's page: first contentful paint.
    ARCHIVE_OLD_FCP: Sample "archive/{issues}/old-issue/fcp",
    /// The oldest issue's page: `html[data-ready]` set.
    ARCHIVE_OLD_READY: Sample "archive/{issues}/old-issue/ready",
    /// The oldest issue's page without scripts: first contentful paint.
    ARCHIVE_PLAIN_FCP: Sample "archive/{issues}/plain/fcp",
    /// A list view (`archive` or `tables`) opened the first time, catalog fetched, to painted.
    ARCHIVE_VIEW_FIRST: Sample "archive/{issues}/view/{list}/first",
    /// A list view opened again, from navigation to the list in the DOM.
    ARCHIVE_VIEW_RENDERED: Sample "archive/{issues}/view/{list}/rendered",
    /// A list view opened again, from navigation to the frame after the list, painted.
    ARCHIVE_VIEW_PAINTED: Sample "archive/{issues}/view/{list}/painted",
    /// Fetching and indexing the search bundle, from the first keystroke to every issue searched.
    ARCHIVE_SEARCH_READY: Sample "archive/{issues}/search-ready",
    /// A keystroke in the search box over every issue, to the results in the DOM.
    ARCHIVE_KEYSTROKE_RENDERED: Sample "archive/{issues}/keystroke/rendered",
    /// The same keystroke, to the frame after the results, painted.
    ARCHIVE_KEYSTROKE_PAINTED: Sample "archive/{issues}/keystroke/painted",
}

impl Name {
    /// The name with `values` in its `{…}` segments, in order.
    pub fn with(self, values: &[&str]) -> String {
        let mut values = values.iter();
        let segments: Vec<&str> = self
            .template
            .split('/')
            .map(|segment| {
                if is_slot(segment) {
                    values.next().copied().unwrap_or(segment)
                } else {
                    segment
                }
            })
            .collect();
        segments.join("/")
    }

    /// The values `name` puts in this name's `{…}` segments, or None when it is not this name.
    pub fn values_in(self, name: &str) -> Option<Vec<&str>> {
        let template: Vec<&str> = self.template.split('/').collect();
        let segments: Vec<&str> = name.split('/').collect();
        if template.len() != segments.len() {
            return None;
        }
        let mut values = Vec::new();
        for (pattern, segment) in template.iter().zip(segments) {
            if is_slot(pattern) {
                if segment.is_empty() {
                    return None;
                }
                values.push(segment);
            } else if *pattern != segment {
                return None;
            }
        }
        Some(values)
    }
}

/// Whether `name` is one of the names of this kind, filled in.
pub fn is_known(kind: Kind, name: &str) -> bool {
    ALL.iter()
        .any(|known| known.kind == kind && known.values_in(name).is_some())
}

fn is_slot(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_filled_in_and_read_back() {
        assert_eq!(SORT_BIG_APP.with(&["지원액"]), "sort/big/지원액/app");
        assert_eq!(
            SEARCH_ARCHIVE_PREFIX.with(&["충전 인프라", "충전"]),
            "search/archive/충전 인프라/충전"
        );
        assert_eq!(STARTUP_PLAIN_FCP.with(&[]), "startup/plain/fcp");
        assert_eq!(SORT_BIG_APP.values_in("sort/big/지원액/app"), Some(vec!["지원액"]));
        assert_eq!(SORT_BIG_APP.values_in("sort/big/지원액/datatables"), None);
        assert_eq!(SORT_BIG_APP.values_in("sort/big//app"), None);
        assert_eq!(CHART_DRAW.values_in("chart/a/b"), None);
    }

    #[test]
    fn only_listed_names_are_known() {
        assert!(is_known(Kind::Sample, "chart/nsfc-programs"));
        assert!(is_known(Kind::Sample, "search/archive/build"));
        assert!(is_known(Kind::Info, "rows/nsfc-major-plans"));
        assert!(
            !is_known(Kind::Info, "chart/nsfc-programs"),
            "a sample's name is no info's"
        );
        assert!(!is_known(Kind::Sample, "startup/app/fcpp"));
        assert!(!is_known(Kind::Sample, "chart-draw/nsfc-programs"));
    }

    #[test]
    fn every_name_is_listed_once() {
        for (index, name) in ALL.iter().enumerate() {
            assert!(
                ALL[..index].iter().all(|earlier| earlier.template != name.template),
                "{} is listed twice",
                name.template
            );
            // A filled-in name is read back as only itself, so no two templates overlap.
            let filled = name.with(&["x", "y"]);
            let readers: Vec<&str> = ALL
                .iter()
                .filter(|other| other.values_in(&filled).is_some())
                .map(|other| other.template)
                .collect();
            assert_eq!(readers, [name.template], "{filled}");
        }
    }
}
