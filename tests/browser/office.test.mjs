// The office page (tong-hop/, issue 14): a second page of the site with its
// own wasm and its own service worker. Reached from the scoring page's footer;
// an agency on the scoring page never downloads it, and the scoring page's
// worker neither precaches nor keeps its files; after a first visit it opens
// offline.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setUp, resultsRegion, field, assertAccessible, screenshot, printPdf, pdfPageImage, pageWorker, chamdiem, chamdiemVerify, readXlsx, unzip, keptFiles, until, ROOT } from './harness.mjs';

const app = setUp({ axe: true, tmp: 'chamdiem-office-' });

const LINK = 'Tổng hợp, xếp hạng (dành cho cơ quan chủ trì)';
const HEADING = 'Tổng hợp, xếp hạng'; // the office page's h1
const BACK = 'Về trang chấm điểm';
const OFFICE = '/cham-diem/tong-hop/';

/** In the page: the consolidation open, as this browser keeps it. */
const KEPT = () => { window.openWork = () => { const s = JSON.parse(localStorage.getItem('chamdiem:v1:office') ?? 'null'); return s?.works?.[s.open]; }; };

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
  // In Vietnamese the levels are the rulesets' own words: nothing to say about them.
  assert.equal(await page.getByRole('note').count(), 0);
  assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /Tổng hợp, xếp hạng/);
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await assertAccessible(page, 'the office page');

  await page.getByLabel('Ngôn ngữ', { exact: true }).selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Consolidation and ranking', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // In English the level names are the app's translation, and it says so.
  assert.match(await page.getByRole('note').innerText(), /this app's translation, not an official one/);
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
  // The first visit's own fetches of the rulesets done (they do not go through the worker).
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  await context.setOffline(true);
  await page.reload();
  await officeHeading(page).waitFor();
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), app.url('tong-hop/sw.js'));
  // Every ruleset, archived copies too, from the worker's cache: the page can check files offline.
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

// The consolidation of core/tests/office.rs's twenty-nine agencies (tests/office/, kept current by
// that test): the same ranks, notes and levels on screen, and the same CSV as `chamdiem rank`.
const SCENARIO = path.join(ROOT, 'tests', 'office');
const agencyFiles = () => fs.readdirSync(SCENARIO).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(SCENARIO, f));
const XS = 'Hoàn thành xuất sắc nhiệm vụ';
const TOT = 'Hoàn thành tốt nhiệm vụ';
const HT = 'Hoàn thành nhiệm vụ';
const KHT = 'Không hoàn thành nhiệm vụ';
const TIED = 'bằng điểm — Chủ tịch, các Phó Chủ tịch UBND tỉnh quyết định';
const AT_QUOTA = 'bằng điểm tại hạn mức — lãnh đạo UBND tỉnh quyết định';
const NA = 'chưa thẩm định';

