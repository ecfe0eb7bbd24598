//! The input as lines: decoding, the two dialects converters produce, and page furniture.
//!
//! A PDF-to-Markdown converter gives headings (`## 01`), list items (`- …`, nested by
//! indentation), tab-separated table rows and escapes (`\*`); `pdftotext -layout` gives
//! plain lines placed where they were printed, form feeds between pages, tables as columns
//! of text separated by runs of spaces, and lines wrapped at the page's width. [`Dialect`]
//! says which one a text is; [`Line`] keeps each line's number in the input, its indentation
//! and its text with a Markdown heading marker taken off.
//!
//! Page furniture is what a page carries that is not the text: page numbers and
//! running heads at the top or bottom of a page, and the reader's own print furniture (the
//! figure placeholder, each chart's caption repeated under its table, and the chart itself
//! where it printed as SVG). [`furniture`] finds it; the importer lists it rather than
//! placing it.

use super::ImportError;

/// Which kind of converter wrote the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// PDF-to-Markdown: headings, list items and escapes mean what Markdown says.
    Markdown,
    /// `pdftotext -layout`: plain lines at their printed indentation, wrapped at the page width.
    Layout,
}

/// One line of the input.
#[derive(Clone, Debug)]
pub struct Line {
    /// Its 1-based number in the input.
    pub number: usize,
    /// Leading spaces (a tab counts as four).
    pub indent: usize,
    /// The text without its indentation, trailing spaces and (in Markdown) heading marker.
    pub text: String,
    /// The Markdown heading level (`## x` is 2), when the line is a heading.
    pub heading: Option<u8>,
    /// A form feed (a page break) came right before it.
    pub page_break: bool,
    /// It ended in two spaces, Markdown's line break: the next line belongs to the same block.
    pub hard_break: bool,
}

impl Line {
    /// Whether the line holds no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The most of the input that is read; beyond it, the text is refused rather than read for
/// minutes. An issue's text is about 40 KB.
pub const MAX_INPUT: usize = 64 * 1024 * 1024;

/// The input as text: refused when empty, when it is binary data or not UTF-8, or too large.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_INPUT {
        return Err(ImportError::new(format!(
            "the input is {} bytes; an issue's text is well under 1 MB, and more than {} MB is not read",
            bytes.len(),
            MAX_INPUT / (1024 * 1024)
        )));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.valid_up_to();
            return Err(ImportError::new(if looks_binary(bytes) {
                format!("the input is binary data, not text (an invalid UTF-8 sequence at byte {at}); give the text pdftotext or a PDF-to-Markdown converter wrote")
            } else {
                format!("the input is not UTF-8 text: an invalid byte sequence at byte {at}; convert it to UTF-8 first")
            }));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if looks_binary(text.as_bytes()) {
        return Err(ImportError::new(
            "the input is binary data, not text (it holds NUL bytes or many control characters)",
        ));
    }
    if text.trim().is_empty() {
        return Err(ImportError::new("the input is empty: there is no text to import"));
    }
    Ok(text.to_string())
}

/// NUL bytes, or more than one byte in a hundred a control character that text does not use.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|byte| byte.is_ascii_control() && !matches!(byte, b'\n' | b'\r' | b'\t' | b'\x0c'))
        .count();
    controls * 100 > bytes.len().max(1)
}

/// The text's lines, numbered from 1, with control characters other than tabs removed.
pub fn split(text: &str, dialect: Dialect) -> Vec<Line> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let page_break = raw.contains('\u{c}');
        let cleaned: String = raw
            .chars()
            .filter(|c| *c == '\t' || !c.is_control())
            .map(|c| if c == '\u{a0}' || c == '\u{3000}' { ' ' } else { c })
            .collect();
        let hard_break = dialect == Dialect::Markdown && cleaned.ends_with("  ") && !cleaned.trim().is_empty();
        let trimmed_end = cleaned.trim_end();
        let body = trimmed_end.trim_start_matches([' ', '\t']);
        let indent = trimmed_end[..trimmed_end.len() - body.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let (heading, body) = match dialect {
            Dialect::Markdown => heading_marker(body),
            Dialect::Layout => (None, body),
        };
        lines.push(Line {
            number: index + 1,
            indent,
            text: body.to_string(),
            heading,
            page_break,
            hard_break,
        });
    }
    lines
}

