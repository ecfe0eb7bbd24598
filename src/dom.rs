//! Small, failure-tolerant wrappers around the browser APIs the shell, the components and
//! their hooks use: they call no web-sys, js-sys, gloo or wasm-bindgen function themselves.
//!
//! Every function here returns quietly (or `None`/`false`) when the API is missing, as in a
//! sandboxed iframe, a `file://` page or an old browser: the reader loses a convenience,
//! never the page. Components call these only from callbacks and effects, never while
//! rendering, so the same components also render on the server (pre-rendering).

use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent, MouseEvent, Window};
use yew::NodeRef;

/// A canvas element, as [`canvas`] finds it and the canvas functions here take it.
pub use web_sys::HtmlCanvasElement;

/// The window, when there is one.
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The document, when there is one.
pub fn document() -> Option<Document> {
    window().and_then(|window| window.document())
}

/// The current location hash, with its `#` (empty when there is none).
pub fn current_hash() -> String {
    window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// The location's path and hash, to tell whether the reader has gone elsewhere.
pub fn current_address() -> String {
    format!("{}{}", current_path(), current_hash())
}

/// The page's address without its hash, for links and embed codes.
pub fn page_address() -> String {
    let Some(location) = window().map(|window| window.location()) else {
        return String::new();
    };
    let href = location.href().unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// The address of the folder the page is in (`https://host/sub/`), for addresses of the
/// site's other pages.
pub fn folder_address() -> String {
    let address = page_address();
    let address = address.split('?').next().unwrap_or_default();
    match address.rfind('/') {
        Some(at) => address[..=at].to_string(),
        None => address.to_string(),
    }
}

/// The location's path (`/sub/2023-06-30.html`).
pub fn current_path() -> String {
    window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default()
}

/// Whether a click asks the browser for something of its own (a new tab or window, a
/// download): a modifier key, or a button other than the main one.
pub fn is_modified_click(event: &Event) -> bool {
    event.dyn_ref::<MouseEvent>().is_none_or(|click| {
        click.button() != 0 || click.ctrl_key() || click.meta_key() || click.shift_key() || click.alt_key()
    }) || event.default_prevented()
}

/// Navigates to `hash` as a new history entry (fires `hashchange`).
pub fn push_hash(hash: &str) {
    if let Some(window) = window() {
        let _ = window.location().set_hash(hash);
    }
}

/// Adds a history entry for `hash` without firing `hashchange`.
pub fn push_state(hash: &str) {
    let Some(window) = window() else { return };
    let Ok(history) = window.history() else { return };
    let _ = history.push_state_with_url(&JsValue::NULL, "", Some(hash));
}

/// Replaces the current history entry's hash without firing `hashchange`.
pub fn replace_hash(hash: &str) {
    let Some(window) = window() else { return };
    let Ok(history) = window.history() else { return };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
}

pub use bulletin_start::marks::TARGET_CLASS;

/// Scrolls the element with `id` to the top of the view and marks it as the target.
/// Returns whether the element exists.
pub fn scroll_to(id: &str, mark: bool) -> bool {
    let Some(document) = document() else { return false };
    let Some(element) = document.get_element_by_id(id) else {
        return false;
    };
    if mark {
        bulletin_start::marks::mark_target(&document, &element);
    }
    if element.matches("table.data tr").unwrap_or(false) {
        land_in_table(&element);
        return true;
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    true
}

/// Marks the element `id` as the target of the address, where it is, without scrolling; the
/// mark leaves the element marked before. Whether the element is there.
pub fn mark(id: &str) -> bool {
    let Some(document) = document() else { return false };
    let Some(element) = document.get_element_by_id(id) else {
        return false;
    };
    bulletin_start::marks::mark_target(&document, &element);
    true
}

/// Marks the link in `panel` whose `href` is `href` as where the reader is
/// (`aria-current="page"`), and no other; with `None`, none.
pub fn mark_current_link(panel: &NodeRef, href: Option<&str>) {
    if let Some(panel) = element(panel) {
        bulletin_start::marks::mark_current_link(&panel, href);
    }
}

/// How far the page is scrolled down, in CSS pixels (0 without a window).
pub fn scroll_y() -> f64 {
    window().and_then(|window| window.scroll_y().ok()).unwrap_or(0.0)
}

/// The top and bottom of an element in the viewport, in CSS pixels.
fn vertical_span(element: &Element) -> (f64, f64) {
    let rect = element.get_bounding_client_rect();
    (rect.top(), rect.bottom())
}

/// How far below the top of the viewport a scrolled-to element must start to be seen: the
/// page's `scroll-padding-top` (the sticky header and a gap), in CSS pixels.
fn scroll_padding_top() -> f64 {
    let Some((window, root)) = window().and_then(|window| {
        let root = window.document()?.document_element()?;
        Some((window, root))
    }) else {
        return 0.0;
    };
    window
        .get_computed_style(&root)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("scroll-padding-top").ok())
        // The browser's `parseFloat` reads the `px` length: Rust's float parser would bring
        // 13 KB of tables into the WebAssembly for this one call (issue 16).
        .map(|value| js_sys::parse_float(&value))
        .filter(|length| length.is_finite())
        .unwrap_or(0.0)
}

/// Brings a row (or the total) of a data table into view with the table's header in view too,
/// so the reader sees which table and which columns the row is in: first, inside a table that
/// scrolls on its own (a long, windowed one), the row between the sticky header and total;
/// then the page, at the first of the table's block (its toolbar), the table itself (its
/// caption and header) and the row that leaves the whole row in view below the page's header.
fn land_in_table(row: &Element) {
    let Some(window) = window() else { return };
    if let Some(scroller) = row.closest(".table-scroll").ok().flatten() {
        if scroller.scroll_height() > scroller.client_height() + 1 {
            let part = |selector: &str| {
                scroller
                    .query_selector(selector)
                    .ok()
                    .flatten()
                    .map_or(0.0, |element| element.get_bounding_client_rect().height())
            };
            let (head, foot) = (part("thead"), part("tfoot"));
            let in_footer = row.closest("tfoot").ok().flatten().is_some();
            let box_top = scroller.get_bounding_client_rect().top() + f64::from(scroller.client_top());
            let (row_top, row_bottom) = vertical_span(row);
            let scroll_top = f64::from(scroller.scroll_top());
            let visible = (box_top + head, box_top + f64::from(scroller.client_height()) - foot);
            let next = if in_footer {
                // The total stays in view at the bottom; the rows above it lead up to it.
                f64::from(scroller.scroll_height())
            } else if row_top < visible.0 {
                scroll_top - (visible.0 - row_top)
            } else if row_bottom > visible.1 {
                scroll_top + (row_bottom - visible.1)
            } else {
                scroll_top
            };
            scroller.set_scroll_top(next.max(0.0).round() as i32);
        }
    }
    let top_margin = scroll_padding_top();
    let view_bottom = window
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(0.0)
        - 8.0;
    let scrolled = window.scroll_y().unwrap_or(0.0);
    let (_, row_bottom) = vertical_span(row);
    let candidates = [
        row.closest(".table-block").ok().flatten(),
        row.closest("table.data").ok().flatten(),
    ];
    // The first candidate that, at the top, leaves the row in view; else the row at the top.
    let top = candidates
        .iter()
        .flatten()
        .map(|element| vertical_span(element).0)
        .find(|top| row_bottom - (top - top_margin) <= view_bottom)
        .unwrap_or_else(|| vertical_span(row).0);
    window.scroll_to_with_x_and_y(window.scroll_x().unwrap_or(0.0), scrolled + top - top_margin);
}

/// Like [`scroll_to`], but when the element is not in the page yet (a component still
/// mounting), tries again on the next animation frames, a few times.
pub fn scroll_to_soon(id: String, mark: bool, focus: bool, attempts: u32) {
    if scroll_to(&id, mark) {
        if focus {
            focus_id(&id);
        }
        return;
    }
    if attempts == 0 {
        return;
    }
    let frame = std::rc::Rc::new(std::cell::RefCell::new(None));
    let keep = frame.clone();
    *frame.borrow_mut() = Some(gloo::render::request_animation_frame(move |_| {
        let _ = keep.borrow_mut().take();
        scroll_to_soon(id, mark, focus, attempts - 1);
    }));
}

/// Moves keyboard focus to `element` without scrolling it again.
pub fn focus_quietly(element: &HtmlElement) {
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    let _ = element.focus();
}

/// Focuses the element with `id`, if it is an HTML element.
pub fn focus_id(id: &str) {
    if let Some(element) = document().and_then(|document| document.get_element_by_id(id)) {
        if let Ok(element) = element.dyn_into::<HtmlElement>() {
            focus_quietly(&element);
        }
    }
}

/// Focuses the first element matching `selector`, a control that takes focus by itself (its
/// `tabindex` is left alone); says whether there was one.
pub fn focus_first(selector: &str) -> bool {
    let element = document()
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    element.is_some_and(|element| element.focus().is_ok())
}

/// Moves focus from the focused element among those matching `selector` to the one `step`
/// places on, or, before the first, to the element with id `before_first`; says whether focus
/// was among them.
pub fn focus_next_of(selector: &str, step: i32, before_first: &str) -> bool {
    let Some(document) = document() else { return false };
    let Some(active) = document.active_element() else {
        return false;
    };
    let Ok(all) = document.query_selector_all(selector) else {
        return false;
    };
    let Some(at) = (0..all.length()).find(|&index| {
        all.item(index)
            .is_some_and(|node| node.is_same_node(Some(active.as_ref())))
    }) else {
        return false;
    };
    let next = i64::from(at) + i64::from(step);
    if next < 0 {
        return focus_first(&format!("#{before_first}"));
    }
    let target = u32::try_from(next)
        .ok()
        .and_then(|next| all.item(next))
        .and_then(|node| node.dyn_into::<HtmlElement>().ok());
    if let Some(target) = target {
        let _ = target.focus();
    }
    true
}

/// The controls that take Tab focus inside `container`, in document order, among those the page
/// renders (not in a closed `<details>`, not hidden).
fn tabbables_within(container: &Element) -> Vec<HtmlElement> {
    let selector = "a[href], button:not([disabled]), input:not([disabled]):not([type=\"hidden\"]), select, textarea, summary, [tabindex]:not([tabindex=\"-1\"])";
    let Ok(found) = container.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|index| found.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .filter(|element| element.tab_index() >= 0 && is_rendered(element))
        .collect()
}

/// Whether the page renders an element (it has a box: not `display: none`, not in a closed
/// `<details>`).
fn is_rendered(element: &Element) -> bool {
    // Chromium gives the content of a closed `<details>` a box all the same.
    let folded = element
        .closest("details:not([open])")
        .ok()
        .flatten()
        .is_some_and(|details| {
            !(element.tag_name() == "SUMMARY" && element.parent_element().as_ref() == Some(&details))
        });
    let rect = element.get_bounding_client_rect();
    !folded && (rect.width() > 0.0 || rect.height() > 0.0)
}

/// Moves focus one step (back with `backwards`) around a ring: the element with id `opener`,
/// then the controls inside the element with id `panel`, and round again; focus outside the
/// ring goes to its first (or last) element. Says whether it moved focus, so the caller can keep
/// the browser from moving it too. Nothing happens when the opener is not shown (the panel is
/// then not one that opens over the page).
pub fn cycle_focus(opener: &str, panel: &str, backwards: bool) -> bool {
    let Some(document) = document() else { return false };
    let (Some(opener), Some(panel)) = (document.get_element_by_id(opener), document.get_element_by_id(panel)) else {
        return false;
    };
    let Ok(opener) = opener.dyn_into::<HtmlElement>() else {
        return false;
    };
    if !is_rendered(&opener) {
        return false;
    }
    let mut ring = vec![opener];
    ring.extend(tabbables_within(&panel));
    let active = document.active_element();
    let at = ring
        .iter()
        .position(|element| active.as_ref().is_some_and(|active| element.is_same_node(Some(active))));
    let last = ring.len() - 1;
    let next = match (at, backwards) {
        (Some(0), true) | (None, true) => last,
        (Some(at), true) => at - 1,
        (Some(at), false) if at == last => 0,
        (Some(at), false) => at + 1,
        (None, false) => 0,
    };
    ring.get(next).is_some_and(|element| element.focus().is_ok())
}

/// Copies `text` to the clipboard; `on_done` learns whether it worked.
pub fn copy_text(text: String, on_done: impl FnOnce(bool) + 'static) {
    let Some(window) = window() else {
        on_done(false);
        return;
    };
    let clipboard = window.navigator().clipboard();
    // navigator.clipboard is undefined outside secure contexts even though the binding says otherwise.
    if JsValue::from(clipboard.clone()).is_undefined() {
        on_done(copy_with_selection(&text));
        return;
    }
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => true,
            Err(_) => copy_with_selection(&text),
        };
        on_done(copied);
    });
}

