//! Tables: sorting every numeric column both ways and back, Korean text in 가나다 order, a
//! marked row kept through a sort and a filter, the chart's SVG stand-in (on a phone too) and its canvas's set-up and draw,
//! the filter and its row count, the CSV download, and the chart's PNG download. Every
//! expectation is computed from the numbers and texts of the build's facts file
//! (lib/facts.mjs: the issue as embedded, each cell as shown and its figure), none is written
//! in here.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { useSite, waitReady } from "./lib/harness.mjs";
import { readFacts } from "./lib/facts.mjs";
import { readTable, sortButton, waitAriaSort, expectedOrder, controlIdle, bringChartsNear, chartsNearView } from "./lib/views.mjs";

const site = useSite({ csp: true });
const facts = readFacts();
// The issue as the scenarios walk it: its tables in print order, each row `{ id, cells, values }`.
const issue = facts.derived;
const ko = facts.strings.ko;
const collator = new Intl.Collator("ko");
// The tables the core charts (bulletin::chart::ChartSpec::for_table), in print order.
const charted = issue.tables.filter((table) => table.chart !== null);

/** A row's cells as the page shows them (whitespace collapsed), list columns left out. */
function shownCells(table, cells) {
  return cells
    .map((cell, index) => (table.columns[index].kind === "List" ? null : cell.replace(/\s+/g, " ").trim()))
    .filter((cell) => cell !== null);
}

function pageCells(table, row) {
  return row.cells.filter((_, index) => table.columns[index].kind !== "List");
}

/** The row of `table` with this element id. */
function rowById(table, id) {
  const row = table.rows.find((entry) => entry.id === id);
  assert.ok(row, `${table.id} has no row ${id}`);
  return row;
}

/** Asserts the rows are in exactly `expected` order and read as the source's rows do. */
function assertRows(table, shown, expected, message) {
  assert.deepEqual(
    shown.rows.map((row) => row.id),
    expected,
    `${message}: row order`,
  );
  for (const row of shown.rows) {
    assert.deepEqual(pageCells(table, row), shownCells(table, rowById(table, row.id).cells), `${message}: ${row.id} cells`);
  }
}

function assertTotal(table, shown, message) {
  if (table.total === null) {
    assert.equal(shown.footRows, 0, `${message}: a table without a total row has no tfoot row`);
    return;
  }
  assert.equal(shown.footRows, 1, `${message}: one total row in <tfoot>`);
  assert.ok(shown.totalLast, `${message}: the total row is the last row of the table, in <tfoot>`);
  assert.deepEqual(shown.total, shownCells(table, table.total.cells), `${message}: total row cells`);
}

const printedOrder = (table) => table.rows.map((row) => row.id);

describe("sorting", () => {
  for (const table of issue.tables.filter((table) => table.columns.some((column) => column.numeric))) {
    test(`${table.id}: every numeric column sorts descending, ascending, then back to print`, () =>
      site.scenario({}, async ({ page, open }) => {
        await open(`#/table/${table.id}`);
        const printed = await readTable(page, table.id);
        assertRows(table, printed, printedOrder(table), "printed order");
        assertTotal(table, printed, "printed order");
        assert.deepEqual(printed.ariaSort, {}, "no column is sorted at first");

        for (const [column, spec] of table.columns.entries()) {
          if (!spec.numeric) continue;
          const key = (row) => row.values[column];
          const values = table.rows.map(key).filter((value) => value !== null);
          for (const direction of ["descending", "ascending"]) {
            await sortButton(page, table.id, column).click();
            await waitAriaSort(page, table.id, column, direction);
            const shown = await readTable(page, table.id);
            const what = `${table.id} by ${spec.id} ${direction}`;
            assertRows(table, shown, expectedOrder(table.rows, key, direction), what);
            // The ends, said plainly: the largest (or smallest) figure first, the other end last
            // of the rows with a figure (those without one, empty or a dash, come after them).
            const figures = shown.rows.map((row) => key(rowById(table, row.id))).filter((value) => value !== null);
            const [first, last] = [figures[0], figures.at(-1)];
            const [top, bottom] = direction === "descending" ? [Math.max(...values), Math.min(...values)] : [Math.min(...values), Math.max(...values)];
            assert.equal(first, top, `${what}: first row`);
            assert.equal(last, bottom, `${what}: last row`);
            assert.deepEqual(shown.ariaSort, { [column]: direction }, `${what}: aria-sort only on the sorted header`);
            assertTotal(table, shown, what);
          }
          await sortButton(page, table.id, column).click();
          await waitAriaSort(page, table.id, column, null);
          const restored = await readTable(page, table.id);
          assertRows(table, restored, printedOrder(table), `${table.id} by ${spec.id}, third click`);
          assert.deepEqual(restored.ariaSort, {}, `${table.id} by ${spec.id}, third click: no aria-sort`);
          assertTotal(table, restored, `${table.id} by ${spec.id}, third click`);
        }
      }));
  }

  test("Korean text columns sort in 가나다 order (Intl.Collator('ko')), then reversed", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      let checked = 0;
      for (const table of issue.tables) {
        for (const [column, spec] of table.columns.entries()) {
          if (spec.kind !== "Text") continue;
          const key = (row) => (row.cells[column] === "" ? null : row.cells[column]);
          for (const direction of ["ascending", "descending"]) {
            await sortButton(page, table.id, column).click();
            await waitAriaSort(page, table.id, column, direction);
            const shown = await readTable(page, table.id);
            const what = `${table.id} by ${spec.id} ${direction}`;
            assertRows(table, shown, expectedOrder(table.rows, key, direction, collator.compare), what);
            const texts = shown.rows.map((row) => row.cells[column]).filter((text) => text !== "");
            const sorted = [...texts].sort(collator.compare);
            assert.deepEqual(texts, direction === "ascending" ? sorted : sorted.reverse(), `${what}: 가나다 order`);
            assertTotal(table, shown, what);
          }
          checked += 1;
        }
      }
      assert.ok(checked >= 5, `checked ${checked} text columns`);
    }));
});

