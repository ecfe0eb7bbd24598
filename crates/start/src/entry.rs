//! The start-up's entry points, called by the start script (`xtask/src/start.js`).
//!
//! [`start`] says whether this module serves the page; [`sort`] sorts a table on a sort
//! button's press; [`place`] finds where a route in the address points; [`register_worker`]
//! registers the service worker once the page is ready; [`hand_over`] stops it and gives the
//! full viewer the sorts made so far.

use std::cell::RefCell;

use bulletin::anchor;
use bulletin::chart::{self, ChartRequest, ChartSpec, Wording};
use bulletin::html::{Ids, Markup, Shown, WINDOW_THRESHOLD};
use bulletin::model::{Issue, Table};
use bulletin::route::Route;
use bulletin::sort::{self, Collation, SortState};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::{collate, handover, site, words, LANG_KEY, WORKER_META};

/// The page's issue and the sorts made so far, from [`start`] until [`hand_over`].
struct Serving {
    issue: Issue,
    sorts: Vec<(String, SortState)>,
    /// Each table's Korean order of its texts, made at its first sort by a text column (as the
    /// viewer keeps it), not at every press.
    collations: Vec<(String, Collation)>,
}

thread_local! {
    static SERVING: RefCell<Option<Serving>> = const { RefCell::new(None) };
}

/// Starts serving the page, and resolves to whether it does: only an issue's pre-rendered page
/// opened at its top (no route in the address), in the Korean interface, whose issue's data
/// file was fetched and checked. Otherwise (a link into the issue or to another view, English,
/// a page without its pre-rendering, the data file missing or damaged) it resolves to false
/// and the start script starts the full viewer at once, which follows the link or reports the
/// file's problem as it always did.
#[wasm_bindgen]
pub async fn start() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Some(document) = window.document() else {
        return false;
    };
    let hash = window.location().hash().unwrap_or_default();
    if !matches!(hash.as_str(), "" | "#" | "#/") {
        return false;
    }
    let prerendered = document
        .get_element_by_id("app")
        .is_some_and(|app| app.has_attribute("data-prerendered"));
    if !prerendered || english_chosen(&window) {
        return false;
    }
    let Ok(site) = site::from_document() else { return false };
    if site.issue_inline.is_some() {
        return false;
    }
    let Ok(bytes) = fetch(&window, &site.issue_data).await else {
        return false;
    };
    // Decoding is a task of its own, not a tail of the one the bytes arrived in.
    next_task(&window).await;
    let issue = bulletin::data_file::decode_issue(&site.issue_data, &bytes, site.issue).ok();
    match issue {
        Some(issue) => {
            SERVING.with(|serving| {
                *serving.borrow_mut() = Some(Serving {
                    issue,
                    sorts: Vec::new(),
                    collations: Vec::new(),
                })
            });
            true
        }
        // The full viewer fetches it again and shows the problem over the readable page.
        None => false,
    }
}

/// Sorts table `table_id` by its `column`-th column, as a press on that column's sort button
/// does in the viewer (`additive`: with Shift, a further key): writes the table and its chart's
/// SVG again in the new order and says so in the table's live region. False when this module
/// does not serve the page (any more) or the table is one the viewer shows a window of: the
/// press is then the full viewer's.
#[wasm_bindgen]
pub fn sort(table_id: &str, column: usize, additive: bool) -> bool {
    SERVING.with(|serving| {
        let mut serving = serving.borrow_mut();
        let Some(serving) = serving.as_mut() else { return false };
        let Some(table) = serving.issue.table(table_id) else {
            return false;
        };
        if table.rows.len() > WINDOW_THRESHOLD {
            return false;
        }
        let Some((column_id, column)) = table.column_ids().zip(&table.columns).nth(column) else {
            return false;
        };
        let position = match serving.sorts.iter().position(|(id, _)| id == table_id) {
            Some(position) => position,
            None => {
                serving.sorts.push((table_id.to_string(), SortState::default()));
                serving.sorts.len() - 1
            }
        };
        let next = serving.sorts[position].1.click(column_id, column.kind, additive);
        let text_key = next
            .keys()
            .iter()
            .any(|key| !table.columns[key.column.index()].kind.is_numeric());
        let kept = serving.collations.iter().position(|(id, _)| id == table_id);
        let collation = match (kept, text_key) {
            (Some(kept), _) => &serving.collations[kept].1,
            (None, true) => {
                serving.collations.push((table_id.to_string(), collate::korean(table)));
                &serving.collations[serving.collations.len() - 1].1
            }
            (None, false) => &Collation::default(),
        };
        show(table, &next, collation);
        serving.sorts[position].1 = next;
        true
    })
}

