//! The archive's data as the viewer fetches it: issues, the catalog and the search bundle,
//! each a data file named by its hash (`bulletin::data_file`), fetched when first needed and
//! kept for as long as the page is open.
//!
//! Every failure becomes a sentence for the reader that says which file and what went wrong
//! (not found, cut short, from another build), so the page can show it beside a retry button
//! while every other issue keeps working. Nothing here panics on bad bytes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use bulletin::catalog::{Catalog, CatalogFilter};
use bulletin::data_file::{self, Bundle};
use bulletin::model::{Date, Issue};
use bulletin::search::archive::IssueIndex;
use bulletin::search::SearchIndex;
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::dom;

/// How far a fetch has got.
#[derive(Clone, Debug)]
pub enum Load<T> {
    /// Asked for, not there yet.
    Loading,
    /// There.
    Ready(Rc<T>),
    /// Failed, with the reason worded for the reader.
    Failed(String),
}

impl<T> PartialEq for Load<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Load::Loading, Load::Loading) => true,
            (Load::Ready(a), Load::Ready(b)) => Rc::ptr_eq(a, b),
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Fetches `url` (relative to the page) and returns its bytes; the error says what the
/// network or the server answered.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = dom::window().ok_or("the page has no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: the file could not be fetched (no network, or the server did not answer)"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: the browser gave no response"))?;
    if !response.ok() {
        let status = response.status();
        let what = match status {
            404 => "not found on the server: the site may be partly deployed",
            _ => "the server refused it",
        };
        return Err(format!("{url}: {what} (HTTP {status})"));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| format!("{url}: the response could not be read"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("{url}: the download broke off"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Fetches and checks the data file `file` of the issue of `date`; `url` is where to get it
/// when that is not the file's own name (the single file inlines its issue).
pub async fn fetch_issue(file: &str, url: Option<&str>, date: Date) -> Result<Issue, String> {
    let bytes = fetch_bytes(url.unwrap_or(file)).await?;
    data_file::decode_issue(file, &bytes, date).map_err(|error| error.to_string())
}

/// Fetches and checks the catalog.
pub async fn fetch_catalog(file: &str) -> Result<Catalog, String> {
    let bytes = fetch_bytes(file).await?;
    data_file::decode(file, &bytes).map_err(|error| error.to_string())
}

/// The catalog with its filter.
pub struct CatalogData {
    /// The catalog.
    pub catalog: Catalog,
    /// Its text, folded for filtering.
    pub filter: CatalogFilter,
}

impl CatalogData {
    /// Prepares `catalog` for filtering.
    pub fn new(catalog: Catalog) -> CatalogData {
        let filter = CatalogFilter::new(&catalog);
        CatalogData { catalog, filter }
    }
}

/// The search over the archive, and the data files it names.
pub struct SearchData {
    /// One index an issue, newest first.
    pub issues: Vec<IssueIndex>,
    /// Each issue's data file, for opening a result in an issue not yet loaded.
    pub files: BTreeMap<Date, String>,
    /// The issues that could not be indexed, with why (a damaged part of the bundle).
    pub failed: Vec<String>,
}

/// How long one slice of indexing may take before it gives the page back.
const SLICE_MS: f64 = 12.0;

/// Fetches the search bundle and indexes each issue in it, a few at a time between frames,
/// so no task of the page runs long; `progress` hears `(done, total)` after each slice.
pub async fn fetch_search(file: &str, progress: impl Fn(usize, usize)) -> Result<SearchData, String> {
    let bytes = fetch_bytes(file).await?;
    let bundle: Bundle = data_file::decode(file, &bytes).map_err(|error| error.to_string())?;
    drop(bytes);
    let total = bundle.files.len();
    let mut data = SearchData {
        issues: Vec::with_capacity(total),
        files: BTreeMap::new(),
        failed: Vec::new(),
    };
    let mut started = dom::now();
    for (done, bundled) in bundle.files.into_iter().enumerate() {
        data.files.insert(bundled.date, bundled.file.clone());
        match bundled.issue() {
            Ok(issue) => data.issues.push(IssueIndex {
                date: bundled.date,
                index: SearchIndex::new(&issue),
            }),
            Err(error) => data.failed.push(error.to_string()),
        }
        if dom::now() - started > SLICE_MS {
            progress(done + 1, total);
            dom::next_task().await;
            started = dom::now();
        }
    }
    progress(total, total);
    Ok(data)
}

/// A value shared by the components of the app that ask for it, filled in once.
pub type Shared<T> = Rc<RefCell<Option<T>>>;
