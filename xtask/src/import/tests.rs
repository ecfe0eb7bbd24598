//! The importer on the real issue's text, on texts derived from it (renumbered, another date,
//! a table taken out, a table split elsewhere by a page break, a total that does not add up),
//! on layout text printed here from checked issues, and on bad input.
//!
//! The derived texts are made here from the real one, not committed. The layout printer below
//! sets an issue the way `pdftotext -layout` gives the reader's print (plain lines wrapped at
//! the page's width, bullets without their first-level glyph, columns separated by spaces,
//! form feeds and page numbers); the end-to-end test `tests/e2e/import.test.mjs` does the
//! same with Chromium's print and poppler's pdftotext.

use std::time::{Duration, Instant};

use bulletin::model::{Block, Bullet, Cell, ColumnKind, Issue, PartBody, RichText, Span};

use super::lines;
use super::{check, import, Draft, DraftLine, Options};
use crate::compare::{compare, Comparison};

/// The converter's text of the 2023-06-30 issue, as `/work/shared/bulletin` has it.
const SOURCE_TEXT: &str = include_str!("../../tests/fixtures/kostec-weekly-2023-06-30.source.txt");
/// The checked transcription of that issue.
const CHECKED: &str = include_str!("../../../bulletins/2023-06-30.md");
/// A small checked issue (another date, other words, a table with sub-figures).
const SMALL: &str = include_str!("../../../crates/bulletin/tests/fixtures/2023-07-07-small.md");

fn parsed(source: &str) -> Issue {
    match bulletin::parse::parse("checked.md", source) {
        Ok(parsed) => parsed.issue,
        Err(errors) => panic!("the checked source does not parse: {}", errors[0]),
    }
}

#[track_caller]
fn draft_of(text: &str) -> Draft {
    match import(text.as_bytes(), &Options::default()) {
        Ok(draft) => draft,
        Err(error) => panic!("no draft: {error}"),
    }
}

#[track_caller]
fn figure(comparison: &Comparison, key: &str) -> (usize, usize, usize) {
    let figure = comparison
        .figures
        .iter()
        .find(|figure| figure.key == key)
        .unwrap_or_else(|| panic!("no figure {key}"));
    (figure.identical, figure.expected, figure.found)
}

/// The draft passes check-bulletin, or fails only at lines its review list names.
#[track_caller]
fn assert_checks(draft: &Draft) {
    let errors = check(draft);
    let unnamed: Vec<String> = errors
        .iter()
        .filter(|(_, named)| !named)
        .map(|(error, _)| error.to_string())
        .collect();
    assert!(
        unnamed.is_empty(),
        "errors the review list does not name: {unnamed:#?}\n{}",
        draft.source
    );
}

