//! Tables and figures under a caption: rows rebuilt from tab-separated cells (Markdown) or
//! from columns of text separated by runs of spaces (layout), joined again where a page
//! break split them (the header printed again), stacked where print set two halves side by
//! side (`구분 분야 구분 분야`); columns typed by their cells, the total row found and checked.
//!
//! A caption with no rows under it is a figure, whose image is not part of the text. A table
//! whose rows cannot be rebuilt keeps its lines as paragraphs, and is listed; so is a total
//! that does not add up, which stays in the draft as the raw row it was, for the parser to
//! name.

use bulletin::model::{Block, Cell, Column, ColumnKind, Figure, Row, Table};
use bulletin::number::{self, Decimal, RoundedSum};
use bulletin::slug::Slug;

use super::ids::{self, Ids};
use super::inline;
use super::lines::{self, Dialect};
use super::{Anchor, Reader, Splice};

/// A row as read: its cells' texts (each cell's lines kept apart) and its lines.
struct RawRow {
    cells: Vec<Vec<String>>,
    first: usize,
    last: usize,
}

/// A field of a layout line: text between runs of two or more spaces, with its columns.
#[derive(Clone, Debug)]
struct Field {
    start: usize,
    end: usize,
    text: String,
}

/// Words of a header that make its figures scores (an index column).
const SCORE_WORDS: [&str; 5] = ["지수", "index", "Index", "점수", "score"];

/// Labels of a total row (letter-spacing closed up).
const TOTALS: [&str; 6] = ["합계", "총계", "계", "합", "Total", "TOTAL"];

impl Reader {
    /// The table or figure under the caption at the current line (or, with an empty caption,
    /// a table with none): its blocks (paragraphs, when a table cannot be rebuilt).
    pub fn caption_block(&mut self, caption: String, owner: Option<&Slug>) -> Vec<Block> {
        let caption_line = if caption.is_empty() { None } else { Some(self.take()) };
        let rows_follow = match self.dialect {
            Dialect::Markdown => self
                .next_text(self.pos)
                .is_some_and(|index| self.lines[index].text.contains('\t')),
            Dialect::Layout => self.current().is_some_and(|index| self.looks_tabular(index)),
        };
        if !rows_follow {
            self.figures += 1;
            let id = self.ids.make(&caption, "figure", self.figures);
            return vec![Block::Figure(Figure {
                id,
                caption,
                sources: Vec::new(),
                notes: Vec::new(),
            })];
        }
        let read = match self.dialect {
            Dialect::Markdown => self.tab_rows(),
            Dialect::Layout => self.layout_rows(owner),
        };
        let first = caption_line.unwrap_or(self.pos);
        let caption = if caption.is_empty() {
            let at = read.0.first().map_or(first, |row| row.first);
            self.note(
                at,
                at,
                Anchor::Near(owner.cloned()),
                "a table with no caption above it; the draft calls it 표: give it its caption",
            );
            "표".to_string()
        } else {
            caption
        };
        self.table(caption, first, read, owner)
    }

    /// Whether the line at `index` starts a layout table: it has columns, or the line after it
    /// starts with a row number.
    fn looks_tabular(&self, index: usize) -> bool {
        let line = &self.lines[index];
        if line.is_blank() {
            return false;
        }
        if fields(line).len() >= 2 {
            return true;
        }
        let next = index + 1;
        next < self.lines.len()
            && !self.lines[next].is_blank()
            && (fields(&self.lines[next]).len() >= 2 || ordinal_start(&self.lines[next].text).is_some())
    }

    /// Tab-separated rows (Markdown), the header first; a blank line and the header again
    /// (a page break) does not end the table.
    fn tab_rows(&mut self) -> (Vec<RawRow>, Vec<String>) {
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        while let Some(index) = self.current() {
            let line = &self.lines[index];
            if line.is_blank() || self.used[index] {
                match self.next_text(index) {
                    Some(next) if self.lines[next].text.contains('\t') => {
                        self.pos = next;
                        continue;
                    }
                    _ => break,
                }
            }
            if !line.text.contains('\t') {
                break;
            }
            let cells: Vec<String> = line.text.split('\t').map(|cell| cell.trim().to_string()).collect();
            self.take();
            match &header {
                None => header = Some(cells),
                // The header printed again after a page break.
                Some(known) if *known == cells => {}
                Some(_) => rows.push(RawRow {
                    cells: cells.into_iter().map(|cell| vec![cell]).collect(),
                    first: index,
                    last: index,
                }),
            }
        }
        (rows, header.unwrap_or_default())
    }

