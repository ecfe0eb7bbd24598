//! What a page knows about the site it belongs to: which page it is, which issue it holds and
//! where its data is, the newest issue, its neighbours, and the archive's catalog and search
//! files.
//!
//! `cargo xtask dist` writes these as `<meta name="bulletin:…">` tags in each page's head; the
//! app reads them at start-up and the pre-rendering binary is handed the very same names and
//! values, and both make a [`Site`] of them with [`Site::from_pairs`], so both render the
//! same page.

use crate::address::Page;
use crate::model::Date;

/// The prefix of every meta tag's name.
pub const META_PREFIX: &str = "bulletin:";

/// The meta tags' names, without the prefix.
pub mod meta {
    /// `root`, `issue` or `single`: the site's root page, an issue's page, or the single file.
    pub const PAGE: &str = "page";
    /// The page's issue's date.
    pub const ISSUE: &str = "issue";
    /// The page's issue's data file, relative to the page.
    pub const ISSUE_DATA: &str = "issue-data";
    /// Where the page's issue's data really is, when not at its file's name: the single file
    /// holds it inline, as a `data:` address.
    pub const ISSUE_INLINE: &str = "issue-inline";
    /// The newest issue's date.
    pub const NEWEST: &str = "newest";
    /// The date of the issue before the page's, when there is one.
    pub const OLDER: &str = "older";
    /// The date of the issue after the page's, when there is one.
    pub const NEWER: &str = "newer";
    /// The catalog's file.
    pub const CATALOG: &str = "catalog";
    /// The search bundle's file.
    pub const SEARCH: &str = "search";
    /// On the root page: the page of the issue that undated links mean, when it is not the
    /// root's own (read by `boot.js`, which sends such links there before anything paints).
    pub const LEGACY: &str = "legacy";
    /// The number of issues in the archive.
    pub const COUNT: &str = "count";
}

/// Which kind of page this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// `index.html`.
    Root,
    /// An issue's own page.
    Issue,
    /// The single-file build of one issue: nothing else of the archive is reachable.
    Single,
}

/// The site as the page knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The kind of page.
    pub kind: PageKind,
    /// The page's issue.
    pub issue: Date,
    /// The page's issue's data file.
    pub issue_data: String,
    /// Where to fetch that file when not at its name (the single file's inline copy).
    pub issue_inline: Option<String>,
    /// The newest issue.
    pub newest: Date,
    /// The issue before the page's.
    pub older: Option<Date>,
    /// The issue after the page's.
    pub newer: Option<Date>,
    /// The catalog's file, where the site has one.
    pub catalog: Option<String>,
    /// The search bundle's file, where the site has one.
    pub search: Option<String>,
    /// How many issues the archive holds.
    pub count: u32,
}

