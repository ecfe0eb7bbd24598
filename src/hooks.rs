//! Hooks that tie a component to the browser while it is mounted: listeners on the window and
//! the document, the location hash, the system's colour scheme, an element's width, the
//! device pixel ratio, and a ring that keeps the keyboard in an open panel.
//!
//! Each one reaches the browser through [`crate::dom`], in effects only, so the components
//! that use them still render on the server. A listener always calls the handler given at the
//! latest render, so a handler sees the component's current props and state, and a listener is
//! added or removed only when whether it is wanted changes.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::dom::{self, On};

/// The handler a listener calls: the one given at the latest render.
type Latest = Rc<RefCell<Rc<dyn Fn(&Event)>>>;

/// Calls `handler` on every `kind` event on `on`, while `active`.
#[hook]
fn use_listener<F>(on: On, kind: &'static str, active: bool, handler: F)
where
    F: Fn(&Event) + 'static,
{
    use_latest_listener(on, kind, active, Rc::new(handler));
}

/// [`use_listener`]'s work, not generic: one copy in the WebAssembly for every handler's type
/// (each generic copy of it took half a kilobyte, issue 16).
#[hook]
fn use_latest_listener(on: On, kind: &'static str, active: bool, handler: Rc<dyn Fn(&Event)>) {
    let latest: Latest = use_mut_ref(|| Rc::new(|_: &Event| {}) as Rc<dyn Fn(&Event)>);
    *latest.borrow_mut() = handler;
    use_effect_with((on, kind, active), move |&(on, kind, active)| {
        let listener = active
            .then(|| {
                dom::listen(on, kind, move |event| {
                    // A clone, so that a render the handler causes may replace it meanwhile.
                    let handler = latest.borrow().clone();
                    handler(event);
                })
            })
            .flatten();
        move || drop(listener)
    });
}

/// Calls `handler` on every `kind` event anywhere on the page (the document), while `active`:
/// keys and clicks that concern the whole page, wherever focus is.
#[hook]
pub fn use_document_listener<F>(kind: &'static str, active: bool, handler: F)
where
    F: Fn(&Event) + 'static,
{
    use_listener(On::Document, kind, active, handler);
}

/// Calls `on_location` with the location's path and hash whenever the browser changes them:
/// a link followed, back or forward (`hashchange` and `popstate`).
#[hook]
pub fn use_location<F>(on_location: F)
where
    F: Fn(String, String) + 'static,
{
    let on_change = Rc::new(move |_: &Event| on_location(dom::current_path(), dom::current_hash()));
    let on_pop = on_change.clone();
    use_listener(On::Window, "hashchange", true, move |event| on_change(event));
    use_listener(On::Window, "popstate", true, move |event| on_pop(event));
}

/// Whether the system asks for a dark theme: `initial` at first, then whatever the system
/// says whenever it changes. The handle can also be set (after hydration, to what the browser
/// said at start-up).
#[hook]
pub fn use_system_dark(initial: bool) -> UseStateHandle<bool> {
    let system_dark = use_state(|| initial);
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let listener = dom::on_system_dark_change(move |dark| system_dark.set(dark));
            move || drop(listener)
        });
    }
    system_dark
}

/// The width of the element `node` points at, in whole CSS pixels: 0 until it is rendered and
/// measured, then again whenever its size changes. The first measure is the `ResizeObserver`'s
/// first call, which comes with the next frame's layout: measuring at mount would make the
/// browser lay the page out at once, in the task that hydrates the component (issue 16).
#[hook]
pub fn use_element_width(node: &NodeRef) -> f64 {
    let width = use_state(|| 0.0f64);
    {
        let node = node.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let element = dom::element(&node);
            let measure = move || {
                let measured = dom::client_width(&node);
                if measured > 0.0 && measured != *width {
                    width.set(measured);
                }
            };
            let watch = element.and_then(|element| dom::observe_resize(&element, measure.clone()));
            if watch.is_none() {
                measure();
            }
            move || drop(watch)
        });
    }
    *width
}

/// The device pixel ratio: 1 until mounted (rendering must not touch the browser, so that the
/// component also renders on the server), then the browser's, read again whenever the window
/// is resized (zooming changes it).
#[hook]
pub fn use_device_pixel_ratio() -> f64 {
    let ratio = use_state(|| 1.0f64);
    let update = {
        let ratio = ratio.clone();
        move || {
            let now = dom::device_pixel_ratio();
            if now != *ratio {
                ratio.set(now);
            }
        }
    };
    {
        let update = update.clone();
        use_effect_with((), move |_| update());
    }
    use_listener(On::Window, "resize", true, move |_| update());
    *ratio
}

/// While `active`, keeps Tab and Shift+Tab in a ring of the element with id `opener` and the
/// controls of the panel with id `panel` ([`dom::cycle_focus`]), as for a panel that opens over
/// the page, so that the keyboard never reaches what the panel hides.
#[hook]
pub fn use_focus_trap(active: bool, opener: &'static str, panel: &'static str) {
    use_document_listener("keydown", active, move |event| {
        let Some(key) = dom::as_key(event) else {
            return;
        };
        if key.key() != "Tab" || key.alt_key() || key.ctrl_key() || key.meta_key() {
            return;
        }
        if dom::cycle_focus(opener, panel, key.shift_key()) {
            event.prevent_default();
        }
    });
}
