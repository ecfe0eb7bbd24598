//! Accessibility: axe-core on every main view in both themes, and the keyboard: every control
//! is reached with Tab, shows where focus is, and works with Enter and Space.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { useSite, runAxe, formatViolations } from "./lib/harness.mjs";
import { readFacts } from "./lib/facts.mjs";
import { waitAriaSort, waitChartsDrawn } from "./lib/views.mjs";

const site = useSite({ csp: true });
const facts = readFacts();
const issue = facts.derived;
const ko = facts.strings.ko;

const VIEWS = [
  ["the issue top", ""],
  ["a table link", "#/table/nsfc-programs?sort=funding:desc"],
  ["search results", `#/search?q=${encodeURIComponent("쑤저우")}`],
  ["not found", "#/no/such/page"],
  ["an embedded table", "#/embed/table/nsfc-programs"],
];

describe("axe-core finds no violations", () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`every main view, ${colorScheme} theme`, () =>
      site.scenario({ colorScheme }, async ({ page, open }) => {
        const report = [];
        for (const [name, hash] of VIEWS) {
          await open(hash);
          if (hash.startsWith("#/search")) await page.waitForSelector("#search-results a.result");
          const violations = await runAxe(page);
          if (violations.length) report.push(`${name} (${hash || "#/"}):\n${formatViolations(violations)}`);
        }
        assert.equal(report.length, 0, `axe-core violations, ${colorScheme} theme:\n${report.join("\n")}`);
      }));
  }
});

/** Marks every element that should take Tab focus, in document order, and returns their descriptions. */
function markTabbable(page) {
  return page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const found = [];
    for (const element of document.querySelectorAll(selector)) {
      if (element.tabIndex < 0 || element.closest("[inert], [hidden]")) continue;
      const details = element.closest("details:not([open])");
      if (details && element.tagName !== "SUMMARY") continue;
      const visible = element.checkVisibility({ visibilityProperty: true }) || element.classList.contains("skip-link");
      if (!visible) continue;
      element.dataset.e2eTab = String(found.length);
      const label = (element.getAttribute("aria-label") || element.textContent || element.getAttribute("placeholder") || "").trim().slice(0, 40);
      found.push(`${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ").join(".")}` : ""} "${label}"`);
    }
    return found;
  });
}

/** What has focus, and whether it shows it. */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    return {
      tab: element.dataset.e2eTab ?? null,
      focusVisible: element.matches(":focus-visible"),
      shown: outline || shadow,
      what: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${String(element.className)} "${(element.textContent || "").trim().slice(0, 30)}"`,
    };
  });
}

describe("keyboard", () => {
  test("Tab reaches every control of the page, each with a visible focus style", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      // Every control, the charts' PNG buttons included.
      await waitChartsDrawn(page);
      const tabbable = await markTabbable(page);
      assert.ok(tabbable.length > 100, `${tabbable.length} tabbable elements`);
      const reached = new Set();
      const unmarked = [];
      const invisible = [];
      for (let press = 0; press < tabbable.length + 20; press += 1) {
        await page.keyboard.press("Tab");
        const now = await focused(page);
        if (!now) continue;
        if (now.tab === null) {
          unmarked.push(now.what);
          continue;
        }
        if (reached.has(now.tab)) break;
        reached.add(now.tab);
        if (!now.focusVisible || !now.shown) invisible.push(now.what);
      }
      const missed = tabbable.filter((_, index) => !reached.has(String(index)));
      assert.deepEqual(missed, [], "every control is reached with Tab");
      assert.deepEqual(invisible, [], "every focused control shows a focus style");
      assert.deepEqual(unmarked, [], "nothing hidden takes focus");
      const labels = tabbable.join("\n");
      for (const expected of [ko.skip_to_content, ko.download_csv, ko.copy_link, ko.copy_embed, ko.download_png, ko.other_language, ko.dark_theme]) {
        assert.ok(labels.includes(expected), `a control "${expected}" is among them`);
      }
      assert.ok(tabbable.some((entry) => entry.startsWith("input") && entry.includes(ko.search_placeholder)), "the search box is among them");
      assert.ok(tabbable.filter((entry) => entry.startsWith("button.sort")).length >= 10, "the sort headers are among them");
      assert.ok(tabbable.filter((entry) => entry.startsWith("input") && !entry.includes(ko.search_placeholder)).length === issue.tables.length, "one filter box a table");
    }));

  test("the skip link, sort headers, theme and language switches work from the keyboard", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
      const box = await page.locator(".skip-link").boundingBox();
      assert.ok(box && box.y >= 0, "the skip link comes into view when focused");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement.id), "main", "Enter on the skip link moves focus to the text");

      const table = issue.tables.find((table) => table.id === "nsfc-programs");
      const column = table.columns.findIndex((spec) => spec.id === "projects");
      const header = page.locator(`#${table.id}--table thead th`).nth(column).locator("button.sort");
      await header.focus();
      await page.keyboard.press("Enter");
      await waitAriaSort(page, table.id, column, "descending");
      await page.keyboard.press(" ");
      await waitAriaSort(page, table.id, column, "ascending");
      await page.keyboard.press("Enter");
      await waitAriaSort(page, table.id, column, null);

      await page.locator(".theme-toggle").focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector('html[data-theme="dark"]');
      await page.keyboard.press(" ");
      await page.waitForSelector('html[data-theme="light"]');
      await page.locator(".lang-toggle").focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector('html[lang="en"]');

      const filter = page.locator(`#${table.id} .filter input`);
      await filter.focus();
      await page.keyboard.type("기금");
      await page.waitForFunction(([id, n]) => document.querySelectorAll(`#${id}--table tbody tr`).length < n, [table.id, table.rows.length]);
    }));
});

