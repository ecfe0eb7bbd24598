//! `cargo xtask scaling`: checks that parsing a source stays linear in its size.
//!
//! It is a task of its own, not part of `fuzz`, because it is a different kind of check: it
//! needs only stable Rust, takes a minute, and passes or fails the same way every time, so
//! it suits CI, while fuzzing is nightly-only and time-boxed. It generates valid sources of
//! 1 and 2 MiB (many articles, bullets and tables) and a malformed one (one long line of
//! errors and warnings, the parser's reporting path), parses each in a release build, and
//! fails when 1 MiB takes more than a second or when doubling the size more than triples
//! the time. The importer of printed issues (`cargo xtask import`) is timed the same way, on
//! the converter's text of a real issue repeated to 1 and 2 MiB, as it is and as layout text.

use std::path::Path;
use std::time::{Duration, Instant};

use bulletin::model::{
    Article, Block, Brief, BriefSource, Bullet, Cell, ColophonEntry, ColumnKind, ContentsCategory, ContentsEntry,
    ContentsPart, Figure, Lead, MonthDay, Part, PartBody, Reference, RichText, Row, Table,
};
use bulletin::number::group_thousands;

use crate::cmd;
use crate::error::{Error, Result};
use crate::generate::{self, link, strong, text, Issue};

/// The size of the smaller generated source; the larger is twice it.
const SCALING_BYTES: usize = 1 << 20;

/// The most the smaller source may take to parse.
const SCALING_LIMIT: Duration = Duration::from_secs(1);

/// The most the time may grow when the size doubles: linear gives about 2, quadratic 4.
const SCALING_MAX_RATIO: f64 = 3.0;

/// Each source is parsed this many times and the fastest run counts, so that a compile
/// running beside the check does not fail it.
const SCALING_RUNS: usize = 5;

/// Set on the release build the check starts, so that it measures instead of starting
/// another one.
const RELEASE_CHILD: &str = "XTASK_SCALING_RELEASE";

/// `cargo xtask scaling`: measures in a release build, starting one when this is not.
pub fn run(root: &Path) -> Result<()> {
    if cfg!(debug_assertions) {
        if std::env::var_os(RELEASE_CHILD).is_some() {
            return Err(Error::new(
                "scaling: the release build still has debug assertions; its timings would mean nothing",
            ));
        }
        println!("== scaling: building the xtask in release to time the parser as it ships");
        let mut release = cmd::command(
            root,
            "cargo",
            &["run", "--release", "--quiet", "--package", "xtask", "--"],
        );
        release.arg("scaling").env(RELEASE_CHILD, "1");
        return cmd::run(&mut release);
    }
    println!("== scaling (release build, fastest of {SCALING_RUNS} runs)");
    let probes: [(&str, Generator); 2] = [
        ("valid source", synthetic_source),
        ("one line of errors", malformed_source),
    ];
    let mut problems = Vec::new();
    for (name, generate) in probes {
        let small = generate(SCALING_BYTES)?;
        let large = generate(2 * SCALING_BYTES)?;
        let (small_time, large_time) = time_parses(&small, &large)?;
        let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-9);
        println!(
            "  {name:<20} {:>6.2} MiB {:>9.1} ms   {}",
            mebibytes(&small.text),
            small_time.as_secs_f64() * 1000.0,
            small.what
        );
        println!(
            "  {name:<20} {:>6.2} MiB {:>9.1} ms   {}; time ratio {ratio:.2}",
            mebibytes(&large.text),
            large_time.as_secs_f64() * 1000.0,
            large.what
        );
        if small_time > SCALING_LIMIT {
            problems.push(format!(
                "{name}: {:.2} MiB took {:.0} ms, more than {} ms",
                mebibytes(&small.text),
                small_time.as_secs_f64() * 1000.0,
                SCALING_LIMIT.as_millis()
            ));
        }
        if ratio > SCALING_MAX_RATIO {
            problems.push(format!(
                "{name}: twice the size took {ratio:.2} times as long (at most {SCALING_MAX_RATIO}); parsing is not linear"
            ));
        }
    }
    problems.extend(import_scaling()?);
    if problems.is_empty() {
        println!("scaling: ok");
        Ok(())
    } else {
        Err(Error::new(format!("scaling: {}", problems.join("; "))))
    }
}

/// The most the importer may take on the smaller text.
const IMPORT_LIMIT: Duration = Duration::from_secs(2);

/// The converter's text of the 2023-06-30 issue, which the importer's tests read too.
const CONVERTER_TEXT: &str = include_str!("../tests/fixtures/kostec-weekly-2023-06-30.source.txt");

