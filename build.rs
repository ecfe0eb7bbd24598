//! Embeds the bulletin issue in the viewer: parses the source at build time and writes it
//! as postcard bytes into OUT_DIR, so the WebAssembly carries no Markdown parser and does
//! no text parsing at start-up.
//!
//! The issue is `BULLETIN` (a path relative to the workspace root) when set, else the newest
//! `bulletins/*.md` by file name. A source with errors stops the build with every error.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    println!("cargo:rerun-if-env-changed=BULLETIN");
    println!("cargo:rerun-if-changed=bulletins");
    let source_path = match env::var("BULLETIN") {
        Ok(path) if !path.is_empty() => root.join(path),
        _ => match newest_issue(&root.join("bulletins")) {
            Some(path) => path,
            None => {
                eprintln!("error: no bulletins/*.md issue to embed");
                return ExitCode::FAILURE;
            }
        },
    };
    println!("cargo:rerun-if-changed={}", source_path.display());
    let shown = source_path
        .strip_prefix(&root)
        .unwrap_or(&source_path)
        .display()
        .to_string();
    let source = match fs::read_to_string(&source_path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("error: cannot read {shown}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let parsed = match bulletin::parse::parse(&shown, &source) {
        Ok(parsed) => parsed,
        Err(errors) => {
            for error in errors {
                eprintln!("error: {error}");
            }
            return ExitCode::FAILURE;
        }
    };
    // The parser's warnings, then the table headers and cells a spreadsheet would run as
    // formulas (the CSV download guards them). A handful says there is something to look at;
    // check-bulletin lists them all.
    let mut warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    warnings.extend(bulletin::csv::formula_warnings(&shown, &source, &parsed.issue));
    const SHOWN_WARNINGS: usize = 5;
    for warning in warnings.iter().take(SHOWN_WARNINGS) {
        println!("cargo:warning={warning}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        println!(
            "cargo:warning={shown}: {} more warnings; `cargo xtask check-bulletin {shown}` lists them all",
            warnings.len() - SHOWN_WARNINGS
        );
    }
    let bytes = match postcard::to_allocvec(&parsed.issue) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: cannot encode the issue: {error}");
            return ExitCode::FAILURE;
        }
    };
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("issue.postcard");
    if let Err(error) = fs::write(&out, bytes) {
        eprintln!("error: cannot write {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The issue files sort by date because they are named by it.
fn newest_issue(dir: &Path) -> Option<PathBuf> {
    let mut issues: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "md")
                && path
                    .file_stem()
                    .is_some_and(|stem| stem.to_string_lossy().starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    issues.sort();
    issues.pop()
}
