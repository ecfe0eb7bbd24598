//! The archive as the build reads it: every issue's source in `bulletins/`, parsed and
//! checked together, then written as the data files the viewer fetches
//! (`bulletin::data_file`): one a issue, the catalog and the search bundle.
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

use crate::error::{Error, Result};

/// The file in `bulletins/` that documents the format rather than being an issue.
const FORMAT_GUIDE: &str = "README.md";

/// One issue's source, parsed.
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
    /// The search bundle.
    pub search: DataFile,
}

/// The issue files of `dir`: every `*.md` but the format guide, sorted by name.
fn source_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
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
    let files = source_files(dir)?;
    if files.is_empty() {
        return Err(Error::new(format!(
            "{}: no issue to build: add a source file named by its date, such as 2023-06-30.md (see {}/{FORMAT_GUIDE})",
            shown(root, dir),
            shown(root, dir)
        )));
    }
    read_files(root, &files, true)
}

/// Reads one source file as an archive of one issue, whatever the file is called (a generated
/// fixture, a draft being checked).
pub fn read_one(root: &Path, file: &Path) -> Result<Archive> {
    if !file.is_file() {
        return Err(Error::new(format!("{}: no such file", shown(root, file))));
    }
    read_files(root, &[file.to_path_buf()], false)
}

/// Reads and checks `files`; `named` asks that each be named by its issue's date.
fn read_files(root: &Path, files: &[PathBuf], named: bool) -> Result<Archive> {
    let mut problems: Vec<String> = Vec::new();
    let mut troubled: Vec<String> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for path in files {
        let shown = shown(root, path);
        let before = problems.len();
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                problems.push(format!("{shown}: cannot read: {error}"));
                continue;
            }
        };
        let stem_date = path.file_stem().and_then(|stem| stem.to_str()).and_then(Date::from_iso);
        if named && stem_date.is_none() {
            problems.push(format!(
                "{shown}: an issue's file is named by its date, YYYY-MM-DD.md (2023-06-30.md)"
            ));
        }
        match bulletin::parse::parse(&shown, &text) {
            Ok(parsed) => {
                let date = parsed.issue.meta.date;
                if let Some(named) = stem_date.filter(|stem| named && *stem != date) {
                    problems.push(format!(
                        "{shown}:{}: the front matter's date is {}, but the file is named for {}",
                        date_line(&text),
                        date.iso(),
                        named.iso()
                    ));
                }
                sources.push(Source {
                    shown: shown.clone(),
                    issue: parsed.issue,
                    warnings: parsed.warnings,
                    text: text.clone(),
                });
            }
            Err(errors) => problems.extend(errors.iter().map(ToString::to_string)),
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
            problems.push(format!(
                "{} and {} are both the issue of {}: an archive holds each issue once",
                names[0],
                names[1],
                pair[0].issue.meta.date.iso()
            ));
            troubled.extend(names.iter().map(|name| name.to_string()));
        }
    }
    if !problems.is_empty() {
        troubled.sort_unstable();
        troubled.dedup();
        let n_files = troubled.len();
        return Err(Error::new(format!(
            "{}\n{} in {} of {} source files; nothing was built",
            problems.join("\n"),
            count(problems.len(), "problem", "problems"),
            n_files,
            files.len()
        )));
    }
    Ok(Archive { sources })
}

/// The 1-based line of the front matter's `date:` key, for the message that points at it.
fn date_line(text: &str) -> usize {
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

    /// Encodes every issue, the catalog and the search bundle.
    pub fn data_files(&self) -> Result<DataFiles> {
        let mut issues = Vec::with_capacity(self.sources.len());
        let mut catalog = Vec::with_capacity(self.sources.len());
        let mut bundle = Bundle::default();
        for source in &self.sources {
            let issue = &source.issue;
            let bytes = data_file::encode(issue)
                .map_err(|error| Error::new(format!("{}: cannot encode the issue: {error}", source.shown)))?;
            let name = data_file::file_name(Kind::Issue, Some(issue.meta.date), &bytes);
            let size = u32::try_from(bytes.len())
                .map_err(|_| Error::new(format!("{}: the issue's data is over 4 GiB", source.shown)))?;
            catalog.push(CatalogIssue::new(issue, name.clone(), size));
            bundle.files.push(BundledFile {
                date: issue.meta.date,
                file: name.clone(),
                bytes: bytes.clone(),
            });
            issues.push(DataFile { name, bytes });
        }
        let encode = |kind: Kind, bytes: std::result::Result<Vec<u8>, String>| -> Result<DataFile> {
            let bytes = bytes.map_err(|error| Error::new(format!("cannot encode the {kind:?}: {error}")))?;
            Ok(DataFile {
                name: data_file::file_name(kind, None, &bytes),
                bytes,
            })
        };
        Ok(DataFiles {
            issues,
            catalog: encode(Kind::Catalog, data_file::encode(&Catalog::new(catalog)))?,
            search: encode(Kind::Search, data_file::encode(&bundle))?,
        })
    }
}

impl DataFiles {
    /// Writes every file under `out`.
    pub fn write(&self, out: &Path) -> Result<()> {
        let folder = out.join(data_file::FOLDER);
        fs::create_dir_all(&folder).map_err(|error| Error::io("cannot create", &folder, error))?;
        for file in self.issues.iter().chain([&self.catalog, &self.search]) {
            let path = out.join(&file.name);
            fs::write(&path, &file.bytes).map_err(|error| Error::io("cannot write", &path, error))?;
        }
        Ok(())
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
        let bundle: Bundle =
            data_file::decode(&files.search.name, &files.search.bytes).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(bundle.files[0].issue().as_ref(), Ok(archive.newest()));
    }
}