/// Makes a printed issue's text of at least the given size.
type TextGenerator = fn(usize) -> String;

/// Times the importer on 1 and 2 MiB of text in each of its dialects; the problems found.
fn import_scaling() -> Result<Vec<String>> {
    let probes: [(&str, TextGenerator); 2] = [
        ("import, Markdown", |bytes| repeated(CONVERTER_TEXT, bytes)),
        ("import, layout", |bytes| repeated(&as_layout(CONVERTER_TEXT), bytes)),
    ];
    let mut problems = Vec::new();
    for (name, generate) in probes {
        let texts = [generate(SCALING_BYTES), generate(2 * SCALING_BYTES)];
        let mut drafts = Vec::new();
        for text in &texts {
            let draft = crate::import::import(text.as_bytes(), &crate::import::Options::default())
                .map_err(|error| Error::new(format!("scaling: {name}: the generated text gives no draft: {error}")))?;
            drafts.push(draft);
        }
        // In turns, as the parser's (`time_parses`).
        let mut times = [Duration::MAX; 2];
        for _ in 0..SCALING_RUNS {
            for (index, text) in texts.iter().enumerate() {
                let started = Instant::now();
                let again = crate::import::import(text.as_bytes(), &crate::import::Options::default());
                times[index] = times[index].min(started.elapsed());
                drop(again);
            }
        }
        for ((text, draft), time) in texts.iter().zip(&drafts).zip(times) {
            println!(
                "  {name:<20} {:>6.2} MiB {:>9.1} ms   {} review items",
                mebibytes(text),
                time.as_secs_f64() * 1000.0,
                draft.review.len()
            );
        }
        let ratio = times[1].as_secs_f64() / times[0].as_secs_f64().max(1e-9);
        println!("  {name:<20} time ratio {ratio:.2}");
        if times[0] > IMPORT_LIMIT {
            problems.push(format!(
                "{name}: 1 MiB took {:.0} ms, more than {} ms",
                times[0].as_secs_f64() * 1000.0,
                IMPORT_LIMIT.as_millis()
            ));
        }
        if ratio > SCALING_MAX_RATIO {
            problems.push(format!(
                "{name}: twice the text took {ratio:.2} times as long (at most {SCALING_MAX_RATIO}); the importer is not linear"
            ));
        }
    }
    Ok(problems)
}

