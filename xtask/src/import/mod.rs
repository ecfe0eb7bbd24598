//! `cargo xtask import`: the text of a printed issue in, a draft source file out, with the list
//! of everything the importer could not decide.
//!
//! The input is what converters make of the printed PDF: a PDF-to-Markdown converter's text
//! (headings split over lines, tables as tab-separated rows, escapes leaking into addresses)
//! or `pdftotext -layout`'s (plain lines wrapped at the page's width, columns of a table
//! separated by spaces, form feeds between pages). The importer reads it in one pass, in
//! modules by what they read:
//!
//! - [`lines`]: decoding, the two dialects, page furniture;
//! - [`front`]: the cover, the contents, the notice, the summary and the colophon;
//! - [`entry`]: parts, articles and brief items, leads, bullets nested by their printed
//!   glyphs, sub-headings, notes, sources, figures and references;
//! - [`table`]: tables, rebuilt from tab-separated or space-aligned rows, joined again where a
//!   page break split them, typed by their cells, their total row checked;
//! - [`inline`]: bold text, links and addresses inside a line; [`ids`]: readable ids;
//! - [`draft`]: the model written with `bulletin::write`, and where each item of the review
//!   list is in the draft.
//!
//! It builds a [`bulletin::model::Issue`] and writes it with the core's writer, so the draft
//! is in the one source format the parser reads. What it cannot decide (a line it could not
//! place, a table it could not rebuild, a total that does not add up, a join across a page
//! break) becomes a [`ReviewItem`] with its line in the input and in the draft. Every input
//! line with text ends up in the draft, in that list, or in the list's account of page
//! furniture: none is dropped silently. Nothing is invented either: a cell the text does not
//! hold stays empty and is listed.
//!
//! This module and its submodules use only the core and the standard library (the command's
//! glue is in `task`), so that the fuzz target `fuzz/fuzz_targets/import.rs` can include them.

mod draft;
mod entry;
mod front;
mod ids;
mod inline;
mod lines;
mod table;
#[cfg(not(fuzzing))]
mod task;

use std::fmt;

use bulletin::model::{Date, Issue};
use bulletin::slug::Slug;

pub use lines::Dialect;
#[cfg(not(fuzzing))]
pub use task::{run, TaskOptions};

use lines::Line;

/// What the import is told besides the text.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The issue's date when the text has none (neither on the cover nor in the colophon),
    /// or to override it.
    pub date: Option<Date>,
}

/// The draft and what the importer could not decide.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The draft source, in the format of `bulletins/README.md`.
    pub source: String,
    /// The issue the draft holds (what was spliced in as raw text is not in it).
    pub issue: Issue,
    /// Everything to review, in the order of the input.
    pub review: Vec<ReviewItem>,
    /// Which converter's text it was.
    pub dialect: Dialect,
}

/// One thing the importer could not decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewItem {
    /// The input lines it concerns, first and last (1-based); `(0, 0)` for the issue as a whole.
    pub input: (usize, usize),
    /// Where it is in the draft.
    pub draft: DraftLine,
    /// What to check, and why.
    pub message: String,
}

/// Where a review item is in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftLine {
    /// At this line (1-based).
    At(usize),
    /// Not in the draft; the nearest thing that is, is at this line.
    Near(usize),
    /// Not in the draft.
    Absent,
}

impl fmt::Display for ReviewItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, last) = self.input;
        let input = match (first, last) {
            (0, _) => "input —".to_string(),
            (first, last) if last > first => format!("input {first}–{last}"),
            (first, _) => format!("input {first}"),
        };
        let draft = match self.draft {
            DraftLine::At(line) => format!("draft {line}"),
            DraftLine::Near(line) => format!("not in the draft, near draft {line}"),
            DraftLine::Absent => "not in the draft".to_string(),
        };
        write!(f, "{input} → {draft}: {}", self.message)
    }
}

/// Why there is no draft at all: the input is empty, binary, or not an issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    message: String,
}

