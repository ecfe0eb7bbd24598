//! The synthetic issue of `cargo xtask bench`: one article holding a 10,000-row, 6-column
//! table, written in the bulletin source format, and the same rows as a plain HTML page that
//! DataTables enhances, so that both sort exactly the same cells.
//!
//! The rows are made by a seeded generator, so every run sorts the same data. Cells read as
//! the issue's do: Korean institution and region names, whole numbers and amounts with
//! thousands commas, scores with one decimal. No cell has a sub-figure (`630 (25)`), which
//! DataTables would not read as a number; with them its numeric column would sort as text.

use std::fmt::Write as _;

/// Rows in the synthetic table.
pub const N_ROWS: usize = 10_000;

/// The table's id in the synthetic issue.
pub const TABLE_ID: &str = "synthetic-institutions";

/// The columns: heading as shown, the source's `{#id kind unit}` attribute.
pub const COLUMNS: [(&str, &str); 6] = [
    ("순위", "{#no ordinal}"),
    ("기관", "{#institution text}"),
    ("지역", "{#region text}"),
    ("과제 수", "{#projects integer}"),
    ("지원액 (만 위안)", "{#funding decimal unit=\"만 위안\"}"),
    ("평가 지수", "{#score index}"),
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

/// The synthetic issue in the bulletin source format (bulletins/README.md).
pub fn bulletin(rows: &[Row]) -> String {
    let mut text = String::from(
        "---\n\
         series: 중국 과학기술 정책 주간동향\n\
         date: 2023-07-07\n\
         publisher: 한중과학기술협력센터\n\
         ---\n\n\
         # 목차 {.contents}\n\n\
         - 1\\. 정책동향\n  - 통계\n    - 연구기관 1만 곳 지원현황 (벤치마크용 합성 자료)\n\n\
         # 요약 {.summary}\n\n\
         - `cargo xtask bench`가 만든 합성 자료로, 1만 행 표의 정렬 속도를 잰다.\n\n\
         # I 정책동향 {#policy}\n\n\
         ## 01 연구기관 1만 곳 지원현황 (벤치마크용 합성 자료) {#synthetic category=통계}\n\n\
         ■ 합성 자료: 기관 1만 곳의 과제 수, 지원액, 평가 지수(7.7)\n\n\
         - 표의 모든 값은 고정된 시드의 난수로 만든 것임\n\n",
    );
    let _ = writeln!(text, "Table: 연구기관별 지원현황 (합성 자료) {{#{TABLE_ID}}}\n");
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|(label, attributes)| format!("{} {attributes}", label.split(" (").next().unwrap_or(label)))
        .collect();
    let _ = writeln!(text, "| {} |", header.join(" | "));
    text.push_str("|---:|---|---|---:|---:|---:|\n");
    for row in rows {
        let _ = writeln!(text, "| {} |", row.cells.join(" | "));
    }
    text.push_str(
        "\nSource: cargo xtask bench\n\n\
         # 발행 정보 {.colophon}\n\n\
         - 발행일: 2023. 7. 7\n\
         - 발행기관: 한중과학기술협력센터\n",
    );
    text
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
    for (label, _) in COLUMNS {
        let _ = write!(page, "<th>{}</th>", escape(label));
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
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
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
    use bulletin::model::{Cell, ColumnKind};

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
        let parsed = bulletin::parse::parse("synthetic.md", &bulletin(&rows));
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
