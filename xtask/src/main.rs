//! The project's task runner: `cargo xtask <task>`, one small binary so that only `cargo`
//! is needed to start (matklad's cargo-xtask).
//!
//! Each task lives in its own module: [`tools`] installs the pinned build tools, [`dist`]
//! makes the release build, [`serve`] is a small static HTTP server for it, [`test`] runs
//! every check CI runs, in CI's order, and [`check_bulletin`] reports on one source file.
//! This file only reads the command line and hands over.

mod args;
mod check_bulletin;
mod cmd;
mod dist;
mod error;
mod prerender;
mod serve;
mod service_worker;
mod single_file;
mod test;
mod tools;

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::Args;
use crate::error::{Error, Result};

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  dist [--bulletin <path>] [--out <dir>]
      release build with trunk into dist/ (or <dir>), then list its files
  serve [--port N] [--no-build] [--dir <dir>] [--base /sub/] [--csp]
      build, then serve the build on http://127.0.0.1:N (default 8080; 0 picks a free port)
  test [--skip-e2e] [--only <step>]
      fmt, clippy (host and wasm32), native tests, browser tests, release build, end-to-end tests
  check-bulletin <file>
      parse one bulletin source and report its errors, or what it holds
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
            let options = dist::Options {
                out: args.path("--out")?.unwrap_or_else(|| root.join("dist")),
                bulletin: args.path("--bulletin")?,
            };
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
            let dir = args.path("--dir")?.unwrap_or_else(|| root.join("dist"));
            let base = serve::normalize_base(&args.value("--base")?.unwrap_or_else(|| "/".into()))?;
            let csp = args.flag("--csp");
            args.finish()?;
            if build {
                tools::ensure(&root, tools::Browser::NotNeeded)?;
                dist::run(
                    &root,
                    &dist::Options {
                        out: dir.clone(),
                        bulletin: None,
                    },
                )?;
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
        "check-bulletin" => {
            let file = args.positional("the bulletin file to check")?;
            args.finish()?;
            check_bulletin::run(&file)
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
