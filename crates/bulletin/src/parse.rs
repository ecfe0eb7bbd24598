//! The source parser: `bulletins/<date>.md` in, a checked [`Issue`] out.
//!
//! The format is documented in `bulletins/README.md`. Parsing runs in two steps:
//! pulldown-cmark's events are first gathered into a small tree of Markdown blocks
//! ([`Node`]), each with its byte offset; the tree is then read as a bulletin, section by
//! section, and every departure from the format becomes a [`ParseError`] with file, line
//! and column. Errors do not stop the reading: all of them are reported at once, and a
//! source with any error yields no issue at all, never a half-filled one.

use core::fmt;
use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::model::{
    Article, Block, Brief, BriefSource, Bullet, Cell, ColophonEntry, Column, ColumnKind, ContentsCategory,
    ContentsEntry, ContentsPart, Date, Figure, HttpUrl, Issue, Lead, Meta, MonthDay, Part, PartBody, Reference,
    RichText, Row, Span, Table,
};
use crate::number::{self, Decimal};
use crate::slug::Slug;

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

/// An error (or warning) in a source file, with where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    file: String,
    line: usize,
    column: usize,
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
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

// ---------------------------------------------------------------------------------------
// Step 1: Markdown events into a tree of blocks.

/// A Markdown block with the byte offset where it starts.
#[derive(Debug)]
enum Node {
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
struct Item {
    text: RichText,
    children: Vec<Node>,
    offset: usize,
}

#[derive(Debug)]
struct RawCell {
    text: String,
    offset: usize,
}

#[derive(Debug)]
struct RawRow {
    cells: Vec<RawCell>,
    written: usize,
    offset: usize,
}

struct Reader<'a> {
    file: &'a str,
    source: &'a str,
    line_starts: Vec<usize>,
    /// The last position located, as (line, byte offset, column); see [`Reader::locate`].
    last_located: std::cell::Cell<Option<(usize, usize, usize)>>,
    errors: Vec<ParseError>,
    warnings: Vec<ParseError>,
}

