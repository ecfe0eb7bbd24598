//! The site as the page's meta tags describe it ([`bulletin::site`]).

use bulletin::site::{Site, META_PREFIX};
use wasm_bindgen::JsCast;

/// The `content` of the page's `<meta name="{name}">`, where it has one and it is not empty.
pub fn meta_content(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|content| !content.is_empty())
}

/// Reads the site from the document's `<meta name="bulletin:…">` tags; the error names the
/// tag that is missing or wrong.
pub fn from_document() -> Result<Site, String> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("the page has no document")?;
    let tags = document
        .query_selector_all(&format!("meta[name^=\"{META_PREFIX}\"]"))
        .map_err(|_| "the page's meta tags could not be read")?;
    let mut pairs = Vec::new();
    for index in 0..tags.length() {
        let Some(element) = tags
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let name = element.get_attribute("name").unwrap_or_default();
        let content = element.get_attribute("content").unwrap_or_default();
        if let Some(name) = name.strip_prefix(META_PREFIX) {
            pairs.push((name.to_string(), content));
        }
    }
    Site::from_pairs(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())))
}
