//! Bench builds only (feature `bench-hooks`, never in the shipped build): what
//! `cargo xtask bench` calls from the page to time the core as WebAssembly, in Chromium.
//!
//! `window.benchSearchArchive(copies)` builds one [`SearchIndex`] over a synthetic archive,
//! `copies` varied copies of the embedded issue's passages, and returns
//! `{ passages, search(query) }`: `passages` counts what was indexed, and `search` asks the
//! index what the search panel asks it on each keystroke (at most [`LIMIT`] hits) and
//! returns how many passages match. The page times each call (docs/benchmark.md).
//!
//! The copies are varied so that the archive is not one issue repeated: in every copy but
//! the first, each digit is shifted (other years, other amounts), about one adjacent pair of
//! words in four is swapped (other character pairs across word boundaries), and about one
//! passage in five is left out (issues of different lengths).

use std::rc::Rc;

use bulletin::model::Issue;
use bulletin::search::{Group, Passage, SearchIndex};
use wasm_bindgen::prelude::*;

use crate::components::search_panel::LIMIT;
use crate::dom;

/// Installs `window.benchSearchArchive`.
pub fn install(issue: Rc<Issue>) {
    let Some(window) = dom::window() else { return };
    let build = Closure::<dyn Fn(u32) -> JsValue>::new(move |copies: u32| archive_api(&issue, copies as usize));
    let _ = js_sys::Reflect::set(&window, &"benchSearchArchive".into(), &build.into_js_value());
}

/// The object handed to the page: the archive's size and its search function.
fn archive_api(issue: &Issue, copies: usize) -> JsValue {
    let index = archive(issue, copies);
    let object = js_sys::Object::new();
    let n_passages = index.passages().len() as f64;
    let search = Closure::<dyn Fn(String) -> u32>::new(move |query: String| {
        u32::try_from(index.search(&query, LIMIT).total).unwrap_or(u32::MAX)
    });
    let _ = js_sys::Reflect::set(&object, &"passages".into(), &n_passages.into());
    let _ = js_sys::Reflect::set(&object, &"search".into(), &search.into_js_value());
    object.into()
}

/// One index over `copies` varied copies of the issue's passages, each copy its own groups.
pub fn archive(issue: &Issue, copies: usize) -> SearchIndex {
    let one = SearchIndex::new(issue);
    let n_groups = one.groups().len();
    let mut groups: Vec<Group> = Vec::with_capacity(n_groups * copies);
    let mut passages: Vec<Passage> = Vec::with_capacity(one.passages().len() * copies);
    for copy in 0..copies {
        groups.extend(one.groups().iter().cloned());
        for (position, passage) in one.passages().iter().enumerate() {
            if copy > 0 && mix(copy as u64, position as u64, 0) % 5 == 0 {
                continue;
            }
            passages.push(Passage {
                group: passage.group + copy * n_groups,
                text: vary(&passage.text, copy as u64, position as u64),
                ..passage.clone()
            });
        }
    }
    SearchIndex::from_parts(groups, passages)
}

/// The passage's text as copy `copy` prints it; copy 0 is the issue itself.
fn vary(text: &str, copy: u64, position: u64) -> String {
    if copy == 0 {
        return text.to_string();
    }
    let shift = (copy % 9 + 1) as u32;
    let shifted: String = text
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(digit) => char::from_digit((digit + shift) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect();
    let mut words: Vec<&str> = shifted.split(' ').collect();
    let mut at = 0;
    while at + 1 < words.len() {
        if mix(copy, position, at as u64 + 1) % 4 == 0 {
            words.swap(at, at + 1);
            at += 2;
        } else {
            at += 1;
        }
    }
    words.join(" ")
}

/// A well-mixed number from three (splitmix64's finalizer), for choices that look random
/// but are the same on every run.
fn mix(a: u64, b: u64, c: u64) -> u64 {
    let mut z = a
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(b.wrapping_mul(0xbf58_476d_1ce4_e5b9))
        .wrapping_add(c.wrapping_mul(0x94d0_49bb_1331_11eb));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
