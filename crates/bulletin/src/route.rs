//! Hash routes: every view of the issue has a link, and every link opens its view.
//!
//! Routes live in the location hash (`#/table/nsfc-programs?sort=funding:desc`), so any
//! static host, any sub-path and `file://` serve every page. [`Route::parse`] never fails:
//! anything it cannot read becomes [`Route::NotFound`], or a route plus the
//! [`RouteProblem`]s it ignored, so a garbled link degrades to a sensible view and the
//! reader is told. Ids are checked against the issue later, by the viewer.
//!
//! | hash | view |
//! |---|---|
//! | `#/` | the whole issue |
//! | `#/summary`, `#/colophon` | the issue, at that section |
//! | `#/part/<id>`, `#/article/<id>`, `#/brief/<id>`, `#/figure/<id>` | the issue, at that piece |
//! | `#/table/<id>?sort=<col>:<asc\|desc>,…&filter=<text>&metric=<col>` | the issue, at that table in that state |
//! | `#/search?q=<text>` | search results, across every issue |
//! | `#/archive?q=<text>` | every issue, by year and month, filtered |
//! | `#/tables?q=<text>` | every table of every issue, filtered |
//! | `#/embed/table/<id>?…` | a table with its chart, for an iframe |
//! | `#/embed/table-only/<id>?…`, `#/embed/chart/<id>?…`, `#/embed/article/<id>` | a table alone, a chart alone or an article, for an iframe |
//!
//! An embed address, once a build has handed it out, keeps showing what it showed:
//! `#/embed/table/<id>` has always shown the table with its chart, so the table alone has an
//! address of its own.
//!
//! Which issue a route shows is the page's business (`crate::address`): each issue has a page
//! of its own, and a hash may name an issue by date in front of the route (`#/2023-06-30/…`).

use core::fmt::Write as _;

use crate::model::{ColumnId, Table};
use crate::sort::{Direction, SortKey, SortState};

/// A view of the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Route {
    /// The whole issue from the top.
    #[default]
    Issue,
    /// The summary (요약).
    Summary,
    /// The colophon.
    Colophon,
    /// A part (I, II, III).
    Part(String),
    /// An article.
    Article(String),
    /// A brief item.
    Brief(String),
    /// A table, in a given state.
    Table(String, TableView),
    /// A figure.
    Figure(String),
    /// Search results for a query, across every issue.
    Search(String),
    /// The archive: every issue, filtered by the text.
    Archive(String),
    /// Every table of every issue, filtered by the text.
    Tables(String),
    /// One piece alone, for embedding.
    Embed(Embed),
    /// Anything else; holds the hash as given.
    NotFound(String),
}

/// What an embed route shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Embed {
    /// A table with its controls, and its chart when it has one (`#/embed/table/<id>`).
    Table(String, TableView),
    /// A table with its controls, without its chart (`#/embed/table-only/<id>`).
    TableOnly(String, TableView),
    /// A table's chart.
    Chart(String, TableView),
    /// An article.
    Article(String),
}

/// The reader's state of a table, as a link carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableView {
    /// Sort keys by column id, primary first.
    pub sort: Vec<(String, Direction)>,
    /// The filter text.
    pub filter: String,
    /// The chart's metric, by column id.
    pub metric: Option<String>,
}

/// A part of a link that was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteProblem {
    /// A sort key that is not `column:asc` or `column:desc`.
    BadSortKey(String),
    /// A query parameter this route does not take.
    UnknownParameter(String),
}

/// A parsed route and what was ignored in reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRoute {
    /// The route.
    pub route: Route,
    /// What the link held that the route ignored.
    pub problems: Vec<RouteProblem>,
}

