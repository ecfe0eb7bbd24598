// The browser side of `cargo xtask bench`: drives Debian's Chromium over the builds that
// the xtask serves, and writes what it measures to BENCH_RECORDS, one tab-separated record
// a line (`info`, `file` and `sample`; xtask/src/bench/records.rs reads them). It computes
// no statistics and gives no verdicts: the xtask does, natively tested. docs/benchmark.md
// describes every measurement; the comments here say how each is taken.
//
// Every `info` and `sample` name comes from the list in the facts file (its `bench.records`,
// from xtask/src/bench/metric.rs): a name not in it is an error here, as it is in the xtask,
// so that a typo cannot read as "not measured". The facts file also gives the sections, the
// 10,000-row table's id and the search archive's size.
//
// Run by `cargo xtask bench`, which sets:
//   BENCH_URL       the server's address; below it app/, plain/, big/, hooks/, datatables/
//   BENCH_DIR       the folder served (target/bench), for the sizes of the files requested
//   BENCH_FACTS     the facts file of the app/ build (xtask/src/facts.rs)
//   BENCH_RUNS      loads, clicks or calls behind each median
//   BENCH_SECTIONS  comma-separated: size, startup, sort, chart, search, memory, lighthouse
//   BENCH_RECORDS   the file to write
//   CHROMIUM        the browser (Debian's; the test tools' own downloads do not work here)

import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, brotliCompressSync, gzipSync } from "node:zlib";
import { launch as launchChrome } from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run this through \`cargo xtask bench\``);
  }
  return value;
}

const BASE = required("BENCH_URL");
const DIR = required("BENCH_DIR");
const FACTS_PATH = required("BENCH_FACTS");
const RECORDS = required("BENCH_RECORDS");
const FACTS_FILE = JSON.parse(readFileSync(FACTS_PATH, "utf8"));
/** The bench's part of the facts file: `{ records, sections, big_table, archive_copies }`. */
const FACTS = FACTS_FILE.bench;
/**
 * A link into the issue, as a reader follows one: to its last charted table, sorted by its
 * first figure column, largest first (the facts file's `derived` issue).
 */
const LINK = (() => {
  const tables = FACTS_FILE.derived.tables.filter((table) => table.chart !== null);
  const table = tables.at(-1);
  const column = table?.columns.find((entry) => ["Integer", "Decimal", "Index"].includes(entry.kind));
  return table && column ? `#/table/${table.id}?sort=${column.id}:desc` : null;
})();
const RUNS = Number(process.env.BENCH_RUNS || "15");
const SECTIONS = (process.env.BENCH_SECTIONS || FACTS.sections.join(",")).split(",");
const BIG_TABLE = FACTS.big_table;
const ARCHIVE_COPIES = FACTS.archive_copies;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

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
/** How long a page may take to become interactive (the 10,000-row page on 2 busy cores). */
const READY_TIMEOUT = 120_000;
/** What a page logs once it is interactive and its canvases are drawn (see `pageInit`). */
const DONE_MESSAGE = "bench: interactive, every canvas near the view drawn";
/** The columns of the 10,000-row table clicked in turn: an amount and a name. */
const BIG_COLUMNS = ["지원액", "기관"];
/** Queries typed into the issue's search box, one character at a time. */
const ISSUE_QUERIES = ["충전 인프라", "인공지능", "NSFC", "신에너지 자동차"];
/** Lighthouse runs of each page, and phone start-ups traced for their longest task, at most. */
const PHONE_RUNS = 5;
/** Lighthouse's mobile profile's screen (a Moto G Power), for the traced start-ups. */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
/** Lighthouse's mobile profile's CPU slowdown, applied for real (DevTools' throttling) in the traces. */
const CPU_SLOWDOWN = 4;
/** Trace events that run the page's scripts or WebAssembly: a task holding one is the viewer's. */
const SCRIPT_EVENTS = new Set([
  "EvaluateScript",
  "v8.evaluateModule",
  "FunctionCall",
  "v8.callFunction",
  "FireIdleCallback",
  "TimerFire",
  "v8.wasm.compileConsume",
  "wasm.OnBytesReceived",
  "wasm.FinishStreaming",
  "wasm.SyncInstantiate",
]);
/**
 * Whether a trace event is the page's own code running: a script of the page's (it has a URL)
 * or its WebAssembly. The bench's probe, added before the page's scripts (`pageInit`, an
 * animation-frame callback every frame), has no URL: a frame in which only it ran is the
 * browser painting, not the viewer's start-up.
 */
function viewerScript(event) {
  if (!SCRIPT_EVENTS.has(event.name)) {
    return false;
  }
  if (["EvaluateScript", "v8.evaluateModule", "FunctionCall", "v8.callFunction"].includes(event.name)) {
    return Boolean(event.args?.data?.url);
  }
  return true;
}
/** Queries whose every prefix is searched in the archive. */
const ARCHIVE_QUERIES = ["충전 인프라", "인공지능", "NSFC", "신에너지 자동차", "2023"];

