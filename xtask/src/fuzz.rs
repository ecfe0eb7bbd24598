//! `cargo xtask fuzz` runs the fuzz targets of `fuzz/` (cargo-fuzz, libFuzzer) for a fixed
//! time each.
//!
//! Fuzzing needs nightly Rust and cargo-fuzz. cargo-fuzz is installed at a pinned version
//! when missing, like the other tools; a missing nightly stops the task with the rustup
//! command to run, since a toolchain download is not the xtask's to make. Each target runs
//! with one job, its committed seeds (`fuzz/seeds/<target>`), its dictionary
//! (`fuzz/dict/<target>.dict`) and a persistent, git-ignored corpus (`fuzz/corpus/<target>`)
//! that later runs start from. libFuzzer's output goes to `fuzz/artifacts/<target>.log`; the
//! terminal gets its start, its pulses and anything that goes wrong, then one line a target:
//! executions, exec/s, corpus size (libFuzzer's, and files on disk), and the artifact of a
//! crash, which makes the task fail. Large inputs are the scaling check's (`scaling.rs`).

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

use crate::args::Args;
use crate::cmd;
use crate::error::{Error, Result};
use crate::tools;

/// The cargo-fuzz release the task installs and expects.
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// How long each target runs when `--seconds` is not given.
pub const DEFAULT_SECONDS: u64 = 60;

/// One fuzz target of `fuzz/Cargo.toml`.
pub struct Target {
    /// The binary's name, which `--target` takes.
    pub name: &'static str,
    /// libFuzzer's `-max_len`: long enough for the seeds and for real structure, short
    /// enough to keep executions fast (the scaling check covers large inputs).
    pub max_len: usize,
}

/// Every target, in the order they run.
pub const TARGETS: &[Target] = &[
    Target {
        name: "parse_source",
        max_len: 8192,
    },
    Target {
        name: "parse_number",
        max_len: 128,
    },
    Target {
        name: "route",
        max_len: 512,
    },
    Target {
        name: "import",
        max_len: 16384,
    },
];

/// A run of one input longer than this is a hang, reported as a crash (libFuzzer's
/// `-timeout`, in seconds).
const HANG_SECONDS: u64 = 10;

/// What to fuzz, and for how long.
pub struct Options {
    /// Seconds per target.
    pub seconds: u64,
    /// Only this target.
    pub target: Option<String>,
}

impl Options {
    /// Reads `--seconds N` and `--target NAME`.
    pub fn read(args: &mut Args) -> Result<Options> {
        let seconds = match args.value("--seconds")? {
            Some(text) => match text.parse::<u64>() {
                Ok(seconds) if seconds > 0 => seconds,
                _ => {
                    return Err(Error::new(format!(
                        "--seconds wants a whole number of seconds above 0, not `{text}`"
                    )))
                }
            },
            None => DEFAULT_SECONDS,
        };
        Ok(Options {
            seconds,
            target: args.value("--target")?,
        })
    }
}

/// What one target's run gave.
struct Outcome {
    name: &'static str,
    executions: Option<u64>,
    per_second: Option<u64>,
    /// libFuzzer's own corpus at the end, as it prints it (`421/36Kb`): the inputs it keeps.
    corpus: Option<String>,
    /// Files in the corpus folder, which also holds inputs libFuzzer has since superseded.
    corpus_files: usize,
    /// The crash, hang or out-of-memory input libFuzzer wrote, if it found one.
    artifact: Option<String>,
    /// How the run ended when it failed without writing an artifact.
    failure: Option<String>,
}

