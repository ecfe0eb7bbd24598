//! Sort semantics on small tables written in the source format.

use super::*;
use crate::model::Issue;
use crate::parse::parse;

/// Parses a one-table issue whose table is `header` and `rows` (GFM lines).
fn table(header: &str, rows: &[&str]) -> Table {
    let columns = header.matches('{').count();
    let delimiter = format!("|{}", "---|".repeat(columns));
    let source = format!(
        "---\nseries: s\ndate: 2023-06-30\npublisher: p\n---\n\n# I 정책 {{#policy}}\n\n## 01 제목 {{#a category=c}}\n\nTable: 표 {{#t}}\n\n{header}\n{delimiter}\n{}\n",
        rows.join("\n")
    );
    let issue: Issue = match parse("t.md", &source) {
        Ok(parsed) => parsed.issue,
        Err(errors) => panic!("{errors:?}"),
    };
    let table = issue.tables().next().cloned();
    table.unwrap_or_else(|| panic!("no table"))
}

fn funding_table() -> Table {
    table(
        "| 구분 {#no ordinal} | 명칭 {#name text} | 과제 수 {#projects integer} | 금액 {#funding decimal} |",
        &[
            "| 1 | 일반 | 20,472 | 1,087,845.00 |",
            "| 2 | 중점 | 761 | 205,282.00 |",
            "| 3 | 우수 청년 | 630 (25) | 126,000.00 (5,000) |",
            "| 4 | 국제협력 | 248 | 9402.30 |",
            "| 5 | 기초과학센터 | 16 (3) | 94,000.00 (17,000.00) |",
            "| 6 | 가상 | | 126,000.00 |",
        ],
    )
}

fn column(table: &Table, id: &str) -> ColumnId {
    match table.column(id) {
        Some(column) => column,
        None => panic!("no column {id}"),
    }
}

fn names(table: &Table, rows: &[usize]) -> Vec<String> {
    let name = column(table, "name");
    rows.iter().map(|row| table.rows[*row].cell(name).shown()).collect()
}

#[track_caller]
fn check(table: &Table, keys: &[(&str, Direction)], expected: &[&str]) {
    let state = SortState::new(keys.iter().map(|(id, direction)| SortKey {
        column: column(table, id),
        direction: *direction,
    }));
    let rows = order(table, &state, &Collation::by_code_point(table));
    assert_eq!(names(table, &rows), expected);
}

#[test]
fn numbers_with_commas_sort_as_numbers() {
    let table = funding_table();
    check(
        &table,
        &[("funding", Direction::Descending)],
        &["일반", "중점", "우수 청년", "가상", "기초과학센터", "국제협력"],
    );
    check(
        &table,
        &[("funding", Direction::Ascending)],
        &["국제협력", "기초과학센터", "우수 청년", "가상", "중점", "일반"],
    );
}

#[test]
fn sub_figures_do_not_sort() {
    let table = funding_table();
    // 630 (25) sorts as 630, 16 (3) as 16; the empty cell goes last both ways.
    check(
        &table,
        &[("projects", Direction::Ascending)],
        &["기초과학센터", "국제협력", "우수 청년", "중점", "일반", "가상"],
    );
    check(
        &table,
        &[("projects", Direction::Descending)],
        &["일반", "중점", "우수 청년", "국제협력", "기초과학센터", "가상"],
    );
}

#[test]
fn a_dash_for_no_figure_goes_last_both_ways_with_the_empty_cells() {
    let table = table(
        "| 명칭 {#name text} | 과제 수 {#projects integer} |",
        &["| 가 | 5 |", "| 나 | - |", "| 다 | |", "| 라 | 1 |", "| 마 | — |"],
    );
    check(
        &table,
        &[("projects", Direction::Ascending)],
        &["라", "가", "나", "다", "마"],
    );
    check(
        &table,
        &[("projects", Direction::Descending)],
        &["가", "라", "나", "다", "마"],
    );
}

#[test]
fn ties_keep_printed_order() {
    let table = funding_table();
    // 우수 청년 (row 3) and 가상 (row 6) tie at 126,000.00 and keep their printed order both ways.
    check(
        &table,
        &[("funding", Direction::Descending)],
        &["일반", "중점", "우수 청년", "가상", "기초과학센터", "국제협력"],
    );
    check(
        &table,
        &[("funding", Direction::Ascending)],
        &["국제협력", "기초과학센터", "우수 청년", "가상", "중점", "일반"],
    );
}

#[test]
fn text_sorts_in_ganada_order() {
    let table = funding_table();
    check(
        &table,
        &[("name", Direction::Ascending)],
        &["가상", "국제협력", "기초과학센터", "우수 청년", "일반", "중점"],
    );
    check(
        &table,
        &[("name", Direction::Descending)],
        &["중점", "일반", "우수 청년", "기초과학센터", "국제협력", "가상"],
    );
}

#[test]
fn ordinal_sorts_numerically() {
    let table = table(
        "| 구분 {#no ordinal} | 명칭 {#name text} |",
        &["| 1 | 가 |", "| 2 | 나 |", "| 10 | 다 |", "| 9 | 라 |"],
    );
    check(&table, &[("no", Direction::Ascending)], &["가", "나", "라", "다"]);
    check(&table, &[("no", Direction::Descending)], &["다", "라", "나", "가"]);
}

