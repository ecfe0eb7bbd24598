//! The viewer: a Yew single-page app that reads the issues of the bulletin.
//!
//! `main.rs` only calls [`start`]. Everything the viewer shows comes from typed values
//! (`bulletin::model::Issue`, the archive's catalog) that the build wrote as data files and
//! the page fetches ([`library`]); the viewer never parses text. Browser APIs are reached
//! through [`dom`], only from callbacks and effects, so the same components render on the
//! server for the pre-rendered pages.

pub mod address;
pub mod app;
#[cfg(feature = "bench-hooks")]
pub mod bench_hooks;
pub mod components;
pub mod dom;
pub mod embed;
pub mod handover;
pub mod hooks;
pub mod i18n;
pub mod library;
pub mod panic;
pub mod prefs;
pub mod ptr;
pub mod sw;

pub use bulletin_start::{collate, site};

use app::{AppProps, Root, Startup};
use prefs::Prefs;
use ptr::Ptr;
use wasm_bindgen::JsCast;

/// Starts the app: installs the panic screen, reads the site from the page, fetches and
/// checks the page's issue, reads the reader's settings, and mounts into `#app`.
pub fn start() {
    // The start script (xtask/src/start.js) runs the app once the page is parsed and painted;
    // a page started otherwise must not be taken over before it is all parsed.
    let document = dom::document();
    if document
        .as_ref()
        .is_some_and(|document| document.ready_state() == "loading")
    {
        if let Some(document) = document {
            gloo::events::EventListener::once(&document, "DOMContentLoaded", |_| {
                wasm_bindgen_futures::spawn_local(start_now());
            })
            .forget();
            return;
        }
    }
    wasm_bindgen_futures::spawn_local(start_now());
}

/// Starts the app now that the document is parsed.
async fn start_now() {
    panic::install();
    // The task that compiled and started the WebAssembly ends here; the app starts in the next.
    dom::next_task().await;
    let site = match site::from_document() {
        Ok(site) => site,
        Err(message) => {
            panic::show(&message);
            return;
        }
    };
    // The start script preloads the page's own issue with the WebAssembly; until it is here and checked
    // the pre-rendered page is what the reader has, and stays readable if it never comes.
    let issue = match library::fetch_issue(&site.issue_data, site.issue_inline.as_deref(), site.issue).await {
        Ok(issue) => std::rc::Rc::new(issue),
        Err(message) => {
            not_started(&message);
            return;
        }
    };
    // Reading the settings (the first access to localStorage may wait on the browser) and
    // setting the page up go in the task after the decoding, not at its end.
    dom::next_task().await;
    #[cfg(feature = "test-hooks")]
    panic::install_test_trigger();
    #[cfg(feature = "bench-hooks")]
    bench_hooks::install(issue.clone());
    // The sorts the start-up without Yew made (xtask/src/start.js hands them over).
    if let Some(window) = dom::window() {
        if let Some(text) = js_sys::Reflect::get(&window, &"bulletinHandOver".into())
            .ok()
            .and_then(|value| value.as_string())
        {
            handover::receive(&text, &issue);
        }
    }
    let prefs = Prefs::load();
    app::apply_prefs(&prefs);
    let startup = Startup {
        path: dom::current_path(),
        hash: dom::current_hash(),
        prefs,
        system_dark: dom::system_prefers_dark(),
    };
    let props = |hydrating| AppProps {
        site: Ptr::new(site.clone()),
        issue: Ptr(issue.clone()),
        startup: startup.clone(),
        hydrating,
    };
    let root = dom::document().and_then(|document| document.get_element_by_id("app"));
    match root.and_then(|root| root.dyn_into::<web_sys::Element>().ok()) {
        Some(root) => {
            // `cargo xtask dist` marks a page whose #app holds the pre-rendered issue: the app
            // takes that markup over (hydration) instead of building it again.
            let hydrating = root.has_attribute("data-prerendered");
            if hydrating {
                if dom::has_painted() {
                    // The start script starts the app once the page has painted: the hydration
                    // only goes in a task of its own, after the settings'.
                    dom::next_task().await;
                } else {
                    // It painted nothing in half a second (the start script's fallback): the
                    // pre-rendered page paints first, and the app takes it over after.
                    dom::after_next_paint(100).await;
                }
            }
            let renderer = yew::Renderer::<Root>::with_root_and_props(root.clone(), props(hydrating));
            if hydrating {
                // The issue from the top, or a place in it, hydrates in turns; an address that
                // shows another view hydrates whole, in one task, as that view replaces it.
                if app::hydrates_in_turns(&site, &issue, &startup.path, &startup.hash) {
                    components::later::begin_hydration();
                }
                // Text typed while the viewer loaded is the reader's: the app reads it once ready.
                dom::keep_typed_text();
                renderer.hydrate();
            } else {
                root.set_inner_html("");
                renderer.render();
            }
        }
        None => {
            yew::Renderer::<Root>::with_props(props(false)).render();
        }
    }
}

/// The page's own issue could not be had: the pre-rendered issue stays as it is, readable,
/// and a notice above it says what failed and offers to try again (by loading the page again,
/// which fetches the data anew). Nothing else of the app starts.
fn not_started(message: &str) {
    web_sys::console::error_1(&message.into());
    let Some(document) = dom::document() else { return };
    let Some(app) = document.get_element_by_id("app") else {
        return;
    };
    let Ok(notice) = document.create_element("section") else {
        return;
    };
    let _ = notice.set_attribute("class", "notice failed banner");
    let _ = notice.set_attribute("role", "alert");
    let english = dom::stored(prefs::LANG_KEY).as_deref() == Some("en");
    let (title, retry) = if english {
        ("This issue's data could not be loaded: the text below is readable, but sorting, search and charts are off.", "Try again")
    } else {
        (
            "이 호의 자료를 불러오지 못했습니다. 아래 본문은 읽을 수 있지만 정렬·검색·그래프는 동작하지 않습니다.",
            "다시 시도",
        )
    };
    let parts = [
        ("p", title, None),
        ("code", message, None),
        ("button", retry, Some("retry")),
    ];
    for (tag, text, class) in parts {
        if let Ok(element) = document.create_element(tag) {
            element.set_text_content(Some(text));
            if let Some(class) = class {
                let _ = element.set_attribute("class", class);
                let _ = element.set_attribute("type", "button");
                let listener = gloo::events::EventListener::new(&element, "click", |_| {
                    if let Some(window) = dom::window() {
                        let _ = window.location().reload();
                    }
                });
                listener.forget();
            }
            let _ = notice.append_child(&element);
        }
    }
    if let Some(parent) = app.parent_node() {
        let _ = parent.insert_before(&notice, Some(&app));
    }
}
