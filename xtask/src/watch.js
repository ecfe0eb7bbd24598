// The live preview's side in the page (`cargo xtask serve --watch`, xtask/src/watch.rs).
//
// Every page of a preview build loads this file, its tag naming the build the page is of
// (`data-generation`). It polls `__watch.json` beside it, which the watch rewrites after each
// save of a source: another generation reloads the page where the reader was (the scroll
// position is kept in sessionStorage over the reload); errors show in an overlay over the page,
// which stays the last good build, with each error's file, line, column, the line itself and
// the message, until a save fixes them. Only text nodes and CSSOM styles are made, so the
// strict Content-Security-Policy holds, and a source's text is never read as HTML.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script) return;
  const built = Number(script.dataset.generation);
  const stateAddress = new URL("__watch.json", script.src);
  const SCROLL_KEY = "bulletin-viewer:watch-scroll";
  // A local fetch of a few bytes; every poll's wait is part of the time from a save to the page.
  const POLL_MS = 100;
  const HIDDEN_POLL_MS = 1000;
  // How long the restored position is held against the app's own scrolling at start-up.
  const HOLD_MS = 1500;
  const MAX_SHOWN = 50;

  let overlay = null;
  let shown = "";
  let dismissed = "";
  let leaving = false;
  let timer = 0;

  restoreScroll();
  poll();
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) poll();
  });

  async function poll() {
    clearTimeout(timer);
    let state = null;
    try {
      const response = await fetch(stateAddress, { cache: "no-store" });
      if (response.ok) state = await response.json();
    } catch {
      // The server is restarting or gone; the next poll tells.
    }
    if (state) apply(state);
    if (!leaving) timer = setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }

  function apply(state) {
    const errors = Array.isArray(state.errors) ? state.errors : [];
    if (errors.length > 0) {
      show(errors);
      return;
    }
    hide();
    dismissed = "";
    if (state.generation !== built) {
      leaving = true;
      try {
        sessionStorage.setItem(
          SCROLL_KEY,
          JSON.stringify({ address: location.href, x: window.scrollX, y: window.scrollY }),
        );
      } catch {
        // No storage: the page reloads at the browser's own idea of where it was.
      }
      location.reload();
    }
  }

  function restoreScroll() {
    let saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || "null");
      sessionStorage.removeItem(SCROLL_KEY);
    } catch {
      return;
    }
    if (!saved || saved.address !== location.href) return;
    const put = () => window.scrollTo(saved.x, saved.y);
    put();
    // The app scrolls to its route's element once its data is in, and the browser restores
    // its own idea of the place at load: both are put back until the reader moves.
    let moved = false;
    const stop = () => (moved = true);
    for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
      window.addEventListener(type, stop, { once: true, passive: true, capture: true });
    }
    const until = performance.now() + HOLD_MS;
    const hold = () => {
      if (moved || performance.now() > until) return;
      if (Math.abs(window.scrollY - saved.y) > 1 || Math.abs(window.scrollX - saved.x) > 1) put();
      requestAnimationFrame(hold);
    };
    requestAnimationFrame(hold);
  }

  function element(tag, text, style) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    Object.assign(made.style, style || {});
    return made;
  }

  function show(errors) {
    const key = JSON.stringify(errors);
    if (key === shown || key === dismissed) return;
    hide();
    shown = key;
    const mono = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Noto Sans Mono CJK KR', monospace";
    overlay = element("section", undefined, {
      position: "fixed",
      inset: "0",
      zIndex: "2147483647",
      overflow: "auto",
      padding: "24px",
      background: "rgba(20, 20, 24, 0.92)",
      color: "#f4f4f5",
      font: "15px/1.5 system-ui, sans-serif",
    });
    overlay.id = "watch-overlay";
    overlay.setAttribute("role", "alert");
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    const header = element("div", undefined, { display: "flex", gap: "16px", alignItems: "baseline" });
    header.append(
      element("h2", `원본 오류 · ${count} in the sources`, { margin: "0 0 16px", font: "bold 20px/1.3 system-ui, sans-serif", color: "#fca5a5" }),
      element("span", "the page shows the last good build until you save a fix", { color: "#a1a1aa" }),
    );
    const close = element("button", "닫기 · close", {
      marginLeft: "auto",
      font: "inherit",
      color: "inherit",
      background: "transparent",
      border: "1px solid #71717a",
      borderRadius: "4px",
      padding: "2px 10px",
      cursor: "pointer",
    });
    close.type = "button";
    close.addEventListener("click", () => {
      dismissed = shown;
      hide();
    });
    header.append(close);
    overlay.append(header);
    for (const error of errors.slice(0, MAX_SHOWN)) overlay.append(describe(error, mono));
    if (errors.length > MAX_SHOWN) overlay.append(element("p", `… and ${errors.length - MAX_SHOWN} more in the terminal`));
    document.body.append(overlay);
  }

  function describe(error, mono) {
    const item = element("article", undefined, { margin: "0 0 20px", paddingLeft: "12px", borderLeft: "3px solid #f87171" });
    item.className = "watch-error";
    let place = error.file || "";
    if (error.line) place += `:${error.line}`;
    if (error.line && error.column) place += `:${error.column}`;
    for (const [name, value] of [["file", error.file], ["line", error.line], ["column", error.column]]) {
      if (value !== null && value !== undefined) item.dataset[name] = String(value);
    }
    if (place) item.append(element("p", place, { margin: "0", font: `bold 14px/1.5 ${mono}`, color: "#93c5fd" }));
    item.append(element("p", error.message, { margin: "2px 0 6px" }));
    if (typeof error.line_text === "string") {
      const line = element("pre", undefined, {
        margin: "0",
        padding: "6px 10px",
        background: "#27272a",
        font: `14px/1.5 ${mono}`,
        whiteSpace: "pre-wrap",
        overflowWrap: "anywhere",
      });
      line.className = "watch-line";
      const chars = Array.from(error.line_text);
      const at = Math.max(0, (error.column || 1) - 1);
      line.append(element("span", `${error.line} | `, { color: "#71717a" }));
      if (error.column) {
        // The character at the column, marked, whatever the font's widths (Korean is wide).
        const mark = element("mark", chars[at] ?? " ", { background: "#dc2626", color: "#fff", outline: "1px solid #fca5a5" });
        line.append(chars.slice(0, at).join(""), mark, chars.slice(at + 1).join(""));
      } else {
        line.append(error.line_text);
      }
      item.append(line);
    }
    return item;
  }

  function hide() {
    overlay?.remove();
    overlay = null;
    shown = "";
  }
})();