/// Runs the chosen targets one after the other; fails when any of them found a crash.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let targets: Vec<&Target> = match &options.target {
        Some(name) => match TARGETS.iter().find(|target| target.name == name) {
            Some(target) => vec![target],
            None => {
                let names: Vec<&str> = TARGETS.iter().map(|target| target.name).collect();
                return Err(Error::new(format!(
                    "--target {name}: no such fuzz target; the targets are {}",
                    names.join(", ")
                )));
            }
        },
        None => TARGETS.iter().collect(),
    };
    println!("== tools");
    ensure_tools(root)?;
    let mut outcomes = Vec::new();
    for target in targets {
        println!("== fuzz {} ({} s)", target.name, options.seconds);
        outcomes.push(fuzz_target(root, target, options.seconds)?);
    }
    println!("== fuzz results ({} s a target)", options.seconds);
    print!("{}", results_table(&outcomes));
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|outcome| outcome.artifact.is_some() || outcome.failure.is_some())
        .map(|outcome| outcome.name)
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "fuzz: {} found a failure; reproduce with `cargo +nightly fuzz run <target> <artifact>`",
            failed.join(", ")
        )))
    }
}

/// Nightly must be there already; cargo-fuzz is installed when missing or at another version.
fn ensure_tools(root: &Path) -> Result<()> {
    match cmd::first_line(&mut cmd::command(root, "cargo", &["+nightly", "--version"])) {
        Some(version) => println!("tools: nightly ok ({version})"),
        None => return Err(Error::new(
            "fuzzing needs nightly Rust, and `cargo +nightly --version` fails: run `rustup toolchain install nightly`",
        )),
    }
    let found = cmd::first_line(&mut cmd::command(root, "cargo", &["fuzz", "--version"]));
    let found_version = found.as_deref().and_then(|line| line.split_whitespace().nth(1));
    if found_version == Some(CARGO_FUZZ_VERSION) {
        println!("tools: cargo-fuzz {CARGO_FUZZ_VERSION} ok");
        return Ok(());
    }
    println!("installing cargo-fuzz {CARGO_FUZZ_VERSION}…");
    tools::cargo_install(root, "cargo-fuzz", CARGO_FUZZ_VERSION).map_err(|error| {
        Error::new(format!(
            "{error}; install it by hand with `cargo install cargo-fuzz --version {CARGO_FUZZ_VERSION} --locked`"
        ))
    })?;
    let installed = cmd::first_line(&mut cmd::command(root, "cargo", &["fuzz", "--version"]));
    match installed.as_deref().and_then(|line| line.split_whitespace().nth(1)) {
        Some(CARGO_FUZZ_VERSION) => Ok(()),
        other => Err(Error::new(format!(
            "installed cargo-fuzz {CARGO_FUZZ_VERSION}, but `cargo fuzz --version` reports {}",
            other.unwrap_or("nothing")
        ))),
    }
}

fn fuzz_target(root: &Path, target: &Target, seconds: u64) -> Result<Outcome> {
    let fuzz = root.join("fuzz");
    let corpus = fuzz.join("corpus").join(target.name);
    let artifacts = fuzz.join("artifacts").join(target.name);
    for dir in [&corpus, &artifacts] {
        fs::create_dir_all(dir).map_err(|error| Error::io("cannot create", dir, error))?;
    }
    let seeds = seeds_dir(root, target.name);
    let dict = fuzz.join("dict").join(format!("{}.dict", target.name));
    let mut libfuzzer = vec![
        format!("-max_total_time={seconds}"),
        format!("-timeout={HANG_SECONDS}"),
        format!("-max_len={}", target.max_len),
        "-print_final_stats=1".to_string(),
    ];
    if dict.is_file() {
        libfuzzer.push(format!("-dict={}", dict.display()));
    }
    // The first folder is the corpus libFuzzer adds to; the seeds are only read.
    let mut fuzz_run = cmd::command(root, "cargo", &["+nightly", "fuzz", "run", "--jobs", "1", target.name]);
    fuzz_run.arg(&corpus);
    if seeds.is_dir() {
        fuzz_run.arg(&seeds);
    }
    fuzz_run.arg("--").args(&libfuzzer);
    // Beside the artifacts folder, not in it: cargo-fuzz reports every new file there as a
    // failing input.
    let log_path = fuzz.join("artifacts").join(format!("{}.log", target.name));
    let (status, text) = run_logged(&mut fuzz_run, &log_path)?;
    let corpus_files = file_count(&corpus);
    let artifact = text
        .lines()
        .filter_map(|line| line.split("Test unit written to ").nth(1))
        .map(str::trim)
        .rfind(|path| is_failure_artifact(path))
        .map(str::to_string);
    let failure = (!status.success() && artifact.is_none()).then(|| {
        format!(
            "`{}` failed with {}; see {}",
            cmd::describe(&fuzz_run),
            cmd::ending(status),
            log_path.display()
        )
    });
    Ok(Outcome {
        name: target.name,
        executions: final_stat(&text, "number_of_executed_units"),
        per_second: final_stat(&text, "average_exec_per_sec"),
        corpus: last_corpus(&text),
        corpus_files,
        artifact,
        failure,
    })
}

