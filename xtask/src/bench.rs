//! `cargo xtask bench`: the size and speed budgets of the viewer, measured in headless
//! Chromium against the plain HTML page of the same issue and against DataTables.
//!
//! The task builds what the sections need into `target/bench/` (the release viewer, the
//! same issue's plain page, a synthetic issue with a 10,000-row table, a build with the
//! `bench-hooks` feature, and a DataTables page of the same 10,000 rows), serves that folder
//! with `cargo xtask serve`, and runs tests/bench/bench.mjs, which drives Chromium and writes
//! one record a line, each named from [`metric`]'s list, which the browser side takes from the
//! facts file (`crate::facts`). [`records`] reads them (and sums up each metric's samples), [`budget`]
//! checks the budgets, [`print`] writes the printed table and [`json`] the JSON written to
//! `bench-results/`. The task fails when a budget does, after printing everything.
//! docs/benchmark.md says what each number means.

mod archive;
mod budget;
mod json;
mod metric;
mod print;
mod records;
mod synthetic;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::cmd;
use crate::error::{Error, Result};
use crate::prerender;
use crate::single_file::quoted_after;
use crate::target;
use crate::tools::{self, Browser, CHROMIUM};

use records::Records;

/// What to measure and how often.
pub struct Options {
    /// Loads, clicks or calls behind each median.
    pub runs: usize,
    /// Measure the builds already in `target/bench/`.
    pub skip_build: bool,
    /// Measure one section only.
    pub only: Option<Section>,
    /// Measure the archive section only (`--archive-only`): synthetic archives of 1, 50 and
    /// 500 issues (`bench/archive.rs`).
    pub archive_only: bool,
}

/// A part of the bench, as `--only` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Download size of the first load.
    Size,
    /// First contentful paint and interactive, app and plain page.
    Startup,
    /// Click-to-painted sorting, the largest table and 10,000 rows against DataTables.
    Sort,
    /// Chart drawing at devicePixelRatio 2.
    Chart,
    /// Search per keystroke, in the issue and over a 500-issue archive.
    Search,
    /// JS heap and WebAssembly memory after load.
    Memory,
    /// Lighthouse's mobile profile on the app and the plain page, and the longest task of the
    /// app's start-up on a phone's screen at 4× CPU slowdown.
    Lighthouse,
}

impl Section {
    const ALL: [Section; 7] = [
        Section::Size,
        Section::Startup,
        Section::Sort,
        Section::Chart,
        Section::Search,
        Section::Memory,
        Section::Lighthouse,
    ];

    /// The name `--only` takes, and tests/bench/bench.mjs.
    pub fn name(self) -> &'static str {
        match self {
            Section::Size => "size",
            Section::Startup => "startup",
            Section::Sort => "sort",
            Section::Chart => "chart",
            Section::Search => "search",
            Section::Memory => "memory",
            Section::Lighthouse => "lighthouse",
        }
    }

    /// The section `--only <name>` asks for.
    pub fn parse(name: &str) -> Result<Section> {
        Section::ALL
            .into_iter()
            .find(|section| section.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|section| section.name()).collect();
                Error::new(format!(
                    "--only {name}: no such section; the sections are {}",
                    names.join(", ")
                ))
            })
    }

    /// The builds it measures.
    fn builds(self) -> &'static [Target] {
        match self {
            Section::Size | Section::Startup | Section::Chart | Section::Lighthouse => &[Target::App],
            Section::Sort => &[Target::App, Target::Big],
            Section::Search => &[Target::App, Target::Hooks],
            Section::Memory => &[Target::App, Target::Big],
        }
    }
}

/// One build below `target/bench/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// The release viewer with the newest issue, as shipped; its plain page goes to `plain/`.
    App,
    /// The release viewer with the synthetic 10,000-row issue.
    Big,
    /// The release viewer with the `bench-hooks` feature (the archive search hook).
    Hooks,
}

impl Target {
    fn folder(self) -> &'static str {
        match self {
            Target::App => "app",
            Target::Big => "big",
            Target::Hooks => "hooks",
        }
    }
}

/// Facts of the machine and the run, for the heading and the JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Run {
    /// When, in UTC (`2025-01-31T12:00:00Z`).
    pub date: String,
    /// Logical processors (`nproc`).
    pub nproc: usize,
    /// The CPU model from /proc/cpuinfo.
    pub cpu: String,
    /// The commit measured, and whether the work tree had changes.
    pub commit: String,
    /// Loads, clicks or calls per median.
    pub runs: usize,
    /// The one section run, if `--only` was given.
    pub only: Option<String>,
    /// Which toolchain built the app's WebAssembly, from its facts file
    /// (`nightly-2026-10-29, rustc 1.101.0-nightly (…), panics abort at once`).
    pub wasm_build: String,
}

