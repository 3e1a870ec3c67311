// Accessibility fixes to Material's markup that a template override would have to copy
// whole: the search dialog gets an accessible name (axe: aria-dialog-name).
(function () {
  "use strict";

  function init() {
    const dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索");
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