test('thirty files, twenty-nine agencies ranked on the page as by hand and as `chamdiem rank`, the others\' scores pasted: ties, the quota, unranked, missing, another index refused', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.goto(app.url('tong-hop/'));
  await officeHeading(page).waitFor();
  await field(page, 'Họ và tên').fill('Lê Văn Hùng');
  await field(page, 'Cơ quan, đơn vị').fill('Sở Nội vụ');
  // Every ruleset fetched, the index's default chosen.
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  assert.equal(await field(page, 'Tổng hợp theo bộ chỉ số').locator('option:checked').innerText(), 'Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành');
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(agencyFiles());
  await field(page, 'Chọn danh sách (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'roster.csv'));
  // The others' scores pasted from a spreadsheet (cells copied: tab-separated), the same as others.csv.
  const pasted = fs.readFileSync(path.join(SCENARIO, 'others.csv'), 'utf8').replace(/^\uFEFF/, '').replaceAll(';', '\t');
  await field(page, 'Hoặc dán từ bảng tính (chép các ô, cả dòng tiêu đề)').fill(pasted);
  await page.getByRole('button', { name: 'Dùng bảng đã dán', exact: true }).click();
  await page.getByText('Đã chọn: bảng điểm đã dán').waitFor();
  const table = page.getByRole('table', { name: 'Bảng xếp hạng — Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành' });
  await table.waitFor();
  await page.getByText('30 tệp đã chọn.').waitFor();
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  // rank, code, agency, stage reached, contents 1–6, points, percent, levels (quality, CCHC), note.
  const seen = rows.map((r) => [r[0], r[1], r[10], r[14], r[12]]);
  assert.deepEqual(seen, [
    ['1', 'A01', '97', '', XS],
    ['2', 'A02', '94', `${TIED}; ${AT_QUOTA}`, XS],
    ['2', 'A03', '94', `${TIED}; ${AT_QUOTA}`, XS],
    ['4', 'A04', '91', 'vượt hạn mức 20%', TOT],
    ['5', 'A06', '85', '', TOT],
    ['6', 'A05', '85', '', TOT],
    ['7', 'A07', '84', '', TOT],
    ['8', 'A08', '84', '', TOT],
    ['9', 'A09', '82', TIED, TOT],
    ['9', 'A10', '82', TIED, TOT],
    ['11', 'A11', '77', NA, TOT],
    ['12', 'A12', '75', NA, TOT],
    ['13', 'A13', '73,5', NA, HT],
    ['14', 'A14', '66', NA, HT],
    ['15', 'A15', '54', NA, KHT],
    ['16', 'A19', '53', NA, KHT],
    ['17', 'A20', '52', NA, KHT],
    ['18', 'A21', '51', NA, KHT],
    ['19', 'A22', '50', NA, KHT],
    ['20', 'A23', '49', NA, KHT],
    ['21', 'A24', '48', NA, KHT],
    ['22', 'A25', '47', NA, KHT],
    ['23', 'A26', '46', NA, KHT],
    ['24', 'A27', '45', NA, KHT],
    ['25', 'A28', '44', NA, KHT],
    ['26', 'A29', '43', NA, KHT],
    ['27', 'A30', '42', NA, KHT],
    ['', 'A16', '100', 'đánh giá, không xếp hạng', XS],
    ['', 'A17', '', `${NA}; chưa có điểm do cơ quan khác chấm (4): chưa xếp hạng`, ''],
    ['', 'A18', '', 'chưa có hồ sơ (chưa nộp, hoặc tệp bị từ chối)', ''],
  ]);
  assert.deepEqual(rows[12].slice(4, 10), ['35', '26', '9', '4', '0', '−0,5'], 'A13 content by content, the penalty with its minus');
  // The step each file had reached: A01–A10 and A16 appraised once, the others self-assessed, A18 no file.
  const T1 = 'thẩm định lần 1';
  const TC = 'tự chấm';
  assert.deepEqual(rows.map((r) => r[3]), [...Array(10).fill(T1), ...Array(5).fill(TC), ...Array(12).fill(TC), T1, TC, '']);
  // The counts per level of the quota's classification, as a table.
  const counts = page.getByRole('table', { name: 'Số lượng theo mức xếp loại — Xếp loại chất lượng hoạt động' });
  assert.deepEqual(await counts.locator('tbody tr').allInnerTexts(), [`${XS}\t4\t14,29%`, `${TOT}\t9\t32,14%`, `${HT}\t2\t7,14%`, `${KHT}\t13\t46,43%`]);
  // Where points were lost, the weakest content first (bonuses left out; A17's content 4 is still its estimate).
  const losses = page.getByRole('table', { name: 'Nội dung bị trừ điểm, nhiều cơ quan nhất trước — Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành' });
  const lossRows = await losses.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  assert.deepEqual(lossRows.map((r) => [r[0].split('.')[0], ...r.slice(1)]), [
    ['1', '27 / 29', '93,10%', '376'],
    ['2', '27 / 29', '93,10%', '328'],
    ['3', '27 / 29', '93,10%', '97'],
    ['4', '25 / 28', '89,29%', '38,5'],
    ['6', '2 / 29', '6,90%', '1,5'],
  ]);
  // Another index's file: refused, named, with the reason.
  const refused = page.getByRole('region', { name: 'Tệp không dùng được' });
  assert.match(await refused.innerText(), /other-ruleset\.json\s+ruleset\.id: tệp lập cho bộ chỉ số "daklak-2025-chi-so-02", không phải "daklak-2025-chi-so-01"/);
  await screenshot(page, 'tong-hop-xep-hang.png', { at: page.getByRole('heading', { level: 2, name: 'Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành' }), width: 1280, height: 900 });
  await assertAccessible(page, 'the ranked table');

  // On paper: A4 landscape, the annex's heading, the table without the inputs and buttons.
  const { file: pdf, pages } = await printPdf(app, page, 'tong-hop', { landscape: true });
  pdfPageImage(pdf, 'tong-hop-in');
  const paper = pages.join('\n').replace(/\s+/g, ' ');
  assert.match(paper, /KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG THEO BỘ CHỈ SỐ Lập ngày \d{2}\/\d{2}\/\d{4}/);
  assert.match(paper, /1 A01 Cơ quan 01 thẩm định lần 1 45 35 12 5 0 0 97 97,00% Hoàn thành xuất sắc nhiệm vụ Tốt/);
  assert.doesNotMatch(paper, /Tải hồ sơ|Chọn tệp|Người tổng hợp/);
  await page.emulateMedia({ media: 'screen' });

  // The CSV is `chamdiem rank`'s, byte for byte.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bảng xếp hạng (CSV)', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), 'xep-hang.csv');
  const fromPage = fs.readFileSync(await download.path(), 'utf8');
  const out = path.join(app.tmp, 'rank.csv');
  chamdiem(['rank', 'rulesets/daklak-2025-chi-so-01.json', ...agencyFiles(), '--roster', path.join(SCENARIO, 'roster.csv'), '--others', path.join(SCENARIO, 'others.csv'), '--csv', out]);
  assert.equal(fromPage, fs.readFileSync(out, 'utf8'));

  // The workbook, read back: the same figures as numbers, the sheets of a decision's annex.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải kết quả (Excel)', exact: true }).click()]);
  assert.equal(xlsx.suggestedFilename(), 'ket-qua-xep-hang.xlsx');
  const sheets = readXlsx(await xlsx.path());
  assert.deepEqual(sheets.map((s) => s.name), ['Tổng hợp', 'Đắk Lắk 2025 — Chỉ số 01- sở, b', 'Tồn tại, hạn chế']);
  const ranked = sheets[1].cells;
  // Row 4 is the first agency; A13 (row 16) lost half a point to content 6, a penalty.
  assert.deepEqual(['A', 'B', 'C', 'D', 'I', 'J', 'K', 'L', 'M', 'N'].map((c) => ranked[`${c}4`]), [1, 'A01', 'Cơ quan 01', 45, 0, 97, 100, 97, 'Hoàn thành xuất sắc nhiệm vụ', 'Tốt']);
  assert.deepEqual(['A', 'B', 'I', 'J', 'L', 'O'].map((c) => ranked[`${c}16`]), [13, 'A13', -0.5, 73.5, 73.5, 'chưa thẩm định']);
  assert.deepEqual(['A', 'B', 'J'].map((c) => ranked[`${c}32`]), [undefined, 'A17', undefined], 'not ranked, no total without the others\' part');
  const summary = sheets[0].cells;
  assert.deepEqual([summary.C4, summary.D4], ['Hoàn thành xuất sắc nhiệm vụ', fromPage.split('\r\n').filter((r) => r.includes(',Hoàn thành xuất sắc nhiệm vụ,')).length]);

  // An agency's dossier with the office's stage: it verifies, and holds its rank.
  const [dossier] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải hồ sơ — Cơ quan 04', exact: true }).click()]);
  const file = path.join(app.tmp, dossier.suggestedFilename());
  await dossier.saveAs(file);
  const r = chamdiemVerify(file);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const last = JSON.parse(fs.readFileSync(file, 'utf8')).stages.at(-1);
  assert.deepEqual([last.stage, last.by.person, last.rank.rank, last.rank.notes], ['tong_hop', 'Lê Văn Hùng', 4, ['vượt hạn mức 20%']]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a thousand files at once — the thirty again and again under other names: read under a moving progress bar, each agency taken once, every other copy listed apart by name with its reason', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.goto(app.url('tong-hop/'));
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  const dir = path.join(app.tmp, 'nghin-tep');
  fs.mkdirSync(dir, { recursive: true });
  const originals = agencyFiles();
  const many = Array.from({ length: 1000 }, (_, i) => {
    const copy = path.join(dir, `${String(Math.floor(i / originals.length) + 1).padStart(2, '0')}-${path.basename(originals[i % originals.length])}`);
    fs.copyFileSync(originals[i % originals.length], copy);
    return copy;
  });
  // Every value the progress bar shows while the files are read.
  await page.evaluate(() => {
    window.progressSeen = new Set();
    new MutationObserver(() => document.querySelectorAll('progress').forEach((p) => window.progressSeen.add(p.value))).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(many);
  await field(page, 'Chọn danh sách (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'roster.csv'));
  await field(page, 'Chọn bảng điểm (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'others.csv'));
  await page.getByText('1000 tệp đã chọn.').waitFor({ timeout: 120_000 });
  const table = page.getByRole('table', { name: 'Bảng xếp hạng — Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành' });
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();
  assert.ok(await page.evaluate(() => window.progressSeen.size) >= 2, 'the progress bar moved');
  // The table of the thirty files: each agency once, first A01, A18 still without a file.
  const codes = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[1].innerText.trim()));
  assert.equal(codes.length, 30);
  assert.deepEqual([codes[0], codes.at(-1)], ['A01', 'A18']);
  // The 971 others listed apart, none dropped: a copy of a file taken names it; another index's file says so.
  const refused = page.getByRole('region', { name: 'Tệp không dùng được' });
  assert.equal(await refused.locator('tbody tr').count(), 1000 - 29);
  assert.match(await refused.getByRole('row', { name: /^02-A01\.json/ }).innerText(), /giống hệt tệp "01-A01\.json" \(cùng nội dung\), tệp đó được dùng/);
  assert.match(await refused.getByRole('row', { name: /^33-other-ruleset\.json/ }).innerText(), /tệp lập cho bộ chỉ số "daklak-2025-chi-so-02"/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the office\'s files, roster and scores are kept in the browser: after a reload the table is there again; files let go of are freed unless another consolidation names them', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.addInitScript(KEPT);
  await page.goto(app.url('tong-hop/'));
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  const files = agencyFiles().slice(0, 3);
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(files);
  await field(page, 'Chọn danh sách (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'roster.csv'));
  await field(page, 'Chọn bảng điểm (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'others.csv'));
  const table = page.getByRole('table', { name: /^Bảng xếp hạng — / });
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();
  const before = await table.locator('tbody tr').allInnerTexts();
  // Kept once the list is written (after the files, in IndexedDB).
  await page.waitForFunction(() => { const w = openWork(); return w?.files.length === 3 && w.others; });
  await page.reload();
  await page.getByText('3 tệp đã chọn.').waitFor();
  await page.getByText('Đã chọn: roster.csv').waitFor();
  await page.getByText('Đã chọn: others.csv').waitFor();
  assert.deepEqual(await table.locator('tbody tr').allInnerTexts(), before);
  const sha = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  const [roster, others] = ['roster.csv', 'others.csv'].map((f) => sha(path.join(SCENARIO, f)));
  const agencies = files.map(sha);
  assert.deepEqual(await keptFiles(page), [...agencies, roster, others].sort(), 'each input kept once, by its SHA-256');
  // A second consolidation with the same roster and one of the same files.
  await page.getByRole('button', { name: 'Thêm đợt mới', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('office-work')?.selectedOptions[0]?.text === 'Đợt tổng hợp 2');
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(files.slice(0, 1));
  await field(page, 'Chọn danh sách (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'roster.csv'));
  await page.waitForFunction(() => { const w = openWork(); return w?.files.length === 1 && w.roster; });
  // Back to the first: its files removed on request, and still removed after a reload.
  await field(page, 'Đợt đang mở').selectOption({ label: 'Đợt tổng hợp 1' });
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();
  await page.getByRole('button', { name: 'Bỏ mọi tệp đã chọn', exact: true }).click();
  await table.waitFor({ state: 'detached' });
  await page.waitForFunction(() => openWork()?.files.length === 0);
  // The two files only it named are freed; the one the second names stays.
  await until(async () => (await keptFiles(page)).length === 3, 'the files let go of freed');
  assert.deepEqual(await keptFiles(page), [agencies[0], roster, others].sort());
  await page.reload();
  await page.getByText('Đã chọn: roster.csv').waitFor();
  assert.equal(await page.getByText(/tệp đã chọn\./).count(), 0);
  // The first consolidation deleted: its scores freed; the roster, which the second names, stays.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Xóa đợt này khỏi trình duyệt', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('office-work')?.options.length === 1);
  await until(async () => (await keptFiles(page)).length === 2, 'the deleted consolidation\'s own file freed');
  assert.deepEqual(await keptFiles(page), [agencies[0], roster].sort());
  await page.getByText('1 tệp đã chọn.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('consolidations side by side: the consolidation file saved and opened again, last year compared, every dossier in one ZIP', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.addInitScript(KEPT);
  await page.goto(app.url('tong-hop/'));
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  const works = field(page, 'Đợt đang mở');
  assert.equal(await works.locator('option:checked').innerText(), 'Đợt tổng hợp 1');
  await field(page, 'Tên đợt').fill('Chỉ số 01 — 2025');
  await field(page, 'Tên đợt').press('Tab');
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(agencyFiles());
  await field(page, 'Chọn danh sách (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'roster.csv'));
  await field(page, 'Chọn bảng điểm (.xlsx, .csv)').setInputFiles(path.join(SCENARIO, 'others.csv'));
  const table = page.getByRole('table', { name: /^Bảng xếp hạng — / });
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();
  const rows = await table.locator('tbody tr').allInnerTexts();
  await page.waitForFunction(() => openWork()?.title === 'Chỉ số 01 — 2025' && openWork().others);
  // Who consolidates, typed after the table is drawn: the files given out are signed with it.
  await field(page, 'Họ và tên').fill('Trần Thị Mai');

  // Every consolidated dossier in one archive: A01–A16 and A19–A30 (A17 waits for a part, A18 sent nothing); each verifies.
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải mọi hồ sơ đã tổng hợp (.zip)', exact: true }).click()]);
  const entries = unzip(fs.readFileSync(await zip.path()));
  assert.equal(Object.keys(entries).length, 28);
  const one = path.join(app.tmp, 'from-zip.json');
  fs.writeFileSync(one, Object.values(entries)[0]);
  const verified = chamdiemVerify(one);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  assert.deepEqual([JSON.parse(Object.values(entries)[0]).stages.at(-1).stage, JSON.parse(Object.values(entries)[0]).stages.at(-1).by.person], ['tong_hop', 'Trần Thị Mai']);

  // The consolidation as one file.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp tổng hợp (.json)', exact: true }).click()]);
  const file = path.join(app.tmp, saved.suggestedFilename());
  await saved.saveAs(file);
  assert.equal(saved.suggestedFilename(), 'tong-hop-chi-so-01-2025.json');
  const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual([kept.format, kept.title, kept.by.person, kept.inputs.length], ['cham-diem/consolidation', 'Chỉ số 01 — 2025', 'Trần Thị Mai', 32]);
  assert.deepEqual(kept.results.find((r) => r.code === 'A04'), { group: 'Đắk Lắk 2025 — Chỉ số 01: sở, ban, ngành', code: 'A04', agency: 'Cơ quan 04', rank: 4, points: '91', max: '100', percent: '91.00', levels: { cchc: 'Tốt', chat_luong: 'Hoàn thành tốt nhiệm vụ' }, notes: ['vượt hạn mức 20%'] });

  // A second consolidation beside the first: empty, the first untouched.
  await page.getByRole('button', { name: 'Thêm đợt mới', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('office-work')?.selectedOptions[0]?.text === 'Đợt tổng hợp 2');
  await table.waitFor({ state: 'detached' });
  // The file opened: a third, the same table from the inputs it holds.
  await field(page, 'Mở tệp tổng hợp (.json)').setInputFiles(file);
  await page.waitForFunction(() => document.getElementById('office-work')?.selectedOptions[0]?.text === 'Chỉ số 01 — 2025' && document.getElementById('office-work').selectedIndex === 2);
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();
  assert.deepEqual(await table.locator('tbody tr').allInnerTexts(), rows);

  // Last year's file (A01 then second at 95,50 %): its rank, its percentage, the change in points of percentage.
  const lastYear = structuredClone(kept);
  Object.assign(lastYear.results.find((r) => r.code === 'A01'), { rank: 2, percent: '95.50' });
  const lastFile = path.join(app.tmp, 'tong-hop-2024.json');
  fs.writeFileSync(lastFile, JSON.stringify(lastYear));
  await field(page, 'Tệp tổng hợp năm trước (.json)').setInputFiles(lastFile);
  await table.getByRole('columnheader', { name: 'Thay đổi', exact: true }).waitFor();
  const cells = async (code) => (await table.getByRole('row', { name: new RegExp(`\\b${code}\\b`) }).locator('td').allInnerTexts()).map((c) => c.trim());
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  const at = (name) => headers.indexOf(name) - 1; // the agency's name is the row's header, not a cell
  const a01 = await cells('A01');
  assert.deepEqual([a01[at('Hạng năm trước')], a01[at('Tỷ lệ năm trước')], a01[at('Thay đổi')]], ['2', '95,50%', '+1,50']);
  const a04 = await cells('A04');
  assert.deepEqual([a04[at('Hạng năm trước')], a04[at('Tỷ lệ năm trước')], a04[at('Thay đổi')]], ['4', '91,00%', '0,00']);
  await assertAccessible(page, 'the ranked table compared with last year');

  // After a reload: three consolidations, the third open, still compared.
  await page.waitForFunction(() => openWork()?.previous);
  await page.reload();
  await table.getByRole('columnheader', { name: 'Thay đổi', exact: true }).waitFor();
  assert.deepEqual(await works.locator('option').allInnerTexts(), ['Chỉ số 01 — 2025', 'Đợt tổng hợp 2', 'Chỉ số 01 — 2025']);
  // The second removed, once confirmed; the others stay.
  await works.selectOption({ label: 'Đợt tổng hợp 2' });
  await table.waitFor({ state: 'detached' });
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Xóa đợt này khỏi trình duyệt', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('office-work')?.options.length === 2);
  await table.getByRole('row', { name: /Cơ quan 18/ }).waitFor();

  // A consolidation file changed by hand: refused, naming the input; nothing kept is touched.
  const tampered = structuredClone(kept);
  tampered.inputs[0].text = tampered.inputs[0].text.replace('Cơ quan 01', 'Cơ quan 1');
  const bad = path.join(app.tmp, 'tong-hop-sua.json');
  fs.writeFileSync(bad, JSON.stringify(tampered));
  await field(page, 'Mở tệp tổng hợp (.json)').setInputFiles(bad);
  await page.getByRole('alert').getByText('tong-hop-sua.json: inputs[0].sha256: nội dung tệp không khớp mã SHA-256 ghi kèm: tệp đã bị sửa').waitFor();
  assert.equal(await works.locator('option').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the roster that comes with an index (Phụ lục 1 of the Đắk Lắk decision) is offered, and who has not submitted is listed', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.goto(app.url('tong-hop/'));
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  await page.getByRole('button', { name: 'Dùng danh sách có sẵn của bộ chỉ số đã chọn', exact: true }).click();
  await page.getByText('Đã chọn: daklak-2025-chi-so-01.csv').waitFor();
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(agencyFiles().slice(0, 1));
  const table = page.getByRole('table', { name: /^Bảng xếp hạng — / });
  await table.getByRole('row', { name: /Thanh tra tỉnh/ }).waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  assert.equal(rows.length, 15, 'the fifteen departments of Phụ lục 1, section I');
  assert.deepEqual(rows[12].slice(1, 3), ['PL1-I-13', 'Thanh tra tỉnh']);
  assert.ok(rows.every((r) => r.at(-2) === 'chưa có hồ sơ (chưa nộp, hoặc tệp bị từ chối)'), 'no file matches a name of the annex');
  // The file of an agency not on the annex's list is refused, named, never guessed.
  assert.match(await page.getByRole('region', { name: 'Tệp không dùng được' }).innerText(), /A01\.json/);
  // Chỉ số 02 has its own: eleven public service units.
  await field(page, 'Tổng hợp theo bộ chỉ số').selectOption('daklak-2025-chi-so-02');
  await page.getByRole('button', { name: 'Dùng danh sách có sẵn của bộ chỉ số đã chọn', exact: true }).click();
  await page.getByText('Đã chọn: daklak-2025-chi-so-02.csv').waitFor();
  await table.getByRole('row', { name: /Trường Đại học Phú Yên/ }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 11);
  assert.deepEqual(errors, []);
  await context.close();
});
