//! The bulletin core: everything about an issue of 중국 과학기술 정책 주간동향 that does not need a browser.
//!
//! A source file (`bulletins/<date>.md`) is parsed once into the typed [`model::Issue`]
//! ([`write`] is the way back, for programs that make issues);
//! after that, numbers are numbers, table cells are typed, and every part of the viewer
//! works on values: [`sort`] orders table rows, [`search`] finds text, [`chart`] lays out
//! and draws bars on any plotters backend, [`route`] reads and writes the hash links ([`excerpt`] caps what of them is shown back), and
//! [`csv`] writes a table as a reader sees it.
//!
//! Nothing here imports yew, web-sys, gloo or wasm-bindgen: it builds and tests on the host.

pub mod address;
pub mod anchor;
pub mod catalog;
pub mod chart;
pub mod csv;
pub mod data_file;
pub mod excerpt;
pub mod html;
pub mod model;
pub mod number;
#[cfg(feature = "parse")]
pub mod parse;
pub mod route;
pub mod search;
pub mod site;
pub mod slug;
pub mod sort;
#[cfg(all(test, feature = "parse"))]
mod testing;
pub mod text;
#[cfg(feature = "parse")]
pub mod write;
