// The bell in the header, live (progressive enhancement: without JavaScript the
// count is rendered by the server on every page). One socket to /ws/notifications/
// (docs/live.md, "Notifications"); on every (re)connect it asks for the current
// count with {"type": "resume", "after": 0}. A new notification is announced in a
// polite live region; focus never moves.
(function () {
  "use strict";
  var bell = document.querySelector("[data-notification-bell]");
  if (!bell || !("WebSocket" in window)) {
    return;
  }
  var count = bell.querySelector("[data-notification-count]");
  var live = bell.querySelector("[data-notification-live]");
  var path = bell.getAttribute("data-ws-path");
  var newLabel = bell.getAttribute("data-new-label") || "";
  var delay = 1000;
  var maxDelay = 30000;

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

  function onFrame(event) {
    var frame;
    try {
      frame = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (frame.type === "notification") {
      show(frame.unread);
      if (typeof frame.title === "string") {
        announce(frame.title);
      }
    } else if (frame.type === "unread") {
      show(frame.unread);
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + path);
    socket.addEventListener("open", function () {
      delay = 1000;
      socket.send(JSON.stringify({ type: "resume", after: 0 }));
    });
    socket.addEventListener("message", onFrame);
    socket.addEventListener("close", function (event) {
      // 4401: logged out; 4403: not allowed (or suspended). Reconnecting would not help.
      if (event.code === 4401 || event.code === 4403) {
        return;
      }
      var wait = delay + Math.floor(Math.random() * 500);
      delay = Math.min(delay * 2, maxDelay);
      window.setTimeout(connect, event.code === 4429 ? Math.max(wait, 10000) : wait);
    });
  }

  connect();
})();