/// `## text` gives `(Some(2), "text")`.
fn heading_marker(body: &str) -> (Option<u8>, &str) {
    let hashes = body.bytes().take_while(|byte| *byte == b'#').count();
    if (1..=6).contains(&hashes) {
        let rest = &body[hashes..];
        if rest.is_empty() {
            return (Some(hashes as u8), "");
        }
        if let Some(rest) = rest.strip_prefix([' ', '\t']) {
            let rest = rest.trim();
            // A closing sequence of hashes is part of the marker.
            let rest = rest.trim_end_matches('#').trim_end();
            return (Some(hashes as u8), rest);
        }
    }
    (None, body)
}

/// Which converter wrote `text`: Markdown when headings or Markdown escapes and tables are
/// there, layout otherwise.
pub fn dialect(text: &str) -> Dialect {
    let mut headings = 0usize;
    let mut tab_rows = 0usize;
    let mut escapes = 0usize;
    for line in text.lines().take(20_000) {
        let body = line.trim_start();
        if body.starts_with("# ") || body.starts_with("## ") || body.starts_with("### ") || body.starts_with("#### ") {
            headings += 1;
        }
        if line.contains('\t') && !line.trim().is_empty() {
            tab_rows += 1;
        }
        if body.starts_with("\\* ") || line.contains("](http") || line.contains("<http") {
            escapes += 1;
        }
    }
    if headings >= 2 || (tab_rows >= 2 && escapes >= 1) || escapes >= 3 {
        Dialect::Markdown
    } else {
        Dialect::Layout
    }
}

/// How wide a text prints, in units of half an em: a Hangul syllable or a Chinese character
/// is two, a Latin letter or a digit about one, a space less than half. Good enough to tell a line that was wrapped
/// at the page's edge from one that ended there.
pub fn width(text: &str) -> f32 {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> f32 {
    if is_wide(c) {
        return 2.0;
    }
    // Advance widths of a common sans-serif face, in thousandths of an em (Helvetica's), for
    // the Latin letters, digits and punctuation that Korean text borrows; the space is the
    // narrower one of Korean faces.
    const LOWER: [u16; 26] = [
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500,
        722, 500, 500, 500,
    ];
    const UPPER: [u16; 26] = [
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667,
        944, 667, 667, 611,
    ];
    let thousandths: u16 = match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
        '0'..='9' => 556,
        ' ' => 225,
        '.' | ',' | ':' | ';' | '/' | '!' | '[' | ']' | '·' => 278,
        '(' | ')' | '-' | '“' | '”' => 333,
        '\'' => 191,
        '‘' | '’' => 222,
        '"' => 355,
        '*' => 389,
        '?' | '#' | '–' => 556,
        '+' | '~' | '=' => 584,
        '&' => 667,
        '%' => 889,
        '—' => 1000,
        _ => 700,
    };
    f32::from(thousandths) / 500.0
}

/// The first piece of `text` a line break could not split: up to a space, before a
/// parenthesis that follows Hangul or a Chinese character, or after a hyphen before a letter
/// (where print that keeps Korean words whole may still break).
pub fn first_piece(text: &str) -> &str {
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == ' ' || (c == '(' && previous.is_some_and(is_wide)) {
            return &text[..at];
        }
        if c == '-' && chars.peek().is_some_and(|(_, next)| !next.is_ascii_digit()) {
            return &text[..at + c.len_utf8()];
        }
        previous = Some(c);
    }
    text
}

/// Whether a character prints two columns wide: Hangul, CJK ideographs and punctuation,
/// fullwidth forms.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}')
}