    /// Rows of a layout table: fields placed in columns by where they start (text) or end
    /// (figures), a record begun by a row number (or a first cell after a cell that ended),
    /// lines that go on in a cell added to it.
    fn layout_rows(&mut self, owner: Option<&Slug>) -> (Vec<RawRow>, Vec<String>) {
        let mut lines: Vec<(usize, Vec<Field>)> = Vec::new();
        let header_text = self
            .current()
            .map(|index| self.lines[index].text.clone())
            .unwrap_or_default();
        while let Some(index) = self.current() {
            let line = &self.lines[index];
            if line.is_blank() || self.used[index] {
                // A page break inside a table prints the header again after it.
                match self.next_text(index) {
                    Some(next) if self.lines[next].text == header_text && !lines.is_empty() => {
                        self.used[next] = true;
                        self.pos = next + 1;
                        continue;
                    }
                    _ => break,
                }
            }
            if !lines.is_empty() && line.text == header_text {
                // The header printed again at the top of the next page.
                self.take();
                continue;
            }
            let text = inline::plain(&line.text, Dialect::Layout);
            let found = fields(line);
            let prose = found.len() == 1
                && line.indent <= 2
                && ordinal_start(&line.text).is_none()
                && lines::width(&line.text) > self.capacity.get(index).copied().unwrap_or(f32::INFINITY) * 0.6;
            if !lines.is_empty()
                && (entry_like(&text)
                    || prose
                    || super::entry::caption(&text).is_some()
                    || text.starts_with("출처")
                    || text.starts_with('■'))
            {
                break;
            }
            if self.is_colophon_start(index) || (lines.len() > 1 && self.is_part_start(index, 1)) {
                break;
            }
            self.take();
            lines.push((index, found));
        }
        let Some((_, header_fields)) = lines.first().cloned() else {
            return (Vec::new(), Vec::new());
        };
        let body = &lines[1..];
        // Row numbers set one space before the first cell read as one field: split them, when
        // the lines that start with a number count 1, 2, 3 … in order.
        let numbers: Vec<u32> = body
            .iter()
            .filter_map(|(_, fields)| fields.first().and_then(|field| ordinal_start(&field.text)))
            .filter_map(|(number, _)| number.parse().ok())
            .collect();
        let split_numbers = numbers.len() >= 2
            && numbers
                .iter()
                .enumerate()
                .all(|(index, number)| *number as usize == index + 1);
        let split = |fields: &[Field]| -> Vec<Field> {
            let mut out = Vec::with_capacity(fields.len() + 1);
            for (index, field) in fields.iter().enumerate() {
                if index == 0 && split_numbers {
                    if let Some((number, rest)) = ordinal_start(&field.text) {
                        let rest_start = field.start + number.chars().count() + 1;
                        out.push(Field {
                            start: field.start,
                            end: field.start + number.chars().count(),
                            text: number,
                        });
                        out.push(Field {
                            start: rest_start,
                            end: field.end,
                            text: rest,
                        });
                        continue;
                    }
                }
                out.push(field.clone());
            }
            out
        };
        let mut header: Vec<Field> = header_fields;
        if split_numbers {
            if let Some(first) = header.first().cloned() {
                if let Some((label, rest)) = first.text.split_once(' ') {
                    header.splice(
                        0..1,
                        [
                            Field {
                                start: first.start,
                                end: first.start + label.chars().count(),
                                text: label.to_string(),
                            },
                            Field {
                                start: first.start + label.chars().count() + 1,
                                end: first.end,
                                text: rest.trim().to_string(),
                            },
                        ],
                    );
                }
            }
        }
        let body: Vec<(usize, Vec<Field>)> = body.iter().map(|(index, fields)| (*index, split(fields))).collect();
        // The number of columns: the header's, or the most common count of the rows if more.
        let mut counts = std::collections::HashMap::new();
        for (_, fields) in &body {
            *counts.entry(fields.len()).or_insert(0usize) += 1;
        }
        let common = counts
            .iter()
            .max_by_key(|(count, times)| (**times, **count))
            .map_or(0, |(count, _)| *count);
        let columns = header.len().max(common);
        if columns < 2 {
            return (Vec::new(), header.into_iter().map(|field| field.text).collect());
        }
        // Where each column starts and ends: from the rows with every column.
        let full: Vec<&Vec<Field>> = body
            .iter()
            .map(|(_, fields)| fields)
            .filter(|fields| fields.len() == columns)
            .collect();
        let median = |values: Vec<usize>| -> usize {
            let mut values = values;
            values.sort_unstable();
            values.get(values.len() / 2).copied().unwrap_or(0)
        };
        let mut starts = Vec::with_capacity(columns);
        let mut ends = Vec::with_capacity(columns);
        for column in 0..columns {
            let source: Vec<&Field> = if full.is_empty() {
                header.get(column).into_iter().collect()
            } else {
                full.iter().filter_map(|fields| fields.get(column)).collect()
            };
            starts.push(median(source.iter().map(|field| field.start).collect()));
            ends.push(median(source.iter().map(|field| field.end).collect()));
        }
        let place = |fields: &[Field]| -> Vec<Option<String>> {
            let mut cells: Vec<Option<String>> = vec![None; columns];
            if fields.len() == columns {
                for (cell, field) in cells.iter_mut().zip(fields) {
                    *cell = Some(field.text.clone());
                }
                return cells;
            }
            let mut next_column = 0;
            for (index, field) in fields.iter().enumerate() {
                let remaining = fields.len() - index - 1;
                let last_allowed = columns.saturating_sub(remaining + 1);
                let mut best = next_column.min(columns - 1);
                let mut best_distance = usize::MAX;
                for column in next_column..=last_allowed.max(next_column).min(columns - 1) {
                    let distance = field
                        .start
                        .abs_diff(starts[column])
                        .min(field.end.abs_diff(ends[column]));
                    if distance < best_distance {
                        best = column;
                        best_distance = distance;
                    }
                }
                match &mut cells[best] {
                    Some(text) => {
                        text.push(' ');
                        text.push_str(&field.text);
                    }
                    empty => *empty = Some(field.text.clone()),
                }
                next_column = best + 1;
                if next_column >= columns {
                    next_column = columns - 1;
                }
            }
            cells
        };
        let header_cells: Vec<String> = place(&header).into_iter().map(Option::unwrap_or_default).collect();
        // Records.
        let mut rows: Vec<RawRow> = Vec::new();
        let mut placed: Vec<(usize, Vec<Option<String>>)> =
            body.iter().map(|(index, fields)| (*index, place(fields))).collect();
        // A cell that ran into the next column (one space between them in print): split
        // where the next column starts.
        for (index, cells) in &mut placed {
            for column in 0..columns.saturating_sub(1) {
                let (Some(text), None) = (cells[column].clone(), cells[column + 1].as_ref()) else {
                    continue;
                };
                if starts[column] as f32 + lines::width(&text) <= starts[column + 1] as f32 + 2.0 {
                    continue;
                }
                let room = (starts[column + 1] - starts[column].min(starts[column + 1])) as f32;
                let cut = text
                    .char_indices()
                    .filter(|(_, c)| *c == ' ')
                    .map(|(at, _)| at)
                    .rev()
                    .find(|&at| lines::width(&text[..at]) <= room);
                if let Some(at) = cut {
                    cells[column] = Some(text[..at].trim().to_string());
                    cells[column + 1] = Some(text[at..].trim().to_string());
                    let anchor = Anchor::Text(owner.cloned(), inline::snippet(text[at..].trim()));
                    self.note(
                        *index,
                        *index,
                        anchor,
                        format!(
                            "a cell ran into the next column's: split as {:?} and {:?}; check the split",
                            text[..at].trim(),
                            text[at..].trim()
                        ),
                    );
                }
            }
        }
        let mut widest = vec![0f32; columns];
        for (column, width) in widest.iter_mut().enumerate() {
            *width = column_width(placed.iter().filter_map(|(_, cells)| cells[column].as_ref()));
        }
        // Rows numbered in their own first column count 1, 2, 3 … as well.
        let first_numbers: Vec<u32> = placed
            .iter()
            .filter_map(|(_, cells)| cells[0].as_deref())
            .filter_map(|text| text.parse().ok())
            .collect();
        let numbered = split_numbers
            || (first_numbers.len() >= 2
                && first_numbers
                    .iter()
                    .enumerate()
                    .all(|(index, number)| *number as usize == index + 1));
        let mut previous: Option<&Vec<Option<String>>> = None;
        for (index, cells) in &placed {
            let first_cell = cells[0].as_deref();
            let starts_record = match first_cell {
                None => false,
                Some(text) if numbered => text.chars().all(|c| c.is_ascii_digit()) || is_total_label(text),
                Some(_) => previous.is_none_or(|previous| {
                    // A line goes on with the row above when the text of every column that has
                    // text in both goes on from one to the other.
                    let mut shared = 0;
                    let mut going_on = 0;
                    for (column, (above, here)) in previous.iter().zip(cells).enumerate() {
                        if let (Some(above), Some(here)) = (above, here) {
                            shared += 1;
                            if cell_continues(above, here, widest[column]) {
                                going_on += 1;
                            }
                        }
                    }
                    shared == 0 || going_on < shared
                }),
            };
            if starts_record || rows.is_empty() {
                rows.push(RawRow {
                    cells: cells.iter().map(|cell| cell.iter().cloned().collect()).collect(),
                    first: *index,
                    last: *index,
                });
            } else if let Some(row) = rows.last_mut() {
                for (column, cell) in cells.iter().enumerate() {
                    if let Some(text) = cell {
                        row.cells[column].push(text.clone());
                    }
                }
                row.last = *index;
            }
            previous = Some(cells);
        }
        (rows, header_cells)
    }

