// The browser tests' shared set-up (node:test + playwright-core + Debian's
// Chromium), so that a test file holds only its tests:
//
//   const app = setUp();   // before: serve dist/ at /cham-diem/, launch Chromium; after: close both
//   test('…', async () => {
//     const { page, errors, context } = await app.freshPage();   // new context (empty storage), app open
//     await fillDaklak(page);                                     // fixtures.mjs: DAKLAK.worked
//     assert.match(await resultsText(page), /85,5 \/ 100 điểm/);
//     assert.deepEqual(errors, []);
//     await context.close();
//   });
//
// Elements are found by role and accessible name; the names live in
// fixtures.mjs, re-exported here. No browser is ever downloaded: Chromium is
// Debian's /usr/bin/chromium (override with CHROMIUM_PATH).

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DAKLAK, TRAINING } from './fixtures.mjs';

export * from './fixtures.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const BASE_PATH = '/cham-diem/';
export const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
/** README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1): a test run writes nothing in the tree. */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
export const IMAGES = path.join(ROOT, 'docs', 'images');

// --- Serving the built site ---------------------------------------------------

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

// --- The browser and its pages -------------------------------------------------

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

/** Launches the system Chromium (one per test file: contexts keep the tests apart). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A new page in `context` whose uncaught errors, crashes and (unless
 * `console: false`) console errors are collected, as strings, in `page.errors`:
 * a test ends with `assert.deepEqual(errors, [])`.
 */
export async function newTab(context, { console: withConsole = true } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('crash', () => errors.push('page crashed'));
  if (withConsole) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const where = m.location()?.url ?? '';
      // Chromium asks for /favicon.ico at the site root on its own: not the app's doing.
      if (new URL(where, 'http://x/').pathname === '/favicon.ico' || m.text().includes('favicon.ico')) return;
      errors.push(`console.error: ${m.text()}${where ? ` (${where})` : ''}`);
    });
  }
  page.errors = errors;
  return page;
}

/**
 * Open the app at `${baseUrl}/cham-diem/${query}` and wait until it has
 * rendered (the "Kết quả" region is visible).
 */
export async function openApp(page, baseUrl, { query = '', timeout = 30_000 } = {}) {
  const url = `${baseUrl}${BASE_PATH}${query}`;
  const response = await page.goto(url, { waitUntil: 'load', timeout });
  if (!response || !response.ok()) {
    throw new Error(`GET ${url} → ${response ? response.status() : 'no response'}`);
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
 * Registers the file's before / after hooks: the site served, one Chromium,
 * and with `tmp` a scratch directory (removed afterwards); with `axe`,
 * axe-core must be installed and pages let it past the Content-Security-Policy.
 * Every other option is a default of `freshPage` for the whole file.
 * Returns `app`, whose fields are set once the hooks have run:
 *   app.server, app.browser, app.tmp
 *   app.url(rest)              the app's address and `rest`: app.url('?bo=tap-huan-mau'), app.url('rulesets/index.json')
 *   app.open(page, query)      open the app there and wait for it (openApp)
 *   app.freshPage(options)     { page, errors, context }: a new context (empty storage), the app open
 */
export function setUp({ tmp, axe = false, ...defaults } = {}) {
  const app = {
    server: null,
    browser: null,
    tmp: null,
    url: (rest = '') => `${app.server.url}${BASE_PATH}${rest}`,
    open: (page, query = '') => openApp(page, app.server.url, { query }),
    // axe-core is injected as a script: let it past the page's Content-Security-Policy.
    freshPage: (options) => freshPage(app, { ...(axe && { bypassCSP: true }), ...defaults, ...options }),
  };
  before(async () => {
    if (axe && !fs.existsSync(AXE)) throw new Error(`${AXE} missing: run npm ci (scripts/setup.sh does)`);
    if (tmp) app.tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmp));
    app.server = await startServer();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await close(app.browser, app.server);
    if (app.tmp) fs.rmSync(app.tmp, { recursive: true, force: true });
  });
  return app;
}

/**
 * A new context (so empty storage, no service worker) and page. `init` runs
 * before the app's scripts in every page of the context; `open: false` leaves
 * the page blank (to route requests first), else the app is opened at `query`.
 */
