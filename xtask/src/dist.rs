//! `cargo xtask dist`: the release build of the viewer, as a list of steps.
//!
//! Trunk builds first (Rust to WebAssembly, wasm-bindgen, wasm-opt, hashed file names), its
//! cargo on the pinned nightly when it is there ([`crate::wasm_build`]); the steps after it
//! read and rewrite what trunk left in the output folder. Later steps (pre-rendering, a
//! service worker, a single-file build) slot into [`STEPS`] after trunk, and the last one
//! writes precompressed copies of every large file ([`crate::compress`]).
//! The tools must already be in place ([`crate::tools::ensure`]).

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use crate::cmd;
use crate::error::{Error, Result};
use crate::wasm_build::Toolchain;

/// What to build and where.
pub struct Options {
    /// The output folder (trunk's `--dist`), absolute.
    pub out: PathBuf,
    /// The issue to embed instead of the newest one (build.rs reads `BULLETIN`).
    pub bulletin: Option<PathBuf>,
}

/// What the steps share: the request, and what earlier steps learnt.
struct Build<'a> {
    root: &'a Path,
    options: &'a Options,
    /// Everything trunk printed, for the checks that it ran as intended.
    trunk_log: String,
    /// The toolchain that builds the WebAssembly.
    toolchain: Toolchain,
}

/// One step of the build.
struct Step {
    /// Shown in the step's header line.
    name: &'static str,
    run: fn(&mut Build) -> Result<()>,
}

/// The steps, in order.
const STEPS: &[Step] = &[
    Step {
        name: "cargo fetch",
        run: cargo_fetch,
    },
    Step {
        name: "trunk build --release",
        run: trunk_build,
    },
    Step {
        name: "check trunk's tools",
        run: check_trunk_log,
    },
    Step {
        name: "move inline scripts into files",
        run: external_scripts,
    },
    Step {
        name: "drop integrity from fetch preloads",
        run: preload_integrity,
    },
    Step {
        name: "pre-render the issue into index.html",
        run: prerender_page,
    },
    Step {
        name: "write the facts file for the JavaScript tests and the bench",
        run: facts_file,
    },
    Step {
        name: "write the single-file build",
        run: single_file_build,
    },
    Step {
        name: "write the service worker",
        run: service_worker,
    },
    Step {
        name: "check the output",
        run: check_output,
    },
    Step {
        name: "write gzip and brotli copies of the large files",
        run: precompressed_copies,
    },
];

/// The file stem trunk gives the viewer's script and WebAssembly (the bin's name).
const APP_STEM: &str = "bulletin-viewer";

/// Runs every step, then lists the output folder's files with their sizes.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    if let Some(bulletin) = &options.bulletin {
        if !bulletin.is_file() {
            return Err(Error::new(format!("--bulletin {}: no such file", bulletin.display())));
        }
    }
    let mut build = Build {
        root,
        options,
        trunk_log: String::new(),
        toolchain: crate::wasm_build::choose(root),
    };
    println!("dist: the WebAssembly is built with {}", build.toolchain.name());
    for step in STEPS {
        println!("dist: {}", step.name);
        (step.run)(&mut build).map_err(|error| Error::new(format!("dist: {}: {error}", step.name)))?;
    }
    print_files(&options.out)
}

/// Offline trunk (Trunk.toml) also builds with `cargo --offline`, so the crates Cargo.lock
/// names must already be here, and those of the standard library when the nightly rebuilds
/// it; fetching them is instant when they are.
fn cargo_fetch(build: &mut Build) -> Result<()> {
    cmd::run(&mut cmd::command(build.root, "cargo", &["fetch", "--quiet"]))?;
    build.toolchain.fetch(build.root)
}

fn trunk_build(build: &mut Build) -> Result<()> {
    // The log filter adds trunk's debug lines about which tool binaries it uses and when it
    // calls wasm-opt, which the next step checks; `--offline` also skips trunk's update check.
    let log = "error,trunk=info,trunk::tools=debug,trunk::pipelines::rust=debug";
    let out = build.options.out.to_string_lossy().into_owned();
    let mut trunk = cmd::command(
        build.root,
        "trunk",
        &[
            "--offline",
            "--skip-version-check",
            "--no-color",
            "--log",
            log,
            "build",
            "--release",
            "--dist",
            &out,
        ],
    );
    if let Some(bulletin) = &build.options.bulletin {
        trunk.env("BULLETIN", bulletin);
    }
    build.toolchain.apply(&mut trunk);
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // Trunk's errors already list their causes; a stack trace of trunk itself only
        // buries the compiler's message when RUST_BACKTRACE is set for other reasons.
        trunk.env("RUST_LIB_BACKTRACE", "0");
    }
    // The debug lines are for the checks, not for the reader.
    build.trunk_log = cmd::run_teed(&mut trunk, |line| line.split_whitespace().nth(1) == Some("DEBUG"))?;
    Ok(())
}

