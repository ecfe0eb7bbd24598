//! Offline, updates, sub-paths, the single-file build and embedding, in real Chromium against
//! the release build, under the strict Content-Security-Policy wherever a server is involved.
//!
//! - offline: one visit caches the app; with the server stopped, a reload still renders the
//!   issue and a table still sorts.
//! - without service workers (reading navigator.serviceWorker throws, as in a sandboxed frame,
//!   or it is missing, as in an old browser): the app works, registers nothing, logs nothing.
//! - update: a copy of the build is changed in place (a new sw.js version of a new app, a marked
//!   index.html), as a deployment would; the open page, checking for an update, keeps its
//!   version, shows the quiet notice, and its button switches to the new version and leaves
//!   only the new build's cache (tests/e2e/offline.test.mjs has the rest of the worker's life).
//! - sub-path: served under /sub/, the worker's scope, the manifest's start_url and scope and
//!   the icons all resolve under /sub/, and Chromium finds the app installable.
//! - single file: bulletin-<date>.html, its WebAssembly deflated, from file:// renders, sorts,
//!   searches and downloads with no request but file:, data: and blob: ones.
//! - embedding: the embed codes the app copies (a table alone, its chart alone, the table with
//!   its chart, an article) are the code docs/embedding.md shows; pasted as copied on a host
//!   page of another origin, each <iframe data-bulletin-viewer> shows its piece and no more,
//!   takes its content's height, follows it when the table is filtered, and ignores messages
//!   from anywhere else; an iframe without the attribute keeps its height attribute and scrolls.

import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, REPO, launchBrowser, startServer, useSite, waitReady, watchProblems } from "./lib/harness.mjs";
import { readFacts } from "./lib/facts.mjs";

const facts = readFacts();
const issue = facts.derived;
const ko = facts.strings.ko;
const CACHE_PREFIX = "bulletin-viewer ";
// The table the other suites filter, with a query that keeps some of its rows.
const FILTERED_TABLE = "nsfc-programs";
const FILTER_QUERY = "기금";

/** A copy of the release build in a fresh temporary folder. */
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), "bulletin-dist-"));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Waits until a service worker controls the page and has its cache filled. */
async function waitControlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", null, {
    timeout: 30_000,
  });
}

/** The Cache Storage as the page sees it: `{ name: [paths] }`. */
function readCaches(page) {
  return page.evaluate(async () => {
    const result = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      result[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
    }
    return result;
  });
}

/** Resolves once nothing answers at `url` any more. */
async function waitGone(url) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await fetch(url, { cache: "no-store" });
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} still answers after the server was stopped`);
}

/** Clicks the header of column `column` of table `id` and waits until it is sorted. */
async function sortColumn(page, id, column = 1) {
  const header = page.locator(`#${id}--table thead th`).nth(column);
  await header.locator("button.sort").click();
  await page.waitForFunction(
    ([id, column]) => {
      const header = document.querySelectorAll(`#${CSS.escape(id)}--table thead th`)[column];
      return header && ["ascending", "descending"].includes(header.getAttribute("aria-sort"));
    },
    [id, column],
    { timeout: 5000 },
  );
}

/** Goes to a hash route of the already open page and waits for its element. */
async function goHash(page, hash, selector) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, hash);
  await page.waitForSelector(selector, { timeout: 10_000 });
}

