//! The archive: a build of several issues (the first issue the reader held, 2023-06-30, and the
//! made-up fixture issues of tests/fixtures/archive/, one of which reuses its ids), read as a
//! reader of a weekly would: the newest issue first, every issue at its own address and
//! readable without JavaScript, old links that keep meaning what they meant, the archive's
//! list, search across issues, every table, the feed, and a site that is partly deployed or
//! damaged.

import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSite, ARCHIVE_DIST } from "./lib/harness.mjs";
import { ARCHIVE_FACTS, readFacts } from "./lib/facts.mjs";
import { overflowing, readTable, sortButton, waitAriaSort } from "./lib/views.mjs";

const facts = readFacts(ARCHIVE_FACTS);
const ko = facts.strings.ko;
/** Every issue of the build, newest first. */
const issues = facts.archive;
const [newest, middle, first] = issues;
const table = (issue, id) => issue.derived.tables.find((table) => table.id === id);
const site = useSite({ dir: ARCHIVE_DIST, csp: true });

/** The caption the page shows for table `id`, without its 〈 〉. */
async function caption(page, id) {
  await page.waitForSelector(`#${id}--table caption`);
  const text = await page.locator(`#${id}--table caption`).textContent();
  return text.replace(/^〈|〉$/g, "");
}

/** The page's own file name, `2023-06-30.html`, or "" for the site's root. */
function pageFile(page) {
  return new URL(page.url()).pathname.split("/").pop();
}

describe("the archive's build", () => {
  test("holds the first issue and the fixtures, one of which reuses the first issue's ids", () => {
    assert.deepEqual(
      issues.map((issue) => issue.date),
      ["2023-07-14", "2023-07-07", "2023-06-30"],
    );
    assert.ok(table(first, "nsfc-programs") && table(middle, "nsfc-programs"), "both hold a table nsfc-programs");
    assert.notEqual(table(first, "nsfc-programs").caption, table(middle, "nsfc-programs").caption);
  });
});

describe("every issue at its own address", () => {
  test("the root shows the newest issue, pre-rendered, readable with JavaScript off", () =>
    site.scenario({ javaScriptEnabled: false, allow: () => true }, async ({ page, url }) => {
      await page.goto(url);
      const text = await page.locator("#app").innerText();
      for (const article of newest.derived.articles) assert.ok(text.includes(article.title), `the root shows ${article.title}`);
      assert.ok(!text.includes(first.derived.articles[0].title), "and not an older issue's");
      assert.match(await page.title(), /2023\. 7\. 14/);
    }));

  test("an old issue's page paints its own text, readable with JavaScript off, and links its neighbours", () =>
    site.scenario({ javaScriptEnabled: false, allow: () => true }, async ({ page, url }) => {
      await page.goto(`${url}${middle.page}`);
      const text = await page.locator("#app").innerText();
      for (const article of middle.derived.articles) assert.ok(text.includes(article.title), `${middle.page} shows ${article.title}`);
      for (const other of [newest, first]) {
        assert.ok(!text.includes(other.derived.articles[0].title), `${middle.page} does not show ${other.date}'s text`);
      }
      assert.equal(await page.locator(`nav.issue-nav a.older[href="${first.page}#/"]`).count(), 1, "a link to the issue before");
      assert.equal(await page.locator(`nav.issue-nav a.newer[href="${newest.page}#/"]`).count(), 1, "a link to the issue after");
      const description = await page.locator('meta[name="description"]').getAttribute("content");
      assert.ok(description.startsWith(middle.derived.summary[0].slice(0, 20)), description);
    }));

  test("each page links the newest issue once, and names nothing a newer issue would change", () =>
    site.scenario({ javaScriptEnabled: false, allow: () => true }, async ({ page, url }) => {
      const named = () =>
        page.evaluate(() =>
          Object.fromEntries([...document.querySelectorAll('meta[name^="bulletin:"]')].map((meta) => [meta.name.slice(9), meta.content])),
        );
      const newestLinks = () => page.locator("nav.issue-nav a.newest").evaluateAll((links) => links.map((link) => [link.getAttribute("href"), link.textContent]));
      // Two issues back: the root's page, which always shows the newest, without a date.
      await page.goto(`${url}${first.page}`);
      assert.deepEqual(await newestLinks(), [["index.html#/", ko.newest_issue]]);
      assert.deepEqual(
        await named(),
        { page: "issue", issue: first.date, "issue-data": first.data, newer: middle.date, archive: "data/archive.txt" },
        "no newest issue, count, catalog or search files: a new issue leaves the page as it is",
      );
      // Just before the newest: its link to the newer issue is the link to the newest.
      await page.goto(`${url}${middle.page}`);
      assert.deepEqual(await newestLinks(), [], "no second link to the same issue");
      assert.equal((await named()).newest, newest.date);
      // The newest, on its own page and on the root: no link to itself.
      for (const path of [newest.page, ""]) {
        await page.goto(`${url}${path}`);
        assert.deepEqual(await newestLinks(), [], path || "the root");
      }
      // The list the app fetches for the archive's views and the search.
      const list = await (await fetch(`${url}data/archive.txt`)).text();
      const lines = list.trim().split("\n");
      assert.deepEqual(lines.slice(0, 2), ["bulletin-archive 1", `count ${issues.length}`]);
      assert.match(lines[2], /^catalog data\/catalog-[0-9a-f]{16}\.bin$/);
      assert.deepEqual(lines.slice(3).map((line) => line.replace(/-[0-9a-f]{16}\.bin$/, "")), ["search data/search-2023"]);
    }));

  test("with the app, an issue's page hydrates its own issue and every link there stays on it", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`${middle.page}#/table/nsfc-programs`);
      assert.equal(await caption(page, "nsfc-programs"), table(middle, "nsfc-programs").caption);
      assert.equal(pageFile(page), middle.page);
      await page.locator(`#contents a[href="#/article/${middle.derived.articles[1].id}"]`).click();
      await page.waitForFunction((id) => location.hash === `#/article/${id}`, middle.derived.articles[1].id);
      assert.equal(pageFile(page), middle.page);
    }));
});

