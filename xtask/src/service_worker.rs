//! The service worker step of `cargo xtask dist`: writes `sw.js` next to index.html from the
//! template `service_worker.js`, with the build's own files, every issue's data file and its
//! size, the page an issue is shown in offline, and a version derived from all of it; and
//! tells every page of the site where the worker is and which build the page belongs to.
//!
//! The version is a hash of everything the worker holds, so a build that differs in any file
//! gets a different `sw.js` (which is how the browser notices a new deployment) and a cache of
//! its own; a build of the same sources gives the same `sw.js`. The pages name the app's
//! version instead, a hash of the app's own files only ([`is_app_file`]): a build that adds an
//! issue leaves the older issues' pages byte for byte as they were. The page registers the worker
//! only when it carries [`META_NAME`] (src/sw.rs), so development builds and the single-file
//! build, which have no `sw.js`, never try; [`BUILD_META`] lets a page tell the worker whether
//! it is of the worker's build. [`retire`] writes the kill switch instead (`retire_worker.js`).

use std::fs;
use std::path::Path;

use bulletin::model::Date;
use serde::Serialize;

use crate::error::{Error, Result};

/// The template; its lines starting with [`BUILD_LINE`] and [`SHELL_LINE`] are replaced.
const TEMPLATE: &str = include_str!("service_worker.js");

/// The worker that withdraws the reader's worker from every browser (`dist --retire-worker`).
pub const RETIRE: &str = include_str!("retire_worker.js");

/// The start of the template line that holds the build's version and files.
const BUILD_LINE: &str = "const BUILD = ";

/// The start of the template line that holds the page an issue is shown in offline.
const SHELL_LINE: &str = "const SHELL = ";

/// The `<meta name>` whose content is the worker's address relative to index.html.
pub const META_NAME: &str = "bulletin-viewer:service-worker";

/// The `<meta name>` whose content is the version of the build the page belongs to.
pub const BUILD_META: &str = "bulletin-viewer:build";

/// The worker's file name; never hashed, so the browser can always find the newest one.
pub const FILE_NAME: &str = "sw.js";

/// What the worker must know besides the build's files.
pub struct Worker<'a> {
    /// Files of the build the worker does not keep in its own cache (paths relative to the
    /// build, `/`-separated): the single file, embed.js, every issue's page but the newest's,
    /// every data file of an issue, the search bundles.
    pub skip: &'a dyn Fn(&str) -> bool,
    /// Every issue, newest first.
    pub issues: Vec<IssueFile>,
    /// The search bundles (file, bytes), one a year, newest first: kept at install in the
    /// cache shared by builds, since they are named by their content and a new issue changes
    /// only its year's.
    pub search: Vec<(String, u64)>,
    /// The page an issue is shown in offline: trunk's page with the site's meta tags, where
    /// [`SHELL_TOKENS`] stand for the issue's own values, and an empty `#app`.
    pub shell: String,
    /// Whether the worker takes over as soon as it is installed.
    pub urgent: bool,
}

/// The tokens of [`Worker::shell`] the worker replaces with an issue's values: its date, its
/// data file, its neighbours' dates (empty where there is none), and the newest issue's date
/// on the page just before it (empty on any other), as the pre-rendered pages name them.
pub const SHELL_TOKENS: [&str; 5] = ["{{issue}}", "{{issue-data}}", "{{older}}", "{{newer}}", "{{newest}}"];

/// An issue's data file, as the worker lists it.
pub struct IssueFile {
    /// The issue's date.
    pub date: Date,
    /// Its data file, relative to the build (`data/2023-06-30-<hash>.issue`).
    pub data: String,
    /// The file's size in bytes.
    pub size: u64,
}

/// What was written, for the build's log.
pub struct Written {
    /// The cache version.
    pub version: String,
    /// How many files the worker precaches in its own cache.
    pub n_files: usize,
    /// Their size in bytes, with the newest issue's data file and the search bundles, which
    /// it keeps at install too.
    pub precached_bytes: u64,
    /// The size of every issue's data file together: what saving the whole archive keeps.
    pub archive_bytes: u64,
}

