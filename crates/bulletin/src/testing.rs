//! What the core's tests share: the real issue, parsed once.

use std::sync::OnceLock;

use crate::model::{Issue, Table};

/// `bulletins/2023-06-30.md`, parsed once for all tests; a parse error fails the test.
pub fn issue() -> &'static Issue {
    static ISSUE: OnceLock<Issue> = OnceLock::new();
    ISSUE.get_or_init(|| {
        let source = include_str!("../../../bulletins/2023-06-30.md");
        match crate::parse::parse("bulletins/2023-06-30.md", source) {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!(
                "{}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            ),
        }
    })
}

/// The issue's table `id`.
#[track_caller]
pub fn table(id: &str) -> &'static Table {
    issue().table(id).unwrap_or_else(|| panic!("no table {id}"))
}