describe("a dash printed for no figure", () => {
  test("shows as printed, and its row sorts last whichever way its column sorts", () =>
    site.scenario({}, async ({ page, open }) => {
      const programs = table(middle, "nsfc-programs");
      const dashed = programs.rows.find((row) => row.cells.includes("-"));
      assert.ok(dashed, "the fixture's table has a row printed with dashes");
      const projects = programs.columns.findIndex((column) => column.id === "projects");
      assert.equal(dashed.values[projects], null, "a dash has no value");
      await open(`${middle.page}#/table/nsfc-programs`);
      for (const direction of ["descending", "ascending"]) {
        await sortButton(page, "nsfc-programs", projects).click();
        await waitAriaSort(page, "nsfc-programs", projects, direction);
        const shown = await readTable(page, "nsfc-programs");
        assert.equal(shown.rows.at(-1).id, dashed.id, `${direction}: the row without figures is last`);
        assert.deepEqual(shown.rows.at(-1).cells.slice(projects), ["-", "—"], `${direction}: its dashes as printed`);
        assert.equal(shown.rows.length, programs.rows.length);
      }
    }));
});

describe("the archive's views on a wide screen and on a phone", () => {
  for (const hash of ["#/archive", "#/tables"]) {
    test(`${hash} on a wide screen takes the text column, not the contents' column beside it`, () =>
      site.scenario({ viewport: { width: 1280, height: 900 } }, async ({ page, open }) => {
        await open(hash);
        await page.waitForSelector(".catalog-view");
        const widths = await page.evaluate(() => ({
          main: document.querySelector("main").getBoundingClientRect().width,
          list: document.querySelector(".catalog-view").getBoundingClientRect().width,
          contents: document.querySelector(".contents") !== null,
        }));
        assert.equal(widths.contents, false, "the archive's views have no contents panel");
        // The text column is 46rem (736 px); the contents' column is 17rem (272 px).
        assert.equal(widths.main, 736, JSON.stringify(widths));
        assert.equal(widths.list, 736, JSON.stringify(widths));
      }));
  }

  test("#/tables on a phone is a card a table, each fact after its heading, nothing wider than the screen", () =>
    site.scenario({ viewport: { width: 360, height: 740 } }, async ({ page, open }) => {
      await open("#/tables");
      await page.waitForSelector(".tables-list tbody tr");
      const cards = await page.evaluate(() =>
        [...document.querySelectorAll(".tables-list tbody tr")].map((row) => ({
          display: getComputedStyle(row).display,
          labels: [...row.querySelectorAll("td")].map((cell) => getComputedStyle(cell, "::before").content),
        })),
      );
      const headings = [ko.issue_column, ko.article_column, ko.columns_column, ko.rows_column];
      assert.ok(headings.every((heading) => typeof heading === "string" && heading.length > 0), `${headings}`);
      assert.equal(cards.length, issues.reduce((sum, issue) => sum + issue.derived.tables.length, 0));
      for (const card of cards) {
        assert.equal(card.display, "block");
        assert.deepEqual(card.labels, headings.map((heading) => `"${heading}"`), "each cell shows its heading");
      }
      assert.deepEqual(await overflowing(page), [], "nothing sticks out of a 360 px screen");
    }));
});