impl ImportError {
    fn new(message: impl Into<String>) -> ImportError {
        ImportError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Imports the text of a printed issue: the draft with its review list, or why there is none.
pub fn import(bytes: &[u8], options: &Options) -> Result<Draft, ImportError> {
    let text = lines::decode(bytes)?;
    let dialect = lines::dialect(&text);
    let lines = lines::split(&text, dialect);
    let reader = Reader::new(lines, dialect);
    let read = reader.read(options)?;
    draft::write(read, dialect)
}

/// What `check-bulletin` says of a draft: nothing when it parses, else each error and whether
/// the review list names its line.
pub fn check(draft: &Draft) -> Vec<(bulletin::parse::ParseError, bool)> {
    match bulletin::parse::parse("draft.md", &draft.source) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|error| {
                let named = draft
                    .review
                    .iter()
                    .any(|item| item.draft == DraftLine::At(error.line()));
                (error, named)
            })
            .collect(),
    }
}

/// Where a review item points in the draft, found once the draft is written.
#[derive(Clone, Debug)]
enum Anchor {
    /// The line that carries this id (`{#id`).
    Id(Slug),
    /// The first line with this text at or after the line of the id (the text as the writer
    /// leaves it: letters, digits and spaces only).
    Text(Option<Slug>, String),
    /// Not in the draft; near the element with this id, if any.
    Near(Option<Slug>),
    /// The front matter.
    FrontMatter,
    /// The total row spliced into the table with this id.
    TotalRow(Slug),
}

/// A review item before the draft is written.
#[derive(Clone, Debug)]
struct Note {
    /// First and last input line (1-based).
    input: (usize, usize),
    anchor: Anchor,
    message: String,
}

/// Raw text to put into the written draft: a total row that does not add up, which no issue
/// can hold, right after the rows of the table with this id.
#[derive(Clone, Debug)]
struct Splice {
    table: Slug,
    line: String,
}

/// What reading gave: the issue, its review notes, and raw text to splice in.
struct Read {
    issue: Issue,
    notes: Vec<Note>,
    splices: Vec<Splice>,
}

/// The input being read, and what has been made of it so far.
struct Reader {
    lines: Vec<Line>,
    dialect: Dialect,
    /// The line being read.
    pos: usize,
    /// For each line, whether it has been placed in the draft or listed.
    used: Vec<bool>,
    notes: Vec<Note>,
    splices: Vec<Splice>,
    ids: ids::Ids,
    /// For each line, the printed width of a full line around it (layout only).
    capacity: Vec<f32>,
    /// The id of what is being read, for the review items of lines that go nowhere.
    context: Option<Slug>,
    /// Tables and figures so far, for ids numbered where a caption gives nothing readable.
    tables: usize,
    figures: usize,
    /// Line ends (layout) where whether the text goes on was a guess, with the guess.
    unsure: std::cell::RefCell<std::collections::BTreeMap<usize, bool>>,
}

impl Reader {
    fn new(lines: Vec<Line>, dialect: Dialect) -> Reader {
        let capacity = match dialect {
            Dialect::Layout => capacity(&lines),
            Dialect::Markdown => Vec::new(),
        };
        let used = vec![false; lines.len()];
        Reader {
            lines,
            dialect,
            pos: 0,
            used,
            notes: Vec::new(),
            splices: Vec::new(),
            ids: ids::Ids::default(),
            capacity,
            context: None,
            tables: 0,
            figures: 0,
            unsure: std::cell::RefCell::default(),
        }
    }

    /// The current line's index, if any is left.
    fn current(&self) -> Option<usize> {
        (self.pos < self.lines.len()).then_some(self.pos)
    }

    /// Moves past blank lines and lines already used (page furniture).
    fn skip_blank(&mut self) {
        while self.pos < self.lines.len() && (self.lines[self.pos].is_blank() || self.used[self.pos]) {
            self.pos += 1;
        }
    }