/// Trunk must have used the pinned tools from PATH, downloaded nothing and run wasm-opt.
fn check_trunk_log(build: &mut Build) -> Result<()> {
    let log = &build.trunk_log;
    for tool in ["wasm-bindgen", "wasm-opt"] {
        let used_system = log
            .lines()
            .any(|line| line.contains("using system installed binary") && line.contains(&format!("/{tool} ")));
        if !used_system {
            return Err(Error::new(format!(
                "trunk did not report using the installed {tool} from PATH"
            )));
        }
    }
    if let Some(line) = log.lines().find(|line| line.to_lowercase().contains("download")) {
        return Err(Error::new(format!("trunk mentions a download: {}", line.trim())));
    }
    if !log.lines().any(|line| line.contains("calling wasm-opt")) {
        return Err(Error::new(
            "trunk did not run wasm-opt; index.html's data-wasm-opt is missing or off",
        ));
    }
    Ok(())
}

/// The wasm-bindgen output trunk staged before wasm-opt, from its log line
/// `copying <target>/wasm-bindgen/release/bulletin-viewer_bg.wasm to <stage>/…`.
fn unoptimized_wasm(log: &str) -> Option<PathBuf> {
    log.lines().find_map(|line| {
        let marker = "DEBUG copying ";
        let rest = &line[line.find(marker)? + marker.len()..];
        let (from, _) = rest.split_once(" to ")?;
        from.ends_with("_bg.wasm").then(|| PathBuf::from(from))
    })
}

fn prerender_page(build: &mut Build) -> Result<()> {
    crate::prerender::run(build.root, &build.options.out, build.options.bulletin.as_deref())
}

/// The build's facts (the issue, the interface strings …) as JSON beside the build, from the
/// prerender binary the step before built: see `crate::facts`.
fn facts_file(build: &mut Build) -> Result<()> {
    let built = build.toolchain.facts(build.root)?;
    let path = crate::facts::write(build.root, &build.options.out, &built)?;
    println!("dist: wrote {}", path.display());
    Ok(())
}

/// `bulletin-<date>.html`: the page with everything inlined, for `file://` and mail.
/// Before the service worker step, so it is not precached and names no worker.
fn single_file_build(build: &mut Build) -> Result<()> {
    let name = crate::single_file::run(build.root, &build.options.out)?;
    println!("dist: wrote {name}");
    Ok(())
}

/// `sw.js`, precaching every file but itself, the single file and the hosts' embed.js.
fn service_worker(build: &mut Build) -> Result<()> {
    let skip = |name: &str| crate::single_file::is_single_file(name) || name == "embed.js";
    let written = crate::service_worker::run(&build.options.out, &skip)?;
    println!(
        "dist: wrote {}, cache version {}, {} files precached",
        crate::service_worker::FILE_NAME,
        written.version,
        written.n_files
    );
    Ok(())
}

/// `name.gz` and `name.br` beside each large compressible file, for hosts that serve them as
/// they are; last, so that every file the steps wrote gets its copies and none is precached.
fn precompressed_copies(build: &mut Build) -> Result<()> {
    let written = crate::compress::precompress(&build.options.out)?;
    println!(
        "dist: {} files precompressed: {} to {} gzip, {} brotli",
        written.files,
        human_size(written.raw),
        human_size(written.gzip),
        human_size(written.brotli)
    );
    Ok(())
}