impl Route {
    /// Reads a location hash (with or without its `#`).
    pub fn parse(hash: &str) -> ParsedRoute {
        let raw = hash.strip_prefix('#').unwrap_or(hash);
        let mut problems = Vec::new();
        let Some(path_and_query) = raw.strip_prefix('/') else {
            let route = if raw.is_empty() {
                Route::Issue
            } else {
                Route::NotFound(hash.to_string())
            };
            return ParsedRoute { route, problems };
        };
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        let segments: Vec<String> = path
            .split('/')
            .filter(|segment| !segment.is_empty())
            .map(percent_decode)
            .collect();
        let parameters = parse_query(query);
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let not_found = || Route::NotFound(hash.to_string());
        let route = match segments.as_slice() {
            [] => Route::Issue,
            ["summary"] => Route::Summary,
            ["colophon"] => Route::Colophon,
            ["part", id] => Route::Part(id.to_string()),
            ["article", id] => Route::Article(id.to_string()),
            ["brief", id] => Route::Brief(id.to_string()),
            ["figure", id] => Route::Figure(id.to_string()),
            ["table", id] => Route::Table(id.to_string(), table_view(&parameters, &mut problems)),
            ["search"] => Route::Search(text_parameter(&parameters, &mut problems)),
            ["archive"] => Route::Archive(text_parameter(&parameters, &mut problems)),
            ["tables"] => Route::Tables(text_parameter(&parameters, &mut problems)),
            ["embed", "table", id] => {
                Route::Embed(Embed::Table(id.to_string(), table_view(&parameters, &mut problems)))
            }
            ["embed", "table-only", id] => {
                Route::Embed(Embed::TableOnly(id.to_string(), table_view(&parameters, &mut problems)))
            }
            ["embed", "chart", id] => {
                Route::Embed(Embed::Chart(id.to_string(), table_view(&parameters, &mut problems)))
            }
            ["embed", "article", id] => Route::Embed(Embed::Article(id.to_string())),
            _ => not_found(),
        };
        let takes_parameters = matches!(
            route,
            Route::Table(..)
                | Route::Search(_)
                | Route::Archive(_)
                | Route::Tables(_)
                | Route::Embed(Embed::Table(..) | Embed::TableOnly(..) | Embed::Chart(..))
        );
        if !takes_parameters && !matches!(route, Route::NotFound(_)) {
            problems.extend(
                parameters
                    .into_iter()
                    .map(|(key, _)| RouteProblem::UnknownParameter(key)),
            );
        }
        ParsedRoute { route, problems }
    }

    /// The hash that opens this route, with its `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Issue => "#/".to_string(),
            Route::Summary => "#/summary".to_string(),
            Route::Colophon => "#/colophon".to_string(),
            Route::Part(id) => format!("#/part/{}", percent_encode(id)),
            Route::Article(id) => format!("#/article/{}", percent_encode(id)),
            Route::Brief(id) => format!("#/brief/{}", percent_encode(id)),
            Route::Figure(id) => format!("#/figure/{}", percent_encode(id)),
            Route::Table(id, view) => format!("#/table/{}{}", percent_encode(id), view.to_query()),
            Route::Search(query) if query.is_empty() => "#/search".to_string(),
            Route::Search(query) => format!("#/search?q={}", percent_encode(query)),
            Route::Archive(query) if query.is_empty() => "#/archive".to_string(),
            Route::Archive(query) => format!("#/archive?q={}", percent_encode(query)),
            Route::Tables(query) if query.is_empty() => "#/tables".to_string(),
            Route::Tables(query) => format!("#/tables?q={}", percent_encode(query)),
            Route::Embed(Embed::Table(id, view)) => format!("#/embed/table/{}{}", percent_encode(id), view.to_query()),
            Route::Embed(Embed::TableOnly(id, view)) => {
                format!("#/embed/table-only/{}{}", percent_encode(id), view.to_query())
            }
            Route::Embed(Embed::Chart(id, view)) => format!("#/embed/chart/{}{}", percent_encode(id), view.to_query()),
            Route::Embed(Embed::Article(id)) => format!("#/embed/article/{}", percent_encode(id)),
            Route::NotFound(hash) => hash.clone(),
        }
    }

    /// The id of the element this route scrolls to in the issue view, if any.
    pub fn anchor(&self) -> Option<&str> {
        match self {
            Route::Summary => Some("summary"),
            Route::Colophon => Some("colophon"),
            Route::Part(id) | Route::Article(id) | Route::Brief(id) | Route::Figure(id) | Route::Table(id, _) => {
                Some(id)
            }
            _ => None,
        }
    }

    /// The address to put in place of `current` when table `id` changes to `view`: when the
    /// address is a link to that table, it follows the reader's changes, so that the address
    /// bar and a reload give what is shown; any other address (the issue, an article, an embed)
    /// stays as it is, and so does one that says `view` already.
    pub fn follow_table(current: &str, id: &str, view: TableView) -> Option<String> {
        let here = matches!(Route::parse(current).route, Route::Table(shown, _) if shown == id);
        let hash = Route::Table(id.to_string(), view).to_hash();
        (here && current != hash).then_some(hash)
    }

    /// The route of the contents' link that leads where this route does, which the contents
    /// mark as where the reader is: a table's link with a sort or filter is still that table's;
    /// none for a route that no link in the contents leads to.
    pub fn contents_entry(&self) -> Option<Route> {
        match self {
            Route::Table(id, _) => Some(Route::Table(id.clone(), TableView::default())),
            Route::Summary
            | Route::Colophon
            | Route::Part(_)
            | Route::Article(_)
            | Route::Brief(_)
            | Route::Figure(_) => Some(self.clone()),
            _ => None,
        }
    }
}

