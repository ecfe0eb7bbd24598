//! The synthetic issue of `cargo xtask bench`: one article holding a 10,000-row, 6-column
//! table, built as an issue and written in the bulletin source format by the core's writer,
//! and the same rows as a plain HTML page that DataTables enhances, so that both sort
//! exactly the same cells.
//!
//! The rows are made by a seeded generator, so every run sorts the same data. Cells read as
//! the issue's do: Korean institution and region names, whole numbers and amounts with
//! thousands commas, scores with one decimal. No cell has a sub-figure (`630 (25)`), which
//! DataTables would not read as a number; with them its numeric column would sort as text.

use std::fmt::Write as _;

use bulletin::model::{
    Article, Block, Bullet, Cell, ColophonEntry, ColumnKind, ContentsCategory, ContentsEntry, ContentsPart, Lead,
    MonthDay, Part, PartBody, Row as TableRow, Table,
};
use bulletin::number::group_thousands;

use crate::error::Result;
use crate::generate::{self, text, Issue};

/// Rows in the synthetic table.
pub const N_ROWS: usize = 10_000;

/// The table's id in the synthetic issue.
pub const TABLE_ID: &str = "synthetic-institutions";

/// One column of the synthetic table.
pub struct ColumnSpec {
    /// The heading the DataTables page shows.
    pub heading: &'static str,
    /// The label in the issue, without the unit.
    pub label: &'static str,
    /// The column's id in links.
    pub id: &'static str,
    /// What it holds.
    pub kind: ColumnKind,
    /// Its unit, when it has one.
    pub unit: Option<&'static str>,
}

/// The columns, in order.
pub const COLUMNS: [ColumnSpec; 6] = [
    ColumnSpec {
        heading: "순위",
        label: "순위",
        id: "no",
        kind: ColumnKind::Ordinal,
        unit: None,
    },
    ColumnSpec {
        heading: "기관",
        label: "기관",
        id: "institution",
        kind: ColumnKind::Text,
        unit: None,
    },
    ColumnSpec {
        heading: "지역",
        label: "지역",
        id: "region",
        kind: ColumnKind::Text,
        unit: None,
    },
    ColumnSpec {
        heading: "과제 수",
        label: "과제 수",
        id: "projects",
        kind: ColumnKind::Integer,
        unit: None,
    },
    ColumnSpec {
        heading: "지원액 (만 위안)",
        label: "지원액",
        id: "funding",
        kind: ColumnKind::Decimal,
        unit: Some("만 위안"),
    },
    ColumnSpec {
        heading: "평가 지수",
        label: "평가 지수",
        id: "score",
        kind: ColumnKind::Index,
        unit: None,
    },
];

const REGIONS: [&str; 24] = [
    "베이징",
    "상하이",
    "톈진",
    "충칭",
    "광둥",
    "장쑤",
    "저장",
    "산둥",
    "허베이",
    "허난",
    "후베이",
    "후난",
    "쓰촨",
    "푸젠",
    "안후이",
    "장시",
    "랴오닝",
    "지린",
    "헤이룽장",
    "산시",
    "윈난",
    "구이저우",
    "간쑤",
    "하이난",
];

const CITIES: [&str; 20] = [
    "쑤저우",
    "선전",
    "항저우",
    "난징",
    "우한",
    "청두",
    "시안",
    "허페이",
    "샤먼",
    "칭다오",
    "다롄",
    "창사",
    "정저우",
    "지난",
    "닝보",
    "우시",
    "광저우",
    "창춘",
    "쿤밍",
    "푸저우",
];

const FIELDS: [&str; 20] = [
    "양자정보",
    "인공지능",
    "반도체",
    "신에너지",
    "바이오의약",
    "신소재",
    "해양과학",
    "우주항공",
    "수소연료",
    "정밀의료",
    "로봇공학",
    "기후환경",
    "스마트제조",
    "데이터과학",
    "광전자",
    "원자력",
    "농업생명",
    "뇌과학",
    "고성능컴퓨팅",
    "재료화학",
];

const KINDS: [&str; 8] = [
    "연구소",
    "연구원",
    "대학",
    "실험실",
    "혁신센터",
    "공정센터",
    "기술원",
    "과학원",
];

/// One row of the synthetic table, as its cells print.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The cells, in column order.
    pub cells: [String; 6],
}

/// The rows, the same on every call.
pub fn rows() -> Vec<Row> {
    let mut random = SplitMix(0x00b5_e0c4_2023_0630);
    (0..N_ROWS)
        .map(|index| {
            let city = CITIES[random.below(CITIES.len() as u64) as usize];
            let field = FIELDS[random.below(FIELDS.len() as u64) as usize];
            let kind = KINDS[random.below(KINDS.len() as u64) as usize];
            let region = REGIONS[random.below(REGIONS.len() as u64) as usize];
            let projects = 1 + random.below(20_000);
            let funding_cents = 1 + random.below(100_000_000);
            let score_tenths = random.below(1_001);
            Row {
                cells: [
                    (index + 1).to_string(),
                    format!("{city} {field} {kind} {}", 1 + random.below(99)),
                    region.to_string(),
                    thousands(projects),
                    format!("{}.{:02}", thousands(funding_cents / 100), funding_cents % 100),
                    format!("{}.{}", score_tenths / 10, score_tenths % 10),
                ],
            }
        })
        .collect()
}

