//! What the start-up without Yew (crates/start) hands over to the viewer: the sorts the reader
//! made before it started. `lib.rs` reads them from the page before the app renders; each
//! table takes its own once, as its first state ([`take_sort`]), so that the hydration's first
//! render already shows the order the start-up left on the page.

use std::cell::RefCell;

use bulletin::model::Issue;
use bulletin::sort::SortState;

thread_local! {
    static SORTS: RefCell<Vec<(String, SortState)>> = const { RefCell::new(Vec::new()) };
}

/// Reads the start-up's hand-over (`bulletin_start::handover`: one table link a line, such as
/// `#/table/nsfc-programs?sort=funding:desc`) against `issue`.
pub fn receive(text: &str, issue: &Issue) {
    let sorts = bulletin_start::handover::read(text, issue);
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
