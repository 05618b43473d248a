// A draft saved against an older version of a ruleset, and the trainer's
// "Vì sao?" and next-level views, in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUp, field, resultsRegion, resultsText, openRuleset, fillDaklak, disciplineQuestion, evidenceLabel, DAKLAK, TRAINING,
} from './harness.mjs';

const app = setUp({ console: false });

const { 1: C1, 2: C2 } = DAKLAK.items;

test('a draft saved on an older version of the ruleset opens with what changed, values kept', async () => {
  // A draft as an older app would have saved it: another hash, an outline in
  // which content 1 was worth 40 and an item "7" that no longer exists.
  const init = () => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const draft = {
      format: 'cham-diem/draft', format_version: 1, id: 'old1', name: 'Bản cũ',
      ruleset: { id: 'daklak-2025-chi-so-01', version: '2024.9', sha256: 'ab'.repeat(32) },
      agency: { name: 'Sở Nội vụ', kind: 'department', year: '2025', preparer: '', contact: '' },
      entries: { '1': { value: '38' }, '2': { value: '30,5' }, '7': { value: '1' } },
      conditions: {},
      outline: { '1': '40', '2': '35', '3': '12', '4': '5', '5': '3', '6': '', '7': '5' },
      created_at: '2025-11-01T08:00:00+07:00', updated_at: '2025-11-02T08:00:00+07:00',
    };
    localStorage.setItem('chamdiem:v1:draft:old1', JSON.stringify(draft));
    localStorage.setItem('chamdiem:v1:current', 'old1');
  };
  const { page: p, errors, context } = await app.freshPage({ init });
  const notice = p.getByRole('status').filter({ hasText: 'Lưu ý khi mở bản nháp' });
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /phiên bản 2024\.9 → 2025\.2/);
  assert.match(text, /Mục đã bỏ: 7/);
  assert.match(text, /Điểm tối đa của 1 đổi từ 40 thành 45/);
  assert.match(text, /không còn trong bộ chỉ số.*: 7/);
  assert.equal(await field(p, C1).inputValue(), '38', 'values of items that still exist are kept');
  assert.equal(await field(p, C2).inputValue(), '30,5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Vì sao?" explains the total, a level and the next level with the numbers', async () => {
  const { page: p, errors, context } = await app.freshPage();
  await fillDaklak(p);
  const results = resultsRegion(p);

  const whyTotal = results.getByRole('button', { name: 'Vì sao? — Tổng điểm' });
  assert.equal(await whyTotal.getAttribute('aria-expanded'), 'false');
  await whyTotal.click();
  assert.equal(await whyTotal.getAttribute('aria-expanded'), 'true');
  const total = await p.locator('#why-total-panel').innerText();
  assert.match(total, /1 Kết quả thực hiện nhiệm vụ theo chức năng: 42 \/ 45 điểm/);
  assert.match(total, /6 Điểm trừ: −2 điểm/);
  assert.match(total, /Cộng lại: 85,5 trên tối đa áp dụng 100 điểm/);
  assert.match(total, /Tỷ lệ = 85,5 × 100 \/ 100 = 85,50%/);

  await results.getByRole('button', { name: 'Vì sao? — Chỉ số cải cách hành chính' }).click();
  const cchc = await p.locator('#why-level-1-panel').innerText();
  assert.match(cchc, /Tính trên nội dung 2, 3, 4, 5, 6: 43,5 \/ 55 điểm = 79,09%/);
  assert.match(cchc, /«Tốt» cần từ 80% \(ít nhất 44 điểm\): chưa đạt, thiếu 0,5 điểm/);
  assert.match(cchc, /«Khá» cần từ 70% \(ít nhất 38,5 điểm\): đạt/);
  assert.match(cchc, /Kết quả: «Khá»/);

  // The discipline veto, explained.
  await disciplineQuestion(p).getByLabel('Có', { exact: true }).check();
  await results.getByRole('button', { name: 'Vì sao? — Xếp loại chất lượng hoạt động' }).click();
  assert.match(await p.locator('#why-level-0-panel').innerText(), /«Hoàn thành xuất sắc nhiệm vụ» cần từ 90% \(ít nhất 90 điểm\): chưa đạt, thiếu 4,5 điểm/);

  // Next level: hand computation — quality 90 − 85,5 = 4,5; CCHC 44 − 43,5 = 0,5.
  await results.getByText('Còn bao nhiêu điểm để lên mức trên?').click();
  await results.locator('.next-level li').first().waitFor(); // built when opened
  const next = await results.locator('.next-level').innerText();
  assert.match(next, /Xếp loại chất lượng hoạt động: để đạt «Hoàn thành xuất sắc nhiệm vụ» cần thêm 4,5 điểm/);
  assert.match(next, /Chỉ số cải cách hành chính: để đạt «Tốt» cần thêm 0,5 điểm/);
  assert.match(next, /2 Kết quả thực hiện cải cách hành chính.* — còn 3,5 điểm[\s\S]*1 Kết quả thực hiện nhiệm vụ theo chức năng — còn 3 điểm/);
  // Live: half a point more on content 2 reaches Tốt (44 / 55 = 80%), the top level.
  await field(p, C2).fill('32');
  assert.doesNotMatch(await results.locator('.next-level').innerText(), /để đạt «Tốt»/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('trainer: load the example with one click, marked as such, then start over', async () => {
  const { page: p, errors, context } = await app.freshPage();
  await openRuleset(p, TRAINING);
  await p.getByRole('button', { name: 'Nạp bài mẫu' }).click();
  await p.getByRole('note').filter({ hasText: 'Bài mẫu để tập huấn' }).waitFor();
  // The same figures `chamdiem score` gives for rulesets/examples/tap-huan-mau.json.
  const text = await resultsText(p);
  assert.match(text, /52,5 \/ 73 điểm/);
  assert.match(text, /71,92%/);
  assert.match(text, /Kết quả đầy đủ/);
  assert.equal(await field(p, `${TRAINING.items['2/2.1']} — Số hồ sơ giải quyết đúng hạn`).inputValue(), '45');
  p.once('dialog', (d) => d.accept());
  await p.getByRole('button', { name: 'Làm lại từ đầu' }).click();
  await field(p, TRAINING.items['1/1.3']).waitFor();
  assert.equal(await field(p, TRAINING.items['1/1.3']).inputValue(), '');
  assert.match(await resultsText(p), /^.*0 \/ \d+ điểm/m);
  assert.deepEqual(errors, []);
  await context.close();
});

test('evidence warning, "Việc còn lại" jumps to the item, Enter moves to the next score', async () => {
  const { page: p, errors, context } = await app.freshPage();
  const c1 = field(p, C1);
  await c1.fill('42');
  const item1 = p.locator('[data-key="1"]');
  assert.match(await item1.innerText(), /Có điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình/);
  await item1.getByText(/^Tài liệu kiểm chứng, giải trình/).click();
  // An evidence row: a bad date and a non-web link are named at the row.
  await item1.getByRole('button', { name: `Thêm tài liệu kiểm chứng — ${C1}` }).click();
  await field(p, evidenceLabel('Số hiệu', 1, C1)).fill('12/KH-SNV');
  const date = field(p, evidenceLabel('Ngày (dd/mm/yyyy)', 1, C1));
  await date.fill('31/02/2025');
  const link = field(p, evidenceLabel('Liên kết (không bắt buộc)', 1, C1));
  await link.fill('javascript:alert(1)');
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  assert.equal(await link.getAttribute('aria-invalid'), 'true');
  const row = await item1.locator('.ev-row').innerText();
  assert.match(row, /Ngày phải có dạng ngày\/tháng\/năm/);
  assert.match(row, /Liên kết phải bắt đầu bằng http:\/\/ hoặc https:\/\//);
  await date.fill('05/12/2025');
  await link.fill('https://sonoivu.daklak.gov.vn/kh-12');
  assert.equal(await date.getAttribute('aria-invalid'), 'false');
  assert.doesNotMatch(await item1.locator('.ev-row').innerText(), /phải/);
  await field(p, `Giải trình — ${C1}`).fill('Đã hoàn thành theo kế hoạch số 12/KH-SNV.');
  assert.doesNotMatch(await item1.innerText(), /chưa có tài liệu kiểm chứng/);
  // Enter in content 1 moves to content 2.
  await c1.focus();
  await p.keyboard.press('Enter');
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('aria-label') || document.activeElement.labels?.[0]?.innerText), C2);
  // The list of what is left names content 2 as unscored; its button focuses it.
  await p.getByText('Việc còn lại').click();
  await p.locator('.todo li').first().waitFor(); // built when opened
  await c1.focus();
  await p.locator('.todo').getByRole('button', { name: C2 }).click();
  assert.equal(await p.evaluate(() => document.activeElement.id), await field(p, C2).getAttribute('id'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('English: every label switches, numbers use a decimal point, and the choice is remembered', async () => {
  const { page: p, errors, context } = await app.freshPage();
  await field(p, C1).fill('42,5');
  await field(p, 'Ngôn ngữ').selectOption('en');
  const results = p.getByRole('region', { name: 'Results' });
  await results.waitFor();
  assert.match(await results.innerText(), /Total\s+42\.5 \/ 83 points/);
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await field(p, C1).inputValue(), '42,5', 'what was typed stays as typed');
  await p.reload();
  await p.getByRole('region', { name: 'Results' }).waitFor();
  assert.equal(await field(p, 'Language').inputValue(), 'en');
  await field(p, 'Language').selectOption('vi');
  await resultsRegion(p).waitFor();
  assert.match(await resultsText(p), /42,5 \/ 83 điểm/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each group counts the items under it that miss evidence, through scores, not-applicable and explanations', async () => {
  const { page: p, errors, context } = await app.freshPage({ query: `?bo=${TRAINING.id}` });
  const count = (key) => p.locator(`[data-key="${key}"] > summary .warn-count`);
  const B = 'b Kết quả kiểm tra được xử lý (minh họa)';
  const I13 = TRAINING.items['1/1.3'];
  // 1.1 always needs evidence: counted before anything is typed.
  assert.equal(await count('1').innerText(), '1 mục thiếu tài liệu kiểm chứng');
  assert.equal(await count('1/1.4').count(), 0);
  await field(p, B).fill('2');
  assert.equal(await count('1/1.4').innerText(), '1 mục thiếu tài liệu kiểm chứng');
  assert.equal(await count('1').innerText(), '2 mục thiếu tài liệu kiểm chứng');
  await field(p, I13).fill('3');
  assert.equal(await count('1').innerText(), '3 mục thiếu tài liệu kiểm chứng');
  // A zero needs no evidence; the count follows each keystroke.
  await field(p, I13).fill('0');
  assert.equal(await count('1').innerText(), '2 mục thiếu tài liệu kiểm chứng');
  await field(p, I13).fill('3');
  // Not applicable: the group's items no longer count, anywhere above them.
  const na = field(p, `Không áp dụng — ${TRAINING.items['1/1.4']}`);
  await na.check();
  assert.equal(await count('1/1.4').count(), 0);
  assert.equal(await count('1').innerText(), '2 mục thiếu tài liệu kiểm chứng');
  await na.uncheck();
  assert.equal(await count('1').innerText(), '3 mục thiếu tài liệu kiểm chứng');
  // An explanation supports the item.
  const item = p.locator('[data-key="1/1.4/b"]');
  await item.getByText(/^Tài liệu kiểm chứng, giải trình/).click();
  await field(p, `Giải trình — ${B}`).fill('Đã xử lý theo biên bản kiểm tra.');
  assert.equal(await count('1/1.4').count(), 0);
  assert.equal(await count('1').innerText(), '2 mục thiếu tài liệu kiểm chứng');
  assert.deepEqual(errors, []);
  await context.close();
});
