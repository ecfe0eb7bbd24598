//! The live preview end to end: `cargo xtask serve --watch` on a copy of a small archive (the
//! fixture issues of tests/fixtures/archive/ and bulletins/2023-06-30.md) in a temporary
//! folder, under the policy to deploy with, and an editor's page open on it in Chromium.
//! A save shows in the page within 2 seconds, where the reader was, with the WebAssembly left
//! as it was built; a source error shows in an overlay with its file, line, column and line,
//! and in the terminal, and goes when the file is fixed.
//!
//! Run it on its own with `node --test tests/e2e/watch.test.mjs` (env XTASK names the xtask
//! binary; `cargo xtask test` sets it). Its first build is a whole one, trunk included.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, closer, launchBrowser, waitReady, watchProblems } from "./lib/harness.mjs";

const XTASK = process.env.XTASK || join(REPO, "target/debug/xtask");

/** The issue's promise: a saved source shows in the open page within this many ms. */
const FOLLOW_MS = 2_000;

/** The first build runs trunk, on a machine shared with other builds. */
const FIRST_BUILD_MS = 15 * 60_000;

/** The issue the page shows: the one long enough to scroll. */
const ISSUE = "2023-06-30";

/** Where the page is scrolled to before each save. */
const SCROLLED_TO = 2400;

/**
 * Starts `xtask serve --watch` on `sources`, building into `out`, and resolves with
 * `{ url, close, output }` once it serves; `output()` is everything it printed so far.
 */
async function startPreview(sources, out) {
  const args = ["serve", "--watch", "--csp", "--port", "0", "--bulletins", sources, "--dir", out];
  // Its own process group, so that closing also ends trunk or cargo if a build is running.
  const child = spawn(XTASK, args, { cwd: REPO, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  child.stdout.on("data", (chunk) => (printed += chunk));
  child.stderr.on("data", (chunk) => (printed += chunk));
  const close = closer(child);
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      close();
      reject(new Error(`xtask serve --watch printed no address in ${FIRST_BUILD_MS / 1000} s:\n${printed}`));
    }, FIRST_BUILD_MS);
    const look = () => {
      const match = /^serving .* at (http:\/\/\S+)$/m.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on("data", look);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`xtask serve --watch exited with ${code} before serving:\n${printed}`));
    });
  });
  return { url, close, output: () => printed };
}

