//! `cargo xtask scaling`: checks that parsing a source stays linear in its size.
//!
//! It is a task of its own, not part of `fuzz`, because it is a different kind of check: it
//! needs only stable Rust, takes a minute, and passes or fails the same way every time, so
//! it suits CI, while fuzzing is nightly-only and time-boxed. It generates valid sources of
//! 1 and 2 MiB (many articles, bullets and tables) and a malformed one (one long line of
//! errors and warnings, the parser's reporting path), parses each in a release build, and
//! fails when 1 MiB takes more than a second or when doubling the size more than triples
//! the time.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::cmd;
use crate::error::{Error, Result};

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
        let small = generate(SCALING_BYTES);
        let large = generate(2 * SCALING_BYTES);
        let small_time = time_parse(&small)?;
        let large_time = time_parse(&large)?;
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
    if problems.is_empty() {
        println!("scaling: ok");
        Ok(())
    } else {
        Err(Error::new(format!("scaling: {}", problems.join("; "))))
    }
}

fn mebibytes(text: &str) -> f64 {
    text.len() as f64 / f64::from(1u32 << 20)
}

/// Makes a source of at least the given size.
type Generator = fn(usize) -> Synthetic;

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

/// Parses `source` [`SCALING_RUNS`] times; the fastest time, after checking the result once.
fn time_parse(source: &Synthetic) -> Result<Duration> {
    let found = outcome_of(&source.text);
    if found != source.expected {
        return Err(Error::new(format!(
            "scaling: the generated source should parse to {:?}, but gave {found:?}",
            source.expected
        )));
    }
    let mut fastest = Duration::MAX;
    for _ in 0..SCALING_RUNS {
        let started = Instant::now();
        let parsed = bulletin::parse::parse("generated.md", &source.text);
        fastest = fastest.min(started.elapsed());
        drop(parsed);
    }
    Ok(fastest)
}

fn outcome_of(text: &str) -> Expected {
    match bulletin::parse::parse("generated.md", text) {
        Ok(parsed) => {
            let issue = &parsed.issue;
            Expected::Issue {
                articles: issue.articles().count(),
                tables: issue.tables().count(),
                bullets: issue
                    .articles()
                    .flat_map(|article| &article.blocks)
                    .map(|block| match block {
                        bulletin::model::Block::Bullets(bullets) => count_bullets(bullets),
                        _ => 0,
                    })
                    .sum(),
                briefs: issue.briefs().count(),
            }
        }
        Err(errors) => Expected::Errors(errors.len()),
    }
}

fn count_bullets(bullets: &[bulletin::model::Bullet]) -> usize {
    bullets.iter().map(|bullet| 1 + count_bullets(&bullet.children)).sum()
}

const FRONT_MATTER: &str =
    "---\nseries: 중국 과학기술 정책 주간동향\ndate: 2023-06-30\npublisher: 한중과학기술협력센터\n---\n\n";

/// How many articles a part of a generated source holds.
const ARTICLES_PER_PART: usize = 40;

/// Articles in a row with the same category, so the contents group them.
const ARTICLES_PER_CATEGORY: usize = 8;

/// Table rows of a generated article.
const ROWS_PER_TABLE: usize = 12;

/// A valid source of at least `bytes` bytes: contents, summary, parts of articles with
/// leads, nested bullets, sub-headings, a table with a checked total, a figure, sources,
/// notes and references, a part of brief items, and the colophon.
fn synthetic_source(bytes: usize) -> Synthetic {
    let mut body = String::new();
    let mut contents = String::new();
    let mut articles = 0;
    let mut bullets = 0;
    let mut part_number = 0;
    while body.len() < bytes {
        part_number += 1;
        let _ = write!(body, "# {} 합성동향 {{#part-{part_number}}}\n\n", roman(part_number));
        let _ = writeln!(contents, "- {part_number}\\. 합성동향");
        for index in 0..ARTICLES_PER_PART {
            articles += 1;
            let category = format!("분류{}", index / ARTICLES_PER_CATEGORY + 1);
            if index % ARTICLES_PER_CATEGORY == 0 {
                let _ = writeln!(contents, "  - {category}");
            }
            let _ = writeln!(contents, "    - 합성 기사 {articles}");
            bullets += write_article(&mut body, articles, index + 1, &category);
        }
    }
    let briefs = articles / 4;
    body.push_str("# L 단신동향 {#briefs .briefs}\n\n");
    for brief in 1..=briefs {
        let _ = write!(
            body,
            "## {brief:02} 단신 {brief} 산업단지 개설 {{#brief-{brief}}}\n\n■ 인공지능 기업 {brief}개 유치 목표\n\n\
             - 하이뎬구에 산업단지 {brief} 개설\n- 총 투자액은 약 {brief}억 위안\n\n\
             Source: 과기일보 (07.05) <https://www.stdaily.com/{brief}>\n\n"
        );
    }
    body.push_str("# 발행 정보 {.colophon}\n\n- 발행일: 2023. 6. 30\n- 발행기관: 한중과학기술협력센터\n");
    let text = format!(
        "{FRONT_MATTER}# 목차 {{.contents}}\n\n{contents}\n# 요약 {{.summary}}\n\n- 합성 요약 하나\n- 합성 요약 둘\n\n{body}"
    );
    let what = format!("{articles} articles and tables, {bullets} bullets, {briefs} brief items");
    Synthetic {
        text,
        expected: Expected::Issue {
            articles,
            tables: articles,
            bullets,
            briefs,
        },
        what,
    }
}