/// The `q` parameter of a search, archive or tables route; any other parameter is a problem.
fn text_parameter(parameters: &[(String, String)], problems: &mut Vec<RouteProblem>) -> String {
    let mut text = None;
    for (key, value) in parameters {
        if key == "q" {
            text.get_or_insert_with(|| value.clone());
        } else {
            problems.push(RouteProblem::UnknownParameter(key.clone()));
        }
    }
    text.unwrap_or_default()
}

impl Route {
    /// Whether the route is a view across every issue (search, archive, tables) rather than
    /// a view of one issue.
    pub fn is_across_issues(&self) -> bool {
        matches!(self, Route::Search(_) | Route::Archive(_) | Route::Tables(_))
    }
}

impl TableView {
    /// `?sort=…&filter=…&metric=…`, or nothing for the printed state.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.sort.is_empty() {
            let keys: Vec<String> = self
                .sort
                .iter()
                .map(|(column, direction)| format!("{}:{}", percent_encode(column), direction.as_str()))
                .collect();
            parts.push(format!("sort={}", keys.join(",")));
        }
        if !self.filter.is_empty() {
            parts.push(format!("filter={}", percent_encode(&self.filter)));
        }
        if let Some(metric) = &self.metric {
            parts.push(format!("metric={}", percent_encode(metric)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// A link's table state checked against the table it names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResolvedView {
    /// The sort, with unknown columns left out.
    pub sort: SortState,
    /// The filter text.
    pub filter: String,
    /// The chart metric, when it names a measured column.
    pub metric: Option<ColumnId>,
    /// What the link named that the table does not have, as written in the link.
    pub ignored: Vec<String>,
}

impl TableView {
    /// Checks the view against `table`: unknown columns and non-numeric metrics are ignored
    /// and listed, so the reader can be told.
    pub fn resolve(&self, table: &Table) -> ResolvedView {
        let mut ignored = Vec::new();
        let mut keys = Vec::new();
        for (column_id, direction) in &self.sort {
            match table.column(column_id) {
                Some(column) => keys.push(SortKey {
                    column,
                    direction: *direction,
                }),
                None => ignored.push(format!("sort={column_id}:{}", direction.as_str())),
            }
        }
        let metric = self.metric.as_ref().and_then(|metric| {
            let column = table
                .column(metric)
                .filter(|column| table.columns[column.index()].kind.is_measure());
            if column.is_none() {
                ignored.push(format!("metric={metric}"));
            }
            column
        });
        ResolvedView {
            sort: SortState::new(keys),
            filter: self.filter.clone(),
            metric,
            ignored,
        }
    }

    /// The view that reproduces a table's state in a link.
    pub fn from_state(table: &Table, sort: &SortState, filter: &str, metric: Option<ColumnId>) -> TableView {
        let column_id = |column: ColumnId| table.columns.get(column.index()).map(|column| column.id.to_string());
        TableView {
            sort: sort
                .keys()
                .iter()
                .filter_map(|key| Some((column_id(key.column)?, key.direction)))
                .collect(),
            filter: filter.to_string(),
            metric: metric.and_then(column_id),
        }
    }
}

fn table_view(parameters: &[(String, String)], problems: &mut Vec<RouteProblem>) -> TableView {
    let mut view = TableView::default();
    for (key, value) in parameters {
        match key.as_str() {
            "sort" => {
                for item in value.split(',').filter(|item| !item.is_empty()) {
                    let parsed = item.split_once(':').and_then(|(column, direction)| {
                        let direction = Direction::parse(direction)?;
                        (!column.is_empty()).then(|| (column.to_string(), direction))
                    });
                    match parsed {
                        Some(key) if !view.sort.iter().any(|(column, _)| *column == key.0) => view.sort.push(key),
                        _ => problems.push(RouteProblem::BadSortKey(item.to_string())),
                    }
                }
            }
            "filter" => view.filter = value.clone(),
            "metric" if !value.is_empty() => view.metric = Some(value.clone()),
            _ => problems.push(RouteProblem::UnknownParameter(key.clone())),
        }
    }
    view
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// Decodes `%XX` escapes; invalid escapes and invalid UTF-8 are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                index += 3;
                continue;
            }
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Encodes everything but unreserved characters, as `encodeURIComponent` does.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(hash: &str, expected: Route) {
        let parsed = Route::parse(hash);
        assert_eq!(parsed.route, expected, "{hash}");
        assert_eq!(parsed.problems, [], "{hash}");
    }

    fn view(sort: &[(&str, Direction)], filter: &str, metric: Option<&str>) -> TableView {
        TableView {
            sort: sort
                .iter()
                .map(|(column, direction)| (column.to_string(), *direction))
                .collect(),
            filter: filter.to_string(),
            metric: metric.map(str::to_string),
        }
    }

    #[test]
    fn plain_routes() {
        check("", Route::Issue);
        check("#", Route::Issue);
        check("#/", Route::Issue);
        check("#/summary", Route::Summary);
        check("#/colophon/", Route::Colophon);
        check("#/part/policy", Route::Part("policy".into()));
        check("#/article/nsfc-2022", Route::Article("nsfc-2022".into()));
        check("#/brief/hubei-synbio-park", Route::Brief("hubei-synbio-park".into()));
        check("#/figure/ev-chargers", Route::Figure("ev-chargers".into()));
        check(
            "#/embed/article/tumor-vaccine",
            Route::Embed(Embed::Article("tumor-vaccine".into())),
        );
    }

    #[test]
    fn table_state_in_the_link() {
        check(
            "#/table/nsfc-programs",
            Route::Table("nsfc-programs".into(), TableView::default()),
        );
        check(
            "#/table/nsfc-programs?sort=funding:desc",
            Route::Table(
                "nsfc-programs".into(),
                view(&[("funding", Direction::Descending)], "", None),
            ),
        );
        check(
            "#/table/nsfc-programs?sort=funding:desc,program:asc&filter=%EA%B8%B0%EA%B8%88&metric=projects",
            Route::Table(
                "nsfc-programs".into(),
                view(
                    &[("funding", Direction::Descending), ("program", Direction::Ascending)],
                    "기금",
                    Some("projects"),
                ),
            ),
        );
        check(
            "#/embed/chart/hurun-top10?sort=overall:asc",
            Route::Embed(Embed::Chart(
                "hurun-top10".into(),
                view(&[("overall", Direction::Ascending)], "", None),
            )),
        );
    }

    #[test]
    fn the_three_table_embeds_have_addresses_of_their_own() {
        let sorted = || view(&[("funding", Direction::Descending)], "기금", None);
        // Minted before the table had an address of its own: the table with its chart.
        check(
            "#/embed/table/nsfc-programs?sort=funding:desc&filter=%EA%B8%B0%EA%B8%88",
            Route::Embed(Embed::Table("nsfc-programs".into(), sorted())),
        );
        check(
            "#/embed/table-only/nsfc-programs?sort=funding:desc&filter=%EA%B8%B0%EA%B8%88",
            Route::Embed(Embed::TableOnly("nsfc-programs".into(), sorted())),
        );
        check(
            "#/embed/chart/nsfc-programs?sort=funding:desc&filter=%EA%B8%B0%EA%B8%88",
            Route::Embed(Embed::Chart("nsfc-programs".into(), sorted())),
        );
        assert_eq!(
            Route::Embed(Embed::TableOnly("nsfc-programs".into(), sorted())).to_hash(),
            "#/embed/table-only/nsfc-programs?sort=funding:desc&filter=%EA%B8%B0%EA%B8%88"
        );
        let parsed = Route::parse("#/embed/table-only/t?x=1");
        assert_eq!(
            parsed.route,
            Route::Embed(Embed::TableOnly("t".into(), TableView::default()))
        );
        assert_eq!(parsed.problems, [RouteProblem::UnknownParameter("x".into())]);
        assert_eq!(
            Route::parse("#/embed/table-only").route,
            Route::NotFound("#/embed/table-only".into())
        );
    }

    #[test]
    fn search_route_decodes_hangul_and_hanja() {
        check("#/search?q=%EC%91%A4%EC%A0%80%EC%9A%B0", Route::Search("쑤저우".into()));
        check("#/search?q=蘇州", Route::Search("蘇州".into()));
        check("#/search", Route::Search(String::new()));
    }

    #[test]
    fn archive_and_tables_routes_take_a_filter() {
        check("#/archive", Route::Archive(String::new()));
        check("#/archive?q=ICT", Route::Archive("ICT".into()));
        check(
            "#/tables?q=NSFC%20%EA%B8%B0%EA%B8%88",
            Route::Tables("NSFC 기금".into()),
        );
        assert_eq!(
            Route::parse("#/tables?q=a&sort=x:asc").problems,
            [RouteProblem::UnknownParameter("sort".into())]
        );
        assert!(Route::Archive(String::new()).is_across_issues());
        assert!(!Route::Summary.is_across_issues());
    }

    #[test]
    fn round_trips() {
        let routes = [
            Route::Issue,
            Route::Summary,
            Route::Article("nsfc-2022".into()),
            Route::Table(
                "nsfc-programs".into(),
                view(&[("funding", Direction::Descending)], "청년 & 기금", Some("projects")),
            ),
            Route::Search("51,593 蘇州 #?".into()),
            Route::Archive("기술전략".into()),
            Route::Tables(String::new()),
            Route::Embed(Embed::Table(
                "hurun-top10".into(),
                view(&[("city", Direction::Ascending)], "", None),
            )),
            Route::Embed(Embed::TableOnly(
                "hurun-top10".into(),
                view(&[("overall", Direction::Descending)], "선전", Some("smes")),
            )),
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.to_hash()).route, route);
        }
    }

    #[test]
    fn garbage_degrades_and_says_so() {
        assert_eq!(Route::parse("#/nowhere").route, Route::NotFound("#/nowhere".into()));
        assert_eq!(Route::parse("#/article").route, Route::NotFound("#/article".into()));
        assert_eq!(
            Route::parse("#/article/a/b").route,
            Route::NotFound("#/article/a/b".into())
        );
        assert_eq!(
            Route::parse("#nsfc-programs").route,
            Route::NotFound("#nsfc-programs".into())
        );
        let parsed = Route::parse("#/table/t?sort=funding:sideways,:asc,name:asc,name:desc&x=1&filter=%ZZ");
        assert_eq!(
            parsed.route,
            Route::Table("t".into(), view(&[("name", Direction::Ascending)], "%ZZ", None))
        );
        assert_eq!(
            parsed.problems,
            [
                RouteProblem::BadSortKey("funding:sideways".into()),
                RouteProblem::BadSortKey(":asc".into()),
                RouteProblem::BadSortKey("name:desc".into()),
                RouteProblem::UnknownParameter("x".into()),
            ]
        );
        assert_eq!(
            Route::parse("#/article/x?sort=a:asc").problems,
            [RouteProblem::UnknownParameter("sort".into())]
        );
    }

    #[test]
    fn hostile_bytes_never_panic() {
        for hash in [
            "#/%",
            "#/%F",
            "#/%FF%FE",
            "#/table/%00?sort=%E0%80",
            "#/search?q=%ED%A0%80",
            "#///",
            "#/?&&=&",
        ] {
            let _ = Route::parse(hash).route.to_hash();
        }
        assert_eq!(percent_decode("%FF"), "%FF");
    }

    fn nsfc_programs() -> Table {
        let source = include_str!("../../../bulletins/2023-06-30.md");
        let issue = match crate::parse::parse("issue.md", source) {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!("{errors:?}"),
        };
        let table = issue.table("nsfc-programs").cloned();
        table.unwrap_or_else(|| panic!("no table"))
    }

    #[test]
    fn views_resolve_against_the_table() {
        let table = nsfc_programs();
        let view = view(
            &[("funding", Direction::Descending), ("nope", Direction::Ascending)],
            "기금",
            Some("program"),
        );
        let resolved = view.resolve(&table);
        assert_eq!(
            resolved.sort.keys(),
            [SortKey {
                column: ColumnId(3),
                direction: Direction::Descending
            }]
        );
        assert_eq!(resolved.filter, "기금");
        assert_eq!(resolved.metric, None);
        assert_eq!(resolved.ignored, ["sort=nope:asc", "metric=program"]);
        let back = TableView::from_state(&table, &resolved.sort, "기금", Some(ColumnId(2)));
        assert_eq!(
            back.to_query(),
            "?sort=funding:desc&filter=%EA%B8%B0%EA%B8%88&metric=projects"
        );
    }

    #[test]
    fn anchors() {
        assert_eq!(Route::Table("t".into(), TableView::default()).anchor(), Some("t"));
        assert_eq!(Route::Summary.anchor(), Some("summary"));
        assert_eq!(Route::Issue.anchor(), None);
    }

    #[test]
    fn a_link_to_a_table_follows_its_state_and_other_addresses_stay() {
        let view = TableView {
            sort: vec![("funding".into(), Direction::Descending)],
            ..TableView::default()
        };
        assert_eq!(
            Route::follow_table("#/table/t", "t", view.clone()).as_deref(),
            Some("#/table/t?sort=funding:desc")
        );
        assert_eq!(
            Route::follow_table("#/table/t?sort=funding:desc", "t", view.clone()),
            None
        );
        assert_eq!(Route::follow_table("#/table/u", "t", view.clone()), None);
        assert_eq!(Route::follow_table("", "t", view.clone()), None);
        assert_eq!(Route::follow_table("#/article/a", "t", view), None);
    }
}
