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

use crate::model::{Date, Issue};
use crate::route::{Embed, ParsedRoute, Route, RouteProblem};
use crate::site::{PageKind, Site};

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

/// The page a location's path names on this site.
pub fn page_of(site: &Site, path: &str) -> Page {
    match site.kind {
        PageKind::Single => Page::Issue(site.issue),
        PageKind::Root | PageKind::Issue => Page::from_path(path),
    }
}

/// The page links are written for. On the root, an undated hash is a link of the first builds,
/// which held 2023-06-30 alone (`boot.js` sends it there): the root's own links name the page of
/// the issue it shows (`2023-07-14.html#/…`, which the app still opens in place), so that one
/// opened in a new tab, copied or bookmarked shows that issue; only on a root that shows
/// 2023-06-30 itself do they stay bare hashes.
pub fn link_page(site: &Site, page: Page) -> Page {
    match page {
        Page::Root if site.issue == LEGACY_ISSUE => Page::Issue(site.issue),
        page => page,
    }
}

/// Where a location leads, and the address to put in its place when the location's page is
/// not that issue's own (an undated link of the first builds, a dated hash, a link followed
/// on the root page), so that the address bar always names the issue shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The issue shown, or for a view across issues the one to come back to.
    pub date: Date,
    /// The page the location names once rewritten, for the links written on it.
    pub page: Page,
    /// The view.
    pub route: Route,
    /// What the address held that the route ignored.
    pub problems: Vec<RouteProblem>,
    /// The address to put in the location's place, if any.
    pub rewrite: Option<String>,
}

/// Reads a location. `initial` is the address the page was opened at: on the root page an
/// undated route there is a link minted before the archive; one followed later was written
/// by this page, for the issue it shows.
pub fn locate(site: &Site, path: &str, hash: &str, initial: bool) -> Located {
    let here = page_of(site, path);
    let address = Address::parse(hash);
    // The root's issue is the newest; any other page names the newest only where it matters
    // to an address, on the root.
    let newest = site.newest().unwrap_or(site.issue);
    let context = if !initial && here == Page::Root {
        Page::Issue(newest)
    } else {
        here
    };
    let date = address.issue_on(context, newest);
    let dated = matches!(address.issue, IssueKey::Date(_));
    let route = address.route;
    let rewrite = if site.kind == PageKind::Single || matches!(route, Route::NotFound(_)) {
        None
    } else if route.is_across_issues() || here == Page::Issue(date) {
        dated.then(|| route.to_hash())
    } else if here == Page::Root && route == Route::Issue && !dated {
        None
    } else {
        Some(href(date, &route, here))
    };
    let page = match &rewrite {
        Some(address) if !address.starts_with('#') => Page::Issue(date),
        _ => here,
    };
    Located {
        date,
        page,
        route,
        problems: address.problems,
        rewrite,
    }
}

impl Located {
    /// The id of the element the location leads to when it is a place in the issue of `date`
    /// (its summary, colophon, a part, an article, a brief item, a table, a figure); none for
    /// another issue or another view.
    pub fn place_in(&self, date: Date) -> Option<&str> {
        if self.date == date {
            self.route.anchor()
        } else {
            None
        }
    }
}

