// The live thread (protocol: docs/live.md, "Forum threads").
//
// The page renders the thread up to data-last-seq; this script connects to the
// thread's socket, sends {"type": "resume", "after": lastSeq} on every (re)connect,
// applies frames strictly in sequence (a duplicate is dropped, a gap asks for a
// resume and keeps the early frame until the gap is filled), reconnects with a
// growing delay, and posts the reply form with fetch
// to the same URL the no-JavaScript form uses. New posts are announced in a
// polite live region; the focus never moves for them.
(function () {
  "use strict";

  var container = document.getElementById("forum-thread");
  if (!container || !("WebSocket" in window)) {
    return;
  }
  var list = container.querySelector("[data-forum-posts]");
  var announcer = container.querySelector("[data-forum-announce]");
  var lastSeq = parseInt(container.getAttribute("data-last-seq"), 10) || 0;
  var path = container.getAttribute("data-ws-path");
  var socket = null;
  var delay = 1000;
  var maxDelay = 30000;
  var stopped = false;
  var resumeAskedAt = -1;
  // Frames that arrived ahead of a gap, by seq, until the gap is filled.
  var waiting = {};
  var maxWaiting = 200;
  // Who is typing: name -> time after which the line forgets them. Not a live
  // region: sighted readers see it, screen readers are not interrupted by it.
  var typingLine = container.querySelector("[data-forum-typing]");
  var typists = {};
  var typingShownFor = 6000;
  var typingSentAt = 0;
  var typingEvery = 3000;
  var typingTimer = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var element = template.content.firstElementChild;
    var token = csrfToken();
    element.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      if (!input.value) {
        input.value = token;
      }
    });
    return element;
  }

  function findPost(id) {
    return list.querySelector('[data-post-id="' + id + '"]');
  }

  function insertInOrder(element) {
    var seq = parseInt(element.getAttribute("data-seq"), 10);
    var items = list.querySelectorAll("[data-seq]");
    for (var i = 0; i < items.length; i++) {
      if (parseInt(items[i].getAttribute("data-seq"), 10) > seq) {
        list.insertBefore(element, items[i]);
        return;
      }
    }
    list.appendChild(element);
  }

  function announce(element) {
    if (!announcer) {
      return;
    }
    var author = element.querySelector(".forum-post__author");
    var prefix = container.getAttribute("data-announce-new") || "";
    announcer.textContent = prefix + (author ? " " + author.textContent : "");
  }

  function renderTyping() {
    if (!typingLine) {
      return;
    }
    var now = Date.now();
    var names = Object.keys(typists).filter(function (name) {
      if (typists[name] <= now) {
        delete typists[name];
        return false;
      }
      return true;
    });
    if (typingTimer) {
      window.clearTimeout(typingTimer);
      typingTimer = null;
    }
    if (!names.length) {
      typingLine.hidden = true;
      typingLine.textContent = "";
      return;
    }
    var suffix = typingLine.getAttribute(names.length > 1 ? "data-typing-many" : "data-typing-one");
    typingLine.textContent = names.join(", ") + " " + suffix;
    typingLine.hidden = false;
    typingTimer = window.setTimeout(renderTyping, 1000);
  }

  function someoneTypes(name) {
    if (typeof name === "string" && name) {
      typists[name] = Date.now() + typingShownFor;
      renderTyping();
    }
  }

  function iAmTyping() {
    var now = Date.now();
    if (socket && socket.readyState === WebSocket.OPEN && now - typingSentAt >= typingEvery) {
      typingSentAt = now;
      socket.send(JSON.stringify({ type: "typing" }));
    }
  }

  function apply(frame) {
    var existing = findPost(frame.id);
    if (frame.type === "post_hidden" && !frame.html) {
      if (existing) {
        existing.remove();
      }
      return;
    }
    if (!frame.html) {
      return;
    }
    var element = fromHtml(frame.html);
    if (existing) {
      existing.replaceWith(element);
    } else {
      insertInOrder(element);
      if (frame.type === "post") {
        announce(element);
        // Whoever posted is done typing.
        var author = element.querySelector(".forum-post__author");
        if (author && typists[author.textContent.trim()]) {
          delete typists[author.textContent.trim()];
          renderTyping();
        }
      }
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
      // The server's channel layer came back from an outage: ask for what it lost.
      resumeAskedAt = -1;
      resume();
      return;
    }
    if (frame.type === "typing") {
      someoneTypes(frame.name); // no seq: never stored, never replayed
      return;
    }
    if (typeof frame.seq !== "number") {
      return; // an error frame: nothing to show in the thread
    }
    if (frame.seq <= lastSeq) {
      return; // a duplicate
    }
    if (frame.seq > lastSeq + 1) {
      // A gap: keep the frame (live events may arrive out of order, e.g. two
      // posts committed at once) and ask the database for what is missing.
      if (Object.keys(waiting).length < maxWaiting) {
        waiting[frame.seq] = frame;
      }
      resume();
      return;
    }
    apply(frame);
    lastSeq = frame.seq;
    // Frames that were waiting for this one follow now, in order.
    while (waiting[lastSeq + 1]) {
      var next = waiting[lastSeq + 1];
      delete waiting[lastSeq + 1];
      apply(next);
      lastSeq = next.seq;
    }
    Object.keys(waiting).forEach(function (seq) {
      if (parseInt(seq, 10) <= lastSeq) {
        delete waiting[seq];
      }
    });
    container.setAttribute("data-last-seq", String(lastSeq));
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
      // 4401: logged out; 4403: no longer allowed. Reconnecting would not help.
      if (stopped || event.code === 4401 || event.code === 4403) {
        return;
      }
      var wait = delay + Math.floor(Math.random() * 500);
      delay = Math.min(delay * 2, maxDelay);
      window.setTimeout(connect, event.code === 4429 ? Math.max(wait, 10000) : wait);
    });
  }

  // The reply form: the same POST, with fetch. The answer is JSON: on success the
  // post arrives over the socket; otherwise the form comes back with the privacy
  // preview or the errors, and the typed text in it.
  var pristine = document.querySelector("[data-forum-reply-form]");
  pristine = pristine ? pristine.cloneNode(true) : null;

  function enhanceReplyForm() {
    var section = document.querySelector("[data-forum-reply-form]");
    var form = section ? section.querySelector("form") : null;
    if (!form) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) {
        data.append(event.submitter.name, event.submitter.value);
      }
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Forum-Fetch": "1" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (answer.ok) {
            if (!socket) {
              window.location.reload();
              return;
            }
            var clean = pristine.cloneNode(true);
            clean.querySelectorAll("[data-privacy-preview], [data-error-summary], input[name=geaccepteerd]").forEach(function (node) {
              node.remove();
            });
            clean.querySelectorAll("textarea").forEach(function (textarea) {
              textarea.value = "";
              textarea.textContent = "";
            });
            section.replaceWith(clean);
            enhanceReplyForm();
            return;
          }
          var replacement = fromHtml(answer.html);
          section.replaceWith(replacement);
          enhanceReplyForm();
          var focus =
            replacement.querySelector("[data-error-summary]") ||
            replacement.querySelector("[data-privacy-preview]");
          if (focus) {
            focus.focus();
          }
        })
        .catch(function () {
          form.submit(); // fall back to the ordinary form post
        });
    });
  }

  // Typing in the reply form tells the others (at most every 3 s; the server
  // throttles too). Delegated: the form is replaced after every post.
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.tagName === "TEXTAREA" && target.closest("[data-forum-reply-form]")) {
      iAmTyping();
    }
  });

  window.addEventListener("pagehide", function () {
    stopped = true;
    if (socket) {
      socket.close();
    }
  });

  enhanceReplyForm();
  connect();
})();
