//! What the parser reports: a problem in a source file, with where it is and what was expected.

use core::fmt;

/// An error (or warning) in a source file, with where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub(super) file: String,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ErrorKind {
    Message(String),
}

impl ParseError {
    /// The 1-based line of the offending input.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in characters) of the offending input.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        match &self.kind {
            ErrorKind::Message(message) => message,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message())
    }
}

impl std::error::Error for ParseError {}