/** A CSV field as RFC 4180 quotes it. */
function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The fields of one CSV line, RFC 4180 quoting undone. */
function csvFields(line) {
  const fields = [""];
  let quoted = false;
  for (let at = 0; at < line.length; at += 1) {
    const c = line[at];
    if (c === '"' && quoted && line[at + 1] === '"') {
      fields[fields.length - 1] += '"';
      at += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === "," && !quoted) {
      fields.push("");
    } else {
      fields[fields.length - 1] += c;
    }
  }
  return fields;
}

/** How many CSV columns come before column `index`'s: one a column, two for those with sub-figures. */
function csvColumnsBefore(withSub, index) {
  return withSub.slice(0, index).reduce((sum, sub) => sum + (sub ? 2 : 1), 0);
}

test("until its canvas is drawn, a chart shows as SVG, and the SVG follows the table's sort", () =>
  site.scenario({}, async ({ page, open }) => {
    // The canvas waits for the browser to be idle; here the browser never says it is.
    await page.addInitScript(() => {
      window.requestIdleCallback = () => 1;
      window.cancelIdleCallback = () => {};
    });
    await open("");
    const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
    const funding = table.columns.findIndex((column) => column.id === "funding");
    const label = table.columns.findIndex((column) => column.kind === "Text");
    const amount = (row) => row.values[funding];
    // The first category label of the SVG, with the "…" of a shortened label taken off.
    const firstLabel = () =>
      page.locator(`#${table.id}--chart svg.chart-svg text.chart-text`).first().evaluate((text) => text.textContent.replace(/…$/, ""));
    for (const direction of ["descending", "ascending"]) {
      await sortButton(page, table.id, funding).click();
      await waitAriaSort(page, table.id, funding, direction);
      const [first] = expectedOrder(table.rows, amount, direction);
      const expected = rowById(table, first).cells[label];
      const shown = await firstLabel();
      assert.ok(shown.length > 0 && expected.startsWith(shown), `${direction}: the SVG's first bar is ${shown}, not ${expected}`);
    }
    const canvas = await page.locator(`#${table.id}--chart canvas`).evaluate((element) => ({
      undrawn: element.classList.contains("undrawn"),
      width: element.getBoundingClientRect().width,
      draws: performance.getEntriesByName("chart-draw:nsfc-programs", "measure").length,
    }));
    assert.deepEqual(canvas, { undrawn: true, width: 0, draws: 0 }, "the canvas waits, hidden");
  }));

/** Each chart's canvas: its set-ups and draws (the app's measures), whether it still shows the SVG, its sizes. */
function chartStates(page) {
  return page.locator("figure.chart").evaluateAll((figures) =>
    figures.map((figure) => {
      const id = figure.id.replace(/--chart$/, "");
      const canvas = figure.querySelector("canvas");
      return {
        id,
        setups: performance.getEntriesByName(`chart-setup:${id}`, "measure").length,
        draws: performance.getEntriesByName(`chart-draw:${id}`, "measure").length,
        undrawn: canvas.classList.contains("undrawn"),
        svg: figure.querySelector("svg.chart-svg") !== null,
        width: canvas.width,
        cssWidth: Math.floor(figure.querySelector(".chart-area").clientWidth),
      };
    }),
  );
}

