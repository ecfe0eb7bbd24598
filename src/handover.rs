//! What the start-up without Yew (crates/start) hands over to the viewer: the sorts the reader
//! made before it started. `lib.rs` reads them from the page before the app renders; each
//! table takes its own once, as its first state ([`take_sort`]), so that the hydration's first
//! render already shows the order the start-up left on the page. Where the page was opened at
//! a place in the issue, the start-up has taken the reader there already ([`served`]).

use std::cell::{Cell, RefCell};

use bulletin::model::Issue;
use bulletin::sort::SortState;

thread_local! {
    static SORTS: RefCell<Vec<(String, SortState)>> = const { RefCell::new(Vec::new()) };
    static SERVED: Cell<bool> = const { Cell::new(false) };
}

/// Reads the start-up's hand-over (`bulletin_start::handover`: one table link a line, such as
/// `#/table/nsfc-programs?sort=funding:desc`) against `issue`.
pub fn receive(text: &str, issue: &Issue) {
    let sorts = bulletin_start::handover::read(text, issue);
    SORTS.with(|kept| *kept.borrow_mut() = sorts);
    SERVED.set(true);
}

/// Whether the start-up served the page before the viewer: the reader opened at a place in the
/// issue was taken there by it (or by the start script, following a link in the contents),
/// and may have scrolled on since, so the viewer does not take them there again.
pub fn served() -> bool {
    SERVED.get()
}

/// The sort handed over for table `id`, once.
pub fn take_sort(id: &str) -> Option<SortState> {
    SORTS.with(|kept| {
        let mut kept = kept.borrow_mut();
        let position = kept.iter().position(|(table, _)| table == id)?;
        Some(kept.remove(position).1)
    })
}
