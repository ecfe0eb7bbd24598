//! The start-up's entry points, called by the start script (`xtask/src/start.js`).
//!
//! [`start`] says whether this module serves the page, and at a place in the issue takes the
//! reader there; [`sort`] sorts a table on a sort button's press; [`place`] takes the reader to
//! the place of an address followed meanwhile; [`register_worker`] registers the service
//! worker once the page is ready; [`hand_over`] stops it and gives the
//! full viewer the sorts made so far.

use std::cell::RefCell;

use bulletin::address::{self, Located};
use bulletin::anchor;
use bulletin::chart::{self, ChartRequest, ChartSpec, Wording};
use bulletin::html::{Ids, Markup, Shown, WINDOW_THRESHOLD};
use bulletin::model::{Issue, Table};
use bulletin::route::{Route, TableView};
use bulletin::site::Site;
use bulletin::sort::{self, Collation, SortState};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::{collate, handover, marks, site, words, LANG_KEY, WORKER_META};

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

/// Starts serving the page, and resolves to whether it does: only an issue's pre-rendered page,
/// in the Korean interface, whose issue's data file was fetched and checked, opened at its top
/// or at a place in its issue that the page shows as it is (its summary, a part, an article, a
/// brief item, a figure, the colophon, a table in print order or sorted, [`Opening`]).
/// Otherwise (another view, a link with parts the viewer would report as ignored, a filter or
/// a chart's measure, English, a page without its pre-rendering, the data file missing or
/// damaged) it resolves to false and the start script starts the full viewer at once, which
/// follows the address or reports the file's problem as it always did.
///
/// At a place, the reader is taken there before the data arrives, as the viewer does on
/// the pre-rendered page: the address rewritten as the viewer writes it, the place scrolled to
/// the top of the view and marked, and its link in the contents marked as where the reader is.
#[wasm_bindgen]
pub async fn start() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Some(document) = window.document() else {
        return false;
    };
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
    // Reading the address and taking the reader to a place is a task of its own (at 4× CPU,
    // each of the two is some 25 ms, mostly compiling what runs for the first time).
    next_task(&window).await;
    let location = window.location();
    let (path, hash) = (
        location.pathname().unwrap_or_default(),
        location.hash().unwrap_or_default(),
    );
    let Some(opening) = Opening::at(&site, &address::locate(&site, &path, &hash, true)) else {
        return false;
    };
    if let Some(rewrite) = &opening.rewrite {
        replace_address(&window, rewrite);
    }
    if let Some(place) = &opening.place {
        if !take_to(&document, place) {
            return false;
        }
    }
    let Ok(bytes) = fetch(&window, &site.issue_data).await else {
        return false;
    };
    // Decoding is a task of its own, not a tail of the one the bytes arrived in.
    next_task(&window).await;
    let Ok(issue) = bulletin::data_file::decode_issue(&site.issue_data, &bytes, site.issue) else {
        // The full viewer fetches it again and shows the problem over the readable page.
        return false;
    };
    let mut serving = Serving {
        issue,
        sorts: Vec::new(),
        collations: Vec::new(),
    };
    if let Some(place) = &opening.place {
        let Ok(sort) = serving.order_asked(place) else {
            return false;
        };
        // A table in the order its link asks for: the table, then its chart, each in a task of
        // its own (at 4× CPU each is some 20 ms, mostly compiling what they run the first time).
        if let Some((id, state)) = sort {
            next_task(&window).await;
            let Some(table) = serving.issue.table(&id) else {
                return false;
            };
            let empty = Collation::default();
            let collation = collation_for(&mut serving.collations, table, &state).unwrap_or(&empty);
            let order = show_table(table, &state, collation);
            next_task(&window).await;
            show_chart(table, &order);
            serving.sorts.push((id, state));
        }
    }
    SERVING.with(|kept| *kept.borrow_mut() = Some(serving));
    true
}

/// How the start-up serves the address the page was opened at: the page's issue from its top
/// or at a place in it, with the address the viewer would write in its place. A place is
/// served only as the viewer shows it once every piece has hydrated: nothing in the address
/// ignored (the viewer would say so), and the links on the page written as they are (the
/// viewer writes the contents' links anew when the address names the issue's page and the
/// root's links do not: a dated link opened on the root of an archive).
struct Opening {
    rewrite: Option<String>,
    place: Option<Place>,
}

/// A place in the page's issue that an address leads to.
struct Place {
    route: Route,
    /// The id of its element.
    anchor: String,
    /// The contents' link to it, as the page writes it, if any.
    link: Option<String>,
}

impl Place {
    /// Where `located` leads on the page of `site`, if it is a place in the page's issue.
    fn at(site: &Site, located: &Located) -> Option<Place> {
        let anchor = located.place_in(site.issue)?.to_string();
        let links = address::link_page(site, located.page);
        let route = located.route.clone();
        let link = route
            .contents_entry()
            .map(|entry| address::href(located.date, &entry, links));
        Some(Place { route, anchor, link })
    }
}

impl Opening {
    fn at(site: &Site, located: &Located) -> Option<Opening> {
        let same_links = address::link_page(site, located.page) == address::link_page(site, site.page());
        if !located.problems.is_empty() || located.date != site.issue || !same_links {
            return None;
        }
        let place = match &located.route {
            Route::Issue => None,
            _ => Some(Place::at(site, located)?),
        };
        Some(Opening {
            rewrite: located.rewrite.clone(),
            place,
        })
    }
}

