// "Snel weg": leave the site at once, for someone who is being watched.
//
// Loaded in <head> without defer and listening on the document, so it works from
// the first moment the page shows, before the button itself is parsed. The page
// is hidden at once and then *replaced* (location.replace), so Back does not
// lead here again. Without JavaScript the button is an ordinary link.
(function () {
  "use strict";

  var FALLBACK_URL = "https://www.google.nl/";
  // Two presses of Escape within this time count as "leave now"; one press alone
  // keeps its ordinary meaning (close a menu, clear a search box).
  var DOUBLE_PRESS_MS = 1000;
  var lastEscape = 0;

  function exitUrl(link) {
    var source = link || document.querySelector("[data-quick-exit]");
    return (source && source.getAttribute("href")) || FALLBACK_URL;
  }

  // Copies of a story being written (stories-autosave.js) do not outlive the exit.
  function forgetStoryDrafts() {
    try {
      var store = window.sessionStorage;
      for (var i = store.length - 1; i >= 0; i -= 1) {
        var key = store.key(i);
        if (key && key.indexOf("hg-verhaal:") === 0) {
          store.removeItem(key);
        }
      }
    } catch (error) {
      /* no storage: nothing to forget */
    }
  }

  function leave(link) {
    forgetStoryDrafts();
    document.documentElement.classList.add("site-leaving");
    window.location.replace(exitUrl(link));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    leave(link);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape <= DOUBLE_PRESS_MS) {
      event.preventDefault();
      leave(null);
    }
    lastEscape = now;
  });
})();