// ---- records ----------------------------------------------------------------------------

writeFileSync(RECORDS, "");

function record(...fields) {
  const clean = fields.map((field) => String(field).replace(/[\t\n\r]/g, " "));
  appendFileSync(RECORDS, clean.join("\t") + "\n");
}

/** Each name a record may carry (`startup/app/fcp`, `chart/{chart}` …) and its kind. */
const NAMES = new Map(FACTS.records.map((name) => [name.template, name.kind]));

/**
 * `template` with `values[key]` in each of its `{key}` segments. A template that is not one of
 * the facts' names of this kind, or a value that is not one path segment, is an error.
 */
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

/** An `info` record: `template` (a name from the facts) filled in with `values`. */
function info(template, value, values = {}) {
  record("info", named("info", template, values), value);
}

/** A `sample` record: `template` (a name from the facts) filled in with `values`. */
function sample(template, value, values = {}) {
  const metric = named("sample", template, values);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${metric}: measured ${value}, not a number`);
  }
  record("sample", metric, value.toFixed(3));
}

function log(text) {
  process.stderr.write(`bench: ${text}\n`);
}

const url = (path) => new URL(path, BASE).href;

// ---- the page side ----------------------------------------------------------------------

/**
 * Added to every page before its own scripts. It notes when `html[data-ready="true"]`
 * appears (the app sets it after its first render; the DataTables page after its set-up),
 * and from then on checks at every animation frame whether every `figure.chart` shows its
 * chart: the pre-rendered SVG, painted with the page, or a canvas drawn, which the app marks
 * with a `chart-draw:<table id>` performance measure. The frame after the one where all of
 * that first holds has been painted: its time is `paintedAt`, "interactive". It then goes on
 * watching until every canvas near the view has had its first draw (the app leaves a chart's
 * canvas alone until the chart is within a screen's height of the view, `NEAR_VIEW` in
 * src/components/chart_view.rs, and then for the browser's idle time): `canvasesAt`. The
 * WebAssembly exports come with trunk's `TrunkApplicationStarted` event, for the memory's size.
 */
function pageInit([doneMessage, startUp]) {
  if (window.top !== window) {
    return;
  }
  // Without `startUp`, an issue's page opened at its top hands over to the full viewer as soon as
  // its start-up without Yew is ready (xtask/src/start.js), for the sections that measure the
  // viewer's features; with it, the page is measured as a reader's first visit, where the
  // start-up serves it (`data-ready="start-up"`) until the reader uses anything but a sort.
  if (!startUp) {
    window.bulletinEager = true;
  }
  const bench = {
    readyAt: null,
    drawnAt: null,
    canvasesAt: null,
    ready: null,
    paintedAt: null,
    startedAt: null,
    wasm: null,
  };
  window.__bench = bench;
  addEventListener("TrunkApplicationStarted", (event) => {
    bench.startedAt = performance.now();
    bench.wasm = event.detail ? event.detail.wasm : null;
  });
  // Whether a chart's area is within a screen's height of the view, where the app draws its canvas.
  const nearView = (figure) => {
    const rect = (figure.querySelector(".chart-area") || figure).getBoundingClientRect();
    return rect.bottom > -innerHeight && rect.top < 2 * innerHeight;
  };
  // The end of the first draw of every chart on the page, or null while one is undrawn; with
  // `svgCounts`, a chart still showing its pre-rendered SVG counts as drawn from the start, and
  // without, only the charts near the view count.
  const chartsDrawnAt = (svgCounts) => {
    let end = 0;
    for (const figure of document.querySelectorAll("figure.chart")) {
      if (!figure.querySelector("canvas")) {
        continue;
      }
      if (svgCounts ? figure.querySelector("svg.chart-svg") : !nearView(figure)) {
        continue;
      }
      const id = figure.id.replace(/--chart$/, "");
      const draws = performance.getEntriesByName(`chart-draw:${id}`, "measure");
      if (draws.length === 0) {
        return null;
      }
      end = Math.max(end, draws[0].startTime + draws[0].duration);
    }
    return end;
  };
  const pollCanvases = () => {
    const canvasesAt = chartsDrawnAt(false);
    if (canvasesAt === null) {
      requestAnimationFrame(pollCanvases);
      return;
    }
    // With no canvas near the view, there was nothing to wait for after interactive.
    bench.canvasesAt = Math.max(canvasesAt, bench.paintedAt);
    // Tells node without it polling the page: Playwright's `waitForFunction` would inject its
    // script into the page while it loads, and put that script's run into what is measured.
    console.debug(doneMessage);
  };
  const poll = () => {
    const drawnAt = chartsDrawnAt(true);
    if (drawnAt === null) {
      requestAnimationFrame(poll);
      return;
    }
    bench.drawnAt = drawnAt;
    bench.ready = Math.max(bench.readyAt, drawnAt);
    requestAnimationFrame(() => {
      bench.paintedAt = performance.now();
      pollCanvases();
    });
  };
  // The start-up serves the page: its charts are their SVG, it draws no canvas.
  const startUpReady = () => {
    const began = performance.getEntriesByName("bulletin:start-up", "mark")[0];
    bench.startedAt = began ? began.startTime : null;
    bench.drawnAt = bench.readyAt;
    bench.ready = bench.readyAt;
    requestAnimationFrame(() => {
      bench.paintedAt = performance.now();
      bench.canvasesAt = bench.paintedAt;
      console.debug(doneMessage);
    });
  };
  const check = () => {
    const root = document.documentElement;
    const ready = root ? root.getAttribute("data-ready") : null;
    if (bench.readyAt === null && (ready === "true" || (startUp && ready === "start-up"))) {
      bench.readyAt = performance.now();
      if (ready === "start-up") {
        startUpReady();
      } else {
        requestAnimationFrame(poll);
      }
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (check()) {
      observer.disconnect();
    }
  });
  observer.observe(document, { attributes: true, attributeFilter: ["data-ready"], subtree: true });
}

/**
 * Arms one click measurement: the next click anywhere is time zero (a capture listener on
 * the window, before any handler of the page). A mutation observer on `tableSelector` notes
 * when the first row of `rowSelector` has changed in the document (`dom`; observer callbacks
 * run once the page's current script work is done). Each animation frame checks the first
 * row too, and the frame after the first one that shows the new row has been painted
 * (`painted`, the double requestAnimationFrame).
 */
function armClick([tableSelector, rowSelector]) {
  const firstRow = () => {
    const row = document.querySelector(rowSelector);
    return row ? row.textContent : null;
  };
  const before = firstRow();
  window.__click = new Promise((resolve) => {
    let start = null;
    let dom = null;
    const observer = new MutationObserver(() => {
      if (start !== null && dom === null && firstRow() !== before) {
        dom = performance.now() - start;
      }
    });
    // The table's parent: the app writes a sorted table anew, replacing the element itself.
    observer.observe(document.querySelector(tableSelector).parentElement, { childList: true, subtree: true });
    addEventListener(
      "click",
      () => {
        start = performance.now();
        const frame = () => {
          if (firstRow() === before) {
            if (performance.now() - start > 60_000) {
              observer.disconnect();
              resolve({ error: `the first row of ${rowSelector} did not change within 60 s` });
            } else {
              requestAnimationFrame(frame);
            }
            return;
          }
          requestAnimationFrame(() => {
            const painted = performance.now() - start;
            observer.disconnect();
            resolve({ painted, dom, row: firstRow() });
          });
        };
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
  });
}

// ---- the browser ------------------------------------------------------------------------

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });

/**
 * A fresh browser context (its own empty cache and storage, as a first visit) with the HTTP
 * cache also disabled through the DevTools protocol, and one page in it.
 */
async function freshPage({ deviceScaleFactor = 1, startUp = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor, colorScheme: "light" });
  await context.addInitScript(pageInit, [DONE_MESSAGE, startUp]);
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
  return { context, page, cdp, errors, close };
}

/**
 * Loads `path` and waits until it is interactive and its canvases are drawn (see `pageInit`),
 * which the page says on its console: nothing of Playwright's runs in the page meanwhile.
 */
async function openInteractive(page, path) {
  const done = page.waitForEvent("console", {
    predicate: (message) => message.text() === DONE_MESSAGE,
    timeout: READY_TIMEOUT,
  });
  await page.goto(url(path), { waitUntil: "load", timeout: READY_TIMEOUT });
  await done;
}

/**
 * Scrolls each chart into view in turn until its canvas has had its first draw, then back to the
 * top: the app draws a chart's canvas only once the chart comes near the view, and the
 * measurements that follow (sorting with the chart following, chart redraws, search, memory)
 * start with every canvas drawn, as for a reader who has scrolled through the issue.
 */
async function drawEveryChart(page) {
  await page.evaluate(async () => {
    const drawn = (figure) => performance.getEntriesByName(`chart-draw:${figure.id.replace(/--chart$/, "")}`, "measure").length > 0;
    for (const figure of document.querySelectorAll("figure.chart")) {
      if (!figure.querySelector("canvas")) {
        continue;
      }
      figure.scrollIntoView({ block: "center", behavior: "instant" });
      const started = performance.now();
      while (!drawn(figure)) {
        if (performance.now() - started > 10_000) {
          throw new Error(`${figure.id}: its canvas was not drawn within 10 s of its chart scrolled into view`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    window.scrollTo({ top: 0, behavior: "instant" });
  });
}

// ---- size ---------------------------------------------------------------------------------

function kindOf(path) {
  const extension = extname(path).toLowerCase();
  return (
    {
      ".html": "html",
      ".js": "js",
      ".mjs": "js",
      ".wasm": "wasm",
      ".css": "css",
      ".png": "icon",
      ".svg": "icon",
      ".ico": "icon",
      ".webmanifest": "manifest",
    }[extension] || "data"
  );
}

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
 * One cold first visit of `folder`, recording every request the browser makes until the
 * network has been quiet for 3 s after the page is ready (the service worker installs and
 * precaches in that time). The sizes are those of the served files themselves.
 */
async function firstVisitFiles(folder, { interactive }) {
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
  if (interactive) {
    await openInteractive(page, `${folder}/`);
  } else {
    await page.goto(url(`${folder}/`), { waitUntil: "load" });
  }
  const started = Date.now();
  while (Date.now() - last < 3000 && Date.now() - started < 30_000) {
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
    let bytes;
    try {
      bytes = readFileSync(join(DIR, folder, path));
    } catch (error) {
      throw new Error(`${folder}/${path} was requested but cannot be read: ${error.message}`);
    }
    const size = sizes(bytes);
    record("file", folder, path, kindOf(path), origin, size.raw, size.gzip, size.brotli);
  }
}

async function sectionSize() {
  log("size: a cold first visit of the app and of the plain page");
  await firstVisitFiles("app", { interactive: true });
  await firstVisitFiles("plain", { interactive: false });
  // The stack's floor (tests/bench/floor, built by the xtask): its JS glue and WebAssembly.
  const floor = join(DIR, "floor");
  if (existsSync(floor)) {
    for (const name of readdirSync(floor).sort()) {
      const size = sizes(readFileSync(join(floor, name)));
      record("file", "floor", name, kindOf(name), "page", size.raw, size.gzip, size.brotli);
    }
  }
}

// ---- start-up -------------------------------------------------------------------------------

async function loadApp() {
  const { page, close } = await freshPage({ startUp: true });
  await openInteractive(page, "app/");
  const times = await page.evaluate(() => {
    const bench = window.__bench;
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const navigation = performance.getEntriesByType("navigation")[0];
    const wasm = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(".wasm"));
    return {
      fcp: paint ? paint.startTime : null,
      html: navigation ? navigation.responseEnd : null,
      wasm: wasm ? wasm.responseEnd : null,
      started: bench.startedAt,
      dataReady: bench.readyAt,
      drawn: bench.drawnAt,
      canvases: bench.canvasesAt,
      ready: bench.ready,
      interactive: bench.paintedAt,
      charts: document.querySelectorAll("figure.chart canvas").length,
    };
  });
  await close();
  sample("startup/app/fcp", times.fcp);
  sample("startup/app/interactive", times.interactive);
  sample("startup/app/ready", times.ready);
  sample("startup/app/html", times.html);
  sample("startup/app/wasm", times.wasm);
  sample("startup/app/started", times.started);
  sample("startup/app/data-ready", times.dataReady);
  sample("startup/app/charts-drawn", times.drawn);
  sample("startup/app/canvases-drawn", times.canvases);
  return times;
}

async function loadPlain() {
  const { page, close } = await freshPage();
  await page.goto(url("plain/"), { waitUntil: "load" });
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, {
    polling: 50,
  });
  const times = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
    html: performance.getEntriesByType("navigation")[0].responseEnd,
  }));
  await close();
  sample("startup/plain/fcp", times.fcp);
  sample("startup/plain/html", times.html);
  return times;
}

async function sectionStartup() {
  log(`startup: ${RUNS} cold loads of the app and of the plain page, interleaved`);
  for (let run = 0; run < RUNS; run += 1) {
    // Alternate which goes first, so that neither always follows the other.
    const order = run % 2 === 0 ? [loadApp, loadPlain] : [loadPlain, loadApp];
    for (const load of order) {
      await load();
    }
  }
  const { page, close } = await freshPage();
  await openInteractive(page, "app/");
  info("charts-on-load", await page.evaluate(() => document.querySelectorAll("figure.chart canvas").length));
  await close();
}

// ---- sorting --------------------------------------------------------------------------------

/**
 * Clicks the headers in `headers` in turn, `RUNS` times each, and records each click's time
 * under the names in `metrics` (`painted`, `dom` and, with `chartId`, `chart`: templates from
 * the facts), filled in with `values` and the header's name as `{column}`. Clicking two
 * columns in turn makes every click a fresh sort whose first row differs from the one before.
 */
async function clickHeaders(page, { metrics, values = {}, headers, tableSelector, rowSelector, chartId }) {
  for (let run = 0; run < RUNS; run += 1) {
    for (const header of headers) {
      const draws = chartId
        ? await page.evaluate((id) => performance.getEntriesByName(`chart-draw:${id}`, "measure").length, chartId)
        : 0;
      const filled = { ...values, column: header.name };
      await page.evaluate(armClick, [tableSelector, rowSelector]);
      await page.click(header.selector);
      const result = await page.evaluate(() => window.__click);
      if (result.error) {
        throw new Error(`${named("sample", metrics.painted, filled)}: ${result.error}`);
      }
      sample(metrics.painted, result.painted, filled);
      sample(metrics.dom, result.dom, filled);
      if (chartId) {
        const redraw = await page.evaluate(
          ([id, before]) => {
            const entries = performance.getEntriesByName(`chart-draw:${id}`, "measure");
            return entries.length > before ? entries[entries.length - 1].duration : null;
          },
          [chartId, draws],
        );
        if (redraw !== null) {
          sample(metrics.chart, redraw, filled);
        }
      }
      // Let whatever follows the paint (garbage collection, idle work) pass.
      await page.waitForTimeout(100);
    }
  }
}

/**
 * The app's header buttons of table `id` to click in turn: the numeric and the text column
 * named in `names`, else the last numeric column and the first text column.
 */
async function appHeaders(page, id, names = []) {
  const columns = await page.evaluate((tableId) => {
    const headers = Array.from(document.querySelectorAll(`#${CSS.escape(tableId)}--table thead th`));
    return headers.map((th, index) => ({
      index,
      kind: th.classList.contains("num") ? "num" : th.classList.contains("text") ? "text" : "other",
      name: th.querySelector(".column-label")?.textContent.trim() || `column ${index + 1}`,
    }));
  }, id);
  const named = (kind) => columns.find((column) => column.kind === kind && names.includes(column.name));
  const text = named("text") || columns.find((column) => column.kind === "text");
  const numeric = named("num") || columns.filter((column) => column.kind === "num").pop();
  if (!text || !numeric) {
    throw new Error(`table ${id} has no text column or no numeric column to sort`);
  }
  return [numeric, text].map((column) => ({
    name: column.name,
    index: column.index,
    selector: `#${id}--table thead th:nth-child(${column.index + 1}) button.sort`,
  }));
}

