//! The page's side of the service worker: registers `sw.js`, tells it which build the page
//! is of, notices when a new deployment is waiting, lets it take over when the reader asks,
//! retires a worker the server withdrew, and asks it to save the whole archive.
//!
//! `cargo xtask dist` writes `sw.js` next to index.html and names it in
//! `<meta name="bulletin-viewer:service-worker" content="sw.js">`; a page without that `<meta>`
//! (a development build, the single-file build, a build made with `--retire-worker`)
//! registers nothing, and retires a worker of the reader that is registered for its folder.
//! Neither does a page where service workers are unavailable: `file://`, an insecure origin,
//! an old browser, or a sandboxed iframe where merely reading `navigator.serviceWorker`
//! throws. There the app works as before, silently not offline. A page in a frame (an embed
//! on another site) registers nothing either: nobody installs the app from there, and the
//! browser would keep a second, partitioned copy of the whole app for that site.
//!
//! Registration uses `updateViaCache: 'none'`, so every update check fetches `sw.js` past the
//! HTTP cache. The browser checks on each navigation; a page that a worker controls checks
//! once more when it starts, and a page left open every [`UPDATE_INTERVAL_MS`] and whenever it
//! becomes visible again. A check that finds `sw.js` gone (404 or 410) withdraws the worker:
//! unregistered, its caches deleted, the page reloaded once from the server ([`retire`]).
//!
//! A new `sw.js` installs in the background and waits. The page tells it its own build
//! (`<meta name="bulletin-viewer:build">`, [`HELLO_MESSAGE`]): a page that already is of that
//! build (it came from the network, which the worker asks first) lets it take over quietly;
//! a page of another build gets [`register`]'s callback, which shows the notice, and
//! [`apply_update`] tells the waiting worker to take over and reloads once it controls the
//! page. The same holds when another tab let a new worker take over this page.
//!
//! The archive view's save control talks to the active worker with [`ask_offline_status`]
//! and [`save_archive`] and hears its answers through [`watch_offline`].

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
pub const META_NAME: &str = bulletin_start::WORKER_META;

/// The `<meta name>` that names the build the page is of (its worker's version).
pub const BUILD_META: &str = "bulletin-viewer:build";

/// The message that tells a waiting worker to activate (see xtask/src/service_worker.js).
pub const SKIP_WAITING_MESSAGE: &str = "bulletin-viewer:skip-waiting";

/// The message that tells a worker the page's build, and its answer, the worker's.
pub const HELLO_MESSAGE: &str = "bulletin-viewer:hello";

/// The message that asks the worker how much of the archive it keeps, and its answer.
pub const STATUS_MESSAGE: &str = "bulletin-viewer:offline-status";

/// The message that asks the worker to save the whole archive.
pub const SAVE_MESSAGE: &str = "bulletin-viewer:save-archive";

/// The worker's news while it saves: how many files are done.
pub const PROGRESS_MESSAGE: &str = "bulletin-viewer:save-progress";

/// The worker's answer when a save has ended, with how much is kept.
pub const SAVED_MESSAGE: &str = "bulletin-viewer:save-done";

/// Where the page notes that it reloaded after withdrawing a worker, so it does that once.
const RETIRED_KEY: &str = "bulletin-viewer:retired";

/// The prefix of the reader's cache names under a scope (as the worker names them).
fn cache_prefix(scope: &str) -> String {
    format!("bulletin-viewer {scope} ")
}

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
    crate::site::meta_content(META_NAME)
}

/// The build the page is of, from its `<meta>`; empty where the page names none.
fn own_build() -> String {
    crate::site::meta_content(BUILD_META).unwrap_or_default()
}

