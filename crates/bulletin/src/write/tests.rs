//! Tests of the source writer: round trips of the real issue, the fixtures, the fuzz seeds and
//! generated issues full of text that needs escaping, the escapes it writes, and the things it
//! refuses by name.

use std::path::Path;

use super::*;
use crate::model::{BriefSource, ColophonEntry, ContentsCategory, ContentsEntry, Date, Figure, HttpUrl, MonthDay};
use crate::slug::Slug;

#[track_caller]
fn parsed(name: &str, source: &str) -> Issue {
    match parse::parse(name, source) {
        Ok(parsed) => parsed.issue,
        Err(errors) => panic!(
            "{name} does not parse:\n{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        ),
    }
}

#[track_caller]
fn written(issue: &Issue) -> String {
    match write_issue(issue) {
        Ok(source) => source,
        Err(errors) => panic!(
            "the issue cannot be written:\n{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        ),
    }
}

/// `parse(write(issue)) == issue`, checked here rather than trusted to the writer's own check.
#[track_caller]
fn check_round_trip(issue: &Issue) -> String {
    let source = written(issue);
    assert_eq!(parsed("written.md", &source), *issue, "the written source:\n{source}");
    source
}

#[test]
fn the_real_issue_round_trips() {
    let issue = crate::testing::issue();
    let source = check_round_trip(issue);
    // Written as an editor would: the same tables, captions and headings as the hand-made file.
    for line in [
        "## 02 국무원, 전기차 충전 인프라 체계 구축방안 발표 {#ev-charging category=기술전략}",
        "| 구분 {#no ordinal} | 프로젝트 명칭 {#program text} | 연구과제 수 {#projects integer} | 직접비 금액 {#funding decimal unit=\"만 위안\"} |",
        "| 7 | 우수 청년 과학 기금 (홍콩-마카오 지역) | 630 (25) | 126,000.00 (5,000) |",
        "| 합계 {total} | | 51,593 | 3,269,921.35 |",
        "- 1\\. 정책동향",
    ] {
        assert!(source.lines().any(|written| written == line), "no line {line:?} in\n{source}");
    }
}

#[test]
fn the_fixtures_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.map(|entry| entry.path()).unwrap_or_default();
        if path.extension().is_some_and(|extension| extension == "md") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            check_round_trip(&parsed(&path.display().to_string(), &text));
            checked += 1;
        }
    }
    assert!(checked >= 1, "no fixtures in {}", dir.display());
}

#[test]
fn the_fuzz_seeds_that_parse_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds/parse_source");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.map(|entry| entry.path()).unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        if let Ok(parsed) = parse::parse("seed.md", &text) {
            check_round_trip(&parsed.issue);
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} seeds parse in {}", dir.display());
}

// ---------------------------------------------------------------------------------------
// What the writer writes for text that needs escaping.

fn text(run: &str) -> Span {
    Span::Text(run.to_string())
}

fn strong(run: &str) -> Span {
    Span::Strong(run.to_string())
}

fn link(run: &str, url: &str) -> Span {
    Span::Link {
        text: run.to_string(),
        url: url_of(url),
    }
}

#[track_caller]
fn url_of(url: &str) -> HttpUrl {
    HttpUrl::parse(url).unwrap_or_else(|reason| panic!("{url}: {reason}"))
}

#[track_caller]
fn slug(id: &str) -> Slug {
    Slug::parse(id).unwrap_or_else(|error| panic!("{id}: {error}"))
}

#[track_caller]
fn number(printed: &str) -> Cell {
    Cell::Number(
        number::parse(printed)
            .unwrap_or_else(|error| panic!("{printed}: {error}"))
            .number,
    )
}

