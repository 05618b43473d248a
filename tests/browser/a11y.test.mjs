// Accessibility of the main views, checked in the page with axe-core
// (WCAG 2.0 / 2.1, levels A and AA): the form with values and an invalid
// value, the training ruleset and its "Vì sao?" explanation, the export
// checklist, the drafts panel, a bad portal link's notice, the printed sheet's preview, a 360 px phone.
// Then the keyboard: Tab from the ruleset selector reaches the first score
// input, and every stop shows where the focus is.
//
// With UPDATE_SCREENSHOTS=1 the views are also saved as PNG in docs/images/
// for the README; without it the tests write nothing in the tree.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launch, newPage, openApp, close } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const IMAGES = path.join(ROOT, 'docs', 'images');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';

let server;
let browser;

before(async () => {
  if (!fs.existsSync(AXE)) throw new Error(`${AXE} missing: run npm ci (scripts/setup.sh does)`);
  server = await startServer();
  ({ browser } = await launch());
});
after(async () => close(browser, server));

async function freshPage({ width = 1280, height = 900 } = {}) {
  // axe-core is injected as a script: let it past the page's Content-Security-Policy.
  const { page, errors, context } = await newPage(browser, { viewport: { width, height }, bypassCSP: true });
  await openApp(page, server.url);
  return { page, errors, context };
}

const field = (page, label) => page.getByLabel(label, { exact: true });
// Exact: the printed sheet's heading ("BIỂU TỔNG HỢP KẾT QUẢ …") names a region too.
const results = (page) => page.getByRole('region', { name: 'Kết quả', exact: true });

const DAKLAK = [
  '1 Kết quả thực hiện nhiệm vụ theo chức năng',
  '2 Kết quả thực hiện cải cách hành chính và xây dựng cơ quan, đơn vị hoạt động hiệu lực, hiệu năng, hiệu quả',
  '3 Điểm đánh giá thông qua điều tra, khảo sát',
  '4 Điểm đánh giá của Chủ tịch, các Phó Chủ tịch UBND tỉnh',
  '5 Điểm cộng',
  '6 Điểm trừ',
];
const WORKED = ['42', '31,5', '9', '4', '1', '2'];
const TRAINING = 'Bộ chỉ số mẫu dùng để tập huấn (minh họa)';

async function fillDaklak(page, values = WORKED) {
  for (let i = 0; i < DAKLAK.length; i++) await field(page, DAKLAK[i]).fill(values[i]);
  await assert.doesNotReject(results(page).getByText('85,5 / 100 điểm').first().waitFor());
}

async function openTraining(page) {
  await field(page, 'Bộ chỉ số').selectOption({ label: TRAINING });
  await page.getByRole('heading', { name: /tập huấn/ }).first().waitFor();
}

/**
 * Runs axe-core in the page (WCAG 2.0 / 2.1 A and AA) and fails on any
 * violation, listing each: rule id, impact, help, and the nodes' selectors.
 */
async function assertAccessible(page, view) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  const found = result.violations.map((v) =>
    [`${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`)].join('\n'),
  );
  assert.equal(found.length, 0, `${view}: ${found.length} accessibility violation(s)\n${found.join('\n')}`);
}

/**
 * Only with UPDATE_SCREENSHOTS=1: saves a PNG of the viewport in docs/images/,
 * `at` scrolled to the top, at `width` × `height` (a modest size, to keep the
 * files small); the viewport is restored afterwards.
 */
async function screenshot(page, name, { at, width = 960, height = 640 } = {}) {
  if (!UPDATE) return;
  fs.mkdirSync(IMAGES, { recursive: true });
  const before = page.viewportSize();
  await page.setViewportSize({ width, height });
  await page.evaluate(() => document.activeElement?.blur());
  await page.mouse.move(0, 0);
  if (at) await at.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(IMAGES, name), animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(before);
}