async function sectionSort() {
  log(`sort: the issue's largest table, ${RUNS} clicks on each of two columns`);
  {
    const { page, close } = await freshPage();
    await openInteractive(page, "app/");
    await drawEveryChart(page);
    const largest = await page.evaluate(() => {
      let best = null;
      for (const block of document.querySelectorAll(".table-block")) {
        const table = block.querySelector("table.data:not(.chart-numbers)");
        if (!table) {
          continue;
        }
        const windowed = Number(table.getAttribute("aria-rowcount"));
        const rows = windowed ? windowed - 1 : table.querySelectorAll("tbody tr:not(.spacer)").length;
        if (!best || rows > best.rows) {
          best = { id: block.id, rows };
        }
      }
      return best;
    });
    if (!largest) {
      throw new Error("the issue has no table to sort");
    }
    info("rows/{table}", largest.rows, { table: largest.id });
    const headers = await appHeaders(page, largest.id);
    await clickHeaders(page, {
      metrics: {
        painted: "sort/issue/{table}/{column}/app",
        dom: "sort/issue/{table}/{column}/app-dom",
        chart: "sort/issue/{table}/{column}/app-chart",
      },
      values: { table: largest.id },
      headers,
      tableSelector: `#${largest.id}--table`,
      rowSelector: `#${largest.id}--table tbody tr:not(.spacer)`,
      chartId: largest.id,
    });
    await close();
  }
  log(`sort: 10,000 rows in the app, ${RUNS} clicks on each of two columns`);
  let names;
  {
    const { page, close } = await freshPage();
    await openInteractive(page, "big/");
    await drawEveryChart(page);
    const headers = await appHeaders(page, BIG_TABLE, BIG_COLUMNS);
    names = headers.map((header) => ({ name: header.name, index: header.index }));
    await clickHeaders(page, {
      metrics: { painted: "sort/big/{column}/app", dom: "sort/big/{column}/app-dom", chart: "sort/big/{column}/app-chart" },
      headers,
      tableSelector: `#${BIG_TABLE}--table`,
      rowSelector: `#${BIG_TABLE}--table tbody tr:not(.spacer)`,
      chartId: BIG_TABLE,
    });
    await close();
  }
  const datatables = JSON.parse(readFileSync(join(here, "node_modules/datatables.net/package.json"), "utf8"));
  info("datatables", datatables.version);
  log(`sort: the same 10,000 rows in DataTables ${datatables.version}, the same clicks`);
  {
    const { page, close } = await freshPage();
    await openInteractive(page, "datatables/");
    const rows = await page.evaluate(() => window.benchTable.rows().count());
    if (rows !== 10_000) {
      throw new Error(`DataTables holds ${rows} rows, not 10,000`);
    }
    await clickHeaders(page, {
      metrics: { painted: "sort/big/{column}/datatables", dom: "sort/big/{column}/datatables-dom" },
      headers: names.map((column) => ({
        name: column.name,
        selector: `#table thead th:nth-child(${column.index + 1})`,
      })),
      tableSelector: "#table",
      rowSelector: "#table tbody tr",
    });
    await close();
  }
}

