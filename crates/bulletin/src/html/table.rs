//! A data table as HTML: caption, sortable header, the rows in the reader's order and the
//! total row in `<tfoot>`, so it stays last whatever the order.
//!
//! The viewer hands the whole `<table>` to Yew as one raw fragment, written again when the
//! order, the filter or the window of a long table changes: a table holds most of the page's
//! elements, and a raw fragment hydrates without visiting them one by one (docs/benchmark.md).
//! The header's buttons carry their column in `data-column`, for the one click listener the
//! viewer puts around the table. The cells of a table's row header (its first columns, up to
//! the text that names a row: [`pinned_columns`]) carry the class `pin`, so that they stay in
//! view when the table scrolls sideways on a narrow screen.

use super::Markup;
use crate::anchor;
use crate::model::{Cell, ColumnKind, Row, Table};
use crate::sort::{Direction, SortState};
use crate::unit::{Amount, Unit};

/// Tables with more rows than this are shown a window of rows at a time (the viewer's); the
/// start-up without Yew leaves sorting them to the viewer.
pub const WINDOW_THRESHOLD: usize = 300;

/// The attribute naming a sort button's column (its index in `Table::columns`).
pub const COLUMN_ATTRIBUTE: &str = "data-column";

/// Which of the rows in the reader's order a table shows.
#[derive(Clone, Copy, Debug)]
pub enum Shown<'a> {
    /// All of them, as indices into `Table::rows`.
    All(&'a [usize]),
    /// Those from `start` to `end` of `order`, with a spacer row above and below standing in
    /// for the others (the viewer gives the spacers their height), and ARIA row numbers.
    Window {
        /// Every row the filter lets through, in order, as indices into `Table::rows`.
        order: &'a [usize],
        /// The first of `order` rendered.
        start: usize,
        /// One past the last of `order` rendered.
        end: usize,
    },
}

/// The ids the table's parts take from the page around it.
#[derive(Clone, Copy, Debug)]
pub struct Ids<'a> {
    /// The caption's id (the scrolling region is labelled by it).
    pub caption: &'a str,
    /// The id of the hint the sort buttons are described by.
    pub hint: &'a str,
    /// Written after the total's label when the rows shown are not all the table's (a filter
    /// is on), since the printed total is of them all: `(전체 17행)`.
    pub total_scope: Option<&'a str>,
    /// The interface's words inside the table, when the interface is not in the Korean.
    pub english: Option<English<'a>>,
}

/// What an English interface writes into a table, beside the publication's Korean.
#[derive(Clone, Copy, Debug)]
pub struct English<'a> {
    /// The interface's word for the total row's printed label, when it knows that label
    /// (`합계`: `Total`); the label stays as printed otherwise.
    pub total_label: Option<&'a str>,
}

/// How many of the table's rows pass the filter: all of them shown, or the window's whole order.
fn shown_len(shown: Shown<'_>) -> usize {
    match shown {
        Shown::All(order) | Shown::Window { order, .. } => order.len(),
    }
}

/// How many of a table's first columns name its rows and stay in view when it scrolls
/// sideways: an ordinal and the text after it (`구분`, `프로젝트 명칭`), or one ordinal or text
/// column; never every column, so something is left to scroll.
pub fn pinned_columns(table: &Table) -> usize {
    let kinds: Vec<ColumnKind> = table.columns.iter().map(|column| column.kind).collect();
    let pinned = match kinds.as_slice() {
        [ColumnKind::Ordinal, ColumnKind::Text, ..] => 2,
        [ColumnKind::Ordinal | ColumnKind::Text, ..] => 1,
        _ => 0,
    };
    pinned.min(kinds.len().saturating_sub(1))
}

/// The classes that pin a cell of column `column`, with `pinned` columns pinned: `pin`, which
/// of them it is, and `pin-last` on the last, which draws the edge the rest scrolls under.
fn pin_class(column: usize, pinned: usize) -> Option<&'static str> {
    match (column, pinned) {
        (0, 1) => Some("pin pin-0 pin-last"),
        (0, 2) => Some("pin pin-0"),
        (1, 2) => Some("pin pin-1 pin-last"),
        _ => None,
    }
}

/// `base` and the pin classes of column `column`, as one class attribute.
fn with_pin(base: &str, column: usize, pinned: usize) -> String {
    match pin_class(column, pinned) {
        Some(pin) => format!("{base} {pin}"),
        None => base.to_string(),
    }
}

