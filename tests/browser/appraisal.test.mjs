// The appraisal page (tham-dinh/, issue 13): the four stages of the Đắk Lắk
// worked example walked by two browser contexts — the agency (scoring page,
// then its response) and the council — files passing between them as
// downloads and uploads, each checked by `chamdiem verify` and `chamdiem
// score`; and two council members' parts merged, one conflict chosen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setUp, field, fillDaklak, disciplineQuestion, openExportChecklist, assertAccessible, screenshot, pageWorker, printPdf, pdfPageImage, chamdiemScore, chamdiemVerify, AGENCY } from './harness.mjs';

const app = setUp({ axe: true, tmp: 'chamdiem-appraisal-' });

const button = (page, name) => page.getByRole('button', { name, exact: true });
const todo = (page) => page.getByRole('region', { name: 'Việc còn lại', exact: true });
const compare = (page) => page.getByRole('table', { name: 'Kết quả: tự chấm và thẩm định' });

/** Saves a download started by `click` into the test's folder; resolves to its path. */
async function saved(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(app.tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The agency's self-assessment of the worked example, exported from the scoring page (stage tu_cham). */
async function selfAssessed(name = 'Sở Nội vụ') {
  const { page, context } = await app.freshPage();
  await fillDaklak(page);
  await field(page, AGENCY.name).fill(name);
  await field(page, AGENCY.year).fill('2025');
  await field(page, AGENCY.preparer).fill('Nguyễn Thị Lan');
  const check = await openExportChecklist(page);
  const file = await saved(page, () => check.getByRole('button', { name: 'Xuất tệp', exact: true }).click());
  await context.close();
  return file;
}

/** A fresh context on the appraisal page, signed as `unit`, `person`. */
async function appraisalPage(unit, person) {
  const { page, errors, context } = await app.freshPage({ open: false });
  await page.goto(app.url('tham-dinh/'));
  await page.getByRole('heading', { level: 1, name: 'Thẩm định, giải trình', exact: true }).waitFor();
  await field(page, 'Cơ quan, đơn vị').fill(unit);
  await field(page, 'Họ và tên').fill(person);
  return { page, errors, context };
}

async function openDossier(page, ...files) {
  await field(page, 'Chọn tệp hồ sơ (.json)').setInputFiles(files);
}

function assertVerified(file) {
  const r = chamdiemVerify(file);
  assert.equal(r.status, 0, `${file}: ${r.stdout}${r.stderr}`);
}

test('the worked example through four stages: the council appraises, the agency explains, the council decides; each file verified', async () => {
  const tuCham = await selfAssessed();
  const council = await appraisalPage('Hội đồng thẩm định tỉnh Đắk Lắk', 'Trần Văn Minh');
  const agency = await appraisalPage('Sở Nội vụ', 'Nguyễn Thị Lan');

  // Round 1.
  let page = council.page;
  await openDossier(page, tuCham);
  await page.getByRole('heading', { name: 'Hồ sơ — Sở Nội vụ', exact: true }).waitFor();
  await button(page, 'Bắt đầu thẩm định lần 1').click();
  assert.deepEqual(await todo(page).getByRole('listitem').allInnerTexts(), ['1: chưa thẩm định', '2: chưa thẩm định', '5: chưa thẩm định', '6: chưa thẩm định']);
  await field(page, 'Điểm thẩm định lần 1 — 2').fill('30');
  assert.match(await todo(page).innerText(), /2: thiếu lý do/);
  await field(page, 'Điểm thẩm định lần 1 — 1').fill('4x');
  assert.match(await page.locator('#vmsg-1').innerText(), /Không phải số/);
  assert.match(await todo(page).innerText(), /1: điểm thẩm định không hợp lệ/);
  await field(page, 'Lý do — 2').fill('Chưa có tài liệu kiểm chứng kết quả kiểm soát thủ tục hành chính quý IV (tiêu chí 2.3).');
  await button(page, 'Đồng ý — 1').click();
  assert.equal(await field(page, 'Điểm thẩm định lần 1 — 1').inputValue(), '42', '"Đồng ý" takes the self-score');
  await button(page, 'Đồng ý mọi mục chưa thẩm định').click();
  assert.equal(await field(page, 'Điểm thẩm định lần 1 — 2').inputValue(), '30', 'what was appraised stays');
  await todo(page).getByText('Không còn việc nào: có thể xuất hồ sơ.').waitFor();
  const table = await compare(page).innerText();
  assert.match(table, /Điểm\t85,5\t84\t−1,5/);
  assert.match(table, /Tỷ lệ\t85,50%\t84,00%\t?\nXếp loại chất lượng hoạt động\tHoàn thành tốt nhiệm vụ \(85,50%\)\tHoàn thành tốt nhiệm vụ \(84,00%\)\t?\nChỉ số cải cách hành chính\tKhá \(79,09%\)\tKhá \(76,36%\)/);
  await screenshot(page, 'tham-dinh-lan-1.png', { at: page.getByRole('heading', { name: 'Đang soạn: thẩm định lần 1' }), height: 900 });
  await assertAccessible(page, "the appraiser's view");
  // Kept across a reload, listed with its agency and stage.
  await page.reload();
  await page.getByRole('heading', { name: 'Đang soạn trong trình duyệt này' }).waitFor();
  await button(page, 'Tiếp tục — Sở Nội vụ').click();
  assert.equal(await field(page, 'Điểm thẩm định lần 1 — 2').inputValue(), '30');
  const td1 = await saved(page, () => button(page, 'Xuất hồ sơ (thẩm định lần 1)').click());
  assert.equal(path.basename(td1), 'so-noi-vu_daklak-2025-chi-so-01_2025-tham-dinh-1.json');
  assertVerified(td1);
  await page.getByText('Hồ sơ đang chờ bước “giải trình”.').waitFor();
  // Both states of the dossier are kept in this browser, the latest step first, and open again after a reload.
  await page.reload();
  const kept = page.getByRole('region', { name: 'Hồ sơ đã mở trong trình duyệt này' });
  await kept.getByRole('button', { name: 'Mở — Sở Nội vụ, thẩm định lần 1', exact: true }).click();
  await page.getByText('Hồ sơ đang chờ bước “giải trình”.').waitFor();
  assert.deepEqual(await kept.locator('tbody tr td:nth-child(3)').allInnerTexts(), ['thẩm định lần 1', 'tự chấm']);

  // The agency's response: item 2 was lowered; it explains and adds a document.
  page = agency.page;
  await openDossier(page, td1);
  await button(page, 'Bắt đầu giải trình').click();
  assert.deepEqual(await todo(page).getByRole('listitem').allInnerTexts(), ['2: bị hạ điểm — đồng ý hoặc giải trình']);
  await page.locator('#item-2 details summary').click();
  assert.match(await page.locator('#item-2 details').innerText(), /thẩm định lần 1 \(Trần Văn Minh, Hội đồng thẩm định tỉnh Đắk Lắk, .*\): 30 — “Chưa có tài liệu kiểm chứng/);
  assert.equal(await page.getByLabel('Điểm thẩm định lần 1 — 2').count(), 0, 'the agency cannot change a score');
  assert.deepEqual(await page.locator('article h4').allInnerTexts(), ['2. Kết quả thực hiện cải cách hành chính và xây dựng cơ quan, đơn vị hoạt động hiệu lực, hiệu năng, hiệu quả (tối đa 35)'], 'only the item the appraisal changed');
  await field(page, 'Giải trình — 2').fill('Báo cáo quý IV đã gửi ngày 28/12/2025; bổ sung văn bản.');
  await field(page, 'Số hiệu — 2').fill('245/BC-SNV');
  await field(page, 'Ngày (dd/mm/yyyy) — 2').fill('28/12/2025');
  await field(page, 'Trích yếu — 2').fill('Báo cáo kiểm soát thủ tục hành chính quý IV năm 2025');
  await todo(page).getByText('Không còn việc nào: có thể xuất hồ sơ.').waitFor();
  await screenshot(page, 'giai-trinh.png', { at: page.locator('#item-2'), height: 720 });
  await assertAccessible(page, "the agency's view");
  const gt = await saved(page, () => button(page, 'Xuất hồ sơ (giải trình)').click());
  assertVerified(gt);

  // Round 2 starts at round 1's scores; the disputed item needs a reason.
  page = council.page;
  await openDossier(page, gt);
  await button(page, 'Bắt đầu thẩm định lần 2').click();
  assert.equal(await field(page, 'Điểm thẩm định lần 2 — 2').inputValue(), '30');
  assert.deepEqual(await todo(page).getByRole('listitem').allInnerTexts(), ['2: thiếu lý do']);
  await page.locator('#item-2 details summary').click();
  assert.match(await page.locator('#item-2 details').innerText(), /giải trình \(Nguyễn Thị Lan, Sở Nội vụ, .*\) — “Báo cáo quý IV đã gửi ngày 28\/12\/2025; bổ sung văn bản.” — tài liệu: 245\/BC-SNV, 28\/12\/2025/);
  await field(page, 'Điểm thẩm định lần 2 — 2').fill('31');
  await field(page, 'Lý do — 2').fill('Chấp nhận một phần giải trình: báo cáo quý IV gửi sau thời hạn.');
  assert.match(await compare(page).innerText(), /Điểm\t85,5\t85\t−0,5/);
  const td2 = await saved(page, () => button(page, 'Xuất hồ sơ (thẩm định lần 2)').click());
  assertVerified(td2);
  await page.getByText(/Đã thẩm định lần 2: kết quả thẩm định là cuối cùng/).waitFor();

  // The command line agrees: 85 points, 85,00 %, "Hoàn thành tốt nhiệm vụ", CCHC 78,18 % "Khá", provisional on 3 and 4.
  const { stages } = chamdiemScore('daklak-2025-chi-so-01', td2);
  assert.deepEqual(stages.map((s) => s.stage), ['tu_cham', 'tham_dinh_1', 'giai_trinh', 'tham_dinh_2']);
  const r = stages[3].results;
  assert.equal(r.points, '85');
  assert.equal(r.percent, '85.00');
  assert.deepEqual(r.classifications.map((c) => [c.level, c.percent]), [['Hoàn thành tốt nhiệm vụ', '85.00'], ['Khá', '78.18']]);
  assert.deepEqual(r.estimates, ['3', '4']);
  const d = JSON.parse(fs.readFileSync(td2, 'utf8'));
  assert.equal(d.stages[1].by.person, 'Trần Văn Minh');

  // The printed sheet of stage 4: a column per scoring stage (A4 landscape), the reasons, each stage's short hash, both signatures.
  await button(page, 'Xem biểu in các bước').click();
  const { file: pdf, pages } = await printPdf(app, page, 'tham-dinh-2', { landscape: true });
  pdfPageImage(pdf, 'bieu-in-tham-dinh');
  const paper = pages.join('\n').replace(/\s+/g, ' ');
  assert.match(paper, /BIỂU TỔNG HỢP KẾT QUẢ TỰ CHẤM ĐIỂM VÀ THẨM ĐỊNH/);
  assert.match(paper, /STT Nội dung, tiêu chí Điểm tối đa tự chấm thẩm định lần 1 thẩm định lần 2 Lý do/);
  assert.match(paper, /hiệu năng, hiệu quả 35 31,5 30 31 Chấp nhận một phần giải trình/);
  assert.match(paper, /Tổng điểm 85,5 84 85/);
  assert.match(paper, /Hoàn thành tốt nhiệm vụ Hoàn thành tốt nhiệm vụ Hoàn thành tốt nhiệm vụ/);
  for (const st of d.stages) assert.ok(paper.includes(st.hash.slice(0, 12)), `the short hash of ${st.stage} on paper`);
  assert.match(paper, /THỦ TRƯỞNG CƠ QUAN .*CHỦ TỊCH HỘI ĐỒNG THẨM ĐỊNH/);
  assert.equal(d.stages[2].by.unit, 'Sở Nội vụ');
  assert.deepEqual([council.errors, agency.errors], [[], []]);
  await council.context.close();
  await agency.context.close();
});

test("two council members' parts merged into one stage: the conflict on item 2 is chosen, never settled silently", async () => {
  const tuCham = await selfAssessed();
  const part = async (person, areas, work) => {
    const { page, context } = await appraisalPage('Sở Tư pháp', person);
    await openDossier(page, tuCham);
    await button(page, 'Bắt đầu thẩm định lần 1').click();
    for (const a of areas) await page.getByRole('checkbox', { name: new RegExp(`^${a}\\. `) }).check();
    await work(page);
    const file = await saved(page, () => button(page, 'Xuất hồ sơ (thẩm định lần 1)').click());
    await context.close();
    assertVerified(file);
    return file;
  };
  const a = await part('Người A', ['1', '2'], async (page) => {
    assert.equal(await page.getByLabel('Điểm thẩm định lần 1 — 5').count(), 0, 'areas outside the part are not shown');
    await button(page, 'Đồng ý — 1').click();
    await field(page, 'Điểm thẩm định lần 1 — 2').fill('30');
    await field(page, 'Lý do — 2').fill('Thiếu quý IV.');
  });
  fs.renameSync(a, `${a}.a.json`);
  const b = await part('Người B', ['2', '5', '6'], async (page) => {
    await field(page, 'Điểm thẩm định lần 1 — 2').fill('31');
    await field(page, 'Lý do — 2').fill('Thiếu một phần quý IV.');
    await button(page, 'Đồng ý — 5').click();
    await button(page, 'Đồng ý — 6').click();
  });

  const { page, errors, context } = await appraisalPage('Tổ giúp việc, Sở Nội vụ', 'Lê Văn Hùng');
  await openDossier(page, `${a}.a.json`, b);
  const merge = page.getByRole('region', { name: 'Gộp phần thẩm định' });
  await merge.waitFor();
  const conflict = merge.getByRole('group', { name: 'Mục 2' });
  assert.match(await conflict.innerText(), /Tệp 1: Người A — 30 — “Thiếu quý IV.”/);
  assert.match(await conflict.innerText(), /Tệp 2: Người B — 31 — “Thiếu một phần quý IV.”/);
  await button(page, 'Gộp và tải hồ sơ').click();
  assert.match(await page.getByRole('alert').innerText(), /mục "2" được thẩm định khác nhau ở các tệp 1, 2: chọn một/);
  await screenshot(page, 'gop-phan-tham-dinh.png', { at: merge });
  await assertAccessible(page, 'the merge');
  await conflict.getByLabel(/^Tệp 2:/).check();
  const merged = await saved(page, () => button(page, 'Gộp và tải hồ sơ').click());
  assertVerified(merged);
  const d = JSON.parse(fs.readFileSync(merged, 'utf8'));
  const st = d.stages[1];
  assert.equal(st.stage, 'tham_dinh_1');
  assert.equal(st.areas, undefined, 'one whole stage');
  assert.deepEqual([st.entries['1'].by.person, st.entries['2'].by.person, st.entries['2'].value], ['Người A', 'Người B', '31']);
  assert.equal(st.by.person, 'Lê Văn Hùng');
  await page.getByText('Hồ sơ đang chờ bước “giải trình”.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered dossier opens read-only with the reason; a file that is no dossier is named and nothing open is lost; hostile text in a reason shows as text', async () => {
  const tuCham = await selfAssessed();
  const text = fs.readFileSync(tuCham, 'utf8');
  const tampered = path.join(app.tmp, 'tampered.json');
  assert.ok(text.includes('"value": "42"'));
  fs.writeFileSync(tampered, text.replace('"value": "42"', '"value": "45"'));
  const { page, errors, context } = await appraisalPage('<img src=x onerror=alert(1)>', 'Trần Văn Minh');
  await openDossier(page, tampered);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Hồ sơ chỉ mở để xem/);
  assert.equal(await button(page, 'Bắt đầu thẩm định lần 1').count(), 0);
  // A file that is not a dossier: said with its name; what was open stays.
  const bad = path.join(app.tmp, 'not-a-dossier.json');
  fs.writeFileSync(bad, '{"format": "cham-diem/dossier", "stages": [');
  await openDossier(page, bad);
  await page.getByText(/not-a-dossier\.json — /).waitFor();
  await page.getByRole('heading', { name: 'Hồ sơ — Sở Nội vụ', exact: true }).waitFor();
  // Hostile text in a reason is text.
  await openDossier(page, tuCham);
  await button(page, 'Bắt đầu thẩm định lần 1').click();
  await field(page, 'Điểm thẩm định lần 1 — 2').fill('30');
  await field(page, 'Lý do — 2').fill('<img src=x onerror=alert(1)>');
  const td1 = await saved(page, () => button(page, 'Xuất hồ sơ (thẩm định lần 1)').click());
  await openDossier(page, td1);
  await button(page, 'Bắt đầu giải trình').click();
  await page.locator('#item-2 details summary').click();
  assert.match(await page.locator('#item-2 details').innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('main img').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after its first visit the appraisal page opens a dossier offline: its files and the rulesets from its own worker', async () => {
  const tuCham = await selfAssessed();
  const { page, errors, context } = await appraisalPage('Hội đồng thẩm định tỉnh Đắk Lắk', 'Trần Văn Minh');
  assert.equal(await pageWorker(page), app.url('tham-dinh/'));
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Thẩm định, giải trình', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), app.url('tham-dinh/sw.js'));
  await openDossier(page, tuCham);
  await button(page, 'Bắt đầu thẩm định lần 1').click();
  await field(page, 'Điểm thẩm định lần 1 — 2').fill('30');
  assert.match(await compare(page).innerText(), /Điểm\t85,5\t84\t−1,5/);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an appraiser who changes the agency's answer to a condition must give a reason; the to-do list leads to it", async () => {
  // The agency answered "no one disciplined".
  const { page: agency, context: a } = await app.freshPage();
  await fillDaklak(agency);
  await field(agency, AGENCY.name).fill('Sở Nội vụ');
  await disciplineQuestion(agency).getByLabel('Không', { exact: true }).check();
  const check = await openExportChecklist(agency);
  const tuCham = await saved(agency, () => check.getByRole('button', { name: 'Xuất tệp', exact: true }).click());
  await a.close();

  const { page, errors, context } = await appraisalPage('Hội đồng thẩm định tỉnh Đắk Lắk', 'Trần Văn Minh');
  await openDossier(page, tuCham);
  await button(page, 'Bắt đầu thẩm định lần 1').click();
  await button(page, 'Đồng ý mọi mục chưa thẩm định').click();
  const question = page.getByRole('combobox', { name: /bị xử lý kỷ luật/ });
  assert.equal(await question.inputValue(), 'no', "the agency's answer is where the appraisal starts");
  await question.selectOption('yes');
  const link = todo(page).getByRole('link', { name: /bị xử lý kỷ luật.*: thiếu lý do$/ });
  assert.equal(await link.getAttribute('href'), '#c-0');
  await page.getByLabel(/^Lý do — .*bị xử lý kỷ luật/).fill('Quyết định kỷ luật số 12/QĐ-UBND ngày 03/6/2025.');
  await todo(page).getByText('Không còn việc nào: có thể xuất hồ sơ.').waitFor();
  const file = await saved(page, () => button(page, 'Xuất hồ sơ (thẩm định lần 1)').click());
  assertVerified(file);
  const st = JSON.parse(fs.readFileSync(file, 'utf8')).stages[1];
  assert.deepEqual([Object.values(st.conditions), Object.values(st.condition_reasons).length], [[true], 1]);
  assert.deepEqual(errors, []);
  await context.close();
});
