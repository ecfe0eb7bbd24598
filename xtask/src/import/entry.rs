//! Parts, articles and brief items: their headings and leads, and a body of bullets nested by
//! their printed glyphs, sub-headings, notes, sources, figures, tables and references.
//!
//! A part opens at its numeral (`I`, `II` …, in order); an entry at its two-digit number, the
//! next one in its part, with the title on the same line or the next (print puts the
//! category beside the number, `01 기술전략`, and the title below). Bullets nest by glyph:
//! `○`/`●` (or a Markdown list item, or in layout text an indented line without a glyph) is
//! the first level, `-`/`–` the second, `·` the third, and the same glyph indented further is
//! one level deeper; a line that starts with `*` or `※` outside a list is a note.

use bulletin::model::{Block, Bullet, Lead, MonthDay, Reference, RichText, Span};
use bulletin::slug::Slug;

use super::inline::{self, Spans};
use super::lines::{is_hangul, Dialect};
use super::{Anchor, Reader};

/// A part as read.
pub struct RawPart {
    /// The numeral as printed (`I`).
    pub numeral: String,
    /// The title (`정책동향`).
    pub title: String,
    /// The id made for it.
    pub id: Slug,
    /// Its entries, in order.
    pub entries: Vec<RawEntry>,
}

/// An article or brief item as read.
pub struct RawEntry {
    /// The number as printed (`01`).
    pub number: String,
    /// The title.
    pub title: String,
    /// The category printed beside the number, with its line index.
    pub category: Option<(String, usize)>,
    /// The id made for it.
    pub id: Slug,
    /// The line index of its number.
    pub line: usize,
    /// The lead.
    pub lead: Option<Lead>,
    /// The body, each block with its first and last line index.
    pub blocks: Vec<(Block, (usize, usize))>,
    /// The references.
    pub references: Vec<Reference>,
}

/// What ends the entry or part being read: the next part's numeral, the next entry's number,
/// or the colophon.
#[derive(Clone, Copy)]
pub struct Stops {
    /// The value of the next part's numeral (1 for `I`).
    pub part: usize,
    /// The next entry's number; `None` before a part's first entry, which may have any.
    pub entry: Option<u32>,
}

/// What a line of a body is.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    References,
    Lead,
    Caption(String),
    Source,
    TabRow,
    SubHeading,
    Note,
    /// A bullet: its glyph's rank (0 first level), whether a glyph was printed, the text after it.
    Bullet(u8, bool, String),
    Heading,
    Text,
}

/// One bullet as read, before nesting.
struct Item {
    rank: u8,
    glyph: bool,
    indent: usize,
    text: String,
    first: usize,
    last: usize,
}

/// Roman numerals of parts, by value.
const NUMERALS: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// `II 기술동향` gives `(2, "II", "기술동향")`; the Unicode numerals (`Ⅱ`) read the same.
pub fn numeral(text: &str) -> Option<(usize, String, String)> {
    let (head, rest) = match text.split_once(char::is_whitespace) {
        Some((head, rest)) => (head, rest.trim()),
        None => (text, ""),
    };
    let head = head.trim_end_matches('.');
    let ascii: String = head
        .chars()
        .map(|c| match c {
            'Ⅰ' => "I".to_string(),
            'Ⅱ' => "II".to_string(),
            'Ⅲ' => "III".to_string(),
            'Ⅳ' => "IV".to_string(),
            'Ⅴ' => "V".to_string(),
            'Ⅵ' => "VI".to_string(),
            'Ⅶ' => "VII".to_string(),
            'Ⅷ' => "VIII".to_string(),
            'Ⅸ' => "IX".to_string(),
            'Ⅹ' => "X".to_string(),
            other => other.to_string(),
        })
        .collect();
    let value = NUMERALS.iter().position(|numeral| *numeral == ascii)? + 1;
    Some((value, ascii, rest.to_string()))
}

/// `01 기술전략` gives `(1, "01", "기술전략")`: two digits, then the rest of the line.
fn entry_number(text: &str) -> Option<(u32, String, String)> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 2 {
        return None;
    }
    let rest = &text[2..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '.'])) {
        return None;
    }
    let rest = rest.trim_start_matches('.').trim();
    let value: u32 = digits.parse().ok()?;
    (value > 0).then(|| (value, digits, rest.to_string()))
}

impl Reader {
    /// Whether the line at `index` opens part number `value`.
    pub fn is_part_start(&self, index: usize, value: usize) -> bool {
        let line = &self.lines[index];
        if self.dialect == Dialect::Layout && line.indent > 2 {
            return false;
        }
        let text = inline::plain(&line.text, self.dialect);
        match numeral(&text) {
            Some((found, _, rest)) => found == value && rest.chars().count() <= 24 && !rest.contains(['.', ',']),
            None => false,
        }
    }