/// The build line of `sw.js`, as JSON.
#[derive(Serialize)]
struct Build<'a> {
    version: &'a str,
    app: &'a str,
    urgent: bool,
    shell: &'a [String],
    issues: Vec<(String, &'a str, u64)>,
    search: &'a [(String, u64)],
}

/// Writes `out/sw.js` for `worker`, after marking every page of the site with the worker's
/// address and the build's version.
pub fn run(out: &Path, worker: &Worker) -> Result<Written> {
    let mut files = Vec::new();
    list_files(out, "", &mut files)?;
    // Every page of the site names the worker (the issues' pages as well as index.html), so
    // a reader who first opens an old issue gets the site offline too.
    let pages: Vec<String> = files.iter().filter(|name| is_site_page(name)).cloned().collect();
    for page in &pages {
        edit(out, page, mark_index)?;
    }
    let shell = mark_index(&worker.shell)?;
    for token in SHELL_TOKENS {
        if !shell.contains(token) {
            return Err(Error::new(format!(
                "the offline page has no {token} for the worker to fill"
            )));
        }
    }
    let index_path = out.join("index.html");
    let marked = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    // Precompressed copies are the host's business; the browser asks for the files themselves.
    files.retain(|name| name != FILE_NAME && !(worker.skip)(name) && !name.ends_with(".gz") && !name.ends_with(".br"));
    files.sort();
    for name in files.iter().filter(|name| loaded_by_index(name)) {
        if !marked.contains(name.as_str()) {
            return Err(Error::new(format!(
                "{} does not load {name}, which the worker would check it for",
                index_path.display()
            )));
        }
    }
    let mut contents = Vec::with_capacity(files.len());
    for name in &files {
        let path = out.join(name);
        contents.push(fs::read(&path).map_err(|error| Error::io("cannot read", &path, error))?);
    }
    let issues: Vec<(String, &str, u64)> = worker
        .issues
        .iter()
        .map(|issue| (issue.date.iso(), issue.data.as_str(), issue.size))
        .collect();
    let listed = serde_json::to_string(&(&issues, &worker.search, worker.urgent))
        .map_err(|error| Error::new(format!("cannot write the issues as JSON: {error}")))?;
    let version = version(
        files
            .iter()
            .map(String::as_str)
            .zip(contents.iter().map(Vec::as_slice))
            .chain([
                ("issues", listed.as_bytes()),
                ("shell", shell.as_bytes()),
                ("worker", TEMPLATE.as_bytes()),
            ]),
    );
    // The pages say which app they are of: the version of the files a page loads, not of the
    // issues' data, so that a new issue leaves every page but its neighbours' as it was (and
    // a page open when a new issue is deployed lets the new worker take over without a word).
    let app = self::version(
        files
            .iter()
            .map(String::as_str)
            .zip(contents.iter().map(Vec::as_slice))
            .filter(|(name, _)| is_app_file(name))
            .chain([("shell", shell.as_bytes()), ("worker", TEMPLATE.as_bytes())]),
    );
    for page in &pages {
        edit(out, page, |html| mark_build(html, &app))?;
    }
    let shell = mark_build(&shell, &app)?;
    let build = Build {
        version: &version,
        app: &app,
        urgent: worker.urgent,
        shell: &files,
        issues,
        search: &worker.search,
    };
    let script = render(&build, &shell)?;
    let sw_path = out.join(FILE_NAME);
    fs::write(&sw_path, script).map_err(|error| Error::io("cannot write", &sw_path, error))?;
    let newest_data = worker.issues.first().map_or(0, |issue| issue.size);
    let mut precached_bytes = newest_data + worker.search.iter().map(|(_, size)| size).sum::<u64>();
    for name in &files {
        let path = out.join(name);
        precached_bytes += fs::metadata(&path)
            .map_err(|error| Error::io("cannot read", &path, error))?
            .len();
    }
    Ok(Written {
        version,
        n_files: files.len(),
        precached_bytes,
        archive_bytes: worker.issues.iter().map(|issue| issue.size).sum(),
    })
}

/// Writes the kill switch as `out/sw.js` and takes the worker's tags out of every page of the
/// site, so that no page registers a worker again.
pub fn retire(out: &Path) -> Result<()> {
    let mut files = Vec::new();
    list_files(out, "", &mut files)?;
    for page in files.iter().filter(|name| is_site_page(name)) {
        edit(out, page, |html| Ok(unmark(html)))?;
    }
    let sw_path = out.join(FILE_NAME);
    fs::write(&sw_path, RETIRE).map_err(|error| Error::io("cannot write", &sw_path, error))
}

