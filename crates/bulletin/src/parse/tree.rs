//! Step 1 of parsing: pulldown-cmark's events gathered into a small tree of Markdown blocks,
//! each with its byte offset, and inline events into rich text.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{ErrorKind, Reader, MAX_BULLET_DEPTH};
use crate::model::{HttpUrl, RichText, Span};

/// A Markdown block with the byte offset where it starts.
#[derive(Debug)]
pub(super) enum Node {
    FrontMatter {
        text: String,
        offset: usize,
    },
    Heading {
        level: u8,
        text: RichText,
        id: Option<String>,
        classes: Vec<String>,
        attrs: Vec<(String, Option<String>)>,
        offset: usize,
    },
    Paragraph {
        text: RichText,
        raw: String,
        offset: usize,
    },
    List {
        items: Vec<Item>,
        offset: usize,
    },
    Table {
        header: Vec<RawCell>,
        rows: Vec<RawRow>,
        offset: usize,
    },
    Unsupported {
        what: &'static str,
        offset: usize,
    },
}

#[derive(Debug)]
pub(super) struct Item {
    pub(super) text: RichText,
    pub(super) children: Vec<Node>,
    pub(super) offset: usize,
}

#[derive(Debug)]
pub(super) struct RawCell {
    pub(super) text: String,
    pub(super) offset: usize,
}

#[derive(Debug)]
pub(super) struct RawRow {
    pub(super) cells: Vec<RawCell>,
    pub(super) written: usize,
    pub(super) offset: usize,
}

type Events<'a> = std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>;

impl<'a> Reader<'a> {
    pub(super) fn build_tree(&mut self) -> Vec<Node> {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        let mut events = Parser::new_ext(self.source, options).into_offset_iter().peekable();
        let mut nodes = Vec::new();
        while let Some((event, range)) = events.next() {
            if let Some(node) = self.block(event, range.start, &mut events, 0) {
                nodes.push(node);
            }
        }
        nodes
    }

