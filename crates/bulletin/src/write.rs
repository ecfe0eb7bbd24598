//! The source writer: an [`Issue`] in, source text in the format of `bulletins/README.md` out.
//!
//! It is the parser's inverse, for the programs that make issues rather than read them (the
//! importer of printed issues, the bench's and the scaling check's generated issues, the
//! end-to-end suite's hostile fixture): [`write_issue`] gives a source that
//! [`crate::parse::parse`] reads back as exactly the issue it was given, or errors.
//!
//! The source is laid out as an editor would write it: front matter, contents, summary, the
//! parts, the colophon, one blank line between blocks, lists indented by two spaces, tables
//! with numeric columns aligned right. Text is escaped only where the format would read it
//! as something else:
//!
//! - a backslash before `\`, `*`, `` ` ``, `[`, `<` and `|` everywhere, before `_` unless it
//!   stands between two letters or digits, before `&` that starts something like an entity,
//!   before `]` in a link's text, before `#`, `{` and `}` in headings, before `#`, `-`, `+`,
//!   `=`, `>`, `~` and the `.` or `)` of `1.` at the start of a line, and before the colon of
//!   a paragraph that starts with an English word and a colon (`Nature\: …`), which would
//!   otherwise read as a directive;
//! - a numeric character reference (`&#32;`) for a space or tab at the start or end of a
//!   line, which Markdown drops, for control characters (a newline inside a text run is
//!   `&#10;`), and for the character beside `**` when it would keep the `**` from opening or
//!   closing bold text (`**6.8%**&#45720;림`, a bold run that ends in punctuation right before a
//!   letter).
//!
//! What the model can hold but the format cannot say is an error that names it, never a
//! source that says something else ([`WriteErrorKind::Unwritable`]): among them text where
//! the parser trims (a caption, a cell, a heading or a label that starts or ends with a
//! space), empty or neighbouring runs of the same kind (the parser joins them), a line
//! break at the end of a text, a paragraph that starts with `■` (it would read as the lead),
//! a lead without a date whose text ends in a date like `(6.19)`, a source or note right
//! after a table or figure (it would read as theirs), a cell whose kind is not its
//! column's, a number whose value is not what its printed form reads as, a value with a
//! newline in the front matter, a category with a space, and a NUL character anywhere.
//!
//! As the last step the writer parses what it wrote: an issue that breaks one of the
//! parser's rules (a total that does not add up, an id used twice, contents that do not
//! name the articles) is reported with the parser's own message
//! ([`WriteErrorKind::Invalid`]), and a source that would read back as a different issue is
//! never returned ([`WriteErrorKind::Mismatch`], a bug in the writer if it ever shows).

use core::fmt;
use std::fmt::Debug;

use crate::model::{
    Article, Block, Brief, Bullet, Cell, ColophonEntry, Column, ColumnKind, ContentsPart, Figure, Issue, Lead, Meta,
    Part, PartBody, Reference, RichText, Row, Span, Table,
};
use crate::number;
use crate::parse;

/// Writes `issue` as a source file, checked by reading it back; every problem at once when
/// it cannot.
pub fn write_issue(issue: &Issue) -> Result<String, Vec<WriteError>> {
    let mut writer = Writer::default();
    writer.issue(issue);
    if !writer.errors.is_empty() {
        return Err(writer.errors);
    }
    writer.finish(issue)
}

/// Why an issue could not be written, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    place: String,
    kind: WriteErrorKind,
    message: String,
}

/// What kind of problem a [`WriteError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteErrorKind {
    /// The model holds something the source format has no way to say.
    Unwritable,
    /// The issue breaks a rule of the format that the parser checks; the message is the parser's.
    Invalid,
    /// The written source would read back as a different issue: a bug in the writer, caught
    /// before the source left it.
    Mismatch,
}

impl WriteError {
    /// Where in the issue: `part "policy", article "ev-charging", block 3 (table "ev-sales")`.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> WriteErrorKind {
        self.kind
    }

    /// What is wrong, without the place.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for WriteError {}

/// The file name parse errors of the written source carry; never shown, since they are
/// reported by place in the issue.
const WRITTEN: &str = "written.md";

#[derive(Default)]
struct Writer {
    out: String,
    errors: Vec<WriteError>,
    /// Where the source of each element starts (a byte offset in `out`) and its place, to
    /// name the element a parse error of the written source points into.
    marks: Vec<(usize, String)>,
}

impl Writer {
    fn unwritable(&mut self, place: &str, message: impl Into<String>) {
        self.errors.push(WriteError {
            place: place.to_string(),
            kind: WriteErrorKind::Unwritable,
            message: message.into(),
        });
    }

    /// Records that the element at `place` starts here.
    fn mark(&mut self, place: &str) {
        self.marks.push((self.out.len(), place.to_string()));
    }

    /// Writes one line.
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Writes a block's lines and the blank line that ends it.
    fn block(&mut self, text: &str) {
        self.line(text);
        self.out.push('\n');
    }

    /// Reads the written source back: the source when it is the issue, the parser's errors or
    /// the first difference when it is not.
    fn finish(mut self, issue: &Issue) -> Result<String, Vec<WriteError>> {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        match parse::parse(WRITTEN, &self.out) {
            Ok(parsed) if parsed.issue == *issue => Ok(self.out),
            Ok(parsed) => {
                let (place, message) = difference(issue, &parsed.issue);
                Err(vec![WriteError {
                    place,
                    kind: WriteErrorKind::Mismatch,
                    message,
                }])
            }
            Err(errors) => {
                let line_starts: Vec<usize> = std::iter::once(0)
                    .chain(self.out.match_indices('\n').map(|(index, _)| index + 1))
                    .collect();
                Err(errors
                    .iter()
                    .map(|error| {
                        let offset = line_starts.get(error.line().saturating_sub(1)).copied().unwrap_or(0);
                        let at = self.marks.partition_point(|(start, _)| *start <= offset);
                        let place = at
                            .checked_sub(1)
                            .and_then(|index| self.marks.get(index))
                            .map_or_else(|| "the issue".to_string(), |(_, place)| place.clone());
                        WriteError {
                            place,
                            kind: WriteErrorKind::Invalid,
                            message: error.message().to_string(),
                        }
                    })
                    .collect())
            }
        }
    }

