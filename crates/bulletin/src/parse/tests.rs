//! Tests of the source parser: the real issue pinned, the small fixture, and broken sources.

use super::*;
use crate::model::{plain_text, Cell, ColumnKind, PartBody};

const ISSUE: &str = include_str!("../../../../bulletins/2023-06-30.md");
const SMALL: &str = include_str!("../../tests/fixtures/2023-07-07-small.md");

fn issue() -> Issue {
    match parse("bulletins/2023-06-30.md", ISSUE) {
        Ok(parsed) => parsed.issue,
        Err(errors) => panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
    }
}

#[test]
fn real_issue_parses_without_warnings() {
    let parsed = parse("bulletins/2023-06-30.md", ISSUE).unwrap_or_else(|errors| {
        panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn small_fixture_parses() {
    let parsed = parse("small.md", SMALL).unwrap_or_else(|errors| {
        panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    assert_eq!(parsed.issue.meta.date.iso(), "2023-07-07");
    assert_eq!(parsed.issue.articles().count(), 2);
    assert_eq!(parsed.issue.tables().count(), 1);
}
