//! A table as CSV, as the reader sees it and as a spreadsheet can compute with it: the
//! visible rows in their current order, numbers as plain numbers, the total row last.
//!
//! The file starts with a UTF-8 byte order mark and uses CRLF line ends so that Excel opens
//! Korean text correctly; fields are quoted as RFC 4180 asks.
//!
//! - A number is written without thousands separators and with its printed decimals
//!   (`1,087,845.00` becomes `1087845.00`), so a spreadsheet reads it as a number and the
//!   printed precision is kept.
//! - A column any of whose cells has a parenthesised sub-figure (`630 (25)`) is followed by a
//!   column of its own for the sub-figures, named after it: `연구과제 수 (괄호 안 수치)`
//!   ([`SUB_FIGURE_SUFFIX`]). Whether a table has that column depends on the table, never on
//!   the rows a filter shows.
//! - With a filter on, the total row still carries the printed total, which is of every row:
//!   its label says so as the screen and print do (`합계 (전체 17행)`, the note the viewer
//!   hands in).
//! - Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return
//!   first), in a header or a cell, is prefixed with an apostrophe. [`formula_risks`] lists
//!   the headers and cells of an issue that get that guard, for `cargo xtask check-bulletin`.

use core::fmt;

use crate::model::{Cell, Column, Issue, Row, Table};

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// Appended to a column's heading to name the column of its sub-figures: the figures printed
/// in parentheses after the main ones (`630 (25)`), which the printed total counts.
pub const SUB_FIGURE_SUFFIX: &str = " (괄호 안 수치)";

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The CSV of `table` with the given rows (indices into `table.rows`) in the given order.
///
/// `total_scope` is written after the total row's label, in parentheses, when `rows` is not
/// every row of the table (a filter is on): the printed total is of them all.
pub fn table_to_csv(table: &Table, rows: &[usize], total_scope: Option<&str>) -> String {
    let with_sub = sub_figure_columns(table);
    let mut out = String::from(BOM);
    let mut header = Vec::new();
    for (column, has_sub) in table.columns.iter().zip(&with_sub) {
        header.push(field(&column.heading(), true));
        if *has_sub {
            header.push(field(&sub_figure_heading(column), true));
        }
    }
    push_line(&mut out, &header);
    for row in rows.iter().filter_map(|index| table.rows.get(*index)) {
        push_line(&mut out, &row_fields(row, &with_sub, None));
    }
    if let Some(total) = &table.total {
        let note = total_scope.filter(|_| rows.len() < table.rows.len());
        push_line(&mut out, &row_fields(total, &with_sub, note));
    }
    out
}

/// A file name for the table's CSV: `<issue date>-<table id>.csv`.
pub fn file_name(issue_date: &str, table: &Table) -> String {
    format!("{issue_date}-{}.csv", table.id)
}

/// The heading of the column that holds `column`'s sub-figures.
pub fn sub_figure_heading(column: &Column) -> String {
    format!("{}{SUB_FIGURE_SUFFIX}", column.heading())
}

/// For each column, whether any of its cells (the total's included) has a sub-figure.
fn sub_figure_columns(table: &Table) -> Vec<bool> {
    (0..table.columns.len())
        .map(|index| {
            table
                .rows
                .iter()
                .chain(&table.total)
                .any(|row| matches!(row.cells.get(index), Some(Cell::Number(number)) if number.sub.is_some()))
        })
        .collect()
}

