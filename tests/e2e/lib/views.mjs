//! Reading the viewer's page: a table's rows and sort state, whether an element is in view,
//! waiting for the charts and the browser's idle time, and the order a sort promises. (The
//! interface's words, so a changed label does not break a selector, are in the facts file:
//! lib/facts.mjs.)

/**
 * A table as shown: `{ rows: [{ id, cells: [text] }], total: [text] | null, totalScope,
 * totalLast, ariaSort: { [column index]: value }, count, filter }`. Cell text is the cell's
 * whole text, sub-figure included (`630 (25)`); the total's, without the note (`totalScope`)
 * a filter adds after its label.
 */
export function readTable(page, id) {
  return page.evaluate((id) => {
    const block = document.getElementById(id);
    const table = document.getElementById(`${id}--table`);
    if (!block || !table) return null;
    const text = (element) => element.textContent.replace(/\s+/g, " ").trim();
    // The total's cells as printed, without the note a filter adds after its label.
    const printed = (cell) => {
      const copy = cell.cloneNode(true);
      copy.querySelector(".total-scope")?.remove();
      return text(copy);
    };
    const scope = table.querySelector("tfoot .total-scope");
    const rows = [...table.querySelectorAll("tbody tr:not(.spacer)")].map((row) => ({
      id: row.id,
      cells: [...row.cells].map(text),
    }));
    const footRows = [...table.querySelectorAll("tfoot tr")];
    const allRows = [...table.querySelectorAll("tr")];
    const headers = [...table.querySelectorAll("thead th")];
    const ariaSort = {};
    headers.forEach((header, index) => {
      if (header.hasAttribute("aria-sort")) ariaSort[index] = header.getAttribute("aria-sort");
    });
    return {
      rows,
      total: footRows.length === 1 ? [...footRows[0].cells].map(printed) : null,
      totalScope: scope ? text(scope) : null,
      totalLast: footRows.length === 1 && allRows.at(-1) === footRows[0] && table.tFoot === footRows[0].parentElement,
      footRows: footRows.length,
      ariaSort,
      headers: headers.map(text),
      count: text(block.querySelector(".row-count")),
      filter: block.querySelector(".filter input")?.value ?? null,
    };
  }, id);
}

/** The sort button in the header of column `column` of table `tableId`. */
export function sortButton(page, tableId, column) {
  return page.locator(`#${tableId}--table thead th`).nth(column).locator("button.sort");
}

/** Waits until the header of column `index` of table `id` has `aria-sort` = `value` (null: none). */
export async function waitAriaSort(page, id, index, value) {
  await page.waitForFunction(
    ([id, index, value]) => {
      const header = document.querySelectorAll(`#${CSS.escape(id)}--table thead th`)[index];
      return header && header.getAttribute("aria-sort") === value;
    },
    [id, index, value],
    { timeout: 5000 },
  );
}

/** Compares numbers, or anything `<` orders. */
export const naturalOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ids of `rows` (a table's rows from the facts, `{ id, cells, values }`, in printed order)
 * stably sorted by `key(row)` with `compare`, as the viewer promises: empty (null) last either
 * way, ties in printed order.
 */
export function expectedOrder(rows, key, direction, compare = naturalOrder) {
  const indexed = rows.map((row, index) => ({ id: row.id, index, value: key(row) }));
  indexed.sort((a, b) => {
    // Empty cells go last in either direction; ties keep the printed order.
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === null ? 1 : -1;
    }
    const ordering = compare(a.value, b.value);
    if (ordering !== 0) return direction === "ascending" ? ordering : -ordering;
    return a.index - b.index;
  });
  return indexed.map((entry) => entry.id);
}

/**
 * Where the element matching `selector` is: `{ top, visibleFrom, bottom }` in CSS pixels, where
 * `visibleFrom` is the bottom of the sticky page header (0 when it does not stick), or null.
 */
export function placeOf(page, selector) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const rect = element.getBoundingClientRect();
    const header = document.querySelector(".site-header");
    const sticks = header && ["sticky", "fixed"].includes(getComputedStyle(header).position);
    return { top: rect.top, height: rect.height, visibleFrom: sticks ? header.getBoundingClientRect().bottom : 0, viewport: window.innerHeight };
  }, selector);
}