test("a chart's canvas waits until the chart comes near the view: far from it, a chart stays SVG however idle the browser", () =>
  site.scenario({ deviceScaleFactor: 2 }, async ({ page, open }) => {
    await controlIdle(page);
    await open("");
    const state = () => chartStates(page);
    // At the top of the issue, only the charts within a screen of the view wait for the browser.
    const near = await chartsNearView(page);
    assert.ok(near < charted.length, `a chart is far below the top (${near} of ${charted.length} near)`);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
    assert.equal(await page.evaluate(() => window.idleWaiting()), near, "the charts far from the view ask for nothing");
    const far = await state();
    assert.deepEqual(far.map((chart) => [chart.id, chart.setups, chart.draws, chart.undrawn, chart.svg]), charted.map((table) => [table.id, 0, 0, true, true]), "each chart shows as SVG");
    await page.evaluate(() => window.runIdle());
    await page.waitForFunction((charts) => window.idleWaiting() === charts, near);
    const setUpNear = await state();
    assert.equal(setUpNear.filter((chart) => chart.setups === 1).length, near, "only the charts near the view are set up");
    assert.ok(setUpNear.every((chart) => chart.draws === 0 && chart.undrawn), "and none is drawn yet");
  }));

test("scrolled to, each chart's canvas is set up when the browser is first idle, and drawn when it is idle again", () =>
  site.scenario({ deviceScaleFactor: 2 }, async ({ page, open }) => {
    await controlIdle(page);
    await open("");
    const state = () => chartStates(page);
    await bringChartsNear(page);
    await page.waitForFunction((charts) => window.idleWaiting() === charts, charted.length);
    const before = await state();
    assert.deepEqual(before.map((chart) => [chart.id, chart.setups, chart.draws, chart.undrawn, chart.svg]), charted.map((table) => [table.id, 0, 0, true, true]), "each chart waits for the browser, as SVG");

    assert.equal(await page.evaluate(() => window.runIdle()), charted.length);
    await page.waitForFunction((charts) => window.idleWaiting() === charts, charted.length);
    const setUp = await state();
    for (const chart of setUp) {
      assert.deepEqual([chart.setups, chart.draws, chart.undrawn, chart.svg], [1, 0, true, true], `${chart.id}: set up, not drawn yet, still SVG`);
      assert.equal(chart.width, 2 * chart.cssWidth, `${chart.id}: the set-up gives the backing store its size at devicePixelRatio 2`);
    }

    assert.equal(await page.evaluate(() => window.runIdle()), charted.length);
    await page.waitForFunction(() => document.querySelectorAll("figure.chart svg.chart-svg").length === 0);
    const drawn = await state();
    for (const [index, chart] of drawn.entries()) {
      assert.deepEqual([chart.setups, chart.draws, chart.undrawn, chart.svg], [1, 1, false, false], `${chart.id}: drawn once, on the canvas set up for it`);
      assert.equal(chart.width, setUp[index].width, `${chart.id}: the draw kept the set-up's backing store`);
    }
    assert.equal(await page.evaluate(() => window.idleWaiting()), 0, "nothing else waits");
  }));

