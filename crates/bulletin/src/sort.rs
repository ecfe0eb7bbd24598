//! Table sorting and filtering as a reader means them.
//!
//! Numbers sort by their main figure (a sub-figure is shown, never sorted on), text sorts in
//! the reader's collation (Korean 가나다 order in the browser, through ranks that the viewer
//! computes once with `Intl.Collator`), empty cells go last in either direction, and the
//! sort is stable. A header click cycles a column through its first direction, the other
//! direction, and back to the printed order; a shift-click adds or cycles a secondary key.
//! The total row is not a row here at all: it stays in `Table::total`, pinned last by the
//! viewer.

use core::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::model::{Cell, ColumnId, ColumnKind, Table};
use crate::text::{fold, Folded};

/// Which way a column sorts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Smallest first (가나다, 0 → 9).
    Ascending,
    /// Largest first.
    Descending,
}

impl Direction {
    /// The other direction.
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    /// The name used in links: `asc` or `desc`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ascending => "asc",
            Direction::Descending => "desc",
        }
    }

    /// Reads `asc` or `desc`.
    pub fn parse(text: &str) -> Option<Direction> {
        match text {
            "asc" => Some(Direction::Ascending),
            "desc" => Some(Direction::Descending),
            _ => None,
        }
    }

    /// The direction a first click gives: numbers largest first, text in 가나다 order.
    pub fn first_for(kind: ColumnKind) -> Direction {
        if kind.is_numeric() {
            Direction::Descending
        } else {
            Direction::Ascending
        }
    }
}

/// One sort key: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    /// The column sorted on.
    pub column: ColumnId,
    /// The direction.
    pub direction: Direction,
}

/// The sort of a table: keys in priority order; none means the printed order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortState {
    keys: Vec<SortKey>,
}

impl SortState {
    /// A sort with these keys; later keys on an already-used column are dropped.
    pub fn new(keys: impl IntoIterator<Item = SortKey>) -> SortState {
        let mut state = SortState::default();
        for key in keys {
            if state.position(key.column).is_none() {
                state.keys.push(key);
            }
        }
        state
    }

    /// The keys, primary first.
    pub fn keys(&self) -> &[SortKey] {
        &self.keys
    }

    /// Whether the table is in printed order.
    pub fn is_printed_order(&self) -> bool {
        self.keys.is_empty()
    }

    fn position(&self, column: ColumnId) -> Option<usize> {
        self.keys.iter().position(|key| key.column == column)
    }

    /// The column's direction and its priority (0 = primary), if it is sorted on.
    pub fn direction_of(&self, column: ColumnId) -> Option<(usize, Direction)> {
        self.position(column).map(|index| (index, self.keys[index].direction))
    }

    /// The state after a click on `column` of kind `kind`; `additive` is a shift-click.
    ///
    /// A plain click makes the column the only key, cycling first direction → other
    /// direction → printed order when it already was the only key. A shift-click cycles
    /// the column within the existing keys, appending it when new.
    pub fn click(&self, column: ColumnId, kind: ColumnKind, additive: bool) -> SortState {
        let first = Direction::first_for(kind);
        let next = |direction: Direction| (direction == first).then(|| direction.reversed());
        let mut keys = self.keys.clone();
        match (additive, self.position(column)) {
            (false, Some(0)) if keys.len() == 1 => match next(keys[0].direction) {
                Some(direction) => keys[0].direction = direction,
                None => keys.clear(),
            },
            (false, _) => {
                keys = vec![SortKey {
                    column,
                    direction: first,
                }]
            }
            (true, Some(index)) => match next(keys[index].direction) {
                Some(direction) => keys[index].direction = direction,
                None => {
                    keys.remove(index);
                }
            },
            (true, None) => keys.push(SortKey {
                column,
                direction: first,
            }),
        }
        SortState { keys }
    }
}

/// Collation ranks of a table's text cells: comparing ranks compares texts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collation {
    /// For each column, the rank of each row's text (None for numeric columns).
    ranks: Vec<Option<Vec<u32>>>,
}