    /// Reads one block that starts with `event`, consuming events up to its end.
    fn block(&mut self, event: Event<'a>, offset: usize, events: &mut Events<'a>, depth: usize) -> Option<Node> {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                let mut text = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Text(chunk) => text.push_str(&chunk),
                        Event::End(TagEnd::MetadataBlock(_)) => break,
                        _ => {}
                    }
                }
                Some(Node::FrontMatter { text, offset })
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let text = self.inlines(events, TagEnd::Heading(level));
                Some(Node::Heading {
                    level: heading_level(level),
                    text,
                    id: id.map(|id| id.to_string()),
                    classes: classes.iter().map(|class| class.to_string()).collect(),
                    attrs: join_quoted(
                        attrs
                            .iter()
                            .map(|(key, value)| (key.to_string(), value.as_ref().map(|v| v.to_string())))
                            .collect(),
                    ),
                    offset,
                })
            }
            Event::Start(Tag::Paragraph) => {
                let text = self.inlines(events, TagEnd::Paragraph);
                let raw = self
                    .source
                    .get(offset..)
                    .unwrap_or("")
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                Some(Node::Paragraph { text, raw, offset })
            }
            Event::Start(Tag::List(None)) => Some(self.list(events, offset, depth)),
            Event::Start(Tag::List(Some(_))) => {
                self.skip(events);
                Some(Node::Unsupported {
                    what: "a numbered list (write bullets with `-`)",
                    offset,
                })
            }
            Event::Start(Tag::Table(_)) => Some(self.table(events, offset)),
            Event::Start(Tag::HtmlBlock) => {
                let mut text = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Html(chunk) | Event::Text(chunk) => text.push_str(&chunk),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                self.warn(
                    ErrorKind::Markdown,
                    offset,
                    "raw HTML is not interpreted; it is kept as plain text",
                );
                let text = text.trim_end().to_string();
                Some(Node::Paragraph {
                    raw: text.clone(),
                    text: vec![Span::Text(text)],
                    offset,
                })
            }
            Event::Start(Tag::BlockQuote(_)) => {
                self.skip(events);
                Some(Node::Unsupported {
                    what: "a block quote",
                    offset,
                })
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.skip(events);
                Some(Node::Unsupported {
                    what: "a code block",
                    offset,
                })
            }
            Event::Start(_) => {
                self.skip(events);
                Some(Node::Unsupported {
                    what: "this Markdown construct",
                    offset,
                })
            }
            Event::Rule => Some(Node::Unsupported {
                what: "a horizontal rule",
                offset,
            }),
            Event::Text(text) => {
                // Loose text can only appear inside containers; keep it rather than lose it.
                Some(Node::Paragraph {
                    raw: text.to_string(),
                    text: vec![Span::Text(text.to_string())],
                    offset,
                })
            }
            _ => None,
        }
    }

    /// Consumes events up to the end of the container just opened.
    fn skip(&mut self, events: &mut Events<'a>) {
        let mut depth = 1usize;
        for (event, _) in events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn list(&mut self, events: &mut Events<'a>, offset: usize, depth: usize) -> Node {
        let mut items = Vec::new();
        if depth >= MAX_BULLET_DEPTH {
            self.error(
                ErrorKind::Markdown,
                offset,
                format!("bullets nest more than {MAX_BULLET_DEPTH} levels deep"),
            );
            self.skip(events);
            return Node::List { items, offset };
        }
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.item(events, range.start, depth)),
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        Node::List { items, offset }
    }

    fn item(&mut self, events: &mut Events<'a>, offset: usize, depth: usize) -> Item {
        let mut text = RichText::new();
        let mut children = Vec::new();
        let mut inline = InlineBuilder::default();
        while let Some((event, range)) = events.next() {
            match event {
                Event::End(TagEnd::Item) => break,
                Event::Start(Tag::Paragraph) => {
                    let paragraph = self.inlines(events, TagEnd::Paragraph);
                    inline.finish_into(&mut text);
                    if !text.is_empty() {
                        text.push(Span::Break);
                    }
                    text.extend(paragraph);
                }
                Event::Start(Tag::List(None)) => {
                    inline.finish_into(&mut text);
                    children.push(self.list(events, range.start, depth + 1));
                }
                Event::Start(tag) if is_block_tag(&tag) => {
                    inline.finish_into(&mut text);
                    if let Some(node) = self.block(Event::Start(tag), range.start, events, depth + 1) {
                        children.push(node);
                    }
                }
                other => inline.push(self, other, range.start),
            }
        }
        inline.finish_into(&mut text);
        Item {
            text: merge_text(text),
            children,
            offset,
        }
    }

    fn table(&mut self, events: &mut Events<'a>, offset: usize) -> Node {
        let mut header = Vec::new();
        let mut rows: Vec<RawRow> = Vec::new();
        let mut in_head = false;
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => {
                    let written = count_written_cells(self.source.get(range.clone()).unwrap_or(""));
                    rows.push(RawRow {
                        cells: Vec::new(),
                        written,
                        offset: range.start,
                    });
                }
                Event::Start(Tag::TableCell) => {
                    let text = plain(&self.inlines(events, TagEnd::TableCell));
                    // The cell's range starts at the space after its `|`: its place is where
                    // its text starts.
                    let written = self.source.get(range.clone()).unwrap_or("");
                    let padding = written.len() - written.trim_start().len();
                    let cell = RawCell {
                        text,
                        offset: range.start + padding,
                    };
                    if in_head {
                        header.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.cells.push(cell);
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        Node::Table { header, rows, offset }
    }

    /// Reads inline events up to `end` into rich text.
    fn inlines(&mut self, events: &mut Events<'a>, end: TagEnd) -> RichText {
        let mut builder = InlineBuilder::default();
        let mut text = RichText::new();
        for (event, range) in events.by_ref() {
            match event {
                Event::End(tag) if tag == end => break,
                other => builder.push(self, other, range.start),
            }
        }
        builder.finish_into(&mut text);
        merge_text(text)
    }
}

fn is_block_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::Table(_)
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(Some(_))
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Gathers inline events into spans.
#[derive(Default)]
struct InlineBuilder {
    spans: RichText,
    strong: usize,
    link: Option<(String, String, usize)>,
}

impl InlineBuilder {
    fn push_text(&mut self, text: &str) {
        if let Some((link_text, _, _)) = &mut self.link {
            link_text.push_str(text);
        } else if self.strong > 0 {
            self.spans.push(Span::Strong(text.to_string()));
        } else {
            self.spans.push(Span::Text(text.to_string()));
        }
    }

    fn push(&mut self, reader: &mut Reader<'_>, event: Event<'_>, offset: usize) {
        match event {
            Event::Code(code) => {
                // Not part of the format: kept with its backticks, as typed, not silently bare.
                reader.warn(
                    ErrorKind::Markdown,
                    offset,
                    "a code span is not part of the format; it is kept as plain text with its backticks (escape a literal backtick as \\`)",
                );
                let fence = if code.contains('`') { "``" } else { "`" };
                self.push(reader, Event::Text(format!("{fence}{code}{fence}").into()), offset);
            }
            Event::Text(text) => {
                if let Some(control) = text.chars().find(|c| is_bidi_control(*c)) {
                    reader.warn(
                        ErrorKind::Text,
                        offset,
                        format!(
                            "the text holds the invisible direction control U+{:04X}, which can show it in a misleading order",
                            u32::from(control)
                        ),
                    );
                }
                self.push_text(&text);
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                reader.warn(
                    ErrorKind::Markdown,
                    offset,
                    "raw HTML is not interpreted; it is kept as plain text",
                );
                self.push_text(&html);
            }
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak if self.link.is_none() => self.spans.push(Span::Break),
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => {
                reader.error(ErrorKind::Markdown, offset, "single-asterisk emphasis is not part of the format; write **strong**, or escape a literal asterisk as \\*");
            }
            Event::End(TagEnd::Emphasis) => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((String::new(), dest_url.to_string(), offset));
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, url, link_offset)) = self.link.take() {
                    match HttpUrl::parse(&url) {
                        Ok(url) => self.spans.push(Span::Link { text, url }),
                        Err(reason) => {
                            reader.warn(
                                ErrorKind::Link,
                                link_offset,
                                format!("link to {url:?} kept as plain text: {reason}"),
                            );
                            let shown = if text == url { text } else { format!("{text} ({url})") };
                            self.push_text(&shown);
                        }
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => {
                reader.error(
                    ErrorKind::Markdown,
                    offset,
                    "images are not part of this edition; write a `Figure: caption {#id}` line instead",
                );
            }
            _ => {}
        }
    }

    fn finish_into(&mut self, out: &mut RichText) {
        out.append(&mut self.spans);
    }
}

/// Unicode's explicit direction embeddings, overrides and isolates: a Korean bulletin has no
/// use for them, and they can make text read as something else (a reversed address).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Joins neighbouring runs of the same kind, so that escapes do not split words.
fn merge_text(spans: RichText) -> RichText {
    let mut out: RichText = Vec::with_capacity(spans.len());
    for span in spans {
        match (out.last_mut(), span) {
            (Some(Span::Text(last)), Span::Text(next)) => last.push_str(&next),
            (Some(Span::Strong(last)), Span::Strong(next)) => last.push_str(&next),
            (_, span) => out.push(span),
        }
    }
    out
}

/// Plain text of rich text, breaks as spaces (for captions, headings and cells).
pub(super) fn plain(text: &[Span]) -> String {
    let mut out = String::new();
    for span in text {
        match span {
            Span::Text(text) | Span::Strong(text) => out.push_str(text),
            Span::Link { text, .. } => out.push_str(text),
            Span::Break => out.push(' '),
        }
    }
    out.trim().to_string()
}

/// Counts the cells written on a table row's source line, `|` escapes respected.
fn count_written_cells(line: &str) -> usize {
    let line = line.trim();
    let mut cells = 1usize;
    let mut escaped = false;
    let mut pipes = Vec::new();
    for (index, c) in line.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '|' => pipes.push(index),
            _ => {}
        }
    }
    cells += pipes.len();
    if pipes.first() == Some(&0) {
        cells -= 1;
    }
    if pipes.last().is_some_and(|last| *last + 1 == line.len()) && line.len() > 1 {
        cells -= 1;
    }
    cells
}

