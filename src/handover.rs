//! What the start-up without Yew (crates/start) hands over to the viewer: the sorts the reader
//! made before it started. `lib.rs` reads them from the page before the app renders; each
//! table takes its own once, as its first state ([`take_sort`]), so that the hydration's first
//! render already shows the order the start-up left on the page.

use std::cell::RefCell;

use bulletin::model::Issue;
use bulletin::route::Route;
use bulletin::sort::SortState;

thread_local! {
    static SORTS: RefCell<Vec<(String, SortState)>> = const { RefCell::new(Vec::new()) };
}

/// Reads the start-up's hand-over (`crates/start`'s `hand_over`: one table link a line, such
/// as `#/table/nsfc-programs?sort=funding:desc`) against `issue`; a line that names no table of
/// it or no sort is left out.
pub fn receive(text: &str, issue: &Issue) {
    let sorts: Vec<(String, SortState)> = text
        .lines()
        .filter_map(|line| match Route::parse(line).route {
            Route::Table(id, view) => {
                let table = issue.table(&id)?;
                let sort = view.resolve(table).sort;
                (!sort.keys().is_empty()).then_some((id, sort))
            }
            _ => None,
        })
        .collect();
    SORTS.with(|kept| *kept.borrow_mut() = sorts);
}

/// The sort handed over for table `id`, once.
pub fn take_sort(id: &str) -> Option<SortState> {
    SORTS.with(|kept| {
        let mut kept = kept.borrow_mut();
        let position = kept.iter().position(|(table, _)| table == id)?;
        Some(kept.remove(position).1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin::sort::Direction;

    #[test]
    fn each_table_takes_its_sort_once() {
        let source = include_str!("../bulletins/2023-06-30.md");
        let issue = bulletin::parse::parse("bulletins/2023-06-30.md", source)
            .expect("the issue parses")
            .issue;
        receive(
            "#/table/nsfc-programs?sort=funding:desc\n#/table/no-such-table?sort=funding:desc\n#/summary\n#/table/hurun-top10",
            &issue,
        );
        let sort = take_sort("nsfc-programs").expect("its sort was handed over");
        let table = issue.table("nsfc-programs").expect("the table");
        let key = sort.keys()[0];
        assert_eq!(table.columns[key.column.index()].label, "직접비 금액");
        assert_eq!(key.direction, Direction::Descending);
        assert_eq!(take_sort("nsfc-programs"), None, "taken once");
        assert_eq!(
            take_sort("hurun-top10"),
            None,
            "a link without a sort hands nothing over"
        );
        assert_eq!(take_sort("no-such-table"), None);
    }
}
