// The printed score sheet (biểu tổng hợp), as paper: the page is printed to
// PDF in headless Chromium (A4 portrait, the print style sheet), and each
// page is read back with poppler (pdftotext, pdffonts, pdftoppm).
//
// With UPDATE_SCREENSHOTS=1, page 1 is saved as docs/images/bieu-in-trang-1.png
// for the README; without it the test writes nothing in the tree.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, newPage, openApp, close } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

let server;
let browser;
let tmp;

before(async () => {
  for (const tool of ['pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} not found: install poppler-utils (scripts/setup.sh does)`);
    }
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chamdiem-print-'));
  server = await startServer();
  ({ browser } = await launch());
});
after(async () => {
  await close(browser, server);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function freshPage() {
  const { page, errors, context } = await newPage(browser);
  await openApp(page, server.url);
  return { page, errors, context };
}

const field = (page, label) => page.getByLabel(label, { exact: true });
// Exact: the sheet's own heading ("BIỂU TỔNG HỢP KẾT QUẢ …") names a region too.
const resultsRegion = (page) => page.getByRole('region', { name: 'Kết quả', exact: true });

// The training ruleset, every item given a value (as in training.test.mjs).
const TRAINING = 'Bộ chỉ số mẫu dùng để tập huấn (minh họa)';
const INPUTS = [
  { kind: 'select', label: '1.1 Ban hành kế hoạch năm đúng hạn (minh họa)', option: 'Có' },
  { kind: 'select', label: '1.2 Mức độ hoàn thành kế hoạch năm (minh họa)', option: 'Hoàn thành từ 80% đến dưới 100%' },
  { kind: 'text', label: '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)', value: '5,5' },
  { kind: 'na', label: '1.4 Kiểm tra cơ quan, đơn vị trực thuộc (minh họa)' },
  { kind: 'pair', label: '2.1 Tỷ lệ hồ sơ giải quyết đúng hạn (minh họa)', parts: ['Số hồ sơ giải quyết đúng hạn', 'Tổng số hồ sơ đã giải quyết'], value: '45', of: '50' },
  { kind: 'pair', label: '2.2 Rà soát, đơn giản hóa thủ tục hành chính theo kế hoạch (minh họa)', parts: ['Số thủ tục đã rà soát', 'Số thủ tục phải rà soát theo kế hoạch'], value: '3', of: '4' },
  { kind: 'na', label: '2.3 Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính (minh họa)' },
  { kind: 'text', label: 'a Chất lượng: số lỗi lớn (minh họa)', value: '2' },
  { kind: 'text', label: 'b Tiến độ: số lần chậm (minh họa)', value: '1' },
  { kind: 'text', label: '2.5 Cung cấp dịch vụ công trực tuyến (minh họa)', value: '9' },
  { kind: 'na', label: '3 Nhiệm vụ chuyên ngành (minh họa)' },
  { kind: 'select', label: '4.1 Thái độ phục vụ của công chức (minh họa)', option: 'A' },
  { kind: 'select', label: '4.2 Thời gian giải quyết hồ sơ (minh họa)', option: 'B' },
  { kind: 'select', label: '4.3 Mức độ hài lòng chung (minh họa)', option: 'C' },
  { kind: 'text', label: '5 Điểm đánh giá của lãnh đạo tỉnh (minh họa)', value: '8,5' },
  { kind: 'text', label: '6.1 Sáng kiến được công nhận (minh họa)', value: '2,5' },
  { kind: 'text', label: '6.2 Được khen thưởng: số lần (minh họa)', value: '3' },
  { kind: 'text', label: '7.1 Chậm gửi báo cáo: số lần (minh họa)', value: '3' },
  { kind: 'text', label: '7.2 Bị phê bình bằng văn bản (minh họa)', value: '0,5' },
];
const ANSWERS = [/người đứng đầu hoặc cấp phó/, /tham nhũng, lãng phí/];

const ITEM = '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)';
const EVIDENCE = [
  { number: '15/BC-SNV', date: '01/12/2025', summary: 'Báo cáo kết quả thực hiện nhiệm vụ năm 2025' },
  // One long word: it must wrap inside its column, not run off the paper.
  { number: '27/BC-SNV', date: '20/12/2025', summary: 'Đăng tải tại https://sonoivu.daklak.gov.vn/bao-cao-dinh-ky/2025/quy-iv/bao-cao-tong-hop-ket-qua' },
];
const EXPLANATION =
  'Chậm một báo cáo quý III do thay đổi biểu mẫu theo hướng dẫn mới của Bộ Nội vụ; ' +
  'đã bổ sung ngày 05/10/2025 và được Ủy ban nhân dân tỉnh chấp thuận, không ảnh hưởng đến số liệu tổng hợp chung của tỉnh.';
const AGENCY = { name: 'Sở Nội vụ tỉnh Đắk Lắk', year: '2025', preparer: 'Trần Văn Bình' };

async function fillTraining(page) {
  await field(page, 'Bộ chỉ số').selectOption({ label: TRAINING });
  await page.getByRole('heading', { name: /tập huấn/ }).first().waitFor();
  for (const i of INPUTS) {
    if (i.kind === 'text') await field(page, i.label).fill(i.value);
    if (i.kind === 'select') await field(page, i.label).selectOption({ label: i.option });
    if (i.kind === 'na') await field(page, `Không áp dụng — ${i.label}`).check();
    if (i.kind === 'pair') {
      await field(page, `${i.label} — ${i.parts[0]}`).fill(i.value);
      await field(page, `${i.label} — ${i.parts[1]}`).fill(i.of);
    }
  }
  for (const q of ANSWERS) await page.getByRole('group', { name: q }).getByLabel('Không', { exact: true }).check();
  await field(page, 'Tên cơ quan, đơn vị').fill(AGENCY.name);
  await field(page, 'Loại hình').selectOption({ label: 'Đơn vị sự nghiệp công lập' });
  await field(page, 'Năm đánh giá').fill(AGENCY.year);
  await field(page, 'Người lập').fill(AGENCY.preparer);
  const toggle = page.locator('[data-key="1/1.3"]').getByRole('button', { name: /^Tài liệu kiểm chứng, giải trình/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  for (let row = 1; row <= EVIDENCE.length; row++) {
    const ev = EVIDENCE[row - 1];
    await page.getByRole('button', { name: `Thêm tài liệu kiểm chứng — ${ITEM}`, exact: true }).click();
    await field(page, `Số hiệu — ${row} — ${ITEM}`).fill(ev.number);
    await field(page, `Ngày (dd/mm/yyyy) — ${row} — ${ITEM}`).fill(ev.date);
    await field(page, `Trích yếu — ${row} — ${ITEM}`).fill(ev.summary);
  }
  await field(page, `Giải trình — ${ITEM}`).fill(EXPLANATION);
}

/** Prints the page to PDF; returns { file, pages: [text of page 1, …], fonts: pdffonts' lines }. */
async function printPdf(page, name) {
  const file = path.join(tmp, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)/m.exec(info) ?? [];
  assert.ok(Number(w) < Number(h), `A4 portrait:\n${info}`);
  const pages = [];
  for (let n = 1; n <= count; n++) {
    // -raw: in the order Chromium drew it, row by row and cell by cell.
    pages.push(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }));
  }
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return { file, pages, fonts };
}

const flat = (s) => s.replace(/\s+/g, ' ').trim();
const bare = (s) => s.replace(/\s+/g, '');
const HEADER = ['STT', 'Nội dung, tiêu chí', 'Điểm tối đa', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Giải trình'];

test('training ruleset on A4: header on every page, rows whole, totals and signature once at the end', async () => {
  const { page, errors, context } = await freshPage();
  await fillTraining(page);
  const show = page.getByRole('button', { name: 'Biểu tổng hợp để in', exact: true });
  assert.equal(await show.getAttribute('aria-pressed'), 'false');
  await show.click();
  assert.equal(await show.getAttribute('aria-pressed'), 'true');
  const sheet = page.locator('section.sheet');
  await sheet.waitFor();

  // What the sheet should say, read from the page itself.
  const rows = await sheet.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())),
  );
  assert.equal(rows.length, 29, 'one row per node of the training ruleset');
  // The footer's cells: [total, max, points, percentage], then [classification, level] twice.
  const footer = await sheet.locator('tfoot tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean)),
  );
  assert.equal(footer.length, 3, 'the total and the two classifications');
  assert.match(footer[0].join(' '), /^Tổng điểm \d+ [\d,]+ Tỷ lệ: [\d,]+%$/);
  const results = await resultsRegion(page).innerText();
  assert.match(results, /Kết quả đầy đủ/);
  const [, points, max] = /([\d,]+) \/ (\d+) điểm/.exec(results);
  assert.deepEqual(footer[0].slice(1, 3), [max, points], 'the sheet totals what the results show');

  // Nothing runs past the printable width (A4 less 25 + 15 mm ≈ 643 CSS px).
  await page.setViewportSize({ width: 643, height: 900 });
  await page.emulateMedia({ media: 'print' });
  const overflow = await sheet.evaluate((s) => {
    const right = s.getBoundingClientRect().right + 0.5;
    const out = [];
    for (const e of s.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > right) out.push(`${e.tagName} "${e.textContent.slice(0, 40)}" ends at ${r.right} > ${right}`);
      if ((e.tagName === 'TD' || e.tagName === 'TH') && e.scrollWidth > e.clientWidth + 1) out.push(`${e.tagName} "${e.textContent.slice(0, 40)}" overflows its cell`);
    }
    return out;
  });
  assert.deepEqual(overflow, [], 'nothing cut off at A4 portrait width');
  assert.equal(await page.locator('.layout').isVisible(), false, 'only the sheet is printed');

  const { file, pages, fonts } = await printPdf(page, 'training');
  assert.ok(pages.length > 1, `29 rows with evidence fill more than one page (got ${pages.length})`);
  const all = pages.join('\n');

  // Every row whole on exactly one page (no row split), and the header row
  // atop every page that has rows. Only the signature block may stand alone
  // on the last page.
  const rowPage = rows.map(([code, title]) => {
    const on = pages.flatMap((p, i) => (bare(p).includes(bare(title)) ? [i] : []));
    assert.equal(on.length, 1, `row ${code} "${title}" whole on exactly one page (found on ${on.map((i) => i + 1)})`);
    return on[0];
  });
  assert.deepEqual(rowPage, [...rowPage].sort((a, b) => a - b), 'rows in order');
  assert.ok(rowPage.at(-1) > 0, 'the rows run onto a second page');
  pages.forEach((text, i) => {
    const t = flat(text);
    assert.ok(t.includes(`Trang ${i + 1}/${pages.length}`), `page ${i + 1}: numbered "Trang ${i + 1}/${pages.length}"`);
    if (!rowPage.includes(i)) return;
    const head = t.indexOf(HEADER.join(' '));
    assert.ok(head >= 0, `page ${i + 1}: the header row repeated\n${t}`);
    const firstRow = rows[rowPage.indexOf(i)];
    assert.ok(head < t.indexOf(firstRow[1]), `page ${i + 1}: the header above its first row ${firstRow[0]}`);
  });

  // Page 1: the agency, the title, the ruleset, year and date.
  const first = flat(pages[0]);
  assert.ok(first.includes('SỞ NỘI VỤ TỈNH ĐẮK LẮK'), first);
  assert.ok(first.includes('(Đơn vị sự nghiệp công lập)'), `the kind of agency chosen in the form\n${first}`);
  assert.ok(first.includes('BIỂU TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM'), first);
  assert.ok(first.includes(TRAINING), first);
  assert.match(first, /Năm đánh giá: 2025 · Ngày lập: \d\d\/\d\d\/\d{4}/);

  // Evidence and the explanation in full, the long word included (wrapped, not cut).
  for (const ev of EVIDENCE) {
    assert.ok(bare(all).includes(bare(`${ev.number}, ${ev.date}, ${ev.summary}`)), `evidence ${ev.number} printed in full`);
  }
  assert.ok(bare(all).includes(bare(EXPLANATION)), 'the explanation printed in full');

  // The totals and levels once, on the page of the last row, together;
  // the signature block whole, on the last page.
  assert.equal(all.split('Tổng điểm').length - 1, 1, 'the total row is not repeated on each page');
  // Where the last row falls decides the page: the totals follow it, on the
  // same page or the next, and are never split among pages.
  const totalPage = pages.findIndex((p) => p.includes('Tổng điểm'));
  assert.ok(totalPage === rowPage.at(-1) || totalPage === rowPage.at(-1) + 1, `totals right after the last row (page ${totalPage + 1})`);
  const end = bare(pages[totalPage]);
  for (const cell of footer.flat()) assert.ok(end.includes(bare(cell)), `totals together on one page: "${cell}"`);
  const last = flat(pages.at(-1));
  for (const s of ['Người lập biểu', '(Ký, ghi rõ họ tên)', AGENCY.preparer, 'THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên, đóng dấu)']) {
    assert.ok(last.includes(s), `last page: signature block "${s}"\n${last}`);
  }
  // The screen around the sheet is not printed.
  for (const s of ['Xuất tệp nộp', 'Bản nháp', 'Vì sao?', 'Biểu tổng hợp để in']) assert.ok(!all.includes(s), `"${s}" not on paper`);

  // Diacritics in the text layer, and drawn in one embedded serif family
  // (no letter taken from a fallback font).
  assert.ok(all.includes('Được khen thưởng: số lần'), 'Vietnamese letters survive');
  assert.ok(fonts.length > 0 && fonts.every((l) => l.trim().split(/\s+/).at(-5) === 'yes'), `every font embedded:\n${fonts.join('\n')}`);
  const families = new Set(fonts.map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '').replace(/[-,](Bold|Italic|BoldItalic|Regular|Roman)+$/i, '')));
  assert.equal(families.size, 1, `one font family, got ${[...families].join(', ')}: a serif with the Vietnamese letters missing? (scripts/setup.sh installs fonts-liberation2)`);

  if (UPDATE) {
    const out = path.join(ROOT, 'docs', 'images', 'bieu-in-trang-1');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, out]);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('printing from the browser menu prints the sheet: Đắk Lắk worked example on one page, and in English', async () => {
  const { page, errors, context } = await freshPage();
  const labels = [
    '1 Kết quả thực hiện nhiệm vụ theo chức năng',
    '2 Kết quả thực hiện cải cách hành chính và xây dựng cơ quan, đơn vị hoạt động hiệu lực, hiệu năng, hiệu quả',
    '3 Điểm đánh giá thông qua điều tra, khảo sát',
    '4 Điểm đánh giá của Chủ tịch, các Phó Chủ tịch UBND tỉnh',
    '5 Điểm cộng',
    '6 Điểm trừ',
  ];
  const typed = ['42', '31,5', '9', '4', '1', '2'];
  for (let i = 0; i < labels.length; i++) await field(page, labels[i]).fill(typed[i]);
  await field(page, 'Tên cơ quan, đơn vị').fill('Sở Tài chính');
  await field(page, 'Năm đánh giá').fill('2025');
  assert.equal(await page.locator('section.sheet').count(), 0, 'no sheet until asked for');
  // What the browser's own Print command fires first.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('section.sheet').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Biểu tổng hợp để in', exact: true }).getAttribute('aria-pressed'), 'true');

  let { pages } = await printPdf(page, 'daklak');
  assert.equal(pages.length, 1, 'six contents fit on one page');
  let t = flat(pages[0]);
  for (const h of HEADER) assert.ok(t.includes(h), `header "${h}"`);
  assert.ok(t.includes('SỞ TÀI CHÍNH'), t);
  // Cell by cell: pdftotext reads a table's columns in its own order.
  for (const cell of ['Tổng điểm', '100', '85,5', 'Tỷ lệ: 85,50%']) assert.ok(t.includes(cell), `"${cell}"`);
  assert.ok(t.includes('Hoàn thành tốt nhiệm vụ (85,50%)'), t);
  assert.ok(t.includes('Khá (79,09%)'), t);
  assert.ok(t.includes('−2'), 'the penalty printed as a deduction');
  assert.ok(t.includes('THỦ TRƯỞNG CƠ QUAN'), t);
  assert.ok(t.includes('Trang 1/1'), t);

  // The same sheet in English, page numbers included.
  await page.emulateMedia({ media: 'screen' });
  await field(page, 'Ngôn ngữ').selectOption('en');
  await page.getByRole('button', { name: 'Score sheet for printing', exact: true }).waitFor();
  if ((await page.locator('section.sheet').count()) === 0) {
    await page.getByRole('button', { name: 'Score sheet for printing', exact: true }).click();
  }
  ({ pages } = await printPdf(page, 'daklak-en'));
  t = flat(pages[0]);
  for (const h of ['No.', 'Content, criterion', 'Maximum', 'Self-score', 'Evidence', 'Explanation', 'HEAD OF THE AGENCY', 'Page 1/1']) {
    assert.ok(t.includes(h), `English sheet: "${h}"\n${t}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
