// The live intervisie room (protocol: docs/intervisie.md, docs/live.md).
//
// The page renders the session up to data-last-seq; this script connects to the
// session's socket, sends {"type": "resume", "after": lastSeq} on every (re)connect
// and applies frames strictly in sequence (a duplicate is dropped, a gap asks for a
// resume). A contribution is inserted in the list; a phase, reveal or timer event
// makes the room follow: the room is fetched again (same URL, a GET) and replaced,
// so every screen shows the phase the facilitator chose. The writing form is kept
// while it holds typed text. Writes are ordinary form posts (they work without
// JavaScript). New contributions are announced in a polite live region.
(function () {
  "use strict";

  var room = document.getElementById("intervisie-room");
  if (!room || !("WebSocket" in window)) {
    return;
  }
  var lastSeq = parseInt(room.getAttribute("data-last-seq"), 10) || 0;
  var path = room.getAttribute("data-ws-path");
  var socket = null;
  var delay = 1000;
  var stopped = false;
  var resumeAskedAt = -1;
  var waiting = {};
  var refreshing = false;
  var refreshAgain = false;

  function list() {
    return room.querySelector("[data-intervisie-contributions]");
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function insertContribution(frame) {
    var element = fromHtml(frame.html);
    var target = list();
    var existing = target.querySelector('[data-seq="' + frame.seq + '"]');
    if (existing) {
      existing.replaceWith(element);
      return;
    }
    target.appendChild(element);
    var announcer = room.querySelector("[data-intervisie-announce]");
    var author = element.querySelector("strong");
    if (announcer) {
      announcer.textContent =
        (room.getAttribute("data-announce-new") || "") + (author ? " " + author.textContent : "");
    }
  }

  function refreshRoom() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("intervisie-room");
        if (fresh) {
          room.innerHTML = fresh.innerHTML;
          ["data-phase", "data-status"].forEach(function (name) {
            room.setAttribute(name, fresh.getAttribute(name));
          });
          var seq = parseInt(fresh.getAttribute("data-last-seq"), 10) || 0;
          if (seq > lastSeq) {
            lastSeq = seq;
          }
          room.setAttribute("data-last-seq", String(lastSeq));
        }
        var formBox = document.querySelector("[data-intervisie-form-container]");
        var freshForm = page.querySelector("[data-intervisie-form-container]");
        var typed = formBox && formBox.querySelector("textarea");
        if (formBox && freshForm && !(typed && typed.value.trim())) {
          formBox.replaceWith(document.importNode(freshForm, true));
        }
      })
      .catch(function () {})
      .then(function () {
        refreshing = false;
        if (refreshAgain) {
          refreshAgain = false;
          refreshRoom();
        }
      });
  }

  function apply(frame) {
    if (frame.type === "contribution" && frame.html) {
      insertContribution(frame);
    } else if (frame.type === "phase" || frame.type === "reveal" || frame.type === "timer") {
      refreshRoom();
    }
  }

  function resume() {
    if (socket && socket.readyState === WebSocket.OPEN && resumeAskedAt !== lastSeq) {
      resumeAskedAt = lastSeq;
      socket.send(JSON.stringify({ type: "resume", after: lastSeq }));
    }
  }

  function onFrame(event) {
    var frame;
    try {
      frame = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (frame.type === "resync") {
      resumeAskedAt = -1;
      resume();
      return;
    }
    if (typeof frame.seq !== "number" || frame.seq <= lastSeq) {
      return;
    }
    if (frame.seq > lastSeq + 1) {
      waiting[frame.seq] = frame;
      resume();
      return;
    }
    apply(frame);
    lastSeq = frame.seq;
    while (waiting[lastSeq + 1]) {
      var next = waiting[lastSeq + 1];
      delete waiting[lastSeq + 1];
      apply(next);
      lastSeq = next.seq;
    }
    room.setAttribute("data-last-seq", String(lastSeq));
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + path);
    socket.addEventListener("open", function () {
      delay = 1000;
      resumeAskedAt = -1;
      resume();
    });
    socket.addEventListener("message", onFrame);
    socket.addEventListener("close", function (event) {
      socket = null;
      if (stopped || event.code === 4401 || event.code === 4403) {
        return;
      }
      var wait = delay + Math.floor(Math.random() * 500);
      delay = Math.min(delay * 2, 30000);
      window.setTimeout(connect, event.code === 4429 ? Math.max(wait, 10000) : wait);
    });
  }

  window.addEventListener("pagehide", function () {
    stopped = true;
    if (socket) {
      socket.close();
    }
  });

  connect();
})();
