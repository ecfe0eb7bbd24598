//! Reading offline and the service worker's life, against the archive's build (the first issue
//! and two fixture issues), served with the policy to deploy with; a scenario that changes the
//! site works on a copy of it, as a deployment would.
//!
//! - after one visit: the newest issue, the archive's list, the tables view and search, with
//!   the server stopped;
//! - every issue the reader opened (a first visit on an old issue's page, one opened in place)
//!   stays readable offline, in a page made for it under the site's own policy;
//! - the archive view says how much saving every issue takes, saves it, and says it is done;
//!   without a worker it says saving is not available;
//! - a new deployment keeps the issues the reader opened, drops what it no longer names and
//!   the old build's cache; a page that already is of the waiting build lets it take over with
//!   no notice; an urgent build takes over and reloads the open page by itself;
//! - a failed install leaves no partial cache;
//! - a hand-edited index.html, with sw.js unchanged, reaches the reader at the next load;
//! - withdrawing the worker: sw.js deleted (404), or the kill switch of `dist --retire-worker`,
//!   leaves a returning visitor with the live site, no worker and no cache;
//! - the single file, served with the policy `dist` writes beside it, runs with no violation.

import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARCHIVE_DIST, REPO, useSite, waitReady } from "./lib/harness.mjs";
import { ARCHIVE_FACTS, readFacts } from "./lib/facts.mjs";

const facts = readFacts(ARCHIVE_FACTS);
const ko = facts.strings.ko;
/** Every issue of the build, newest first. */
const [newest, middle, first] = facts.archive;
/** The archive built as `dist --retire-worker` would (`cargo xtask test` makes it). */
const RETIRED_DIST = process.env.RETIRED_DIST || join(REPO, "target/e2e/retired");
const CACHE_PREFIX = "bulletin-viewer ";

