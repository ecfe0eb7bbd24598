//! Screenshots of the main views for docs/screenshots/ (overwritten on every run), so a person
//! can see what the release build looks like: the issue top, a sorted table with its chart,
//! and search results, on a 1280 px screen and a 390 px phone, light and dark.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { useSite, REPO } from "./lib/harness.mjs";
import { luminance } from "./lib/views.mjs";

const site = useSite({ csp: true });
const OUT = join(REPO, "docs/screenshots");
mkdirSync(OUT, { recursive: true });

const SCREENS = [
  { name: "1280", viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  { name: "390", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
];

const VIEWS = [
  {
    name: "issue-top",
    shoot: async (page, open, path) => {
      await open("");
      await page.screenshot({ path });
    },
  },
  {
    name: "table-sorted",
    shoot: async (page, open, path) => {
      // The table with its chart is taller than a screen: a taller window shows both under the
      // header, as the link leaves them (an element shot would have the sticky header over it).
      const { width, height } = page.viewportSize();
      await page.setViewportSize({ width, height: width > 600 ? 1500 : 2400 });
      await open("#/table/nsfc-programs?sort=funding:desc");
      await page.waitForFunction(() => document.querySelector("#nsfc-programs--chart canvas")?.getBoundingClientRect().width > 0);
      await page.screenshot({ path });
      await page.setViewportSize({ width, height });
    },
  },
  {
    name: "search",
    shoot: async (page, open, path) => {
      await open("");
      await page.locator("#search-input").fill("쑤저우");
      await page.waitForSelector("#search-results a.result");
      await page.screenshot({ path });
    },
  },
];

for (const screen of SCREENS) {
  for (const colorScheme of ["light", "dark"]) {
    test(`screenshots at ${screen.name} px, ${colorScheme}`, () =>
      site.scenario({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor, colorScheme }, async ({ page, open }) => {
        for (const view of VIEWS) {
          const path = join(OUT, `${view.name}-${screen.name}-${colorScheme}.png`);
          await view.shoot(page, open, path);
          const background = luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
          assert.ok(colorScheme === "light" ? background > 0.8 : background < 0.05, `${view.name}: a ${colorScheme} page`);
        }
      }));
  }
}