    fn issue(&mut self, issue: &Issue) {
        self.front_matter(&issue.meta);
        if !issue.contents.is_empty() {
            self.contents(&issue.contents, &issue.parts);
        }
        if !issue.summary.is_empty() {
            self.mark("summary");
            self.block("# 요약 {.summary}");
            let mut lines = Vec::new();
            for (index, point) in issue.summary.iter().enumerate() {
                let place = format!("summary, point {}", index + 1);
                let text = self.rich(&place, point, Inline::item(0));
                lines.push(item_line(0, '-', &text));
            }
            self.block(&lines.join("\n"));
        }
        for part in &issue.parts {
            self.part(part);
        }
        if !issue.colophon.is_empty() {
            self.colophon(&issue.colophon);
        }
    }

    fn front_matter(&mut self, meta: &Meta) {
        self.mark("front matter");
        let date = meta.date;
        if !(1000..=9999).contains(&date.year) || !(1..=12).contains(&date.month) || !(1..=31).contains(&date.day) {
            self.unwritable(
                "front matter, date",
                format!(
                    "the date {}-{}-{} cannot be written YYYY-MM-DD",
                    date.year, date.month, date.day
                ),
            );
        }
        let fields = [
            ("series", Some(&meta.series)),
            ("series_en", meta.series_en.as_ref()),
            ("date", None),
            ("publisher", Some(&meta.publisher)),
            ("publisher_en", meta.publisher_en.as_ref()),
            ("notice", meta.notice.as_ref()),
        ];
        let mut lines = vec!["---".to_string()];
        for (key, value) in fields {
            if key == "date" {
                lines.push(format!("date: {}", date.iso()));
                continue;
            }
            let Some(value) = value else { continue };
            let place = format!("front matter, {key}");
            if value.contains(['\n', '\r']) {
                self.unwritable(&place, "a front matter value is one line; this one holds a line break");
            } else if value.trim() != value {
                self.unwritable(&place, "a front matter value cannot start or end with a space");
            } else if value.contains('\0') {
                self.unwritable(&place, "the value holds a NUL character");
            }
            lines.push(format!("{key}: {value}").trim_end().to_string());
        }
        lines.push("---".to_string());
        self.block(&lines.join("\n"));
    }

    fn contents(&mut self, contents: &[ContentsPart], parts: &[Part]) {
        self.mark("contents");
        self.block("# 목차 {.contents}");
        let article_parts: Vec<&Part> = parts
            .iter()
            .filter(|part| matches!(part.body, PartBody::Articles(_)))
            .collect();
        let mut lines = Vec::new();
        for (part_index, contents_part) in contents.iter().enumerate() {
            let place = format!("contents, part {}", part_index + 1);
            if let Some(part) = article_parts.get(part_index) {
                if part.id != contents_part.part {
                    self.unwritable(
                        &place,
                        format!(
                            "it names part {:?}, but the issue's part of articles number {} is {:?}: the contents stand for the parts in order",
                            contents_part.part.as_str(),
                            part_index + 1,
                            part.id.as_str()
                        ),
                    );
                }
            }
            let mut articles = article_parts
                .get(part_index)
                .map(|part| match &part.body {
                    PartBody::Articles(articles) => articles.as_slice(),
                    PartBody::Briefs(_) => &[],
                })
                .unwrap_or(&[])
                .iter();
            let title = self.single_line(&place, "the part's title", &contents_part.title, Inline::item(0));
            lines.push(item_line(0, '-', &title));
            for (category_index, category) in contents_part.categories.iter().enumerate() {
                let place = format!("{place}, category {}", category_index + 1);
                let name = self.single_line(&place, "the category", &category.name, Inline::item(1));
                lines.push(item_line(1, '-', &name));
                for (entry_index, entry) in category.entries.iter().enumerate() {
                    let place = format!("{place}, entry {}", entry_index + 1);
                    if let Some(article) = articles.next() {
                        if article.id != entry.article {
                            self.unwritable(
                                &place,
                                format!(
                                    "it names article {:?} where the part's articles have {:?}: the contents stand for the articles in order",
                                    entry.article.as_str(),
                                    article.id.as_str()
                                ),
                            );
                        }
                    }
                    let title = self.single_line(&place, "the entry's title", &entry.title, Inline::item(2));
                    lines.push(item_line(2, '-', &title));
                }
            }
        }
        self.block(&lines.join("\n"));
    }

