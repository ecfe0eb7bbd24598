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
use error::ErrorKind;
pub use error::ParseError;

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
    match issue {
        Some(issue) if reader.errors.is_empty() => Ok(Parsed {
            issue,
            warnings: reader.warnings,
        }),
        _ => {
            if reader.errors.is_empty() {
                let error = reader.error_at(0, "the file holds no bulletin");
                reader.errors.push(error);
            }
            let mut errors = reader.errors;
            errors.sort_by_key(|error| (error.line, error.column));
            Err(errors)
        }
    }
}

/// The source being read, and what has been found wrong with it so far.
struct Reader<'a> {
    file: &'a str,
    source: &'a str,
    line_starts: Vec<usize>,
    /// The last position located, as (line, byte offset, column); see [`Reader::locate`].
    last_located: std::cell::Cell<Option<(usize, usize, usize)>>,
    errors: Vec<ParseError>,
    warnings: Vec<ParseError>,
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
            errors: Vec::new(),
            warnings: Vec::new(),
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

    fn error_at(&self, offset: usize, message: impl Into<String>) -> ParseError {
        let (line, column) = self.locate(offset);
        ParseError {
            file: self.file.to_string(),
            line,
            column,
            kind: ErrorKind::Message(message.into()),
        }
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let error = self.error_at(offset, message);
        self.errors.push(error);
    }

    fn warn(&mut self, offset: usize, message: impl Into<String>) {
        let warning = self.error_at(offset, message);
        self.warnings.push(warning);
    }
}

#[cfg(test)]
mod tests;
