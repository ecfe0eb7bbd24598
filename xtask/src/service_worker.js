// The reader's service worker: keeps the app, the newest issue and the archive's lists for
// reading offline, keeps every issue the reader opened, saves the whole archive on request,
// and never stands between a reader who is online and what the server has now.
//
// This is the template of `sw.js`: `cargo xtask dist` (xtask/src/service_worker.rs) replaces
// the BUILD and SHELL lines.
// - BUILD.version: a hash of everything else the worker holds, so any change to the build
//   changes sw.js byte for byte, which is how the browser finds an update.
// - BUILD.app: a hash of the app's files alone (scripts, WebAssembly, stylesheet, icons, the
//   offline page, this worker), which every page names (`bulletin-viewer:build`): a new issue
//   changes the version but not the app, nor the pages of the issues before it.
// - BUILD.shell: this build's files kept in its own cache, `bulletin-viewer <scope> <version>`:
//   index.html, the newest issue's page, scripts, WebAssembly, stylesheet, icons, manifest,
//   the catalog.
// - BUILD.issues: every issue of the archive, newest first, as [date, data file, bytes].
// - BUILD.search: the search bundles, one a year, newest first, as [file, bytes].
// - BUILD.urgent: whether this build takes over as soon as it is installed (`dist --urgent`).
// - SHELL: the page any other issue is shown in offline, with {{issue}}, {{issue-data}},
//   {{older}}, {{newer}} and {{newest}} where its own values go; the app fills it from the
//   data file.
//
// Caches, all named `bulletin-viewer <scope> …` so that another deployment on the same origin
// (another scope) is left alone:
// - this build's own, filled at install, all or nothing: a failed install deletes it;
// - `bulletin-viewer <scope> data`, shared by builds: the issues' data files and the search
//   bundles, which are named by their content and so never change: the search bundles and the
//   newest issue's at install (a new issue changes only its year's bundle, so a deployment
//   fetches that one again, not the whole archive's text), every other issue as the reader
//   opens it or saves the whole archive. They stay across deployments; on activate, those
//   this build no longer names go.
//
// Requests:
// - a page load (the scope, index.html, an issue's page): the network first, so a reader
//   online always gets what the server has now (a hand-edited index.html, a withdrawn worker,
//   a new deployment); only when the network fails or has not answered within
//   NAVIGATION_TIMEOUT_MS, this build's copy: index.html and the newest issue's page as
//   pre-rendered (kept up to date with the server's copy while it still loads this build's
//   files), any other issue's page made from SHELL;
// - this build's files, the issues' data files and the search bundles: the caches first, else
//   the network;
// - anything else goes to the network untouched.
//
// Updates: a new version installs in the background and waits while pages of the old one are
// open, so that a page and the files it loads belong to one build. Each page says which build
// it is (MESSAGE.hello): a page already of the waiting version's app (it came from the network,
// or only the issues changed) lets it take over at once; a page of another app shows "new version available" (src/sw.rs), whose
// button posts MESSAGE.skipWaiting. An urgent build takes over at install and reloads every
// open page. On activate: delete this scope's caches of other versions, prune the data cache,
// take over open pages, keep the data of the issues they show.
//
// Relative addresses resolve against this script, which sits next to index.html, so the
// same file works at a domain's root and under any sub-path.
"use strict";

const BUILD = { version: "development", app: "development", urgent: false, shell: ["index.html"], issues: [], search: [] };
const SHELL = "";

/** The messages between the pages (src/sw.rs) and the worker. */
const MESSAGE = {
  skipWaiting: "bulletin-viewer:skip-waiting",
  hello: "bulletin-viewer:hello",
  status: "bulletin-viewer:offline-status",
  save: "bulletin-viewer:save-archive",
  progress: "bulletin-viewer:save-progress",
  saved: "bulletin-viewer:save-done",
};