    fn part(&mut self, part: &Part) {
        let place = format!("part {:?}", part.id.as_str());
        self.mark(&place);
        if part.numeral.is_empty() || !part.numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
            self.unwritable(
                &place,
                format!("the numeral {:?} is not a roman numeral of I, V, X and L", part.numeral),
            );
        }
        let title = self.single_line(&place, "the title", &part.title, Inline::heading());
        let class = match part.body {
            PartBody::Articles(_) => "",
            PartBody::Briefs(_) => " .briefs",
        };
        self.block(&format!("# {} {title} {{#{}{class}}}", part.numeral, part.id));
        match &part.body {
            PartBody::Articles(articles) => {
                for article in articles {
                    self.article(&place, article);
                }
            }
            PartBody::Briefs(briefs) => {
                for brief in briefs {
                    self.brief(&place, brief);
                }
            }
        }
    }

    /// `## 01 title {#id …}` for an article or brief item.
    fn entry_heading(&mut self, place: &str, number: &str, title: &str, attributes: &str) {
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
            self.unwritable(place, format!("the number {number:?} is not written in digits"));
        }
        let title = self.single_line(place, "the title", title, Inline::heading());
        self.block(&format!("## {number} {title} {{{attributes}}}"));
    }

    fn article(&mut self, part_place: &str, article: &Article) {
        let place = format!("{part_place}, article {:?}", article.id.as_str());
        self.mark(&place);
        let category = &article.category;
        if category.is_empty()
            || category.chars().any(|c| "{}<>\\\"".contains(c) || c.is_control())
            || category.contains("  ")
            || category.trim() != category
            || category.chars().any(|c| c.is_whitespace() && c != ' ')
        {
            self.unwritable(
                &place,
                format!("the category {category:?} is empty, holds a control character, a space other than single spaces between words, or one of {{ }} < > \\ \", which a heading's attribute block cannot"),
            );
        }
        // In quotes when it holds a space (`category="과학기술 외교"`), which the parser joins again.
        let category = if category.contains(' ') {
            format!("\"{category}\"")
        } else {
            category.clone()
        };
        self.entry_heading(
            &place,
            &article.number,
            &article.title,
            &format!("#{} category={category}", article.id),
        );
        if let Some(lead) = &article.lead {
            self.lead(&format!("{place}, lead"), lead);
        }
        let mut previous: Option<&Block> = None;
        let mut list_marker = '-';
        for (index, block) in article.blocks.iter().enumerate() {
            let block_place = format!("{place}, block {}{}", index + 1, block_name(block));
            self.mark(&block_place);
            if matches!(block, Block::Source(_) | Block::Note(_))
                && matches!(previous, Some(Block::Table(_) | Block::Figure(_)))
            {
                self.unwritable(
                    &block_place,
                    "a source or note right after a table or figure reads as theirs; put another block between them or make it theirs",
                );
            }
            list_marker = match (block, previous) {
                (Block::Bullets(_), Some(Block::Bullets(_))) if list_marker == '-' => '+',
                _ => '-',
            };
            self.article_block(&block_place, block, list_marker);
            previous = Some(block);
        }
        if !article.references.is_empty() {
            self.references(&place, &article.references);
        }
    }

    fn article_block(&mut self, place: &str, block: &Block, list_marker: char) {
        match block {
            Block::Heading(text) => {
                let text = self.single_line(place, "the sub-heading", text, Inline::heading());
                self.block(format!("### {text}").trim_end());
            }
            Block::Bullets(bullets) => {
                if bullets.is_empty() {
                    self.unwritable(place, "an empty list of bullets");
                    return;
                }
                let mut lines = Vec::new();
                self.bullets(place, bullets, 0, list_marker, &mut lines);
                self.block(&lines.join("\n"));
            }
            Block::Paragraph(text) => self.paragraph(place, text),
            Block::Table(table) => self.table(place, table),
            Block::Figure(figure) => self.figure(place, figure),
            Block::Note(text) => self.directive(place, "Note", text),
            Block::Source(text) => self.directive(place, "Source", text),
        }
    }

    fn paragraph(&mut self, place: &str, text: &RichText) {
        if text.is_empty() {
            self.unwritable(place, "an empty paragraph");
            return;
        }
        if let Some(Span::Text(first)) = text.first() {
            if first.trim_start().starts_with('■') {
                self.unwritable(
                    place,
                    "a paragraph that starts with ■ reads as the article's lead; start it with something else",
                );
            }
        }
        let mut written = self.rich(place, text, Inline::paragraph());
        // `Word:` at the start of a paragraph is a directive; a colon escaped keeps it prose.
        let first_line = written.lines().next().unwrap_or("");
        if let Some(word) = parse::leading_word(first_line) {
            let at = word.len();
            written.insert(at, '\\');
        }
        self.block(&written);
    }

    fn lead(&mut self, place: &str, lead: &Lead) {
        let text = &lead.text;
        match (text.as_slice(), lead.date) {
            ([], None) => {
                self.unwritable(place, "an empty lead without a date reads back as one empty text run");
                return;
            }
            ([Span::Text(only)], Some(_)) if only.is_empty() => {
                self.unwritable(
                    place,
                    "an empty text run before the lead's date reads back as no text at all",
                );
                return;
            }
            ([first, ..], _) if !matches!(first, Span::Text(_)) => {
                self.unwritable(
                    place,
                    "a lead's text starts with a text run (empty before bold text or a link), as the parser gives it",
                );
                return;
            }
            ([Span::Text(first), ..], _) if first.trim_start() != first => {
                self.unwritable(place, "a lead's text cannot start with a space");
            }
            _ => {}
        }
        match lead.date {
            Some(date) => {
                if !date.is_valid() {
                    self.unwritable(
                        place,
                        format!("the date {}.{} is not a month and a day", date.month, date.day),
                    );
                }
                if let Some(Span::Text(last)) = text.last() {
                    if last.trim_end() != last {
                        self.unwritable(place, "a lead's text cannot end with a space before its date");
                    }
                }
            }
            None => {
                if parse::split_lead_date(text.clone()).date.is_some() {
                    self.unwritable(
                        place,
                        "the lead's text ends in something like (6.19), which reads as its date; give it as the date",
                    );
                }
            }
        }
        // The parser gives a lead that starts with bold text or a link an empty first run.
        let spans = match text.as_slice() {
            [Span::Text(first), rest @ ..] if first.is_empty() => rest,
            spans => spans,
        };
        let date = lead.date.map(|date| format!("({}.{})", date.month, date.day));
        let inline = Inline {
            line_start: false,
            before: Some(' '),
            after: date.as_ref().map(|_| '('),
            ..Inline::paragraph()
        };
        let written = self.rich(place, spans, inline);
        self.block(format!("■ {written}{}", date.unwrap_or_default()).trim_end());
    }

    /// `Source: text` or `Note: text`.
    fn directive(&mut self, place: &str, keyword: &str, text: &RichText) {
        if text.is_empty() {
            self.unwritable(place, format!("`{keyword}:` with nothing after it"));
            return;
        }
        if matches!(text.first(), Some(Span::Text(first)) if first.trim_start() != first) {
            self.unwritable(place, format!("the text after `{keyword}:` cannot start with a space"));
        }
        if matches!(text.last(), Some(Span::Text(last)) if last.trim_end() != last) {
            self.unwritable(place, format!("the text after `{keyword}:` cannot end with a space"));
        }
        let inline = Inline {
            line_start: false,
            before: Some(' '),
            ..Inline::paragraph()
        };
        let written = self.rich(place, text, inline);
        self.block(&format!("{keyword}: {written}"));
    }

    fn bullets(&mut self, place: &str, bullets: &[Bullet], depth: usize, marker: char, lines: &mut Vec<String>) {
        if depth >= parse::MAX_BULLET_DEPTH {
            self.unwritable(
                place,
                format!("bullets nest more than {} levels deep", parse::MAX_BULLET_DEPTH),
            );
            return;
        }
        for (index, bullet) in bullets.iter().enumerate() {
            let place = if depth == 0 {
                format!("{place}, bullet {}", index + 1)
            } else {
                format!("{place}.{}", index + 1)
            };
            if bullet.text.is_empty() {
                self.unwritable(&place, "an empty bullet");
            }
            let text = self.rich(&place, &bullet.text, Inline::item(depth));
            lines.push(item_line(depth, marker, &text));
            if !bullet.children.is_empty() {
                self.bullets(&place, &bullet.children, depth + 1, '-', lines);
            }
        }
    }

    fn references(&mut self, article_place: &str, references: &[Reference]) {
        let place = format!("{article_place}, references");
        self.mark(&place);
        self.block("References:");
        let mut lines = Vec::new();
        for (index, reference) in references.iter().enumerate() {
            let place = format!("{place}, reference {}", index + 1);
            let text = match &reference.url {
                Some(url) => {
                    let title = self.single_line(&place, "the title", &reference.title, Inline::link_text());
                    format!("[{title}]({})", escape_url(url.as_str()))
                }
                None => self.single_line(&place, "the title", &reference.title, Inline::item(0)),
            };
            lines.push(item_line(0, '-', &text));
        }
        self.block(&lines.join("\n"));
    }

    fn figure(&mut self, place: &str, figure: &Figure) {
        let caption = self.single_line(place, "the caption", &figure.caption, Inline::caption());
        self.block(&format!("Figure: {caption} {{#{}}}", figure.id));
        self.attached(place, &figure.sources, &figure.notes);
    }

    /// The `Source:` and `Note:` lines under a table or figure.
    fn attached(&mut self, place: &str, sources: &[RichText], notes: &[RichText]) {
        for (index, source) in sources.iter().enumerate() {
            self.directive(&format!("{place}, source {}", index + 1), "Source", source);
        }
        for (index, note) in notes.iter().enumerate() {
            self.directive(&format!("{place}, note {}", index + 1), "Note", note);
        }
    }

    fn table(&mut self, place: &str, table: &Table) {
        let caption = self.single_line(place, "the caption", &table.caption, Inline::caption());
        self.block(&format!("Table: {caption} {{#{}}}", table.id));
        if table.columns.is_empty() {
            self.unwritable(place, "a table without columns");
            return;
        }
        let mut lines = Vec::with_capacity(table.rows.len() + 3);
        let header: Vec<String> = table
            .columns
            .iter()
            .map(|column| self.column(&format!("{place}, column {:?}", column.id.as_str()), column))
            .collect();
        lines.push(table_line(&header));
        let rule: Vec<String> = table
            .columns
            .iter()
            .map(|column| if column.kind.is_numeric() { "---:" } else { "---" }.to_string())
            .collect();
        lines.push(format!("|{}|", rule.join("|")));
        for (index, row) in table.rows.iter().enumerate() {
            let cells = self.row(&format!("{place}, row {}", index + 1), table, row, false);
            lines.push(table_line(&cells));
        }
        if let Some(total) = &table.total {
            let cells = self.row(&format!("{place}, total row"), table, total, true);
            lines.push(table_line(&cells));
        }
        self.block(&lines.join("\n"));
        self.attached(place, &table.sources, &table.notes);
    }

    /// A header cell: `label {#id kind unit="…" total=rounded}`.
    fn column(&mut self, place: &str, column: &Column) -> String {
        let label = self.single_line(place, "the label", &column.label, Inline::cell());
        let kind = match column.kind {
            ColumnKind::Ordinal => "ordinal",
            ColumnKind::Text => "text",
            ColumnKind::Integer => "integer",
            ColumnKind::Decimal => "decimal",
            ColumnKind::Index => "index",
            ColumnKind::List => "list",
        };
        let unit = match &column.unit {
            None => String::new(),
            Some(unit) => {
                if unit.is_empty() || unit.contains(['"', '{']) {
                    self.unwritable(place, format!("the unit {unit:?} is empty or holds a quote or a `{{`"));
                }
                let inline = Inline {
                    before: Some('"'),
                    after: Some('"'),
                    ..Inline::cell()
                };
                format!(" unit=\"{}\"", self.plain(place, unit, inline))
            }
        };
        let rounded = match (column.rounded_total, column.kind.is_measure()) {
            (false, _) => "",
            (true, true) => " total=rounded",
            (true, false) => {
                self.unwritable(place, "only a column of figures has a total to round");
                ""
            }
        };
        format!("{label} {{#{} {kind}{unit}{rounded}}}", column.id)
    }

    fn row(&mut self, place: &str, table: &Table, row: &Row, total: bool) -> Vec<String> {
        if row.cells.len() != table.columns.len() {
            self.unwritable(
                place,
                format!(
                    "{} cells, the table has {} columns",
                    row.cells.len(),
                    table.columns.len()
                ),
            );
        }
        let mut cells = Vec::with_capacity(row.cells.len());
        for (index, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            let place = format!("{place}, column {:?}", column.id.as_str());
            if total && index == 0 {
                // The total row's first cell is its label, whatever the column holds.
                let label = match cell {
                    Cell::Empty => String::new(),
                    Cell::Text(text) => self.cell_text(&place, text),
                    _ => {
                        self.unwritable(&place, "the total row's first cell is its label, text or nothing");
                        String::new()
                    }
                };
                cells.push(format!("{label} {{total}}").trim_start().to_string());
                continue;
            }
            if index == 0 {
                if let Cell::Text(text) = cell {
                    if matches!(parse::split_attrs(text), Ok((_, Some(_)))) {
                        self.unwritable(
                            &place,
                            format!(
                                "the first cell {text:?} ends in a {{…}} block, which reads as the row's attributes"
                            ),
                        );
                    }
                }
            }
            cells.push(self.cell(&place, column, cell));
        }
        cells
    }

    fn cell(&mut self, place: &str, column: &Column, cell: &Cell) -> String {
        match (cell, column.kind) {
            (Cell::Empty, _) => String::new(),
            (Cell::Text(text), ColumnKind::Text) => self.cell_text(place, text),
            (Cell::List(items), ColumnKind::List) => {
                if items.is_empty() {
                    self.unwritable(place, "a list cell without items reads as an empty cell");
                }
                let mut written = Vec::with_capacity(items.len());
                for item in items {
                    if item.contains('•') {
                        self.unwritable(
                            place,
                            format!("the list item {item:?} holds a •, which separates items"),
                        );
                    }
                    written.push(format!("• {}", self.cell_text(place, item)));
                }
                written.join(" ")
            }
            (Cell::Dash(mark), kind) if kind.is_numeric() => {
                if !number::DASHES.contains(&mark.as_str()) {
                    self.unwritable(
                        place,
                        format!("{mark:?} is not a dash, the one mark a column of figures takes for no figure"),
                    );
                }
                self.plain(place, mark, Inline::cell())
            }
            (Cell::Number(printed), kind) if kind.is_numeric() => {
                match number::parse(&printed.shown) {
                    Ok(parsed) if parsed.number == *printed => {}
                    Ok(parsed) => self.unwritable(
                        place,
                        format!(
                            "{:?} reads as {} (sub-figure {:?}), not as the {} (sub-figure {:?}) the cell holds; make numbers with number::parse",
                            printed.shown, parsed.number.value, parsed.number.sub, printed.value, printed.sub
                        ),
                    ),
                    Err(error) => self.unwritable(place, format!("{:?} is not a printed number: {error}", printed.shown)),
                }
                self.plain(place, &printed.shown, Inline::cell())
            }
            (cell, kind) => {
                self.unwritable(place, format!("a cell holding {cell:?} in a column of kind {kind:?}"));
                String::new()
            }
        }
    }

    /// Text in a cell, which the parser trims.
    fn cell_text(&mut self, place: &str, text: &str) -> String {
        if text.is_empty() {
            self.unwritable(place, "an empty text reads as an empty cell");
        }
        self.single_line(place, "a cell's text", text, Inline::cell())
    }

    fn brief(&mut self, part_place: &str, brief: &Brief) {
        let place = format!("{part_place}, brief item {:?}", brief.id.as_str());
        self.mark(&place);
        self.entry_heading(&place, &brief.number, &brief.title, &format!("#{}", brief.id));
        if let Some(lead) = &brief.lead {
            self.lead(&format!("{place}, lead"), lead);
        }
        if !brief.bullets.is_empty() {
            let mut lines = Vec::new();
            self.bullets(&place, &brief.bullets, 0, '-', &mut lines);
            self.block(&lines.join("\n"));
        }
        let place = format!("{place}, source");
        self.mark(&place);
        let source = &brief.source;
        let outlet = self.single_line(&place, "the outlet", &source.outlet, Inline::caption());
        if source.outlet.is_empty() {
            self.unwritable(&place, "a brief item's source names its outlet");
        }
        let mut line = format!("Source: {outlet}");
        match source.date {
            Some(date) => {
                if !date.is_valid() {
                    self.unwritable(
                        &place,
                        format!("the date {}.{} is not a month and a day", date.month, date.day),
                    );
                }
                line.push_str(&format!(" ({:02}.{:02})", date.month, date.day));
            }
            None => {
                if source.outlet.ends_with(')') && source.outlet.contains('(') {
                    self.unwritable(
                        &place,
                        "an outlet without a date cannot end in parentheses, which read as the date",
                    );
                }
            }
        }
        if let Some(url) = &source.url {
            line.push_str(&format!(" <{}>", url.as_str()));
        }
        self.block(&line);
    }

    fn colophon(&mut self, colophon: &[ColophonEntry]) {
        self.mark("colophon");
        self.block("# 발행 정보 {.colophon}");
        let mut lines = Vec::new();
        for (index, entry) in colophon.iter().enumerate() {
            let place = format!("colophon, entry {}", index + 1);
            self.mark(&place);
            if entry.label.contains(':') {
                self.unwritable(
                    &place,
                    format!("the label {:?} holds a colon, which ends a label", entry.label),
                );
            }
            if entry.label.is_empty() {
                self.unwritable(&place, "an entry needs a label");
            }
            let label = self.single_line(&place, "the label", &entry.label, Inline::item(0));
            if matches!(entry.value.first(), Some(Span::Text(first)) if first.trim_start() != first) {
                self.unwritable(&place, "the value cannot start with a space");
            }
            let inline = Inline {
                line_start: false,
                before: Some(' '),
                ..Inline::item(0)
            };
            let value = self.rich(&place, &entry.value, inline);
            let text = if value.is_empty() {
                format!("{label}:")
            } else {
                format!("{label}: {value}")
            };
            lines.push(item_line(0, '-', &text));
        }
        self.block(&lines.join("\n"));
    }

    /// Text the parser trims and reads on one line (titles, captions, labels, cells).
    fn single_line(&mut self, place: &str, what: &str, text: &str, inline: Inline) -> String {
        if text.is_empty() && inline.line_start {
            // An empty list item under another one's text would read as a heading's underline.
            self.unwritable(place, format!("{what} is empty"));
        } else if text.trim() != text {
            self.unwritable(
                place,
                format!("{what} {text:?} starts or ends with a space, which the parser trims"),
            );
        }
        self.plain(place, text, inline)
    }

    /// One run of plain text.
    fn plain(&mut self, place: &str, text: &str, inline: Inline) -> String {
        if text.is_empty() {
            return String::new();
        }
        self.rich(place, &[Span::Text(text.to_string())], inline)
    }

    /// Rich text as inline Markdown.
    fn rich(&mut self, place: &str, text: &[Span], inline: Inline) -> String {
        for (index, span) in text.iter().enumerate() {
            let problem = match (index.checked_sub(1).and_then(|before| text.get(before)), span) {
                (_, Span::Text(run)) if run.is_empty() => Some("an empty text run"),
                (_, Span::Strong(run)) if run.is_empty() => Some("empty bold text"),
                (Some(Span::Text(_)), Span::Text(_)) => Some("two text runs in a row, which the parser joins"),
                (Some(Span::Strong(_)), Span::Strong(_)) => Some("two bold runs in a row, which the parser joins"),
                (_, Span::Break) if index + 1 == text.len() && inline.after.is_none() => {
                    Some("a line break at the end of the text")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                self.unwritable(place, format!("{problem} (run {})", index + 1));
            }
            let holds_nul = match span {
                Span::Text(run) | Span::Strong(run) => run.contains('\0'),
                Span::Link { text, .. } => text.contains('\0'),
                Span::Break => false,
            };
            if holds_nul {
                self.unwritable(place, "the text holds a NUL character, which a source file cannot");
            }
        }
        inline_markdown(text, inline)
    }
}

