// Print buttons on checklists and forms: shown only when JavaScript can print, and
// bound again on every page change of Material's instant navigation.
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("[data-tk-print]").forEach(function (button) {
      if (button.dataset.tkReady) return;
      button.dataset.tkReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Loaded by loader.js, possibly after the page was parsed.
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