describe("figures as print writes them", () => {
  test("shares with percent signs and changes with their sign sort as numbers, a dash last", () =>
    site.scenario({}, async ({ page, open }) => {
      const shares = table(newest, "invest-shares");
      const column = (id) => shares.columns.findIndex((column) => column.id === id);
      const [share, change] = [column("share"), column("change")];
      assert.deepEqual(shares.rows.map((row) => row.values[share]), [33.3, 33.3, 9.8, 23.5], "the facts read 9.8% as 9.8");
      await open(`${newest.page}#/table/invest-shares`);
      const fields = async (index) => (await readTable(page, "invest-shares")).rows.map((row) => row.cells[index]);
      const steps = [
        [share, "descending", ["33.3%", "33.3%", "23.5%", "9.8%"]],
        [share, "ascending", ["9.8%", "23.5%", "33.3%", "33.3%"]],
        [change, "descending", ["+2.1", "+0.5", "-0.4", "–"]],
        [change, "ascending", ["-0.4", "+0.5", "+2.1", "–"]],
      ];
      for (const [index, direction, expected] of steps) {
        await sortButton(page, "invest-shares", index).click();
        await waitAriaSort(page, "invest-shares", index, direction);
        assert.deepEqual(await fields(index), expected, `by ${shares.columns[index].id}, ${direction}`);
      }
      const shown = await readTable(page, "invest-shares");
      assert.deepEqual(shown.total.slice(0, 2), ["합계", "100.0%"], "the total as printed");
    }));
});

describe("addresses minted before the archive keep meaning 2023-06-30", () => {
  const firstNsfc = () => table(first, "nsfc-programs").caption;
  // boot.js sends the root's legacy address on to the issue's page before anything paints,
  // which cancels the root's own preloads (its WebAssembly, its issue's data) if under way.
  const allow = (problem) => /net::ERR_ABORTED/.test(problem.text);
  for (const hash of ["#/table/nsfc-programs?sort=funding:desc", "#/embed/table/nsfc-programs", "#/embed/chart/nsfc-programs"]) {
    test(`${hash} on the root shows 2023-06-30's table, though a newer issue has one of that id`, () =>
      site.scenario({ allow }, async ({ page, open }) => {
        await open(hash);
        assert.equal(pageFile(page), first.page, "the address now names the issue's page");
        if (hash.includes("/chart/")) {
          const label = await page.locator(".chart-view, .embed").first().innerText();
          assert.ok(label.includes(firstNsfc()), `the chart is 2023-06-30's: ${label.slice(0, 200)}`);
        } else {
          assert.equal(await caption(page, "nsfc-programs"), firstNsfc());
        }
      }));
  }

  test("#/article/nsfc-2022 and #/summary on the root are 2023-06-30's", () =>
    site.scenario({ allow }, async ({ page, open }) => {
      await open("#/article/nsfc-2022");
      assert.equal(pageFile(page), first.page);
      const title = first.derived.articles.find((article) => article.id === "nsfc-2022").title;
      assert.ok((await page.locator("#nsfc-2022").innerText()).includes(title));
      await open("#/summary");
      assert.equal(pageFile(page), first.page);
    }));

  test("#/ is the newest issue, and a link on the root names the issue the root shows, followed or opened anew", () =>
    site.scenario({}, async ({ page, context, url, open }) => {
      await open("#/");
      assert.equal(pageFile(page), "");
      // An undated hash on the root is a link of the first builds (2023-06-30's), so the root's
      // own links name the newest issue's page: the same in a new tab, or copied.
      const hrefs = await page.locator("#contents a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      const ofTheIssue = hrefs.filter((href) => !/^#\/(archive|tables|search)/.test(href));
      assert.ok(ofTheIssue.length > 3, `the contents link the issue's places: ${hrefs}`);
      assert.deepEqual(ofTheIssue.filter((href) => !href.startsWith(`${newest.page}#/`)), [], "every one names the newest issue's page");
      const id = newest.derived.articles[0].id;
      await page.locator(`#contents a[href="${newest.page}#/article/${id}"]`).click();
      await page.waitForFunction((file) => location.pathname.endsWith(file), newest.page);
      assert.ok(await page.locator(`#${id}`).isVisible());
      // Opened in a page of its own, as a middle click or a pasted link would.
      const tab = await context.newPage();
      await tab.goto(`${url}${newest.page}#/article/${id}`);
      await tab.waitForSelector(`#${id}.is-target`);
      assert.equal(new URL(tab.url()).pathname.split("/").pop(), newest.page);
      await tab.close();
    }));
});

describe("a hash naming an issue by date", () => {
  test("opens that issue at that view, and the address becomes the issue's page", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(`#/${middle.date}/table/nsfc-programs`);
      await page.waitForFunction((file) => location.pathname.endsWith(file), middle.page);
      assert.equal(await caption(page, "nsfc-programs"), table(middle, "nsfc-programs").caption);
      assert.equal(new URL(page.url()).hash, "#/table/nsfc-programs");
    }));

  test("an issue or an element that does not exist is the not-found view, with a link to the archive", () =>
    site.scenario({}, async ({ page, open }) => {
      for (const address of ["#/1999-01-01/", `${middle.page}#/table/nowhere`, "#/1999-01-01/table/nsfc-programs"]) {
        await open(address);
        await page.waitForSelector(".not-found");
        const link = page.locator(".not-found a", { hasText: ko.all_issues });
        assert.equal(await link.getAttribute("href"), "#/archive", address);
        const said = await page.locator(".not-found").innerText();
        if (address.includes("1999")) {
          // No issue of that date: said so, and the header names no such issue.
          assert.ok(said.includes("1999. 1. 1") && !said.includes(ko.not_found_body), `${address}: ${said}`);
          assert.ok(!(await page.locator(".issue-date").first().innerText()).includes("1999"), `${address}: the header's date`);
        } else {
          assert.ok(said.includes(ko.not_found_body) && said.includes("#/table/nowhere"), `${address}: ${said}`);
        }
      }
      await page.locator(".not-found a", { hasText: ko.all_issues }).click();
      await page.waitForSelector(".archive-issue");
    }));
});