// ---- charts ---------------------------------------------------------------------------------

async function sectionChart() {
  log(`chart: ${RUNS} cold loads at devicePixelRatio 2`);
  for (let run = 0; run < RUNS; run += 1) {
    const { page, close } = await freshPage({ deviceScaleFactor: 2 });
    await openInteractive(page, "app/");
    await drawEveryChart(page);
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll("figure.chart")).map((figure) => {
        const id = figure.id.replace(/--chart$/, "");
        const canvas = figure.querySelector("canvas");
        const draws = performance.getEntriesByName(`chart-draw:${id}`, "measure");
        // The browser's one-off work for the new canvas, which the app has it do in a task of its
        // own before the first draw (src/components/chart_view.rs, `set_up`).
        const setups = performance.getEntriesByName(`chart-setup:${id}`, "measure");
        return {
          id,
          first: draws.length > 0 ? draws[0].duration : null,
          setup: setups.length > 0 ? setups[0].duration : null,
          draws: draws.length,
          scale: canvas && canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : null,
          ratio: window.devicePixelRatio,
          width: canvas ? canvas.width : 0,
          height: canvas ? canvas.height : 0,
        };
      }),
    );
    // A narrow window (a tablet's) makes every chart draw again, now warm: the same code, compiled
    // and with the fonts loaded, as when the reader sorts or switches the metric.
    await page.setViewportSize({ width: 720, height: VIEWPORT.height });
    const redraws = await page.evaluate(async (ids) => {
      const latest = () =>
        ids.map((id) => {
          const draws = performance.getEntriesByName(`chart-draw:${id.id}`, "measure");
          return draws.length > id.draws ? draws[draws.length - 1].duration : null;
        });
      const started = performance.now();
      while (latest().includes(null) && performance.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return latest();
    }, charts.map((chart) => ({ id: chart.id, draws: chart.draws })));
    await close();
    charts.forEach((chart, index) => {
      if (redraws[index] !== null) {
        sample("chart-redraw/{chart}", redraws[index], { chart: chart.id });
      }
    });
    for (const chart of charts) {
      if (chart.ratio !== 2 || chart.scale === null || Math.abs(chart.scale - 2) > 0.05) {
        throw new Error(
          `chart ${chart.id}: devicePixelRatio ${chart.ratio}, backing store ${chart.scale} × its CSS width; wanted 2`,
        );
      }
      sample("chart/{chart}", chart.first, { chart: chart.id });
      if (chart.setup !== null) {
        sample("chart-setup/{chart}", chart.setup, { chart: chart.id });
      }
      if (run === 0) {
        info("chart-draws-on-load/{chart}", chart.draws, { chart: chart.id });
      }
    }
  }
}

