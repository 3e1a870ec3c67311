// Loads the scripts of features a page has, once, when a page that has them is shown:
// the quiz engine only where there is a quiz, mixed practice or the progress table, the
// case filters only on the case library, the print button's script only on printable
// sheets. Material's instant navigation swaps pages without loading scripts, so this looks
// again on every page change (document$); each script then follows document$ itself.
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script) return;
  // What each script works on; the selectors are the ones its own init() looks for.
  const FEATURES = [
    ["quiz.js", ".tk-quiz[data-tk-quiz], form[data-tk-mix], table[data-tk-progress]"],
    ["library.js", "[data-tk-library-filters]"],
    ["print.js", "[data-tk-print]"],
  ];
  const loaded = new Set();

  // Once the scripts this page needs have run, the page says so (data-tk-scripts="ready"
  // on <html>): what waits for a page that works, the browser tests included, waits for it.
  function ready() {
    document.documentElement.setAttribute("data-tk-scripts", "ready");
  }

  function load() {
    let last = null;
    FEATURES.forEach(function ([name, selector]) {
      if (loaded.has(name) || !document.querySelector(selector)) return;
      loaded.add(name);
      last = document.createElement("script");
      last.src = new URL(name, script.src).href;
      last.async = false;
      document.body.appendChild(last);
    });
    if (last) last.onload = last.onerror = ready;
    else ready();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(load);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();