describe("offline", () => {
  const site = useSite({ csp: true });

  test("after one visit the app reloads and sorts a table with the server stopped", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await waitControlled(page);
      const cached = await readCaches(page);
      const names = Object.keys(cached).filter((name) => !name.endsWith(" data"));
      assert.equal(names.length, 1, `one cache of the build (and one of the issues' data): ${names}`);
      assert.ok(names[0].startsWith(`${CACHE_PREFIX}${site.url} `), `the cache is named by scope: ${names[0]}`);
      const paths = cached[names[0]].map((path) => path.slice(1));
      for (const file of ["index.html", "manifest.webmanifest", "icons/icon-192.png", "icons/icon-512.png"]) {
        assert.ok(paths.includes(file), `${file} is precached: ${paths}`);
      }
      for (const suffix of ["_bg.wasm", ".css"]) {
        assert.ok(paths.some((path) => path.endsWith(suffix)), `a ${suffix} file is precached`);
      }
      assert.ok(!paths.includes("sw.js") && !paths.some((path) => path.startsWith("bulletin-2")), "sw.js and the single file are not");
      assert.ok(!paths.some((path) => path.endsWith(".csp")), "nor the single file's policy");

      site.server.close();
      await waitGone(site.url);
      await page.reload({ waitUntil: "load" });
      await waitReady(page);
      assert.equal(await page.locator("h1").count() > 0, true, "the issue renders");
      await goHash(page, `#/table/${FILTERED_TABLE}`, `#${FILTERED_TABLE}--table`);
      await sortColumn(page, FILTERED_TABLE);
      assert.equal(await page.locator(".update-notice").count(), 0, "no update notice");
    }));
});

describe("without service workers", () => {
  const site = useSite({ csp: true });
  const cases = [
    // As in a sandboxed iframe without allow-same-origin.
    ["reading navigator.serviceWorker throws", () => {
      Object.defineProperty(Navigator.prototype, "serviceWorker", {
        configurable: true,
        get() {
          throw new DOMException("The document is sandboxed and lacks the 'allow-same-origin' flag.", "SecurityError");
        },
      });
    }],
    // As in a browser without service workers.
    ["navigator.serviceWorker is missing", () => {
      Object.defineProperty(Navigator.prototype, "serviceWorker", { configurable: true, get: () => undefined });
    }],
  ];
  for (const [what, breakServiceWorkers] of cases) {
    test(`when ${what}, the app works, silently not offline`, () =>
      site.scenario({}, async ({ page, context, open }) => {
        await context.addInitScript(breakServiceWorkers);
        const requests = [];
        page.on("request", (request) => requests.push(new URL(request.url()).pathname));
        await open(`#/table/${FILTERED_TABLE}`);
        await sortColumn(page, FILTERED_TABLE);
        await page.waitForLoadState("networkidle");
        assert.ok(!requests.some((path) => path.endsWith("/sw.js")), `no worker was registered: ${requests}`);
        assert.deepEqual(await page.evaluate(() => caches.keys()), [], "nothing cached");
      }));
  }
});