describe("screen readers and the keyboard", () => {
  test("a table's row count is a live region, so a screen reader hears how many rows a filter leaves", () =>
    site.scenario({}, async ({ page, open }) => {
      const table = issue.tables.find((entry) => entry.id === "nsfc-programs");
      await open(`#/table/${table.id}`);
      const count = page.locator(`#${table.id} .row-count`);
      const live = await count.evaluate((element) => {
        const region = element.closest('[aria-live], [role="status"], [role="log"], [role="alert"]');
        return region ? { role: region.getAttribute("role"), live: region.getAttribute("aria-live") } : null;
      });
      assert.ok(live && live.live !== "off", `the count is in a live region: ${JSON.stringify(live)}`);
      const query = "기금";
      const matching = table.rows.filter((row) => row.cells.join(" ").includes(query)).length;
      await page.locator(`#${table.id} .filter input`).fill(query);
      await page.waitForFunction(([id, n]) => document.querySelectorAll(`#${id}--table tbody tr`).length === n, [table.id, matching]);
      assert.match(await count.textContent(), new RegExp(`\\b${matching}\\b.*\\b${table.rows.length}\\b`), "it says how many of how many");
    }));

  test("Esc on a search result, or the results' close button, gives focus back to the search box", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("");
      const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
      // The / shortcut focuses the box and leaves it in the Tab order.
      await page.locator("#summary h2").click();
      await page.keyboard.press("/");
      assert.equal(await focused(), "search-input", "/ focuses the search box");
      assert.equal(await page.getAttribute("#search-input", "tabindex"), null, "the search box stays in the Tab order after /");
      await page.locator("#search-input").fill("쑤저우");
      await page.waitForSelector("#search-results a.result");
      await page.keyboard.press("ArrowDown");
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("result")), true, "on the first result");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#search-results", { state: "detached" });
      assert.equal(await focused(), "search-input", "Esc on a result");

      await page.locator("#search-input").fill("쑤저우");
      await page.locator("#search-results button.close").focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector("#search-results", { state: "detached" });
      assert.equal(await focused(), "search-input", "the close button");
      assert.equal(await page.getAttribute("#search-input", "tabindex"), null, "the search box stays in the Tab order");
    }));

  test("on a phone, Tab and Shift+Tab stay in the open contents and their button", () =>
    site.scenario({ viewport: { width: 390, height: 844 } }, async ({ page, open }) => {
      await open("");
      const toggle = page.locator("#contents-toggle");
      await toggle.click();
      await page.locator("#contents").waitFor({ state: "visible" });
      const where = () =>
        page.evaluate(() => {
          const active = document.activeElement;
          if (active?.id === "contents-toggle") return "toggle";
          return document.getElementById("contents").contains(active) ? "contents" : `${active?.tagName}.${active?.className}`;
        });
      const inside = await page.locator("#contents").evaluate((panel) =>
        [...panel.querySelectorAll("a[href], button, summary")].filter((element) => element.checkVisibility() && (element.tagName === "SUMMARY" || !element.closest("details:not([open])"))).length,
      );
      assert.ok(inside > 5, `${inside} controls in the contents`);
      const stops = [];
      for (let press = 0; press < inside + 3; press += 1) {
        await page.keyboard.press("Tab");
        stops.push(await where());
      }
      assert.deepEqual(stops.filter((stop) => stop !== "toggle" && stop !== "contents"), [], "Tab never leaves the contents");
      assert.ok(stops.includes("toggle") && stops.includes("contents"), `Tab comes round to the button: ${stops}`);
      await toggle.focus();
      await page.keyboard.press("Shift+Tab");
      assert.equal(await where(), "contents", "Shift+Tab from the button goes to the contents' last control");
      await page.keyboard.press("Escape");
      await page.locator("#contents").waitFor({ state: "hidden" });
      await page.keyboard.press("Tab");
      assert.notEqual(await where(), "contents", "once closed, the keyboard is free again");
    }));
});

