// The training ruleset in the page: every rule type is scored by typing or
// choosing, by accessible label, and the page shows exactly what the
// command-line `score` prints for the same entries.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, newPage, openApp, resultsRegion, close } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let server;
let browser;

before(async () => {
  server = await startServer();
  ({ browser } = await launch());
});
after(async () => close(browser, server));

// One list drives both the page and the ENTRIES file.
// kind: text (type into the field), select (choose an option by its label),
// pair (two numbers), na (tick "Không áp dụng").
const INPUTS = [
  { key: '1/1.1', kind: 'select', label: '1.1 Ban hành kế hoạch năm đúng hạn (minh họa)', option: 'Có', value: 'yes' },
  { key: '1/1.2', kind: 'select', label: '1.2 Mức độ hoàn thành kế hoạch năm (minh họa)', option: 'Hoàn thành từ 80% đến dưới 100%' },
  { key: '1/1.3', kind: 'text', label: '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)', value: '5,5' },
  { key: '1/1.4', kind: 'na', label: '1.4 Kiểm tra cơ quan, đơn vị trực thuộc (minh họa)' },
  { key: '2/2.1', kind: 'pair', label: '2.1 Tỷ lệ hồ sơ giải quyết đúng hạn (minh họa)', parts: ['Số hồ sơ giải quyết đúng hạn', 'Tổng số hồ sơ đã giải quyết'], value: '45', of: '50' },
  { key: '2/2.2', kind: 'pair', label: '2.2 Rà soát, đơn giản hóa thủ tục hành chính theo kế hoạch (minh họa)', parts: ['Số thủ tục đã rà soát', 'Số thủ tục phải rà soát theo kế hoạch'], value: '3', of: '4' },
  { key: '2/2.3', kind: 'na', label: '2.3 Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính (minh họa)' },
  { key: '2/2.4/a', kind: 'text', label: 'a Chất lượng: số lỗi lớn (minh họa)', value: '2' },
  { key: '2/2.4/b', kind: 'text', label: 'b Tiến độ: số lần chậm (minh họa)', value: '1' },
  { key: '2/2.5', kind: 'text', label: '2.5 Cung cấp dịch vụ công trực tuyến (minh họa)', value: '9' },
  { key: '3', kind: 'na', label: '3 Nhiệm vụ chuyên ngành (minh họa)' },
  { key: '4/4.1', kind: 'select', label: '4.1 Thái độ phục vụ của công chức (minh họa)', option: 'A' },
  { key: '4/4.2', kind: 'select', label: '4.2 Thời gian giải quyết hồ sơ (minh họa)', option: 'B' },
  { key: '4/4.3', kind: 'select', label: '4.3 Mức độ hài lòng chung (minh họa)', option: 'C' },
  { key: '5', kind: 'text', label: '5 Điểm đánh giá của lãnh đạo tỉnh (minh họa)', value: '8,5' },
  { key: '6/6.1', kind: 'text', label: '6.1 Sáng kiến được công nhận (minh họa)', value: '2,5' },
  { key: '6/6.2', kind: 'text', label: '6.2 Được khen thưởng: số lần (minh họa)', value: '3' },
  { key: '7/7.1', kind: 'text', label: '7.1 Chậm gửi báo cáo: số lần (minh họa)', value: '3' },
  { key: '7/7.2', kind: 'text', label: '7.2 Bị phê bình bằng văn bản (minh họa)', value: '0,5' },
];
const ANSWERS = [
  { id: 'lanh_dao_bi_ky_luat', question: /người đứng đầu hoặc cấp phó/, answer: false },
  { id: 'de_xay_ra_tham_nhung', question: /tham nhũng, lãng phí/, answer: false },
];