type Events<'a> = std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>;

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

    fn build_tree(&mut self) -> Vec<Node> {
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
                    attrs: attrs
                        .iter()
                        .map(|(key, value)| (key.to_string(), value.as_ref().map(|v| v.to_string())))
                        .collect(),
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
                self.warn(offset, "raw HTML is not interpreted; it is kept as plain text");
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
            self.error(offset, format!("bullets nest more than {MAX_BULLET_DEPTH} levels deep"));
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
                    let cell = RawCell {
                        text,
                        offset: range.start,
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
            Event::Text(text) | Event::Code(text) => {
                if let Some(control) = text.chars().find(|c| is_bidi_control(*c)) {
                    reader.warn(
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
                reader.warn(offset, "raw HTML is not interpreted; it is kept as plain text");
                self.push_text(&html);
            }
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak if self.link.is_none() => self.spans.push(Span::Break),
            Event::Start(Tag::Strong) => self.strong += 1,
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => {
                reader.error(offset, "single-asterisk emphasis is not part of the format; write **strong**, or escape a literal asterisk as \\*");
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
                            reader.warn(link_offset, format!("link to {url:?} kept as plain text: {reason}"));
                            let shown = if text == url { text } else { format!("{text} ({url})") };
                            self.push_text(&shown);
                        }
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => {
                reader.error(
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
fn plain(text: &[Span]) -> String {
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

// ---------------------------------------------------------------------------------------
// Attribute blocks: `{#id kind unit="만 위안"}` at the end of a caption or header cell.

#[derive(Debug, Default)]
pub(crate) struct Attrs {
    pub(crate) id: Option<String>,
    pub(crate) words: Vec<String>,
    pub(crate) pairs: Vec<(String, String)>,
}

/// Splits `text {…}` into the text and its attributes; `None` attributes when there is no block.
pub(crate) fn split_attrs(text: &str) -> Result<(String, Option<Attrs>), String> {
    let trimmed = text.trim_end();
    if !trimmed.ends_with('}') {
        return Ok((trimmed.to_string(), None));
    }
    let Some(open) = trimmed.rfind('{') else {
        return Err("a `}` without its `{`".to_string());
    };
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    let mut attrs = Attrs::default();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..token_end];
        if let Some((key, value)) = token.split_once('=') {
            let (value, consumed) = if let Some(quoted) = rest[key.len() + 1..].strip_prefix('"') {
                let Some(close) = quoted.find('"') else {
                    return Err(format!("the value of {key}= has no closing quote"));
                };
                (quoted[..close].to_string(), key.len() + 1 + close + 2)
            } else {
                (value.to_string(), token_end)
            };
            attrs.pairs.push((key.to_string(), value));
            rest = rest[consumed..].trim_start();
            continue;
        }
        if let Some(id) = token.strip_prefix('#') {
            if attrs.id.replace(id.to_string()).is_some() {
                return Err("two ids in one attribute block".to_string());
            }
        } else {
            attrs.words.push(token.to_string());
        }
        rest = rest[token_end..].trim_start();
    }
    Ok((trimmed[..open].trim_end().to_string(), Some(attrs)))
}

// ---------------------------------------------------------------------------------------
// Step 2: the block tree read as a bulletin.

/// What a level-1 heading opened.
enum Section {
    None,
    Contents,
    Summary,
    Part(Box<PartDraft>),
    Colophon,
}

struct PartDraft {
    id: Slug,
    numeral: String,
    title: String,
    briefs: bool,
    offset: usize,
    articles: Vec<Article>,
    brief_items: Vec<Brief>,
    current: Option<Entry>,
}

/// The article or brief item being read, with the bookkeeping its blocks need.
struct Entry {
    offset: usize,
    id: Slug,
    number: String,
    title: String,
    category: Option<String>,
    lead: Option<Lead>,
    blocks: Vec<Block>,
    references: Vec<Reference>,
    brief_source: Option<BriefSource>,
    /// The block a following `Source:` or `Note:` belongs to.
    attach: Option<usize>,
    /// A `Table:` caption waiting for its table.
    pending_table: Option<(String, Slug, usize)>,
    /// A `References:` directive waiting for its list.
    pending_references: Option<usize>,
}

struct IssueDraft {
    meta: Option<Meta>,
    contents: Option<(Vec<ContentsDraft>, usize)>,
    summary: Vec<RichText>,
    parts: Vec<Part>,
    colophon: Vec<ColophonEntry>,
    ids: HashSet<String>,
}

struct ContentsDraft {
    title: String,
    offset: usize,
    categories: Vec<CategoryDraft>,
}

/// A contents category: its name, offset, and entries with their offsets.
type CategoryDraft = (String, usize, Vec<(String, usize)>);

/// A numeric cell's exact main figure and sub-figure, kept for the totals check.
type Exact = Option<(Decimal, Option<Decimal>)>;

const DIRECTIVES: [&str; 5] = ["Table", "Figure", "Source", "Note", "References"];

impl Reader<'_> {
    fn read_issue(&mut self, nodes: &[Node]) -> Option<Issue> {
        let mut draft = IssueDraft {
            meta: None,
            contents: None,
            summary: Vec::new(),
            parts: Vec::new(),
            colophon: Vec::new(),
            ids: HashSet::new(),
        };
        let mut section = Section::None;
        for (index, node) in nodes.iter().enumerate() {
            match node {
                Node::FrontMatter { text, offset } => {
                    if index != 0 {
                        self.error(*offset, "front matter must open the file");
                    }
                    draft.meta = self.front_matter(text, *offset);
                }
                Node::Heading {
                    level: 1,
                    text,
                    id,
                    classes,
                    attrs,
                    offset,
                } => {
                    self.close_section(&mut section, &mut draft);
                    section = self.open_section(plain(text), id.as_deref(), classes, attrs, *offset, &mut draft);
                }
                node => self.section_node(&mut section, node, &mut draft),
            }
        }
        self.close_section(&mut section, &mut draft);
        let Some(meta) = draft.meta.take() else {
            self.error(0, "the file must start with front matter: a block between two `---` lines with series, date and publisher");
            return None;
        };
        if draft.parts.is_empty() {
            self.error(
                self.source.len(),
                "the issue has no parts: expected a heading like `# I 정책동향 {#policy}`",
            );
            return None;
        }
        let contents = match draft.contents.take() {
            Some((contents, offset)) => self.check_contents(contents, offset, &draft.parts),
            None => Vec::new(),
        };
        Some(Issue {
            meta,
            contents,
            summary: draft.summary,
            parts: draft.parts,
            colophon: draft.colophon,
        })
    }

    fn front_matter(&mut self, text: &str, offset: usize) -> Option<Meta> {
        let mut series = None;
        let mut series_en = None;
        let mut date = None;
        let mut publisher = None;
        let mut publisher_en = None;
        let mut notice = None;
        // The block's text starts on the line after the opening `---`.
        let first_line_offset = self.source[offset..]
            .find('\n')
            .map_or(offset, |newline| offset + newline + 1);
        let mut line_offset = first_line_offset;
        for line in text.lines() {
            let here = line_offset;
            line_offset += line.len() + 1;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                self.error(
                    here,
                    format!("expected `key: value` in the front matter, found {line:?}"),
                );
                continue;
            };
            let value = value.trim().to_string();
            match key.trim() {
                "series" => series = Some(value),
                "series_en" => series_en = Some(value),
                "publisher" => publisher = Some(value),
                "publisher_en" => publisher_en = Some(value),
                "notice" => notice = Some(value),
                "date" => match parse_iso_date(&value) {
                    Some(parsed) => date = Some(parsed),
                    None => self.error(here, format!("the date must be written YYYY-MM-DD, found {value:?}")),
                },
                other => self.error(
                    here,
                    format!("unknown front matter key {other:?}; expected series, series_en, date, publisher, publisher_en or notice"),
                ),
            }
        }
        let mut missing = Vec::new();
        if series.is_none() {
            missing.push("series");
        }
        if date.is_none() {
            missing.push("date");
        }
        if publisher.is_none() {
            missing.push("publisher");
        }
        if !missing.is_empty() {
            self.error(offset, format!("the front matter lacks {}", missing.join(", ")));
            return None;
        }
        Some(Meta {
            series: series.unwrap_or_default(),
            series_en,
            date: date?,
            publisher: publisher.unwrap_or_default(),
            publisher_en,
            notice,
        })
    }

    fn claim_id(&mut self, draft: &mut IssueDraft, id: Option<&str>, offset: usize, what: &str) -> Option<Slug> {
        let Some(id) = id else {
            self.error(
                offset,
                format!("{what} needs an id: add {{#some-id}} at the end of the line"),
            );
            return None;
        };
        match Slug::parse(id) {
            Ok(slug) => {
                if !draft.ids.insert(id.to_string()) {
                    self.error(
                        offset,
                        format!("the id {id:?} is used twice; ids must be unique in the issue"),
                    );
                    return None;
                }
                Some(slug)
            }
            Err(error) => {
                self.error(offset, format!("{what}: {error}"));
                None
            }
        }
    }

    fn open_section(
        &mut self,
        title: String,
        id: Option<&str>,
        classes: &[String],
        attrs: &[(String, Option<String>)],
        offset: usize,
        draft: &mut IssueDraft,
    ) -> Section {
        if let Some((key, _)) = attrs.first() {
            self.error(offset, format!("a section heading takes no {key}= attribute"));
        }
        let kinds: Vec<&str> = classes.iter().map(String::as_str).collect();
        match kinds.as_slice() {
            ["contents"] => {
                if draft.contents.is_some() {
                    self.error(offset, "the contents appear twice");
                }
                draft.contents = Some((Vec::new(), offset));
                Section::Contents
            }
            ["summary"] => Section::Summary,
            ["colophon"] => Section::Colophon,
            [] | ["briefs"] => {
                let Some(id) = self.claim_id(draft, id, offset, "a part") else {
                    return Section::None;
                };
                let (numeral, rest) = title.split_once(char::is_whitespace).unwrap_or((title.as_str(), ""));
                if !numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) || rest.trim().is_empty() {
                    self.error(
                        offset,
                        format!("a part heading is a roman numeral and a title, as in `# I 정책동향`; found {title:?}"),
                    );
                }
                Section::Part(Box::new(PartDraft {
                    id,
                    numeral: numeral.to_string(),
                    title: rest.trim().to_string(),
                    briefs: kinds == ["briefs"],
                    offset,
                    articles: Vec::new(),
                    brief_items: Vec::new(),
                    current: None,
                }))
            }
            other => {
                self.error(
                    offset,
                    format!(
                        "unknown section kind {}; expected .contents, .summary, .briefs or .colophon",
                        other.join(" ")
                    ),
                );
                Section::None
            }
        }
    }

    fn close_section(&mut self, section: &mut Section, draft: &mut IssueDraft) {
        if let Section::Part(mut part) = std::mem::replace(section, Section::None) {
            self.close_entry(&mut part);
            let body = if part.briefs {
                PartBody::Briefs(part.brief_items)
            } else {
                PartBody::Articles(part.articles)
            };
            let empty = match &body {
                PartBody::Articles(articles) => articles.is_empty(),
                PartBody::Briefs(briefs) => briefs.is_empty(),
            };
            if empty {
                self.error(
                    part.offset,
                    "the part has no articles: expected `## 01 title {#id category=…}` headings",
                );
            }
            draft.parts.push(Part {
                id: part.id,
                numeral: part.numeral,
                title: part.title,
                body,
            });
        }
    }

    fn section_node(&mut self, section: &mut Section, node: &Node, draft: &mut IssueDraft) {
        match section {
            Section::None => {
                let offset = node_offset(node);
                self.error(
                    offset,
                    "content before the first section: expected a level-1 heading such as `# 요약 {.summary}`",
                );
            }
            Section::Contents => self.contents_node(node, draft),
            Section::Summary => match node {
                Node::List { items, .. } => {
                    for item in items {
                        if let Some(child) = item.children.first() {
                            self.error(node_offset(child), "summary points do not nest");
                        }
                        draft.summary.push(item.text.clone());
                    }
                }
                other => self.error(
                    node_offset(other),
                    "the summary is a list of points, one `- ` line each",
                ),
            },
            Section::Colophon => match node {
                Node::List { items, .. } => {
                    for item in items {
                        match split_label(&item.text) {
                            Some((label, value)) => draft.colophon.push(ColophonEntry { label, value }),
                            None => self.error(item.offset, "a colophon entry is written `- label: value`"),
                        }
                    }
                }
                other => self.error(node_offset(other), "the colophon is a list of `- label: value` entries"),
            },
            Section::Part(part) => self.part_node(part, node, draft),
        }
    }

    fn contents_node(&mut self, node: &Node, draft: &mut IssueDraft) {
        let Node::List { items, .. } = node else {
            self.error(
                node_offset(node),
                "the contents are one nested list: part, category, article title",
            );
            return;
        };
        let mut parts = Vec::new();
        for part_item in items {
            let mut categories = Vec::new();
            for category_list in &part_item.children {
                let Node::List {
                    items: category_items, ..
                } = category_list
                else {
                    continue;
                };
                for category_item in category_items {
                    let mut entries = Vec::new();
                    for entry_list in &category_item.children {
                        let Node::List { items: entry_items, .. } = entry_list else {
                            continue;
                        };
                        for entry in entry_items {
                            if !entry.children.is_empty() {
                                self.error(
                                    entry.offset,
                                    "the contents nest three levels: part, category, article title",
                                );
                            }
                            entries.push((plain(&entry.text), entry.offset));
                        }
                    }
                    categories.push((plain(&category_item.text), category_item.offset, entries));
                }
            }
            parts.push(ContentsDraft {
                title: plain(&part_item.text),
                offset: part_item.offset,
                categories,
            });
        }
        if let Some((contents, _)) = &mut draft.contents {
            contents.extend(parts);
        }
    }

    fn check_contents(&mut self, contents: Vec<ContentsDraft>, offset: usize, parts: &[Part]) -> Vec<ContentsPart> {
        let article_parts: Vec<(&Part, &Vec<Article>)> = parts
            .iter()
            .filter_map(|part| match &part.body {
                PartBody::Articles(articles) => Some((part, articles)),
                PartBody::Briefs(_) => None,
            })
            .collect();
        if contents.len() != article_parts.len() {
            self.error(
                offset,
                format!(
                    "the contents list {} parts, the issue has {} parts of articles",
                    contents.len(),
                    article_parts.len()
                ),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (draft, (part, articles)) in contents.into_iter().zip(article_parts) {
            let mut remaining = articles.iter();
            let mut categories = Vec::new();
            for (name, category_offset, entries) in draft.categories {
                let mut out_entries = Vec::new();
                for (title, entry_offset) in entries {
                    let Some(article) = remaining.next() else {
                        self.error(
                            entry_offset,
                            format!(
                                "the contents list {title:?}, but part {} has no article left for it",
                                part.numeral
                            ),
                        );
                        continue;
                    };
                    if article.category != name {
                        self.error(
                            entry_offset,
                            format!(
                                "the contents list {title:?} under {name:?}, but article {} ({}) has category {:?}",
                                article.number, article.id, article.category
                            ),
                        );
                    }
                    out_entries.push(ContentsEntry {
                        title,
                        article: article.id.clone(),
                    });
                }
                if out_entries.is_empty() {
                    self.error(
                        category_offset,
                        format!("the contents category {name:?} lists no article"),
                    );
                }
                categories.push(ContentsCategory {
                    name,
                    entries: out_entries,
                });
            }
            let left = remaining.count();
            if left > 0 {
                self.error(
                    draft.offset,
                    format!("the contents of part {} miss its last {left} article(s)", part.numeral),
                );
            }
            out.push(ContentsPart {
                title: draft.title,
                part: part.id.clone(),
                categories,
            });
        }
        out
    }

    fn part_node(&mut self, part: &mut PartDraft, node: &Node, draft: &mut IssueDraft) {
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
            let title_text = plain(text);
            let Some(slug) = self.claim_id(draft, id.as_deref(), *offset, "an article") else {
                return;
            };
            if let Some(class) = classes.first() {
                self.error(*offset, format!("an article heading takes no .{class} class"));
            }
            let mut category = None;
            for (key, value) in attrs {
                match (key.as_str(), value) {
                    ("category", Some(value)) if !part.briefs => category = Some(value.clone()),
                    ("category", _) if part.briefs => self.error(*offset, "brief items have no category"),
                    _ => self.error(
                        *offset,
                        format!("unknown article attribute {key:?}; expected category=…"),
                    ),
                }
            }
            if category.is_none() && !part.briefs {
                self.error(
                    *offset,
                    "an article needs a category: add category=… to its heading's {…} block",
                );
            }
            let (number, title) = title_text
                .split_once(char::is_whitespace)
                .unwrap_or(("", title_text.as_str()));
            if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || title.trim().is_empty() {
                self.error(
                    *offset,
                    format!("an article heading is its number and title, as in `## 01 title`; found {title_text:?}"),
                );
            }
            part.current = Some(Entry {
                offset: *offset,
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
                pending_references: None,
            });
            return;
        }
        let Some(entry) = part.current.as_mut() else {
            self.error(
                node_offset(node),
                "content in a part before its first article: expected `## 01 title {#id category=…}`",
            );
            return;
        };
        let briefs = part.briefs;
        self.entry_node(entry, briefs, node, draft);
    }

    fn close_entry(&mut self, part: &mut PartDraft) {
        let Some(entry) = part.current.take() else { return };
        if let Some((_, _, offset)) = entry.pending_table {
            self.error(offset, "a `Table:` caption with no table after it");
        }
        if let Some(offset) = entry.pending_references {
            self.error(offset, "a `References:` line with no list after it");
        }
        if part.briefs {
            let mut bullets = Vec::new();
            for block in entry.blocks {
                match block {
                    Block::Bullets(list) => bullets.extend(list),
                    _ => self.error(
                        entry.offset,
                        "a brief item holds a lead, bullets and a `Source:` line only",
                    ),
                }
            }
            let Some(source) = entry.brief_source else {
                self.error(
                    entry.offset,
                    "a brief item ends with `Source: outlet (MM.DD) <https://…>`",
                );
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
            if entry.blocks.is_empty() {
                self.error(entry.offset, "the article has no body");
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
        if let Some((_, _, caption_offset)) = &entry.pending_table {
            if !matches!(node, Node::Table { .. }) {
                let caption_offset = *caption_offset;
                entry.pending_table = None;
                self.error(
                    caption_offset,
                    "a `Table:` caption must be followed directly by its table",
                );
            }
        }
        if entry.pending_references.is_some() && !matches!(node, Node::List { .. }) {
            let references_offset = entry.pending_references.take().unwrap_or(offset);
            self.error(
                references_offset,
                "a `References:` line must be followed directly by its list",
            );
        }
        if entry.brief_source.is_some() {
            self.error(offset, "nothing may follow a brief item's `Source:` line");
            return;
        }
        match node {
            Node::Heading { level, text, .. } => {
                if *level == 2 || *level == 1 {
                    return;
                }
                entry.attach = None;
                if briefs {
                    self.error(offset, "brief items have no sub-headings");
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
                    self.error(
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
            Node::FrontMatter { offset, .. } => self.error(*offset, "front matter must open the file"),
            Node::Unsupported { what, offset } => {
                self.error(*offset, format!("{what} is not part of the bulletin format"))
            }
        }
    }

    fn entry_paragraph(
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
                            self.error(offset, format!("{keyword}: {reason}"));
                            return;
                        }
                    };
                    let what = if keyword == "Table" { "a table" } else { "a figure" };
                    let id = attrs.as_ref().and_then(|attrs| attrs.id.clone());
                    if let Some(attrs) = &attrs {
                        if let Some(word) = attrs.words.first().or(attrs.pairs.first().map(|(key, _)| key)) {
                            self.error(
                                offset,
                                format!("{keyword}: unknown attribute {word:?}; only {{#id}} is allowed"),
                            );
                        }
                    }
                    if caption.is_empty() {
                        self.error(offset, format!("{what} needs a caption after `{keyword}:`"));
                        return;
                    }
                    let Some(id) = self.claim_id(draft, id.as_deref(), offset, what) else {
                        return;
                    };
                    if briefs {
                        self.error(offset, format!("brief items hold no {keyword:?}"));
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
                        self.error(offset, "`Source:` needs the source after it");
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
                        self.error(offset, "`Note:` needs the note after it");
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
                        self.error(offset, "`References:` stands alone; the references follow as a list");
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
                offset,
                "a brief item holds a ■ lead, bullets and a `Source:` line; found a paragraph",
            );
            return;
        }
        entry.blocks.push(Block::Paragraph(text.clone()));
    }

    fn references(&mut self, entry: &mut Entry, items: &[Item]) {
        for item in items {
            if let Some(child) = item.children.first() {
                self.error(node_offset(child), "references do not nest");
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
                        item.offset,
                        "a reference is `[title](https://…)`, or plain text when there is no address",
                    );
                    continue;
                }
            };
            if reference.title.is_empty() {
                self.error(item.offset, "a reference needs a title");
                continue;
            }
            entry.references.push(reference);
        }
    }

    fn brief_source(&mut self, body: &RichText, offset: usize) -> Option<BriefSource> {
        let mut url = None;
        let mut text = String::new();
        for span in body {
            match span {
                Span::Link { url: link, .. } if url.is_none() => url = Some(link.clone()),
                Span::Link { .. } => {
                    self.error(offset, "a brief item's source has one address");
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
                    self.error(offset, format!("the source's date is written (MM.DD), found ({inner})"));
                    return None;
                };
                (text[..open].trim().to_string(), Some(date))
            }
            _ => (text.to_string(), None),
        };
        if outlet.is_empty() {
            self.error(
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
                        other => self.error(node_offset(other), "only bullets may nest inside a bullet"),
                    }
                }
                if item.text.is_empty() {
                    self.error(item.offset, "an empty bullet");
                }
                Bullet {
                    text: item.text.clone(),
                    children,
                }
            })
            .collect()
    }

    fn table_block(
        &mut self,
        caption: String,
        id: Slug,
        header: &[RawCell],
        rows: &[RawRow],
        offset: usize,
    ) -> Option<Table> {
        let errors_before = self.errors.len();
        let mut columns = Vec::with_capacity(header.len());
        let mut column_ids = HashSet::new();
        for cell in header {
            match self.column(cell) {
                Some(column) => {
                    if !column_ids.insert(column.id.clone()) {
                        self.error(
                            cell.offset,
                            format!(
                                "table {:?}: the column id {:?} is used twice",
                                id.as_str(),
                                column.id.as_str()
                            ),
                        );
                    }
                    columns.push(column);
                }
                None => return None,
            }
        }
        let mut typed_rows = Vec::with_capacity(rows.len());
        let mut total = None;
        for (index, row) in rows.iter().enumerate() {
            let row_number = index + 1;
            if row.written != columns.len() {
                self.error(
                    row.offset,
                    format!(
                        "table {:?}, row {row_number}: {} cells, the header has {}",
                        id.as_str(),
                        row.written,
                        columns.len()
                    ),
                );
                continue;
            }
            let first = row.cells.first().map(|cell| cell.text.as_str()).unwrap_or("");
            let (first_text, first_attrs) = split_attrs(first).unwrap_or((first.to_string(), None));
            let is_total = first_attrs
                .as_ref()
                .is_some_and(|attrs| attrs.words.iter().any(|word| word == "total"));
            if let Some(attrs) = &first_attrs {
                if !is_total || attrs.id.is_some() || !attrs.pairs.is_empty() || attrs.words.len() != 1 {
                    self.error(
                        row.offset,
                        format!(
                            "table {:?}, row {row_number}: the only row attribute is {{total}}",
                            id.as_str()
                        ),
                    );
                }
            }
            if total.is_some() {
                self.error(
                    row.offset,
                    format!(
                        "table {:?}, row {row_number}: the {{total}} row must be the last",
                        id.as_str()
                    ),
                );
            }
            let mut cells = Vec::with_capacity(columns.len());
            let mut exact = Vec::with_capacity(columns.len());
            for (column_index, (column, raw)) in columns.iter().zip(&row.cells).enumerate() {
                if is_total && column_index == 0 {
                    cells.push(if first_text.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(first_text.clone())
                    });
                    exact.push(None);
                    continue;
                }
                match self.cell(column, &raw.text) {
                    Ok((cell, parsed)) => {
                        cells.push(cell);
                        exact.push(parsed);
                    }
                    Err(reason) => {
                        self.error(
                            raw.offset,
                            format!(
                                "table {:?}, row {row_number}, column {:?}: {reason}",
                                id.as_str(),
                                column.label
                            ),
                        );
                        cells.push(Cell::Empty);
                        exact.push(None);
                    }
                }
            }
            if is_total {
                total = Some((Row { cells }, exact, row.offset));
            } else {
                typed_rows.push((Row { cells }, exact));
            }
        }
        if typed_rows.is_empty() && self.errors.len() == errors_before {
            self.error(offset, format!("table {:?} has no rows", id.as_str()));
        }
        if let Some((_, total_exact, total_offset)) = &total {
            self.check_total(&id, &columns, &typed_rows, total_exact, *total_offset);
        }
        if self.errors.len() != errors_before {
            return None;
        }
        Some(Table {
            id,
            caption,
            columns,
            rows: typed_rows.into_iter().map(|(row, _)| row).collect(),
            total: total.map(|(row, _, _)| row),
            sources: Vec::new(),
            notes: Vec::new(),
        })
    }

    fn column(&mut self, cell: &RawCell) -> Option<Column> {
        let (label, attrs) = match split_attrs(&cell.text) {
            Ok((label, Some(attrs))) => (label, attrs),
            Ok((label, None)) => {
                self.error(
                    cell.offset,
                    format!("the header {label:?} needs {{#id kind}}, e.g. {{#funding decimal unit=\"만 위안\"}}"),
                );
                return None;
            }
            Err(reason) => {
                self.error(cell.offset, reason);
                return None;
            }
        };
        let Some(id) = attrs.id.as_deref() else {
            self.error(
                cell.offset,
                format!("the header {label:?} needs an id: {{#some-id kind}}"),
            );
            return None;
        };
        let id = match Slug::parse(id) {
            Ok(id) => id,
            Err(error) => {
                self.error(cell.offset, format!("the header {label:?}: {error}"));
                return None;
            }
        };
        let kind = match attrs.words.as_slice() {
            [word] => match word.as_str() {
                "ordinal" => ColumnKind::Ordinal,
                "text" => ColumnKind::Text,
                "integer" => ColumnKind::Integer,
                "decimal" => ColumnKind::Decimal,
                "index" => ColumnKind::Index,
                "list" => ColumnKind::List,
                other => {
                    self.error(
                        cell.offset,
                        format!("the header {label:?}: unknown column kind {other:?}; expected ordinal, text, integer, decimal, index or list"),
                    );
                    return None;
                }
            },
            _ => {
                self.error(
                    cell.offset,
                    format!(
                        "the header {label:?} needs exactly one kind: ordinal, text, integer, decimal, index or list"
                    ),
                );
                return None;
            }
        };
        let mut unit = None;
        for (key, value) in attrs.pairs {
            if key == "unit" && !value.is_empty() {
                unit = Some(value);
            } else {
                self.error(
                    cell.offset,
                    format!("the header {label:?}: unknown attribute {key:?}; only unit=\"…\" is allowed"),
                );
                return None;
            }
        }
        if label.is_empty() {
            self.error(cell.offset, "a column header needs a label before its {…}");
            return None;
        }
        Some(Column { id, label, kind, unit })
    }

    fn cell(&self, column: &Column, text: &str) -> Result<(Cell, Exact), String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok((Cell::Empty, None));
        }
        match column.kind {
            ColumnKind::Text => Ok((Cell::Text(text.to_string()), None)),
            ColumnKind::List => {
                let Some(rest) = text.strip_prefix('•') else {
                    return Err("a list cell starts with • before each item".to_string());
                };
                let items: Vec<String> = rest.split('•').map(|item| item.trim().to_string()).collect();
                if items.iter().any(String::is_empty) {
                    return Err("a list cell has an empty item".to_string());
                }
                Ok((Cell::List(items), None))
            }
            ColumnKind::Ordinal | ColumnKind::Integer | ColumnKind::Decimal | ColumnKind::Index => {
                let parsed = number::parse(text).map_err(|error| format!("{text:?} is not a number: {error}"))?;
                let whole = matches!(column.kind, ColumnKind::Ordinal | ColumnKind::Integer);
                if whole
                    && (parsed.number.value.fract() != 0.0 || parsed.number.sub.is_some_and(|sub| sub.fract() != 0.0))
                {
                    return Err(format!(
                        "{text:?} is not a whole number, and the column holds whole numbers"
                    ));
                }
                Ok((Cell::Number(parsed.number), Some((parsed.main, parsed.sub))))
            }
        }
    }

    fn check_total(
        &mut self,
        id: &Slug,
        columns: &[Column],
        rows: &[(Row, Vec<Exact>)],
        total: &[Exact],
        offset: usize,
    ) {
        for (index, column) in columns.iter().enumerate() {
            if !column.kind.is_measure() {
                continue;
            }
            let Some(Some((stated, _))) = total.get(index) else {
                continue;
            };
            let mut main_sum = Some(Decimal::ZERO);
            let mut sub_sum = Some(Decimal::ZERO);
            for (_, exact) in rows {
                if let Some(Some((main, sub))) = exact.get(index) {
                    main_sum = main_sum.and_then(|sum| sum.checked_add(*main));
                    if let Some(sub) = sub {
                        sub_sum = sub_sum.and_then(|sum| sum.checked_add(*sub));
                    }
                }
            }
            // A sum beyond the exact decimal's range (huge figures beside many decimal
            // places) cannot be checked. Dropping the addend that overflowed, as this once
            // did, let a total that leaves out a whole row through; refusing is safe, since
            // no printed table comes near the range.
            let sums = main_sum.zip(sub_sum);
            let Some((main_sum, sub_sum, sum)) = sums.and_then(|(main, sub)| Some((main, sub, main.checked_add(sub)?)))
            else {
                self.error(
                    offset,
                    format!(
                        "table {:?}: the figures under {:?} are too large or have too many decimals to add up exactly",
                        id.as_str(),
                        column.label
                    ),
                );
                continue;
            };
            if !sum.same_value(*stated) {
                let breakdown = if sub_sum.same_value(Decimal::ZERO) {
                    String::new()
                } else {
                    format!(" ({main_sum} + {sub_sum} in sub-figures)")
                };
                self.error(
                    offset,
                    format!(
                        "table {:?}: the total row says {stated} under {:?}, but the rows add up to {sum}{breakdown}",
                        id.as_str(),
                        column.label
                    ),
                );
            }
        }
    }
}