impl Run {
    /// This run, now, on this machine, of the build whose facts file is `facts_path`.
    fn new(root: &Path, runs: usize, only: Option<String>, facts_path: &Path) -> Run {
        Run {
            date: utc_now(),
            nproc: std::thread::available_parallelism().map_or(0, |n| n.get()),
            cpu: cpu_model(),
            commit: commit(root),
            runs,
            only,
            wasm_build: wasm_build(facts_path),
        }
    }
}

/// How many issues the synthetic search archive holds.
const ARCHIVE_COPIES: usize = 500;

/// What the browser side takes from the facts file (`crate::facts`) rather than writing down
/// again: the names its records may carry, the sections, the synthetic table and the
/// archive's size.
#[derive(Serialize)]
pub struct Facts {
    /// Every name a record may carry ([`metric::ALL`]).
    records: &'static [metric::Name],
    /// The sections, as `--only` and BENCH_SECTIONS name them.
    sections: Vec<&'static str>,
    /// The id of the 10,000-row table in the `big/` build.
    big_table: &'static str,
    /// How many issues the synthetic search archive holds.
    archive_copies: usize,
}

/// The bench's part of every facts file.
pub fn facts() -> Facts {
    Facts {
        records: metric::ALL,
        sections: Section::ALL.iter().map(|section| section.name()).collect(),
        big_table: synthetic::TABLE_ID,
        archive_copies: ARCHIVE_COPIES,
    }
}

/// The folder everything is built into and served from: `bench/` in cargo's target folder
/// (`target/bench/` unless `CARGO_TARGET_DIR` or a cargo config moves it).
fn bench_dir(root: &Path) -> Result<PathBuf> {
    Ok(target::dir(root)?.join("bench"))
}

/// Builds, measures, prints the table, writes the JSON; fails when a budget is broken. The
/// archive section runs after the others unless `--only` names one, or alone with
/// `--archive-only`.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let archive_options = archive::Options {
        runs: options.runs,
        skip_build: options.skip_build,
    };
    if options.archive_only {
        return archive::run(root, &archive_options);
    }
    let sections = run_sections(root, options);
    if options.only.is_some() {
        return sections;
    }
    let archive = archive::run(root, &archive_options);
    match (sections, archive) {
        (Err(sections), Err(archive)) => Err(Error::new(format!("{sections}; {archive}"))),
        (sections, archive) => sections.and(archive),
    }
}

