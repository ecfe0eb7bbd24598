//! `cargo xtask test`: every check CI runs, in CI's order, stopping at the first failure.
//!
//! Formatting and lints come first because they are quick; then native tests, the parser's
//! scaling check, browser tests in headless Chromium, the release build of every source in
//! `bulletins/`, and end-to-end tests against builds made the same way and served by
//! `cargo xtask serve`: the first issue alone, the archive of it and the fixtures, the hostile
//! issue. The runners' own output goes through untouched; each step gets a `== <title>` header,
//! and the time of each step is printed at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use std::{env, fs};

use crate::cmd;
use crate::dist;
use crate::error::{Error, Result};
use crate::facts;
use crate::hostile;
use crate::scaling;
use crate::target;
use crate::tools::{self, Browser, CHROMEDRIVER, WASM_TARGET};

/// What to run.
pub struct Options {
    /// Leave out the end-to-end tests (a developer's shortcut; CI runs them).
    pub skip_e2e: bool,
    /// Run only the step of this name.
    pub only: Option<String>,
}

/// One step of the run.
struct Step {
    /// The name `--only` takes.
    name: &'static str,
    /// The header line's title.
    title: &'static str,
    run: fn(&Context) -> Result<Outcome>,
}

/// What the steps need to know.
struct Context<'a> {
    root: &'a Path,
    options: &'a Options,
}

/// How a step that did not fail ended.
enum Outcome {
    Passed,
    Skipped(String),
}

const STEPS: &[Step] = &[
    Step {
        name: "fmt",
        title: "fmt",
        run: fmt,
    },
    Step {
        name: "clippy",
        title: "clippy (host)",
        run: clippy_host,
    },
    Step {
        name: "clippy-wasm32",
        title: "clippy (wasm32)",
        run: clippy_wasm,
    },
    Step {
        name: "native",
        title: "native tests",
        run: native_tests,
    },
    Step {
        name: "scaling",
        title: "parser scaling (release build)",
        run: scaling_check,
    },
    Step {
        name: "browser",
        title: "browser tests (headless Chromium)",
        run: browser_tests,
    },
    Step {
        name: "dist",
        title: "release build",
        run: release_build,
    },
    Step {
        name: "e2e",
        title: "end-to-end tests",
        run: e2e_tests,
    },
];

/// Runs the steps; the error names the step that failed.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    if let Some(only) = &options.only {
        if !STEPS.iter().any(|step| step.name == only) {
            let names: Vec<&str> = STEPS.iter().map(|step| step.name).collect();
            return Err(Error::new(format!(
                "--only {only}: no such step; the steps are {}",
                names.join(", ")
            )));
        }
    }
    println!("== tools");
    tools::ensure(root, Browser::Needed)?;
    let context = Context { root, options };
    let mut timings: Vec<(&Step, Duration, Option<String>)> = Vec::new();
    let started = Instant::now();
    for step in STEPS {
        if options.only.as_deref().is_some_and(|only| only != step.name) {
            continue;
        }
        println!("== {}", step.title);
        let step_started = Instant::now();
        let outcome = (step.run)(&context);
        let elapsed = step_started.elapsed();
        match outcome {
            Ok(Outcome::Passed) => timings.push((step, elapsed, None)),
            Ok(Outcome::Skipped(why)) => {
                println!("skipped: {why}");
                timings.push((step, elapsed, Some("skipped".into())));
            }
            Err(error) => {
                timings.push((step, elapsed, Some("FAILED".into())));
                print_timings(&timings, started.elapsed());
                return Err(Error::new(format!("test: step `{}` failed: {error}", step.title)));
            }
        }
    }
    print_timings(&timings, started.elapsed());
    Ok(())
}

fn print_timings(timings: &[(&Step, Duration, Option<String>)], total: Duration) {
    println!("== timings");
    let width = timings
        .iter()
        .map(|(step, _, _)| step.title.len())
        .max()
        .unwrap_or(0)
        .max("total".len());
    for (step, elapsed, note) in timings {
        let note = note.as_deref().map(|note| format!("  ({note})")).unwrap_or_default();
        println!("  {:<width$}  {:>7.1}s{note}", step.title, elapsed.as_secs_f64());
    }
    println!("  {:<width$}  {:>7.1}s", "total", total.as_secs_f64());
}