/// The words of `line` (runs of two or more letters or digits), markup left out.
fn words(line: &str) -> Vec<String> {
    let mut text = String::new();
    let mut inside_tag = false;
    for c in line.chars() {
        match c {
            '<' if !inside_tag => inside_tag = true,
            '>' if inside_tag => inside_tag = false,
            _ if !inside_tag => text.push(c),
            _ => {}
        }
    }
    // An autolink's address is kept: it was inside `<…>`.
    for word in line.split(['<', '>']) {
        if word.starts_with("http") {
            text.push(' ');
            text.push_str(word);
        }
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// Every word of every input line with text is in the draft or in its review list.
#[track_caller]
fn assert_nothing_dropped(text: &str, draft: &Draft) {
    // Words that become the format's own syntax (`# 목차`, `Source:`, `References:`).
    const SYNTAX: [&str; 4] = ["CONTENTS", "출처", "참고자료", "Source"];
    let review: Vec<String> = draft.review.iter().map(ToString::to_string).collect();
    let haystack = format!("{}\n{}", draft.source.replace('\\', ""), review.join("\n"));
    let mut missing = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for word in words(line) {
            if !SYNTAX.contains(&word.as_str()) && !haystack.contains(&word) {
                missing.push(format!("line {}: {word:?} in {line:?}", number + 1));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "input words in neither the draft nor the review list:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_real_issue_meets_the_targets() {
    let draft = draft_of(SOURCE_TEXT);
    let checked = parsed(CHECKED);
    let comparison = compare(&draft.issue, &checked);
    let (identical, expected, _) = figure(&comparison, "prose");
    assert!(
        identical * 100 >= expected * 95,
        "prose blocks: {identical} of {expected}\n{}",
        comparison.report(20)
    );
    for key in ["captions", "sources", "references", "leads", "briefs"] {
        let (identical, expected, found) = figure(&comparison, key);
        assert_eq!(
            (identical, found),
            (expected, expected),
            "{key}\n{}",
            comparison.report(20)
        );
    }
    let (identical, expected, _) = figure(&comparison, "cells");
    assert!(
        identical * 100 >= expected * 80,
        "table cells: {identical} of {expected}\n{}",
        comparison.report(20)
    );
    assert_eq!(draft.issue.meta.date.iso(), "2023-06-30");
    assert_eq!(draft.issue.meta.publisher, "한중과학기술협력센터");
    assert_eq!(draft.issue.meta.notice, checked.meta.notice);
    assert_eq!(draft.issue.contents.len(), 2, "the contents are kept");
    assert_checks(&draft);
    assert_nothing_dropped(SOURCE_TEXT, &draft);
}

#[test]
fn the_real_issues_repairs_are_listed_with_their_lines() {
    let draft = draft_of(SOURCE_TEXT);
    let line_of = |needle: &str| {
        draft
            .source
            .lines()
            .position(|line| line.contains(needle))
            .map(|index| index + 1)
    };
    let joined = draft
        .review
        .iter()
        .find(|item| item.message.contains("에 건설"))
        .unwrap_or_else(|| panic!("{:#?}", draft.review));
    assert_eq!(joined.input, (166, 166));
    assert_eq!(
        Some(joined.draft),
        line_of("충전 인프라를 동시에 건설").map(DraftLine::At)
    );
    let repeated = draft
        .review
        .iter()
        .find(|item| item.message.contains("repeated \"터\""))
        .unwrap_or_else(|| panic!("{:#?}", draft.review));
    assert_eq!(repeated.input, (222, 222));
    assert!(
        draft.source.contains("**연간 25개의 외자 R&D센터**를 유치하고"),
        "{}",
        draft.source
    );
    let lead = draft
        .review
        .iter()
        .find(|item| item.message.contains("no ■"))
        .unwrap_or_else(|| panic!("{:#?}", draft.review));
    assert_eq!(lead.input, (333, 333));
}

/// The checked issue's table of 16 sectors, printed as two halves side by side, is one table.
#[test]
fn side_by_side_halves_are_stacked() {
    let draft = draft_of(SOURCE_TEXT);
    let table = draft
        .issue
        .tables()
        .find(|table| table.caption == "중소기업 디지털 전환 중점 분야")
        .unwrap_or_else(|| panic!("no table"));
    assert_eq!(table.columns.len(), 2);
    assert_eq!(table.rows.len(), 16);
    assert_eq!(table.columns[0].kind, ColumnKind::Ordinal);
    assert_eq!(table.rows[15].cells[1], Cell::Text("계측 제조업".to_string()));
}

/// Tables split by a page break (the header printed again) are one table, with their sub-figures
/// counted in the total.
#[test]
fn split_tables_are_joined_and_their_totals_checked() {
    let draft = draft_of(SOURCE_TEXT);
    let programs = draft
        .issue
        .tables()
        .find(|table| table.caption.contains("프로젝트별 지원현황"))
        .unwrap_or_else(|| panic!("no table"));
    assert_eq!(programs.rows.len(), 17);
    let kinds: Vec<ColumnKind> = programs.columns.iter().map(|column| column.kind).collect();
    assert_eq!(
        kinds,
        [
            ColumnKind::Ordinal,
            ColumnKind::Text,
            ColumnKind::Integer,
            ColumnKind::Decimal
        ]
    );
    assert_eq!(programs.columns[3].unit.as_deref(), Some("만 위안"));
    let total = programs.total.as_ref().unwrap_or_else(|| panic!("no total row"));
    assert_eq!(total.cells[2].shown(), "51,593");
    let plans = draft
        .issue
        .tables()
        .find(|table| table.caption.contains("중대 연구계획"))
        .unwrap_or_else(|| panic!("no table"));
    assert_eq!(plans.rows.len(), 27);
}

/// `## 0N` → `## 1N`: the articles of part I numbered from 11.
fn renumbered(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_part_one = false;
    for line in text.lines() {
        match line {
            "## I" => in_part_one = true,
            "## II" => in_part_one = false,
            _ => {}
        }
        let renumbered = match line.strip_prefix("## 0") {
            Some(rest) if in_part_one && rest.starts_with(|c: char| c.is_ascii_digit()) => format!("## 1{rest}"),
            _ => line.to_string(),
        };
        out.push(renumbered);
    }
    out.join("\n")
}

#[test]
fn a_renumbered_issue_keeps_its_numbers() {
    let text = renumbered(SOURCE_TEXT);
    assert_ne!(text, SOURCE_TEXT);
    let draft = draft_of(&text);
    let numbers: Vec<&str> = draft.issue.articles().map(|article| article.number.as_str()).collect();
    assert_eq!(numbers, ["11", "12", "13", "14", "15", "16", "01", "02"]);
    let comparison = compare(&draft.issue, &parsed(CHECKED));
    let (identical, expected, _) = figure(&comparison, "prose");
    assert_eq!(identical, expected, "{}", comparison.report(10));
    assert_checks(&draft);
}

#[test]
fn another_date_is_read_from_the_colophon_and_the_leads() {
    let text = SOURCE_TEXT
        .replace("2023. 6. 30", "2024. 1. 5")
        .replace("(6.19)", "(1.3)")
        .replace("(06.12)", "(01.02)");
    let draft = draft_of(&text);
    assert_eq!(draft.issue.meta.date.iso(), "2024-01-05");
    let ev = draft
        .issue
        .articles()
        .nth(1)
        .and_then(|article| article.lead.as_ref())
        .and_then(|lead| lead.date);
    assert_eq!(ev.map(|date| (date.month, date.day)), Some((1, 3)));
    let brief = draft.issue.briefs().next().and_then(|brief| brief.source.date);
    assert_eq!(brief.map(|date| (date.month, date.day)), Some((1, 2)));
    assert_checks(&draft);
    // Without a date anywhere, the import says how to give one.
    let undated = SOURCE_TEXT.replace("2023. 6. 30", "");
    let error = import(undated.as_bytes(), &Options::default())
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert!(error.contains("--date"), "{error}");
    let given = import(
        undated.as_bytes(),
        &Options {
            date: Some(bulletin::model::Date {
                year: 2023,
                month: 7,
                day: 14,
            }),
        },
    );
    assert_eq!(
        given.map(|draft| draft.issue.meta.date.iso()).ok().as_deref(),
        Some("2023-07-14")
    );
}

/// The input without the lines from the line holding `from` up to the one holding `to`.
fn without(text: &str, from: &str, to: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.contains(from))
        .unwrap_or_else(|| panic!("no {from:?}"));
    let end = start
        + lines[start..]
            .iter()
            .position(|line| line.contains(to))
            .unwrap_or_else(|| panic!("no {to:?}"));
    let mut kept: Vec<&str> = lines[..start].to_vec();
    kept.extend(&lines[end + 1..]);
    kept.join("\n")
}

#[test]
fn a_table_taken_out_leaves_the_others_whole() {
    let text = without(SOURCE_TEXT, "〈상하이 현대화 산업시스템 구도〉", "jfdaily.com");
    let draft = draft_of(&text);
    let checked = parsed(CHECKED);
    assert_eq!(draft.issue.tables().count(), checked.tables().count() - 1);
    let comparison = compare(&draft.issue, &checked);
    let removed = checked
        .table("shanghai-industry-system")
        .map_or(0, |table| table.rows.len() * table.columns.len());
    let (identical, expected, _) = figure(&comparison, "cells");
    assert_eq!(identical, expected - removed, "{}", comparison.report(10));
    let (identical, expected, _) = figure(&comparison, "prose");
    assert_eq!(identical, expected);
    assert_checks(&draft);
}

#[test]
fn a_table_split_elsewhere_is_joined_again() {
    // The page break moves from before row 6 to before row 12, and, in a second text, the
    // header is not printed again after it.
    let header = "구분\t프로젝트 명칭\t연구과제 수\t직접비 금액(만 위안)";
    let moved = SOURCE_TEXT
        .replacen(&format!("\n\n{header}\n6\t"), "\n6\t", 1)
        .replacen("\n12\t국가 중대", &format!("\n\n{header}\n12\t국가 중대"), 1);
    let bare = SOURCE_TEXT.replacen(&format!("\n\n{header}\n6\t"), "\n\n6\t", 1);
    for text in [moved, bare] {
        assert_ne!(text, SOURCE_TEXT);
        let draft = draft_of(&text);
        let table = draft.issue.tables().next().unwrap_or_else(|| panic!("no table"));
        assert_eq!(table.rows.len(), 17, "{}", draft.source);
        let comparison = compare(&draft.issue, &parsed(CHECKED));
        let (identical, expected, _) = figure(&comparison, "cells");
        assert_eq!(identical, expected, "{}", comparison.report(10));
        assert_checks(&draft);
    }
}

#[test]
fn a_total_that_does_not_add_up_is_kept_and_named() {
    let text = SOURCE_TEXT.replace("합계\t\t51,593\t3,269,921.35", "합계\t\t51,600\t3,269,921.35");
    assert_ne!(text, SOURCE_TEXT);
    let draft = draft_of(&text);
    let item = draft
        .review
        .iter()
        .find(|item| item.message.contains("total row"))
        .unwrap_or_else(|| panic!("{:#?}", draft.review));
    assert!(
        item.message.contains("51,600") && item.message.contains("51,593"),
        "{}",
        item.message
    );
    let DraftLine::At(line) = item.draft else {
        panic!("{item}")
    };
    assert_eq!(
        draft.source.lines().nth(line - 1),
        Some("| 합계 {total} |  | 51,600 | 3,269,921.35 |")
    );
    let errors = check(&draft);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].1, "the review list names the error: {}", errors[0].0);
}

/// An issue as `pdftotext -layout` gives the reader's print of it: wrapped at `width` (in
/// [`lines::width`]'s units), first-level bullets without a glyph, tables in columns, a page
/// number and a form feed every `page` lines.
fn layout_print(issue: &Issue, width: f32, page: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    out.push(format!(" {} {}", issue.meta.series, issue.meta.date.printed()));
    out.push(String::new());
    if !issue.summary.is_empty() {
        out.push(" 요약".to_string());
        for point in &issue.summary {
            wrap(&mut out, &plain(point), 3, 3, width);
        }
        out.push(String::new());
    }
    for part in &issue.parts {
        out.push(format!("{} {}", part.numeral, part.title));
        match &part.body {
            PartBody::Articles(articles) => {
                for article in articles {
                    out.push(format!("{} {}", article.number, article.category));
                    out.push(article.title.clone());
                    if let Some(lead) = &article.lead {
                        let date = lead
                            .date
                            .map(|date| format!(" ({}.{})", date.month, date.day))
                            .unwrap_or_default();
                        wrap(&mut out, &format!("■ {}{date}", plain(&lead.text)), 1, 3, width);
                    }
                    for block in &article.blocks {
                        print_block(&mut out, block, width);
                    }
                    if !article.references.is_empty() {
                        out.push(String::new());
                        out.push("참고자료".to_string());
                        for reference in &article.references {
                            out.push(format!(" {}", reference.title));
                            if let Some(url) = &reference.url {
                                out.push(format!(" {}", url.as_str()));
                            }
                        }
                        out.push(String::new());
                    }
                }
            }
            PartBody::Briefs(briefs) => {
                for brief in briefs {
                    out.push(brief.number.clone());
                    out.push(brief.title.clone());
                    if let Some(lead) = &brief.lead {
                        wrap(&mut out, &format!("■ {}", plain(&lead.text)), 1, 3, width);
                    }
                    print_bullets(&mut out, &brief.bullets, 0, width);
                    let source = &brief.source;
                    let date = source
                        .date
                        .map(|date| format!(" ({:02}.{:02})", date.month, date.day))
                        .unwrap_or_default();
                    out.push(format!("출처: {}{date}", source.outlet));
                    if let Some(url) = &source.url {
                        out.push(url.as_str().to_string());
                    }
                    out.push(String::new());
                }
            }
        }
    }
    out.push(String::new());
    out.push("     발행 정보".to_string());
    for entry in &issue.colophon {
        let text = plain(&entry.value);
        let mut value_lines = text.lines();
        out.push(format!("     {:<8}  {}", entry.label, value_lines.next().unwrap_or("")));
        for more in value_lines {
            out.push(format!("               {more}"));
        }
    }
    if let Some(notice) = &issue.meta.notice {
        wrap(&mut out, notice, 5, 5, width);
    }
    // Pages: a page number at the bottom of each, a form feed before the next.
    let mut paged = Vec::new();
    for (index, chunk) in out.chunks(page).enumerate() {
        if index > 0 {
            paged.push(format!("\u{c}{}", chunk[0]));
            paged.extend(chunk[1..].iter().cloned());
        } else {
            paged.extend(chunk.iter().cloned());
        }
        paged.push(format!("                    - {} -", index + 1));
    }
    paged.join("\n")
}

fn plain(text: &RichText) -> String {
    let mut out = String::new();
    for span in text {
        match span {
            Span::Text(run) | Span::Strong(run) => out.push_str(run),
            Span::Link { text, url } if text == url.as_str() => out.push_str(url.as_str()),
            Span::Link { text, .. } => out.push_str(text),
            Span::Break => out.push('\n'),
        }
    }
    out
}

/// Greedy wrapping, as print that keeps Korean words whole does: a line breaks at a space, or
/// where [`lines::first_piece`] says a piece ends.
fn wrap(out: &mut Vec<String>, text: &str, first_indent: usize, indent: usize, width: f32) {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let piece = lines::first_piece(rest);
        let piece = if piece.is_empty() {
            &rest[..rest.chars().next().map_or(1, char::len_utf8)]
        } else {
            piece
        };
        rest = &rest[piece.len()..];
        let spaced = rest.starts_with(' ');
        rest = rest.trim_start_matches(' ');
        pieces.push((piece.to_string(), spaced));
    }
    let mut line = String::new();
    let mut current_indent = first_indent;
    let mut space_before = false;
    for (piece, spaced) in pieces {
        let candidate = if line.is_empty() {
            piece.clone()
        } else if space_before {
            format!("{line} {piece}")
        } else {
            format!("{line}{piece}")
        };
        if !line.is_empty() && current_indent as f32 + lines::width(&candidate) > width {
            out.push(format!("{}{line}", " ".repeat(current_indent)));
            line = piece;
            current_indent = indent;
        } else {
            line = candidate;
        }
        space_before = spaced;
    }
    if !line.is_empty() {
        out.push(format!("{}{line}", " ".repeat(current_indent)));
    }
}