/// The old way to copy, for pages where the Clipboard API is refused.
fn copy_with_selection(text: &str) -> bool {
    let Some(document) = document() else { return false };
    let Some(body) = document.body() else { return false };
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.class_list().add_1("offscreen");
    let _ = body.append_child(&area);
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|html| html.exec_command("copy").ok())
        .unwrap_or(false);
    let _ = body.remove_child(&area);
    copied
}

/// Saves `bytes` as a file named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> bool {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let clicked = click_link(&url, file_name);
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

/// Saves what `href` points at (a blob: or data: address) as `file_name`.
pub fn click_link(href: &str, file_name: &str) -> bool {
    let Some(document) = document() else { return false };
    let Some(body) = document.body() else { return false };
    let Ok(link) = document.create_element("a") else {
        return false;
    };
    let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return false;
    };
    link.set_href(href);
    link.set_download(file_name);
    let _ = link.class_list().add_1("offscreen");
    let _ = body.append_child(&link);
    link.click();
    let _ = body.remove_child(&link);
    true
}

/// The device pixel ratio, at least 1.
pub fn device_pixel_ratio() -> f64 {
    window()
        .map(|window| window.device_pixel_ratio())
        .filter(|ratio| ratio.is_finite() && *ratio >= 1.0)
        .unwrap_or(1.0)
}