async function freshPage(app, { locale = 'vi-VN', viewport = { width: 1280, height: 900 }, bypassCSP = false, serviceWorkers = 'allow', console: withConsole = true, init, open = true, query = '' } = {}) {
  const context = await app.browser.newContext({ locale, viewport, bypassCSP, serviceWorkers });
  // `init` is a function, or [function, argument] (a function is sent as its text: no closures).
  if (init) await (Array.isArray(init) ? context.addInitScript(init[0], init[1]) : context.addInitScript(init));
  const page = await newTab(context, { console: withConsole });
  if (open) await app.open(page, query);
  return { page, errors: page.errors, context };
}

// --- In the page: by role and accessible name --------------------------------

/** A form field by its whole accessible name (exact: a score field's name is also part of its "Không áp dụng — …" box's and its evidence fields' names). */
export const field = (page, name) => page.getByLabel(name, { exact: true });

/** The results region every screen shows. Exact: the printed sheet's heading ("BIỂU TỔNG HỢP KẾT QUẢ …") names a region too. */
export const resultsRegion = (page) => page.getByRole('region', { name: 'Kết quả', exact: true });
export const resultsText = (page) => resultsRegion(page).innerText();

/** The "Bộ chỉ số" selector. */
export const rulesetPicker = (page) => field(page, 'Bộ chỉ số');

/** Picks a ruleset of fixtures.mjs by its title and waits for its heading. */
export async function openRuleset(page, ruleset) {
  await rulesetPicker(page).selectOption({ label: ruleset.title });
  await page.getByRole('heading', { name: ruleset.heading }).first().waitFor();
}

/** The score field of Đắk Lắk Chỉ số 01's content `key` ("1" … "6"). */
export const daklakField = (page, key) => field(page, DAKLAK.items[key]);

/** Types Đắk Lắk Chỉ số 01 scores, { key: typed } in key order (the worked example by default). */
export async function fillDaklak(page, values = DAKLAK.worked) {
  for (const [key, typed] of Object.entries(values)) await daklakField(page, key).fill(typed);
}

/** Enters every item and answer of the open training ruleset (TRAINING.inputs, TRAINING.answers). */
export async function enterTraining(page) {
  for (const i of TRAINING.inputs) {
    if (i.kind === 'text') await field(page, i.label).fill(i.value);
    if (i.kind === 'select') await field(page, i.label).selectOption({ label: i.option });
    if (i.kind === 'na') await field(page, `Không áp dụng — ${i.label}`).check();
    if (i.kind === 'pair') {
      await field(page, `${i.label} — ${i.parts[0]}`).fill(i.value);
      await field(page, `${i.label} — ${i.parts[1]}`).fill(i.of);
    }
  }
  for (const a of TRAINING.answers) {
    await page.getByRole('group', { name: a.question }).getByLabel(a.answer ? 'Có' : 'Không', { exact: true }).check();
  }
}

/** Đắk Lắk's condition: was a head or deputy head disciplined? */
export const disciplineQuestion = (page) => page.getByRole('group', { name: /bị xử lý kỷ luật/ });

/** The item's "Tài liệu kiểm chứng, giải trình (n)" disclosure button. */
export const evidenceToggle = (page, key) => page.locator(`[data-key="${key}"]`).getByRole('button', { name: /^Tài liệu kiểm chứng, giải trình/ });

/** The name of a field of an evidence row: "Số hiệu — 1 — <item's name>". */
export const evidenceLabel = (what, row, itemName) => `${what} — ${row} — ${itemName}`;

/** Opens the item's evidence (if closed) and adds row `row` with { number, date, summary }. */
export async function addEvidence(page, key, itemName, row, ev) {
  const toggle = evidenceToggle(page, key);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByRole('button', { name: `Thêm tài liệu kiểm chứng — ${itemName}`, exact: true }).click();
  await field(page, evidenceLabel('Số hiệu', row, itemName)).fill(ev.number);
  await field(page, evidenceLabel('Ngày (dd/mm/yyyy)', row, itemName)).fill(ev.date);
  await field(page, evidenceLabel('Trích yếu', row, itemName)).fill(ev.summary);
}

// --- Waiting on storage ---------------------------------------------------------