    /// Whether the line at `index` opens the next entry.
    fn is_entry_start(&self, index: usize, expected: Option<u32>) -> bool {
        let line = &self.lines[index];
        if self.dialect == Dialect::Layout && line.indent > 2 {
            return false;
        }
        if line.text.contains('\t') {
            return false;
        }
        let text = inline::plain(&line.text, self.dialect);
        match entry_number(&text) {
            // A line with columns (runs of spaces) is a table's row, not an entry.
            Some((value, _, _)) => expected.is_none_or(|expected| value == expected) && !line.text.contains("   "),
            None => false,
        }
    }

    /// Whether the line at `index` ends what is being read.
    pub fn stops_at(&self, index: usize, stops: Stops) -> bool {
        self.is_part_start(index, stops.part)
            || self.is_entry_start(index, stops.entry)
            || self.is_colophon_start(index)
    }

    /// A part, from its numeral to the next part's, the colophon or the end.
    pub fn part(&mut self, value: usize) -> RawPart {
        let first = self.take();
        let text = inline::plain(&self.lines[first].text, self.dialect);
        let (_, numeral, rest) =
            numeral(&text).unwrap_or((value, NUMERALS[(value - 1).min(9)].to_string(), String::new()));
        let mut title = rest;
        if title.is_empty() {
            self.skip_blank();
            if let Some(index) = self.current() {
                let stops = Stops {
                    part: value + 1,
                    entry: None,
                };
                if !self.stops_at(index, stops) {
                    self.take();
                    title = inline::plain(&self.lines[index].text, self.dialect);
                }
            }
        }
        if title.is_empty() {
            title = format!("{numeral}부");
            self.note(
                first,
                first,
                Anchor::Near(None),
                format!("part {numeral} has no title: the draft calls it {title:?}"),
            );
        }
        let id = self.ids.make(&title, "part", value);
        self.context = Some(id.clone());
        let mut entries: Vec<RawEntry> = Vec::new();
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            let expected = entries
                .last()
                .and_then(|entry| entry.number.parse::<u32>().ok())
                .map(|number| number + 1);
            if self.is_part_start(index, value + 1) || self.is_colophon_start(index) {
                break;
            }
            if self.is_entry_start(index, expected) {
                let stops = Stops {
                    part: value + 1,
                    entry: None,
                };
                let entry = self.entry(stops, entries.len() + 1);
                entries.push(entry);
                continue;
            }
            if !entries.is_empty() {
                // An entry's body reads to the next entry: what is left here ends the part.
                break;
            }
            let taken = self.take();
            self.unplaced(taken, taken, "text in a part before its first article");
        }
        RawPart {
            numeral,
            title,
            id,
            entries,
        }
    }

    /// An entry: its number, category, title, lead and body, up to the next stop.
    fn entry(&mut self, stops: Stops, ordinal: usize) -> RawEntry {
        let first = self.take();
        let text = inline::plain(&self.lines[first].text, self.dialect);
        let (value, number, rest) = entry_number(&text).unwrap_or((0, "00".to_string(), String::new()));
        let stops = Stops {
            part: stops.part,
            entry: Some(value + 1),
        };
        let mut category = None;
        let title;
        let next = self.next_text(self.pos);
        if rest.is_empty() {
            title = match next.filter(|&index| !self.stops_at(index, stops) && !self.is_lead(index)) {
                Some(index) => {
                    self.pos = index;
                    self.title_lines(stops)
                }
                None => String::new(),
            };
        } else if self.dialect == Dialect::Layout
            && next.is_some_and(|index| {
                self.lines[index].indent <= 1
                    && !self.is_lead(index)
                    && !self.stops_at(index, stops)
                    && self.classify(index) == Kind::Text
            })
            && rest.chars().count() <= 16
        {
            // Print puts the category beside the number and the title below.
            category = Some((rest, first));
            if let Some(index) = next {
                self.pos = index;
            }
            title = self.title_lines(stops);
        } else {
            title = inline::plain(&rest, self.dialect);
        }
        let title = if title.is_empty() {
            self.note(
                first,
                first,
                Anchor::Near(self.context.clone()),
                format!("article {number} has no title"),
            );
            format!("{number}번 기사")
        } else {
            title
        };
        let id = self.ids.make(&title, "article", ordinal);
        self.context = Some(id.clone());
        let mut entry = RawEntry {
            number,
            title,
            category,
            id,
            line: first,
            lead: None,
            blocks: Vec::new(),
            references: Vec::new(),
        };
        self.body(&mut entry, stops);
        entry
    }

    /// A title, over one line or (layout) several, up to the lead or the first bullet.
    fn title_lines(&mut self, stops: Stops) -> String {
        let first = self.take();
        let mut title = inline::plain(&self.lines[first].text, self.dialect);
        while self.dialect == Dialect::Layout {
            let Some(index) = self.current() else { break };
            let line = &self.lines[index];
            if line.is_blank()
                || line.indent > 1
                || self.is_lead(index)
                || self.stops_at(index, stops)
                || !self.wraps(index - 1)
            {
                break;
            }
            let next = inline::plain(&line.text, self.dialect);
            self.take();
            title = inline::join_wrapped(&title, &next);
        }
        title
    }

    fn is_lead(&self, index: usize) -> bool {
        inline::plain(&self.lines[index].text, self.dialect).starts_with('■')
    }

    /// What the line at `index` is, inside a body.
    fn classify(&self, index: usize) -> Kind {
        let line = &self.lines[index];
        let raw = line.text.as_str();
        let plain = inline::plain(raw, self.dialect);
        let unglyphed = plain.trim_start_matches(['☑', '☞', '□', '▶', '▷', '◈', ' ']);
        if ["참고자료", "참고 자료", "참고문헌", "References"].contains(&unglyphed) {
            return Kind::References;
        }
        if plain.starts_with('■') {
            return Kind::Lead;
        }
        if let Some(caption) = caption(&plain) {
            return Kind::Caption(caption);
        }
        if source_rest(raw, self.dialect).is_some() {
            return Kind::Source;
        }
        if self.dialect == Dialect::Markdown && raw.contains('\t') {
            return Kind::TabRow;
        }
        if let Some((rank, glyph, rest)) = self.glyph(index) {
            if is_sub_heading(&inline::plain(&rest, self.dialect)) {
                return Kind::SubHeading;
            }
            return Kind::Bullet(rank, glyph, rest);
        }
        let note = match self.dialect {
            Dialect::Markdown => raw.starts_with("\\*") || raw.starts_with('※'),
            Dialect::Layout => line.indent == 0 && (raw.starts_with('*') || raw.starts_with('※')),
        };
        if note {
            return Kind::Note;
        }
        if is_sub_heading(&plain) {
            return Kind::SubHeading;
        }
        if line.heading.is_some() {
            return Kind::Heading;
        }
        if self.dialect == Dialect::Layout && line.indent >= 1 {
            return Kind::Bullet(0, false, raw.to_string());
        }
        Kind::Text
    }

    /// The bullet glyph the line at `index` starts with: its rank, whether it was printed
    /// (a Markdown list marker counts as printed), and the text after it.
    fn glyph(&self, index: usize) -> Option<(u8, bool, String)> {
        let raw = self.lines[index].text.as_str();
        if self.dialect == Dialect::Markdown {
            for marker in ["- ", "+ ", "* "] {
                if let Some(rest) = raw.strip_prefix(marker) {
                    let rest = rest.trim_start();
                    let rest = strip_glyph(rest).map_or(rest, |(_, after)| after);
                    return Some((0, true, rest.to_string()));
                }
            }
            if raw == "-" {
                return Some((0, true, String::new()));
            }
        }
        let (rank, rest) = strip_glyph(raw)?;
        if self.dialect == Dialect::Markdown && rank > 0 {
            return None;
        }
        Some((rank, true, rest.to_string()))
    }

    /// An entry's body, to the next stop.
    fn body(&mut self, entry: &mut RawEntry, stops: Stops) {
        let mut last_pos = usize::MAX;
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            if self.stops_at(index, stops) {
                break;
            }
            if self.pos == last_pos {
                // Nothing took the line: listed, so that reading goes on.
                let taken = self.take();
                self.unplaced(taken, taken, "not placed in the draft");
                continue;
            }
            last_pos = self.pos;
            let kind = self.classify(index);
            match kind {
                Kind::References => {
                    self.take();
                    let references = self.references(stops);
                    entry.references.extend(references);
                }
                Kind::Lead if entry.lead.is_none() && entry.blocks.is_empty() => {
                    entry.lead = Some(self.lead());
                }
                Kind::Heading
                    if entry.lead.is_none()
                        && entry.blocks.is_empty()
                        && !is_sub_heading(&inline::plain(&self.lines[index].text, self.dialect)) =>
                {
                    // A heading right under the title is the lead, printed without its ■.
                    let lead = self.lead();
                    self.note(
                        index,
                        index,
                        Anchor::Id(entry.id.clone()),
                        "the line under the title has no ■; the draft takes it as the lead",
                    );
                    entry.lead = Some(lead);
                }
                Kind::Caption(caption) => {
                    let blocks = self.caption_block(caption, Some(&entry.id));
                    let last = self.pos.saturating_sub(1);
                    entry
                        .blocks
                        .extend(blocks.into_iter().map(|block| (block, (index, last))));
                }
                Kind::Source => {
                    let source = self.source();
                    let last = self.pos.saturating_sub(1);
                    let brief_form = super::front::brief_source(&source).is_some_and(|found| found.date.is_some());
                    attach_or_push(&mut entry.blocks, Attached::Source(source), (index, last));
                    // A brief item ends with its source (outlet and date): plain text after it
                    // is not the item's (a back cover, say).
                    let after = self.next_text(self.pos);
                    if brief_form
                        && after.is_some_and(|after| {
                            !self.stops_at(after, stops) && matches!(self.classify(after), Kind::Text | Kind::Heading)
                        })
                    {
                        break;
                    }
                }
                Kind::Note => {
                    let note = self.note_block();
                    let last = self.pos.saturating_sub(1);
                    attach_or_push(&mut entry.blocks, Attached::Note(note), (index, last));
                }
                Kind::TabRow => {
                    let blocks = self.caption_block(String::new(), Some(&entry.id));
                    let last = self.pos.saturating_sub(1);
                    entry
                        .blocks
                        .extend(blocks.into_iter().map(|block| (block, (index, last))));
                }
                Kind::SubHeading | Kind::Heading => {
                    self.take();
                    let raw = self.lines[index].text.clone();
                    let raw = match self.glyph(index) {
                        Some((_, _, rest)) => rest,
                        None => raw,
                    };
                    let text = inline::plain(&raw, self.dialect);
                    if !text.is_empty() {
                        entry.blocks.push((Block::Heading(text), (index, index)));
                    }
                }
                Kind::Bullet(..) | Kind::Lead => {
                    let (bullets, first, last) = self.bullets(stops, Some(&entry.id));
                    if bullets.is_empty() {
                        continue;
                    }
                    if let Some((Block::Bullets(previous), (_, previous_last))) = entry.blocks.last_mut() {
                        // Bullets that only a blank line separates are one list.
                        if self.dialect == Dialect::Markdown {
                            previous.extend(bullets);
                            *previous_last = last;
                            continue;
                        }
                    }
                    entry.blocks.push((Block::Bullets(bullets), (first, last)));
                }
                Kind::Text => {
                    if self.dialect == Dialect::Markdown && self.page_broken(entry, index) {
                        continue;
                    }
                    let (text, last) = self.paragraph(stops);
                    if !text.is_empty() {
                        entry.blocks.push((Block::Paragraph(text), (index, last)));
                    }
                }
            }
        }
    }

    /// Markdown: a plain line that goes on with the last bullet, the rest of a sentence a page
    /// break cut off (`…동시` / `에 건설`); joined to it, and listed.
    fn page_broken(&mut self, entry: &mut RawEntry, index: usize) -> bool {
        let Some((Block::Bullets(bullets), (_, last))) = entry.blocks.last_mut() else {
            return false;
        };
        let raw = self.lines[index].text.clone();
        if !raw.chars().next().is_some_and(is_hangul) {
            return false;
        }
        let Some(bullet) = last_bullet(bullets) else {
            return false;
        };
        let before = bulletin::model::plain_text(&bullet.text);
        let Some(last_char) = before.chars().last() else {
            return false;
        };
        if !is_hangul(last_char) {
            return false;
        }
        self.take();
        *last = index;
        // The syllable before the break is printed again after it (`센터` / `터를`).
        let first_char = raw.chars().next();
        let (after, repeated) = if first_char == Some(last_char) {
            (raw.chars().skip(1).collect::<String>(), true)
        } else {
            (raw.clone(), false)
        };
        let mut spans = Spans::default();
        spans.extend(bullet.text.clone());
        spans.extend(inline::rich(&after, self.dialect));
        bullet.text = spans.finish();
        let tail = inline::excerpt_end(&before, 12);
        let message = if repeated {
            format!("joined \"…{tail}\" and \"{}\" across a page break, leaving out the repeated \"{last_char}\"; check the join", inline::excerpt_start(&raw, 12))
        } else {
            format!(
                "joined \"…{tail}\" and \"{}\" across a page break; check the join",
                inline::excerpt_start(&raw, 12)
            )
        };
        let snippet = inline::snippet(&bulletin::model::plain_text(&bullet.text));
        self.note(index, index, Anchor::Text(Some(entry.id.clone()), snippet), message);
        true
    }

    /// The lead: the text after ■, over one line or (layout) several, and its date.
    fn lead(&mut self) -> Lead {
        let first = self.take();
        let indent = self.lines[first].indent;
        let raw = self.lines[first].text.clone();
        let mut text = match raw.find('■') {
            Some(at) => raw[at + '■'.len_utf8()..].trim().to_string(),
            None => raw.trim().to_string(),
        };
        while self.dialect == Dialect::Layout {
            let Some(index) = self.current() else { break };
            let line = &self.lines[index];
            let plain_line = self.glyph(index).is_none() && matches!(self.classify(index), Kind::Bullet(0, false, _));
            // A lead that ends in its date is whole.
            let dated = lead_of(vec![Span::Text(text.clone())]).date.is_some();
            if line.is_blank() || dated || line.indent < indent || !plain_line || !self.wraps(index - 1) {
                break;
            }
            let next = line.text.clone();
            self.take();
            text = inline::join_wrapped(&text, &next);
        }
        lead_of(inline::rich(&text, self.dialect))
    }

    /// A list of bullets, nested by glyph and indentation; with its first and last line index.
    pub fn bullets(&mut self, stops: Stops, owner: Option<&Slug>) -> (Vec<Bullet>, usize, usize) {
        let mut items: Vec<Item> = Vec::new();
        let start = self.pos;
        while let Some(index) = self.current() {
            if self.lines[index].is_blank() || self.used[index] {
                if self.dialect == Dialect::Layout || items.is_empty() {
                    break;
                }
                // Markdown: a blank line inside a list does not end it.
                match self.next_text(index) {
                    Some(next) if !self.stops_at(next, stops) && matches!(self.classify(next), Kind::Bullet(..)) => {
                        self.pos = next;
                        continue;
                    }
                    _ => break,
                }
            }
            if self.stops_at(index, stops) {
                break;
            }
            let line = self.lines[index].clone();
            let kind = self.classify(index);
            match kind {
                Kind::Bullet(rank, glyph, rest) => {
                    // A note inside a list (`※ …`, `* …`) is an item of the level it is set
                    // at: that of the last item no further indented.
                    let noted = self.dialect == Dialect::Layout && !glyph && rest.starts_with(['*', '※']);
                    let rank = if noted {
                        let level = items.iter().rev().find(|item| item.indent <= line.indent);
                        level.map_or(0, |item| item.rank)
                    } else {
                        rank
                    };
                    if let Some(item) = items.last_mut().filter(|_| !noted) {
                        let hanging = item.glyph && line.indent >= item.indent + 2;
                        let wrapped = !item.glyph
                            && !glyph
                            && line.indent + 1 >= item.indent
                            && line.indent <= item.indent + 1
                            && self.wraps(item.last);
                        if self.dialect == Dialect::Layout && !glyph && (hanging || wrapped) {
                            self.take();
                            item.text = inline::join_wrapped(&item.text, &rest);
                            item.last = index;
                            continue;
                        }
                    }
                    self.take();
                    items.push(Item {
                        rank,
                        glyph,
                        indent: line.indent,
                        text: rest,
                        first: index,
                        last: index,
                    });
                }
                Kind::Lead => {
                    // A ■ line after the lead is kept as a bullet.
                    self.take();
                    items.push(Item {
                        rank: 0,
                        glyph: true,
                        indent: line.indent,
                        text: line.text.clone(),
                        first: index,
                        last: index,
                    });
                }
                Kind::Text
                    if self.dialect == Dialect::Markdown
                        && !items.is_empty()
                        && index == items.last().map_or(0, |item| item.last + 1) =>
                {
                    // A line under a list item without a blank line goes on with it.
                    self.take();
                    if let Some(item) = items.last_mut() {
                        item.text = format!("{} {}", item.text, line.text);
                        item.last = index;
                    }
                }
                _ => break,
            }
        }
        let first = items.first().map_or(start, |item| item.first);
        let last = items.last().map_or(start, |item| item.last);
        let mut empty = Vec::new();
        let tree = nest(&items, self.dialect, |item| {
            let text = inline::rich(&item.text, self.dialect);
            if text.is_empty() {
                empty.push((item.first, item.last));
            }
            text
        });
        for (first, last) in empty {
            let anchor = Anchor::Near(owner.cloned());
            self.note(first, last, anchor, "a bullet glyph with no text after it; left out");
        }
        (tree, first, last)
    }

    /// A paragraph: one line, or (layout) the lines a wrap joins.
    fn paragraph(&mut self, stops: Stops) -> (RichText, usize) {
        let first = self.take();
        let mut text = self.lines[first].text.clone();
        let mut last = first;
        let mut hard = self.lines[first].hard_break;
        while let Some(index) = self.current() {
            let line = &self.lines[index];
            if line.is_blank() || self.stops_at(index, stops) {
                break;
            }
            let goes_on = match self.dialect {
                Dialect::Markdown => hard || self.classify(index) == Kind::Text,
                Dialect::Layout => self.wraps(last) && self.classify(index) == Kind::Text,
            };
            if !goes_on {
                break;
            }
            let next = line.text.clone();
            hard = line.hard_break;
            self.take();
            text = match self.dialect {
                Dialect::Markdown => format!("{text} {next}"),
                Dialect::Layout => inline::join_wrapped(&text, &next),
            };
            last = index;
        }
        (inline::rich(&text, self.dialect), last)
    }

    /// A note: the text after `*` or `※`, over one line or (layout) several.
    fn note_block(&mut self) -> RichText {
        let first = self.take();
        let raw = self.lines[first].text.clone();
        let rest = raw
            .strip_prefix("\\*")
            .or_else(|| raw.strip_prefix('*'))
            .or_else(|| raw.strip_prefix('※'))
            .unwrap_or(&raw)
            .trim()
            .to_string();
        let mut text = rest;
        let mut last = first;
        while self.dialect == Dialect::Layout {
            let Some(index) = self.current() else { break };
            let line = &self.lines[index];
            if line.is_blank() || line.indent > 0 || !self.wraps(last) || self.classify(index) != Kind::Text {
                break;
            }
            let next = line.text.clone();
            self.take();
            text = inline::join_wrapped(&text, &next);
            last = index;
        }
        inline::rich(&text, self.dialect)
    }

    /// A source line's text after `출처:`, with an address on the next line added to it.
    fn source(&mut self) -> RichText {
        let first = self.take();
        let raw = self.lines[first].text.clone();
        let rest = source_rest(&raw, self.dialect).unwrap_or_default();
        let mut spans = Spans::default();
        spans.extend(inline::rich(&rest, self.dialect));
        let mut text = spans.finish();
        let has_link = text.iter().any(|span| matches!(span, Span::Link { .. }));
        if !has_link {
            if let Some(next) = self.next_text(self.pos) {
                if let Some(url) = url_only(&self.lines[next].text, self.dialect) {
                    // Only across blank lines: the address of a source is printed under it.
                    self.pos = next;
                    self.take();
                    let mut spans = Spans::default();
                    spans.extend(text);
                    spans.text(" ");
                    spans.link(url.as_str(), url.clone());
                    text = spans.finish();
                }
            }
        }
        text
    }

    /// The references after `참고자료`, to the next stop: a title with its address on the same
    /// line, the next line, or after blank lines; a title without an address is kept as it is.
    fn references(&mut self, stops: Stops) -> Vec<Reference> {
        let mut references: Vec<(Reference, usize)> = Vec::new();
        loop {
            self.skip_blank();
            let Some(index) = self.current() else { break };
            if self.stops_at(index, stops) {
                break;
            }
            let line = self.lines[index].clone();
            let raw = match self.glyph(index) {
                Some((_, _, rest)) if self.dialect == Dialect::Markdown => rest,
                _ => line.text.clone(),
            };
            let raw = strip_reference_glyph(&raw);
            if matches!(
                self.classify(index),
                Kind::Caption(_) | Kind::Source | Kind::Lead | Kind::TabRow
            ) && url_only(&raw, self.dialect).is_none()
                && !references.is_empty()
            {
                break;
            }
            self.take();
            if let Some(url) = url_only(&raw, self.dialect) {
                match references.last_mut() {
                    Some((reference, _)) if reference.url.is_none() => reference.url = Some(url),
                    _ => references.push((
                        Reference {
                            title: url.as_str().to_string(),
                            url: Some(url),
                        },
                        index,
                    )),
                }
                continue;
            }
            // A title that goes on from the line before (layout, wrapped).
            if self.dialect == Dialect::Layout {
                if let Some((reference, last)) = references.last_mut() {
                    if reference.url.is_none() && *last + 1 == index && self.wraps(*last) {
                        reference.title = inline::join_wrapped(&reference.title, &inline::plain(&raw, self.dialect));
                        *last = index;
                        continue;
                    }
                }
            }
            let spans = inline::rich(&raw, self.dialect);
            let (title, url) = split_reference(&spans);
            if title.is_empty() && url.is_none() {
                continue;
            }
            let title = if title.is_empty() {
                url.as_ref().map_or(String::new(), |url| url.as_str().to_string())
            } else {
                title
            };
            references.push((Reference { title, url }, index));
        }
        references.into_iter().map(|(reference, _)| reference).collect()
    }
}