/// A row's fields; `note` goes after the first cell, the total's label.
fn row_fields(row: &Row, with_sub: &[bool], note: Option<&str>) -> Vec<String> {
    let mut fields = Vec::new();
    for (index, has_sub) in with_sub.iter().enumerate() {
        let cell = row.cells.get(index).unwrap_or(&Cell::Empty);
        let first = match (index, note, cell) {
            (0, Some(note), Cell::Text(label)) => Some(format!("{label} ({note})")),
            (0, Some(note), Cell::Empty) => Some(format!("({note})")),
            _ => None,
        };
        let (main, sub) = match (first, cell) {
            (Some(labelled), _) => (field(&labelled, true), String::new()),
            (None, Cell::List(items)) => {
                let lines: Vec<String> = items.iter().map(|item| format!("• {item}")).collect();
                (field(&lines.join("\n"), true), String::new())
            }
            (None, Cell::Number(number)) => {
                let (main, sub) = number.parts();
                (plain_number(main), sub.map(plain_number).unwrap_or_default())
            }
            (None, Cell::Text(text)) => (field(text, true), String::new()),
            // No figure: a blank, which a spreadsheet leaves out of its sums and averages, as the
            // dash means; a `-` could be taken for the start of a formula.
            (None, Cell::Dash(_)) => (String::new(), String::new()),
            (None, Cell::Empty) => (String::new(), String::new()),
        };
        fields.push(main);
        if *has_sub {
            fields.push(sub);
        }
    }
    fields
}

/// A printed figure as a spreadsheet reads a number: `1,087,845.00` gives `1087845.00`,
/// `(5,000)` gives `5000`. Anything that is not then a plain decimal (which the parser never
/// lets through) is written as guarded text, as printed.
fn plain_number(printed: &str) -> String {
    let plain: String = printed
        .chars()
        .filter(|c| !matches!(c, ',' | '(' | ')') && !c.is_whitespace())
        .collect();
    // A rise printed `+3.2` is the number 3.2 (a field starting `+` would be a formula).
    let plain = plain.strip_prefix('+').unwrap_or(&plain);
    // A percentage keeps its sign, which a spreadsheet reads as one (`12.5%` is 0.125).
    let figure = plain.strip_suffix('%').unwrap_or(plain);
    let digits = figure.strip_prefix('-').unwrap_or(figure);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let decimal = [whole, fraction]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()));
    if decimal {
        plain.to_string()
    } else {
        field(printed, true)
    }
}

fn push_line(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// Whether a spreadsheet would run `text` as a formula.
fn runs_as_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// Quotes a field when it needs it; `text` fields are guarded against formula injection.
fn field(value: &str, text: bool) -> String {
    let guarded;
    let value = if text && runs_as_formula(value) {
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

/// A header or text cell of a table that a spreadsheet would run as a formula: the CSV
/// download writes it with an apostrophe first, which the reader then sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaRisk {
    /// The table's id.
    pub table: String,
    /// The column's label, as printed.
    pub column: String,
    /// Where in the column.
    pub place: Place,
    /// The header or cell text.
    pub text: String,
}

/// Where in a column a [`FormulaRisk`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The column's header.
    Header,
    /// A data row, by its index in `Table::rows` (0 is the first row under the header).
    Row(usize),
    /// The total row.
    Total,
}

impl fmt::Display for FormulaRisk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.place {
            Place::Header => "header".to_string(),
            Place::Row(index) => format!("row {}", index + 1),
            Place::Total => "total row".to_string(),
        };
        let shown: String = self.text.chars().take(40).collect();
        let ellipsis = if shown.len() < self.text.len() { "…" } else { "" };
        let first = self.text.chars().next().unwrap_or_default();
        write!(
            f,
            "table {:?}, column {:?}, {what}: {:?} starts with {first:?}, which a spreadsheet runs as a formula; \
             the CSV download writes it with an apostrophe first",
            self.table,
            self.column,
            format!("{shown}{ellipsis}"),
        )
    }
}

