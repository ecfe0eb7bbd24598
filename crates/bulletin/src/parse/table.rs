//! Tables: the header's typed columns, rows of typed cells, and the total row checked
//! against the rows above it.

use std::collections::HashSet;

use super::attrs::split_attrs;
use super::tree::{RawCell, RawRow};
use super::{ErrorKind, Reader};
use crate::model::{Cell, Column, ColumnKind, Row, Table};
use crate::number::{self, Decimal, RoundedSum};
use crate::slug::Slug;

/// A numeric cell's exact main figure and sub-figure, kept for the totals check.
type Exact = Option<(Decimal, Option<Decimal>)>;

/// A row read against the header: its typed cells, and their exact figures for the totals check.
struct TypedRow {
    row: Row,
    exact: Vec<Exact>,
    /// Whether it is the `{total}` row.
    total: bool,
    offset: usize,
}

impl Reader<'_> {
    /// The table under a `Table:` caption; `None` when anything in it is wrong, every
    /// problem reported.
    pub(super) fn table_block(
        &mut self,
        caption: String,
        id: Slug,
        header: &[RawCell],
        rows: &[RawRow],
        offset: usize,
    ) -> Option<Table> {
        let errors_before = self.errors;
        let columns = self.columns(&id, header)?;
        let mut typed_rows: Vec<TypedRow> = Vec::with_capacity(rows.len());
        let mut total: Option<TypedRow> = None;
        for (index, row) in rows.iter().enumerate() {
            let Some(typed) = self.typed_row(&id, &columns, row, index + 1, total.is_some()) else {
                continue;
            };
            if typed.total {
                total = Some(typed);
            } else {
                typed_rows.push(typed);
            }
        }
        if typed_rows.is_empty() && self.errors == errors_before {
            self.error(ErrorKind::Table, offset, format!("table {:?} has no rows", id.as_str()));
        }
        // Rows reported as wrong (a cell too few, a figure that does not read, a row after the
        // total) would make the sums wrong too: the total is checked once they are right.
        if let Some(total) = total.as_ref().filter(|_| self.errors == errors_before) {
            self.check_total(&id, &columns, &typed_rows, &total.exact, total.offset);
        }
        if self.errors != errors_before {
            return None;
        }
        Some(Table {
            id,
            caption,
            columns,
            rows: typed_rows.into_iter().map(|typed| typed.row).collect(),
            total: total.map(|typed| typed.row),
            sources: Vec::new(),
            notes: Vec::new(),
        })
    }

    /// The header's columns, with unique ids; `None` at the first header cell that is wrong.
    fn columns(&mut self, id: &Slug, header: &[RawCell]) -> Option<Vec<Column>> {
        let mut columns = Vec::with_capacity(header.len());
        let mut column_ids = HashSet::new();
        for cell in header {
            let column = self.column(cell)?;
            if !column_ids.insert(column.id.clone()) {
                self.error(
                    ErrorKind::Id,
                    cell.offset,
                    format!(
                        "table {:?}: the column id {:?} is used twice",
                        id.as_str(),
                        column.id.as_str()
                    ),
                );
            }
            columns.push(column);
        }
        Some(columns)
    }

    /// Row `row_number` read against the columns; `None` when it has the wrong number of
    /// cells. `after_total` says a `{total}` row came before it.
    fn typed_row(
        &mut self,
        id: &Slug,
        columns: &[Column],
        row: &RawRow,
        row_number: usize,
        after_total: bool,
    ) -> Option<TypedRow> {
        if row.written != columns.len() {
            // A `Source:` or `Note:` line written right under a table, without a blank line,
            // is read as one more row of it.
            let first = row.cells.first().map_or("", |cell| cell.text.trim());
            let directive = (row.written == 1)
                .then(|| {
                    ["Source:", "Note:"]
                        .into_iter()
                        .find(|keyword| first.starts_with(keyword))
                })
                .flatten();
            let hint = directive
                .map(|keyword| {
                    format!(": the `{keyword}` line is read as a row of the table; leave a blank line between them")
                })
                .unwrap_or_default();
            self.error(
                ErrorKind::Table,
                row.offset,
                format!(
                    "table {:?}, row {row_number}: {} cells, the header has {}{hint}",
                    id.as_str(),
                    row.written,
                    columns.len()
                ),
            );
            return None;
        }
        let first = row.cells.first().map(|cell| cell.text.as_str()).unwrap_or("");
        let (first_text, first_attrs) = split_attrs(first).unwrap_or((first.to_string(), None));
        let is_total = first_attrs
            .as_ref()
            .is_some_and(|attrs| attrs.words.iter().any(|word| word == "total"));
        if let Some(attrs) = &first_attrs {
            if !is_total || attrs.id.is_some() || !attrs.pairs.is_empty() || attrs.words.len() != 1 {
                self.error(
                    ErrorKind::Table,
                    row.offset,
                    format!(
                        "table {:?}, row {row_number}: the only row attribute is {{total}}",
                        id.as_str()
                    ),
                );
            }
        }
        if after_total {
            self.error(
                ErrorKind::Table,
                row.offset,
                format!(
                    "table {:?}, row {row_number}: the {{total}} row must be the last",
                    id.as_str()
                ),
            );
        }
        let mut cells = Vec::with_capacity(columns.len());
        let mut exact = Vec::with_capacity(columns.len());
        for (column_index, (column, raw)) in columns.iter().zip(&row.cells).enumerate() {
            // The total row's first cell is its label, whatever the column holds.
            if is_total && column_index == 0 {
                cells.push(if first_text.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(first_text.clone())
                });
                exact.push(None);
                continue;
            }
            match self.cell(column, &raw.text) {
                Ok((cell, parsed)) => {
                    cells.push(cell);
                    exact.push(parsed);
                }
                Err(reason) => {
                    self.error(
                        ErrorKind::Table,
                        raw.offset,
                        format!(
                            "table {:?}, row {row_number}, column {:?}: {reason}",
                            id.as_str(),
                            column.label
                        ),
                    );
                    cells.push(Cell::Empty);
                    exact.push(None);
                }
            }
        }
        Some(TypedRow {
            row: Row { cells },
            exact,
            total: is_total,
            offset: row.offset,
        })
    }

    /// One header cell: `label {#id kind unit="…"}`.
    fn column(&mut self, cell: &RawCell) -> Option<Column> {
        let (label, attrs) = match split_attrs(&cell.text) {
            Ok((label, Some(attrs))) => (label, attrs),
            Ok((label, None)) => {
                self.error(
                    ErrorKind::Table,
                    cell.offset,
                    format!("the header {label:?} needs {{#id kind}}, e.g. {{#funding decimal unit=\"만 위안\"}}"),
                );
                return None;
            }
            Err(reason) => {
                self.error(ErrorKind::Table, cell.offset, reason);
                return None;
            }
        };
        let Some(id) = attrs.id.as_deref() else {
            self.error(
                ErrorKind::Id,
                cell.offset,
                format!("the header {label:?} needs an id: {{#some-id kind}}"),
            );
            return None;
        };
        let id = match Slug::parse(id) {
            Ok(id) => id,
            Err(error) => {
                self.error(ErrorKind::Id, cell.offset, format!("the header {label:?}: {error}"));
                return None;
            }
        };
        let kind = match attrs.words.as_slice() {
            [word] => match word.as_str() {
                "ordinal" => ColumnKind::Ordinal,
                "text" => ColumnKind::Text,
                "integer" => ColumnKind::Integer,
                "decimal" => ColumnKind::Decimal,
                "index" => ColumnKind::Index,
                "list" => ColumnKind::List,
                other => {
                    self.error(
                        ErrorKind::Table,
                        cell.offset,
                        format!("the header {label:?}: unknown column kind {other:?}; expected ordinal, text, integer, decimal, index or list"),
                    );
                    return None;
                }
            },
            _ => {
                self.error(
                    ErrorKind::Table,
                    cell.offset,
                    format!(
                        "the header {label:?} needs exactly one kind: ordinal, text, integer, decimal, index or list"
                    ),
                );
                return None;
            }
        };
        let mut unit = None;
        let mut rounded_total = false;
        for (key, value) in attrs.pairs {
            if key == "unit" && !value.is_empty() {
                unit = Some(value);
            } else if key == "total" && value == "rounded" && kind.is_measure() {
                rounded_total = true;
            } else if key == "total" {
                self.error(
                    ErrorKind::Table,
                    cell.offset,
                    format!("the header {label:?}: total=rounded is the one value of total, for a column of figures (integer, decimal or index)"),
                );
                return None;
            } else {
                self.error(
                    ErrorKind::Table,
                    cell.offset,
                    format!("the header {label:?}: unknown attribute {key:?}; the attributes are unit=\"…\" and total=rounded"),
                );
                return None;
            }
        }
        if label.is_empty() {
            self.error(
                ErrorKind::Table,
                cell.offset,
                "a column header needs a label before its {…}",
            );
            return None;
        }
        Some(Column {
            id,
            label,
            kind,
            unit,
            rounded_total,
        })
    }

    fn cell(&self, column: &Column, text: &str) -> Result<(Cell, Exact), String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok((Cell::Empty, None));
        }
        match column.kind {
            ColumnKind::Text => Ok((Cell::Text(text.to_string()), None)),
            ColumnKind::List => {
                let Some(rest) = text.strip_prefix('•') else {
                    return Err("a list cell starts with • before each item".to_string());
                };
                let items: Vec<String> = rest.split('•').map(|item| item.trim().to_string()).collect();
                if items.iter().any(String::is_empty) {
                    return Err("a list cell has an empty item".to_string());
                }
                Ok((Cell::List(items), None))
            }
            ColumnKind::Ordinal | ColumnKind::Integer | ColumnKind::Decimal | ColumnKind::Index => {
                if number::is_dash(text) {
                    return Ok((Cell::Dash(text.to_string()), None));
                }
                let parsed = number::parse(text).map_err(|error| format!("{text:?} is not a number: {error}"))?;
                let whole = matches!(column.kind, ColumnKind::Ordinal | ColumnKind::Integer);
                if whole
                    && (parsed.number.value.fract() != 0.0 || parsed.number.sub.is_some_and(|sub| sub.fract() != 0.0))
                {
                    return Err(format!(
                        "{text:?} is not a whole number, and the column holds whole numbers"
                    ));
                }
                Ok((Cell::Number(parsed.number), Some((parsed.main, parsed.sub))))
            }
        }
    }

    fn check_total(&mut self, id: &Slug, columns: &[Column], rows: &[TypedRow], total: &[Exact], offset: usize) {
        for (index, column) in columns.iter().enumerate() {
            if !column.kind.is_measure() {
                continue;
            }
            let Some(Some((stated, stated_sub))) = total.get(index) else {
                continue;
            };
            let mut main = Some(RoundedSum::ZERO);
            let mut sub = Some(RoundedSum::ZERO);
            for row in rows {
                if let Some(Some((main_figure, sub_figure))) = row.exact.get(index) {
                    main = main.and_then(|sum| sum.adding(*main_figure));
                    if let Some(sub_figure) = sub_figure {
                        sub = sub.and_then(|sum| sum.adding(*sub_figure));
                    }
                }
            }
            // A column whose total print rounded apart (`total=rounded`) agrees when the total
            // is within the rows' rounding and its own of their sum; any other, when equal.
            let agrees = |stated: Decimal, sums: RoundedSum| {
                if column.rounded_total {
                    sums.agrees_within_rounding(stated)
                } else {
                    sums.sum.same_value(stated)
                }
            };
            let beyond = |stated: Decimal, sums: RoundedSum| match column.rounded_total.then(|| sums.tolerance(stated))
            {
                Some(Some(tolerance)) => format!(", more than their rounding and the total's (±{tolerance}) explain"),
                _ => String::new(),
            };
            // A sum beyond the exact decimal's range (huge figures beside many decimal
            // places) cannot be checked. Dropping the addend that overflowed, as this once
            // did, let a total that leaves out a whole row through; refusing is safe, since
            // no printed table comes near the range.
            let sums = main.zip(sub);
            let Some((main, sub, both)) = sums.and_then(|(main, sub)| Some((main, sub, main.join(sub)?))) else {
                self.error(
                    ErrorKind::Total,
                    offset,
                    format!(
                        "table {:?}: the figures under {:?} are too large or have too many decimals to add up exactly",
                        id.as_str(),
                        column.label
                    ),
                );
                continue;
            };
            // A total with a sub-figure of its own totals the main figures and the sub-figures
            // apart (`44,165 (120)`); one without, as print has it, totals both together.
            if let Some(stated_sub) = stated_sub {
                for (what, stated, sums) in [("", stated, main), (" in sub-figures", stated_sub, sub)] {
                    if !agrees(*stated, sums) {
                        self.error(
                            ErrorKind::Total,
                            offset,
                            format!(
                                "table {:?}: the total row says {stated}{what} under {:?}, but the rows add up to {}{what}{}",
                                id.as_str(),
                                column.label,
                                sums.sum,
                                beyond(*stated, sums)
                            ),
                        );
                    }
                }
                continue;
            }
            if !agrees(*stated, both) {
                let breakdown = if sub.sum.same_value(Decimal::ZERO) {
                    String::new()
                } else {
                    format!(" ({} + {} in sub-figures)", main.sum, sub.sum)
                };
                self.error(
                    ErrorKind::Total,
                    offset,
                    format!(
                        "table {:?}: the total row says {stated} under {:?}, but the rows add up to {}{breakdown}{}",
                        id.as_str(),
                        column.label,
                        both.sum,
                        beyond(*stated, both)
                    ),
                );
            }
        }
    }
}
