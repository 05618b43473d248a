// Evidence files (issue 15) in a real browser: attached to an item, kept in
// the browser by SHA-256 through the file-opening worker, listed with their
// name, type and size, renamed, opened (a picture in a new tab from the
// browser's copy, under the page's Content-Security-Policy; any other type
// downloaded), removed after a confirmation; counted as evidence; in the
// exported file by reference only. Faults: a file over 50 MB, a storage that
// refuses, a file gone from IndexedDB behind the app's back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  setUp, field, fillDaklak, evidenceToggle, evidenceLabel, openExportChecklist, waitSaved, storedDrafts, until, clickInDrafts, draftRows, drafts,
  assertAccessible, screenshot, chamdiemVerify, unzip, keptFiles, DAKLAK, ROOT, IMPORT,
} from './harness.mjs';

const app = setUp({ tmp: 'chamdiem-evidence-' });
const C1 = DAKLAK.items[1];

const PNG = { name: 'Ảnh chụp bảng tin.png', mimeType: 'image/png', buffer: fs.readFileSync(path.join(ROOT, 'public', 'favicon.png')) };
const DOCX = {
  name: 'Báo cáo tổng kết năm 2025.docx',
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  buffer: Buffer.from('PK\u0003\u0004 not really a Word file, bytes that must come back unchanged'),
};
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

