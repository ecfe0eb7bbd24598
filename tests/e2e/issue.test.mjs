//! The issue as a reader meets it: every title and caption of the issue on the page, search,
//! deep links and history, the theme and language switches, a phone-sized screen, and print.
//! What the page should hold comes from the build's facts file (lib/facts.mjs).

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { useSite, waitReady } from "./lib/harness.mjs";
import { cssColour, readFacts } from "./lib/facts.mjs";
import {
  readTable,
  expectedOrder,
  waitTopInView,
  pageWidths,
  overflowing,
  luminance,
  waitChartsDrawn,
  waitAriaSort,
} from "./lib/views.mjs";

const site = useSite({ csp: true });
const facts = readFacts();
// The issue as the scenarios walk it: parts, articles, briefs, tables and figures in print order.
const issue = facts.derived;
const { ko, en } = facts.strings;
// The tables the core charts (bulletin::chart::ChartSpec::for_table), in print order.
const charted = issue.tables.filter((table) => table.chart !== null);

const texts = (page, selector) =>
  page.locator(selector).evaluateAll((elements) => elements.map((element) => element.textContent.replace(/\s+/g, " ").trim()));

test("the issue shows every article title, table caption and figure caption of the source", () =>
  site.scenario({}, async ({ page, open }) => {
    await open("");
    assert.equal(await page.locator(".site-header h1.series").textContent(), "중국 과학기술 정책 주간동향");
    const titles = await texts(page, "main article.article h3");
    assert.deepEqual(titles, [...issue.articles, ...issue.briefs].map((entry) => entry.title), "article and brief titles, in order");
    const ids = await page.locator("main article.article").evaluateAll((elements) => elements.map((element) => element.id));
    assert.deepEqual(ids, [...issue.articles, ...issue.briefs].map((entry) => entry.id), "article ids");
    const tableCaptions = await texts(page, "main table.data:not(.chart-numbers) > caption");
    assert.deepEqual(tableCaptions, issue.tables.map((table) => `〈${table.caption}〉`), "table captions");
    const figureCaptions = await texts(page, "main figure.figure > figcaption");
    assert.deepEqual(figureCaptions, issue.figures.map((figure) => `〈${figure.caption}〉`), "figure captions");
    const parts = await texts(page, "main .part-title");
    assert.deepEqual(parts, issue.parts.map((part) => `${part.numeral} ${part.title}`), "part headings");
    // Every table the core charts has a drawn chart.
    assert.ok(charted.length > 0, "the issue has tables with a chart");
    await waitChartsDrawn(page);
    const charts = await page.locator("figure.chart").evaluateAll((figures) =>
      figures.map((figure) => [figure.id, figure.querySelector("canvas")?.getBoundingClientRect().width ?? 0]),
    );
    assert.deepEqual(charts.map(([id]) => id), charted.map((table) => `${table.id}--chart`), "a chart for each table with measures");
    assert.ok(charts.every(([, width]) => width > 0), `every chart is drawn: ${charts}`);
  }));

test("the app takes the pre-rendered page over in place: what the reader was reading is the same nodes once it is interactive", () =>
  site.scenario({}, async ({ page, open }) => {
    // The nodes the page arrived with, taken when it is parsed, before the app starts.
    const selector = "#app article.article, #app table.data, #app p, #app h2, #app h3";
    await page.addInitScript((selector) => {
      document.addEventListener("DOMContentLoaded", () => {
        window.__prerendered = [...document.querySelectorAll(selector)];
      });
    }, selector);
    await open("");
    const { before, gone, now, kept } = await page.evaluate((selector) => {
      const before = window.__prerendered;
      const now = [...document.querySelectorAll(selector)];
      const had = new Set(before);
      return {
        before: before.length,
        gone: before.filter((node) => !node.isConnected).map((node) => `${node.tagName} ${node.id || node.textContent.slice(0, 30)}`),
        now: now.length,
        kept: now.filter((node) => had.has(node)).length,
      };
    }, selector);
    assert.ok(before > 100, `the pre-rendered page has its articles, tables and paragraphs: ${before}`);
    assert.deepEqual(gone, [], "no pre-rendered node was taken out of the page");
    assert.equal(kept, now, `every such node on screen is one the page arrived with (${kept} of ${now})`);
    // And it is the app's: a sort button sorts.
    const table = issue.tables.find((table) => table.columns.length > 1);
    await page.locator(`#${table.id}--table thead th`).nth(1).locator("button.sort").click();
    await waitAriaSort(page, table.id, 1, "ascending");
  }));