/** How long a page load waits for the network before this build's copy is shown. */
const NAVIGATION_TIMEOUT_MS = 3000;
/** How many data files "save the whole archive" fetches at a time. */
const SAVE_PARALLEL = 4;

const SCOPE = self.registration.scope;
const CACHE_PREFIX = "bulletin-viewer " + SCOPE + " ";
const CACHE_NAME = CACHE_PREFIX + BUILD.version;
const DATA_CACHE = CACHE_PREFIX + "data";
const INDEX = address("index.html");
// trunk's content hash in a file name (bulletin-viewer-0123456789abcdef_bg.wasm).
const HASHED = /-[0-9a-f]{12,16}[._]/;
// Files trunk named by their content never change, whatever a host's headers say.
const MATCH = { ignoreVary: true };

const SHELL_FILES = new Set(BUILD.shell.map(address));
const ISSUES = BUILD.issues.map(([date, data, size], index) => ({
  date,
  file: data,
  data: address(data),
  page: address(date + ".html"),
  size,
  newer: index > 0 ? BUILD.issues[index - 1][0] : "",
  // Named on the page just before the newest only, as the pre-rendered pages do.
  newest: index === 1 ? BUILD.issues[0][0] : "",
  older: index + 1 < BUILD.issues.length ? BUILD.issues[index + 1][0] : "",
}));
const SEARCH = (BUILD.search || []).map(([file, size]) => ({ file, data: address(file), size }));
const BY_PAGE = new Map(ISSUES.map((issue) => [issue.page, issue]));
// Every file of the shared data cache this build names: the issues' and the search bundles.
const BY_DATA = new Map([...ISSUES, ...SEARCH].map((file) => [file.data, file]));

function address(file) {
  return new URL(file, self.location).href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      try {
        await precache();
        const data = await caches.open(DATA_CACHE);
        await Promise.all([...ISSUES.slice(0, 1), ...SEARCH].map((file) => keep(data, file)));
      } catch (error) {
        // Nothing half-filled stays behind; the browser tries again on a later visit.
        await caches.delete(CACHE_NAME);
        throw error;
      }
      if (BUILD.urgent) {
        await self.skipWaiting();
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  const activation = (async () => {
    const names = await caches.keys();
    const replaced = names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME && name !== DATA_CACHE);
    await Promise.all(replaced.map((name) => caches.delete(name)));
    const data = await caches.open(DATA_CACHE);
    const kept = await data.keys();
    await Promise.all(kept.filter((request) => !BY_DATA.has(request.url)).map((request) => data.delete(request)));
    await self.clients.claim();
    // A first visit's page fetched its issue before this worker ran: keep that issue too.
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const shown = windows.map((client) => BY_PAGE.get(pageAddress(client.url))).filter(Boolean);
    await Promise.all(shown.map((issue) => keep(data, issue).catch(() => null)));
  })();
  event.waitUntil(activation);
  if (BUILD.urgent) {
    // An urgent build (a security fix, broken data) reloads every open page, of whatever
    // build, where it was. Not within the activation: a reload's request waits for it.
    activation.then(reloadOpenPages, () => null);
  }
});

