//! Addresses across the archive: which page is open, which issue a link names, and the link
//! the viewer writes for a view of an issue.
//!
//! Every issue has a pre-rendered page of its own beside `index.html`, named by its date
//! (`2023-06-30.html`), and the hash inside a page is a [`Route`] as before. So the address of
//! a view of an issue is `2023-06-30.html#/table/nsfc-programs?sort=funding:desc`: the path
//! names the issue, and a newer issue with the same ids never changes what it shows.
//!
//! - On an issue's page, a route means that issue.
//! - On `index.html` (the site's root), `#/` is the newest issue. Every other route of an
//!   issue there (`#/table/…`, `#/embed/…`, `#/summary` …) is an address minted by the builds
//!   that held one issue, 2023-06-30 ([`LEGACY_ISSUE`]), so it means that issue, always.
//! - On any page, a hash may name an issue by date in front of the route
//!   (`#/2023-06-30/table/…`): that issue's view.
//! - Search, the archive and the tables view span every issue; they stay on the page they
//!   are opened on.

use crate::model::Date;
use crate::route::{ParsedRoute, Route, RouteProblem};

/// The one issue the builds before the archive held: their undated links mean it.
pub const LEGACY_ISSUE: Date = Date {
    year: 2023,
    month: 6,
    day: 30,
};

/// Which page of the site is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `index.html`, the newest issue.
    Root,
    /// The page of the issue of this date (or the single-file build of it).
    Issue(Date),
}

impl Page {
    /// The page a location's path names: `…/2023-06-30.html` is that issue's; anything else
    /// (`…/`, `…/index.html`) is the root.
    pub fn from_path(path: &str) -> Page {
        let file = path.rsplit('/').next().unwrap_or_default();
        match file.strip_suffix(".html").and_then(Date::from_iso) {
            Some(date) => Page::Issue(date),
            None => Page::Root,
        }
    }

    /// The file name of the page of the issue of `date`.
    pub fn file_of(date: Date) -> String {
        format!("{}.html", date.iso())
    }
}

/// Which issue a hash names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueKey {
    /// None by date: the page decides.
    Page,
    /// The issue of this date.
    Date(Date),
}

/// A hash read as an issue and a route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The issue the hash names.
    pub issue: IssueKey,
    /// The view.
    pub route: Route,
    /// What the hash held that the route ignored.
    pub problems: Vec<RouteProblem>,
}