/// `text` repeated until it holds at least `bytes`.
fn repeated(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len());
    while out.len() < bytes {
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// Markdown text as plain lines: heading markers, list markers and escapes taken off, so that
/// the importer reads it as layout text.
fn as_layout(text: &str) -> String {
    text.lines()
        .map(|line| {
            let body = line.trim_start_matches('#').trim_start();
            let body = body
                .strip_prefix("- ")
                .map_or(body.to_string(), |rest| format!(" {rest}"));
            body.replace('\\', "").replace('\t', "    ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn mebibytes(text: &str) -> f64 {
    text.len() as f64 / f64::from(1u32 << 20)
}

/// Makes a source of at least the given size.
type Generator = fn(usize) -> Result<Synthetic>;

/// A generated source and what parsing it must give.
struct Synthetic {
    text: String,
    expected: Expected,
    /// What it holds, for the report.
    what: String,
}

/// What a generated source must parse to; checked so that a generator bug cannot make a
/// fast parse of an error-filled file look like a pass.
#[derive(Debug, PartialEq, Eq)]
enum Expected {
    /// An issue with these many articles, tables, bullets and brief items.
    Issue {
        articles: usize,
        tables: usize,
        bullets: usize,
        briefs: usize,
    },
    /// Exactly this many errors.
    Errors(usize),
}

/// Parses `small` and `large` [`SCALING_RUNS`] times each, in turns, after checking each
/// result once; the fastest time of each. Taking turns puts a slow phase of a shared machine
/// into both times alike, rather than into the ratio (a run that timed all the small parses
/// first once measured linear parsing at 3.25 times for twice the size).
fn time_parses(small: &Synthetic, large: &Synthetic) -> Result<(Duration, Duration)> {
    for source in [small, large] {
        let found = outcome_of(&source.text);
        if found != source.expected {
            return Err(Error::new(format!(
                "scaling: the generated source should parse to {:?}, but gave {found:?}",
                source.expected
            )));
        }
    }
    let mut fastest = [Duration::MAX; 2];
    for _ in 0..SCALING_RUNS {
        for (index, source) in [small, large].into_iter().enumerate() {
            let started = Instant::now();
            let parsed = bulletin::parse::parse("generated.md", &source.text);
            fastest[index] = fastest[index].min(started.elapsed());
            drop(parsed);
        }
    }
    Ok((fastest[0], fastest[1]))
}

fn outcome_of(text: &str) -> Expected {
    match bulletin::parse::parse("generated.md", text) {
        Ok(parsed) => counts(&parsed.issue),
        Err(errors) => Expected::Errors(errors.len()),
    }
}

fn counts(issue: &Issue) -> Expected {
    Expected::Issue {
        articles: issue.articles().count(),
        tables: issue.tables().count(),
        bullets: issue
            .articles()
            .flat_map(|article| &article.blocks)
            .map(|block| match block {
                Block::Bullets(bullets) => count_bullets(bullets),
                _ => 0,
            })
            .sum(),
        briefs: issue.briefs().count(),
    }
}

fn count_bullets(bullets: &[Bullet]) -> usize {
    bullets.iter().map(|bullet| 1 + count_bullets(&bullet.children)).sum()
}

/// How many articles a part of a generated source holds.
const ARTICLES_PER_PART: usize = 40;

/// Articles in a row with the same category, so the contents group them.
const ARTICLES_PER_CATEGORY: usize = 8;

/// Table rows of a generated article.
const ROWS_PER_TABLE: usize = 12;

/// A valid source of at least `bytes` bytes: contents, summary, parts of articles with
/// leads, nested bullets, sub-headings, a table with a checked total, a figure, sources,
/// notes and references, a part of brief items, and the colophon.
fn synthetic_source(bytes: usize) -> Result<Synthetic> {
    let mut parts = 1;
    loop {
        let issue = synthetic_issue(parts)?;
        let text = generate::write(&issue)?;
        if text.len() >= bytes {
            let expected = counts(&issue);
            let Expected::Issue {
                articles,
                bullets,
                briefs,
                ..
            } = expected
            else {
                return Err(Error::new("scaling: an issue counted as errors"));
            };
            let what = format!("{articles} articles and tables, {bullets} bullets, {briefs} brief items");
            return Ok(Synthetic { text, expected, what });
        }
        // The size grows with the parts; aim past `bytes` in one more step.
        parts = (parts + 1).max(parts * bytes / text.len().max(1) + 1);
    }
}

/// The generated issue with `parts` parts of articles.
fn synthetic_issue(parts: usize) -> Result<Issue> {
    let mut contents = Vec::with_capacity(parts);
    let mut issue_parts = Vec::with_capacity(parts + 1);
    let mut id = 0;
    for part_number in 1..=parts {
        let mut articles = Vec::with_capacity(ARTICLES_PER_PART);
        let mut categories: Vec<ContentsCategory> = Vec::new();
        for index in 0..ARTICLES_PER_PART {
            id += 1;
            let category = format!("분류{}", index / ARTICLES_PER_CATEGORY + 1);
            let article = article(id, index + 1, &category)?;
            let entry = ContentsEntry {
                title: format!("합성 기사 {id}"),
                article: article.id.clone(),
            };
            match categories.last_mut() {
                Some(last) if last.name == category => last.entries.push(entry),
                _ => categories.push(ContentsCategory {
                    name: category,
                    entries: vec![entry],
                }),
            }
            articles.push(article);
        }
        let part_id = generate::slug(&format!("part-{part_number}"))?;
        contents.push(ContentsPart {
            title: format!("{part_number}. 합성동향"),
            part: part_id.clone(),
            categories,
        });
        issue_parts.push(Part {
            id: part_id,
            numeral: roman(part_number),
            title: "합성동향".to_string(),
            body: PartBody::Articles(articles),
        });
    }
    let briefs = (1..=id / 4).map(brief).collect::<Result<Vec<_>>>()?;
    issue_parts.push(Part {
        id: generate::slug("briefs")?,
        numeral: "L".to_string(),
        title: "단신동향".to_string(),
        body: PartBody::Briefs(briefs),
    });
    Ok(Issue {
        meta: generate::meta(2023, 6, 30),
        contents,
        summary: vec![vec![text("합성 요약 하나")], vec![text("합성 요약 둘")]],
        parts: issue_parts,
        colophon: vec![
            ColophonEntry {
                label: "발행일".to_string(),
                value: vec![text("2023. 6. 30")],
            },
            ColophonEntry {
                label: "발행기관".to_string(),
                value: vec![text("한중과학기술협력센터")],
            },
        ],
    })
}

fn bullet(spans: RichText, children: Vec<Bullet>) -> Bullet {
    Bullet { text: spans, children }
}

/// Article `id`, its `number` within the part: six bullets in two lists, a sub-heading, a
/// table with a total, a source and a note, a figure with its source, two references.
fn article(id: usize, number: usize, category: &str) -> Result<Article> {
    let bullets = vec![
        bullet(
            vec![
                text("기초연구 예산을 전년 대비 "),
                strong("6.8%"),
                text(" 늘림 ("),
                link("근거", &format!("https://www.most.gov.cn/{id}"))?,
                text(")"),
            ],
            vec![bullet(
                vec![text("청년 과학 기금 비중 확대")],
                vec![bullet(vec![text(&format!("지역 과학 기금 {id}건 선정"))], Vec::new())],
            )],
        ),
        bullet(vec![text("연구개발비 투입 강도 2.55%")], Vec::new()),
    ];
    let details = vec![
        bullet(vec![text(&format!("중점 프로젝트 {id}건에 직접비 지원"))], Vec::new()),
        bullet(vec![text("국제공동연구 확대")], Vec::new()),
    ];
    let nsfc = format!("https://www.nsfc.gov.cn/{id}");
    Ok(Article {
        id: generate::slug(&format!("article-{id}"))?,
        number: format!("{number:02}"),
        title: format!("합성 기사 {id} 제목"),
        category: category.to_string(),
        lead: Some(Lead {
            text: vec![text(&format!("기초연구 예산을 늘리고 청년 연구자 {id}명을 지원"))],
            date: Some(MonthDay { month: 6, day: 19 }),
        }),
        blocks: vec![
            Block::Bullets(bullets),
            Block::Heading("1) 세부 내용".to_string()),
            Block::Bullets(details),
            Block::Table(Table {
                sources: vec![vec![text("国家自然科学基金委员会 "), link(&nsfc, &nsfc)?]],
                notes: vec![vec![text(&format!("합성 자료 {id}"))]],
                ..table(id)?
            }),
            Block::Figure(Figure {
                id: generate::slug(&format!("figure-{id}"))?,
                caption: format!("합성 그림 {id}"),
                sources: vec![vec![text("국가통계국")]],
                notes: Vec::new(),
            }),
        ],
        references: vec![
            Reference {
                title: format!("关于加强基础研究的通知 {id}"),
                url: Some(generate::url(&format!("https://www.most.gov.cn/ref/{id}"))?),
            },
            Reference {
                title: "〈国家自然科学基金委员会2022年度报告〉(2023.3.)".to_string(),
                url: None,
            },
        ],
    })
}

/// Article `id`'s table: 12 rows of counts and amounts (every third with a sub-figure, which
/// the total includes) and bullet lists, and the total row.
fn table(id: usize) -> Result<Table> {
    let mut rows = Vec::with_capacity(ROWS_PER_TABLE);
    let mut projects_total = 0u64;
    let mut cents_total = 0u64;
    for row in 1..=ROWS_PER_TABLE {
        let projects = ((id * 7919 + row * 104_729) % 30_000) as u64;
        let cents = ((id * 15_485_863 + row * 32_452_843) % 200_000_000) as u64;
        projects_total += projects;
        cents_total += cents;
        let amount = if row % 3 == 0 {
            let sub_cents = cents / 10;
            cents_total += sub_cents;
            format!("{} ({})", money(cents), money(sub_cents))
        } else {
            money(cents)
        };
        rows.push(Row {
            cells: vec![
                generate::number(&row.to_string()),
                Cell::Text(format!("항목 {id}-{row}")),
                generate::number(&group_thousands(&projects.to_string())),
                generate::number(&amount),
                Cell::List(vec!["첫째 항목".to_string(), "둘째 항목".to_string()]),
            ],
        });
    }
    Ok(Table {
        id: generate::slug(&format!("table-{id}"))?,
        caption: format!("합성 표 {id}"),
        columns: vec![
            generate::column("no", "구분", ColumnKind::Ordinal, None)?,
            generate::column("item", "항목", ColumnKind::Text, None)?,
            generate::column("projects", "과제 수", ColumnKind::Integer, None)?,
            generate::column("amount", "금액", ColumnKind::Decimal, Some("만 위안"))?,
            generate::column("content", "내용", ColumnKind::List, None)?,
        ],
        rows,
        total: Some(Row {
            cells: vec![
                Cell::Text("합계".to_string()),
                Cell::Empty,
                generate::number(&group_thousands(&projects_total.to_string())),
                generate::number(&money(cents_total)),
                Cell::Empty,
            ],
        }),
        sources: Vec::new(),
        notes: Vec::new(),
    })
}

/// Brief item `number`.
fn brief(number: usize) -> Result<Brief> {
    Ok(Brief {
        id: generate::slug(&format!("brief-{number}"))?,
        number: format!("{number:02}"),
        title: format!("단신 {number} 산업단지 개설"),
        lead: Some(Lead {
            text: vec![text(&format!("인공지능 기업 {number}개 유치 목표"))],
            date: None,
        }),
        bullets: vec![
            bullet(vec![text(&format!("하이뎬구에 산업단지 {number} 개설"))], Vec::new()),
            bullet(vec![text(&format!("총 투자액은 약 {number}억 위안"))], Vec::new()),
        ],
        source: BriefSource {
            outlet: "과기일보".to_string(),
            date: Some(MonthDay { month: 7, day: 5 }),
            url: Some(generate::url(&format!("https://www.stdaily.com/{number}"))?),
        },
    })
}

/// Cents as printed money: `123456` is `1,234.56`.
fn money(cents: u64) -> String {
    format!("{}.{:02}", group_thousands(&(cents / 100).to_string()), cents % 100)
}

/// Roman numerals from the letters the format allows (I, V, X, L), up to 89.
fn roman(mut number: usize) -> String {
    let mut out = String::new();
    for (value, letters) in [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while number >= value {
            out.push_str(letters);
            number -= value;
        }
    }
    out
}

/// The marker the malformed source's long line replaces.
const MALFORMED_MARKER: &str = "MALFORMEDLINE";

/// A source whose one article holds one bullet of at least `bytes` bytes, every few words
/// an error (single-asterisk emphasis) or a warning (raw HTML, a `javascript:` link): the
/// reporting path, where each message is located by line and column. The article is written
/// by the writer; the line, which no issue can hold, is spliced in where its bullet was.
fn malformed_source(bytes: usize) -> Result<Synthetic> {
    const UNIT: &str = "가나 *강조* 다라 <b>굵게</b> [링크](javascript:void) ";
    let issue = Issue {
        meta: generate::meta(2023, 6, 30),
        contents: Vec::new(),
        summary: Vec::new(),
        parts: vec![Part {
            id: generate::slug("policy")?,
            numeral: "I".to_string(),
            title: "정책동향".to_string(),
            body: PartBody::Articles(vec![Article {
                id: generate::slug("broken")?,
                number: "01".to_string(),
                title: "오류 기사".to_string(),
                category: "기술전략".to_string(),
                lead: Some(Lead {
                    text: vec![text("리드")],
                    date: None,
                }),
                blocks: vec![Block::Bullets(vec![bullet(vec![text(MALFORMED_MARKER)], Vec::new())])],
                references: Vec::new(),
            }]),
        }],
        colophon: Vec::new(),
    };
    let skeleton = generate::write(&issue)?;
    let units = bytes
        .saturating_sub(skeleton.len() - MALFORMED_MARKER.len())
        .div_ceil(UNIT.len())
        .max(1);
    let text = generate::splice(&skeleton, MALFORMED_MARKER, UNIT.repeat(units).trim_end())?;
    Ok(Synthetic {
        text,
        expected: Expected::Errors(units),
        what: format!("{units} errors and {} warnings on one line", 3 * units),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn generated(generator: Generator, bytes: usize) -> Synthetic {
        generator(bytes).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn generated_source_parses_to_what_was_generated() {
        let source = generated(synthetic_source, 60_000);
        assert!(source.text.len() >= 60_000);
        let found = outcome_of(&source.text);
        if let Expected::Errors(_) = found {
            let errors = bulletin::parse::parse("generated.md", &source.text)
                .err()
                .unwrap_or_default();
            let shown: Vec<String> = errors.iter().take(5).map(ToString::to_string).collect();
            panic!("the generated source does not parse:\n{}", shown.join("\n"));
        }
        assert_eq!(found, source.expected);
        assert_eq!(
            source.expected,
            Expected::Issue {
                articles: 40,
                tables: 40,
                bullets: 240,
                briefs: 10
            }
        );
    }

    #[test]
    fn generated_errors_are_all_reported() {
        let source = generated(malformed_source, 20_000);
        assert!(source.text.len() >= 20_000);
        assert_eq!(outcome_of(&source.text), source.expected);
    }

    #[test]
    fn roman_numerals_use_the_allowed_letters() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(49), "XLIX");
        assert_eq!(roman(89), "LXXXIX");
    }

    #[test]
    fn money_groups_and_keeps_cents() {
        assert_eq!(money(123_456_789), "1,234,567.89");
        assert_eq!(money(5), "0.05");
    }
}