/// Whether the system asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    window()
        .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches())
}

/// Sets the document's title, when it is not that already.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        if document.title() != title {
            document.set_title(title);
        }
    }
}

/// Sets an attribute on the root `<html>` element (theme, language).
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = document().and_then(|document| document.document_element()) else {
        return;
    };
    // Setting even the same value makes the browser restyle the whole page (`lang` changes
    // fonts and `:lang()`), and the pre-rendered page already carries the usual values.
    if root.get_attribute(name).as_deref() == value {
        return;
    }
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}

/// Reads a value from localStorage; `None` when storage is refused or the key is absent.
pub fn stored(key: &str) -> Option<String> {
    window()
        .and_then(|window| window.local_storage().ok().flatten())
        .and_then(|storage| storage.get_item(key).ok().flatten())
}

/// Writes (or, with `None`, removes) a value in localStorage; ignored when storage is refused.
pub fn store(key: &str, value: Option<&str>) {
    let Some(storage) = window().and_then(|window| window.local_storage().ok().flatten()) else {
        return;
    };
    let _ = match value {
        Some(value) => storage.set_item(key, value),
        None => storage.remove_item(key),
    };
}

// `requestIdleCallback` is missing from some browsers (Safari before 18); `catch` turns the
// missing function into an `Err`, and [`when_idle`] falls back to a timer.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = requestIdleCallback)]
    fn request_idle_callback(callback: &js_sys::Function, options: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch, js_name = cancelIdleCallback)]
    fn cancel_idle_callback(handle: u32) -> Result<(), JsValue>;
}

