//! `cargo xtask serve --watch`: the live preview an editor keeps open while writing an issue.
//!
//! The first build is a whole one, made with [`dist::Options::watch`]: every page loads
//! [`SCRIPT`] (`<script src="./__watch.js" data-generation="…" defer>`, relative to the page,
//! so the strict policy's `script-src 'self'` and any sub-path still hold), trunk's page is
//! kept (`.template.html`), and no service worker is written (it would serve stale pages).
//! Then a thread polls the sources' folder ([`POLL`]: names, sizes and times of modification)
//! and, on a change, reads the archive again (parsing only the files whose text changed) and,
//! when it is sound, runs only the steps the
//! sources decide ([`dist::build_sources`]: data files, every page, the feed) in a folder of
//! its own beside the served one, then moves the new files into place file by file (each a
//! rename, so a request never reads half a page), drops the data files and pages no page
//! names any more, and last writes [`STATE`] with the next generation. Trunk and the
//! WebAssembly are left as the first build made them.
//!
//! The page's script polls [`STATE`] (`{generation, errors}`, fetched with `no-store`): a
//! generation other than its page's reloads the page where the reader was (its scroll
//! position kept in sessionStorage), and errors show in an overlay over the last good build,
//! each with its file, line, column, the line itself and the message, until a save fixes them.
//! The terminal prints the same, with a caret under the column, and one line for each rebuild.
//! Nothing intercepts the server's requests: the preview is only files in the served folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

use crate::archive::{Archive, Problem, Problems};
use crate::dist;
use crate::error::{Error, Result};

/// The page's script, written beside the pages.
pub const SCRIPT: &str = "__watch.js";

/// The state the script polls: `{"generation": 2, "errors": [...]}`.
pub const STATE: &str = "__watch.json";

/// The script's source.
const SCRIPT_SOURCE: &str = include_str!("watch.js");

/// How often the sources' folder is looked at: a listing and a few `stat`s, cheap enough to do
/// often, and every poll's wait is part of the time from a save to the page.
pub const POLL: Duration = Duration::from_millis(100);

/// The generation of this run's first build: the time it started, in milliseconds, so that a
/// page left open from an earlier run of the preview reloads too.
fn first_generation() -> u64 {
    static FIRST: OnceLock<u64> = OnceLock::new();
    *FIRST.get_or_init(|| {
        let since = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        // Within JavaScript's exact integers for the next quarter of a million years.
        u64::try_from(since.as_millis()).unwrap_or(1)
    })
}

/// What the page's script reads.
#[derive(Serialize)]
struct State<'a> {
    /// Which build the served pages are; a page of another reloads.
    generation: u64,
    /// Why the sources on disk are not what is served; empty when they are.
    errors: &'a [Problem],
}

/// The first build's part for the preview (a step of `dist` in watch mode): every page of
/// `stage` loads the script, which is written with the first state.
pub fn prepare(stage: &Path) -> Result<()> {
    let path = stage.join(SCRIPT);
    fs::write(&path, SCRIPT_SOURCE).map_err(|error| Error::io("cannot write", &path, error))?;
    mark_pages(stage, first_generation())?;
    write_state(stage, first_generation(), &[])
}

/// The folder of sources a build of `options` reads.
fn sources_of(root: &Path, options: &dist::Options) -> PathBuf {
    options.bulletins.clone().unwrap_or_else(|| root.join("bulletins"))
}

/// The first, whole build of the preview into `options.out`. While the sources hold errors it
/// prints them and waits for a save, since there is nothing to show them over yet.
pub fn first_build(root: &Path, options: &dist::Options) -> Result<()> {
    let sources = sources_of(root, options);
    loop {
        let seen = fingerprint(&sources);
        match crate::archive::read_checked(root, &sources) {
            Ok(_) => break,
            Err(problems) => {
                print_problems(&problems);
                println!("watch: nothing to preview yet; the build starts when a source is saved");
                while fingerprint(&sources) == seen {
                    thread::sleep(POLL);
                }
            }
        }
    }
    dist::run(root, options)
}

/// Follows the sources on a thread of its own, rebuilding the preview in `options.out` after
/// every change; returns once the thread runs.
pub fn start(root: PathBuf, options: dist::Options) -> Result<()> {
    thread::Builder::new()
        .name("watch".to_string())
        .spawn(move || follow(&root, &options))
        .map(drop)
        .map_err(|error| Error::new(format!("cannot start the watch on the sources: {error}")))
}