test("on a phone, a chart's SVG keeps its own size and scrolls sideways, and a bar chart's canvas takes its height", () =>
  site.scenario({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }, async ({ page, open }) => {
    await controlIdle(page);
    await open("");
    await bringChartsNear(page);
    await page.waitForFunction((charts) => window.idleWaiting() === charts, charted.length);
    const measure = () =>
      page.locator("figure.chart").evaluateAll((figures) =>
        figures.map((figure) => {
          const area = figure.querySelector(".chart-area");
          const svg = area.querySelector("svg.chart-svg");
          return {
            id: figure.id,
            height: area.getBoundingClientRect().height,
            areaWidth: area.clientWidth,
            scrollWidth: area.scrollWidth,
            // Rendered width over the SVG's own: 1 when it is not scaled down.
            scale: svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : null,
            // One colour for every bar: a chart of one measure, whose height follows its rows only.
            bars: svg ? svg.querySelector("rect.chart-s1") === null : null,
          };
        }),
      );
    const shown = await measure();
    assert.deepEqual(shown.map((chart) => chart.id), charted.map((table) => `${table.id}--chart`));
    for (const chart of shown) {
      assert.equal(chart.scale, 1, `${chart.id}: the SVG is shown at its own size`);
      assert.ok(chart.scrollWidth > chart.areaWidth, `${chart.id}: it scrolls sideways (${chart.scrollWidth} in ${chart.areaWidth} px)`);
    }
    assert.ok(shown.filter((chart) => chart.bars).length >= 2, "bar charts among them");
    const page390 = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(page390[0] <= page390[1], `the page itself does not scroll sideways: ${page390}`);

    await page.evaluate(() => window.runIdle());
    await page.waitForFunction((charts) => window.idleWaiting() === charts, charted.length);
    await page.evaluate(() => window.runIdle());
    await page.waitForFunction(() => document.querySelectorAll("figure.chart svg.chart-svg").length === 0);
    const drawn = await measure();
    for (const [index, chart] of drawn.entries()) {
      assert.equal(chart.scrollWidth, chart.areaWidth, `${chart.id}: the canvas fits the column`);
      if (shown[index].bars) {
        assert.ok(Math.abs(chart.height - shown[index].height) <= 1, `${chart.id}: nothing below moves when the canvas replaces the SVG (${shown[index].height} then ${chart.height} px)`);
      }
    }
  }));

test("a row a search result marked stays marked in its new place when the table is sorted or filtered", () =>
  site.scenario({}, async ({ page, open }) => {
    await open("");
    const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
    const funding = table.columns.findIndex((column) => column.id === "funding");
    const label = table.columns.findIndex((column) => column.kind === "Text");
    // The row with the smallest funding of those above it in print, so sorting moves it.
    const amount = (row) => row.values[funding];
    const row = table.rows.findIndex((candidate, index) => index > 0 && table.rows.slice(0, index).every((above) => amount(above) > amount(candidate)));
    const id = table.rows[row].id;
    await page.locator("#search-input").fill(table.rows[row].cells[label]);
    const result = page.locator(`#search-results a.result[href^="#/table/${table.id}"]`).first();
    await result.click();
    await page.waitForSelector("#search-results", { state: "detached" });
    const marked = () =>
      page.evaluate(
        (tableId) => [...document.querySelectorAll(".is-target")].map((element) => [element.id, [...document.querySelectorAll(`#${tableId}--table tbody tr[id]`)].indexOf(element)]),
        table.id,
      );
    assert.deepEqual(await marked(), [[id, row]], "the result's row is marked, in print order");

    await page.locator(`#${table.id}--table thead th`).nth(funding).locator("button.sort").click();
    await waitAriaSort(page, table.id, funding, "descending");
    const order = expectedOrder(table.rows, amount, "descending");
    assert.notEqual(order.indexOf(id), row, "sorting moves the row");
    assert.deepEqual(await marked(), [[id, order.indexOf(id)]], "the same row is marked, where the sort put it");

    // Each keystroke in the filter writes the rows again; the marked row is among those kept.
    // The word of the row's label that the most other rows share.
    const keeps = (query) => order.filter((rowId) => rowById(table, rowId).cells.join(" ").includes(query));
    const query = table.rows[row].cells[label].split(" ").reduce((best, word) => (keeps(word).length > keeps(best).length ? word : best));
    const kept = keeps(query);
    assert.ok(kept.length > 1 && kept.length < table.rows.length && kept.indexOf(id) !== order.indexOf(id), `${query} leaves some rows and moves the marked one`);
    await page.locator(`#${table.id} .filter input`).pressSequentially(query);
    await page.waitForFunction(([tableId, n]) => document.querySelectorAll(`#${tableId}--table tbody tr[id]`).length === n, [table.id, kept.length]);
    assert.deepEqual(await marked(), [[id, kept.indexOf(id)]], "the same row is marked among the rows the filter kept");
  }));

