//! The project's task runner: `cargo xtask <task>`, one small binary so that only `cargo`
//! is needed to start (matklad's cargo-xtask).
//!
//! Each task lives in its own module: [`tools`] installs the pinned build tools, [`dist`]
//! makes the release build, [`serve`] is a small static HTTP server for it, [`test`] runs
//! every check CI runs, in CI's order, [`check_bulletin`] reports on one source file,
//! [`import`] drafts a source file from a printed issue's text (and [`compare`] measures the
//! draft against a checked one), [`fuzz`] fuzzes the core and [`scaling`] checks that
//! parsing scales; [`watch`] is `serve --watch`'s live preview.
//! This file only reads the command line and hands over.

mod archive;
mod args;
mod bench;
mod check_bulletin;
mod cmd;
mod compare;
mod compress;
mod dist;
mod error;
mod facts;
mod feed;
mod fuzz;
mod generate;
mod hostile;
mod import;
mod minify;
mod prerender;
mod scaling;
mod serve;
mod service_worker;
mod single_file;
mod stylesheet;
mod target;
mod test;
mod tools;
mod wasm_build;
mod watch;

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::Args;
use crate::error::{Error, Result};

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  dist [--out <dir>] [--bulletins <dir> | --bulletin <file>] [--single <date>] [--site-url <url>]
       [--urgent | --retire-worker]
      release build of every issue in bulletins/ (or <dir>, or the one <file>) into dist/ (or
      <dir>), then list its files; --single picks the issue of the single-file build (default
      the newest), --site-url makes the feed's links absolute; --urgent makes a service worker
      that takes over at once and reloads open pages (README.md says when), --retire-worker
      writes the kill switch instead of a worker
  serve [--port N] [--no-build] [--dir <dir>] [--bulletins <dir>] [--base /sub/] [--csp [--frame-ancestors <sources>]]
        [--watch]
      build, then serve the build on http://127.0.0.1:N (default 8080; 0 picks a free port);
      --csp sends the policy to deploy with (README.md), with frame-ancestors <sources>
      (default 'self'; e.g. 'none', https://host.example, *); --watch is the live preview:
      it builds into target/preview/ (or <dir>), and every save of a source in bulletins/ (or
      <dir>) rebuilds the pages and reloads the open ones, or shows the source's errors in them
  test [--skip-e2e] [--only <step>]
      fmt, clippy (host and wasm32), native tests, parser scaling, browser tests, release build,
      end-to-end tests
  bench [--runs N] [--skip-build] [--only <section> | --archive-only]
      build, then measure size, start-up, sorting, charts, search and memory against the
      budgets in headless Chromium (docs/benchmark.md); fails when a budget is broken;
      then the archive: synthetic archives of 1, 50 and 500 issues, built and measured
  check-bulletin <file>
      parse one bulletin source and report its errors, or what it holds
  import <text-file> [--out <file or folder/>] [--force] [--date YYYY-MM-DD] [--compare <checked.md> [--figures <json>]]
      draft a bulletin source from a printed issue's text (pdftotext or PDF-to-Markdown output);
      lists what it could not decide (also in <out>.review.txt); --compare measures the draft
      against a checked source, block by block
  fuzz [--seconds N] [--target <name>]
      run each fuzz target of fuzz/ for N seconds (default 60; needs nightly and cargo-fuzz)
  scaling
      time the parser on generated 1 and 2 MiB sources in a release build; fail if not linear
  help
      this text

tools (trunk, wasm-bindgen-cli, wasm-opt, Chromium) are installed by dist, serve and test as needed";

fn main() -> ExitCode {
    let mut words = env::args().skip(1);
    let Some(task) = words.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = Args::new(words.collect());
    match run(&task, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: &str, mut args: Args) -> Result<()> {
    let root = repo_root();
    match task {
        "dist" => {
            let mut options = dist::Options::new(args.path("--out")?.unwrap_or_else(|| root.join("dist")));
            options.bulletins = args.path("--bulletins")?;
            options.bulletin = args.path("--bulletin")?;
            options.single = match args.value("--single")? {
                Some(date) => Some(
                    bulletin::model::Date::from_iso(&date)
                        .ok_or_else(|| Error::new(format!("--single {date}: not a date (YYYY-MM-DD)")))?,
                ),
                None => None,
            };
            options.site_url = args.value("--site-url")?;
            options.urgent = args.flag("--urgent");
            options.retire_worker = args.flag("--retire-worker");
            if options.bulletins.is_some() && options.bulletin.is_some() {
                return Err(Error::new("--bulletins and --bulletin: give one or the other"));
            }
            if options.urgent && options.retire_worker {
                return Err(Error::new(
                    "--urgent and --retire-worker: a build either has a worker that takes over at once or retires it",
                ));
            }
            args.finish()?;
            tools::ensure(&root, tools::Browser::NotNeeded)?;
            dist::run(&root, &options)
        }
        "serve" => {
            let port = match args.value("--port")? {
                Some(port) => port
                    .parse::<u16>()
                    .map_err(|_| Error::new(format!("--port wants a number from 0 to 65535, not `{port}`")))?,
                None => 8080,
            };
            let build = !args.flag("--no-build");
            let watch = args.flag("--watch");
            let bulletins = args.path("--bulletins")?;
            let dir = match args.path("--dir")? {
                Some(dir) => dir,
                // A preview is no release: it never takes dist/'s place.
                None if watch => target::dir(&root)?.join("preview"),
                None => root.join("dist"),
            };
            let base = serve::normalize_base(&args.value("--base")?.unwrap_or_else(|| "/".into()))?;
            let csp = args.flag("--csp");
            let frame_ancestors = args.value("--frame-ancestors")?;
            let csp = match (csp, frame_ancestors) {
                (true, sources) => Some(serve::csp(&serve::check_frame_ancestors(
                    sources.as_deref().unwrap_or(serve::DEFAULT_FRAME_ANCESTORS),
                )?)),
                (false, None) => None,
                (false, Some(_)) => return Err(Error::new("--frame-ancestors goes with --csp")),
            };
            args.finish()?;
            if watch && !build {
                return Err(Error::new("--watch builds the preview itself; leave out --no-build"));
            }
            if bulletins.is_some() && !build {
                return Err(Error::new("--bulletins names what to build; leave out --no-build"));
            }
            let options = dist::Options {
                bulletins,
                watch,
                ..dist::Options::new(dir.clone())
            };
            if build {
                tools::ensure(&root, tools::Browser::NotNeeded)?;
                if watch {
                    watch::first_build(&root, &options)?;
                } else {
                    dist::run(&root, &options)?;
                }
            }
            if watch {
                watch::start(root, options)?;
            }
            serve::run(&serve::Options { port, dir, base, csp })
        }
        "test" => {
            let options = test::Options {
                skip_e2e: args.flag("--skip-e2e"),
                only: args.value("--only")?,
            };
            args.finish()?;
            test::run(&root, &options)
        }
        "bench" => {
            let runs = match args.value("--runs")? {
                Some(runs) => runs
                    .parse::<usize>()
                    .map_err(|_| Error::new(format!("--runs wants a whole number, not `{runs}`")))?,
                None => 15,
            };
            let options = bench::Options {
                runs,
                skip_build: args.flag("--skip-build"),
                only: args
                    .value("--only")?
                    .map(|name| bench::Section::parse(&name))
                    .transpose()?,
                archive_only: args.flag("--archive-only"),
            };
            args.finish()?;
            bench::run(&root, &options)
        }
        "check-bulletin" => {
            let file = args.positional("the bulletin file to check")?;
            args.finish()?;
            check_bulletin::run(&file)
        }
        "import" => {
            let options = import::TaskOptions {
                out: args.path("--out")?,
                force: args.flag("--force"),
                date: args.value("--date")?,
                compare: args.path("--compare")?,
                figures: args.path("--figures")?,
                input: PathBuf::from(args.positional("the text file to import")?),
            };
            args.finish()?;
            import::run(&options)
        }
        "fuzz" => {
            let options = fuzz::Options::read(&mut args)?;
            args.finish()?;
            fuzz::run(&root, &options)
        }
        "scaling" => {
            args.finish()?;
            scaling::run(&root)
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(Error::new(format!(
            "unknown task `{other}`; `cargo xtask help` lists them"
        ))),
    }
}

/// The repository root: the xtask package sits one level below it.
///
/// Taken from the build, not the working directory, so that `cargo xtask` works from any
/// folder of the repository and the built binary works when a test harness starts it.
pub fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