/// Every header and text cell of `issue`'s tables that the CSV download guards against
/// formula injection, in the order of the tables, then header, rows and total.
pub fn formula_risks(issue: &Issue) -> Vec<FormulaRisk> {
    let mut risks = Vec::new();
    for table in issue.tables() {
        let risk = |column: &Column, place: Place, text: &str| FormulaRisk {
            table: table.id.to_string(),
            column: column.label.clone(),
            place,
            text: text.to_string(),
        };
        for column in &table.columns {
            let heading = column.heading();
            if runs_as_formula(&heading) {
                risks.push(risk(column, Place::Header, &heading));
            }
        }
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(index, row)| (Place::Row(index), row));
        for (place, row) in rows.chain(table.total.iter().map(|total| (Place::Total, total))) {
            for (column, cell) in table.columns.iter().zip(&row.cells) {
                if let Cell::Text(text) = cell {
                    if runs_as_formula(text) {
                        risks.push(risk(column, place, text));
                    }
                }
            }
        }
    }
    risks
}

/// [`formula_risks`] as warnings that say where, the way the parser's do:
/// `bulletins/x.md:55:22: table "t", column "=…", header: …`, or `bulletins/x.md: …` when
/// the source does not show where. `file` names the source in them, `source` is its text.
pub fn formula_warnings(file: &str, source: &str, issue: &Issue) -> Vec<String> {
    formula_risks(issue)
        .iter()
        .map(|risk| match risk.locate(source) {
            Some((line, column)) => format!("{file}:{line}:{column}: {risk}"),
            None => format!("{file}: {risk}"),
        })
        .collect()
}