pub(super) fn node_offset(node: &Node) -> usize {
    match node {
        Node::FrontMatter { offset, .. }
        | Node::Heading { offset, .. }
        | Node::Paragraph { offset, .. }
        | Node::List { offset, .. }
        | Node::Table { offset, .. }
        | Node::Unsupported { offset, .. } => *offset,
    }
}

/// A heading's attributes with quoted values read whole: pulldown-cmark splits a heading's
/// `{…}` block at every space, so `category="과학기술 외교"` comes as `category="과학기술` and
/// `외교"`. A value in quotes is joined again up to its closing quote, with one space between
/// the pieces, and loses its quotes, as in a caption's or header's block (`unit="억 위안"`).
/// A quote that is never closed leaves the pieces as they came, for the reader to report.
fn join_quoted(attrs: Vec<(String, Option<String>)>) -> Vec<(String, Option<String>)> {
    let piece = |(key, value): &(String, Option<String>)| match value {
        Some(value) => format!("{key}={value}"),
        None => key.clone(),
    };
    let mut joined = Vec::with_capacity(attrs.len());
    let mut index = 0;
    while index < attrs.len() {
        let (key, value) = &attrs[index];
        let Some(open) = value.as_deref().and_then(|value| value.strip_prefix('"')) else {
            joined.push(attrs[index].clone());
            index += 1;
            continue;
        };
        if let Some(whole) = open.strip_suffix('"') {
            joined.push((key.clone(), Some(whole.to_string())));
            index += 1;
            continue;
        }
        let mut text = open.to_string();
        let close = attrs[index + 1..].iter().position(|attr| piece(attr).ends_with('"'));
        match close {
            Some(offset) => {
                for attr in &attrs[index + 1..=index + 1 + offset] {
                    text.push(' ');
                    text.push_str(&piece(attr));
                }
                text.pop();
                joined.push((key.clone(), Some(text)));
                index += offset + 2;
            }
            None => {
                joined.extend(attrs[index..].iter().cloned());
                index = attrs.len();
            }
        }
    }
    joined
}
