//! `cargo xtask check-bulletin <file>`: parses one bulletin source the way the build does and
//! says whether it is right, and where it is not.
//!
//! Errors and warnings print as the parser words them (`file:line:col: message`), so an
//! editor can jump to each; a good file gets one line counting what it holds. A table header
//! or cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`) is a warning too: the
//! CSV download guards it with an apostrophe (`bulletin::csv::formula_warnings`).

use std::fs;

use bulletin::model::Issue;
use bulletin::parse::Parsed;

use crate::error::{Error, Result};

/// Checks the source at `path` (as given, so messages name it the way the editor typed it).
pub fn run(path: &str) -> Result<()> {
    let text = fs::read_to_string(path).map_err(|error| Error::new(format!("cannot read {path}: {error}")))?;
    match bulletin::parse::parse(path, &text) {
        Ok(parsed) => {
            for warning in warnings(path, &text, &parsed) {
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

/// The parser's warnings, then the headers and cells the CSV download guards against formulas.
fn warnings(path: &str, text: &str, parsed: &Parsed) -> Vec<String> {
    let mut warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    warnings.extend(bulletin::csv::formula_warnings(path, text, &parsed.issue));
    warnings
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
    use super::{count, warnings};

    #[test]
    fn a_formula_in_a_header_is_a_warning_that_says_where() {
        let source = include_str!("../../crates/bulletin/tests/fixtures/2023-07-07-small.md").replace(
            "| 항목 {#item text} |",
            "| =HYPERLINK(\"http://evil.example\") {#item text} |",
        );
        let parsed = bulletin::parse::parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
        let line = source
            .lines()
            .position(|line| line.contains("{#item text}"))
            .map_or(0, |index| index + 1);
        assert_eq!(
            warnings("small.md", &source, &parsed),
            [format!(
                "small.md:{line}:22: table \"basic-budget\", column \"=HYPERLINK(\\\"http://evil.example\\\")\", header: \
                 \"=HYPERLINK(\\\"http://evil.example\\\")\" starts with '=', which a spreadsheet runs as a formula; \
                 the CSV download writes it with an apostrophe first"
            )]
        );
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(1, "brief item", "brief items"), "1 brief item");
        assert_eq!(count(0, "table", "tables"), "0 tables");
        assert_eq!(count(18, "reference", "references"), "18 references");
    }
}
