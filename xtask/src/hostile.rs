//! The end-to-end suite's hostile fixture: an issue full of attacks, which `cargo xtask test`
//! writes to `e2e/hostile.md` in cargo's target folder and builds, with the viewer's
//! `test-hooks` feature, beside it (tests/e2e/hostile.test.mjs and garbage.test.mjs drive it).
//!
//! The attacks: `<script>` blocks and inline, `<img onerror>`, `<svg onload>`, `<style>`,
//! `<iframe>`, entity-encoded markup, `javascript:` and `data:` links (mixed case, with a
//! space, as autolinks, with a quote in the address), markup in the front matter, headings,
//! the lead, table cells, captions, sources, notes, references and the colophon, right-to-left
//! override characters, a 10,000-character word, a 2,000-character address, a 5,000-row
//! table, a table of empty cells, and bullets nested as deep as the parser allows
//! ([`MAX_BULLET_DEPTH`], read from the parser). Each script payload sets `window.__pwned`
//! (and calls `alert`), so a test can tell that none of them ran.
//!
//! The issue is built as values and written by the core's writer: markup in text is text,
//! which the reader must show literally, and the writer escapes it. What only a source can
//! hold — raw HTML blocks and inline HTML the parser keeps as text with a warning,
//! `javascript:` and `data:` links it refuses to make — is source text put in on purpose
//! where a marker was written ([`generate::splice`]), so the parser's handling of it is in
//! the build too. Every construct parses (`cargo xtask check-bulletin` says ok, with
//! warnings); what the parser refuses by design (images, single-asterisk emphasis, bullets
//! deeper than its limit) is left out.
//!
//! The big table's numbers come from a fixed linear congruential generator, so the file is
//! the same on every run; the end-to-end suite reads its expectations back from the file,
//! never from this module.

use std::fs;
use std::path::Path;

use bulletin::model::{
    Article, Block, Bullet, Cell, ColophonEntry, ColumnKind, ContentsCategory, ContentsEntry, ContentsPart, Figure,
    Lead, MonthDay, Part, PartBody, Reference, RichText, Row, Table,
};
use bulletin::number::group_thousands;
use bulletin::parse::MAX_BULLET_DEPTH;

use crate::error::{Error, Result};
use crate::generate::{self, text, Issue};

/// Rows of the big table.
const BIG_ROWS: usize = 5000;

/// Length of the long word.
const LONG_WORD: usize = 10_000;

const RLO: char = '\u{202E}';
const PDF: char = '\u{202C}';

/// A payload that marks the page as compromised if it ever runs.
fn pwn(name: &str) -> String {
    format!("window.__pwned='{name}';alert('{name}')")
}

/// Writes the hostile source to `path`, creating its folder.
pub fn write(path: &Path) -> Result<()> {
    let text = source()?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|error| Error::io("cannot create", dir, error))?;
    }
    fs::write(path, text).map_err(|error| Error::io("cannot write", path, error))?;
    println!("hostile: wrote {}", path.display());
    Ok(())
}

/// The hostile source: the issue written, then the raw attacks spliced in.
pub fn source() -> Result<String> {
    let mut source = generate::write(&issue()?)?;
    for (marker, raw) in raw_attacks() {
        source = generate::splice(&source, marker, &raw)?;
    }
    Ok(source)
}

