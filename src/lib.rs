//! The viewer: a Yew single-page app that reads one embedded issue of the bulletin.
//!
//! `main.rs` only calls [`start`]. Everything the viewer shows comes from the typed
//! [`bulletin::model::Issue`] that `build.rs` embedded; the viewer never parses text.
//! Browser APIs are reached through [`dom`], only from callbacks and effects, so the same
//! components render on the server for the pre-rendered page.

pub mod address;
pub mod app;
#[cfg(feature = "bench-hooks")]
pub mod bench_hooks;
pub mod collate;
pub mod components;
pub mod data;
pub mod dom;
pub mod embed;
pub mod hooks;
pub mod i18n;
pub mod panic;
pub mod prefs;
pub mod ptr;
pub mod sw;

use app::{App, AppProps, Startup};
use prefs::Prefs;
use ptr::Ptr;
use wasm_bindgen::JsCast;

/// Starts the app: installs the panic screen, reads the embedded issue and the reader's
/// settings, and mounts into `#app`.
pub fn start() {
    // The start script is async so the WebAssembly compiles while the browser still lays out
    // the pre-rendered issue; the app must not take the page over before it is all parsed.
    let document = dom::document();
    if document
        .as_ref()
        .is_some_and(|document| document.ready_state() == "loading")
    {
        if let Some(document) = document {
            gloo::events::EventListener::once(&document, "DOMContentLoaded", |_| start_now()).forget();
            return;
        }
    }
    start_now();
}

/// Starts the app now that the document is parsed.
fn start_now() {
    panic::install();
    let issue = match data::embedded_issue() {
        Ok(issue) => issue,
        Err(message) => {
            panic::show(&message);
            return;
        }
    };
    #[cfg(feature = "test-hooks")]
    panic::install_test_trigger();
    #[cfg(feature = "bench-hooks")]
    bench_hooks::install(issue.clone());
    let prefs = Prefs::load();
    app::apply_prefs(&prefs);
    let startup = Startup {
        hash: dom::current_hash(),
        prefs,
        system_dark: dom::system_prefers_dark(),
    };
    let root = dom::document().and_then(|document| document.get_element_by_id("app"));
    match root.and_then(|root| root.dyn_into::<web_sys::Element>().ok()) {
        Some(root) => {
            // `cargo xtask dist` marks a page whose #app holds the pre-rendered issue: the app
            // takes that markup over (hydration) instead of building it again.
            let hydrating = root.has_attribute("data-prerendered");
            let props = AppProps {
                issue: Ptr(issue),
                startup,
                hydrating,
            };
            let renderer = yew::Renderer::<App>::with_root_and_props(root.clone(), props);
            if hydrating {
                renderer.hydrate();
            } else {
                root.set_inner_html("");
                renderer.render();
            }
        }
        None => {
            yew::Renderer::<App>::with_props(AppProps {
                issue: Ptr(issue),
                startup,
                hydrating: false,
            })
            .render();
        }
    }
}