function entriesFile() {
  const entries = {};
  for (const i of INPUTS) {
    if (i.kind === 'na') entries[i.key] = { not_applicable: true };
    else if (i.kind === 'pair') entries[i.key] = { value: i.value, of: i.of };
    else entries[i.key] = { value: i.value ?? i.option };
  }
  const conditions = Object.fromEntries(ANSWERS.map((a) => [a.id, a.answer]));
  return { format: 'cham-diem/entries', format_version: 1, ruleset: { id: 'tap-huan-mau', version: '1' }, entries, conditions };
}

function score(entries) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamdiem-'));
  const file = path.join(dir, 'entries.json');
  fs.writeFileSync(file, JSON.stringify(entries, null, 2));
  try {
    const out = execFileSync('cargo', ['run', '-q', '-p', 'chamdiem-core', '--bin', 'chamdiem', '--', 'score', 'rulesets/tap-huan-mau.json', file], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const vi = (s) => s.replace('-', '−').replace('.', ',');

test('training ruleset: every rule type scored in the page equals `chamdiem score`', async () => {
  const { page, errors, context } = await newPage(browser, { console: false });
  await openApp(page, server.url);
  await page.getByLabel('Bộ chỉ số', { exact: true }).selectOption({ label: 'Bộ chỉ số mẫu dùng để tập huấn (minh họa)' });
  await page.getByRole('heading', { name: /tập huấn/ }).first().waitFor();

  for (const i of INPUTS) {
    if (i.kind === 'text') await page.getByLabel(i.label, { exact: true }).fill(i.value);
    if (i.kind === 'select') await page.getByLabel(i.label, { exact: true }).selectOption({ label: i.option });
    if (i.kind === 'na') await page.getByLabel(`Không áp dụng — ${i.label}`, { exact: true }).check();
    if (i.kind === 'pair') {
      await page.getByLabel(`${i.label} — ${i.parts[0]}`, { exact: true }).fill(i.value);
      await page.getByLabel(`${i.label} — ${i.parts[1]}`, { exact: true }).fill(i.of);
    }
  }
  for (const a of ANSWERS) {
    await page.getByRole('group', { name: a.question }).getByLabel(a.answer ? 'Có' : 'Không', { exact: true }).check();
  }

  // Computed points of rule types, as the page shows them next to the input.
  // textContent, not innerText: in a long ruleset an item off screen is not rendered (content-visibility).
  const computed = async (key) => (await page.locator(`[data-key="${key}"] .computed`).textContent()).trim();
  assert.equal(await computed('2/2.1'), 'Điểm tính được: 5', '45 of 50 = 90% falls in the band worth 5');
  assert.equal(await computed('2/2.2'), 'Điểm tính được: 1,5', '2 × 3 / 4');
  assert.equal(await computed('2/2.4/a'), 'Điểm tính được: 2', 'two major errors deduct 2 × 25% of 4');
  assert.equal(await computed('4/4.2'), 'Điểm tính được: 3', 'answer B = 60% of 5');
  assert.equal(await computed('7/7.1'), 'Điểm tính được: −1', '3 × 0,5 capped at 1');

  const expected = score(entriesFile());
  assert.equal(expected.is_final, true);
  const text = await resultsRegion(page).innerText();
  assert.match(text, new RegExp(`${vi(expected.points)} / ${vi(expected.max)} điểm`));
  assert.ok(text.includes(`${vi(expected.percent)}%`), `${expected.percent} in ${text}`);
  for (const c of expected.classifications) {
    assert.ok(text.includes(`${c.level} (${vi(c.percent)}% — ${vi(c.points)} / ${vi(c.max)} điểm)`), `${JSON.stringify(c)} in ${text}`);
  }
  assert.match(text, /Kết quả đầy đủ/);

  // The veto forces the lowest level, whatever the points.
  await page.getByRole('group', { name: ANSWERS[1].question }).getByLabel('Có', { exact: true }).check();
  assert.match(await resultsRegion(page).innerText(), /Xếp «Không hoàn thành nhiệm vụ» bất kể điểm số/);
  assert.deepEqual(errors, []);
  await context.close();
});
