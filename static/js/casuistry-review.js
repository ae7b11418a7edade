/* The moderator redacts by selecting: text selected inside one part of the case
   (an element with data-part) fills the "Verder anonimiseren" form with that part
   and the exact text, so only the label is left to choose. A progressive
   enhancement: without JavaScript the moderator types the text into the form. */
(function () {
  "use strict";
  var form = document.querySelector("#vervangen form");
  if (!form || !window.getSelection) {
    return;
  }
  var part = form.querySelector('[name="part"]');
  var phrase = form.querySelector('[name="phrase"]');
  var start = form.querySelector('[name="start"]');
  var end = form.querySelector('[name="end"]');
  if (!part || !phrase) {
    return;
  }

  function partOf(node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentElement;
    return element ? element.closest("[data-part]") : null;
  }

  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    var from = partOf(range.startContainer);
    // Only a selection inside one part: the service replaces text within a part.
    if (!from || from !== partOf(range.endContainer)) {
      return;
    }
    var text = selection.toString().replace(/\s+/g, " ").trim();
    if (!text || text.indexOf("[") !== -1) {
      return;
    }
    var key = from.getAttribute("data-part");
    if (!part.querySelector('option[value="' + key + '"]')) {
      return;
    }
    part.value = key;
    phrase.value = text;
    // The exact text decides, not character offsets from an earlier selection.
    if (start) {
      start.value = "";
    }
    if (end) {
      end.value = "";
    }
    phrase.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("mouseup", take);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) {
      take();
    }
  });
  document.addEventListener("touchend", take);
})();