    /// The table from its caption, header and rows: columns typed, the total row checked;
    /// paragraphs instead when it cannot be rebuilt.
    fn table(
        &mut self,
        caption: String,
        first: usize,
        read: (Vec<RawRow>, Vec<String>),
        owner: Option<&Slug>,
    ) -> Vec<Block> {
        let (mut rows, header) = read;
        let last = rows.last().map_or(self.pos.saturating_sub(1), |row| row.last);
        let mut header: Vec<String> = header.iter().map(|cell| inline::plain(cell, self.dialect)).collect();
        // Two halves side by side: `구분 분야 구분 분야`.
        let half = header.len() / 2;
        if header.len() >= 4 && header.len() % 2 == 0 && header[..half] == header[half..] {
            let mut left = Vec::new();
            let mut right = Vec::new();
            for row in rows {
                let mut cells = row.cells;
                cells.resize(half * 2, Vec::new());
                let second: Vec<Vec<String>> = cells.split_off(half);
                if cells
                    .iter()
                    .any(|cell| !cell.is_empty() && cell.iter().any(|text| !text.is_empty()))
                {
                    left.push(RawRow {
                        cells,
                        first: row.first,
                        last: row.last,
                    });
                }
                if second.iter().any(|cell| cell.iter().any(|text| !text.is_empty())) {
                    right.push(RawRow {
                        cells: second,
                        first: row.first,
                        last: row.last,
                    });
                }
            }
            left.extend(right);
            rows = left;
            header.truncate(half);
        }
        let columns = header.len();
        if columns < 2 || rows.is_empty() {
            return self.unrebuilt(caption, first, last, owner, "its rows could not be told apart");
        }
        for row in &mut rows {
            if row.cells.len() > columns {
                let extra: Vec<String> = row.cells.split_off(columns).into_iter().flatten().collect();
                if let Some(cell) = row.cells.last_mut() {
                    cell.extend(extra);
                }
                self.note(row.first, row.last, Anchor::Near(owner.cloned()), format!("a row of the table {caption:?} has more cells than its header; the extra cells were put into its last column"));
            }
            if row.cells.len() < columns {
                let is_total = row.cells.first().is_some_and(|cell| is_total_label(&cell.join(" ")));
                if is_total {
                    // A total's label spans the first columns; its figures stand under the last.
                    let missing = columns - row.cells.len();
                    row.cells.splice(1..1, std::iter::repeat_n(Vec::new(), missing));
                } else {
                    let shown = super::excerpt(
                        &row.cells
                            .iter()
                            .map(|cell| cell.join(" "))
                            .collect::<Vec<_>>()
                            .join(" | "),
                        80,
                    );
                    self.note(
                        row.first,
                        row.last,
                        Anchor::Text(owner.cloned(), inline::snippet(&shown)),
                        format!("a row of the table {caption:?} has {} cells, its header {columns}: the last are left empty rather than guessed (\"{shown}\")", row.cells.len()),
                    );
                }
            }
            row.cells.resize(columns, Vec::new());
        }
        // Cells' texts, and lists: in layout text a cell whose lines hold items one after the
        // other (an item's last line leaves room for the next one's first word) is a list, and
        // so is every cell of its column.
        let lists: Vec<bool> = (0..columns)
            .map(|column| {
                let widest = column_width(rows.iter().flat_map(|row| &row.cells[column]));
                let numeric = rows.iter().all(|row| {
                    let text = row.cells[column].join(" ");
                    text.trim().is_empty() || number::parse(&text).is_ok() || is_total_label(&text)
                });
                self.dialect == Dialect::Layout
                    && !numeric
                    && column > 0
                    && rows.iter().any(|row| items(&row.cells[column], widest).len() >= 2)
            })
            .collect();
        let texts: Vec<Vec<CellText>> = rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .enumerate()
                    .map(|(column, cell)| {
                        if lists[column] && !is_total_label(&row.cells[0].join(" ")) {
                            let widest = column_width(rows.iter().flat_map(|row| &row.cells[column]));
                            CellText::List(
                                items(cell, widest)
                                    .iter()
                                    .map(|item| inline::plain(item, self.dialect))
                                    .filter(|item| !item.is_empty())
                                    .collect(),
                            )
                        } else {
                            self.cell_text(cell)
                        }
                    })
                    .collect()
            })
            .collect();
        let total_index = texts
            .iter()
            .rposition(|cells| matches!(cells.first(), Some(CellText::Text(text)) if is_total_label(text)));
        let total_index = total_index.filter(|index| *index + 1 == texts.len());
        let data: Vec<&Vec<CellText>> = texts
            .iter()
            .enumerate()
            .filter(|(index, _)| Some(*index) != total_index)
            .map(|(_, cells)| cells)
            .collect();
        if data.is_empty() {
            return self.unrebuilt(caption, first, last, owner, "it has no rows under its header");
        }
        let mut column_ids = Ids::default();
        let mut out_columns = Vec::with_capacity(columns);
        for (column, label) in header.iter().enumerate() {
            let kind = kind_of(column, label, data.iter().map(|cells| &cells[column]));
            if !kind.is_numeric() && SCORE_WORDS.iter().any(|word| label.contains(word)) {
                // Print sometimes repeats another table's header over a table.
                self.note(
                    first,
                    first,
                    Anchor::Text(owner.cloned(), inline::snippet(&caption)),
                    format!(
                        "the table {caption:?}: the header {label:?} names scores, but its cells are not figures; check the header against the print"
                    ),
                );
            }
            let (label, unit) = if kind.is_measure() {
                split_unit(label)
            } else {
                (label.clone(), None)
            };
            let label = if label.is_empty() {
                let named = format!("열 {}", column + 1);
                self.note(
                    first,
                    first,
                    Anchor::Near(owner.cloned()),
                    format!(
                        "the table {caption:?} has no header over column {}; the draft calls it {named:?}",
                        column + 1
                    ),
                );
                named
            } else {
                label
            };
            let base = if column == 0 && kind == ColumnKind::Ordinal {
                "no".to_string()
            } else {
                ids::slug_text(&label, 2)
            };
            let id = if base.is_empty() {
                column_ids.claim(&format!("col-{}", column + 1))
            } else {
                column_ids.claim(&base)
            };
            out_columns.push(Column {
                id,
                label,
                kind,
                unit,
                rounded_total: false,
            });
        }
        let mut out_rows = Vec::with_capacity(data.len());
        for (row_index, cells) in texts.iter().enumerate() {
            if Some(row_index) == total_index {
                continue;
            }
            let mut out = Vec::with_capacity(columns);
            for (column, cell) in cells.iter().enumerate() {
                out.push(typed(cell, out_columns[column].kind));
            }
            out_rows.push(Row { cells: out });
        }
        self.tables += 1;
        let id = self.ids.make(&caption, "table", self.tables);
        let mut table = Table {
            id: id.clone(),
            caption,
            columns: out_columns,
            rows: out_rows,
            total: None,
            sources: Vec::new(),
            notes: Vec::new(),
        };
        if let Some(index) = total_index {
            let row = &rows[index];
            let cells = &texts[index];
            match total_row(&table, cells) {
                Ok((total, rounded)) => {
                    table.total = Some(total);
                    for (column, sum) in rounded {
                        table.columns[column].rounded_total = true;
                        self.note(row.first, row.last, Anchor::TotalRow(id.clone()), format!("the total of {:?} under {:?} adds up only within rounding (the rows add up to {sum}): marked total=rounded, which check-bulletin accepts; check the figures against print", table.caption, table.columns[column].label));
                    }
                }
                Err(why) => {
                    let raw: Vec<String> = cells
                        .iter()
                        .enumerate()
                        .map(|(column, cell)| {
                            let text = cell.joined();
                            if column == 0 {
                                format!("{text} {{total}}")
                            } else {
                                text
                            }
                        })
                        .collect();
                    let line = format!(
                        "| {} |",
                        raw.iter()
                            .map(|cell| cell.replace('|', "\\|"))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    self.splices.push(Splice {
                        table: id.clone(),
                        line,
                    });
                    self.note(row.first, row.last, Anchor::TotalRow(id.clone()), format!("the total row of {:?} {why}: kept as printed, so check-bulletin names it until it is fixed", table.caption));
                }
            }
        }
        self.check_layout_cells(&table, &rows);
        vec![Block::Table(table)]
    }

    /// Layout tables: lists the rows where a cell ran into the next column's.
    fn check_layout_cells(&mut self, table: &Table, rows: &[RawRow]) {
        if self.dialect != Dialect::Layout {
            return;
        }
        let empties: Vec<(usize, usize)> = table
            .rows
            .iter()
            .zip(rows)
            .filter(|(row, _)| row.cells.iter().filter(|cell| matches!(cell, Cell::Empty)).count() > 0)
            .map(|(_, raw)| (raw.first, raw.last))
            .collect();
        if empties.is_empty() {
            return;
        }
        let numbers: Vec<String> = empties
            .iter()
            .map(|(first, _)| self.lines[*first].number.to_string())
            .collect();
        let (first, last) = (empties[0].0, empties[empties.len() - 1].1);
        let anchor = Anchor::Id(table.id.clone());
        self.note(first, last, anchor, format!("the table {:?} has empty cells in the rows at input lines {}: check that no cell ran into its neighbour when the columns were read", table.caption, numbers.join(", ")));
    }

    /// A table that could not be rebuilt: its caption and lines kept as paragraphs, listed.
    fn unrebuilt(&mut self, caption: String, first: usize, last: usize, owner: Option<&Slug>, why: &str) -> Vec<Block> {
        let mut blocks = vec![Block::Paragraph(vec![bulletin::model::Span::Text(format!(
            "〈{caption}〉"
        ))])];
        for index in first..=last.min(self.lines.len().saturating_sub(1)) {
            let line = &self.lines[index];
            if line.is_blank() || index == first {
                continue;
            }
            let text = inline::rich(&line.text.replace('\t', " "), self.dialect);
            if !text.is_empty() {
                blocks.push(Block::Paragraph(text));
            }
            self.used[index] = true;
        }
        let snippet = inline::snippet(&caption);
        self.note(
            first,
            last,
            Anchor::Text(owner.cloned(), snippet),
            format!("the table {caption:?} could not be rebuilt ({why}): its lines are kept as paragraphs"),
        );
        blocks
    }

    /// A cell's text: the lines of a cell joined, or its list items.
    fn cell_text(&self, lines: &[String]) -> CellText {
        let joined = lines
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>();
        let raw = joined.join(" ");
        if let Some(items) = list_items(&raw) {
            return CellText::List(
                items
                    .into_iter()
                    .map(|item| inline::plain(&item, self.dialect))
                    .filter(|item| !item.is_empty())
                    .collect(),
            );
        }
        let mut text = String::new();
        for line in joined {
            let line = inline::plain(line, self.dialect);
            text = if text.is_empty() {
                line
            } else {
                inline::join_wrapped(&text, &line)
            };
        }
        CellText::Text(text)
    }
}