/** A copy of `dir` in a fresh temporary folder. */
function copyOf(dir) {
  const copy = mkdtempSync(join(tmpdir(), "bulletin-offline-"));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** The BUILD line of the worker in `dir`, read. */
function readBuild(dir) {
  const match = /^const BUILD = (.*);$/m.exec(readFileSync(join(dir, "sw.js"), "utf8"));
  assert.ok(match, `${dir}/sw.js has a BUILD line`);
  // A JavaScript object literal (JSON in the builds of today).
  return new Function(`return (${match[1]});`)();
}

/** Deploys a new version of the worker in `dir`: its BUILD line changed by `change`. */
function writeBuild(dir, change) {
  const path = join(dir, "sw.js");
  const build = change(readBuild(dir));
  writeFileSync(path, readFileSync(path, "utf8").replace(/^const BUILD = .*;$/m, () => `const BUILD = ${JSON.stringify(build)};`));
  return build;
}

/** Another version string, as a new build would have. */
const otherVersion = (version) => [...version].reverse().join("");

/** Adds `<meta name="e2e" content="…">` to a page of `dir`, as a hand edit would. */
function markPage(dir, file, content) {
  const path = join(dir, file);
  writeFileSync(path, readFileSync(path, "utf8").replace("</head>", `<meta name="e2e" content="${content}"></head>`));
}

const size = (file) => statSync(join(ARCHIVE_DIST, file)).size;

/**
 * Waits until `predicate(arg)`, run in the page (it may be async, which Playwright's
 * waitForFunction does not wait for), is truthy; a reload in between is waited out.
 */
async function poll(page, predicate, arg = null, { timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(predicate, arg).catch(() => false);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`still false after ${timeout} ms: ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until a service worker controls the page. */
async function waitControlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", null, { timeout: 30_000 });
}

/** The Cache Storage as the page sees it: `{ name: [paths without the leading /] }`. */
function readCaches(page) {
  return page.evaluate(async () => {
    const result = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      result[name] = (await cache.keys()).map((request) => new URL(request.url).pathname.slice(1)).sort();
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

/** Stops the site's server and waits until it no longer answers. */
async function goOffline(site) {
  site.server.close();
  await waitGone(site.url);
}

/** Asks the browser to look for a new sw.js now, as a page left open does every half hour. */
function checkForUpdate(page) {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update().then(() => true, () => false));
}

/** The meta `e2e` of the page, or null. */
function mark(page) {
  return page.evaluate(() => document.querySelector('meta[name="e2e"]')?.content ?? null);
}

/** Waits until `issue`'s first article is shown. */
async function showsIssue(page, issue) {
  await page.waitForSelector(`#${issue.derived.articles[0].id}`, { timeout: 20_000 });
  assert.ok((await page.locator("main").innerText()).includes(issue.derived.articles[0].title), `${issue.date} is shown`);
}

describe("offline after one visit", () => {
  const site = useSite({ dir: ARCHIVE_DIST, csp: true });

  test("the newest issue, the archive's list, the tables view and search work with the server stopped", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await waitControlled(page);
      const build = readBuild(ARCHIVE_DIST);
      const cached = await readCaches(page);
      const own = `${CACHE_PREFIX}${site.url} ${build.version}`;
      const data = `${CACHE_PREFIX}${site.url} data`;
      assert.deepEqual(Object.keys(cached).sort(), [own, data].sort(), "this build's cache and the data cache");
      const search = build.search.map(([file]) => file);
      assert.ok(search.length > 0 && search.every((file) => /^data\/search-\d{4}-[0-9a-f]{16}\.bin$/.test(file)), `a search bundle a year: ${search}`);
      assert.deepEqual(cached[data], [newest.data, ...search].sort(), "the newest issue's data and the search bundles are kept, in the cache shared by builds");
      for (const file of ["index.html", newest.page, "manifest.webmanifest", "icons/icon-192.png"]) {
        assert.ok(cached[own].includes(file), `${file} is precached: ${cached[own]}`);
      }
      assert.ok(cached[own].some((file) => file.startsWith("data/catalog-")), "the catalog is precached");
      assert.ok(!cached[own].some((file) => file.startsWith("data/search-")), "the search bundles are not in the build's own cache");
      const others = [middle, first].flatMap((issue) => [issue.page, issue.data]);
      const notKept = cached[own].filter((file) => others.includes(file) || file === "sw.js" || /^bulletin-\d/.test(file) || file.endsWith(".csp"));
      assert.deepEqual(notKept, [], "other issues, sw.js, the single file and its policy are not in the build's cache");

      await goOffline(site);
      await page.reload({ waitUntil: "load" });
      await waitReady(page);
      await showsIssue(page, newest);
      await page.evaluate(() => (location.hash = "#/archive"));
      await page.waitForSelector(".archive-issue");
      const dates = await page.locator(".archive-issue .archive-date time").evaluateAll((times) => times.map((time) => time.dateTime));
      assert.deepEqual(dates, [newest.date, middle.date, first.date], "the archive's list");
      // Loaded anew (through the worker): going from #/archive to #/tables in place shows the
      // archive's list again, a bug of the catalog view's memo (it ignores the list's kind).
      await page.goto(`${site.url}index.html#/tables`, { waitUntil: "load" });
      await waitReady(page);
      await page.waitForSelector(".tables-list tbody tr");
      const tables = facts.archive.reduce((sum, issue) => sum + issue.derived.tables.length, 0);
      assert.equal(await page.locator(".tables-list tbody tr").count(), tables, "the tables view");
      await page.locator("#search-input").fill("쑤저우");
      await page.waitForFunction(() => !document.querySelector("#search-results .indexing") && document.querySelectorAll("#search-results .result-issue").length > 1);
    }));
});

describe("every issue the reader opened", () => {
  const site = useSite({ dir: ARCHIVE_DIST, csp: true });
  // The offline page's policy, tried below, reports itself.
  const allow = (problem) =>
    (problem.kind === "CSP violation" && problem.text.startsWith("script-src-elem blocked inline")) ||
    (problem.kind === "console error" && problem.text.startsWith("Executing inline script violates"));

  test("stays readable offline: the page first visited and an issue opened in place", () =>
    site.scenario({ allow }, async ({ page, open }) => {
      // A first visit on an old issue's page: its data came before the worker ran.
      await open(`${middle.page}#/`);
      await waitControlled(page);
      await poll(page, async ([file]) => (await (await caches.keys()).reduce(async (found, name) => (await found) || Boolean(await (await caches.open(name)).match(file)), false)),
        [middle.data],
        { timeout: 10_000 },
      );
      // Another issue opened in place, from the issue before's link.
      await page.locator("nav.issue-nav a.older").first().click();
      await page.waitForFunction((file) => location.pathname.endsWith(file), first.page);
      await showsIssue(page, first);

      await goOffline(site);
      for (const issue of [middle, first]) {
        await page.goto(`${site.url}${issue.page}#/`, { waitUntil: "load" });
        await waitReady(page);
        await showsIssue(page, issue);
        // As the pre-rendered pages: the page just before the newest links it once (as the
        // issue after); an older one links the root's page, which shows the newest.
        const newestLinks = await page.locator("nav.issue-nav a.newest").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
        assert.deepEqual(newestLinks, issue === middle ? [] : ["index.html#/"], `${issue.page} offline: the link to the newest`);
      }
      // The page made offline links its neighbours and runs under the site's policy.
      assert.equal(await page.locator(`nav.issue-nav a.newer[href="${middle.page}#/"]`).count() > 0, true, "a link to the issue after");
      const inline = await page.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true;";
        document.body.append(script);
        return window.__inlineRan === true;
      });
      assert.equal(inline, false, "an inline script is refused: the page carries the site's Content-Security-Policy");
      await page.locator(`nav.issue-nav a.newer`).first().click();
      await showsIssue(page, middle);
    }));
});

