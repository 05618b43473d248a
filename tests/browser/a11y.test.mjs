// Accessibility of the main views, checked in the page with axe-core
// (WCAG 2.0 / 2.1, levels A and AA): the form with values and an invalid
// value, the training ruleset and its "Vì sao?" explanation, the export
// checklist, the drafts panel, a bad portal link's notice, the printed sheet's preview, a 360 px phone.
// Then the keyboard: Tab from the ruleset selector reaches the first score
// input, and every stop shows where the focus is.
//
// With UPDATE_SCREENSHOTS=1 the views are also saved as PNG in docs/images/
// for the README; without it the tests write nothing in the tree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setUp, field, resultsRegion, rulesetPicker, openRuleset, daklakField, fillDaklak, openExportChecklist, assertAccessible,
  screenshot, DAKLAK, TRAINING, AGENCY,
} from './harness.mjs';

const app = setUp({ axe: true });

/** The worked example typed, and its total shown. */
async function enterWorkedExample(page) {
  await fillDaklak(page);
  await assert.doesNotReject(resultsRegion(page).getByText('85,5 / 100 điểm').first().waitFor());
}

test('a11y: Đắk Lắk form with the worked example, then an invalid value', async () => {
  const { page, errors, context } = await app.freshPage();
  await enterWorkedExample(page);
  await screenshot(page, 'nhap-diem-dak-lak.png', { at: page.locator('[data-key="1"]') });
  await assertAccessible(page, 'Đắk Lắk, worked example');

  const c1 = daklakField(page, 1);
  await c1.fill('50');
  assert.equal(await c1.getAttribute('aria-invalid'), 'true');
  await daklakField(page, 2).fill('abc');
  await assertAccessible(page, 'Đắk Lắk, invalid values');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: training ruleset, then "Vì sao? — Tổng điểm" opened', async () => {
  const { page, errors, context } = await app.freshPage();
  await openRuleset(page, TRAINING);
  await assertAccessible(page, 'training ruleset');

  await field(page, TRAINING.items['1/1.3']).fill('5,5');
  await field(page, TRAINING.items['1/1.1']).selectOption({ label: 'Có' });
  await field(page, TRAINING.items['2/2.5']).fill('9');
  await field(page, TRAINING.items['5']).fill('8,5');
  const why = resultsRegion(page).getByRole('button', { name: 'Vì sao? — Tổng điểm', exact: true });
  await why.click();
  assert.equal(await why.getAttribute('aria-expanded'), 'true');
  await page.locator('#why-total-panel').waitFor();
  await screenshot(page, 'tap-huan-vi-sao.png', { at: page.locator('[data-key="1"]') });
  await assertAccessible(page, 'training, "Vì sao?" open');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: the export checklist', async () => {
  const { page, errors, context } = await app.freshPage();
  await daklakField(page, 1).fill('42');
  await daklakField(page, 5).fill('1');
  await field(page, AGENCY.name).fill('Sở Nội vụ');
  await field(page, AGENCY.year).fill('2025');
  await openExportChecklist(page);
  await screenshot(page, 'xuat-tep-kiem-tra.png');
  await assertAccessible(page, 'export checklist');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: the drafts panel opened', async () => {
  const { page, errors, context } = await app.freshPage();
  await daklakField(page, 1).fill('42');
  await field(page, AGENCY.name).fill('Sở Nội vụ');
  const summary = page.locator('details.drafts > summary');
  await page.getByText('Bản nháp (1)', { exact: true }).waitFor();
  await summary.click();
  assert.equal(await page.locator('details.drafts').evaluate((d) => d.open), true);
  await assertAccessible(page, 'drafts panel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: a portal link to a ruleset the site does not have (the notice)', async () => {
  const { page, errors, context } = await app.freshPage();
  await page.goto(app.url('?bo=khong-co'));
  await page.getByRole('alert').filter({ hasText: 'Liên kết mở trang này' }).waitFor();
  await assertAccessible(page, 'bad link notice');
  // start.js asked for rulesets/khong-co.json beside the index (public/start.js): its 404 is expected.
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await context.close();
});

test('a11y: the printed sheet, previewed on screen', async () => {
  const { page, errors, context } = await app.freshPage();
  await enterWorkedExample(page);
  await page.getByRole('button', { name: 'Biểu tổng hợp để in', exact: true }).click();
  await page.locator('section.sheet').waitFor();
  await assertAccessible(page, 'sheet preview');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a11y: a 360 px phone', async () => {
  const { page, errors, context } = await app.freshPage({ viewport: { width: 360, height: 740 } });
  await enterWorkedExample(page);
  await screenshot(page, 'dien-thoai-360.png', { at: resultsRegion(page), width: 360, height: 740 });
  await assertAccessible(page, '360 px');
  await openRuleset(page, TRAINING);
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
  const { page, errors, context } = await app.freshPage();
  await rulesetPicker(page).focus();
  const toFirst = await tabStops(page, 60, (s) => s.name === DAKLAK.items[1]);
  assert.equal(toFirst.at(-1)?.name, DAKLAK.items[1], `Tab reaches "${DAKLAK.items[1]}":\n${toFirst.map((s) => `${s.tag} ${s.name}`).join('\n')}`);
  // 20 today (language, drafts, the five buttons, the results' "Vì sao?",
  // agency details, the condition): a loose bound, against a trap or a detour.
  assert.ok(toFirst.length <= 40, `${toFirst.length} Tab presses to the first score`);

  // The rest of the page, to the end; then the training ruleset's richer form.
  const stops = [...toFirst, ...(await tabStops(page, 200))];
  await openRuleset(page, TRAINING);
  await rulesetPicker(page).focus();
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
  const { page, errors, context } = await app.freshPage();
  await rulesetPicker(page).focus();
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
  const { page, errors, context } = await app.freshPage({ viewport: { width: 360, height: 740 } });
  await openRuleset(page, TRAINING);
  const score = field(page, TRAINING.items['1/1.3']);
  const before = await score.boundingBox();
  await score.fill('5,5');
  const warn = page.locator('[data-key="1/1.3"] .warn');
  await warn.waitFor();
  const after = await score.boundingBox();
  assert.equal(after.width, before.width, 'the field keeps its width');
  assert.equal(after.width, 128, 'its full 8rem');
  assert.ok((await warn.boundingBox()).y >= after.y + after.height, 'the warning is below the field, not beside it');
  // A list beside a warning shown from the start (evidence always needed) is not squeezed either.
  const list = field(page, TRAINING.items['1/1.1']);
  await list.selectOption({ label: 'Có' });
  assert.ok((await list.boundingBox()).width >= 120, `the list is ${(await list.boundingBox()).width} px wide`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('360 px: no sideways scrolling, the drafts panel open (WCAG 1.4.10)', async () => {
  const { page, errors, context } = await app.freshPage({ viewport: { width: 360, height: 740 } });
  await daklakField(page, 1).fill('42');
  await page.getByText('Bản nháp (1)', { exact: true }).waitFor();
  await page.locator('details.drafts > summary').click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
  assert.deepEqual(errors, []);
  await context.close();
});