fn cargo(context: &Context, args: &[&str]) -> Result<Outcome> {
    cmd::run(&mut cmd::command(context.root, "cargo", args))?;
    Ok(Outcome::Passed)
}

fn fmt(context: &Context) -> Result<Outcome> {
    cargo(context, &["fmt", "--all", "--check"])
}

fn clippy_host(context: &Context) -> Result<Outcome> {
    cargo(
        context,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    )
}

fn clippy_wasm(context: &Context) -> Result<Outcome> {
    // The start-up's entry points too (crates/start with `entry`, as `dist` builds it).
    let args = [
        "clippy",
        "-p",
        "bulletin-viewer",
        "-p",
        "bulletin-start",
        "--features",
        "bulletin-start/entry",
        "--target",
        WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ];
    cargo(context, &args)
}

fn native_tests(context: &Context) -> Result<Outcome> {
    cargo(
        context,
        &["test", "-p", "bulletin", "-p", "bulletin-start", "-p", "xtask"],
    )
}

/// `cargo xtask scaling`: its release build and its runs take well under a minute here
/// (39 s with the build on this project's 2-core machine), and it fails the same way every
/// time, so it runs with the other native checks.
fn scaling_check(context: &Context) -> Result<Outcome> {
    scaling::run(context.root)?;
    Ok(Outcome::Passed)
}

fn browser_tests(context: &Context) -> Result<Outcome> {
    // wasm-bindgen-test-runner reads webdriver.json (Chromium's flags) from the repo root,
    // the working directory cargo gives the viewer's tests.
    let mut test = cmd::command(
        context.root,
        "cargo",
        &["test", "-p", "bulletin-viewer", "--target", WASM_TARGET],
    );
    test.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", CHROMEDRIVER);
    cmd::run(&mut test)?;
    Ok(Outcome::Passed)
}

fn release_build(context: &Context) -> Result<Outcome> {
    dist::run(context.root, &dist::Options::new(context.root.join("dist")))?;
    Ok(Outcome::Passed)
}

fn e2e_tests(context: &Context) -> Result<Outcome> {
    if context.options.skip_e2e {
        return Ok(Outcome::Skipped("--skip-e2e".into()));
    }
    let e2e = context.root.join("tests/e2e");
    if !e2e.join("package.json").is_file() {
        return Ok(Outcome::Skipped("tests/e2e/package.json does not exist yet".into()));
    }
    let installed = modified(&e2e.join("node_modules"));
    let locked = modified(&e2e.join("package-lock.json"));
    if installed.is_none() || installed < locked {
        let mut npm = cmd::command(context.root, "npm", &["ci", "--no-audit", "--no-fund"]);
        npm.current_dir(&e2e);
        cmd::run(&mut npm)?;
    }
    // The import's end-to-end test reads the reader's print back with pdftotext.
    tools::ensure_pdftotext(context.root)?;
    let hostile = hostile_build(context.root)?;
    let dist = issue_build(context.root)?;
    let archive = archive_build(context.root)?;
    let retired = retired_build(context.root, &archive)?;
    let xtask = std::env::current_exe()
        .map_err(|error| Error::new(format!("cannot find the xtask binary's own path: {error}")))?;
    // Each build's facts file (the issue it embeds, the interface strings), which each build
    // wrote beside itself.
    let facts = facts::path_for(context.root, &dist)?;
    let hostile_facts = facts::path_for(context.root, &hostile)?;
    let archive_facts = facts::path_for(context.root, &archive)?;
    let mut npm = cmd::command(context.root, "npm", &["test"]);
    npm.current_dir(&e2e)
        .env("DIST", dist)
        .env("FACTS", facts)
        .env("HOSTILE_DIST", hostile)
        .env("HOSTILE_FACTS", hostile_facts)
        .env("ARCHIVE_DIST", archive)
        .env("ARCHIVE_FACTS", archive_facts)
        .env("RETIRED_DIST", retired)
        .env("PDFTOTEXT", tools::PDFTOTEXT)
        .env("XTASK", xtask);
    cmd::run(&mut npm)?;
    Ok(Outcome::Passed)
}

