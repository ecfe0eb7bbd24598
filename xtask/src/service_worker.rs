//! The service worker step of `cargo xtask dist`: writes `sw.js` next to index.html from the
//! template `service_worker.js`, with the list of the build's files and a version derived
//! from their content, and tells index.html where the worker is.
//!
//! The version is a hash of every precached file's name and bytes, so a build that differs in
//! any file gets a different `sw.js` (which is how the browser notices a new deployment) and a
//! cache of its own; a build of the same sources gives the same `sw.js`. The page registers
//! the worker only when index.html carries [`META_NAME`] (src/sw.rs), so development builds
//! and the single-file build, which have no `sw.js`, never try.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

/// The template; its line starting with [`BUILD_LINE`] is replaced.
const TEMPLATE: &str = include_str!("service_worker.js");

/// The start of the template line that holds the build's version and files.
const BUILD_LINE: &str = "const BUILD = ";

/// The `<meta name>` whose content is the worker's address relative to index.html.
pub const META_NAME: &str = "bulletin-viewer:service-worker";

/// The worker's file name; never hashed, so the browser can always find the newest one.
pub const FILE_NAME: &str = "sw.js";

/// What was written, for the build's log.
pub struct Written {
    /// The cache version.
    pub version: String,
    /// How many files the worker precaches.
    pub n_files: usize,
}

/// Writes `out/sw.js` precaching every file of `out` but those `skip` names (paths relative
/// to `out`, `/`-separated), after marking index.html.
pub fn run(out: &Path, skip: &dyn Fn(&str) -> bool) -> Result<Written> {
    let index_path = out.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let marked = mark_index(&index)?;
    if marked != index {
        fs::write(&index_path, &marked).map_err(|error| Error::io("cannot write", &index_path, error))?;
    }
    let mut files = Vec::new();
    list_files(out, "", &mut files)?;
    // Precompressed copies are the host's business; the browser asks for the files themselves.
    files.retain(|name| name != FILE_NAME && !skip(name) && !name.ends_with(".gz") && !name.ends_with(".br"));
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
    let version = version(files.iter().map(String::as_str).zip(contents.iter().map(Vec::as_slice)));
    let script = render(&version, &files)?;
    let sw_path = out.join(FILE_NAME);
    fs::write(&sw_path, script).map_err(|error| Error::io("cannot write", &sw_path, error))?;
    Ok(Written {
        version,
        n_files: files.len(),
    })
}

/// The hashed script, WebAssembly and stylesheets that the worker checks index.html names
/// (the same rule as the template's `checkIndex`).
fn loaded_by_index(name: &str) -> bool {
    crate::dist::has_content_hash(name) && [".js", ".wasm", ".css"].iter().any(|suffix| name.ends_with(suffix))
}

/// The page with the worker's `<meta>` before `</head>`; unchanged if it is there already.
fn mark_index(index: &str) -> Result<String> {
    let meta = format!("<meta name=\"{META_NAME}\" content=\"{FILE_NAME}\">");
    if index.contains(&meta) {
        return Ok(index.to_string());
    }
    let Some(at) = index.find("</head>") else {
        return Err(Error::new(
            "index.html has no </head> to put the service worker's <meta> before",
        ));
    };
    Ok(format!("{}{meta}\n{}", &index[..at], &index[at..]))
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

/// The template with its build line replaced.
fn render(version: &str, files: &[String]) -> Result<String> {
    let listed: Vec<String> = files.iter().map(|name| json_string(name)).collect();
    let line = format!(
        "{BUILD_LINE}{{ version: {}, files: [{}] }};",
        json_string(version),
        listed.join(", ")
    );
    let mut found = false;
    let lines: Vec<&str> = TEMPLATE
        .lines()
        .map(|template_line| {
            if template_line.starts_with(BUILD_LINE) {
                found = true;
                line.as_str()
            } else {
                template_line
            }
        })
        .collect();
    if !found {
        return Err(Error::new(format!(
            "xtask/src/service_worker.js has no line starting with `{BUILD_LINE}` to put the build in"
        )));
    }
    Ok(lines.join("\n") + "\n")
}

/// A JSON (and so JavaScript) string literal.
fn json_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                quoted.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::{json_string, mark_index, render, version, META_NAME};

    #[test]
    fn the_build_line_is_replaced() {
        let script = render("0123456789abcdef", &["index.html".into(), "icons/icon-192.png".into()])
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(
            script.contains(
                "\nconst BUILD = { version: \"0123456789abcdef\", files: [\"index.html\", \"icons/icon-192.png\"] };\n"
            ),
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
    fn index_is_marked_once() {
        let page = "<html><head><title>t</title></head><body></body></html>";
        let marked = mark_index(page).unwrap_or_else(|error| panic!("{error}"));
        let meta = format!("<meta name=\"{META_NAME}\" content=\"sw.js\">\n</head>");
        assert!(marked.contains(&meta), "{marked}");
        let again = mark_index(&marked).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(again, marked);
        assert!(mark_index("<p>no head</p>").is_err());
    }

    #[test]
    fn strings_are_quoted_for_javascript() {
        assert_eq!(json_string("a\"b\\c\n\u{2028}"), "\"a\\\"b\\\\c\\u000a\\u2028\"");
    }
}
