// Progressive enhancement hook: styles may assume JavaScript once this class is set.
document.documentElement.classList.add("js");

// A form that comes back with errors starts at its error summary, so a screen
// reader hears what went wrong first (each item links to its field).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();

// The menu is a details element (it folds without JavaScript on a phone); on a
// wide screen it is always open, also in browsers without ::details-content.
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  if (!menu || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 48em)");
  function follow() {
    if (wide.matches) {
      menu.open = true;
    }
  }
  follow();
  wide.addEventListener("change", follow);
})();

// "Kopieer de codes": the recovery codes, one a line, to the clipboard.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-list]").forEach(function (button) {
    button.addEventListener("click", function () {
      var list = document.getElementById(button.getAttribute("data-copy-list"));
      if (!list || !navigator.clipboard) {
        return;
      }
      var codes = Array.prototype.map.call(list.querySelectorAll("code"), function (code) {
        return code.textContent;
      });
      navigator.clipboard.writeText(codes.join("\n")).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
