//! The embed page's side of the iframe height protocol.

use crate::components::embed_view::HEIGHT_MESSAGE;
use crate::dom;

/// Posts `{type, id, height}` to the parent now and whenever `element` changes height, until
/// the returned watch is dropped. Returns `None` when the page is not in a frame or the browser
/// lacks ResizeObserver.
pub fn post_heights(element: &web_sys::Element, id: &str) -> Option<dom::ResizeWatch> {
    let window = dom::window()?;
    let parent = window.parent().ok().flatten()?;
    if parent == window {
        return None;
    }
    let id = id.to_string();
    let last = std::cell::Cell::new(-1.0f64);
    let observed = element.clone();
    let post = move || {
        let height = observed.get_bounding_client_rect().height().ceil();
        if (height - last.get()).abs() < 1.0 {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"id".into(), &id.as_str().into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, "*");
    };
    post();
    dom::observe_resize(element, post)
}