#[test]
fn secondary_keys_break_ties() {
    let table = table(
        "| 도시 {#name text} | 지수 {#overall index} | 투자 {#investment index} |",
        &[
            "| 베이징 | 85.6 | 69 |",
            "| 창저우 | 85.6 | 92 |",
            "| 선전 | 88.1 | 73 |",
            "| 톈진 | 82.8 | 73 |",
        ],
    );
    check(
        &table,
        &[("overall", Direction::Descending)],
        &["선전", "베이징", "창저우", "톈진"],
    );
    check(
        &table,
        &[
            ("overall", Direction::Descending),
            ("investment", Direction::Descending),
        ],
        &["선전", "창저우", "베이징", "톈진"],
    );
    check(
        &table,
        &[("investment", Direction::Ascending), ("name", Direction::Descending)],
        &["베이징", "톈진", "선전", "창저우"],
    );
}

#[test]
fn collator_ranks_drive_text_order() {
    let table = funding_table();
    // A sorter that reverses code point order stands in for a different collation.
    let collation = Collation::with_sorter(&table, |texts| (0..texts.len()).rev().collect());
    let state = SortState::new([SortKey {
        column: column(&table, "name"),
        direction: Direction::Ascending,
    }]);
    assert_eq!(
        names(&table, &order(&table, &state, &collation)),
        ["중점", "일반", "우수 청년", "기초과학센터", "국제협력", "가상"]
    );
}

#[test]
fn click_cycles_numeric_column_desc_asc_printed() {
    let table = funding_table();
    let funding = column(&table, "funding");
    let first = SortState::default().click(funding, ColumnKind::Decimal, false);
    assert_eq!(first.direction_of(funding), Some((0, Direction::Descending)));
    let second = first.click(funding, ColumnKind::Decimal, false);
    assert_eq!(second.direction_of(funding), Some((0, Direction::Ascending)));
    let third = second.click(funding, ColumnKind::Decimal, false);
    assert!(third.is_printed_order());
    assert_eq!(
        order(&table, &third, &Collation::by_code_point(&table)),
        [0, 1, 2, 3, 4, 5]
    );
}

#[test]
fn click_cycles_text_column_asc_desc_printed() {
    let table = funding_table();
    let name = column(&table, "name");
    let first = SortState::default().click(name, ColumnKind::Text, false);
    assert_eq!(first.direction_of(name), Some((0, Direction::Ascending)));
    let second = first.click(name, ColumnKind::Text, false);
    assert_eq!(second.direction_of(name), Some((0, Direction::Descending)));
    assert!(second.click(name, ColumnKind::Text, false).is_printed_order());
}

#[test]
fn plain_click_on_another_column_replaces_the_sort() {
    let table = funding_table();
    let name = column(&table, "name");
    let funding = column(&table, "funding");
    let state = SortState::default()
        .click(name, ColumnKind::Text, false)
        .click(funding, ColumnKind::Decimal, false);
    assert_eq!(
        state.keys(),
        [SortKey {
            column: funding,
            direction: Direction::Descending
        }]
    );
}

#[test]
fn shift_click_adds_and_cycles_secondary_keys() {
    let table = funding_table();
    let name = column(&table, "name");
    let funding = column(&table, "funding");
    let state = SortState::default()
        .click(funding, ColumnKind::Decimal, false)
        .click(name, ColumnKind::Text, true);
    assert_eq!(state.direction_of(funding), Some((0, Direction::Descending)));
    assert_eq!(state.direction_of(name), Some((1, Direction::Ascending)));
    let state = state.click(name, ColumnKind::Text, true);
    assert_eq!(state.direction_of(name), Some((1, Direction::Descending)));
    let state = state.click(name, ColumnKind::Text, true);
    assert_eq!(state.direction_of(name), None);
    assert_eq!(state.keys().len(), 1);
}

#[test]
fn filter_then_sort() {
    let table = funding_table();
    let row_text = RowText::new(&table);
    let collation = Collation::by_code_point(&table);
    let state = SortState::new([SortKey {
        column: column(&table, "funding"),
        direction: Direction::Ascending,
    }]);
    assert_eq!(
        names(&table, &visible_rows(&table, &state, &collation, &row_text, "센터")),
        ["기초과학센터"]
    );
    // Thousands separators are optional in a filter, as in search.
    assert_eq!(
        names(&table, &visible_rows(&table, &state, &collation, &row_text, "20472")),
        ["일반"]
    );
    assert_eq!(visible_rows(&table, &state, &collation, &row_text, "").len(), 6);
    assert!(visible_rows(&table, &state, &collation, &row_text, "없는 말").is_empty());
}

#[test]
fn direction_names_round_trip() {
    for direction in [Direction::Ascending, Direction::Descending] {
        assert_eq!(Direction::parse(direction.as_str()), Some(direction));
    }
    assert_eq!(Direction::parse("up"), None);
}
