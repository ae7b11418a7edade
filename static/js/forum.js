// The live thread (protocol: docs/live.md, "Forum threads").
//
// The page renders the thread up to data-last-seq; this script connects to the
// thread's socket through the shared live client (static/js/live.js: resume on
// every (re)connect and on resync, frames strictly in sequence, a duplicate
// dropped, a gap resumed and the early frame kept until the gap is filled,
// reconnects with a growing delay), and posts the reply form with fetch
// to the same URL the no-JavaScript form uses. New posts are announced in a
// polite live region; the focus never moves for them.
(function () {
  "use strict";

  var container = document.getElementById("forum-thread");
  if (!container || !("WebSocket" in window) || !window.hgLive) {
    return;
  }
  var list = container.querySelector("[data-forum-posts]");
  var announcer = container.querySelector("[data-forum-announce]");
  var lastSeq = parseInt(container.getAttribute("data-last-seq"), 10) || 0;
  var path = container.getAttribute("data-ws-path");
  var live = null;
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
    if (now - typingSentAt >= typingEvery && live.send({ type: "typing" })) {
      typingSentAt = now;
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

  function other(frame) {
    if (frame.type === "typing") {
      someoneTypes(frame.name); // no seq: never stored, never replayed
    }
    // an error frame: nothing to show in the thread
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
            if (!live.connected()) {
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

  enhanceReplyForm();
  live = window.hgLive.connect({
    path: path,
    lastSeq: lastSeq,
    apply: apply,
    other: other,
    onSeq: function (seq) {
      container.setAttribute("data-last-seq", String(seq));
    },
  });
})();