/// Runs `command`, writing all it prints to `log_path` and showing on the terminal only what
/// a person watches for: everything but libFuzzer's line for each new or reduced input.
/// Returns how it ended and what it printed; a failed run is not an error here.
fn run_logged(command: &mut Command, log_path: &Path) -> Result<(std::process::ExitStatus, String)> {
    let mut log = fs::File::create(log_path).map_err(|error| Error::io("cannot create", log_path, error))?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| Error::new(format!("cannot start `{}`: {error}", cmd::describe(command))))?;
    let (sender, lines) = mpsc::channel::<String>();
    let readers: Vec<_> = [
        child.stdout.take().map(|out| Box::new(out) as Box<dyn Read + Send>),
        child.stderr.take().map(|err| Box::new(err) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|stream| {
        let sender = sender.clone();
        thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = Vec::new();
            while let Ok(n) = reader.read_until(b'\n', &mut line) {
                if n == 0 || sender.send(String::from_utf8_lossy(&line).into_owned()).is_err() {
                    break;
                }
                line.clear();
            }
        })
    })
    .collect();
    drop(sender);
    let mut text = String::new();
    let mut stdout = std::io::stdout();
    for line in lines {
        // A full disk or a closed terminal must not stop the fuzzer; the copy in `text` is
        // what the results come from.
        let _ = log.write_all(line.as_bytes());
        if !is_progress_line(&line) {
            let _ = stdout.write_all(line.as_bytes()).and_then(|()| stdout.flush());
        }
        text.push_str(&line);
    }
    for reader in readers {
        let _ = reader.join();
    }
    let status = child
        .wait()
        .map_err(|error| Error::new(format!("cannot wait for `{}`: {error}", cmd::describe(command))))?;
    Ok((status, text))
}

/// Whether libFuzzer wrote `path` for a failure: slow units are written too, and only these
/// kinds mean the target failed.
fn is_failure_artifact(path: &str) -> bool {
    let file = Path::new(path).file_name().map(|name| name.to_string_lossy());
    file.is_some_and(|file| {
        ["crash-", "timeout-", "oom-", "leak-"]
            .iter()
            .any(|kind| file.starts_with(kind))
    })
}

/// libFuzzer's `#1234\tNEW …` and `#1234\tREDUCE …` lines, one per input it keeps, with the
/// `NEW_FUNC` lines that follow them, and the entries of the dictionary it recommends at the
/// end (`"ab" # Uses: 12`): many, and only interesting in the log. Its `INITED`, `pulse` and
/// `DONE` lines stay on the terminal.
fn is_progress_line(line: &str) -> bool {
    (line.starts_with('#') && (line.contains("\tNEW ") || line.contains("\tREDUCE ")))
        || line.trim_start().starts_with("NEW_FUNC[")
        || (line.starts_with('"') && line.contains("\" # Uses: "))
}

/// `stat::number_of_executed_units: 123` from `-print_final_stats=1`.
fn final_stat(text: &str, name: &str) -> Option<u64> {
    let prefix = format!("stat::{name}:");
    text.lines()
        .filter_map(|line| line.trim().strip_prefix(&prefix))
        .next_back()
        .and_then(|value| value.trim().parse().ok())
}

/// `421/36Kb` from the last status line (`#14704160\tDONE   cov: 526 ft: 1813 corp: 421/36Kb …`).
fn last_corpus(text: &str) -> Option<String> {
    text.lines()
        .filter(|line| line.starts_with('#'))
        .filter_map(|line| line.split(" corp: ").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .next_back()
        .map(str::to_string)
}

/// The number of files in `dir`.
fn file_count(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .count()
    })
}