fn run_sections(root: &Path, options: &Options) -> Result<()> {
    if options.runs == 0 {
        return Err(Error::new("--runs wants at least 1"));
    }
    if options.runs < 15 {
        println!(
            "bench: --runs {} is below the 15 the budgets are set for; fine for a try, not for a verdict",
            options.runs
        );
    }
    let sections: Vec<Section> = match options.only {
        Some(section) => vec![section],
        None => Section::ALL.to_vec(),
    };
    let mut targets: Vec<Target> = Vec::new();
    // The app last, so that target/plain/ and the unoptimized WebAssembly are its own.
    for target in [Target::Big, Target::Hooks, Target::App] {
        if sections.iter().any(|section| section.builds().contains(&target)) {
            targets.push(target);
        }
    }
    let dir = bench_dir(root)?;
    fs::create_dir_all(&dir).map_err(|error| Error::io("cannot create", &dir, error))?;
    if options.skip_build {
        if !Path::new(CHROMIUM).exists() {
            return Err(Error::new(format!("{CHROMIUM} is missing; run without --skip-build")));
        }
    } else {
        tools::ensure(root, Browser::Needed)?;
        if sections.contains(&Section::Size) {
            build_floor(root)?;
        }
        for target in &targets {
            build(root, *target)?;
        }
    }
    for target in &targets {
        let index = dir.join(target.folder()).join("index.html");
        if !index.is_file() {
            return Err(Error::new(format!(
                "{} is missing; run `cargo xtask bench` without --skip-build",
                index.display()
            )));
        }
    }
    if targets.contains(&Target::App) && !dir.join("plain/index.html").is_file() {
        return Err(Error::new(format!(
            "{} is missing; run `cargo xtask bench` without --skip-build",
            dir.join("plain/index.html").display()
        )));
    }
    // The app's build wrote its facts file; the bench's own part of it is written again, so that
    // a run with --skip-build records under this xtask's names.
    let facts_path = crate::facts::path_for(root, &dir.join(Target::App.folder()))?;
    if !facts_path.is_file() {
        return Err(Error::new(format!(
            "{} is missing; run `cargo xtask bench` without --skip-build",
            facts_path.display()
        )));
    }
    crate::facts::rewrite_bench(&facts_path)?;
    npm_ci(root)?;
    if sections.contains(&Section::Sort) {
        datatables_page(root)?;
    }
    let records_path = dir.join("records.tsv");
    if records_path.exists() {
        fs::remove_file(&records_path).map_err(|error| Error::io("cannot remove", &records_path, error))?;
    }
    {
        let server = Server::start(&dir)?;
        println!("bench: serving {} at {}", dir.display(), server.url);
        let names: Vec<&str> = sections.iter().map(|section| section.name()).collect();
        let mut node = cmd::command(root, "node", &["tests/bench/bench.mjs"]);
        node.env("BENCH_URL", &server.url)
            .env("BENCH_DIR", &dir)
            .env("BENCH_FACTS", &facts_path)
            .env("BENCH_RUNS", options.runs.to_string())
            .env("BENCH_SECTIONS", names.join(","))
            .env("BENCH_RECORDS", &records_path)
            .env("CHROMIUM", CHROMIUM);
        cmd::run(&mut node)?;
    }
    let text = fs::read_to_string(&records_path).map_err(|error| Error::io("cannot read", &records_path, error))?;
    let records = Records::parse(&text).map_err(|error| Error::new(format!("{}: {error}", records_path.display())))?;
    let run = Run::new(
        root,
        options.runs,
        options.only.map(|section| section.name().to_string()),
        &facts_path,
    );
    let budgets = budget::budgets(&records);
    println!();
    print!("{}", print::table(&run, &records, &budgets));
    let written = write_results(root, &run, &json::results(&run, &records, &budgets))?;
    println!("\nbench: wrote {written} and bench-results/latest.json");
    budget::check(&budgets, "budget(s)")
}

/// Builds one target with `cargo xtask dist`, as a person would, into `target/bench/<folder>`.
fn build(root: &Path, target: Target) -> Result<()> {
    let dir = bench_dir(root)?;
    let out = dir.join(target.folder());
    println!("bench: building {}", out.display());
    let xtask = current_exe()?;
    let mut dist = Command::new(&xtask);
    dist.current_dir(root).arg("dist").arg("--out").arg(&out);
    // Only the bench-hooks build gets a feature; one set in the environment would leak in.
    dist.env_remove("TRUNK_BUILD_FEATURES");
    match target {
        Target::App => {}
        Target::Big => {
            let source = dir.join(format!("synthetic-{}-rows.md", synthetic::N_ROWS));
            let text = synthetic::bulletin(&synthetic::rows())?;
            fs::write(&source, text).map_err(|error| Error::io("cannot write", &source, error))?;
            dist.arg("--bulletin").arg(&source);
        }
        Target::Hooks => {
            dist.env("TRUNK_BUILD_FEATURES", "bench-hooks");
        }
    }
    cmd::run(&mut dist)?;
    if target == Target::App {
        // The plain page and the WebAssembly before wasm-opt are rewritten by every build;
        // keep this build's copies for the measurements and for `twiggy`.
        let plain = prerender::plain_dir(root)?;
        copy_folder(&plain, &dir.join("plain"))?;
        // target/plain/ holds the page and its stylesheet only, but the page also names the
        // icons; deployed beside them it would find them, so give it the app's.
        let icons = dir.join("app/icons");
        if icons.is_dir() {
            copy_folder(&icons, &dir.join("plain/icons"))?;
        }
        let unoptimized = target::dir(root)?
            .join(tools::WASM_TARGET)
            .join("release/bulletin-viewer.wasm");
        let kept = dir.join("app-before-wasm-opt.wasm");
        fs::copy(&unoptimized, &kept).map_err(|error| Error::io("cannot copy", &unoptimized, error))?;
    }
    Ok(())
}

