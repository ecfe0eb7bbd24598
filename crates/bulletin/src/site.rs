//! What a page knows about the site it belongs to: which page it is, which issue it holds and
//! where its data is, its neighbours, and where the archive's list of files is.
//!
//! `cargo xtask dist` writes these as `<meta name="bulletin:…">` tags in each page's head; the
//! app reads them at start-up and the pre-rendering binary is handed the very same names and
//! values, and both make a [`Site`] of them with [`Site::from_pairs`], so both render the
//! same page.
//!
//! A page names nothing that a new issue changes but its neighbours: not the newest issue (but
//! on the page just before it), not the number of issues, not the catalog's or the search bundles' file names (they are named by
//! their content, and a new issue changes them). Those are in one small file of the archive,
//! [`ArchiveFiles`] (`data/archive.txt`), which the app fetches when a list or the search needs
//! them. So a weekly build changes the new issue's page, the two before it and the root, and
//! no other page: the build compresses, and a host uploads, the same few files whatever
//! the archive holds.

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
    /// The date of the issue before the page's, when there is one.
    pub const OLDER: &str = "older";
    /// The date of the issue after the page's, when there is one.
    pub const NEWER: &str = "newer";
    /// The newest issue's date, on the page of the issue just before it only (where the link
    /// to the newer issue is the link to the newest); no other page names it.
    pub const NEWEST: &str = "newest";
    /// The archive's list of files ([`super::ArchiveFiles`]), where the site has more than one
    /// issue; without it the app lists and searches the issue the page holds.
    pub const ARCHIVE: &str = "archive";
    /// On the root page: the page of the issue that undated links mean, when it is not the
    /// root's own (read by `boot.js`, which sends such links there before anything paints).
    pub const LEGACY: &str = "legacy";
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
    /// The issue before the page's.
    pub older: Option<Date>,
    /// The issue after the page's.
    pub newer: Option<Date>,
    /// The newest issue, on the page of the issue just before it (see [`Site::newest`]).
    pub newest: Option<Date>,
    /// The archive's list of files, where the site has more than one issue (never in the
    /// single file).
    pub archive: Option<String>,
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
            older: date(meta::OLDER)?,
            newer: date(meta::NEWER)?,
            newest: date(meta::NEWEST)?,
            archive: optional(meta::ARCHIVE),
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
        ];
        let optional = [
            (meta::ISSUE_INLINE, self.issue_inline.clone()),
            (meta::OLDER, self.older.map(|date| date.iso())),
            (meta::NEWER, self.newer.map(|date| date.iso())),
            (meta::NEWEST, self.newest.map(|date| date.iso())),
            (meta::ARCHIVE, self.archive.clone()),
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

    /// The newest issue, when the page knows it: the root's own issue (the root always shows
    /// the newest), the page's issue when no issue is newer, the one it names on the page just
    /// before the newest. Any other page leaves it unnamed, so that a new issue does not
    /// change it.
    pub fn newest(&self) -> Option<Date> {
        if self.kind == PageKind::Root || self.newer.is_none() {
            Some(self.issue)
        } else {
            self.newest
        }
    }

    /// Whether other issues and the archive's files can be reached from this page.
    pub fn has_archive(&self) -> bool {
        self.kind != PageKind::Single
    }
}

/// The archive's list of files, `data/archive.txt`: how many issues it holds, its catalog and
/// its search bundles (one a year, newest first), each named by its content. The only file of
/// the archive a new issue changes besides those it lists, the new issue's own and its
/// neighbour's page, the root, the feed and the worker; it is fetched past the HTTP cache.
///
/// The text, one `key value` a line: a first line `bulletin-archive 1` (the format), then
/// `count`, `catalog`, and a `search` line for each bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveFiles {
    /// How many issues the archive holds.
    pub count: u32,
    /// The catalog's file, relative to the site's folder.
    pub catalog: String,
    /// The search bundles' files, one a year, newest first.
    pub search: Vec<String>,
}

/// Where a build puts [`ArchiveFiles`], relative to the site's folder.
pub const ARCHIVE_FILE: &str = "data/archive.txt";

/// The first line of [`ArchiveFiles`]' text: its format and version.
const ARCHIVE_FORMAT: &str = "bulletin-archive 1";

impl ArchiveFiles {
    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut text = format!("{ARCHIVE_FORMAT}\ncount {}\ncatalog {}\n", self.count, self.catalog);
        for file in &self.search {
            text.push_str(&format!("search {file}\n"));
        }
        text
    }

    /// Reads the file `name`'s `text`; an error names the file, the line and what is wrong.
    pub fn parse(name: &str, text: &str) -> Result<ArchiveFiles, String> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(index, line)| (index + 1, line.trim_end_matches('\r')));
        match lines.next() {
            Some((_, ARCHIVE_FORMAT)) => {}
            Some((_, first)) => {
                return Err(format!(
                    "{name}, line 1: not the archive's list of files (`{ARCHIVE_FORMAT}` expected, found `{}`)",
                    first.chars().take(40).collect::<String>()
                ))
            }
            None => return Err(format!("{name} is empty")),
        }
        let (mut count, mut catalog, mut search) = (None, None, Vec::new());
        for (number, line) in lines.filter(|(_, line)| !line.is_empty()) {
            let at = |what: String| format!("{name}, line {number}: {what}");
            let Some((key, value)) = line.split_once(' ') else {
                return Err(at(format!("`{line}` is not `key value`")));
            };
            let file = || -> Result<String, String> {
                if is_file_name(value) {
                    Ok(value.to_string())
                } else {
                    Err(at(format!("`{value}` is not a file of the archive's data folder")))
                }
            };
            match key {
                "count" => {
                    count = Some(
                        value
                            .parse::<u32>()
                            .map_err(|_| at(format!("the count `{value}` is not a number")))?,
                    );
                }
                "catalog" => catalog = Some(file()?),
                "search" => search.push(file()?),
                other => return Err(at(format!("unknown key `{other}`"))),
            }
        }
        Ok(ArchiveFiles {
            count: count.ok_or_else(|| format!("{name}: no count line"))?,
            catalog: catalog.ok_or_else(|| format!("{name}: no catalog line"))?,
            search,
        })
    }
}