describe("update", () => {
  const dir = copyOfDist();
  const site = useSite({ csp: true, dir });

  test("a new deployment is noticed, switched to on request, and the old cache is deleted", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await waitControlled(page);
      const [oldCache] = Object.keys(await readCaches(page));

      // Deploy "version 2" into the served folder: a marked page and a new worker version.
      const indexPath = join(dir, "index.html");
      writeFileSync(indexPath, readFileSync(indexPath, "utf8").replace("</head>", '<meta name="e2e-build" content="2"></head>'));
      const swPath = join(dir, "sw.js");
      const sw = readFileSync(swPath, "utf8");
      const [, version, app] = /^const BUILD = \{"version":"([0-9a-f]{16})","app":"([0-9a-f]{16})"/m.exec(sw) ?? [];
      assert.ok(version && app, "sw.js names its version and its app's");
      const newVersion = [...version].reverse().join("");
      // A new app, not only new issues: a page of the old one gets the notice.
      writeFileSync(swPath, sw.replace(`"version":"${version}","app":"${app}"`, `"version":"${newVersion}","app":"${[...app].reverse().join("")}"`));

      // The open page looks for a new sw.js (every half hour, or when shown again) and stays
      // on its own version. (A reload would show the new page at once: pages come from the
      // network first, tests/e2e/offline.test.mjs.)
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const notice = page.locator(".update-notice");
      await notice.waitFor({ timeout: 30_000 });
      assert.equal(await notice.locator(".update-text").textContent(), ko.new_version);
      assert.equal(await page.locator('meta[name="e2e-build"]').count(), 0, "still the old version until asked");

      await Promise.all([page.waitForEvent("load", { timeout: 15_000 }), notice.getByRole("button", { name: ko.reload }).click()]);
      await waitReady(page);
      assert.equal(await page.locator('meta[name="e2e-build"]').count(), 1, "the new version is shown");
      const names = Object.keys(await readCaches(page)).filter((name) => !name.endsWith(" data"));
      assert.deepEqual(names, [`${CACHE_PREFIX}${site.url} ${newVersion}`], `only the new build's cache is left (was ${oldCache})`);
      assert.equal(await page.locator(".update-notice").count(), 0, "no notice on the new version");
      await goHash(page, `#/table/${FILTERED_TABLE}`, `#${FILTERED_TABLE}--table`);
      await sortColumn(page, FILTERED_TABLE);
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("the update notice", () => {
  const dir = copyOfDist();
  const site = useSite({ csp: true, dir });

  /** Rectangles of what the notice must not cover: the cells, text and charts in view. */
  const overlaps = (page) =>
    page.evaluate(() => {
      const notice = document.querySelector(".update-notice").getBoundingClientRect();
      const covered = [];
      for (const element of document.querySelectorAll("main td, main th, main p, main li, main h2, main h3, main canvas")) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || rect.bottom <= 0 || rect.top >= innerHeight) continue;
        if (rect.left < notice.right && notice.left < rect.right && rect.top < notice.bottom && notice.top < rect.bottom) {
          covered.push(`${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 20)}"`);
        }
      }
      return covered;
    });

  test("covers none of the table's cells, wherever the page is scrolled, and can be closed", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/table/${FILTERED_TABLE}`);
      await waitControlled(page);
      // A new worker version deployed into the served folder.
      const swPath = join(dir, "sw.js");
      const sw = readFileSync(swPath, "utf8");
      const [, version, app] = /^const BUILD = \{"version":"([0-9a-f]{16})","app":"([0-9a-f]{16})"/m.exec(sw) ?? [];
      assert.ok(version && app, "sw.js names its version and its app's");
      const reversed = (text) => [...text].reverse().join("");
      writeFileSync(swPath, sw.replace(`"version":"${version}","app":"${app}"`, `"version":"${reversed(version)}","app":"${reversed(app)}"`));
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const notice = page.locator(".update-notice");
      await notice.waitFor({ timeout: 30_000 });

      for (const where of ["the table", "the top", "the table's last rows"]) {
        if (where === "the top") await page.evaluate(() => window.scrollTo(0, 0));
        if (where === "the table's last rows") await page.locator(`#${FILTERED_TABLE}--table tbody tr`).last().scrollIntoViewIfNeeded();
        assert.deepEqual(await overlaps(page), [], `at ${where}, the notice covers nothing`);
      }

      const close = notice.getByRole("button", { name: ko.dismiss });
      await close.click();
      assert.equal(await page.locator(".update-notice").count(), 0, "closed");
      // The table is as it was, and sorts.
      await sortColumn(page, FILTERED_TABLE);
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("sub-path", () => {
  const site = useSite({ csp: true, base: "/sub/" });

  test("the worker, the manifest and the icons all stay under /sub/, and the app is installable", () =>
    site.scenario({}, async ({ page, open, context }) => {
      assert.ok(site.url.endsWith("/sub/"), site.url);
      await open("");
      await waitControlled(page);
      const registration = await page.evaluate(async () => {
        const { scope, updateViaCache, active } = await navigator.serviceWorker.getRegistration();
        return { scope, updateViaCache, script: active.scriptURL };
      });
      assert.deepEqual(
        registration,
        { scope: site.url, updateViaCache: "none", script: `${site.url}sw.js` },
        "the worker sits under the sub-path, and its script is never taken from the HTTP cache",
      );
      const manifestUrl = await page.evaluate(() => document.querySelector('link[rel="manifest"]').href);
      assert.equal(manifestUrl, `${site.url}manifest.webmanifest`);
      const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), manifestUrl);
      assert.equal(manifest.name, "중국 과학기술 정책 주간동향");
      assert.equal(manifest.display, "standalone");
      assert.equal(new URL(manifest.start_url, manifestUrl).href, site.url, "start_url");
      assert.equal(new URL(manifest.scope, manifestUrl).href, site.url, "scope");
      const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`);
      for (const wanted of ["192x192 any", "512x512 any", "512x512 maskable"]) {
        assert.ok(purposes.includes(wanted), `an icon ${wanted}: ${purposes}`);
      }
      for (const icon of manifest.icons) {
        const address = new URL(icon.src, manifestUrl).href;
        assert.ok(address.startsWith(site.url), address);
        const status = await page.evaluate(async (url) => (await fetch(url)).status, address);
        assert.equal(status, 200, address);
      }
      // Chromium's own reading of the manifest and its installability checks.
      const cdp = await context.newCDPSession(page);
      const parsed = await cdp.send("Page.getAppManifest");
      assert.deepEqual(parsed.errors, [], "Chromium reads the manifest without errors");
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      // Playwright's contexts are off-the-record, which alone keeps Chromium from installing.
      const errors = installabilityErrors.map((error) => error.errorId).filter((id) => id !== "in-incognito");
      assert.deepEqual(errors, [], "Chromium finds the app installable");
      await goHash(page, `#/table/${FILTERED_TABLE}`, `#${FILTERED_TABLE}--table`);
      await sortColumn(page, FILTERED_TABLE);
    }));
});

describe("single file", () => {
  const name = readdirSync(DIST).find((file) => /^bulletin-\d{4}-\d{2}-\d{2}\.html$/.test(file));

  test("bulletin-<date>.html opens from file://, sorts, searches and downloads with no network", async () => {
    assert.ok(name, `${DIST} holds bulletin-<date>.html`);
    // The WebAssembly goes in deflated: the whole page, text and all, is smaller than it alone
    // would be in base64 (4/3 of its bytes). Since the nightly build shrank the WebAssembly,
    // the page no longer fits under its raw size.
    const wasm = readdirSync(DIST).find((file) => file.startsWith("bulletin-viewer-") && file.endsWith("_bg.wasm"));
    const [single, alone] = [name, wasm].map((file) => statSync(join(DIST, file)).size);
    assert.ok(single < (alone * 4) / 3, `${name} is ${single} bytes, the WebAssembly alone ${alone}, ${Math.ceil((alone * 4) / 3)} in base64`);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ acceptDownloads: true, locale: "ko-KR", viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchProblems(page);
      const requests = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(`${pathToFileURL(join(DIST, name)).href}#/table/${FILTERED_TABLE}`, { waitUntil: "load" });
      await waitReady(page);
      await page.waitForSelector(`#${FILTERED_TABLE}--table`);
      await sortColumn(page, FILTERED_TABLE);
      assert.equal(
        await page.evaluate(() => document.querySelector('meta[name="bulletin-viewer:service-worker"]')),
        null,
        "no service worker in the single file",
      );

      await page.locator("#search-input").fill("쑤저우");
      await page.waitForSelector("#search-results a.result");
      await page.locator("#search-input").fill("");
      await page.waitForSelector("#search-results", { state: "detached" });

      await goHash(page, `#/table/${FILTERED_TABLE}`, `#${FILTERED_TABLE}--table`);
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#${FILTERED_TABLE} .table-toolbar button`, { hasText: ko.download_csv }).click(),
      ]);
      assert.ok(csv.suggestedFilename().endsWith(".csv"), csv.suggestedFilename());
      const csvText = readFileSync(await csv.path(), "utf8");
      assert.ok(csvText.split("\r\n").length > 2, "the CSV has rows");
      const [png] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#${FILTERED_TABLE}--chart button`, { hasText: ko.download_png }).click(),
      ]);
      assert.ok(png.suggestedFilename().endsWith(".png"), png.suggestedFilename());
      assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a PNG");

      const outside = requests.filter((url) => !/^(file|data|blob):/.test(url));
      assert.deepEqual(outside, [], "no request leaves the file");
      assert.deepEqual(problems, [], "no console error, failed request or exception");
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

describe("embedding", () => {
  // The deployer lets the hosts that embed the reader frame it; here, any local server.
  const app = useSite({ csp: true, frameAncestors: "http://127.0.0.1:*" });
  const hostDir = mkdtempSync(join(tmpdir(), "bulletin-host-"));
  let host = null;

  /** The code docs/embedding.md shows under "The code": `{ code, src, title, script }`. */
  function documentedCode() {
    const doc = readFileSync(join(REPO, "docs/embedding.md"), "utf8");
    const section = doc.slice(doc.indexOf("## The code"));
    const code = /```html\n([\s\S]*?)\n```/.exec(section)?.[1];
    assert.ok(code, "docs/embedding.md shows the code under \"The code\"");
    return { code, ...parts(code) };
  }

  /** The frame's address and title and the script's address in an embed code. */
  function parts(code) {
    const src = /<iframe src="([^"]+)"/.exec(code)?.[1];
    const title = /<iframe [^>]*title="([^"]+)"/.exec(code)?.[1];
    const script = /<script src="([^"]+)"/.exec(code)?.[1];
    assert.ok(src && title && script, `an iframe with its address and title, and a script: ${code}`);
    return { src, title, script };
  }

  test("the embed codes the app copies are the documented code, and pasted as copied on a page of another origin each frame takes its content's height and shows only its piece", () =>
    app.scenario({}, async ({ page, open, context }) => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(app.url).origin });
      const copy = async (scope, name) => {
        await page.locator(scope).getByRole("button", { name, exact: true }).click();
        await page.locator(`${scope} .copied`).getByText(ko.copied).waitFor({ timeout: 5000 });
        const text = await page.evaluate(() => navigator.clipboard.readText());
        // The status says "copied" until the next copy: clear it, so each copy is awaited.
        await page.evaluate(() => navigator.clipboard.writeText(""));
        return text;
      };
      const table = issue.tables.find((entry) => entry.id === FILTERED_TABLE);
      assert.ok(table.chart, `${FILTERED_TABLE} has a chart`);
      await open(`#/table/${FILTERED_TABLE}`);
      const toolbar = `#${FILTERED_TABLE} .table-toolbar`;
      const codes = {
        table: await copy(toolbar, ko.embed_table_only),
        chart: await copy(toolbar, ko.embed_chart),
        both: await copy(toolbar, ko.embed_table_and_chart),
      };
      const article = issue.articles[0];
      await open(`#/article/${article.id}`);
      codes.article = await copy(`#${article.id} .article-header`, ko.copy_embed);

      // Each is the documented code: the same two lines with its own addresses and title.
      const documented = documentedCode();
      const routes = {
        table: `#/embed/table-only/${FILTERED_TABLE}`,
        chart: `#/embed/chart/${FILTERED_TABLE}`,
        both: `#/embed/table/${FILTERED_TABLE}`,
        article: `#/embed/article/${article.id}`,
      };
      for (const [what, code] of Object.entries(codes)) {
        const { src, title, script } = parts(code);
        // Absolute, and naming the issue's own page, so a newer issue never takes its place.
        assert.equal(src, `${app.url}${issue.date}.html${routes[what]}`, `${what}: the frame's address is absolute and names its issue`);
        assert.equal(script, `${app.url}embed.js`, `${what}: the script's address is absolute`);
        const expected = documented.code.replace(documented.src, src).replace(documented.title, title).replace(documented.script, script);
        assert.equal(code, expected, `${what}: the copied code is the documented code`);
      }
      const titles = Object.values(codes).map((code) => parts(code).title);
      assert.equal(new Set(titles).size, titles.length, `each choice has a title of its own: ${titles}`);

      // The host: another server (so another origin); the codes pasted as copied, script lines
      // and all, and one frame without data-bulletin-viewer (and without a script of its own).
      const named = (code, id) => code.replace("<iframe ", `<iframe id="${id}" `);
      const fixed = codes.table.split("\n")[0].replace(" data-bulletin-viewer", ' id="fixed"');
      writeFileSync(
        join(hostDir, "index.html"),
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body>
<h1>A host page</h1>
${named(codes.table, "table")}
${named(codes.chart, "chart")}
${named(codes.both, "both")}
${named(codes.article, "article")}
${fixed}
</body></html>
`,
      );
      host ??= await startServer({ dir: hostDir });
      assert.notEqual(new URL(host.url).origin, new URL(app.url).origin);
      await page.goto(host.url, { waitUntil: "load" });

      const frameOf = async (id) => {
        // Chromium stops rendering a cross-origin iframe out of view, and with it the
        // ResizeObserver that reports the height: look at each one as a reader would.
        await page.locator(`#${id}`).scrollIntoViewIfNeeded();
        const frame = await (await page.$(`#${id}`)).contentFrame();
        await frame.waitForSelector("html[data-embed] .embed", { state: "attached", timeout: 20_000 });
        return frame;
      };
      // The iframe's height and what the embedded document needs, and whether it scrolls.
      const measure = async (id, frame) => {
        const outer = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
        const inner = await frame.evaluate(() => ({
          content: Math.ceil(document.querySelector(".embed").getBoundingClientRect().height),
          scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight + 1,
        }));
        return { outer, ...inner };
      };
      const settled = async (id, frame) => {
        let last = null;
        for (let attempt = 0; attempt < 100; attempt += 1) {
          last = await measure(id, frame);
          if (Math.abs(last.outer - last.content) <= 3 && !last.scrolls) return last;
          await page.waitForTimeout(100);
        }
        assert.fail(`#${id} never took its content's height: ${JSON.stringify(last)}`);
      };
      /** What a frame shows: data tables and charts. */
      const pieces = (frame) =>
        frame.evaluate(() => ({
          tables: document.querySelectorAll(".embed table.data:not(.chart-numbers)").length,
          charts: document.querySelectorAll(".embed figure.chart").length,
        }));

      const sizes = {};
      for (const [id, expected] of [
        ["table", { tables: 1, charts: 0 }],
        ["chart", { tables: 0, charts: 1 }],
        ["both", { tables: 1, charts: 1 }],
      ]) {
        const frame = await frameOf(id);
        sizes[id] = await settled(id, frame);
        assert.ok(sizes[id].outer > 100, `#${id} grew from nothing: ${JSON.stringify(sizes[id])}`);
        assert.deepEqual(await pieces(frame), expected, `#${id} shows its piece and no more`);
      }
      assert.ok(sizes.table.outer < sizes.both.outer && sizes.chart.outer < sizes.both.outer, `the table alone and the chart alone are each shorter than both: ${JSON.stringify(sizes)}`);
      const articleFrame = await frameOf("article");
      await settled("article", articleFrame);

      // Filtering the embedded table shrinks it, and the iframe follows.
      const tableFrame = await frameOf("table");
      const before = await settled("table", tableFrame);
      await tableFrame.locator(".filter input").fill(FILTER_QUERY);
      let after = null;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        after = await settled("table", tableFrame);
        if (after.content < before.content - 20) break;
        await page.waitForTimeout(100);
      }
      assert.ok(after.content < before.content - 20, `the filtered table is shorter: ${JSON.stringify({ before, after })}`);

      // Messages from anywhere but the iframe's own window are ignored.
      await page.evaluate((id) => window.postMessage({ type: "bulletin-viewer:height", id, height: 7 }, "*"), FILTERED_TABLE);
      await page.waitForTimeout(200);
      assert.equal((await measure("table", tableFrame)).outer, after.outer, "a message from the host itself is ignored");

      // Without data-bulletin-viewer the iframe keeps its height attribute and scrolls inside.
      const fixedFrame = await frameOf("fixed");
      const fixedSize = await measure("fixed", fixedFrame);
      const attribute = Number(/height="(\d+)"/.exec(codes.table)[1]);
      assert.equal(Math.round(fixedSize.outer), attribute, "the fallback height holds");
      assert.ok(fixedSize.scrolls, "the fixed-height embed scrolls inside");
    }));

  after(() => {
    host?.close();
    rmSync(hostDir, { recursive: true, force: true });
  });
});