/// Builds the stack's floor (tests/bench/floor: an empty Yew app that renders or hydrates) as
/// trunk and `dist` build the viewer: cargo's release profile on the same toolchain,
/// wasm-bindgen, wasm-opt with the level and flags index.html gives trunk, and the JS glue
/// minified. The JS glue and WebAssembly go to `target/bench/floor/`, whose files the size
/// section lists for comparison.
fn build_floor(root: &Path) -> Result<()> {
    let dir = bench_dir(root)?;
    println!("bench: building {}", dir.join("floor").display());
    // A copy with the viewer's Cargo.lock, so it gets exactly the viewer's crate versions (cargo
    // only drops what the floor does not use).
    let source = dir.join("floor-src");
    copy_folder(&root.join("tests/bench/floor"), &source)?;
    copy_folder(&root.join("tests/bench/floor/src"), &source.join("src"))?;
    let lock = root.join("Cargo.lock");
    fs::copy(&lock, source.join("Cargo.lock")).map_err(|error| Error::io("cannot copy", &lock, error))?;
    let manifest = source.join("Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let mut cargo = cmd::command(
        root,
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            tools::WASM_TARGET,
            "--manifest-path",
            &manifest,
        ],
    );
    cargo.env("CARGO_TARGET_DIR", dir.join("floor-build"));
    // With the toolchain and flags of the viewer's WebAssembly, or the comparison is unfair.
    let toolchain = crate::wasm_build::choose(root);
    toolchain.fetch(root)?;
    toolchain.apply(&mut cargo);
    cmd::run(&mut cargo)?;
    let out = dir.join("floor");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|error| Error::io("cannot remove", &out, error))?;
    }
    let built = dir.join(format!("floor-build/{}/release/bench-floor.wasm", tools::WASM_TARGET));
    let (built, out_dir) = (built.to_string_lossy(), out.to_string_lossy());
    let bindgen_args = [
        "--target",
        "web",
        "--no-typescript",
        "--out-dir",
        &out_dir,
        "--out-name",
        "floor",
        &built,
    ];
    cmd::run(&mut cmd::command(root, "wasm-bindgen", &bindgen_args))?;
    let index = root.join("index.html");
    let page = fs::read_to_string(&index).map_err(|error| Error::io("cannot read", &index, error))?;
    let level = quoted_after(&page, " data-wasm-opt=").unwrap_or("z");
    let params = quoted_after(&page, " data-wasm-opt-params=").unwrap_or("");
    let wasm = out.join("floor_bg.wasm");
    let wasm = wasm.to_string_lossy();
    let level = format!("-O{level}");
    let mut args: Vec<&str> = vec![&level];
    args.extend(params.split_whitespace());
    args.extend(["-o", &wasm, &wasm]);
    cmd::run(&mut cmd::command(root, "wasm-opt", &args))?;
    crate::minify::minify_in_place(root, &out, &["floor.js".to_string()])
}

/// The DataTables page: the synthetic rows, jQuery and DataTables from tests/bench/node_modules.
fn datatables_page(root: &Path) -> Result<()> {
    let out = bench_dir(root)?.join("datatables");
    fs::create_dir_all(&out).map_err(|error| Error::io("cannot create", &out, error))?;
    let modules = root.join("tests/bench/node_modules");
    let scripts = [
        (modules.join("jquery/dist/jquery.min.js"), "jquery.min.js"),
        (modules.join("datatables.net/js/dataTables.min.js"), "dataTables.min.js"),
    ];
    for (from, name) in &scripts {
        let to = out.join(name);
        fs::copy(from, &to).map_err(|error| Error::io("cannot copy", from, error))?;
    }
    let start = out.join("start.js");
    fs::write(&start, synthetic::DATATABLES_START).map_err(|error| Error::io("cannot write", &start, error))?;
    let page = synthetic::datatables_page(&synthetic::rows(), &["jquery.min.js", "dataTables.min.js", "start.js"]);
    let index = out.join("index.html");
    fs::write(&index, page).map_err(|error| Error::io("cannot write", &index, error))
}

/// Installs tests/bench's locked packages when they are missing or older than the lock.
fn npm_ci(root: &Path) -> Result<()> {
    let dir = root.join("tests/bench");
    let modified = |path: &Path| fs::metadata(path).and_then(|metadata| metadata.modified()).ok();
    let installed = modified(&dir.join("node_modules/.package-lock.json"));
    if installed.is_some() && installed >= modified(&dir.join("package-lock.json")) {
        return Ok(());
    }
    let mut npm = cmd::command(root, "npm", &["ci", "--no-audit", "--no-fund"]);
    npm.current_dir(&dir);
    cmd::run(&mut npm)
}

