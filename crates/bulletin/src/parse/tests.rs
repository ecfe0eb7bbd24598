//! Tests of the source parser: the real issue pinned, the small fixture, and broken sources.

use super::*;
use crate::model::{
    plain_text, Article, Block, Bullet, Cell, ColumnKind, HttpUrl, Issue, PartBody, Reference, Span, Table,
};

const ISSUE: &str = include_str!("../../../../bulletins/2023-06-30.md");
const SMALL: &str = include_str!("../../tests/fixtures/2023-07-07-small.md");

fn issue() -> Issue {
    match parse("bulletins/2023-06-30.md", ISSUE) {
        Ok(parsed) => parsed.issue,
        Err(errors) => panic!(
            "{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        ),
    }
}

#[test]
fn real_issue_parses_without_warnings() {
    let parsed = parse("bulletins/2023-06-30.md", ISSUE).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        )
    });
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn small_fixture_parses() {
    let parsed = parse("small.md", SMALL).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        )
    });
    assert_eq!(parsed.issue.meta.date.iso(), "2023-07-07");
    assert_eq!(parsed.issue.articles().count(), 2);
    assert_eq!(parsed.issue.tables().count(), 1);
}

fn bullet_count(bullets: &[Bullet]) -> usize {
    bullets.iter().map(|bullet| 1 + bullet_count(&bullet.children)).sum()
}

fn article_bullets(article: &Article) -> usize {
    article
        .blocks
        .iter()
        .map(|block| match block {
            Block::Bullets(bullets) => bullet_count(bullets),
            _ => 0,
        })
        .sum()
}

#[track_caller]
fn check_cell(table: &Table, row: usize, column: &str, shown: &str) {
    let Some(column) = table.column(column) else {
        panic!("no column {column} in {}", table.id)
    };
    assert_eq!(table.rows[row].cell(column).shown(), shown, "{} row {row}", table.id);
}

#[track_caller]
fn check_number(table: &Table, row: usize, column: &str, value: f64, sub: Option<f64>) {
    let Some(column) = table.column(column) else {
        panic!("no column {column} in {}", table.id)
    };
    match table.rows[row].cell(column) {
        Cell::Number(number) => {
            assert_eq!(number.value, value, "{} row {row}", table.id);
            assert_eq!(number.sub, sub, "{} row {row}", table.id);
        }
        other => panic!("{} row {row}: expected a number, found {other:?}", table.id),
    }
}

#[test]
fn metadata() {
    let issue = issue();
    assert_eq!(issue.meta.series, "중국 과학기술 정책 주간동향");
    assert_eq!(issue.meta.date.iso(), "2023-06-30");
    assert_eq!(issue.meta.publisher, "한중과학기술협력센터");
    assert!(issue
        .meta
        .notice
        .as_deref()
        .is_some_and(|notice| notice.starts_with("본 보고서는")));
}

#[test]
fn contents_match_the_articles() {
    let issue = issue();
    assert_eq!(issue.contents.len(), 2);
    let titles: Vec<(&str, &str, &str)> = issue
        .contents
        .iter()
        .flat_map(|part| {
            part.categories.iter().flat_map(|category| {
                category
                    .entries
                    .iter()
                    .map(|entry| (category.name.as_str(), entry.title.as_str(), entry.article.as_str()))
            })
        })
        .collect();
    assert_eq!(titles.len(), 8);
    assert_eq!(
        titles[0],
        ("기술전략", "'22년 NSFC 사업 예산 및 분야 발표", "nsfc-2022")
    );
    assert_eq!(
        titles[1],
        (
            "기술전략",
            "국무원, 전기차 충전 인프라체계 구축방안 발표",
            "ev-charging"
        )
    );
    assert_eq!(
        titles[7],
        ("바이오", "물리화학연구소 외, 신형 종양 백신 개발", "tumor-vaccine")
    );
    assert_eq!(issue.contents[0].title, "1. 정책동향");
}

#[test]
fn parts_articles_and_briefs() {
    let issue = issue();
    let parts: Vec<(&str, &str, &str)> = issue
        .parts
        .iter()
        .map(|part| (part.numeral.as_str(), part.title.as_str(), part.id.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            ("I", "정책동향", "policy"),
            ("II", "기술동향", "technology"),
            ("III", "단신동향", "briefs")
        ]
    );
    assert!(matches!(&issue.parts[0].body, PartBody::Articles(articles) if articles.len() == 6));
    assert!(matches!(&issue.parts[1].body, PartBody::Articles(articles) if articles.len() == 2));
    assert_eq!(issue.articles().count(), 8);
    assert_eq!(issue.briefs().count(), 6);
    let categories: Vec<&str> = issue.articles().map(|article| article.category.as_str()).collect();
    assert_eq!(
        categories,
        [
            "기술전략",
            "기술전략",
            "지역",
            "지역",
            "혁신체계",
            "통계",
            "ICT",
            "바이오"
        ]
    );
}

#[test]
fn bullets_per_article() {
    let issue = issue();
    let counts: Vec<usize> = issue.articles().map(article_bullets).collect();
    assert_eq!(counts, [4, 15, 21, 15, 9, 8, 4, 5]);
    let briefs: Vec<usize> = issue.briefs().map(|brief| bullet_count(&brief.bullets)).collect();
    assert_eq!(briefs, [2; 6]);
}

#[test]
fn summary_and_leads() {
    let issue = issue();
    assert_eq!(issue.summary.len(), 6);
    assert!(plain_text(&issue.summary[5]).contains("21.4%"));
    let dates: Vec<Option<(u8, u8)>> = issue
        .articles()
        .map(|article| {
            article
                .lead
                .as_ref()
                .and_then(|lead| lead.date)
                .map(|date| (date.month, date.day))
        })
        .collect();
    assert_eq!(
        dates,
        [
            None,
            Some((6, 19)),
            Some((6, 24)),
            Some((6, 25)),
            None,
            Some((6, 15)),
            Some((6, 16)),
            Some((6, 14))
        ]
    );
    let Some(lead) = issue.article("ev-charging").and_then(|article| article.lead.as_ref()) else {
        panic!("no lead")
    };
    assert_eq!(
        plain_text(&lead.text),
        "신에너지 자동차 산업 발전에 맞추어 2030년까지 세계 최대 규모의 충전 인프라 체계 구축"
    );
}