/// A message of the given type, with `fields`.
fn message(kind: &str, fields: &[(&str, &str)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    object
}

/// A field of a message, as text.
fn text_field(data: &wasm_bindgen::JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(data, &name.into()).ok()?.as_string()
}

/// A field of a message, as a count; zero when absent.
fn count_field(data: &wasm_bindgen::JsValue, name: &str) -> u64 {
    js_sys::Reflect::get(data, &name.into())
        .ok()
        .and_then(|value| value.as_f64())
        .filter(|value| value.is_finite() && *value >= 0.0)
        .map_or(0, |value| value as u64)
}

/// Registers the worker, if this page has one and can, and calls `on_update` when a version of
/// another build than the page's is waiting to take over, or has taken over, the page.
pub fn register(on_update: Callback<()>) -> Option<Watch> {
    if in_frame() {
        return None;
    }
    let container = container()?;
    let Some(address) = script_address() else {
        // A page of a build without a worker: whatever the reader's browser kept of an
        // earlier one must not serve this folder any more.
        spawn_local(retire(container));
        return None;
    };
    let options = RegistrationOptions::new();
    options.set_scope("./");
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options(&address, &options);
    let inner = Rc::new(RefCell::new(Inner::default()));
    let weak = Rc::downgrade(&inner);
    spawn_local(async move {
        let registration = JsFuture::from(promise)
            .await
            .ok()
            .and_then(|registration| registration.dyn_into::<ServiceWorkerRegistration>().ok());
        let Some(registration) = registration else {
            // Refused: withdrawn from the server (then the old worker goes too), or a
            // browser that keeps none (private mode, storage full), where the app stays as it is.
            retire_if_withdrawn(container).await;
            return;
        };
        watch(&weak, &container, &registration, &on_update);
        if container.controller().is_some() {
            check_for_update(&container, &registration);
        }
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
    let build = own_build();
    if let (Some(waiting), Some(_)) = (registration.waiting(), container.controller()) {
        say_hello(&waiting, &build);
    }
    // A worker's answer to the page's hello: of another build, the page is not the newest.
    let answered = {
        let (build, on_update) = (build.clone(), on_update.clone());
        EventListener::new(container, "message", move |event| {
            let data = js_sys::Reflect::get(event, &"data".into()).unwrap_or_default();
            if text_field(&data, "type").as_deref() == Some(HELLO_MESSAGE)
                && text_field(&data, "build").as_deref() != Some(build.as_str())
            {
                on_update.emit(());
            }
        })
    };
    // Another tab let a new worker take over this page too: ask it whose build it is.
    let had_controller = Rc::new(RefCell::new(container.controller().is_some()));
    let taken_over = {
        let (container, build) = (container.clone(), build.clone());
        EventListener::new(&container.clone(), "controllerchange", move |_| {
            let before = std::mem::replace(&mut *had_controller.borrow_mut(), true);
            if let (true, Some(controller)) = (before, container.controller()) {
                say_hello(&controller, &build);
            }
        })
    };
    let on_found = {
        let weak = weak.clone();
        let container = container.clone();
        let registration = registration.clone();
        let build = build.clone();
        move |_: &web_sys::Event| {
            if let Some(installing) = registration.installing() {
                follow(&weak, &container, installing, &build);
            }
        }
    };
    let found = EventListener::new(registration, "updatefound", on_found);
    let check = {
        let (container, registration) = (container.clone(), registration.clone());
        move || check_for_update(&container, &registration)
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
    inner.listeners.extend([answered, taken_over, found]);
    inner.listeners.extend(visible);
    inner.interval = Some(Interval::new(UPDATE_INTERVAL_MS, check));
}

/// Tells `worker` the page's build; the worker answers with its own (and, waiting, takes over
/// at once when the builds are the same).
fn say_hello(worker: &ServiceWorker, build: &str) {
    let _ = worker.post_message(&message(HELLO_MESSAGE, &[("build", build)]));
}

/// Says hello to `worker` once it has installed while an older version controls the page (on
/// a first visit nothing controls it: the new worker simply takes over, no notice).
fn follow(weak: &Weak<RefCell<Inner>>, container: &ServiceWorkerContainer, worker: ServiceWorker, build: &str) {
    let Some(inner) = weak.upgrade() else { return };
    let container = container.clone();
    let watched = worker.clone();
    let build = build.to_string();
    let listener = EventListener::new(&worker, "statechange", move |_| {
        if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            say_hello(&watched, &build);
        }
    });
    inner.borrow_mut().listeners.push(listener);
}

/// Asks the browser to fetch `sw.js` again; a failure that is the server saying it is gone
/// withdraws the worker, any other (offline) is of no interest.
fn check_for_update(container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
    let Ok(promise) = registration.update() else { return };
    let container = container.clone();
    spawn_local(async move {
        if JsFuture::from(promise).await.is_err() {
            retire_if_withdrawn(container).await;
        }
    });
}

/// Withdraws the worker when the server answers 404 or 410 for `sw.js`: the deployer took it
/// away (README.md, "Withdrawing the worker").
async fn retire_if_withdrawn(container: ServiceWorkerContainer) {
    let Some(address) = script_address() else { return };
    let Some(window) = dom::window() else { return };
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(&address, &init)).await else {
        return;
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else {
        return;
    };
    if matches!(response.status(), 404 | 410) {
        retire(container).await;
    }
}

/// Unregisters the reader's worker of this page's folder (not another application's of a
/// folder above), deletes its caches, and reloads the page once if the worker served it, so
/// that the reader sees what the server has now.
pub async fn retire(container: ServiceWorkerContainer) {
    let registration = JsFuture::from(container.get_registration_with_document_url("./"))
        .await
        .ok()
        .and_then(|registration| registration.dyn_into::<ServiceWorkerRegistration>().ok());
    let Some(registration) = registration else { return };
    let Some(folder) = dom::window().and_then(|window| {
        web_sys::Url::new_with_base(".", &window.location().href().ok()?)
            .ok()
            .map(|url| url.href())
    }) else {
        return;
    };
    let ours = [registration.active(), registration.waiting(), registration.installing()]
        .into_iter()
        .flatten()
        .any(|worker| worker.script_url() == format!("{folder}sw.js"));
    if registration.scope() != folder || !ours {
        return;
    }
    if let Ok(promise) = registration.unregister() {
        let _ = JsFuture::from(promise).await;
    }
    delete_caches(&cache_prefix(&registration.scope())).await;
    let Some(window) = dom::window() else { return };
    let session = window.session_storage().ok().flatten();
    let reloaded = session
        .as_ref()
        .and_then(|storage| storage.get_item(RETIRED_KEY).ok().flatten())
        .is_some();
    if container.controller().is_some() && !reloaded {
        if let Some(storage) = session {
            let _ = storage.set_item(RETIRED_KEY, "1");
        }
        reload();
    }
}

/// Deletes every cache whose name starts with `prefix`.
async fn delete_caches(prefix: &str) {
    let Some(window) = dom::window() else { return };
    let Ok(caches) = window.caches() else { return };
    let Ok(names) = JsFuture::from(caches.keys()).await else {
        return;
    };
    for name in js_sys::Array::from(&names).iter().filter_map(|name| name.as_string()) {
        if name.starts_with(prefix) {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
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
        if waiting.post_message(&message(SKIP_WAITING_MESSAGE, &[])).is_err() {
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

/// How much of the archive the worker keeps for reading offline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OfflineStatus {
    /// Issues in the archive.
    pub issues: u64,
    /// Issues kept.
    pub saved: u64,
    /// Bytes of the issues kept.
    pub saved_bytes: u64,
    /// Bytes of the issues not kept yet: what saving the rest adds.
    pub missing_bytes: u64,
}

/// What the worker said about saving the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OfflineNews {
    /// How much is kept.
    Status(OfflineStatus),
    /// A save is under way: files done, files to do.
    Progress(u64, u64),
    /// A save ended: how much is kept now, how many files failed, the first failure's reason,
    /// and whether the browser's storage was full.
    Saved {
        /// How much is kept now.
        status: OfflineStatus,
        /// How many files could not be saved.
        failed: u64,
        /// Why the first of them could not.
        reason: String,
        /// Whether the browser refused to store more.
        full: bool,
    },
}

/// Whether this page can keep the archive offline: it has a worker, can register it, and is
/// not in a frame.
pub fn offline_available() -> bool {
    !in_frame() && script_address().is_some() && container().is_some()
}

/// Calls `on_news` with every message the worker sends about saving the archive.
pub fn watch_offline(on_news: Callback<OfflineNews>) -> Option<EventListener> {
    let container = container()?;
    Some(EventListener::new(&container, "message", move |event| {
        let data = js_sys::Reflect::get(event, &"data".into()).unwrap_or_default();
        let status = || OfflineStatus {
            issues: count_field(&data, "issues"),
            saved: count_field(&data, "saved"),
            saved_bytes: count_field(&data, "savedBytes"),
            missing_bytes: count_field(&data, "missingBytes"),
        };
        let news = match text_field(&data, "type").as_deref() {
            Some(STATUS_MESSAGE) => OfflineNews::Status(status()),
            Some(PROGRESS_MESSAGE) => OfflineNews::Progress(count_field(&data, "done"), count_field(&data, "total")),
            Some(SAVED_MESSAGE) => OfflineNews::Saved {
                status: status(),
                failed: count_field(&data, "failed"),
                reason: text_field(&data, "reason").unwrap_or_default(),
                full: js_sys::Reflect::get(&data, &"full".into())
                    .ok()
                    .and_then(|full| full.as_bool())
                    .unwrap_or(false),
            },
            _ => return,
        };
        on_news.emit(news);
    }))
}

/// Asks the active worker (once there is one) how much of the archive it keeps.
pub fn ask_offline_status() {
    post_to_active(message(STATUS_MESSAGE, &[]));
}

/// Asks the active worker to save every issue it does not keep yet, and the browser to keep
/// the site's storage even when space runs short (a reader who saves the archive means it).
pub fn save_archive() {
    if let Some(window) = dom::window() {
        let storage = js_sys::Reflect::get(&window.navigator(), &"storage".into()).ok();
        let persist = storage
            .as_ref()
            .and_then(|storage| js_sys::Reflect::get(storage, &"persist".into()).ok())
            .and_then(|persist| persist.dyn_into::<js_sys::Function>().ok());
        if let (Some(storage), Some(persist)) = (storage, persist) {
            if let Ok(promise) = persist.call0(&storage) {
                if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                    spawn_local(async move {
                        let _ = JsFuture::from(promise).await;
                    });
                }
            }
        }
    }
    post_to_active(message(SAVE_MESSAGE, &[]));
}

/// Posts `message` to the registration's active worker once it is ready.
fn post_to_active(message: js_sys::Object) {
    let Some(container) = container() else { return };
    let Ok(ready) = container.ready() else { return };
    spawn_local(async move {
        let registration = JsFuture::from(ready)
            .await
            .ok()
            .and_then(|registration| registration.dyn_into::<ServiceWorkerRegistration>().ok());
        if let Some(active) = registration.and_then(|registration| registration.active()) {
            let _ = active.post_message(&message);
        }
    });
}