/// The smallest issue: one part, one article, holding `blocks`.
fn issue_of(blocks: Vec<Block>) -> Issue {
    Issue {
        meta: Meta {
            series: "중국 과학기술 정책 주간동향".to_string(),
            series_en: None,
            date: Date {
                year: 2023,
                month: 7,
                day: 7,
            },
            publisher: "한중과학기술협력센터".to_string(),
            publisher_en: None,
            notice: None,
        },
        contents: Vec::new(),
        summary: Vec::new(),
        parts: vec![Part {
            id: slug("policy"),
            numeral: "I".to_string(),
            title: "정책동향".to_string(),
            body: PartBody::Articles(vec![Article {
                id: slug("article"),
                number: "01".to_string(),
                title: "기사".to_string(),
                category: "기술전략".to_string(),
                lead: None,
                blocks,
                references: Vec::new(),
            }]),
        }],
        colophon: Vec::new(),
    }
}

/// Writes `spans` as the one paragraph of an article, checks the round trip, and compares the
/// paragraph's written lines with `expected`.
#[track_caller]
fn check_paragraph(spans: Vec<Span>, expected: &str) {
    let source = check_round_trip(&issue_of(vec![Block::Paragraph(spans)]));
    let body = source
        .split_once("{#article category=기술전략}\n\n")
        .map_or("", |(_, body)| body)
        .trim_end();
    assert_eq!(body, expected);
}

#[test]
fn markup_characters_are_escaped() {
    check_paragraph(
        vec![text("a*b_c\\d `e` [f] <g> h|i")],
        "a\\*b_c\\\\d \\`e\\` \\[f] \\<g> h\\|i",
    );
    check_paragraph(vec![text("snake_case와 _밑줄_")], "snake_case와 \\_밑줄\\_");
    check_paragraph(vec![text("R&D와 &amp; 그리고 &#32;")], "R&D와 \\&amp; 그리고 \\&#32;");
    check_paragraph(vec![text("{중괄호} #해시")], "{중괄호} #해시");
}

#[test]
fn what_would_open_a_block_at_a_line_start_is_escaped() {
    check_paragraph(vec![text("# 제목 아님")], "\\# 제목 아님");
    check_paragraph(vec![text("- 목록 아님")], "\\- 목록 아님");
    check_paragraph(vec![text("+ 목록 아님")], "\\+ 목록 아님");
    check_paragraph(vec![text("1. 목록 아님")], "1\\. 목록 아님");
    check_paragraph(vec![text("12) 목록 아님")], "12\\) 목록 아님");
    check_paragraph(vec![text("> 인용 아님")], "\\> 인용 아님");
    check_paragraph(vec![text("~~~")], "\\~~~");
    check_paragraph(vec![text("===")], "\\===");
    check_paragraph(vec![text("    들여쓰기")], "&#32;   들여쓰기");
    check_paragraph(
        vec![
            text("첫 줄"),
            Span::Break,
            text("- 둘째 줄"),
            Span::Break,
            text("1. 셋째"),
        ],
        "첫 줄\\\n\\- 둘째 줄\\\n1\\. 셋째",
    );
}

#[test]
fn a_leading_english_word_and_colon_stays_prose() {
    check_paragraph(vec![text("English: 영어로")], "English\\: 영어로");
    check_paragraph(
        vec![text("Source: 출처처럼 보이는 문장")],
        "Source\\: 출처처럼 보이는 문장",
    );
    check_paragraph(vec![text("english: 소문자는 그대로")], "english: 소문자는 그대로");
}

#[test]
fn spaces_markdown_would_drop_are_references() {
    check_paragraph(vec![text(" 앞뒤 공백 ")], "&#32;앞뒤 공백&#32;");
    check_paragraph(vec![text("줄\n바꿈")], "줄&#10;바꿈");
}

#[test]
fn strong_links_and_breaks() {
    check_paragraph(
        vec![text("예산을 "), strong("6.8%"), text(" 늘림")],
        "예산을 **6.8%** 늘림",
    );
    check_paragraph(
        vec![link("관련 기사", "https://example.com/a_(b)"), text(" 참고")],
        "[관련 기사](https://example.com/a_\\(b\\)) 참고",
    );
    check_paragraph(
        vec![
            text("주소 "),
            link("https://example.com/?a=1&b=2", "https://example.com/?a=1&b=2"),
        ],
        "주소 <https://example.com/?a=1&b=2>",
    );
    check_paragraph(
        vec![link("[대괄호]", "https://example.com/")],
        "[\\[대괄호\\]](https://example.com/)",
    );
    check_paragraph(
        vec![text("놀람!"), link("링크", "https://example.com/")],
        "놀람&#33;[링크](https://example.com/)",
    );
    check_paragraph(vec![Span::Break, text("앞 줄바꿈")], "\\\n앞 줄바꿈");
}