describe("where a search result in a table lands", () => {
  const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
  const funding = table.columns.findIndex((column) => column.id === "funding");

  /** Searches for `query` and chooses its first result in the table. */
  async function choose(page, query) {
    await page.locator("#search-input").fill(query);
    const result = page.locator(`#search-results a.result[href^="#/table/${table.id}"]`).first();
    await result.waitFor();
    await result.click();
    await page.waitForSelector("#search-results", { state: "detached" });
  }

  /** The table's caption and header, the marked row, and what covers the row's middle. */
  const placed = (page) =>
    page.evaluate((id) => {
      const rect = (element) => element.getBoundingClientRect();
      const target = document.querySelector(".is-target");
      const middle = rect(target);
      const hit = document.elementFromPoint(middle.left + 8, middle.top + middle.height / 2);
      return {
        target: target.id,
        caption: rect(document.querySelector(`#${id}--table caption`)).top,
        header: rect(document.querySelector(`#${id}--table thead`)).top,
        rowTop: middle.top,
        rowBottom: middle.bottom,
        covered: !target.contains(hit),
        from: document.querySelector(".site-header").getBoundingClientRect().bottom,
        to: window.innerHeight,
      };
    }, table.id);

  test("on a wide screen, the table's caption and header are in view with the total or the last row, which nothing covers", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      const total = table.total.cells.find((cell, column) => table.columns[column].numeric && /\d,\d/.test(cell));
      const last = table.rows.at(-1);
      for (const [query, id] of [
        [total, `${table.id}--total`],
        [last.cells[funding], last.id],
      ]) {
        await choose(page, query);
        const place = await placed(page);
        assert.equal(place.target, id, `${query}: the result's row is marked`);
        assert.ok(place.caption >= place.from - 1 && place.header > place.caption, `${query}: the caption and header are in view below the page's header: ${JSON.stringify(place)}`);
        assert.ok(place.rowTop > place.header && place.rowBottom <= place.to, `${query}: the row is in view below them: ${JSON.stringify(place)}`);
        assert.equal(place.covered, false, `${query}: nothing covers the row: ${JSON.stringify(place)}`);
        await open("");
      }
    }));
});