/** Deletes a kept file from the site's IndexedDB behind the app's back. */
const forgetFile = (page, sha) => page.evaluate((sha) => new Promise((resolve, reject) => {
  const r = indexedDB.open('cham-diem');
  r.onsuccess = () => {
    const tx = r.result.transaction('files', 'readwrite');
    tx.objectStore('files').delete(sha);
    tx.oncomplete = () => { r.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  r.onerror = () => reject(r.error);
}), sha);

/** Opens content 1's evidence (if closed). */
async function openEvidence(page) {
  const toggle = evidenceToggle(page, '1');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** The item-level "Đính kèm tệp" of content 1. */
const attachInput = (page) => field(page, `Đính kèm tệp — ${C1}`);

/** The files listed under content 1, as their names (the rename fields' values). */
const listedNames = (page) => page.locator(`[data-key="1"] .ev-file input[type=text]`).evaluateAll((xs) => xs.map((x) => x.value));

test('files attached to an item are kept, listed, opened, renamed and removed, and count as its evidence', async () => {
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page, { 1: '40' });
  await openEvidence(page);
  await attachInput(page).setInputFiles([PNG, DOCX]);
  await page.locator('[data-key="1"] .ev-file').nth(1).waitFor();
  assert.deepEqual(await listedNames(page), [PNG.name, DOCX.name], 'each file a row of its own, in the order picked');
  assert.equal(await evidenceToggle(page, '1').textContent(), 'Tài liệu kiểm chứng, giải trình (2)', 'each file counted as a document');
  const rowText = await page.locator('[data-key="1"] .ev-file').nth(1).innerText();
  assert.match(rowText, /application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document · 0,1 kB/, 'type and size shown');

  const saved = await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 2, 'two files');
  assert.deepEqual(saved.entries['1'].evidence.map((e) => e.files), [
    [{ name: PNG.name, type: 'image/png', size: PNG.buffer.length, sha256: sha256(PNG.buffer) }],
    [{ name: DOCX.name, type: DOCX.mimeType, size: DOCX.buffer.length, sha256: sha256(DOCX.buffer) }],
  ], 'the draft holds references by SHA-256, never the content');

  // The drafts table says what the draft holds.
  const kb = ((PNG.buffer.length + DOCX.buffer.length) / 1000).toFixed(1).replace('.', ',');
  assert.equal((await draftRows(page, 6))[0][5], `1 mục · 2 tệp đính kèm, ${kb} kB`);

  // A file alone is evidence: content 1 has points and is not listed as missing any.
  const check = await openExportChecklist(page);
  assert.doesNotMatch(await check.innerText(), new RegExp(`chưa có tài liệu kiểm chứng[^]*${C1}`));
  await check.getByRole('button', { name: 'Đóng', exact: true }).click();

  // After a reload: still there, read from the browser's copy.
  await page.reload();
  await openEvidence(page);
  await page.locator('[data-key="1"] .ev-file').nth(1).waitFor();
  assert.deepEqual(await listedNames(page), [PNG.name, DOCX.name]);
  assert.equal(await page.getByText('không còn trong trình duyệt này').count(), 0, 'both files still kept');

  // A picture opens in a new tab from a blob: URL, and shows under the page's policy.
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: `Mở tệp ${PNG.name} — ${C1}`, exact: true }).click(),
  ]);
  await popup.waitForLoadState();
  assert.match(popup.url(), /^blob:http:\/\/127\.0\.0\.1:\d+\//);
  assert.ok(await popup.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the picture is shown');
  await popup.close();

  // A Word file is downloaded under its name, byte for byte.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Mở tệp ${DOCX.name} — ${C1}`, exact: true }).click(),
  ]);
  assert.equal(download.suggestedFilename(), DOCX.name);
  assert.deepEqual(fs.readFileSync(await download.path()), DOCX.buffer);

  // Renamed: kept.
  await field(page, evidenceLabel('Tên tệp', 2, C1)).fill('Báo cáo 2025.docx');
  await waitSaved(page, (d) => d.entries?.['1']?.evidence?.[1]?.files?.[0]?.name === 'Báo cáo 2025.docx', 'the new name');
  await screenshot(page, 'evidence-files', { at: page.locator('[data-key="1"]') });

  // The exported file lists the files without their content.
  const dialog = await openExportChecklist(page);
  const [exported] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Xuất tệp', exact: true }).click()]);
  const file = path.join(app.tmp, exported.suggestedFilename());
  await exported.saveAs(file);
  const stage = JSON.parse(fs.readFileSync(file, 'utf8')).stages[0];
  assert.deepEqual(stage.entries['1'].evidence[1].files, [
    { name: 'Báo cáo 2025.docx', type: DOCX.mimeType, size: DOCX.buffer.length, sha256: sha256(DOCX.buffer), path: 'tai-lieu/1/Báo cáo 2025.docx' },
  ], 'by reference, with the path it would have in a package (the same hash either way)');
  assert.equal(chamdiemVerify(file).status, 0, 'the file verifies');

  // Removing asks first: dismissed keeps it, accepted removes it.
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: `Gỡ tệp ${PNG.name} — ${C1}`, exact: true }).click();
  assert.deepEqual(await listedNames(page), [PNG.name, 'Báo cáo 2025.docx'], 'dismissed: kept');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: `Gỡ tệp ${PNG.name} — ${C1}`, exact: true }).click();
  assert.deepEqual(await listedNames(page), ['Báo cáo 2025.docx']);
  await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 1, 'the picture removed with its row (it held nothing else)');
  assert.equal(await evidenceToggle(page, '1').textContent(), 'Tài liệu kiểm chứng, giải trình (1)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file over 50 MB, a storage that refuses, a file gone: each said, nothing entered lost', async () => {
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page, { 1: '40' });
  await openEvidence(page);
  const status = page.locator('[data-key="1"] .ev-drop [role=status]');

  // Over the limit: said by name before anything is stored.
  const big = path.join(app.tmp, 'Video hội nghị.mp4');
  fs.writeFileSync(big, Buffer.alloc(50_000_001));
  await attachInput(page).setInputFiles(big);
  await status.filter({ hasText: 'quá 50 MB' }).waitFor();
  assert.match(await status.innerText(), /^Video hội nghị\.mp4: 50,0 MB, quá 50 MB cho một tệp\. Tệp không được đính kèm\.$/);
  assert.equal(await page.locator('[data-key="1"] .ev-file').count(), 0);

  // The storage refuses (a quota of 1 MB for the site): no file kept, the draft intact.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1_000_000 });
  await attachInput(page).setInputFiles({ name: 'Quyết định 215.pdf', mimeType: 'application/pdf', buffer: crypto.randomBytes(3_000_000) });
  await status.filter({ hasText: 'Không lưu được tệp' }).waitFor({ timeout: 15_000 });
  assert.match(await status.innerText(), /Chưa tệp nào được đính kèm; những gì đã nhập vẫn còn/);
  assert.equal(await page.locator('[data-key="1"] .ev-file').count(), 0);
  assert.equal(await field(page, C1).inputValue(), '40');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });

  // Kept, then deleted from IndexedDB behind the app's back: shown missing, by name.
  await attachInput(page).setInputFiles(PNG);
  await page.locator('[data-key="1"] .ev-file').first().waitFor();
  await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 1, 'the picture');
  await forgetFile(page, sha256(PNG.buffer));
  await page.reload();
  await openEvidence(page);
  const row = page.locator('[data-key="1"] .ev-file').first();
  await row.getByText('không còn trong trình duyệt này').waitFor();
  assert.equal(await field(page, evidenceLabel('Tên tệp', 1, C1)).inputValue(), PNG.name, 'named');
  await page.getByRole('button', { name: `Mở tệp ${PNG.name} — ${C1}`, exact: true }).click();
  await status.filter({ hasText: 'không còn được lưu' }).waitFor();
  assert.equal((await storedDrafts(page)) && (await field(page, C1).inputValue()), '40', 'nothing else lost');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the package to hand in: the dossier and its files in one ZIP that `chamdiem verify` checks; a file gone is named', async () => {
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page, { 1: '40', 5: '2' });
  await openEvidence(page);
  await attachInput(page).setInputFiles([PNG, DOCX]);
  await page.locator('[data-key="1"] .ev-file').nth(1).waitFor();
  await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 2, 'two files');

  let dialog = await openExportChecklist(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Xuất hồ sơ kèm tệp (.zip)', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /-tu-cham\.zip$/);
  const file = path.join(app.tmp, download.suggestedFilename());
  await download.saveAs(file);
  const entries = unzip(fs.readFileSync(file));
  const dossier = JSON.parse(entries['ho-so.json'].toString('utf8'));
  const files = dossier.stages[0].entries['1'].evidence.map((e) => e.files[0]);
  assert.deepEqual(files.map((f) => f.path), [`tai-lieu/1/${PNG.name}`, `tai-lieu/1/${DOCX.name}`], 'a folder per item, Vietnamese names kept');
  assert.deepEqual(Object.keys(entries).sort(), ['ho-so.json', ...files.map((f) => f.path)].sort(), 'nothing else in it');
  assert.deepEqual(entries[files[0].path], PNG.buffer);
  assert.deepEqual(entries[files[1].path], DOCX.buffer);
  const verified = chamdiemVerify(file);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);

  // In another browser (an empty profile): the package opens as a draft with its files, which open.
  const other = await app.freshPage();
  // Every state of the progress bar shown while the worker checks the package's entries.
  await other.page.evaluate(() => {
    window.seen = [];
    new MutationObserver(() => {
      const p = document.querySelector('progress[aria-label="Đang kiểm tra các tệp trong gói"]');
      if (p) window.seen.push(`${p.value}/${p.max}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await field(other.page, IMPORT).setInputFiles(file);
  await other.page.getByText('Bản nháp (1)', { exact: true }).waitFor();
  const seen = await other.page.evaluate(() => window.seen);
  assert.ok(seen.length > 0 && seen.every((x) => /^[0-2]\/3$/.test(x)), `a bar over the 3 entries: ${seen}`);
  assert.equal(await other.page.locator('progress').count(), 0, 'gone once done');
  assert.equal(await field(other.page, C1).inputValue(), '40');
  await openEvidence(other.page);
  await until(async () => (await listedNames(other.page)).length === 2, 'both files listed');
  assert.deepEqual(await listedNames(other.page), [PNG.name, DOCX.name]);
  const [again] = await Promise.all([
    other.page.waitForEvent('download'),
    other.page.getByRole('button', { name: `Mở tệp ${DOCX.name} — ${C1}`, exact: true }).click(),
  ]);
  assert.deepEqual(fs.readFileSync(await again.path()), DOCX.buffer, 'the file came in with the package');

  // The council opens the package on the appraisal page: the files come with it and open from the item's history.
  const council = await app.freshPage({ open: false });
  await council.page.goto(app.url('tham-dinh/'));
  await field(council.page, 'Cơ quan, đơn vị').fill('Hội đồng thẩm định tỉnh Đắk Lắk');
  await field(council.page, 'Họ và tên').fill('Trần Văn Minh');
  await field(council.page, 'Chọn tệp hồ sơ (.json)').setInputFiles(file);
  await council.page.getByRole('button', { name: 'Bắt đầu thẩm định lần 1', exact: true }).click();
  await council.page.locator('details.history > summary', { hasText: /— 1$/ }).click();
  const [fromHistory] = await Promise.all([
    council.page.waitForEvent('download'),
    council.page.getByRole('button', { name: `Mở tệp ${DOCX.name} — 1`, exact: true }).click(),
  ]);
  assert.deepEqual(fs.readFileSync(await fromHistory.path()), DOCX.buffer);
  assert.deepEqual(council.errors, []);
  await council.context.close();

  // A package whose file was changed: refused, naming the entry; nothing opened.
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(DOCX.buffer.subarray(0, 20), bytes.indexOf(Buffer.from(DOCX.name)) + DOCX.name.length);
  bytes[at + 5] ^= 0xff;
  const changed = path.join(app.tmp, 'changed.zip');
  fs.writeFileSync(changed, bytes);
  await field(other.page, IMPORT).setInputFiles(changed);
  const refusedAlert = other.page.getByRole('alert').filter({ hasText: 'Không nhập được tệp' });
  await refusedAlert.waitFor();
  assert.match(await refusedAlert.innerText(), new RegExp(`changed\\.zip — tai-lieu/1/${DOCX.name.replace(/\./g, '\\.')}: `));
  await other.page.getByText('Bản nháp (1)', { exact: true }).waitFor();
  assert.deepEqual(other.errors, []);
  await other.context.close();

  // A file gone from the browser: the package is refused, naming it; the JSON export still works.
  await forgetFile(page, sha256(DOCX.buffer));
  dialog = await openExportChecklist(page);
  await dialog.getByRole('button', { name: 'Xuất hồ sơ kèm tệp (.zip)', exact: true }).click();
  const alert = page.getByText(/^Không tạo được gói hồ sơ/);
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`tai-lieu/1/${DOCX.name.replace(/\./g, '\\.')}`));
  dialog = await openExportChecklist(page);
  const [json] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Xuất tệp', exact: true }).click()]);
  assert.match(json.suggestedFilename(), /\.json$/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Saves a download started by `click` into the test's folder; resolves to its path. */
async function saved(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(app.tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** A fresh context on the appraisal page, signed as `unit`, `person`, with `file` opened. */
async function appraising(unit, person, file) {
  const a = await app.freshPage({ open: false });
  await a.page.goto(app.url('tham-dinh/'));
  await field(a.page, 'Cơ quan, đơn vị').fill(unit);
  await field(a.page, 'Họ và tên').fill(person);
  await field(a.page, 'Chọn tệp hồ sơ (.json)').setInputFiles(file);
  return a;
}

test("through the rounds: the council passes the files on, the agency's response brings its own, each package verified", async () => {
  const button = (page, name) => page.getByRole('button', { name, exact: true });
  const agency = await app.freshPage();
  await fillDaklak(agency.page, { 1: '40' });
  await field(agency.page, 'Tên cơ quan, đơn vị').fill('Sở Nội vụ');
  await openEvidence(agency.page);
  await attachInput(agency.page).setInputFiles(DOCX);
  await agency.page.locator('[data-key="1"] .ev-file').first().waitFor();
  await waitSaved(agency.page, (d) => d.entries?.['1']?.evidence?.length === 1, 'the file');
  const dialog = await openExportChecklist(agency.page);
  const tuCham = await saved(agency.page, () => button(dialog, 'Xuất hồ sơ kèm tệp (.zip)').click());
  await agency.context.close();

  // Round 1: the dossier lists a file, so the council's export is a package with it.
  const council = await appraising('Hội đồng thẩm định tỉnh Đắk Lắk', 'Trần Văn Minh', tuCham);
  await button(council.page, 'Bắt đầu thẩm định lần 1').click();
  await field(council.page, 'Điểm thẩm định lần 1 — 1').fill('35');
  await field(council.page, 'Lý do — 1').fill('Báo cáo tổng kết chưa nêu kết quả quý IV.');
  await button(council.page, 'Đồng ý mọi mục chưa thẩm định').click();
  const td1 = await saved(council.page, () => button(council.page, 'Xuất hồ sơ (thẩm định lần 1)').click());
  assert.match(path.basename(td1), /-tham-dinh-1\.zip$/);
  assert.equal(chamdiemVerify(td1).status, 0);
  await council.context.close();

  // The response, in another browser: it explains and attaches a picture.
  const reply = await appraising('Sở Nội vụ', 'Nguyễn Thị Lan', td1);
  await button(reply.page, 'Bắt đầu giải trình').click();
  await field(reply.page, 'Giải trình — 1').fill('Bổ sung ảnh chụp bảng tin kết quả quý IV.');
  await field(reply.page, 'Đính kèm tệp — 1').setInputFiles(PNG);
  await reply.page.getByRole('button', { name: `Gỡ tệp ${PNG.name} — 1`, exact: true }).waitFor();
  const gt = await saved(reply.page, () => button(reply.page, 'Xuất hồ sơ (giải trình)').click());
  const r = chamdiemVerify(gt);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const entries = unzip(fs.readFileSync(gt));
  assert.deepEqual(entries[`tai-lieu/1/${DOCX.name}`], DOCX.buffer, "the agency's first file passed on");
  assert.deepEqual(entries[`tai-lieu/1/${PNG.name}`], PNG.buffer, 'the response\'s file added');
  assert.deepEqual(reply.errors, []);
  await reply.context.close();
});

test('a backup carries the evidence files: restored in another browser, they open there', async () => {
  const a = await app.freshPage();
  await fillDaklak(a.page, { 1: '40' });
  await field(a.page, 'Tên cơ quan, đơn vị').fill('Sở Y tế');
  await openEvidence(a.page);
  await attachInput(a.page).setInputFiles(DOCX);
  await waitSaved(a.page, (d) => d.entries?.['1']?.evidence?.length === 1, 'the file');
  await drafts(a.page);
  const backup = await saved(a.page, () => a.page.getByRole('button', { name: 'Sao lưu (tải tệp)', exact: true }).click());
  assert.match(path.basename(backup), /^cham-diem-sao-luu-\d{4}-\d{2}-\d{2}\.zip$/, 'with files: a package');
  const entries = unzip(fs.readFileSync(backup));
  assert.deepEqual(Object.keys(entries).sort(), ['sao-luu.json', `tai-lieu/${sha256(DOCX.buffer)}`]);
  assert.equal(JSON.parse(entries['sao-luu.json']).format, 'cham-diem/backup');
  await a.context.close();

  const b = await app.freshPage();
  await drafts(b.page);
  await field(b.page, 'Khôi phục từ tệp sao lưu').setInputFiles(backup);
  await b.page.getByRole('status').filter({ hasText: 'Đã khôi phục 1 bản nháp' }).waitFor();
  await clickInDrafts(b.page, 'Mở — Sở Y tế');
  await openEvidence(b.page);
  const [opened] = await Promise.all([
    b.page.waitForEvent('download'),
    b.page.getByRole('button', { name: `Mở tệp ${DOCX.name} — ${C1}`, exact: true }).click(),
  ]);
  assert.deepEqual(fs.readFileSync(await opened.path()), DOCX.buffer);

  // A backup package whose file was changed: refused by its entry, nothing restored.
  const bytes = fs.readFileSync(backup);
  const at = bytes.indexOf(DOCX.buffer.subarray(0, 20));
  bytes[at + 5] ^= 0xff;
  const changed = path.join(app.tmp, 'sao-luu-sua.zip');
  fs.writeFileSync(changed, bytes);
  await field(b.page, 'Khôi phục từ tệp sao lưu').setInputFiles(changed);
  const alert = b.page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`sao-luu-sua\\.zip — tai-lieu/${sha256(DOCX.buffer)}`));
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('the evidence with files passes axe', async () => {
  const { page, context } = await app.freshPage({ bypassCSP: true });
  await fillDaklak(page, { 1: '40' });
  await openEvidence(page);
  await attachInput(page).setInputFiles([PNG, DOCX]);
  await page.locator('[data-key="1"] .ev-file').nth(1).waitFor();
  await assertAccessible(page, 'evidence files');
  await context.close();
});

/** Keeps a file in the site's IndexedDB as the worker does, `at` ms since 1970 (0: long ago). */
const seedFile = (page, sha, at) => page.evaluate(([sha, at]) => new Promise((resolve, reject) => {
  const r = indexedDB.open('cham-diem', 1);
  r.onupgradeneeded = () => { r.result.createObjectStore('dossiers'); r.result.createObjectStore('files'); };
  r.onsuccess = () => {
    const tx = r.result.transaction('files', 'readwrite');
    tx.objectStore('files').put({ blob: new Blob([sha]), crc32: 0, at }, sha);
    tx.oncomplete = () => { r.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  r.onerror = () => reject(r.error);
}), [sha, at]);

test('deleting a draft frees the files no other record names, and only those', async () => {
  const [mine, shared, fresh] = ['a', 'b', 'c'].map((c) => c.repeat(64));
  const ref = (sha) => ({ files: [{ name: `${sha[0]}.pdf`, type: 'application/pdf', size: 64, sha256: sha }] });
  const draft = (id, name, evidence) => ({
    format: 'cham-diem/draft', format_version: 2, id, name,
    ruleset: { id: 'daklak-2025-chi-so-01', version: '2025.2', sha256: '0'.repeat(64) },
    agency: { name, kind: 'department', year: '2025', preparer: '', contact: '' },
    entries: { 1: { value: '40', evidence } }, conditions: {},
    created_at: '2025-11-01T08:00:00+07:00', updated_at: '2025-11-02T08:00:00+07:00',
  });
  const init = ([a, b]) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem(`chamdiem:v2:draft:${a.id}`, JSON.stringify(a));
    localStorage.setItem(`chamdiem:v2:draft:${b.id}`, JSON.stringify(b));
  };
  const { page, errors, context } = await app.freshPage({
    init: [init, [draft('d1', 'Sở Xây dựng', [ref(mine), ref(shared)]), draft('d2', 'Sở Y tế', [ref(shared)])]],
  });
  await seedFile(page, mine, 0);
  await seedFile(page, shared, 0);
  await seedFile(page, fresh, Date.now());
  page.once('dialog', (d) => {
    assert.match(d.message(), /Tệp đính kèm mà không bản nháp, hồ sơ nào khác dùng cũng bị xoá/);
    d.accept();
  });
  await clickInDrafts(page, 'Xóa — Sở Xây dựng');
  await until(async () => (await keptFiles(page)).length === 2, 'the file only the deleted draft named freed');
  assert.deepEqual(await keptFiles(page), [shared, fresh], 'the file another draft names stays; so does one attached minutes ago');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the worked example with a PDF and a picture: still there after a reload; deleting the draft frees them at once', async () => {
  const PDF = { name: 'Quyết định 215-QĐ-SNV.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n') };
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page);
  await field(page, 'Tên cơ quan, đơn vị').fill('Sở Nội vụ');
  await field(page, 'Năm đánh giá').fill('2025');
  await openEvidence(page);
  await attachInput(page).setInputFiles([PDF, PNG]);
  await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 2, 'the two files');
  await page.reload();
  await openEvidence(page);
  await until(async () => (await listedNames(page)).length === 2, 'both files listed after a reload');
  assert.deepEqual(await listedNames(page), [PDF.name, PNG.name]);
  assert.deepEqual(await keptFiles(page), [sha256(PDF.buffer), sha256(PNG.buffer)].sort());
  page.once('dialog', (d) => d.accept());
  await clickInDrafts(page, 'Xóa — Sở Nội vụ 2025');
  await until(async () => (await keptFiles(page)).length === 0, 'the files freed with the draft that alone named them');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs attaching to the same draft: both files kept', async () => {
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page, { 1: '40' });
  await waitSaved(page, (d) => d.entries?.['1']?.value === '40', 'the score');
  const other = await context.newPage();
  await app.open(other);
  await openEvidence(page);
  await attachInput(page).setInputFiles(PNG);
  await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 1, 'the first tab\'s file');
  await openEvidence(other);
  await attachInput(other).setInputFiles(DOCX);
  const saved = await waitSaved(page, (d) => d.entries?.['1']?.evidence?.length === 2, 'both files');
  assert.deepEqual(saved.entries['1'].evidence.map((e) => e.files[0].name), [PNG.name, DOCX.name]);
  await openEvidence(page);
  await until(async () => (await listedNames(page)).length === 2, 'the first tab shows both');
  assert.deepEqual(errors, []);
  await context.close();
});