#[test]
fn bold_that_would_not_open_or_close_gets_a_reference_beside_it() {
    // `**6.8%**늘림`: a closing `**` after punctuation and before a letter closes nothing.
    check_paragraph(vec![strong("6.8%"), text("늘림")], "**6.8%**&#45720;림");
    check_paragraph(vec![text("가"), strong("\"인용\"")], "&#44032;**\"인용\"**");
    check_paragraph(vec![strong(" 공백 ")], "**&#32;공백&#32;**");
    check_paragraph(vec![strong("*")], "**\\***");
    check_paragraph(vec![text("a"), strong("*"), text("b")], "&#97;**\\***&#98;");
}

#[test]
fn table_cells_escape_pipes_and_keep_their_kinds() {
    let table = Table {
        id: slug("cells"),
        caption: "캡션 {괄호} <b>".to_string(),
        columns: vec![
            Column {
                id: slug("no"),
                label: "구분".to_string(),
                kind: ColumnKind::Ordinal,
                unit: None,
                rounded_total: false,
            },
            Column {
                id: slug("name"),
                label: "이름 | 별칭".to_string(),
                kind: ColumnKind::Text,
                unit: Some("a|b *c*".to_string()),
                rounded_total: false,
            },
            Column {
                id: slug("items"),
                label: "내용".to_string(),
                kind: ColumnKind::List,
                unit: None,
                rounded_total: false,
            },
            Column {
                id: slug("value"),
                label: "값".to_string(),
                kind: ColumnKind::Decimal,
                unit: None,
                rounded_total: true,
            },
        ],
        rows: vec![
            Row {
                cells: vec![
                    number("1"),
                    Cell::Text("파이프 | 와 \\ 역슬래시 \\|".to_string()),
                    Cell::List(vec!["첫째".to_string(), "둘째 {x}".to_string()]),
                    number("1,234.50 (10)"),
                ],
            },
            Row {
                cells: vec![Cell::Empty, Cell::Empty, Cell::Empty, number("5")],
            },
            Row {
                cells: vec![
                    number("3"),
                    Cell::Text("대시".to_string()),
                    Cell::Empty,
                    Cell::Dash("–".to_string()),
                ],
            },
        ],
        total: Some(Row {
            cells: vec![
                Cell::Text("합계".to_string()),
                Cell::Empty,
                Cell::Empty,
                number("1,249.50"),
            ],
        }),
        sources: vec![vec![text("출처 "), link("기관", "https://example.com/")]],
        notes: vec![vec![text("주석")]],
    };
    let source = check_round_trip(&issue_of(vec![Block::Table(table)]));
    for line in [
        "Table: 캡션 {괄호} \\<b> {#cells}",
        "| 구분 {#no ordinal} | 이름 \\| 별칭 {#name text unit=\"a\\|b \\*c\\*\"} | 내용 {#items list} | 값 {#value decimal total=rounded} |",
        "|---:|---|---|---:|",
        "| 1 | 파이프 \\| 와 \\\\ 역슬래시 \\\\\\| | • 첫째 • 둘째 {x} | 1,234.50 (10) |",
        "| | | | 5 |",
        "| 합계 {total} | | | 1,249.50 |",
        "Source: 출처 [기관](https://example.com/)",
        "Note: 주석",
    ] {
        assert!(source.lines().any(|written| written == line), "no line {line:?} in\n{source}");
    }
}

// ---------------------------------------------------------------------------------------
// What the writer refuses, by name.

#[track_caller]
fn check_refused(issue: &Issue, kind: WriteErrorKind, place: &str, message: &str) {
    let errors = match write_issue(issue) {
        Ok(source) => panic!("written, but should be refused:\n{source}"),
        Err(errors) => errors,
    };
    assert!(
        errors
            .iter()
            .any(|error| error.kind() == kind && error.place() == place && error.message().contains(message)),
        "no {kind:?} error at {place:?} saying {message:?}: {errors:#?}"
    );
}

