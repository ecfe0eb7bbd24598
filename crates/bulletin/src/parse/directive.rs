//! Directives: paragraphs that start with an English keyword and a colon (`Table:`,
//! `Figure:`, `Source:`, `Note:`, `References:`), and the prose and leads around them.

use super::attrs::split_attrs;
use super::entry::{lead_date_lookalike, split_lead_date, Entry};
use super::section::IssueDraft;
use super::tree::plain;
use super::{ErrorKind, Reader};
use crate::model::{Block, Figure, RichText, Span};

/// A directive's keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    Table,
    Figure,
    Source,
    Note,
    References,
}

impl Directive {
    const ALL: [Directive; 5] = [
        Directive::Table,
        Directive::Figure,
        Directive::Source,
        Directive::Note,
        Directive::References,
    ];

    /// The keyword as written before the colon.
    fn keyword(self) -> &'static str {
        match self {
            Directive::Table => "Table",
            Directive::Figure => "Figure",
            Directive::Source => "Source",
            Directive::Note => "Note",
            Directive::References => "References",
        }
    }
}

impl Reader<'_> {
    /// A paragraph of an article or brief item: a directive, a lead or prose.
    pub(super) fn entry_paragraph(
        &mut self,
        entry: &mut Entry,
        briefs: bool,
        text: &RichText,
        raw: &str,
        offset: usize,
        draft: &mut IssueDraft,
    ) {
        if let Some(directive) = directive_keyword(raw) {
            let body = strip_keyword(text, directive.keyword());
            match directive {
                Directive::Table | Directive::Figure => self.caption(entry, briefs, directive, &body, offset, draft),
                Directive::Source => self.source_line(entry, briefs, body, offset),
                Directive::Note => self.note_line(entry, body, offset),
                Directive::References => {
                    if !body.is_empty() {
                        self.error(
                            ErrorKind::Directive,
                            offset,
                            "`References:` stands alone; the references follow as a list",
                        );
                    }
                    entry.attach = None;
                    entry.pending_references = Some(offset);
                }
            }
            return;
        }
        if let Some(word) = unknown_directive(raw) {
            let known: Vec<&str> = Directive::ALL.iter().map(|directive| directive.keyword()).collect();
            self.error(
                ErrorKind::Directive,
                offset,
                format!(
                    "unknown directive {word:?}; expected one of {}: (escape the colon as `\\:` if this is prose)",
                    known.join(", ")
                ),
            );
            return;
        }
        entry.attach = None;
        self.prose(entry, briefs, text, offset);
    }

    /// `Table: caption {#id}`, which waits for its table, or `Figure: caption {#id}`.
    fn caption(
        &mut self,
        entry: &mut Entry,
        briefs: bool,
        directive: Directive,
        body: &RichText,
        offset: usize,
        draft: &mut IssueDraft,
    ) {
        let keyword = directive.keyword();
        // A `Table:` line reported as wrong below leaves its table to go unreported, rather
        // than called uncaptioned; set back once the caption waits for its table.
        entry.refused_table = directive == Directive::Table;
        let caption_text = plain(body);
        let (caption, attrs) = match split_attrs(&caption_text) {
            Ok(split) => split,
            Err(reason) => {
                self.error(ErrorKind::Directive, offset, format!("{keyword}: {reason}"));
                return;
            }
        };
        let what = if directive == Directive::Table {
            "a table"
        } else {
            "a figure"
        };
        let id = attrs.as_ref().and_then(|attrs| attrs.id.clone());
        if let Some(attrs) = &attrs {
            if let Some(word) = attrs.words.first().or(attrs.pairs.first().map(|(key, _)| key)) {
                self.error(
                    ErrorKind::Directive,
                    offset,
                    format!("{keyword}: unknown attribute {word:?}; only {{#id}} is allowed"),
                );
            }
        }
        if caption.is_empty() {
            self.error(
                ErrorKind::Directive,
                offset,
                format!("{what} needs a caption after `{keyword}:`"),
            );
            return;
        }
        let Some(id) = self.claim_id(draft, id.as_deref(), offset, what) else {
            return;
        };
        if briefs {
            self.error(ErrorKind::Directive, offset, format!("brief items hold no {keyword:?}"));
            return;
        }
        if directive == Directive::Table {
            entry.pending_table = Some((caption, id, offset));
            entry.refused_table = false;
        } else {
            entry.blocks.push(Block::Figure(Figure {
                id,
                caption,
                sources: Vec::new(),
                notes: Vec::new(),
            }));
            entry.attach = Some(entry.blocks.len() - 1);
        }
    }

    /// `Source: …`: a brief item's source, the source of the table or figure before it, or
    /// a source line of its own.
    fn source_line(&mut self, entry: &mut Entry, briefs: bool, body: RichText, offset: usize) {
        if body.is_empty() {
            self.error(ErrorKind::Directive, offset, "`Source:` needs the source after it");
            return;
        }
        if briefs {
            entry.brief_source = self.brief_source(&body, offset);
            entry.refused_source = entry.brief_source.is_none();
            return;
        }
        match entry.attach.and_then(|index| entry.blocks.get_mut(index)) {
            Some(Block::Table(table)) => table.sources.push(body),
            Some(Block::Figure(figure)) => figure.sources.push(body),
            _ => entry.blocks.push(Block::Source(body)),
        }
    }

    /// `Note: …`: a note on the table or figure before it, or a note of its own.
    fn note_line(&mut self, entry: &mut Entry, body: RichText, offset: usize) {
        if body.is_empty() {
            self.error(ErrorKind::Directive, offset, "`Note:` needs the note after it");
            return;
        }
        match entry.attach.and_then(|index| entry.blocks.get_mut(index)) {
            Some(Block::Table(table)) => table.notes.push(body),
            Some(Block::Figure(figure)) => figure.notes.push(body),
            _ => {
                entry.attach = None;
                entry.blocks.push(Block::Note(body));
            }
        }
    }

    /// A paragraph that is not a directive: the ■ lead, or prose (which brief items lack).
    fn prose(&mut self, entry: &mut Entry, briefs: bool, text: &RichText, offset: usize) {
        if let Some(Span::Text(first)) = text.first() {
            if let Some(rest) = first.trim_start().strip_prefix('■') {
                if entry.lead.is_some() || !entry.blocks.is_empty() {
                    self.error(
                        ErrorKind::Entry,
                        offset,
                        "the ■ lead must be the first paragraph of the article, and only one",
                    );
                    return;
                }
                let mut lead_text = text.clone();
                lead_text[0] = Span::Text(rest.trim_start().to_string());
                let lead = split_lead_date(lead_text);
                if let Some(lookalike) = lead_date_lookalike(&lead) {
                    self.warn(
                        ErrorKind::Entry,
                        offset,
                        format!("the lead ends with {lookalike}, which is no month and day; it is kept as the lead's text, not as its date"),
                    );
                }
                entry.lead = Some(lead);
                return;
            }
        }
        if briefs {
            self.error(
                ErrorKind::Entry,
                offset,
                "a brief item holds a ■ lead, bullets and a `Source:` line; found a paragraph",
            );
            return;
        }
        entry.blocks.push(Block::Paragraph(text.clone()));
    }
}