describe("moving between issues", () => {
  test("the links to the issue before and after open it in place, and back comes back", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(middle.page);
      await page.evaluate(() => {
        window.__samePage = true;
      });
      await page.locator("nav.issue-nav a.older").click();
      await page.waitForFunction((file) => location.pathname.endsWith(file), first.page);
      await page.waitForSelector(`#${first.derived.articles[0].id}`);
      assert.equal(await page.evaluate(() => window.__samePage), true, "no page load");
      assert.match(await page.title(), /2023\. 6\. 30/);
      await page.goBack();
      await page.waitForFunction((file) => location.pathname.endsWith(file), middle.page);
      await page.waitForSelector(`#${middle.derived.articles[0].id}`);
    }));
});

describe("the archive's list", () => {
  test("lists every issue newest first under its year and month, and filters by title, category and date", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/archive");
      await page.waitForSelector(".archive-issue");
      const dates = await page.locator(".archive-issue .archive-date time").evaluateAll((times) => times.map((time) => time.dateTime));
      assert.deepEqual(dates, issues.map((issue) => issue.date));
      const months = await page.locator(".archive-month > h4").allTextContents();
      assert.deepEqual(months, ["7월", "6월"]);
      // Numbers start again in each part, so each issue's entries stand under their part's name.
      const parts = await page.locator(".archive-issue").evaluateAll((cards) =>
        cards.map((card) => [...card.querySelectorAll(".archive-part")].map((name) => name.textContent)),
      );
      assert.deepEqual(parts, issues.map((issue) => issue.derived.parts.map((part) => `${part.numeral} ${part.title}`)));
      const filter = page.locator("#archive--view-filter");
      const shownDates = () => page.locator(".archive-issue .archive-date time").evaluateAll((times) => times.map((time) => time.dateTime));
      for (const category of ["ICT", "기술전략"]) {
        const expected = issues.filter((issue) => issue.derived.articles.some((article) => article.category === category));
        await filter.fill(category);
        await page.waitForFunction((n) => document.querySelectorAll(".archive-issue").length === n, expected.length);
        assert.deepEqual(await shownDates(), expected.map((issue) => issue.date), category);
        const articles = expected.flatMap((issue) => issue.derived.articles.filter((article) => article.category === category));
        assert.equal(await page.locator(".archive-entries li").count(), articles.length, `only the ${category} articles are listed`);
        assert.equal(new URL(page.url()).hash, `#/archive?q=${encodeURIComponent(category)}`, "the filter has a link");
      }
      await filter.fill("2023-06");
      await page.waitForFunction(() => document.querySelectorAll(".archive-issue").length === 1);
      assert.deepEqual(await shownDates(), [first.date]);
      assert.equal(await page.locator(".archive-entries li").count(), first.derived.articles.length + first.derived.briefs.length);
    }));

  test("an article in the list opens in its issue, at the article", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/archive");
      const article = middle.derived.articles[1];
      await page.locator(`.archive-entries a[href="${middle.page}#/article/${article.id}"]`).click();
      await page.waitForFunction((file) => location.pathname.endsWith(file), middle.page);
      await page.waitForSelector(`#${article.id}`);
      assert.equal(new URL(page.url()).hash, `#/article/${article.id}`);
    }));
});

