//! Articles and brief items: their headings, leads, bodies, bullets, references and sources.

use super::section::IssueDraft;
use super::tree::{node_offset, plain, Item, Node};
use super::{ErrorKind, Reader};
use crate::model::{Article, Block, Brief, BriefSource, Bullet, Lead, MonthDay, Reference, RichText, Span};
use crate::slug::Slug;

pub(super) struct PartDraft {
    pub(super) id: Slug,
    pub(super) numeral: String,
    pub(super) title: String,
    pub(super) briefs: bool,
    pub(super) offset: usize,
    pub(super) articles: Vec<Article>,
    pub(super) brief_items: Vec<Brief>,
    pub(super) current: Option<Entry>,
    /// How many `##` headings the part has, read or refused: a part whose every entry was
    /// reported as wrong is not also said to have none.
    pub(super) headings: usize,
}

/// The article or brief item being read, with the bookkeeping its blocks need.
pub(super) struct Entry {
    pub(super) offset: usize,
    pub(super) id: Slug,
    pub(super) number: String,
    pub(super) title: String,
    pub(super) category: Option<String>,
    pub(super) lead: Option<Lead>,
    pub(super) blocks: Vec<Block>,
    pub(super) references: Vec<Reference>,
    pub(super) brief_source: Option<BriefSource>,
    /// The block a following `Source:` or `Note:` belongs to.
    pub(super) attach: Option<usize>,
    /// A `Table:` caption waiting for its table.
    pub(super) pending_table: Option<(String, Slug, usize)>,
    /// Whether the last block was a `Table:` line already reported as wrong (a duplicate or
    /// bad id, no caption): the table after it is not reported again as uncaptioned.
    pub(super) refused_table: bool,
    /// The parser's error count when the entry opened: an entry whose blocks were all reported
    /// as wrong is not also said to have no body.
    pub(super) errors_at_open: usize,
    /// A `References:` directive waiting for its list.
    pub(super) pending_references: Option<usize>,
    /// Whether a brief item's `Source:` line was read and reported as wrong: the item is not
    /// also said to lack one.
    pub(super) refused_source: bool,
}

/// A level-2 heading as the block tree gives it.
struct EntryHeading<'a> {
    text: &'a RichText,
    id: Option<&'a str>,
    classes: &'a [String],
    attrs: &'a [(String, Option<String>)],
    offset: usize,
}

/// The id an article or brief item whose own id was refused is read on under (never in a file
/// that parses: its id was reported as an error).
const REFUSED_ID: &str = "refused-id";

