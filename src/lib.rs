//! The viewer: a Yew single-page app that reads one embedded issue of the bulletin.
//!
//! `main.rs` only calls [`start`]. Everything the viewer shows comes from the typed
//! [`bulletin::model::Issue`] that `build.rs` embedded; the viewer never parses text.

pub mod app;
pub mod data;

use wasm_bindgen::JsCast;

/// Mounts the app into `#app` (or the body when the shell has no such element).
pub fn start() {
    let document = web_sys::window().and_then(|window| window.document());
    let root = document.as_ref().and_then(|document| document.get_element_by_id("app"));
    match root.and_then(|root| root.dyn_into::<web_sys::Element>().ok()) {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