/// One list item's line: indentation, marker, text.
fn item_line(depth: usize, marker: char, text: &str) -> String {
    let indent = "  ".repeat(depth);
    if text.is_empty() {
        format!("{indent}{marker}")
    } else {
        format!("{indent}{marker} {text}")
    }
}

/// One table row's line.
fn table_line(cells: &[String]) -> String {
    let mut line = String::from("|");
    for cell in cells {
        line.push(' ');
        if !cell.is_empty() {
            line.push_str(cell);
            line.push(' ');
        }
        line.push('|');
    }
    line
}

fn block_name(block: &Block) -> String {
    match block {
        Block::Table(table) => format!(" (table {:?})", table.id.as_str()),
        Block::Figure(figure) => format!(" (figure {:?})", figure.id.as_str()),
        _ => String::new(),
    }
}

/// A link's address inside `(…)`: the characters a destination reads as syntax escaped.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for (index, c) in url.char_indices() {
        if matches!(c, '\\' | '(' | ')') || (c == '&' && starts_entity(&url[index + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the text after an `&` reads as an entity (`amp;`, `#32;`), so the `&` needs escaping.
fn starts_entity(rest: &str) -> bool {
    let name_len = rest
        .bytes()
        .take_while(|byte| byte.is_ascii_alphanumeric() || *byte == b'#')
        .count();
    name_len > 0 && rest.as_bytes().get(name_len) == Some(&b';')
}

/// Where a run of inline text is written, which decides what must be escaped.
#[derive(Clone, Copy, Debug)]
struct Inline {
    /// The text starts a line of its block (a paragraph, a list item), where `#`, `-`, `1.` …
    /// would open another block and leading spaces are dropped.
    line_start: bool,
    /// The spaces that a line after a line break needs (a list item's content column).
    indent: usize,
    /// The character written just before the text on its line, if any.
    before: Option<char>,
    /// The character written just after the text; `None` at the end of its line.
    after: Option<char>,
    /// Inside a link's `[…]`, where `]` ends the text.
    link_text: bool,
    /// In a heading, where `#`, `{` and `}` are the heading's own syntax.
    heading: bool,
}

impl Inline {
    /// A paragraph's text, alone on its lines.
    fn paragraph() -> Inline {
        Inline {
            line_start: true,
            indent: 0,
            before: None,
            after: None,
            link_text: false,
            heading: false,
        }
    }

    /// A list item's text at `depth`.
    fn item(depth: usize) -> Inline {
        Inline {
            indent: 2 * (depth + 1),
            ..Inline::paragraph()
        }
    }

    /// A heading's text, after the `#`s and before its attribute block.
    fn heading() -> Inline {
        Inline {
            line_start: false,
            before: Some(' '),
            after: Some(' '),
            heading: true,
            ..Inline::paragraph()
        }
    }

    /// A caption, between `Table: ` and its ` {#id}`.
    fn caption() -> Inline {
        Inline {
            line_start: false,
            before: Some(' '),
            after: Some(' '),
            ..Inline::paragraph()
        }
    }

    /// A table cell, between `| ` and ` |`.
    fn cell() -> Inline {
        Inline::caption()
    }

    /// A link's text, between `[` and `]`.
    fn link_text() -> Inline {
        Inline {
            before: Some('['),
            after: Some(']'),
            link_text: true,
            ..Inline::caption()
        }
    }
}

/// How CommonMark's emphasis rules see a character beside `**`. Only what is certain counts:
/// a character that might be punctuation or white space to pulldown-cmark is `Unsure`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Punctuation,
    Word,
    Unsure,
}

fn class(c: char) -> Class {
    if c == ' ' || c == '\t' {
        Class::Space
    } else if c.is_ascii_punctuation() {
        Class::Punctuation
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Unsure
    }
}

/// Whether `**` between `before` (`None`: the line's start) and `next` opens bold text.
fn opens(before: Option<char>, next: char) -> bool {
    match class(next) {
        Class::Word => true,
        Class::Punctuation => matches!(before.map(class), None | Some(Class::Space | Class::Punctuation)),
        Class::Space | Class::Unsure => false,
    }
}

/// Whether `**` between `last` and `after` (`None`: the line's end) closes bold text.
fn closes(last: char, after: Option<char>) -> bool {
    match class(last) {
        Class::Word => true,
        Class::Punctuation => matches!(after.map(class), None | Some(Class::Space | Class::Punctuation)),
        Class::Space | Class::Unsure => false,
    }
}

/// The written form of one character of text: the first and last are kept apart so that they
/// can still be turned into a character reference.
#[derive(Clone, Copy, Debug)]
struct Token {
    /// The character.
    c: char,
    /// The length in bytes of its written form.
    len: usize,
    /// Whether it is already written as a character reference.
    encoded: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PieceKind {
    Text,
    Strong,
    Link,
    Break,
}

/// One span as it is written: its opening and closing syntax around its escaped content.
#[derive(Debug)]
struct Piece {
    kind: PieceKind,
    open: String,
    content: String,
    close: String,
    head: Option<Token>,
    tail: Option<Token>,
}

impl Piece {
    fn syntax(kind: PieceKind, open: String, close: String) -> Piece {
        Piece {
            kind,
            open,
            content: String::new(),
            close,
            head: None,
            tail: None,
        }
    }

    /// The first character written for the piece; `None` for a break, which starts a line.
    fn first_written(&self) -> Option<char> {
        self.open.chars().next().or_else(|| self.content.chars().next())
    }

    /// The last character written for the piece; `None` for a break, which ends a line.
    fn last_written(&self) -> Option<char> {
        if self.kind == PieceKind::Break {
            return None;
        }
        self.close.chars().last().or_else(|| self.content.chars().last())
    }

    /// Writes the content's first character as a character reference.
    fn encode_head(&mut self) {
        let Some(head) = self.head.filter(|head| !head.encoded) else {
            return;
        };
        let single = head.len == self.content.len();
        let reference = character_reference(head.c);
        self.content.replace_range(..head.len, &reference);
        let token = Token {
            c: head.c,
            len: reference.len(),
            encoded: true,
        };
        self.head = Some(token);
        if single {
            self.tail = Some(token);
        }
    }

    /// Writes the content's last character as a character reference.
    fn encode_tail(&mut self) {
        let Some(tail) = self.tail.filter(|tail| !tail.encoded) else {
            return;
        };
        let single = tail.len == self.content.len();
        let reference = character_reference(tail.c);
        let start = self.content.len() - tail.len;
        self.content.replace_range(start.., &reference);
        let token = Token {
            c: tail.c,
            len: reference.len(),
            encoded: true,
        };
        self.tail = Some(token);
        if single {
            self.head = Some(token);
        }
    }
}

fn character_reference(c: char) -> String {
    format!("&#{};", u32::from(c))
}

/// Rich text as inline Markdown, escaped for where it goes.
fn inline_markdown(text: &[Span], inline: Inline) -> String {
    let mut pieces: Vec<Piece> = Vec::with_capacity(text.len());
    for span in text {
        let line_start = match pieces.last() {
            None => inline.line_start,
            Some(piece) => piece.kind == PieceKind::Break,
        };
        let piece = match span {
            Span::Text(run) => escaped(PieceKind::Text, run, line_start, inline),
            Span::Strong(run) => {
                let mut piece = escaped(PieceKind::Strong, run, false, inline);
                piece.open = "**".to_string();
                piece.close = "**".to_string();
                piece
            }
            // An autolink writes the address as it is (no escapes or references apply inside it).
            Span::Link { text, url } if text == url.as_str() => {
                Piece::syntax(PieceKind::Link, format!("<{}", url.as_str()), ">".to_string())
            }
            Span::Link { text, url } => {
                let link_inline = Inline {
                    link_text: true,
                    ..inline
                };
                let mut piece = escaped(PieceKind::Link, text, false, link_inline);
                piece.open = "[".to_string();
                piece.close = format!("]({})", escape_url(url.as_str()));
                piece
            }
            Span::Break => Piece::syntax(
                PieceKind::Break,
                format!("\\\n{}", " ".repeat(inline.indent)),
                String::new(),
            ),
        };
        pieces.push(piece);
    }
    for index in 0..pieces.len() {
        match pieces[index].kind {
            PieceKind::Strong => fix_bold(&mut pieces, index, inline),
            // `!` before `[` would make the link an image.
            PieceKind::Link if pieces[index].open == "[" && index > 0 => {
                let before = &mut pieces[index - 1];
                if before.kind == PieceKind::Text && before.content.ends_with('!') {
                    before.encode_tail();
                }
            }
            _ => {}
        }
    }
    // Markdown drops spaces at the end of a line.
    if inline.after.is_none() {
        if let Some(last) = pieces.last_mut() {
            if last.kind == PieceKind::Text && last.content.ends_with([' ', '\t']) {
                last.encode_tail();
            }
        }
    }
    let mut out = String::new();
    for piece in &pieces {
        out.push_str(&piece.open);
        out.push_str(&piece.content);
        out.push_str(&piece.close);
    }
    out
}

/// Makes sure the `**` around the bold piece at `index` open and close: where a neighbouring
/// character would keep them from it, that character is written as a character reference,
/// whose `&` and `;` are punctuation to the emphasis rules.
fn fix_bold(pieces: &mut [Piece], index: usize, inline: Inline) {
    let before = match index.checked_sub(1) {
        Some(previous) => pieces[previous].last_written(),
        None if inline.line_start => None,
        None => inline.before,
    };
    if let Some(next) = pieces[index].content.chars().next() {
        if !opens(before, next) {
            if class(next) != Class::Punctuation {
                pieces[index].encode_head();
            }
            if !matches!(before.map(class), None | Some(Class::Space | Class::Punctuation)) {
                if let Some(previous) = index.checked_sub(1) {
                    pieces[previous].encode_tail();
                }
            }
        }
    }
    let after = match pieces.get(index + 1) {
        Some(next) => next.first_written(),
        None => inline.after,
    };
    if let Some(last) = pieces[index].content.chars().last() {
        if !closes(last, after) {
            if class(last) != Class::Punctuation {
                pieces[index].encode_tail();
            }
            if !matches!(after.map(class), None | Some(Class::Space | Class::Punctuation)) {
                if let Some(next) = pieces.get_mut(index + 1) {
                    next.encode_head();
                }
            }
        }
    }
}

/// One run of text, escaped; `line_start` when it starts a line of its block.
fn escaped(kind: PieceKind, text: &str, line_start: bool, inline: Inline) -> Piece {
    // `1.` or `12)` at the start of a line would start a numbered list.
    let list_number_end = if line_start {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))).then_some(digits)
    } else {
        None
    };
    let mut content = String::with_capacity(text.len() + text.len() / 8);
    let mut head = None;
    let mut tail = None;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, next)| *next);
        let starts_line = at == 0 && line_start;
        let start = content.len();
        let mut encoded = false;
        let backslash = match c {
            ' ' | '\t' if starts_line => {
                encoded = true;
                false
            }
            ' ' | '\t' => false,
            c if c.is_control() => {
                encoded = true;
                false
            }
            '#' | '-' | '+' | '=' | '>' | '~' if starts_line => true,
            '.' | ')' if Some(at) == list_number_end => true,
            '\\' | '*' | '`' | '[' | '<' | '|' => true,
            '_' => !(previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            '&' => starts_entity(&text[at + 1..]),
            ']' => inline.link_text,
            '#' | '{' | '}' => inline.heading,
            _ => false,
        };
        if encoded {
            content.push_str(&character_reference(c));
        } else {
            if backslash {
                content.push('\\');
            }
            content.push(c);
        }
        let token = Token {
            c,
            len: content.len() - start,
            encoded,
        };
        if head.is_none() {
            head = Some(token);
        }
        tail = Some(token);
        previous = Some(c);
    }
    Piece {
        kind,
        open: String::new(),
        content,
        close: String::new(),
        head,
        tail,
    }
}

