//! The frame of an issue: the cover (the series and the date), the contents, the notice, the
//! summary, the colophon, and the issue assembled from them and the parts.
//!
//! The front matter comes from the cover and the colophon: the series is the cover's title
//! with its letter-spacing closed up (`주/간/동/향`), the date the colophon's 발행일 (or the
//! cover's), the publisher its 발행기관, the English name of the publisher the back cover's
//! capitals set in title case. The notice is the paragraph outside every part (under the
//! contents, or after the colophon in the reader's print). Lines outside every part that are
//! none of these are listed.

use bulletin::model::{
    Article, Block, Brief, BriefSource, ColophonEntry, ContentsCategory, ContentsEntry, ContentsPart, Date, Issue,
    Meta, Part, PartBody, RichText, Span,
};

use super::entry::{self, RawEntry, RawPart, Stops};
use super::inline::{self, Spans};
use super::lines::Dialect;
use super::{Anchor, ImportError, Options, Reader};

/// Everything read, before it is assembled into an issue.
#[derive(Default)]
pub struct Document {
    free: Vec<Free>,
    contents: Option<RawContents>,
    summary: Vec<(RichText, usize, usize)>,
    parts: Vec<RawPart>,
    colophon: Vec<RawColophon>,
}

/// A paragraph outside every part and section.
struct Free {
    first: usize,
    last: usize,
    text: String,
    /// Read after the first part began.
    after_parts: bool,
}

struct RawContents {
    line: usize,
    parts: Vec<RawContentsPart>,
}

struct RawContentsPart {
    title: String,
    line: usize,
    categories: Vec<RawCategory>,
}

struct RawCategory {
    name: String,
    line: usize,
    entries: Vec<(String, usize)>,
}

struct RawColophon {
    label: String,
    value: RichText,
    first: usize,
}

/// The series as this bulletin prints it, for a cover that does not say.
const SERIES: &str = "중국 과학기술 정책 주간동향";

/// Labels of the colophon's entries (letter-spacing closed up).
const COLOPHON_LABELS: [&str; 8] = [
    "발행일",
    "발행인",
    "발행처",
    "발행기관",
    "편집인",
    "편집처",
    "인쇄",
    "문의",
];

