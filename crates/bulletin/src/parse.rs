//! The source parser: `bulletins/<date>.md` in, a checked [`Issue`] out.
//!
//! The format is documented in `bulletins/README.md`. Parsing runs in two steps.
//! pulldown-cmark's events are first gathered into a small tree of Markdown blocks, each
//! with its byte offset (`tree`). The tree is then read as a bulletin: the front matter and
//! what each level-1 heading opens (`section`), the printed contents checked against the
//! articles (`contents`), articles and brief items (`entry`) with their directive lines
//! (`directive`), tables (`table`), and the `{…}` attribute blocks of captions and header
//! cells (`attrs`). Every departure from the format becomes a [`ParseError`] with file,
//! line and column. Errors do not stop the reading: all of them are reported at once, and
//! a source with any error yields no issue at all, never a half-filled one.

mod attrs;
mod contents;
mod directive;
mod entry;
mod error;
mod section;
mod table;
mod tree;

use crate::model::Issue;

pub(crate) use attrs::split_attrs;
pub(crate) use directive::leading_word;
pub(crate) use entry::split_lead_date;
pub use error::{ErrorKind, ParseError, Severity};

/// How deep bullets may nest; deeper nesting is refused rather than recursed into.
pub const MAX_BULLET_DEPTH: usize = 32;

/// A parsed issue with the warnings that did not stop it.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The issue.
    pub issue: Issue,
    /// Things kept but worth an editor's look (raw HTML, non-http links).
    pub warnings: Vec<ParseError>,
}

/// Parses one source file. `file` names it in messages.
pub fn parse(file: &str, source: &str) -> Result<Parsed, Vec<ParseError>> {
    let mut reader = Reader::new(file, source);
    let nodes = reader.build_tree();
    let issue = reader.read_issue(&nodes);
    if let Some(issue) = issue.filter(|_| reader.errors == 0) {
        // No errors: every problem is a warning.
        return Ok(Parsed {
            issue,
            warnings: reader.problems,
        });
    }
    if reader.errors == 0 {
        reader.error(ErrorKind::Section, 0, "the file holds no bulletin");
    }
    let mut errors: Vec<ParseError> = reader
        .problems
        .into_iter()
        .filter(|problem| problem.severity() == Severity::Error)
        .collect();
    errors.sort_by_key(|error| (error.line(), error.column()));
    Err(errors)
}

/// The source being read, and what has been found wrong with it so far.
struct Reader<'a> {
    file: &'a str,
    source: &'a str,
    line_starts: Vec<usize>,
    /// The last position located, as (line, byte offset, column); see [`Reader::locate`].
    last_located: std::cell::Cell<Option<(usize, usize, usize)>>,
    /// Errors and warnings, in the order they were found.
    problems: Vec<ParseError>,
    /// How many of them are errors.
    errors: usize,
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, source: &'a str) -> Reader<'a> {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Reader {
            file,
            source,
            line_starts,
            last_located: std::cell::Cell::new(None),
            problems: Vec::new(),
            errors: 0,
        }
    }

    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|start| *start <= offset).max(1);
        let start = self.line_starts[line - 1];
        let end = offset.min(self.source.len());
        if !self.source.is_char_boundary(end) {
            return (line, 1);
        }
        let chars = |from: usize, to: usize| self.source.get(from..to).map_or(0, |text| text.chars().count());
        // Messages on one line come mostly left to right, so the column is counted from the
        // last one located on the same line rather than from the line's start: counting
        // from the start made a long line of errors quadratic (a 1 MiB line of `*x*` took
        // seconds to report).
        let column = match self.last_located.get() {
            Some((last_line, last, last_column)) if last_line == line && last <= end => last_column + chars(last, end),
            Some((last_line, last, last_column)) if last_line == line => last_column - chars(end, last),
            _ => chars(start, end) + 1,
        };
        self.last_located.set(Some((line, end, column)));
        (line, column)
    }

    fn report(&mut self, severity: Severity, kind: ErrorKind, offset: usize, message: impl Into<String>) {
        let problem = ParseError::new(self.file, self.locate(offset), severity, kind, message.into());
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.problems.push(problem);
    }

    /// Reports an error at byte `offset`: the source will give no issue.
    fn error(&mut self, kind: ErrorKind, offset: usize, message: impl Into<String>) {
        self.report(Severity::Error, kind, offset, message);
    }

    /// Reports a warning at byte `offset`: kept, but worth an editor's look.
    fn warn(&mut self, kind: ErrorKind, offset: usize, message: impl Into<String>) {
        self.report(Severity::Warning, kind, offset, message);
    }
}

#[cfg(test)]
mod tests;
