//! The importer end to end, on the reader's own print: the release build printed to PDF by
//! Chromium (`page.pdf()`, the print stylesheet), the PDF's text taken out by poppler's
//! `pdftotext -layout`, that text imported by `cargo xtask import`, and the draft compared
//! with the checked source the build embeds (`--compare`, its figures as JSON).
//!
//! Run it on its own with `node --test tests/e2e/import.test.mjs` after `cargo xtask dist`
//! (env XTASK names the xtask binary, PDFTOTEXT pdftotext; `cargo xtask test` sets both).
//!
//! The thresholds: print keeps every caption, source, reference, lead and brief item whole on
//! its lines, so each of those must come back identical. Print has no bold, so a prose block
//! with bold text cannot come back identical; compared without bold, prose blocks must, but
//! for where a line the text ended on was also full (whether it ended or was wrapped is then
//! a guess, and the review list is where an editor checks it). List cells lose their `•`
//! in print, and a cell that ran into its neighbour is split by a guess, so a few table cells
//! may differ. Measured on 2026-12-01: prose 89.5% identical (99.1% without bold), table
//! cells 98.4%, everything else 100%.
//!
//! A chart prints as its SVG until its canvas is drawn (and always with scripting off), as
//! an image after: which one a print holds depends on when the reader printed. The SVG's
//! labels, values and axes come out of pdftotext as lines of text, which the importer lists
//! as the reader's furniture; the test prints both ways and both must read the same.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useSite, REPO } from "./lib/harness.mjs";
import { bringChartsNear, controlIdle } from "./lib/views.mjs";
import { readFacts } from "./lib/facts.mjs";

const facts = readFacts();
const site = useSite({ csp: true });

const XTASK = process.env.XTASK || join(REPO, "target/debug/xtask");
const PDFTOTEXT = process.env.PDFTOTEXT || "/usr/bin/pdftotext";

/** The least share (in percent) of the checked source's blocks the draft must have identically. */
const AT_LEAST = {
  prose: 80,
  prose_plain: 95,
  leads: 100,
  sources: 100,
  references: 100,
  briefs: 100,
  captions: 100,
  articles: 100,
  cells: 90,
};

/**
 * Prints the page to PDF, reads it back with pdftotext and imports it, compared with the
 * checked source; asserts the thresholds. `state` names the print in messages.
 */
async function importPrint(page, state) {
  const dir = mkdtempSync(join(tmpdir(), "bulletin-import-"));
  try {
    const pdf = join(dir, "issue.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    const text = join(dir, "issue.txt");
    execFileSync(PDFTOTEXT, ["-layout", "-enc", "UTF-8", pdf, text]);
    const checked = join(REPO, "bulletins", `${facts.derived.date}.md`);
    const draft = join(dir, "draft.md");
    const figuresPath = join(dir, "figures.json");
    const output = execFileSync(
      XTASK,
      ["import", text, "--out", draft, "--compare", checked, "--figures", figuresPath],
      { encoding: "utf8" },
    );
    const figures = JSON.parse(readFileSync(figuresPath, "utf8"));
    const shown = Object.entries(figures)
      .map(([key, figure]) => `${key} ${figure.identical}/${figure.expected} (${figure.percent}%)`)
      .join(", ");
    console.log(`import of the reader's print, ${state}: ${shown}`);
    for (const [key, least] of Object.entries(AT_LEAST)) {
      const figure = figures[key];
      assert.ok(figure, `no figure ${key}`);
      assert.ok(figure.expected > 0, `${key}: the checked source has some`);
      assert.ok(
        figure.identical * 100 >= figure.expected * least,
        `${state}: ${key}: ${figure.identical} of ${figure.expected} identical, at least ${least}% expected\n${output}`,
      );
    }
    assert.equal(figures.cells.found, figures.cells.expected, `${state}: every cell is in the draft\n${output}`);
    assert.match(output, /check: the draft passes check-bulletin/, output);
    assert.match(output, /read as pdftotext -layout text/, output);
    // The date comes from the print's header and colophon.
    assert.ok(readFileSync(draft, "utf8").includes(`date: ${facts.derived.date}\n`));
    // The reader's own print furniture is listed, not placed.
    const review = readFileSync(`${draft}.review.txt`, "utf8");
    assert.match(review, /figure's missing image/);
    return { figures, review };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the reader's print, read back by pdftotext and the importer, comes back as its source, its charts printed as SVG or as canvases", () =>
  site.scenario({}, async ({ page, open }) => {
    assert.ok(existsSync(PDFTOTEXT), `${PDFTOTEXT} is missing: cargo xtask test installs poppler-utils`);
    // The charts' canvases wait for the browser to be idle: held here, they show their SVG,
    // whose labels, values and axes print as text.
    await controlIdle(page);
    await open("");
    const charts = await page.locator("figure.chart").count();
    assert.ok(charts > 0, "the issue has charts");
    assert.equal(await page.locator("figure.chart canvas.undrawn").count(), charts, "every chart shows its SVG");
    const svg = await importPrint(page, "charts as SVG");
    assert.match(svg.review, /charts printed as SVG/);
    // Then drawn (once each chart has come near the view): the canvases print as images, with
    // no text.
    await bringChartsNear(page);
    await page.waitForFunction(
      () => {
        window.runIdle();
        return !document.querySelector("figure.chart canvas.undrawn");
      },
      null,
      { polling: 50, timeout: 5000 },
    );
    const canvas = await importPrint(page, "charts as canvases");
    assert.doesNotMatch(canvas.review, /charts printed as SVG/);
    // What was read is the same either way.
    assert.deepEqual(svg.figures, canvas.figures);
  }));
