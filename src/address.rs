//! Where the viewer's links, copied links and embed codes point. Every address the viewer hands
//! out to be kept (a copied link, an embed code, the embed's link back to the issue) is built
//! here, from a route and the issue shown ([`Here`]), so the form of those addresses changes in
//! one place: they name the issue's own page (`2023-06-30.html#/table/…`,
//! [`bulletin::address::permalink`]), so they keep meaning that issue when newer ones come out.
//!
//! The absolute forms read the page's address, so they are called from callbacks only.

use bulletin::address::Page;
use bulletin::embed_code;
use bulletin::route::Route;

use crate::app::Here;
use crate::dom;

/// How a view writes its links to places in the issue it shows: relative to the page the
/// address bar names ([`bulletin::address::href`]). A bare hash on the issue's own page; on the
/// site's root, the page with the hash (`2023-07-14.html#/article/…`), since an undated
/// hash there means the first builds' issue (`app::link_page`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Links {
    /// The issue shown.
    pub date: bulletin::model::Date,
    /// The page the links are written on.
    pub page: Page,
}

impl Links {
    /// The link to `route` of the issue shown.
    pub fn to(self, route: &Route) -> String {
        bulletin::address::href(self.date, route, self.page)
    }
}

/// The address of `route` of the issue shown, as a link written on `page`: a bare hash on the
/// issue's own page (and in the single file), else the page with the hash
/// ([`bulletin::address::href`]).
pub fn href(here: &Here, route: &Route, page: Page) -> String {
    match here.date {
        Some(date) => bulletin::address::href(date, route, page),
        None => route.to_hash(),
    }
}

/// The absolute address of `route` of the issue shown, to copy or paste elsewhere.
pub fn shareable_address(here: &Here, route: &Route) -> String {
    here.address(&route.to_hash())
}

/// The embed code for `route` (an embed route) of the issue shown, titled `title`: the frame
/// and the `embed.js` line beside the site's pages, both absolute (`bulletin::embed_code`).
pub fn embed_code(here: &Here, route: &Route, title: &str) -> String {
    let script = embed_code::script_beside(&dom::page_address());
    embed_code::code(&shareable_address(here, route), &script, title)
}