/// A cell as read: text, or the items of a list.
#[derive(Clone, Debug)]
enum CellText {
    Text(String),
    List(Vec<String>),
}

impl CellText {
    fn joined(&self) -> String {
        match self {
            CellText::Text(text) => text.clone(),
            CellText::List(items) => items
                .iter()
                .map(|item| format!("• {item}"))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            CellText::Text(text) => text.is_empty(),
            CellText::List(items) => items.is_empty(),
        }
    }
}

/// How wide a column's lines run: its widest line, or the next widest when the widest stands
/// far out (a cell that ran into the next column).
fn column_width<'a>(lines: impl Iterator<Item = &'a String>) -> f32 {
    let mut widths: Vec<f32> = lines.map(|line| lines::width(line)).collect();
    widths.sort_by(|a, b| b.total_cmp(a));
    match widths.as_slice() {
        [first, second, _, ..] if *first > second * 1.25 => *second,
        [first, ..] => *first,
        [] => 0.0,
    }
}

/// Whether a cell's line goes on in the next one: its column's widest line taken as the width.
fn cell_continues(above: &str, here: &str, widest: f32) -> bool {
    // A figure is never the start or the end of a wrapped text.
    let figure = |text: &str| number::parse(text).is_ok() || number::is_dash(text) || is_total_label(text);
    if figure(above) || figure(here) {
        return false;
    }
    if inline::ends_unfinished(above) || inline::starts_dependent(here) {
        return true;
    }
    let over = lines::width(above) + lines::width(" ") + lines::width(lines::first_piece(here)) - widest;
    super::continues(above, here, over)
}