/// Whether `c` is a Hangul syllable.
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// What a line of page furniture is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Furniture {
    /// A page number at the top or bottom of a page.
    PageNumber,
    /// A line repeated at the top or bottom of many pages.
    RunningHead,
    /// The reader's placeholder for a figure's image, in its print.
    FigurePlaceholder,
    /// The reader's caption of a chart, which repeats its table's caption in print.
    ChartCaption,
    /// The text of a chart the reader printed as SVG (before its canvas was drawn, or with
    /// scripting off): labels, values, legend and axes, all of them its table's again.
    ChartText,
}

impl Furniture {
    /// How the review list names it.
    pub fn describe(self) -> &'static str {
        match self {
            Furniture::PageNumber => "page numbers",
            Furniture::RunningHead => "running heads repeated on the pages",
            Furniture::FigurePlaceholder => "the reader's placeholder for a figure's missing image",
            Furniture::ChartCaption => "the reader's chart captions (each repeats its table's caption)",
            Furniture::ChartText => {
                "the labels, values and axes of the reader's charts printed as SVG (each repeats its table)"
            }
        }
    }
}

/// The reader's placeholder where a figure's image would be (src/i18n.rs), in both languages.
const FIGURE_PLACEHOLDERS: [&str; 2] = [
    "이 판에는 그림 이미지가 포함되어 있지 않습니다.",
    "The image of this figure is not included in this edition.",
];

/// The label the reader prints before a chart's caption (src/i18n.rs), in both languages.
const CHART_LABELS: [&str; 2] = ["그래프:", "Chart:"];

/// Finds page furniture: returns, for each line index, what furniture it is, if any.
pub fn furniture(lines: &[Line]) -> Vec<Option<Furniture>> {
    let mut found = edges_and_labels(lines);
    let captions: Vec<usize> = (0..lines.len())
        .filter(|&index| found[index] == Some(Furniture::ChartCaption))
        .collect();
    for caption in captions {
        for index in chart_text(lines, caption) {
            found[index].get_or_insert(Furniture::ChartText);
        }
    }
    found
}

/// Page numbers, running heads and the lines the reader labels (figure placeholders and chart
/// captions), for each line index.
fn edges_and_labels(lines: &[Line]) -> Vec<Option<Furniture>> {
    let mut found = vec![None; lines.len()];
    for (index, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        if FIGURE_PLACEHOLDERS
            .iter()
            .any(|placeholder| text.ends_with(placeholder))
        {
            found[index] = Some(Furniture::FigurePlaceholder);
        } else if CHART_LABELS.iter().any(|label| {
            text.strip_prefix(label)
                .is_some_and(|rest| rest.trim_start().starts_with('〈'))
        }) {
            found[index] = Some(Furniture::ChartCaption);
        }
    }
    // Page boundaries: the first and last lines with text of each page.
    let pages = page_edges(lines);
    if pages.len() < 2 {
        // One page: only a page number at its end is furniture.
        if let Some((_, Some(last))) = pages.first() {
            if found[*last].is_none() && is_page_number(&lines[*last].text) {
                found[*last] = Some(Furniture::PageNumber);
            }
        }
        return found;
    }
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &(first, last) in &pages {
        for index in [first, last].into_iter().flatten() {
            *counts.entry(shape(&lines[index].text)).or_default() += 1;
        }
    }
    let repeated = |text: &str| counts.get(&shape(text)).copied().unwrap_or(0) >= 3.max(pages.len() / 2);
    // A bare number (`4`, as an entry's `04` could be) is a page number only where the pages'
    // numbers at the same edge go up one a page.
    let counts_up = |edge: fn(&PageEdges) -> Option<usize>| {
        let numbers: Vec<(usize, i64)> = pages
            .iter()
            .enumerate()
            .filter_map(|(page, edges)| {
                let index = edge(edges)?;
                let text = lines[index].text.trim();
                let value: i64 = text.parse().ok().filter(|_| is_page_number(text))?;
                Some((page, value - page as i64))
            })
            .collect();
        numbers.len() >= 2 && numbers.windows(2).all(|pair| pair[0].1 == pair[1].1)
    };
    let bare_tops = counts_up(|edges| edges.0);
    let bare_bottoms = counts_up(|edges| edges.1);
    for &(first, last) in &pages {
        for (index, bare_allowed) in [(first, bare_tops), (last, bare_bottoms)] {
            let Some(index) = index else { continue };
            let text = lines[index].text.as_str();
            if found[index].is_some() {
                continue;
            }
            let bare = text.trim().bytes().all(|byte| byte.is_ascii_digit());
            if is_page_number(text) && (!bare || bare_allowed) {
                found[index] = Some(Furniture::PageNumber);
            } else if repeated(text) && text.chars().count() <= 60 && !bare {
                found[index] = Some(Furniture::RunningHead);
            }
        }
    }
    found
}