test("the start-up leaves no timer behind: none it set fires once the page is ready", () =>
  site.scenario({}, async ({ page, open }) => {
    // The delay of every timer the page set before `data-ready` that fired after it; not those
    // of no delay, which are the next task, not something left behind.
    await page.addInitScript(() => {
      const late = (window.__lateTimers = []);
      let ready = false;
      new MutationObserver(() => {
        ready ||= document.documentElement.getAttribute("data-ready") === "true";
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
      const set = window.setTimeout;
      window.setTimeout = function (callback, delay, ...rest) {
        const setBefore = !ready;
        const fire = (...args) => {
          if (setBefore && ready && delay > 0) {
            late.push(delay);
          }
          if (typeof callback === "function") {
            callback(...args);
          }
        };
        return set.call(this, fire, delay, ...rest);
      };
    });
    await open("");
    // The hydration's turns each set a timer in case a piece never says it has hydrated; the
    // longest of them is 200 ms.
    await page.waitForTimeout(600);
    assert.deepEqual(await page.evaluate(() => window.__lateTimers), [], "timers of the start-up that fired once the page was ready (their delays)");
  }));

test("with JavaScript off, every chart is on the pre-rendered page as SVG, in the theme's colours", () => {
  // With scripts off, Chromium refuses the page's module preload, and says so as a failed request.
  const allow = (problem) => problem.kind === "failed request" && /\.js: csp$/.test(problem.text);
  return site.scenario({ javaScriptEnabled: false, colorScheme: "dark", allow }, async ({ page }) => {
    await page.goto(site.url);
    const charts = await page.locator("figure.chart").evaluateAll((figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector(".chart-area > svg.chart-svg");
        return {
          id: figure.id,
          width: svg ? svg.getBoundingClientRect().width : 0,
          bars: svg ? svg.querySelectorAll("rect.chart-s0, rect.chart-s1, rect.chart-s2, rect.chart-s3").length : 0,
          labels: svg ? [...svg.querySelectorAll("text.chart-text")].map((text) => text.textContent) : [],
          fill: svg ? getComputedStyle(svg.querySelector("rect.chart-s0")).fill : null,
          background: svg ? getComputedStyle(svg.querySelector("rect.chart-bg")).fill : null,
          canvasShown: figure.querySelector("canvas")?.getBoundingClientRect().width ?? 0,
        };
      }),
    );
    assert.deepEqual(charts.map((chart) => chart.id), charted.map((table) => `${table.id}--chart`));
    // The contents' links are routes that only the app follows: the text has the page to itself.
    const layout = await page.evaluate(() => ({
      contents: document.querySelector("nav.contents").checkVisibility(),
      main: document.querySelector("main").getBoundingClientRect().width,
      measure: parseFloat(getComputedStyle(document.querySelector("main")).maxWidth),
    }));
    assert.deepEqual([layout.contents, layout.main], [false, layout.measure], "no contents; the text column at its full measure");
    for (const chart of charts) {
      assert.ok(chart.width > 300, `${chart.id}: the SVG spans the text column (${chart.width} px)`);
      assert.equal(chart.canvasShown, 0, `${chart.id}: the undrawn canvas stays hidden`);
      assert.equal(chart.fill, cssColour(facts.constants.palettes.dark.series[0]), `${chart.id}: the first series in the dark palette`);
      assert.equal(chart.background, cssColour(facts.constants.palettes.dark.background), `${chart.id}: the dark background`);
    }
    const programs = issue.tables.find((table) => table.id === "nsfc-programs");
    const chart = charts.find((entry) => entry.id === "nsfc-programs--chart");
    assert.equal(chart.bars, programs.rows.length, "one bar a row of 〈NSFC programs〉");
    const firstLabel = programs.rows[0].cells[programs.chart.label];
    assert.ok(chart.labels.includes(firstLabel), `its first row's label ${firstLabel} among ${chart.labels}`);
  });
});

test("with JavaScript off, no control that would do nothing is shown, and on a phone the charts keep their size", () => {
  const allow = (problem) => problem.kind === "failed request" && /\.js: csp$/.test(problem.text);
  return site.scenario({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, allow }, async ({ page }) => {
    await page.goto(site.url);
    const shown = await page.evaluate(() => {
      const visible = (element) => element.checkVisibility();
      return {
        // The column headers stay, as the printed table's headings.
        controls: [...document.querySelectorAll("main button:not(.sort), header button, input, select, textarea")].filter(visible).map((element) => element.outerHTML.slice(0, 80)),
        arrows: [...document.querySelectorAll(".sort-arrow")].filter(visible).length,
        headers: document.querySelectorAll("main th button.sort").length,
        header: document.querySelector(".site-header").getBoundingClientRect().height,
        title: document.querySelector(".site-header h1.series").getBoundingClientRect().height,
        charts: [...document.querySelectorAll("figure.chart .chart-area")].map((area) => {
          const svg = area.querySelector("svg.chart-svg");
          return [area.parentElement.id, svg.getBoundingClientRect().width / svg.viewBox.baseVal.width, area.scrollWidth > area.clientWidth];
        }),
        page: [document.documentElement.scrollWidth, window.innerWidth],
      };
    });
    assert.deepEqual(shown.controls, [], "no search box, switch, toolbar or chart control");
    assert.equal(shown.arrows, 0, "no sort arrows");
    assert.ok(shown.headers > 0, "the column headings are there");
    assert.ok(shown.header < 2 * shown.title + 24, `the header is the title's one row: ${shown.header} px for a ${shown.title} px title`);
    assert.deepEqual(
      shown.charts,
      charted.map((table) => [`${table.id}--chart`, 1, true]),
      "each chart's SVG at its own size, scrolling sideways",
    );
    assert.ok(shown.page[0] <= shown.page[1], `the page itself does not scroll sideways: ${shown.page}`);
  });
});

describe("search", () => {
  /** The results listed: `{ group, kind, text, marks, href }`. */
  const results = (page) =>
    page.locator("#search-results a.result").evaluateAll((links) =>
      links.map((link) => ({
        group: link.closest(".result-group").querySelector(".result-group-title").textContent.trim(),
        kind: link.querySelector(".result-kind").textContent.trim(),
        text: link.querySelector(".result-text").textContent,
        marks: [...link.querySelectorAll("mark")].map((mark) => mark.textContent),
        href: link.getAttribute("href"),
      })),
    );

  async function search(page, query) {
    await page.locator("#search-input").fill(query);
    await page.waitForFunction(
      (query) => decodeURIComponent(location.hash) === `#/search?q=${query}` && document.querySelector("#search-results .result-count"),
      query,
    );
    return results(page);
  }

  const suzhou = issue.articles.find((article) => article.id === "suzhou-new-energy");
  const suzhouGroup = `${suzhou.number} ${suzhou.title}`;

  test("a Hangul word, a Hanja word and a number find the right passages", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      for (const query of ["쑤저우", "蘇州"]) {
        const found = await search(page, query);
        assert.ok(found.length > 1, `${query}: results`);
        assert.ok(found.some((result) => result.group === suzhouGroup), `${query}: the Suzhou article is among the results`);
        for (const result of found) {
          assert.ok(result.marks.length > 0 && result.marks.every((mark) => mark === query), `${query}: highlighted ${result.marks}`);
        }
        const count = await page.locator("#search-results .result-count").textContent();
        assert.match(count, new RegExp(`\\b${found.length}\\b`), `${query}: the count says ${found.length}`);
      }
      const total = issue.tables.find((table) => table.id === "nsfc-programs").total;
      const printed = total.cells.find((cell, column) => /\d,\d/.test(cell) && total.values[column] < 100000);
      const plain = printed.replace(/,/g, "");
      const withCommas = await search(page, printed);
      const withoutCommas = await search(page, plain);
      assert.ok(withCommas.length >= 1, `${printed}: results`);
      assert.deepEqual(withoutCommas, withCommas, `${plain} finds what ${printed} finds`);
      assert.ok(withCommas.some((result) => result.kind === ko.kind_table && result.href.startsWith("#/table/nsfc-programs")), "the table's total row is found");
      for (const result of withCommas) assert.deepEqual(result.marks, [printed], "the printed number is highlighted");
    }));

  test("choosing a result closes the panel, scrolls to the passage and marks it", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      const found = await search(page, "51593");
      const index = found.findIndex((result) => result.href.startsWith("#/table/nsfc-programs"));
      await page.locator("#search-results a.result").nth(index).click();
      await page.waitForSelector("#search-results", { state: "detached" });
      assert.equal(await page.evaluate(() => location.hash), found[index].href);
      await waitTopInView(page, ".is-target");
      const target = await page.locator(".is-target").evaluateAll((elements) => elements.map((element) => ({ id: element.id, text: element.textContent })));
      assert.equal(target.length, 1, "one element is marked");
      assert.equal(target[0].id, "nsfc-programs--total", "the total row is the target");
      assert.ok(target[0].text.includes("51,593"));
      assert.equal(await page.inputValue("#search-input"), "", "the search box is cleared");

      const hanja = await search(page, "蘇州");
      const inArticle = hanja.findIndex((result) => result.group === suzhouGroup && result.kind !== ko.kind_title);
      await page.locator("#search-results a.result").nth(inArticle).click();
      await page.waitForSelector("#search-results", { state: "detached" });
      await waitTopInView(page, ".is-target");
      const marked = await page.locator(".is-target").evaluateAll((elements) => elements.map((element) => element.textContent));
      assert.equal(marked.length, 1);
      assert.ok(marked[0].includes("蘇州"), `the marked passage holds the word: ${marked[0].slice(0, 60)}`);
      assert.ok(await page.locator(`#${suzhou.id} .is-target`).count(), "inside the Suzhou article");
    }));

  test("an article's category finds the articles filed under it", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      const category = issue.articles[0].category;
      const filed = issue.articles.filter((article) => article.category === category);
      assert.ok(category && filed.length > 1, `articles share the category ${category}`);
      const found = (await search(page, category)).filter((result) => result.kind === ko.kind_category);
      assert.deepEqual(found.map((result) => result.href), filed.map((article) => `#/article/${article.id}`));
      assert.ok(found.every((result) => result.text === category && result.marks[0] === category));
    }));

  test("/ focuses the search box from the page, Esc clears it and closes the results", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/summary");
      await page.locator("#summary h2").click();
      await page.keyboard.press("/");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "search-input");
      await page.locator("#search-input").fill("");
      await page.keyboard.type("쑤저우");
      await page.waitForSelector("#search-results a.result");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#search-results", { state: "detached" });
      assert.equal(await page.inputValue("#search-input"), "");
      assert.equal(await page.evaluate(() => location.hash), "#/summary", "back to the view before the search");
    }));
  test("the keyboard reaches the results from the search box, and Esc closes them from anywhere", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await page.locator("#search-input").fill("NSFC");
      await page.waitForSelector("#search-results a.result");
      const links = await page.locator("#search-results a.result").evaluateAll((elements) => elements.map((element) => element.getAttribute("href")));
      assert.ok(links.length > 2, "results");
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("href") ?? document.activeElement?.id);
      await page.keyboard.press("ArrowDown");
      assert.equal(await focused(), links[0], "down from the box: the first result");
      await page.keyboard.press("ArrowDown");
      assert.equal(await focused(), links[1], "down again: the second");
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("ArrowUp");
      assert.equal(await focused(), "search-input", "up from the first: the box");

      // Tab from the box gets to the results before the issue (past the header's own buttons).
      const stops = [];
      for (let press = 0; press < 6 && !stops.includes(links[0]); press += 1) {
        await page.keyboard.press("Tab");
        stops.push(await focused());
      }
      assert.ok(stops.includes(links[0]), `Tab reaches the first result within 6 presses: ${stops}`);

      // Esc with focus away from the box closes the results too.
      await page.keyboard.press("Escape");
      await page.waitForSelector("#search-results", { state: "detached" });
      await open("#/search?q=NSFC");
      await page.waitForSelector("#search-results a.result");
      await page.locator("main").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("Escape");
      await page.waitForSelector("#search-results", { state: "detached" });
    }));
  test("the / that focuses the search box is not typed into it", () =>
      site.scenario({}, async ({ page, open }) => {
        await open("#/summary");
        await page.locator("#summary h2").click();
        await page.keyboard.press("/");
        await page.keyboard.type("쑤저우");
        await page.waitForSelector("#search-results .result-count");
        assert.equal(await page.inputValue("#search-input"), "쑤저우");
      }),
  );
});

