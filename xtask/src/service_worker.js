// The viewer's service worker: keeps the whole app in the Cache Storage so it opens and
// works with no network, and lets a new deployment take over only when the reader says so.
//
// This is the template of `sw.js`: `cargo xtask dist` (xtask/src/service_worker.rs) replaces
// the BUILD line with the build's files and a version derived from their content, so any
// change to the build changes sw.js byte for byte, which is how the browser finds an update.
//
// - install: fetch every file of the build into the cache `bulletin-viewer <scope> <version>`;
//   hashed files may come from the HTTP cache, the others are revalidated.
// - fetch: the page (a navigation to the scope or its index.html) and the build's files come
//   from this version's cache first, so the page and its script, WebAssembly and CSS always
//   belong to the same build; anything else goes to the network untouched.
// - a new version installs in the background and waits; the page shows "new version
//   available" (src/sw.rs), and its reload button posts SKIP_WAITING here.
// - activate: delete this scope's caches of other versions, then take over open pages.
//
// Relative addresses resolve against this script, which sits next to index.html, so the
// same file works at a domain's root and under any sub-path.
"use strict";

const BUILD = { version: "development", files: ["index.html"] };

const MESSAGE_SKIP_WAITING = "bulletin-viewer:skip-waiting";
// Caches of every deployment under this scope share the prefix; another deployment on the
// same origin (another scope) has its own and is left alone.
const CACHE_PREFIX = "bulletin-viewer " + self.registration.scope + " ";
const CACHE_NAME = CACHE_PREFIX + BUILD.version;
const INDEX = new URL("index.html", self.location).href;
const SCOPE = self.registration.scope;
// trunk's content hash in a file name (bulletin-viewer-0123456789abcdef_bg.wasm).
const HASHED = /-[0-9a-f]{12,16}[._]/;

const PRECACHED = new Set(BUILD.files.map((file) => new URL(file, self.location).href));

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === MESSAGE_SKIP_WAITING) {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  url.hash = "";
  if (request.mode === "navigate") {
    if (url.origin === self.location.origin && (url.href.split("?")[0] === SCOPE || url.href.split("?")[0] === INDEX)) {
      event.respondWith(fromCache(INDEX, request));
    }
    return;
  }
  url.search = "";
  if (PRECACHED.has(url.href)) {
    event.respondWith(fromCache(url.href, request));
  }
});

// Fetches every file of the build into this version's cache; one failure fails the install,
// which the browser tries again on a later visit.
async function precache() {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(
    BUILD.files.map(async (file) => {
      const url = new URL(file, self.location).href;
      const response = await fetch(url, { cache: HASHED.test(file) ? "default" : "no-cache" });
      if (!response.ok) {
        throw new Error(`sw.js: cannot precache ${url}: HTTP ${response.status}`);
      }
      if (url === INDEX) {
        await checkIndex(response.clone());
      }
      await cache.put(url, response.redirected ? await unredirected(response) : response);
    }),
  );
}

// The page must load this build's script, WebAssembly and stylesheet: during a deployment a
// host may already serve the new index.html with the old sw.js (or the other way round), and
// caching that pair would break the app offline. Failing here retries on a later visit.
async function checkIndex(response) {
  const page = await response.text();
  const missing = BUILD.files.filter((file) => HASHED.test(file) && /\.(js|wasm|css)$/.test(file) && !page.includes(file));
  if (missing.length > 0) {
    throw new Error(`sw.js: ${INDEX} is not the page of this build: it does not load ${missing.join(", ")}`);
  }
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

// This version's copy of `url`, else the network (a cache cleared by the browser).
async function fromCache(url, request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(url);
  if (cached) {
    return cached;
  }
  return fetch(request);
}
