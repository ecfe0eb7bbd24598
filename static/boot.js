// Runs before the first paint, as a file (not inline) so a strict Content-Security-Policy
// allows it: sends an address of the builds that held one issue to that page, applies
// the remembered theme so a dark reader never sees a white flash, and wires the reload button
// of the error screen, which must work even when the app is dead.
(function () {
  // On the site's root page, an undated view of an issue (#/table/…, #/embed/…, #/summary)
  // is a link minted when the site held one issue, 2023-06-30: it means that issue forever,
  // not the newest. The root names that page when it is in the archive and is not
  // the root's own (bulletin::address, xtask/src/prerender.rs); the app handles the rest.
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
  document.addEventListener("DOMContentLoaded", function () {
    var reload = document.getElementById("fatal-reload");
    if (reload) {
      reload.addEventListener("click", function () { window.location.reload(); });
    }
  });
})();