/// The attacks only a source can hold, each with the marker the issue holds in its place.
/// A marker is plain letters, which the writer writes as they are.
fn raw_attacks() -> Vec<(&'static str, String)> {
    vec![
        // Inline HTML where the parser also reads an attribute block, a lead, a directive.
        ("RAWTITLE", format!("<script>{}</script>", pwn("title"))),
        ("RAWLEAD", format!("<img src=x onerror=\"{}\">", pwn("lead"))),
        ("RAWCAPTION", format!("<img src=x onerror=\"{}\">", pwn("caption"))),
        // Three HTML blocks, one paragraph each once parsed.
        (
            "RAWHTMLBLOCKS",
            [
                format!("<script>{}</script>", pwn("block")),
                "<style>body { display: none !important; }</style>".to_string(),
                format!("<iframe src=\"javascript:{}\"></iframe>", pwn("iframe")),
            ]
            .join("\n\n"),
        ),
        // Inline HTML, entities and links the parser refuses, one bullet each.
        (
            "RAWINLINEBULLETS",
            [
                format!("인라인 <script>{}</script> 스크립트", pwn("inline")),
                format!("인라인 <img src=x onerror=\"{}\"> 그림", pwn("bullet-img")),
                format!("인라인 <svg onload=\"{}\"><circle r=1></circle></svg> SVG", pwn("svg")),
                format!("엔티티로 숨긴 &lt;img src=x onerror=\"{}\"&gt; 태그", pwn("entity")),
                format!(
                    "[자바스크립트 링크](javascript:{})와 [데이터 링크](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                    pwn("js-link")
                ),
                format!(
                    "[대소문자 섞은 링크](JaVaScRiPt:{})와 [공백 낀 링크]( javascript:{})",
                    pwn("mixed-case"),
                    pwn("space")
                ),
                format!("자동 링크 <javascript:{}>와 <data:text/html,hello>", pwn("autolink")),
                format!(
                    "[따옴표로 속성 넣기](https://example.com/a%22%20onmouseover=%22{})",
                    percent_encode(&pwn("attr"))
                ),
                format!("방향 바꾸기 {RLO}moc.elpmaxe//:sptth{PDF} 와 닫히지 않은 {RLO}뒤집힌 글"),
            ]
            .join("\n- "),
        ),
        (
            "RAWFIGURESOURCE",
            format!("[출처 링크](javascript:{})", pwn("figure-source")),
        ),
        (
            "RAWREFERENCES",
            [
                format!("[참고 링크](javascript:{})", pwn("reference")),
                format!("[데이터 참고](data:text/html,<script>{}</script>)", pwn("reference-data")),
                format!("주소 없는 참고 <script>{}</script>", pwn("reference-plain")),
            ]
            .join("\n- "),
        ),
        ("RAWCELLSCRIPT", format!("<script>{}</script>", pwn("cell"))),
        ("RAWCELLIMAGE", format!("<img src=x onerror=\"{}\">", pwn("cell-list"))),
        (
            "RAWCELLANCHOR",
            format!("<a href=\"javascript:{}\">링크</a>", pwn("cell-a")),
        ),
        ("RAWCELLLINK", format!("[칸 링크](javascript:{})", pwn("cell-link"))),
        (
            "RAWCOLOPHON",
            format!(
                "<img src=x onerror=\"{}\"> [홈](javascript:{})",
                pwn("colophon-img"),
                pwn("colophon-link")
            ),
        ),
    ]
}

/// `encodeURIComponent`: everything but letters, digits and `-_.!~*'()` as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn bullet(text_of: &str, children: Vec<Bullet>) -> Bullet {
    Bullet {
        text: vec![text(text_of)],
        children,
    }
}

fn line(run: &str) -> RichText {
    vec![text(run)]
}

fn lead(run: &str, month: u8, day: u8) -> Option<Lead> {
    Some(Lead {
        text: line(run),
        date: Some(MonthDay { month, day }),
    })
}

