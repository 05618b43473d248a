// The service worker of each page in a folder of its own (tong-hop/, tham-dinh/;
// copied beside each page as sw.js, scope that folder): after the first visit the
// page works offline. Its own worker and cache, so that the scoring page's
// worker (public/sw.js, one folder up) neither precaches nor serves this page's
// files: an agency opening the scoring page never downloads them. Network
// first, as the scoring page's: a new version is used as soon as it is published.
// The cache is named after the folder ("chamdiem-tong-hop-v1").
const FOLDER = new URL(self.registration.scope).pathname.split('/').filter(Boolean).pop();
const PREFIX = `chamdiem-${FOLDER}-`;
const CACHE = `${PREFIX}v1`;
// The site's rulesets (one folder up), which a page fetches to check the files
// it opens: all precached, so that a file opens offline.
const RULESETS = new URL('../rulesets/', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      // The page and every file it names (Trunk's hashed script, wasm, styles, icon).
      const page = await fetch('./', { cache: 'no-store' });
      const html = await page.clone().text();
      // Quoted or not: the minified page drops quotes where HTML allows it.
      const assets = [...html.matchAll(/(?:href|src)=(?:"([^"#?]+)"|([^\s"'>#?]+))/g)]
        .map((m) => new URL(m[1] ?? m[2], self.registration.scope))
        .filter((u) => u.origin === self.location.origin && u.href.startsWith(self.registration.scope))
        .map((u) => u.href);
      // Every ruleset, the archived copies and the rosters too: the office's page reads them all
      // to check files made on any version (a few small files).
      let rulesets = [];
      try {
        const index = await (await fetch(`${RULESETS}index.json`, { cache: 'no-store' })).json();
        const files = index.rulesets.flatMap((r) => [r.file, r.roster, ...(r.archive ?? []).map((a) => a.file)].filter(Boolean));
        rulesets = ['index.json', ...files].map((f) => new URL(f, RULESETS).href);
      } catch (e) {
        // Kept as they are fetched instead.
      }
      await cache.put('./', page);
      await Promise.allSettled([...new Set([...assets, ...rulesets])].map((u) => cache.add(u)));
    } catch (e) {
      // Offline at install: the files will be cached as the page loads them.
    }
  })());
});

self.addEventListener('activate', (event) => {
  // Only this page's earlier caches: the scoring page's are its own worker's business.
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !(req.url.startsWith(self.registration.scope) || req.url.startsWith(RULESETS))) return;
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
