// What the provincial portal relies on: a link straight to one ruleset, no
// request leaving the page's origin, and nothing lost by a reload mid-edit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  setUp, field, resultsRegion, resultsText, rulesetPicker, openRuleset, daklakField, DAKLAK, DAKLAK_02, DAKLAK_03, TRAINING,
} from './harness.mjs';

// Most tests route requests or watch start-up before the first load: pages start blank.
const app = setUp({ console: false, open: false });

/** A fresh page that also lists every request leaving the page's origin. */
async function fresh() {
  const { page, errors, context } = await app.freshPage();
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(app.server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  return { page, errors, foreign, context };
}

test('?bo=<ruleset id> opens that ruleset directly; an id the site does not have is said, with what opened instead', async () => {
  const { page, errors, foreign, context } = await fresh();
  const badLink = page.getByRole('alert').filter({ hasText: 'Liên kết mở trang này' });
  // An unknown id opens as no link would: on a first visit, the index's default ruleset, and says so.
  await page.goto(app.url('?bo=khong-co'));
  await page.getByRole('heading', { name: DAKLAK.heading }).waitFor();
  assert.equal(await badLink.innerText(), 'Liên kết mở trang này chỉ tới bộ chỉ số “khong-co”, không có trong các bộ chỉ số của trang này. '
    + 'Đang mở: Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành. Nếu đây không phải bộ chỉ số của cơ quan, hãy chọn đúng bộ ở ô “Bộ chỉ số” phía trên và báo lại cho nơi đã gửi liên kết.');
  // Gone once another ruleset is opened.
  await openRuleset(page, DAKLAK_02);
  assert.equal(await badLink.count(), 0);
  await page.goto(app.url(`?bo=${DAKLAK_03.id}`));
  await page.getByRole('heading', { name: DAKLAK_03.heading }).waitFor();
  assert.equal(await rulesetPicker(page).inputValue(), 'daklak-2025-chi-so-03');
  assert.equal(await badLink.count(), 0, 'a good link: no notice');
  // Later, an unknown id (or none) opens the ruleset open last; the notice names it (in English too).
  await page.goto(app.url('?bo=%3Cb%3Ekhong-co%3C%2Fb%3E'));
  await page.getByRole('heading', { name: DAKLAK_03.heading }).waitFor();
  assert.match(await badLink.innerText(), /chỉ tới bộ chỉ số “<b>khong-co<\/b>”, [^]*Đang mở: Đắk Lắk 2025 — Chỉ số 03/);
  await field(page, 'Ngôn ngữ').selectOption('en');
  assert.match(await page.getByRole('alert').filter({ hasText: 'The link that opened this page' }).innerText(),
    /names the ruleset “<b>khong-co<\/b>”, which is not among the rulesets of this site\. Open now: Đắk Lắk 2025 — Chỉ số 03/);
  await field(page, 'Language').selectOption('vi');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, [], 'no request leaves the origin');
  await context.close();
});