/// Whether `name` is a plain file of the build's `data/` folder (`data/catalog-….bin`): no
/// scheme, no way up or out, nothing a browser would read as another address.
fn is_file_name(name: &str) -> bool {
    name.strip_prefix("data/").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !rest.starts_with('.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(&'static str, &'static str)> {
        vec![
            ("page", "issue"),
            ("issue", "2023-06-30"),
            ("issue-data", "data/2023-06-30-0011223344556677.issue"),
            ("newer", "2023-07-07"),
            ("older", ""),
            ("archive", "data/archive.txt"),
        ]
    }

    #[test]
    fn a_page_reads_its_site() {
        let site = Site::from_pairs(pairs()).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(site.kind, PageKind::Issue);
        assert_eq!(site.issue.iso(), "2023-06-30");
        assert_eq!(
            (site.older, site.newer.map(|d| d.iso())),
            (None, Some("2023-07-07".into()))
        );
        assert_eq!(site.archive.as_deref(), Some("data/archive.txt"));
        assert_eq!(site.page(), Page::Issue(site.issue));
    }

    #[test]
    fn only_the_root_and_the_newest_page_know_the_newest_issue() {
        let site = Site::from_pairs(pairs()).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            site.newest(),
            None,
            "a page with a newer issue does not name the newest"
        );
        let newest = Site {
            newer: None,
            ..site.clone()
        };
        assert_eq!(newest.newest(), Some(site.issue));
        let before_newest = Site {
            newest: site.newer,
            ..site.clone()
        };
        assert_eq!(before_newest.newest(), site.newer);
        let root = Site {
            kind: PageKind::Root,
            ..site.clone()
        };
        assert_eq!(root.newest(), Some(site.issue));
    }

    #[test]
    fn the_pairs_a_build_writes_read_back() {
        let site = Site::from_pairs(pairs()).unwrap_or_else(|error| panic!("{error}"));
        let written = site.to_pairs();
        assert!(
            written.iter().all(
                |(name, _)| [meta::PAGE, meta::ISSUE, meta::ISSUE_DATA, meta::NEWER, meta::ARCHIVE].contains(name)
            ),
            "{written:?}"
        );
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
            Err("the page's bulletin:newer is not a date: 2023-02-30".into())
        );
    }

    fn archive() -> ArchiveFiles {
        ArchiveFiles {
            count: 501,
            catalog: "data/catalog-0011223344556677.bin".into(),
            search: vec![
                "data/search-2024-0011223344556677.bin".into(),
                "data/search-2023-8899aabbccddeeff.bin".into(),
            ],
        }
    }

    #[test]
    fn the_archive_files_read_back() {
        let text = archive().to_text();
        assert_eq!(
            text,
            "bulletin-archive 1\ncount 501\ncatalog data/catalog-0011223344556677.bin\n\
             search data/search-2024-0011223344556677.bin\nsearch data/search-2023-8899aabbccddeeff.bin\n"
        );
        assert_eq!(ArchiveFiles::parse("data/archive.txt", &text), Ok(archive()));
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(ArchiveFiles::parse("data/archive.txt", &crlf), Ok(archive()));
    }

    #[test]
    fn a_bad_archive_file_is_named_with_its_line() {
        let parse = |text: &str| ArchiveFiles::parse("data/archive.txt", text);
        assert_eq!(parse(""), Err("data/archive.txt is empty".into()));
        assert_eq!(
            parse("<!doctype html>\n<p>Not found</p>"),
            Err("data/archive.txt, line 1: not the archive's list of files (`bulletin-archive 1` expected, found `<!doctype html>`)".into())
        );
        assert_eq!(
            parse("bulletin-archive 1\ncount many\n"),
            Err("data/archive.txt, line 2: the count `many` is not a number".into())
        );
        assert_eq!(
            parse("bulletin-archive 1\ncount 2\ncatalog https://example.org/x.bin\n"),
            Err(
                "data/archive.txt, line 3: `https://example.org/x.bin` is not a file of the archive's data folder"
                    .into()
            )
        );
        assert_eq!(
            parse("bulletin-archive 1\ncount 2\ncatalog data/../secret\n"),
            Err("data/archive.txt, line 3: `data/../secret` is not a file of the archive's data folder".into())
        );
        assert_eq!(
            parse("bulletin-archive 1\ncount 2\nnewest 2023-06-30\n"),
            Err("data/archive.txt, line 3: unknown key `newest`".into())
        );
        assert_eq!(
            parse("bulletin-archive 1\ncount 2\n"),
            Err("data/archive.txt: no catalog line".into())
        );
    }
}