impl Markup {
    /// `table` as a `<table>`, sorted by `sort`, with the rows `shown`.
    pub fn data_table(&mut self, table: &Table, sort: &SortState, shown: Shown<'_>, ids: Ids<'_>) -> &mut Markup {
        let table_id = anchor::table(table.id.as_str());
        let row_count = match shown {
            Shown::All(_) => None,
            Shown::Window { order, .. } => Some((order.len() + 1).to_string()),
        };
        match &row_count {
            Some(count) => self.open(
                "table",
                &[("id", &table_id), ("class", "data"), ("aria-rowcount", count)],
            ),
            None => self.open("table", &[("id", &table_id), ("class", "data")]),
        };
        self.element("caption", &[("id", ids.caption)], &format!("〈{}〉", table.caption));
        self.table_header(table, sort, ids.hint);
        self.open("tbody", &[]);
        match shown {
            Shown::All(order) => {
                for &index in order {
                    if let Some(row) = table.rows.get(index) {
                        let id = anchor::table_row(table.id.as_str(), index);
                        self.open("tr", &[("id", &id)])
                            .table_cells(table, row, false, None, ids.english)
                            .close("tr");
                    }
                }
            }
            Shown::Window { order, start, end } => {
                let end = end.min(order.len());
                let start = start.min(end);
                let columns = table.columns.len().to_string();
                self.spacer(&columns);
                for (offset, &index) in order[start..end].iter().enumerate() {
                    if let Some(row) = table.rows.get(index) {
                        let id = anchor::table_row(table.id.as_str(), index);
                        let row_index = (start + offset + 2).to_string();
                        self.open("tr", &[("class", "row"), ("id", &id), ("aria-rowindex", &row_index)])
                            .table_cells(table, row, false, None, ids.english)
                            .close("tr");
                    }
                }
                self.spacer(&columns);
            }
        }
        self.close("tbody");
        if let Some(total) = &table.total {
            let id = anchor::table_total(table.id.as_str());
            self.open("tfoot", &[])
                .open("tr", &[("class", "total"), ("id", &id)])
                .table_cells(
                    table,
                    total,
                    true,
                    ids.total_scope.filter(|_| shown_len(shown) < table.rows.len()),
                    ids.english,
                )
                .close("tr")
                .close("tfoot");
        }
        self.close("table")
    }

    fn table_header(&mut self, table: &Table, sort: &SortState, hint: &str) {
        self.open("thead", &[]).open("tr", &[]);
        let several = sort.keys().len() > 1;
        let pinned = pinned_columns(table);
        for column_id in table.column_ids() {
            let column = &table.columns[column_id.index()];
            let sorted = sort.direction_of(column_id);
            let class = match sorted {
                Some(_) => format!("{} sorted", kind_class(column.kind)),
                None => kind_class(column.kind).to_string(),
            };
            let class = with_pin(&class, column_id.index(), pinned);
            let aria_sort = match sorted {
                Some((0, Direction::Ascending)) => Some("ascending"),
                Some((0, Direction::Descending)) => Some("descending"),
                _ => None,
            };
            match aria_sort {
                Some(aria_sort) => self.open("th", &[("scope", "col"), ("class", &class), ("aria-sort", aria_sort)]),
                None => self.open("th", &[("scope", "col"), ("class", &class)]),
            };
            let index = column_id.index().to_string();
            self.open(
                "button",
                &[
                    ("type", "button"),
                    ("class", "sort"),
                    ("aria-describedby", hint),
                    (COLUMN_ATTRIBUTE, &index),
                ],
            )
            .element("span", &[("class", "column-label")], &column.label);
            if let Some(unit) = &column.unit {
                self.element("span", &[("class", "unit")], &format!("({unit})"));
            }
            let (arrow, arrow_class) = match sorted {
                Some((_, Direction::Ascending)) => ("▲", "sort-arrow"),
                Some((_, Direction::Descending)) => ("▼", "sort-arrow"),
                None => ("↕", "sort-arrow idle"),
            };
            self.open("span", &[("class", arrow_class), ("aria-hidden", "true")])
                .text(arrow);
            if let (true, Some((position, _))) = (several, sorted) {
                self.element("sub", &[], &(position + 1).to_string());
            }
            self.close("span").close("button").close("th");
        }
        self.close("tr").close("thead");
    }