impl Site {
    /// Reads the site from `(name, value)` pairs, names without the prefix; an error names
    /// the tag that is missing or wrong.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Site, String> {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let get = |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| *value);
        let date = |name: &str| -> Result<Option<Date>, String> {
            match get(name) {
                None | Some("") => Ok(None),
                Some(value) => Date::from_iso(value)
                    .map(Some)
                    .ok_or_else(|| format!("the page's {META_PREFIX}{name} is not a date: {value}")),
            }
        };
        let required = |name: &str| -> Result<&str, String> {
            get(name)
                .filter(|value| !value.is_empty())
                .ok_or_else(|| format!("the page has no {META_PREFIX}{name}"))
        };
        let kind = match required(meta::PAGE)? {
            "root" => PageKind::Root,
            "issue" => PageKind::Issue,
            "single" => PageKind::Single,
            other => return Err(format!("the page's {META_PREFIX}{} is {other}", meta::PAGE)),
        };
        let issue = date(meta::ISSUE)?.ok_or_else(|| format!("the page has no {META_PREFIX}{}", meta::ISSUE))?;
        let optional = |name: &str| get(name).filter(|value| !value.is_empty()).map(str::to_string);
        Ok(Site {
            kind,
            issue,
            issue_data: required(meta::ISSUE_DATA)?.to_string(),
            issue_inline: optional(meta::ISSUE_INLINE),
            newest: date(meta::NEWEST)?.unwrap_or(issue),
            older: date(meta::OLDER)?,
            newer: date(meta::NEWER)?,
            catalog: optional(meta::CATALOG),
            search: optional(meta::SEARCH),
            count: get(meta::COUNT).and_then(|count| count.parse().ok()).unwrap_or(1),
        })
    }

    /// The meta tags' `(name, value)` pairs, names without the prefix, for the build to write
    /// (absent values left out).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let kind = match self.kind {
            PageKind::Root => "root",
            PageKind::Issue => "issue",
            PageKind::Single => "single",
        };
        let mut pairs = vec![
            (meta::PAGE, kind.to_string()),
            (meta::ISSUE, self.issue.iso()),
            (meta::ISSUE_DATA, self.issue_data.clone()),
            (meta::NEWEST, self.newest.iso()),
            (meta::COUNT, self.count.to_string()),
        ];
        let optional = [
            (meta::ISSUE_INLINE, self.issue_inline.clone()),
            (meta::OLDER, self.older.map(|date| date.iso())),
            (meta::NEWER, self.newer.map(|date| date.iso())),
            (meta::CATALOG, self.catalog.clone()),
            (meta::SEARCH, self.search.clone()),
        ];
        pairs.extend(optional.into_iter().filter_map(|(name, value)| Some((name, value?))));
        pairs
    }

    /// The page as addresses see it: the root, or the page's own issue (the single file
    /// counts as its issue's page, whatever its file is called).
    pub fn page(&self) -> Page {
        match self.kind {
            PageKind::Root => Page::Root,
            PageKind::Issue | PageKind::Single => Page::Issue(self.issue),
        }
    }

    /// Whether other issues and the archive's files can be reached from this page.
    pub fn has_archive(&self) -> bool {
        self.kind != PageKind::Single
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(&'static str, &'static str)> {
        vec![
            ("page", "issue"),
            ("issue", "2023-06-30"),
            ("issue-data", "data/2023-06-30-0011223344556677.issue"),
            ("newest", "2023-07-14"),
            ("newer", "2023-07-07"),
            ("older", ""),
            ("catalog", "data/catalog-0011223344556677.bin"),
            ("count", "3"),
        ]
    }

    #[test]
    fn a_page_reads_its_site() {
        let site = Site::from_pairs(pairs()).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(site.kind, PageKind::Issue);
        assert_eq!(site.issue.iso(), "2023-06-30");
        assert_eq!(site.newest.iso(), "2023-07-14");
        assert_eq!(
            (site.older, site.newer.map(|d| d.iso())),
            (None, Some("2023-07-07".into()))
        );
        assert_eq!(site.search, None);
        assert_eq!(site.count, 3);
        assert_eq!(site.page(), Page::Issue(site.issue));
    }

    #[test]
    fn the_pairs_a_build_writes_read_back() {
        let site = Site::from_pairs(pairs()).unwrap_or_else(|error| panic!("{error}"));
        let written = site.to_pairs();
        let read = Site::from_pairs(written.iter().map(|(name, value)| (*name, value.as_str())));
        assert_eq!(read, Ok(site));
    }

    #[test]
    fn a_missing_or_bad_tag_is_named() {
        let without: Vec<_> = pairs().into_iter().filter(|(name, _)| *name != "issue-data").collect();
        assert_eq!(
            Site::from_pairs(without),
            Err("the page has no bulletin:issue-data".into())
        );
        let mut bad = pairs();
        bad[3].1 = "2023-02-30";
        assert_eq!(
            Site::from_pairs(bad),
            Err("the page's bulletin:newest is not a date: 2023-02-30".into())
        );
    }
}