describe("filter and downloads", () => {
  const table = issue.tables.find((table) => table.id === "nsfc-programs");
  const query = "기금";

  test("a printout of a filtered table says it is filtered, by what, and how many rows it shows", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/table/${table.id}`);
      const note = page.locator(`#${table.id} .filter-print`);
      assert.equal(await note.count(), 0, "no note without a filter");
      await page.locator(`#${table.id} .filter input`).fill(query);
      const matching = table.rows.filter((row) => row.cells.join(" ").includes(query)).length;
      await page.waitForFunction(([id, n]) => document.querySelectorAll(`#${id}--table tbody tr`).length === n, [table.id, matching]);
      const count = (await page.locator(`#${table.id} .row-count`).textContent()).trim();
      assert.ok(count.startsWith(`${matching} / ${table.rows.length}`), `the row count: ${count}`);
      assert.ok(!(await note.isVisible()), "on screen the toolbar says it");
      await page.emulateMedia({ media: "print" });
      assert.ok(await note.isVisible(), "printed, the note is there");
      assert.ok(!(await page.locator(`#${table.id} .table-toolbar`).isVisible()), "and the toolbar is not");
      assert.equal((await note.textContent()).trim(), `${ko.filtered_print}: “${query}” · ${count}`);
      // Above the table.
      const [noteBox, tableBox] = [await note.boundingBox(), await page.locator(`#${table.id}--table`).boundingBox()];
      assert.ok(noteBox.y + noteBox.height <= tableBox.y + 1, "above the table");
      await page.emulateMedia({ media: "screen" });
    }));

  test("a sort button tapped before the app starts says the table is getting ready, and the sort happens when it starts", () =>
    site.scenario({}, async ({ page, url }) => {
      // The WebAssembly is held back until the tap has been made.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route(/\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${url}#/table/${table.id}`);
      const column = table.columns.findIndex((entry) => entry.id === "funding");
      assert.ok(column > 0, "the table has a funding column");
      const button = sortButton(page, table.id, column);
      await button.waitFor();
      assert.equal(await page.locator("html[data-ready]").count(), 0, "the app has not started");
      await button.click();
      assert.equal(await button.getAttribute("aria-busy"), "true", "the button says it is busy");
      const ready = page.locator(`#${table.id} .getting-ready`);
      assert.ok(await ready.isVisible(), "the table says it is getting ready");
      assert.equal((await ready.textContent()).trim(), ko.getting_ready);
      release();
      await waitReady(page);
      // The tap was kept: the column sorts as a first click sorts it, largest first.
      await waitAriaSort(page, table.id, column, "descending");
      const shown = await readTable(page, table.id);
      const values = shown.rows.map((row) => rowById(table, row.id).values[column]);
      assert.deepEqual(values, [...values].sort((a, b) => b - a), "largest first");
      assert.ok(!(await ready.isVisible()), "no longer getting ready");
      assert.equal(await page.locator(`#${table.id}--table button.sort[aria-busy]`).count(), 0, "no button busy");
    }));

  test("the filter keeps matching rows, counts them, says when none match, and the CSV holds exactly what is shown", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/table/${table.id}`);
      const matching = table.rows.filter((row) => row.cells.join(" ").includes(query)).length;
      assert.ok(matching > 1 && matching < table.rows.length, "the query filters some rows, not all or none");

      await page.locator(`#${table.id} .filter input`).fill(query);
      await page.waitForFunction(
        ([id, n]) => document.querySelectorAll(`#${id}--table tbody tr`).length === n,
        [table.id, matching],
      );
      let shown = await readTable(page, table.id);
      assert.equal(shown.rows.length, matching);
      for (const row of shown.rows) assert.ok(row.cells.join(" ").includes(query), `${row.id} matches ${query}`);
      assert.match(shown.count, new RegExp(`\\b${matching}\\b.*\\b${table.rows.length}\\b`), "row count says n of total");
      assertTotal(table, shown, "filtered");
      assert.match(shown.totalScope ?? "", new RegExp(`\\b${table.rows.length}\\b`), "the printed total says it is of every row");

      // Sort by funding ascending so that the visible order is neither printed nor filtered order.
      const funding = table.columns.findIndex((column) => column.id === "funding");
      await sortButton(page, table.id, funding).click();
      await sortButton(page, table.id, funding).click();
      await waitAriaSort(page, table.id, funding, "ascending");
      shown = await readTable(page, table.id);
      const filteredRows = table.rows.map((row, index) => ({ row, index })).filter(({ row }) => row.cells.join(" ").includes(query));
      const expectedIds = filteredRows
        .sort((a, b) => a.row.values[funding] - b.row.values[funding] || a.index - b.index)
        .map(({ row }) => row.id);
      assert.deepEqual(shown.rows.map((row) => row.id), expectedIds, "filtered rows sorted by funding");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#${table.id} .table-toolbar button`, { hasText: ko.download_csv }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `${issue.date}-${table.id}.csv`);
      const bytes = readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte order mark");
      const text = bytes.subarray(3).toString("utf8");
      assert.ok(text.endsWith("\r\n"), "CRLF line ends");
      const lines = text.split("\r\n").slice(0, -1);
      // Numbers as a spreadsheet reads them (no separators, the printed decimals); a column
      // with sub-figures (`630 (25)`) is followed by one of its own, named after it, whatever
      // the filter shows; the total keeps the page's note that it is of every row.
      const withSub = table.columns.map((column, index) =>
        column.numeric && [...table.rows, table.total].some((row) => row.cells[index].includes("(")),
      );
      assert.ok(withSub.some(Boolean), "the table has sub-figures");
      const header = csvFields(lines[0]);
      const expectedHeader = table.columns.flatMap((column, index) => {
        if (!withSub[index]) return [column.heading];
        const sub = header[csvColumnsBefore(withSub, index) + 1];
        assert.ok(sub?.startsWith(`${column.heading} `) && sub.length > column.heading.length + 1, `${sub} names ${column.heading}`);
        return [column.heading, sub];
      });
      assert.deepEqual(header, expectedHeader);
      const fields = (row, { label = false } = {}) =>
        row.cells.flatMap((cell, index) => {
          const number = table.columns[index].numeric && /\d/.test(cell) && !(label && index === 0);
          if (!number) return withSub[index] ? [cell, ""] : [cell];
          const [main, sub = ""] = cell.split("(").map((part) => part.replace(/[,)]/g, "").trim());
          assert.equal(Number(main), row.values[index], `${cell} reads as its main figure`);
          return withSub[index] ? [main, sub] : [main];
        });
      const expected = [
        ...shown.rows.map((row) => fields(rowById(table, row.id)).map(csvField).join(",")),
        fields({ ...table.total, cells: [`${table.total.cells[0]} ${shown.totalScope}`, ...table.total.cells.slice(1)] }, { label: true })
          .map(csvField)
          .join(","),
      ];
      assert.deepEqual(lines.slice(1), expected);
      assert.ok(lines[0].includes("(만 위안)"), "the header carries the unit");

      // A filter that matches nothing says so; cleared, the total needs no note.
      await page.locator(`#${table.id} .filter input`).fill("zzz");
      await page.waitForFunction((id) => document.querySelectorAll(`#${id}--table tbody tr`).length === 0, table.id);
      assert.equal(await page.locator(`#${table.id} .notice`).textContent(), ko.no_matching_rows);
      await page.locator(`#${table.id} .filter input`).fill("");
      await page.waitForFunction(([id, n]) => document.querySelectorAll(`#${id}--table tbody tr`).length === n, [table.id, table.rows.length]);
      shown = await readTable(page, table.id);
      assert.equal(shown.totalScope, null, "no note when every row is shown");
      assert.equal(await page.locator(`#${table.id} .notice`).count(), 0);
    }));

  test("the chart's PNG stands alone: a dated file name, twice the CSS width on a 2x screen, the caption above and the source below", () =>
    site.scenario({ deviceScaleFactor: 2 }, async ({ page, open, context }) => {
      await open(`#/table/${table.id}`);
      const canvas = page.locator(`#${table.id}--chart canvas`);
      await page.waitForFunction((id) => document.querySelector(`#${id}--chart canvas`)?.getBoundingClientRect().width > 0, table.id);
      const css = await canvas.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        const pixels = element.getContext("2d").getImageData(0, 0, element.width, element.height).data;
        const colours = new Set();
        for (let at = 0; at < pixels.length && colours.size < 16; at += 4 * 97) {
          colours.add(`${pixels[at]},${pixels[at + 1]},${pixels[at + 2]},${pixels[at + 3]}`);
        }
        return { width: rect.width, height: rect.height, colours: colours.size };
      });
      assert.ok(css.colours > 2, `the chart is drawn (${css.colours} colours sampled)`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#${table.id}--chart button`, { hasText: ko.download_png }).click(),
      ]);
      // Named like the table's CSV, with the issue's date.
      assert.equal(download.suggestedFilename(), `${issue.date}-${table.id}-chart.png`);
      const png = readFileSync(await download.path());
      const image = readPng(png);
      assert.equal(image.width, Math.round(css.width * 2), "IHDR width is 2x the CSS width");
      // Taller than the chart on screen by at least a title, a measure and a line of notes
      // (about 60 CSS pixels); a wrapped label may add more.
      assert.ok(image.height >= Math.round(css.height * 2) + 2 * 55, `the frame adds its lines: ${image.height} against ${css.height * 2}`);
      // Drawn in: ink in the title's band above the chart and in the notes' band below it.
      const blank = await context.newPage();
      const ink = await blank.evaluate(async (bytes) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: "image/png" }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d");
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        const background = data.slice(0, 4).join();
        const inked = (from, to) => {
          let count = 0;
          for (let y = from; y < to; y += 1) {
            for (let x = 0; x < bitmap.width; x += 1) {
              if (data.slice((y * bitmap.width + x) * 4, (y * bitmap.width + x) * 4 + 4).join() !== background) count += 1;
            }
          }
          return count;
        };
        // The title's first line: 12 to 32 CSS pixels from the top; the last note's line: the
        // last 27 to 12 CSS pixels.
        return { title: inked(24, 64), notes: inked(bitmap.height - 54, bitmap.height - 24) };
      }, [...png]);
      await blank.close();
      assert.ok(ink.title > 200, `the caption is drawn above the chart (${ink.title} pixels)`);
      assert.ok(ink.notes > 200, `the source and issue are drawn below it (${ink.notes} pixels)`);
    }));
});

