//! The archive's data as the viewer fetches it: issues, the catalog and the search bundles,
//! each a data file named by its hash (`bulletin::data_file`), fetched when first needed and
//! kept for as long as the page is open; the catalog and the bundles by way of the archive's
//! list of files (`data/archive.txt`, `bulletin::site::ArchiveFiles`), which names them.
//!
//! Every failure becomes a sentence for the reader that says which file and what went wrong
//! (not found, cut short, from another build), so the page can show it beside a retry button
//! while every other issue keeps working. Nothing here panics on bad bytes.

use std::collections::BTreeMap;
use std::rc::Rc;

use bulletin::catalog::{Catalog, CatalogFilter, CatalogIssue};
use bulletin::data_file::{self, Bundle};
use bulletin::model::{Date, Issue};
use bulletin::search::archive::IssueIndex;
use bulletin::search::SearchIndex;
use bulletin::site::{ArchiveFiles, Site};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::dom;

/// How far a fetch has got.
#[derive(Debug)]
pub enum Load<T> {
    /// Asked for, not there yet.
    Loading,
    /// There.
    Ready(Rc<T>),
    /// Failed, with the reason worded for the reader; it may be asked for again.
    Failed(String),
    /// Not in the archive at all (an issue the catalog does not list).
    Absent,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        match self {
            Load::Loading => Load::Loading,
            Load::Ready(value) => Load::Ready(Rc::clone(value)),
            Load::Failed(why) => Load::Failed(why.clone()),
            Load::Absent => Load::Absent,
        }
    }
}

impl<T> PartialEq for Load<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Load::Loading, Load::Loading) | (Load::Absent, Load::Absent) => true,
            (Load::Ready(a), Load::Ready(b)) => Rc::ptr_eq(a, b),
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Fetches `url` (relative to the page) and returns its bytes; the error says what the
/// network or the server answered.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    fetch_bytes_from(url, None).await
}

/// [`fetch_bytes`], with the HTTP cache used as `cache` says (the browser's default without).
async fn fetch_bytes_from(url: &str, cache: Option<web_sys::RequestCache>) -> Result<Vec<u8>, String> {
    let window = dom::window().ok_or("the page has no window")?;
    let request = match cache {
        Some(cache) => {
            let init = web_sys::RequestInit::new();
            init.set_cache(cache);
            window.fetch_with_str_and_init(url, &init)
        }
        None => window.fetch_with_str(url),
    };
    let response = JsFuture::from(request)
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
    // Decoding is a task of its own, not a tail of whatever task the bytes arrived in (at
    // start-up, the one that compiled and started the WebAssembly).
    dom::next_task().await;
    data_file::decode_issue(file, &bytes, date).map_err(|error| error.to_string())
}

/// Fetches and reads the archive's list of files (`data/archive.txt`). It is the one file of
/// the archive that keeps its name while a new issue changes it, so the browser asks the
/// server whether it changed rather than take its cached copy as it is (a service worker
/// answers from its build's copy, which names the files it keeps).
pub async fn fetch_archive_files(file: &str) -> Result<ArchiveFiles, String> {
    let bytes = fetch_bytes_from(file, Some(web_sys::RequestCache::NoCache)).await?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{file}: not the archive's list of files (not text)"))?;
    ArchiveFiles::parse(file, &text)
}

