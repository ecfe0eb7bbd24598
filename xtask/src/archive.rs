//! The archive as the build reads it: every issue's source in `bulletins/`, parsed and
//! checked together, then written as the data files the viewer fetches
//! (`bulletin::data_file`): one an issue, the catalog and the search bundles (one a year).
//!
//! Reading never stops at the first problem: every error of every file is collected, each
//! with its file, line and column, and the build stops with all of them before anything is
//! written. Besides the parser's errors, the archive as a whole must hold at least one issue,
//! each file must be named by its issue's date (`2023-06-30.md`, the date its front matter
//! gives), and no two files may hold the same date.

use std::fs;
use std::path::{Path, PathBuf};

use bulletin::catalog::{Catalog, CatalogIssue};
use bulletin::data_file::{self, Bundle, BundledFile, Kind};
use bulletin::model::{Date, Issue};
use bulletin::parse::ParseError;
use bulletin::site::{ArchiveFiles, ARCHIVE_FILE};
use serde::Serialize;

use crate::error::{Error, Result};

/// The file in `bulletins/` that documents the format rather than being an issue.
const FORMAT_GUIDE: &str = "README.md";

/// One issue's source, parsed.
#[derive(Clone)]
pub struct Source {
    /// The file, as the messages name it (relative to the repository when it is inside).
    pub shown: String,
    /// The issue.
    pub issue: Issue,
    /// What the parser kept but an editor should look at.
    pub warnings: Vec<ParseError>,
    /// The source text, for warnings that point into it.
    pub text: String,
}

/// Every issue of the archive, newest first.
#[derive(Clone)]
pub struct Archive {
    /// The issues, newest first.
    pub sources: Vec<Source>,
}

/// An issue's data file, as the build writes it.
pub struct DataFile {
    /// The name, relative to the build folder (`data/2023-06-30-<hash>.issue`).
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The data files of the whole archive.
pub struct DataFiles {
    /// Each issue's, in the archive's order (newest first).
    pub issues: Vec<DataFile>,
    /// The catalog.
    pub catalog: DataFile,
    /// The search bundles, one a year, newest first.
    pub search: Vec<DataFile>,
}

/// One thing that stops the archive from being built, and where it is, as far as it has a place
/// (serialized for the live preview's overlay, `crate::watch`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as messages name it; none for a problem of two files (the same date twice).
    pub file: Option<String>,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// The 1-based column (in characters), when the problem has one.
    pub column: Option<usize>,
    /// That line of the source, as it was read.
    pub line_text: Option<String>,
    /// What is wrong, without the place.
    pub message: String,
}

impl Problem {
    /// A problem of a whole file, or of the archive when `file` is none.
    fn new(file: Option<&str>, message: String) -> Problem {
        Problem {
            file: file.map(str::to_string),
            line: None,
            column: None,
            line_text: None,
            message,
        }
    }

    /// A problem at `line` (and `column`) of `text`, the file `file`.
    fn at(file: &str, text: &str, line: usize, column: Option<usize>, message: String) -> Problem {
        Problem {
            file: Some(file.to_string()),
            line: Some(line),
            column,
            line_text: text.lines().nth(line.saturating_sub(1)).map(str::to_string),
            message,
        }
    }
}

impl std::fmt::Display for Problem {
    /// `file:line:column: message`, with as much of the place as there is.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
            if let Some(line) = self.line {
                write!(f, "{line}:")?;
                if let Some(column) = self.column {
                    write!(f, "{column}:")?;
                }
            }
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem that stopped the archive from being read, with the line that counts them.
#[derive(Debug)]
pub struct Problems {
    /// Each problem, file by file.
    pub list: Vec<Problem>,
    /// How many problems in how many of how many files, when files were read.
    summary: Option<String>,
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.list.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))?;
        if let Some(summary) = &self.summary {
            write!(f, "\n{summary}")?;
        }
        Ok(())
    }
}

impl From<Problems> for Error {
    fn from(problems: Problems) -> Error {
        Error::new(problems.to_string())
    }
}

/// One problem, with no count after it.
fn only(problem: Problem) -> Problems {
    Problems {
        list: vec![problem],
        summary: None,
    }
}

/// The issue files of `dir`: every `*.md` but the format guide, sorted by name.
fn source_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir)?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.is_file()
                && path.extension().is_some_and(|extension| extension == "md")
                && path.file_name().is_some_and(|name| name != FORMAT_GUIDE)
        })
        .collect();
    files.sort();
    Ok(files)
}

