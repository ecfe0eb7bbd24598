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
//
// The host page's markup may not be the host's own (comments, user content), and an element
// with an id or name becomes a property of `window` or `document` ("DOM clobbering"): an
// element with the id `bulletinViewerEmbed` (or a frame of that name) must not make this
// file think it already ran, and an image named `querySelectorAll` must not break the frame
// lookup. So the marker is checked for the object this file sets, and the page is queried
// through the prototype's method.
(function () {
  "use strict";

  var MESSAGE_TYPE = "bulletin-viewer:height";
  // A height past this is a broken page, not a table: keep the host page usable.
  var MAX_HEIGHT = 100000;

  // Included twice: one listener is enough. An element is never this object: its
  // `messageType`, if any, is an element too, never the string; a frame named so is another
  // window, which throws when read across origins.
  function alreadyRunning() {
    try {
      var marker = window.bulletinViewerEmbed;
      return Boolean(marker) && marker.messageType === MESSAGE_TYPE;
    } catch (error) {
      return false;
    }
  }
  if (alreadyRunning()) {
    return;
  }
  // An own property of `window`, which wins over any element named the same.
  window.bulletinViewerEmbed = { messageType: MESSAGE_TYPE };

  var querySelectorAll = Document.prototype.querySelectorAll;

  // `frame.src` is already absolute (the browser resolves the attribute).
  function originOf(frame) {
    try {
      return new URL(frame.src).origin;
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
    var frames = querySelectorAll.call(document, "iframe[data-bulletin-viewer]");
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