/// A layout cell's lines as items: a line that does not go on in the next ends an item.
fn items(cell: &[String], widest: f32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for (index, line) in cell.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if open => *last = inline::join_wrapped(last, line),
            _ => out.push(line.to_string()),
        }
        open = cell
            .get(index + 1)
            .is_some_and(|next| cell_continues(line, next, widest));
    }
    out
}

/// What a column holds, from its cells: figures (the first column's 1, 2, 3 … are row
/// numbers; a header that says 지수 makes them scores), lists, or text.
fn kind_of<'a>(column: usize, label: &str, cells: impl Iterator<Item = &'a CellText>) -> ColumnKind {
    let cells: Vec<&CellText> = cells.filter(|cell| !cell.is_empty()).collect();
    if cells.is_empty() {
        return ColumnKind::Text;
    }
    if cells.iter().any(|cell| matches!(cell, CellText::List(_))) {
        return ColumnKind::List;
    }
    let numbers: Option<Vec<number::ParsedNumber>> = cells
        .iter()
        .filter(|cell| !number::is_dash(&cell.joined()))
        .map(|cell| number::parse(&cell.joined()).ok())
        .collect();
    let Some(numbers) = numbers.filter(|numbers| !numbers.is_empty()) else {
        return ColumnKind::Text;
    };
    let whole = numbers
        .iter()
        .all(|parsed| parsed.number.value.fract() == 0.0 && parsed.number.sub.is_none_or(|sub| sub.fract() == 0.0));
    let decimals = numbers.iter().any(|parsed| parsed.number.shown.contains('.'));
    let in_order = numbers
        .iter()
        .enumerate()
        .all(|(index, parsed)| parsed.number.sub.is_none() && parsed.number.value == (index + 1) as f64);
    if column == 0 && whole && in_order && numbers.len() == cells.len() {
        ColumnKind::Ordinal
    } else if SCORE_WORDS.iter().any(|word| label.contains(word)) {
        ColumnKind::Index
    } else if decimals || !whole {
        ColumnKind::Decimal
    } else {
        ColumnKind::Integer
    }
}

