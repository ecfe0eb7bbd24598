//! The start-up without Yew (crates/start, issue 16): an issue's page opened at its top sorts its
//! tables before, and without, the full viewer; the viewer starts on the first use of anything
//! else and takes over the sorts made, the text typed and the button pressed meanwhile. A link to
//! a place in the issue is served as the viewer shows it; another view starts the viewer at once.
//! Expectations come from the facts file.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { useSite, waitReady } from "./lib/harness.mjs";
import { readFacts } from "./lib/facts.mjs";
import { readTable, sortButton, waitAriaSort, expectedOrder, waitTopInView } from "./lib/views.mjs";

const site = useSite({ csp: true });
const facts = readFacts();
const issue = facts.derived;
const ko = facts.strings.ko;
const collator = new Intl.Collator("ko");

const START_UP = 'html[data-ready="start-up"]';
const viewerWasm = (address) => /\/bulletin-viewer-[0-9a-f]+_bg\.wasm$/.test(address);
const startUpWasm = (address) => /\/bulletin-start-[0-9a-f]+_bg\.wasm$/.test(address);

/** Opens the page at its top and waits for the start-up, recording the page's requests. */
async function openStartUp(page, open) {
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await open("", { ready: false });
  await page.waitForSelector(START_UP, { state: "attached" });
  return requests;
}

const sortable = issue.tables.filter((table) => table.rows.length <= 300 && table.columns.some((column) => column.numeric));
const ids = (shown) => shown.rows.map((row) => row.id);