/// Rewrites the file `name` of `out` with `change`, if that changes it.
fn edit(out: &Path, name: &str, change: impl Fn(&str) -> Result<String>) -> Result<()> {
    let path = out.join(name);
    let html = fs::read_to_string(&path).map_err(|error| Error::io("cannot read", &path, error))?;
    let changed = change(&html)?;
    if changed != html {
        fs::write(&path, &changed).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    Ok(())
}

/// The hashed script, WebAssembly and stylesheets that the worker checks index.html names
/// (the same rule as the template's `checkIndex`).
fn loaded_by_index(name: &str) -> bool {
    crate::dist::has_content_hash(name) && [".js", ".wasm", ".css"].iter().any(|suffix| name.ends_with(suffix))
}

/// Whether `name` (a file the worker keeps) is of the app rather than of the archive: not a
/// page, not a data file, not the archive's list of files.
fn is_app_file(name: &str) -> bool {
    !is_site_page(name) && !name.starts_with("data/")
}

/// The page with the worker's `<meta>` before `</head>`; unchanged if it is there already.
fn mark_index(index: &str) -> Result<String> {
    insert_meta(index, &format!("<meta name=\"{META_NAME}\" content=\"{FILE_NAME}\">"))
}

/// The page with the build's `<meta>` (its version) before `</head>`.
fn mark_build(page: &str, version: &str) -> Result<String> {
    insert_meta(page, &format!("<meta name=\"{BUILD_META}\" content=\"{version}\">"))
}

fn insert_meta(page: &str, meta: &str) -> Result<String> {
    if page.contains(meta) {
        return Ok(page.to_string());
    }
    let Some(at) = page.find("</head>") else {
        return Err(Error::new(
            "a page has no </head> to put the service worker's <meta> before",
        ));
    };
    Ok(format!("{}{meta}\n{}", &page[..at], &page[at..]))
}

/// The page without the worker's and the build's `<meta>` lines.
fn unmark(page: &str) -> String {
    let ours = [
        format!("<meta name=\"{META_NAME}\""),
        format!("<meta name=\"{BUILD_META}\""),
    ];
    let mut kept = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = ours.iter().filter_map(|start| rest.find(start.as_str())).min() {
        kept.push_str(&rest[..at]);
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end + 1);
        rest = rest[tag_end..].strip_prefix('\n').unwrap_or(&rest[tag_end..]);
    }
    kept.push_str(rest);
    kept
}

/// Whether `name` is a page of the site: index.html or an issue's page (`2023-06-30.html`).
fn is_site_page(name: &str) -> bool {
    name == "index.html"
        || name
            .strip_suffix(".html")
            .is_some_and(|stem| bulletin::model::Date::from_iso(stem).is_some())
}

/// The files under `dir`, as `/`-separated paths after `prefix`.
fn list_files(dir: &Path, prefix: &str, files: &mut Vec<String>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io("cannot list", dir, error))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry
            .file_type()
            .map_err(|error| Error::io("cannot read", &path, error))?;
        if kind.is_dir() {
            list_files(&path, &format!("{prefix}{name}/"), files)?;
        } else if kind.is_file() {
            files.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}

/// 16 hex digits of FNV-1a over each file's name, length and bytes: stable across Rust
/// releases (unlike std's hasher), which a cache name must be.
fn version<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    for (name, bytes) in files {
        eat(name.as_bytes());
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(bytes);
    }
    format!("{hash:016x}")
}