/// The synthetic issue: one article of one table holding `rows`.
pub fn issue(rows: &[Row]) -> Result<Issue> {
    let cells = |row: &Row| -> Vec<Cell> {
        row.cells
            .iter()
            .zip(&COLUMNS)
            .map(|(cell, column)| match column.kind {
                ColumnKind::Text => Cell::Text(cell.clone()),
                _ => generate::number(cell),
            })
            .collect()
    };
    let columns = COLUMNS
        .iter()
        .map(|column| generate::column(column.id, column.label, column.kind, column.unit))
        .collect::<Result<Vec<_>>>()?;
    let table = Table {
        id: generate::slug(TABLE_ID)?,
        caption: "연구기관별 지원현황 (합성 자료)".to_string(),
        columns,
        rows: rows.iter().map(|row| TableRow { cells: cells(row) }).collect(),
        total: None,
        sources: vec![vec![text("cargo xtask bench")]],
        notes: Vec::new(),
    };
    let title = "연구기관 1만 곳 지원현황 (벤치마크용 합성 자료)";
    let article = Article {
        id: generate::slug("synthetic")?,
        number: "01".to_string(),
        title: title.to_string(),
        category: "통계".to_string(),
        lead: Some(Lead {
            text: vec![text("합성 자료: 기관 1만 곳의 과제 수, 지원액, 평가 지수")],
            date: Some(MonthDay { month: 7, day: 7 }),
        }),
        blocks: vec![
            Block::Bullets(vec![Bullet {
                text: vec![text("표의 모든 값은 고정된 시드의 난수로 만든 것임")],
                children: Vec::new(),
            }]),
            Block::Table(table),
        ],
        references: Vec::new(),
    };
    let part = generate::slug("policy")?;
    Ok(Issue {
        meta: generate::meta(2023, 7, 7),
        contents: vec![ContentsPart {
            title: "1. 정책동향".to_string(),
            part: part.clone(),
            categories: vec![ContentsCategory {
                name: "통계".to_string(),
                entries: vec![ContentsEntry {
                    title: title.to_string(),
                    article: article.id.clone(),
                }],
            }],
        }],
        summary: vec![vec![text(
            "cargo xtask bench가 만든 합성 자료로, 1만 행 표의 정렬 속도를 잰다.",
        )]],
        parts: vec![Part {
            id: part,
            numeral: "I".to_string(),
            title: "정책동향".to_string(),
            body: PartBody::Articles(vec![article]),
        }],
        colophon: vec![
            ColophonEntry {
                label: "발행일".to_string(),
                value: vec![text("2023. 7. 7")],
            },
            ColophonEntry {
                label: "발행기관".to_string(),
                value: vec![text("한중과학기술협력센터")],
            },
        ],
    })
}

/// The synthetic issue in the bulletin source format (bulletins/README.md).
pub fn bulletin(rows: &[Row]) -> Result<String> {
    generate::write(&issue(rows)?)
}

/// A page with the same rows as a plain HTML table, which DataTables 2 enhances with its
/// defaults (`new DataTable('#table')`: sorting, search, 10 rows a page). `scripts` are the
/// page-relative addresses of jQuery, DataTables and the start script, in that order.
pub fn datatables_page(rows: &[Row], scripts: &[&str]) -> String {
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>DataTables: 연구기관별 지원현황 (합성 자료)</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n\
         <table id=\"table\" class=\"display\">\n<thead><tr>",
    );
    for column in &COLUMNS {
        let _ = write!(page, "<th>{}</th>", escape(column.heading));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        page.push_str("<tr>");
        for cell in &row.cells {
            let _ = write!(page, "<td>{}</td>", escape(cell));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n</table>\n");
    for script in scripts {
        let _ = writeln!(page, "<script src=\"{}\"></script>", escape(script));
    }
    page.push_str("</body>\n</html>\n");
    page
}

/// The start script of the DataTables page: DataTables' defaults, then the same
/// `html[data-ready="true"]` signal the app gives.
pub const DATATABLES_START: &str = "\
// Generated by `cargo xtask bench`: DataTables 2 with its defaults on the table above.
window.benchTable = new DataTable('#table');
document.documentElement.setAttribute('data-ready', 'true');
";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

/// `1234567` gives `1,234,567`.
fn thousands(value: u64) -> String {
    group_thousands(&value.to_string())
}

/// splitmix64: small, fast, and the same sequence everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (the tiny modulo bias does not matter here).
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn rows_are_the_same_every_time() {
        assert_eq!(rows(), rows());
    }

    #[test]
    fn the_bulletin_parses_into_one_table_of_every_row() {
        let rows = rows();
        let source = bulletin(&rows).unwrap_or_else(|error| panic!("{error}"));
        let parsed = bulletin::parse::parse("synthetic.md", &source);
        let issue = match parsed {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!(
                "{}",
                errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
            ),
        };
        let Some(table) = issue.table(TABLE_ID) else {
            panic!("no table {TABLE_ID}");
        };
        assert_eq!(table.rows.len(), N_ROWS);
        let kinds: Vec<ColumnKind> = table.columns.iter().map(|column| column.kind).collect();
        use ColumnKind::*;
        assert_eq!(kinds, [Ordinal, Text, Text, Integer, Decimal, Index]);
        let last = &table.rows[N_ROWS - 1];
        assert_eq!(last.cells[4].shown(), rows[N_ROWS - 1].cells[4]);
        assert!(matches!(last.cells[1], Cell::Text(_)));
    }

    #[test]
    fn the_datatables_page_holds_the_same_rows() {
        let rows = rows();
        let page = datatables_page(&rows, &["a.js", "b.js"]);
        assert_eq!(page.matches("<tr>").count(), N_ROWS + 1);
        let first = format!("<tr><td>1</td><td>{}</td>", rows[0].cells[1]);
        assert!(page.contains(&first), "{first}");
        assert!(page.contains("<th>지원액 (만 위안)</th>"));
        assert!(page.find("a.js") < page.find("b.js"));
    }
}