const BLOCK_1: &str = "part \"policy\", article \"article\", block 1";

#[test]
fn what_the_format_cannot_say_is_an_error() {
    check_refused(
        &issue_of(vec![Block::Paragraph(vec![text("■ 리드처럼")])]),
        WriteErrorKind::Unwritable,
        BLOCK_1,
        "reads as the article's lead",
    );
    check_refused(
        &issue_of(vec![Block::Paragraph(vec![text("a"), text("b")])]),
        WriteErrorKind::Unwritable,
        BLOCK_1,
        "two text runs in a row",
    );
    check_refused(
        &issue_of(vec![Block::Paragraph(vec![text("a"), Span::Break])]),
        WriteErrorKind::Unwritable,
        BLOCK_1,
        "a line break at the end",
    );
    check_refused(
        &issue_of(vec![Block::Paragraph(vec![text("nul \0")])]),
        WriteErrorKind::Unwritable,
        BLOCK_1,
        "NUL",
    );
    check_refused(
        &issue_of(vec![Block::Heading(" 공백".to_string())]),
        WriteErrorKind::Unwritable,
        BLOCK_1,
        "starts or ends with a space",
    );
    let figure = Block::Figure(Figure {
        id: slug("figure"),
        caption: "그림".to_string(),
        sources: Vec::new(),
        notes: Vec::new(),
    });
    check_refused(
        &issue_of(vec![figure, Block::Note(vec![text("주석")])]),
        WriteErrorKind::Unwritable,
        "part \"policy\", article \"article\", block 2",
        "reads as theirs",
    );
}

#[test]
fn a_lead_whose_text_ends_in_a_date_needs_that_date() {
    let with_lead = |date: Option<MonthDay>| {
        let mut issue = issue_of(vec![Block::Paragraph(vec![text("본문")])]);
        if let PartBody::Articles(articles) = &mut issue.parts[0].body {
            articles[0].lead = Some(Lead {
                text: vec![text("발표 (6.19)")],
                date,
            });
        }
        issue
    };
    check_refused(
        &with_lead(None),
        WriteErrorKind::Unwritable,
        "part \"policy\", article \"article\", lead",
        "reads as its date",
    );
    let source = check_round_trip(&with_lead(Some(MonthDay { month: 6, day: 20 })));
    assert!(source.contains("\n■ 발표 (6.19)(6.20)\n"), "{source}");
}

#[test]
fn a_number_must_read_as_what_it_prints() {
    let table = Table {
        id: slug("numbers"),
        caption: "숫자".to_string(),
        columns: vec![Column {
            id: slug("value"),
            label: "값".to_string(),
            kind: ColumnKind::Integer,
            unit: None,
            rounded_total: false,
        }],
        rows: vec![Row {
            cells: vec![Cell::Number(number::Number {
                value: 2.0,
                sub: None,
                shown: "1".to_string(),
            })],
        }],
        total: None,
        sources: Vec::new(),
        notes: Vec::new(),
    };
    check_refused(
        &issue_of(vec![Block::Table(table)]),
        WriteErrorKind::Unwritable,
        "part \"policy\", article \"article\", block 1 (table \"numbers\"), row 1, column \"value\"",
        "reads as 1",
    );
}

#[test]
fn a_rule_the_parser_checks_is_reported_with_its_message() {
    let table = |total: &str| Table {
        id: slug("sums"),
        caption: "합계".to_string(),
        columns: vec![
            Column {
                id: slug("name"),
                label: "이름".to_string(),
                kind: ColumnKind::Text,
                unit: None,
                rounded_total: false,
            },
            Column {
                id: slug("value"),
                label: "값".to_string(),
                kind: ColumnKind::Integer,
                unit: None,
                rounded_total: false,
            },
        ],
        rows: vec![
            Row {
                cells: vec![Cell::Text("가".to_string()), number("1")],
            },
            Row {
                cells: vec![Cell::Text("나".to_string()), number("2")],
            },
        ],
        total: Some(Row {
            cells: vec![Cell::Text("합계".to_string()), number(total)],
        }),
        sources: Vec::new(),
        notes: Vec::new(),
    };
    check_round_trip(&issue_of(vec![Block::Table(table("3"))]));
    check_refused(
        &issue_of(vec![Block::Table(table("4"))]),
        WriteErrorKind::Invalid,
        "part \"policy\", article \"article\", block 1 (table \"sums\")",
        "the total row says 4 under \"값\", but the rows add up to 3",
    );
}

