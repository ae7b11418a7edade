// Lessons work without JavaScript: every form posts and the page re-renders.
// With JavaScript, quiz and scenario forms post in the background and the lesson
// body is replaced with the server's answer, so the learner stays where they are;
// the result gets the focus. Reflections are kept as drafts in this tab's
// sessionStorage while the learner types (never on the server: the server stores a
// reflection only after its privacy check), so neither a quiz submit that replaces
// the lesson nor an expired session loses typed text. A draft goes once the server
// says it saved the reflection (`?bewaard=<block>`), and with the tab.
(function () {
  "use strict";
  if (!document.querySelector("[data-lesson]")) return;
  var PREFIX = "hg-reflectie:" + window.location.pathname + ":";

  function store() {
    try { return window.sessionStorage; } catch (error) { return null; }
  }

  function saveDraft(textarea) {
    var form = textarea.closest("form[data-reflection]");
    var storage = store();
    if (!form || !storage) return;
    try { storage.setItem(PREFIX + form.getAttribute("data-reflection"), textarea.value); } catch (error) { /* full: keep typing */ }
  }

  function restoreDrafts() {
    var storage = store();
    if (!storage) return;
    var saved = new URLSearchParams(window.location.search).get("bewaard");
    if (saved) {
      storage.removeItem(PREFIX + saved);
      var url = new URL(window.location.href);
      url.searchParams.delete("bewaard");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    document.querySelectorAll("form[data-reflection]").forEach(function (form) {
      var draft = storage.getItem(PREFIX + form.getAttribute("data-reflection"));
      var textarea = form.querySelector("textarea[name=antwoord]");
      // A page the server rendered with an error shows what was posted: that wins.
      if (draft === null || !textarea || textarea.getAttribute("aria-invalid") === "true") return;
      if (draft !== textarea.value) textarea.value = draft;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("form[data-reflection] textarea[name=antwoord]")) saveDraft(event.target);
  });
  restoreDrafts();

  if (!window.fetch || !window.DOMParser) return;

  function focusTarget(id) {
    var target = id && document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    // scroll-margin-top (courses.css) keeps the target clear of the sticky exit bar.
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-enhance]") || !form.closest("[data-lesson]")) return;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    var kind = form.getAttribute("data-enhance");
    var block = form.querySelector("[name=blok]");
    var action = form.action.split("#")[0];
    fetch(action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        var landed = new URL(response.url);
        if (response.redirected && landed.pathname !== window.location.pathname) {
          // The course is complete (or the session ended): go where the server sent us.
          window.location.assign(response.url);
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-lesson]");
        var current = document.querySelector("[data-lesson]");
        if (!fresh || !current) { window.location.reload(); return; }
        current.replaceWith(fresh);
        restoreDrafts();
        focusTarget(kind === "quiz" ? "toets-uitslag" : block ? "blok-" + block.value : null);
      })
      .catch(function () { form.submit(); });
  });
})();
