// The training ruleset in the page: every rule type is scored by typing or
// choosing, by accessible label, and the page shows exactly what the
// command-line `score` prints for the same entries.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setUp, resultsText, openRuleset, enterTraining, chamdiemScore, assertShowsResults, TRAINING } from './harness.mjs';

const app = setUp({ console: false, tmp: 'chamdiem-training-' });

// TRAINING.inputs drives both the page (enterTraining) and the ENTRIES file.
function entriesFile() {
  const entries = {};
  for (const i of TRAINING.inputs) {
    if (i.kind === 'na') entries[i.key] = { not_applicable: true };
    else if (i.kind === 'pair') entries[i.key] = { value: i.value, of: i.of };
    else entries[i.key] = { value: i.value ?? i.option };
  }
  const conditions = Object.fromEntries(TRAINING.answers.map((a) => [a.id, a.answer]));
  return { format: 'cham-diem/entries', format_version: 1, ruleset: { id: TRAINING.id, version: '1' }, entries, conditions };
}

function score(entries) {
  const file = path.join(app.tmp, 'entries.json');
  fs.writeFileSync(file, JSON.stringify(entries, null, 2));
  return chamdiemScore(TRAINING.id, file);
}

test('training ruleset: every rule type scored in the page equals `chamdiem score`', async () => {
  const { page, errors, context } = await app.freshPage();
  await openRuleset(page, TRAINING);
  await enterTraining(page);

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
  const text = await resultsText(page);
  assertShowsResults(text, expected);
  assert.match(text, /Kết quả đầy đủ/);

  // The veto forces the lowest level, whatever the points.
  await page.getByRole('group', { name: TRAINING.answers[1].question }).getByLabel('Có', { exact: true }).check();
  assert.match(await resultsText(page), /Xếp «Không hoàn thành nhiệm vụ» bất kể điểm số/);
  assert.deepEqual(errors, []);
  await context.close();
});