// ---------------------------------------------------------------------------------------
// Generated issues: many random ones, every run the same, of text made to need escaping.

/// splitmix64, for issues that are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces of text that the format reads as markup in one place or another.
const PIECES: &[&str] = &[
    "가",
    "나다",
    "a",
    "Z",
    "1",
    "2023",
    " ",
    "  ",
    "\t",
    "*",
    "**",
    "_",
    "__",
    "\\",
    "|",
    "{",
    "}",
    "{#x}",
    "<",
    ">",
    "<b>",
    "&",
    "&amp;",
    "&#32;",
    "#",
    "-",
    "+",
    "=",
    "1.",
    "3)",
    "[",
    "]",
    "](",
    "!",
    "`",
    "~~~",
    ":",
    "English: ",
    "Note:",
    "(6.19)",
    "(",
    ")",
    "%",
    "\"",
    "'",
    "■",
    "•",
    "\n",
    "\u{3000}",
    "〈",
    "·",
    "—",
    "😀",
    "é",
    "\u{202e}",
];

impl Random {
    /// A run of 1 to 6 pieces.
    fn run(&mut self) -> String {
        let count = 1 + self.below(6);
        (0..count).map(|_| *self.pick(PIECES)).collect()
    }

    /// A run the parser does not trim: no space at either end, never empty.
    fn trimmed(&mut self) -> String {
        let run = self.run();
        let run = run.trim();
        if run.is_empty() {
            "빈칸".to_string()
        } else {
            run.to_string()
        }
    }

    /// Rich text of 1 to 4 spans, in the form the parser gives: no empty or neighbouring runs
    /// of the same kind, no break at the end.
    fn rich(&mut self) -> RichText {
        let mut spans = RichText::new();
        for _ in 0..1 + self.below(4) {
            let span = match self.below(8) {
                0..=3 => Span::Text(self.run()),
                4 | 5 => Span::Strong(self.run()),
                6 => {
                    let url = format!("https://example.com/{}_(x)&amp;", self.below(100));
                    let text = if self.chance(3) { url.clone() } else { self.run() };
                    Span::Link {
                        text,
                        url: url_of(&url),
                    }
                }
                _ => Span::Break,
            };
            match (spans.last_mut(), span) {
                (Some(Span::Text(last)), Span::Text(next)) | (Some(Span::Strong(last)), Span::Strong(next)) => {
                    last.push_str(&next);
                }
                (_, span) => spans.push(span),
            }
        }
        while matches!(spans.last(), Some(Span::Break)) {
            spans.pop();
        }
        if spans.is_empty() {
            spans.push(Span::Text("글".to_string()));
        }
        spans
    }

    /// Rich text that does not start or end with white space in a text run (where the parser
    /// trims after a directive or a label).
    fn rich_trimmed(&mut self) -> RichText {
        let mut spans = self.rich();
        if let Some(Span::Text(first)) = spans.first_mut() {
            *first = first.trim_start().to_string();
        }
        if let Some(Span::Text(last)) = spans.last_mut() {
            *last = last.trim_end().to_string();
        }
        spans.retain(|span| !matches!(span, Span::Text(run) if run.is_empty()));
        while matches!(spans.last(), Some(Span::Break)) {
            spans.pop();
        }
        if let Some(Span::Text(last)) = spans.last_mut() {
            *last = last.trim_end().to_string();
        }
        spans.retain(|span| !matches!(span, Span::Text(run) if run.is_empty()));
        if matches!(spans.last(), Some(Span::Break)) {
            spans.push(Span::Strong("끝".to_string()));
        }
        if spans.is_empty() || matches!(spans.first(), Some(Span::Break)) {
            spans.insert(0, Span::Text("글".to_string()));
        }
        spans
    }