describe("search across every issue", () => {
  test("the index is fetched on the first search, not on load; results come by issue, newest first, with dates", () =>
    site.scenario({}, async ({ page, open }) => {
      const fetched = [];
      page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
      await open(middle.page);
      await page.waitForTimeout(300);
      assert.ok(!fetched.some((path) => /\/data\/search-/.test(path)), `no search index on load: ${fetched.join(" ")}`);
      await page.locator("#search-input").fill("쑤저우");
      await page.waitForFunction(() => !document.querySelector("#search-results .indexing") && document.querySelectorAll("#search-results .result-issue").length > 1);
      assert.ok(fetched.some((path) => /\/data\/search-2023-[0-9a-f]{16}\.bin$/.test(path)), "the index was fetched for the search");
      const dates = await page.locator("#search-results .result-issue-date time").evaluateAll((times) => times.map((time) => time.dateTime));
      assert.deepEqual(dates, issues.map((issue) => issue.date), "every issue with 쑤저우, newest first");
    }));

  test("choosing a result in another issue opens that issue at the passage, marked", () =>
    site.scenario({}, async ({ page, open }) => {
      await open(newest.page);
      await page.locator("#search-input").fill("쑤저우");
      const oldest = page.locator("#search-results .result-issue").last();
      await page.waitForFunction(() => document.querySelectorAll("#search-results .result-issue").length === 3);
      const result = oldest.locator("a.result").first();
      const href = await result.getAttribute("href");
      assert.ok(href.startsWith(`${first.page}#/`), href);
      await result.click();
      await page.waitForFunction((file) => location.pathname.endsWith(file), first.page);
      await page.waitForSelector(".is-target");
      const marked = await page.locator(".is-target").innerText();
      assert.ok(marked.includes("쑤저우"), `the marked passage holds the word: ${marked.slice(0, 100)}`);
      assert.equal(await page.locator("#search-results").count(), 0, "the panel closed");
    }));
});

describe("every table of every issue", () => {
  test("the tables view lists them with their issue, columns and rows, filters, and opens each in its issue", () =>
    site.scenario({}, async ({ page, open }) => {
      await open("#/tables");
      await page.waitForSelector(".tables-list tbody tr");
      const all = issues.flatMap((issue) => issue.derived.tables.map((table) => ({ issue, table })));
      assert.equal(await page.locator(".tables-list tbody tr").count(), all.length);
      const firstRow = await page.locator(".tables-list tbody tr").first().innerText();
      const { issue, table: shown } = all[0];
      assert.ok(firstRow.includes(shown.caption), firstRow);
      assert.ok(firstRow.includes(String(shown.rows.length)), firstRow);
      assert.ok(firstRow.includes(shown.columns[1].heading), firstRow);
      assert.ok(firstRow.includes(issue.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1. $2. $3")), firstRow);
      await page.locator("#tables--view-filter").fill("NSFC");
      await page.waitForFunction(() => document.querySelectorAll(".tables-list tbody tr").length === 3);
      await page.locator(`.tables-list a[href="${middle.page}#/table/nsfc-programs"]`).click();
      await page.waitForFunction((file) => location.pathname.endsWith(file), middle.page);
      assert.equal(await caption(page, "nsfc-programs"), table(middle, "nsfc-programs").caption);
    }));
});

describe("the feed", () => {
  test("feed.xml lists every issue newest first, and each entry's link opens that issue's page", () =>
    site.scenario({}, async ({ page, open, url }) => {
      await open("");
      const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
      const entries = await page.evaluate(async (href) => {
        const text = await (await fetch(href)).text();
        const xml = new DOMParser().parseFromString(text, "application/xml");
        if (xml.querySelector("parsererror")) throw new Error("feed.xml is not well-formed XML");
        return [...xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")].map((entry) => ({
          title: entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title")[0].textContent,
          link: entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")[0].getAttribute("href"),
          points: entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary")[0].textContent.split("\n").length,
        }));
      }, href);
      assert.deepEqual(entries.map((entry) => entry.link), issues.map((issue) => issue.page));
      assert.deepEqual(entries.map((entry) => entry.points), issues.map((issue) => issue.derived.summary.length));
      await open(entries[1].link);
      assert.equal(pageFile(page), middle.page);
      assert.equal(entries[1].title, middle.derived.title);
      assert.ok(url);
    }));
});