    /// The first line with text at or after `from` that is not used yet.
    fn next_text(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&index| !self.lines[index].is_blank() && !self.used[index])
    }

    /// Marks the current line used and moves past it; returns its index.
    fn take(&mut self) -> usize {
        let index = self.pos;
        if let Some(used) = self.used.get_mut(index) {
            *used = true;
        }
        self.pos += 1;
        index
    }

    /// The 1-based input line numbers of the line indices `first..=last`.
    fn span(&self, first: usize, last: usize) -> (usize, usize) {
        let number = |index: usize| self.lines.get(index).map_or(0, |line| line.number);
        (number(first), number(last.max(first)))
    }

    /// Adds a review item about the lines `first..=last` (indices).
    fn note(&mut self, first: usize, last: usize, anchor: Anchor, message: impl Into<String>) {
        let input = self.span(first, last);
        self.notes.push(Note {
            input,
            anchor,
            message: message.into(),
        });
    }

    /// Adds a review item about the issue as a whole, at no line of the input.
    fn remark(&mut self, anchor: Anchor, message: impl Into<String>) {
        self.notes.push(Note {
            input: (0, 0),
            anchor,
            message: message.into(),
        });
    }

    /// Lists the lines `first..=last` (indices) as placed nowhere, each run of them once.
    fn unplaced(&mut self, first: usize, last: usize, why: &str) {
        let texts: Vec<String> = (first..=last.min(self.lines.len().saturating_sub(1)))
            .filter(|&index| !self.lines[index].is_blank())
            .map(|index| self.lines[index].text.clone())
            .collect();
        for index in first..=last.min(self.lines.len().saturating_sub(1)) {
            self.used[index] = true;
        }
        if texts.is_empty() {
            return;
        }
        let shown = excerpt(&texts.join(" / "), 160);
        let context = self.context.clone();
        self.note(first, last, Anchor::Near(context), format!("{why}: \"{shown}\""));
    }

    /// Whether the line at `index` was wrapped at the page's edge (layout): the text goes on in
    /// the next line. It was when the next line's first piece would not have fitted after it
    /// (the width of the page's text is measured on the lines around it), or when it ends
    /// where a sentence cannot (a comma, a particle).
    fn wraps(&self, index: usize) -> bool {
        if self.dialect == Dialect::Markdown {
            return false;
        }
        let Some(next) = self.lines.get(index + 1).filter(|next| !next.is_blank()) else {
            return false;
        };
        let line = &self.lines[index];
        let capacity = self.capacity.get(index).copied().unwrap_or(f32::INFINITY);
        let edge = line.indent as f32 + lines::width(&line.text);
        if inline::ends_unfinished(&line.text) && edge >= 0.6 * capacity || inline::starts_dependent(&next.text) {
            return true;
        }
        let piece = lines::first_piece(next.text.trim_start());
        let over = edge + lines::width(" ") + lines::width(piece) - capacity;
        let decision = continues(&line.text, &next.text, over);
        // The line was full, or nearly: the print cannot tell whether the text ended there.
        if over > -1.5 && (!decision || over < 1.5) {
            self.unsure.borrow_mut().insert(index, decision);
        }
        decision
    }

    /// Lists the line ends that were guesses (see [`Reader::wraps`]).
    fn list_unsure(&mut self) {
        let unsure = std::mem::take(&mut *self.unsure.borrow_mut());
        for (index, joined) in unsure {
            let (Some(line), Some(next)) = (self.lines.get(index), self.lines.get(index + 1)) else {
                continue;
            };
            let before = inline::excerpt_end(&line.text, 16);
            let after = inline::excerpt_start(next.text.trim_start(), 16);
            let snippet = inline::snippet(next.text.trim_start());
            let message = if joined {
                format!("\"…{before}\" and \"{after}…\" were joined as one line wrapped at the page's edge, which the line's width leaves in doubt; check they are one sentence")
            } else {
                format!("\"…{before}\" ends where the page's edge is, yet is taken as the end of its item (it ends as items do), so that \"{after}…\" starts another; check")
            };
            self.note(index, index + 1, Anchor::Text(None, snippet), message);
        }
    }

    /// Reads the whole input.
    fn read(mut self, options: &Options) -> Result<Read, ImportError> {
        self.take_out_furniture();
        let document = self.document();
        let issue = self.assemble(document, options)?;
        self.list_unsure();
        Ok(self.finish(issue))
    }

    /// Lists page furniture, one review item a kind, and takes its lines out of what is read,
    /// so that a paragraph running over a page break reads on past it.
    fn take_out_furniture(&mut self) {
        let furniture = lines::furniture(&self.lines);
        let kinds = [
            lines::Furniture::PageNumber,
            lines::Furniture::RunningHead,
            lines::Furniture::FigurePlaceholder,
            lines::Furniture::ChartCaption,
            lines::Furniture::ChartText,
        ];
        for kind in kinds {
            let indices: Vec<usize> = (0..self.lines.len())
                .filter(|&index| furniture[index] == Some(kind))
                .collect();
            let (Some(&first), Some(&last)) = (indices.first(), indices.last()) else {
                continue;
            };
            let numbers: Vec<String> = indices
                .iter()
                .map(|&index| self.lines[index].number.to_string())
                .collect();
            let sample = excerpt(&self.lines[first].text, 60);
            self.note(
                first,
                last,
                Anchor::Near(None),
                format!(
                    "left out as page furniture, {} ({} lines: {}), e.g. \"{sample}\"",
                    kind.describe(),
                    indices.len(),
                    excerpt(&numbers.join(", "), 120)
                ),
            );
        }
        if furniture.iter().all(Option::is_none) {
            return;
        }
        let mut kept = Vec::with_capacity(self.lines.len());
        let mut page_break = false;
        for (mut line, kind) in std::mem::take(&mut self.lines).into_iter().zip(furniture) {
            if kind.is_some() {
                page_break |= line.page_break;
                continue;
            }
            line.page_break |= page_break;
            page_break = false;
            kept.push(line);
        }
        self.used = vec![false; kept.len()];
        self.capacity = match self.dialect {
            Dialect::Layout => capacity(&kept),
            Dialect::Markdown => Vec::new(),
        };
        self.lines = kept;
    }

    /// Lists every line with text that nothing took, and hands back the issue with every
    /// review note.
    fn finish(mut self, issue: Issue) -> Read {
        let mut index = 0;
        while index < self.lines.len() {
            if self.used[index] || self.lines[index].is_blank() {
                index += 1;
                continue;
            }
            let first = index;
            while index + 1 < self.lines.len() && !self.used[index + 1] && !self.lines[index + 1].is_blank() {
                index += 1;
            }
            self.context = None;
            self.unplaced(first, index, "not placed in the draft");
            index += 1;
        }
        let mut notes = self.notes;
        notes.sort_by_key(|note| note.input);
        Read {
            issue,
            notes,
            splices: self.splices,
        }
    }
}