/// A callback waiting for the browser to be idle; dropping it cancels the callback.
pub enum Idle {
    /// Waiting in `requestIdleCallback`.
    Callback(u32, wasm_bindgen::closure::Closure<dyn FnMut()>),
    /// Waiting on a timer, where `requestIdleCallback` is missing.
    Timer(gloo::timers::callback::Timeout),
}

impl Drop for Idle {
    fn drop(&mut self) {
        if let Idle::Callback(handle, _) = self {
            let _ = cancel_idle_callback(*handle);
        }
    }
}

/// Runs `callback` once the browser is idle, or after `timeout_ms` at the latest: work that
/// must not hold up the first interactive frame.
pub fn when_idle(timeout_ms: u32, callback: impl FnOnce() + 'static) -> Idle {
    let callback = std::rc::Rc::new(std::cell::Cell::new(Some(callback)));
    let run = {
        let callback = callback.clone();
        move || {
            if let Some(callback) = callback.take() {
                callback();
            }
        }
    };
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(run.clone());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from(timeout_ms));
    match request_idle_callback(closure.as_ref().unchecked_ref(), &options) {
        Ok(handle) => Idle::Callback(handle, closure),
        Err(_) => Idle::Timer(gloo::timers::callback::Timeout::new(timeout_ms.min(100), run)),
    }
}

/// What a listener listens on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// The window (`hashchange`, `popstate`, `resize`).
    Window,
    /// The document (keys and clicks anywhere on the page).
    Document,
}

/// Calls `handler` on every `kind` event on `on` until the returned listener is dropped. The
/// listener is not passive, so `handler` may prevent the event's default (which changes
/// nothing for an event that cannot be cancelled or that the handler leaves alone).
pub fn listen(on: On, kind: &'static str, handler: impl FnMut(&Event) + 'static) -> Option<EventListener> {
    let options = EventListenerOptions::enable_prevent_default();
    match on {
        On::Window => window().map(|window| EventListener::new_with_options(&window, kind, options, handler)),
        On::Document => document().map(|document| EventListener::new_with_options(&document, kind, options, handler)),
    }
}

/// Calls `handler` with whether the system asks for a dark theme whenever that changes, until
/// the returned listener is dropped.
pub fn on_system_dark_change(handler: impl Fn(bool) + 'static) -> Option<EventListener> {
    let media = window().and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok().flatten())?;
    let target = media.clone();
    Some(EventListener::new(&target, "change", move |_| handler(media.matches())))
}

/// The event as a key press, when it is one.
pub fn as_key(event: &Event) -> Option<&KeyboardEvent> {
    event.dyn_ref::<KeyboardEvent>()
}

/// The element an event happened on, when it is an element.
fn target_element(event: &Event) -> Option<Element> {
    event.target().and_then(|target| target.dyn_into::<Element>().ok())
}

/// Whether an event happened inside an element matching `selector` (or on one).
pub fn target_within(event: &Event, selector: &str) -> bool {
    target_element(event).is_some_and(|target| target.closest(selector).ok().flatten().is_some())
}