/**
 * Brings every chart near the view in turn, as a reader scrolling down the page would: each is
 * scrolled into view, then two frames pass, in which the page sees it there (a canvas starts on
 * its way to its first draw only when its chart comes near the view). Leaves the page scrolled
 * to the last chart.
 */
export async function bringChartsNear(page) {
  const charts = page.locator("figure.chart");
  const count = await charts.count();
  for (let index = 0; index < count; index += 1) {
    await charts.nth(index).evaluate(
      (figure) =>
        new Promise((resolve) => {
          figure.scrollIntoView({ block: "center", behavior: "instant" });
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
        }),
    );
  }
}

/**
 * Waits until every chart's canvas has had its first draw, which waits for the chart to come
 * near the view (each is scrolled to in turn, and the page is scrolled back where it was), then
 * for the browser to be idle twice (set-up, then draw; at most 300 ms each); until then a chart
 * shows its SVG.
 */
export async function waitChartsDrawn(page) {
  const at = await page.evaluate(() => window.scrollY);
  await bringChartsNear(page);
  await page.waitForFunction(() => !document.querySelector("figure.chart canvas.undrawn"), null, { timeout: 5000 });
  await page.evaluate((top) => window.scrollTo({ top, behavior: "instant" }), at);
}

/**
 * How many charts are near the view, as the page counts them: their chart area within a
 * screen's height above or below the viewport (src/components/chart_view.rs, `NEAR_VIEW`).
 */
export function chartsNearView(page) {
  return page.evaluate(
    () =>
      [...document.querySelectorAll("figure.chart .chart-area")].filter((area) => {
        const rect = area.getBoundingClientRect();
        return rect.bottom > -innerHeight && rect.top < 2 * innerHeight;
      }).length,
  );
}

/**
 * Makes the page's idle callbacks run only when the test says so, from before its scripts run:
 * `window.idleWaiting()` counts the callbacks waiting, `window.runIdle()` runs them (not those
 * they ask for in turn) and says how many ran. The charts' canvases wait for these.
 */
export function controlIdle(page) {
  return page.addInitScript(() => {
    const waiting = new Map();
    let next = 1;
    window.requestIdleCallback = (callback) => {
      waiting.set(next, callback);
      return next++;
    };
    window.cancelIdleCallback = (handle) => waiting.delete(handle);
    window.idleWaiting = () => waiting.size;
    window.runIdle = () => {
      const due = [...waiting.values()];
      waiting.clear();
      due.forEach((callback) => callback({ didTimeout: false, timeRemaining: () => 50 }));
      return due.length;
    };
  });
}

/**
 * Waits until the element matching `selector` has its top edge in view: inside the viewport
 * and not under the sticky header. On timeout, says where it was.
 */
export async function waitTopInView(page, selector, timeout = 5000) {
  try {
    await page.waitForFunction(
      (selector) => {
        const element = document.querySelector(selector);
        if (!element) return false;
        const rect = element.getBoundingClientRect();
        const header = document.querySelector(".site-header");
        const sticks = header && ["sticky", "fixed"].includes(getComputedStyle(header).position);
        const visibleFrom = sticks ? header.getBoundingClientRect().bottom : 0;
        return rect.top >= visibleFrom - 1 && rect.top < window.innerHeight && rect.height > 0;
      },
      selector,
      { timeout },
    );
  } catch (error) {
    const place = await placeOf(page, selector).catch(() => null);
    throw new Error(`${selector} is not in view below the sticky header: ${JSON.stringify(place)}`, { cause: error });
  }
}

/** `document.documentElement.scrollWidth` and `innerWidth`: no horizontal page scroll when the first is not larger. */
export function pageWidths(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

/** The elements wider than the viewport that stick out of it (for a readable failure). */
export function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    for (const element of document.querySelectorAll("body *")) {
      const rect = element.getBoundingClientRect();
      if (rect.right > width + 1 && rect.width > 0) {
        const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${
          element.classList.length ? `.${[...element.classList].join(".")}` : ""
        }`;
        found.push(`${name} (right edge ${Math.round(rect.right)} px)`);
        if (found.length >= 10) break;
      }
    }
    return found;
  });
}

/** Relative luminance of a computed CSS colour `rgb(r, g, b)`. */
export function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
