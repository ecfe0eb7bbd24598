//! Hardening: what the reader shows back of a link is capped; the Content-Security-Policy to
//! deploy with (README.md) is the one served, and the reader works under it; `frame-ancestors`
//! decides which hosts may frame it; `embed.js` keeps working on a host page whose markup
//! clobbers the names it uses; and a host that serves the WebAssembly under another type
//! still gets a working reader. Every fact comes from the page, the README or the address;
//! none is written in here.

import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSite, startServer, REPO } from "./lib/harness.mjs";
import { waitChartsDrawn } from "./lib/views.mjs";

/** The id of the issue's first data table, read from the page. */
async function firstTableId(page, open) {
  await open("");
  return page.$eval("table.data", (table) => table.id.replace(/--table$/, ""));
}

/** A folder for host pages, served from another origin by `serve()`; `close()` removes both. */
function hostPages() {
  const dir = mkdtempSync(join(tmpdir(), "bulletin-hardening-host-"));
  const write = (name, body) =>
    writeFileSync(
      join(dir, `${name}.html`),
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,"></head><body>\n${body}\n</body></html>\n`,
    );
  // The server wants an index.html.
  write("index", "<h1>Host pages</h1>");
  let server = null;
  return {
    async page(name, body) {
      write(name, body);
      server ??= await startServer({ dir });
      return `${server.url}${name}.html`;
    },
    close() {
      server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("what the reader shows back of a link is capped", () => {
  const site = useSite({ csp: true });

  test("50,000 bad sort keys make a short notice that names a few and counts the rest", () =>
    site.scenario({}, async ({ page, open }) => {
      const id = await firstTableId(page, open);
      const keys = 50_000;
      await open(`#/table/${id}?sort=${Array(keys).fill("x").join(",")}`);
      const notice = page.locator("main > p.notice");
      await notice.waitFor();
      const text = await notice.textContent();
      const named = text.split("sort=x").length - 1;
      assert.ok(named >= 1 && named <= 10, `the notice names a few of them, not ${named}`);
      assert.ok(text.length < 300, `the notice is ${text.length} characters: ${text.slice(0, 300)}`);
      assert.ok(text.includes("…"), `an ellipsis stands for the rest: ${text}`);
      assert.ok(text.includes((keys - named).toLocaleString("en")), `it counts the ${keys - named} left out: ${text}`);
    }));

  test("a framing page cannot write its own message into the notices", () =>
    site.scenario({}, async ({ page, open }) => {
      const id = await firstTableId(page, open);
      const message = "Your session has expired. To restore access call the number below and read out your password.";
      // A malformed sort key (the route's notice) and an unknown column (the table's notice).
      await open(`#/table/${id}?sort=${encodeURIComponent(message)},${encodeURIComponent(`${message}:asc`)}`);
      await page.locator("main > p.notice").waitFor();
      await page.locator(`#${id} .notice`).first().waitFor();
      for (const notice of await page.locator("main .notice").allTextContents()) {
        assert.ok(notice.includes(message.slice(0, 10)), `the notice names the part: ${notice}`);
        assert.ok(!notice.includes(message.slice(-40)), `but not the whole of it: ${notice}`);
      }
    }));

  test("unknown columns by the thousand make a short table notice", () =>
    site.scenario({}, async ({ page, open }) => {
      const id = await firstTableId(page, open);
      const columns = 2_000;
      const sort = Array.from({ length: columns }, (_, index) => `no-such-column-${index}:asc`).join(",");
      await open(`#/table/${id}?sort=${sort}`);
      const notice = page.locator(`#${id} .notice`).first();
      await notice.waitFor();
      const text = await notice.textContent();
      const named = text.split("no-such-column-").length - 1;
      assert.ok(named >= 1 && named <= 10, `the notice names a few of them, not ${named}`);
      assert.ok(text.length < 400, `the notice is ${text.length} characters: ${text.slice(0, 400)}`);
      assert.ok(text.includes((columns - named).toLocaleString("en")), `it counts the ${columns - named} left out: ${text}`);
    }));

  test("the not-found view shows the start of a long address and counts the rest", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/${"nowhere-".repeat(5000)}`);
      const view = page.locator("main .not-found");
      await view.waitFor();
      const address = await page.evaluate(() => location.hash);
      const shown = await view.locator("code").textContent();
      assert.ok(shown.endsWith("…"), `an ellipsis ends what is shown: ${shown.slice(0, 200)} (${shown.length} characters)`);
      const kept = shown.slice(0, -1);
      assert.ok(address.startsWith(kept), `the start of the address: ${kept.slice(0, 200)}`);
      assert.ok(kept.length >= 20 && kept.length <= 200, `${kept.length} characters of ${address.length} shown`);
      const paragraph = await view.locator("code").evaluate((code) => code.parentElement.textContent);
      assert.ok(paragraph.includes((address.length - kept.length).toLocaleString("en")), `counts what was cut: ${paragraph.slice(-200)}`);

      await open("#/nowhere");
      await view.waitFor();
      assert.equal(await view.locator("code").textContent(), await page.evaluate(() => location.hash), "a short address is shown whole");
    }));
});

describe("the policy to deploy with", () => {
  const site = useSite({ csp: true });
  const hosts = hostPages();
  after(() => hosts.close());

  test("is the README's, and the reader works under it: charts, search, CSV and PNG downloads, the manifest, the service worker", () =>
    site.scenario({}, async ({ page, context }) => {
      const response = await page.goto(site.url, { waitUntil: "load" });
      const served = response.headers()["content-security-policy"];
      const readme = readFileSync(join(REPO, "README.md"), "utf8");
      const stated = /^default-src 'none';.*; frame-ancestors <sources>$/m.exec(readme)?.[0];
      assert.ok(stated, "README.md states the policy to deploy with");
      assert.equal(served.replace(/; frame-ancestors [^;]+$/, "; frame-ancestors <sources>"), stated);
      const directives = Object.fromEntries(
        served.split(";").map((directive) => directive.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]),
      );
      assert.deepEqual(directives["default-src"], ["'none'"]);
      assert.deepEqual(directives["img-src"], ["'self'"], "no data: or blob: images");
      assert.deepEqual(directives["base-uri"], ["'none'"]);
      assert.deepEqual(directives["form-action"], ["'none'"]);
      assert.ok(directives["frame-ancestors"]?.length > 0, "frame-ancestors is set");

      await page.waitForSelector('html[data-ready="true"]');
      const id = await page.$eval("table.data", (table) => table.id.replace(/--table$/, ""));
      // The chart's canvas is drawn (it waits for the chart to come near the view, then for an
      // idle moment), and its PNG downloads.
      await page.locator(`#${id}--chart`).scrollIntoViewIfNeeded();
      await page.waitForFunction((id) => document.querySelector(`#${id}--chart canvas`)?.getBoundingClientRect().width > 0, id);
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#${id} .table-toolbar button`, { hasText: "CSV" }).click(),
      ]);
      assert.deepEqual([...readFileSync(await csv.path()).subarray(0, 3)], [0xef, 0xbb, 0xbf], "the CSV arrives");
      const [png] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#${id}--chart button`, { hasText: "PNG" }).click(),
      ]);
      assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "the PNG arrives");
      // Search, with a word taken from the table's caption.
      const word = (await page.$eval(`#${id}--table caption`, (caption) => caption.textContent)).match(/[가-힣]{2,}/)[0];
      await page.locator("#search-input").fill(word);
      await page.locator("#search-results a.result").first().waitFor();
      // The browser reads the web manifest, as it does to offer installing the reader.
      const session = await context.newCDPSession(page);
      const manifest = await session.send("Page.getAppManifest");
      assert.deepEqual(manifest.errors, [], "the manifest parses");
      assert.ok(JSON.parse(manifest.data).name, "the manifest was read");
      assert.equal(await page.evaluate(() => navigator.serviceWorker.ready.then((registration) => Boolean(registration.active))), true);
      // Every scenario then fails on any policy violation, console error or failed request.
    }));

  test("frame-ancestors keeps the reader out of frames on hosts it does not name", () =>
    site.scenario(
      {
        allow: (problem) =>
          (problem.kind === "console error" && /frame-ancestors/.test(problem.text)) ||
          (problem.kind === "failed request" && problem.text.startsWith(site.url) && /ERR_BLOCKED_BY_RESPONSE/.test(problem.text)),
      },
      async ({ page, open }) => {
        const id = await firstTableId(page, open);
        const url = await hosts.page("framing", `<iframe id="embed" src="${site.url}#/embed/table/${id}" title="embed" width="600" height="300"></iframe>`);
        await page.goto(url, { waitUntil: "load" });
        const frame = await (await page.$("#embed")).contentFrame();
        await page.waitForTimeout(500);
        assert.equal(await frame.locator("html[data-embed]").count(), 0, "the reader does not load in the frame");
      },
    ));
});