/// Trunk starts the app with an inline `<script type="module">`, which a Content-Security-Policy
/// without `'unsafe-inline'` blocks (`cargo xtask serve --csp` sends such a policy, as a
/// careful host would). Each inline script moves into `start-<hash>.js` next to index.html.
fn external_scripts(build: &mut Build) -> Result<()> {
    let index_path = build.options.out.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let (rewritten, scripts) = split_inline_scripts(&index);
    for (name, code) in &scripts {
        let path = build.options.out.join(name);
        fs::write(&path, code).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    if !scripts.is_empty() {
        fs::write(&index_path, rewritten).map_err(|error| Error::io("cannot write", &index_path, error))?;
    }
    Ok(())
}

/// Trunk gives the WebAssembly's `<link rel="preload" as="fetch">` an `integrity` attribute,
/// which Chromium ignores on that kind of preload and warns about in the console on every
/// load. The glue's fetch of the WebAssembly carries no integrity either, so it goes.
fn preload_integrity(build: &mut Build) -> Result<()> {
    let index_path = build.options.out.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let rewritten = drop_fetch_preload_integrity(&index);
    if rewritten != index {
        fs::write(&index_path, rewritten).map_err(|error| Error::io("cannot write", &index_path, error))?;
    }
    Ok(())
}

/// The page with the `integrity="…"` attribute taken out of every `<link>` that has both
/// `rel="preload"` and `as="fetch"`; every other tag as it was.
fn drop_fetch_preload_integrity(html: &str) -> String {
    let mut page = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link ") {
        let Some(len) = rest[start..].find('>').map(|at| at + 1) else {
            break;
        };
        let tag = &rest[start..start + len];
        page.push_str(&rest[..start]);
        let attribute = tag.find(" integrity=\"").and_then(|at| {
            let value = at + " integrity=\"".len();
            tag[value..].find('"').map(|end| at..value + end + 1)
        });
        match attribute {
            Some(range) if tag.contains(" rel=\"preload\"") && tag.contains(" as=\"fetch\"") => {
                page.push_str(&tag[..range.start]);
                page.push_str(&tag[range.end..]);
            }
            _ => page.push_str(tag),
        }
        rest = &rest[start + len..];
    }
    page.push_str(rest);
    page
}

/// The page with every inline `<script>` given a `src` instead of its code, and the files
/// (name, code) that code goes to, each named by a hash of its code.
fn split_inline_scripts(html: &str) -> (String, Vec<(String, String)>) {
    let mut page = String::with_capacity(html.len());
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_len) = rest[start..].find('>').map(|at| at + 1) else {
            break;
        };
        let open = &rest[start..start + open_len];
        let body_start = start + open_len;
        let Some(body_len) = rest[body_start..].find("</script>") else {
            break;
        };
        let code = &rest[body_start..body_start + body_len];
        page.push_str(&rest[..start]);
        if open.contains("src=") || code.trim().is_empty() {
            page.push_str(&rest[start..body_start + body_len]);
        } else {
            let name = format!("start-{:016x}.js", content_hash(code.as_bytes()));
            // A module script waits for the whole page to be parsed unless it is async; async,
            // the WebAssembly compiles while the browser is still laying out the pre-rendered
            // issue, and the app itself waits for the document (src/lib.rs).
            let asynchronous = if open.contains("type=\"module\"") { " async" } else { "" };
            page.push_str(&format!("{}{asynchronous} src=\"./{name}\">", &open[..open.len() - 1]));
            scripts.push((name, code.trim().to_string() + "\n"));
        }
        page.push_str("</script>");
        rest = &rest[body_start + body_len + "</script>".len()..];
    }
    page.push_str(rest);
    (page, scripts)
}

/// A hash that changes with the content, for file names (std's SipHash, fixed keys).
fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The output holds index.html, which loads the hashed script and WebAssembly that are there.
fn check_output(build: &mut Build) -> Result<()> {
    let out = &build.options.out;
    let index_path = out.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let names = file_names(out)?;
    let expected = [("the viewer's script", ".js"), ("the viewer's WebAssembly", "_bg.wasm")];
    for (what, suffix) in expected {
        let found = names
            .iter()
            .find(|name| name.starts_with(APP_STEM) && name.ends_with(suffix) && has_content_hash(name));
        let Some(name) = found else {
            return Err(Error::new(format!(
                "{} has no {what} ({APP_STEM}-<hash>{suffix})",
                out.display()
            )));
        };
        if !index.contains(name.as_str()) {
            return Err(Error::new(format!("{} does not load {name}", index_path.display())));
        }
        if suffix == "_bg.wasm" {
            check_optimized(&build.trunk_log, &out.join(name))?;
        }
    }
    if !names
        .iter()
        .any(|name| name.ends_with(".css") && has_content_hash(name))
    {
        return Err(Error::new(format!("{} has no hashed stylesheet", out.display())));
    }
    Ok(())
}

/// wasm-opt ran if the shipped WebAssembly is smaller than what wasm-bindgen made.
fn check_optimized(trunk_log: &str, shipped: &Path) -> Result<()> {
    let Some(unoptimized) = unoptimized_wasm(trunk_log) else {
        return Err(Error::new("trunk's log does not say where wasm-bindgen's output is"));
    };
    let size = |path: &Path| {
        fs::metadata(path)
            .map(|metadata| metadata.len())
            .map_err(|error| Error::io("cannot read", path, error))
    };
    let (before, after) = (size(&unoptimized)?, size(shipped)?);
    if after >= before {
        return Err(Error::new(format!(
            "{} ({after} bytes) is no smaller than wasm-bindgen's {} ({before} bytes): wasm-opt did not optimize it",
            shipped.display(),
            unoptimized.display()
        )));
    }
    println!(
        "dist: trunk used wasm-bindgen and wasm-opt from PATH; wasm-opt took the WebAssembly from {} to {}",
        human_size(before),
        human_size(after)
    );
    Ok(())
}

