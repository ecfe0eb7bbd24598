// Runs before the first paint, as a file (not inline) so a strict Content-Security-Policy
// allows it: sends an address of the builds that held one issue to that page, applies
// the remembered theme so a dark reader never sees a white flash, keeps a sort tapped before the
// page's code starts, wires the reload button of the error screen, which must work even when the app
// is dead, and shows that screen when the WebAssembly traps. The release build aborts on a
// panic at once (`-Cpanic=immediate-abort`, xtask/src/wasm_build.rs): no panic hook runs, the
// WebAssembly just stops with a `RuntimeError` that reaches the page as an uncaught error (an
// event handler, a timer) or an unhandled rejection (start-up, a promise). Either way the app
// is dead, so the page says so instead of going on half-drawn. A build whose panic hook ran
// first (stable's `panic = "abort"`) has filled the screen in already; it is left as it is.
(function () {
  // On the site's root page, an undated view of an issue (#/table/…, #/embed/…, #/summary)
  // is a link minted when the site held one issue, 2023-06-30: it means that issue forever,
  // not the newest. The root names that page when it is in the archive and is not
  // the root's own (bulletin::address, xtask/src/prerender.rs); the app handles the rest.
  // The routes are the core's, by name: xtask/src/dist.rs's tests hold this list to them.
  try {
    var legacy = document.querySelector('meta[name="bulletin:legacy"]');
    var hash = window.location.hash;
    if (legacy && /^#\/(summary|colophon|part|article|brief|figure|table|embed)(\/|\?|$)/.test(hash)) {
      window.location.replace(legacy.getAttribute("content") + hash);
      return;
    }
  } catch (error) {
    // A page that cannot be redirected still shows the app, which resolves the link itself.
  }
  try {
    var theme = window.localStorage.getItem("bulletin-viewer.theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (error) {
    // Storage refused (sandboxed frame, privacy mode): follow the system theme.
  }
  // A tap on a table's sort button before the page's code has started would do nothing. While
  // the start-up without Yew serves the page (xtask/src/start.js sets `bulletinSort`), it sorts
  // the table. Otherwise the first tap is kept, its button and table say they are getting
  // ready, and whichever starts replays it: the start-up (start.js) or the viewer (src/dom.rs,
  // replay_early_tap). Any other button pressed before the viewer has started is kept too, as
  // the element, and asks for the viewer (`bulletinLoadApp`), which presses it again once it
  // has started. Later taps before then wait with the first.
  document.addEventListener("click", function (event) {
    if (window.bulletinStarted || window.bulletinEarlyTap || !event.target || !event.target.closest) return;
    var button = event.target.closest("button");
    if (!button || button.closest("#fatal")) return;
    var table = button.matches(".sort[data-column]") ? button.closest("table[id]") : null;
    var column = button.getAttribute("data-column");
    if (table && /^[0-9]+$/.test(column)) {
      var block = table.closest(".table-block");
      if (window.bulletinSort && block && window.bulletinSort(block.id, Number(column), event.shiftKey)) return;
      window.bulletinEarlyTap = "#" + CSS.escape(table.id) + ' button.sort[data-column="' + column + '"]';
      button.setAttribute("aria-busy", "true");
      if (block) block.setAttribute("data-pending", "");
      if (window.bulletinSort && window.bulletinLoadApp) window.bulletinLoadApp();
      return;
    }
    if (!window.bulletinLoadApp) return;
    window.bulletinEarlyTap = button;
    window.bulletinLoadApp();
  }, true);
  function isTrap(error) {
    return typeof WebAssembly === "object" && error instanceof WebAssembly.RuntimeError;
  }
  function showFatal(error) {
    var fatal = document.getElementById("fatal");
    if (!fatal || !fatal.hidden) {
      return;
    }
    var detail = document.getElementById("fatal-detail");
    if (detail) {
      detail.textContent = String(error);
    }
    fatal.hidden = false;
    var app = document.getElementById("app");
    if (app) {
      app.setAttribute("aria-hidden", "true");
    }
  }
  window.addEventListener("error", function (event) {
    if (isTrap(event.error)) {
      showFatal(event.error);
    }
  });
  window.addEventListener("unhandledrejection", function (event) {
    if (isTrap(event.reason)) {
      showFatal(event.reason);
    }
  });
  // A listener on the document, not on the button at DOMContentLoaded: nothing of this file
  // then runs in the task where the browser finishes parsing and laying out the page.
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("#fatal-reload")) {
      window.location.reload();
    }
  });
})();