impl Reader<'_> {
    /// A node inside a part: a level-2 heading opens the next article or brief item, anything
    /// else belongs to the one open.
    pub(super) fn part_node(&mut self, part: &mut PartDraft, node: &Node, draft: &mut IssueDraft) {
        if let Node::Heading {
            level: 2,
            text,
            id,
            classes,
            attrs,
            offset,
        } = node
        {
            self.close_entry(part);
            part.headings += 1;
            let heading = EntryHeading {
                text,
                id: id.as_deref(),
                classes,
                attrs,
                offset: *offset,
            };
            part.current = self.open_entry(&heading, part.briefs, draft);
            return;
        }
        let Some(entry) = part.current.as_mut() else {
            self.error(
                ErrorKind::Entry,
                node_offset(node),
                "content in a part before its first article: expected `## 01 title {#id category=…}`",
            );
            return;
        };
        let briefs = part.briefs;
        self.entry_node(entry, briefs, node, draft);
    }

    /// The article or brief item a `## 01 title {#id category=…}` heading opens. One whose id
    /// is missing, malformed or taken has been reported, and is read on under a stand-in id
    /// ([`REFUSED_ID`]) so that what follows it (its body, the contents' line for it) is not
    /// reported again as out of place; the file is refused all the same.
    fn open_entry(&mut self, heading: &EntryHeading<'_>, briefs: bool, draft: &mut IssueDraft) -> Option<Entry> {
        let offset = heading.offset;
        let title_text = plain(heading.text);
        let what = if briefs { "a brief item" } else { "an article" };
        let slug = match self.claim_id(draft, heading.id, offset, what) {
            Some(slug) => slug,
            None => Slug::parse(REFUSED_ID).ok()?,
        };
        if let Some(class) = heading.classes.first() {
            self.error(
                ErrorKind::Entry,
                offset,
                format!("an article heading takes no .{class} class"),
            );
        }
        let mut category = None;
        for (key, value) in heading.attrs {
            match (key.as_str(), value) {
                ("category", Some(value)) if !briefs => category = Some(value.clone()),
                ("category", _) if briefs => self.error(ErrorKind::Entry, offset, "brief items have no category"),
                _ => self.error(
                    ErrorKind::Entry,
                    offset,
                    format!("unknown article attribute {key:?}; expected category=…"),
                ),
            }
        }
        if category.is_none() && !briefs {
            self.error(
                ErrorKind::Entry,
                offset,
                "an article needs a category: add category=… to its heading's {…} block",
            );
        }
        let (number, title) = title_text
            .split_once(char::is_whitespace)
            .unwrap_or(("", title_text.as_str()));
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || title.trim().is_empty() {
            self.error(
                ErrorKind::Entry,
                offset,
                format!("an article heading is its number and title, as in `## 01 title`; found {title_text:?}"),
            );
        }
        Some(Entry {
            offset,
            id: slug,
            number: number.to_string(),
            title: title.trim().to_string(),
            category,
            lead: None,
            blocks: Vec::new(),
            references: Vec::new(),
            brief_source: None,
            attach: None,
            pending_table: None,
            refused_table: false,
            errors_at_open: self.errors,
            pending_references: None,
            refused_source: false,
        })
    }

    pub(super) fn close_entry(&mut self, part: &mut PartDraft) {
        let Some(entry) = part.current.take() else { return };
        if let Some((_, _, offset)) = entry.pending_table {
            self.error(
                ErrorKind::Directive,
                offset,
                "a `Table:` caption with no table after it",
            );
        }
        if let Some(offset) = entry.pending_references {
            self.error(
                ErrorKind::Directive,
                offset,
                "a `References:` line with no list after it",
            );
        }
        if part.briefs {
            let mut bullets = Vec::new();
            for block in entry.blocks {
                match block {
                    Block::Bullets(list) => bullets.extend(list),
                    _ => self.error(
                        ErrorKind::Entry,
                        entry.offset,
                        "a brief item holds a lead, bullets and a `Source:` line only",
                    ),
                }
            }
            let Some(source) = entry.brief_source else {
                if !entry.refused_source {
                    self.error(
                        ErrorKind::Entry,
                        entry.offset,
                        "a brief item ends with `Source: outlet (MM.DD) <https://…>`",
                    );
                }
                return;
            };
            part.brief_items.push(Brief {
                id: entry.id,
                number: entry.number,
                title: entry.title,
                lead: entry.lead,
                bullets,
                source,
            });
        } else {
            if entry.blocks.is_empty() && self.errors == entry.errors_at_open {
                self.error(ErrorKind::Entry, entry.offset, "the article has no body");
            }
            part.articles.push(Article {
                id: entry.id,
                number: entry.number,
                title: entry.title,
                category: entry.category.unwrap_or_default(),
                lead: entry.lead,
                blocks: entry.blocks,
                references: entry.references,
            });
        }
    }

    fn entry_node(&mut self, entry: &mut Entry, briefs: bool, node: &Node, draft: &mut IssueDraft) {
        let offset = node_offset(node);
        let refused_table = std::mem::take(&mut entry.refused_table);
        if let Some((_, _, caption_offset)) = &entry.pending_table {
            if !matches!(node, Node::Table { .. }) {
                let caption_offset = *caption_offset;
                entry.pending_table = None;
                self.error(
                    ErrorKind::Directive,
                    caption_offset,
                    "a `Table:` caption must be followed directly by its table",
                );
            }
        }
        if entry.pending_references.is_some() && !matches!(node, Node::List { .. }) {
            let references_offset = entry.pending_references.take().unwrap_or(offset);
            self.error(
                ErrorKind::Directive,
                references_offset,
                "a `References:` line must be followed directly by its list",
            );
        }
        if entry.brief_source.is_some() {
            self.error(
                ErrorKind::Entry,
                offset,
                "nothing may follow a brief item's `Source:` line",
            );
            return;
        }
        match node {
            Node::Heading { level, text, .. } => {
                if *level == 2 || *level == 1 {
                    return;
                }
                entry.attach = None;
                if briefs {
                    self.error(ErrorKind::Entry, offset, "brief items have no sub-headings");
                }
                entry.blocks.push(Block::Heading(plain(text)));
            }
            Node::Paragraph { text, raw, offset } => self.entry_paragraph(entry, briefs, text, raw, *offset, draft),
            Node::List { items, .. } => {
                if entry.pending_references.take().is_some() {
                    self.references(entry, items);
                    return;
                }
                entry.attach = None;
                let bullets = self.bullets(items);
                entry.blocks.push(Block::Bullets(bullets));
            }
            Node::Table { header, rows, offset } => {
                let Some((caption, id, _)) = entry.pending_table.take() else {
                    if refused_table {
                        return;
                    }
                    self.error(
                        ErrorKind::Table,
                        *offset,
                        "a table needs a caption: write `Table: caption {#id}` on the line before it",
                    );
                    return;
                };
                if let Some(table) = self.table_block(caption, id, header, rows, *offset) {
                    entry.blocks.push(Block::Table(table));
                    entry.attach = Some(entry.blocks.len() - 1);
                } else {
                    entry.attach = None;
                }
            }
            Node::FrontMatter { offset, .. } => {
                self.error(ErrorKind::FrontMatter, *offset, "front matter must open the file")
            }
            Node::Unsupported { what, offset } => self.error(
                ErrorKind::Markdown,
                *offset,
                format!("{what} is not part of the bulletin format"),
            ),
        }
    }

    fn references(&mut self, entry: &mut Entry, items: &[Item]) {
        for item in items {
            if let Some(child) = item.children.first() {
                self.error(ErrorKind::Entry, node_offset(child), "references do not nest");
            }
            let reference = match item.text.as_slice() {
                [Span::Link { text, url }] => Reference {
                    title: text.trim().to_string(),
                    url: Some(url.clone()),
                },
                [Span::Text(title), Span::Link { url, .. }]
                | [Span::Text(title), Span::Break, Span::Link { url, .. }] => Reference {
                    title: title.trim().to_string(),
                    url: Some(url.clone()),
                },
                spans if !spans.iter().any(|span| matches!(span, Span::Link { .. })) => Reference {
                    title: plain(spans),
                    url: None,
                },
                _ => {
                    self.error(
                        ErrorKind::Entry,
                        item.offset,
                        "a reference is `[title](https://…)`, or plain text when there is no address",
                    );
                    continue;
                }
            };
            if reference.title.is_empty() {
                self.error(ErrorKind::Entry, item.offset, "a reference needs a title");
                continue;
            }
            entry.references.push(reference);
        }
    }

    pub(super) fn brief_source(&mut self, body: &RichText, offset: usize) -> Option<BriefSource> {
        let mut url = None;
        let mut text = String::new();
        for span in body {
            match span {
                Span::Link { url: link, .. } if url.is_none() => url = Some(link.clone()),
                Span::Link { .. } => {
                    self.error(ErrorKind::Entry, offset, "a brief item's source has one address");
                    return None;
                }
                Span::Text(part) | Span::Strong(part) => text.push_str(part),
                Span::Break => text.push(' '),
            }
        }
        let text = text.trim();
        let (outlet, date) = match text.rfind('(') {
            Some(open) if text.ends_with(')') => {
                let inner = &text[open + 1..text.len() - 1];
                let Some(date) = parse_month_day(inner) else {
                    self.error(
                        ErrorKind::Entry,
                        offset,
                        format!("the source's date is written (MM.DD), found ({inner})"),
                    );
                    return None;
                };
                (text[..open].trim().to_string(), Some(date))
            }
            _ => (text.to_string(), None),
        };
        if outlet.is_empty() {
            self.error(
                ErrorKind::Entry,
                offset,
                "a brief item's source names its outlet: `Source: outlet (MM.DD) <https://…>`",
            );
            return None;
        }
        Some(BriefSource { outlet, date, url })
    }

    fn bullets(&mut self, items: &[Item]) -> Vec<Bullet> {
        items
            .iter()
            .map(|item| {
                let mut children = Vec::new();
                for child in &item.children {
                    match child {
                        Node::List { items, .. } => children.extend(self.bullets(items)),
                        other => self.error(
                            ErrorKind::Entry,
                            node_offset(other),
                            "only bullets may nest inside a bullet",
                        ),
                    }
                }
                if item.text.is_empty() {
                    self.error(ErrorKind::Entry, item.offset, "an empty bullet");
                }
                Bullet {
                    text: item.text.clone(),
                    children,
                }
            })
            .collect()
    }
}

