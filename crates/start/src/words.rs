//! The few interface words the start-up writes (it serves only the Korean interface; a reader
//! who chose English gets the full viewer at once). The viewer's Korean strings are these.

use bulletin::model::Table;
use bulletin::sort::{Direction, SortState};

/// A key sorted ascending.
pub const ASCENDING: &str = "오름차순";
/// A key sorted descending.
pub const DESCENDING: &str = "내림차순";
/// Every sort key cleared.
pub const SORT_CLEARED: &str = "인쇄된 순서로 되돌렸습니다.";

/// The keys of `state` as [`sorted_by`] and the viewer's English announcement name them: each
/// key's column label (as printed) and whether it is ascending.
pub fn sort_keys(table: &Table, state: &SortState) -> Vec<(String, bool)> {
    state
        .keys()
        .iter()
        .map(|key| {
            (
                table.columns[key.column.index()].label.clone(),
                key.direction == Direction::Ascending,
            )
        })
        .collect()
}

/// What the table's live region says after a sort, in Korean: each key's column label and
/// whether it is ascending.
pub fn sorted_by(columns: &[(String, bool)]) -> String {
    if columns.is_empty() {
        return SORT_CLEARED.to_string();
    }
    let keys: Vec<String> = columns
        .iter()
        .map(|(label, ascending)| format!("{label} {}", if *ascending { ASCENDING } else { DESCENDING }))
        .collect();
    format!("{}으로 정렬했습니다.", keys.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announces_every_key_in_order() {
        let keys = [("지원 금액".to_string(), false), ("분야".to_string(), true)];
        assert_eq!(sorted_by(&keys), "지원 금액 내림차순, 분야 오름차순으로 정렬했습니다.");
        assert_eq!(sorted_by(&[]), "인쇄된 순서로 되돌렸습니다.");
    }
}
