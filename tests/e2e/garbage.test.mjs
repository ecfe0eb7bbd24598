//! Garbage never crashes the app: broken hashes, unreadable stored settings, stray query
//! parameters. Each time the app renders, falls back to a sensible view, and says what it
//! ignored where it has a notice for it. (Every scenario also fails on any console error or
//! uncaught exception, which is how a panic shows.)

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { useSite } from "./lib/harness.mjs";
import { readFacts } from "./lib/facts.mjs";
import { readTable, pageWidths, overflowing } from "./lib/views.mjs";

const site = useSite({ csp: true });
const facts = readFacts();
const issue = facts.derived;
const ko = facts.strings.ko;
const nsfc = issue.tables.find((table) => table.id === "nsfc-programs");

/** The app is alive: its header and main view are there and the error screen is not. */
async function assertAlive(page, what) {
  assert.equal(await page.locator("#fatal").isVisible(), false, `${what}: no error screen`);
  assert.equal(await page.locator(".site-header h1.series").count(), 1, `${what}: header`);
  assert.equal(await page.locator("main#main").count(), 1, `${what}: main view`);
}

describe("garbage in the hash", () => {
  test("#/%FF is a not-found page, not a crash", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/%FF");
      await assertAlive(page, "#/%FF");
      await page.locator("main .not-found").waitFor();
      assert.equal(await page.locator("main .not-found code").textContent(), "#/%FF");
    }));

  test("a table link with a garbled sort and filter opens the table and says what it ignored", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/table/${nsfc.id}?sort=x:y,,:&filter=%E0`);
      await assertAlive(page, "garbled table link");
      const notice = page.locator("main .notice");
      await notice.first().waitFor();
      const text = (await notice.allTextContents()).join(" ");
      assert.ok(text.includes(ko.link_partly_ignored), `the notice says the link was partly ignored: ${text}`);
      assert.ok(text.includes("sort=x:y"), `the notice names the bad sort key: ${text}`);
      const shown = await readTable(page, nsfc.id);
      assert.deepEqual(shown.ariaSort, {}, "no sort applied");
      assert.equal(shown.filter, "%E0", "the undecodable filter is kept as typed");
      assert.equal(shown.rows.length, 0, "and matches nothing");
      assert.match(shown.count, new RegExp(`\\b0\\b.*\\b${nsfc.rows.length}\\b`));
      await page.locator(`#${nsfc.id} .filter input`).fill("");
      await page.waitForFunction(([id, n]) => document.querySelectorAll(`#${id}--table tbody tr`).length === n, [nsfc.id, nsfc.rows.length]);
    }));

  test("unknown columns and parameters are ignored and named", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/table/${nsfc.id}?sort=nope:asc,funding:desc&metric=program&zzz=1`);
      await assertAlive(page, "unknown columns");
      const text = (await page.locator("main .notice").allTextContents()).join(" ");
      for (const named of ["zzz", "sort=nope:asc", "metric=program"]) assert.ok(text.includes(named), `the notice names ${named}: ${text}`);
      const funding = nsfc.columns.findIndex((column) => column.id === "funding");
      assert.deepEqual((await readTable(page, nsfc.id)).ariaSort, { [funding]: "descending" }, "the good sort key still applies");
      await open("#/summary?bogus=%3Cscript%3E");
      const summaryNotice = (await page.locator("main .notice").allTextContents()).join(" ");
      assert.ok(summaryNotice.includes("bogus"), `a route without parameters names the stray one: ${summaryNotice}`);
    }));

  test("a 5,000-character hash renders, without widening the page", () =>
    site.scenario({ viewport: { width: 390, height: 844 } }, async ({ page, open }) => {
      for (const hash of [`#/${"가".repeat(5000)}`, `#/search?q=${"x".repeat(4990)}`, `#/table/${nsfc.id}?filter=${"%E0".repeat(1660)}`]) {
        await open(hash);
        await assertAlive(page, `${hash.slice(0, 20)}…`);
        const { scrollWidth, innerWidth } = await pageWidths(page);
        assert.ok(scrollWidth <= innerWidth, `${hash.slice(0, 20)}…: page is ${scrollWidth} px wide: ${(await overflowing(page)).join(", ")}`);
      }
      await open(`#/${"가".repeat(5000)}`);
      await page.locator("main .not-found").waitFor();
    }));

  test("garbage reached by navigation, not only on load, is handled too", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      for (const hash of ["#/%FF", "#/table/nsfc-programs?sort=,,,:::", "#/search?q=%", "#//////", "#?", "#/article/", `#/${"%".repeat(3000)}`]) {
        await page.evaluate((hash) => (location.hash = hash), hash);
        await page.waitForFunction((hash) => location.hash === hash || decodeURI(location.hash) === hash, hash).catch(() => {});
        await assertAlive(page, hash);
      }
    }));
});

describe("garbage in storage", () => {
  test("unreadable theme and language fall back to the defaults, with a notice, and are cleared", () =>
    site.scenario({ storage: { "bulletin-viewer.theme": "{", "bulletin-viewer.lang": "xx" } }, async ({ page, open }) => {
      await open("");
      await assertAlive(page, "garbage storage");
      assert.equal(await page.getAttribute("html", "data-theme"), null, "the system theme");
      assert.equal(await page.getAttribute("html", "lang"), "ko", "Korean");
      const banner = page.locator(".notice.banner");
      await banner.waitFor();
      assert.equal((await banner.textContent()).trim(), ko.preferences_reset);
      const stored = await page.evaluate(() => [localStorage.getItem("bulletin-viewer.theme"), localStorage.getItem("bulletin-viewer.lang")]);
      assert.deepEqual(stored, [null, null], "the garbage is removed");
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.locator(".notice.banner").count(), 0, "the notice shows once");
    }));
});

describe("garbage in the query string", () => {
  test("stray page parameters are ignored", () =>
    site.scenario({}, async ({ page, url }) => {
      await page.goto(`${url}?theme=dark&lang=xx&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&%FF=%E0#/summary`);
      await page.waitForSelector('html[data-ready="true"]');
      await assertAlive(page, "query string");
      assert.equal(await page.getAttribute("html", "data-theme"), null, "the query does not set the theme");
      assert.equal(await page.getAttribute("html", "lang"), "ko");
      assert.equal(await page.locator("#search-results").count(), 0, "nor start a search");
      assert.ok(await page.locator("#summary.is-target").count(), "the hash still routes");
    }));
});

test("the shipped build has no test panic trigger", () =>
  site.scenario({}, async ({ page, open }) => {
    await open("");
    await page.evaluate(() => window.dispatchEvent(new Event("bulletin-viewer:test-panic")));
    await page.waitForTimeout(200);
    await assertAlive(page, "after the test-panic event");
    assert.equal(await page.locator("main article.article").count(), issue.articles.length + issue.briefs.length);
  }));
