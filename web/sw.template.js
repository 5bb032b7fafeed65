// Panorama's service worker: keeps the built app (content-hashed files and
// index.html) in a cache named after this build, and serves it from there,
// so the app opens with no network after one visit. A new build ships a
// new sw.js (its asset list and version differ); it installs beside the old
// one and waits until the page asks it to take over ("new version ready").
// Generated into dist/ by scripts/post-build.mjs from web/sw.template.js.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `panorama-app-${VERSION}`;

self.addEventListener('install', (event) => {
  // 'reload' skips the HTTP cache: the engine's files keep their names
  // from build to build, so a cached copy could be an older build's.
  const fresh = ['./', ...ASSETS].map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('panorama-app-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Any page of the app (the view is in the hash) is index.html.
    const key = req.mode === 'navigate' ? './' : req;
    const hit = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
    return hit ?? fetch(req);
  })());
});
