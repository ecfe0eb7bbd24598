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
      // Every control, the charts' PNG buttons included, which are enabled once drawn.
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