    /// A row's cells; the total row's with `note` after its label, if any. With `english`, the
    /// total's label is the interface's word when it has one, and each figure in a column of a
    /// money unit (`만 위안`) gets its value in English ([`Markup::amount`]).
    fn table_cells(
        &mut self,
        table: &Table,
        row: &Row,
        total: bool,
        note: Option<&str>,
        english: Option<English<'_>>,
    ) -> &mut Markup {
        let pinned = pinned_columns(table);
        let lang: &[(&str, &str)] = if english.is_some() { &[("lang", "en")] } else { &[] };
        for (column, cell) in row.cells.iter().enumerate() {
            let spec = table.columns.get(column);
            let kind = spec.map_or("text", |column| kind_class(column.kind));
            let class = with_pin(kind, column, pinned);
            let class = class.as_str();
            match (total, column, cell) {
                (true, 0, Cell::Text(label)) => {
                    let cell_class = with_pin("total-label", 0, pinned);
                    self.open("th", &[("scope", "row"), ("class", &cell_class)]);
                    match english.and_then(|english| english.total_label) {
                        Some(word) => self.element("span", &[("lang", "en")], word),
                        None => self.text(label),
                    };
                    if let Some(note) = note {
                        let mut attributes = vec![("class", "total-scope")];
                        attributes.extend_from_slice(lang);
                        self.element("span", &attributes, &format!(" ({note})"));
                    }
                    self.close("th");
                }
                (_, _, Cell::Number(number)) => {
                    let (main, sub) = number.parts();
                    let unit = spec.and_then(|column| column.unit.as_deref()).and_then(Unit::of_column);
                    let amount = unit
                        .filter(|_| english.is_some())
                        .and_then(|unit| Amount::of_figure(main, unit));
                    self.open("td", &[("class", class)]);
                    match amount {
                        Some(amount) => self.amount(main, &amount),
                        None => self.text(main),
                    };
                    if let Some(sub) = sub {
                        self.element("span", &[("class", "sub")], &format!(" {sub}"));
                    }
                    self.close("td");
                }
                (_, _, Cell::Text(text) | Cell::Dash(text)) => {
                    self.element("td", &[("class", class)], text);
                }
                (_, _, Cell::List(items)) => {
                    self.open("td", &[("class", class)])
                        .open("ul", &[("class", "cell-list")]);
                    for item in items {
                        self.element("li", &[], item);
                    }
                    self.close("ul").close("td");
                }
                (_, _, Cell::Empty) => {
                    self.element("td", &[("class", class)], "");
                }
            }
        }
        self
    }

    fn spacer(&mut self, columns: &str) {
        self.open("tr", &[("class", "spacer"), ("aria-hidden", "true")])
            .element("td", &[("colspan", columns)], "")
            .close("tr");
    }
}

/// The class a column's cells take, which sets their alignment.
fn kind_class(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Ordinal => "ordinal",
        ColumnKind::Text => "text",
        ColumnKind::Integer | ColumnKind::Decimal | ColumnKind::Index => "num",
        ColumnKind::List => "list",
    }
}

#[cfg(all(test, feature = "parse"))]
mod tests {
    use super::*;
    use crate::model::ColumnId;
    use crate::testing::table;

    fn column(table: &Table, id: &str) -> ColumnId {
        table.column(id).unwrap_or_else(|| panic!("no column {id}"))
    }