test('start-up asks for the index and for the ruleset it opens once each, and for no other ruleset', async () => {
  const { page, errors, context } = await fresh();
  let asked = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.includes('/rulesets/')) asked.push(u.pathname.split('/rulesets/')[1]); });
  const load = async (url, heading) => {
    asked = [];
    await page.goto(url);
    await page.getByRole('heading', { name: heading }).waitFor();
    await resultsRegion(page).waitFor();
    return asked.sort();
  };
  // A portal link: that ruleset, fetched while the app loads, used by the app (not fetched twice);
  // asked for beside the index, not after it: here the index is held back until it has been.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/rulesets/index.json', async (route) => { await held; await route.continue(); });
  const early = page.waitForRequest('**/rulesets/daklak-2025-chi-so-03.json', { timeout: 5000 }).finally(release);
  assert.deepEqual(await load(app.url(`?bo=${DAKLAK_03.id}`), DAKLAK_03.heading),
    ['daklak-2025-chi-so-03.json', 'index.json']);
  await early;
  await page.unroute('**/rulesets/index.json');
  // Back without a link: the ruleset opened last, not the index's default.
  assert.deepEqual(await load(app.url(), DAKLAK_03.heading),
    ['daklak-2025-chi-so-03.json', 'index.json']);
  // A link to an id that is no ruleset: that guess is asked for (one 404, unused), then the index
  // decides — the ruleset opened last.
  assert.deepEqual(await load(app.url('?bo=khong-co'), DAKLAK_03.heading),
    ['daklak-2025-chi-so-03.json', 'index.json', 'khong-co.json']);
  // Another ruleset picked from the list is fetched then.
  asked = [];
  await openRuleset(page, TRAINING);
  assert.deepEqual(asked, ['tap-huan-mau.json']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('start-up: "Đang tải…" at once; on a slow line the app\'s own header and message after 0,4 s; then the form', async () => {
  const { page, errors, context } = await fresh();
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/rulesets/tap-huan-mau.json', async (route) => { await held; await route.continue(); });
  await page.goto(app.url(`?bo=${TRAINING.id}`), { waitUntil: 'commit' });
  const boot = page.getByRole('status').filter({ hasText: /^Đang tải…$/ });
  await boot.waitFor();
  // The ruleset is held back: after 0,4 s the header (its ruleset picker) shows, with the app's message.
  const picker = rulesetPicker(page);
  await picker.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await boot.count(), 0, 'index.html\'s message gives way to the app\'s');
  assert.equal(await page.getByRole('status').filter({ hasText: 'Đang tải bộ chỉ số…' }).isVisible(), true);
  release();
  await resultsRegion(page).waitFor();
  assert.equal(await page.getByRole('status').filter({ hasText: /Đang tải/ }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('start-up: when the app cannot start, "Đang tải…" gives way to a message saying so', async () => {
  // The WebAssembly file missing on the server (or refused by a proxy).
  const { page, context } = await fresh();
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(app.url());
  const failed = page.getByRole('alert').filter({ hasText: 'Không mở được ứng dụng. Hãy tải lại trang' });
  await failed.waitFor({ timeout: 10_000 });
  assert.equal(await page.getByText('Đang tải…').count(), 0);
  assert.notEqual(await failed.locator('code').innerText(), '', 'the reason, for whoever runs the site');
  await context.close();
  // The same when the app fails before start.js (loaded async) has run: the page's first inline
  // script keeps the error for it.
  const late = await fresh();
  await late.page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await late.page.route('**/start.js', async (route) => { await new Promise((r) => setTimeout(r, 1500)); await route.continue(); });
  await late.page.goto(app.url());
  await late.page.getByRole('alert').filter({ hasText: 'Không mở được ứng dụng. Hãy tải lại trang' }).waitFor({ timeout: 10_000 });
  await late.context.close();
  // A browser without WebAssembly: said at once, with what to use instead (English if chosen before).
  const second = await fresh();
  await second.page.addInitScript(() => {
    delete globalThis.WebAssembly;
    localStorage.setItem('chamdiem:v1:lang', 'en');
  });
  await second.page.goto(app.url());
  await second.page.getByRole('alert').filter({ hasText: 'This browser cannot run the app: it has no WebAssembly.' }).waitFor({ timeout: 10_000 });
  await second.context.close();
});

test('a reload in the middle of typing loses nothing', async () => {
  const { page, errors, foreign, context } = await fresh();
  await app.open(page);
  const c1 = daklakField(page, 1);
  await c1.pressSequentially('43,2', { delay: 5 });
  // Reload at once: no wait for the deferred save; pagehide must flush it.
  await page.reload();
  await resultsRegion(page).waitFor();
  assert.equal(await daklakField(page, 1).inputValue(), '43,2');
  assert.match(await resultsText(page), /43,2 \/ 83 điểm/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('after the first visit the app works offline (service worker)', async () => {
  const { page, errors, context } = await app.freshPage();
  await app.open(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await resultsRegion(page).waitFor();
  await daklakField(page, 1).fill('40');
  assert.match(await resultsText(page), /40 \/ 83 điểm/);
  // Another bundled ruleset, never opened online, is there too.
  await openRuleset(page, TRAINING);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Content-Security-Policy holds: no violation while scoring, explaining, printing, exporting', async () => {
  const { page, errors, context } = await app.freshPage({ console: true });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await app.open(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await daklakField(page, 1).fill('40');
  await resultsRegion(page).getByRole('button', { name: 'Vì sao? — Tổng điểm' }).click();
  await page.getByRole('button', { name: 'Biểu tổng hợp để in' }).click();
  await page.getByRole('button', { name: 'Xuất tệp nộp (JSON)' }).first().click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất tệp', exact: true }).click();
  await download;
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A generated ruleset of areas × criteria × items, 1 point each in steps of 0,5 (not an official text). */
function longRuleset(id, areas, criteria, items) {
  const sections = [];
  for (let a = 1; a <= areas; a++) {
    const children = [];
    for (let c = 1; c <= criteria; c++) {
      const leaves = [];
      for (let i = 1; i <= items; i++) leaves.push({ code: `${a}.${c}.${i}`, title: `Mục ${a}.${c}.${i}`, max: '1', step: '0.5' });
      children.push({ code: `${a}.${c}`, title: `Tiêu chí ${a}.${c}`, max: String(items), children: leaves });
    }
    sections.push({ code: String(a), title: `Lĩnh vực ${a}`, max: String(criteria * items), children });
  }
  return JSON.stringify({ format: 'cham-diem/ruleset', format_version: 1, id, version: '1',
    title: 'Bộ dài để thử (không phải văn bản chính thức)', illustrative: true,
    source: { document: 'Không có', date: '24/11/2026', issuer: 'Nhóm phát triển Chấm điểm' },
    max_total: String(areas * criteria * items), sections });
}

test('a long ruleset (300 items) skips the items off screen, and scoring far down still counts', async () => {
  const { page, errors, context } = await app.freshPage();
  await page.route('**/rulesets/daklak-2025-chi-so-01.json', (route) =>
    route.fulfill({ body: longRuleset('daklak-2025-chi-so-01', 3, 10, 10), contentType: 'application/json' }));
  await app.open(page);
  assert.equal(await page.locator('.contents.long').count(), 1, 'marked long');
  // Top-level groups and their subgroups start skipped too, each sized from what it holds (100 items
  // and 10 subgroups: 100 × 6,5 + 11 × 5 rem), then are drawn one per frame.
  assert.equal(await page.locator('.group.depth-0').nth(2).evaluate((e) => e.style.containIntrinsicSize), 'auto 705rem');
  await page.waitForFunction(() => [...document.querySelectorAll('.contents .group.depth-0')].every((g) => g.classList.contains('drawn')), null, { timeout: 5000 });
  const last = field(page, '3.10.10 Mục 3.10.10');
  // Not laid out until near the screen; found, filled and counted all the same.
  assert.equal(await last.evaluate((e) => e.checkVisibility({ contentVisibilityAuto: true })), false, 'skipped while off screen');
  await last.fill('0,5');
  await field(page, '1.1.1 Mục 1.1.1').fill('1');
  assert.match(await resultsText(page), /1,5 \/ 300 điểm/);
  // The item typed in far down is rendered once scrolled to.
  // (the browser decides what is near the screen at its next frames)
  await last.scrollIntoViewIfNeeded();
  assert.equal(await last.evaluate((e) => new Promise((done) => {
    let frames = 0;
    const check = () => (e.checkVisibility({ contentVisibilityAuto: true }) ? done(true) : ++frames > 120 ? done(false) : requestAnimationFrame(check));
    check();
  })), true, 'rendered once scrolled to');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a short ruleset is drawn whole (no skipping below 200 items)', async () => {
  const { page, errors, context } = await app.freshPage();
  await app.open(page, `?bo=${TRAINING.id}`);
  assert.equal(await page.locator('.contents').count(), 1);
  assert.equal(await page.locator('.contents.long').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('HTML and script in a ruleset are shown as text, never run', async () => {
  // No service worker: once active (a second after the form) it fetches the
  // ruleset itself on the reload below, past page.route, and the real ruleset
  // would load instead of the hostile one.
  const { page, errors, context } = await app.freshPage({ serviceWorkers: 'block' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const hostile = fs.readFileSync(new URL('../hostile/html-in-text-fields.json', import.meta.url), 'utf8')
    .replace('"id": "hong"', '"id": "daklak-2025-chi-so-01"');
  await page.route('**/rulesets/daklak-2025-chi-so-01.json', (route) => route.fulfill({ body: hostile, contentType: 'application/json' }));
  await app.open(page);
  assert.equal(await page.locator('#ruleset-title').innerText(), '<script>alert("x")</script><img src=x onerror=alert(1)>');
  assert.equal(await page.locator('#ruleset-title img, #ruleset-title script, .contents b').count(), 0, 'no element made from the text');
  // The item rows are drawn from one string of markup (src/tree_markup.rs): every text in it escaped.
  const row = page.locator('[data-key="1/1.1"]');
  assert.equal(await row.locator('label').textContent(), '1.1 <img src=x onerror=alert(3)>Tiêu chí "a" & \'b\'');
  assert.match(await row.textContent(), /<i onclick="alert\(6\)">ghi chú<\/i>/);
  assert.match(await row.textContent(), /<\/p><script>alert\(7\)<\/script>/);
  await page.getByLabel(/^1\.1 <img src=x/).fill('1');
  const list = page.locator('[data-key="1/1.2"] select');
  assert.deepEqual(await list.locator('option').allTextContents(), ['— Chưa chọn —', '</option></select><img src=x onerror=alert(4)>', 'Không']);
  await list.selectOption('</option></select><img src=x onerror=alert(4)>');
  await page.getByLabel('2 Nội dung B — "><script>alert(5)</script>').fill('1');
  await page.getByLabel('2 Nội dung B — <b>tổng</b>').fill('2');
  assert.equal((await page.locator('[data-key="2"] .computed').textContent()).trim(), 'Điểm tính được: 4');
  assert.match(await resultsRegion(page).locator('dd.total').textContent(), /^7 \//, '1 + 2 + 4 points counted');
  assert.equal(await page.locator('.contents img, .contents script, .contents i, .contents b, .contents u').count(), 0, 'no element made from an item\'s text');
  // What a user typed (or an imported file held) goes into the markup too when the form is drawn again
  // from the saved draft: a field's value, kept exactly, refused as a score, never markup.
  const typed = '"><img src=x onerror=alert(8)>\'';
  await page.getByLabel(/^1\.1 <img src=x/).fill(typed);
  await page.reload();
  await resultsRegion(page).waitFor();
  assert.equal(await page.getByLabel(/^1\.1 <img src=x/).inputValue(), typed);
  assert.match(await page.locator('[data-key="1/1.1"] .msg').textContent(), /Không phải số/);
  assert.equal(await page.locator('.contents img').count(), 0, 'no element made from typed text');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
