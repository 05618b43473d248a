// "Soạn bộ chỉ số" on the office page (issue 16): an office opens the
// workbook its index is written in; the page reads it as `chamdiem from-xlsx`
// does, lists every problem with its sheet, row, column and the cell's text,
// each linked to its row in a preview of the tree; a book that reads is shown
// in the scoring page's own form, scorable and never saved as a draft, and its
// JSON, its index.json line and the template download.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setUp, field, assertAccessible, pageWorker, chamdiem, readXlsx, unzip, zip, screenshot, ROOT } from './harness.mjs';

const app = setUp({ axe: true, tmp: 'chamdiem-office-book-' });

const FULL = path.join(ROOT, 'docs', 'vi-du-bo-chi-so-day-du.xlsx');
const TEMPLATE = path.join(ROOT, 'docs', 'mau-bo-chi-so.xlsx');
const BOOK = 'Bảng tính bộ chỉ số (.xlsx)';
const TREE_CSV = 'Trang Tiêu chí từ tệp CSV (không bắt buộc)';

/** The office page, fresh, and its "Soạn bộ chỉ số" section. */
async function openSection() {
  const opened = await app.freshPage({ open: false });
  await opened.page.goto(app.url('tong-hop/'));
  const section = opened.page.getByRole('region', { name: 'Soạn bộ chỉ số', exact: true });
  await section.getByRole('heading', { level: 2, name: 'Soạn bộ chỉ số', exact: true }).waitFor();
  return { ...opened, section };
}

/** What a download holds, as text. */
async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8'), file: await d.path() };
}