fn results_table(outcomes: &[Outcome]) -> String {
    let number = |value: Option<u64>| value.map_or_else(|| "?".to_string(), |value| group(&value.to_string()));
    let mut out = format!(
        "  {:<14} {:>14} {:>9} {:>14} {:>8}  result\n",
        "target", "executions", "exec/s", "corpus", "on disk"
    );
    for outcome in outcomes {
        let corpus = outcome.corpus.as_deref().unwrap_or("?");
        let result = match (&outcome.artifact, &outcome.failure) {
            (Some(artifact), _) => format!("FAILED: {artifact}"),
            (None, Some(failure)) => format!("FAILED: {failure}"),
            (None, None) => "no crash".to_string(),
        };
        let _ = writeln!(
            out,
            "  {:<14} {:>14} {:>9} {:>14} {:>8}  {result}",
            outcome.name,
            number(outcome.executions),
            number(outcome.per_second),
            corpus,
            outcome.corpus_files
        );
    }
    out
}

/// `1234567` as `1,234,567`.
fn group(digits: &str) -> String {
    bulletin::number::group_thousands(digits)
}

/// The folder of a target's committed seeds.
fn seeds_dir(root: &Path, target: &str) -> PathBuf {
    root.join("fuzz").join("seeds").join(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo_root;

    /// The committed seeds that do not say they are broken must stay valid as the format
    /// evolves; a seed the parser rejects early explores far less.
    #[test]
    fn valid_seeds_parse() {
        let dir = seeds_dir(&repo_root(), "parse_source");
        let entries = fs::read_dir(&dir).unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
        let mut checked = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("broken-") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            if let Err(errors) = bulletin::parse::parse(&name, &text) {
                let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("seed {name} does not parse:\n{}", shown.join("\n"));
            }
            checked += 1;
        }
        assert!(checked >= 3, "only {checked} valid seeds in {}", dir.display());
    }

    #[test]
    fn final_stats_are_read() {
        let text =
            "#1024\tpulse  cov: 1\nstat::number_of_executed_units: 123456\nstat::average_exec_per_sec:     2057\n";
        assert_eq!(final_stat(text, "number_of_executed_units"), Some(123_456));
        assert_eq!(final_stat(text, "average_exec_per_sec"), Some(2057));
        assert_eq!(final_stat(text, "peak_rss_mb"), None);
    }

    #[test]
    fn corpus_is_read_from_the_last_status_line() {
        let text = "#446\tINITED cov: 526 ft: 1736 corp: 369/34Kb exec/s: 0 rss: 52Mb\n\
                    #14704160\tDONE   cov: 526 ft: 1813 corp: 421/36Kb lim: 512 exec/s: 24466 rss: 566Mb\n\
                    stat::peak_rss_mb: 566\n";
        assert_eq!(last_corpus(text).as_deref(), Some("421/36Kb"));
        assert_eq!(last_corpus("no status\n"), None);
    }

    #[test]
    fn only_new_and_reduce_lines_are_hidden() {
        assert!(is_progress_line(
            "#1234\tNEW    cov: 10 ft: 20 corp: 3/4b lim: 4 exec/s: 0 rss: 30Mb L: 1/1 MS: 1 ChangeBit-\n"
        ));
        assert!(is_progress_line("#99\tREDUCE cov: 10 ft: 20 corp: 3/4b\n"));
        assert!(is_progress_line(
            "\tNEW_FUNC[1/2]: 0x55 in pulldown_cmark::scanners::unescape\n"
        ));
        assert!(!is_progress_line("#1048576\tpulse  cov: 10 ft: 20 corp: 3/4b\n"));
        assert!(!is_progress_line("#2000000\tDONE   cov: 10 ft: 20 corp: 3/4b\n"));
        assert!(is_progress_line("\"\\001\\022\" # Uses: 104\n"));
        assert!(!is_progress_line("==12==ERROR: libFuzzer: deadly signal\n"));
    }
}
