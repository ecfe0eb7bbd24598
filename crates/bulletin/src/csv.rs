//! A table as CSV, exactly as the reader sees it: the visible rows in their current order,
//! the printed forms of numbers, the total row last.
//!
//! The file starts with a UTF-8 byte order mark and uses CRLF line ends so that Excel opens
//! Korean text correctly; fields are quoted as RFC 4180 asks. Text that a spreadsheet would
//! run as a formula (`=`, `+`, `-`, `@` first) is prefixed with an apostrophe.

use crate::model::{Cell, ColumnKind, Row, Table};

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// The CSV of `table` with the given rows (indices into `table.rows`) in the given order.
pub fn table_to_csv(table: &Table, rows: &[usize]) -> String {
    let mut out = String::from(BOM);
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|column| field(&column.heading(), false))
        .collect();
    push_line(&mut out, &header);
    for row in rows.iter().filter_map(|index| table.rows.get(*index)) {
        push_line(&mut out, &row_fields(table, row));
    }
    if let Some(total) = &table.total {
        push_line(&mut out, &row_fields(table, total));
    }
    out
}

/// A file name for the table's CSV: `<issue date>-<table id>.csv`.
pub fn file_name(issue_date: &str, table: &Table) -> String {
    format!("{issue_date}-{}.csv", table.id)
}

fn row_fields(table: &Table, row: &Row) -> Vec<String> {
    table
        .columns
        .iter()
        .zip(&row.cells)
        .map(|(column, cell)| match cell {
            Cell::List(items) => {
                let lines: Vec<String> = items.iter().map(|item| format!("• {item}")).collect();
                field(&lines.join("\n"), true)
            }
            Cell::Number(number) => field(&number.shown, false),
            Cell::Text(text) => field(text, column.kind == ColumnKind::Text || column.kind == ColumnKind::List),
            Cell::Empty => String::new(),
        })
        .collect()
}

fn push_line(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// Quotes a field when it needs it; `text` fields are guarded against formula injection.
fn field(value: &str, text: bool) -> String {
    let guarded;
    let value = if text && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    const SOURCE: &str = include_str!("../../../bulletins/2023-06-30.md");

    fn table(id: &str) -> Table {
        let issue = match parse("issue.md", SOURCE) {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!("{errors:?}"),
        };
        let table = issue.table(id).cloned();
        table.unwrap_or_else(|| panic!("no table {id}"))
    }

    #[test]
    fn bom_header_rows_and_total() {
        let table = table("nsfc-programs");
        let csv = table_to_csv(&table, &[6, 0]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(csv.starts_with(BOM));
        assert_eq!(lines[0], "\u{feff}구분,프로젝트 명칭,연구과제 수,직접비 금액(만 위안)");
        assert_eq!(
            lines[1],
            "7,우수 청년 과학 기금 (홍콩-마카오 지역),630 (25),\"126,000.00 (5,000)\""
        );
        assert_eq!(lines[2], "1,일반 프로젝트,\"20,472\",\"1,087,845.00\"");
        assert_eq!(lines[3], "합계,,\"51,593\",\"3,269,921.35\"");
        assert_eq!(lines[4], "");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn list_cells_keep_their_items() {
        let table = table("suzhou-parks");
        let lines: Vec<String> = table_to_csv(&table, &[8]).split("\r\n").map(str::to_string).collect();
        assert_eq!(
            lines[1],
            "9,쑤저우 첨단기술산업개발구 녹색·저탄소산업 시범기지,\"• 신에너지, 신소재 및 태양광 배터리 관련 녹색·저탄소산업 발전에 주력\""
        );
        let two_items = table_to_csv(&table, &[0]);
        assert!(two_items.contains("생산기지 보유\n• 대표기업은"), "{two_items}");
    }

    #[test]
    fn quoting_and_formula_guard() {
        assert_eq!(field("a,b", true), "\"a,b\"");
        assert_eq!(field("say \"hi\"", true), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")", true), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-12.5", false), "-12.5");
        assert_eq!(field("@cmd", true), "'@cmd");
        assert_eq!(field("plain", true), "plain");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name("2023-06-30", &table("hurun-top10")),
            "2023-06-30-hurun-top10.csv"
        );
    }
}