describe("deep links", () => {
  test("each kind of link, opened fresh, restores its view", () =>
    site.scenario({}, async ({ page, open }) => {
      const article = issue.articles[3];
      await open(`#/article/${article.id}`);
      await waitTopInView(page, `#${article.id}`);
      assert.ok(await page.locator(`#${article.id}.is-target`).count(), "the article is marked");

      const figure = issue.figures.at(-1);
      await open(`#/figure/${figure.id}`);
      await waitTopInView(page, `#${figure.id}`);

      for (const section of ["summary", "colophon"]) {
        await open(`#/${section}`);
        await waitTopInView(page, `#${section}`);
        assert.ok(await page.locator(`#${section}.is-target`).count(), `${section} is marked`);
      }

      const part = issue.parts[1];
      await open(`#/part/${part.id}`);
      await waitTopInView(page, `#${part.id}`);

      await open(`#/search?q=${encodeURIComponent("쑤저우")}`);
      await page.waitForSelector("#search-results a.result");
      assert.equal(await page.inputValue("#search-input"), "쑤저우");

      const table = issue.tables.find((table) => table.id === "nsfc-programs");
      const query = "기금";
      await open(`#/table/${table.id}?sort=funding:desc&filter=${encodeURIComponent(query)}`);
      await waitTopInView(page, `#${table.id}`);
      const shown = await readTable(page, table.id);
      const funding = table.columns.findIndex((column) => column.id === "funding");
      const filtered = new Set(table.rows.filter((row) => row.cells.join(" ").includes(query)).map((row) => row.id));
      const expected = expectedOrder(table.rows, (row) => row.values[funding], "descending").filter((id) => filtered.has(id));
      assert.deepEqual(shown.rows.map((row) => row.id), expected, "sorted by funding, largest first, filtered");
      assert.equal(shown.filter, query, "the filter box holds the filter");
      assert.deepEqual(shown.ariaSort, { [funding]: "descending" });
      assert.equal(await page.locator(".notice").count(), 0, "a good link has no notice");
    }));

  test("after a table's link, the address follows the reader's sort and filter, and a reload keeps them", () =>
    site.scenario({}, async ({ page, open }) => {
      const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
      const label = table.columns.findIndex((column) => column.kind === "Text");
      const labelButton = page.locator(`#${table.id}--table thead th`).nth(label).locator("button.sort");

      // On the issue's own address, sorting leaves the address alone.
      await open("");
      const before = await page.evaluate(() => [location.hash, history.length]);
      await labelButton.click();
      await waitAriaSort(page, table.id, label, "ascending");
      assert.deepEqual(await page.evaluate(() => [location.hash, history.length]), before, "the issue's address stays");

      await open(`#/table/${table.id}?sort=funding:desc`);
      await waitTopInView(page, `#${table.id}`);
      const entries = await page.evaluate(() => history.length);
      await labelButton.click();
      await waitAriaSort(page, table.id, label, "ascending");
      const query = "기금";
      await page.locator(`#${table.id} .filter input`).fill(query);
      const hash = await page.evaluate(() => decodeURIComponent(location.hash));
      assert.ok(hash.startsWith(`#/table/${table.id}?`) && hash.includes(`${table.columns[label].id}:asc`) && !hash.includes("funding"), `the address holds the new sort: ${hash}`);
      assert.ok(hash.includes(`filter=${query}`), `and the filter: ${hash}`);
      assert.equal(await page.evaluate(() => history.length), entries, "replaced in place, no new history entry");

      const shown = await readTable(page, table.id);
      // Let the first load's late requests (the icon) finish, or the reload aborts them.
      await page.waitForLoadState("networkidle");
      await page.reload();
      await waitReady(page);
      await waitAriaSort(page, table.id, label, "ascending");
      const reloaded = await readTable(page, table.id);
      assert.deepEqual(reloaded.rows.map((row) => row.id), shown.rows.map((row) => row.id), "a reload shows the same rows in the same order");
      assert.equal(reloaded.filter, query);
    }));

  test("a link to a place takes the reader there on the pre-rendered page, before it is interactive", () =>
    site.scenario({}, async ({ page, open }) => {
      // Each frame from the page's parse on: whether the table's top is in view under the
      // header, and whether the page is ready yet.
      const table = charted.at(-1);
      await page.addInitScript((id) => {
        window.__frames = [];
        const look = () => {
          const element = document.getElementById(id);
          const header = document.querySelector(".site-header");
          if (element && header) {
            const top = element.getBoundingClientRect().top;
            const inView = top >= header.getBoundingClientRect().bottom - 1 && top < innerHeight;
            window.__frames.push({ inView, ready: document.documentElement.dataset.ready === "true" });
          }
          if (document.documentElement.dataset.ready !== "true") requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }, table.id);
      const column = table.columns.findIndex((entry) => ["Integer", "Decimal", "Index"].includes(entry.kind));
      const key = table.columns[column].id;
      await open(`#/table/${table.id}?sort=${key}:desc`);
      const frames = await page.evaluate(() => window.__frames);
      assert.ok(frames.some((frame) => frame.inView && !frame.ready), `a frame before the page was ready showed the table in view: ${JSON.stringify(frames)}`);
      await waitTopInView(page, `#${table.id}`);
      assert.ok(await page.locator(`#${table.id}.is-target`).count(), "the table is marked");
      const shown = await readTable(page, table.id);
      assert.deepEqual(shown.rows.map((row) => row.id), expectedOrder(table.rows, (row) => row.values[column], "descending"), `sorted by ${key}, largest first`);
    }));

  test("a reader who scrolls on while the page starts is left there once it is interactive", () =>
    site.scenario({}, async ({ page, context, open }) => {
      // The phone's slower CPU gives the reader time to scroll before the page is ready.
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
      const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
      await open(`#/table/${table.id}?sort=funding:desc`, { ready: false });
      await waitTopInView(page, `#${table.id}`);
      const early = await page.evaluate(() => {
        scrollBy(0, 700);
        return { y: scrollY, ready: document.documentElement.dataset.ready === "true" };
      });
      assert.equal(early.ready, false, "the reader scrolled before the page was ready");
      await waitReady(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      const y = await page.evaluate(() => scrollY);
      assert.ok(Math.abs(y - early.y) <= 2, `the page stayed where the reader scrolled to: ${early.y} then ${y}`);
      assert.ok(await page.locator(`#${table.id}.is-target`).count(), "the table is marked");
      const funding = table.columns.findIndex((column) => column.id === "funding");
      const shown = await readTable(page, table.id);
      assert.deepEqual(shown.rows.map((row) => row.id), expectedOrder(table.rows, (row) => row.values[funding], "descending"), "sorted by funding, largest first");
    }));

  test("every article, brief, table and figure link scrolls to it", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      const links = [
        ...issue.articles.map((entry) => [`#/article/${entry.id}`, entry.id]),
        ...issue.briefs.map((entry) => [`#/brief/${entry.id}`, entry.id]),
        ...issue.tables.map((entry) => [`#/table/${entry.id}`, entry.id]),
        ...issue.figures.map((entry) => [`#/figure/${entry.id}`, entry.id]),
      ];
      for (const [hash, id] of links) {
        await page.evaluate((hash) => (location.hash = hash), hash);
        await waitTopInView(page, `#${id}`);
        assert.ok(await page.locator(`#${id}.is-target`).count(), `${hash} marks #${id}`);
      }
    }));

  test("back and forward move between views", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/summary");
      await waitTopInView(page, "#summary");
      const article = issue.articles[4];
      const table = issue.tables[3];
      await page.locator(`#contents a[href="#/article/${article.id}"]`).click();
      await waitTopInView(page, `#${article.id}`);
      await page.locator(`#contents a[href="#/table/${table.id}"]`).click();
      await waitTopInView(page, `#${table.id}`);
      assert.equal(await page.locator(`#contents a[aria-current="page"]`).getAttribute("href"), `#/table/${table.id}`);

      await page.goBack();
      await waitTopInView(page, `#${article.id}`);
      assert.equal(await page.evaluate(() => location.hash), `#/article/${article.id}`);
      assert.equal(await page.locator(`#contents a[aria-current="page"]`).getAttribute("href"), `#/article/${article.id}`);
      await page.goBack();
      await waitTopInView(page, "#summary");
      await page.goForward();
      await waitTopInView(page, `#${article.id}`);
      await page.goForward();
      await waitTopInView(page, `#${table.id}`);
    }));

  test("an unknown route shows the not-found view, whose link leads back to the issue", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/no/such/page");
      const notFound = page.locator("main .not-found");
      await notFound.waitFor();
      assert.equal(await notFound.locator("h2").textContent(), ko.not_found);
      assert.equal(await notFound.locator("code").textContent(), "#/no/such/page");
      assert.equal(await page.locator("main article.article").count(), 0);
      await notFound.locator("a", { hasText: ko.back_to_issue }).click();
      await page.waitForSelector("main .not-found", { state: "detached" });
      assert.equal(await page.evaluate(() => location.hash), "#/");
      assert.equal(await page.locator("main article.article").count(), issue.articles.length + issue.briefs.length);

      await open("#/article/no-such-article");
      await notFound.waitFor();
    }));
});

