//! Step 2 of parsing: the block tree read as a bulletin, section by section: the front
//! matter, what each level-1 heading opens, the summary and the colophon.

use std::collections::HashMap;

use super::contents::ContentsDraft;
use super::entry::PartDraft;
use super::tree::{node_offset, plain, Node};
use super::{ErrorKind, Reader};
use crate::model::{ColophonEntry, Date, Issue, Meta, Part, PartBody, RichText, Span};
use crate::slug::Slug;

/// What a level-1 heading opened.
enum Section {
    None,
    Contents,
    Summary,
    Part(Box<PartDraft>),
    Colophon,
}

pub(super) struct IssueDraft {
    pub(super) meta: Option<Meta>,
    pub(super) contents: Option<(Vec<ContentsDraft>, usize)>,
    pub(super) summary: Vec<RichText>,
    pub(super) parts: Vec<Part>,
    pub(super) colophon: Vec<ColophonEntry>,
    /// Every id claimed so far, with where it was first.
    pub(super) ids: HashMap<String, usize>,
}

impl Reader<'_> {
    pub(super) fn read_issue(&mut self, nodes: &[Node]) -> Option<Issue> {
        let mut draft = IssueDraft {
            meta: None,
            contents: None,
            summary: Vec::new(),
            parts: Vec::new(),
            colophon: Vec::new(),
            ids: HashMap::new(),
        };
        let mut section = Section::None;
        for (index, node) in nodes.iter().enumerate() {
            match node {
                Node::FrontMatter { text, offset } => {
                    if index != 0 {
                        self.error(ErrorKind::FrontMatter, *offset, "front matter must open the file");
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
            // A front matter with faults has had them reported where they are.
            if !nodes.iter().any(|node| matches!(node, Node::FrontMatter { .. })) {
                self.error(ErrorKind::FrontMatter, 0, "the file must start with front matter: a block between two `---` lines with series, date and publisher");
            }
            return None;
        };
        if draft.parts.is_empty() {
            self.error(
                ErrorKind::Section,
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
        const KEYS: [&str; 6] = ["series", "series_en", "date", "publisher", "publisher_en", "notice"];
        // Each key's value and the line of the file it is on.
        let mut values: [Option<(String, usize)>; 6] = Default::default();
        // A key given with a value that is wrong: reported where it is, not again as missing.
        let mut wrong = [false; 6];
        let mut date = None;
        // The block's text starts on the line after the opening `---`.
        let first_line_offset = self.source[offset..]
            .find('\n')
            .map_or(offset, |newline| offset + newline + 1);
        let mut line_offset = first_line_offset;
        let first_line = self.source[..first_line_offset].matches('\n').count() + 1;
        for (number, line) in text.lines().enumerate() {
            let here = line_offset;
            line_offset += line.len() + 1;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                self.error(
                    ErrorKind::FrontMatter,
                    here,
                    format!("expected `key: value` in the front matter, found {line:?}"),
                );
                continue;
            };
            let (key, value) = (key.trim(), value.trim().to_string());
            let Some(slot) = KEYS.iter().position(|known| *known == key) else {
                // A misspelt key is the one it misspells, not also a missing one.
                let near = KEYS.iter().position(|known| edit_distance(key, known) <= 2);
                let hint = near
                    .map(|slot| format!(" (did you mean {}?)", KEYS[slot]))
                    .unwrap_or_default();
                if let Some(slot) = near {
                    wrong[slot] = true;
                }
                self.error(
                    ErrorKind::FrontMatter,
                    here,
                    format!("unknown front matter key {key:?}{hint}; expected series, series_en, date, publisher, publisher_en or notice"),
                );
                continue;
            };
            if let Some((_, first)) = &values[slot] {
                self.error(
                    ErrorKind::FrontMatter,
                    here,
                    format!("{key} is given twice: first on line {first}"),
                );
                continue;
            }
            if key == "date" {
                match parse_iso_date(&value) {
                    Ok(parsed) => date = Some(parsed),
                    Err(why) => {
                        self.error(ErrorKind::FrontMatter, here, why);
                        wrong[slot] = true;
                    }
                }
            }
            values[slot] = Some((value, first_line + number));
        }
        let missing: Vec<&str> = [0, 2, 3]
            .into_iter()
            .filter(|slot| values[*slot].is_none() && !wrong[*slot])
            .map(|slot| KEYS[slot])
            .collect();
        if !missing.is_empty() {
            self.error(
                ErrorKind::FrontMatter,
                offset,
                format!("the front matter lacks {}", missing.join(", ")),
            );
        }
        let [series, series_en, _, publisher, publisher_en, notice] = values.map(|value| value.map(|(text, _)| text));
        Some(Meta {
            series: series?,
            series_en,
            date: date?,
            publisher: publisher?,
            publisher_en,
            notice,
        })
    }

    pub(super) fn claim_id(
        &mut self,
        draft: &mut IssueDraft,
        id: Option<&str>,
        offset: usize,
        what: &str,
    ) -> Option<Slug> {
        let Some(id) = id else {
            self.error(
                ErrorKind::Id,
                offset,
                format!("{what} needs an id: add {{#some-id}} at the end of the line"),
            );
            return None;
        };
        match Slug::parse(id) {
            Ok(slug) => {
                if let Some(first) = draft.ids.get(id) {
                    let (line, _) = self.locate(*first);
                    self.error(
                        ErrorKind::Id,
                        offset,
                        format!("the id {id:?} is used twice (first on line {line}); ids must be unique in the issue"),
                    );
                    return None;
                }
                draft.ids.insert(id.to_string(), offset);
                Some(slug)
            }
            Err(error) => {
                self.error(ErrorKind::Id, offset, format!("{what}: {error}"));
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
            self.error(
                ErrorKind::Section,
                offset,
                format!("a section heading takes no {key}= attribute"),
            );
        }
        let kinds: Vec<&str> = classes.iter().map(String::as_str).collect();
        match kinds.as_slice() {
            ["contents"] => {
                if draft.contents.is_some() {
                    self.error(ErrorKind::Section, offset, "the contents appear twice");
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
                        ErrorKind::Section,
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
                    headings: 0,
                }))
            }
            other => {
                self.error(
                    ErrorKind::Section,
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
            // Entries that were there but refused have been reported where they are.
            if empty && part.headings == 0 {
                let message = if part.briefs {
                    "the part has no brief items: expected `## 01 title {#id}` headings"
                } else {
                    "the part has no articles: expected `## 01 title {#id category=…}` headings"
                };
                self.error(ErrorKind::Section, part.offset, message);
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
                    ErrorKind::Section,
                    offset,
                    "content before the first section: expected a level-1 heading such as `# 요약 {.summary}`",
                );
            }
            Section::Contents => self.contents_node(node, draft),
            Section::Summary => match node {
                Node::List { items, .. } => {
                    for item in items {
                        if let Some(child) = item.children.first() {
                            self.error(ErrorKind::Section, node_offset(child), "summary points do not nest");
                        }
                        draft.summary.push(item.text.clone());
                    }
                }
                other => self.error(
                    ErrorKind::Section,
                    node_offset(other),
                    "the summary is a list of points, one `- ` line each",
                ),
            },
            Section::Colophon => match node {
                Node::List { items, .. } => {
                    for item in items {
                        match split_label(&item.text) {
                            Some((label, value)) => draft.colophon.push(ColophonEntry { label, value }),
                            None => self.error(
                                ErrorKind::Section,
                                item.offset,
                                "a colophon entry is written `- label: value`",
                            ),
                        }
                    }
                }
                other => self.error(
                    ErrorKind::Section,
                    node_offset(other),
                    "the colophon is a list of `- label: value` entries",
                ),
            },
            Section::Part(part) => self.part_node(part, node, draft),
        }
    }
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

/// How many characters must be inserted, deleted or replaced to turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The front matter's date, or what is wrong with it: not written `YYYY-MM-DD`, or no date of
/// the calendar (month 13, 30 February).
fn parse_iso_date(text: &str) -> Result<Date, String> {
    if let Some(date) = Date::from_iso(text) {
        return Ok(date);
    }
    if Date::is_iso_shaped(text) {
        Err(format!("the date {text} is not a date of the calendar"))
    } else {
        Err(format!("the date must be written YYYY-MM-DD, found {text:?}"))
    }
}
