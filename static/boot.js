// Runs before the first paint, as a file (not inline) so a strict Content-Security-Policy
// allows it: applies the remembered theme so a dark reader never sees a white flash, and
// wires the reload button of the error screen, which must work even when the app is dead.
(function () {
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