describe("touch targets", () => {
  const TAP = 44;
  /** Every control in view or scrolled out of it (not in a closed panel) within `scope`: its size. */
  const controls = (page, scope = "body") =>
    page.locator(scope).evaluate((root) => {
      const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
      return [...root.querySelectorAll(selector)]
        .filter((element) => element.checkVisibility({ visibilityProperty: true }))
        .filter((element) => element.tagName === "SUMMARY" || !element.closest("details:not([open])"))
        .map((element) => {
          const rect = element.getBoundingClientRect();
          const what = `${element.tagName.toLowerCase()}.${String(element.className).split(" ").join(".")} "${(element.textContent || element.getAttribute("placeholder") || "").trim().slice(0, 30)}"`;
          return { what, width: Math.round(rect.width * 10) / 10, height: Math.round(rect.height * 10) / 10 };
        });
    });
  const small = (found) => found.filter((control) => control.width < TAP - 0.5 || control.height < TAP - 0.5).map((control) => `${control.what} ${control.width}×${control.height}`);

  test("on a 360 px touch screen every control is at least 44 × 44 px, in the page, the contents and the search results", () =>
    site.scenario({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, hasTouch: true }, async ({ page, open }) => {
      await open("");
      await waitChartsDrawn(page);
      const inPage = await controls(page);
      assert.ok(inPage.length > 100, `${inPage.length} controls`);
      assert.deepEqual(small(inPage), [], "controls smaller than 44 × 44 px");

      await page.locator(".contents-toggle").click();
      await page.locator("#contents").waitFor({ state: "visible" });
      const contents = await controls(page, "#contents");
      assert.ok(contents.length > 10, `${contents.length} controls in the contents`);
      assert.deepEqual(small(contents), [], "contents controls smaller than 44 × 44 px");
      await page.keyboard.press("Escape");

      await page.locator("#search-input").fill("쑤저우");
      await page.waitForSelector("#search-results a.result");
      const results = await controls(page, "#search-results");
      assert.ok(results.length > 2, `${results.length} controls in the results`);
      assert.deepEqual(small(results), [], "search result controls smaller than 44 × 44 px");
    }));

  test("with a mouse the controls keep their size: the touch sizes apply to touch screens only", async () => {
    const measured = {};
    for (const [name, hasTouch] of [
      ["mouse", false],
      ["touch", true],
    ]) {
      await site.scenario({ hasTouch }, async ({ page, open }) => {
        await open("");
        measured[name] = await page.evaluate(() => {
          const height = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().height);
          return {
            header: height(".site-header"),
            "search box": height("#search-input"),
            "theme switch": height(".theme-toggle"),
            "sort button": height("table.data button.sort"),
            "article's embed button": height(".article-tools button"),
            "contents link": height(".contents a.toc-article"),
            "heading link": height(".article h3 a"),
          };
        });
      });
    }
      for (const [control, height] of Object.entries(measured.mouse)) {
        if (control === "header") continue;
        assert.ok(height < TAP, `with a mouse, the ${control} keeps its own size: ${height} px`);
        assert.ok(measured.touch[control] >= TAP, `on a touch screen, the ${control} is at least ${TAP} px: ${measured.touch[control]} px`);
      }
    assert.ok(measured.mouse.header <= 61, `with a mouse, the header keeps its one row: ${measured.mouse.header} px`);
  });
});