describe("the start-up without the viewer", () => {
  test("sorts every table's columns both ways and back, with its chart, and never fetches the viewer", () =>
    site.scenario({ startUp: true }, async ({ page, open }) => {
      const requests = await openStartUp(page, open);
      for (const table of sortable) {
        for (const [column, spec] of table.columns.entries()) {
          if (spec.kind === "List") continue;
          const key = spec.numeric ? (row) => row.values[column] : (row) => row.cells[column] || null;
          const compare = spec.numeric ? undefined : collator.compare;
          for (const direction of spec.numeric ? ["descending", "ascending"] : ["ascending", "descending"]) {
            await sortButton(page, table.id, column).click();
            await waitAriaSort(page, table.id, column, direction);
            const shown = await readTable(page, table.id);
            assert.deepEqual(ids(shown), expectedOrder(table.rows, key, direction, compare), `${table.id} by ${spec.id} ${direction}`);
            if (table.total) assert.ok(shown.totalLast, `${table.id}: the total stays last`);
            // The button pressed has focus again in the table written anew.
            assert.equal(
              await page.evaluate(() => document.activeElement?.getAttribute("data-column")),
              String(column),
              `${table.id}: focus stays on the button pressed`,
            );
          }
          await sortButton(page, table.id, column).click();
          await waitAriaSort(page, table.id, column, null);
          assert.deepEqual(ids(await readTable(page, table.id)), table.rows.map((row) => row.id), `${table.id}: back to print`);
        }
      }
      // The chart's SVG follows the order: its first bar's label is the first row's.
      const charted = sortable.find((table) => table.chart !== null);
      if (charted) {
        const column = charted.columns.findIndex((spec) => spec.numeric);
        await sortButton(page, charted.id, column).click();
        await waitAriaSort(page, charted.id, column, "descending");
        const live = await page.locator(`[id="${charted.id}"] p[aria-live]`).textContent();
        assert.ok(live.includes(ko.descending), `the live region says it: ${live}`);
        const labels = await page.locator(`[id="${charted.id}--chart"] .chart-area > svg`).textContent();
        assert.ok(labels.length > 0, "the chart's stand-in is there");
      }
      await page.waitForTimeout(1500);
      assert.ok(requests.some(startUpWasm), "the start-up's WebAssembly was fetched");
      assert.deepEqual(requests.filter(viewerWasm), [], "the viewer's WebAssembly was not");
      assert.equal(await page.getAttribute("html", "data-ready"), "start-up");
      // The service worker is registered by the start-up, so what was read is there offline.
      const scope = await page.evaluate(async () => {
        for (let tries = 0; tries < 50; tries += 1) {
          const registration = await navigator.serviceWorker.getRegistration();
          if (registration) return registration.scope;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return null;
      });
      assert.equal(scope, `${site.url}`, "the page's worker is registered");
    }));

  test("hands over to the viewer at the first search: the typed text, the sort and the next click go on", () =>
    site.scenario({ startUp: true }, async ({ page, open }) => {
      await openStartUp(page, open);
      const table = sortable.find((entry) => entry.columns.some((column) => column.numeric));
      const column = table.columns.findIndex((spec) => spec.numeric);
      await sortButton(page, table.id, column).click();
      await waitAriaSort(page, table.id, column, "descending");
      const sorted = ids(await readTable(page, table.id));
      const word = issue.tables[0].caption.split(/\s+/).find((part) => part.length >= 2);
      await page.locator("#search-input").click();
      await page.keyboard.type(word);
      await waitReady(page);
      assert.equal(await page.locator("#search-input").inputValue(), word, "the text typed while the viewer loaded is kept");
      await page.locator("#search-results li").first().waitFor();
      assert.ok((await page.locator("#search-results li").count()) > 0, `the viewer searched for ${word}`);
      await page.keyboard.press("Escape");
      assert.deepEqual(ids(await readTable(page, table.id)), sorted, "the table keeps the start-up's order");
      await waitAriaSort(page, table.id, column, "descending");
      // The viewer goes on from the sort handed over: the next press sorts ascending.
      await page.locator("#search-input").fill("");
      await sortButton(page, table.id, column).click();
      await waitAriaSort(page, table.id, column, "ascending");
      const key = (row) => row.values[column];
      assert.deepEqual(ids(await readTable(page, table.id)), expectedOrder(table.rows, key, "ascending"));
    }));

  test("the search box used before the start-up serves the page starts the viewer, which searches what was typed", async () => {
    const word = issue.tables[0].caption.split(/\s+/).find((part) => part.length >= 2);
    for (const way of ["tap", "/"]) {
      await site.scenario({ startUp: true }, async ({ page, open }) => {
        // The start-up's WebAssembly is held back: the reader is quicker than it.
        let release;
        const held = new Promise((resolve) => (release = resolve));
        await page.route((address) => startUpWasm(address.href), async (route) => {
          await held;
          await route.continue();
        });
        await open("", { ready: false });
        await page.waitForTimeout(300);
        assert.equal(await page.getAttribute("html", "data-ready"), null, `${way}: nothing serves the page yet`);
        if (way === "tap") {
          await page.locator("#search-input").click();
        } else {
          await page.keyboard.press("/");
        }
        assert.equal(await page.evaluate(() => document.activeElement?.id), "search-input", `${way}: the search box has focus`);
        // Typed on while the viewer loads and hydrates (a key every 40 ms): none is lost.
        await page.keyboard.type(word, { delay: 40 });
        // The viewer starts while the start-up is still held back.
        await waitReady(page);
        release();
        assert.equal(await page.locator("#search-input").inputValue(), word, `${way}: the text typed meanwhile is kept`);
        await page.locator("#search-results li").first().waitFor();
        assert.ok((await page.locator("#search-results li").count()) > 0, `${way}: the viewer searched for ${word}`);
        // The start-up, arriving late, leaves the page to the viewer.
        await page.waitForTimeout(300);
        assert.equal(await page.getAttribute("html", "data-ready"), "true", `${way}: the viewer keeps the page`);
      });
    }
  });

  test("a button of the viewer pressed before it has started is pressed again once it has", () =>
    site.scenario({ startUp: true }, async ({ page, open }) => {
      await openStartUp(page, open);
      assert.equal(await page.getAttribute("html", "data-theme"), null, "follows the (light) system at first");
      await page.locator(".theme-toggle").click();
      await waitReady(page);
      await page.waitForSelector('html[data-theme="dark"]');
    }));

  test("a link in the contents goes to its place at once, and the viewer follows it", () =>
    site.scenario({ startUp: true }, async ({ page, open }) => {
      await openStartUp(page, open);
      const article = issue.articles[4];
      // The viewer's WebAssembly is held back: the start-up alone has to take the reader there.
      // It is held where the page compiles it, not as a request: the service worker, which the
      // start-up registers once idle, may have taken the page over by now and answer the
      // request itself, where no route of the test sees it.
      await page.evaluate(() => {
        const compile = WebAssembly.compileStreaming.bind(WebAssembly);
        const held = new Promise((resolve) => (window.__e2eRelease = resolve));
        WebAssembly.compileStreaming = async (source) => {
          const response = await source;
          if (/\/bulletin-viewer-[0-9a-f]+_bg\.wasm$/.test(response.url)) await held;
          return compile(response);
        };
      });
      const release = () => page.evaluate(() => window.__e2eRelease());
      await page.locator(`#contents a[href="#/article/${article.id}"]`).click();
      await waitTopInView(page, `#${article.id}`);
      assert.equal(await page.getAttribute("html", "data-ready"), "start-up", "before the viewer has started");
      // Marked as the viewer marks it, at once.
      const marks = () =>
        page.evaluate(() => ({
          targets: [...document.querySelectorAll(".is-target")].map((element) => element.id),
          current: [...document.querySelectorAll('#contents a[aria-current="page"]')].map((element) => element.getAttribute("href")),
        }));
      assert.deepEqual(await marks(), { targets: [article.id], current: [`#/article/${article.id}`] });
      await release();
      await waitReady(page);
      await waitTopInView(page, `#${article.id}`);
      assert.equal(await page.evaluate(() => location.hash), `#/article/${article.id}`);
      assert.deepEqual(await marks(), { targets: [article.id], current: [`#/article/${article.id}`] }, "the viewer's marks");
    }));

  test("the skip link moves focus to the text and leaves the address alone", () =>
    site.scenario({ startUp: true }, async ({ page, open }) => {
      await openStartUp(page, open);
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.className), "skip-link");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
      assert.equal(await page.evaluate(() => location.hash), "", "the address names no place");
      assert.equal(await page.locator("h1").count() > 0, true, "the issue is still shown");
    }));

  test("a link to a sorted table is served as the viewer shows it, and the address follows its next sort", async () => {
    // A charted table whose descending order by its first figure column is not its print order.
    const table = sortable.find((entry) => {
      if (entry.chart === null) return false;
      const column = entry.columns.findIndex((spec) => spec.numeric);
      const order = expectedOrder(entry.rows, (row) => row.values[column], "descending");
      return order.join() !== entry.rows.map((row) => row.id).join();
    });
    assert.ok(table, "the issue has a charted table that a sort reorders");
    const column = table.columns.findIndex((spec) => spec.numeric);
    const link = `#/table/${table.id}?sort=${table.columns[column].id}:desc`;
    // What the page shows at the link: the table, the address, the marks, the place.
    const shown = (page) =>
      page.evaluate((id) => ({
        address: location.pathname.replace(/^.*\//, "") + location.hash,
        targets: [...document.querySelectorAll(".is-target")].map((element) => element.id),
        current: [...document.querySelectorAll('#contents a[aria-current="page"]')].map((element) => element.getAttribute("href")),
        live: document.querySelector(`[id="${id}"] p[aria-live]`)?.textContent ?? null,
      }), table.id);
    let viewer;
    await site.scenario({}, async ({ page, open }) => {
      await open(link);
      await waitTopInView(page, `[id="${table.id}"]`);
      viewer = { ...(await shown(page)), table: await readTable(page, table.id) };
    });
    await site.scenario({ startUp: true }, async ({ page, open }) => {
      const requests = [];
      page.on("request", (request) => requests.push(request.url()));
      await open(link, { ready: false });
      await page.waitForSelector(START_UP, { state: "attached" });
      await waitTopInView(page, `[id="${table.id}"]`);
      const served = { ...(await shown(page)), table: await readTable(page, table.id) };
      assert.deepEqual(
        ids(served.table),
        expectedOrder(table.rows, (row) => row.values[column], "descending"),
        "the table in the link's order",
      );
      assert.deepEqual(served.table.ariaSort, { [column]: "descending" });
      assert.deepEqual(served, viewer, "the start-up shows the link as the viewer does");
      assert.deepEqual(served.targets, [table.id], "the table is marked as the link's target");
      const bars = await page.locator(`[id="${table.id}--chart"] .chart-area > svg text.chart-text`).allTextContents();
      assert.ok(bars.length > 0 && served.table.rows[0].cells.some((cell) => cell.includes(bars[0])), `the chart's first bar is the first row's: ${bars[0]}`);
      // The reader sorts by another column: the address, a link to this table, follows.
      const other = table.columns.findIndex((spec, index) => index !== column && spec.kind !== "List");
      await sortButton(page, table.id, other).click();
      const direction = table.columns[other].numeric ? "descending" : "ascending";
      await waitAriaSort(page, table.id, other, direction);
      const hash = await page.evaluate(() => location.hash);
      assert.equal(hash, `#/table/${table.id}?sort=${table.columns[other].id}:${direction === "descending" ? "desc" : "asc"}`);
      assert.deepEqual(requests.filter(viewerWasm), [], "the viewer's WebAssembly was not fetched");
      // The reader scrolls on to the chart and taps it, which starts the viewer: it takes over
      // where the reader is (not back at the table's top), the table keeping its order and mark.
      await page.evaluate((id) => document.querySelector(`[id="${id}--chart"] .chart-area`).scrollIntoView({ block: "center" }), table.id);
      const scrolled = await page.evaluate(() => scrollY);
      const order = ids(await readTable(page, table.id));
      const area = await page.locator(`[id="${table.id}--chart"] .chart-area`).boundingBox();
      await page.mouse.click(area.x + area.width / 2, area.y + area.height / 2);
      await waitReady(page);
      await page.waitForTimeout(300);
      const after = await page.evaluate(() => scrollY);
      assert.ok(Math.abs(after - scrolled) <= 2, `the viewer leaves the reader where they are: ${scrolled} → ${after}`);
      assert.deepEqual(ids(await readTable(page, table.id)), order, "the viewer keeps the order");
      assert.equal(await page.evaluate(() => location.hash), hash);
      assert.deepEqual((await shown(page)).targets, [table.id]);
    });
  });

  test("an address the start-up does not serve starts the viewer at once", async () => {
    const table = sortable[0];
    // A sort key naming no column, which the viewer says it ignored; another view, for which the
    // start-up is not even fetched.
    for (const [hash, fetched] of [
      [`#/table/${table.id}?sort=no-such-column:desc`, true],
      ["#/search?q=NSFC", false],
    ]) {
      await site.scenario({ startUp: true }, async ({ page, open }) => {
        const requests = [];
        page.on("request", (request) => requests.push(request.url()));
        await open(hash);
        assert.equal(await page.getAttribute("html", "data-ready"), "true", hash);
        assert.equal(requests.some(startUpWasm), fetched, `${hash}: the start-up fetched`);
      });
    }
  });
});
