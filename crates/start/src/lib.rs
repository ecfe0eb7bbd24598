//! The issue page's start-up without Yew (issue 16).
//!
//! A reader who opens an issue's page reads it and sorts its tables; the full viewer (Yew,
//! every feature: search, filters, the charts' canvases, the archive) is four times the size
//! of what that takes. The start script (`xtask/src/start.js`) therefore starts this small
//! WebAssembly first, where the page allows it ([`entry::start`]): opened at a place in the
//! issue (a link to a table, sorted or not, an article, a figure …), it takes the reader there
//! and shows the place as the viewer does; it fetches and checks the page's issue, sorts a
//! table when a sort button is pressed (the `<table>` and the chart's SVG
//! written again by the core, exactly as the viewer writes them) and registers the service
//! worker. On the first use of anything else, the start script hands over to the full viewer
//! ([`entry::hand_over`]): the sorts made so far go with it, and it hydrates the page as this
//! module left it (it only ever changed what the viewer keeps as raw fragments).
//!
//! The library part is what the viewer shares with it: reading the page's meta tags
//! ([`site`]), Korean collation ([`collate`]), the marks of where the reader is ([`marks`]), the words of a
//! sort's announcement ([`words`])
//! and the hand-over's text ([`handover`]).

pub mod collate;
#[cfg(feature = "entry")]
pub mod entry;
pub mod handover;
pub mod marks;
pub mod site;
pub mod words;

/// Where the reader's choice of interface language is kept (localStorage); the start-up serves
/// only the Korean interface.
pub const LANG_KEY: &str = "bulletin-viewer.lang";

/// The `<meta name>` that gives the service worker's address.
pub const WORKER_META: &str = "bulletin-viewer:service-worker";