/// The id of the element a route in the address points at in the issue (`#/article/…` and the
/// like, where the viewer scrolls to), for the start script to take the reader there at once
/// while the viewer that the route asks for loads; none for another view.
#[wasm_bindgen]
pub fn place(hash: &str) -> Option<String> {
    Route::parse(hash).route.anchor().map(str::to_string)
}

/// Stops serving the page and returns the sorts made so far, one table link a line
/// (`#/table/nsfc-programs?sort=funding:desc`), for the full viewer to start its tables with.
#[wasm_bindgen]
pub fn hand_over() -> String {
    let Some(serving) = SERVING.with(|serving| serving.borrow_mut().take()) else {
        return String::new();
    };
    handover::write(&serving.issue, &serving.sorts)
}

/// Registers the page's service worker, as the viewer does once it has started (never in a
/// frame, never without a secure `http(s)` page, never where the page names none), so that a
/// reader who only reads and sorts has the issue offline too. The viewer, once started,
/// registers it again (the same registration) and follows its updates.
#[wasm_bindgen]
pub fn register_worker() {
    let Some(window) = web_sys::window() else { return };
    let in_frame = !matches!(window.parent(), Ok(Some(parent)) if parent == window);
    let secure = js_sys::Reflect::get(&window, &"isSecureContext".into())
        .ok()
        .and_then(|value| value.as_bool());
    let protocol = window.location().protocol().unwrap_or_default();
    if in_frame || secure != Some(true) || !matches!(protocol.as_str(), "http:" | "https:") {
        return;
    }
    let Some(address) = site::meta_content(WORKER_META) else {
        return;
    };
    // Reflect turns the SecurityError of a sandboxed page into an Err instead of an exception.
    let Ok(container) = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()) else {
        return;
    };
    let Ok(container) = container.dyn_into::<web_sys::ServiceWorkerContainer>() else {
        return;
    };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    // Refused (a browser that keeps none): the page works as it is.
    let registering = container.register_with_options(&address, &options);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(registering).await;
    });
}

fn english_chosen(window: &web_sys::Window) -> bool {
    // Storage refused (a sandboxed frame, privacy settings): the default, Korean.
    let stored = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(LANG_KEY).ok().flatten());
    stored.as_deref() == Some("en")
}

async fn fetch(window: &web_sys::Window, file: &str) -> Result<Vec<u8>, ()> {
    let response = JsFuture::from(window.fetch_with_str(file)).await.map_err(|_| ())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| ())?)
        .await
        .map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Resolves in a task after this one (a `setTimeout` of 0).
async fn next_task(window: &web_sys::Window) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Writes `table` in the order `state` gives (texts in `collation`'s order), with its chart's
/// stand-in and the announcement.
fn show(table: &Table, state: &SortState, collation: &Collation) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let id = table.id.as_str();
    let order = sort::order(table, state, collation);
    let (caption, hint) = (anchor::table_caption(id), anchor::table_hint(id));
    let mut markup = Markup::new();
    // Every row is shown (no filter before the full viewer), so no total's scope is written.
    markup.data_table(
        table,
        state,
        Shown::All(&order),
        Ids {
            caption: &caption,
            hint: &hint,
            total_scope: None,
            english: None,
        },
    );
    if let Some(element) = document.get_element_by_id(&anchor::table(id)) {
        element.set_outer_html(&markup.into_string());
    }
    let chart = document
        .query_selector(&format!("[id=\"{}\"] .chart-area > svg", anchor::chart(id)))
        .ok()
        .flatten();
    if let (Some(element), Some(spec)) = (chart, ChartSpec::for_table(table)) {
        if let Some(metric) = spec.metric(None) {
            let request = ChartRequest {
                spec: &spec,
                metric,
                rows: &order,
                css_width: chart::STAND_IN_CSS_WIDTH,
                scale: 1.0,
            };
            let layout = chart::layout(table, &request);
            element.set_outer_html(&chart::svg(&layout, &chart::describe(table, &request, Wording::Korean)));
        }
    }
    if let Ok(Some(live)) = document.query_selector(&format!("[id=\"{id}\"] p[aria-live]")) {
        live.set_text_content(Some(&words::sorted_by(&words::sort_keys(table, state))));
    }
}