fn node_offset(node: &Node) -> usize {
    match node {
        Node::FrontMatter { offset, .. }
        | Node::Heading { offset, .. }
        | Node::Paragraph { offset, .. }
        | Node::List { offset, .. }
        | Node::Table { offset, .. }
        | Node::Unsupported { offset, .. } => *offset,
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

/// Splits `label: value` at the first colon of the first text run.
fn split_label(text: &RichText) -> Option<(String, RichText)> {
    let Some(Span::Text(first)) = text.first() else {
        return None;
    };
    let (label, rest) = first.split_once(':')?;
    let label = label.trim().to_string();
    if label.is_empty() {
        return None;
    }
    let mut value = text.clone();
    value[0] = Span::Text(rest.trim_start().to_string());
    if matches!(value.first(), Some(Span::Text(first)) if first.is_empty()) {
        value.remove(0);
    }
    Some((label, value))
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

pub(crate) fn parse_month_day(text: &str) -> Option<MonthDay> {
    let (month, day) = text.trim().split_once('.')?;
    let month: u8 = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(MonthDay { month, day })
}

fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let year = parts.next().filter(|part| part.len() == 4)?.parse().ok()?;
    let month = parts.next().filter(|part| part.len() == 2)?.parse().ok()?;
    let day = parts.next().filter(|part| part.len() == 2)?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Date { year, month, day })
}

#[cfg(test)]
mod tests;