describe("settings", () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  test("the dark theme persists across a reload", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      assert.equal(await page.getAttribute("html", "data-theme"), null, "follows the (light) system at first");
      assert.ok(luminance(await background(page)) > 0.8, "light background");
      await page.locator(".theme-toggle").click();
      await page.waitForSelector('html[data-theme="dark"]');
      assert.ok(luminance(await background(page)) < 0.05, "dark background");
      assert.equal(await page.locator(".theme-toggle").textContent(), ko.light_theme);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.getAttribute("html", "data-theme"), "dark");
      assert.ok(luminance(await background(page)) < 0.05, "still dark after reload");
      await page.locator(".theme-toggle").click();
      await page.waitForSelector('html[data-theme="light"]');
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.getAttribute("html", "data-theme"), "light");
      assert.ok(luminance(await background(page)) > 0.8);
    }));

  test("a dark system gives the dark theme until the reader picks one", () =>
    site.scenario({ colorScheme: "dark" }, async ({ page, open }) => {
      await open("");
      assert.ok(luminance(await background(page)) < 0.05);
      assert.equal(await page.locator(".theme-toggle").textContent(), ko.light_theme);
    }));

  test("the English interface persists across a reload, with the issue still marked Korean", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      assert.equal(await page.getAttribute("html", "lang"), "ko");
      await page.locator(".lang-toggle").click();
      await page.waitForSelector('html[lang="en"]');
      assert.equal(await page.getAttribute("#search-input", "placeholder"), en.search_placeholder);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.equal(await page.getAttribute("#search-input", "placeholder"), en.search_placeholder);
      assert.equal(await page.locator(".lang-toggle").textContent(), en.other_language);
      assert.equal((await page.locator("#summary h2").textContent()).trim(), en.summary);
      // The issue stays Korean text, marked so, inside the English interface; the interface's
      // own strings inside it are marked English.
      const language = (selector) => page.locator(selector).first().evaluate((element) => element.closest("[lang]").lang);
      const table = issue.tables[0].id;
      const expected = {
        ".site-header h1.series": "en",
        "main article.article h3": "ko",
        [`#${table}--table tbody td`]: "ko",
        "#contents a.toc-article": "ko",
        "#summary h2 a": "en",
        [`#${table} .table-toolbar button`]: "en",
        "main .source-label": "en",
        "main .article-tools button": "en",
        ".header-tools button": "en",
      };
      const found = {};
      for (const selector of Object.keys(expected)) found[selector] = await language(selector);
      assert.deepEqual(found, expected);
      // A chart's description is in the interface's words, around the table's own.
      await waitChartsDrawn(page);
      const programs = issue.tables.find((entry) => entry.id === "nsfc-programs");
      const canvas = page.locator(`#${programs.id}--chart canvas`);
      const description = await canvas.getAttribute("aria-label");
      assert.match(description, /^Horizontal bar chart: .+, \d+ items\. Largest .+, smallest .+\.$/);
      assert.ok(description.includes(programs.rows[0].cells[programs.chart.label]), `the table's labels stay: ${description}`);
      assert.equal(await canvas.evaluate((element) => element.closest("[lang]").lang), "en");
      await page.locator(".lang-toggle").click();
      await page.waitForSelector('html[lang="ko"]');
      assert.equal(await page.getAttribute("#search-input", "placeholder"), ko.search_placeholder);
    }));
});