/// How a file is named in messages: relative to `root` when inside it.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

/// Reads and checks every issue in `dir`; the error lists every problem of every file.
pub fn read(root: &Path, dir: &Path) -> Result<Archive> {
    Ok(read_checked(root, dir)?)
}

/// [`read`], with the problems one by one, for a caller that shows each where it is (the
/// live preview's overlay).
pub fn read_checked(root: &Path, dir: &Path) -> Result<Archive, Problems> {
    read_again(root, dir, None)
}

/// [`read_checked`], taking from `previous` the parse of every file whose text it read too:
/// the live preview reads the archive after every save, where one file of many changed.
pub fn read_again(root: &Path, dir: &Path, previous: Option<&Archive>) -> Result<Archive, Problems> {
    let folder = shown(root, dir);
    let files =
        source_files(dir).map_err(|error| only(Problem::new(Some(&folder), format!("cannot list: {error}"))))?;
    if files.is_empty() {
        return Err(only(Problem::new(
            Some(&folder),
            format!("no issue to build: add a source file named by its date, such as 2023-06-30.md (see {folder}/{FORMAT_GUIDE})"),
        )));
    }
    read_files(root, &files, true, previous)
}

/// Reads one source file as an archive of one issue, whatever the file is called (a generated
/// fixture, a draft being checked).
pub fn read_one(root: &Path, file: &Path) -> Result<Archive> {
    if !file.is_file() {
        return Err(Error::new(format!("{}: no such file", shown(root, file))));
    }
    Ok(read_files(root, &[file.to_path_buf()], false, None)?)
}

/// Reads and checks `files`; `named` asks that each be named by its issue's date. A file whose
/// name and text a source of `previous` has is not parsed again.
fn read_files(root: &Path, files: &[PathBuf], named: bool, previous: Option<&Archive>) -> Result<Archive, Problems> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut troubled: Vec<String> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for path in files {
        let shown = shown(root, path);
        let before = problems.len();
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                problems.push(Problem::new(Some(&shown), format!("cannot read: {error}")));
                continue;
            }
        };
        let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
        let stem_date = Date::from_iso(stem);
        if named && stem_date.is_none() {
            problems.push(Problem::new(Some(&shown), unnamed_problem(stem)));
        }
        let known = previous
            .and_then(|archive| {
                archive
                    .sources
                    .iter()
                    .find(|source| source.shown == shown && source.text == text)
            })
            .map(|source| bulletin::parse::Parsed {
                issue: source.issue.clone(),
                warnings: source.warnings.clone(),
            });
        match known.map_or_else(|| bulletin::parse::parse(&shown, &text), Ok) {
            Ok(parsed) => {
                let date = parsed.issue.meta.date;
                if let Some(named) = stem_date.filter(|stem| named && *stem != date) {
                    problems.push(Problem::at(
                        &shown,
                        &text,
                        date_line(&text),
                        None,
                        misnamed(date, named),
                    ));
                }
                sources.push(Source {
                    shown: shown.clone(),
                    issue: parsed.issue,
                    warnings: parsed.warnings,
                    text: text.clone(),
                });
            }
            Err(errors) => problems.extend(errors.iter().map(|error| {
                Problem::at(
                    &shown,
                    &text,
                    error.line(),
                    Some(error.column()),
                    error.message().to_string(),
                )
            })),
        }
        if problems.len() > before {
            troubled.push(shown);
        }
    }
    sources.sort_by_key(|source| std::cmp::Reverse(source.issue.meta.date));
    for pair in sources.windows(2) {
        if pair[0].issue.meta.date == pair[1].issue.meta.date {
            let mut names = [pair[0].shown.as_str(), pair[1].shown.as_str()];
            names.sort_unstable();
            problems.push(Problem::new(
                None,
                format!(
                    "{} and {} are both the issue of {}: an archive holds each issue once",
                    names[0],
                    names[1],
                    pair[0].issue.meta.date.iso()
                ),
            ));
            troubled.extend(names.iter().map(|name| name.to_string()));
        }
    }
    if !problems.is_empty() {
        troubled.sort_unstable();
        troubled.dedup();
        let n_files = troubled.len();
        let summary = format!(
            "{} in {} of {} source files; nothing was built",
            count(problems.len(), "problem", "problems"),
            n_files,
            files.len()
        );
        return Err(Problems {
            list: problems,
            summary: Some(summary),
        });
    }
    Ok(Archive { sources })
}