describe("a partly deployed or damaged site", () => {
  /** A copy of the archive's build, changed by `damage`, served for the scenario. */
  function damagedSite(damage) {
    const dir = mkdtempSync(join(tmpdir(), "bulletin-damaged-"));
    cpSync(ARCHIVE_DIST, dir, { recursive: true });
    damage(dir);
    return { dir, site: useSite({ dir, csp: true }) };
  }
  const missing = damagedSite((dir) => unlinkSync(join(dir, middle.data)));
  const foreign = damagedSite((dir) => writeFileSync(join(dir, middle.data), readFileSync(join(dir, newest.data))));
  const noSearch = damagedSite((dir) => {
    for (const file of readdirSync(join(dir, "data")).filter((name) => name.startsWith("search-"))) unlinkSync(join(dir, "data", file));
  });
  const cut = damagedSite((dir) => {
    const bytes = readFileSync(join(dir, first.data));
    writeFileSync(join(dir, first.data), bytes.subarray(0, bytes.length >> 1));
  });

  test("an issue whose data file is missing says so with a retry, and the other issues keep working", () =>
    missing.site.scenario({ allow: (problem) => problem.text.includes(middle.data) }, async ({ page, open }) => {
      await open(newest.page);
      await page.locator("nav.issue-nav a.older").click();
      const failed = page.locator("main .notice.failed");
      await failed.waitFor();
      const text = await failed.innerText();
      assert.ok(text.includes(middle.data) && text.includes("404"), text);
      assert.equal(await failed.locator("button", { hasText: ko.retry }).count(), 1);
      await open("#/archive");
      await page.locator(`.archive-issue a.archive-date[href="${first.page}#/"]`).click();
      await page.waitForSelector(`#${first.derived.articles[0].id}`);
    }));

  test("a file from another build under an issue's name is reported as damaged, not read", () =>
    foreign.site.scenario({}, async ({ page, open }) => {
      await open(newest.page);
      await page.locator("nav.issue-nav a.older").click();
      const failed = page.locator("main .notice.failed");
      await failed.waitFor();
      assert.match(await failed.innerText(), /damaged|cut short or replaced/);
    }));

  test("without the search bundle, search says so, searches the issues loaded, and offers to retry", () =>
    noSearch.site.scenario({ allow: (problem) => /search-\d{4}-[0-9a-f]{16}\.bin/.test(problem.text) }, async ({ page, open }) => {
      await open(first.page);
      await page.locator("#search-input").fill("쑤저우");
      const failed = page.locator("#search-results .notice.failed");
      await failed.waitFor();
      assert.match(await failed.innerText(), /404/);
      assert.equal(await failed.locator("button", { hasText: ko.retry }).count(), 1);
      const dates = await page.locator("#search-results .result-issue-date time").evaluateAll((times) => times.map((time) => time.dateTime));
      assert.deepEqual(dates, [first.date], "the issue the page holds is still searched");
    }));

  test("a page whose own data file is cut short stays readable, says what failed, and offers to retry", () =>
    cut.site.scenario({ allow: (problem) => problem.text.includes(first.data) }, async ({ page, url }) => {
      await page.goto(`${url}${first.page}`);
      const alert = page.locator('.notice.failed[role="alert"]');
      await alert.waitFor();
      assert.ok((await alert.innerText()).includes(first.data));
      assert.equal(await alert.locator("button.retry").count(), 1);
      assert.ok(await page.locator(`#${first.derived.articles[0].id}`).isVisible(), "the pre-rendered text is still there");
    }));

  after(() => {
    for (const { dir } of [missing, foreign, noSearch, cut]) rmSync(dir, { recursive: true, force: true });
  });
});