/// The issue, with markers where the raw attacks go.
fn issue() -> Result<Issue> {
    let mut meta = generate::meta(2023, 7, 7);
    meta.series = format!("적대적 입력 <script>{}</script> 주간동향", pwn("series"));
    meta.series_en = Some("Hostile <b>Input</b> Weekly".to_string());
    meta.publisher = format!("<img src=x onerror=\"{}\">센터", pwn("publisher"));
    meta.notice = Some(format!(
        "인용 시 <script>{}</script> 출처를 밝혀주시기 바랍니다.",
        pwn("notice")
    ));
    let articles = vec![script_article()?, tables_article()?, deep_article()?];
    let part = generate::slug("attacks")?;
    let contents = vec![ContentsPart {
        title: "1. 공격동향".to_string(),
        part: part.clone(),
        categories: vec![ContentsCategory {
            name: "스크립트".to_string(),
            entries: articles
                .iter()
                .zip([
                    format!("제목의 <script>{}</script>", pwn("contents")),
                    "표와 링크".to_string(),
                    "깊은 목록".to_string(),
                ])
                .map(|(article, title)| ContentsEntry {
                    title,
                    article: article.id.clone(),
                })
                .collect(),
        }],
    }];
    Ok(Issue {
        meta,
        contents,
        summary: vec![
            line(&format!(
                "요약에 끼운 스크립트 <script>{}</script> 입니다.",
                pwn("summary")
            )),
            line(&format!(
                "요약에 끼운 그림 <img src=x onerror=\"{}\"> 입니다.",
                pwn("summary-img")
            )),
            line(&format!("방향 바꾸기 {RLO}gpj.exe{PDF} 문자가 들어 있습니다.")),
        ],
        parts: vec![Part {
            id: part,
            numeral: "I".to_string(),
            title: "공격동향".to_string(),
            body: PartBody::Articles(articles),
        }],
        colophon: vec![
            ColophonEntry {
                label: "발행일".to_string(),
                value: line(&format!("2023. 7. 7 <script>{}</script>", pwn("colophon"))),
            },
            ColophonEntry {
                label: "발행처".to_string(),
                value: line("RAWCOLOPHON"),
            },
        ],
    })
}

/// 01: scripts and links everywhere an article has text.
fn script_article() -> Result<Article> {
    Ok(Article {
        id: generate::slug("script-title")?,
        number: "01".to_string(),
        title: "RAWTITLE 제목".to_string(),
        category: "스크립트".to_string(),
        lead: lead("요지에 RAWLEAD 그림 태그", 7, 3),
        blocks: vec![
            Block::Paragraph(line("RAWHTMLBLOCKS")),
            Block::Bullets(vec![bullet("RAWINLINEBULLETS", Vec::new())]),
            Block::Figure(Figure {
                id: generate::slug("script-figure")?,
                caption: format!("<img src=x onerror=\"{}\"> 그림 캡션", pwn("figure")),
                sources: vec![line("RAWFIGURESOURCE")],
                notes: vec![line(&format!("주석의 <script>{}</script>", pwn("figure-note")))],
            }),
        ],
        references: vec![Reference {
            title: "RAWREFERENCES".to_string(),
            url: None,
        }],
    })
}

/// 02: markup in cells and captions, a table of empty cells, and the 5,000-row table.
fn tables_article() -> Result<Article> {
    let markup = Table {
        id: generate::slug("markup-table")?,
        caption: "RAWCAPTION 캡션의 <b>태그</b>".to_string(),
        columns: vec![
            generate::column("no", "구분", ColumnKind::Ordinal, None)?,
            generate::column("item", "항목", ColumnKind::Text, None)?,
            generate::column("content", "내용", ColumnKind::List, None)?,
            generate::column("value", "값", ColumnKind::Integer, None)?,
        ],
        rows: vec![
            markup_row("1", "RAWCELLSCRIPT", &["RAWCELLIMAGE", "둘째"], "10"),
            markup_row("2", "RAWCELLANCHOR", &["RAWCELLLINK"], "20"),
            markup_row(
                "3",
                &format!("{RLO}오른쪽에서 왼쪽으로{PDF}"),
                &["=HYPERLINK(\"http://evil.example\")"],
                "30",
            ),
            markup_row("4", "파이프 | 문자와 <b>굵게</b>", &[&"긴".repeat(200)], "40"),
        ],
        total: Some(Row {
            cells: vec![
                Cell::Text("합계".to_string()),
                Cell::Empty,
                Cell::Empty,
                generate::number("100"),
            ],
        }),
        sources: vec![line(&format!("<script>{}</script>", pwn("table-source")))],
        notes: Vec::new(),
    };
    let empty = Table {
        id: generate::slug("empty-table")?,
        caption: "비어 보이는 표".to_string(),
        columns: vec![
            generate::column("no", "구분", ColumnKind::Ordinal, None)?,
            generate::column("item", "항목", ColumnKind::Text, None)?,
            generate::column("value", "값", ColumnKind::Integer, None)?,
            generate::column("amount", "금액", ColumnKind::Decimal, None)?,
        ],
        rows: (0..3)
            .map(|_| Row {
                cells: vec![Cell::Empty; 4],
            })
            .collect(),
        total: None,
        sources: Vec::new(),
        notes: Vec::new(),
    };
    Ok(Article {
        id: generate::slug("tables-and-links")?,
        number: "02".to_string(),
        title: "표와 링크".to_string(),
        category: "스크립트".to_string(),
        lead: lead("표의 칸과 캡션에 끼운 마크업", 7, 4),
        blocks: vec![Block::Table(markup), Block::Table(empty), Block::Table(big_table()?)],
        references: Vec::new(),
    })
}