/// Whether a line goes on in the next one, given by how much the next line's first piece would
/// have overshot the line's width (`over`, in the units of [`lines::width`]): when it would
/// have fitted, the line ended; when not, it was wrapped, unless it ends as an item does and
/// the next line starts as one could. A line that ends where a sentence cannot goes on.
fn continues(text: &str, next: &str, over: f32) -> bool {
    if over <= -1.5 {
        return false;
    }
    !(inline::ends_item(text) && !inline::starts_dependent(next) && over < 12.0)
}

/// For each line of layout text, how far a full line reaches around it: the farthest that
/// the lines of running text within a dozen lines reach (tables and short lines left out).
fn capacity(lines: &[Line]) -> Vec<f32> {
    const AROUND: usize = 12;
    let edges: Vec<Option<f32>> = lines
        .iter()
        .map(|line| {
            (!line.text.contains("   ") && line.text.chars().count() >= 20)
                .then(|| line.indent as f32 + lines::width(&line.text))
        })
        .collect();
    // Where the lines around are all short, the page is no narrower than most of its width
    // elsewhere, nor than the narrowest column text is set in.
    const NARROWEST: f32 = 60.0;
    let widest = edges.iter().flatten().copied().fold(NARROWEST, f32::max);
    let floor = NARROWEST.max(0.8 * widest);
    // A sliding maximum would be faster; the window is small and fixed, so this is linear too.
    (0..lines.len())
        .map(|index| {
            let from = index.saturating_sub(AROUND);
            let to = (index + AROUND + 1).min(lines.len());
            edges[from..to].iter().flatten().copied().fold(floor, f32::max)
        })
        .collect()
}

/// At most `limit` characters of `text`, with an ellipsis when cut.
fn excerpt(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests;