for (const hasTouch of [false, true]) {
  test(`on a 360 px ${hasTouch ? "touch screen" : "phone-sized window"} the header shows the series' whole name, in either language`, () =>
    site.scenario({ viewport: { width: 360, height: 800 }, hasTouch }, async ({ page, open }) => {
      await open("");
      for (const lang of ["ko", "en"]) {
        if (lang === "en") {
          await page.locator(".lang-toggle").click();
          await page.waitForSelector('html[lang="en"]');
        }
        const header = await page.evaluate(() => {
          const series = document.querySelector(".site-header .series");
          return {
            text: series.textContent.trim(),
            cut: series.scrollWidth > series.clientWidth,
            bottom: document.querySelector(".site-header").getBoundingClientRect().bottom,
            padding: parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop),
          };
        });
        const name = lang === "en" ? facts.issue.meta.series_en : facts.issue.meta.series;
        assert.equal(header.text, name, `${lang}: the series' name`);
        assert.equal(header.cut, false, `${lang}: the series' name is not cut short`);
        assert.ok(header.bottom <= header.padding, `${lang}: a link scrolls below the header: ${JSON.stringify(header)}`);
      }
    }));
}

describe("an English reader", () => {
  const terms = facts.strings.terms;
  const english = { storage: { "bulletin-viewer.lang": "en" } };
  const hangul = /[\u3131-\u318e\uac00-\ud7a3]/;
  /** What the interface shows for a framing label: its English when it knows it. */
  const framing = (kind, printed) => terms[kind][printed] ?? printed;
  /** The language an element is in: the nearest `lang`. */
  const languageOf = (page, selector) => page.locator(selector).first().evaluate((element) => element.closest("[lang]").lang);

  test("gets the page's title, the series, the parts, the categories, the metrics, the total and the colophon's labels in English, and the publication's text in Korean, marked so", () =>
    site.scenario(english, async ({ page, open }) => {
      await open("");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      const title = await page.title();
      assert.ok(title.startsWith(`${facts.issue.meta.series_en} · `) && !hangul.test(title), `the page's title: ${title}`);
      assert.equal((await page.locator(".site-header h1.series").textContent()).trim(), facts.issue.meta.series_en);
      assert.equal(await languageOf(page, ".site-header h1.series a"), "en");

      const parts = await texts(page, "main .part-title");
      assert.deepEqual(parts, issue.parts.map((part) => `${part.numeral} ${framing("parts", part.title)}`), "part headings");
      assert.ok(issue.parts.every((part) => terms.parts[part.title]), "the interface knows every part of this issue");
      const contentsParts = await texts(page, "#contents a.toc-part-link");
      for (const part of issue.parts) {
        assert.ok(contentsParts.includes(`${part.numeral} ${framing("parts", part.title)}`), `the contents name part ${part.numeral} in English: ${contentsParts}`);
      }
      const categories = await texts(page, "main .article-meta .category");
      assert.deepEqual(categories, issue.articles.map((article) => framing("categories", article.category)), "category tags");
      for (const [selector, lang] of [
        ["main .part-title span[lang]", "en"],
        ["main .article-meta .category", "en"],
        ["main article.article h3", "ko"],
        ["main table.data caption", "ko"],
        ["main table.data .column-label", "ko"],
        ["main article.article ul.bullets li", "ko"],
        ["#colophon .colophon-series", "ko"],
      ]) {
        assert.equal(await languageOf(page, selector), lang, `${selector} is marked ${lang}`);
      }

      const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
      const metrics = await texts(page, `#${table.id}--chart .metric-switch button`);
      assert.deepEqual(metrics, table.chart.measures.map((column) => framing("measures", table.columns[column].label)), "the chart's metric buttons");
      assert.ok(metrics.every((metric) => !hangul.test(metric)), `the interface knows this chart's metrics: ${metrics}`);
      const total = page.locator(`#${table.id}--total th`);
      assert.equal((await total.textContent()).trim(), framing("totals", table.total.cells[0]));
      assert.equal(await total.locator("[lang]").first().getAttribute("lang"), "en");
      const colophon = await texts(page, "#colophon dt");
      assert.deepEqual(colophon, facts.issue.colophon.map((entry) => framing("colophon", entry.label)), "the colophon's labels");
      assert.ok(colophon.every((label) => !hangul.test(label)), `the interface knows the colophon's labels: ${colophon}`);
    }));

  test("finds every unit of money explained once, and each figure in 만 or 억 위안 in plain yuan on hover and focus", () =>
    site.scenario(english, async ({ page, open }) => {
      await open("");
      // The units the issue prints: a column's, and those its text puts after a figure.
      const text = JSON.stringify(facts.issue);
      const printed = new Set(issue.tables.flatMap((table) => table.columns.map((column) => column.unit)).filter(Boolean));
      for (const match of text.matchAll(/\d([만억조]) ?위안/g)) printed.add(`${match[1]} 위안`);
      assert.ok(printed.has("만 위안") && printed.has("억 위안"), `the issue uses 만 위안 and 억 위안: ${[...printed]}`);
      const glossary = await page.locator("#colophon--units dl > div").evaluateAll((entries) =>
        entries.map((entry) => [entry.querySelector("dt").textContent, entry.querySelector("dd").textContent]),
      );
      const terms = glossary.map(([term]) => term);
      assert.equal(new Set(terms).size, terms.length, `each unit once: ${terms}`);
      for (const unit of printed) {
        const entry = glossary.find(([term]) => term === unit);
        assert.ok(entry, `the glossary explains ${unit}: ${terms}`);
        assert.ok(/yuan/.test(entry[1]) && !hangul.test(entry[1]), `${unit}: ${entry[1]}`);
      }

      /** An amount in plain yuan as the interface says it: millions and up to one decimal place. */
      const inYuan = (value) => {
        for (const [power, word] of [[12, "trillion"], [9, "billion"], [6, "million"]]) {
          if (value >= 10 ** power) return `${(Math.round(value / 10 ** (power - 1)) / 10).toLocaleString("en")} ${word} yuan`;
        }
        return `${Math.round(value).toLocaleString("en")} yuan`;
      };
      const noteOf = (locator) =>
        locator.evaluate((amount) => {
          const note = amount.querySelector(".amount-note");
          const rect = note.getBoundingClientRect();
          return { text: note.textContent.trim(), shown: rect.width > 20 && rect.height > 10, lang: note.lang };
        });

      // A table's figure in 만 위안: on focus, then on hover.
      const table = issue.tables.find((entry) => entry.columns.some((column) => column.unit === "만 위안"));
      const column = table.columns.findIndex((entry) => entry.unit === "만 위안");
      const cells = page.locator(`#${table.id}--table tbody tr`).locator(`td:nth-child(${column + 1}) .amount`);
      assert.equal(await cells.count(), table.rows.length, "each figure of the column is marked");
      const first = cells.nth(0);
      assert.deepEqual(await noteOf(first), { text: `= ${inYuan(table.rows[0].values[column] * 1e4)}`, shown: false, lang: "en" }, "hidden until asked for");
      await first.focus();
      assert.deepEqual(await noteOf(first), { text: `= ${inYuan(table.rows[0].values[column] * 1e4)}`, shown: true, lang: "en" }, "shown on focus");
      const second = cells.nth(1);
      await second.hover();
      assert.deepEqual(await noteOf(second), { text: `= ${inYuan(table.rows[1].values[column] * 1e4)}`, shown: true, lang: "en" }, "shown on hover");

      // A figure in 억 위안 in the summary's text.
      const summary = page.locator("#summary .amount").filter({ hasText: "억 위안" }).first();
      const figure = (await summary.evaluate((amount) => amount.firstChild.textContent)).trim();
      const value = Number(/^([\d,.]+)억 위안$/.exec(figure)[1].replace(/,/g, "")) * 1e8;
      await summary.focus();
      assert.deepEqual(await noteOf(summary), { text: `= ${inYuan(value)}`, shown: true, lang: "en" }, `${figure} in the summary`);
    }));

  test("reads each chart's description in one language: English around the table's own labels, Korean in Korean", () =>
    site.scenario(english, async ({ page, open }) => {
      await open("");
      await waitChartsDrawn(page);
      const charted = issue.tables.filter((table) => table.chart !== null);
      const describe = () =>
        page.locator("figure.chart canvas").evaluateAll((canvases) => canvases.map((canvas) => canvas.getAttribute("aria-label")));
      /** The description without the labels of the table's rows, which are the publication's. */
      const own = (table, description) =>
        table.rows.map((row) => row.cells[table.chart.label]).sort((a, b) => b.length - a.length).reduce((rest, label) => rest.split(label).join(""), description);
      for (const [index, description] of (await describe()).entries()) {
        assert.ok(!hangul.test(own(charted[index], description)), `${charted[index].id}, English: ${description}`);
      }
      await page.locator(".lang-toggle").click();
      await page.waitForSelector('html[lang="ko"]');
      for (const [index, description] of (await describe()).entries()) {
        assert.ok(!/[A-Za-z]/.test(own(charted[index], description)), `${charted[index].id}, Korean: ${description}`);
      }
    }));
});

