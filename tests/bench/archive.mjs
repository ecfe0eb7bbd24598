// The browser side of the archive section of `cargo xtask bench` (xtask/src/bench/archive.rs):
// drives Debian's Chromium over synthetic archives of 1, 50 and 500 issues, each built by the
// real `cargo xtask dist --bulletins`, and appends what it measures to BENCH_RECORDS, one
// tab-separated record a line, as tests/bench/bench.mjs does (xtask/src/bench/records.rs reads
// them). It computes no statistics and gives no verdicts. docs/benchmark.md describes every
// measurement; the comments here say how each is taken.
//
// Every `info` and `sample` name comes from the list in the facts file (its `bench.records`,
// from xtask/src/bench/metric.rs): a name not in it is an error here, as it is in the xtask.
//
// Run by `cargo xtask bench` (or `--archive-only`), which sets:
//   BENCH_URL       the server's address; below it archive-1/, archive-50/, archive-500/
//   BENCH_DIR       the folder served (target/bench), for the sizes of the files requested
//   BENCH_FACTS     the facts file of the largest archive's build (xtask/src/facts.rs)
//   BENCH_RUNS      loads, navigations or keystrokes behind each median
//   BENCH_ARCHIVES  JSON: [{ folder, issues, old, plain }], the oldest issue's page and its
//                   copy without scripts, in each archive's folder
//   BENCH_RECORDS   the file to append to
//   CHROMIUM        the browser (Debian's; the test tools' own downloads do not work here)

import { appendFileSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { constants, brotliCompressSync, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run this through \`cargo xtask bench --archive-only\``);
  }
  return value;
}

const BASE = required("BENCH_URL");
const DIR = required("BENCH_DIR");
const FACTS_PATH = required("BENCH_FACTS");
const RECORDS = required("BENCH_RECORDS");
const ARCHIVES = JSON.parse(required("BENCH_ARCHIVES"));
/** The bench's part of the facts file: `{ records, … }`. */
const FACTS = JSON.parse(readFileSync(FACTS_PATH, "utf8")).bench;
const RUNS = Number(process.env.BENCH_RUNS || "15");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** As tests/bench/bench.mjs launches it. */
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const VIEWPORT = { width: 1280, height: 900 };
const TIMEOUT = 120_000;
/** Queries typed into the search box one character at a time; the synthetic issues hold each. */
const QUERIES = ["충전 인프라", "인공지능", "NSFC", "신에너지 자동차"];
/** The two list views: their route and what is in the DOM once the list is. */
const LISTS = [
  { list: "archive", hash: "#/archive", selector: ".archive-issue" },
  { list: "tables", hash: "#/tables", selector: ".tables-list td" },
];

// ---- records ----------------------------------------------------------------------------

function record(...fields) {
  const clean = fields.map((field) => String(field).replace(/[\t\n\r]/g, " "));
  appendFileSync(RECORDS, clean.join("\t") + "\n");
}

/** Each name a record may carry and its kind. */
const NAMES = new Map(FACTS.records.map((name) => [name.template, name.kind]));

/** `template` filled in with `values`; a name not in the facts is an error. */
function named(kind, template, values) {
  if (NAMES.get(template) !== kind) {
    throw new Error(`${template}: no such ${kind} name in ${FACTS_PATH} (xtask/src/bench/metric.rs lists them)`);
  }
  return template.replace(/\{(\w+)\}/g, (slot, key) => {
    const value = values[key] === undefined ? "" : String(values[key]);
    if (value === "" || /[/\t\n\r]/.test(value)) {
      throw new Error(`${template}: ${slot} is ${JSON.stringify(values[key])}, not one path segment`);
    }
    return value;
  });
}

function info(template, value, values = {}) {
  record("info", named("info", template, values), value);
}