#[test]
fn page_break_damage_is_repaired() {
    let issue = issue();
    let text: String = issue
        .articles()
        .flat_map(|article| article.blocks.iter())
        .filter_map(|block| match block {
            Block::Bullets(bullets) => Some(
                bullets
                    .iter()
                    .map(|bullet| plain_text(&bullet.text))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("신설된 고속도로 휴게소에 충전 인프라를 동시에 건설"));
    assert!(text.contains("연간 25개의 외자 R&D센터를 유치하고"));
}

#[test]
fn tables_and_rows() {
    let issue = issue();
    let tables: Vec<(&str, usize, bool)> = issue
        .tables()
        .map(|table| (table.id.as_str(), table.rows.len(), table.total.is_some()))
        .collect();
    assert_eq!(
        tables,
        [
            ("nsfc-programs", 17, true),
            ("nsfc-major-plans", 27, true),
            ("shanghai-industry-system", 3, false),
            ("suzhou-parks", 9, false),
            ("hurun-top10", 10, false),
            ("digital-transformation-projects", 3, false),
            ("sme-digital-sectors", 16, false),
        ]
    );
}

#[test]
fn nsfc_programs_cells_and_total() {
    let issue = issue();
    let Some(table) = issue.table("nsfc-programs") else {
        panic!("no table")
    };
    let kinds: Vec<ColumnKind> = table.columns.iter().map(|column| column.kind).collect();
    assert_eq!(
        kinds,
        [
            ColumnKind::Ordinal,
            ColumnKind::Text,
            ColumnKind::Integer,
            ColumnKind::Decimal
        ]
    );
    assert_eq!(table.columns[3].heading(), "직접비 금액(만 위안)");
    check_cell(table, 0, "program", "일반 프로젝트");
    check_number(table, 0, "projects", 20472.0, None);
    check_number(table, 6, "projects", 630.0, Some(25.0));
    check_number(table, 6, "funding", 126000.0, Some(5000.0));
    check_cell(table, 6, "funding", "126,000.00 (5,000)");
    check_number(table, 12, "projects", 16.0, Some(3.0));
    check_number(table, 12, "funding", 94000.0, Some(17000.0));
    check_number(table, 16, "funding", 9402.3, None);
    check_cell(table, 16, "funding", "9402.30");
    let sum = |column: &str| -> (f64, f64) {
        let Some(column) = table.column(column) else {
            panic!("no column")
        };
        table
            .rows
            .iter()
            .fold((0.0, 0.0), |(main, sub), row| match row.cell(column) {
                Cell::Number(number) => (main + number.value, sub + number.sub.unwrap_or(0.0)),
                _ => (main, sub),
            })
    };
    // 51,593 = 51,565 + 25 + 3; 3,269,921.35 = 3,247,921.35 + 5,000 + 17,000.
    assert_eq!(sum("projects"), (51565.0, 28.0));
    let (funding, funding_sub) = sum("funding");
    assert!((funding - 3_247_921.35).abs() < 0.005, "{funding}");
    assert_eq!(funding_sub, 22000.0);
    let Some(total) = &table.total else { panic!("no total") };
    assert_eq!(total.cells[0], Cell::Text("합계".to_string()));
    assert_eq!(total.cells[2].shown(), "51,593");
    assert_eq!(total.cells[3].value(), Some(3_269_921.35));
    assert_eq!(
        plain_text(&table.sources[0]),
        "2022年度国家自然科学基金项目申请评审与资助工作综述"
    );
}

#[test]
fn nsfc_major_plans_total() {
    let issue = issue();
    let Some(table) = issue.table("nsfc-major-plans") else {
        panic!("no table")
    };
    check_cell(table, 0, "plan", "대기 미세먼지 독성과 건강효과");
    check_number(table, 0, "funding", 31.9, None);
    check_number(table, 25, "projects", 32.0, None);
    check_cell(table, 26, "plan", "고효율 비행에 관한 기초연구 및 제어 메커니즘");
    let Some(total) = &table.total else { panic!("no total") };
    assert_eq!(total.cells[2].value(), Some(320.0));
    assert_eq!(total.cells[3].shown(), "80,258.70");
    let projects: f64 = table.rows.iter().filter_map(|row| row.cells[2].value()).sum();
    let funding: f64 = table.rows.iter().filter_map(|row| row.cells[3].value()).sum();
    assert_eq!(projects, 320.0);
    assert!((funding - 80_258.70).abs() < 0.005, "{funding}");
}

#[test]
fn list_tables() {
    let issue = issue();
    let Some(parks) = issue.table("suzhou-parks") else {
        panic!("no table")
    };
    let labels: Vec<&str> = parks.columns.iter().map(|column| column.label.as_str()).collect();
    assert_eq!(labels, ["구분", "산업단지", "주요 내용"]);
    check_cell(parks, 0, "park", "장자강(張家港) 신에너지산업단지");
    match &parks.rows[0].cells[2] {
        Cell::List(items) => {
            assert_eq!(items.len(), 2);
            assert_eq!(items[0], "글로벌 최대의 리튬배터리 전해질 생산기지 보유");
        }
        other => panic!("expected a list, found {other:?}"),
    }
    assert!(matches!(&parks.rows[8].cells[2], Cell::List(items) if items.len() == 1));
    let Some(shanghai) = issue.table("shanghai-industry-system") else {
        panic!("no table")
    };
    check_cell(shanghai, 0, "area", "기본방향(2)");
    assert!(matches!(&shanghai.rows[1].cells[1], Cell::List(items) if items.len() == 2));
    let Some(digital) = issue.table("digital-transformation-projects") else {
        panic!("no table")
    };
    check_cell(digital, 2, "area", "중소기업 디지털화 서비스 기반 강화");
}

#[test]
fn sectors_table_is_one_table_of_sixteen() {
    let issue = issue();
    let Some(table) = issue.table("sme-digital-sectors") else {
        panic!("no table")
    };
    let numbers: Vec<f64> = table.rows.iter().filter_map(|row| row.cells[0].value()).collect();
    assert_eq!(numbers, (1..=16).map(f64::from).collect::<Vec<_>>());
    check_cell(table, 0, "sector", "일반 장비 제조업");
    check_cell(table, 8, "sector", "화학 섬유 제조");
    check_cell(table, 15, "sector", "계측 제조업");
}

#[test]
fn hurun_indices() {
    let issue = issue();
    let Some(table) = issue.table("hurun-top10") else {
        panic!("no table")
    };
    assert_eq!(
        table
            .columns
            .iter()
            .filter(|column| column.kind == ColumnKind::Index)
            .count(),
        4
    );
    check_cell(table, 0, "city", "선전");
    check_number(table, 0, "overall", 88.1, None);
    check_number(table, 2, "investment", 83.0, None);
    check_cell(table, 9, "city", "허페이");
    check_number(table, 9, "overall", 79.6, None);
}

#[test]
fn figures_with_captions_and_sources() {
    let issue = issue();
    let figures: Vec<(&str, usize)> = issue
        .figures()
        .map(|figure| (figure.id.as_str(), figure.sources.len()))
        .collect();
    assert_eq!(
        figures,
        [
            ("nsfc-budget-trend", 1),
            ("ev-chargers", 1),
            ("chongsu-production-line", 0),
            ("changshu-hydrogen-bus", 0),
            ("nature-index-countries", 0),
            ("nature-index-institutions", 0),
            ("zidong-taichu-launch", 1),
            ("nano-vaccine-mechanism", 1),
        ]
    );
    let Some(figure) = issue.figure("nsfc-budget-trend") else {
        panic!("no figure")
    };
    assert_eq!(
        figure.caption,
        "자연과학기금 예산규모 변화 추이(2010~2022)(단위: 억 위안)"
    );
}

#[test]
fn references_and_urls() {
    let issue = issue();
    let references: Vec<&Reference> = issue.articles().flat_map(|article| article.references.iter()).collect();
    assert_eq!(references.len(), 18);
    assert_eq!(references.iter().filter(|reference| reference.url.is_none()).count(), 1);
    let Some(ev) = issue.article("ev-charging") else {
        panic!("no article")
    };
    assert_eq!(
        ev.references[0].url.as_ref().map(HttpUrl::as_str),
        Some("https://www.gov.cn/zhengce/content/202306/content_6887167.htm")
    );
    // Every address in the issue is http(s) and carries no leaked Markdown escape.
    let mut urls: Vec<String> = references
        .iter()
        .filter_map(|reference| reference.url.clone())
        .map(String::from)
        .collect();
    urls.extend(
        issue
            .briefs()
            .filter_map(|brief| brief.source.url.clone())
            .map(String::from),
    );
    let link_urls = |text: &[Span]| -> Vec<String> {
        text.iter()
            .filter_map(|span| match span {
                Span::Link { url, .. } => Some(url.as_str().to_string()),
                _ => None,
            })
            .collect()
    };
    for table in issue.tables() {
        table.sources.iter().for_each(|source| urls.extend(link_urls(source)));
    }
    for figure in issue.figures() {
        figure.sources.iter().for_each(|source| urls.extend(link_urls(source)));
    }
    issue
        .colophon
        .iter()
        .for_each(|entry| urls.extend(link_urls(&entry.value)));
    assert_eq!(urls.len(), 17 + 6 + 4 + 3 + 1);
    for url in &urls {
        assert!(url.starts_with("http://") || url.starts_with("https://"), "{url}");
        assert!(HttpUrl::parse(url).is_ok(), "{url}");
        assert!(!url.contains('\\'), "{url}");
    }
}

#[test]
fn brief_items_carry_source_and_date() {
    let issue = issue();
    let sources: Vec<(&str, Option<(u8, u8)>)> = issue
        .briefs()
        .map(|brief| {
            (
                brief.source.outlet.as_str(),
                brief.source.date.map(|date| (date.month, date.day)),
            )
        })
        .collect();
    assert_eq!(
        sources,
        [
            ("지무신문망", Some((6, 12))),
            ("중국고신망", Some((6, 15))),
            ("공신웨바오", Some((6, 19))),
            ("과기일보", Some((6, 13))),
            ("과기일보", Some((6, 14))),
            ("중국항천보", Some((6, 14))),
        ]
    );
    assert!(issue
        .briefs()
        .all(|brief| brief.source.url.is_some() && brief.lead.is_some()));
}

#[test]
fn colophon() {
    let issue = issue();
    let labels: Vec<&str> = issue.colophon.iter().map(|entry| entry.label.as_str()).collect();
    assert_eq!(labels, ["발행일", "발행인", "발행기관", "발행처"]);
    assert_eq!(plain_text(&issue.colophon[0].value), "2023. 6. 30");
    assert!(plain_text(&issue.colophon[3].value).contains("TEL : 86)10-6410-7876/7886"));
}

#[test]
fn ids_are_unique_across_the_issue() {
    let issue = issue();
    let mut ids: Vec<&str> = issue.parts.iter().map(|part| part.id.as_str()).collect();
    ids.extend(issue.articles().map(|article| article.id.as_str()));
    ids.extend(issue.briefs().map(|brief| brief.id.as_str()));
    ids.extend(issue.tables().map(|table| table.id.as_str()));
    ids.extend(issue.figures().map(|figure| figure.id.as_str()));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
    assert_eq!(count, 3 + 8 + 6 + 7 + 8);
}

// Broken sources: each gives its error at its line.

/// The small fixture with `from` replaced by `to`; the replacement must happen.
fn broken(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "the fixture lacks {from:?}");
    SMALL.replacen(from, to, 1)
}

fn line_of(source: &str, needle: &str) -> usize {
    source
        .lines()
        .position(|line| line.contains(needle))
        .map_or(0, |index| index + 1)
}

#[track_caller]
fn check_error(source: &str, line: usize, expected: &str) {
    match parse("small.md", source) {
        Ok(_) => panic!("expected an error containing {expected:?} at line {line}"),
        Err(errors) => {
            let found = errors
                .iter()
                .any(|error| error.line() == line && error.message().contains(expected));
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert!(found, "expected {expected:?} at line {line}, got:\n{}", all.join("\n"));
        }
    }
}

#[test]
fn short_row() {
    let source = broken("| 2 | 청년 | 4.5 (0.5) |", "| 2 | 4.5 (0.5) |");
    check_error(
        &source,
        line_of(&source, "| 2 | 4.5"),
        "table \"basic-budget\", row 2: 2 cells, the header has 3",
    );
}

#[test]
fn long_row() {
    let source = broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 10.5 | 3 |");
    check_error(
        &source,
        line_of(&source, "| 1 | 일반"),
        "row 1: 4 cells, the header has 3",
    );
}

#[test]
fn bad_number() {
    let source = broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 10.5.1 |");
    check_error(
        &source,
        line_of(&source, "10.5.1"),
        "row 1, column \"금액\": \"10.5.1\" is not a number",
    );
}

#[test]
fn bad_grouping() {
    let source = broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 1,05 |");
    check_error(&source, line_of(&source, "1,05"), "thousands separators");
}

#[test]
fn missing_caption() {
    let source = broken("Table: 기초연구 예산 {#basic-budget}\n\n", "");
    check_error(&source, line_of(&source, "| 구분 {#no"), "a table needs a caption");
}

#[test]
fn caption_without_id() {
    let source = broken("Table: 기초연구 예산 {#basic-budget}", "Table: 기초연구 예산");
    check_error(&source, line_of(&source, "Table: 기초연구"), "a table needs an id");
}

#[test]
fn unknown_directive() {
    let source = broken(
        "Source: <https://www.most.gov.cn/>",
        "Sauce: <https://www.most.gov.cn/>",
    );
    check_error(&source, line_of(&source, "Sauce:"), "unknown directive \"Sauce\"");
}

#[test]
fn escaped_colon_is_prose() {
    let source = broken(
        "- 연구개발비 투입 강도 2.55%",
        "- 연구개발비 투입 강도 2.55%\n\nNature\\: 본문",
    );
    assert!(parse("small.md", &source).is_ok());
}

#[test]
fn total_that_does_not_add_up() {
    let source = broken("| 합계 {total} | | 15.5 |", "| 합계 {total} | | 15.0 |");
    check_error(
        &source,
        line_of(&source, "| 합계"),
        "the total row says 15.0 under \"금액\", but the rows add up to 15.5 (15.0 + 0.5 in sub-figures)",
    );
}

#[test]
fn a_total_with_a_sub_figure_totals_the_sub_figures_apart() {
    let good = broken("| 합계 {total} | | 15.5 |", "| 합계 {total} | | 15.0 (0.5) |");
    assert_eq!(all_errors(&good), Vec::<String>::new());
    let source = broken("| 합계 {total} | | 15.5 |", "| 합계 {total} | | 15.0 (9.9) |");
    let line = line_of(&source, "| 합계");
    assert_eq!(
        all_errors(&source),
        [format!(
            "{line}: table \"basic-budget\": the total row says 9.9 in sub-figures under \"금액\", but the rows add up to 0.5 in sub-figures"
        )]
    );
}

#[test]
fn a_row_short_of_a_cell_is_the_one_error_of_its_table() {
    let source = broken("| 2 | 청년 | 4.5 (0.5) |", "| 2 | 청년 |");
    let line = line_of(&source, "| 2 | 청년");
    assert_eq!(
        all_errors(&source),
        [format!(
            "{line}: table \"basic-budget\", row 2: 2 cells, the header has 3"
        )],
        "no total mismatch from the row left out of the sums"
    );
}

#[test]
fn a_source_line_run_into_its_table_is_named_as_that() {
    let source = broken(
        "| 합계 {total} | | 15.5 |\n\nSource:",
        "| 합계 {total} | | 15.5 |\nSource:",
    );
    let line = line_of(&source, "Source: <https://www.most.gov.cn/>");
    assert_eq!(
        all_errors(&source),
        [format!(
            "{line}: table \"basic-budget\", row 4: 1 cells, the header has 3: the `Source:` line is read as a row of the table; leave a blank line between them"
        )],
        "and the article is not said to have no body"
    );
}

#[test]
fn total_not_last() {
    let source = broken(
        "| 합계 {total} | | 15.5 |",
        "| 합계 {total} | | 15.5 |\n| 3 | 기타 | 1 |",
    );
    check_error(
        &source,
        line_of(&source, "| 3 | 기타"),
        "the {total} row must be the last",
    );
}

#[test]
fn unknown_column_kind() {
    let source = broken("{#amount decimal unit=\"억 위안\"}", "{#amount money}");
    check_error(
        &source,
        line_of(&source, "| 구분 {#no"),
        "unknown column kind \"money\"",
    );
}

#[test]
fn header_without_attributes() {
    let source = broken("항목 {#item text}", "항목");
    check_error(
        &source,
        line_of(&source, "| 구분 {#no"),
        "the header \"항목\" needs {#id kind}",
    );
}

#[test]
fn duplicate_id() {
    let source = broken("{#rd-trend}", "{#basic-budget}");
    check_error(
        &source,
        line_of(&source, "Figure: 연구개발비"),
        "the id \"basic-budget\" is used twice",
    );
}

#[test]
fn missing_category() {
    let source = broken(" category=통계}", "}");
    check_error(
        &source,
        line_of(&source, "## 02 연구개발비"),
        "an article needs a category",
    );
}

#[test]
fn contents_disagree_with_categories() {
    let source = broken("  - 통계\n", "  - 지역\n");
    check_error(
        &source,
        line_of(&source, "연구개발비 통계 발표"),
        "under \"지역\", but article 02 (rd-statistics) has category \"통계\"",
    );
}

#[test]
fn missing_front_matter_field() {
    let source = broken("date: 2023-07-07\n", "");
    check_error(&source, 1, "the front matter lacks date");
}

#[test]
fn bad_date() {
    let source = broken("date: 2023-07-07", "date: 2023-7-7");
    check_error(&source, line_of(&source, "date:"), "YYYY-MM-DD");
}

/// Every error of `source`, as `line: message`.
/// The warnings of a parsed source, as `line: message`.
fn warning_lines(parsed: &crate::parse::Parsed) -> Vec<String> {
    parsed
        .warnings
        .iter()
        .map(|warning| format!("{}: {}", warning.line(), warning.message()))
        .collect()
}

fn all_errors(source: &str) -> Vec<String> {
    match parse("small.md", source) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|error| format!("{}: {}", error.line(), error.message()))
            .collect(),
    }
}