/** Checks a PNG's structure (signature, chunk CRCs, IHDR, IDAT that inflates to the right size, IEND). */
function readPng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  let at = 8;
  const chunks = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString("latin1");
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = bytes.readUInt32BE(at + 8 + length);
    assert.equal(crc, crc32(bytes.subarray(at + 4, at + 8 + length)), `${type} chunk CRC`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  assert.equal(chunks[0].type, "IHDR", "IHDR first");
  assert.equal(chunks.at(-1).type, "IEND", "IEND last");
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, colourType] = [ihdr[8], ihdr[9]];
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType];
  assert.ok(depth === 8 && channels, `8-bit ${colourType}`);
  const raw = inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === "IDAT").map((chunk) => chunk.data)));
  assert.equal(raw.length, height * (1 + width * channels), "IDAT holds every scanline");
  return { width, height };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

describe("tables on a narrow screen", () => {
  const phone = { viewport: { width: 360, height: 800 }, deviceScaleFactor: 2 };

  /** Each table's box: its size, how far it scrolls, its frame's marks and its pinned cells. */
  const boxes = (page) =>
    page.locator(".table-block .table-scroll").evaluateAll((scrollers) =>
      scrollers.map((box) => {
        const frame = box.parentElement;
        const rows = [...box.querySelectorAll("tbody tr:not(.spacer)")];
        return {
          id: frame.closest(".table-block").id,
          more: frame.dataset.more ?? null,
          wide: box.scrollWidth > box.clientWidth + 1,
          tall: box.scrollHeight > box.clientHeight + 1,
          windowed: box.classList.contains("windowed"),
          rightShadow: getComputedStyle(frame, "::after").opacity,
          // Every row's first cell stays at the left as the table scrolls sideways.
          pinned: rows.length > 0 && rows.every((row) => getComputedStyle(row.cells[0]).position === "sticky"),
        };
      }),
    );

  test("a table wider than a 360 px phone shows that it scrolls, and its row header stays in view as it does", () =>
    site.scenario(phone, async ({ page, open }) => {
      await open("");
      const shown = await boxes(page);
      assert.deepEqual(shown.map((box) => box.id), issue.tables.map((table) => table.id), "a frame a table");
      const wide = shown.filter((box) => box.wide);
      assert.ok(wide.length >= 2 && wide.some((box) => box.id === "nsfc-programs"), `tables wider than the phone: ${wide.map((box) => box.id)}`);
      for (const box of shown) {
        assert.equal(box.more, box.wide ? "right" : "", `${box.id}: the frame says whether there is more to the right`);
        assert.equal(box.rightShadow, box.wide ? "1" : "0", `${box.id}: a shadow at the right edge when there is more beyond it`);
        assert.ok(box.pinned, `${box.id}: each row's first cell is pinned`);
      }

      // Scrolled to its end, the table has more to the left only, and its rows' names are still
      // there, at the left of the box, not under the figures scrolled beside them.
      for (const { id } of wide) {
        const table = issue.tables.find((entry) => entry.id === id);
        const label = Math.max(0, table.columns.findIndex((column) => column.kind === "Text"));
        await page.locator(`#${id} .table-scroll`).evaluate((box) => {
          box.scrollIntoView({ block: "start" });
          box.scrollLeft = box.scrollWidth;
        });
        await page.waitForFunction((id) => document.querySelector(`#${id} .table-frame`).dataset.more === "left", id);
        const seen = await page.locator(`#${id} .table-scroll`).evaluate((box, label) => {
          const frame = box.getBoundingClientRect();
          const row = box.querySelector("tbody tr");
          const cell = row.cells[label].getBoundingClientRect();
          const hit = document.elementFromPoint(cell.left + 4, cell.top + cell.height / 2);
          return {
            inside: cell.left >= frame.left - 1 && cell.right <= frame.right + 1,
            onTop: row.cells[label].contains(hit),
            rightShadow: getComputedStyle(box.parentElement, "::after").opacity,
          };
        }, label);
        assert.deepEqual(seen, { inside: true, onTop: true, rightShadow: "0" }, `${id}: scrolled to its end`);
      }
    }));

  for (const [name, viewport] of [
    ["a 360 px phone", { width: 360, height: 800 }],
    ["a wide screen", { width: 1280, height: 900 }],
  ]) {
    test(`on ${name}, no table scrolls up and down inside the page`, () =>
      site.scenario({ viewport }, async ({ page, open }) => {
        await open("");
        const shown = await boxes(page);
        const inner = shown.filter((box) => box.tall && !box.windowed).map((box) => box.id);
        assert.deepEqual(inner, [], "tables with a vertical scroll of their own");
        assert.ok(issue.tables.some((table) => table.rows.length > 20), "the issue has a long table");
      }));
  }

  test("in a 300 px frame, an embedded table opened sorted by a column shows that column", () =>
    site.scenario({ viewport: { width: 300, height: 600 } }, async ({ page, open }) => {
      const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
      const funding = table.columns.findIndex((column) => column.id === "funding");
      await open(`#/embed/table/${table.id}?sort=funding:desc`);
      await waitAriaSort(page, table.id, funding, "descending");
      const place = await page.locator(`#${table.id} .table-scroll`).evaluate((box) => {
        const pinned = [...box.querySelectorAll("thead th")].filter((cell) => getComputedStyle(cell).position === "sticky" && getComputedStyle(cell).left !== "auto");
        const start = Math.max(box.getBoundingClientRect().left + box.clientLeft, ...pinned.map((cell) => cell.getBoundingClientRect().right));
        const end = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
        const sorted = box.querySelector("thead th[aria-sort]").getBoundingClientRect();
        return { start, end, left: sorted.left, right: sorted.right, wide: box.scrollWidth > box.clientWidth };
      });
      assert.ok(place.wide, `the table is wider than the frame: ${JSON.stringify(place)}`);
      const seen = Math.min(place.right, place.end) - Math.max(place.left, place.start);
      assert.ok(place.left >= place.start - 1 && seen >= Math.min(place.right - place.left, place.end - place.start) - 1, `the sorted column's header is in view, right of the pinned ones: ${JSON.stringify(place)}`);
    }));
});