impl Reader {
    /// Reads the input from start to end, section by section.
    pub fn document(&mut self) -> Document {
        let mut document = Document::default();
        let mut next_part = 1;
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            let before = self.pos;
            if self.is_part_start(index, next_part) {
                let part = self.part(next_part);
                document.parts.push(part);
                next_part += 1;
            } else if document.contents.is_none() && document.parts.is_empty() && self.is_contents_heading(index) {
                document.contents = Some(self.contents());
            } else if document.summary.is_empty() && document.parts.is_empty() && self.is_summary_heading(index) {
                document.summary = self.summary(next_part);
            } else if self.is_colophon_start(index) {
                let entries = self.colophon();
                document.colophon.extend(entries);
            } else {
                let free = self.free(next_part, !document.parts.is_empty());
                document.free.push(free);
            }
            if self.pos == before {
                // Nothing took the line: it is listed rather than read again.
                let taken = self.take();
                self.unplaced(taken, taken, "not placed in the draft");
            }
        }
        document
    }

    fn is_contents_heading(&self, index: usize) -> bool {
        let text: String = inline::plain(&self.lines[index].text, self.dialect)
            .split_whitespace()
            .collect();
        ["CONTENTS", "Contents", "목차", "차례"].contains(&text.as_str())
    }

    fn is_summary_heading(&self, index: usize) -> bool {
        let text: String = inline::plain(&self.lines[index].text, self.dialect)
            .split_whitespace()
            .collect();
        ["요약", "Summary", "SUMMARY"].contains(&text.as_str())
    }

    /// Whether the line opens the colophon: `발행 정보`, or a line `발행일 | 2023. 6. 30`.
    pub fn is_colophon_start(&self, index: usize) -> bool {
        let line = &self.lines[index];
        let text: String = inline::plain(&line.text, self.dialect).split_whitespace().collect();
        if ["발행정보", "Colophon"].contains(&text.as_str()) {
            return true;
        }
        self.colophon_label(index).is_some()
    }

    /// A colophon line's label and value, and the column its value starts at.
    fn colophon_label(&self, index: usize) -> Option<(String, String, usize)> {
        let line = &self.lines[index];
        let raw = line.text.as_str();
        let body = raw.trim_start_matches('|').trim_start();
        let skipped = raw.len() - body.len();
        let split = [
            body.find('|'),
            body.find(':'),
            body.find('：'),
            body.find("  "),
            body.find('\t'),
        ]
        .into_iter()
        .flatten()
        .min()?;
        let label: String = inline::close_up(body[..split].trim()).split_whitespace().collect();
        if !COLOPHON_LABELS.contains(&label.as_str()) {
            return None;
        }
        let after = &body[split..];
        let value = after.trim_start_matches(['|', ':', '：', ' ', '\t']);
        let column = line.indent + raw[..skipped + split + (after.len() - value.len())].chars().count();
        Some((label, value.to_string(), column))
    }

    /// A paragraph outside every section: consecutive lines with text, up to a blank line or
    /// the start of something else.
    fn free(&mut self, next_part: usize, after_parts: bool) -> Free {
        let first = self.take();
        let mut text = self.lines[first].text.clone();
        let mut last = first;
        while let Some(index) = self.current() {
            if self.lines[index].is_blank()
                || self.used[index]
                || self.is_part_start(index, next_part)
                || self.is_colophon_start(index)
                || self.is_contents_heading(index)
                || self.is_summary_heading(index)
            {
                break;
            }
            // Headings are paragraphs of their own.
            if self.lines[index].heading.is_some() || self.lines[last].heading.is_some() {
                break;
            }
            let next = self.lines[index].text.clone();
            self.take();
            text = match self.dialect {
                Dialect::Markdown if self.lines[last].hard_break => format!("{text}\n{next}"),
                Dialect::Markdown => format!("{text} {next}"),
                Dialect::Layout => inline::join_wrapped(&text, &next),
            };
            last = index;
        }
        Free {
            first,
            last,
            text,
            after_parts,
        }
    }

    /// The contents: parts (`1. 정책동향`), their categories and the articles' titles.
    fn contents(&mut self) -> RawContents {
        let line = self.take();
        let mut parts: Vec<RawContentsPart> = Vec::new();
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            if self.is_summary_heading(index) || self.is_part_start(index, 1) || self.is_colophon_start(index) {
                break;
            }
            let raw = self.lines[index].text.clone();
            let (listed, raw) = match self.list_item(&raw) {
                Some(rest) => (true, rest),
                None => (false, raw),
            };
            let text = strip_leaders(&inline::plain(&raw, self.dialect));
            if text.is_empty() {
                self.take();
                continue;
            }
            let numbered = text.split_once(". ").is_some_and(|(number, rest)| {
                !number.is_empty()
                    && number.len() <= 2
                    && number.chars().all(|c| c.is_ascii_digit())
                    && !rest.is_empty()
            });
            if numbered && !listed {
                self.take();
                parts.push(RawContentsPart {
                    title: text,
                    line: index,
                    categories: Vec::new(),
                });
                continue;
            }
            let Some(part) = parts.last_mut() else { break };
            let short = text.chars().count() <= 12 && !text.contains(['.', ',']);
            if !listed && (self.lines[index].heading.is_some() || short) {
                self.take();
                part.categories.push(RawCategory {
                    name: text,
                    line: index,
                    entries: Vec::new(),
                });
                continue;
            }
            let Some(category) = part.categories.last_mut() else {
                break;
            };
            if listed || self.dialect == Dialect::Layout {
                self.take();
                category.entries.push((text, index));
                continue;
            }
            break;
        }
        RawContents { line, parts }
    }

    /// The text of a list item (`- x`, `○ x`, `· x`) without its marker.
    fn list_item(&self, raw: &str) -> Option<String> {
        for marker in ["- ", "* ", "+ ", "○ ", "● ", "• ", "– ", "· ", "□ "] {
            if let Some(rest) = raw.strip_prefix(marker) {
                return Some(rest.trim().to_string());
            }
        }
        None
    }

    /// The summary's points, up to the first part.
    fn summary(&mut self, next_part: usize) -> Vec<(RichText, usize, usize)> {
        let heading = self.take();
        let stops = Stops {
            part: next_part,
            entry: Some(u32::MAX),
        };
        let mut points = Vec::new();
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            if self.stops_at(index, stops) || self.is_contents_heading(index) {
                break;
            }
            let glyph = self.list_item(&self.lines[index].text).is_some()
                || (self.dialect == Dialect::Layout && self.lines[index].indent > 0);
            if !glyph {
                break;
            }
            let (bullets, first, last) = self.bullets(stops, None);
            if bullets.is_empty() {
                break;
            }
            for bullet in bullets {
                let mut flat = Vec::new();
                flatten(bullet, &mut flat);
                let nested = flat.len() > 1;
                for (point, _) in flat {
                    points.push((point, first, last));
                }
                if nested {
                    self.note(
                        first,
                        last,
                        Anchor::Text(None, "요약".to_string()),
                        "a summary point had points under it; each is a point of its own in the draft",
                    );
                }
            }
        }
        if points.is_empty() {
            self.note(
                heading,
                heading,
                Anchor::Near(None),
                "the summary heading has no points under it",
            );
        }
        points
    }

    /// The colophon's entries: `label | value` or `label  value`, a value going on over the
    /// next lines (after a Markdown line break, or indented to the value's column).
    fn colophon(&mut self) -> Vec<RawColophon> {
        let mut entries: Vec<RawColophon> = Vec::new();
        if self.current().is_some_and(|index| self.colophon_label(index).is_none()) {
            self.take();
        }
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            let Some((label, value, column)) = self.colophon_label(index) else {
                break;
            };
            self.take();
            let mut spans = Spans::default();
            spans.extend(inline::rich(&value, self.dialect));
            let mut last = index;
            while let Some(next) = self.current() {
                let line = &self.lines[next];
                if line.is_blank() || self.colophon_label(next).is_some() {
                    break;
                }
                let goes_on = match self.dialect {
                    Dialect::Markdown => self.lines[last].hard_break,
                    Dialect::Layout => line.indent + 2 >= column,
                };
                if !goes_on {
                    break;
                }
                let text = line.text.clone();
                self.take();
                spans.line_break();
                spans.extend(inline::rich(&text, self.dialect));
                last = next;
            }
            entries.push(RawColophon {
                label,
                value: spans.finish(),
                first: index,
            });
        }
        entries
    }

    /// Puts the issue together: the front matter from the cover and the colophon, the contents
    /// checked against the articles, each article's category.
    pub fn assemble(&mut self, document: Document, options: &Options) -> Result<Issue, ImportError> {
        let Document {
            free,
            contents,
            summary,
            parts,
            colophon,
        } = document;
        if parts.iter().all(|part| part.entries.is_empty()) {
            return Err(ImportError::new(
                "this does not look like an issue of the bulletin: no part (I, II …) with a numbered article (01, 02 …) was found",
            ));
        }
        let mut meta = Meta {
            series: String::new(),
            series_en: None,
            date: Date {
                year: 0,
                month: 0,
                day: 0,
            },
            publisher: String::new(),
            publisher_en: None,
            notice: None,
        };
        let mut cover_date = None;
        let mut notice_taken = false;
        let mut english: Option<(String, usize, usize)> = None;
        for paragraph in &free {
            let text = inline::plain(&paragraph.text.replace('\n', " "), self.dialect);
            let closed = inline::close_up(&text);
            let date = find_date(&closed);
            let title = match date {
                Some((_, start, end)) => inline::squash(&format!("{} {}", &closed[..start], &closed[end..])),
                None => closed.clone(),
            };
            if title.contains("주간동향") && title.chars().count() <= 40 {
                if meta.series.is_empty() {
                    meta.series = title.clone();
                } else if title != meta.series {
                    self.note(
                        paragraph.first,
                        paragraph.last,
                        Anchor::FrontMatter,
                        format!(
                            "the series is printed as {title:?} here and {:?} on the cover",
                            meta.series
                        ),
                    );
                }
                if let Some((found, _, _)) = date {
                    cover_date.get_or_insert((found, paragraph.first));
                }
                continue;
            }
            if is_english_name(&text) {
                match &english {
                    Some((known, _, _)) if known.len() >= text.len() => {
                        let context = self.context.clone();
                        self.note(
                            paragraph.first,
                            paragraph.last,
                            Anchor::Near(context),
                            format!("English text outside the issue's parts, not placed: {text:?}"),
                        );
                    }
                    _ => {
                        if let Some((known, first, last)) = english.take() {
                            self.note(
                                first,
                                last,
                                Anchor::Near(None),
                                format!("English text outside the issue's parts, not placed: {known:?}"),
                            );
                        }
                        english = Some((text.clone(), paragraph.first, paragraph.last));
                    }
                }
                continue;
            }
            let prose = text.chars().filter(|c| super::lines::is_hangul(*c)).count() >= 10;
            if prose && !notice_taken {
                notice_taken = true;
                meta.notice = Some(text);
                continue;
            }
            let why = if paragraph.after_parts {
                "after the last part, not placed"
            } else {
                "before the first part, not placed"
            };
            self.context = None;
            self.note(
                paragraph.first,
                paragraph.last,
                Anchor::Near(None),
                format!("{why}: \"{}\"", super::excerpt(&text, 120)),
            );
        }
        if let Some((name, first, last)) = english {
            let titled = title_case(&name);
            self.note(
                first,
                last,
                Anchor::FrontMatter,
                format!("the publisher's English name, publisher_en, is read from {name:?}; check its capitals"),
            );
            meta.publisher_en = Some(titled);
        }
        if meta.series.is_empty() {
            meta.series = SERIES.to_string();
            self.remark(
                Anchor::FrontMatter,
                format!("no series title on the cover; the draft says {SERIES:?}"),
            );
        }
        // The colophon: the date, the publisher.
        let mut colophon_entries = Vec::new();
        let mut colophon_date = None;
        for entry in colophon {
            if entry.label == "발행일" {
                if let Some((date, _, _)) = find_date(&inline::close_up(&bulletin::model::plain_text(&entry.value))) {
                    colophon_date = Some((date, entry.first));
                }
            }
            if entry.label == "발행기관"
                || (entry.label == "발행처"
                    && meta.publisher.is_empty()
                    && !bulletin::model::plain_text(&entry.value).contains('\n'))
            {
                meta.publisher = inline::squash(&bulletin::model::plain_text(&entry.value));
            }
            colophon_entries.push(ColophonEntry {
                label: entry.label,
                value: entry.value,
            });
        }
        if meta.publisher.is_empty() {
            meta.publisher = "한중과학기술협력센터".to_string();
            self.remark(
                Anchor::FrontMatter,
                format!("no 발행기관 in the colophon; the draft says {:?}", meta.publisher),
            );
        }
        meta.date = match (options.date, colophon_date, cover_date) {
            (Some(date), _, _) => date,
            (None, Some((date, _)), Some((cover, cover_line))) => {
                if date != cover {
                    self.note(
                        cover_line,
                        cover_line,
                        Anchor::FrontMatter,
                        format!(
                            "the cover says {} and the colophon {}; the draft takes the colophon's",
                            cover.printed(),
                            date.printed()
                        ),
                    );
                }
                date
            }
            (None, Some((date, _)), None) | (None, None, Some((date, _))) => date,
            (None, None, None) => return Err(ImportError::new(
                "no issue date: neither the cover nor the colophon (발행일) gives one; give it with --date YYYY-MM-DD",
            )),
        };
        // Parts and their entries.
        let mut out_parts = Vec::new();
        for part in parts {
            let briefs = self.is_briefs(&part);
            let body = if briefs {
                PartBody::Briefs(part.entries.into_iter().map(|entry| self.brief(entry)).collect())
            } else {
                PartBody::Articles(part.entries.into_iter().map(|entry| self.article(entry)).collect())
            };
            out_parts.push(Part {
                id: part.id,
                numeral: part.numeral,
                title: part.title,
                body,
            });
        }
        out_parts.retain(|part| match &part.body {
            PartBody::Articles(articles) => !articles.is_empty(),
            PartBody::Briefs(briefs) => !briefs.is_empty(),
        });
        let contents = match contents {
            Some(contents) => self.check_contents(contents, &mut out_parts),
            None => Vec::new(),
        };
        for part in &mut out_parts {
            if let PartBody::Articles(articles) = &mut part.body {
                for article in articles.iter_mut() {
                    if article.category.is_empty() {
                        article.category = "미분류".to_string();
                        self.remark(Anchor::Id(article.id.clone()), format!("article {} has no category (neither the contents nor its heading give one); the draft says 미분류", article.number));
                    }
                }
            }
        }
        Ok(Issue {
            meta,
            contents,
            summary: summary.into_iter().map(|(point, _, _)| point).collect(),
            parts: out_parts,
            colophon: colophon_entries,
        })
    }

    /// A part of brief items: most of its entries end with a source that names an outlet and
    /// a date, and none has references or a table.
    fn is_briefs(&self, part: &RawPart) -> bool {
        let with_source = part
            .entries
            .iter()
            .filter(|entry| matches!(entry.blocks.last(), Some((Block::Source(text), _)) if brief_source(text).is_some_and(|source| source.date.is_some())))
            .count();
        let articles_only = part.entries.iter().any(|entry| {
            !entry.references.is_empty()
                || entry
                    .blocks
                    .iter()
                    .any(|(block, _)| matches!(block, Block::Table(_) | Block::Figure(_)))
        });
        with_source * 2 > part.entries.len() && !articles_only
    }

    fn article(&mut self, entry: RawEntry) -> Article {
        let category = match entry.category {
            Some((name, _)) => category_name(&name),
            None => String::new(),
        };
        Article {
            id: entry.id,
            number: entry.number,
            title: entry.title,
            category,
            lead: entry.lead,
            blocks: entry.blocks.into_iter().map(|(block, _)| block).collect(),
            references: entry.references,
        }
    }

    fn brief(&mut self, entry: RawEntry) -> Brief {
        let mut bullets = Vec::new();
        let mut source = None;
        let count = entry.blocks.len();
        for (index, (block, (first, last))) in entry.blocks.into_iter().enumerate() {
            match block {
                Block::Bullets(items) => bullets.extend(items),
                Block::Source(text) if index + 1 == count => source = brief_source(&text),
                other => {
                    let what = match other {
                        Block::Table(_) => "a table",
                        Block::Figure(_) => "a figure",
                        Block::Heading(_) => "a sub-heading",
                        Block::Paragraph(_) => "a paragraph",
                        Block::Note(_) => "a note",
                        Block::Source(_) => "a source before the last",
                        Block::Bullets(_) => "bullets",
                    };
                    let text = super::excerpt(&block_text(&other), 120);
                    self.note(first, last, Anchor::Near(Some(entry.id.clone())), format!("{what} in a brief item, which holds only a lead, bullets and its source; not placed: \"{text}\""));
                }
            }
        }
        let source = source.unwrap_or_else(|| {
            self.note(
                entry.line,
                entry.line,
                Anchor::Id(entry.id.clone()),
                format!(
                    "brief item {} has no source line (출처: outlet (MM.DD) and its address); the draft says 출처 미상",
                    entry.number
                ),
            );
            BriefSource {
                outlet: "출처 미상".to_string(),
                date: None,
                url: None,
            }
        });
        Brief {
            id: entry.id,
            number: entry.number,
            title: entry.title,
            lead: entry.lead,
            bullets,
            source,
        }
    }

    /// The contents as the model holds them, when they name as many articles as each part has;
    /// otherwise left out of the draft and listed. Each article takes its contents category.
    fn check_contents(&mut self, contents: RawContents, parts: &mut [Part]) -> Vec<ContentsPart> {
        let article_parts: Vec<&mut Part> = parts
            .iter_mut()
            .filter(|part| matches!(part.body, PartBody::Articles(_)))
            .collect();
        let lines = contents.parts.iter().flat_map(|part| {
            std::iter::once(part.line).chain(part.categories.iter().flat_map(|category| {
                std::iter::once(category.line).chain(category.entries.iter().map(|(_, line)| *line))
            }))
        });
        let last_line = lines.max().unwrap_or(contents.line);
        let counts: Vec<usize> = contents
            .parts
            .iter()
            .map(|part| part.categories.iter().map(|category| category.entries.len()).sum())
            .collect();
        let articles: Vec<usize> = article_parts
            .iter()
            .map(|part| match &part.body {
                PartBody::Articles(articles) => articles.len(),
                PartBody::Briefs(_) => 0,
            })
            .collect();
        let empty_category = contents.parts.iter().any(|part| {
            part.categories
                .iter()
                .any(|category| category.entries.is_empty() || category_name(&category.name) != category.name)
        });
        if counts != articles || empty_category {
            self.note(
                contents.line,
                last_line,
                Anchor::Near(None),
                format!(
                    "the contents name {counts:?} articles in their parts where the issue has {articles:?} (or a category lists none): the contents are left out of the draft and the articles' categories come from their headings"
                ),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (raw, part) in contents.parts.into_iter().zip(article_parts) {
            let PartBody::Articles(articles) = &mut part.body else {
                continue;
            };
            let mut remaining = articles.iter_mut();
            let mut categories = Vec::new();
            for category in raw.categories {
                let mut entries = Vec::new();
                for (title, line) in category.entries {
                    let Some(article) = remaining.next() else { continue };
                    if !article.category.is_empty() && article.category != category.name {
                        self.note(line, line, Anchor::Id(article.id.clone()), format!("the contents put article {} under {:?}, its heading under {:?}; the draft takes the contents'", article.number, category.name, article.category));
                    }
                    article.category = category.name.clone();
                    entries.push(ContentsEntry {
                        title,
                        article: article.id.clone(),
                    });
                }
                categories.push(ContentsCategory {
                    name: category.name,
                    entries,
                });
            }
            out.push(ContentsPart {
                title: raw.title,
                part: part.id.clone(),
                categories,
            });
        }
        out
    }
}

/// A brief's source, `지무신문망 (06.12) <http://…>`: the outlet, the date and the address.
pub fn brief_source(text: &RichText) -> Option<BriefSource> {
    let mut url = None;
    let mut words = String::new();
    for span in text {
        match span {
            Span::Link { url: address, text } if url.is_none() && text == address.as_str() => {
                url = Some(address.clone())
            }
            other => words.push_str(&bulletin::model::plain_text(std::slice::from_ref(other))),
        }
    }
    let words = inline::squash(&words);
    let (outlet, date) = match words.rfind('(') {
        Some(open) if words.ends_with(')') => match entry::month_day(&words[open + 1..words.len() - 1]) {
            Some(date) => (words[..open].trim().to_string(), Some(date)),
            None => (words.clone(), None),
        },
        _ => (words.clone(), None),
    };
    if outlet.is_empty() || (date.is_none() && outlet.ends_with(')') && outlet.contains('(')) {
        return None;
    }
    Some(BriefSource { outlet, date, url })
}

/// The plain text of a block, for the review list.
fn block_text(block: &Block) -> String {
    match block {
        Block::Heading(text) => text.clone(),
        Block::Paragraph(text) | Block::Note(text) | Block::Source(text) => bulletin::model::plain_text(text),
        Block::Bullets(bullets) => bullets
            .iter()
            .map(|bullet| bulletin::model::plain_text(&bullet.text))
            .collect::<Vec<_>>()
            .join(" / "),
        Block::Table(table) => table.caption.clone(),
        Block::Figure(figure) => figure.caption.clone(),
    }
}

/// A bullet and those under it, as one list.
fn flatten(bullet: bulletin::model::Bullet, out: &mut Vec<(RichText, usize)>) {
    out.push((bullet.text, 0));
    for child in bullet.children {
        flatten(child, out);
    }
}

/// A category as a heading's attribute block can hold it: no spaces or braces.
fn category_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !"{}<>\\".contains(*c) && !c.is_control())
        .collect()
}

