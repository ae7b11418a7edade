/* Saves the author's draft as they type ("Verhaal schrijven"). A progressive
   enhancement: without JavaScript the form's own "Opslaan als concept" button
   does the same, and a failed save only shows a message, it never loses text. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  if (!form || !status || !window.fetch || !window.FormData) {
    return;
  }
  var DELAY = 5000;
  var timer = null;
  var dirty = false;
  var busy = false;

  function show(message) {
    status.textContent = message || "";
  }

  function save() {
    if (busy || !dirty) {
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
    fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        if (result.ok && result.body.edit_url) {
          form.setAttribute("action", result.body.edit_url);
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", result.body.edit_url);
          }
          show(status.getAttribute("data-saved"));
        } else {
          show(status.getAttribute("data-incomplete"));
        }
      })
      .catch(function () {
        show(status.getAttribute("data-failed"));
      })
      .then(function () {
        busy = false;
        if (dirty) {
          timer = window.setTimeout(save, DELAY);
        }
      });
  }

  form.addEventListener("input", function () {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  });
})();
