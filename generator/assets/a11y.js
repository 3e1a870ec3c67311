// Accessibility fixes to Material's markup that a template override would have to copy
// whole: the search dialog gets an accessible name (axe: aria-dialog-name), and the tags
// of each search result, a <nav> landmark per result, get a name of their own so the
// landmarks can be told apart (axe: landmark-unique). Checked by tests/browser/test_a11y.py.
(function () {
  "use strict";

  function labelResultTags(root) {
    // Material's Chinese search separates words with zero-width spaces.
    const text = (element) => (element ? element.textContent.replace(/\u200b/g, "").trim() : "");
    root.querySelectorAll(".md-search-result__article > nav.md-tags:not([aria-label])").forEach(function (nav) {
      // A result lists the page (h1) and then its matching sections (h2), each with the tags.
      const item = nav.closest(".md-search-result__item");
      const page = text(item && item.querySelector("h1"));
      const section = text(nav.parentElement.querySelector("h2"));
      nav.setAttribute("aria-label", "标签：" + [page, section].filter(Boolean).join(" · "));
    });
  }

  function init() {
    const dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索");

    // Results are rendered as the query is typed; the list survives instant navigation.
    const results = document.querySelector(".md-search-result");
    if (results && !results.hasAttribute("data-tk-a11y")) {
      results.setAttribute("data-tk-a11y", "");
      new MutationObserver(function () {
        labelResultTags(results);
      }).observe(results, { childList: true, subtree: true });
      labelResultTags(results);
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