/// The watch's loop, for as long as the server runs.
fn follow(root: &Path, options: &dist::Options) {
    let sources = sources_of(root, options);
    println!(
        "watch: following {}; save a source and the open pages follow",
        sources.display()
    );
    let mut seen = fingerprint(&sources);
    // The last archive read whole, whose files are not parsed again while their text is the same.
    let mut last = crate::archive::read_checked(root, &sources).ok();
    let mut generation = first_generation();
    loop {
        thread::sleep(POLL);
        let now = fingerprint(&sources);
        if now == seen {
            continue;
        }
        seen = now;
        let started = Instant::now();
        let outcome = rebuild(root, options, &sources, last.as_ref(), generation + 1);
        let elapsed = started.elapsed().as_millis();
        let problems = match outcome {
            Ok((summary, archive)) => {
                generation += 1;
                last = Some(archive);
                println!("watch: rebuilt in {elapsed} ms: {summary}");
                Vec::new()
            }
            Err(Failure::Sources(problems)) => {
                print_problems(&problems);
                println!("watch: the pages show the last good build until the sources are fixed");
                problems.list
            }
            Err(Failure::Build(error)) => {
                eprintln!("watch: the rebuild failed: {error}");
                vec![Problem {
                    file: None,
                    line: None,
                    column: None,
                    line_text: None,
                    message: format!("the rebuild failed: {error}"),
                }]
            }
        };
        if let Err(error) = write_state(&options.out, generation, &problems) {
            eprintln!("watch: {error}");
        }
        let _ = std::io::stdout().flush();
    }
}

/// Why a rebuild served nothing new.
enum Failure {
    /// The sources do not make an archive.
    Sources(Problems),
    /// A step failed on sound sources.
    Build(Error),
}

/// Reads the archive (parsing only the files whose text is not as in `last`) and, when it is
/// sound, builds its pages beside `options.out` and moves them in, marked as `generation`.
/// Returns what was built, in words, and the archive.
fn rebuild(
    root: &Path,
    options: &dist::Options,
    sources: &Path,
    last: Option<&Archive>,
    generation: u64,
) -> Result<(String, Archive), Failure> {
    let archive = crate::archive::read_again(root, sources, last).map_err(Failure::Sources)?;
    archive.print_warnings();
    let summary = format!(
        "{} issues, newest {}",
        archive.sources.len(),
        archive.newest().meta.date.iso()
    );
    let out = &options.out;
    let work = work_folder(out).map_err(Failure::Build)?;
    let build = || -> Result<Archive> {
        fresh_folder(&work)?;
        let template = out.join(dist::TEMPLATE);
        fs::copy(&template, work.join(dist::TEMPLATE)).map_err(|error| Error::io("cannot copy", &template, error))?;
        let archive = dist::build_sources(root, options, archive, &work)?;
        mark_pages(&work, generation)?;
        publish(&work, out)?;
        Ok(archive)
    };
    let built = build();
    let _ = fs::remove_dir_all(&work);
    Ok((summary, built.map_err(Failure::Build)?))
}

/// Where a rebuild is made: the served folder's sibling `.<name>.watch`.
fn work_folder(out: &Path) -> Result<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Err(Error::new(format!("{}: not a folder a build can go to", out.display())));
    };
    Ok(parent.join(format!(".{}.watch", name.to_string_lossy())))
}

/// Makes `folder` exist and be empty.
fn fresh_folder(folder: &Path) -> Result<()> {
    if folder.exists() {
        fs::remove_dir_all(folder).map_err(|error| Error::io("cannot empty", folder, error))?;
    }
    fs::create_dir_all(folder).map_err(|error| Error::io("cannot create", folder, error))
}