describe("saving the whole archive", () => {
  const site = useSite({ dir: ARCHIVE_DIST, csp: true });

  test("says how large it is, saves every issue and says so; every issue then opens offline", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/archive");
      await waitControlled(page);
      const button = page.locator(".offline-save button.save-archive");
      await button.waitFor({ timeout: 20_000 });
      const missing = size(middle.data) + size(first.data);
      assert.equal(Number(await button.getAttribute("data-bytes")), missing, "the size of the issues not kept yet");
      assert.match(await button.innerText(), /\(\d+ (B|KB|MB)\)/, "the button says the size");
      await button.click();
      await page.locator(".offline-save .offline-done").waitFor({ timeout: 20_000 });
      const cached = await readCaches(page);
      const data = cached[`${CACHE_PREFIX}${site.url} data`];
      const search = readBuild(ARCHIVE_DIST).search.map(([file]) => file);
      assert.deepEqual(data, [first.data, middle.data, newest.data, ...search].sort(), "every issue's data is kept, beside the search bundles");
      await goOffline(site);
      await page.goto(`${site.url}${first.page}#/`, { waitUntil: "load" });
      await waitReady(page);
      await showsIssue(page, first);
    }));
});

describe("saving without a worker", () => {
  const site = useSite({ dir: ARCHIVE_DIST, csp: true });

  test("without service workers, the control says that saving is not available here", () =>
    site.scenario({}, async ({ page, context, open }) => {
      await context.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, "serviceWorker", { configurable: true, get: () => undefined });
      });
      await open("#/archive");
      await page.waitForSelector(".offline-save");
      assert.equal((await page.locator(".offline-save").innerText()).trim(), ko.offline_unavailable);
    }));
});