/// Where `found` first differs from `expected`, and how, for a [`WriteErrorKind::Mismatch`].
fn difference(expected: &Issue, found: &Issue) -> (String, String) {
    let differ = |place: String, expected: &dyn Debug, found: &dyn Debug| {
        (
            place,
            format!(
                "the written source reads back as {} instead of {}",
                shorten(found),
                shorten(expected)
            ),
        )
    };
    if expected.meta != found.meta {
        return differ("front matter".to_string(), &expected.meta, &found.meta);
    }
    if let Some(index) = first_unequal(&expected.contents, &found.contents) {
        return differ(
            format!("contents, part {}", index + 1),
            &expected.contents.get(index),
            &found.contents.get(index),
        );
    }
    if let Some(index) = first_unequal(&expected.summary, &found.summary) {
        return differ(
            format!("summary, point {}", index + 1),
            &expected.summary.get(index),
            &found.summary.get(index),
        );
    }
    if let Some(index) = first_unequal(&expected.parts, &found.parts) {
        let (Some(expected_part), Some(found_part)) = (expected.parts.get(index), found.parts.get(index)) else {
            return differ(
                format!("part {}", index + 1),
                &expected.parts.get(index),
                &found.parts.get(index),
            );
        };
        let place = format!("part {:?}", expected_part.id.as_str());
        if let (PartBody::Articles(expected_articles), PartBody::Articles(found_articles)) =
            (&expected_part.body, &found_part.body)
        {
            if let Some(at) = first_unequal(expected_articles, found_articles) {
                if let (Some(article), Some(found_article)) = (expected_articles.get(at), found_articles.get(at)) {
                    let place = format!("{place}, article {:?}", article.id.as_str());
                    if let Some(block) = first_unequal(&article.blocks, &found_article.blocks) {
                        return differ(
                            format!("{place}, block {}", block + 1),
                            &article.blocks.get(block),
                            &found_article.blocks.get(block),
                        );
                    }
                    return differ(place, article, found_article);
                }
            }
        }
        return differ(place, expected_part, found_part);
    }
    if let Some(index) = first_unequal(&expected.colophon, &found.colophon) {
        return differ(
            format!("colophon, entry {}", index + 1),
            &expected.colophon.get(index),
            &found.colophon.get(index),
        );
    }
    differ("the issue".to_string(), expected, found)
}

/// The first index where the lists differ, counting a missing item as a difference.
fn first_unequal<T: PartialEq>(expected: &[T], found: &[T]) -> Option<usize> {
    (0..expected.len().max(found.len())).find(|index| expected.get(*index) != found.get(*index))
}

fn shorten(value: &dyn Debug) -> String {
    const MOST: usize = 240;
    let text = format!("{value:?}");
    match text.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests;
