// Starts the viewer (`cargo xtask dist` puts it in place of trunk's start script).
// The page paints the pre-rendered issue first; only then does this fetch the data and
// the code. On a slow connection the page and its stylesheet then have the bandwidth to
// themselves until the reader sees the issue (issue 16).
//
// Two WebAssembly modules (issue 16): an issue's page opened at its top or at a place in it (a
// link to a table, sorted or not, an article …), in Korean, starts the small start-up
// (crates/start, about a fifth of the viewer's size), which takes the reader to the place, sorts
// the tables and registers the service worker. The full viewer (Yew, everything else: search, filters, the
// charts' canvases, the language, the archive) starts on the first use of anything else, or at
// once for a page the start-up does not serve (a link to another view or with parts the viewer
// reports as ignored, the English interface, the single file, a page that names no start-up). The start-up hands over
// the sorts made so far (`window.bulletinHandOver`); a button pressed while the viewer loads is
// pressed again once it has started (static/boot.js keeps it, src/dom.rs replays it), and text
// typed meanwhile is read by it (src/dom.rs, keep_typed_text).
//
// The page names each module's script and WebAssembly (`cargo xtask dist` writes these tags),
// so this file is the same in every build.
const named = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
const root = document.documentElement;

const preload = (href) => {
  const link = document.createElement("link");
  link.rel = "preload";
  link.as = "fetch";
  link.crossOrigin = "anonymous";
  link.href = href;
  document.head.append(link);
};