/// Writes article `id` (its `number` within the part) and returns how many bullets it has.
fn write_article(out: &mut String, id: usize, number: usize, category: &str) -> usize {
    let _ = write!(
        out,
        "## {number:02} 합성 기사 {id} 제목 {{#article-{id} category={category}}}\n\n\
         ■ 기초연구 예산을 늘리고 청년 연구자 {id}명을 지원(6.19)\n\n\
         - 기초연구 예산을 전년 대비 **6.8%** 늘림 ([근거](https://www.most.gov.cn/{id}))\n\
         \x20 - 청년 과학 기금 비중 확대\n\
         \x20   - 지역 과학 기금 {id}건 선정\n\
         - 연구개발비 투입 강도 2.55%\n\n\
         ### 1) 세부 내용\n\n\
         - 중점 프로젝트 {id}건에 직접비 지원\n\
         - 국제공동연구 확대\n\n\
         Table: 합성 표 {id} {{#table-{id}}}\n\n\
         | 구분 {{#no ordinal}} | 항목 {{#item text}} | 과제 수 {{#projects integer}} | 금액 {{#amount decimal unit=\"만 위안\"}} | 내용 {{#content list}} |\n\
         |---:|---|---:|---:|---|\n"
    );
    let mut projects_total = 0u64;
    let mut cents_total = 0u64;
    for row in 1..=ROWS_PER_TABLE {
        let projects = ((id * 7919 + row * 104_729) % 30_000) as u64;
        let cents = ((id * 15_485_863 + row * 32_452_843) % 200_000_000) as u64;
        projects_total += projects;
        cents_total += cents;
        // Every third row prints a sub-figure, which the total includes.
        let amount = if row % 3 == 0 {
            let sub_cents = cents / 10;
            cents_total += sub_cents;
            format!("{} ({})", money(cents), money(sub_cents))
        } else {
            money(cents)
        };
        let _ = writeln!(
            out,
            "| {row} | 항목 {id}-{row} | {} | {amount} | • 첫째 항목 • 둘째 항목 |",
            bulletin::number::group_thousands(&projects.to_string())
        );
    }
    let _ = write!(
        out,
        "| 합계 {{total}} | | {} | {} | |\n\n\
         Source: 国家自然科学基金委员会 <https://www.nsfc.gov.cn/{id}>\n\n\
         Note: 합성 자료 {id}\n\n\
         Figure: 합성 그림 {id} {{#figure-{id}}}\n\n\
         Source: 국가통계국\n\n\
         References:\n\n\
         - [关于加强基础研究的通知 {id}](https://www.most.gov.cn/ref/{id})\n\
         - 〈国家自然科学基金委员会2022年度报告〉(2023.3.)\n\n",
        bulletin::number::group_thousands(&projects_total.to_string()),
        money(cents_total)
    );
    6
}

/// Cents as printed money: `123456` is `1,234.56`.
fn money(cents: u64) -> String {
    format!(
        "{}.{:02}",
        bulletin::number::group_thousands(&(cents / 100).to_string()),
        cents % 100
    )
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

/// A source whose one article holds one bullet of at least `bytes` bytes, every few words
/// an error (single-asterisk emphasis) or a warning (raw HTML, a `javascript:` link): the
/// reporting path, where each message is located by line and column.
fn malformed_source(bytes: usize) -> Synthetic {
    const UNIT: &str = "가나 *강조* 다라 <b>굵게</b> [링크](javascript:void) ";
    let mut text = format!(
        "{FRONT_MATTER}# I 정책동향 {{#policy}}\n\n## 01 오류 기사 {{#broken category=기술전략}}\n\n■ 리드\n\n- "
    );
    let units = bytes.saturating_sub(text.len()).div_ceil(UNIT.len()).max(1);
    text.push_str(&UNIT.repeat(units));
    text.push('\n');
    Synthetic {
        text,
        expected: Expected::Errors(units),
        what: format!("{units} errors and {} warnings on one line", 3 * units),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_source_parses_to_what_was_generated() {
        let source = synthetic_source(60_000);
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
    }

    #[test]
    fn generated_errors_are_all_reported() {
        let source = malformed_source(20_000);
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
