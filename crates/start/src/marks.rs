//! The two marks of where the reader is that the viewer and the start-up set on the page
//! directly, not through Yew: the element an address or a search result leads to (its class,
//! which the stylesheet highlights) and the contents' link to it (`aria-current`). Each moves:
//! setting one takes the last away.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, NodeList};

/// The class of the element a link or search result leads to, which the stylesheet highlights.
pub const TARGET_CLASS: &str = "is-target";

/// Moves the target's mark to `element`.
pub fn mark_target(document: &Document, element: &Element) {
    clear_target(document);
    let _ = element.class_list().add_1(TARGET_CLASS);
}

/// Takes the target's mark away, wherever it is.
pub fn clear_target(document: &Document) {
    for marked in elements(document.query_selector_all(&format!(".{TARGET_CLASS}"))) {
        let _ = marked.class_list().remove_1(TARGET_CLASS);
    }
}

/// Marks the link in `panel` whose `href` is `href` as where the reader is
/// (`aria-current="page"`), and no other; with `None`, none.
pub fn mark_current_link(panel: &Element, href: Option<&str>) {
    for link in elements(panel.query_selector_all("a[href]")) {
        let current = href.is_some() && link.get_attribute("href").as_deref() == href;
        if current {
            let _ = link.set_attribute("aria-current", "page");
        } else if link.has_attribute("aria-current") {
            let _ = link.remove_attribute("aria-current");
        }
    }
}

/// The elements of a query's answer (none when the query failed).
fn elements(list: Result<NodeList, JsValue>) -> impl Iterator<Item = Element> {
    let list = list.ok();
    let length = list.as_ref().map_or(0, NodeList::length);
    (0..length).filter_map(move |index| list.as_ref()?.item(index)?.dyn_into::<Element>().ok())
}