function sample(template, value, values = {}) {
  const metric = named("sample", template, values);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${metric}: measured ${value}, not a number`);
  }
  record("sample", metric, value.toFixed(3));
}

function log(text) {
  process.stderr.write(`bench archive: ${text}\n`);
}

const url = (path) => new URL(path, BASE).href;

// ---- the page side ----------------------------------------------------------------------

/**
 * Added before the page's own scripts: notes when `html[data-ready]` says the page is ready. With
 * `startUp`, as a reader's first visit: an issue's page opened at its top is ready when its
 * start-up without Yew is (`data-ready="start-up"`, xtask/src/start.js). Without, the start script
 * hands over to the full viewer at once (`bulletinEager`), for the lists and the search it runs.
 */
function pageInit(startUp) {
  if (window.top !== window) {
    return;
  }
  if (!startUp) {
    window.bulletinEager = true;
  }
  window.__readyAt = null;
  const observer = new MutationObserver(() => {
    const ready = document.documentElement.getAttribute("data-ready");
    if (ready === "true" || (startUp && ready === "start-up")) {
      window.__readyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { attributes: true, attributeFilter: ["data-ready"], subtree: true });
}

// ---- the browser ------------------------------------------------------------------------

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });

/**
 * A fresh browser context (empty cache and storage, as a first visit), the HTTP cache also
 * disabled through the DevTools protocol. With `worker: false` the page registers no service
 * worker, whose install (precaching the catalog and the search bundles) would otherwise compete
 * for the two cores while a view or a keystroke is timed.
 */
async function freshPage({ worker = true, startUp = false } = {}) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    colorScheme: "light",
    serviceWorkers: worker ? "allow" : "block",
  });
  await context.addInitScript(pageInit, startUp);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(message.text());
    }
  });
  const close = async () => {
    await context.close();
    if (errors.length > 0) {
      log(`the page reported errors: ${errors.join(" | ")}`);
    }
  };
  return { context, page, close };
}

/** Loads `path` and waits for its first contentful paint and, for the app, `data-ready`. */
async function load(page, path, { app }) {
  await page.goto(url(path), { waitUntil: "load", timeout: TIMEOUT });
  await page.waitForFunction(
    (app) => performance.getEntriesByName("first-contentful-paint").length > 0 && (!app || window.__readyAt !== null),
    app,
    { polling: 50, timeout: TIMEOUT },
  );
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
    ready: window.__readyAt,
  }));
}

// ---- first load -----------------------------------------------------------------------------

function kindOf(path) {
  const extension = extname(path).toLowerCase();
  return (
    {
      ".html": "html",
      ".js": "js",
      ".wasm": "wasm",
      ".css": "css",
      ".png": "icon",
      ".svg": "icon",
      ".ico": "icon",
      ".webmanifest": "manifest",
    }[extension] || "data"
  );
}

/** Sizes as tests/bench/bench.mjs computes them: raw, gzip -9, brotli quality 11. */
function sizes(bytes) {
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
  return { raw: bytes.length, gzip, brotli };
}

/**
 * One cold first visit of the archive's root (its newest issue), as the size section of
 * tests/bench/bench.mjs does it: every request until the network has been quiet for 3 s after
 * `data-ready`, split by who asked (the page, or the service worker precaching after load).
 */
async function firstVisit(folder) {
  const { context, page, close } = await freshPage({ startUp: true });
  const seen = new Map();
  let last = Date.now();
  context.on("request", (request) => {
    last = Date.now();
    let fromWorker = false;
    try {
      fromWorker = request.serviceWorker() !== null;
    } catch {
      fromWorker = false;
    }
    const address = request.url();
    const origin = fromWorker ? "service-worker" : "page";
    const known = seen.get(address);
    if (!known || (known === "service-worker" && origin === "page")) {
      seen.set(address, origin);
    }
  });
  await load(page, `${folder}/`, { app: true });
  const started = Date.now();
  while (Date.now() - last < 3000 && Date.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await close();
  const prefix = url(`${folder}/`);
  for (const [address, origin] of seen) {
    if (!address.startsWith(prefix)) {
      log(`${folder}: ignoring a request outside the folder: ${address}`);
      continue;
    }
    let path = decodeURIComponent(new URL(address).pathname.slice(new URL(prefix).pathname.length));
    if (path === "" || path.endsWith("/")) {
      path += "index.html";
    }
    const size = sizes(readFileSync(join(DIR, folder, path)));
    record("file", folder, path, kindOf(path), origin, size.raw, size.gzip, size.brotli);
  }
}

// ---- opening an old issue -------------------------------------------------------------------

/**
 * `RUNS` cold loads each of the newest issue's page, the oldest issue's page and that page
 * without scripts, in a rotating order so that a noisy moment does not always hit the same one.
 */
async function paints({ folder, issues, old, plain }) {
  const loads = [
    async () => sample("archive/{issues}/newest/fcp", (await once(`${folder}/`, true)).fcp, { issues }),
    async () => {
      const times = await once(`${folder}/${old}`, true);
      sample("archive/{issues}/old-issue/fcp", times.fcp, { issues });
      sample("archive/{issues}/old-issue/ready", times.ready, { issues });
    },
    async () => sample("archive/{issues}/plain/fcp", (await once(`${folder}/${plain}`, false)).fcp, { issues }),
  ];
  for (let run = 0; run < RUNS; run += 1) {
    for (let step = 0; step < loads.length; step += 1) {
      await loads[(run + step) % loads.length]();
    }
  }
}

async function once(path, app) {
  const { page, close } = await freshPage();
  const times = await load(page, path, { app });
  await close();
  return times;
}

// ---- the list views -------------------------------------------------------------------------

/**
 * In the page: goes to `hash` and times it. Time zero is just before the address changes; a
 * mutation observer notes when `selector` is first in the DOM (`rendered`), and the animation
 * frame after the first frame that can show it ends `painted` (a double requestAnimationFrame).
 */
function navigate({ hash, selector }) {
  return new Promise((resolve) => {
    let rendered = null;
    const timer = setTimeout(() => resolve({ error: `${selector} not rendered within 60 s of ${hash}` }), 60_000);
    const observer = new MutationObserver(() => {
      if (rendered !== null || !document.querySelector(selector)) {
        return;
      }
      rendered = performance.now() - start;
      observer.disconnect();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve({ rendered, painted: performance.now() - start });
        }),
      );
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const start = performance.now();
    location.hash = hash;
  });
}

/** Back to the issue, and the browser idle again. */
async function back(page, selector) {
  await page.evaluate(() => {
    location.hash = "#/";
  });
  await page.waitForFunction((selector) => !document.querySelector(selector), selector, { polling: 20 });
  await page.waitForTimeout(300);
}

/**
 * The archive and the tables view: opened once from the newest issue (the catalog is fetched
 * and read; shown, not budgeted), then `RUNS` times again, with the catalog in memory.
 */
async function views({ folder, issues }) {
  const { page, close } = await freshPage({ worker: false });
  await load(page, `${folder}/`, { app: true });
  // The charts' canvases are set up and drawn in idle time after load; let them be.
  await page.waitForTimeout(1000);
  for (const { list, hash, selector } of LISTS) {
    const first = await page.evaluate(navigate, { hash, selector });
    if (first.error) {
      throw new Error(`${folder}: ${first.error}`);
    }
    sample("archive/{issues}/view/{list}/first", first.painted, { issues, list });
    await back(page, selector);
    for (let run = 0; run < RUNS; run += 1) {
      const time = await page.evaluate(navigate, { hash, selector });
      if (time.error) {
        throw new Error(`${folder}: ${time.error}`);
      }
      sample("archive/{issues}/view/{list}/rendered", time.rendered, { issues, list });
      sample("archive/{issues}/view/{list}/painted", time.painted, { issues, list });
      await back(page, selector);
    }
  }
  await close();
}

// ---- search ---------------------------------------------------------------------------------

/**
 * In the page: for every input event of the search box (time zero, a capturing listener on
 * the window, which runs before any of the page's), `rendered` is the last change a mutation observer saw
 * in the results panel before the next frame, and `painted` the animation frame after the one
 * that showed it.
 */
function watchSearchBox() {
  const input = document.getElementById("search-input");
  window.__keys = [];
  let start = null;
  let rendered = null;
  const observer = new MutationObserver((mutations) => {
    if (start === null) {
      return;
    }
    const results = document.getElementById("search-results");
    const touches = (mutation) =>
      results.contains(mutation.target) || Array.from(mutation.addedNodes).some((node) => node.contains(results));
    if (results && mutations.some(touches)) {
      rendered = performance.now() - start;
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  // On the window, capturing: before any of the page's listeners, which may be delegated
  // and capture too; the app's render, run in a microtask after its listener, is then after
  // time zero.
  addEventListener(
    "input",
    (event) => {
      if (event.target !== input) {
        return;
      }
    start = performance.now();
    rendered = null;
    const value = input.value;
    requestAnimationFrame(() => {
      const done = rendered;
      const shown = document.querySelector("#search-results .result-count");
      const count = shown ? shown.textContent : null;
      requestAnimationFrame(() => {
        window.__keys.push({ value, rendered: done, painted: performance.now() - start, count });
        start = null;
      });
    });
    },
    { capture: true },
  );
}

/**
 * The first keystroke opens the panel, which fetches the search bundles and indexes every
 * issue (shown as `search-ready`, not budgeted); then the queries are typed one character at a
 * time, in `ceil(RUNS / 5)` rounds, with Escape between them, and each keystroke is timed.
 */
async function search({ folder, issues }) {
  const { page, close } = await freshPage({ worker: false });
  await load(page, `${folder}/`, { app: true });
  await page.waitForTimeout(1000);
  await page.focus("#search-input");
  const before = await page.evaluate(() => performance.now());
  await page.keyboard.type("인");
  await page.waitForFunction(
    () => !document.querySelector("#search-results .indexing") && document.querySelector("#search-results .result-count"),
    null,
    { polling: 20, timeout: TIMEOUT },
  );
  sample("archive/{issues}/search-ready", (await page.evaluate(() => performance.now())) - before, { issues });
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("search-results"), null, { polling: 20 });
  await page.evaluate(watchSearchBox);
  await page.focus("#search-input");
  const rounds = Math.max(1, Math.ceil(RUNS / 5));
  for (let round = 0; round < rounds; round += 1) {
    for (const query of QUERIES) {
      for (const character of Array.from(query)) {
        const n = await page.evaluate(() => window.__keys.length);
        await page.keyboard.type(character);
        await page.waitForFunction((n) => window.__keys.length > n, n, { polling: 20 });
        const key = await page.evaluate(() => window.__keys[window.__keys.length - 1]);
        if (key.count === null) {
          throw new Error(`${folder}: no results panel in the frame after typing ${JSON.stringify(key.value)}`);
        }
        // A space changes no result and so nothing in the panel: only the painted time is kept.
        if (key.rendered !== null) {
          sample("archive/{issues}/keystroke/rendered", key.rendered, { issues });
        } else if (character !== " ") {
          throw new Error(`${folder}: typing ${JSON.stringify(key.value)} changed nothing in the results panel`);
        }
        sample("archive/{issues}/keystroke/painted", key.painted, { issues });
        await page.waitForTimeout(50);
      }
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.getElementById("search-results"), null, { polling: 20 });
      await page.waitForTimeout(100);
    }
  }
  await close();
}

try {
  info("chromium", browser.version());
  for (const archive of ARCHIVES) {
    const started = Date.now();
    log(`${archive.folder}: first visit, ${RUNS} loads of three pages, the list views, search`);
    await firstVisit(archive.folder);
    await paints(archive);
    await views(archive);
    await search(archive);
    log(`${archive.folder}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
}