test('a11y: Đắk Lắk form with the worked example, then an invalid value', async () => {
  const { page, errors, context } = await freshPage();
  await fillDaklak(page);
  await screenshot(page, 'nhap-diem-dak-lak.png', { at: page.locator('[data-key="1"]') });
  await assertAccessible(page, 'Đắk Lắk, worked example');

  const c1 = field(page, DAKLAK[0]);
  await c1.fill('50');
  assert.equal(await c1.getAttribute('aria-invalid'), 'true');
  await field(page, DAKLAK[1]).fill('abc');
  await assertAccessible(page, 'Đắk Lắk, invalid values');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: training ruleset, then "Vì sao? — Tổng điểm" opened', async () => {
  const { page, errors, context } = await freshPage();
  await openTraining(page);
  await assertAccessible(page, 'training ruleset');

  await field(page, '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)').fill('5,5');
  await field(page, '1.1 Ban hành kế hoạch năm đúng hạn (minh họa)').selectOption({ label: 'Có' });
  await field(page, '2.5 Cung cấp dịch vụ công trực tuyến (minh họa)').fill('9');
  await field(page, '5 Điểm đánh giá của lãnh đạo tỉnh (minh họa)').fill('8,5');
  const why = results(page).getByRole('button', { name: 'Vì sao? — Tổng điểm', exact: true });
  await why.click();
  assert.equal(await why.getAttribute('aria-expanded'), 'true');
  await page.locator('#why-total-panel').waitFor();
  await screenshot(page, 'tap-huan-vi-sao.png', { at: page.locator('[data-key="1"]') });
  await assertAccessible(page, 'training, "Vì sao?" open');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: the export checklist', async () => {
  const { page, errors, context } = await freshPage();
  await field(page, DAKLAK[0]).fill('42');
  await field(page, DAKLAK[4]).fill('1');
  await field(page, 'Tên cơ quan, đơn vị').fill('Sở Nội vụ');
  await field(page, 'Năm đánh giá').fill('2025');
  await page.locator('.export-bar').getByRole('button', { name: 'Xuất tệp nộp (JSON)', exact: true }).click();
  const check = page.getByRole('dialog', { name: 'Kiểm tra trước khi xuất' });
  await check.waitFor();
  await screenshot(page, 'xuat-tep-kiem-tra.png');
  await assertAccessible(page, 'export checklist');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: the drafts panel opened', async () => {
  const { page, errors, context } = await freshPage();
  await field(page, DAKLAK[0]).fill('42');
  await field(page, 'Tên cơ quan, đơn vị').fill('Sở Nội vụ');
  const summary = page.locator('details.drafts > summary');
  await page.getByText('Bản nháp (1)', { exact: true }).waitFor();
  await summary.click();
  assert.equal(await page.locator('details.drafts').evaluate((d) => d.open), true);
  await assertAccessible(page, 'drafts panel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: a portal link to a ruleset the site does not have (the notice)', async () => {
  const { page, errors, context } = await freshPage();
  await page.goto(`${server.url}/cham-diem/?bo=khong-co`);
  await page.getByRole('alert').filter({ hasText: 'Liên kết mở trang này' }).waitFor();
  await assertAccessible(page, 'bad link notice');
  // start.js asked for rulesets/khong-co.json beside the index (public/start.js): its 404 is expected.
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await context.close();
});

test('a11y: the printed sheet, previewed on screen', async () => {
  const { page, errors, context } = await freshPage();
  await fillDaklak(page);
  await page.getByRole('button', { name: 'Biểu tổng hợp để in', exact: true }).click();
  await page.locator('section.sheet').waitFor();
  await assertAccessible(page, 'sheet preview');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: a 360 px phone', async () => {
  const { page, errors, context } = await freshPage({ width: 360, height: 740 });
  await fillDaklak(page);
  await screenshot(page, 'dien-thoai-360.png', { at: results(page), width: 360, height: 740 });
  await assertAccessible(page, '360 px');
  await openTraining(page);
  await assertAccessible(page, '360 px, training ruleset');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Presses Tab until `done(stop)`, the page's end or an element met before;
 * returns each stop as { tag, name, focusVisible, outline, shadow, visible }.
 */
async function tabStops(page, max, done = () => false, { reset = false } = {}) {
  if (reset) await page.evaluate(() => document.querySelectorAll('[data-a11y-tabbed]').forEach((e) => delete e.dataset.a11yTabbed));
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const cs = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      const label = e.labels?.[0]?.innerText;
      return {
        tag: e.tagName.toLowerCase() + (e.type && e.tagName === 'INPUT' ? `[${e.type}]` : ''),
        name: (e.getAttribute('aria-label') || label || e.innerText || '').replace(/\s+/g, ' ').trim(),
        focusVisible: e.matches(':focus-visible'),
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
        shadow: cs.boxShadow !== 'none',
        visible: r.width > 0 && r.height > 0,
        seen: e.dataset.a11yTabbed === '1' || ((e.dataset.a11yTabbed = '1'), false),
      };
    });
    if (!info || info.seen) break;
    stops.push(info);
    if (done(info)) break;
  }
  return stops;
}

test('keyboard: Tab from the ruleset selector reaches the first score input; every stop shows its focus', async () => {
  const { page, errors, context } = await freshPage();
  await field(page, 'Bộ chỉ số').focus();
  const toFirst = await tabStops(page, 60, (s) => s.name === DAKLAK[0]);
  assert.equal(toFirst.at(-1)?.name, DAKLAK[0], `Tab reaches "${DAKLAK[0]}":\n${toFirst.map((s) => `${s.tag} ${s.name}`).join('\n')}`);
  // 20 today (language, drafts, the five buttons, the results' "Vì sao?",
  // agency details, the condition): a loose bound, against a trap or a detour.
  assert.ok(toFirst.length <= 40, `${toFirst.length} Tab presses to the first score`);

  // The rest of the page, to the end; then the training ruleset's richer form.
  const stops = [...toFirst, ...(await tabStops(page, 200))];
  await openTraining(page);
  await field(page, 'Bộ chỉ số').focus();
  stops.push(...(await tabStops(page, 300, undefined, { reset: true })));
  assert.ok(stops.length > 40, `${stops.length} stops`);
  const unseen = stops.filter((s) => !(s.visible && s.focusVisible && (s.outline || s.shadow)));
  assert.deepEqual(unseen.map((s) => `${s.tag} ${s.name}`), [], 'every Tab stop is visible and has a focus outline');
  assert.deepEqual(errors, []);
  await context.close();
});

// --- Known problems, kept as todo until the markup / style.css is fixed ----

/** WCAG contrast ratio of two 'rgb(…)' colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('focus outline contrasts 3:1 with what is around it (WCAG 1.4.11)', async () => {
  const { page, errors, context } = await freshPage();
  await field(page, 'Bộ chỉ số').focus();
  await page.keyboard.press('Tab');
  const { outline, background } = await page.evaluate(() => {
    const e = document.activeElement;
    let b = e.parentElement;
    while (b && getComputedStyle(b).backgroundColor.match(/rgba\(.*, 0\)$|transparent/)) b = b.parentElement;
    return { outline: getComputedStyle(e).outlineColor, background: b ? getComputedStyle(b).backgroundColor : 'rgb(255, 255, 255)' };
  });
  const ratio = contrast(outline, background);
  assert.ok(ratio >= 3, `focus outline ${outline} on ${background}: ${ratio.toFixed(2)}:1`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('360 px: a warning that appears takes its own line, never the width of the field beside it', async () => {
  const { page, errors, context } = await freshPage({ width: 360, height: 740 });
  await openTraining(page);
  const score = field(page, '1.3 Báo cáo định kỳ đầy đủ, đúng hạn (minh họa)');
  const before = await score.boundingBox();
  await score.fill('5,5');
  const warn = page.locator('[data-key="1/1.3"] .warn');
  await warn.waitFor();
  const after = await score.boundingBox();
  assert.equal(after.width, before.width, 'the field keeps its width');
  assert.equal(after.width, 128, 'its full 8rem');
  assert.ok((await warn.boundingBox()).y >= after.y + after.height, 'the warning is below the field, not beside it');
  // A list beside a warning shown from the start (evidence always needed) is not squeezed either.
  const list = field(page, '1.1 Ban hành kế hoạch năm đúng hạn (minh họa)');
  await list.selectOption({ label: 'Có' });
  assert.ok((await list.boundingBox()).width >= 120, `the list is ${(await list.boundingBox()).width} px wide`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('360 px: no sideways scrolling, the drafts panel open (WCAG 1.4.10)', async () => {
  const { page, errors, context } = await freshPage({ width: 360, height: 740 });
  await field(page, DAKLAK[0]).fill('42');
  await page.getByText('Bản nháp (1)', { exact: true }).waitFor();
  await page.locator('details.drafts > summary').click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
  assert.deepEqual(errors, []);
  await context.close();
});