/// A cell typed for its column; a dash in a column of figures is kept as printed (no figure).
fn typed(cell: &CellText, kind: ColumnKind) -> Cell {
    let text = cell.joined();
    if text.is_empty() {
        return Cell::Empty;
    }
    match kind {
        ColumnKind::List => match cell {
            CellText::List(items) if !items.is_empty() => {
                Cell::List(items.iter().map(|item| item.replace('•', "·")).collect())
            }
            CellText::List(_) => Cell::Empty,
            CellText::Text(text) => Cell::List(vec![text.replace('•', "·")]),
        },
        ColumnKind::Text => Cell::Text(text),
        _ if number::is_dash(&text) => Cell::Dash(text.trim().to_string()),
        _ => match number::parse(&text) {
            Ok(parsed) => Cell::Number(parsed.number),
            Err(_) => Cell::Empty,
        },
    }
}

/// The total row typed, when its figures add up to the rows above (sub-figures counted, as
/// the parser checks), with the columns of decimals whose figure adds up only within the rows'
/// rounding and its own (shares that print 100.0 over rows that add up to 99.9) and what they
/// add up to; otherwise why not.
fn total_row(table: &Table, cells: &[CellText]) -> Result<(Row, Vec<(usize, Decimal)>), String> {
    let mut out = Vec::with_capacity(cells.len());
    let mut rounded = Vec::new();
    for (column, cell) in cells.iter().enumerate() {
        let text = cell.joined();
        if column == 0 {
            out.push(if text.is_empty() { Cell::Empty } else { Cell::Text(text) });
            continue;
        }
        let kind = table.columns[column].kind;
        if text.is_empty() {
            out.push(Cell::Empty);
            continue;
        }
        if !kind.is_numeric() {
            // Text and lists are written as they are, as in any row.
            out.push(typed(cell, kind));
            continue;
        }
        let stated = number::parse(&text).map_err(|_| {
            format!(
                "has {text:?} under {:?}, which is not a figure",
                table.columns[column].label
            )
        })?;
        if kind.is_measure() {
            let mut sums = Some(RoundedSum::ZERO);
            for row in &table.rows {
                if let Cell::Number(figure) = &row.cells[column] {
                    sums = number::parse(&figure.shown).ok().and_then(|parsed| {
                        let with_main = sums?.adding(parsed.main)?;
                        match parsed.sub {
                            Some(sub) => with_main.adding(sub),
                            None => Some(with_main),
                        }
                    });
                }
            }
            match sums {
                Some(sums) if sums.sum.same_value(stated.main) => {}
                // Only decimals are taken for rounded: counts are exact, and a count off by a few
                // is a misprint or a misread, for the parser to name.
                Some(sums)
                    if kind != ColumnKind::Integer
                        && stated.number.parts().0.contains('.')
                        && sums.agrees_within_rounding(stated.main) =>
                {
                    rounded.push((column, sums.sum))
                }
                Some(sums) => {
                    return Err(format!(
                        "says {text} under {:?}, but the rows above add up to {}",
                        table.columns[column].label, sums.sum
                    ))
                }
                None => {
                    return Err(format!(
                        "under {:?} cannot be added up exactly",
                        table.columns[column].label
                    ))
                }
            }
        }
        out.push(Cell::Number(stated.number));
    }
    Ok((Row { cells: out }, rounded))
}