/// The last bullet of a list, nested ones included.
fn last_bullet(bullets: &mut [Bullet]) -> Option<&mut Bullet> {
    let last = bullets.last_mut()?;
    if last.children.is_empty() {
        return Some(last);
    }
    last_bullet(&mut last.children)
}

/// Nests bullets: a higher glyph rank, or the same glyph indented further, is a child.
fn nest(items: &[Item], dialect: Dialect, mut text: impl FnMut(&Item) -> RichText) -> Vec<Bullet> {
    // The path of open bullets: (rank, indent) of each level.
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut roots: Vec<Bullet> = Vec::new();
    let step = match dialect {
        Dialect::Markdown => 1,
        Dialect::Layout => 2,
    };
    for item in items {
        let body = text(item);
        if body.is_empty() {
            continue;
        }
        while let Some(&(rank, indent)) = stack.last() {
            if item.rank > rank || (item.rank == rank && item.indent >= indent + step) {
                break;
            }
            stack.pop();
            if item.rank == rank && item.indent + step > indent {
                break;
            }
        }
        let depth = stack.len().min(bulletin::parse::MAX_BULLET_DEPTH - 1);
        stack.truncate(depth);
        stack.push((item.rank, item.indent));
        let mut level = &mut roots;
        for _ in 0..depth {
            if level.is_empty() {
                break;
            }
            let last = level.len() - 1;
            level = &mut level[last].children;
        }
        level.push(Bullet {
            text: body,
            children: Vec::new(),
        });
    }
    roots
}