/// The template with its build and shell lines replaced.
fn render(build: &Build, shell: &str) -> Result<String> {
    let json = |what: &str, value: Result<String, serde_json::Error>| {
        value.map_err(|error| Error::new(format!("cannot write the worker's {what} as JSON: {error}")))
    };
    let build_line = format!("{BUILD_LINE}{};", json("build", serde_json::to_string(build))?);
    let shell_line = format!("{SHELL_LINE}{};", json("offline page", serde_json::to_string(shell))?);
    let mut found = (false, false);
    let lines: Vec<&str> = TEMPLATE
        .lines()
        .map(|template_line| {
            if template_line.starts_with(BUILD_LINE) {
                found.0 = true;
                build_line.as_str()
            } else if template_line.starts_with(SHELL_LINE) {
                found.1 = true;
                shell_line.as_str()
            } else {
                template_line
            }
        })
        .collect();
    if found != (true, true) {
        return Err(Error::new(format!(
            "xtask/src/service_worker.js has no line starting with `{BUILD_LINE}` and one with `{SHELL_LINE}` to put the build in"
        )));
    }
    Ok(lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::{mark_build, mark_index, render, unmark, version, Build, BUILD_META, META_NAME, RETIRE};

    #[test]
    fn the_build_and_shell_lines_are_replaced() {
        let shell = ["index.html".to_string(), "icons/icon-192.png".to_string()];
        let build = Build {
            version: "0123456789abcdef",
            app: "fedcba9876543210",
            urgent: true,
            shell: &shell,
            issues: vec![("2023-07-07".into(), "data/2023-07-07-00ff.issue", 1959)],
            search: &[("data/search-2023-00ee.bin".into(), 2048)],
        };
        let script = render(&build, "<p class=\"x\">{{issue}}</p>\n").unwrap_or_else(|error| panic!("{error}"));
        let expected_build = "\nconst BUILD = {\"version\":\"0123456789abcdef\",\"app\":\"fedcba9876543210\",\"urgent\":true,\
            \"shell\":[\"index.html\",\"icons/icon-192.png\"],\"issues\":[[\"2023-07-07\",\"data/2023-07-07-00ff.issue\",1959]],\
            \"search\":[[\"data/search-2023-00ee.bin\",2048]]};\n";
        assert!(script.contains(expected_build), "{script}");
        assert!(
            script.contains("\nconst SHELL = \"<p class=\\\"x\\\">{{issue}}</p>\\n\";\n"),
            "{script}"
        );
        assert_eq!(script.matches("const BUILD = ").count(), 1);
        assert!(!script.contains("development"));
    }

    #[test]
    fn the_version_follows_names_and_bytes() {
        let one = version([("a.js", &b"x"[..]), ("b.css", &b"y"[..])].into_iter());
        assert_eq!(one.len(), 16);
        assert_eq!(one, version([("a.js", &b"x"[..]), ("b.css", &b"y"[..])].into_iter()));
        assert_ne!(one, version([("a.js", &b"x"[..]), ("b.css", &b"z"[..])].into_iter()));
        assert_ne!(one, version([("a.js", &b"x"[..]), ("c.css", &b"y"[..])].into_iter()));
        // Moving a byte from one file to the next is a change too.
        assert_ne!(
            version([("a", &b"xy"[..]), ("b", &b""[..])].into_iter()),
            version([("a", &b"x"[..]), ("b", &b"y"[..])].into_iter())
        );
    }

    #[test]
    fn pages_are_marked_once_and_unmarked_whole() {
        let page = "<html><head><title>t</title></head><body></body></html>";
        let marked = mark_index(page).unwrap_or_else(|error| panic!("{error}"));
        let meta = format!("<meta name=\"{META_NAME}\" content=\"sw.js\">\n</head>");
        assert!(marked.contains(&meta), "{marked}");
        assert_eq!(mark_index(&marked).unwrap_or_else(|error| panic!("{error}")), marked);
        assert!(mark_index("<p>no head</p>").is_err());
        let built = mark_build(&marked, "0123456789abcdef").unwrap_or_else(|error| panic!("{error}"));
        assert!(built.contains(&format!(
            "<meta name=\"{BUILD_META}\" content=\"0123456789abcdef\">\n</head>"
        )));
        assert_eq!(unmark(&built), page);
        assert_eq!(unmark(page), page);
    }

    #[test]
    fn the_kill_switch_unregisters_and_deletes_only_this_scope() {
        // The retiring worker must answer no request and must reach the pages it leaves.
        assert!(RETIRE.contains("self.registration.unregister()"));
        assert!(RETIRE.contains("\"bulletin-viewer \" + self.registration.scope + \" \""));
        assert!(RETIRE.contains("self.skipWaiting()"));
        assert!(!RETIRE.contains("\"fetch\""));
    }
}
