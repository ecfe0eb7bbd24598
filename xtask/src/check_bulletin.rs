//! `cargo xtask check-bulletin <file>`: parses one bulletin source the way the build does and
//! says whether it is right, and where it is not.
//!
//! Errors and warnings print as the parser words them (`file:line:col: message`), so an
//! editor can jump to each; a good file gets one line counting what it holds.

use std::fs;

use bulletin::model::Issue;

use crate::error::{Error, Result};

/// Checks the source at `path` (as given, so messages name it the way the editor typed it).
pub fn run(path: &str) -> Result<()> {
    let text = fs::read_to_string(path).map_err(|error| Error::new(format!("cannot read {path}: {error}")))?;
    match bulletin::parse::parse(path, &text) {
        Ok(parsed) => {
            for warning in &parsed.warnings {
                eprintln!("warning: {warning}");
            }
            println!("ok: {path}: {}", counts(&parsed.issue));
            Ok(())
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            Err(Error::new(format!(
                "{path}: {}",
                count(errors.len(), "error", "errors")
            )))
        }
    }
}

/// `3 parts, 8 articles, 6 brief items, 7 tables, 8 figures, 18 references`.
fn counts(issue: &Issue) -> String {
    let references: usize = issue.articles().map(|article| article.references.len()).sum();
    [
        count(issue.parts.len(), "part", "parts"),
        count(issue.articles().count(), "article", "articles"),
        count(issue.briefs().count(), "brief item", "brief items"),
        count(issue.tables().count(), "table", "tables"),
        count(issue.figures().count(), "figure", "figures"),
        count(references, "reference", "references"),
    ]
    .join(", ")
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "brief item", "brief items"), "1 brief item");
        assert_eq!(count(0, "table", "tables"), "0 tables");
        assert_eq!(count(18, "reference", "references"), "18 references");
    }
}
