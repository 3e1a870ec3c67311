// Registers the site's service worker (sw.js at the site root) so that procedures,
// checklists, reference pages and search keep working offline once the site was visited.
// Not on file:// — browsers allow service workers only on http(s).
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  const script = document.currentScript;
  if (!script) return;
  // This file lives at <root>/assets/training/offline.js.
  const root = new URL("../../", script.src);
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", root).toString(), { scope: root.pathname })
      .catch(function () { /* the site still works online without it */ });
  });
})();