/// Moves the rebuilt files of `work` into `out`: the data files first, then the pages and the
/// feed that name them, each by a rename; then the data files and issue pages of `out` that
/// the rebuild did not make (an older version's, a removed issue's) go.
fn publish(work: &Path, out: &Path) -> Result<()> {
    let data = bulletin::data_file::FOLDER;
    let new_data = file_names(&work.join(data))?;
    fs::create_dir_all(out.join(data)).map_err(|error| Error::io("cannot create", &out.join(data), error))?;
    for name in &new_data {
        move_file(&work.join(data).join(name), &out.join(data).join(name))?;
    }
    let new_files: Vec<String> = file_names(work)?
        .into_iter()
        .filter(|name| name != dist::TEMPLATE)
        .collect();
    for name in &new_files {
        move_file(&work.join(name), &out.join(name))?;
    }
    for name in file_names(&out.join(data))? {
        if !new_data.contains(&name) {
            remove_file(&out.join(data).join(name))?;
        }
    }
    for name in file_names(out)? {
        if is_issue_page(&name) && !new_files.contains(&name) {
            remove_file(&out.join(name))?;
        }
    }
    Ok(())
}

fn move_file(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .map_err(|error| Error::new(format!("cannot move {} to {}: {error}", from.display(), to.display())))
}

fn remove_file(path: &Path) -> Result<()> {
    fs::remove_file(path).map_err(|error| Error::io("cannot remove", path, error))
}

/// The names of the files directly in `dir`, sorted.
fn file_names(dir: &Path) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    Ok(names)
}

/// Whether `name` is an issue's page (`2023-06-30.html`).
fn is_issue_page(name: &str) -> bool {
    name.strip_suffix(".html")
        .is_some_and(|stem| bulletin::model::Date::from_iso(stem).is_some())
}

/// Puts the script, as of `generation`, in every page of `folder` (index.html and the issues').
fn mark_pages(folder: &Path, generation: u64) -> Result<()> {
    for name in file_names(folder)? {
        if name != "index.html" && !is_issue_page(&name) {
            continue;
        }
        let path = folder.join(&name);
        let page = fs::read_to_string(&path).map_err(|error| Error::io("cannot read", &path, error))?;
        let marked = mark(&page, generation).ok_or_else(|| Error::new(format!("{}: no </head>", path.display())))?;
        fs::write(&path, marked).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    Ok(())
}

/// The page with the script's tag before `</head>`; none without a `</head>`.
fn mark(page: &str, generation: u64) -> Option<String> {
    let at = page.find("</head>")?;
    Some(format!(
        "{}<script src=\"./{SCRIPT}\" data-generation=\"{generation}\" defer></script>\n{}",
        &page[..at],
        &page[at..]
    ))
}

/// Writes [`STATE`] into `out` by a rename, so the script never reads half of it.
fn write_state(out: &Path, generation: u64, errors: &[Problem]) -> Result<()> {
    let json = serde_json::to_string(&State { generation, errors })
        .map_err(|error| Error::new(format!("cannot write the preview's state as JSON: {error}")))?;
    let partial = out.join(format!(".{STATE}.partial"));
    fs::write(&partial, json).map_err(|error| Error::io("cannot write", &partial, error))?;
    move_file(&partial, &out.join(STATE))
}

/// What the watch compares between two looks at the sources: every `*.md` file's name, size
/// and time of modification (a folder that cannot be read gives nothing, and reading the
/// archive then says why).
fn fingerprint(sources: &Path) -> Vec<(String, u64, Option<SystemTime>)> {
    let Ok(entries) = fs::read_dir(sources) else {
        return Vec::new();
    };
    let mut seen: Vec<(String, u64, Option<SystemTime>)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let metadata = entry.metadata().ok()?;
            name.ends_with(".md")
                .then(|| (name, metadata.len(), metadata.modified().ok()))
        })
        .collect();
    seen.sort();
    seen
}

/// Prints every problem as the overlay shows it: the place, the message, the line and a caret
/// under the column.
fn print_problems(problems: &Problems) {
    let mut text = String::new();
    for problem in &problems.list {
        text.push_str(&format!("error: {problem}\n"));
        text.push_str(&excerpt(problem));
    }
    let count = problems.list.len();
    text.push_str(&format!(
        "watch: {count} {} in the sources\n",
        if count == 1 { "error" } else { "errors" }
    ));
    eprint!("{text}");
}

/// The problem's line under its number, and a caret under its column, as compilers show it;
/// empty when it has no line.
fn excerpt(problem: &Problem) -> String {
    let (Some(line), Some(text)) = (problem.line, &problem.line_text) else {
        return String::new();
    };
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let shown: String = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let mut excerpt = format!("{number} | {shown}\n");
    if let Some(column) = problem.column {
        let before: usize = shown.chars().take(column.saturating_sub(1)).map(width).sum();
        excerpt.push_str(&format!("{gutter} | {}^\n", " ".repeat(before)));
    }
    excerpt
}

