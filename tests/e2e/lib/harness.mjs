//! The end-to-end harness: a real static server, Debian's Chromium, a fresh browser context
//! per scenario, and the checks every scenario ends with.
//!
//! Use it from a `*.test.mjs` file in tests/e2e/ (`npm test` runs `node --test`, which
//! picks those up; run one file with `node --test tests/e2e/<file>.test.mjs`):
//!
//!     import { test } from "node:test";
//!     import assert from "node:assert/strict";
//!     import { useSite } from "./lib/harness.mjs";
//!
//!     const site = useSite({ csp: true });          // before/after hooks: server + browser
//!     test("the issue opens", () =>
//!       site.scenario({}, async ({ page, open }) => {
//!         await open("#/summary");                   // goes to the hash, waits until ready
//!         assert.equal(await page.locator("h1.series").count(), 1);
//!       }));                                         // then: no console error, no failed request
//!
//! `useSite(options)` registers `before`/`after` hooks on the current file (or `describe`):
//!   - `dir`: the folder served (default: env DIST, else the first issue's build,
//!     <repo>/target/e2e/issue, which `cargo xtask test` makes);
//!   - `csp`: send the Content-Security-Policy to deploy with (`serve --csp`, README.md); default false;
//!   - `frameAncestors`: that policy's `frame-ancestors` sources (`serve --frame-ancestors`);
//!     default the server's, `'self'`;
//!   - `base`: the sub-path to serve under (`serve --base /sub/`); default "/".
//! It returns `{ url, scenario(options, body) }`; `url` is the page address (ends in "/").
//!
//! `site.scenario(options, body)` opens a fresh context (its own storage, no cache) and page,
//! records problems, runs `body({ page, context, open, problems, url })`, then asserts that
//! nothing went wrong: no console error or warning, no uncaught exception, no failed request, no
//! response >= 400, no `securitypolicyviolation`. On failure a screenshot is saved in
//! tests/e2e/artifacts/. Options: `viewport` ({width, height}, default 1280x900),
//! `deviceScaleFactor` (1), `colorScheme` ("light"), `reducedMotion` ("reduce": scrolling ends
//! at once), `storage` (localStorage entries set before the app first starts, once a context),
//! `allow` (a function `(problem) => bool` to excuse an expected problem; a problem is
//! `{ kind, text }`), `javaScriptEnabled`, `hasTouch` (a touch screen: `(pointer: coarse)`
//! matches; default false). A dialog (alert, confirm) is a problem too.
//! `open(hash)` loads `url + hash` and waits for `waitReady`. Default timeouts are 10 s.
//!
//! A server from `startServer` is killed by `close()`, or when node exits.
//!
//! Lower-level pieces, for files that need them: `startServer`, `launchBrowser`,
//! `watchProblems`, `waitReady`, `runAxe`, `formatViolations`, and the paths `REPO`, `DIST`,
//! `HOSTILE_DIST`. What a build holds (the issue, the interface strings) is read from its
//! facts file with lib/facts.mjs.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root. */
export const REPO = resolve(here, "../../..");
/** The main release build (set by `cargo xtask test`). */
export const DIST = process.env.DIST ? resolve(process.env.DIST) : join(REPO, "target/e2e/issue");
/** The archive of the first issue and the fixture issues (made by `cargo xtask test`). */
export const ARCHIVE_DIST = process.env.ARCHIVE_DIST
  ? resolve(process.env.ARCHIVE_DIST)
  : join(REPO, "target/e2e/archive");
/** The hostile build (env HOSTILE_DIST, set by `cargo xtask test`). */
export const HOSTILE_DIST = process.env.HOSTILE_DIST
  ? resolve(process.env.HOSTILE_DIST)
  : join(REPO, "target/e2e/hostile");
/** Where failure screenshots go (git-ignored). */
export const ARTIFACTS = join(REPO, "tests/e2e/artifacts");

/** Debian's Chromium: the test tools' own browser downloads do not work here. */
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** How long to wait for the app to start, in ms (a cold WebAssembly compile on 2 cores). */
export const READY_TIMEOUT = 20_000;

/**
 * Starts `xtask serve --no-build --port 0` on `dir` and resolves with `{ url, close }` once it
 * prints `serving <dir> at <url>`. The xtask binary is env XTASK (set by `cargo xtask test`),
 * else target/debug/xtask, else `cargo run -p xtask`.
 */
