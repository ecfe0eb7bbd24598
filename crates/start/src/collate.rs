//! Korean collation for table sorting, from the browser's `Intl.Collator('ko')`.
//!
//! Each text column's distinct texts are sorted once, inside JavaScript, with the
//! collator's own compare function (no crossing into WebAssembly per comparison); the
//! core then sorts rows by the resulting ranks. Where `Intl` is missing, Unicode code
//! point order stands in, which for Hangul syllables is the same 가나다 order.

use bulletin::model::Table;
use bulletin::sort::Collation;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// An array sorted by a JavaScript function, so no comparison crosses into WebAssembly.
    #[wasm_bindgen(extends = js_sys::Array, js_name = Array)]
    type SortableArray;

    /// `Array.prototype.sort` with a JavaScript compare function.
    #[wasm_bindgen(method, js_name = sort)]
    fn sort_with(this: &SortableArray, compare: &js_sys::Function) -> js_sys::Array;
}

/// The collation of `table`'s text columns in Korean order.
pub fn korean(table: &Table) -> Collation {
    if !cfg!(target_arch = "wasm32") {
        return Collation::by_code_point(table);
    }
    let locales = js_sys::Array::of1(&JsValue::from_str("ko"));
    let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
    let compare = collator.compare();
    if !compare.is_function() {
        return Collation::by_code_point(table);
    }
    Collation::with_sorter(table, |texts| {
        let array: js_sys::Array = texts.iter().map(|text| JsValue::from_str(text)).collect();
        let sorted = array.unchecked_ref::<SortableArray>().sort_with(&compare);
        // `texts` is sorted by code point and distinct, so each text's index is found by search.
        sorted
            .iter()
            .filter_map(|value| value.as_string())
            .filter_map(|text| texts.binary_search(&text).ok())
            .collect()
    })
}