/// How many terminal columns `c` takes: two for Hangul, CJK and full-width forms, else one.
fn width(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line_text: &str, column: Option<usize>) -> Problem {
        Problem {
            file: Some("bulletins/2023-07-07.md".to_string()),
            line: Some(12),
            column,
            line_text: Some(line_text.to_string()),
            message: "table row has 3 cells, the header has 4".to_string(),
        }
    }

    #[test]
    fn the_caret_stands_under_the_column() {
        assert_eq!(excerpt(&problem("| a | b |", Some(5))), "12 | | a | b |\n   |     ^\n");
    }

    #[test]
    fn korean_takes_two_columns_before_the_caret() {
        assert_eq!(excerpt(&problem("표 가: x", Some(5))), "12 | 표 가: x\n   |       ^\n");
    }

    #[test]
    fn a_problem_without_a_column_shows_its_line_alone() {
        assert_eq!(excerpt(&problem("date: 2023-07-21", None)), "12 | date: 2023-07-21\n");
        let whole_file = Problem {
            line: None,
            ..problem("", None)
        };
        assert_eq!(excerpt(&whole_file), "");
    }

    #[test]
    fn the_script_goes_before_the_head_ends() {
        let page = "<html><head><title>t</title></head><body></body></html>";
        assert_eq!(
            mark(page, 7).as_deref(),
            Some(
                "<html><head><title>t</title><script src=\"./__watch.js\" data-generation=\"7\" defer></script>\n\
                 </head><body></body></html>"
            )
        );
        assert_eq!(mark("<p>no head</p>", 1), None);
    }

    #[test]
    fn the_state_names_each_error_where_it_is() {
        let folder = std::env::temp_dir().join(format!("xtask-watch-state-{}", std::process::id()));
        fresh_folder(&folder).unwrap_or_else(|error| panic!("{error}"));
        write_state(&folder, 3, &[problem("| a |", Some(2))]).unwrap_or_else(|error| panic!("{error}"));
        let json = fs::read_to_string(folder.join(STATE)).unwrap_or_else(|error| panic!("{error}"));
        let _ = fs::remove_dir_all(&folder);
        assert_eq!(
            json,
            "{\"generation\":3,\"errors\":[{\"file\":\"bulletins/2023-07-07.md\",\"line\":12,\"column\":2,\
             \"line_text\":\"| a |\",\"message\":\"table row has 3 cells, the header has 4\"}]}"
        );
    }

    #[test]
    fn publishing_replaces_pages_and_drops_what_no_page_names() {
        let base = std::env::temp_dir().join(format!("xtask-watch-publish-{}", std::process::id()));
        let (work, out) = (base.join("work"), base.join("out"));
        for folder in [&work, &out] {
            fresh_folder(&folder.join("data")).unwrap_or_else(|error| panic!("{error}"));
        }
        let write = |path: PathBuf, text: &str| fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
        write(out.join("index.html"), "old");
        write(out.join("2023-07-07.html"), "old");
        write(out.join("2023-07-14.html"), "removed issue");
        write(out.join("app-0123456789abcdef.js"), "trunk's");
        write(out.join("data/2023-07-07-aaaa.issue"), "old");
        write(work.join(dist::TEMPLATE), "template");
        write(work.join("index.html"), "new");
        write(work.join("2023-07-07.html"), "new");
        write(work.join("data/2023-07-07-bbbb.issue"), "new");
        publish(&work, &out).unwrap_or_else(|error| panic!("{error}"));
        let names = file_names(&out).unwrap_or_else(|error| panic!("{error}"));
        let data = file_names(&out.join("data")).unwrap_or_else(|error| panic!("{error}"));
        let index = fs::read_to_string(out.join("index.html")).unwrap_or_default();
        let _ = fs::remove_dir_all(&base);
        assert_eq!(names, ["2023-07-07.html", "app-0123456789abcdef.js", "index.html"]);
        assert_eq!(data, ["2023-07-07-bbbb.issue"]);
        assert_eq!(index, "new");
    }
}
