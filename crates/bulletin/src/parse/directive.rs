//! Directives: paragraphs that start with an English keyword and a colon (`Table:`,
//! `Figure:`, `Source:`, `Note:`, `References:`), and the prose and leads around them.

use super::attrs::split_attrs;
use super::entry::{split_lead_date, Entry};
use super::section::IssueDraft;
use super::tree::plain;
use super::{ErrorKind, Reader};
use crate::model::{Block, Figure, RichText, Span};

const DIRECTIVES: [&str; 5] = ["Table", "Figure", "Source", "Note", "References"];

impl Reader<'_> {
    pub(super) fn entry_paragraph(
        &mut self,
        entry: &mut Entry,
        briefs: bool,
        text: &RichText,
        raw: &str,
        offset: usize,
        draft: &mut IssueDraft,
    ) {
        if let Some((keyword, _)) = directive_keyword(raw) {
            let body = strip_keyword(text, keyword);
            match keyword {
                "Table" | "Figure" => {
                    let caption_text = plain(&body);
                    let (caption, attrs) = match split_attrs(&caption_text) {
                        Ok(split) => split,
                        Err(reason) => {
                            self.error(ErrorKind::Directive, offset, format!("{keyword}: {reason}"));
                            return;
                        }
                    };
                    let what = if keyword == "Table" { "a table" } else { "a figure" };
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
                    if keyword == "Table" {
                        entry.pending_table = Some((caption, id, offset));
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
                "Source" => {
                    if body.is_empty() {
                        self.error(ErrorKind::Directive, offset, "`Source:` needs the source after it");
                        return;
                    }
                    if briefs {
                        entry.brief_source = self.brief_source(&body, offset);
                        return;
                    }
                    match entry.attach.and_then(|index| entry.blocks.get_mut(index)) {
                        Some(Block::Table(table)) => table.sources.push(body),
                        Some(Block::Figure(figure)) => figure.sources.push(body),
                        _ => entry.blocks.push(Block::Source(body)),
                    }
                }
                "Note" => {
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
                "References" => {
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
                _ => {}
            }
            return;
        }
        if let Some(word) = unknown_directive(raw) {
            self.error(
                ErrorKind::Directive,
                offset,
                format!(
                    "unknown directive {word:?}; expected one of {}: (escape the colon as `\\:` if this is prose)",
                    DIRECTIVES.join(", ")
                ),
            );
            return;
        }
        entry.attach = None;
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
                entry.lead = Some(split_lead_date(lead_text));
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
fn directive_keyword(raw: &str) -> Option<(&'static str, &str)> {
    let word = leading_word(raw)?;
    DIRECTIVES
        .iter()
        .find(|known| **known == word)
        .map(|known| (*known, raw))
}

/// `Word:` at the start of a paragraph's source line, when the word is not a directive.
fn unknown_directive(raw: &str) -> Option<&str> {
    let word = leading_word(raw)?;
    (!DIRECTIVES.contains(&word)).then_some(word)
}

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