impl Address {
    /// Reads a location hash; like [`Route::parse`] it never fails.
    pub fn parse(hash: &str) -> Address {
        let raw = hash.strip_prefix('#').unwrap_or(hash);
        if let Some(rest) = raw.strip_prefix('/') {
            let (first, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
            if let Some(date) = Date::from_iso(first) {
                let ParsedRoute { route, problems } = Route::parse(&format!("#/{}", tail.trim_start_matches('/')));
                let route = match route {
                    // The route's own text is the hash after the date; a not-found keeps the whole.
                    Route::NotFound(_) => Route::NotFound(hash.to_string()),
                    route => route,
                };
                return Address {
                    issue: IssueKey::Date(date),
                    route,
                    problems,
                };
            }
        }
        let ParsedRoute { route, problems } = Route::parse(hash);
        Address {
            issue: IssueKey::Page,
            route,
            problems,
        }
    }

    /// The issue this address shows (or, for a view across issues, the issue to come back
    /// to), on `page` of a site whose newest issue is `newest`.
    pub fn issue_on(&self, page: Page, newest: Date) -> Date {
        match (self.issue, page) {
            (IssueKey::Date(date), _) => date,
            (IssueKey::Page, Page::Issue(date)) => date,
            (IssueKey::Page, Page::Root) => match self.route {
                Route::Issue | Route::Search(_) | Route::Archive(_) | Route::Tables(_) => newest,
                _ => LEGACY_ISSUE,
            },
        }
    }
}

/// The link to `route` of the issue of `date`, written on `page`: a bare hash on that
/// issue's own page, else that issue's page with the hash (`2023-06-30.html#/…`). Views
/// across issues are a bare hash on every page.
pub fn href(date: Date, route: &Route, page: Page) -> String {
    if route.is_across_issues() || page == Page::Issue(date) {
        route.to_hash()
    } else {
        format!("{}{}", Page::file_of(date), route.to_hash())
    }
}

/// The address of `route` of the issue of `date` relative to the site's folder, as links to
/// share and embed codes carry it: always with the issue's page, so it means that issue
/// wherever it is opened.
pub fn permalink(date: Date, route: &Route) -> String {
    if route.is_across_issues() {
        format!("./{}", route.to_hash())
    } else {
        format!("{}{}", Page::file_of(date), route.to_hash())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{Embed, TableView};
    use crate::sort::Direction;

    const NEWEST: Date = Date {
        year: 2023,
        month: 7,
        day: 14,
    };
    const OLDER: Date = Date {
        year: 2023,
        month: 7,
        day: 7,
    };

    #[track_caller]
    fn check(hash: &str, page: Page, date: Date, route: Route) {
        let address = Address::parse(hash);
        assert_eq!(
            (address.issue_on(page, NEWEST), &address.route),
            (date, &route),
            "{hash} on {page:?}"
        );
        assert_eq!(address.problems, [], "{hash}");
    }

    fn table(id: &str) -> Route {
        Route::Table(id.into(), TableView::default())
    }

    #[test]
    fn pages_are_named_by_their_issue() {
        assert_eq!(Page::from_path("/kostec/2023-07-07.html"), Page::Issue(OLDER));
        assert_eq!(Page::from_path("2023-07-07.html"), Page::Issue(OLDER));
        assert_eq!(Page::from_path("/kostec/"), Page::Root);
        assert_eq!(Page::from_path("/kostec/index.html"), Page::Root);
        assert_eq!(Page::from_path("/bulletin-2023-07-07.html"), Page::Root);
        assert_eq!(Page::from_path("/2023-13-07.html"), Page::Root);
        assert_eq!(Page::file_of(OLDER), "2023-07-07.html");
    }

    #[test]
    fn the_root_shows_the_newest_issue() {
        check("", Page::Root, NEWEST, Route::Issue);
        check("#/", Page::Root, NEWEST, Route::Issue);
        check("#/search?q=x", Page::Root, NEWEST, Route::Search("x".into()));
        check("#/archive", Page::Root, NEWEST, Route::Archive(String::new()));
    }

    #[test]
    fn undated_links_on_the_root_mean_the_first_issue_forever() {
        check(
            "#/table/nsfc-programs",
            Page::Root,
            LEGACY_ISSUE,
            table("nsfc-programs"),
        );
        check("#/summary", Page::Root, LEGACY_ISSUE, Route::Summary);
        check(
            "#/embed/article/tumor-vaccine",
            Page::Root,
            LEGACY_ISSUE,
            Route::Embed(Embed::Article("tumor-vaccine".into())),
        );
    }

    #[test]
    fn an_issue_page_shows_its_issue() {
        check("", Page::Issue(OLDER), OLDER, Route::Issue);
        check(
            "#/table/nsfc-programs",
            Page::Issue(OLDER),
            OLDER,
            table("nsfc-programs"),
        );
        check("#/tables", Page::Issue(OLDER), OLDER, Route::Tables(String::new()));
    }

    #[test]
    fn a_dated_hash_names_its_issue_on_any_page() {
        check("#/2023-07-07", Page::Root, OLDER, Route::Issue);
        check("#/2023-07-07/", Page::Issue(NEWEST), OLDER, Route::Issue);
        check(
            "#/2023-07-07/table/nsfc-programs",
            Page::Root,
            OLDER,
            table("nsfc-programs"),
        );
        check(
            "#/2023-07-07/table/t?sort=a:desc",
            Page::Issue(LEGACY_ISSUE),
            OLDER,
            Route::Table(
                "t".into(),
                TableView {
                    sort: vec![("a".into(), Direction::Descending)],
                    ..TableView::default()
                },
            ),
        );
        check("#/2023-07-07?", Page::Root, OLDER, Route::Issue);
    }

    #[test]
    fn a_bad_route_after_a_date_is_not_found_with_the_whole_hash() {
        let address = Address::parse("#/2023-07-07/nowhere");
        assert_eq!(address.issue, IssueKey::Date(OLDER));
        assert_eq!(address.route, Route::NotFound("#/2023-07-07/nowhere".into()));
        assert_eq!(Address::parse("#/2023-02-31/").issue, IssueKey::Page);
    }

    #[test]
    fn links_stay_on_their_issues_page_and_name_it_elsewhere() {
        assert_eq!(href(OLDER, &table("t"), Page::Issue(OLDER)), "#/table/t");
        assert_eq!(href(OLDER, &table("t"), Page::Root), "2023-07-07.html#/table/t");
        assert_eq!(
            href(OLDER, &table("t"), Page::Issue(NEWEST)),
            "2023-07-07.html#/table/t"
        );
        assert_eq!(href(OLDER, &Route::Archive(String::new()), Page::Root), "#/archive");
        assert_eq!(permalink(OLDER, &Route::Issue), "2023-07-07.html#/");
        assert_eq!(permalink(OLDER, &Route::Tables("x".into())), "./#/tables?q=x");
    }
}