#[test]
fn a_date_the_calendar_lacks_is_the_one_error() {
    for (date, expected) in [
        ("2023-02-30", "the date 2023-02-30 is not a date of the calendar"),
        ("2023-02-29", "the date 2023-02-29 is not a date of the calendar"),
        ("2023-13-45", "the date 2023-13-45 is not a date of the calendar"),
    ] {
        let source = broken("date: 2023-07-07", &format!("date: {date}"));
        let line = line_of(&source, "date:");
        assert_eq!(all_errors(&source), [format!("{line}: {expected}")]);
    }
    let leap = broken("date: 2023-07-07", "date: 2024-02-29");
    assert_eq!(all_errors(&leap), Vec::<String>::new(), "2024 is a leap year");
}

#[test]
fn a_table_with_a_taken_id_is_one_error_that_names_the_first_use() {
    let source = broken(
        "Table: 기초연구 예산 {#basic-budget}",
        "Table: 기초연구 예산 {#basic-research}",
    );
    let first = line_of(&source, "## 01 과기부");
    let line = line_of(&source, "Table: 기초연구 예산");
    assert_eq!(
        all_errors(&source),
        [format!(
            "{line}: the id \"basic-research\" is used twice (first on line {first}); ids must be unique in the issue"
        )],
        "and no 'a table needs a caption' for the table under it"
    );
    // A table under a prose paragraph instead is uncaptioned all the same.
    let uncaptioned = broken("Table: 기초연구 예산 {#basic-budget}\n", "기초연구 예산\n");
    assert!(
        all_errors(&uncaptioned)
            .iter()
            .any(|error| error.contains("a table needs a caption")),
        "{:?}",
        all_errors(&uncaptioned)
    );
}