fn print_bullets(out: &mut Vec<String>, bullets: &[Bullet], depth: usize, width: f32) {
    for bullet in bullets {
        let text = plain(&bullet.text);
        if depth == 0 {
            wrap(out, &text, 1, 1, width);
        } else {
            let indent = 2 * depth;
            wrap(out, &format!("– {text}"), indent, indent + 2, width);
        }
        print_bullets(out, &bullet.children, depth + 1, width);
    }
}

fn print_block(out: &mut Vec<String>, block: &Block, width: f32) {
    match block {
        Block::Heading(text) => out.push(text.clone()),
        Block::Bullets(bullets) => print_bullets(out, bullets, 0, width),
        Block::Paragraph(text) => wrap(out, &plain(text), 0, 0, width),
        Block::Note(text) => wrap(out, &format!("* {}", plain(text)), 0, 0, width),
        Block::Source(text) => out.push(format!("출처: {}", plain(text))),
        Block::Figure(figure) => {
            out.push(format!(" 〈{}〉", figure.caption));
            for source in &figure.sources {
                out.push(format!(" 출처: {}", plain(source)));
            }
        }
        Block::Table(table) => {
            out.push(format!(" 〈{}〉", table.caption));
            let mut rows: Vec<Vec<String>> = vec![table.columns.iter().map(|column| column.heading()).collect()];
            rows.extend(table.rows.iter().map(|row| row.cells.iter().map(Cell::shown).collect()));
            if let Some(total) = &table.total {
                rows.push(total.cells.iter().map(Cell::shown).collect());
            }
            let widths: Vec<usize> = (0..table.columns.len())
                .map(|column| rows.iter().map(|row| row[column].chars().count()).max().unwrap_or(0))
                .collect();
            for row in rows {
                let cells: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(cell, width)| format!("{cell:<width$}"))
                    .collect();
                out.push(format!("  {}", cells.join("    ").trim_end()));
            }
            for source in &table.sources {
                out.push(format!("출처: {}", plain(source)));
            }
        }
    }
}