    fn paragraph(&mut self) -> RichText {
        let mut spans = self.rich();
        if let Some(Span::Text(first)) = spans.first_mut() {
            if first.trim_start().starts_with('■') {
                first.insert(0, '가');
            }
        }
        spans
    }

    fn bullets(&mut self, depth: usize) -> Vec<Bullet> {
        (0..1 + self.below(3))
            .map(|_| Bullet {
                text: self.rich(),
                children: if depth < 3 && self.chance(3) {
                    self.bullets(depth + 1)
                } else {
                    Vec::new()
                },
            })
            .collect()
    }

    /// A day of the calendar, the 29th of February and each month's last among them.
    fn month_day(&mut self) -> MonthDay {
        loop {
            let date = MonthDay {
                month: 1 + self.below(12) as u8,
                day: 1 + self.below(31) as u8,
            };
            if date.is_valid() {
                return date;
            }
        }
    }

    fn lead(&mut self) -> Lead {
        let date = (!self.chance(3)).then(|| self.month_day());
        let mut text = self.rich_trimmed();
        if !matches!(text.first(), Some(Span::Text(_))) {
            text.insert(0, Span::Text(String::new()));
        }
        if date.is_none() && parse::split_lead_date(text.clone()).date.is_some() {
            text.push(Span::Strong("끝".to_string()));
        }
        Lead { text, date }
    }

    fn table(&mut self, id: usize) -> Table {
        let columns = vec![
            Column {
                id: slug("no"),
                label: self.trimmed(),
                kind: ColumnKind::Ordinal,
                unit: None,
                rounded_total: false,
            },
            Column {
                id: slug("name"),
                label: self.trimmed(),
                kind: ColumnKind::Text,
                unit: Some(self.trimmed().replace(['"', '{'], "'")),
                rounded_total: false,
            },
            Column {
                id: slug("items"),
                label: self.trimmed(),
                kind: ColumnKind::List,
                unit: None,
                rounded_total: false,
            },
            Column {
                id: slug("count"),
                label: self.trimmed(),
                kind: ColumnKind::Integer,
                unit: None,
                rounded_total: false,
            },
        ];
        let mut sum = 0;
        let rows = (1..=1 + self.below(4))
            .map(|row| {
                // Now and then a dash for no figure, which the total does not count.
                let dash = self.chance(6).then(|| crate::number::DASHES[self.below(4)]);
                let count = if dash.is_some() { 0 } else { self.below(2000) };
                sum += count;
                let name = self.trimmed();
                let name = if matches!(parse::split_attrs(&name), Ok((_, Some(_)))) {
                    format!("{name}.")
                } else {
                    name
                };
                Row {
                    cells: vec![
                        number(&row.to_string()),
                        Cell::Text(name),
                        Cell::List(
                            (0..1 + self.below(3))
                                .map(|_| self.trimmed().replace('•', "·"))
                                .collect(),
                        ),
                        match dash {
                            Some(dash) => Cell::Dash(dash.to_string()),
                            None => number(&crate::number::group_thousands(&count.to_string())),
                        },
                    ],
                }
            })
            .collect();
        Table {
            id: slug(&format!("table-{id}")),
            caption: self.trimmed(),
            columns,
            rows,
            total: self.chance(2).then(|| Row {
                cells: vec![
                    Cell::Text(self.trimmed()),
                    Cell::Empty,
                    Cell::Empty,
                    number(&crate::number::group_thousands(&sum.to_string())),
                ],
            }),
            sources: (0..self.below(3)).map(|_| self.rich_trimmed()).collect(),
            notes: (0..self.below(2)).map(|_| self.rich_trimmed()).collect(),
        }
    }

