// Drafts, storage failures, export and import in a real browser: what a user
// types survives a reload and a second tab, drafts are kept apart, a full or
// disabled localStorage never loses what is on the page, a damaged entry is
// set aside (never deleted), and an exported file is what `chamdiem score`
// verifies and what an import in an empty browser shows again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  setUp, newTab, field, resultsRegion, resultsText, openRuleset, daklakField, fillDaklak, disciplineQuestion,
  evidenceToggle, evidenceLabel, addEvidence, exportChecklist, openExportChecklist, chamdiemScore, assertShowsResults,
  DIST, DAKLAK, DAKLAK_02, AGENCY, until, storedDrafts, waitSaved, drafts, draftRows, clickInDrafts, IMPORT,
} from './harness.mjs';

const app = setUp({ tmp: 'chamdiem-drafts-' });

// Đắk Lắk Chỉ số 01's score fields, by content key.
const C = DAKLAK.items;

// ---------------------------------------------------------------------------

const T1 = {
  values: { 1: '40', 5: '2,5', 6: '1' },
  agency: { name: 'Sở Nội vụ', year: '2025', preparer: 'Nguyễn Thị Lan', contact: '0262 3852 111' },
  evidence: { number: '123/QĐ-SNV', date: '05/12/2025', summary: 'Kế hoạch cải cách hành chính năm 2025' },
  explanation: 'Hoàn thành 40/45 nhiệm vụ; 2 nhiệm vụ chậm do thiếu kinh phí.',
};

async function assertT1(page, results, where) {
  for (const [code, v] of Object.entries(T1.values)) assert.equal(await daklakField(page, code).inputValue(), v, `${where}: item ${code}`);
  assert.equal(await daklakField(page, 2).inputValue(), '', `${where}: item 2 empty`);
  assert.equal(await field(page, `Không áp dụng — ${C[2]}`).isChecked(), true, `${where}: 2 not applicable`);
  assert.equal(await daklakField(page, 2).isDisabled(), true, `${where}: 2 disabled while not applicable`);
  assert.equal(await disciplineQuestion(page).getByLabel('Không', { exact: true }).isChecked(), true, `${where}: discipline answered Không`);
  assert.equal(await disciplineQuestion(page).getByLabel('Chưa trả lời', { exact: true }).isChecked(), false, where);
  for (const [k, v] of Object.entries(T1.agency)) assert.equal(await field(page, AGENCY[k]).inputValue(), v, `${where}: agency ${k}`);
  assert.equal(await field(page, AGENCY.kind).inputValue(), 'other', `${where}: agency kind Khác`);
  assert.equal(await evidenceToggle(page, 1).getAttribute('aria-expanded'), 'true', `${where}: evidence shown open`);
  assert.equal(await evidenceToggle(page, 1).textContent(), 'Tài liệu kiểm chứng, giải trình (1)', `${where}: evidence counted`);
  assert.equal(await field(page, evidenceLabel('Số hiệu', 1, C[1])).inputValue(), T1.evidence.number, where);
  assert.equal(await field(page, evidenceLabel('Ngày (dd/mm/yyyy)', 1, C[1])).inputValue(), T1.evidence.date, where);
  assert.equal(await field(page, evidenceLabel('Trích yếu', 1, C[1])).inputValue(), T1.evidence.summary, where);
  assert.equal(await field(page, `Giải trình — ${C[1]}`).inputValue(), T1.explanation, `${where}: explanation`);
  assert.equal(await resultsText(page), results, `${where}: results region`);
}

