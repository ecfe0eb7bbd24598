//! Small, failure-tolerant wrappers around the browser APIs the viewer uses.
//!
//! Every function here returns quietly (or `None`/`false`) when the API is missing, as in a
//! sandboxed iframe, a `file://` page or an old browser: the reader loses a convenience,
//! never the page. Components call these only from callbacks and effects, never while
//! rendering, so the same components also render on the server (pre-rendering).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Window};

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

/// The class of the element a link or search result leads to, which the stylesheet highlights.
pub const TARGET_CLASS: &str = "is-target";

/// Scrolls the element with `id` to the top of the view and marks it as the target.
/// Returns whether the element exists.
pub fn scroll_to(id: &str, mark: bool) -> bool {
    let Some(document) = document() else { return false };
    let Some(element) = document.get_element_by_id(id) else {
        return false;
    };
    if mark {
        if let Ok(marked) = document.query_selector_all(&format!(".{TARGET_CLASS}")) {
            for index in 0..marked.length() {
                if let Some(old) = marked.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
                    let _ = old.class_list().remove_1(TARGET_CLASS);
                }
            }
        }
        let _ = element.class_list().add_1(TARGET_CLASS);
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    true
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
