// Records kept in the browser beyond the drafts: every dossier opened is kept
// (IndexedDB, through the worker that opens files) and listed in the Bản nháp
// panel, where it opens again after a reload; "Sao lưu / Khôi phục" moves every
// draft and dossier to another browser in one file, and restoring only adds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setUp, field, daklakField, assertAccessible, drafts, ROOT, AGENCY, IMPORT } from './harness.mjs';

const app = setUp({ axe: true, tmp: 'chamdiem-backup-' });

const DOSSIER = path.join(ROOT, 'tests/dossiers/daklak-01-worked-example.dossier.json');
const SUBMISSION = path.join(ROOT, 'tests/submissions/daklak-01-worked-example.submission.json');

const keptTable = (page) => page.getByRole('region', { name: 'Hồ sơ đánh giá lưu trong trình duyệt' });

/** Types an agency's name and waits until its draft is stored. */
async function typeDraft(page, name) {
  await field(page, AGENCY.name).fill(name);
  await page.waitForFunction((n) => Object.keys(localStorage).some((k) => k.startsWith('chamdiem:v2:draft:') && localStorage.getItem(k).includes(n)), name);
}

test('a dossier opened is kept: listed with its agency and stage, and opens again after a reload', async () => {
  const { page, errors, context } = await app.freshPage();
  await field(page, IMPORT).setInputFiles(DOSSIER);
  await page.getByRole('alert').filter({ hasText: 'Chỉ xem' }).waitFor();
  await drafts(page);
  const row = keptTable(page).getByRole('row', { name: /Sở Nội vụ/ });
  await row.waitFor();
  assert.match(await row.innerText(), /Sở Nội vụ\s+.*Chỉ số 01.*\s+thẩm định lần 2/);
  await assertAccessible(page, 'the kept dossiers and backup');

  await page.reload();
  await drafts(page);
  await keptTable(page).getByRole('button', { name: 'Mở — Sở Nội vụ', exact: true }).click();
  const ro = page.getByRole('alert').filter({ hasText: 'Chỉ xem' });
  await ro.waitFor();
  assert.match(await ro.innerText(), /thẩm định lần 2/);
  assert.equal(await daklakField(page, '2').inputValue(), '31', 'the score of the second appraisal');

  // Removed on request (confirmed), and gone after a reload too.
  page.once('dialog', (d) => d.accept());
  await keptTable(page).getByRole('button', { name: 'Bỏ khỏi trình duyệt — Sở Nội vụ', exact: true }).click();
  await keptTable(page).waitFor({ state: 'detached' });
  await page.reload();
  await drafts(page);
  await page.getByRole('heading', { name: 'Sao lưu / Khôi phục' }).waitFor();
  assert.equal(await keptTable(page).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a backup moves every draft and dossier to another browser; restoring adds only, and twice adds nothing', async () => {
  // Browser A: one draft typed, one dossier opened (kept), a v1 submission opened (a draft).
  const a = await app.freshPage();
  await typeDraft(a.page, 'Sở A');
  await field(a.page, IMPORT).setInputFiles(DOSSIER);
  await a.page.getByRole('alert').filter({ hasText: 'Chỉ xem' }).waitFor();
  await drafts(a.page);
  await keptTable(a.page).getByRole('row', { name: /Sở Nội vụ/ }).waitFor();
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Sao lưu (tải tệp)', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^cham-diem-sao-luu-\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(app.tmp, download.suggestedFilename());
  await download.saveAs(file);
  const backup = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(backup.format, 'cham-diem/backup');
  assert.deepEqual(backup.drafts.map((d) => d.agency.name), ['Sở A']);
  assert.deepEqual(backup.dossiers.map((d) => d.stages.at(-1).stage), ['tham_dinh_2']);
  assert.deepEqual(a.errors, []);
  await a.context.close();

  // Browser B holds its own draft; the restore adds A's beside it.
  const b = await app.freshPage();
  await typeDraft(b.page, 'Sở B');
  const panel = await drafts(b.page);
  await field(b.page, 'Khôi phục từ tệp sao lưu').setInputFiles(file);
  const note = b.page.getByRole('status').filter({ hasText: 'Đã khôi phục' });
  await note.waitFor();
  assert.equal(await note.innerText(), 'Đã khôi phục 1 bản nháp và 1 hồ sơ; 0 mục đã có sẵn, giữ nguyên.');
  await panel.getByRole('button', { name: 'Mở — Sở A', exact: true }).waitFor();
  await panel.getByRole('button', { name: 'Mở — Sở B', exact: true }).waitFor();
  await keptTable(b.page).getByRole('row', { name: /Sở Nội vụ/ }).waitFor();
  // Again: everything is already here.
  await field(b.page, 'Khôi phục từ tệp sao lưu').setInputFiles(file);
  await b.page.getByRole('status').filter({ hasText: '0 bản nháp và 0 hồ sơ; 2 mục đã có sẵn' }).waitFor();
  assert.equal(await panel.getByRole('button', { name: 'Mở — Sở A', exact: true }).count(), 1, 'not added twice');
  // A file that is no backup is refused, naming it and the place.
  await field(b.page, 'Khôi phục từ tệp sao lưu').setInputFiles(SUBMISSION);
  const refused = b.page.getByRole('alert');
  await refused.waitFor();
  assert.match(await refused.innerText(), /daklak-01-worked-example\.submission\.json — format/);
  assert.equal(await field(b.page, AGENCY.name).inputValue(), 'Sở B', 'what was open stays');
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('a tampered copy of a dossier kept (same key: its last stage hash) is said read-only and never replaces the kept one', async () => {
  const { page, errors, context } = await app.freshPage();
  await field(page, IMPORT).setInputFiles(DOSSIER);
  await page.getByRole('alert').filter({ hasText: 'Chỉ xem' }).waitFor();
  const text = fs.readFileSync(DOSSIER, 'utf8');
  assert.ok(text.includes('"value": "31"'));
  const tampered = path.join(app.tmp, 'tampered.dossier.json');
  fs.writeFileSync(tampered, text.replace('"value": "31"', '"value": "35"'));
  await field(page, IMPORT).setInputFiles(tampered);
  await page.getByRole('alert').filter({ hasText: /mã băm|hash/ }).waitFor();
  // The copy kept is still the sound file: it opens with the second appraisal's 31.
  await page.reload();
  await drafts(page);
  await keptTable(page).getByRole('button', { name: 'Mở — Sở Nội vụ', exact: true }).click();
  const ro = page.getByRole('alert').filter({ hasText: 'Chỉ xem' });
  await ro.waitFor();
  assert.doesNotMatch(await ro.innerText(), /mã băm|hash/);
  assert.equal(await daklakField(page, '2').inputValue(), '31');
  assert.deepEqual(errors, []);
  await context.close();
});