/// The value of `attribute` on the element matching `selector` that an event happened inside
/// (or on), when there is one and it has the attribute.
pub fn closest_attribute(event: &Event, selector: &str, attribute: &str) -> Option<String> {
    target_element(event)
        .and_then(|target| target.closest(selector).ok().flatten())
        .and_then(|element| element.get_attribute(attribute))
}

/// Whether an event happened in a field the reader types into.
pub fn target_is_text_field(event: &Event) -> bool {
    target_element(event).is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The value of the text field an event happened in.
pub fn target_value(event: &Event) -> Option<String> {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
}

/// How far the element an event happened on is scrolled down, in CSS pixels.
pub fn target_scroll_top(event: &Event) -> Option<f64> {
    target_element(event).map(|element| f64::from(element.scroll_top()))
}

/// Scrolls the window back to the top of the page.
pub fn scroll_to_top() {
    if let Some(window) = window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The element a node reference points at, once it is rendered.
pub fn element(node: &NodeRef) -> Option<Element> {
    node.cast::<Element>()
}

/// The width of a rendered element's content box and padding, in whole CSS pixels (0 when it
/// is not rendered).
pub fn client_width(node: &NodeRef) -> f64 {
    element(node).map_or(0.0, |element| f64::from(element.client_width()).floor())
}

/// The id of the first element inside `container` that matches `selector`, when it has one.
pub fn id_within(container: &NodeRef, selector: &str) -> Option<String> {
    element(container)
        .and_then(|container| container.query_selector(selector).ok().flatten())
        .map(|element| element.id())
        .filter(|id| !id.is_empty())
}

/// Marks the element with `id` as the target ([`TARGET_CLASS`]), when it is inside
/// `container`.
pub fn mark_within(container: &NodeRef, id: &str) {
    let Some(container) = element(container) else { return };
    let found = container
        .owner_document()
        .and_then(|document| document.get_element_by_id(id))
        .filter(|element| container.contains(Some(element)));
    if let Some(element) = found {
        let _ = element.class_list().add_1(TARGET_CLASS);
    }
}

/// Focuses the first element inside `container` that matches `selector`, a control that takes
/// focus by itself.
pub fn focus_within(container: &NodeRef, selector: &str) {
    let found = element(container)
        .and_then(|container| container.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    if let Some(element) = found {
        let _ = element.focus();
    }
}

/// The rendered height of the first element inside `container` that matches `selector`, in
/// CSS pixels, when it has one.
pub fn height_within(container: &NodeRef, selector: &str) -> Option<f64> {
    element(container)
        .and_then(|container| container.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlElement>().ok())
        .map(|element| f64::from(element.offset_height()))
        .filter(|height| *height > 0.0)
}

/// Gives the elements inside `container` that match `selector` the heights in `heights`, in
/// CSS pixels, in order.
pub fn set_heights_within(container: &NodeRef, selector: &str, heights: &[f64]) {
    let Some(found) = element(container).and_then(|container| container.query_selector_all(selector).ok()) else {
        return;
    };
    for (index, height) in (0..found.length()).zip(heights) {
        if let Some(element) = found.item(index).and_then(|node| node.dyn_into::<HtmlElement>().ok()) {
            set_style(&element, "height", &format!("{height}px"));
        }
    }
}

/// Marks a table's scrolling box, on its parent, with the edges it has more content beyond:
/// `data-more` is `left`, `right`, both or empty, so the stylesheet can show that the table
/// scrolls sideways (edge shadows).
pub fn mark_scroll_edges(scroller: &NodeRef) {
    let Some(scroller) = element(scroller) else { return };
    let Some(frame) = scroller.parent_element() else { return };
    let left = f64::from(scroller.scroll_left());
    let hidden = f64::from(scroller.scroll_width() - scroller.client_width());
    let mut more = Vec::new();
    if left > 1.0 {
        more.push("left");
    }
    if hidden - left > 1.0 {
        more.push("right");
    }
    let value = more.join(" ");
    if frame.get_attribute("data-more").as_deref() != Some(value.as_str()) {
        let _ = frame.set_attribute("data-more", &value);
    }
}

/// Scrolls a table's box sideways, when it must, so that the header cell of the column the
/// table is sorted by (`th[aria-sort]`) is in view, right of the columns pinned at its left.
pub fn reveal_sorted_column(block: &NodeRef) {
    let Some(block) = element(block) else { return };
    let Some(scroller) = block.query_selector(".table-scroll").ok().flatten() else {
        return;
    };
    let Some(header) = scroller.query_selector("thead th[aria-sort]").ok().flatten() else {
        return;
    };
    if header.class_list().contains("pin") {
        return;
    }
    let pinned: f64 = scroller
        .query_selector_all("thead th.pin")
        .map(|found| {
            (0..found.length())
                .filter_map(|index| found.item(index))
                .filter_map(|node| node.dyn_into::<Element>().ok())
                .map(|cell| cell.get_bounding_client_rect().width())
                .sum()
        })
        .unwrap_or(0.0);
    let frame = scroller.get_bounding_client_rect();
    let left_edge = frame.left() + f64::from(scroller.client_left()) + pinned;
    let right_edge = frame.left() + f64::from(scroller.client_left() + scroller.client_width());
    let cell = header.get_bounding_client_rect();
    let scroll_left = f64::from(scroller.scroll_left());
    let next = if cell.left() < left_edge {
        scroll_left - (left_edge - cell.left())
    } else if cell.right() > right_edge {
        // Its right edge in view, but never its left edge out of it.
        scroll_left + (cell.right() - right_edge).min(cell.left() - left_edge)
    } else {
        return;
    };
    scroller.set_scroll_left(next.max(0.0).round() as i32);
}

/// Places a rendered element at (`left`, `top`) CSS pixels in its positioned parent.
pub fn place(node: &NodeRef, left: f64, top: f64) {
    if let Some(element) = node.cast::<HtmlElement>() {
        set_style(&element, "left", &format!("{left}px"));
        set_style(&element, "top", &format!("{top}px"));
    }
}

/// Sets one CSS property of an element through the CSSOM, which a strict
/// Content-Security-Policy allows where a `style` attribute would not be.
fn set_style(element: &HtmlElement, property: &str, value: &str) {
    let _ = element.style().set_property(property, value);
}

/// Keeps a `ResizeObserver` watching an element; dropping it stops the calls.
pub struct ResizeWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_resize` whenever the size of `element` changes (and once when the watch starts,
/// as `ResizeObserver` does), until the returned watch is dropped. None where the browser has
/// no `ResizeObserver`.
pub fn observe_resize(element: &Element, on_resize: impl FnMut() + 'static) -> Option<ResizeWatch> {
    let mut on_resize = on_resize;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| on_resize());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(ResizeWatch {
        observer,
        _callback: callback,
    })
}

/// Keeps an `IntersectionObserver` waiting for an element to come near the view; dropping it
/// stops the wait.
pub struct NearWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>,
}

impl Drop for NearWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_near` once, when the element `node` points at comes within `margin` of the view
/// (`IntersectionObserver`'s `rootMargin`, such as `"100% 0px"`: a screen's height above and
/// below), which may be at once; until the returned watch is dropped. Where the browser has no
/// `IntersectionObserver`, or the node is not rendered, calls it at once and returns None. In a
/// frame of another site the browser ignores the margin: the element is near when it shows.
pub fn when_near(node: &NodeRef, margin: &str, on_near: impl FnOnce() + 'static) -> Option<NearWatch> {
    let on_near = std::rc::Rc::new(std::cell::Cell::new(Some(on_near)));
    let watch = node.cast::<Element>().and_then(|element| {
        let waiting = on_near.clone();
        let near = move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let shown = entries.iter().any(|entry| {
                entry
                    .dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|entry| entry.is_intersecting())
            });
            if shown {
                observer.disconnect();
                if let Some(on_near) = waiting.take() {
                    on_near();
                }
            }
        };
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(near);
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(margin);
        let observer =
            web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
        observer.observe(&element);
        Some(NearWatch {
            observer,
            _callback: callback,
        })
    });
    if watch.is_none() {
        if let Some(on_near) = on_near.take() {
            on_near();
        }
    }
    watch
}

/// The canvas a node reference points at, once it is rendered.
pub fn canvas(node: &NodeRef) -> Option<HtmlCanvasElement> {
    node.cast::<HtmlCanvasElement>()
}

/// Gives a canvas a backing store of `width` × `height` device pixels, shown at `css_width` ×
/// `css_height` CSS pixels; only when its size changes, since resizing a canvas reallocates its
/// backing store.
pub fn size_canvas(canvas: &HtmlCanvasElement, (width, height): (u32, u32), (css_width, css_height): (f64, f64)) {
    if canvas.width() == width && canvas.height() == height {
        return;
    }
    canvas.set_width(width);
    canvas.set_height(height);
    set_style(canvas, "width", &format!("{css_width}px"));
    set_style(canvas, "height", &format!("{css_height}px"));
}

/// Has the browser do now, in this task, what it does once for a new canvas before its first
/// draw: allocate the backing store, on the first thing painted (one pixel of `background`, a
/// CSS colour), and resolve each of `fonts` (CSS font shorthands), which in Chromium on Linux
/// asks the browser process for the font's rendering settings.
pub fn prepare_canvas(canvas: &HtmlCanvasElement, background: &str, fonts: &[String]) {
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    context.set_fill_style_str(background);
    context.fill_rect(0.0, 0.0, 1.0, 1.0);
    for font in fonts {
        context.set_font(font);
        let _ = context.measure_text("가A0");
    }
}

/// A new canvas, in no document, with a backing store of `width` × `height` pixels: for an
/// image drawn only to be saved.
pub fn detached_canvas(width: u32, height: u32) -> Option<HtmlCanvasElement> {
    let canvas = document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    Some(canvas)
}

/// Replays, once the app is listening, what the reader did before it started:
///
/// - the button tap that `static/boot.js` kept between the first paint and the app's start
///   (`window.bulletinEarlyTap`: a sort button's selector, or any other button itself, which
///   the start-up without Yew hands over when it asked for the app), and takes away the marks
///   that said the table was getting ready;
/// - text typed into a search box or a filter meanwhile: what the box holds then (the search
///   box keeps it while the app hydrates, [`typed_before_start`]), or what
///   [`keep_typed_text`] found if the hydration emptied it, given to the app as an `input`
///   event.
///
/// From then on boot.js keeps nothing.
pub fn replay_early_tap() {
    let Some(window) = window() else { return };
    let _ = js_sys::Reflect::set(&window, &"bulletinStarted".into(), &JsValue::TRUE);
    let mut typed = TYPED.with(|typed| std::mem::take(&mut *typed.borrow_mut()));
    // Text typed after the app began to hydrate, which keep_typed_text did not see.
    for (input, text) in typed_inputs() {
        if !typed.iter().any(|(kept, _)| kept == &input) {
            typed.push((input, text));
        }
    }
    // Nothing to wait for without a tap: the charts' idle callbacks are the only ones then.
    let tap = js_sys::Reflect::get(&window, &"bulletinEarlyTap".into()).unwrap_or(JsValue::UNDEFINED);
    if !tap.is_string() && !tap.is_instance_of::<Element>() && typed.is_empty() {
        REPLAYED.set(true);
        return;
    }
    // Once the browser is idle (at most a second): the renders the start-up asked for (the
    // link's view, which sets the table's state) are done by then, and the tap changes that
    // state rather than being undone by it.
    let waiting = when_idle(1000, move || {
        let Some(document) = document() else { return };
        for (input, kept) in typed {
            if input.is_connected() {
                if input.value().is_empty() {
                    input.set_value(&kept);
                }
                if let Ok(event) = Event::new_with_event_init_dict("input", &{
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    init
                }) {
                    let _ = input.dispatch_event(&event);
                }
            }
        }
        REPLAYED.set(true);
        let tap = js_sys::Reflect::get(&window, &"bulletinEarlyTap".into()).unwrap_or(JsValue::UNDEFINED);
        let _ = js_sys::Reflect::delete_property(&window, &"bulletinEarlyTap".into());
        if let Ok(pending) = document.query_selector_all("[data-pending], button.sort[aria-busy]") {
            for index in 0..pending.length() {
                if let Some(element) = pending.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
                    let _ = element.remove_attribute("data-pending");
                    let _ = element.remove_attribute("aria-busy");
                }
            }
        }
        let button = match tap.as_string() {
            Some(selector) => document.query_selector(&selector).ok().flatten(),
            None => tap.dyn_into::<Element>().ok().filter(|element| element.is_connected()),
        };
        if let Some(button) = button.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
            button.click();
        }
    });
    // Kept until it has run: the callback runs once, at start-up.
    std::mem::forget(waiting);
}