/** Retries `check` (an export async function that throws or returns false) for up to `ms`. */
export async function until(check, what, ms = 5000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const r = await check();
      if (r !== false) return r;
      last = new Error(`${what}: still false`);
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${last?.message ?? last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every stored draft (parsed), by id. */
export async function storedDrafts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const k of Object.keys(localStorage)) {
      if (k.startsWith('chamdiem:v2:draft:')) out[k.slice('chamdiem:v2:draft:'.length)] = JSON.parse(localStorage.getItem(k));
    }
    return out;
  });
}

/** Waits until a stored draft satisfies `pred` (the deferred save has run). */
export async function waitSaved(page, pred, what) {
  return until(async () => Object.values(await storedDrafts(page)).find(pred) ?? false, `a saved draft with ${what}`);
}

// --- The drafts panel -----------------------------------------------------------

/** The "Bản nháp" panel, opened. */
export async function drafts(page) {
  const d = page.locator('details.drafts');
  if (!(await d.evaluate((x) => x.open))) await d.locator('> summary').click();
  return d;
}

/** The drafts table as [name, agency, ruleset, year] per row; `columns` 6 adds [changed, progress]. */
export async function draftRows(page, columns = 4) {
  const d = await drafts(page);
  return d.locator('.table-scroll').first().locator('tbody tr').evaluateAll((rows, n) =>
    rows.map((r) => [...r.children].slice(0, n).map((c) => c.textContent.replace(/\s*\(đang mở\)\s*$/, '').trim())),
  columns);
}

/** Clicks a button of the drafts panel by its whole accessible name ("Xóa — <draft>"). */
export async function clickInDrafts(page, name) {
  const d = await drafts(page);
  await d.getByRole('button', { name, exact: true }).click();
}

/** The checklist shown before an export. */
export const exportChecklist = (page) => page.getByRole('dialog', { name: 'Kiểm tra trước khi xuất' });

/** Clicks "Xuất tệp nộp (JSON)" in the export bar; resolves to the checklist, shown. */
export async function openExportChecklist(page) {
  await page.locator('.export-bar').getByRole('button', { name: 'Xuất tệp nộp (JSON)', exact: true }).click();
  const dialog = exportChecklist(page);
  await dialog.waitFor();
  return dialog;
}

/** The SHA-256s the site's IndexedDB keeps files under. */
export const keptFiles = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const r = indexedDB.open('cham-diem');
  r.onsuccess = () => {
    const q = r.result.transaction('files').objectStore('files').getAllKeys();
    q.onsuccess = () => { r.result.close(); resolve(q.result.sort()); };
    q.onerror = () => reject(q.error);
  };
  r.onerror = () => reject(r.error);
}));

/**
 * Runs axe-core in the page (WCAG 2.0 / 2.1 A and AA) and fails on any
 * violation, listing each: rule id, impact, help, and the nodes' selectors.
 * The page needs `bypassCSP` (setUp({ axe: true }) gives it).
 */
export async function assertAccessible(page, view) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  const found = result.violations.map((v) =>
    [`${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`)].join('\n'),
  );
  assert.equal(found.length, 0, `${view}: ${found.length} accessibility violation(s)\n${found.join('\n')}`);
}

/**
 * Only with UPDATE_SCREENSHOTS=1: saves a PNG of the viewport in docs/images/,
 * `at` scrolled to the top, at `width` × `height` (a modest size, to keep the
 * files small); the viewport is restored afterwards.
 */
export async function screenshot(page, name, { at, width = 960, height = 640 } = {}) {
  if (!UPDATE_SCREENSHOTS) return;
  fs.mkdirSync(IMAGES, { recursive: true });
  const before = page.viewportSize();
  await page.setViewportSize({ width, height });
  await page.evaluate(() => document.activeElement?.blur());
  await page.mouse.move(0, 0);
  if (at) await at.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(IMAGES, name), animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(before);
}

/**
 * Waits until a page in a folder of its own (its <base>: tong-hop/, tham-dinh/) has a registration of its own — not
 * the scoring page's one folder up, which covers it too — with an activated worker; resolves
 * to its scope. (A loop in the page: waitForFunction would take an async predicate's
 * promise for a truthy answer.)
 */