describe("a 390 px phone", () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 };
  const views = ["", "#/table/nsfc-programs", "#/table/hurun-top10", "#/article/shanghai-manufacturing", "#/colophon", "#/search?q=%EC%91%A4%EC%A0%80%EC%9A%B0", "#/nowhere"];

  test("no main view scrolls sideways", () =>
    site.scenario(phone, async ({ page, open }) => {
      for (const view of views) {
        await open(view);
        const { scrollWidth, innerWidth } = await pageWidths(page);
        assert.ok(scrollWidth <= innerWidth, `${view || "#/"}: page is ${scrollWidth} px wide in a ${innerWidth} px window: ${(await overflowing(page)).join(", ")}`);
      }
    }));

  test("deep links land below the header, and the search box stays visible above its results", () =>
    site.scenario(phone, async ({ page, open }) => {
      for (const hash of ["#/table/nsfc-programs", "#/article/suzhou-new-energy", "#/summary", "#/figure/ev-chargers"]) {
        await open(hash);
        await waitTopInView(page, `#${hash.split("/").at(-1)}`);
      }
      await page.locator("#search-input").fill("쑤저우");
      await page.waitForSelector("#search-results a.result");
      const covered = await page.evaluate(() => {
        const input = document.getElementById("search-input").getBoundingClientRect();
        const hit = document.elementFromPoint(input.left + input.width / 2, input.top + input.height / 2);
        return hit?.id === "search-input" ? null : hit?.closest("[id], [class]")?.className ?? "nothing";
      });
      assert.equal(covered, null, "the search box is not covered by the results panel");
    }));

  test("the contents fold behind their button, and Esc or a tap beside them folds them", () =>
    site.scenario(phone, async ({ page, open }) => {
      await open("");
      const toggle = page.locator(".contents-toggle");
      assert.ok(await toggle.isVisible());
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator("#contents").isVisible(), false, "folded at first");
      await toggle.click();
      await page.locator("#contents").waitFor({ state: "visible" });
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      const { scrollWidth, innerWidth } = await pageWidths(page);
      assert.ok(scrollWidth <= innerWidth, "the open panel does not widen the page");
      const article = issue.articles[2];
      await page.locator(`#contents a[href="#/article/${article.id}"]`).click();
      await page.locator("#contents").waitFor({ state: "hidden" });
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      await waitTopInView(page, `#${article.id}`);

      // Esc closes them and gives focus back to the button; so does a tap beside them.
      await toggle.click();
      await page.locator("#contents").waitFor({ state: "visible" });
      await page.keyboard.press("Escape");
      await page.locator("#contents").waitFor({ state: "hidden" });
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "contents-toggle");
      await toggle.click();
      await page.locator("#contents").waitFor({ state: "visible" });
      const panel = await page.locator("#contents").boundingBox();
      await page.mouse.click(panel.x + panel.width + 10, panel.y + 200);
      await page.locator("#contents").waitFor({ state: "hidden" });
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    }));
});