thread_local! {
    /// What [`keep_typed_text`] found, until [`replay_early_tap`] gives it to the app.
    static TYPED: RefCell<Vec<(HtmlInputElement, String)>> = const { RefCell::new(Vec::new()) };
    /// Whether [`replay_early_tap`] has given the app what was typed before it started.
    static REPLAYED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The page's text inputs the reader has typed into: those whose text is not the one the page
/// was written with (`defaultValue`, the pre-rendered `value`), with that text.
fn typed_inputs() -> Vec<(HtmlInputElement, String)> {
    let Some(document) = document() else { return Vec::new() };
    let Ok(inputs) = document.query_selector_all("#app input") else {
        return Vec::new();
    };
    let mut typed = Vec::new();
    for index in 0..inputs.length() {
        if let Some(input) = inputs
            .item(index)
            .and_then(|node| node.dyn_into::<HtmlInputElement>().ok())
        {
            if let Some(text) = typed_text(&input).filter(|_| matches!(input.type_().as_str(), "search" | "text")) {
                typed.push((input, text));
            }
        }
    }
    typed
}

/// What the reader typed into `input`: its text when that is not the text the page was written
/// with (`defaultValue`) and not empty.
fn typed_text(input: &HtmlInputElement) -> Option<String> {
    let text = input.value();
    (!text.is_empty() && text != input.default_value()).then_some(text)
}

/// Keeps the text typed into the page's inputs before the app takes the page over (a reader
/// who started typing a search while the viewer loaded), for [`replay_early_tap`].
pub fn keep_typed_text() {
    let kept = typed_inputs();
    TYPED.with(|typed| *typed.borrow_mut() = kept);
}

/// The text the reader typed into the input `id` before the app started, while it is not yet
/// the app's ([`replay_early_tap`] gives it then): the input shows it until then, so that
/// neither the hydration nor a render while the app starts takes it from the reader's eyes and
/// keystrokes (a reader who typed on while the viewer hydrated).
pub fn typed_before_start(id: &str) -> Option<String> {
    // Pre-rendering (the native build) has no page and nothing typed.
    if !cfg!(target_arch = "wasm32") || REPLAYED.get() {
        return None;
    }
    typed_text(&document()?.get_element_by_id(id)?.dyn_into::<HtmlInputElement>().ok()?)
}

/// What a canvas shows, as a PNG `data:` address.
pub fn canvas_png(canvas: &HtmlCanvasElement) -> Option<String> {
    canvas.to_data_url_with_type("image/png").ok()
}

// The User Timing API, for `cargo xtask bench` (docs/benchmark.md); `catch` turns a browser
// without it into an `Err` that is ignored, never an exception through the WebAssembly.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = performance, js_name = measure)]
    fn performance_measure(name: &str, start_mark: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = performance, js_name = clearMarks)]
    fn performance_clear_marks(name: &str) -> Result<JsValue, JsValue>;
}