/// A bullet glyph at the start of `text`: its rank and the text after it.
fn strip_glyph(text: &str) -> Option<(u8, &str)> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rank = match first {
        '○' | '●' | '◦' | '•' | '▪' | '◎' | '◆' | '◇' | '❍' | '⦁' => 0,
        '-' | '–' | '—' | '‐' | '−' => 1,
        '·' | '∙' | '‧' | '・' => 2,
        _ => return None,
    };
    let rest = chars.as_str();
    // A hyphen or a dot is a glyph only before a space (`-3%` and `·인지` are text).
    if (rank > 0 || first == '•') && !rest.starts_with(' ') {
        return None;
    }
    Some((rank, rest.trim_start()))
}

/// `1) 도시 간 충전망`, `(2) …`, `가. …`: a short numbered sub-heading.
fn is_sub_heading(text: &str) -> bool {
    if text.chars().count() > 40 {
        return false;
    }
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &text[digits.len()..];
        return rest.starts_with(") ") && rest.len() > 2;
    }
    if let Some(rest) = text.strip_prefix('(') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return !digits.is_empty() && digits.len() <= 2 && rest[digits.len()..].starts_with(") ");
    }
    false
}

/// `〈caption〉` or `<caption>` (not an address) on a line of its own: the caption inside.
pub fn caption(plain: &str) -> Option<String> {
    let text = plain.trim();
    let inner = if let Some(inner) = text.strip_prefix('〈').and_then(|rest| rest.strip_suffix('〉')) {
        inner
    } else if let Some(inner) = text.strip_prefix('<').and_then(|rest| rest.strip_suffix('>')) {
        if inner.contains("://") {
            return None;
        }
        inner
    } else {
        return None;
    };
    let inner = inline::squash(inner);
    (!inner.is_empty() && !inner.contains(['〈', '〉'])).then_some(inner)
}

