// Rulesets kept by hash: a dossier made on an earlier copy of its ruleset
// (rulesets/archive/<sha256>.json, listed in rulesets/index.json) opens
// verified, checked against that copy, saying which one it was; a changed
// file made on it, a hash the site does not keep, or an archived copy that
// does not match its hash open read-only with the reason.
//
// The dossier is made by the app itself, in a browser where the archived
// copy is served as Chỉ số 01's current file; then imported in another
// browser that has the site as published.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setUp, resultsRegion, assertAccessible, DIST, IMPORT } from './harness.mjs';

const app = setUp({ tmp: 'chamdiem-archive-', axe: true });

const ID = 'daklak-2025-chi-so-01';
const INDEX = JSON.parse(fs.readFileSync(path.join(DIST, 'rulesets', 'index.json'), 'utf8'));
const ARCHIVED = INDEX.rulesets.find((r) => r.id === ID).archive[0]; // { sha256, version, file }
// The score fields are labelled "<code> <title>" (Chỉ số 01's sections are its items).
const ITEMS = JSON.parse(fs.readFileSync(path.join(DIST, 'rulesets', `${ID}.json`), 'utf8')).sections.map((s) => `${s.code} ${s.title}`);
const WORKED = ['42', '31,5', '9', '4', '1', '2'];

let made; // the dossier made on the archived copy: { file, text }

/**
 * A new browser (empty storage) on the app. `serve` maps a path under the
 * site to the bytes served instead, looked up at each request (a first
 * visit: the service worker does not control the page, so every request
 * meets that routing). `requests` lists the paths asked for.
 */
async function freshPage({ serve = {} } = {}) {
  const { page, errors, context } = await app.freshPage({ open: false });
  const under = (url) => new URL(url).pathname.slice('/cham-diem/'.length);
  await context.route((url) => under(url) in serve, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: serve[under(route.request().url())] }));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await app.open(page);
  return { page, errors, context, requests };
}

const field = (page, label) => page.getByLabel(label, { exact: true });
const readOnly = (page) => page.getByRole('alert').filter({ hasText: 'Chỉ xem' });

async function importFile(page, name, text) {
  const file = path.join(app.tmp, name);
  fs.writeFileSync(file, text);
  await field(page, IMPORT).setInputFiles(file);
}

test('the index lists an earlier copy of Chỉ số 01, published under its hash', () => {
  assert.equal(ARCHIVED.file, `archive/${ARCHIVED.sha256}.json`);
  assert.ok(fs.existsSync(path.join(DIST, 'rulesets', ARCHIVED.file)), 'Trunk copies rulesets/archive/');
});

test('a dossier made on the archived copy (by the app, with that copy as the current file)', async () => {
  const bytes = fs.readFileSync(path.join(DIST, 'rulesets', ARCHIVED.file));
  const { page, errors, context } = await freshPage({ serve: { [`rulesets/${ID}.json`]: bytes } });
  for (let i = 0; i < ITEMS.length; i++) await field(page, ITEMS[i]).fill(WORKED[i]);
  await field(page, 'Tên cơ quan, đơn vị').fill('Sở Nội vụ');
  await resultsRegion(page).getByText('85,5 / 100 điểm').first().waitFor();
  await page.getByRole('button', { name: 'Xuất tệp nộp (JSON)', exact: true }).click();
  const check = page.getByRole('dialog', { name: 'Kiểm tra trước khi xuất' });
  const [download] = await Promise.all([page.waitForEvent('download'), check.getByRole('button', { name: 'Xuất tệp', exact: true }).click()]);
  const file = path.join(app.tmp, download.suggestedFilename());
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  const dossier = JSON.parse(text);
  assert.deepEqual(dossier.ruleset, { id: ID, version: ARCHIVED.version, sha256: ARCHIVED.sha256 }, 'stamped with the archived copy');
  assert.equal(dossier.stages[0].results.points, '85.5');
  made = { file: path.basename(file), text };
  assert.deepEqual(errors, []);
  await context.close();
});

