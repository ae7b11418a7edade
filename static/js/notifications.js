// The bell in the header, live (progressive enhancement: without JavaScript the
// count is rendered by the server on every page). One socket to /ws/notifications/
// (docs/live.md, "Notifications") through the shared live client (static/js/live.js);
// on every (re)connect and on the server's resync it asks for the current count with
// {"type": "resume", "after": 0}. A new notification is announced in a
// polite live region; focus never moves.
(function () {
  "use strict";
  var bell = document.querySelector("[data-notification-bell]");
  if (!bell || !("WebSocket" in window) || !window.hgLive) {
    return;
  }
  var count = bell.querySelector("[data-notification-count]");
  var live = bell.querySelector("[data-notification-live]");
  var newLabel = bell.getAttribute("data-new-label") || "";

  function show(unread) {
    if (typeof unread !== "number" || unread < 0) {
      return;
    }
    count.setAttribute("data-unread", String(unread));
    count.firstChild.nodeValue = String(unread);
    count.hidden = unread === 0;
  }

  function announce(title) {
    // Clear first, so the same text twice is still read out.
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = newLabel + " " + title;
    }, 100);
  }

  function apply(frame) {
    if (frame.type === "notification") {
      show(frame.unread);
      if (typeof frame.title === "string") {
        announce(frame.title);
      }
    } else if (frame.type === "unread") {
      show(frame.unread);
    }
  }

  window.hgLive.connect({
    path: bell.getAttribute("data-ws-path"),
    lastSeq: null, // no sequence: resume answers with the current count
    apply: apply,
    stopOnPagehide: false,
  });
})();
