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
