// The reader's kill switch: a `sw.js` that withdraws the reader's service worker from every
// browser that installed one, then gets out of the way.
//
// `cargo xtask dist --retire-worker` writes it in place of the worker (and leaves the pages
// without the <meta> that registers one); to withdraw the worker from a site built some
// other way, copy this file as `sw.js` next to its index.html, served with
// `Cache-Control: no-cache`. A browser that installed any version of the reader's worker
// checks `sw.js` whenever it loads a page of the site (and every 24 hours at most), finds this
// one, and installs it in place of the old one at once:
// - install: take over without waiting for the open pages to close;
// - activate: delete every cache of the reader under this scope, unregister, and reload the
//   open pages, which then come from the server with no worker in between.
// It answers no request. Keep it deployed for as long as returning readers may come back.
"use strict";

const CACHE_PREFIX = "bulletin-viewer " + self.registration.scope + " ";

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)));
      await self.registration.unregister();
      const windows = await self.clients.matchAll({ type: "window" });
      await Promise.all(windows.map((client) => client.navigate(client.url).catch(() => null)));
    })(),
  );
});