/// Fetches and checks the catalog that the archive's list of files `list` names.
pub async fn fetch_catalog(list: &str) -> Result<Catalog, String> {
    let file = fetch_archive_files(list).await?.catalog;
    let bytes = fetch_bytes(&file).await?;
    data_file::decode(&file, &bytes).map_err(|error| error.to_string())
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

impl SearchData {
    /// The search over the issues `library` holds already, newest first: what the page
    /// searches while the archive's bundle is fetched, and all it searches without one.
    pub fn of_loaded(library: &Library) -> SearchData {
        let issues = library
            .issues
            .iter()
            .rev()
            .filter_map(|(date, load)| match load {
                Load::Ready(issue) => Some(IssueIndex {
                    date: *date,
                    index: SearchIndex::new(issue),
                }),
                _ => None,
            })
            .collect();
        SearchData {
            issues,
            files: library.files.clone(),
            failed: Vec::new(),
        }
    }
}

/// How long one slice of indexing may take before it gives the page back.
const SLICE_MS: f64 = 12.0;

/// Fetches the search bundles (one a year, newest first) and indexes each issue in them, a
/// few at a time between frames, so no task of the page runs long; `progress` hears
/// `(done, total)` after each slice, `total` being the archive's issues as the page knows them
/// until every bundle is in.
pub async fn fetch_search(
    files: &[String],
    total: usize,
    progress: impl Fn(usize, usize),
) -> Result<SearchData, String> {
    let mut data = SearchData {
        issues: Vec::with_capacity(total),
        files: BTreeMap::new(),
        failed: Vec::new(),
    };
    let mut started = dom::now();
    for file in files {
        let bytes = fetch_bytes(file).await?;
        let bundle: Bundle = data_file::decode(file, &bytes).map_err(|error| error.to_string())?;
        drop(bytes);
        for bundled in bundle.files {
            data.files.insert(bundled.date, bundled.file.clone());
            match bundled.issue() {
                Ok(issue) => data.issues.push(IssueIndex {
                    date: bundled.date,
                    index: SearchIndex::new(&issue),
                }),
                Err(error) => data.failed.push(error.to_string()),
            }
            if dom::now() - started > SLICE_MS {
                progress(data.files.len(), total.max(data.files.len()));
                dom::next_task().await;
                started = dom::now();
            }
        }
    }
    progress(data.files.len(), data.files.len());
    Ok(data)
}

/// Everything of the archive the page has fetched, or is fetching.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    /// The issues asked for, by date.
    pub issues: BTreeMap<Date, Load<Issue>>,
    /// The data file of each issue known so far (the page's own, then the catalog's and the
    /// search bundles').
    pub files: BTreeMap<Date, String>,
    /// The catalog, once asked for.
    pub catalog: Option<Load<CatalogData>>,
    /// The search over every issue, once asked for.
    pub search: Option<Load<SearchData>>,
    /// How far indexing the search bundles has got: issues done, issues in all.
    pub search_progress: (usize, usize),
}

impl std::fmt::Debug for CatalogData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CatalogData({} issues)", self.catalog.issues.len())
    }
}

impl std::fmt::Debug for SearchData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchData({} issues)", self.issues.len())
    }
}

/// What changed in the [`Library`].
pub enum Change {
    /// An issue's state.
    Issue(Date, Load<Issue>),
    /// An issue to ask for again (after a failure).
    Forget(Date),
    /// The catalog's state.
    Catalog(Load<CatalogData>),
    /// The search's state.
    Search(Load<SearchData>),
    /// How far indexing has got.
    SearchProgress(usize, usize),
}

impl yew::Reducible for Library {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut library = (*self).clone();
        match change {
            Change::Issue(date, load) => {
                library.issues.insert(date, load);
            }
            Change::Forget(date) => {
                library.issues.remove(&date);
            }
            Change::Catalog(load) => {
                if let Load::Ready(data) = &load {
                    for issue in &data.catalog.issues {
                        library.files.entry(issue.date).or_insert_with(|| issue.file.clone());
                    }
                }
                library.catalog = Some(load);
            }
            Change::Search(load) => {
                if let Load::Ready(data) = &load {
                    for (date, file) in &data.files {
                        library.files.entry(*date).or_insert_with(|| file.clone());
                    }
                }
                library.search = Some(load);
            }
            Change::SearchProgress(done, total) => library.search_progress = (done, total),
        }
        Rc::new(library)
    }
}

impl Library {
    /// A library holding the page's own issue.
    pub fn with_issue(site: &Site, issue: Rc<Issue>) -> Library {
        let mut library = Library::default();
        library.files.insert(site.issue, site.issue_data.clone());
        library.issues.insert(site.issue, Load::Ready(issue));
        library
    }

    /// The issue of `date`, if it is loaded.
    pub fn ready_issue(&self, date: Date) -> Option<Rc<Issue>> {
        match self.issues.get(&date) {
            Some(Load::Ready(issue)) => Some(issue.clone()),
            _ => None,
        }
    }

    /// The issues just older and newer than `date`, as far as the library knows the archive.
    pub fn neighbours(&self, date: Date) -> (Option<Date>, Option<Date>) {
        let older = self.files.keys().filter(|d| **d < date).max().copied();
        let newer = self.files.keys().filter(|d| **d > date).min().copied();
        (older, newer)
    }
}

/// Starts the fetches the app asks for and reports their results to the [`Library`].
#[derive(Clone)]
pub struct Loader {
    site: Rc<Site>,
    dispatch: yew::UseReducerDispatcher<Library>,
}

impl PartialEq for Loader {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.site, &other.site)
    }
}