#[test]
fn layout_text_of_the_small_issue_comes_back() {
    let checked = parsed(SMALL);
    let text = layout_print(&checked, 120.0, 40);
    let draft = draft_of(&text);
    assert_eq!(draft.dialect, lines::Dialect::Layout);
    let comparison = compare(&draft.issue, &checked);
    for key in [
        "prose_plain",
        "leads",
        "sources",
        "references",
        "captions",
        "cells",
        "briefs",
    ] {
        let (identical, expected, found) = figure(&comparison, key);
        assert_eq!(
            (identical, found),
            (expected, expected),
            "{key}\n{}\n{text}\n{}",
            comparison.report(10),
            draft.source
        );
    }
    assert_eq!(draft.issue.meta.date, checked.meta.date);
    let page_numbers = draft.review.iter().any(|item| item.message.contains("page numbers"));
    assert!(page_numbers, "{:#?}", draft.review);
    assert_checks(&draft);
    assert_nothing_dropped(&text, &draft);
}

#[test]
fn layout_text_of_the_real_issue_comes_back() {
    let checked = parsed(CHECKED);
    for (width, page) in [(120.0, 45), (96.0, 60)] {
        let text = layout_print(&checked, width, page);
        let draft = draft_of(&text);
        let comparison = compare(&draft.issue, &checked);
        let report = comparison.report(20);
        let (identical, expected, _) = figure(&comparison, "prose_plain");
        assert!(
            identical * 100 >= expected * 90,
            "width {width}: prose {identical} of {expected}\n{report}"
        );
        for key in ["leads", "sources", "references", "captions", "briefs"] {
            let (identical, expected, _) = figure(&comparison, key);
            assert_eq!(identical, expected, "width {width}: {key}\n{report}");
        }
        let (identical, expected, _) = figure(&comparison, "cells");
        assert!(
            identical * 100 >= expected * 80,
            "width {width}: cells {identical} of {expected}\n{report}"
        );
        assert_eq!(draft.issue.meta.date, checked.meta.date);
        assert_checks(&draft);
        assert_nothing_dropped(&text, &draft);
    }
}

