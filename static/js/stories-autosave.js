/* "Verhaal schrijven": the draft saves itself, and nothing typed is lost.

   A progressive enhancement: without JavaScript the form's own "Opslaan als
   concept" button saves, and a failed save only shows a message.

   1. Autosave: a few seconds after the author stops typing, the form is posted
      in the background (X-Autosave) and the server stores a new revision.
   2. A copy in this tab: every change is also kept in sessionStorage (this tab
      only, gone with the tab; never sent anywhere), under a key of the author and
      the story, with the revision the form started from. When the session has
      expired, an autosave or a click on "Opslaan" ends at the login page; after
      logging in again the author is sent back to the form, which puts the copy
      back and saves it. A copy is dropped once the server has a newer revision
      (the text was saved), and the copy of a new story once the server says so
      (data-draft-clear after a successful save or submission).
   3. "Snel weg" (quick-exit.js) removes the copies too. */
(function () {
  "use strict";
  var PREFIX = "hg-verhaal:";
  var SECTION_FIELD = /^deel-(\d+)-/;

  function storage() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null;
    }
  }

  function forget(key) {
    var store = storage();
    if (store && key) {
      store.removeItem(key);
    }
  }

  // After a successful save or submission of a new story: its copy goes.
  Array.prototype.forEach.call(document.querySelectorAll("[data-draft-clear]"), function (el) {
    forget(el.getAttribute("data-draft-clear"));
  });

  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  if (!form || !status) {
    return;
  }
  var key = form.getAttribute("data-draft-key");
  var base = form.getAttribute("data-draft-base") || "";
  var DELAY = 5000;
  var timer = null;
  var dirty = false;
  var busy = false;
  var loggedOut = false;

  function show(message) {
    status.textContent = message || "";
  }

  // --- the copy in this tab -------------------------------------------------

  function kept(field) {
    var type = (field.type || "").toLowerCase();
    if (!field.name || field.disabled || type === "file" || type === "hidden") {
      return false;
    }
    if (type === "submit" || type === "button" || field.name === "csrfmiddlewaretoken") {
      return false;
    }
    // The privacy step's choices are asked again on every submission.
    return field.name !== "replace" && field.name !== "reviewed";
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, kept);
  }

  function snapshot() {
    var values = {};
    fields().forEach(function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        values[field.name] = values[field.name] || [];
        if (field.checked) {
          values[field.name].push(field.value);
        }
      } else if (field.tagName === "SELECT" && field.multiple) {
        values[field.name] = Array.prototype.filter
          .call(field.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function remember() {
    var store = storage();
    if (!store || !key) {
      return;
    }
    try {
      store.setItem(key, JSON.stringify({ base: base, values: snapshot() }));
    } catch (error) {
      /* storage full or refused: the autosave still runs */
    }
  }

  function sectionCount(values) {
    var highest = -1;
    Object.keys(values).forEach(function (name) {
      var match = SECTION_FIELD.exec(name);
      if (match) {
        highest = Math.max(highest, parseInt(match[1], 10));
      }
    });
    return highest + 1;
  }

  // A copy with more sections than the form (one was added before the session
  // ended): add empty sections like the last one, as the server would.
  function addSections(count) {
    var total = form.querySelector("input[name='deel-TOTAL_FORMS']");
    var sections = form.querySelectorAll(".story-section-fields");
    if (!total || !sections.length) {
      return;
    }
    var last = sections[sections.length - 1];
    var number = parseInt(total.value, 10);
    while (number < count) {
      var clone = last.cloneNode(true);
      var index = String(number);
      Array.prototype.forEach.call(clone.querySelectorAll("figure, .utrecht-form-field-errors"), function (el) {
        el.parentNode.removeChild(el);
      });
      Array.prototype.forEach.call(clone.querySelectorAll("[name], [id], [for], [aria-describedby]"), function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
          var value = el.getAttribute(attribute);
          if (value) {
            el.setAttribute(attribute, value.replace(/deel-\d+-/g, "deel-" + index + "-"));
          }
        });
        if (el.name && el.name.indexOf("remove_image") !== -1) {
          el.parentNode && el.closest(".utrecht-form-field") && el.closest(".utrecht-form-field").remove();
        } else if ("value" in el && el.type !== "checkbox" && el.type !== "radio") {
          el.value = "";
        }
        el.removeAttribute && el.removeAttribute("aria-invalid");
      });
      var legend = clone.querySelector("legend");
      if (legend && legend.textContent) {
        legend.textContent = legend.textContent.replace(/\d+/, String(number + 1));
      }
      last.parentNode.insertBefore(clone, last.nextSibling);
      last = clone;
      number += 1;
    }
    total.value = String(number);
  }

  function differs(values, current) {
    return Object.keys(values).some(function (name) {
      return JSON.stringify(values[name]) !== JSON.stringify(current[name]);
    });
  }

  function restore() {
    var store = storage();
    var raw = store && key ? store.getItem(key) : null;
    if (!raw) {
      return false;
    }
    var copy;
    try {
      copy = JSON.parse(raw);
    } catch (error) {
      forget(key);
      return false;
    }
    // The server saved a newer version since this copy was made: it holds the text.
    if (!copy || copy.base !== base || !copy.values) {
      forget(key);
      return false;
    }
    // A form the server drew after an error shows what was posted: that wins.
    if (form.querySelector("[aria-invalid='true']") || !differs(copy.values, snapshot())) {
      return false;
    }
    addSections(sectionCount(copy.values));
    fields().forEach(function (field) {
      if (!(field.name in copy.values)) {
        return;
      }
      var value = copy.values[field.name];
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        field.checked = value.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.options, function (o) {
          o.selected = value.indexOf(o.value) !== -1;
        });
      } else {
        field.value = value;
      }
    });
    return true;
  }

  // --- autosave --------------------------------------------------------------

  function loggedOutNow() {
    loggedOut = true;
    show(status.getAttribute("data-logged-out"));
    var login = document.getElementById("autosave-login");
    if (login) {
      var link = login.querySelector("a");
      if (link) {
        var url = link.getAttribute("href").split("?")[0];
        link.setAttribute("href", url + "?next=" + encodeURIComponent(window.location.pathname));
      }
      login.hidden = false;
    }
  }

  function save() {
    if (busy || !dirty || loggedOut || !window.fetch || !window.FormData) {
      return;
    }
    busy = true;
    dirty = false;
    var data = new FormData(form);
    data.set("action", "save");
    // Images are sent with "Opslaan" or "Indienen" only: an autosave every few
    // seconds would store the same picture again and again.
    Array.prototype.forEach.call(form.querySelectorAll('input[type="file"]'), function (input) {
      data.delete(input.name);
    });
    data.delete("replace");
    data.delete("reviewed");
    fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", Accept: "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        // The session ended: the server answers with its login page.
        if (response.redirected || response.status === 401 || type.indexOf("application/json") === -1) {
          return { loggedOut: response.redirected || response.status === 401 };
        }
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        if (result.loggedOut) {
          loggedOutNow();
        } else if (result.ok && result.body.edit_url) {
          var newKey = result.body.draft_key;
          if (newKey && newKey !== key) {
            forget(key);
            key = newKey;
            form.setAttribute("data-draft-key", key);
          }
          base = String(result.body.revision || "");
          form.setAttribute("data-draft-base", base);
          form.setAttribute("action", result.body.edit_url);
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", result.body.edit_url);
          }
          remember();
          show(status.getAttribute("data-saved"));
        } else if (result.body) {
          show(status.getAttribute("data-incomplete"));
        } else {
          show(status.getAttribute("data-failed"));
        }
      })
      .catch(function () {
        show(status.getAttribute("data-failed"));
      })
      .then(function () {
        busy = false;
        if (dirty) {
          window.clearTimeout(timer);
          timer = window.setTimeout(save, DELAY);
        }
      });
  }

  function changed() {
    remember();
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // A click on "Opslaan" or "Indienen": the copy is current whatever the answer.
  form.addEventListener("submit", remember);

  if (restore()) {
    show(status.getAttribute("data-restored"));
    changed();
  } else {
    remember();
  }
})();