/// Whether every id the route names exists in the issue (a route to a place or an embed of
/// something the issue does not hold shows that it is not found).
pub fn route_exists(issue: &Issue, route: &Route) -> bool {
    match route {
        Route::Part(id) => issue.parts.iter().any(|part| part.id.as_str() == id),
        Route::Article(id) | Route::Embed(Embed::Article(id)) => issue.article(id).is_some(),
        Route::Brief(id) => issue.brief(id).is_some(),
        Route::Figure(id) => issue.figure(id).is_some(),
        Route::Table(id, _) | Route::Embed(Embed::Table(id, _) | Embed::TableOnly(id, _) | Embed::Chart(id, _)) => {
            issue.table(id).is_some()
        }
        Route::NotFound(_) => false,
        Route::Issue | Route::Summary | Route::Colophon | Route::Search(_) | Route::Archive(_) | Route::Tables(_) => {
            true
        }
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

    fn site(kind: PageKind, issue: Date, newer: Option<Date>) -> Site {
        Site {
            kind,
            issue,
            issue_data: "data/x.bin".into(),
            issue_inline: None,
            older: None,
            newer,
            newest: None,
            archive: None,
        }
    }

    #[test]
    fn a_link_of_the_first_builds_on_a_one_issue_root_is_put_on_the_issues_page() {
        let root = site(PageKind::Root, LEGACY_ISSUE, None);
        let hash = "#/table/hurun-top10?sort=overall:desc";
        let located = locate(&root, "/kostec/", hash, true);
        assert_eq!(located.date, LEGACY_ISSUE);
        assert_eq!(
            located.rewrite.as_deref(),
            Some("2023-06-30.html#/table/hurun-top10?sort=overall:desc")
        );
        assert_eq!(located.page, Page::Issue(LEGACY_ISSUE));
        assert_eq!(located.place_in(LEGACY_ISSUE), Some("hurun-top10"));
        // That root writes its links as the issue's page does: nothing on it is written anew.
        assert_eq!(link_page(&root, located.page), link_page(&root, root.page()));
        // The same address read again from the issue's page needs no rewrite.
        let again = locate(&root, "/kostec/2023-06-30.html", hash, true);
        assert_eq!((again.rewrite, again.page), (None, Page::Issue(LEGACY_ISSUE)));
    }

    #[test]
    fn a_dated_hash_loses_its_date_on_its_issues_page_and_names_the_page_on_the_root() {
        let page = site(PageKind::Issue, OLDER, Some(NEWEST));
        let located = locate(&page, "/2023-07-07.html", "#/2023-07-07/summary", true);
        assert_eq!((located.date, located.route.clone()), (OLDER, Route::Summary));
        assert_eq!(
            (located.rewrite.as_deref(), located.page),
            (Some("#/summary"), Page::Issue(OLDER))
        );
        let root = site(PageKind::Root, NEWEST, None);
        let located = locate(&root, "/", "#/2023-07-14/summary", true);
        assert_eq!(located.rewrite.as_deref(), Some("2023-07-14.html#/summary"));
        // The archive's root writes its links with the issue's page, the issue's page bare:
        // the viewer writes the contents anew there.
        assert_ne!(link_page(&root, located.page), link_page(&root, root.page()));
        // An undated place on that root is the first issue's, not the root's.
        let legacy = locate(&root, "/", "#/summary", true);
        assert_eq!((legacy.date, legacy.place_in(NEWEST)), (LEGACY_ISSUE, None));
        // Followed later on the root, an undated route is one the root wrote, for its issue.
        assert_eq!(locate(&root, "/", "#/summary", false).date, NEWEST);
    }

    #[test]
    fn what_a_location_ignored_is_kept_and_other_views_have_no_place() {
        let page = site(PageKind::Issue, OLDER, None);
        let located = locate(&page, "/2023-07-07.html", "#/table/t?sort=a:sideways&x=1", true);
        assert_eq!(
            located.problems,
            [
                RouteProblem::BadSortKey("a:sideways".into()),
                RouteProblem::UnknownParameter("x".into())
            ]
        );
        assert_eq!(
            locate(&page, "/2023-07-07.html", "#/search?q=x", true).place_in(OLDER),
            None
        );
        assert_eq!(locate(&page, "/2023-07-07.html", "", true).place_in(OLDER), None);
        // The single file names no page: nothing is rewritten.
        let single = site(PageKind::Single, OLDER, None);
        assert_eq!(
            locate(&single, "/bulletin-2023-07-07.html", "#/2023-07-07/summary", true).rewrite,
            None
        );
    }

    #[cfg(feature = "parse")]
    #[test]
    fn a_route_exists_when_the_issue_holds_what_it_names() {
        let issue = crate::testing::issue();
        assert!(route_exists(issue, &table("hurun-top10")));
        assert!(!route_exists(issue, &table("no-such-table")));
        assert!(route_exists(issue, &Route::Summary));
        assert!(!route_exists(issue, &Route::Article("no-such-article".into())));
        assert!(!route_exists(issue, &Route::NotFound("#/x".into())));
        assert_eq!(
            Route::Table(
                "hurun-top10".into(),
                TableView {
                    sort: vec![("overall".into(), Direction::Descending)],
                    ..TableView::default()
                }
            )
            .contents_entry(),
            Some(table("hurun-top10"))
        );
    }
}