/// A generator of noise: lines of Hangul, Latin, digits, bullet glyphs, tabs, brackets and
/// addresses in random mixes, so that every reader of the importer is tried; `structured`
/// sets a fifth of the lines to what opens a part, an article, a table or the colophon, so
/// that noise becomes a draft full of listed lines rather than a refusal.
fn noise(bytes: usize, seed: u64, structured: bool) -> String {
    const PIECES: [&str; 24] = [
        "가",
        "나다",
        "정책",
        "동향",
        "01",
        "I",
        "II",
        "■ ",
        "○ ",
        "– ",
        "· ",
        "* ",
        "※ ",
        "\t",
        "  ",
        "〈",
        "〉",
        "출처: ",
        "참고자료",
        "http://a.example/x_y",
        "1,234.5",
        "(6.19)",
        "합계",
        "발행일 | 2023. 1. 2",
    ];
    const LINES: [&str; 14] = [
        "I",
        "II",
        "01",
        "02",
        "## I",
        "## 01",
        "■ 리드 (6.19)",
        "발행일 | 2023. 1. 2",
        "〈표〉",
        "구분\t항목\t금액",
        "1\t가\t1.0",
        "합계\t\t2.0",
        "참고자료",
        "<http://a.example/>",
    ];
    let mut state = seed.max(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        if structured && next() % 5 == 0 {
            out.push_str(LINES[(next() % LINES.len() as u64) as usize]);
        } else {
            let pieces = next() % 12;
            for _ in 0..pieces {
                out.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
        }
        match next() % 20 {
            0 => out.push_str("\n\u{c}"),
            1 => out.push_str("  \n"),
            _ => out.push('\n'),
        }
    }
    out
}

/// What the importer made of an input.
enum Kind {
    Draft,
    Refusal,
}

/// Bad input gets a clear error, or a draft whose review list names whatever check-bulletin
/// finds; never a panic, and never long.
#[test]
fn bad_input_is_refused_or_listed_quickly() {
    let mut binary: Vec<u8> = (0..4096u32)
        .map(|index| (index.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    binary[7] = 0;
    let readme = include_str!("../../../README.md");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("blank", b"\n\n   \n\t\n".to_vec()),
        ("binary", binary),
        ("not UTF-8", vec![0x41, 0xff, 0xfe, 0x42, 0x0a]),
        ("not an issue", readme.as_bytes().to_vec()),
        (
            "a part without articles",
            "I 정책동향\n\n본문 없음\n".as_bytes().to_vec(),
        ),
        ("noise, 64 KiB", noise(64 * 1024, 7, false).into_bytes()),
        ("noise with structure, 1 MB", noise(1000 * 1000, 13, true).into_bytes()),
        ("noise, 10 MB", noise(10 * 1000 * 1000, 11, false).into_bytes()),
    ];
    for (name, bytes) in cases {
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| import(&bytes, &Options::default()));
        let elapsed = started.elapsed();
        let Ok(result) = result else {
            panic!("{name}: the importer panicked");
        };
        let result_kind = if result.is_ok() { Kind::Draft } else { Kind::Refusal };
        match result {
            Err(error) => assert!(!error.to_string().is_empty(), "{name}: an empty error"),
            Ok(draft) => {
                assert!(!draft.source.is_empty(), "{name}");
                assert!(!draft.review.is_empty(), "{name}: noise leaves nothing to review?");
                assert_checks(&draft);
            }
        }
        if name.starts_with("noise with structure") {
            assert!(
                matches!(result_kind, Kind::Draft),
                "{name}: structured noise gives a draft whose review lists it"
            );
        }
        // Generous for a debug build on a shared 2-core machine; the release build is far faster.
        assert!(elapsed < Duration::from_secs(120), "{name}: {elapsed:?}");
    }
}

#[test]
fn clear_errors_for_what_is_not_an_issue() {
    let message = |bytes: &[u8]| {
        import(bytes, &Options::default())
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default()
    };
    assert!(message(b"").contains("empty"));
    assert!(message(&[0, 1, 2, 3, 0, 0]).contains("binary"));
    assert!(message(include_str!("../../../README.md").as_bytes()).contains("does not look like an issue"));
}

/// Layout text where a page break falls inside a table and the header is printed again after
/// it (the reader keeps a table on one page; other prints do not).
#[test]
fn a_layout_table_split_by_a_page_break_is_joined_again() {
    let checked = parsed(CHECKED);
    let text = layout_print(&checked, 120.0, 10_000);
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|line| line.contains("구분") && line.contains("프로젝트 명칭"))
        .unwrap_or_else(|| panic!("no header"));
    let row = header
        + lines[header..]
            .iter()
            .position(|line| line.trim_start().starts_with("12 "))
            .unwrap_or_else(|| panic!("no row 12"));
    let mut split: Vec<String> = lines[..row].iter().map(|line| line.to_string()).collect();
    split.push("                    - 3 -".to_string());
    split.push(format!("\u{c}{}", lines[header]));
    split.extend(lines[row..].iter().map(|line| line.to_string()));
    let draft = draft_of(&split.join("\n"));
    let table = draft.issue.tables().next().unwrap_or_else(|| panic!("no table"));
    assert_eq!(table.rows.len(), 17, "{}", draft.source);
    let comparison = compare(&draft.issue, &checked);
    let report = comparison.report(10);
    let (identical, expected, _) = figure(&comparison, "cells");
    assert_eq!(identical, expected, "{report}");
    assert_checks(&draft);
}