// Compiled as it downloads (and kept compiled by the browser for the next visit), or, from a
// server that does not call it `application/wasm`, once it is all here.
const compile = async (response) => {
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (error) {
    if (response.ok && response.headers.get("Content-Type") !== "application/wasm") {
      return WebAssembly.compile(await response.arrayBuffer());
    }
    throw error;
  }
};

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// An address the start-up may serve: the top (``, `#`, `#/`) or a place in it
// (`#/table/…?sort=…`, `#/article/…`, `#/summary` …), with the date in front or not.
// The core's routes by name: xtask/src/dist.rs's tests hold it to them.
const PLACE = /^(?:#(?:\/(?:\d{4}-\d{2}-\d{2}\/?)?(?:(?:summary|colophon|(?:part|article|brief|figure|table)\/[^/?#]+)\/?(?:\?.*)?)?)?)?$/;

// The meta tags that name each module's script and WebAssembly.
const VIEWER = { script: "bulletin-viewer:script", wasm: "bulletin-viewer:wasm" };
const START_UP = { script: "bulletin-start:script", wasm: "bulletin-start:wasm" };

// Fetches, compiles and instantiates one module. Compiling ends in a task of its own; starting
// the module (instantiating it, running its main) is the next one, not the same long task. A
// trap while starting rejects this promise unhandled: static/boot.js shows the error screen.
const load = async (module) => {
  const wasmResponse = fetch(new URL(named(module.wasm), document.baseURI));
  const bindings = await import(new URL(named(module.script), document.baseURI).href);
  const compiled = await compile(await wasmResponse);
  await nextTask();
  const wasm = await bindings.default({ module_or_path: compiled });
  return { bindings, wasm };
};

// The start-up while it serves the page, else null.
let startUp = null;
// The full viewer's start, once begun.
let full = null;

const startFull = () => {
  if (full) {
    return full;
  }
  if (startUp) {
    window.bulletinHandOver = startUp.hand_over();
    startUp = null;
    delete window.bulletinSort;
  }
  full = load(VIEWER).then(({ bindings, wasm }) => {
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
  });
  return full;
};
window.bulletinLoadApp = startFull;

// What needs the full viewer: any control but a sort button (static/boot.js hands a sort
// button's press to `bulletinSort`, or keeps it for whichever module starts) or a chart (its
// tooltips are the viewer's canvas), `/` (the search box's shortcut, which focuses it meanwhile)
// and, while the start-up serves the page, another place in the address. These listen from the
// moment the page is parsed, not only once the start-up serves it: a reader who taps the search
// box, or presses `/`, while the start-up is still on its way gets the viewer at once, which
// reads what they typed meanwhile (src/dom.rs, keep_typed_text).
const CONTROLS = "input, select, textarea, button:not(.sort), summary, label, .chart-area";
const wantsApp = (event) => {
  if (!full && event.target && event.target.closest && event.target.closest(CONTROLS)) {
    startFull();
  }
};
for (const type of ["pointerdown", "touchstart", "focusin"]) {
  document.addEventListener(type, wantsApp, { capture: true, passive: true });
}
document.addEventListener(
  "keydown",
  (event) => {
    if (window.bulletinStarted || event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.target && event.target.closest && event.target.closest("input, textarea, [contenteditable]")) {
      return;
    }
    const search = document.getElementById("search-input");
    if (search) {
      event.preventDefault();
      search.focus();
    }
    startFull();
  },
  true,
);
// A form the viewer handles (the search box's) is never sent by the browser, even before the
// viewer has started: Enter pressed in the search box while it loads would load the page again.
document.addEventListener(
  "submit",
  (event) => {
    if (!window.bulletinStarted) {
      event.preventDefault();
    }
  },
  true,
);

// The skip link moves focus to the text without touching the address, as the viewer's does:
// `#main` would be read as a route, and one that names no view.
document.addEventListener(
  "click",
  (event) => {
    const main = document.getElementById("main");
    if (!window.bulletinStarted && main && event.target?.closest?.("a.skip-link")) {
      event.preventDefault();
      main.focus();
    }
  },
  true,
);

const listen = () => {
  // A link in the contents (`#/article/…`) names no element: the start-up takes the reader to its
  // place at once (scrolled there and marked, as the viewer does), and the viewer, which follows
  // the route, starts meanwhile. (A link's fragment navigation fires `popstate` first, then
  // `hashchange`; back and forward fire both too.)
  const follow = () => {
    if (!startUp) {
      return;
    }
    startUp.place(location.hash);
    startFull();
  };
  addEventListener("popstate", follow);
  addEventListener("hashchange", follow);
};

const start = async () => {
  // The reader asked for the viewer before the page had painted (a tap in the search box).
  if (full) {
    return full;
  }
  // The data is fetched first of all; it is on its way with the code.
  const data = named("bulletin:issue-data");
  if (data) {
    preload(data);
  }
  // The start-up serves only a page opened at its top or at a place in its issue (crates/start's
  // `start` decides): for another view (a search, the lists, an embed) it would decline, so it is
  // not even fetched.
  if (!PLACE.test(location.hash) || !named(START_UP.wasm) || !named(START_UP.script)) {
    return startFull();
  }
  let bindings;
  try {
    ({ bindings } = await load(START_UP));
    // When the start-up began reading the page (the bench's `startup/app/started`), in a task
    // after the one that instantiated it.
    await nextTask();
    performance.mark("bulletin:start-up");
    if (full || !(await bindings.start()) || full) {
      return startFull();
    }
  } catch (error) {
    // A trap is a bug: the error screen (static/boot.js). A module that could not be had is
    // only a slower start: the full viewer serves the page.
    if (error instanceof WebAssembly.RuntimeError) {
      throw error;
    }
    return startFull();
  }
  startUp = bindings;
  // The table is written again: its button, pressed by keyboard or pointer, gets focus back.
  window.bulletinSort = (table, column, additive) => {
    if (!startUp || !startUp.sort(table, column, additive)) {
      return false;
    }
    document.getElementById(`${table}--table`)?.querySelector(`button.sort[data-column="${column}"]`)?.focus();
    return true;
  };
  listen();
  root.setAttribute("data-ready", "start-up");
  // Focus that went into a control before this script listened (while the page was parsed).
  if (document.activeElement && document.activeElement.closest && document.activeElement.closest(CONTROLS)) {
    startFull();
    return;
  }
  // A sort button pressed before now (static/boot.js kept it): pressed again, for the start-up.
  const tap = window.bulletinEarlyTap;
  if (typeof tap === "string") {
    delete window.bulletinEarlyTap;
    for (const element of document.querySelectorAll("[data-pending], button.sort[aria-busy]")) {
      element.removeAttribute("data-pending");
      element.removeAttribute("aria-busy");
    }
    document.querySelector(tap)?.click();
  }
  // The end-to-end suite's switch (tests/e2e/lib/harness.mjs): the full viewer at once, by way
  // of the hand-over, for the scenarios written against it.
  if (window.bulletinEager === true) {
    startFull();
    return;
  }
  // The service worker, once the browser is idle, as the viewer registers it once started.
  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 200));
  idle(() => startUp && startUp.register_worker(), { timeout: 2000 });
};

// Once the page is parsed and its first contentful paint is on the screen (a paint entry is
// recorded once the frame is presented; the observer is told in a task of its own). No
// DOMContentLoaded listener and no animation frame callback: nothing of this file runs in the
// tasks where the browser parses, lays out and paints the page. A page that paints nothing (a
// hidden tab, a frame out of view) starts anyway half a second after it is parsed.
let started = false;
let waited = 0;
const check = () => {
  if (started) {
    return;
  }
  const parsed = document.readyState !== "loading";
  const painted = performance.getEntriesByName("first-contentful-paint").length > 0;
  if (parsed && (painted || waited >= 500)) {
    started = true;
    start();
    return;
  }
  if (parsed) {
    waited += 50;
  }
  setTimeout(check, 50);
};
try {
  new PerformanceObserver(() => setTimeout(check, 0)).observe({ type: "paint" });
} catch (error) {
  // No paint timing: the timer below is enough.
}
check();
