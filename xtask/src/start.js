// Starts the viewer (`cargo xtask dist` puts it in place of trunk's start script).
// The page paints the pre-rendered issue first; only then does this fetch the data, the
// WebAssembly and its JavaScript, and start the app. On a slow connection the page and its
// stylesheet then have the bandwidth to themselves until the reader sees the issue, instead of
// sharing it with a quarter of a megabyte of code that is of no use before then (issue 16).
// The page names the viewer's script and WebAssembly (`cargo xtask dist` writes these tags), so
// this file is the same in every build.
const named = (name) => document.querySelector(`meta[name="${name}"]`)?.content;

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

const start = async () => {
  // The app fetches the page's issue first of all; it is on its way with the code.
  const data = document.querySelector('meta[name="bulletin:issue-data"]');
  if (data && data.content) {
    preload(data.content);
  }
  const wasmResponse = fetch(new URL(named("bulletin-viewer:wasm"), document.baseURI));
  const bindings = await import(new URL(named("bulletin-viewer:script"), document.baseURI).href);
  const module = await compile(await wasmResponse);
  // Compiling ends in a task of its own; starting the app (instantiating it, running its main)
  // is the next one, not the same long task.
  await new Promise((resolve) => setTimeout(resolve, 0));
  // A trap while starting rejects this promise unhandled: static/boot.js shows the error screen.
  const wasm = await bindings.default({ module_or_path: module });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
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