/// Should the importer ever build something the writer refuses, the draft is still written:
/// what is refused is taken out and listed with the writer's reason.
#[test]
fn what_the_writer_refuses_is_taken_out_and_listed() {
    let mut issue = parsed(SMALL);
    let refused = Block::Paragraph(vec![Span::Text("■ a paragraph that would read as a lead".to_string())]);
    for part in &mut issue.parts {
        if let PartBody::Articles(articles) = &mut part.body {
            articles[0].blocks.push(refused.clone());
        }
    }
    issue.summary.push(vec![Span::Text(String::new())]);
    let read = super::Read {
        issue,
        notes: Vec::new(),
        splices: Vec::new(),
    };
    let draft = match super::draft::write(read, lines::Dialect::Markdown) {
        Ok(draft) => draft,
        Err(error) => panic!("no draft: {error}"),
    };
    assert!(!draft.source.contains("would read as a lead"), "{}", draft.source);
    let messages: Vec<&str> = draft.review.iter().map(|item| item.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages[0].starts_with("a summary point was left out"),
        "{}",
        messages[0]
    );
    assert!(messages[1].contains("■"), "{}", messages[1]);
    assert_eq!(draft.issue.summary.len(), 1);
    assert_eq!(draft.issue, parsed(&draft.source));
}

