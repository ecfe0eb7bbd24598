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

const start = async () => {
  // The app fetches the page's issue first of all; it is on its way with the code.
  const data = document.querySelector('meta[name="bulletin:issue-data"]');
  if (data && data.content) {
    preload(data.content);
  }
  const wasmResponse = fetch(new URL(named("bulletin-viewer:wasm"), document.baseURI));
  const bindings = await import(new URL(named("bulletin-viewer:script"), document.baseURI).href);
  // A trap while starting rejects this promise unhandled: static/boot.js shows the error screen.
  const wasm = await bindings.default({ module_or_path: wasmResponse });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
};

// After the first paint of the whole page: a frame's callback runs before the frame is painted,
// the task it queues after. No DOMContentLoaded listener: nothing of this file runs in the task
// where the browser finishes parsing and laying out the page. A page that paints no frame (a
// hidden tab, a frame out of view) starts anyway, once it is parsed.
let started = false;
const startOnce = () => {
  if (!started && document.readyState !== "loading") {
    started = true;
    start();
  }
};
const afterFirstPaint = () =>
  requestAnimationFrame(() => (document.readyState === "loading" ? afterFirstPaint() : setTimeout(startOnce, 0)));
const fallback = () => {
  startOnce();
  if (!started) {
    setTimeout(fallback, 500);
  }
};
afterFirstPaint();
setTimeout(fallback, 500);