/// `Keyword:` at the start of a paragraph's source line, when the keyword is a known directive.
fn directive_keyword(raw: &str) -> Option<Directive> {
    let word = leading_word(raw)?;
    Directive::ALL.into_iter().find(|directive| directive.keyword() == word)
}

/// `Word:` at the start of a paragraph's source line, when the word is not a directive.
fn unknown_directive(raw: &str) -> Option<&str> {
    let word = leading_word(raw)?;
    (!Directive::ALL.iter().any(|directive| directive.keyword() == word)).then_some(word)
}

/// `Word` of `Word:` at the start of a paragraph's source line: ASCII letters, the first a
/// capital, right before the colon.
pub(crate) fn leading_word(raw: &str) -> Option<&str> {
    let end = raw.find(|c: char| !c.is_ascii_alphabetic())?;
    let word = &raw[..end];
    let starts_upper = word.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    (starts_upper && raw[end..].starts_with(':')).then_some(word)
}

/// The paragraph's text without its leading `Keyword:`.
fn strip_keyword(text: &RichText, keyword: &str) -> RichText {
    let mut out = text.clone();
    if let Some(Span::Text(first)) = out.first_mut() {
        let rest = first
            .strip_prefix(keyword)
            .and_then(|rest| rest.strip_prefix(':'))
            .unwrap_or(first);
        *first = rest.trim_start().to_string();
        if first.is_empty() {
            out.remove(0);
        }
    }
    if let Some(Span::Text(last)) = out.last_mut() {
        let trimmed = last.trim_end().len();
        last.truncate(trimmed);
    }
    out
}