describe("embed.js on a host page whose markup clobbers its names", () => {
  // The deployer lets the hosts that embed the reader frame it; here, any local server.
  const app = useSite({ csp: true, frameAncestors: "http://127.0.0.1:*" });
  const hosts = hostPages();
  after(() => hosts.close());

  const variants = [
    ["an element with the id bulletinViewerEmbed", `<div id="bulletinViewerEmbed"></div>`],
    ["a form named bulletinViewerEmbed holding a messageType", `<form name="bulletinViewerEmbed"><input name="messageType" value="bulletin-viewer:height"></form>`],
    ["a frame of another origin named bulletinViewerEmbed", (app) => `<iframe name="bulletinViewerEmbed" src="${app.url}sw.js" title="other" width="10" height="10"></iframe>`],
    ["an image named querySelectorAll", `<img name="querySelectorAll" alt="">`],
  ];
  for (const [what, markup] of variants) {
    test(`${what} does not stop the frame from taking its content's height`, () =>
      app.scenario({}, async ({ page, open }) => {
        const id = await firstTableId(page, open);
        const fallback = 150;
        const clobber = typeof markup === "function" ? markup(app) : markup;
        const url = await hosts.page(
          `clobbered-${variants.findIndex(([name]) => name === what)}`,
          `<iframe id="embed" src="${app.url}#/embed/table/${id}" title="embed" data-bulletin-viewer width="100%" height="${fallback}" style="border:0"></iframe>
${clobber}
<script src="${app.url}embed.js"></script>`,
        );
        await page.goto(url, { waitUntil: "load" });
        const frame = await (await page.$("#embed")).contentFrame();
        await frame.waitForSelector("html[data-embed] .embed", { state: "attached", timeout: 20_000 });
        let last = null;
        for (let attempt = 0; attempt < 100; attempt += 1) {
          const outer = await page.evaluate(() => document.getElementById("embed").getBoundingClientRect().height);
          const content = await frame.evaluate(() => Math.ceil(document.querySelector(".embed").getBoundingClientRect().height));
          last = { outer, content };
          if (outer > fallback && Math.abs(outer - content) <= 3) break;
          await page.waitForTimeout(100);
        }
        assert.ok(last.outer > fallback && Math.abs(last.outer - last.content) <= 3, `the frame took its content's height: ${JSON.stringify(last)}`);
      }));
  }
});

describe("a host that does not call the WebAssembly application/wasm", () => {
  const site = useSite();

  test("still starts the reader: compiled once it is all there instead of as it streams", () =>
    site.scenario({}, async ({ page, open }) => {
      // An intranet server that knows no .wasm type, as many do.
      const served = [];
      await page.route(/_bg\.wasm$/, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers(), "content-type": "application/octet-stream" };
        served.push(headers["content-type"]);
        await route.fulfill({ response, headers });
      });
      await open("");
      await waitChartsDrawn(page);
      // The start-up's and then the viewer's (the suite hands over at once).
      assert.deepEqual(served, ["application/octet-stream", "application/octet-stream"], "the page fetched each WebAssembly once, under the other type");
      const table = page.locator("table.data").first();
      const button = table.locator("thead button.sort").first();
      assert.equal(await table.locator("thead th[aria-sort]").count(), 0, "the table starts in its printed order");
      await button.click();
      // A click on a column sorts the table: the app is running.
      await table.locator("thead th[aria-sort]").first().waitFor({ state: "attached" });
    }));
});