/// Text from a PDF that prints every level's glyph: `○` the first, `-` the second, `·` the
/// third, a note `※` at the level it is set.
#[test]
fn printed_glyphs_nest_the_bullets() {
    let text = "중국 과학기술 정책 주간동향 2024. 3. 8\n\nI 정책동향\n01 기술전략\n과기부, 기초연구 지원 확대\n ■ 기초연구 예산 확대 (3.4)\n ○ 첫째 항목\n   - 둘째 단계 항목\n     · 셋째 단계 항목\n     ※ 셋째 단계 주석\n   - 둘째 단계 다른 항목\n ○ 첫째 다른 항목\n\n     발행일       2024. 3. 8\n";
    let draft = draft_of(text);
    let article = draft
        .issue
        .articles()
        .next()
        .unwrap_or_else(|| panic!("{}", draft.source));
    let Some(Block::Bullets(bullets)) = article.blocks.first() else {
        panic!("{}", draft.source);
    };
    fn shape(bullets: &[Bullet]) -> Vec<String> {
        bullets
            .iter()
            .map(|bullet| {
                let children = shape(&bullet.children);
                let text = bulletin::model::plain_text(&bullet.text);
                if children.is_empty() {
                    text
                } else {
                    format!("{text} [{}]", children.join(", "))
                }
            })
            .collect()
    }
    assert_eq!(
        shape(bullets),
        [
            "첫째 항목 [둘째 단계 항목 [셋째 단계 항목, ※ 셋째 단계 주석], 둘째 단계 다른 항목]",
            "첫째 다른 항목"
        ]
    );
    assert_eq!(
        article
            .lead
            .as_ref()
            .and_then(|lead| lead.date)
            .map(|date| (date.month, date.day)),
        Some((3, 4))
    );
    assert_eq!(draft.issue.meta.date.iso(), "2024-03-08");
}