// ---- search ---------------------------------------------------------------------------------

/**
 * Notes, for every input event of the search box, the time to the frame after the results.
 * The results may come a few frames after the keystroke (the route changes through the
 * address, and the first keystroke opens the panel): each frame looks for them, for at most a
 * second's worth of frames; `count` stays null when they never came.
 */
function watchSearchBox() {
  const input = document.getElementById("search-input");
  window.__keys = [];
  input.addEventListener(
    "input",
    () => {
      const start = performance.now();
      const value = input.value;
      let frames = 0;
      const look = () => {
        const shown = document.querySelector("#search-results .result-count");
        if (!shown && frames < 60) {
          frames += 1;
          requestAnimationFrame(look);
          return;
        }
        const count = shown ? shown.textContent : null;
        requestAnimationFrame(() => {
          window.__keys.push({ value, ms: performance.now() - start, count, frames });
        });
      };
      requestAnimationFrame(look);
    },
    { capture: true },
  );
}

async function sectionSearch() {
  const rounds = Math.max(1, Math.ceil(RUNS / 5));
  log(`search: typing ${ISSUE_QUERIES.length} queries into the issue's search box, ${rounds} rounds`);
  {
    const { page, close } = await freshPage();
    await openInteractive(page, "app/");
    await drawEveryChart(page);
    await page.evaluate(watchSearchBox);
    await page.focus("#search-input");
    for (let round = 0; round < rounds; round += 1) {
      for (const query of ISSUE_QUERIES) {
        for (const character of Array.from(query)) {
          const before = await page.evaluate(() => window.__keys.length);
          await page.keyboard.type(character);
          await page.waitForFunction((n) => window.__keys.length > n, before, { polling: 20 });
          const key = await page.evaluate(() => window.__keys[window.__keys.length - 1]);
          if (key.count === null) {
            throw new Error(`search: no results panel within a second of typing ${JSON.stringify(key.value)}`);
          }
          sample("search/issue/keystroke", key.ms);
          if (Array.from(key.value).length === 1) {
            sample("search/issue/first-keystroke", key.ms);
          }
          await page.waitForTimeout(50);
        }
        await page.keyboard.press("Escape");
        await page.waitForFunction(() => !document.getElementById("search-results"), null, { polling: 20 });
        await page.waitForTimeout(100);
      }
    }
    await close();
  }
  log(`search: an archive of ${ARCHIVE_COPIES} issues in the bench-hooks build, ${RUNS} rounds of typing`);
  {
    const { page, close } = await freshPage();
    await openInteractive(page, "hooks/");
    const result = await page.evaluate(
      ({ copies, queries, rounds }) => {
        if (typeof window.benchSearchArchive !== "function") {
          return { error: "window.benchSearchArchive is missing: is this the bench-hooks build?" };
        }
        const start = performance.now();
        const archive = window.benchSearchArchive(copies);
        const build = performance.now() - start;
        const times = [];
        // Rounds outside, so each call follows the previous prefix as it would when typing.
        for (let round = 0; round < rounds; round += 1) {
          for (const query of queries) {
            const characters = Array.from(query);
            for (let n = 1; n <= characters.length; n += 1) {
              const prefix = characters.slice(0, n).join("");
              const before = performance.now();
              const total = archive.search(prefix);
              times.push({ query, prefix, ms: performance.now() - before, total });
            }
          }
        }
        return { build, passages: archive.passages, times };
      },
      { copies: ARCHIVE_COPIES, queries: ARCHIVE_QUERIES, rounds: RUNS },
    );
    await close();
    if (result.error) {
      throw new Error(result.error);
    }
    info("archive-copies", ARCHIVE_COPIES);
    info("archive-passages", result.passages);
    sample("search/archive/build", result.build);
    for (const time of result.times) {
      sample("search/archive/{query}/{prefix}", time.ms, { query: time.query, prefix: time.prefix });
      if (time.prefix === time.query) {
        info("archive-matches/{query}", time.total, { query: time.query });
      }
    }
    for (const query of ARCHIVE_QUERIES) {
      const full = result.times.find((time) => time.prefix === query);
      if (!full || full.total === 0) {
        throw new Error(`search: ${JSON.stringify(query)} matches nothing in the archive; the measurement would be empty`);
      }
    }
  }
}

