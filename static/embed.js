// For pages that embed pieces of the bulletin viewer: include this file once and every
// <iframe data-bulletin-viewer> on the page takes the height its content reports, so it
// never shows a scroll bar of its own. Without this file the iframe keeps its height
// attribute and scrolls inside. See docs/embedding.md.
//
// The embedded page posts {type: "bulletin-viewer:height", id, height} to its parent
// whenever its height changes (src/embed.rs). A message is taken only from the window of
// one of those iframes, and only from the origin of that iframe's src; anything else is
// ignored. Heights are set through the CSSOM, which a strict Content-Security-Policy allows.
// The file stays unhashed in the build (a stable address for hosts) and has no dependencies.
(function () {
  "use strict";

  var MESSAGE_TYPE = "bulletin-viewer:height";
  // A height past this is a broken page, not a table: keep the host page usable.
  var MAX_HEIGHT = 100000;

  if (window.bulletinViewerEmbed) {
    return; // Included twice: one listener is enough.
  }
  window.bulletinViewerEmbed = { messageType: MESSAGE_TYPE };

  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  // A host whose CSS gives iframes `box-sizing: border-box` counts their border and padding
  // in the height, which must then hold the content and them.
  function extra(frame) {
    var style = window.getComputedStyle(frame);
    if (style.boxSizing !== "border-box") {
      return 0;
    }
    return ["borderTopWidth", "borderBottomWidth", "paddingTop", "paddingBottom"].reduce(function (sum, name) {
      return sum + (parseFloat(style[name]) || 0);
    }, 0);
  }

  function frameOf(source) {
    var frames = document.querySelectorAll("iframe[data-bulletin-viewer]");
    for (var index = 0; index < frames.length; index += 1) {
      if (frames[index].contentWindow === source) {
        return frames[index];
      }
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE_TYPE) {
      return;
    }
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > MAX_HEIGHT) {
      return;
    }
    var frame = event.source ? frameOf(event.source) : null;
    if (!frame) {
      return;
    }
    // A page opened from a file has the origin "null" on both sides.
    if (originOf(frame) !== event.origin) {
      return;
    }
    frame.style.height = Math.ceil(height + extra(frame)) + "px";
  });
})();