describe("a new deployment", () => {
  const dir = copyOf(ARCHIVE_DIST);
  const site = useSite({ dir, csp: true });

  test("of the issues alone takes over with no notice, keeps the issues the reader opened, drops what it no longer names and the old build's cache", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`${first.page}#/`);
      await waitControlled(page);
      await open(`${middle.page}#/`);
      const old = readBuild(dir);
      const dataCache = `${CACHE_PREFIX}${site.url} data`;
      // The three issues and the search bundle (all three are of 2023).
      assert.equal(old.search.length, 1, "one search bundle for one year");
      await poll(page, async (name) => (await (await caches.open(name)).keys()).length === 4, dataCache);
      // The new build no longer holds the first issue (a deployer withdrew it); the app's files
      // and so the pages of the other issues are as they were.
      const next = writeBuild(dir, (build) => ({
        ...build,
        version: otherVersion(build.version),
        issues: build.issues.filter(([date]) => date !== first.date),
      }));
      assert.equal(next.app, old.app, "the same app");
      await page.reload({ waitUntil: "load" });
      await waitReady(page);
      await poll(page, async (name) => (await caches.keys()).includes(name), `${CACHE_PREFIX}${site.url} ${next.version}`, { timeout: 30_000 });
      await poll(page, async (name) => !(await caches.keys()).includes(name), `${CACHE_PREFIX}${site.url} ${old.version}`);
      assert.equal(await page.locator(".update-notice").count(), 0, "no notice: the page is of the new build's app");
      const cached = await readCaches(page);
      assert.deepEqual(
        Object.keys(cached).sort(),
        [`${CACHE_PREFIX}${site.url} ${next.version}`, dataCache].sort(),
        `the old build's cache (${old.version}) is gone`,
      );
      assert.deepEqual(
        cached[dataCache],
        [middle.data, newest.data, old.search[0][0]].sort(),
        "the issues opened and the unchanged search bundle stay, the one withdrawn goes",
      );
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("a page already of the waiting build", () => {
  const dir = copyOf(ARCHIVE_DIST);
  const site = useSite({ dir, csp: true });

  test("lets it take over with no notice, and a page of the old build open elsewhere shows one", () =>
    site.scenario({}, async ({ page, context, open }) => {
      await open("");
      await waitControlled(page);
      // A deployment of a new app: a new worker, and pages that name its app.
      const old = readBuild(dir);
      const next = writeBuild(dir, (build) => ({ ...build, version: otherVersion(build.version), app: otherVersion(build.app) }));
      for (const file of readdirSync(dir).filter((name) => /^(index|\d{4}-\d{2}-\d{2})\.html$/.test(name))) {
        markPage(dir, file, "new");
        const path = join(dir, file);
        const html = readFileSync(path, "utf8");
        assert.ok(html.includes(`content="${old.app}"`), `${file} names the app it is of`);
        writeFileSync(path, html.replace(`content="${old.app}"`, `content="${next.app}"`));
      }
      // A new tab while the old page stays open: the old worker cannot simply activate.
      const tab = await context.newPage();
      await tab.goto(`${site.url}${middle.page}#/`, { waitUntil: "load" });
      await waitReady(tab);
      assert.equal(await mark(tab), "new", "the new tab shows the new deployment");
      await poll(tab, async (name) => !(await caches.keys()).includes(name), `${CACHE_PREFIX}${site.url} ${old.version}`, { timeout: 30_000 });
      assert.ok((await tab.evaluate(() => caches.keys())).includes(`${CACHE_PREFIX}${site.url} ${next.version}`), "the new build's cache");
      await tab.waitForTimeout(500);
      assert.equal(await tab.locator(".update-notice").count(), 0, "no notice on a page that is the new version already");
      await page.locator(".update-notice").waitFor({ timeout: 10_000 });
      assert.equal(await page.locator(".update-notice .update-text").textContent(), ko.new_version, "the old page says a new version is there");
      await tab.close();
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("an urgent build", () => {
  const dir = copyOf(ARCHIVE_DIST);
  const site = useSite({ dir, csp: true });

  test("takes over as soon as it is installed and reloads the open page where it was", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`${middle.page}#/summary`);
      await waitControlled(page);
      const next = writeBuild(dir, (build) => ({ ...build, version: otherVersion(build.version), urgent: true }));
      markPage(dir, middle.page, "urgent");
      // Nothing but the update check: the worker reloads the page itself.
      await Promise.all([page.waitForEvent("load", { timeout: 30_000 }), checkForUpdate(page)]);
      await waitReady(page);
      assert.equal(await mark(page), "urgent", "the page was loaded again from the server");
      assert.ok(page.url().endsWith(`${middle.page}#/summary`), `the reader stays where they were: ${page.url()}`);
      const names = Object.keys(await readCaches(page));
      assert.ok(names.includes(`${CACHE_PREFIX}${site.url} ${next.version}`), `the urgent build's cache: ${names}`);
      assert.equal(names.length, 2, `only it and the data cache: ${names}`);
      assert.equal(await page.locator(".update-notice").count(), 0, "no notice");
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("a failed install", () => {
  const dir = copyOf(ARCHIVE_DIST);
  const site = useSite({ dir, csp: true });

  test("leaves no partial cache behind", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await waitControlled(page);
      const old = readBuild(dir);
      // A deployment with a file missing on the server.
      const files = "shell" in old ? "shell" : "files";
      const next = writeBuild(dir, (build) => ({ ...build, version: otherVersion(build.version), [files]: [...build[files], "missing.txt"] }));
      await checkForUpdate(page);
      await poll(page, async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return !registration.installing && !registration.waiting;
      }, null, { timeout: 30_000 });
      const names = Object.keys(await readCaches(page)).sort();
      assert.deepEqual(names, [`${CACHE_PREFIX}${site.url} ${old.version}`, `${CACHE_PREFIX}${site.url} data`].sort(), `no cache of ${next.version}`);
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("a hand-edited index.html with sw.js unchanged", () => {
  const dir = copyOf(ARCHIVE_DIST);
  const site = useSite({ dir, csp: true });

  test("is what a returning reader gets at the next load, and what the worker keeps for offline", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await waitControlled(page);
      markPage(dir, "index.html", "edited");
      await page.reload({ waitUntil: "load" });
      await waitReady(page);
      assert.equal(await mark(page), "edited", "the edit is shown at once");
      assert.equal(await page.locator(".update-notice").count(), 0, "with no notice: the build is the same");
      await poll(page, async () => {
        for (const name of await caches.keys()) {
          const kept = await (await caches.open(name)).match("index.html");
          if (kept && (await kept.text()).includes('name="e2e"')) return true;
        }
        return false;
      });
      await goOffline(site);
      await page.reload({ waitUntil: "load" });
      await waitReady(page);
      assert.equal(await mark(page), "edited", "offline, the edited copy");
    }));

  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe("withdrawing the worker", () => {
  // The checks that find sw.js gone see the 404 the deployer made on purpose, and so does
  // the browser, which says so in the console.
  const allow = (problem) =>
    (problem.kind === "bad response" && /^404 .*\/sw\.js$/.test(problem.text)) ||
    (problem.kind === "failed request" && /\/sw\.js: net::ERR_ABORTED$/.test(problem.text)) ||
    (problem.kind === "console error" && /\b404\b.*(sw\.js|fetching the script)/.test(problem.text));

  describe("by deleting sw.js", () => {
    const dir = copyOf(ARCHIVE_DIST);
    const site = useSite({ dir, csp: true });

    test("a returning visitor gets the live site, and the worker and its caches go", () =>
      site.scenario({ allow }, async ({ page, context, open }) => {
        await open("");
        await waitControlled(page);
        unlinkSync(join(dir, "sw.js"));
        markPage(dir, "index.html", "live");
        await page.reload({ waitUntil: "load" });
        await waitReady(page);
        assert.equal(await mark(page), "live", "the reload shows the live page");
        await poll(page, async () => !navigator.serviceWorker.controller && (await caches.keys()).length === 0 && !(await navigator.serviceWorker.getRegistration()), null, {
          timeout: 20_000,
        });
        await waitReady(page);
        assert.equal(await mark(page), "live");
        const tab = await context.newPage();
        await tab.goto(site.url, { waitUntil: "load" });
        await waitReady(tab);
        assert.equal(await mark(tab), "live", "a new tab shows the live page");
        assert.equal(await tab.evaluate(() => navigator.serviceWorker.controller), null, "with no worker");
      }));

    after(() => rmSync(dir, { recursive: true, force: true }));
  });

  describe("by deploying the kill switch (dist --retire-worker)", () => {
    const dir = copyOf(ARCHIVE_DIST);
    const site = useSite({ dir, csp: true });

    test("an open page is reloaded from the server with no worker and no cache left", () =>
      site.scenario({}, async ({ page, context, open }) => {
        assert.ok(existsSync(join(RETIRED_DIST, "sw.js")), `${RETIRED_DIST} holds the retired build (cargo xtask test makes it)`);
        await open(`${middle.page}#/summary`);
        await waitControlled(page);
        cpSync(RETIRED_DIST, dir, { recursive: true, force: true });
        markPage(dir, middle.page, "retired");
        await Promise.all([page.waitForEvent("load", { timeout: 30_000 }), checkForUpdate(page)]);
        await waitReady(page);
        assert.equal(await mark(page), "retired", "the page came from the server");
        assert.ok(page.url().endsWith(`${middle.page}#/summary`), page.url());
        await poll(page, async () => !navigator.serviceWorker.controller && (await caches.keys()).length === 0, null, { timeout: 20_000 });
        const tab = await context.newPage();
        await tab.goto(`${site.url}`, { waitUntil: "load" });
        await waitReady(tab);
        await tab.waitForTimeout(500);
        assert.deepEqual(await tab.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, "no worker is registered again");
      }));

    after(() => rmSync(dir, { recursive: true, force: true }));
  });
});

describe("the single file served with its own policy", () => {
  const site = useSite({ dir: ARCHIVE_DIST, csp: true });
  const name = readdirSync(ARCHIVE_DIST).find((file) => /^bulletin-\d{4}-\d{2}-\d{2}\.html$/.test(file));

  test("runs with no violation of the hash-based policy dist writes beside it", () =>
    site.scenario({}, async ({ page }) => {
      const policyFile = join(ARCHIVE_DIST, `${name}.csp`);
      assert.ok(existsSync(policyFile), `${policyFile} is written`);
      const policy = readFileSync(policyFile, "utf8").trim();
      assert.match(policy, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'; style-src 'sha256-[^']+';/);
      const response = await page.goto(`${site.url}${name}#/summary`, { waitUntil: "load" });
      assert.equal(response.headers()["content-security-policy"], policy, "the server sends the file's own policy");
      await waitReady(page);
      await showsIssue(page, newest);
      const table = newest.derived.tables[0];
      if (table) {
        await page.evaluate((id) => (location.hash = `#/table/${id}`), table.id);
        await page.waitForSelector(`#${table.id}--table`);
      }
      await page.locator("#search-input").fill(newest.derived.articles[0].title.slice(0, 4));
      await page.waitForSelector("#search-results a.result");
      const font = await page.evaluate(() => getComputedStyle(document.querySelector("h1")).fontWeight);
      assert.notEqual(font, "", "the inline stylesheet applies");
    }));
});