/// How far above its chart's caption the reader's print of a table may start, in lines.
const TABLE_REACH: usize = 400;

/// The lines of the chart whose caption (`그래프: 〈X〉`) is at `caption` that the reader printed
/// as SVG: those after the caption whose every word is a number or a word of its table (the
/// lines from the table's own caption, `〈X〉`, to the chart's), or a word's beginning cut
/// short with `…`. They end at the first line with any other word, or at a page break (a
/// chart is not split across pages). Where the table's caption is not found, none are.
fn chart_text(lines: &[Line], caption: usize) -> Vec<usize> {
    let text = lines[caption].text.as_str();
    let Some(title) = text.find('〈').map(|at| text[at..].trim_end()) else {
        return Vec::new();
    };
    let Some(table) = (caption.saturating_sub(TABLE_REACH)..caption)
        .rev()
        .find(|&index| lines[index].text.trim() == title)
    else {
        return Vec::new();
    };
    let words: std::collections::HashSet<&str> = lines[table..caption]
        .iter()
        .flat_map(|line| pieces(&line.text))
        .map(|(piece, _)| piece)
        .collect();
    let known = |(piece, cut): (&str, bool)| {
        piece.chars().all(|c| c.is_ascii_digit())
            || words.contains(piece)
            || (cut && words.iter().any(|word| word.starts_with(piece)))
    };
    let mut chart = Vec::new();
    for (index, line) in lines.iter().enumerate().skip(caption + 1) {
        if line.page_break {
            break;
        }
        if line.is_blank() {
            continue;
        }
        if !pieces(&line.text).all(known) {
            break;
        }
        chart.push(index);
    }
    chart
}

/// The words of `text` split at every character that is not a letter or a digit, each with
/// whether `…` follows it (a chart's label cut short).
fn pieces(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        rest = &rest[start..];
        let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some((piece, after.starts_with('…')))
    })
}

/// The index of a page's first and last line with text.
type PageEdges = (Option<usize>, Option<usize>);

/// For each page (pages end at form feeds), the index of its first and last line with text.
fn page_edges(lines: &[Line]) -> Vec<PageEdges> {
    let mut pages = Vec::new();
    let mut first = None;
    let mut last = None;
    for (index, line) in lines.iter().enumerate() {
        if line.page_break {
            pages.push((first, last));
            first = None;
            last = None;
        }
        if !line.is_blank() {
            first.get_or_insert(index);
            last = Some(index);
        }
    }
    pages.push((first, last));
    pages
}