/** Polls `check` in the page, across reloads, until it gives a truthy value or `ms` pass. */
async function until(page, check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    let value = null;
    try {
      value = await page.evaluate(check);
    } catch {
      // The page is between two documents.
    }
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The WebAssembly of the build in `out`: its name and when it was written. */
function wasmOf(out) {
  const name = readdirSync(out).find((file) => file.endsWith("_bg.wasm"));
  assert.ok(name, `${out} holds no WebAssembly`);
  return { name, written: statSync(join(out, name)).mtimeMs };
}

test("a save shows in the open page where it was, an error in an overlay until it is fixed", { timeout: FIRST_BUILD_MS + 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "bulletin-watch-"));
  const sources = join(dir, "bulletins");
  const out = join(dir, "preview");
  let server = null;
  let browser = null;
  try {
    const fixtures = join(REPO, "tests/fixtures/archive");
    mkdirSync(sources);
    for (const name of readdirSync(fixtures).filter((file) => file.endsWith(".md") && file !== "README.md")) {
      copyFileSync(join(fixtures, name), join(sources, name));
    }
    const source = join(sources, `${ISSUE}.md`);
    copyFileSync(join(REPO, "bulletins", `${ISSUE}.md`), source);
    const original = readFileSync(source, "utf8");

    server = await startPreview(sources, out);
    const wasm = wasmOf(out);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ko-KR", reducedMotion: "reduce" });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}${ISSUE}.html`, { waitUntil: "load" });
    await waitReady(page);
    await page.evaluate((y) => window.scrollTo(0, y), SCROLLED_TO);
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.equal(scrolled, SCROLLED_TO, "the issue is long enough to scroll");

    // A save: a heading changed.
    const heading = "### 1) 도시 간 충전망";
    assert.ok(original.includes(`${heading}\n`), `${ISSUE}.md has the heading ${heading}`);
    const edited = original.replace(`${heading}\n`, `${heading} (고침)\n`);
    const saved = Date.now();
    writeFileSync(source, edited);
    await until(page, () => document.body.textContent.includes("도시 간 충전망 (고침)"), FOLLOW_MS, "the edited heading in the page");
    const shownAfter = Date.now() - saved;
    const rebuilt = /^watch: rebuilt in (\d+) ms/m.exec(server.output());
    console.log(`watch: the save showed in the open page ${shownAfter} ms after it (the rebuild: ${rebuilt?.[1]} ms)`);
    await waitReady(page);
    assert.equal(await page.evaluate(() => window.scrollY), SCROLLED_TO, "the page is where it was after the reload");
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.scrollY), SCROLLED_TO, "the page stays where it was once the app runs");
    assert.deepEqual(wasmOf(out), wasm, "the WebAssembly was not built again");
    assert.match(server.output(), /^watch: rebuilt in \d+ ms: 3 issues, newest 2023-07-14$/m);

    // A break: single-asterisk emphasis, which the format refuses, at a known line and column.
    const lines = edited.split("\n");
    const index = lines.findIndex((line) => line.startsWith("- 중국 신에너지 자동차의 판매량은"));
    assert.ok(index >= 0, "the line to break is there");
    const prefix = "- 중국 ";
    const broken = lines.slice();
    broken[index] = `${prefix}*신에너지*${lines[index].slice(prefix.length + "신에너지".length)}`;
    const [line, column] = [index + 1, Array.from(prefix).length + 1];
    const brokenAt = Date.now();
    writeFileSync(source, broken.join("\n"));
    const overlay = page.locator("#watch-overlay");
    await overlay.waitFor({ state: "visible", timeout: FOLLOW_MS });
    console.log(`watch: the error showed in the open page ${Date.now() - brokenAt} ms after the save`);
    const error = overlay.locator(".watch-error");
    assert.equal(await error.count(), 1);
    assert.equal(await error.getAttribute("data-file"), source);
    assert.equal(await error.getAttribute("data-line"), String(line));
    assert.equal(await error.getAttribute("data-column"), String(column));
    const text = await error.innerText();
    assert.ok(text.includes(`${source}:${line}:${column}`), text);
    assert.match(text, /single-asterisk emphasis/);
    assert.equal(await error.locator(".watch-line").innerText(), `${line} | ${broken[index]}`);
    assert.equal(await error.locator(".watch-line mark").innerText(), "*", "the column's character is marked");
    assert.ok(await page.evaluate(() => document.body.textContent.includes("도시 간 충전망 (고침)")), "the last good build stays");
    const terminal = server.output();
    assert.ok(terminal.includes(`error: ${source}:${line}:${column}: single-asterisk emphasis`), terminal);
    // `- 중국 `: five characters, seven terminal columns (Korean takes two).
    const caret = `${" ".repeat(String(line).length)} | ${" ".repeat(7)}^`;
    assert.ok(terminal.includes(`${line} | ${broken[index]}\n${caret}\n`), `the terminal shows the line and a caret:\n${terminal}`);

    // The fix: the overlay goes and the page follows, still where it was.
    const fixedAt = Date.now();
    writeFileSync(source, edited.replace(`${heading} (고침)\n`, `${heading} (고침 2)\n`));
    await until(
      page,
      () => !document.querySelector("#watch-overlay") && document.body.textContent.includes("도시 간 충전망 (고침 2)"),
      FOLLOW_MS,
      "the overlay gone and the fixed page shown",
    );
    console.log(`watch: the fix showed in the open page ${Date.now() - fixedAt} ms after the save`);
    await waitReady(page);
    assert.equal(await page.evaluate(() => window.scrollY), SCROLLED_TO, "the page is where it was after the fix");
    assert.deepEqual(wasmOf(out), wasm, "the WebAssembly was not built again");
    await page.waitForTimeout(50);
    assert.deepEqual(problems, [], "no console error, failed request or bad response");
  } catch (error) {
    error.message += `\n--- xtask serve --watch printed (the end):\n${server?.output().slice(-3000)}`;
    throw error;
  } finally {
    await browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
