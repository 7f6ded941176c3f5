/*
 * Keep the site for offline use: register the site's service worker (loaded on every page,
 * through `extra_javascript` in mkdocs.yml).
 *
 * service-worker.js is written at the site root by the build (scripts/site_tools/offline_cache.py),
 * so its scope is the whole site, wherever the site is served: the root is found from this
 * file's own address (assets/javascripts/ is two folders below it). Registering waits for the
 * page to load, so the worker's first download of the site never slows the page being read.
 * Browsers without service workers, or pages not served over https or from localhost (a file
 * opened from disk), simply go without: the site works as before, online.
 */
(() => {
  "use strict";

  if (!("serviceWorker" in navigator)) return;
  const root = new URL("../../", document.currentScript.src);
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("service-worker.js", root), { scope: root.pathname })
      .catch(() => {}); // not kept offline this time; the page itself is unaffected
  });
})();
