/* global self, caches */
/*
 * WARD FLUX service worker: the app shell for an offline start (the page, its hashed assets, the
 * manifest and icons). It handles nothing else: the API (/api/), the session routes and the
 * WebSocket always go to the engine, so no reading of devices or alerts is ever cached.
 * Shell pages are fetched from the network first (a new version shows at once), the cached copy
 * used only when the host cannot be reached; hashed assets never change, so the cache serves them.
 */
const CACHE = 'wardflux-shell-v1';
const SHELL = ['./', './manifest.webmanifest', './icons/icon-192.png', './icons/icon-512.png', './icons/logo.svg'];
const scope = new URL(self.registration.scope);

/** What the worker may answer: same origin, GET, the shell's own files and nothing under /api/. */
function shellRequest(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  const path = url.pathname.slice(scope.pathname.length);
  if (path.startsWith('api/') || path.startsWith('session') || path.startsWith('ws')) return false;
  return request.mode === 'navigate' || path === '' || path === 'index.html' || path.startsWith('assets/') || path.startsWith('icons/') || path === 'manifest.webmanifest';
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // The page's own script and styles, named in the page (hashed names change with each build).
      const page = await (await cache.match('./')).text();
      const assets = [...page.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `./${m[1]}`);
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!shellRequest(request)) return;
  const url = new URL(request.url);
  if (url.pathname.slice(scope.pathname.length).startsWith('assets/')) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) void caches.open(CACHE).then((cache) => cache.put(request, response.clone()));
            return response;
          }),
      ),
    );
    return;
  }
  // The page (any navigation is the one-page app) and the small shell files: network first.
  const key = request.mode === 'navigate' ? './' : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(async () => (await caches.match(key)) ?? Response.error()),
  );
});