/// Takes a trailing `(6.19)` off a lead.
pub(crate) fn split_lead_date(mut text: RichText) -> Lead {
    if let Some(Span::Text(last)) = text.last_mut() {
        let trimmed = last.trim_end();
        if let Some(open) = trimmed.rfind('(') {
            if let Some(date) = trimmed[open + 1..].strip_suffix(')').and_then(parse_month_day) {
                let kept = trimmed[..open].trim_end().to_string();
                *last = kept;
                if last.is_empty() {
                    text.pop();
                }
                return Lead { text, date: Some(date) };
            }
        }
    }
    Lead { text, date: None }
}

fn parse_month_day(text: &str) -> Option<MonthDay> {
    let (month, day) = text.trim().split_once('.')?;
    let month: u8 = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    Some(MonthDay { month, day }).filter(|date| date.is_valid())
}

/// The `(7.32)` a lead ends in that reads like a date and is none (no month and day of the
/// calendar), for a warning: it stays the lead's text.
pub(crate) fn lead_date_lookalike(lead: &Lead) -> Option<String> {
    if lead.date.is_some() {
        return None;
    }
    let Some(Span::Text(last)) = lead.text.last() else {
        return None;
    };
    let trimmed = last.trim_end();
    let inner = trimmed.strip_suffix(')')?.rsplit_once('(')?.1;
    let (month, day) = inner.split_once('.')?;
    let digits = |part: &str| !part.is_empty() && part.len() <= 2 && part.chars().all(|c| c.is_ascii_digit());
    (digits(month) && digits(day)).then(|| format!("({inner})"))
}