/// `직접비 금액(만 위안)` as the label `직접비 금액` and the unit `만 위안`.
fn split_unit(label: &str) -> (String, Option<String>) {
    if let Some(open) = label.rfind('(') {
        if let Some(inside) = label[open + 1..].strip_suffix(')') {
            let unit = inside.trim_start_matches("단위").trim_start_matches([':', ' ']).trim();
            let before = label[..open].trim();
            if !unit.is_empty() && !before.is_empty() && !unit.contains(['"', '{']) {
                return (before.to_string(), Some(unit.to_string()));
            }
        }
    }
    (label.to_string(), None)
}

/// The items of a list cell: HTML `<li>`s, or `•`-separated items.
fn list_items(raw: &str) -> Option<Vec<String>> {
    if raw.contains("<li") {
        let mut items = Vec::new();
        for piece in raw.split("<li").skip(1) {
            let inner = piece.split_once('>').map_or(piece, |(_, rest)| rest);
            let inner = inner.split("</li>").next().unwrap_or(inner);
            let text = strip_tags(inner);
            let text = text.trim().trim_start_matches(['•', '-', '·', '○']).trim();
            if !text.is_empty() {
                items.push(text.to_string());
            }
        }
        return Some(items);
    }
    let text = raw.trim();
    if text.starts_with('•') {
        let items: Vec<String> = text
            .split('•')
            .map(|item| item.trim().to_string())
            .filter(|item| !item.is_empty())
            .collect();
        return Some(items);
    }
    None
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_total_label(text: &str) -> bool {
    let closed: String = text.split_whitespace().collect();
    TOTALS.contains(&closed.as_str())
}

/// `12 일반 프로젝트` gives `("12", "일반 프로젝트")`: a row number set one space before the cell.
fn ordinal_start(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = text[digits.len()..].strip_prefix(' ')?;
    let rest = rest.trim();
    (!rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit())).then(|| (digits, rest.to_string()))
}

