// Turns the benchmark harness's neutral tree (forms/tree-N.json, written by ../shared/bench/gen-form.mjs)
// into a Chấm điểm ruleset (format cham-diem/ruleset 1) and registers it in a built site's
// rulesets/index.json, so that the app opens it with ?bo=<id>.
//
//   node bench/gen-ruleset.mjs TREE.json SITE_DIR [--id sinh-tu-dong-2000]
//
// areas → sections ("1"), criteria → criteria ("1.1"), items → sub-criteria ("1.1.1"); each item's max
// and step as in the tree; every group's max is the sum of its parts (exact: computed in hundredths);
// classification and its condition copied from the bundled Đắk Lắk 2025 Chỉ số 01 ruleset.
// Only the built copy of the site is touched, never the repository's rulesets/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const idIdx = args.indexOf('--id');
const idArg = idIdx >= 0 ? args.splice(idIdx, 2)[1] : undefined;
const [treePath, site] = args;
if (!treePath || !site) throw new Error('usage: node gen-ruleset.mjs TREE.json SITE_DIR [--id ID]');
const tree = JSON.parse(readFileSync(treePath, 'utf8'));
const id = idArg ?? `sinh-tu-dong-${tree.leaf_count}`;

// Decimal strings in hundredths, exactly ("0.5" → 50, 150 → "1.5").
const toH = (s) => {
  const [i, f = ''] = String(s).split('.');
  if (!/^\d+$/.test(i) || !/^\d{0,2}$/.test(f)) throw new Error(`unexpected decimal ${s}`);
  return Number(i) * 100 + Number(f.padEnd(2, '0'));
};
const fromH = (h) => {
  const i = Math.floor(h / 100), f = String(h % 100).padStart(2, '0').replace(/0+$/, '');
  return f ? `${i}.${f}` : String(i);
};

let total = 0;
const sections = tree.areas.map((a, ai) => {
  let areaMax = 0;
  const children = a.criteria.map((c, ci) => {
    let critMax = 0;
    const items = c.items.map((it, ii) => {
      critMax += toH(it.max);
      return { code: `${ai + 1}.${ci + 1}.${ii + 1}`, title: it.title, max: fromH(toH(it.max)), step: fromH(toH(it.step)) };
    });
    areaMax += critMax;
    return { code: `${ai + 1}.${ci + 1}`, title: c.title, max: fromH(critMax), children: items };
  });
  total += areaMax;
  return { code: String(ai + 1), title: a.title, max: fromH(areaMax), children };
});
if (total !== toH(tree.max_total)) throw new Error(`sum ${fromH(total)} differs from the tree's max_total ${tree.max_total}`);

const rulesets = join(site, 'rulesets');
const daklak = JSON.parse(readFileSync(join(rulesets, 'daklak-2025-chi-so-01.json'), 'utf8'));
const cls = daklak.classifications.find((c) => c.id === 'chat_luong');
if (!cls) throw new Error('daklak-2025-chi-so-01.json has no classification "chat_luong"');
const usedConditions = new Set(cls.levels.flatMap((l) => (l.requires ?? []).map((r) => r.condition)));

const today = new Date();
const dmy = [today.getDate(), today.getMonth() + 1].map((x) => String(x).padStart(2, '0')).join('/') + `/${today.getFullYear()}`;
const title = 'Bộ chỉ số sinh tự động để đo (không phải văn bản chính thức)';
const ruleset = {
  format: 'cham-diem/ruleset',
  format_version: 1,
  id,
  version: '1',
  title,
  short_title: `${title} — ${tree.leaf_count} mục`,
  illustrative: true,
  source: {
    document: 'Không có — bộ chỉ số sinh tự động bằng bench/gen-ruleset.mjs',
    date: dmy,
    issuer: 'Nhóm phát triển Chấm điểm',
    title: `Dùng để đo hiệu năng: ${tree.areas.length} lĩnh vực, ${tree.leaf_count} tiêu chí thành phần`,
  },
  not_verified: ['Toàn bộ tiêu chí và điểm số trong bộ này được sinh tự động để đo, không lấy từ văn bản chính thức nào; cách xếp loại lấy theo Bộ Chỉ số 01 của tỉnh Đắk Lắk năm 2025.'],
  max_total: fromH(total),
  sections,
  conditions: daklak.conditions.filter((c) => usedConditions.has(c.id)),
  classifications: [cls],
};
writeFileSync(join(rulesets, `${id}.json`), JSON.stringify(ruleset) + '\n'); // compact, as deployed

const indexPath = join(rulesets, 'index.json');
const index = JSON.parse(readFileSync(indexPath, 'utf8'));
index.rulesets = index.rulesets.filter((r) => r.id !== id);
index.rulesets.push({ id, file: `${id}.json`, title: ruleset.short_title });
writeFileSync(indexPath, JSON.stringify(index, null, 2) + '\n');
console.log(`wrote ${join(rulesets, `${id}.json`)} (${tree.leaf_count} items, max ${fromH(total)}) and added it to ${indexPath}`);