impl Collation {
    /// Ranks text cells by sorting each text column's distinct texts with `sorter`, which
    /// returns the order of the slice it is given as a permutation of its indices (the
    /// viewer sorts with `Intl.Collator('ko')` in one call per column).
    pub fn with_sorter(table: &Table, mut sorter: impl FnMut(&[String]) -> Vec<usize>) -> Collation {
        let ranks = table
            .column_ids()
            .map(|column| {
                if table.columns[column.index()].kind.is_numeric() {
                    return None;
                }
                let texts: Vec<String> = table.rows.iter().map(|row| row.cell(column).shown()).collect();
                let mut distinct = texts.clone();
                distinct.sort_unstable();
                distinct.dedup();
                let order = sorter(&distinct);
                let mut rank_of_distinct = vec![u32::MAX; distinct.len()];
                for (rank, index) in order.into_iter().enumerate() {
                    if let Some(slot) = rank_of_distinct.get_mut(index) {
                        *slot = rank as u32;
                    }
                }
                Some(
                    texts
                        .iter()
                        .map(|text| match distinct.binary_search(text) {
                            Ok(index) => rank_of_distinct[index],
                            Err(_) => u32::MAX,
                        })
                        .collect(),
                )
            })
            .collect();
        Collation { ranks }
    }

    /// Ranks text cells by Unicode code point order, which for Hangul syllables is 가나다
    /// order; used natively and where the browser offers no collator.
    pub fn by_code_point(table: &Table) -> Collation {
        Collation::with_sorter(table, |texts| {
            let mut order: Vec<usize> = (0..texts.len()).collect();
            order.sort_by(|a, b| texts[*a].cmp(&texts[*b]));
            order
        })
    }

    fn rank(&self, column: ColumnId, row: usize) -> u32 {
        self.ranks
            .get(column.index())
            .and_then(Option::as_ref)
            .and_then(|ranks| ranks.get(row))
            .copied()
            .unwrap_or(u32::MAX)
    }
}

/// The rows of `table` (indices into `table.rows`) in the order `state` asks for.
pub fn order(table: &Table, state: &SortState, collation: &Collation) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..table.rows.len()).collect();
    sort_rows(table, state, collation, &mut rows);
    rows
}

/// Sorts the given row indices in place, stably.
pub fn sort_rows(table: &Table, state: &SortState, collation: &Collation, rows: &mut [usize]) {
    if state.is_printed_order() {
        rows.sort_unstable();
        return;
    }
    rows.sort_by(|a, b| {
        for key in state.keys() {
            let ordering = compare_cells(table, collation, key, *a, *b);
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        a.cmp(b)
    });
}

fn compare_cells(table: &Table, collation: &Collation, key: &SortKey, a: usize, b: usize) -> Ordering {
    let (Some(row_a), Some(row_b)) = (table.rows.get(a), table.rows.get(b)) else {
        return Ordering::Equal;
    };
    let cell_a = row_a.cell(key.column);
    let cell_b = row_b.cell(key.column);
    // Cells without a value of their own (nothing printed, or a dash for no figure) go last
    // whichever way the column sorts.
    let blank = |cell: &Cell| matches!(cell, Cell::Empty | Cell::Dash(_));
    match (blank(cell_a), blank(cell_b)) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (false, false) => {}
    }
    let ordering = match (cell_a.value(), cell_b.value()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => collation.rank(key.column, a).cmp(&collation.rank(key.column, b)),
    };
    match key.direction {
        Direction::Ascending => ordering,
        Direction::Descending => ordering.reverse(),
    }
}

/// The folded text of each row, for filtering as the reader types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowText {
    rows: Vec<String>,
}

impl RowText {
    /// Folds every row's cells once.
    pub fn new(table: &Table) -> RowText {
        let rows = table
            .rows
            .iter()
            .map(|row| {
                let joined: Vec<String> = row.cells.iter().map(Cell::shown).collect();
                Folded::new(&joined.join("\u{1f}")).text
            })
            .collect();
        RowText { rows }
    }

    /// The rows containing `query` (folded), in printed order; all rows for an empty query.
    pub fn filter(&self, query: &str) -> Vec<usize> {
        let needle = fold(query);
        (0..self.rows.len())
            .filter(|index| needle.is_empty() || self.rows[*index].contains(&needle))
            .collect()
    }
}

/// The rows a reader sees: those matching `filter`, in the order `state` asks for.
pub fn visible_rows(
    table: &Table,
    state: &SortState,
    collation: &Collation,
    row_text: &RowText,
    filter: &str,
) -> Vec<usize> {
    let mut rows = row_text.filter(filter);
    sort_rows(table, state, collation, &mut rows);
    rows
}

#[cfg(test)]
mod tests;