test('imported where that copy is archived: opens verified, says which copy, fetched it once; axe finds nothing', async () => {
  assert.ok(made, 'needs the file of the previous test');
  const { page, errors, context, requests } = await freshPage();
  await importFile(page, made.file, made.text);
  const note = page.getByRole('status').filter({ hasText: 'bản trước của bộ chỉ số' });
  await note.waitFor();
  const said = await note.innerText();
  assert.match(said, new RegExp(`phiên bản ${ARCHIVED.version.replace('.', '\\.')}, SHA-256 ${ARCHIVED.sha256.slice(0, 12)}…`));
  assert.match(said, /đã được kiểm tra theo đúng bản đó và khớp/);
  assert.equal(await readOnly(page).count(), 0, 'not read-only');
  assert.equal(await field(page, ITEMS[0]).isDisabled(), false, 'a verified file is editable');
  assert.equal(await field(page, ITEMS[1]).inputValue(), '31,5');
  assert.equal(await field(page, 'Tên cơ quan, đơn vị').inputValue(), 'Sở Nội vụ');
  await resultsRegion(page).getByText('85,5 / 100 điểm').first().waitFor();
  // It opens on the current copy, which says what changed since the archived one.
  const changed = page.getByRole('status', { name: 'Lưu ý khi mở bản nháp' });
  // The archived copy's version, then the current one's (an edited file of the same version is told by its
  // hashes instead, tested in src/i18n.rs).
  assert.match(await changed.innerText(), new RegExp(`Bộ chỉ số đã thay đổi kể từ khi lưu bản nháp \\(phiên bản ${ARCHIVED.version.replace('.', '\\.')} → 2025\\.2\\)`));
  assert.deepEqual(requests.filter((p) => p.includes('/rulesets/archive/')), [`/cham-diem/rulesets/${ARCHIVED.file}`]);
  await assertAccessible(page, 'a file made on an archived copy, opened');

  await field(page, 'Ngôn ngữ').selectOption('en');
  const en = page.getByRole('status').filter({ hasText: 'earlier copy of the index' });
  assert.match(await en.innerText(), /it was checked against that copy and matches/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('read-only with the reason: a changed file made on the archived copy, a hash the site does not keep, an archived copy that does not match its hash', async () => {
  assert.ok(made, 'needs the file of the first test');
  const serve = {}; // read at each request: filled for the last case
  const { page, errors, context, requests } = await freshPage({ serve });

  // Stored results changed by hand: checked against the archived copy, which it names.
  const tampered = JSON.parse(made.text);
  tampered.stages[0].results.points = '99';
  await importFile(page, 'tampered.json', JSON.stringify(tampered));
  await readOnly(page).waitFor();
  let text = await readOnly(page).innerText();
  assert.match(text, /bản trước của bộ chỉ số \(phiên bản .*\), bản mà trang này vẫn lưu giữ: tệp đã được kiểm tra theo đúng bản đó\./);
  assert.match(text, /Kết quả ghi trong tệp khác kết quả tính lại/);
  assert.doesNotMatch(text, /Không kiểm tra được kết quả/, 'the archived copy is the one it was made with');
  assert.equal(await field(page, ITEMS[0]).isDisabled(), true);
  assert.equal(await page.getByRole('status').filter({ hasText: 'bản trước của bộ chỉ số' }).count(), 0, 'no "verified" note');

  // A hash the site does not keep: as before the archive.
  const unknown = JSON.parse(made.text);
  unknown.ruleset.sha256 = 'f'.repeat(64);
  const asked = requests.length;
  await importFile(page, 'unknown.json', JSON.stringify(unknown));
  await readOnly(page).filter({ hasText: 'Không kiểm tra được kết quả' }).waitFor();
  text = await readOnly(page).innerText();
  assert.match(text, /Không kiểm tra được kết quả: không có bản bộ chỉ số "daklak-2025-chi-so-01" \(phiên bản [^)]*\) mà hồ sơ được lập trên đó/);
  assert.doesNotMatch(text, /bản trước/);
  assert.equal(requests.slice(asked).filter((p) => p.includes('/archive/')).length, 0);

  // The untouched file, but the archived copy is answered with other bytes (the current file's).
  serve[`rulesets/${ARCHIVED.file}`] = fs.readFileSync(path.join(DIST, 'rulesets', `${ID}.json`));
  await importFile(page, made.file, made.text);
  await readOnly(page).filter({ hasText: 'không dùng được bản này' }).waitFor();
  text = await readOnly(page).innerText();
  assert.match(text, new RegExp(`Trang có liệt kê bản trước của bộ chỉ số mà tệp được lập trên đó, nhưng không dùng được bản này \\(rulesets/${ARCHIVED.file}: SHA-256 [0-9a-f]{64}\\)`));
  assert.match(text, /Không kiểm tra được kết quả/, 'then checked against the current copy, which it was not made with');
  assert.equal(await field(page, ITEMS[0]).isDisabled(), true);
  await assertAccessible(page, 'a file made on an archived copy, read-only');
  assert.deepEqual(errors, []);
  await context.close();
});
