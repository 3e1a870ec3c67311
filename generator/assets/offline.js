// Offline use: registers the site's service worker (sw.js at the site root; generated from
// templates/sw.js.j2), and runs the control "保存到本机，离线可用" on the pages that carry it
// (procedures, checklists, forms, reference): the offline pack is fetched only when asked for.
// Not on file:// and not where browsers allow no service worker (plain http on a LAN address).
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
  // This file lives at <root>/assets/training/offline.js.
  const root = new URL("../../", script.src);
  const PACK = new URL("offline-pack.json", root).href;
  const FULL_SEARCH = new URL("pagefind/", root).href;
  const TEXT = {
    save: "保存到本机，离线可用",
    saveThis: "把本页也保存到本机",
    saving: (done, total) => "正在保存……（" + done + " / " + total + "）",
    saved: (pages) => "已保存，可离线使用（" + pages + " 页）",
    packOnly: (pages) => "离线包已保存（" + pages + " 页），本页不在其中",
    failed: "没能保存：请在信号好的地方再试一次",
  };
  // Opened before the worker controlled it (a first visit): its requests went past the worker.
  const firstVisit = !navigator.serviceWorker.controller;

  // Once the page has loaded (this script is itself fetched after the first paint, so the
  // page may have loaded already): nothing of the worker competes with the page's own files.
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
      .catch(function () { /* the site still works online without it */ });
    if (firstVisit) navigator.serviceWorker.ready.then(keepThisPage);
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);

  // The files this page loaded, kept by the worker from the browser's HTTP cache, so the
  // first page read also opens offline. The site-wide search index is not kept.
  function keepThisPage(registration) {
    const urls = [location.href.split("#")[0]].concat(performance.getEntriesByType("resource").map(function (entry) {
      return entry.name;
    })).filter(function (url) { return url.startsWith(root.href) && !url.startsWith(FULL_SEARCH); });
    if (registration.active) registration.active.postMessage({ type: "keep", urls: urls });
  }

  // This page's address as the pack lists pages: relative to the site root.
  function thisPage() {
    return location.pathname.slice(root.pathname.length);
  }

  // What was saved: the pack's manifest as the worker kept it, or null.
  function savedPack() {
    return caches.match(PACK).then(function (hit) { return hit ? hit.json() : null; }).catch(function () { return null; });
  }

  function show(control, saved) {
    const button = control.querySelector("button");
    const status = control.querySelector("[role=status]");
    if (!saved) return;
    const here = saved.pages.indexOf(thisPage()) !== -1;
    button.hidden = here;
    button.textContent = TEXT.saveThis;
    status.textContent = here ? TEXT.saved(saved.pages.length) : TEXT.packOnly(saved.pages.length);
    control.dataset.tkSaved = here ? "page" : "pack";
  }

  function save(control) {
    const button = control.querySelector("button");
    const status = control.querySelector("[role=status]");
    button.disabled = true;
    status.textContent = TEXT.saving(0, "…");
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        const channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          const reply = event.data;
          if (reply.total) {
            status.textContent = TEXT.saving(reply.done, reply.total);
          } else if (reply.saved) {
            button.disabled = false;
            savedPack().then(function (saved) { show(control, saved); });
          } else {
            button.disabled = false;
            status.textContent = TEXT.failed;
          }
        };
        registration.active.postMessage({ type: "save-pack", page: thisPage() }, [channel.port2]);
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = TEXT.failed;
      });
  }

  function init() {
    const control = document.querySelector("[data-tk-offline]");
    if (!control || control.dataset.tkReady) return;
    control.dataset.tkReady = "1";
    control.querySelector("button").addEventListener("click", function () { save(control); });
    savedPack().then(function (saved) { show(control, saved); });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