/// The dot leaders and page number after a contents title taken off (`제목 ····· 3`).
fn strip_leaders(text: &str) -> String {
    let trimmed = text.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    let without = trimmed.trim_end_matches(['.', '·', '…', ' ', '‥']);
    if without.len() + 3 <= trimmed.len() {
        without.trim().to_string()
    } else {
        text.trim().to_string()
    }
}

/// A date printed as `2023. 6. 30`, `2023.06.30`, `2023-06-30` or `2023년 6월 30일`: the date
/// and where it is in `text` (byte range).
pub fn find_date(text: &str) -> Option<(Date, usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at + 4 <= bytes.len() {
        if bytes[at..at + 4].iter().all(u8::is_ascii_digit) && (at == 0 || !bytes[at - 1].is_ascii_digit()) {
            if let Some((date, end)) = date_at(text, at) {
                return Some((date, at, end));
            }
        }
        at += 1;
    }
    None
}

fn date_at(text: &str, at: usize) -> Option<(Date, usize)> {
    let year: u16 = text.get(at..at + 4)?.parse().ok()?;
    let mut rest = &text[at + 4..];
    let mut numbers = Vec::new();
    for _ in 0..2 {
        let separators = rest.len() - rest.trim_start_matches(['.', '-', ' ', '년', '월', '/']).len();
        if separators == 0 {
            return None;
        }
        rest = &rest[separators..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 2 {
            return None;
        }
        numbers.push(rest[..digits].parse::<u8>().ok()?);
        rest = &rest[digits..];
    }
    let rest = rest.strip_prefix('일').unwrap_or(rest);
    let end = text.len() - rest.len();
    let (month, day) = (numbers[0], numbers[1]);
    ((1900..=2999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some((Date { year, month, day }, end))
}

/// A run of capitals in English (`KOREA-CHINA SCIENCE & TECHNOLOGY COOPERATION CENTER`).
fn is_english_name(text: &str) -> bool {
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    letters >= 6
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " -&.,'".contains(c))
        && text.split_whitespace().count() >= 2
}

/// `KOREA-CHINA SCIENCE & TECHNOLOGY` as `Korea-China Science & Technology`.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            out.push(if start {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    inline::squash(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_printed() {
        let date = |text: &str| find_date(text).map(|(date, _, _)| date.iso());
        assert_eq!(date("발행일 2023. 6. 30").as_deref(), Some("2023-06-30"));
        assert_eq!(date("2024-01-05").as_deref(), Some("2024-01-05"));
        assert_eq!(date("2023년 7월 7일").as_deref(), Some("2023-07-07"));
        assert_eq!(date("(2023.3.)"), None);
        assert_eq!(date("12345"), None);
    }

    #[test]
    fn english_names_in_title_case() {
        assert!(is_english_name("KOREA-CHINA SCIENCE & TECHNOLOGY COOPERATION CENTER"));
        assert!(!is_english_name("Nature Index"));
        assert_eq!(
            title_case("KOREA-CHINA SCIENCE & TECHNOLOGY COOPERATION CENTER"),
            "Korea-China Science & Technology Cooperation Center"
        );
    }

    #[test]
    fn brief_sources_name_outlet_date_and_address() {
        let url = bulletin::model::HttpUrl::parse("http://www.ctdsb.net/c1676_202306/1777426.html").ok();
        let text = vec![
            Span::Text("지무신문망 (06.12) ".to_string()),
            Span::Link {
                text: "http://www.ctdsb.net/c1676_202306/1777426.html".to_string(),
                url: url.clone().unwrap_or_else(|| unreachable!()),
            },
        ];
        let source = brief_source(&text);
        assert_eq!(source.as_ref().map(|source| source.outlet.as_str()), Some("지무신문망"));
        assert_eq!(
            source.as_ref().and_then(|source| source.date),
            Some(bulletin::model::MonthDay { month: 6, day: 12 })
        );
        assert_eq!(source.and_then(|source| source.url), url);
    }

    #[test]
    fn leaders_and_page_numbers_leave_contents_titles() {
        assert_eq!(strip_leaders("국무원, 충전 인프라 ······ 3"), "국무원, 충전 인프라");
        assert_eq!(strip_leaders("네이처 인덱스 2023"), "네이처 인덱스 2023");
    }
}