/** The template with two cells of its tree sheet turned to text that is not a number, as a hand might type them. */
function brokenBook(file) {
  const entries = unzip(fs.readFileSync(TEMPLATE));
  const sheets = [...entries['xl/workbook.xml'].toString().matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
  const tree = `xl/worksheets/sheet${sheets.indexOf('Tiêu chí') + 1}.xml`;
  const text = (ref, t) => (xml) => xml.replace(new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`), `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`);
  let xml = entries[tree].toString();
  const before = xml;
  xml = text('H8', '0,5 điểm')(text('E4', '2,5đ')(xml));
  assert.notEqual(xml, before, 'the cells were changed');
  entries[tree] = Buffer.from(xml);
  fs.writeFileSync(file, zip(entries));
}

/** The template's tree sheet as a CSV file (as Excel saves one), one cell not a number. */
function brokenTreeCsv(file) {
  const cells = readXlsx(TEMPLATE).find((s) => s.name === 'Tiêu chí').cells;
  cells.E4 = '2,5đ';
  const last = Math.max(...Object.keys(cells).map((k) => Number(k.replace(/^[A-Z]+/, ''))));
  const quote = (v) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [];
  for (let r = 1; r <= last; r++) lines.push([...'ABCDEFGHIJKLMNOPQRSTUV'].map((c) => quote(cells[`${c}${r}`])).join(','));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** `chamdiem from-xlsx`'s problems, one a line, each file named as the page names it (by its name alone). */
function cliProblems(args, files) {
  const r = chamdiem(['from-xlsx', ...args]);
  assert.equal(r.status, 1, r.stderr);
  let out = r.stderr.trim();
  for (const f of files) out = out.replaceAll(f, path.basename(f));
  return out.split('\n');
}

/** Each problem's link moves focus to its row of the preview, marked as invalid, which shows `typed`. */
async function linksFocusRows(page, section, problems, typed) {
  const region = section.getByRole('region', { name: `Bảng tính có ${problems.length} lỗi`, exact: true });
  await region.waitFor();
  const list = region.getByRole('listitem');
  assert.deepEqual(await list.allInnerTexts(), problems);
  for (const [i, p] of problems.entries()) {
    await list.nth(i).getByRole('link', { name: p, exact: true }).click();
    const row = await page.evaluate(() => ({ tag: document.activeElement.tagName, invalid: document.activeElement.getAttribute('aria-invalid'), text: document.activeElement.innerText }));
    assert.equal(row.tag, 'TR', `${p}: focus on its row`);
    assert.equal(row.invalid, 'true', `${p}: the row is marked`);
    assert.ok(row.text.includes(typed[i]), `${p}: the row shows the cell (${typed[i]}): ${row.text}`);
    assert.match(row.text, new RegExp(`^⚠\\s*Dòng có lỗi:\\s*${p.match(/dòng (\d+)/)[1]}\\s`), 'its line number, after a visible mark');
  }
}

test('the full example reads: no problem, the form shows and scores, nothing is saved; its JSON and index.json line are those of chamdiem from-xlsx; axe finds nothing', async () => {
  const { page, errors, context, section } = await openSection();
  await assertAccessible(page, 'the office page, nothing chosen');
  await field(page, BOOK).setInputFiles(FULL);
  await section.getByRole('status').filter({ hasText: 'Đọc được bộ chỉ số' }).waitFor();
  assert.equal(await section.getByRole('heading', { name: /^Bảng tính có \d+ lỗi$/ }).count(), 0, 'no problem');

  const out = path.join(app.tmp, 'full.json');
  const cli = chamdiem(['from-xlsx', FULL, '-o', out]);
  assert.equal(cli.status, 0, cli.stderr);
  const ruleset = JSON.parse(fs.readFileSync(out, 'utf8'));

  // The scoring page's form: typing a score changes its total.
  const results = section.getByRole('region', { name: 'Kết quả', exact: true });
  const item = ruleset.sections[0].children[0];
  // Out of the self-scored parts' maximum while the others' are awaited.
  const max = (await results.innerText()).match(/Tổng điểm\s+0 \/ ([\d,]+) điểm/)?.[1];
  assert.ok(max, await results.innerText());
  await field(page, `${item.code} ${item.title}`).fill('7');
  await page.waitForFunction((t) => document.querySelector('.author .results').innerText.includes(t), `7 / ${max} điểm`);
  // A try-out, not a draft.
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('draft'))), []);

  const json = await downloaded(page, section.getByRole('button', { name: 'Tải bộ chỉ số (JSON)', exact: true }));
  assert.equal(json.name, `${ruleset.id}.json`);
  assert.equal(json.text, fs.readFileSync(out, 'utf8'), 'the JSON chamdiem from-xlsx writes');
  const line = await downloaded(page, section.getByRole('button', { name: 'Tải dòng index.json', exact: true }));
  assert.equal(`index.json: ${line.text}`, cli.stderr.split('\n').find((l) => l.startsWith('index.json: ')));
  assert.equal(await section.getByRole('figure').locator('pre').innerText(), line.text, 'the line shown to copy');
  await assertAccessible(page, 'the office page, a book read and its form');
  await screenshot(page, 'soan-bo-chi-so.png', { at: section, height: 900 });

  // The JSON opens in the scoring page from the file, and scores the same there.
  const scoring = await context.newPage();
  await app.open(scoring);
  await field(scoring, 'Mở bộ chỉ số từ tệp (.json, để thử trước khi công bố)').setInputFiles(json.file);
  await scoring.waitForFunction((t) => document.getElementById('ruleset-select')?.selectedOptions[0]?.text.startsWith(t), ruleset.title);
  await field(scoring, `${item.code} ${item.title}`).fill('7');
  await scoring.getByRole('region', { name: 'Kết quả', exact: true }).getByText(`7 / ${max} điểm`).first().waitFor();
  await scoring.close();

  await page.getByLabel('Ngôn ngữ', { exact: true }).selectOption('en');
  await page.getByRole('heading', { level: 2, name: 'Write an index', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Download the index (JSON)', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken book: every problem with its sheet, row, column and text, each linking to its row; a broken tree CSV likewise; a book dropped; axe finds nothing', async () => {
  const { page, errors, context, section } = await openSection();
  const book = path.join(app.tmp, 'bo-chi-so-loi.xlsx');
  brokenBook(book);
  const problems = cliProblems([book], [book]);
  assert.deepEqual(problems, [
    'bo-chi-so-loi.xlsx, trang "Tiêu chí", dòng 4, cột E ("Điểm tối đa"): "2,5đ" không phải là số',
    'bo-chi-so-loi.xlsx, trang "Tiêu chí", dòng 8, cột H ("Bước điểm"): "0,5 điểm" không phải là số',
  ]);
  await field(page, BOOK).setInputFiles(book);
  await linksFocusRows(page, section, problems, ['2,5đ', '1.3']);
  await screenshot(page, 'soan-bo-chi-so-loi.png', { at: section, height: 700 });
  assert.equal(await section.getByRole('button', { name: 'Tải bộ chỉ số (JSON)' }).count(), 0, 'nothing to download');
  await assertAccessible(page, 'the office page, a book with problems');

  // The template's own tree replaced by a CSV file with a bad number.
  const csv = path.join(app.tmp, 'tieu-chi.csv');
  brokenTreeCsv(csv);
  const csvProblems = cliProblems([TEMPLATE, '--tree', csv], [csv, TEMPLATE]);
  assert.deepEqual(csvProblems, ['tieu-chi.csv, dòng 4, cột 5 ("Điểm tối đa"): "2,5đ" không phải là số']);
  await field(page, BOOK).setInputFiles(TEMPLATE);
  await field(page, TREE_CSV).setInputFiles(csv);
  await linksFocusRows(page, section, csvProblems, ['2,5đ']);
  // The CSV removed, the template reads.
  await section.getByRole('button', { name: 'Bỏ tệp — tieu-chi.csv', exact: true }).click();
  await section.getByRole('status').filter({ hasText: /^Đọc được bộ chỉ số "Bộ chỉ số mẫu dùng để tập huấn .*": 21 mục chấm điểm, không có lỗi\.$/ }).waitFor();

  // Dropped on the section, the broken book takes the template's place.
  const dt = await page.evaluateHandle(([b64, name]) => {
    const d = new DataTransfer();
    d.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    return d;
  }, [fs.readFileSync(book).toString('base64'), path.basename(book)]);
  await section.dispatchEvent('drop', { dataTransfer: dt });
  await section.getByRole('heading', { name: 'Bảng tính có 2 lỗi', exact: true }).waitFor();
  assert.equal(await section.getByRole('button', { name: 'Bỏ tệp — bo-chi-so-loi.xlsx', exact: true }).count(), 1, 'the dropped book is the one chosen');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Excel template downloads, offline too: the training ruleset as a book, sheet for sheet the docs\' template', async () => {
  const { page, errors, context, section } = await openSection();
  assert.equal(await pageWorker(page), app.url('tong-hop/'));
  await page.waitForFunction(() => document.getElementById('office-ruleset')?.value === 'daklak-2025-chi-so-01');
  await context.setOffline(true);
  await page.reload();
  await section.getByRole('heading', { level: 2, name: 'Soạn bộ chỉ số', exact: true }).waitFor();
  const t = await downloaded(page, section.getByRole('button', { name: 'Tải mẫu Excel', exact: true }));
  await context.setOffline(false);
  assert.equal(t.name, 'mau-bo-chi-so.xlsx');
  const got = readXlsx(t.file);
  const docs = readXlsx(TEMPLATE);
  assert.deepEqual(got.map((s) => s.name), docs.map((s) => s.name));
  for (const [i, s] of got.entries()) assert.deepEqual(s.cells, docs[i].cells, `sheet ${s.name}`);
  assert.deepEqual(errors, []);
  await context.close();
});
