//! Where the viewer's links, copied links and embed codes point. Every address the viewer hands
//! out to be kept (a copied link, an embed code, the embed's link back to the issue) is built
//! here, from a route, so the form of those addresses changes in one place.
//!
//! Called from callbacks only (the absolute forms read the page's address).

use bulletin::embed_code;
use bulletin::route::Route;

use crate::dom;

/// The address of `route` as a link on the page, relative to it.
pub fn href(route: &Route) -> String {
    route.to_hash()
}

/// The absolute address of `route`, to copy or paste elsewhere.
pub fn shareable_address(route: &Route) -> String {
    format!("{}{}", dom::page_address(), href(route))
}

/// The embed code for `route` (an embed route), titled `title`: the frame and the `embed.js`
/// line, both absolute (`bulletin::embed_code`).
pub fn embed_code(route: &Route, title: &str) -> String {
    let script = embed_code::script_beside(&dom::page_address());
    embed_code::code(&shareable_address(route), &script, title)
}