/// The text of a source line after `출처:` (`* 출처 :`, `※ 출처:`, `Source:`), raw.
fn source_rest(raw: &str, dialect: Dialect) -> Option<String> {
    let text = raw.trim_start();
    let text = text
        .strip_prefix("\\*")
        .or_else(|| text.strip_prefix('*'))
        .or_else(|| text.strip_prefix('※'))
        .unwrap_or(text);
    let text = match dialect {
        Dialect::Markdown => text.strip_prefix("- ").unwrap_or(text),
        Dialect::Layout => text,
    };
    let text = text.trim_start();
    for keyword in ["출처", "자료", "Source", "Sources"] {
        if let Some(rest) = text.strip_prefix(keyword) {
            let rest = rest.trim_start();
            if let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
                let rest = rest.trim();
                return (!rest.is_empty()).then(|| rest.to_string());
            }
        }
    }
    None
}

/// The address a line holds when it holds nothing else.
fn url_only(raw: &str, dialect: Dialect) -> Option<bulletin::model::HttpUrl> {
    match inline::rich(raw, dialect).as_slice() {
        [Span::Link { text, url }] if text == url.as_str() => Some(url.clone()),
        _ => None,
    }
}

/// A reference's printed glyph (`☑`, `☞`) taken off.
fn strip_reference_glyph(raw: &str) -> String {
    raw.trim_start_matches(['☑', '☞', '□', '▶', '▷', '◈', '■', '✓', ' '])
        .trim()
        .to_string()
}

