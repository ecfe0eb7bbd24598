//! What the parser reports: a problem in a source file, where it is, how serious it is, which
//! part of the format it concerns, and what was expected.

use core::fmt;

/// An error or a warning in a source file, with where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    kind: ErrorKind,
    message: String,
}

/// Whether a problem stops the source from giving an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The source gives no issue until it is fixed.
    Error,
    /// Kept as it is, but worth an editor's look (raw HTML, a link that is not http(s)).
    Warning,
}

/// Which part of the format a problem concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Markdown the format has no place for: numbered lists, block quotes, code, rules,
    /// images, single-asterisk emphasis, bullets nested too deep, and raw HTML (a warning:
    /// it is kept as text).
    Markdown,
    /// A link whose address is not http(s), kept as text (a warning).
    Link,
    /// Text that can show as something it is not: invisible direction controls (a warning).
    Text,
    /// The front matter: its place, its keys, the date.
    FrontMatter,
    /// What a level-1 heading opens, and what may stand in the section (summary, colophon,
    /// parts), or that there are no parts or no bulletin at all.
    Section,
    /// An id that is missing, malformed or used twice.
    Id,
    /// The printed contents, checked against the parts and articles.
    Contents,
    /// An article or brief item: its heading, lead, body, bullets, references and source.
    Entry,
    /// A directive line (`Table:`, `Figure:`, `Source:`, `Note:`, `References:`), or a
    /// paragraph that looks like one.
    Directive,
    /// A table's header, rows and cells.
    Table,
    /// A total row that does not add up to the rows above it, or cannot be added exactly.
    Total,
}

impl ParseError {
    pub(super) fn new(
        file: &str,
        (line, column): (usize, usize),
        severity: Severity,
        kind: ErrorKind,
        message: String,
    ) -> ParseError {
        ParseError {
            file: file.to_string(),
            line,
            column,
            severity,
            kind,
            message,
        }
    }

    /// The 1-based line of the offending input.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in characters) of the offending input.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether it is an error or a warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Which part of the format it concerns.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}
