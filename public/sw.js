// Chấm điểm's service worker: after the first visit the app works offline.
// Network first for every same-origin GET, so a new version or a corrected
// ruleset is used as soon as the portal publishes it; the cache answers only
// when the network does not. The bundled rulesets and their examples are
// cached at install, so every index can be opened offline.
const CACHE = 'chamdiem-v1';
// The pages in folders of their own: each has its own worker and cache (public/pages/sw.js);
// their files are neither precached, served nor kept here, though index.html links to them.
const PAGES = ['tong-hop/', 'tham-dinh/'].map((p) => new URL(p, self.registration.scope).href);
const elsewhere = (url) => PAGES.some((p) => url.startsWith(p));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      const index = await (await fetch('rulesets/index.json', { cache: 'no-store' })).json();
      // Not the earlier copies in rulesets/archive/ (index.rulesets[].archive): they
      // serve only to check a file made on one of them, each edit of a ruleset
      // adds one, and every visitor would download them all. One is fetched when
      // such a file is imported, then cached by the fetch handler below like any
      // other file (named after its hash, it never changes). Offline, an archived
      // copy never fetched before cannot be had: that file opens read-only, saying so.
      const files = index.rulesets.flatMap((r) => [r.file, r.example].filter(Boolean).map((f) => `rulesets/${f}`));
      // The page and every file it names (Trunk's hashed script, wasm, styles).
      const page = await fetch('./', { cache: 'no-store' });
      const html = await page.clone().text();
      // Quoted or not: the minified page drops quotes where HTML allows it.
      const assets = [...html.matchAll(/(?:href|src)=(?:"([^"#?]+)"|([^\s"'>#?]+))/g)]
        .map((m) => new URL(m[1] ?? m[2], self.registration.scope))
        .filter((u) => u.origin === self.location.origin && !elsewhere(u.href))
        .map((u) => u.href);
      await cache.put('./', page);
      // Each file on its own (addAll drops everything when one file fails, or
      // when a file is named twice: the page itself preloads the index).
      // The worker that opens files (src/opener.rs): not named by the page,
      // which starts it only when a file is opened.
      const opener = ['opener_loader.js', 'opener.js', 'opener_bg.wasm'];
      const all = ['rulesets/index.json', ...opener, ...files].map((f) => new URL(f, self.registration.scope).href);
      await Promise.allSettled([...new Set([...all, ...assets])].map((u) => cache.add(u)));
    } catch (e) {
      // Offline at install: the pages visited will still be cached as they load.
    }
  })());
});

self.addEventListener('activate', (event) => {
  // Only this worker's earlier caches: the office and appraisal pages' workers (tong-hop/sw.js, tham-dinh/sw.js) keep their own.
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('chamdiem-v') && k !== CACHE).map((k) => caches.delete(k)))));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  // Even on the visit before their own worker runs.
  if (elsewhere(req.url)) return;
  event.respondWith((async () => {
    try {
      const resp = await fetch(req);
      if (resp.ok) {
        const copy = resp.clone();
        event.waitUntil(caches.open(CACHE).then((c) => c.put(req, copy)));
      }
      return resp;
    } catch (e) {
      const hit = await caches.match(req, { ignoreSearch: req.mode === 'navigate' });
      if (hit) return hit;
      throw e;
    }
  })());
});