impl Loader {
    /// Runs `fetch` and reports its result as `change` of it.
    fn spawn<T: 'static>(
        &self,
        fetch: impl std::future::Future<Output = Result<T, String>> + 'static,
        change: fn(Load<T>) -> Change,
    ) {
        let dispatch = self.dispatch.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let load = match fetch.await {
                Ok(value) => Load::Ready(Rc::new(value)),
                Err(why) => Load::Failed(why),
            };
            dispatch.dispatch(change(load));
        });
    }

    /// A loader for the page of `site`.
    pub fn new(site: Rc<Site>, dispatch: yew::UseReducerDispatcher<Library>) -> Loader {
        Loader { site, dispatch }
    }

    /// Fetches the issue of `date` unless the library has it or is fetching it. Its data file
    /// is known from the page, the catalog or the search bundle; when it is not known yet the
    /// catalog is fetched first, and the app asks again once it is there.
    pub fn want_issue(&self, library: &Library, date: Date) {
        if library.issues.contains_key(&date) {
            return;
        }
        let Some(file) = library.files.get(&date).cloned() else {
            match (&library.catalog, self.site.has_archive()) {
                (Some(Load::Ready(_)), _) | (_, false) => self.dispatch.dispatch(Change::Issue(date, Load::Absent)),
                (Some(Load::Failed(why)), _) => self.dispatch.dispatch(Change::Issue(date, Load::Failed(why.clone()))),
                _ => self.want_catalog(library),
            }
            return;
        };
        self.dispatch.dispatch(Change::Issue(date, Load::Loading));
        let dispatch = self.dispatch.clone();
        let inline = (date == self.site.issue)
            .then(|| self.site.issue_inline.clone())
            .flatten();
        wasm_bindgen_futures::spawn_local(async move {
            let load = match fetch_issue(&file, inline.as_deref(), date).await {
                Ok(issue) => Load::Ready(Rc::new(issue)),
                Err(why) => Load::Failed(why),
            };
            dispatch.dispatch(Change::Issue(date, load));
        });
    }

    /// Forgets a failed issue, so that the app asks for it again.
    pub fn retry_issue(&self, date: Date) {
        self.dispatch.dispatch(Change::Forget(date));
    }

    /// Fetches the catalog (by way of the archive's list of files) unless the library has it,
    /// is fetching it or failed to (then only [`Loader::retry_catalog`] asks again); where the
    /// page names no such list (the single file, a site of one issue), makes it of the issues
    /// the library holds.
    pub fn want_catalog(&self, library: &Library) {
        if library.catalog.is_some() {
            return;
        }
        let Some(list) = self.site.archive.clone() else {
            let issues = library
                .issues
                .values()
                .filter_map(|load| match load {
                    Load::Ready(issue) => Some(CatalogIssue::new(issue, String::new(), 0)),
                    _ => None,
                })
                .collect();
            let data = CatalogData::new(Catalog::new(issues));
            self.dispatch.dispatch(Change::Catalog(Load::Ready(Rc::new(data))));
            return;
        };
        self.dispatch.dispatch(Change::Catalog(Load::Loading));
        self.spawn(
            async move { fetch_catalog(&list).await.map(CatalogData::new) },
            Change::Catalog,
        );
    }

    /// Asks for the catalog again after a failure.
    pub fn retry_catalog(&self, library: &Library) {
        if matches!(library.catalog, Some(Load::Failed(_))) {
            let mut forgotten = library.clone();
            forgotten.catalog = None;
            self.want_catalog(&forgotten);
        }
    }

    /// Fetches the search bundles and indexes them, unless that is done, under way or failed
    /// (then only [`Loader::retry_search`] asks again); where the page names no list of the
    /// archive's files (the single file, a site of one issue) or the list no bundle, indexes
    /// what the library holds.
    pub fn want_search(&self, library: &Library) {
        if library.search.is_some() {
            return;
        }
        let Some(list) = self.site.archive.clone() else {
            let data = SearchData::of_loaded(library);
            self.dispatch.dispatch(Change::Search(Load::Ready(Rc::new(data))));
            return;
        };
        self.dispatch.dispatch(Change::Search(Load::Loading));
        let progress = {
            let dispatch = self.dispatch.clone();
            move |done, total| dispatch.dispatch(Change::SearchProgress(done, total))
        };
        let library = library.clone();
        self.spawn(
            async move {
                let files = fetch_archive_files(&list).await?;
                if files.search.is_empty() || files.count <= 1 {
                    return Ok(SearchData::of_loaded(&library));
                }
                let total = usize::try_from(files.count).unwrap_or(usize::MAX);
                fetch_search(&files.search, total, progress).await
            },
            Change::Search,
        );
    }

    /// Asks for the search again after a failure.
    pub fn retry_search(&self, library: &Library) {
        if matches!(library.search, Some(Load::Failed(_))) {
            let mut forgotten = library.clone();
            forgotten.search = None;
            self.want_search(&forgotten);
        }
    }
}