test("print hides the tools, keeps every article and table, and keeps tables whole on a page", () =>
  site.scenario({}, async ({ page, open }) => {
    await open("#/table/nsfc-programs?filter=%EA%B8%B0%EA%B8%88");
    await page.emulateMedia({ media: "print" });
    for (const selector of [".header-tools", "#contents", ".contents-toggle", ".skip-link", ".notice"]) {
      for (const element of await page.locator(selector).all()) {
        assert.equal(await element.isVisible(), false, `${selector} is hidden in print`);
      }
    }
    for (const selector of [".table-toolbar", ".chart-controls"]) {
      const visible = await page.locator(selector).evaluateAll((elements) => elements.filter((element) => getComputedStyle(element).display !== "none").length);
      assert.equal(visible, 0, `every ${selector} is hidden in print`);
    }
    const articles = await page.locator("main article.article").evaluateAll((elements) => elements.filter((element) => element.checkVisibility()).length);
    assert.equal(articles, issue.articles.length + issue.briefs.length, "every article is printed");
    const tables = await page.locator("main table.data:not(.chart-numbers)").evaluateAll((elements) => elements.filter((element) => element.checkVisibility()).length);
    assert.equal(tables, issue.tables.length, "every table is printed");
    // Pages: a table that fits on one is not split, its total comes once after its last row
    // (not at the foot of every page), and a header repeated on a new page keeps its text.
    const paged = await page.locator("main table.data:not(.chart-numbers)").evaluateAll((elements) =>
      elements.map((table) => [
        getComputedStyle(table).breakInside,
        table.tFoot ? getComputedStyle(table.tFoot).display : "table-row-group",
        [...table.querySelectorAll("thead button.sort")].every((button) => getComputedStyle(button).display === "contents"),
      ]),
    );
    assert.deepEqual(paged, issue.tables.map(() => ["avoid-page", "table-row-group", true]));
    assert.ok(await page.locator(".site-header .series").isVisible(), "the series title is printed");
  }));
