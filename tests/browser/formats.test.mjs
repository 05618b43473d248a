// The formats of earlier versions, in the page: a draft stored by the previous
// version opens with every value (copied to the current key, its own key left
// as it was), a v1 submission opens as a draft to continue, and a dossier
// already appraised opens read-only, saying its stage.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  setUp, field, resultsText, daklakField, disciplineQuestion, evidenceToggle, evidenceLabel, assertAccessible,
  ROOT, DAKLAK, AGENCY, IMPORT,
} from './harness.mjs';

const app = setUp({ axe: true });

const V1_DRAFT = fs.readFileSync(path.join(ROOT, 'tests/drafts/daklak-01.v1.draft.json'), 'utf8');
const V1_SUBMISSION = path.join(ROOT, 'tests/submissions/daklak-01-worked-example.submission.json');
const DOSSIER = path.join(ROOT, 'tests/dossiers/daklak-01-worked-example.dossier.json');
const C = DAKLAK.items;

/** The worked example's values, evidence and answer are on the page. */
async function assertWorkedExample(page) {
  for (const [key, value] of [['1', '42'], ['2', '31,5'], ['3', '9'], ['4', '4'], ['5', '1'], ['6', '2']]) {
    assert.equal(await daklakField(page, key).inputValue(), value, `content ${key}`);
  }
  assert.equal(await field(page, AGENCY.name).inputValue(), 'Sở Nội vụ');
  assert.equal(await field(page, AGENCY.preparer).inputValue(), 'Nguyễn Thị Lan');
  assert.equal(await disciplineQuestion(page).getByLabel('Không', { exact: true }).isChecked(), true);
  await evidenceToggle(page, '2').click();
  assert.equal(await field(page, evidenceLabel('Số hiệu', 1, C[2])).inputValue(), '220/BC-SNV');
  assert.match(await resultsText(page), /85,5 \/ 100 điểm/);
}

test('a draft stored by the previous version opens with every value; its own key is left as it was', async () => {
  const init = (text) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('chamdiem:v1:draft:k3v9x2', text);
    localStorage.setItem('chamdiem:v1:current', 'k3v9x2');
  };
  const { page, errors, context } = await app.freshPage({ init: [init, V1_DRAFT] });
  await assertWorkedExample(page);
  const stored = await page.evaluate(() => ({
    v1: localStorage.getItem('chamdiem:v1:draft:k3v9x2'),
    v2: JSON.parse(localStorage.getItem('chamdiem:v2:draft:k3v9x2')),
  }));
  assert.equal(stored.v1, V1_DRAFT, 'the old key keeps its exact text: a tab of the previous version still reads it');
  assert.equal(stored.v2.format_version, 2);
  assert.equal(stored.v2.entries['6'].explanation, 'Hai lần chậm gửi báo cáo định kỳ (quý I, quý III).');

  // Deleted here, it is not copied back from its old key at the next start.
  await page.evaluate(() => localStorage.removeItem('chamdiem:v2:draft:k3v9x2'));
  await page.reload();
  await resultsText(page);
  assert.equal(await page.evaluate(() => localStorage.getItem('chamdiem:v2:draft:k3v9x2')), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a v1 submission opens as a draft to continue, with every value', async () => {
  const { page, errors, context } = await app.freshPage();
  await field(page, IMPORT).setInputFiles(V1_SUBMISSION);
  for (let i = 0; (await daklakField(page, '1').inputValue()) !== '42'; i++) {
    assert.ok(i < 100, 'the imported draft opens');
    await page.waitForTimeout(50);
  }
  await assertWorkedExample(page);
  assert.equal(await daklakField(page, '1').isDisabled(), false, 'a verified file is editable');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dossier already appraised opens read-only, saying its stage, with the appraised scores', async () => {
  const { page, errors, context } = await app.freshPage();
  await field(page, IMPORT).setInputFiles(DOSSIER);
  const ro = page.getByRole('alert').filter({ hasText: 'Chỉ xem' });
  await ro.waitFor();
  assert.match(await ro.innerText(), /Hồ sơ đã qua bước “thẩm định lần 2” \(tham_dinh_2\): mở để xem, chỉ đọc/);
  assert.equal(await daklakField(page, '2').inputValue(), '31', 'the score of the second appraisal');
  assert.equal(await daklakField(page, '2').isDisabled(), true);
  assert.match(await resultsText(page), /85 \/ 100 điểm/);
  await assertAccessible(page, 'a dossier opened read-only');
  assert.deepEqual(errors, []);
  await context.close();
});

// Files are opened by a worker of their own (src/opener.rs), a second wasm
// that the scoring page never downloads at start-up.
const OPENER = /\/opener(_loader\.js|\.js|_bg\.wasm)$/;

test('the file-opening worker is not downloaded at start-up; it comes when a file is opened, and works offline after the first visit', async () => {
  const { page, errors, context } = await app.freshPage({ open: false });
  const asked = [];
  context.on('request', (r) => { if (OPENER.test(new URL(r.url()).pathname) && !r.serviceWorker()) asked.push(new URL(r.url()).pathname); });
  await app.open(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(asked, [], 'nothing of the worker asked for by the page at start-up');
  // The service worker cached it at install: a file opens offline, never opened online before.
  await context.setOffline(true);
  await page.reload();
  await resultsText(page);
  await field(page, IMPORT).setInputFiles(V1_SUBMISSION);
  for (let i = 0; (await daklakField(page, '1').inputValue()) !== '42'; i++) {
    assert.ok(i < 100, 'the file opens offline');
    await page.waitForTimeout(50);
  }
  await assertWorkedExample(page);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the file-opening worker cannot run, the import says so and what is on the page stays', async () => {
  const { page, errors, context } = await app.freshPage({ serviceWorkers: 'block', open: false, console: false });
  await page.route(OPENER, (route) => route.abort());
  await app.open(page);
  await daklakField(page, '1').fill('12');
  await field(page, IMPORT).setInputFiles(V1_SUBMISSION);
  const alert = page.getByRole('alert').filter({ hasText: 'Không mở được tệp' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /daklak-01-worked-example\.submission\.json — Không mở được tệp: phần đọc tệp của ứng dụng không chạy được/);
  assert.equal(await daklakField(page, '1').inputValue(), '12');
  await context.close();
});
