// The live intervisie room (protocol: docs/intervisie.md, docs/live.md).
//
// The page renders the session up to data-last-seq; this script connects to the
// session's socket through the shared live client (static/js/live.js: resume on
// every (re)connect and on resync, frames strictly in sequence, a duplicate
// dropped, a gap resumed). A contribution is inserted in the list; a phase, reveal
// or timer event makes the room follow: the room is fetched again (same URL, a GET) and replaced,
// so every screen shows the phase the facilitator chose. The writing form is kept
// while it holds typed text; a text refused before the start (shown read-only to
// copy) moves into the writing form once the session runs. Writes are ordinary
// form posts (they work without JavaScript). New contributions are announced in a
// polite live region.
(function () {
  "use strict";

  var room = document.getElementById("intervisie-room");
  if (!room || !("WebSocket" in window) || !window.hgLive) {
    return;
  }
  var live = null;
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
          // The fetched room was drawn at its own data-last-seq; contributions that
          // arrived live after that moment stay (moved over), never lost.
          var drawnAt = parseInt(fresh.getAttribute("data-last-seq"), 10) || 0;
          var later = Array.prototype.filter.call(
            list() ? list().querySelectorAll("[data-seq]") : [],
            function (element) {
              return (parseInt(element.getAttribute("data-seq"), 10) || 0) > drawnAt;
            },
          );
          room.innerHTML = fresh.innerHTML;
          var target = list();
          later.forEach(function (element) {
            if (target && !target.querySelector('[data-seq="' + element.getAttribute("data-seq") + '"]')) {
              target.appendChild(element);
            }
          });
          ["data-phase", "data-status"].forEach(function (name) {
            room.setAttribute(name, fresh.getAttribute(name));
          });
          var seq = parseInt(fresh.getAttribute("data-last-seq"), 10) || 0;
          room.setAttribute("data-last-seq", String(live.advanceTo(seq)));
        }
        var formBox = document.querySelector("[data-intervisie-form-container]");
        var freshForm = page.querySelector("[data-intervisie-form-container]");
        var typed = formBox && formBox.querySelector("textarea");
        var kept = typed && typed.value.trim() ? typed.value : "";
        if (formBox && freshForm) {
          var replacement = document.importNode(freshForm, true);
          var writable = replacement.querySelector("textarea:not([readonly])");
          if (!kept) {
            formBox.replaceWith(replacement);
          } else if (typed.readOnly && writable) {
            // A text refused before the session began: the form is back, with it.
            writable.value = kept;
            formBox.replaceWith(replacement);
          }
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

  live = window.hgLive.connect({
    path: room.getAttribute("data-ws-path"),
    lastSeq: parseInt(room.getAttribute("data-last-seq"), 10) || 0,
    apply: apply,
    onSeq: function (seq) {
      room.setAttribute("data-last-seq", String(seq));
    },
  });
})();