/// Takes the reader to `place` on the page as the viewer does: scrolled to the top of the
/// view, marked as the target (a part is not: it is a whole stretch of the issue) and its link
/// in the contents marked as where the reader is, the marks of the place before taken away.
/// False when the page has no such element.
fn take_to(document: &web_sys::Document, place: &Place) -> bool {
    let Some(element) = document.get_element_by_id(&place.anchor) else {
        return false;
    };
    if matches!(place.route, Route::Part(_)) {
        marks::clear_target(document);
    } else {
        marks::mark_target(document, &element);
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(contents) = document.get_element_by_id(anchor::CONTENTS) {
        marks::mark_current_link(&contents, place.link.as_deref());
    }
    true
}

impl Serving {
    /// The order `place`'s link asks of its table, now that the issue is here: none for another
    /// place or a table in print order. An error when the issue holds no such place, or the
    /// link asks for what only the viewer does: a filter, a chart's measure, a column the table
    /// does not have (the viewer says it ignored it), or the order of a table the viewer shows
    /// a window of.
    fn order_asked(&self, place: &Place) -> Result<Option<(String, SortState)>, ()> {
        if !address::route_exists(&self.issue, &place.route) {
            return Err(());
        }
        let Route::Table(id, view) = &place.route else {
            return Ok(None);
        };
        let table = self.issue.table(id).ok_or(())?;
        let resolved = view.resolve(table);
        if !resolved.ignored.is_empty() || !resolved.filter.is_empty() || resolved.metric.is_some() {
            return Err(());
        }
        if resolved.sort.keys().is_empty() {
            return Ok(None);
        }
        if table.rows.len() > WINDOW_THRESHOLD {
            return Err(());
        }
        Ok(Some((id.clone(), resolved.sort)))
    }
}

/// Sorts table `table_id` by its `column`-th column, as a press on that column's sort button
/// does in the viewer (`additive`: with Shift, a further key): writes the table and its chart's
/// SVG again in the new order and says so in the table's live region; at a link to the table,
/// the address follows the order. False when this module
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
        let empty = Collation::default();
        let collation = collation_for(&mut serving.collations, table, &next).unwrap_or(&empty);
        show(table, &next, collation, true);
        // At a link to this table, the address follows the order, as the viewer's does.
        let view = TableView::from_state(table, &next, "", None);
        serving.sorts[position].1 = next;
        if let Some(window) = web_sys::window() {
            let current = window.location().hash().unwrap_or_default();
            if let Some(hash) = Route::follow_table(&current, table_id, view) {
                replace_address(&window, &hash);
            }
        }
        true
    })
}

/// Table `table`'s Korean order of its texts when `state` sorts by a text column: kept in
/// `kept` from its first such sort (as the viewer keeps it), not asked of the browser at every
/// press; none when `state` sorts by figures only.
fn collation_for<'a>(
    kept: &'a mut Vec<(String, Collation)>,
    table: &Table,
    state: &SortState,
) -> Option<&'a Collation> {
    let text_key = state
        .keys()
        .iter()
        .any(|key| !table.columns[key.column.index()].kind.is_numeric());
    let position = kept.iter().position(|(id, _)| id == table.id.as_str());
    match (position, text_key) {
        (Some(position), _) => Some(&kept[position].1),
        (None, true) => {
            kept.push((table.id.to_string(), collate::korean(table)));
            kept.last().map(|(_, collation)| collation)
        }
        (None, false) => None,
    }
}

/// Takes the reader at once to the place in the issue that `hash`, an address followed on the
/// page (a link in the contents, back or forward), leads to, as [`start`] does (scrolled there,
/// marked, its contents link current), while the viewer that follows the address starts; the
/// id of its element, or none for another view, where the reader stays until the viewer shows
/// it.
#[wasm_bindgen]
pub fn place(hash: &str) -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let site = site::from_document().ok()?;
    let path = window.location().pathname().unwrap_or_default();
    let place = Place::at(&site, &address::locate(&site, &path, hash, false))?;
    take_to(&document, &place).then_some(place.anchor)
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

/// Puts `address` in the location's place, with no history entry and no `hashchange`.
fn replace_address(window: &web_sys::Window, address: &str) {
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(address));
    }
}

/// Resolves in a task after this one (a `setTimeout` of 0).
async fn next_task(window: &web_sys::Window) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Writes `table` in the order `state` gives (texts in `collation`'s order), with its chart's
/// stand-in, and with `announce` says the new order in the table's live region.
fn show(table: &Table, state: &SortState, collation: &Collation, announce: bool) {
    let order = show_table(table, state, collation);
    show_chart(table, &order);
    if !announce {
        return;
    }
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let selector = format!("[id=\"{}\"] p[aria-live]", table.id.as_str());
    if let Ok(Some(live)) = document.query_selector(&selector) {
        live.set_text_content(Some(&words::sorted_by(&words::sort_keys(table, state))));
    }
}

/// Writes the `<table>` of `table` in the order `state` gives (texts in `collation`'s order);
/// returns that order.
fn show_table(table: &Table, state: &SortState, collation: &Collation) -> Vec<usize> {
    let id = table.id.as_str();
    let order = sort::order(table, state, collation);
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return order;
    };
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
    order
}

/// Writes the SVG of `table`'s chart, which stands in for its canvas until the viewer draws
/// one, with the rows in `order`.
fn show_chart(table: &Table, order: &[usize]) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let chart = document
        .query_selector(&format!(
            "[id=\"{}\"] .chart-area > svg",
            anchor::chart(table.id.as_str())
        ))
        .ok()
        .flatten();
    let (Some(element), Some(spec)) = (chart, ChartSpec::for_table(table)) else {
        return;
    };
    if let Some(metric) = spec.metric(None) {
        let request = ChartRequest {
            spec: &spec,
            metric,
            rows: order,
            css_width: chart::STAND_IN_CSS_WIDTH,
            scale: 1.0,
        };
        let layout = chart::layout(table, &request);
        element.set_outer_html(&chart::svg(&layout, &chart::describe(table, &request, Wording::Korean)));
    }
}