/// A reference line's title and address: `[title](url)`, `title url`, or a title alone.
fn split_reference(spans: &RichText) -> (String, Option<bulletin::model::HttpUrl>) {
    let links: Vec<&Span> = spans.iter().filter(|span| matches!(span, Span::Link { .. })).collect();
    if let [Span::Link { text, url }] = links.as_slice() {
        let rest: String = spans
            .iter()
            .filter_map(|span| match span {
                Span::Text(run) | Span::Strong(run) => Some(run.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let rest = inline::squash(&rest);
        if rest.is_empty() {
            return (text.clone(), Some(url.clone()));
        }
        if text == url.as_str() {
            return (rest, Some(url.clone()));
        }
    }
    (inline::squash(&bulletin::model::plain_text(spans)), None)
}

/// A lead's text with its trailing `(6.19)` read as its date; a lead that starts with bold
/// text or a link gets the empty first run the parser gives it.
pub fn lead_of(text: RichText) -> Lead {
    let mut text = text;
    let mut date = None;
    if let Some(Span::Text(last)) = text.last_mut() {
        let trimmed = last.trim_end();
        if let Some(open) = trimmed.rfind('(') {
            if let Some(found) = trimmed[open + 1..].strip_suffix(')').and_then(month_day) {
                let kept = trimmed[..open].trim_end().to_string();
                *last = kept;
                date = Some(found);
            }
        }
        if last.is_empty() {
            text.pop();
        }
    }
    if matches!(text.first(), Some(Span::Strong(_) | Span::Link { .. })) {
        text.insert(0, Span::Text(String::new()));
    }
    Lead { text, date }
}

/// `6.19` or `06.12` as a month and a day.
pub fn month_day(text: &str) -> Option<MonthDay> {
    let (month, day) = text.trim().split_once('.')?;
    let month: u8 = month.trim().parse().ok()?;
    let day: u8 = day.trim().trim_end_matches('.').parse().ok()?;
    Some(MonthDay { month, day }).filter(|date| date.is_valid())
}

/// A source or note that belongs to the table or figure right before it, if there is one.
enum Attached {
    Source(RichText),
    Note(RichText),
}

/// Puts a source or note under the table or figure it follows, or in the body on its own.
fn attach_or_push(blocks: &mut Vec<(Block, (usize, usize))>, attached: Attached, lines: (usize, usize)) {
    let empty = match &attached {
        Attached::Source(text) | Attached::Note(text) => text.is_empty(),
    };
    if empty {
        return;
    }
    if let Some((block, (_, last))) = blocks.last_mut() {
        let target = match block {
            Block::Table(table) => Some((&mut table.sources, &mut table.notes)),
            Block::Figure(figure) => Some((&mut figure.sources, &mut figure.notes)),
            _ => None,
        };
        if let Some((sources, notes)) = target {
            match attached {
                Attached::Source(text) => sources.push(text),
                Attached::Note(text) => notes.push(text),
            }
            *last = lines.1;
            return;
        }
    }
    let block = match attached {
        Attached::Source(text) => Block::Source(text),
        Attached::Note(text) => Block::Note(text),
    };
    blocks.push((block, lines));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_and_entry_numbers() {
        assert_eq!(
            numeral("II 기술동향"),
            Some((2, "II".to_string(), "기술동향".to_string()))
        );
        assert_eq!(numeral("Ⅲ"), Some((3, "III".to_string(), String::new())));
        assert_eq!(numeral("In 2023"), None);
        assert_eq!(
            entry_number("01 기술전략"),
            Some((1, "01".to_string(), "기술전략".to_string()))
        );
        assert_eq!(entry_number("01"), Some((1, "01".to_string(), String::new())));
        assert_eq!(entry_number("2023년"), None);
        assert_eq!(entry_number("1 선전"), None);
    }

    #[test]
    fn glyphs_rank_the_bullets() {
        assert_eq!(strip_glyph("○ 항목"), Some((0, "항목")));
        assert_eq!(strip_glyph("– 항목"), Some((1, "항목")));
        assert_eq!(strip_glyph("· 항목"), Some((2, "항목")));
        assert_eq!(strip_glyph("-3% 감소"), None);
        assert_eq!(strip_glyph("·인지에서"), None);
    }

    #[test]
    fn captions_sources_and_sub_headings() {
        assert_eq!(
            caption("〈 충쭈(重塑)에너지사 수소연료 배터리 생산라인 〉").as_deref(),
            Some("충쭈(重塑)에너지사 수소연료 배터리 생산라인")
        );
        assert_eq!(
            caption("<14·5 ‘디지털 전환 프로젝트’ 개요>").as_deref(),
            Some("14·5 ‘디지털 전환 프로젝트’ 개요")
        );
        assert_eq!(caption("<http://example.com>"), None);
        assert_eq!(
            source_rest("\\* 출처 : <https://a.example>", Dialect::Markdown).as_deref(),
            Some("<https://a.example>")
        );
        assert_eq!(
            source_rest("출처: 지무신문망 (06.12)", Dialect::Layout).as_deref(),
            Some("지무신문망 (06.12)")
        );
        assert!(is_sub_heading("1) 도시 간 충전망"));
        assert!(!is_sub_heading("1)"));
        assert!(!is_sub_heading(
            "2023년 1) 이후 매우 긴 문장이 이어지고 계속 이어져서 제목일 수 없는 길이의 문장"
        ));
    }

    #[test]
    fn leads_keep_their_date_apart() {
        let lead = lead_of(vec![Span::Text("충전 인프라 체계 구축 (6.19)".to_string())]);
        assert_eq!(lead.date, Some(MonthDay { month: 6, day: 19 }));
        assert_eq!(lead.text, [Span::Text("충전 인프라 체계 구축".to_string())]);
        let bold = lead_of(vec![Span::Strong("굵게".to_string()), Span::Text(" 시작".to_string())]);
        assert_eq!(bold.text.first(), Some(&Span::Text(String::new())));
    }
}