/// The names of the files directly in `dir`.
fn file_names(dir: &Path) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    Ok(entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect())
}

/// Whether trunk put a content hash in this file name: `-` then 12 to 16 lowercase hex digits
/// (a u64 printed without padding) then `.` or `_`, as in `bulletin-viewer-3f2a…_bg.wasm`.
/// Fewer than 12 digits is taken as part of the name (`icon-192.png`).
pub fn has_content_hash(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        (12..=16).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b'_'))
    })
}

fn print_files(out: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect_files(out, out, &mut files)?;
    files.sort();
    println!("dist: {}", out.display());
    let width = files.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    for (name, size) in &files {
        println!("  {name:<width$}  {:>10}", human_size(*size));
    }
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    println!(
        "  {:<width$}  {:>10}",
        format!("{} files", files.len()),
        human_size(total)
    );
    Ok(())
}

fn collect_files(top: &Path, dir: &Path, files: &mut Vec<(String, u64)>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io("cannot list", dir, error))?;
        let path = entry.path();
        let metadata = entry
            .metadata()
            .map_err(|error| Error::io("cannot read", &path, error))?;
        if metadata.is_dir() {
            collect_files(top, &path, files)?;
        } else {
            let name = path.strip_prefix(top).unwrap_or(&path).to_string_lossy().into_owned();
            files.push((name, metadata.len()));
        }
    }
    Ok(())
}

/// `1234567` gives `1.18 MiB`; sizes under 1 KiB stay in bytes.
fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let size = bytes as f64;
    if size < KIB {
        format!("{bytes} B")
    } else if size < KIB * KIB {
        format!("{:.1} KiB", size / KIB)
    } else {
        format!("{:.2} MiB", size / KIB / KIB)
    }
}

#[cfg(test)]
mod tests {
    use super::{drop_fetch_preload_integrity, has_content_hash, human_size, split_inline_scripts};

    #[track_caller]
    fn check(name: &str, expected: bool) {
        assert_eq!(has_content_hash(name), expected, "{name}");
    }

    #[test]
    fn trunk_hashes_are_recognised() {
        check("bulletin-viewer-3f2a9c4d5e6f7a8b_bg.wasm", true);
        check("bulletin-viewer-3f2a9c4d5e6f7a8b.js", true);
        check("style-f2a9c4d5e6f7a8b.css", true);
    }

    #[test]
    fn plain_names_are_not_hashed() {
        check("index.html", false);
        check("icon-192.png", false);
        check("bulletin-viewer.js", false);
        check("sw.js", false);
        check("style-3F2A9C4D5E6F7A8B.css", false);
        check("a-3f2a9c4d5e6f7a8b9c.css", false);
    }

    #[test]
    fn inline_scripts_move_to_files() {
        let page = "<head><script type=\"module\">\nimport init from './a.js';\n</script><script src=\"x.js\"></script></head>";
        let (rewritten, scripts) = split_inline_scripts(page);
        assert_eq!(scripts.len(), 1);
        let (name, code) = &scripts[0];
        assert!(name.starts_with("start-") && has_content_hash(name), "{name}");
        assert_eq!(code, "import init from './a.js';\n");
        let expected = format!(
            "<head><script type=\"module\" async src=\"./{name}\"></script><script src=\"x.js\"></script></head>"
        );
        assert_eq!(rewritten, expected);
    }

    #[test]
    fn fetch_preloads_lose_their_integrity_and_nothing_else_does() {
        let page = "<head><link rel=\"modulepreload\" href=\"./a.js\" integrity=\"sha384-A\">\
            <link rel=\"preload\" href=\"./a_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-B\" as=\"fetch\" type=\"application/wasm\">\
            <link rel=\"stylesheet\" href=\"./s.css\" integrity=\"sha384-C\"/></head>";
        let expected = "<head><link rel=\"modulepreload\" href=\"./a.js\" integrity=\"sha384-A\">\
            <link rel=\"preload\" href=\"./a_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\
            <link rel=\"stylesheet\" href=\"./s.css\" integrity=\"sha384-C\"/></head>";
        assert_eq!(drop_fetch_preload_integrity(page), expected);
        assert_eq!(drop_fetch_preload_integrity(expected), expected);
    }

    #[test]
    fn pages_without_inline_scripts_stay() {
        let page = "<body><script src=\"x.js\"></script><p>script</p></body>";
        assert_eq!(split_inline_scripts(page), (page.to_string(), Vec::new()));
    }

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2048), "2.0 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.00 MiB");
    }
}
