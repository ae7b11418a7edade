// Lessons work without JavaScript: every form posts and the page re-renders.
// With JavaScript, quiz and scenario forms post in the background and the lesson
// body is replaced with the server's answer, so the learner stays where they are.
(function () {
  "use strict";
  if (!document.querySelector("[data-lesson]") || !window.fetch || !window.DOMParser) return;

  function focusTarget(id) {
    var target = id && document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
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
    fetch(form.action || window.location.pathname, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-lesson]");
        var current = document.querySelector("[data-lesson]");
        if (!fresh || !current) { window.location.reload(); return; }
        current.replaceWith(fresh);
        focusTarget(kind === "quiz" ? "toets-uitslag" : block ? "blok-" + block.value : null);
      })
      .catch(function () { form.submit(); });
  });
})();