/// The build the end-to-end suite's scenarios of one issue drive: the first issue the reader
/// held (`bulletins/2023-06-30.md`) alone, built as the release build is, into `e2e/issue/` in
/// cargo's target folder. Those scenarios are written against that issue (its tables, its ids,
/// what an undated link on the root means), while `bulletins/` gains an issue a week: the
/// release build of all of it is the step before, and what the next issue changes is the
/// archive's to test. Returns that folder.
fn issue_build(root: &Path) -> Result<PathBuf> {
    let legacy = format!("{}.md", bulletin::address::LEGACY_ISSUE.iso());
    let out = target::dir(root)?.join("e2e").join("issue");
    dist::run(
        root,
        &dist::Options {
            bulletin: Some(root.join("bulletins").join(legacy)),
            ..dist::Options::new(out.clone())
        },
    )?;
    Ok(out)
}

/// The third build the end-to-end suite drives: an archive of the first issue the reader held
/// (`bulletins/2023-06-30.md`) and the made-up fixture issues of `tests/fixtures/archive/`,
/// one of which reuses its ids, built into `e2e/archive/` in cargo's target folder. Returns
/// that folder.
fn archive_build(root: &Path) -> Result<PathBuf> {
    let dir = target::dir(root)?.join("e2e");
    let sources = dir.join("archive-sources");
    if sources.exists() {
        fs::remove_dir_all(&sources).map_err(|error| Error::io("cannot empty", &sources, error))?;
    }
    fs::create_dir_all(&sources).map_err(|error| Error::io("cannot create", &sources, error))?;
    let legacy = format!("{}.md", bulletin::address::LEGACY_ISSUE.iso());
    let mut files = vec![root.join("bulletins").join(&legacy)];
    let fixtures = root.join("tests/fixtures/archive");
    let entries = fs::read_dir(&fixtures).map_err(|error| Error::io("cannot list", &fixtures, error))?;
    for entry in entries.filter_map(|entry| entry.ok()) {
        let path = entry.path();
        if path.extension().is_some_and(|extension| extension == "md") && entry.file_name() != "README.md" {
            files.push(path);
        }
    }
    for file in files {
        let Some(name) = file.file_name() else { continue };
        let to = sources.join(name);
        fs::copy(&file, &to).map_err(|error| Error::io("cannot copy", &file, error))?;
    }
    let out = dir.join("archive");
    dist::run(
        root,
        &dist::Options {
            bulletins: Some(sources),
            ..dist::Options::new(out.clone())
        },
    )?;
    Ok(out)
}

/// The archive's build as `dist --retire-worker` would make it (its pages register no worker,
/// its `sw.js` is the kill switch), for the test that deploys it over the archive: a copy of
/// the archive's build in `e2e/retired/`, retired in place. Returns that folder.
fn retired_build(root: &Path, archive: &Path) -> Result<PathBuf> {
    let out = target::dir(root)?.join("e2e").join("retired");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|error| Error::io("cannot empty", &out, error))?;
    }
    copy_dir(archive, &out)?;
    crate::service_worker::retire(&out)?;
    Ok(out)
}

/// Copies the folder `from` to `to`, which must not exist.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).map_err(|error| Error::io("cannot create", to, error))?;
    let entries = fs::read_dir(from).map_err(|error| Error::io("cannot list", from, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io("cannot list", from, error))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(|error| Error::io("cannot copy", &source, error))?;
        }
    }
    Ok(())
}

/// The second build the end-to-end suite drives: a source full of attacks, written by
/// `hostile.rs`, built with the viewer's `test-hooks` feature (its panic trigger) into
/// `e2e/hostile/` in cargo's target folder, beside the source, whose facts file `dist` writes
/// as for any build. Returns that folder.
fn hostile_build(root: &Path) -> Result<PathBuf> {
    let dir = target::dir(root)?.join("e2e");
    let source = dir.join("hostile.md");
    hostile::write(&source)?;
    let out = dir.join("hostile");
    // dist::Options has no feature list; trunk also reads `--features` from this variable,
    // and nothing else runs while the build does.
    env::set_var("TRUNK_BUILD_FEATURES", "test-hooks");
    let built = dist::run(
        root,
        &dist::Options {
            bulletin: Some(source),
            ..dist::Options::new(out.clone())
        },
    );
    env::remove_var("TRUNK_BUILD_FEATURES");
    built?;
    Ok(out)
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|metadata| metadata.modified()).ok()
}