/// A stretch of work on the browser's performance timeline: [`Timing::finish`] records it as
/// the measure `<name>:<subject>`, from when [`Timing::start`] was called.
pub struct Timing {
    measure: String,
    start: String,
}

impl Timing {
    /// Starts timing the measure `<name>:<subject>` (its start is the mark
    /// `<name>-start:<subject>`).
    pub fn start(name: &str, subject: &str) -> Timing {
        let timing = Timing {
            measure: format!("{name}:{subject}"),
            start: format!("{name}-start:{subject}"),
        };
        let _ = performance_mark(&timing.start);
        timing
    }

    /// Records the measure, from the start until now.
    pub fn finish(self) {
        let _ = performance_measure(&self.measure, &self.start);
        // Only the measures stay; work repeated on every resize leaves no trail of marks.
        let _ = performance_clear_marks(&self.start);
    }
}

/// Milliseconds on the page's clock (`performance.now()`), or 0 where there is none.
pub fn now() -> f64 {
    window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// Resolves in a later task of the event loop, so long work can give the page back to the
/// browser (input, painting) between slices.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let resolved = window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .ok()
        });
        if resolved.is_none() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether the page has painted content: its `first-contentful-paint` entry is recorded (the
/// start script waits for it before it fetches the app).
pub fn has_painted() -> bool {
    window()
        .and_then(|window| window.performance())
        .is_some_and(|performance| performance.get_entries_by_name("first-contentful-paint").length() > 0)
}

/// Resolves once the browser has had a chance to paint: after the next animation frame and a
/// task after it, or after `fallback_ms` in a tab that paints no frames (hidden); the frame
/// cancels the fallback's timer. The app takes the pre-rendered page over after this, so the
/// page's first and largest paint never wait for the hydration's work.
pub async fn after_next_paint(fallback_ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let fallback = std::rc::Rc::new(std::cell::RefCell::new(None));
        let after_frame = resolve.clone();
        let cancel = fallback.clone();
        let frame = gloo::render::request_animation_frame(move |_| {
            gloo::timers::callback::Timeout::new(0, move || {
                drop(cancel.borrow_mut().take());
                let _ = after_frame.call0(&JsValue::NULL);
            })
            .forget();
        });
        // Dropping the handle would cancel the frame; it ends with the page.
        std::mem::forget(frame);
        let timer = gloo::timers::callback::Timeout::new(fallback_ms, move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        *fallback.borrow_mut() = Some(timer);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` in a task of its own, after the current one and its microtasks, so the browser
/// can handle input and paint between the two: a message to a channel of its own, which is a
/// new task at once, where a `setTimeout(0)` nested in another waits at least 4 ms (the
/// hydration's chunks lost about 4 ms each that way). `setTimeout(0)` where there is no
/// `MessageChannel`.
pub fn in_next_task(f: impl FnOnce() + 'static) {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        gloo::timers::callback::Timeout::new(0, f).forget();
        return;
    };
    let callback = Closure::once_into_js(f);
    channel.port1().set_onmessage(Some(callback.unchecked_ref()));
    if channel.port2().post_message(&JsValue::NULL).is_err() {
        channel.port1().set_onmessage(None);
    }
}