export async function startServer({ dir = DIST, csp = false, base = "/", frameAncestors = null } = {}) {
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`${dir} holds no index.html: build it first (cargo xtask dist)`);
  }
  const args = ["serve", "--no-build", "--port", "0", "--dir", dir];
  if (csp) args.push("--csp");
  if (frameAncestors) args.push("--frame-ancestors", frameAncestors);
  if (base !== "/") args.push("--base", base);
  let command;
  let commandArgs;
  const built = join(REPO, "target/debug/xtask");
  if (process.env.XTASK) {
    [command, commandArgs] = [process.env.XTASK, args];
  } else if (existsSync(built)) {
    [command, commandArgs] = [built, args];
  } else {
    [command, commandArgs] = ["cargo", ["run", "--quiet", "--package", "xtask", "--", ...args]];
  }
  // Its own process group, so that closing also ends a `cargo run` wrapper's child.
  const child = spawn(command, commandArgs, { cwd: REPO, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise((resolvePromise, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`xtask serve printed no address in 60 s: ${stderr}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /^serving .* at (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`xtask serve exited with ${code} before serving: ${stderr}`));
    });
  });
  // A server nobody closed must neither keep node running nor outlive it (the exit hook).
  child.unref();
  child.stdout.unref();
  child.stderr.unref();
  return { url, close: closer(child) };
}

/**
 * A function that ends `child`, spawned `detached` in a process group of its own, with
 * everything in that group (a `cargo run` wrapper's child too), unless it has ended; node's
 * exit calls it as well, so that no server outlives the tests.
 */
export function closer(child) {
  const close = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
  };
  process.once("exit", close);
  return close;
}

/** Launches Debian's Chromium headless, with a fresh profile (Playwright makes a temporary one). */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
}

/** Recorded in every page before its own scripts run: CSP violations, and the trap list. */
const INIT_SCRIPT = () => {
  document.addEventListener(
    "securitypolicyviolation",
    (event) => {
      const report = `${event.violatedDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`;
      try {
        window.__e2eReport?.("csp", report);
      } catch {
        // The binding is gone while the page unloads.
      }
    },
    true,
  );
};

/**
 * Collects what went wrong in `page` (and the pages it navigates to): console errors and warnings,
 * uncaught exceptions, failed requests, responses >= 400 and CSP violations. The context
 * must have the `__e2eReport` binding (`scenario` adds it). Returns the live list.
 */
export function watchProblems(page) {
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      const where = message.location()?.url;
      problems.push({ kind: `console ${message.type()}`, text: where ? `${message.text()} (${where})` : message.text() });
    }
  });
  page.on("pageerror", (error) => problems.push({ kind: "uncaught exception", text: String(error?.stack || error) }));
  page.on("requestfailed", (request) => {
    // The browser asks for the page's icon itself once the page has loaded, and cancels that
    // request when the page is left meanwhile (a link followed at once): nothing the reader
    // could see, and no request of the page's own. Since the page preloads nothing (start.js),
    // its load comes before the app starts, so a test that follows a link as soon as the app
    // is ready can leave it while the icon is on its way.
    if (request.failure()?.errorText === "net::ERR_ABORTED" && /\/icons\/favicon\.svg$/.test(request.url())) {
      return;
    }
    problems.push({ kind: "failed request", text: `${request.url()}: ${request.failure()?.errorText}` });
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push({ kind: "bad response", text: `${response.status()} ${response.url()}` });
    }
  });
  page.on("dialog", (dialog) => {
    problems.push({ kind: "dialog", text: `${dialog.type()}: ${dialog.message()}` });
    dialog.dismiss().catch(() => {});
  });
  return problems;
}

/**
 * Waits until the app is interactive: the app sets `html[data-ready="true"]` in an effect after
 * its first render, so a pre-rendered page (whose DOM is there before the WebAssembly runs)
 * is not mistaken for a working one.
 */
export async function waitReady(page, timeout = READY_TIMEOUT) {
  await page.waitForSelector('html[data-ready="true"]', { state: "attached", timeout });
}

/** Every context gets the report binding (CSP violations reach node even across reloads). */
async function prepareContext(context, problems) {
  await context.exposeBinding("__e2eReport", (_source, kind, text) => {
    problems.push({ kind: kind === "csp" ? "CSP violation" : kind, text });
  });
  await context.addInitScript(INIT_SCRIPT);
}

/**
 * Registers before/after hooks that start a server on `dir` and a browser, and returns
 * `{ url, scenario }`; see the top of this file.
 */
export function useSite({ dir = DIST, csp = false, base = "/", frameAncestors = null } = {}) {
  const site = {
    url: null,
    browser: null,
    server: null,
    scenario: (options, body) => runScenario(site, options, body),
  };
  before(async () => {
    site.server = await startServer({ dir, csp, base, frameAncestors });
    site.url = site.server.url;
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

let failures = 0;

async function runScenario(site, options = {}, body) {
  const {
    viewport = { width: 1280, height: 900 },
    deviceScaleFactor = 1,
    colorScheme = "light",
    storage = null,
    allow = () => false,
    javaScriptEnabled = true,
    reducedMotion = "reduce",
    hasTouch = false,
    // Whether the start-up without Yew (crates/start) keeps serving an issue's page opened at its
    // top until the reader needs the viewer, as it does for a reader. By default the start script
    // hands over to the viewer as soon as the start-up is ready (`bulletinEager`), so that the
    // scenarios written against the viewer run on it, by way of the hand-over.
    startUp = false,
  } = options;
  const context = await site.browser.newContext({
    viewport,
    deviceScaleFactor,
    colorScheme,
    reducedMotion,
    acceptDownloads: true,
    javaScriptEnabled,
    hasTouch,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
  });
  const problems = [];
  await prepareContext(context, problems);
  if (!startUp) {
    await context.addInitScript(() => {
      window.bulletinEager = true;
    });
  }
  if (storage) {
    // Set before the first script of the first page of the site runs, once only, so a
    // scenario's own reload sees what the app wrote.
    await context.addInitScript((entries) => {
      if (sessionStorage.getItem("__e2e-seeded")) return;
      sessionStorage.setItem("__e2e-seeded", "1");
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, storage);
  }
  // Waits fail within seconds here, not after Playwright's default 30 s.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const pageProblems = watchProblems(page);
  const open = async (hash = "", { ready = true } = {}) => {
    await page.goto(site.url + hash, { waitUntil: "load" });
    if (ready) await waitReady(page);
  };
  try {
    await body({ page, context, open, problems: pageProblems, url: site.url });
    // Let late errors (a panic after the last click, a failed image) arrive.
    await page.waitForTimeout(50);
    const all = [...pageProblems, ...problems].filter((problem) => !allow(problem));
    if (all.length > 0) {
      throw new Error(`the page had problems:\n${all.map((p) => `  ${p.kind}: ${p.text}`).join("\n")}`);
    }
  } catch (error) {
    failures += 1;
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `failure-${process.pid}-${failures}.png`);
      await page.screenshot({ path, fullPage: false });
      error.message += `\n(screenshot: ${path})`;
    } catch {
      // The page may be gone; the error says enough.
    }
    throw error;
  } finally {
    await context.close();
  }
}

/** axe-core's source, injected with `evaluate`, which a page's CSP does not block. */
let axeSource = null;

/**
 * Runs axe-core on the page (WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices) and
 * returns its violations. `exclude` is a list of selectors to leave out.
 */
export async function runAxe(page, { exclude = [] } = {}) {
  axeSource ??= readFileSync(join(REPO, "tests/e2e/node_modules/axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => typeof window.axe === "object");
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (excluded) => {
    const context = excluded.length ? { exclude: excluded.map((selector) => [selector]) } : document;
    const result = await window.axe.run(context, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary })),
    }));
  }, exclude);
}

/** axe's violations as readable lines. */
export function formatViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 8)
        .map((node) => `    - ${node.target}\n      ${String(node.summary).replace(/\n/g, "\n      ")}`)
        .join("\n");
      const more = violation.nodes.length > 8 ? `\n    … and ${violation.nodes.length - 8} more` : "";
      return `  [${violation.impact}] ${violation.id}: ${violation.help}\n${nodes}${more}`;
    })
    .join("\n");
}