export const pageWorker = (page) => page.evaluate(async () => {
  for (let i = 0; i < 200; i++) {
    const reg = await navigator.serviceWorker.getRegistration(document.baseURI);
    if (reg?.scope === document.baseURI && reg.active?.state === 'activated') return reg.scope;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no activated service worker of scope ${document.baseURI} after 20 s`);
});

/**
 * Prints the page to PDF in `app.tmp` (poppler's tools read it back); returns { file, pages: [text of
 * page 1, …], fonts: pdffonts' lines }. Asserts A4, portrait unless `landscape`.
 */
export async function printPdf(app, page, name, { landscape = false } = {}) {
  const file = path.join(app.tmp, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/m.exec(info) ?? [];
  assert.ok(landscape ? Number(w) > Number(h) : Number(w) < Number(h), `A4 ${landscape ? 'landscape' : 'portrait'}:\n${info}`);
  const pages = [];
  for (let n = 1; n <= count; n++) {
    // -raw: in the order Chromium drew it, row by row and cell by cell.
    pages.push(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }));
  }
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return { file, pages, fonts };
}

/** Only with UPDATE_SCREENSHOTS=1: page 1 of a PDF as docs/images/<name>.png, at 80 dpi. */
export function pdfPageImage(file, name) {
  if (!UPDATE_SCREENSHOTS) return;
  fs.mkdirSync(IMAGES, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(IMAGES, name)]);
}

// --- The command line, as the page's oracle --------------------------------------

/** `chamdiem score rulesets/<rulesetId>.json <file>`, parsed. */
export function chamdiemScore(rulesetId, file) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'chamdiem-core', '--bin', 'chamdiem', '--', 'score', `rulesets/${rulesetId}.json`, file], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}

/** `chamdiem <args>`: { status, stdout, stderr }. */
export function chamdiem(args) {
  const r = spawnSync('cargo', ['run', '-q', '-p', 'chamdiem-core', '--bin', 'chamdiem', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `chamdiem verify <file>` (the ruleset the file names, bundled): { status, stdout, stderr }. */
export const chamdiemVerify = (file) => chamdiem(['verify', file]);

// --- Workbooks, read back ----------------------------------------------------------

/** The entries of a ZIP file (stored or deflated): { name: Buffer }. */
export function unzip(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a ZIP file ends with its central directory');
  const entries = {};
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    entries[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** CRC-32 (the ZIP's), for `zip`. */
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A ZIP file of `entries` ({ name: Buffer }, in order), stored uncompressed: to write back a workbook changed by a test. */
export function zip(entries) {
  const parts = [];
  const central = [];
  let at = 0;
  for (const [name, data] of Object.entries(entries)) {
    const n = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6);
    head.writeUInt32LE(crc32(data), 14); head.writeUInt32LE(data.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc32(data), 16); dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(n.length, 28); dir.writeUInt32LE(at, 42);
    parts.push(head, n, data);
    central.push(dir, n);
    at += 30 + n.length + data.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(at, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const xmlText = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** An XLSX's sheets, in order: [{ name, rows: { A1: 'text' | number } }]. */
export function readXlsx(file) {
  const zip = unzip(fs.readFileSync(file));
  const shared = [...(zip['xl/sharedStrings.xml']?.toString() ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => xmlText([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const names = [...zip['xl/workbook.xml'].toString().matchAll(/<sheet name="([^"]*)"/g)].map((m) => xmlText(m[1]));
  return names.map((name, i) => {
    const cells = {};
    for (const m of zip[`xl/worksheets/sheet${i + 1}.xml`].toString().matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const v = m[3]?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
      if (v === undefined) continue;
      cells[m[1]] = / t="s"/.test(m[2]) ? shared[Number(v)] : / t="str"/.test(m[2]) ? xmlText(v) : Number(v);
    }
    return { name, cells };
  });
}

/** A file decimal ("-1.5") as the page shows it ("−1,5"). */
export const vi = (s) => s.replace('-', '−').replace('.', ',');

/** The results region's text shows `results` (as `chamdiem score` prints them): total, percentage, every level. */
export function assertShowsResults(text, results) {
  assert.ok(text.includes(`${vi(results.points)} / ${vi(results.max)} điểm`), `${results.points} / ${results.max} in ${text}`);
  assert.ok(text.includes(`${vi(results.percent)}%`), `${results.percent} in ${text}`);
  for (const c of results.classifications) {
    assert.ok(text.includes(`${c.level} (${vi(c.percent)}% — ${vi(c.points)} / ${vi(c.max)} điểm)`), `${JSON.stringify(c)} in ${text}`);
  }
}