async function reloadOpenPages() {
  const windows = await self.clients.matchAll({ type: "window" });
  await Promise.all(windows.map((client) => client.navigate(client.url).catch(() => null)));
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const reply = (answer) => {
    if (event.source) {
      event.source.postMessage(answer);
    }
  };
  switch (message.type) {
    case MESSAGE.skipWaiting:
      self.skipWaiting();
      break;
    case MESSAGE.hello:
      // A page of this very app (loaded from the network while an older version controls it,
      // or open while a build that only adds or mends issues was deployed) loses nothing when
      // this version takes over: the files it loads are the same. Skipping waiting is a no-op
      // once active.
      if (message.build === BUILD.app) {
        self.skipWaiting();
      }
      reply({ type: MESSAGE.hello, build: BUILD.app });
      break;
    case MESSAGE.status:
      event.waitUntil(offlineStatus().then(reply));
      break;
    case MESSAGE.save:
      event.waitUntil(saveArchive(reply));
      break;
    default:
      break;
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = pageAddress(request.url);
  if (new URL(url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    const page = url === SCOPE ? INDEX : url;
    if (SHELL_FILES.has(page) && page.endsWith(".html")) {
      event.respondWith(networkFirst(event, request, page, () => fromCache(CACHE_NAME, page)));
    } else if (BY_PAGE.has(page)) {
      event.respondWith(networkFirst(event, request, page, () => shellPage(BY_PAGE.get(page))));
    }
    return;
  }
  if (SHELL_FILES.has(url)) {
    event.respondWith(cacheFirst(CACHE_NAME, url, request));
  } else if (BY_DATA.has(url)) {
    event.respondWith(dataFile(event, BY_DATA.get(url), request));
  }
});

/** An address without its query and fragment. */
function pageAddress(href) {
  const url = new URL(href);
  url.hash = "";
  url.search = "";
  return url.href;
}

// Fetches every file of BUILD.shell into this version's cache; one failure fails the install.
async function precache() {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(
    BUILD.shell.map(async (file) => {
      const url = address(file);
      const response = await fetch(url, { cache: HASHED.test(file) ? "default" : "no-cache" });
      if (!response.ok) {
        throw new Error(`sw.js: cannot precache ${url}: HTTP ${response.status}`);
      }
      if (url.endsWith(".html")) {
        const missing = notLoaded(await response.clone().text());
        if (missing.length > 0) {
          // During a deployment a host may serve the new page with the old sw.js (or the other
          // way round); caching that pair would break the app offline.
          throw new Error(`sw.js: ${url} is not a page of this build: it does not load ${missing.join(", ")}`);
        }
      }
      await cache.put(url, response.redirected ? await unredirected(response) : response);
    }),
  );
}

/** The build's hashed scripts, WebAssembly and stylesheets that `page` does not load. */
function notLoaded(page) {
  return BUILD.shell.filter((file) => HASHED.test(file) && /\.(js|wasm|css)$/.test(file) && !page.includes(file));
}

// A host that redirects index.html (to the folder, say) gives a response marked as
// redirected, which a navigation refuses; the same bytes and headers without that mark.
async function unredirected(response) {
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** `url` from the cache `name`, else the network (a cache the browser cleared). */
async function cacheFirst(name, url, request) {
  const cached = await fromCache(name, url);
  return cached || fetch(request);
}

async function fromCache(name, url) {
  const cache = await caches.open(name);
  return cache.match(url, MATCH);
}

// The server's answer when it comes in time; else `fallback()`'s, else whatever the network
// gives in the end (the browser's own offline page).
async function networkFirst(event, request, page, fallback) {
  const network = fetch(request);
  const late = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null));
  const response = await Promise.race([network, late]).catch(() => null);
  if (response) {
    if (SHELL_FILES.has(page)) {
      event.waitUntil(refresh(page, response.clone()).catch(() => null));
    }
    return response;
  }
  network.catch(() => null);
  return (await fallback()) || network;
}

// The server's copy of one of this build's pages replaces the kept one when it still loads
// this build's files (a hand edit); a page of another build is not this worker's to keep.
async function refresh(page, response) {
  if (!response.ok || response.redirected || response.type !== "basic") {
    return;
  }
  if (notLoaded(await response.clone().text()).length > 0) {
    return;
  }
  const cache = await caches.open(CACHE_NAME);
  await cache.put(page, response);
}

