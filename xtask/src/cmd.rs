//! Child processes: every one starts in the repository root with the pinned tools first on
//! its PATH, and a failure names the command line and how it ended.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::{env, io, thread};

use crate::error::{Error, Result};

/// The folders put before the inherited PATH: the npm-installed wasm-opt in `.tools/`, then
/// `cargo install`'s bin folder, so trunk finds the pinned wasm-bindgen and wasm-opt there.
pub fn tool_dirs(root: &Path) -> Vec<PathBuf> {
    vec![root.join(".tools/node_modules/.bin"), cargo_home().join("bin")]
}

/// `$CARGO_HOME`, else `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    match env::var_os("CARGO_HOME") {
        Some(home) if !home.is_empty() => PathBuf::from(home),
        _ => PathBuf::from(env::var_os("HOME").unwrap_or_default()).join(".cargo"),
    }
}

/// The PATH every child gets: [`tool_dirs`], then the inherited PATH without duplicates of them.
pub fn search_path(root: &Path) -> OsString {
    let first = tool_dirs(root);
    let inherited = env::var_os("PATH").unwrap_or_default();
    let rest = env::split_paths(&inherited).filter(|dir| !first.contains(dir));
    // Joining only fails on a folder name holding the separator; keep the inherited PATH then.
    env::join_paths(first.iter().cloned().chain(rest)).unwrap_or(inherited)
}

/// `program` with `args`, to run in the repository root with the tools' PATH.
pub fn command(root: &Path, program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root).env("PATH", search_path(root));
    command
}

/// The command line as a person would type it, for messages.
pub fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// How a finished process ended, in words: `exit code 101`, `signal: 9 (SIGKILL)`.
pub fn ending(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => status.to_string(),
    }
}

/// Runs `command` with the terminal as its stdin, stdout and stderr; fails unless it exits 0.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .map_err(|error| Error::new(format!("cannot start `{}`: {error}", describe(command))))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "`{}` failed with {}",
            describe(command),
            ending(status)
        )))
    }
}

/// The first line of what `command` prints on stdout, or `None` when it cannot start or fails.
/// Used to ask tools for their version, where "not there" and "broken" mean the same.
pub fn first_line(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().next().map(|line| line.trim().to_string())
}

/// Runs `command`, passing its stdout and stderr through line by line, except the lines
/// `hide` picks, while keeping a copy of all; fails unless it exits 0. Returns everything it
/// printed, both streams, for checks.
pub fn run_teed(command: &mut Command, hide: fn(&str) -> bool) -> Result<String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| Error::new(format!("cannot start `{}`: {error}", describe(command))))?;
    let stdout = child
        .stdout
        .take()
        .map(|out| thread::spawn(move || tee(out, io::stdout(), hide)));
    let stderr = child
        .stderr
        .take()
        .map(|err| thread::spawn(move || tee(err, io::stderr(), hide)));
    let mut text = String::new();
    for reader in [stdout, stderr].into_iter().flatten() {
        // A reader thread only ends early on a write error to our own terminal; its copy is
        // then partial, which the caller's checks will report.
        text.push_str(&reader.join().unwrap_or_default());
    }
    let status = child
        .wait()
        .map_err(|error| Error::new(format!("cannot wait for `{}`: {error}", describe(command))))?;
    if status.success() {
        Ok(text)
    } else {
        Err(Error::new(format!(
            "`{}` failed with {}",
            describe(command),
            ending(status)
        )))
    }
}

fn tee(from: impl Read, mut to: impl Write, hide: fn(&str) -> bool) -> String {
    let mut copy = String::new();
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    while let Ok(n) = reader.read_until(b'\n', &mut line) {
        if n == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        if !hide(&text) {
            let _ = to.write_all(&line).and_then(|()| to.flush());
        }
        copy.push_str(&text);
        line.clear();
    }
    copy
}
