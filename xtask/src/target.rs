//! Where cargo puts what it builds, asked of cargo itself.
//!
//! The folder is `./target/` only by default: `CARGO_TARGET_DIR` (a shared cache, a CI
//! runner) or `build.target-dir` in a cargo config move it, and a path written as
//! `root.join("target/…")` then names a file that was never built ("cannot run
//! …/target/debug/prerender: No such file or directory"). Every built file the xtask runs or
//! reads, and every folder it writes its own outputs to beside them, is found under
//! [`dir`], which is what `cargo metadata` reports as `target_directory`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::cmd;
use crate::error::{Error, Result};

/// cargo's target folder for the workspace at `root`, asked once per run.
pub fn dir(root: &Path) -> Result<PathBuf> {
    static DIR: OnceLock<std::result::Result<PathBuf, String>> = OnceLock::new();
    DIR.get_or_init(|| ask_cargo(&mut metadata_command(root)).map_err(|error| error.to_string()))
        .clone()
        .map_err(Error::new)
}

/// `cargo metadata` for the workspace alone (no dependency resolution, so no network).
fn metadata_command(root: &Path) -> Command {
    cmd::command(root, "cargo", &["metadata", "--format-version", "1", "--no-deps"])
}

/// Runs `cargo metadata` and reads its `target_directory`.
fn ask_cargo(command: &mut Command) -> Result<PathBuf> {
    let line = cmd::describe(command);
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| Error::new(format!("cannot run `{line}`: {error}")))?;
    if !output.status.success() {
        return Err(Error::new(format!(
            "`{line}` failed with {}",
            cmd::ending(output.status)
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    target_directory(&text).map_err(|reason| Error::new(format!("`{line}`: {reason}")))
}

/// The `target_directory` string of `cargo metadata`'s JSON.
fn target_directory(metadata: &str) -> Result<PathBuf, String> {
    const KEY: &str = "\"target_directory\"";
    let Some(at) = metadata.find(KEY) else {
        return Err("its output has no target_directory".to_string());
    };
    let value = metadata[at + KEY.len()..].trim_start().strip_prefix(':').unwrap_or("");
    let Some(quoted) = value.trim_start().strip_prefix('"') else {
        return Err("its target_directory is not a string".to_string());
    };
    let mut path = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Ok(PathBuf::from(path)),
            '\\' => match chars.next() {
                Some('"') => path.push('"'),
                Some('\\') => path.push('\\'),
                Some('/') => path.push('/'),
                Some('b') => path.push('\u{8}'),
                Some('f') => path.push('\u{c}'),
                Some('n') => path.push('\n'),
                Some('r') => path.push('\r'),
                Some('t') => path.push('\t'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).ok();
                    // A folder name outside the Basic Multilingual Plane comes as a surrogate
                    // pair, which a path here will not have; refuse it rather than mangle it.
                    match code.and_then(char::from_u32) {
                        Some(decoded) => path.push(decoded),
                        None => return Err(format!("its target_directory has the escape \\u{hex}")),
                    }
                }
                other => return Err(format!("its target_directory has the escape \\{other:?}")),
            },
            c => path.push(c),
        }
    }
    Err("its target_directory string does not end".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo_root;

    #[test]
    fn the_target_directory_is_read_from_the_metadata() {
        let metadata = r#"{"packages":[],"target_directory":"/work/x/target","version":1}"#;
        assert_eq!(target_directory(metadata), Ok(PathBuf::from("/work/x/target")));
        let escaped = r#"{"target_directory" : "C:\\cache\\\"q\"\u00e9\/t","workspace_root":"/"}"#;
        assert_eq!(target_directory(escaped), Ok(PathBuf::from("C:\\cache\\\"q\"é/t")));
        assert!(target_directory(r#"{"workspace_root":"/"}"#).is_err());
        assert!(target_directory(r#"{"target_directory":"/unended"#).is_err());
        assert!(target_directory(r#"{"target_directory":null}"#).is_err());
    }

    /// What `dist` and the others follow when cargo builds elsewhere: the folder cargo itself
    /// names, not `./target`.
    #[test]
    fn cargo_target_dir_moves_the_target_directory() {
        let root = repo_root();
        let elsewhere = std::env::temp_dir().join("xtask-target-dir-test");
        let mut command = metadata_command(&root);
        command.env("CARGO_TARGET_DIR", &elsewhere);
        assert_eq!(ask_cargo(&mut command).ok(), Some(elsewhere));
        let mut command = metadata_command(&root);
        command.env_remove("CARGO_TARGET_DIR");
        let found = ask_cargo(&mut command).ok();
        assert!(
            found
                .as_deref()
                .is_some_and(|dir| dir.is_absolute() && dir.ends_with("target")),
            "{found:?}"
        );
    }
}