/// A line's shape for spotting running heads: its digits as `#`, spaces collapsed.
fn shape(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// `12`, `- 12 -`, `12 / 40`, `p. 12`.
fn is_page_number(text: &str) -> bool {
    let core = text.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let core = core.strip_prefix("p.").map_or(core, str::trim_start);
    if core.is_empty() {
        return false;
    }
    let mut parts = core.splitn(2, '/');
    let head = parts.next().unwrap_or("").trim();
    let tail = parts.next().map(str::trim);
    let digits = |part: &str| !part.is_empty() && part.len() <= 4 && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(head) && tail.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_empty_inputs_are_refused_with_a_reason() {
        let message = |bytes: &[u8]| decode(bytes).err().map(|error| error.to_string()).unwrap_or_default();
        assert!(message(b"").contains("empty"), "{}", message(b""));
        assert!(message(b"  \n\t\n").contains("empty"));
        assert!(message(b"\x00\x01\x02abc").contains("binary"));
        assert!(message(&[0xff, 0xfe, 0x41]).contains("binary") || message(&[0xff, 0xfe, 0x41]).contains("UTF-8"));
        assert!(message("ab\u{c0}".as_bytes()).is_empty(), "valid UTF-8 passes");
        assert_eq!(decode("\u{FEFF}텍스트".as_bytes()).ok().as_deref(), Some("텍스트"));
    }

    #[test]
    fn markdown_lines_lose_their_heading_marker() {
        let lines = split("## 01\n### ■ 리드 (6.19)\n- 항목  \n\u{c}다음 쪽", Dialect::Markdown);
        assert_eq!((lines[0].heading, lines[0].text.as_str()), (Some(2), "01"));
        assert_eq!((lines[1].heading, lines[1].text.as_str()), (Some(3), "■ 리드 (6.19)"));
        assert!(lines[2].hard_break);
        assert!(lines[3].page_break);
        assert_eq!(lines[3].text, "다음 쪽");
    }

    #[test]
    fn layout_lines_keep_their_indentation() {
        let lines = split("   – 항목\n\tx", Dialect::Layout);
        assert_eq!((lines[0].indent, lines[0].text.as_str()), (3, "– 항목"));
        assert_eq!(lines[1].indent, 4);
    }

    #[test]
    fn the_dialect_is_told_by_markdown_syntax() {
        assert_eq!(dialect("# 제목\n\n## 01\n- 항목"), Dialect::Markdown);
        assert_eq!(dialect(" 요약\n   항목\nI 정책동향\n01 기술전략"), Dialect::Layout);
    }

    #[test]
    fn page_numbers_and_running_heads_at_page_edges_are_furniture() {
        let text = "머리\n본문 1\n- 1 -\n\u{c}머리\n본문 2\n- 2 -\n\u{c}머리\n본문 3\n- 3 -\n\u{c}그래프: 〈표〉\n끝";
        let lines = split(text, Dialect::Layout);
        let found = furniture(&lines);
        let kinds: Vec<(usize, Furniture)> = found
            .iter()
            .enumerate()
            .filter_map(|(index, kind)| kind.map(|kind| (lines[index].number, kind)))
            .collect();
        assert_eq!(
            kinds,
            [
                (1, Furniture::RunningHead),
                (3, Furniture::PageNumber),
                (4, Furniture::RunningHead),
                (6, Furniture::PageNumber),
                (7, Furniture::RunningHead),
                (9, Furniture::PageNumber),
                (10, Furniture::ChartCaption),
            ]
        );
    }

    #[test]
    fn a_chart_printed_as_svg_is_furniture_up_to_the_first_line_not_of_its_table() {
        let text = "〈지원현황〉\n구분 연구계획명                과제 수   금액\n 1  대기 미세먼지 독성과 건강효과   1   31.90\n                     2  탄소 기반 에너지 전환을 위한 촉매 과학   1   124.90\n합계   2   156.80\n\
                    그래프: 〈지원현황〉\n   대기 미세먼지 독성과 건강효과 31.90\n 탄소 기반 에너지 전환을 위한 촉… 124.90\n\
                    \n      0     50    100    150\n\n그 중 대기 연구는 1건\n";
        let lines = split(text, Dialect::Layout);
        let found = furniture(&lines);
        let marked = |kind| -> Vec<usize> {
            (0..lines.len())
                .filter(|&index| found[index] == Some(kind))
                .map(|index| lines[index].number)
                .collect()
        };
        assert_eq!(marked(Furniture::ChartCaption), [6]);
        assert_eq!(marked(Furniture::ChartText), [7, 8, 10]);
        // Without its table's caption above it, a chart's text is read as text: nothing lost.
        let orphan = split(&text.replacen("〈지원현황〉\n", "", 1), Dialect::Layout);
        let found = furniture(&orphan);
        assert!(!found.contains(&Some(Furniture::ChartText)), "{found:?}");
        // A label cut short must begin a word of the table.
        assert_eq!(
            chart_text(&split(&text.replace("촉…", "촉진…"), Dialect::Layout), 5),
            [6]
        );
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(width("가나"), 4.0);
        assert!(width("ab") < width("가나"));
    }
}