/// `cargo xtask serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &Path) -> Result<Server> {
        let mut command = Command::new(current_exe()?);
        command
            .args(["serve", "--no-build", "--port", "0", "--dir"])
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        let mut child = command
            .spawn()
            .map_err(|error| Error::new(format!("cannot start `{}`: {error}", cmd::describe(&command))))?;
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        let url = line
            .trim()
            .rsplit_once(" at ")
            .map(|(_, url)| url.to_string())
            .filter(|url| url.starts_with("http://"));
        match url {
            Some(url) => Ok(Server { child, url }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(Error::new(format!(
                    "`{}` did not say where it serves (it printed {:?})",
                    cmd::describe(&command),
                    line.trim()
                )))
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Our own child, by its id; it serves until killed.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn current_exe() -> Result<PathBuf> {
    std::env::current_exe().map_err(|error| Error::new(format!("cannot find the xtask binary's own path: {error}")))
}

/// Copies the files directly in `from` into `to`, which is emptied first.
fn copy_folder(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        fs::remove_dir_all(to).map_err(|error| Error::io("cannot remove", to, error))?;
    }
    fs::create_dir_all(to).map_err(|error| Error::io("cannot create", to, error))?;
    let entries = fs::read_dir(from).map_err(|error| Error::io("cannot list", from, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io("cannot list", from, error))?;
        if entry.file_type().is_ok_and(|kind| kind.is_file()) {
            let target = to.join(entry.file_name());
            fs::copy(entry.path(), &target).map_err(|error| Error::io("cannot copy", &entry.path(), error))?;
        }
    }
    Ok(())
}

/// Writes `bench-results/<date>.json` and `bench-results/latest.json`; returns the first's path.
fn write_results(root: &Path, run: &Run, results: &json::Json) -> Result<String> {
    let dir = root.join("bench-results");
    fs::create_dir_all(&dir).map_err(|error| Error::io("cannot create", &dir, error))?;
    let text = results.to_text();
    let name = format!("bench-results/{}.json", run.date.replace(':', "-"));
    for path in [root.join(&name), dir.join("latest.json")] {
        fs::write(&path, &text).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    Ok(name)
}

/// How the app's WebAssembly was built, in words, from the `build` part of its facts file.
fn wasm_build(facts_path: &Path) -> String {
    let build = fs::read_to_string(facts_path)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|facts| facts.get("build").cloned());
    let field = |name: &str| {
        build
            .as_ref()
            .and_then(|build| build.get(name))
            .and_then(|value| value.as_str())
            .unwrap_or("unknown")
            .to_string()
    };
    format!("{}, {}, panics: {}", field("toolchain"), field("rustc"), field("panic"))
}

/// The CPU model, from the first `model name` line of /proc/cpuinfo.
fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// `commit 1a2b3c4`, with a note when the work tree has uncommitted changes.
fn commit(root: &Path) -> String {
    let head = cmd::first_line(&mut cmd::command(root, "git", &["rev-parse", "--short", "HEAD"]));
    let dirty = cmd::command(root, "git", &["status", "--porcelain", "--untracked-files=no"])
        .output()
        .is_ok_and(|output| !output.stdout.is_empty());
    match head {
        Some(head) if dirty => format!("commit {head} with uncommitted changes"),
        Some(head) => format!("commit {head}"),
        None => "no git commit".to_string(),
    }
}

/// Now, in UTC, as `2025-01-31T12:00:00Z`.
fn utc_now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    utc(seconds)
}

/// Seconds since 1970 as an ISO 8601 UTC time (Howard Hinnant's civil-from-days).
fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let of_day = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::{utc, Section};
    use crate::single_file::quoted_after;

    #[test]
    fn the_floor_is_optimized_as_index_html_tells_trunk() {
        let page = include_str!("../../index.html");
        assert_eq!(quoted_after(page, " data-wasm-opt="), Some("z"));
        assert_eq!(
            quoted_after(page, " data-wasm-opt-params="),
            Some("--enable-bulk-memory --enable-nontrapping-float-to-int")
        );
        assert_eq!(quoted_after("<a data-x=\"1\">", " data-wasm-opt="), None);
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_688_083_199), "2023-06-29T23:59:59Z");
    }

    #[test]
    fn sections_by_name() {
        assert!(matches!(Section::parse("sort"), Ok(Section::Sort)));
        let error = Section::parse("sorting").err().map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("--only sorting: no such section; the sections are size, startup, sort, chart, search, memory, lighthouse")
        );
    }
}