test('everything typed comes back after a reload and in a second tab', async () => {
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page, T1.values);
  await field(page, `Không áp dụng — ${C[2]}`).check();
  await disciplineQuestion(page).getByLabel('Không', { exact: true }).check();
  for (const [k, v] of Object.entries(T1.agency)) await field(page, AGENCY[k]).fill(v);
  await field(page, AGENCY.kind).selectOption({ label: 'Khác' });
  assert.equal(await evidenceToggle(page, 1).textContent(), 'Tài liệu kiểm chứng, giải trình (0)');
  await addEvidence(page, '1', C[1], 1, T1.evidence);
  assert.equal(await evidenceToggle(page, 1).textContent(), 'Tài liệu kiểm chứng, giải trình (1)', 'the button counts the documents');
  await field(page, `Giải trình — ${C[1]}`).fill(T1.explanation);

  const results = await resultsText(page);
  // 40 + 2,5 − 1 over 45 + 3 (content 2 not applicable; 3 and 4 await others).
  assert.match(results, /41,5 \/ 48 điểm/);
  assert.match(results, /86,46%/);

  const saved = await waitSaved(page, (d) => d.entries?.['1']?.explanation === T1.explanation, 'the explanation');
  assert.equal(await page.evaluate(() => localStorage.getItem('chamdiem:v1:current')), saved.id, 'the draft is the current one');
  assert.deepEqual(saved.entries['1'].evidence, [T1.evidence]);
  assert.equal(saved.entries['2'].not_applicable, true);
  assert.deepEqual(saved.conditions, { lanh_dao_bi_ky_luat: false });

  await page.reload();
  await resultsRegion(page).waitFor();
  await assertT1(page, results, 'after reload');

  const tab = await newTab(context);
  await app.open(tab);
  await assertT1(tab, results, 'second tab');
  assert.deepEqual(tab.errors, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a change made in a second tab is not overwritten by the first tab', async () => {
  const { page, errors, context } = await app.freshPage();
  await daklakField(page, 1).fill('40');
  await waitSaved(page, (d) => d.entries['1']?.value === '40', 'the first value');
  const tab = await newTab(context);
  await app.open(tab);
  await daklakField(tab, 1).fill('10');
  await waitSaved(tab, (d) => d.entries['1']?.value === '10', 'the second tab\'s value');
  // Back in the first tab, the user fills in another field.
  await field(page, AGENCY.name).fill('Sở Xây dựng');
  await waitSaved(page, (d) => d.agency.name === 'Sở Xây dựng', 'the agency');
  await page.reload();
  await resultsRegion(page).waitFor();
  assert.equal(await field(page, AGENCY.name).inputValue(), 'Sở Xây dựng');
  assert.equal(await daklakField(page, 1).inputValue(), '10', 'what was typed in the second tab is still there');
  assert.deepEqual([...errors, ...tab.errors], []);
  await context.close();
});

