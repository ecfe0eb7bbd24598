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
            if let Some(problem) = name_problem(path, &text, &parsed.issue) {
                eprintln!("{problem}");
                return Err(Error::new(format!("{path}: 1 error")));
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

/// What `cargo xtask dist` would say of the file's name, as an error (`path:line: message`),
/// when the file is named like a date: not a date of the calendar, or another date than the
/// issue's. A file named otherwise (a draft) is checked for its content alone.
fn name_problem(path: &str, text: &str, issue: &Issue) -> Option<String> {
    let stem = std::path::Path::new(path).file_stem()?.to_str()?;
    if !bulletin::model::Date::is_iso_shaped(stem) {
        return None;
    }
    match bulletin::model::Date::from_iso(stem) {
        Some(named) if named == issue.meta.date => None,
        Some(named) => Some(format!(
            "{path}:{}: {}",
            crate::archive::date_line(text),
            crate::archive::misnamed(issue.meta.date, named)
        )),
        None => Some(format!("{path}: {}", crate::archive::unnamed_problem(stem))),
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
    use super::{count, name_problem, warnings};

    #[test]
    fn a_file_named_like_a_date_is_checked_as_the_build_checks_it() {
        let source = include_str!("../../crates/bulletin/tests/fixtures/2023-07-07-small.md");
        let parsed = bulletin::parse::parse("small.md", source).unwrap_or_else(|errors| panic!("{errors:?}"));
        let line = source
            .lines()
            .position(|line| line.starts_with("date:"))
            .map_or(0, |index| index + 1);
        assert_eq!(name_problem("bulletins/2023-07-07.md", source, &parsed.issue), None);
        assert_eq!(
            name_problem("bulletins/2023-07-08.md", source, &parsed.issue),
            Some(format!(
                "bulletins/2023-07-08.md:{line}: the front matter's date is 2023-07-07, but the file is named for 2023-07-08"
            ))
        );
        assert_eq!(
            name_problem("bulletins/2023-02-30.md", source, &parsed.issue),
            Some(
                "bulletins/2023-02-30.md: the file is named for 2023-02-30, which is not a date of the calendar".into()
            )
        );
        // A draft under another name is checked for its content alone.
        assert_eq!(name_problem("drafts/2023-07-07-draft.md", source, &parsed.issue), None);
    }

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