impl FormulaRisk {
    /// The 1-based line and column (in characters) of the header or cell in `source`, the
    /// file the issue was parsed from, when it can be found there.
    ///
    /// The model keeps no source positions, so this reads the source the way its format
    /// writes a table (bulletins/README.md): the `Table: … {#id}` line, then the table's header
    /// line, its delimiter line and one line a row, the total last. The column is where the
    /// text starts on that line, or the line's start when the source escapes it differently.
    pub fn locate(&self, source: &str) -> Option<(usize, usize)> {
        let lines: Vec<&str> = source.lines().collect();
        let id_marker = format!("{{#{}", self.table);
        let caption = lines.iter().position(|line| {
            line.trim_start().starts_with("Table:")
                && line
                    .match_indices(&id_marker)
                    .any(|(at, _)| matches!(line[at + id_marker.len()..].chars().next(), Some('}' | ' ')))
        })?;
        let header = caption
            + 1
            + lines[caption + 1..]
                .iter()
                .position(|line| line.trim_start().starts_with('|'))?;
        let line_index = match self.place {
            Place::Header => header,
            Place::Row(index) => header + 2 + index,
            Place::Total => {
                let rows = lines[header..]
                    .iter()
                    .take_while(|line| line.trim_start().starts_with('|'))
                    .count();
                header + rows.checked_sub(1)?
            }
        };
        let line = lines
            .get(line_index)
            .filter(|line| line.trim_start().starts_with('|'))?;
        let needle = match self.place {
            Place::Header => self.column.as_str(),
            Place::Row(_) | Place::Total => self.text.as_str(),
        };
        let column = line.find(needle).map_or(1, |at| line[..at].chars().count() + 1);
        Some((line_index + 1, column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::Number;
    use crate::parse::parse;
    use crate::testing;

    fn table(id: &str) -> Table {
        testing::table(id).clone()
    }

    fn lines(csv: &str) -> Vec<String> {
        csv.split("\r\n").map(str::to_string).collect()
    }

    fn push(fields: &mut [String], c: char) {
        if let Some(field) = fields.last_mut() {
            field.push(c);
        }
    }

    /// Splits a CSV line into fields, undoing RFC 4180 quoting.
    fn fields(line: &str) -> Vec<String> {
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    push(&mut fields, '"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(String::new()),
                (c, _) => push(&mut fields, c),
            }
        }
        fields
    }

    #[test]
    fn bom_header_rows_and_total() {
        let table = table("nsfc-programs");
        let csv = table_to_csv(&table, &[6, 0], Some("전체 17행"));
        let lines = lines(&csv);
        assert!(csv.starts_with(BOM));
        assert_eq!(
            lines[0],
            "\u{feff}구분,프로젝트 명칭,연구과제 수,연구과제 수 (괄호 안 수치),직접비 금액(만 위안),직접비 금액(만 위안) (괄호 안 수치)"
        );
        assert_eq!(
            lines[1],
            "7,우수 청년 과학 기금 (홍콩-마카오 지역),630,25,126000.00,5000"
        );
        assert_eq!(lines[2], "1,일반 프로젝트,20472,,1087845.00,");
        assert_eq!(lines[3], "합계 (전체 17행),,51593,,3269921.35,");
        assert_eq!(lines[4], "");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn every_row_shown_needs_no_note_on_the_total() {
        let table = table("nsfc-programs");
        let every: Vec<usize> = (0..table.rows.len()).rev().collect();
        let lines = lines(&table_to_csv(&table, &every, Some("전체 17행")));
        assert_eq!(lines.len(), table.rows.len() + 3);
        assert_eq!(lines[lines.len() - 2], "합계,,51593,,3269921.35,");
        let filtered = lines_of(&table, &[0], None);
        assert_eq!(filtered[2], "합계,,51593,,3269921.35,", "no note given, none written");
    }

    fn lines_of(table: &Table, rows: &[usize], note: Option<&str>) -> Vec<String> {
        lines(&table_to_csv(table, rows, note))
    }

    /// Every number field reads back as the model's figures: main figures in their column,
    /// sub-figures in the column after it, with the printed decimals.
    #[test]
    fn numbers_read_back_as_the_figures() {
        for table in testing::issue().tables() {
            let every: Vec<usize> = (0..table.rows.len()).collect();
            let csv = table_to_csv(table, &every, None);
            let lines = lines(&csv);
            let with_sub = sub_figure_columns(table);
            let rows = table.rows.iter().chain(&table.total);
            for (row, line) in rows.zip(&lines[1..]) {
                let fields = fields(line);
                let mut at = 0;
                for (cell, has_sub) in row.cells.iter().zip(&with_sub) {
                    if let Cell::Number(number) = cell {
                        let main = &fields[at];
                        assert_eq!(main.parse::<f64>().ok(), Some(number.value), "{}: {main}", table.id);
                        let decimals = |text: &str| text.split_once('.').map_or(0, |(_, fraction)| fraction.len());
                        assert_eq!(decimals(main), decimals(number.parts().0), "{}: {main}", table.id);
                        if *has_sub {
                            assert_eq!(fields[at + 1].parse::<f64>().ok(), number.sub, "{}", table.id);
                        }
                    }
                    at += 1 + usize::from(*has_sub);
                }
                assert_eq!(fields.len(), at, "{}: {line}", table.id);
            }
        }
    }

    #[test]
    fn sub_figure_columns_follow_the_table_not_the_filter() {
        let table = table("nsfc-programs");
        // Row 1 has no sub-figure, but the column has them elsewhere: the column stays.
        let header = fields(&lines_of(&table, &[0], None)[0]);
        assert_eq!(header.len(), 6);
        assert_eq!(header[3], "연구과제 수 (괄호 안 수치)");
        let plans = testing::table("nsfc-major-plans");
        assert_eq!(fields(&lines_of(plans, &[0], None)[0]).len(), plans.columns.len());
    }

    #[test]
    fn list_cells_keep_their_items() {
        let table = table("suzhou-parks");
        let lines = lines_of(&table, &[8], None);
        assert_eq!(
            lines[1],
            "9,쑤저우 첨단기술산업개발구 녹색·저탄소산업 시범기지,\"• 신에너지, 신소재 및 태양광 배터리 관련 녹색·저탄소산업 발전에 주력\""
        );
        let two_items = table_to_csv(&table, &[0], None);
        assert!(two_items.contains("생산기지 보유\n• 대표기업은"), "{two_items}");
    }

    #[test]
    fn headers_are_guarded_like_cells() {
        let mut table = table("nsfc-programs");
        table.columns[1].label = "=HYPERLINK(\"http://evil.example\")".into();
        table.columns[2].label = "+연구과제 수".into();
        let header = &lines_of(&table, &[0], None)[0];
        assert_eq!(
            header,
            "\u{feff}구분,\"'=HYPERLINK(\"\"http://evil.example\"\")\",'+연구과제 수,'+연구과제 수 (괄호 안 수치),직접비 금액(만 위안),직접비 금액(만 위안) (괄호 안 수치)"
        );
    }

    #[test]
    fn text_is_guarded_in_any_column() {
        let mut table = table("nsfc-programs");
        // The total's label sits in the ordinal column.
        if let Some(total) = &mut table.total {
            total.cells[0] = Cell::Text("@SUM(A1)".into());
        }
        table.rows[0].cells[1] = Cell::Text("-1+2".into());
        let lines = lines_of(&table, &[0], Some("전체 17행"));
        assert_eq!(fields(&lines[1])[1], "'-1+2");
        assert_eq!(fields(&lines[2])[0], "'@SUM(A1) (전체 17행)");
    }

    #[test]
    fn signed_numbers_stay_numbers() {
        let mut table = table("nsfc-programs");
        table.rows[0].cells[3] = Cell::Number(Number {
            value: -1234.5,
            sub: Some(-3.0),
            shown: "-1,234.50 (-3)".into(),
        });
        let negative = fields(&lines_of(&table, &[0], None)[1]);
        assert_eq!(&negative[4..], ["-1234.50", "-3"]);
        table.rows[0].cells[3] = Cell::Number(Number {
            value: 1234.5,
            sub: Some(3.0),
            shown: "+1,234.50 (+3)".into(),
        });
        let rise = fields(&lines_of(&table, &[0], None)[1]);
        assert_eq!(&rise[4..], ["1234.50", "3"]);
        // A percentage keeps its sign, which a spreadsheet reads as a percentage.
        table.rows[0].cells[3] = Cell::Number(Number {
            value: 12.5,
            sub: Some(-3.0),
            shown: "12.5% (-3%)".into(),
        });
        let share = fields(&lines_of(&table, &[0], None)[1]);
        assert_eq!(&share[4..], ["12.5%", "-3%"]);
    }

    #[test]
    fn a_dash_for_no_figure_is_a_blank_a_spreadsheet_leaves_out() {
        let mut table = table("nsfc-programs");
        table.rows[0].cells[2] = Cell::Dash("-".into());
        table.rows[0].cells[3] = Cell::Dash("—".into());
        let fields = fields(&lines_of(&table, &[0], None)[1]);
        assert_eq!(&fields[2..], ["", "", "", ""]);
    }

    #[test]
    fn quoting_and_formula_guard() {
        assert_eq!(field("a,b", true), "\"a,b\"");
        assert_eq!(field("say \"hi\"", true), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")", true), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-12.5", false), "-12.5");
        assert_eq!(field("@cmd", true), "'@cmd");
        assert_eq!(field("\tcmd", true), "'\tcmd");
        assert_eq!(field("plain", true), "plain");
        assert_eq!(plain_number("1,087,845.00"), "1087845.00");
        assert_eq!(plain_number("(17,000.00)"), "17000.00");
        assert_eq!(plain_number("=1+1"), "'=1+1");
        assert_eq!(plain_number("1.2.3"), "1.2.3");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name("2023-06-30", &table("hurun-top10")),
            "2023-06-30-hurun-top10.csv"
        );
    }

    #[test]
    fn the_issue_has_no_formula_risk() {
        assert_eq!(formula_risks(testing::issue()), []);
    }

    const SMALL: &str = include_str!("../tests/fixtures/2023-07-07-small.md");

    /// The small fixture with its table's header and total label changed to formulas.
    fn risky_source() -> String {
        let source = SMALL
            .replace(
                "| 항목 {#item text} |",
                "| =HYPERLINK(\"http://evil.example\",\"항목\") {#item text} |",
            )
            .replace("| 2 | 청년 | 4.5 (0.5) |", "| 2 | +청년 | 4.5 (0.5) |");
        assert_ne!(source, SMALL, "the fixture has the header and cell to change");
        source
    }

    #[test]
    fn risky_headers_and_cells_are_listed_and_located() {
        let source = risky_source();
        let issue = parse("small.md", &source)
            .unwrap_or_else(|errors| panic!("{errors:?}"))
            .issue;
        let risks = formula_risks(&issue);
        assert_eq!(
            risks,
            [
                FormulaRisk {
                    table: "basic-budget".into(),
                    column: "=HYPERLINK(\"http://evil.example\",\"항목\")".into(),
                    place: Place::Header,
                    text: "=HYPERLINK(\"http://evil.example\",\"항목\")".into(),
                },
                FormulaRisk {
                    table: "basic-budget".into(),
                    column: "=HYPERLINK(\"http://evil.example\",\"항목\")".into(),
                    place: Place::Row(1),
                    text: "+청년".into(),
                },
            ]
        );
        assert_eq!(
            risks[0].to_string(),
            "table \"basic-budget\", column \"=HYPERLINK(\\\"http://evil.example\\\",\\\"항목\\\")\", header: \
             \"=HYPERLINK(\\\"http://evil.example\\\",\\\"항목\\\")\" starts with '=', which a spreadsheet runs as a \
             formula; the CSV download writes it with an apostrophe first"
        );
        let line_of = |needle: &str| {
            source
                .lines()
                .position(|line| line.contains(needle))
                .map(|index| index + 1)
        };
        let header_line = line_of("{#item text}");
        assert_eq!(risks[0].locate(&source), header_line.map(|line| (line, 22)));
        assert_eq!(risks[1].locate(&source), line_of("+청년").map(|line| (line, 7)));
    }

    #[test]
    fn warnings_say_file_line_and_column() {
        let source = risky_source();
        let issue = parse("small.md", &source)
            .unwrap_or_else(|errors| panic!("{errors:?}"))
            .issue;
        let warnings = formula_warnings("bulletins/small.md", &source, &issue);
        assert_eq!(warnings.len(), 2);
        let line = source
            .lines()
            .position(|line| line.contains("+청년"))
            .map_or(0, |index| index + 1);
        assert!(
            warnings[1].starts_with(&format!(
                "bulletins/small.md:{line}:7: table \"basic-budget\", column \"=HYPERLINK("
            )),
            "{}",
            warnings[1]
        );
        assert!(
            warnings[1].contains(", row 2: \"+청년\" starts with '+'"),
            "{}",
            warnings[1]
        );
        // Without the source that holds the table, the file and the table still say where.
        let elsewhere = formula_warnings("other.md", "", &issue);
        assert!(
            elsewhere[0].starts_with("other.md: table \"basic-budget\""),
            "{}",
            elsewhere[0]
        );
    }

    #[test]
    fn the_total_row_is_located_after_the_rows() {
        let source = SMALL.replace("| 합계 {total} | | 15.5 |", "| -합계 {total} | | 15.5 |");
        let issue = parse("small.md", &source)
            .unwrap_or_else(|errors| panic!("{errors:?}"))
            .issue;
        let risks = formula_risks(&issue);
        assert_eq!(risks.len(), 1, "{risks:?}");
        assert_eq!(risks[0].place, Place::Total);
        assert_eq!(risks[0].text, "-합계");
        let line = source
            .lines()
            .position(|line| line.contains("-합계"))
            .map(|index| index + 1);
        assert_eq!(risks[0].locate(&source), line.map(|line| (line, 3)));
        assert_eq!(
            FormulaRisk {
                table: "nowhere".into(),
                ..risks[0].clone()
            }
            .locate(&source),
            None
        );
    }
}
