//! The page's side of the service worker: registers `sw.js`, notices when a new deployment
//! has installed and is waiting, and lets it take over when the reader asks.
//!
//! `cargo xtask dist` writes `sw.js` next to index.html and names it in
//! `<meta name="bulletin-viewer:service-worker" content="sw.js">`; a page without that `<meta>`
//! (a development build, the single-file build) registers nothing. Neither does a page where
//! service workers are unavailable: `file://`, an insecure origin, an old browser, or a
//! sandboxed iframe where merely reading `navigator.serviceWorker` throws. There the app works
//! as before, silently not offline. A page in a frame (an embed on another site) registers
//! nothing either: nobody installs the app from there, and the browser would keep a second,
//! partitioned copy of the whole app for that site.
//!
//! Registration uses `updateViaCache: 'none'`, so every update check fetches `sw.js` past the
//! HTTP cache. The browser checks on each navigation; a page left open also checks every
//! [`UPDATE_INTERVAL_MS`] and whenever it becomes visible again. A new `sw.js` installs in the
//! background and waits; [`register`]'s callback then shows the notice, and [`apply_update`]
//! tells the waiting worker to take over and reloads once it controls the page.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
    ServiceWorkerUpdateViaCache,
};
use yew::Callback;

use crate::dom;

/// The `<meta name>` that names the worker's script (see xtask/src/service_worker.rs).
pub const META_NAME: &str = "bulletin-viewer:service-worker";

/// The message that tells a waiting worker to activate (see xtask/src/service_worker.js).
pub const SKIP_WAITING_MESSAGE: &str = "bulletin-viewer:skip-waiting";

/// How often an open page asks whether a new version was deployed: half an hour.
pub const UPDATE_INTERVAL_MS: u32 = 30 * 60 * 1000;

/// How long [`apply_update`] waits for the new worker to take over before reloading anyway.
const TAKE_OVER_TIMEOUT_MS: u32 = 5_000;

/// Keeps the watch on the registration alive; dropping it stops the listeners and checks.
pub struct Watch {
    _inner: Rc<RefCell<Inner>>,
}

#[derive(Default)]
struct Inner {
    listeners: Vec<EventListener>,
    interval: Option<Interval>,
}

/// The page's service worker container, when service workers are available here.
fn container() -> Option<ServiceWorkerContainer> {
    let window = dom::window()?;
    let protocol = window.location().protocol().ok()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    let secure = js_sys::Reflect::get(&window, &"isSecureContext".into()).ok()?;
    if secure.as_bool() != Some(true) {
        return None;
    }
    // Reflect turns the SecurityError of a sandboxed frame into an Err instead of an exception.
    let value = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<ServiceWorkerContainer>().ok()
}

/// Whether the page is shown inside another page's frame.
fn in_frame() -> bool {
    let Some(window) = dom::window() else { return false };
    match window.parent() {
        Ok(Some(parent)) => parent != window,
        // A parent that cannot even be read is some frame.
        _ => true,
    }
}

/// The worker's address relative to the page, from index.html's `<meta>`.
fn script_address() -> Option<String> {
    let document = dom::document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{META_NAME}\"]"))
        .ok()
        .flatten()?;
    meta.get_attribute("content").filter(|address| !address.is_empty())
}

/// Registers the worker, if this page has one and can, and calls `on_update` when a newer
/// version is installed and waiting while an older one controls the page.
pub fn register(on_update: Callback<()>) -> Option<Watch> {
    if in_frame() {
        return None;
    }
    let address = script_address()?;
    let container = container()?;
    let options = RegistrationOptions::new();
    options.set_scope("./");
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options(&address, &options);
    let inner = Rc::new(RefCell::new(Inner::default()));
    let weak = Rc::downgrade(&inner);
    spawn_local(async move {
        // A refused registration (private mode, storage full) leaves the app as it is.
        let Ok(registration) = JsFuture::from(promise).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch(&weak, &container, &registration, &on_update);
    });
    Some(Watch { _inner: inner })
}

/// Wires the listeners and periodic checks, unless the [`Watch`] was dropped meanwhile.
fn watch(
    weak: &Weak<RefCell<Inner>>,
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_update: &Callback<()>,
) {
    let Some(inner) = weak.upgrade() else { return };
    if registration.waiting().is_some() && container.controller().is_some() {
        on_update.emit(());
    }
    let on_found = {
        let weak = weak.clone();
        let container = container.clone();
        let registration = registration.clone();
        let on_update = on_update.clone();
        move |_: &web_sys::Event| {
            if let Some(installing) = registration.installing() {
                follow(&weak, &container, installing, &on_update);
            }
        }
    };
    let found = EventListener::new(registration, "updatefound", on_found);
    let check = {
        let registration = registration.clone();
        move || check_for_update(&registration)
    };
    let visible = dom::document().map(|document| {
        let check = check.clone();
        let watched = document.clone();
        EventListener::new(&document, "visibilitychange", move |_| {
            if !watched.hidden() {
                check();
            }
        })
    });
    let mut inner = inner.borrow_mut();
    inner.listeners.push(found);
    inner.listeners.extend(visible);
    inner.interval = Some(Interval::new(UPDATE_INTERVAL_MS, check));
}

/// Calls `on_update` when `worker` has installed and an older version controls the page
/// (on a first visit nothing controls it: the new worker simply takes over, no notice).
fn follow(
    weak: &Weak<RefCell<Inner>>,
    container: &ServiceWorkerContainer,
    worker: ServiceWorker,
    on_update: &Callback<()>,
) {
    let Some(inner) = weak.upgrade() else { return };
    let container = container.clone();
    let on_update = on_update.clone();
    let watched = worker.clone();
    let listener = EventListener::new(&worker, "statechange", move |_| {
        if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            on_update.emit(());
        }
    });
    inner.borrow_mut().listeners.push(listener);
}

/// Asks the browser to fetch `sw.js` again; a failure (offline) is of no interest.
fn check_for_update(registration: &ServiceWorkerRegistration) {
    let Ok(promise) = registration.update() else { return };
    spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

/// Lets the waiting version take over and reloads the page into it once it controls the
/// page. With no waiting worker (another tab already switched) it only reloads.
pub fn apply_update() {
    let Some(container) = container() else {
        reload();
        return;
    };
    spawn_local(async move {
        let registration = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|registration| registration.dyn_into::<ServiceWorkerRegistration>().ok());
        let Some(waiting) = registration.and_then(|registration| registration.waiting()) else {
            reload();
            return;
        };
        EventListener::once(&container, "controllerchange", |_| reload()).forget();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &SKIP_WAITING_MESSAGE.into());
        if waiting.post_message(&message).is_err() {
            reload();
            return;
        }
        // A worker that never takes over must not leave the button dead.
        Timeout::new(TAKE_OVER_TIMEOUT_MS, reload).forget();
    });
}

fn reload() {
    if let Some(window) = dom::window() {
        let _ = window.location().reload();
    }
}
