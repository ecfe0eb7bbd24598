//! The last line of defence: if anything in the viewer panics, the page shows a readable
//! error with a reload button instead of going blank.
//!
//! `index.html` holds a hidden `#fatal` block; the panic hook fills in the message and
//! shows it. The hook uses only DOM calls that cannot themselves panic.

use crate::dom;

/// Installs the panic hook.
pub fn install() {
    // Through Yew, not std::panic::set_hook: Yew's renderer replaces any hook set another way
    // with its own console-only one, and the error screen would never show.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(text) => (*text).to_string(),
            None => match info.payload().downcast_ref::<String>() {
                Some(text) => text.clone(),
                None => "unknown error".to_string(),
            },
        };
        let location = info
            .location()
            .map(|location| format!(" ({}:{})", location.file(), location.line()))
            .unwrap_or_default();
        show(&format!("{message}{location}"));
    }));
}

/// Shows the error block with `detail`.
pub fn show(detail: &str) {
    let Some(document) = dom::document() else { return };
    if let Some(element) = document.get_element_by_id("fatal-detail") {
        element.set_text_content(Some(detail));
    }
    if let Some(element) = document.get_element_by_id("fatal") {
        let _ = element.remove_attribute("hidden");
    }
    if let Some(element) = document.get_element_by_id("app") {
        let _ = element.set_attribute("aria-hidden", "true");
    }
    web_sys::console::error_1(&detail.into());
}

/// Test builds only: a `bulletin-viewer:test-panic` event on the window panics inside a
/// Yew callback path, so the end-to-end suite can prove the error screen appears.
#[cfg(feature = "test-hooks")]
pub fn install_test_trigger() {
    if let Some(window) = dom::window() {
        gloo::events::EventListener::new(&window, "bulletin-viewer:test-panic", |_| {
            panic!("test panic requested by the end-to-end suite");
        })
        .forget();
    }
}
