//! Hostile input: the build of the source xtask/src/hostile.rs writes (scripts,
//! event handlers, javascript: and data: links, markup in cells and captions, right-to-left
//! overrides, a 10,000-character word, a 5,000-row table, bullets 32 deep), made with the
//! `test-hooks` feature. Served without a Content-Security-Policy on purpose: what is tested
//! is that the viewer never turns text into markup, not that a policy would catch it.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { useSite, HOSTILE_DIST } from "./lib/harness.mjs";
import { HOSTILE_FACTS, readFacts } from "./lib/facts.mjs";
import { pageWidths, overflowing, waitAriaSort, waitChartsDrawn } from "./lib/views.mjs";

/** The hostile build's facts (`cargo xtask test` makes both): the issue it embeds, how it was built. */
const facts = readFacts(HOSTILE_FACTS);
const issue = facts.derived;
const big = issue.tables.find((table) => table.id === "big-table");
const site = useSite({ dir: HOSTILE_DIST });
/** The hostile issue's own page. An undated route on the site's root means 2023-06-30 (the
 * links of the builds that held that issue alone), which this build does not hold, so views of
 * this issue are opened on its page; `""` and the views across issues stay on the root. */
const PAGE = readFacts(HOSTILE_FACTS).archive[0].page;
const onPage = (open) => (view = "", options) =>
  open(/^#\/(search|archive|tables)\b/.test(view) || !view.startsWith("#/") ? view : PAGE + view, options);

/** Every view where hostile text shows, including the search snippets and the embeds. */
const VIEWS = [
  "",
  "#/article/script-title",
  "#/table/markup-table",
  `#/search?q=${encodeURIComponent("<script>")}`,
  `#/search?q=${encodeURIComponent("onerror")}`,
  "#/embed/article/script-title",
  "#/embed/table/markup-table",
  "#/colophon",
];

describe("nothing in the source runs or links anywhere", () => {
  test("no payload runs, no dialog opens, no element or handler comes from the text", () =>
    site.scenario({}, async ({ page, open: openOnRoot }) => {
      const open = onPage(openOnRoot);
      for (const view of VIEWS) {
        await open(view);
        if (view.includes("search")) await page.waitForSelector("#search-results a.result");
        const found = await page.evaluate(() => ({
          pwned: window.__pwned,
          // Elements the text asked for: none of these is made by the viewer itself, except the
          // chart's SVG stand-in, shown until its canvas is drawn.
          injected: [...document.querySelectorAll("body img, body iframe, body svg:not(.chart-area > svg.chart-svg), body style, body object, body embed, body b, main script, #app script")].map(
            (element) => element.outerHTML.slice(0, 80),
          ),
          handlers: [...document.querySelectorAll("*")].flatMap((element) =>
            [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName}[${attribute.name}]`),
          ),
          bodyShown: getComputedStyle(document.body).display !== "none",
        }));
        assert.equal(found.pwned, undefined, `${view || "#/"}: a payload ran`);
        assert.deepEqual(found.injected, [], `${view || "#/"}: elements from the text`);
        assert.deepEqual(found.handlers, [], `${view || "#/"}: event handler attributes`);
        assert.ok(found.bodyShown, `${view || "#/"}: the <style> text did not hide the page`);
      }
      // Sorting and filtering re-render the hostile cells.
      await open("#/table/markup-table?sort=item:asc&filter=%3C");
      await page.waitForSelector("#markup-table--table tbody tr");
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    }));

  test("every link on the page is http:, https:, a # route or a route of an issue's page", () =>
    site.scenario({}, async ({ page, open: openOnRoot }) => {
      const open = onPage(openOnRoot);
      for (const view of ["", "#/embed/article/script-title", "#/embed/table/markup-table"]) {
        await open(view);
        const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
        assert.ok(hrefs.length >= (view ? 1 : 10), `${view || "#/"}: links found (${hrefs.length})`);
        // On the root, the links to places in its issue name the issue's page (2023-07-07.html#/…).
        const bad = hrefs.filter((href) => !/^(https?:|#|\d{4}-\d{2}-\d{2}\.html#\/)/i.test(href));
        assert.deepEqual(bad, [], `${view || "#/"}: links that are not http(s), # or an issue's page`);
        const resolved = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.protocol));
        assert.ok(resolved.every((protocol) => ["http:", "https:"].includes(protocol)), `${view || "#/"}: protocols ${[...new Set(resolved)]}`);
      }
    }));

  test("the attacks show as the literal text they are", () =>
    site.scenario({}, async ({ page, open: openOnRoot }) => {
      const open = onPage(openOnRoot);
      await open("");
      const text = await page.evaluate(() => document.body.innerText);
      const expected = [
        "<script>window.__pwned='block';alert('block')</script>",
        "<style>body { display: none !important; }</style>",
        `<img src=x onerror="window.__pwned='lead';alert('lead')">`,
        `<img src=x onerror="window.__pwned='entity';alert('entity')">`,
        `<svg onload="window.__pwned='svg';alert('svg')">`,
        "javascript:window.__pwned='js-link';alert('js-link')",
        "JaVaScRiPt:window.__pwned='mixed-case'",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        `<a href="javascript:window.__pwned='cell-a';alert('cell-a')">링크</a>`,
        "파이프 | 문자와 <b>굵게</b>",
        "=HYPERLINK(\"http://evil.example\")",
        `<script>window.__pwned='series';alert('series')</script>`,
      ];
      for (const literal of expected) assert.ok(text.includes(literal), `shown literally: ${literal}`);
      const caption = issue.tables.find((table) => table.id === "markup-table").caption;
      assert.equal(await page.locator("#markup-table--table caption").textContent(), `〈${caption}〉`, "the caption's markup is text");
      assert.ok(caption.includes("<img"), "the caption does hold markup");
      const overrides = await page.evaluate(() => [...document.querySelectorAll("main li, main td, main p")].filter((element) => element.textContent.includes("\u202E")).length);
      assert.ok(overrides >= 3, `right-to-left overrides are kept as characters (${overrides} elements)`);
      const depth = await page.evaluate(() => {
        let deepest = 0;
        for (const item of document.querySelectorAll("main li")) {
          let level = 0;
          for (let node = item; node; node = node.parentElement?.closest("li")) level += 1;
          deepest = Math.max(deepest, level);
        }
        return deepest;
      });
      assert.equal(depth, issue.deepest_bullet, `bullets ${issue.deepest_bullet} deep, the source's deepest, are all shown`);
    }));
});

describe("big and long input keeps its shape", () => {
  for (const width of [390, 1280]) {
    test(`no sideways page scroll at ${width} px: long words wrap, the big table scrolls in its own box`, () =>
      site.scenario({ viewport: { width, height: 900 } }, async ({ page, open: openOnRoot }) => {
        const open = onPage(openOnRoot);
        for (const view of ["", "#/article/deep-and-long", "#/table/big-table", "#/table/markup-table", "#/search?q=WWWW"]) {
          await open(view);
          const { scrollWidth, innerWidth } = await pageWidths(page);
          assert.ok(scrollWidth <= innerWidth, `${view || "#/"} at ${width} px: page is ${scrollWidth} px wide: ${(await overflowing(page)).join(", ")}`);
        }
        await open("#/table/big-table");
        const box = await page.evaluate(() => {
          const scroller = document.querySelector("#big-table .table-scroll");
          const rect = scroller.getBoundingClientRect();
          return { width: rect.width, clientHeight: scroller.clientHeight, scrollHeight: scroller.scrollHeight, rendered: scroller.querySelectorAll("tbody tr.row").length };
        });
        assert.ok(box.width <= width, "the table's box fits the page");
        assert.ok(box.scrollHeight > box.clientHeight * 10, `the 5,000 rows scroll inside the box (${box.scrollHeight} in ${box.clientHeight})`);
        assert.ok(box.rendered > 0 && box.rendered < 500, `only the rows in view are rendered (${box.rendered})`);
        const longWord = await page.evaluate(() => {
          const item = [...document.querySelectorAll("main li")].find((element) => element.textContent.includes("WWWWWWWWWW"));
          return item && { width: item.getBoundingClientRect().width, length: item.textContent.length };
        });
        assert.ok(longWord && longWord.length > 10_000 && longWord.width <= width, `the 10,000-character word wraps (${JSON.stringify(longWord)})`);
      }));
  }

  test("the 5,000-row table sorts both ways in reasonable time, total last", (t) =>
    site.scenario({}, async ({ page, open: openOnRoot }) => {
      const open = onPage(openOnRoot);
      await open("#/table/big-table");
      const column = big.columns.findIndex((spec) => spec.id === "amount");
      const values = big.rows.map((row) => row.values[column]);
      const max = Math.max(...values);
      const min = Math.min(...values);
      const firstAndLast = async () => {
        const first = await page.evaluate(() => document.querySelector("#big-table--table tbody tr.row").id);
        // The table renders only the rows in view: scroll its box to the end to see the last.
        await page.evaluate(() => {
          const scroller = document.querySelector("#big-table .table-scroll");
          scroller.scrollTop = scroller.scrollHeight;
        });
        // The header row is row 1, so the last data row is row n + 1.
        await page.waitForFunction((last) => {
          const rows = document.querySelectorAll("#big-table--table tbody tr.row");
          return rows.length && Number(rows[rows.length - 1].getAttribute("aria-rowindex")) === last;
        }, big.rows.length + 1);
        const last = await page.evaluate(() => [...document.querySelectorAll("#big-table--table tbody tr.row")].at(-1).id);
        const footer = await page.evaluate(() => {
          const table = document.getElementById("big-table--table");
          return table.tFoot?.rows.length === 1 && [...table.rows].at(-1) === table.tFoot.rows[0] ? table.tFoot.rows[0].textContent : null;
        });
        await page.evaluate(() => (document.querySelector("#big-table .table-scroll").scrollTop = 0));
        const valueOf = (id) => values[big.rows.findIndex((row) => row.id === id)];
        return { first: valueOf(first), last: valueOf(last), footer };
      };
      const timings = {};
      for (const [direction, ends] of [["descending", [max, min]], ["ascending", [min, max]]]) {
        const started = Date.now();
        await page.locator("#big-table--table thead th").nth(column).locator("button.sort").click();
        await waitAriaSort(page, "big-table", column, direction);
        await page.waitForFunction(
          ([id, value]) => {
            const row = document.querySelector("#big-table--table tbody tr.row");
            return row && row.cells[3].textContent.split("(")[0].replace(/,/g, "").trim() === value;
          },
          ["big-table", big.rows[values.indexOf(ends[0])].cells[column].replace(/,/g, "")],
        );
        timings[direction] = Date.now() - started;
        const shown = await firstAndLast();
        assert.equal(shown.first, ends[0], `${direction}: first row`);
        assert.equal(shown.last, ends[1], `${direction}: last row`);
        assert.ok(shown.footer && shown.footer.includes(big.total.cells[column]), `${direction}: the total row is last, in <tfoot>`);
        assert.ok(timings[direction] < 3000, `${direction}: sorted in ${timings[direction]} ms`);
      }
      assert.match(await page.locator("#big-table .row-count").textContent(), new RegExp(`${big.rows.length}`));
      t.diagnostic(`5,000 rows sorted in ${timings.descending} ms (descending), ${timings.ascending} ms (ascending)`);
    }));
});

// One bar a row once made the 5,000-row table's canvas 130,031 px tall: past Chromium's
// 32,767 px limit it stayed blank, a blank box that tall in the page.
test("every chart fits Chromium's canvas limits, so it is drawn", () =>
  site.scenario({}, async ({ page, open: openOnRoot }) => {
    const open = onPage(openOnRoot);
    await open("#/table/big-table");
    await waitChartsDrawn(page);
    const canvases = await page.locator("figure.chart canvas").evaluateAll((elements) =>
      elements.map((canvas) => ({ id: canvas.closest("figure").id, width: canvas.width, height: canvas.height, drawn: canvas.getContext("2d") !== null })),
    );
    for (const canvas of canvases) {
      assert.ok(canvas.width <= 32767 && canvas.height <= 32767 && canvas.width * canvas.height <= 268435456, `${canvas.id}: ${canvas.width}x${canvas.height}`);
      assert.ok(canvas.drawn, `${canvas.id}: a 2D context`);
    }
  }));

// Built with the nightly, a panic aborts at once: a bare trap, no hook, no message, which
// static/boot.js catches. Built with stable, the panic hook shows the message before the trap.
test(`a panic (${facts.build.panic}) shows the error screen, whose button reloads the app`, () =>
  site.scenario(
    {
      // The panic is the point: the hook's console.error and the trap that ends the WebAssembly.
      allow: (problem) => /test panic requested/.test(problem.text) || /RuntimeError: unreachable/.test(problem.text),
    },
    async ({ page, open: openOnRoot }) => {
      const open = onPage(openOnRoot);
      await open("#/article/script-title");
      assert.equal(await page.locator("#fatal").isVisible(), false, "no error screen at first");
      await page.evaluate(() => window.dispatchEvent(new Event("bulletin-viewer:test-panic")));
      await page.locator("#fatal").waitFor({ state: "visible" });
      const expected = { "immediate-abort": /^RuntimeError: unreachable/, abort: /test panic requested/ }[facts.build.panic];
      assert.ok(expected, `a panic strategy the test knows: ${facts.build.panic}`);
      assert.match(await page.locator("#fatal-detail").textContent(), expected);
      assert.equal(await page.getAttribute("#app", "aria-hidden"), "true");
      const box = await page.locator("#fatal").boundingBox();
      assert.ok(box && box.height > 50 && box.y < 900, "the error screen is on screen");
      const reload = page.locator("#fatal-reload");
      assert.ok(await reload.isVisible());
      await Promise.all([page.waitForEvent("load"), reload.click()]);
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.locator("#fatal").isVisible(), false, "the reloaded app works");
      assert.ok(await page.locator("main article.article").count() > 0);
    },
  ));