// The page of an issue other than the newest, for reading offline: SHELL with the issue's
// values, and the headers (the Content-Security-Policy above all) the server sent with
// index.html, so that it runs under the same policy as every page of the site.
async function shellPage(issue) {
  const index = await fromCache(CACHE_NAME, INDEX);
  if (!index || !SHELL) {
    return null;
  }
  const values = { issue: issue.date, "issue-data": issue.file, older: issue.older, newer: issue.newer, newest: issue.newest };
  const html = SHELL.replace(/\{\{([a-z-]+)\}\}/g, (_, name) => escapeAttribute(values[name] ?? ""));
  const headers = new Headers(index.headers);
  for (const name of ["content-length", "content-encoding", "etag", "last-modified"]) {
    headers.delete(name);
  }
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(html, { status: 200, headers });
}

function escapeAttribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// An issue's data file from the data cache, else from the network, then kept: every issue
// the reader opens stays readable offline.
async function dataFile(event, issue, request) {
  const cache = await caches.open(DATA_CACHE);
  const kept = await cache.match(issue.data, MATCH);
  if (kept) {
    return kept;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    event.waitUntil(store(cache, issue, response.clone()).catch(() => null));
  }
  return response;
}

/** Fetches `issue`'s data file into `cache` unless it is there. */
async function keep(cache, issue) {
  if (await cache.match(issue.data, MATCH)) {
    return;
  }
  const response = await fetch(issue.data);
  if (!response.ok) {
    throw new Error(`${issue.file}: HTTP ${response.status}`);
  }
  await store(cache, issue, response);
}

// Keeps a data file only whole: its size is the one the build wrote (the viewer checks its
// hash as well, but a cut copy kept here would fail forever).
async function store(cache, issue, response) {
  const body = await response.blob();
  if (body.size !== issue.size) {
    throw new Error(`${issue.file}: ${body.size} bytes where the build wrote ${issue.size}`);
  }
  const type = response.headers.get("content-type") || "application/octet-stream";
  await cache.put(issue.data, new Response(body, { headers: { "content-type": type } }));
}

/** How much of the archive is kept: issues and bytes, saved and still to save. */
async function offlineStatus() {
  const cache = await caches.open(DATA_CACHE);
  const kept = new Set((await cache.keys()).map((request) => request.url));
  const status = { type: MESSAGE.status, issues: ISSUES.length, saved: 0, savedBytes: 0, missingBytes: 0 };
  for (const issue of ISSUES) {
    if (kept.has(issue.data)) {
      status.saved += 1;
      status.savedBytes += issue.size;
    } else {
      status.missingBytes += issue.size;
    }
  }
  return status;
}

// One save at a time, whichever page asked; every page that asked hears its progress.
const saveListeners = new Set();
let saving = null;

function saveArchive(reply) {
  saveListeners.add(reply);
  saving ??= save().finally(() => {
    saving = null;
    saveListeners.clear();
  });
  return saving;
}

function tell(message) {
  for (const reply of saveListeners) {
    reply(message);
  }
}

// Fetches every data file not kept yet, a few at a time. A file that fails is reported and
// the others go on; a full storage stops the save.
async function save() {
  const failures = [];
  let full = null;
  try {
    const cache = await caches.open(DATA_CACHE);
    const kept = new Set((await cache.keys()).map((request) => request.url));
    const queue = ISSUES.filter((issue) => !kept.has(issue.data));
    const total = queue.length;
    let done = 0;
    tell({ type: MESSAGE.progress, done, total });
    const fetcher = async () => {
      while (queue.length > 0 && !full) {
        const issue = queue.shift();
        try {
          await keep(cache, issue);
        } catch (error) {
          if (error && error.name === "QuotaExceededError") {
            full = error;
          } else {
            failures.push(String((error && error.message) || error));
          }
        }
        done += 1;
        tell({ type: MESSAGE.progress, done, total });
      }
    };
    await Promise.all(Array.from({ length: SAVE_PARALLEL }, fetcher));
  } catch (error) {
    failures.push(String((error && error.message) || error));
  }
  const status = await offlineStatus();
  tell({ ...status, type: MESSAGE.saved, full: Boolean(full), failed: failures.length, reason: failures[0] || "" });
}