fn markup_row(number: &str, item: &str, content: &[&str], value: &str) -> Row {
    Row {
        cells: vec![
            generate::number(number),
            Cell::Text(item.to_string()),
            Cell::List(content.iter().map(|item| item.to_string()).collect()),
            generate::number(value),
        ],
    }
}

/// 5,000 rows with a total that is the exact sum (the parser checks it); every 1,000th name
/// carries an image tag.
fn big_table() -> Result<Table> {
    let mut seed: u64 = 20_230_630;
    let mut next = move || {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        seed
    };
    let syllables: Vec<char> = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"
        .chars()
        .collect();
    let mut total_count = 0;
    let mut total_cents = 0;
    let mut rows = Vec::with_capacity(BIG_ROWS);
    for row in 1..=BIG_ROWS {
        let count = next() % 100_000;
        let amount = next() % 1_000_000_000;
        total_count += count;
        total_cents += amount;
        let mut name: String = (0..3)
            .map(|_| syllables[(next() % syllables.len() as u64) as usize])
            .collect();
        name.push_str(&format!(" {row}"));
        if row % 1000 == 0 {
            name.push_str(&format!(" <img src=x onerror=\"{}\">", pwn(&format!("big-{row}"))));
        }
        rows.push(Row {
            cells: vec![
                generate::number(&row.to_string()),
                Cell::Text(name),
                generate::number(&group_thousands(&count.to_string())),
                generate::number(&cents(amount)),
            ],
        });
    }
    Ok(Table {
        id: generate::slug("big-table")?,
        caption: format!("{}행짜리 표", group_thousands(&BIG_ROWS.to_string())),
        columns: vec![
            generate::column("no", "구분", ColumnKind::Ordinal, None)?,
            generate::column("name", "이름", ColumnKind::Text, None)?,
            generate::column("count", "건수", ColumnKind::Integer, None)?,
            generate::column("amount", "금액", ColumnKind::Decimal, Some("만 위안"))?,
        ],
        rows,
        total: Some(Row {
            cells: vec![
                Cell::Text("합계".to_string()),
                Cell::Empty,
                generate::number(&group_thousands(&total_count.to_string())),
                generate::number(&cents(total_cents)),
            ],
        }),
        sources: Vec::new(),
        notes: Vec::new(),
    })
}

/// Cents as printed money: `123456` is `1,234.56`.
fn cents(value: u64) -> String {
    format!("{}.{:02}", group_thousands(&(value / 100).to_string()), value % 100)
}

