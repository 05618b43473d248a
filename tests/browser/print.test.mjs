// The printed score sheet (biểu tổng hợp), as paper: the page is printed to
// PDF in headless Chromium (A4 portrait, the print style sheet), and each
// page is read back with poppler (pdftotext, pdffonts, pdftoppm).
//
// With UPDATE_SCREENSHOTS=1, page 1 is saved as docs/images/bieu-in-trang-1.png
// for the README; without it the test writes nothing in the tree.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  setUp, field, resultsText, printPdf, pdfPageImage, openRuleset, enterTraining, fillDaklak, addEvidence,
  TRAINING, AGENCY,
} from './harness.mjs';

before(() => {
  for (const tool of ['pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} not found: install poppler-utils (scripts/setup.sh does)`);
    }
  }
});

const app = setUp({ tmp: 'chamdiem-print-' });

// The training ruleset with every item given a value (TRAINING.inputs, as in
// training.test.mjs), the agency, and two evidence rows and an explanation on 1.3.
const ITEM = TRAINING.items['1/1.3'];
const EVIDENCE = [
  { number: '15/BC-SNV', date: '01/12/2025', summary: 'Báo cáo kết quả thực hiện nhiệm vụ năm 2025' },
  // One long word: it must wrap inside its column, not run off the paper.
  { number: '27/BC-SNV', date: '20/12/2025', summary: 'Đăng tải tại https://sonoivu.daklak.gov.vn/bao-cao-dinh-ky/2025/quy-iv/bao-cao-tong-hop-ket-qua' },
];
const EXPLANATION =
  'Chậm một báo cáo quý III do thay đổi biểu mẫu theo hướng dẫn mới của Bộ Nội vụ; ' +
  'đã bổ sung ngày 05/10/2025 và được Ủy ban nhân dân tỉnh chấp thuận, không ảnh hưởng đến số liệu tổng hợp chung của tỉnh.';
const AGENCY_DETAILS = { name: 'Sở Nội vụ tỉnh Đắk Lắk', year: '2025', preparer: 'Trần Văn Bình' };

async function fillTraining(page) {
  await openRuleset(page, TRAINING);
  await enterTraining(page);
  await field(page, AGENCY.name).fill(AGENCY_DETAILS.name);
  await field(page, AGENCY.kind).selectOption({ label: 'Đơn vị sự nghiệp công lập' });
  await field(page, AGENCY.year).fill(AGENCY_DETAILS.year);
  await field(page, AGENCY.preparer).fill(AGENCY_DETAILS.preparer);
  for (let row = 1; row <= EVIDENCE.length; row++) await addEvidence(page, '1/1.3', ITEM, row, EVIDENCE[row - 1]);
  await field(page, `Giải trình — ${ITEM}`).fill(EXPLANATION);
}

const flat = (s) => s.replace(/\s+/g, ' ').trim();
const bare = (s) => s.replace(/\s+/g, '');
const HEADER = ['STT', 'Nội dung, tiêu chí', 'Điểm tối đa', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Giải trình'];

test('training ruleset on A4: header on every page, rows whole, totals and signature once at the end', async () => {
  const { page, errors, context } = await app.freshPage();
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
  const results = await resultsText(page);
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

  const { file, pages, fonts } = await printPdf(app, page, 'training');
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
  assert.ok(first.includes(TRAINING.title), first);
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
  for (const s of ['Người lập biểu', '(Ký, ghi rõ họ tên)', AGENCY_DETAILS.preparer, 'THỦ TRƯỞNG CƠ QUAN', '(Ký, ghi rõ họ tên, đóng dấu)']) {
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

  pdfPageImage(file, 'bieu-in-trang-1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('printing from the browser menu prints the sheet: Đắk Lắk worked example on one page, and in English', async () => {
  const { page, errors, context } = await app.freshPage();
  await fillDaklak(page);
  await field(page, AGENCY.name).fill('Sở Tài chính');
  await field(page, AGENCY.year).fill('2025');
  assert.equal(await page.locator('section.sheet').count(), 0, 'no sheet until asked for');
  // What the browser's own Print command fires first.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('section.sheet').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Biểu tổng hợp để in', exact: true }).getAttribute('aria-pressed'), 'true');

  let { pages } = await printPdf(app, page, 'daklak');
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
  ({ pages } = await printPdf(app, page, 'daklak-en'));
  t = flat(pages[0]);
  for (const h of ['No.', 'Content, criterion', 'Maximum', 'Self-score', 'Evidence', 'Explanation', 'HEAD OF THE AGENCY', 'Page 1/1']) {
    assert.ok(t.includes(h), `English sheet: "${h}"\n${t}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