    fn article(&mut self, id: usize, category: &str) -> Article {
        let mut blocks: Vec<Block> = Vec::new();
        for index in 0..1 + self.below(6) {
            let block = match self.below(7) {
                0 => Block::Heading(self.trimmed()),
                1 => Block::Bullets(self.bullets(0)),
                2 => Block::Paragraph(self.paragraph()),
                3 => Block::Table(self.table(id * 10 + index)),
                4 => Block::Figure(Figure {
                    id: slug(&format!("figure-{id}-{index}")),
                    caption: self.trimmed(),
                    sources: (0..self.below(2)).map(|_| self.rich_trimmed()).collect(),
                    notes: Vec::new(),
                }),
                5 => Block::Note(self.rich_trimmed()),
                _ => Block::Source(self.rich_trimmed()),
            };
            if matches!(block, Block::Note(_) | Block::Source(_))
                && matches!(blocks.last(), Some(Block::Table(_) | Block::Figure(_)))
            {
                blocks.push(Block::Paragraph(self.paragraph()));
            }
            blocks.push(block);
        }
        Article {
            id: slug(&format!("article-{id}")),
            number: format!("{id:02}"),
            title: self.trimmed(),
            category: category.to_string(),
            lead: self.chance(2).then(|| self.lead()),
            blocks,
            references: (0..self.below(3))
                .map(|_| Reference {
                    title: self.trimmed(),
                    url: self.chance(2).then(|| url_of("https://example.com/ref_(1)")),
                })
                .collect(),
        }
    }

    fn issue(&mut self) -> Issue {
        let categories = ["기술전략", "a_b", "통계*", "과학기술 외교"];
        let articles: Vec<Article> = (1..=1 + self.below(3))
            .map(|id| {
                let category = *self.pick(&categories);
                self.article(id, category)
            })
            .collect();
        let contents = vec![ContentsPart {
            title: self.trimmed(),
            part: slug("policy"),
            categories: articles
                .iter()
                .map(|article| ContentsCategory {
                    name: article.category.clone(),
                    entries: vec![ContentsEntry {
                        title: self.trimmed(),
                        article: article.id.clone(),
                    }],
                })
                .collect(),
        }];
        let briefs = (1..=1 + self.below(2))
            .map(|id| Brief {
                id: slug(&format!("brief-{id}")),
                number: format!("{id:02}"),
                title: self.trimmed(),
                lead: self.chance(2).then(|| self.lead()),
                bullets: if self.chance(3) { Vec::new() } else { self.bullets(0) },
                source: BriefSource {
                    outlet: self.trimmed().replace(['(', ')'], "'"),
                    date: self.chance(2).then(|| self.month_day()),
                    url: self.chance(2).then(|| url_of("https://example.com/brief")),
                },
            })
            .collect();
        let line = |random: &mut Random| random.trimmed().replace(['\n', '\t'], " ");
        Issue {
            meta: Meta {
                series: line(self),
                series_en: self.chance(2).then(|| line(self)),
                date: Date {
                    year: 2023,
                    month: 7,
                    day: 7,
                },
                publisher: line(self),
                publisher_en: self.chance(2).then(|| line(self)),
                notice: self.chance(2).then(|| line(self)),
            },
            contents,
            summary: (0..self.below(3)).map(|_| self.rich()).collect(),
            parts: vec![
                Part {
                    id: slug("policy"),
                    numeral: "I".to_string(),
                    title: self.trimmed(),
                    body: PartBody::Articles(articles),
                },
                Part {
                    id: slug("briefs"),
                    numeral: "II".to_string(),
                    title: self.trimmed(),
                    body: PartBody::Briefs(briefs),
                },
            ],
            colophon: (0..self.below(3))
                .map(|_| ColophonEntry {
                    label: self.trimmed().replace(':', ";"),
                    value: if self.chance(4) {
                        Vec::new()
                    } else {
                        self.rich_trimmed()
                    },
                })
                .collect(),
        }
    }
}

#[test]
fn generated_issues_round_trip() {
    let mut random = Random(0x5eed_2023_0707);
    for round in 0..400 {
        let issue = random.issue();
        match write_issue(&issue) {
            Ok(source) => assert_eq!(parsed("written.md", &source), issue, "round {round}:\n{source}"),
            Err(errors) => panic!(
                "round {round}: the generated issue cannot be written:\n{}\n{issue:#?}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            ),
        }
    }
}