#[test]
fn contents_that_stop_short_name_the_articles_they_miss() {
    let source = broken("    - 연구개발비 통계 발표\n", "");
    let errors = all_errors(&source);
    assert!(
        errors
            .iter()
            .any(|error| error.ends_with("the contents of part I miss its last 1 article(s): 02 (rd-statistics)")),
        "{errors:?}"
    );
}

#[test]
fn a_misspelt_or_repeated_key_is_the_one_error() {
    let source = broken("publisher: 한중과학기술협력센터", "publsher: 한중과학기술협력센터");
    let line = line_of(&source, "publsher:");
    assert_eq!(
        all_errors(&source),
        [format!(
            "{line}: unknown front matter key \"publsher\" (did you mean publisher?); expected series, series_en, date, publisher, publisher_en or notice"
        )]
    );
    let source = broken("date: 2023-07-07\n", "date: 2023-07-07\ndate: 2023-07-14\n");
    let first = line_of(&source, "date: 2023-07-07");
    assert_eq!(
        all_errors(&source),
        [format!("{}: date is given twice: first on line {first}", first + 1)]
    );
}

#[test]
fn unknown_front_matter_key() {
    let source = broken(
        "publisher: 한중과학기술협력센터",
        "publisher: 한중과학기술협력센터\neditor: 홍길동",
    );
    check_error(
        &source,
        line_of(&source, "editor:"),
        "unknown front matter key \"editor\"",
    );
}