/// 03: bullets as deep as the parser allows, a 10,000-character word, a long address.
fn deep_article() -> Result<Article> {
    let mut deep = Vec::new();
    for depth in (1..=MAX_BULLET_DEPTH).rev() {
        deep = vec![bullet(
            &format!("깊이 {depth} <script>{}</script>", pwn(&format!("depth-{depth}"))),
            deep,
        )];
    }
    let mut bullets = deep;
    bullets.push(bullet(
        &format!("긴 낱말: {}{}", "가".repeat(LONG_WORD / 2), "W".repeat(LONG_WORD / 2)),
        Vec::new(),
    ));
    bullets.push(bullet(
        &format!("긴 주소: https://example.com/{}", "a".repeat(2000)),
        Vec::new(),
    ));
    Ok(Article {
        id: generate::slug("deep-and-long")?,
        number: "03".to_string(),
        title: "깊은 목록과 긴 낱말".to_string(),
        category: "스크립트".to_string(),
        lead: lead("파서가 허용하는 가장 깊은 목록과 10,000자 낱말", 7, 5),
        blocks: vec![Block::Bullets(bullets)],
        references: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use bulletin::model::PartBody;

    use super::*;

    fn parsed() -> (Issue, usize) {
        let text = source().unwrap_or_else(|error| panic!("{error}"));
        match bulletin::parse::parse("hostile.md", &text) {
            Ok(parsed) => (parsed.issue, parsed.warnings.len()),
            Err(errors) => panic!(
                "the hostile source does not parse:\n{}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            ),
        }
    }

    fn depth(bullets: &[Bullet]) -> usize {
        bullets
            .iter()
            .map(|bullet| 1 + depth(&bullet.children))
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn the_source_parses_with_warnings_for_what_was_spliced_in() {
        let (issue, warnings) = parsed();
        // Raw HTML and refused links, each reported: blocks, bullets, cells, references, colophon.
        assert!(warnings >= 20, "only {warnings} warnings");
        let ids: Vec<&str> = issue.tables().map(|table| table.id.as_str()).collect();
        assert_eq!(ids, ["markup-table", "empty-table", "big-table"]);
        let big = issue.table("big-table").map(|table| table.rows.len());
        assert_eq!(big, Some(BIG_ROWS));
        let PartBody::Articles(articles) = &issue.parts[0].body else {
            panic!("the first part holds articles");
        };
        let deepest = articles
            .iter()
            .flat_map(|article| &article.blocks)
            .map(|block| match block {
                Block::Bullets(bullets) => depth(bullets),
                _ => 0,
            })
            .max();
        assert_eq!(deepest, Some(MAX_BULLET_DEPTH));
    }

    /// What hostile.test.mjs looks for on the page, as text of the parsed issue.
    #[test]
    fn the_attacks_are_in_the_issue_as_text() {
        let (issue, _) = parsed();
        let shown = format!("{issue:?}");
        for literal in [
            "<script>window.__pwned='block';alert('block')</script>".to_string(),
            "<style>body { display: none !important; }</style>".to_string(),
            format!("<img src=x onerror=\"{}\">", pwn("lead")),
            format!("<img src=x onerror=\"{}\">", pwn("entity")),
            format!("<svg onload=\"{}\">", pwn("svg")),
            format!("javascript:{}", pwn("js-link")),
            "JaVaScRiPt:window.__pwned='mixed-case'".to_string(),
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==".to_string(),
            format!("<a href=\"javascript:{}\">링크</a>", pwn("cell-a")),
            "파이프 | 문자와 <b>굵게</b>".to_string(),
            "=HYPERLINK(\"http://evil.example\")".to_string(),
            format!("<script>{}</script>", pwn("series")),
            format!("{}{}", "가".repeat(LONG_WORD / 2), "W".repeat(LONG_WORD / 2)),
        ] {
            let debug = format!("{literal:?}");
            let inner = &debug[1..debug.len() - 1];
            assert!(shown.contains(inner), "not in the issue: {literal}");
        }
        let caption = issue.table("markup-table").map(|table| table.caption.clone());
        assert!(caption.is_some_and(|caption| caption.contains("<img")));
    }

    #[test]
    fn the_source_is_the_same_every_time() {
        assert_eq!(source().ok(), source().ok());
    }

    #[test]
    fn percent_encoding_is_encode_uri_component() {
        assert_eq!(percent_encode("a='b';c(d)"), "a%3D'b'%3Bc(d)");
    }
}
