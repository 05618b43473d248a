// The office page (tong-hop/, issue 14): a second page of the site with its
// own wasm and its own service worker. Reached from the scoring page's footer;
// an agency on the scoring page never downloads it, and the scoring page's
// worker neither precaches nor keeps its files; after a first visit it opens
// offline.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, resultsRegion, assertAccessible, pageWorker } from './harness.mjs';

const app = setUp({ axe: true });

const LINK = 'Tổng hợp, xếp hạng (dành cho cơ quan chủ trì)';
const HEADING = 'Tổng hợp, xếp hạng'; // the office page's h1
const BACK = 'Về trang chấm điểm';
const OFFICE = '/cham-diem/tong-hop/';

const officeHeading = (page) => page.getByRole('heading', { level: 1, name: HEADING, exact: true });

/** Every path the test server is asked for from now on, by any page or worker. */
function serverLog() {
  const paths = [];
  const listen = (req) => paths.push(new URL(req.url, 'http://x').pathname);
  app.server.server.on('request', listen);
  paths.stop = () => app.server.server.off('request', listen);
  return paths;
}

/** Every cached URL's path, as "<cache name> <path>". */
const cachedPaths = (page) => page.evaluate(async () => {
  const out = [];
  for (const name of await caches.keys()) {
    for (const r of await (await caches.open(name)).keys()) out.push(`${name} ${new URL(r.url).pathname}`);
  }
  return out;
});

test('the footer link, found by its name, opens the office page: its own wasm, its heading, a description, a policy; axe finds nothing', async () => {
  const { page, errors, context } = await app.freshPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const link = page.getByRole('contentinfo').getByRole('link', { name: LINK, exact: true });
  await link.click();
  await officeHeading(page).waitFor();
  assert.equal(new URL(page.url()).pathname, OFFICE);
  assert.ok(requests.some((p) => /^\/cham-diem\/tong-hop\/tong_hop-[0-9a-f]+_bg\.wasm$/.test(p)), `the office wasm, from tong-hop/: ${requests.join(' ')}`);
  assert.ok(!requests.some((p) => /cham-diem-[0-9a-f]+(_bg\.wasm|\.js)$/.test(p)), 'not the scoring page\'s wasm');
  // Honest about what it does not do yet.
  assert.match(await page.getByRole('note').innerText(), /chưa được xây dựng/);
  assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /Tổng hợp, xếp hạng/);
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await assertAccessible(page, 'the office page');

  await page.getByLabel('Ngôn ngữ', { exact: true }).selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Consolidation and ranking', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByLabel('Language', { exact: true }).selectOption('vi');

  await page.getByRole('link', { name: BACK, exact: true }).click();
  await resultsRegion(page).waitFor();
  assert.equal(new URL(page.url()).pathname, '/cham-diem/');
  assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /chấm điểm theo Bộ Chỉ số/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('opened without its trailing slash, the office page still finds its worker and its way back (its <base>)', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.goto(app.url('tong-hop'));
  await officeHeading(page).waitFor();
  assert.equal(await page.getByRole('link', { name: BACK, exact: true }).evaluate((a) => a.href), app.url(''));
  assert.equal(await pageWorker(page), app.url('tong-hop/'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the scoring page never asks for the office page\'s files, and its worker neither precaches nor keeps them', async () => {
  const log = serverLog();
  const { page, errors, context } = await app.freshPage();
  // Installed: its precache of the page, its files and every ruleset is done.
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.ok(log.some((p) => /cham-diem-[0-9a-f]+_bg\.wasm$/.test(p)), 'the log sees the scoring page\'s requests');
  assert.ok(log.includes('/cham-diem/sw.js'));
  assert.deepEqual(log.filter((p) => p.startsWith(OFFICE)), [], 'nothing of tong-hop/ asked for');
  const precached = (await cachedPaths(page)).filter((e) => e.startsWith('chamdiem-v1 '));
  assert.ok(precached.some((e) => e.endsWith('.wasm')), `the scoring page's worker precached its files: ${precached.join(', ')}`);

  // Its worker is active when the office page is first visited: it leaves that page's files alone.
  await page.getByRole('contentinfo').getByRole('link', { name: LINK, exact: true }).click();
  await officeHeading(page).waitFor();
  assert.equal(await pageWorker(page), app.url('tong-hop/'));
  log.stop();
  const cached = await cachedPaths(page);
  assert.deepEqual(cached.filter((e) => e.startsWith('chamdiem-v1 ') && e.includes('/tong-hop/')), [], 'none in the scoring page\'s cache');
  const own = cached.filter((e) => e.startsWith('chamdiem-tong-hop-v1 '));
  assert.ok(own.some((e) => /\/tong-hop\/tong_hop-[0-9a-f]+_bg\.wasm$/.test(e)), `the office worker keeps its wasm: ${own.join(', ')}`);
  assert.ok(own.every((e) => e.includes(OFFICE) || e.includes('/cham-diem/rulesets/')), `and only tong-hop/'s files and the rulesets: ${own.join(', ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after its first visit the office page opens offline, from its own worker', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.goto(app.url('tong-hop/'));
  await officeHeading(page).waitFor();
  assert.equal(await pageWorker(page), app.url('tong-hop/'));
  await context.setOffline(true);
  await page.reload();
  await officeHeading(page).waitFor();
  assert.match(await page.getByRole('note').innerText(), /chưa được xây dựng/);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), app.url('tong-hop/sw.js'));
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});
