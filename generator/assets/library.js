// Case library filters: narrow the list of case cards by tag, category, industry and
// principle. The filter lives in the URL (?tag=...) so a filtered list can be linked.
// Runs on every page change of Material's instant navigation (document$).
(function () {
  "use strict";

  const FIELDS = ["tag", "category", "industry", "principle"];
  // Which data attribute of a card each filter reads; values are "|"-separated.
  const ATTRIBUTE = { tag: "tags", category: "category", industry: "industry", principle: "principle" };

  function matches(card, wanted) {
    return FIELDS.every(function (field) {
      if (!wanted[field]) return true;
      const values = (card.dataset[ATTRIBUTE[field]] || "").split("|");
      return values.indexOf(wanted[field]) !== -1;
    });
  }

  function apply(form, cards, empty) {
    const wanted = {};
    const params = new URLSearchParams();
    FIELDS.forEach(function (field) {
      wanted[field] = form.elements[field].value;
      if (wanted[field]) params.set(field, wanted[field]);
    });
    let shown = 0;
    cards.forEach(function (card) {
      const visible = matches(card, wanted);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    empty.hidden = shown !== 0;
    form.querySelector("output").textContent = "显示 " + shown + " / " + cards.length + " 个案例";
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function init() {
    const form = document.querySelector("[data-tk-library-filters]");
    if (!form || form.dataset.tkReady) return;
    form.dataset.tkReady = "1";
    const cards = Array.prototype.slice.call(document.querySelectorAll(".tk-card"));
    const empty = document.querySelector(".tk-library-empty");
    const params = new URLSearchParams(location.search);
    FIELDS.forEach(function (field) {
      const select = form.elements[field];
      const value = params.get(field);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    form.addEventListener("change", function () { apply(form, cards, empty); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(form, cards, empty); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(form, cards, empty);
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