#[test]
fn emphasis_is_an_error() {
    let source = broken("- 연구개발비 투입 강도 2.55%", "- 연구개발비 *투입* 강도");
    check_error(&source, line_of(&source, "*투입*"), "single-asterisk emphasis");
}

#[test]
fn image_is_an_error() {
    let source = broken("- 연구개발비 투입 강도 2.55%", "- ![차트](chart.png)");
    check_error(
        &source,
        line_of(&source, "![차트]"),
        "images are not part of this edition",
    );
}

#[test]
fn brief_without_source() {
    let source = broken("Source: 과기일보 (07.05) <https://www.stdaily.com/>", "");
    check_error(
        &source,
        line_of(&source, "## 01 베이징"),
        "a brief item ends with `Source:",
    );
}

#[test]
fn list_cell_without_bullets() {
    let source = broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 10.5 |").replace("항목 {#item text}", "항목 {#item list}");
    check_error(&source, line_of(&source, "| 1 | 일반"), "a list cell starts with •");
}

#[test]
fn no_parts_is_an_error_not_an_empty_issue() {
    let source = "---\nseries: s\ndate: 2023-07-07\npublisher: p\n---\n\n# 요약 {.summary}\n\n- 요약\n";
    check_error(source, 10, "the issue has no parts");
}

#[test]
fn several_errors_are_reported_at_once() {
    let source =
        broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | x |").replace("Source: <https://www.most.gov.cn/>", "Sauce: x");
    let Err(errors) = parse("small.md", &source) else {
        panic!("expected errors")
    };
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(errors.windows(2).all(|pair| pair[0].line() <= pair[1].line()));
    assert!(errors[0].to_string().starts_with("small.md:"));
}

#[test]
fn hostile_text_is_kept_inert_with_warnings() {
    let source = broken(
        "- 연구개발비 투입 강도 2.55%",
        "- <img src=x onerror=alert(1)> [클릭](javascript:alert(1)) [데이터](data:text/html,x)",
    );
    let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
    let Some(article) = parsed.issue.article("rd-statistics") else {
        panic!("no article")
    };
    let Some(Block::Bullets(bullets)) = article.blocks.first() else {
        panic!("no bullets")
    };
    assert!(bullets[0].text.iter().all(|span| !matches!(span, Span::Link { .. })));
    assert_eq!(
        plain_text(&bullets[0].text),
        "<img src=x onerror=alert(1)> 클릭 (javascript:alert(1)) 데이터 (data:text/html,x)"
    );
    assert_eq!(parsed.warnings.len(), 3);
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let mut list = String::new();
    for depth in 0..200 {
        list.push_str(&"  ".repeat(depth));
        list.push_str("- 깊이\n");
    }
    let source = broken("- 연구개발비 투입 강도 2.55%\n", &list);
    let Err(errors) = parse("small.md", &source) else {
        panic!("expected an error")
    };
    assert!(
        errors
            .iter()
            .any(|error| error.message().contains("nest more than 32 levels")),
        "{errors:?}"
    );
}

#[test]
fn a_long_line_of_errors_is_located_error_by_error() {
    // The scaling check's malformed source in small: many errors on one line. Each column
    // is counted on from the previous error's (linear, where counting from the line's start
    // was quadratic) and must still be exact.
    let units = 2000;
    let source = broken("- 연구개발비 투입 강도 2.55%", &format!("- {}", "*가* ".repeat(units)));
    let line = line_of(&source, "*가*");
    let Err(errors) = parse("small.md", &source) else {
        panic!("expected errors")
    };
    let columns: Vec<usize> = errors
        .iter()
        .filter(|error| error.line() == line)
        .map(ParseError::column)
        .collect();
    let expected: Vec<usize> = (0..units).map(|index| 3 + 4 * index).collect();
    assert_eq!(columns, expected);
}

#[test]
fn an_error_left_of_the_previous_one_is_located_too() {
    // The emphasis inside this second lead is reported while reading its text, the lead
    // itself afterwards, at the paragraph's start: locating counts back on the same line.
    let source = broken("- 연구개발비 투입 강도 2.55%", "■ 두 번째 *리드*");
    let line = line_of(&source, "■ 두 번째");
    let Err(errors) = parse("small.md", &source) else {
        panic!("expected errors")
    };
    let on_line: Vec<(usize, bool)> = errors
        .iter()
        .filter(|error| error.line() == line)
        .map(|error| (error.column(), error.message().contains("lead must be the first")))
        .collect();
    assert_eq!(on_line, [(1, true), (8, false)], "{errors:?}");
}

#[test]
fn total_beyond_the_exact_range_is_refused_not_skipped() {
    // Ten decimals beside a 29-digit figure overflow the exact sum. The check once dropped
    // the row that overflowed and compared the rest, so this total (which leaves out that
    // row) passed.
    let source = broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 0.0000000001 |")
        .replace(
            "| 2 | 청년 | 4.5 (0.5) |",
            &format!("| 2 | 청년 | {} |", "9".repeat(29)),
        )
        .replace("| 합계 {total} | | 15.5 |", "| 합계 {total} | | 0.0000000001 |");
    check_error(
        &source,
        line_of(&source, "| 합계"),
        "table \"basic-budget\": the figures under \"금액\" are too large or have too many decimals to add up exactly",
    );
}

#[test]
fn direction_overrides_are_kept_and_reported() {
    let source = broken("- 연구개발비 투입 강도 2.55%", "- 주소 \u{202E}moc.elpmaxe//:sptth");
    let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
    let line = line_of(&source, "\u{202E}");
    assert!(parsed
        .warnings
        .iter()
        .any(|warning| warning.line() == line && warning.message().contains("U+202E")));
}

// What a problem is, besides its message.

#[track_caller]
fn check_kind(source: &str, expected: &str, kind: ErrorKind) {
    let errors = parse("small.md", source).err().unwrap_or_default();
    let Some(error) = errors.iter().find(|error| error.message().contains(expected)) else {
        panic!("no error saying {expected:?} in {errors:#?}");
    };
    assert_eq!((error.kind(), error.severity()), (kind, Severity::Error), "{error}");
}

#[test]
fn errors_say_which_part_of_the_format_they_concern() {
    check_kind(
        &broken("| 합계 {total} | | 15.5 |", "| 합계 {total} | | 15.0 |"),
        "the total row says 15.0",
        ErrorKind::Total,
    );
    check_kind(
        &broken("{#basic-budget}", "{#basic-research}"),
        "used twice",
        ErrorKind::Id,
    );
    check_kind(
        &broken("| 2 | 청년 | 4.5 (0.5) |", "| 2 | 4.5 (0.5) |"),
        "2 cells",
        ErrorKind::Table,
    );
    check_kind(
        &broken("Table: 기초연구", "Tabel: 기초연구"),
        "unknown directive",
        ErrorKind::Directive,
    );
    check_kind(
        &broken("date: 2023-07-07", "date: 2023-7-7"),
        "YYYY-MM-DD",
        ErrorKind::FrontMatter,
    );
    check_kind(
        &broken("**6.8%**", "*6.8%*"),
        "single-asterisk emphasis",
        ErrorKind::Markdown,
    );
    check_kind(
        &broken("category=통계", "categori=통계"),
        "unknown article attribute",
        ErrorKind::Entry,
    );
    check_kind(&broken("  - 통계", "  - 지역"), "under \"지역\"", ErrorKind::Contents);
}

#[test]
fn warnings_are_warnings_of_their_kind() {
    let source = broken(
        "- 연구개발비 투입 강도 2.55%",
        "- <b>굵게</b> [클릭](javascript:alert(1)) \u{202E}뒤집힌",
    );
    let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
    let found: Vec<(Severity, ErrorKind)> = parsed
        .warnings
        .iter()
        .map(|warning| (warning.severity(), warning.kind()))
        .collect();
    assert_eq!(
        found,
        [
            (Severity::Warning, ErrorKind::Markdown),
            (Severity::Warning, ErrorKind::Markdown),
            (Severity::Warning, ErrorKind::Link),
            (Severity::Warning, ErrorKind::Text),
        ]
    );
}

#[test]
fn a_dash_in_a_column_of_figures_is_no_figure_kept_as_printed() {
    // Print marks a row without a figure with a dash; each of them reads as one, and the total
    // adds up the figures there are (10.5 + 3 + 2 = 15.5).
    for dash in crate::number::DASHES {
        let source = broken("| 2 | 청년 | 4.5 (0.5) |", &format!("| 2 | 청년 | {dash} |"))
            .replace("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 10.5 |\n| 3 | 기타 | 5 |")
            .replace(
                "| 합계 {total} | | 15.5 |",
                &format!("| 합계 {{total}} | {dash} | 15.5 |"),
            );
        let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{dash:?}: {errors:?}"));
        let table = parsed.issue.table("basic-budget").expect("the table");
        let cells: Vec<&Cell> = table.rows.iter().map(|row| &row.cells[2]).collect();
        assert_eq!(cells[2], &Cell::Dash(dash.to_string()), "{dash:?}");
        assert_eq!(cells[2].shown(), dash);
        assert_eq!(cells[2].value(), None);
        // In a text column a dash is the text it is.
        assert_eq!(
            table.total.as_ref().map(|total| &total.cells[1]),
            Some(&Cell::Text(dash.to_string()))
        );
    }
    // A figure that the dashes' rows would have to hold is still checked.
    let source = broken("| 2 | 청년 | 4.5 (0.5) |", "| 2 | 청년 | - |");
    assert_eq!(
        all_errors(&source),
        [format!(
            "{}: table \"basic-budget\": the total row says 15.5 under \"금액\", but the rows add up to 10.5",
            line_of(&source, "| 합계")
        )]
    );
    // A dash with anything beside it is not a dash.
    let source = broken("| 2 | 청년 | 4.5 (0.5) |", "| 2 | 청년 | -- |");
    assert_eq!(all_errors(&source).len(), 1, "{:?}", all_errors(&source));
}

#[test]
fn a_total_rounded_apart_is_checked_within_rounding() {
    // Shares that print 100.0 when their rounded figures add up to 99.9: rejected, unless the
    // column says print rounded its total apart, and then only within the rounding.
    let shares = |header: &str, total: &str| {
        broken("| 1 | 일반 | 10.5 |", "| 1 | 일반 | 33.3 |")
            .replace("| 2 | 청년 | 4.5 (0.5) |", "| 2 | 청년 | 33.3 |\n| 3 | 기타 | 33.3 |")
            .replace("| 합계 {total} | | 15.5 |", &format!("| 합계 {{total}} | | {total} |"))
            .replace("금액 {#amount decimal unit=\"억 위안\"}", header)
    };
    let plain = shares("비중 {#share decimal unit=\"%\"}", "100.0");
    assert_eq!(
        all_errors(&plain),
        [format!(
            "{}: table \"basic-budget\": the total row says 100.0 under \"비중\", but the rows add up to 99.9",
            line_of(&plain, "| 합계")
        )]
    );
    let rounded = shares("비중 {#share decimal unit=\"%\" total=rounded}", "100.0");
    let parsed = parse("small.md", &rounded).unwrap_or_else(|errors| panic!("{errors:?}"));
    let table = parsed.issue.table("basic-budget").expect("the table");
    assert!(table.columns[2].rounded_total);
    assert!(!table.columns[0].rounded_total);
    // Three rows of one decimal and the total's own: ±0.2 at most.
    let far = shares("비중 {#share decimal unit=\"%\" total=rounded}", "100.2");
    assert_eq!(
        all_errors(&far),
        [format!(
            "{}: table \"basic-budget\": the total row says 100.2 under \"비중\", but the rows add up to 99.9, more than their rounding and the total's (±0.20) explain",
            line_of(&far, "| 합계")
        )]
    );
    // Only a column of figures has a total, and rounded is the one value.
    for header in ["항목 {#item text total=rounded}", "비중 {#share decimal total=yes}"] {
        let source = shares(header, "100.0").replace("항목 {#item text}", header);
        let errors = all_errors(&source);
        assert_eq!(errors.len(), 1, "{header}: {errors:?}");
        assert!(
            errors[0].contains("total=rounded is the one value of total"),
            "{header}: {errors:?}"
        );
    }
}

#[test]
fn an_article_whose_id_is_refused_is_one_error_and_its_body_and_contents_line_are_not() {
    // A malformed id, a taken one and none: the article is read on under a stand-in id, so its
    // body is not "content before the first article" and the contents still find it.
    for (to, expected) in [
        (
            "{#기초-research category=기술전략}",
            "an article: the id contains '기'; use lowercase a-z, digits and hyphens",
        ),
        (
            "{#Basic-research category=기술전략}",
            "an article: the id contains 'B'; use lowercase a-z, digits and hyphens",
        ),
    ] {
        let source = broken("{#basic-research category=기술전략}", to);
        let line = line_of(&source, "## 01 과기부");
        assert_eq!(all_errors(&source), [format!("{line}: {expected}")], "{to}");
    }
    let taken = broken("{#rd-statistics category=통계}", "{#basic-research category=통계}");
    let first = line_of(&taken, "## 01 과기부");
    let line = line_of(&taken, "## 02 연구개발비");
    assert_eq!(
        all_errors(&taken),
        [format!(
            "{line}: the id \"basic-research\" is used twice (first on line {first}); ids must be unique in the issue"
        )]
    );
}

#[test]
fn a_brief_item_with_a_wrong_or_no_source_is_one_error_about_the_item() {
    let dated = broken("과기일보 (07.05)", "과기일보 (13.45)");
    let line = line_of(&dated, "Source: 과기일보");
    assert_eq!(
        all_errors(&dated),
        [format!("{line}: the source's date is written (MM.DD), found (13.45)")]
    );
    // Without its source the item is refused, and its part is not said to have no articles.
    let sourceless = broken("Source: 과기일보 (07.05) <https://www.stdaily.com/>", "");
    let line = line_of(&sourceless, "## 01 베이징");
    assert_eq!(
        all_errors(&sourceless),
        [format!(
            "{line}: a brief item ends with `Source: outlet (MM.DD) <https://…>`"
        )]
    );
    // A part with no entry at all still says so, in its own terms.
    let empty = broken("## 01 베이징, 인공지능 산업단지 개설 {#beijing-ai-park}\n\n■ 인공지능 기업 100개 유치 목표\n\n- 하이뎬구에 산업단지 개설\n\nSource: 과기일보 (07.05) <https://www.stdaily.com/>", "");
    let line = line_of(&empty, "# II 단신동향");
    assert_eq!(
        all_errors(&empty),
        [format!(
            "{line}: the part has no brief items: expected `## 01 title {{#id}}` headings"
        )]
    );
}

#[test]
fn a_category_with_a_space_is_written_in_quotes() {
    let source = broken(
        "{#basic-research category=기술전략}",
        "{#basic-research category=\"기초 연구\"}",
    )
    .replacen("  - 기술전략", "  - 기초 연구", 1);
    let issue = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
    assert_eq!(
        issue
            .issue
            .article("basic-research")
            .map(|article| article.category.as_str()),
        Some("기초 연구")
    );
    assert!(issue.warnings.is_empty(), "{:?}", issue.warnings);
    // Unquoted, the second word is an attribute of its own; a quote never closed says so too.
    let bare = broken(
        "{#basic-research category=기술전략}",
        "{#basic-research category=기초 연구}",
    );
    let line = line_of(&bare, "## 01 과기부");
    assert!(
        all_errors(&bare).contains(&format!(
            "{line}: unknown article attribute \"연구\"; expected category=…"
        )),
        "{:?}",
        all_errors(&bare)
    );
    let open = broken(
        "{#basic-research category=기술전략}",
        "{#basic-research category=\"기초 연구}",
    );
    assert!(!all_errors(&open).is_empty());
}

#[test]
fn a_code_span_is_kept_with_its_backticks_and_warned_of() {
    let source = broken(
        "- 하이뎬구에 산업단지 개설",
        "- 하이뎬구에 `AI` 산업단지와 ``a`b`` 개설",
    );
    let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
    let brief = parsed
        .issue
        .brief("beijing-ai-park")
        .unwrap_or_else(|| panic!("the brief item"));
    let text: String = brief.bullets[0]
        .text
        .iter()
        .map(|span| match span {
            Span::Text(text) | Span::Strong(text) => text.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(text, "하이뎬구에 `AI` 산업단지와 ``a`b`` 개설");
    let line = line_of(&source, "하이뎬구에");
    let warnings = warning_lines(&parsed);
    let expected = format!("{line}: a code span is not part of the format; it is kept as plain text with its backticks (escape a literal backtick as \\`)");
    assert_eq!(warnings, [expected.clone(), expected]);
}

#[test]
fn a_lead_ending_in_what_is_no_month_and_day_keeps_it_as_text_and_is_warned_of() {
    for (printed, date) in [
        ("(7.3)", Some((7, 3))),
        ("(2.29)", Some((2, 29))),
        ("(2.30)", None),
        ("(13.1)", None),
        ("(0.5)", None),
    ] {
        let source = broken("청년 연구자를 지원(7.3)", &format!("청년 연구자를 지원{printed}"));
        let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
        let lead = parsed
            .issue
            .article("basic-research")
            .and_then(|article| article.lead.clone());
        let lead = lead.unwrap_or_else(|| panic!("the lead"));
        assert_eq!(lead.date.map(|date| (date.month, date.day)), date, "{printed}");
        let warnings: Vec<String> = parsed
            .warnings
            .iter()
            .map(|warning| warning.message().to_string())
            .collect();
        if date.is_some() {
            assert!(warnings.is_empty(), "{printed}: {warnings:?}");
        } else {
            assert_eq!(
                lead.text.last(),
                Some(&Span::Text(format!(
                    "기초연구 예산을 늘리고 청년 연구자를 지원{printed}"
                )))
            );
            assert_eq!(
                warnings,
                [format!("the lead ends with {printed}, which is no month and day; it is kept as the lead's text, not as its date")]
            );
        }
    }
    // A brief item's source is refused with a date the calendar lacks.
    let source = broken("과기일보 (07.05)", "과기일보 (02.30)");
    let line = line_of(&source, "Source: 과기일보");
    assert_eq!(
        all_errors(&source),
        [format!("{line}: the source's date is written (MM.DD), found (02.30)")]
    );
}

#[test]
fn a_contents_part_whose_number_or_title_is_not_its_parts_is_warned_of() {
    for printed in ["7\\. 정책동향", "1\\. 기술동향"] {
        let source = broken("1\\. 정책동향", printed);
        let parsed = parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
        let shown = printed.replace('\\', "");
        let warnings = warning_lines(&parsed);
        assert_eq!(
            warnings,
            [format!(
                "{}: the contents list the part {shown:?} where part I is \"정책동향\" (\"1. 정책동향\" expected); kept as the contents print it",
                line_of(&source, &shown.replace('.', "\\."))
            )]
        );
        assert_eq!(parsed.issue.contents[0].title, shown, "kept as printed");
    }
    let parsed = parse("small.md", SMALL).unwrap_or_else(|errors| panic!("{errors:?}"));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}