    const IDS: Ids<'static> = Ids {
        caption: "t--caption",
        hint: "t--hint",
        total_scope: Some("전체 17행"),
        english: None,
    };

    fn write(table: &Table, sort: &SortState, shown: Shown<'_>) -> String {
        let mut markup = Markup::new();
        markup.data_table(table, sort, shown, IDS);
        markup.into_string()
    }

    /// The ids of the body rows, in order.
    fn row_ids(html: &str) -> Vec<&str> {
        let body = &html[html.find("<tbody>").unwrap_or(0)..html.find("</tbody>").unwrap_or(html.len())];
        body.split("<tr ")
            .skip(1)
            .filter_map(|row| {
                let start = row.find("id=\"")? + 4;
                Some(&row[start..start + row[start..].find('"')?])
            })
            .collect()
    }

    #[test]
    fn every_row_in_order_then_the_total_in_the_footer() {
        let table = table("nsfc-programs");
        let order: Vec<usize> = (0..table.rows.len()).rev().collect();
        let html = write(table, &SortState::default(), Shown::All(&order));
        let expected: Vec<String> = order
            .iter()
            .map(|row| anchor::table_row("nsfc-programs", *row))
            .collect();
        assert_eq!(row_ids(&html), expected);
        assert!(html.starts_with("<table id=\"nsfc-programs--table\" class=\"data\"><caption id=\"t--caption\">〈"));
        let footer = &html[html.find("<tfoot>").unwrap_or(0)..];
        assert!(
            footer.contains("<th scope=\"row\" class=\"total-label pin pin-0\">합계</th>"),
            "{footer}"
        );
        assert!(footer.contains("51,593"), "{footer}");
        assert!(html.ends_with("</tfoot></table>"));
    }

    #[test]
    fn a_dash_for_no_figure_is_shown_as_printed_in_its_figures_column() {
        let mut table = table("nsfc-programs").clone();
        table.rows[0].cells[3] = Cell::Dash("—".into());
        let html = write(&table, &SortState::default(), Shown::All(&[0]));
        let row = &html[html.find("<tbody>").unwrap_or(0)..html.find("</tbody>").unwrap_or(html.len())];
        assert!(row.ends_with("<td class=\"num\">—</td></tr>"), "{row}");
    }

    #[test]
    fn a_filtered_table_says_its_total_is_of_every_row() {
        let table = table("nsfc-programs");
        let some = [0, 5, 9];
        for shown in [
            Shown::All(&some),
            Shown::Window {
                order: &some,
                start: 0,
                end: 3,
            },
        ] {
            let html = write(table, &SortState::default(), shown);
            let footer = &html[html.find("<tfoot>").unwrap_or(0)..];
            assert!(
                footer.contains(
                    "<th scope=\"row\" class=\"total-label pin pin-0\">합계<span class=\"total-scope\"> (전체 17행)</span></th>"
                ),
                "{footer}"
            );
        }
        let all: Vec<usize> = (0..table.rows.len()).collect();
        let html = write(
            table,
            &SortState::default(),
            Shown::Window {
                order: &all,
                start: 0,
                end: 3,
            },
        );
        assert!(!html.contains("total-scope"), "a window of every row is not filtered");
    }

    #[test]
    fn header_buttons_name_their_column_and_show_the_sort() {
        let table = table("nsfc-programs");
        let funding = column(table, "funding");
        let projects = column(table, "projects");
        let sort = SortState::default()
            .click(funding, table.columns[funding.index()].kind, false)
            .click(projects, table.columns[projects.index()].kind, true);
        let html = write(table, &sort, Shown::All(&[0]));
        let buttons = html
            .matches("<button type=\"button\" class=\"sort\" aria-describedby=\"t--hint\" data-column=\"")
            .count();
        assert_eq!(buttons, table.columns.len());
        // The primary key gets aria-sort; both keys show their place among the keys.
        assert_eq!(html.matches("aria-sort=").count(), 1);
        assert!(
            html.contains("<th scope=\"col\" class=\"num sorted\" aria-sort=\"descending\">"),
            "{html}"
        );
        assert!(
            html.contains("▼<sub>1</sub>") && html.contains("▼<sub>2</sub>"),
            "{html}"
        );
        assert!(html.contains(&format!("data-column=\"{}\"><span class=\"column-label\">직접비 금액</span><span class=\"unit\">(만 위안)</span>", funding.index())), "{html}");
        assert_eq!(html.matches("sort-arrow idle").count(), table.columns.len() - 2);
    }

    #[test]
    fn sub_figures_are_apart_from_the_figure() {
        let table = table("nsfc-programs");
        let row = table
            .rows
            .iter()
            .position(|row| row.cells.iter().any(|cell| cell.shown() == "630 (25)"))
            .unwrap_or_else(|| panic!("no 630 (25) cell"));
        let html = write(table, &SortState::default(), Shown::All(&[row]));
        assert!(
            html.contains("<td class=\"num\">630<span class=\"sub\"> (25)</span></td>"),
            "{html}"
        );
    }

    #[test]
    fn a_window_has_spacers_and_row_numbers() {
        let table = table("nsfc-major-plans");
        let order: Vec<usize> = (0..table.rows.len()).collect();
        let html = write(
            table,
            &SortState::default(),
            Shown::Window {
                order: &order,
                start: 5,
                end: 8,
            },
        );
        let expected: Vec<String> = (5..8).map(|row| anchor::table_row("nsfc-major-plans", row)).collect();
        assert_eq!(row_ids(&html), expected);
        assert!(html.contains(&format!("aria-rowcount=\"{}\"", order.len() + 1)));
        assert!(html.contains("aria-rowindex=\"7\"") && html.contains("aria-rowindex=\"9\""));
        let spacer = format!(
            "<tr class=\"spacer\" aria-hidden=\"true\"><td colspan=\"{}\"></td></tr>",
            table.columns.len()
        );
        assert_eq!(html.matches(&spacer).count(), 2);
        // A window past the end shows what there is.
        let past = write(
            table,
            &SortState::default(),
            Shown::Window {
                order: &order,
                start: 50,
                end: 90,
            },
        );
        assert!(row_ids(&past).is_empty());
    }

    #[track_caller]
    fn check_pinned(table_id: &str, expected: usize) {
        assert_eq!(pinned_columns(table(table_id)), expected, "{table_id}");
    }

    #[test]
    fn the_row_header_is_pinned() {
        // An ordinal and the name after it.
        check_pinned("nsfc-programs", 2);
        check_pinned("hurun-top10", 2);
        check_pinned("suzhou-parks", 2);
        // A text column first.
        check_pinned("shanghai-industry-system", 1);
        // Never every column: an ordinal and a name alone leave the name to scroll.
        check_pinned("sme-digital-sectors", 1);
        let html = write(table("nsfc-programs"), &SortState::default(), Shown::All(&[0]));
        assert!(
            html.contains("<th scope=\"col\" class=\"ordinal pin pin-0\">"),
            "{html}"
        );
        assert!(
            html.contains("<th scope=\"col\" class=\"text pin pin-1 pin-last\">"),
            "{html}"
        );
        assert!(
            html.contains("<td class=\"ordinal pin pin-0\">1</td><td class=\"text pin pin-1 pin-last\">"),
            "{html}"
        );
        assert!(html.contains("<th scope=\"col\" class=\"num\">"), "{html}");
        let footer = &html[html.find("<tfoot>").unwrap_or(0)..];
        assert!(
            footer.contains("<td class=\"text pin pin-1 pin-last\"></td>"),
            "{footer}"
        );
    }

    #[test]
    fn in_english_the_total_is_named_and_amounts_get_their_value() {
        let table = table("nsfc-programs");
        let ids = Ids {
            total_scope: Some("all 17 rows"),
            english: Some(English {
                total_label: Some("Total"),
            }),
            ..IDS
        };
        let mut markup = Markup::new();
        markup.data_table(table, &SortState::default(), Shown::All(&[0, 6]), ids);
        let html = markup.into_string();
        assert!(
            html.contains("<th scope=\"row\" class=\"total-label pin pin-0\"><span lang=\"en\">Total</span><span class=\"total-scope\" lang=\"en\"> (all 17 rows)</span></th>"),
            "{html}"
        );
        // 만 위안: the figure, then its value in yuan; the count beside it is no amount.
        assert!(
            html.contains("<td class=\"num\"><span class=\"amount\" tabindex=\"0\">1,087,845.00<span class=\"amount-note\" lang=\"en\"> = 10.9 billion yuan</span></span></td>"),
            "{html}"
        );
        assert!(html.contains("<td class=\"num\">20,472</td>"), "{html}");
        assert!(
            html.contains("<span class=\"amount\" tabindex=\"0\">126,000.00<span class=\"amount-note\" lang=\"en\"> = 1.3 billion yuan</span></span><span class=\"sub\"> (5,000)</span>"),
            "{html}"
        );
        let korean = write(table, &SortState::default(), Shown::All(&[0]));
        assert!(!korean.contains("amount") && korean.contains("합계"), "{korean}");
    }

    #[test]
    fn cell_text_is_escaped() {
        let mut edited = table("nsfc-programs").clone();
        edited.rows[0].cells[1] = Cell::Text("<img src=x onerror=alert(1)>".to_string());
        edited.rows[0].cells[0] = Cell::List(vec!["<b>a</b>".to_string()]);
        let html = write(&edited, &SortState::default(), Shown::All(&[0]));
        assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;") && html.contains("<li>&lt;b&gt;a&lt;/b&gt;</li>"));
    }
}