test('two drafts are kept apart: new, open, per-ruleset, rename, duplicate, delete', async () => {
  const { page, errors, context } = await app.freshPage();
  // Draft A.
  await daklakField(page, 1).fill('40');
  await field(page, AGENCY.name).fill('Sở Nội vụ');
  await waitSaved(page, (d) => d.agency.name === 'Sở Nội vụ', 'agency A');
  await page.getByText('Bản nháp (1)', { exact: true }).waitFor();

  // Draft B, for another agency.
  await clickInDrafts(page, 'Tạo bản nháp mới');
  await until(async () => (await field(page, AGENCY.name).inputValue()) === '' && (await daklakField(page, 1).inputValue()) === '', 'an empty new draft');
  assert.match(await resultsText(page), /0 \/ 83 điểm/, 'the new draft starts from nothing');
  await daklakField(page, 1).fill('30');
  await daklakField(page, 2).fill('20');
  await field(page, AGENCY.name).fill('Sở Tài chính');
  await waitSaved(page, (d) => d.agency.name === 'Sở Tài chính', 'agency B');
  await page.getByText('Bản nháp (2)', { exact: true }).waitFor();
  const stored = Object.values(await storedDrafts(page));
  assert.equal(stored.length, 2);
  assert.deepEqual(stored.map((d) => [d.agency.name, d.entries['1'].value]).sort(), [['Sở Nội vụ', '40'], ['Sở Tài chính', '30']]);

  const rows = await draftRows(page);
  assert.deepEqual(rows.map((r) => r.slice(0, 3)).sort(), [
    ['Sở Nội vụ', 'Sở Nội vụ', DAKLAK.title],
    ['Sở Tài chính', 'Sở Tài chính', DAKLAK.title],
  ]);

  // Switching between them: the values follow.
  await clickInDrafts(page, 'Mở — Sở Nội vụ');
  await until(async () => (await field(page, AGENCY.name).inputValue()) === 'Sở Nội vụ', 'draft A open');
  assert.equal(await daklakField(page, 1).inputValue(), '40');
  assert.equal(await daklakField(page, 2).inputValue(), '');
  assert.match(await resultsText(page), /40 \/ 83 điểm/);
  await clickInDrafts(page, 'Mở — Sở Tài chính');
  await until(async () => (await field(page, AGENCY.name).inputValue()) === 'Sở Tài chính', 'draft B open');
  assert.equal(await daklakField(page, 1).inputValue(), '30');
  assert.match(await resultsText(page), /50 \/ 83 điểm/);

  // Another ruleset has its own draft.
  await openRuleset(page, DAKLAK_02);
  assert.equal(await daklakField(page, 1).inputValue(), '', 'Chỉ số 02 starts empty');
  assert.equal(await field(page, AGENCY.name).inputValue(), '');
  await daklakField(page, 1).fill('25');
  await field(page, AGENCY.name).fill('Trung tâm Phục vụ hành chính công');
  await waitSaved(page, (d) => d.ruleset.id === 'daklak-2025-chi-so-02' && d.agency.name.startsWith('Trung tâm'), 'the Chỉ số 02 draft');
  await openRuleset(page, DAKLAK);
  await until(async () => (await field(page, AGENCY.name).inputValue()) === 'Sở Tài chính', 'back on Chỉ số 01, its draft B');
  assert.equal(await daklakField(page, 1).inputValue(), '30');
  await openRuleset(page, DAKLAK_02);
  await until(async () => (await daklakField(page, 1).inputValue()) === '25', 'the Chỉ số 02 draft again');
  assert.equal(await field(page, AGENCY.name).inputValue(), 'Trung tâm Phục vụ hành chính công');
  assert.deepEqual((await draftRows(page)).map((r) => r[2]).sort(), [DAKLAK.title, DAKLAK.title, DAKLAK_02.title]);

  // Rename (a draft that is not open), through window.prompt.
  let prompt;
  page.once('dialog', (d) => {
    prompt = d;
    d.accept('Tên mới');
  });
  await clickInDrafts(page, 'Đổi tên — Sở Tài chính');
  assert.equal(prompt?.type(), 'prompt');
  assert.equal(prompt.message(), 'Tên mới của bản nháp:');
  await until(async () => (await draftRows(page)).some((r) => r[0] === 'Tên mới' && r[1] === 'Sở Tài chính'), 'the renamed row');
  await waitSaved(page, (d) => d.name === 'Tên mới' && d.agency.name === 'Sở Tài chính', 'the new name');

  // Duplicate: the copy is saved, opened, and holds the same values.
  await clickInDrafts(page, 'Nhân bản — Tên mới');
  await until(async () => (await field(page, AGENCY.name).inputValue()) === 'Sở Tài chính', 'the copy open');
  assert.equal(await daklakField(page, 1).inputValue(), '30');
  assert.equal(await daklakField(page, 2).inputValue(), '20');
  assert.match(await resultsText(page), /50 \/ 83 điểm/);
  const copy = await waitSaved(page, (d) => d.name === 'Tên mới (bản sao)', 'the copy');
  assert.deepEqual(copy.entries, stored.find((d) => d.agency.name === 'Sở Tài chính').entries);
  assert.equal((await draftRows(page)).filter((r) => r[1] === 'Sở Tài chính').length, 2);

  // Delete asks first: dismissed → kept; accepted → gone (from the list and from storage).
  page.once('dialog', (d) => d.dismiss());
  await clickInDrafts(page, 'Xóa — Tên mới (bản sao)');
  assert.ok((await draftRows(page)).some((r) => r[0] === 'Tên mới (bản sao)'), 'still there after Cancel');
  assert.ok(copy.id in (await storedDrafts(page)));
  let confirm;
  page.once('dialog', (d) => {
    confirm = d;
    d.accept();
  });
  await clickInDrafts(page, 'Xóa — Tên mới (bản sao)');
  assert.equal(confirm?.type(), 'confirm');
  assert.match(confirm.message(), /Xóa hẳn bản nháp này/);
  await until(async () => !(await draftRows(page)).some((r) => r[0] === 'Tên mới (bản sao)'), 'the copy gone from the list');
  assert.equal(copy.id in (await storedDrafts(page)), false, 'and from storage');
  assert.equal(Object.keys(await storedDrafts(page)).length, 3);
  await page.getByText('Bản nháp (3)', { exact: true }).waitFor();
  // The deleted draft was open: an empty one takes its place.
  await until(async () => (await field(page, AGENCY.name).inputValue()) === '', 'an empty form after deleting the open draft');
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching rulesets comes back to the draft last worked on', async () => {
  const { page, errors, context } = await app.freshPage();
  await field(page, AGENCY.name).fill('Sở A');
  await waitSaved(page, (d) => d.agency.name === 'Sở A', 'A');
  await clickInDrafts(page, 'Tạo bản nháp mới');
  await until(async () => (await field(page, AGENCY.name).inputValue()) === '', 'a new draft');
  await field(page, AGENCY.name).fill('Sở B');
  await waitSaved(page, (d) => d.agency.name === 'Sở B', 'B');
  // Back to A, and work on it: A is now the most recent draft of Chỉ số 01.
  await clickInDrafts(page, 'Mở — Sở A');
  await until(async () => (await field(page, AGENCY.name).inputValue()) === 'Sở A', 'A open');
  await daklakField(page, 1).fill('44');
  await waitSaved(page, (d) => d.agency.name === 'Sở A' && d.entries['1']?.value === '44', 'A edited');
  await openRuleset(page, DAKLAK_02);
  await openRuleset(page, DAKLAK);
  await resultsRegion(page).waitFor();
  assert.equal(await field(page, AGENCY.name).inputValue(), 'Sở A', 'the draft just worked on, not the one created last');
  assert.equal(await daklakField(page, 1).inputValue(), '44');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Bản nháp panel stays open while it is used (renaming, typing in the form)', async () => {
  const { page, errors, context } = await app.freshPage();
  await field(page, AGENCY.name).fill('Sở A');
  await waitSaved(page, (d) => d.agency.name === 'Sở A', 'A');
  const panel = await drafts(page);
  page.once('dialog', (d) => d.accept('Bản của phòng A'));
  await panel.getByRole('button', { name: 'Đổi tên — Sở A', exact: true }).click();
  await page.getByRole('button', { name: 'Mở — Bản của phòng A', exact: true }).waitFor({ state: 'attached' });
  assert.equal(await page.locator('details.drafts').evaluate((d) => d.open), true, 'open after renaming');
  await daklakField(page, 1).fill('12');
  await waitSaved(page, (d) => d.entries['1']?.value === '12', 'the value');
  assert.equal(await page.locator('details.drafts').evaluate((d) => d.open), true, 'open after typing in the form');
  assert.deepEqual(errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------

test('the Bản nháp panel says whether the browser keeps the data, and how much is used', async () => {
  // The browser's answer is stubbed both ways: headless Chromium's own answer
  // depends on engagement, and each wording must reach the screen.
  for (const granted of [false, true]) {
    const { page, errors, context } = await app.freshPage({
      init: [(granted) => {
        const sm = navigator.storage;
        let kept = false;
        sm.persisted = async () => kept;
        sm.persist = async () => { window.__asked = (window.__asked ?? 0) + 1; kept = granted; return granted; };
        sm.estimate = async () => ({ usage: 1_234_567, quota: 8_400_000_000 });
      }, granted],
    });
    // No draft yet: the browser is not asked to keep anything.
    let panel = await drafts(page);
    await panel.getByText(/Đang dùng 1,2 MB trong 8,4 GB được phép\./).waitFor();
    assert.equal(await page.evaluate(() => window.__asked ?? 0), 0, 'not asked while there is no draft');
    await panel.locator('> summary').click();
    await field(page, AGENCY.name).fill('Sở A');
    await waitSaved(page, (d) => d.agency.name === 'Sở A', 'A');
    panel = await drafts(page);
    const said = granted ? /Trình duyệt đã nhận giữ dữ liệu của trang này/ : /Trình duyệt chưa nhận giữ dữ liệu của trang này: .*hãy xuất tệp/;
    await panel.getByText(said).waitFor();
    // "Not kept yet" is also what the page says before it asks: wait for the ask.
    await page.waitForFunction(() => window.__asked >= 1);
    assert.equal(await page.evaluate(() => window.__asked), 1, 'asked once there is a draft');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('storage full: a banner offers the export, nothing typed is lost', async () => {
  const { page, errors, context } = await app.freshPage({
    init: () => {
      Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError');
      };
    },
  });
  await daklakField(page, 1).fill('42');
  await daklakField(page, 2).fill('31,5');
  await field(page, AGENCY.name).fill('Sở Nội vụ');
  const banner = page.getByRole('alert').filter({ hasText: 'Bộ nhớ trình duyệt đã đầy' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /không lưu được bản nháp/);
  assert.match(await banner.innerText(), /hãy xuất tệp để giữ lại/);
  // Still on the page.
  assert.equal(await daklakField(page, 1).inputValue(), '42');
  assert.equal(await daklakField(page, 2).inputValue(), '31,5');
  assert.equal(await field(page, AGENCY.name).inputValue(), 'Sở Nội vụ');
  assert.match(await resultsText(page), /73,5 \/ 83 điểm/);
  assert.deepEqual(await storedDrafts(page), {}, 'nothing could be written');
  // More typing keeps working (each change retries the write).
  await daklakField(page, 6).fill('1');
  assert.match(await resultsText(page), /72,5 \/ 83 điểm/);
  // The banner's button leads to the export, which still gives the file.
  await banner.getByRole('button', { name: 'Xuất tệp nộp (JSON)', exact: true }).click();
  const dialog = exportChecklist(page);
  await dialog.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Xuất tệp', exact: true }).click()]);
  const { stages } = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(stages[0].results.points, '72.5');
  assert.equal(stages[0].agency.name, 'Sở Nội vụ');
  assert.equal(await banner.isVisible(), true, 'the banner stays while saving fails');
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage disabled: a banner says so and the form still works', async () => {
  const { page, errors, context } = await app.freshPage({
    init: () => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    },
  });
  const banner = page.getByRole('alert').filter({ hasText: 'Trình duyệt không cho lưu dữ liệu' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /hãy xuất tệp để giữ lại/);
  await banner.getByRole('button', { name: 'Xuất tệp nộp (JSON)', exact: true }).waitFor();
  await daklakField(page, 1).fill('45');
  await daklakField(page, 5).fill('3');
  assert.match(await resultsText(page), /48 \/ 83 điểm/);
  await field(page, AGENCY.name).fill('Sở Y tế');
  assert.equal(await field(page, AGENCY.name).inputValue(), 'Sở Y tế');
  await page.waitForTimeout(50); // let the deferred save run (and fail)
  assert.equal(await banner.isVisible(), true);
  assert.match(await resultsText(page), /48 \/ 83 điểm/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged stored entry is set aside under another key, never deleted', async () => {
  const { page, errors, context } = await app.freshPage();
  const future = JSON.stringify({ format: 'cham-diem/draft', format_version: 99, id: 'future' });
  await page.evaluate(([future]) => {
    localStorage.setItem('chamdiem:v2:draft:broken', '{not json');
    localStorage.setItem('chamdiem:v2:draft:future', future);
  }, [future]);
  await page.reload();
  await resultsRegion(page).waitFor();

  const all = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.equal('chamdiem:v2:draft:broken' in all, false, 'the damaged key is moved');
  assert.equal('chamdiem:v2:draft:future' in all, false);
  const broken = Object.keys(all).filter((k) => k.startsWith('chamdiem:v2:aside:broken:'));
  const fut = Object.keys(all).filter((k) => k.startsWith('chamdiem:v2:aside:future:'));
  assert.equal(broken.length, 1, JSON.stringify(Object.keys(all)));
  assert.equal(fut.length, 1);
  assert.equal(all[broken[0]], '{not json', 'the exact original text is kept');
  assert.equal(all[fut[0]], future);

  const panel = await drafts(page);
  const note = panel.getByRole('note');
  assert.match(await note.innerText(), /Dữ liệu hỏng trong bộ nhớ trình duyệt đã được để riêng \(không xóa\)/);
  assert.deepEqual((await note.locator('code').allInnerTexts()).sort(), [broken[0], fut[0]].sort());
  assert.equal(await panel.locator('tbody tr').count(), 0, 'not listed as drafts');

  // The app works, and another load neither loses nor duplicates the copies.
  await daklakField(page, 1).fill('10');
  assert.match(await resultsText(page), /10 \/ 83 điểm/);
  await waitSaved(page, (d) => d.entries['1']?.value === '10', 'a new draft');
  await page.reload();
  await resultsRegion(page).waitFor();
  assert.equal(await daklakField(page, 1).inputValue(), '10');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chamdiem:v2:aside:')).sort());
  assert.deepEqual(keys, [broken[0], fut[0]].sort());
  assert.deepEqual((await (await drafts(page)).getByRole('note').locator('code').allInnerTexts()).sort(), keys);
  assert.deepEqual(errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------

const vi = (s) => s.replace('-', '−').replace('.', ',');
let exported; // { path, text, results } from the export test, for the import test

test('export: the checklist, then a file `chamdiem score` verifies with the results on screen', async () => {
  const { page, errors, context } = await app.freshPage();
  // Content 2 left blank (unscored); the bonus and the penalty without evidence.
  await daklakField(page, 1).fill('42');
  await daklakField(page, 5).fill('1');
  await daklakField(page, 6).fill('0,5');
  await field(page, AGENCY.name).fill('Sở Nội vụ');
  await field(page, AGENCY.year).fill('2025');
  await field(page, AGENCY.preparer).fill('Trần Văn Bình');
  await addEvidence(page, '1', C[1], 1, { number: '15/BC-SNV', date: '01/12/2025', summary: 'Báo cáo kết quả thực hiện nhiệm vụ năm 2025' });
  const results = await resultsText(page);
  assert.match(results, /42,5 \/ 83 điểm/);

  const check = await openExportChecklist(page);
  const text = await check.innerText();
  assert.match(text, /Bản tự đánh giá chưa đầy đủ/);
  const listed = async (heading) => {
    const h = check.getByRole('heading', { name: new RegExp(`^${heading} \\(\\d+\\)$`) });
    return h.locator('xpath=following-sibling::ul[1]/li').allInnerTexts();
  };
  assert.deepEqual(await listed('Mục chưa chấm'), [C[2]]);
  assert.deepEqual(await listed('Có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình'), [C[5], C[6]], 'item 1 has its evidence');
  assert.equal(await check.getByRole('heading', { name: /^Giá trị không hợp lệ/ }).count(), 0, 'nothing invalid, no such list');
  assert.deepEqual(await listed('Phần do cơ quan khác chấm chưa có điểm'), [C[3], C[4]]);
  assert.equal((await listed('Câu hỏi điều kiện chưa trả lời')).length, 1);
  assert.match((await listed('Câu hỏi điều kiện chưa trả lời'))[0], /bị xử lý kỷ luật/);

  const [download] = await Promise.all([page.waitForEvent('download'), check.getByRole('button', { name: 'Xuất tệp', exact: true }).click()]);
  const name = download.suggestedFilename();
  assert.equal(name, 'so-noi-vu_daklak-2025-chi-so-01_2025-tu-cham.json');
  assert.match(name, /^[a-z0-9._-]+$/, 'no spaces or diacritics');
  const file = path.join(app.tmp, name);
  await download.saveAs(file);
  await check.waitFor({ state: 'detached' });

  const dossier = JSON.parse(fs.readFileSync(file, 'utf8'));
  const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(DIST, 'rulesets', 'daklak-2025-chi-so-01.json'))).digest('hex');
  assert.equal(dossier.format, 'cham-diem/dossier');
  assert.equal(dossier.format_version, 2);
  assert.deepEqual(dossier.ruleset, { id: 'daklak-2025-chi-so-01', version: '2025.2', sha256: sha });
  assert.deepEqual(dossier.stages.map((s) => s.stage), ['tu_cham'], 'one stage: the self-assessment');
  const sub = dossier.stages[0];
  assert.deepEqual(sub.by, { unit: 'Sở Nội vụ', person: 'Trần Văn Bình' });
  assert.match(sub.hash, /^[0-9a-f]{64}$/);
  assert.deepEqual(sub.agency, { name: 'Sở Nội vụ', kind: 'department', year: '2025', preparer: 'Trần Văn Bình', contact: '' });
  assert.deepEqual(sub.entries['1'].evidence, [{ number: '15/BC-SNV', date: '01/12/2025', summary: 'Báo cáo kết quả thực hiện nhiệm vụ năm 2025' }]);
  assert.equal(sub.entries['1'].value, '42');
  assert.equal('2' in sub.entries, false, 'nothing entered for 2');
  assert.equal(sub.entries['6'].value, '0,5');
  assert.equal(sub.entries['6'].points, '0.5');
  assert.equal(sub.results.points, '42.5');
  assert.equal(sub.checklist.complete, false);
  assert.deepEqual(sub.checklist.unscored, ['2']);
  assert.deepEqual(sub.checklist.missing_evidence, ['5', '6']);

  // The command line recomputes, verifies (exit 0) and prints what the page shows.
  const cli = chamdiemScore(DAKLAK.id, file);
  assert.deepEqual(cli.stages.map((s) => s.stage), ['tu_cham']);
  assert.deepEqual(cli.stages[0].results, sub.results, 'the file holds the recomputed results');
  assert.equal(cli.stages[0].results.classifications.length, 2);
  assertShowsResults(results, cli.stages[0].results);
  exported = { path: file, text: fs.readFileSync(file, 'utf8'), results, name };
  assert.deepEqual(errors, []);
  await context.close();
});

test('import: the exported file in an empty browser, a tampered copy read-only, a wrong file refused, drag and drop', async () => {
  assert.ok(exported, 'needs the file of the export test');
  const { page, errors, context } = await app.freshPage();
  const input = field(page, IMPORT);
  await input.setInputFiles(exported.path);
  await until(async () => (await field(page, AGENCY.name).inputValue()) === 'Sở Nội vụ', 'the imported draft open');
  assert.equal(await daklakField(page, 1).inputValue(), '42');
  assert.equal(await daklakField(page, 2).inputValue(), '');
  assert.equal(await daklakField(page, 5).inputValue(), '1');
  assert.equal(await daklakField(page, 6).inputValue(), '0,5');
  assert.equal(await field(page, AGENCY.year).inputValue(), '2025');
  assert.equal(await field(page, AGENCY.preparer).inputValue(), 'Trần Văn Bình');
  assert.equal(await field(page, evidenceLabel('Số hiệu', 1, C[1])).inputValue(), '15/BC-SNV');
  assert.equal(await resultsText(page), exported.results);
  assert.equal(await daklakField(page, 1).isDisabled(), false, 'a verified file is editable');
  const draftName = exported.name.replace(/\.json$/, '');
  assert.deepEqual(await draftRows(page), [[draftName, 'Sở Nội vụ', DAKLAK.title, '2025']]);
  const saved = await waitSaved(page, (d) => d.agency.name === 'Sở Nội vụ', 'the imported draft');
  assert.equal(saved.entries['1'].value, '42');

  // A copy whose stored results were changed by hand: read-only, saying why.
  const tampered = JSON.parse(exported.text);
  tampered.stages[0].results.points = '99';
  const tamperedPath = path.join(app.tmp, 'tampered.json');
  fs.writeFileSync(tamperedPath, JSON.stringify(tampered, null, 2));
  await input.setInputFiles(tamperedPath);
  const ro = page.getByRole('alert').filter({ hasText: 'Chỉ xem' });
  await ro.waitFor();
  const roText = await ro.innerText();
  assert.match(roText, /Chỉ xem: tệp nhập vào không được mở để sửa/);
  assert.match(roText, /Kết quả ghi trong tệp khác kết quả tính lại: tệp ghi 99 \/ 83 điểm, tính lại được 42\.5 \/ 83 điểm/);
  assert.equal(await daklakField(page, 1).inputValue(), '42');
  assert.equal(await daklakField(page, 1).isDisabled(), true);
  assert.equal(await field(page, AGENCY.name).isDisabled(), true);
  assert.equal(await disciplineQuestion(page).getByLabel('Không', { exact: true }).isDisabled(), true);
  assert.match(await resultsText(page), /42,5 \/ 83 điểm/, 'the page shows the recomputed result, not the file\'s');
  assert.equal((await draftRows(page)).length, 1, 'a read-only file is not kept as a draft');
  assert.equal(Object.keys(await storedDrafts(page)).length, 1);

  // Not a submission at all: refused, naming the field.
  await input.setInputFiles(path.join(DIST, 'rulesets', 'daklak-2025-chi-so-01.json'));
  const refused = page.getByRole('alert').filter({ hasText: 'Không nhập được tệp' });
  await refused.waitFor();
  const refusedText = await refused.innerText();
  assert.match(refusedText, /daklak-2025-chi-so-01\.json — format/);
  assert.match(refusedText, /cham-diem\/dossier/);
  assert.equal((await draftRows(page)).length, 1);

  // Drag and drop onto the import zone.
  const dt = await page.evaluateHandle(([text, name]) => {
    const d = new DataTransfer();
    d.items.add(new File([text], name, { type: 'application/json' }));
    return d;
  }, [exported.text, exported.name]);
  await page.locator('.import').dispatchEvent('drop', { dataTransfer: dt });
  await until(async () => (await draftRows(page)).length === 2, 'a second draft from the dropped file');
  await refused.waitFor({ state: 'detached' });
  await ro.waitFor({ state: 'detached' });
  assert.equal(await daklakField(page, 1).isDisabled(), false);
  assert.equal(await daklakField(page, 1).inputValue(), '42');
  assert.equal(await resultsText(page), exported.results);
  assert.equal(Object.keys(await storedDrafts(page)).length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a ruleset opened from a file (an office trying next year\'s): listed as not published, scored, kept across a reload; a broken one named by its places', async () => {
  const { page, errors, context } = await app.freshPage();
  const rs = JSON.parse(fs.readFileSync(path.join(DIST, 'rulesets', 'tap-huan-mau.json'), 'utf8'));
  Object.assign(rs, { title: 'Bộ chỉ số thử năm 2026 (minh họa)', version: '2026.0' });
  const file = path.join(app.tmp, 'bo-chi-so-2026.json');
  fs.writeFileSync(file, JSON.stringify(rs, null, 2));
  const picker = field(page, 'Mở bộ chỉ số từ tệp (.json, để thử trước khi công bố)');
  await picker.setInputFiles(file);
  const listed = 'Bộ chỉ số thử năm 2026 (minh họa) (phiên bản 2026.0) — mở từ tệp, chưa công bố';
  await page.waitForFunction((t) => document.getElementById('ruleset-select')?.selectedOptions[0]?.text === t, listed);
  const item = field(page, '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)');
  await item.fill('5,5');
  await resultsRegion(page).getByText(/^5,5 \//).first().waitFor();
  // Kept: after a reload the same file is open with what was typed.
  await until(async () => Object.values(await page.evaluate(() => ({ ...localStorage }))).some((v) => v.includes('"1/1.3":{"value":"5,5"')), 'the draft saved');
  await page.reload();
  await item.waitFor();
  assert.equal(await item.inputValue(), '5,5');
  assert.equal(await page.locator('#ruleset-select option:checked').innerText(), listed);
  // The bundled ruleset of the same id keeps its own drafts.
  await field(page, 'Bộ chỉ số').selectOption('tap-huan-mau');
  await page.waitForFunction(() => document.getElementById('ruleset-select')?.value === 'tap-huan-mau');
  await item.waitFor();
  assert.equal(await item.inputValue(), '', 'a new draft on the published file');
  // A broken file: its places said, the form open stays.
  rs.sections[0].max = '21';
  const broken = path.join(app.tmp, 'bo-chi-so-hong.json');
  fs.writeFileSync(broken, JSON.stringify(rs, null, 2));
  await picker.setInputFiles(broken);
  await page.getByRole('alert').getByText(/^bo-chi-so-hong\.json — sections\[0\]\.max/).waitFor();
  await item.waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
