/*
 * The site's service worker: keeps the whole site in the browser's cache for offline use.
 *
 * This is the template of service-worker.js. The build (scripts/site_tools/offline_cache.py)
 * writes that file at the site root, this text preceded by `const OFFLINE = {version, urls}`:
 * the built files to keep, as URLs relative to the site root, and a hash of them all.
 *
 * Install: fetch every URL afresh (bypassing the HTTP cache, so no stale copy is kept) into a
 * cache named after this site's path and the version; if one fetch fails, this version is not
 * installed and the browser tries again on a later visit. Activate: delete this site's caches
 * of other versions, then take over open pages. Fetch: answer a request for a kept URL from the
 * cache (a page whatever its query, such as the `?h=` of a search result), anything else from
 * the network; a page that is not kept, asked for offline, gets the site's 404 page.
 * Requests to other origins (the site makes none) and non-GET requests are left alone.
 */
"use strict";

const ROOT = new URL("./", self.location.href);
const PREFIX = `offline ${ROOT.pathname} `;
const CACHE = PREFIX + OFFLINE.version;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(OFFLINE.urls.map((url) => new Request(new URL(url, ROOT), { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(old.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "GET" && request.url.startsWith(ROOT.href)) {
    event.respondWith(answer(request));
  }
});

async function answer(request) {
  const cache = await caches.open(CACHE);
  const page = request.mode === "navigate";
  const kept = await cache.match(request, { ignoreSearch: page });
  if (kept) return kept;
  try {
    return await fetch(request);
  } catch (offline) {
    const notFound = page && await cache.match(new URL("404.html", ROOT));
    if (notFound) return notFound;
    throw offline;
  }
}