/// The 1-based line of the front matter's `date:` key, for the message that points at it.
/// Why a file whose name (without `.md`) is `stem`, not a date, is no issue's source.
pub fn unnamed_problem(stem: &str) -> String {
    if Date::is_iso_shaped(stem) {
        format!("the file is named for {stem}, which is not a date of the calendar")
    } else {
        "an issue's file is named by its date, YYYY-MM-DD.md (2023-06-30.md)".to_string()
    }
}

/// A source of the issue of `date` in a file named for another date, `named`.
pub fn misnamed(date: Date, named: Date) -> String {
    format!(
        "the front matter's date is {}, but the file is named for {}",
        date.iso(),
        named.iso()
    )
}

/// The 1-based line of the front matter's date, or 1.
pub fn date_line(text: &str) -> usize {
    text.lines()
        .position(|line| line.trim_start().starts_with("date:"))
        .map_or(1, |index| index + 1)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Archive {
    /// The newest issue.
    pub fn newest(&self) -> &Issue {
        // `read` never returns an empty archive.
        &self.sources[0].issue
    }

    /// The position of the issue of `date` in the archive's order.
    pub fn position(&self, date: Date) -> Option<usize> {
        self.sources.iter().position(|source| source.issue.meta.date == date)
    }

    /// Prints every source's warnings, as `check-bulletin` words them.
    pub fn print_warnings(&self) {
        for source in &self.sources {
            for warning in &source.warnings {
                eprintln!("warning: {warning}");
            }
            for risk in bulletin::csv::formula_warnings(&source.shown, &source.text, &source.issue) {
                eprintln!("warning: {risk}");
            }
        }
    }

    /// The issues just older and newer than `date`.
    pub fn neighbours(&self, date: Date) -> (Option<Date>, Option<Date>) {
        let dates = self.sources.iter().map(|source| source.issue.meta.date);
        let older = dates.clone().filter(|d| *d < date).max();
        let newer = dates.filter(|d| *d > date).min();
        (older, newer)
    }

    /// Encodes every issue, the catalog and the search bundles.
    pub fn data_files(&self) -> Result<DataFiles> {
        let mut issues = Vec::with_capacity(self.sources.len());
        let mut catalog = Vec::with_capacity(self.sources.len());
        // One bundle a year: the sources are newest first, so a year's issues are together.
        let mut bundles: Vec<(Date, Bundle)> = Vec::new();
        for source in &self.sources {
            let issue = &source.issue;
            let bytes = data_file::encode(issue)
                .map_err(|error| Error::new(format!("{}: cannot encode the issue: {error}", source.shown)))?;
            let name = data_file::file_name(Kind::Issue, Some(issue.meta.date), &bytes);
            let size = u32::try_from(bytes.len())
                .map_err(|_| Error::new(format!("{}: the issue's data is over 4 GiB", source.shown)))?;
            catalog.push(CatalogIssue::new(issue, name.clone(), size));
            let date = issue.meta.date;
            if bundles.last().is_none_or(|(newest, _)| newest.year != date.year) {
                bundles.push((date, Bundle::default()));
            }
            let Some((_, bundle)) = bundles.last_mut() else {
                unreachable!("a bundle was pushed for this year");
            };
            bundle.files.push(BundledFile {
                date: issue.meta.date,
                file: name.clone(),
                bytes: bytes.clone(),
            });
            issues.push(DataFile { name, bytes });
        }
        let encode =
            |kind: Kind, date: Option<Date>, bytes: std::result::Result<Vec<u8>, String>| -> Result<DataFile> {
                let bytes = bytes.map_err(|error| Error::new(format!("cannot encode the {kind:?}: {error}")))?;
                Ok(DataFile {
                    name: data_file::file_name(kind, date, &bytes),
                    bytes,
                })
            };
        let search = bundles
            .iter()
            .map(|(date, bundle)| encode(Kind::Search, Some(*date), data_file::encode(bundle)))
            .collect::<Result<Vec<_>>>()?;
        Ok(DataFiles {
            issues,
            catalog: encode(Kind::Catalog, None, data_file::encode(&Catalog::new(catalog)))?,
            search,
        })
    }
}

impl DataFiles {
    /// Writes every file under `out`, and the list of the archive's files.
    pub fn write(&self, out: &Path) -> Result<()> {
        let folder = out.join(data_file::FOLDER);
        fs::create_dir_all(&folder).map_err(|error| Error::io("cannot create", &folder, error))?;
        for file in self.issues.iter().chain([&self.catalog]).chain(&self.search) {
            let path = out.join(&file.name);
            fs::write(&path, &file.bytes).map_err(|error| Error::io("cannot write", &path, error))?;
        }
        let path = out.join(ARCHIVE_FILE);
        fs::write(&path, self.archive_files().to_text()).map_err(|error| Error::io("cannot write", &path, error))
    }

    /// The archive's list of files (`data/archive.txt`), which the pages name instead of the
    /// catalog and the search bundles, so that a new issue leaves the pages as they were.
    pub fn archive_files(&self) -> ArchiveFiles {
        ArchiveFiles {
            count: u32::try_from(self.issues.len()).unwrap_or(u32::MAX),
            catalog: self.catalog.name.clone(),
            search: self.search.iter().map(|file| file.name.clone()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder under the system's temporary folder, removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let path = std::env::temp_dir().join(format!("xtask-archive-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            Folder(path)
        }

        fn write(&self, name: &str, text: &str) {
            fs::write(self.0.join(name), text).unwrap_or_else(|error| panic!("{name}: {error}"));
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn small(date: &str) -> String {
        let source = include_str!("../../crates/bulletin/tests/fixtures/2023-07-07-small.md");
        source.replacen("date: 2023-07-07", &format!("date: {date}"), 1)
    }

    fn message(result: Result<Archive>) -> String {
        match result {
            Ok(_) => panic!("the archive was read"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn issues_come_newest_first_with_their_neighbours() {
        let folder = Folder::new("order");
        folder.write("2023-07-07.md", &small("2023-07-07"));
        folder.write("2023-07-14.md", &small("2023-07-14"));
        folder.write("2023-06-30.md", &small("2023-06-30"));
        folder.write(FORMAT_GUIDE, "# The format\n");
        let archive = read(&folder.0, &folder.0).unwrap_or_else(|error| panic!("{error}"));
        let dates: Vec<String> = archive.sources.iter().map(|s| s.issue.meta.date.iso()).collect();
        assert_eq!(dates, ["2023-07-14", "2023-07-07", "2023-06-30"]);
        let july_7 = archive.sources[1].issue.meta.date;
        let (older, newer) = archive.neighbours(july_7);
        assert_eq!(older.map(|d| d.iso()).as_deref(), Some("2023-06-30"));
        assert_eq!(newer.map(|d| d.iso()).as_deref(), Some("2023-07-14"));
    }

    #[test]
    fn an_empty_folder_says_what_to_add() {
        let folder = Folder::new("empty");
        folder.write(FORMAT_GUIDE, "# The format\n");
        let error = message(read(&folder.0, &folder.0));
        assert!(error.contains("no issue to build"), "{error}");
        assert!(error.contains("2023-06-30.md"), "{error}");
    }

    #[test]
    fn every_error_of_every_file_is_reported() {
        let folder = Folder::new("errors");
        folder.write("2023-07-07.md", &small("2023-07-07").replace("category=기술전략", ""));
        folder.write("2023-07-14.md", &small("2023-07-21"));
        folder.write("notes.md", &small("2023-07-28"));
        folder.write("2023-07-21.md", &small("2023-07-21"));
        let error = message(read(&folder.0, &folder.0));
        assert!(error.contains("2023-07-07.md:"), "{error}");
        assert!(error.contains("category"), "{error}");
        assert!(
            error.contains(
                "2023-07-14.md:3: the front matter's date is 2023-07-21, but the file is named for 2023-07-14"
            ),
            "{error}"
        );
        assert!(
            error.contains("notes.md: an issue's file is named by its date"),
            "{error}"
        );
        assert!(
            error.contains("2023-07-14.md and 2023-07-21.md are both the issue of 2023-07-21"),
            "{error}"
        );
        assert!(error.contains("nothing was built"), "{error}");
    }

    #[test]
    fn each_problem_keeps_its_place_and_its_line() {
        let folder = Folder::new("places");
        folder.write("2023-07-07.md", &small("2023-07-07").replace("category=기술전략", ""));
        folder.write("2023-07-14.md", &small("2023-07-21"));
        let problems = match read_checked(&folder.0, &folder.0) {
            Ok(_) => panic!("the archive was read"),
            Err(problems) => problems,
        };
        let first = &problems.list[0];
        assert_eq!(first.file.as_deref(), Some("2023-07-07.md"));
        let (Some(line), Some(column), Some(text)) = (first.line, first.column, &first.line_text) else {
            panic!("no place: {first:?}");
        };
        let source = small("2023-07-07").replace("category=기술전략", "");
        assert_eq!(source.lines().nth(line - 1), Some(text.as_str()));
        assert!(column >= 1 && column <= text.chars().count() + 1, "{first:?}");
        assert_eq!(
            first.to_string(),
            format!("2023-07-07.md:{line}:{column}: {}", first.message)
        );
        let date = problems
            .list
            .iter()
            .find(|problem| problem.file.as_deref() == Some("2023-07-14.md"))
            .unwrap_or_else(|| panic!("{problems}"));
        assert_eq!(
            (date.line, date.column, date.line_text.as_deref()),
            (Some(3), None, Some("date: 2023-07-21"))
        );
    }

    #[test]
    fn reading_again_parses_only_what_changed() {
        let folder = Folder::new("again");
        folder.write("2023-07-07.md", &small("2023-07-07"));
        folder.write("2023-07-14.md", &small("2023-07-14"));
        let first = read_checked(&folder.0, &folder.0).unwrap_or_else(|error| panic!("{error}"));
        // What was read before is taken as it was, even where the parse would now differ.
        let mut known = first.clone();
        known.sources[1].issue.meta.publisher = "kept from before".to_string();
        folder.write(
            "2023-07-14.md",
            &small("2023-07-14").replace("publisher: 한중과학기술협력센터", "publisher: 다른 센터"),
        );
        let again = read_again(&folder.0, &folder.0, Some(&known)).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(again.sources[1].issue.meta.publisher, "kept from before");
        assert_ne!(
            again.sources[0].issue, first.sources[0].issue,
            "the changed file is parsed again"
        );
        let fresh = read_checked(&folder.0, &folder.0).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(again.sources[0].issue, fresh.sources[0].issue);
    }

    #[test]
    fn data_files_are_named_by_their_bytes_and_read_back() {
        let folder = Folder::new("data");
        folder.write("2023-07-07.md", &small("2023-07-07"));
        folder.write("2023-07-14.md", &small("2023-07-14"));
        let archive = read(&folder.0, &folder.0).unwrap_or_else(|error| panic!("{error}"));
        let files = archive.data_files().unwrap_or_else(|error| panic!("{error}"));
        let newest = &files.issues[0];
        assert!(newest.name.starts_with("data/2023-07-14-"), "{}", newest.name);
        let date = archive.newest().meta.date;
        let issue = data_file::decode_issue(&newest.name, &newest.bytes, date);
        assert_eq!(issue.as_ref(), Ok(archive.newest()));
        let catalog: Catalog =
            data_file::decode(&files.catalog.name, &files.catalog.bytes).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(catalog.issues.len(), 2);
        assert_eq!(catalog.issues[1].file, files.issues[1].name);
        assert_eq!(catalog.issues[1].size as usize, files.issues[1].bytes.len());
        assert_eq!(files.search.len(), 1);
        let bundle: Bundle =
            data_file::decode(&files.search[0].name, &files.search[0].bytes).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(bundle.files[0].issue().as_ref(), Ok(archive.newest()));
    }

    #[test]
    fn search_has_a_bundle_a_year_and_a_new_issue_changes_only_its_year() {
        let folder = Folder::new("years");
        for date in ["2022-12-30", "2023-01-06", "2023-07-14"] {
            folder.write(&format!("{date}.md"), &small(date));
        }
        let before = read(&folder.0, &folder.0)
            .and_then(|archive| archive.data_files())
            .unwrap_or_else(|error| panic!("{error}"));
        let names: Vec<&str> = before.search.iter().map(|file| file.name.as_str()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[0].starts_with("data/search-2023-"), "{names:?}");
        assert!(names[1].starts_with("data/search-2022-"), "{names:?}");
        let years: Vec<Vec<String>> = before
            .search
            .iter()
            .map(|file| {
                let bundle: Bundle =
                    data_file::decode(&file.name, &file.bytes).unwrap_or_else(|error| panic!("{error}"));
                bundle.files.iter().map(|bundled| bundled.date.iso()).collect()
            })
            .collect();
        assert_eq!(years, [vec!["2023-07-14", "2023-01-06"], vec!["2022-12-30"]]);
        folder.write("2023-07-21.md", &small("2023-07-21"));
        let after = read(&folder.0, &folder.0)
            .and_then(|archive| archive.data_files())
            .unwrap_or_else(|error| panic!("{error}"));
        assert_ne!(after.search[0].name, before.search[0].name);
        assert_eq!(after.search[1].name, before.search[1].name);
    }
}