/// A row printed short is not guessed at: its missing cells stay empty and it is listed; a
/// total row printed without the empty cell under its label still lines its figures up.
#[test]
fn short_rows_are_left_empty_and_listed() {
    let text = SOURCE_TEXT
        .replacen("합계\t\t51,593\t3,269,921.35", "합계\t51,593\t3,269,921.35", 1)
        .replacen("9\t혁신연구그룹\t43\t42,400.00", "9\t혁신연구그룹\t43", 1);
    assert_ne!(text, SOURCE_TEXT);
    let draft = draft_of(&text);
    let table = draft.issue.tables().next().unwrap_or_else(|| panic!("no table"));
    assert_eq!(table.rows[8].cells[3], Cell::Empty);
    let total = table
        .total
        .as_ref()
        .map(|total| total.cells.iter().map(Cell::shown).collect::<Vec<_>>());
    assert!(
        total.is_none(),
        "the total no longer adds up without row 9's funding: {total:?}"
    );
    let short = draft
        .review
        .iter()
        .find(|item| item.message.contains("has 3 cells"))
        .unwrap_or_else(|| panic!("{:#?}", draft.review));
    assert!(matches!(short.draft, DraftLine::At(_)), "{short}");
    // The total, now off by row 9's 42,400.00, is kept as printed and named.
    assert!(
        draft.source.contains("| 합계 {total} |  | 51,593 | 3,269,921.35 |"),
        "{}",
        draft.source
    );
    assert_checks(&draft);
}

/// The text of an issue of one article holding one table, given as tab-separated lines.
fn one_table_issue(table: &str) -> String {
    format!("# 중국 과학기술 정책 주/간/동/향\n\n## I\n\n## 정책동향\n\n## 01 제목\n\n■ 리드 (6.19)\n\n〈표〉\n\n{table}\n\n| 발 행 일 | 2023. 6. 30\n")
}

/// The draft's first table.
fn first_table(draft: &Draft) -> &bulletin::model::Table {
    draft
        .issue
        .tables()
        .next()
        .unwrap_or_else(|| panic!("no table in the draft:\n{}", draft.source))
}

/// A total row with something in a list column keeps it as a list, as the parser reads it.
#[test]
fn a_total_row_with_a_list_cell_is_an_ordinary_total() {
    let draft = draft_of(&one_table_issue(
        "구분\t내용\t금액\n1\t• 가\t1.0\n2\t• 나\t2.0\n합계\t• 모두\t3.0",
    ));
    let table = first_table(&draft);
    assert_eq!(
        table.total.as_ref().map(|total| total.cells[1].clone()),
        Some(Cell::List(vec!["모두".to_string()]))
    );
    assert_checks(&draft);
    assert_eq!(parsed(&draft.source), draft.issue);
}

/// A dash printed for no figure is kept as the dash, which the source format reads back, and
/// the total adds up the figures there are; it is not a cell the columns lost.
#[test]
fn a_dash_in_a_column_of_figures_is_kept_as_printed() {
    let draft = draft_of(&one_table_issue(
        "구분\t내용\t금액\n1\t가\t1.0\n2\t나\t-\n3\t다\t2.0\n합계\t\t3.0",
    ));
    let table = first_table(&draft);
    assert_eq!(table.columns[2].kind, ColumnKind::Decimal);
    assert_eq!(table.rows[1].cells[2], Cell::Dash("-".to_string()));
    assert!(draft.source.contains("| 2 | 나 | - |"), "{}", draft.source);
    assert_checks(&draft);
    assert_eq!(parsed(&draft.source), draft.issue);
}

/// Shares that print 100.0 over rows that add up to 99.9: the column is marked as print
/// rounding its total apart, which check-bulletin accepts, and the review list says so.
#[test]
fn a_total_that_adds_up_within_rounding_is_marked_rounded_and_named() {
    let draft = draft_of(&one_table_issue(
        "구분\t내용\t비중\n1\t가\t33.3\n2\t나\t33.3\n3\t다\t33.3\n합계\t\t100.0",
    ));
    let table = first_table(&draft);
    assert!(table.columns[2].rounded_total, "{}", draft.source);
    assert!(draft.source.contains("total=rounded}"), "{}", draft.source);
    let review: Vec<String> = draft.review.iter().map(ToString::to_string).collect();
    assert!(
        review
            .iter()
            .any(|item| item.contains("adds up only within rounding (the rows add up to 99.9)")),
        "{review:#?}"
    );
    assert!(check(&draft).is_empty(), "{:?}", check(&draft));
    assert_eq!(parsed(&draft.source), draft.issue);
}