// ---- memory ---------------------------------------------------------------------------------

async function sectionMemory() {
  const loads = Math.min(RUNS, 5);
  log(`memory: ${loads} loads each of the issue, the 10,000-row issue and DataTables`);
  for (const [name, path] of [
    ["app", "app/"],
    ["big", "big/"],
    ["datatables", "datatables/"],
  ]) {
    for (let run = 0; run < loads; run += 1) {
      const { page, cdp, close } = await freshPage();
      await openInteractive(page, path);
      await drawEveryChart(page);
      await cdp.send("HeapProfiler.enable");
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = await cdp.send("Runtime.getHeapUsage");
      const wasm = await page.evaluate(() => {
        const exports = window.__bench.wasm;
        return exports && exports.memory ? exports.memory.buffer.byteLength : null;
      });
      await close();
      sample("memory/{page}/js-heap", heap.usedSize, { page: name });
      if (wasm !== null) {
        sample("memory/{page}/wasm", wasm, { page: name });
      } else if (name !== "datatables") {
        throw new Error(`memory: ${path} gave no WebAssembly memory (no TrunkApplicationStarted event?)`);
      }
    }
  }
}

// ---- a phone: Lighthouse, and the longest task of the page's start-up -----------------------

/** The audits' figures of one Lighthouse result. */
function lighthouseFigures(lhr) {
  if (lhr.runtimeError) {
    throw new Error(`Lighthouse on ${lhr.finalDisplayedUrl}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  const value = (id) => {
    const audit = lhr.audits[id];
    if (!audit || typeof audit.numericValue !== "number") {
      throw new Error(`Lighthouse on ${lhr.finalDisplayedUrl}: no figure for ${id}`);
    }
    return audit.numericValue;
  };
  return {
    performance: lhr.categories.performance.score,
    seo: lhr.categories.seo.score,
    fcp: value("first-contentful-paint"),
    lcp: value("largest-contentful-paint"),
    tbt: value("total-blocking-time"),
    tti: value("interactive"),
  };
}

/** Which element Lighthouse took for the largest paint, and the phases of its time, in one line. */
function lcpElement(lhr) {
  const tables = lhr.audits["largest-contentful-paint-element"]?.details?.items || [];
  const node = tables[0]?.items?.[0]?.node;
  const phases = (tables[1]?.items || []).map((phase) => `${phase.phase} ${Math.round(phase.timing)} ms`);
  const element = node ? `${node.selector || ""} ${String(node.snippet || "").slice(0, 80)}`.trim() : "none found";
  return phases.length > 0 ? `${element} (${phases.join(", ")})` : element;
}

/**
 * The main thread's top-level tasks in a trace that ran the page's scripts or WebAssembly (an
 * event `viewerScript` accepts inside), each with its duration and the biggest kinds of work in it.
 */
function scriptTasks(events) {
  const threads = new Map();
  for (const event of events) {
    if (event.ph === "M" && event.name === "thread_name" && event.args?.name === "CrRendererMain") {
      threads.set(`${event.pid}:${event.tid}`, 0);
    }
  }
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (threads.has(key) && SCRIPT_EVENTS.has(event.name)) {
      threads.set(key, threads.get(key) + 1);
    }
  }
  const main = [...threads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const complete = events
    .filter((event) => `${event.pid}:${event.tid}` === main && event.ph === "X" && typeof event.dur === "number")
    .sort((a, b) => a.ts - b.ts);
  const tasks = [];
  for (const event of complete) {
    if (event.name !== "RunTask" && event.name !== "ThreadControllerImpl::RunTask") {
      continue;
    }
    const last = tasks[tasks.length - 1];
    if (last && event.ts < last.ts + last.dur) {
      continue;
    }
    tasks.push({ ts: event.ts, dur: event.dur, inside: new Map(), script: false });
  }
  let index = 0;
  for (const event of complete) {
    while (index < tasks.length && tasks[index].ts + tasks[index].dur < event.ts) {
      index += 1;
    }
    const task = tasks[index];
    if (!task || event.ts < task.ts || event.name.endsWith("RunTask")) {
      continue;
    }
    task.script ||= viewerScript(event);
    task.inside.set(event.name, (task.inside.get(event.name) || 0) + event.dur);
  }
  return tasks
    .filter((task) => task.script)
    .map((task) => ({
      ms: task.dur / 1000,
      inside: [...task.inside.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, dur]) => `${name} ${(dur / 1000).toFixed(0)}`)
        .join(", "),
    }));
}

/**
 * One cold start-up of the app on a phone's screen with the CPU slowed down 4× (DevTools'
 * throttling, for real), traced from navigation until every chart is shown and the page is
 * idle: the longest task that ran the viewer's scripts or WebAssembly.
 */
async function longestStartupTask(hash = "") {
  const context = await browser.newContext({ ...PHONE, colorScheme: "light" });
  await context.addInitScript(pageInit, [DONE_MESSAGE, true]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8.wasm"] },
  });
  await openInteractive(page, `app/${hash}`);
  await page.waitForTimeout(1000);
  await cdp.send("Tracing.end");
  await complete;
  await context.close();
  const tasks = scriptTasks(events);
  if (tasks.length === 0) {
    throw new Error("the start-up trace holds no task that ran the viewer's scripts");
  }
  return tasks.reduce((longest, task) => (task.ms > longest.ms ? task : longest));
}

async function sectionLighthouse() {
  const runs = Math.min(RUNS, PHONE_RUNS);
  const version = JSON.parse(readFileSync(join(here, "node_modules/lighthouse/package.json"), "utf8")).version;
  info("lighthouse", version);
  log(`lighthouse: ${runs} runs of Lighthouse ${version} (mobile, simulated slow 4G, 4× CPU) on the app and on the plain page, interleaved`);
  const chrome = await launchChrome({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...LAUNCH_ARGS] });
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const name of run % 2 === 0 ? ["app", "plain"] : ["plain", "app"]) {
        const result = await lighthouse(url(`${name}/`), {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "seo"],
        });
        const figures = lighthouseFigures(result.lhr);
        for (const [metric, value] of Object.entries(figures)) {
          sample(`lighthouse/{page}/${metric}`, value, { page: name });
        }
        if (run === 0) {
          info("lcp-element/{page}", lcpElement(result.lhr), { page: name });
        }
      }
    }
  } finally {
    await chrome.kill();
  }
  log(`lighthouse: ${runs} start-ups of the app on a phone's screen at ${CPU_SLOWDOWN}× CPU, traced`);
  const held = [];
  for (let run = 0; run < runs; run += 1) {
    const longest = await longestStartupTask();
    sample("startup/app/longest-task", longest.ms);
    held.push(`${longest.ms.toFixed(0)}: ${longest.inside}`);
  }
  info("longest-task", held.join("; "));
  if (LINK === null) {
    throw new Error("the issue has no charted table with a column of figures to link to");
  }
  log(`lighthouse: ${runs} start-ups of the app at a link (${LINK}) on a phone's screen at ${CPU_SLOWDOWN}× CPU, traced`);
  info("link", LINK);
  const heldAtLink = [];
  for (let run = 0; run < runs; run += 1) {
    const longest = await longestStartupTask(LINK);
    sample("startup/link/longest-task", longest.ms);
    heldAtLink.push(`${longest.ms.toFixed(0)}: ${longest.inside}`);
  }
  info("longest-task-link", heldAtLink.join("; "));
}

// ---- main -----------------------------------------------------------------------------------

const sections = {
  size: sectionSize,
  startup: sectionStartup,
  sort: sectionSort,
  chart: sectionChart,
  search: sectionSearch,
  memory: sectionMemory,
  lighthouse: sectionLighthouse,
};

try {
  // The sections are the xtask's (`--only` names them); each has its function here, and no more.
  const unmatched = [
    ...FACTS.sections.filter((name) => !sections[name]),
    ...Object.keys(sections).filter((name) => !FACTS.sections.includes(name)),
  ];
  if (unmatched.length > 0) {
    throw new Error(`the sections here and in ${FACTS_PATH} differ: ${unmatched.join(", ")}`);
  }
  info("chromium", browser.version());
  for (const name of SECTIONS) {
    const section = sections[name];
    if (!section) {
      throw new Error(`no section ${name}; the sections are ${Object.keys(sections).join(", ")}`);
    }
    const started = Date.now();
    await section();
    log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
}
