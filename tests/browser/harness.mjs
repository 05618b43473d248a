// Helpers for the browser tests (node:test + playwright-core + system Chromium).
//
//   const server = await startServer();          // serves dist/ at /cham-diem/
//   const { browser, page, errors } = await launch();
//   await openApp(page, server.url);
//   ... assertions ...; assert.deepEqual(errors, []);
//   await close(browser, server);
//
// No browser is ever downloaded: Chromium is Debian's /usr/bin/chromium
// (override with CHROMIUM_PATH).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const BASE_PATH = '/cham-diem/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Start a static file server for dist/ on 127.0.0.1 with a free port.
 * `/cham-diem` redirects to `/cham-diem/`; `/cham-diem/x` serves dist/x;
 * a directory serves its index.html; anything else is 404.
 * Resolves to { server, url, port } where url is 'http://127.0.0.1:PORT'
 * (no trailing slash, no base path).
 */
export async function startServer({ dist = DIST } = {}) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html missing: run \`trunk build --release --public-url /cham-diem/\` first (scripts/test.sh does)`);
  }
  const root = path.resolve(dist);
  const server = http.createServer((req, res) => {
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('404 Not Found\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === BASE_PATH.slice(0, -1)) {
      res.writeHead(301, { Location: BASE_PATH + url.search });
      res.end();
      return;
    }
    if (!url.pathname.startsWith(BASE_PATH)) return notFound();
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(BASE_PATH.length));
    } catch {
      return notFound();
    }
    let file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const stat = fs.statSync(file);
      if (!stat.isFile()) return notFound();
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    } catch {
      notFound();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { server, port, url: `http://127.0.0.1:${port}` };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Launch the system Chromium. Resolves to { browser, context, page, errors }.
 * `errors` collects console errors and uncaught page errors (as strings);
 * tests should end with `assert.deepEqual(errors, [])`.
 */
export async function launch({ locale = 'vi-VN', viewport = { width: 1280, height: 900 } } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    // Chromium asks for /favicon.ico at the site root on its own: not the app's doing.
    if (new URL(where, 'http://x/').pathname === '/favicon.ico') return;
    errors.push(`console.error: ${msg.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('crash', () => errors.push('page crashed'));
  page.errors = errors;
  return { browser, context, page, errors };
}

/** The results region every screen of the app shows. */
export function resultsRegion(page) {
  return page.getByRole('region', { name: 'Kết quả', exact: true });
}

/**
 * Open the app at `${baseUrl}/cham-diem/` and wait until it has rendered
 * (the "Kết quả" region is visible).
 */
export async function openApp(page, baseUrl, { timeout = 30_000 } = {}) {
  const response = await page.goto(`${baseUrl}${BASE_PATH}`, { waitUntil: 'load', timeout });
  if (!response || !response.ok()) {
    throw new Error(`GET ${baseUrl}${BASE_PATH} → ${response ? response.status() : 'no response'}`);
  }
  await resultsRegion(page).waitFor({ state: 'visible', timeout });
  return response;
}

/** Close whatever was given: browsers / contexts (close()) and servers (from startServer). */
export async function close(...things) {
  for (const t of things) {
    if (!t) continue;
    try {
      if (t.server instanceof http.Server) {
        t.server.closeAllConnections?.();
        await new Promise((resolve) => t.server.close(() => resolve()));
      } else if (typeof t.close === 'function') {
        await t.close();
      }
    } catch {
      // best effort: closing must not mask a test failure
    }
  }
}

/**
 * A new context and page on an open browser, collecting page errors (and
 * console errors, unless `console: false`): the setup every test repeats.
 * Resolves to { context, page, errors }.
 */
export async function newPage(browser, { locale = 'vi-VN', viewport = { width: 1280, height: 900 }, console: withConsole = true, bypassCSP = false } = {}) {
  const context = await browser.newContext({ locale, viewport, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (withConsole) page.on('console', (m) => m.type() === 'error' && !m.text().includes('favicon.ico') && errors.push(m.text()));
  return { context, page, errors };
}