/// A line that opens an entry (`01 …`) or a part: a table never holds one outside its first cell.
fn entry_like(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits == 2 && text.len() > 2 && text.as_bytes().get(2) == Some(&b' ') && text.starts_with('0')
}

/// The fields of a layout line: runs of text between runs of two or more spaces (or tabs).
fn fields(line: &lines::Line) -> Vec<Field> {
    let mut out = Vec::new();
    let chars: Vec<char> = line.text.chars().collect();
    let mut at = 0;
    while at < chars.len() {
        while at < chars.len() && chars[at] == ' ' {
            at += 1;
        }
        if at >= chars.len() {
            break;
        }
        let start = at;
        let mut end = at;
        while end < chars.len() {
            if chars[end] == '\t'
                || (chars[end] == ' ' && chars.get(end + 1).is_none_or(|next| *next == ' ' || *next == '\t'))
            {
                break;
            }
            end += 1;
        }
        let text: String = chars[start..end].iter().collect();
        out.push(Field {
            start: line.indent + start,
            end: line.indent + end,
            text: text.trim().to_string(),
        });
        at = end;
        while at < chars.len() && chars[at] == '\t' {
            at += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<CellText> {
        texts.iter().map(|text| CellText::Text(text.to_string())).collect()
    }

    #[test]
    fn columns_are_typed_by_their_cells() {
        let first = cells(&["1", "2", "3"]);
        assert_eq!(kind_of(0, "구분", first.iter()), ColumnKind::Ordinal);
        let counts = cells(&["20,472", "630 (25)", "16 (3)"]);
        assert_eq!(kind_of(2, "연구과제 수", counts.iter()), ColumnKind::Integer);
        let money = cells(&["1,087,845.00", "126,000.00 (5,000)", "9402.30"]);
        assert_eq!(kind_of(3, "직접비 금액(만 위안)", money.iter()), ColumnKind::Decimal);
        let scores = cells(&["93", "98"]);
        assert_eq!(
            kind_of(3, "신에너지 우수기업 집중 지수", scores.iter()),
            ColumnKind::Index
        );
        let names = cells(&["선전", "상하이"]);
        assert_eq!(kind_of(1, "도시", names.iter()), ColumnKind::Text);
        let years = cells(&["2019", "2020"]);
        assert_eq!(kind_of(0, "연도", years.iter()), ColumnKind::Integer);
    }

    #[test]
    fn units_come_out_of_headers() {
        assert_eq!(
            split_unit("직접비 금액(만 위안)"),
            ("직접비 금액".to_string(), Some("만 위안".to_string()))
        );
        assert_eq!(
            split_unit("금액(단위: 억 위안)"),
            ("금액".to_string(), Some("억 위안".to_string()))
        );
        assert_eq!(split_unit("과제 수"), ("과제 수".to_string(), None));
    }

    #[test]
    fn list_cells_from_html_and_bullets() {
        assert_eq!(
            list_items("<ul style=\"list-style-type: none\"> <li>• 첫째</li> <li>• 둘째</li> </ul>"),
            Some(vec!["첫째".to_string(), "둘째".to_string()])
        );
        assert_eq!(
            list_items("• (양대 전환) 실현 • (3대) 육성"),
            Some(vec!["(양대 전환) 실현".to_string(), "(3대) 육성".to_string()])
        );
        assert_eq!(list_items("일반 프로젝트"), None);
    }

    #[test]
    fn layout_fields_split_at_runs_of_spaces() {
        let line = lines::Line {
            number: 1,
            indent: 6,
            text: "1 일반 프로젝트                     20,472           1,087,845.00".to_string(),
            heading: None,
            page_break: false,
            hard_break: false,
        };
        let found: Vec<String> = fields(&line).into_iter().map(|field| field.text).collect();
        assert_eq!(found, ["1 일반 프로젝트", "20,472", "1,087,845.00"]);
        assert_eq!(
            ordinal_start("1 일반 프로젝트"),
            Some(("1".to_string(), "일반 프로젝트".to_string()))
        );
        assert_eq!(ordinal_start("20,472"), None);
    }
}
