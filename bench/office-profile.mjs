// Where the office page's time goes: one run of bench/office.mjs's case with Chromium's sampling CPU
// profiler on, in a copy of the site whose office wasm keeps its function names. A diagnostic for
// bench/office-results.md, not a benchmark: the wasm profiled is not wasm-opt'ed (the same rustc output
// at the same opt-level, only not run through wasm-opt), so its times run a little above office.mjs's.
//
//   node bench/office-profile.mjs [--items 200] [--top 30]
//
// Needs what `node bench/run.mjs` (or `node bench/office.mjs --build`) and `node bench/office.mjs` leave in
// bench/build/: the site, the raw wasm of its build (build/target/wasm32-unknown-unknown/release/tong_hop.wasm,
// which has a name section) and the files (build/office/sinh-tu-dong-<items>/). Writes
// bench/build/site-prof/ (the site with tong-hop/'s wasm and glue remade by wasm-bindgen from the raw wasm,
// names kept, and the integrity attributes removed) and bench/build/office-<items>.cpuprofile (opens in
// Chromium's DevTools, Performance panel).
//
// Prints, over the window from the files given to the ranked table in the DOM: the time inclusive of selected
// functions (a sample counts once for each function on its stack), the top functions by inclusive and by
// self time.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './measure.mjs';

const BENCH = dirname(new URL(import.meta.url).pathname);
const BUILD = join(BENCH, 'build');
const SITE = join(BUILD, 'site'), PROF = join(BUILD, 'site-prof');
const RAW = join(BUILD, 'target/wasm32-unknown-unknown/release/tong_hop.wasm');
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv.splice(i, 2)[1] : dflt; };
const items = Number(opt('items', 200)), top = Number(opt('top', 30));
if (argv.length) throw new Error(`unknown arguments: ${argv.join(' ')}`);
const id = `sinh-tu-dong-${items}`;
const filesDir = join(BUILD, 'office', id);
for (const [p, what] of [[join(SITE, 'tong-hop/index.html'), 'the site (node bench/run.mjs)'], [RAW, 'the raw wasm of the site\'s build (node bench/run.mjs)'],
  [filesDir, `the files (node bench/office.mjs --cases ${items})`]]) {
  if (!existsSync(p)) throw new Error(`${p} missing: ${what}`);
}
const say = (s) => console.error(`[office-profile] ${s}`);

// ---------- the site, with names ----------
rmSync(PROF, { recursive: true, force: true });
cpSync(SITE, PROF, { recursive: true });
const glue = readdirSync(join(PROF, 'tong-hop')).find((f) => /^tong_hop-[0-9a-f]+\.js$/.test(f));
const outName = glue.replace(/\.js$/, '');
const tmp = join(BUILD, 'wasm-bindgen-prof');
rmSync(tmp, { recursive: true, force: true });
execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', outName, RAW], { stdio: 'inherit' });
for (const f of [`${outName}.js`, `${outName}_bg.wasm`]) cpSync(join(tmp, f), join(PROF, 'tong-hop', f));
const html = join(PROF, 'tong-hop/index.html');
writeFileSync(html, readFileSync(html, 'utf8').replace(/ integrity=[^ >]+/g, ''));
const index = JSON.parse(readFileSync(join(SITE, 'rulesets/index.json'), 'utf8'));
if (!index.rulesets.some((r) => r.id === id)) throw new Error(`${id} is not in the site's rulesets/index.json: run node bench/office.mjs first`);
const paths = readdirSync(filesDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(filesDir, f));

// ---------- one profiled run ----------
const { serve } = await import(join(BUILD, 'harness/serve.mjs'));
const server = await serve(PROF);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
let profile, windowMs;
try {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => say(`pageerror: ${e.message}`));
  await page.goto(`${base}/tong-hop/`);
  await page.locator(`#office-ruleset option[value="${id}"]`).waitFor({ state: 'attached', timeout: 120_000 });
  await page.selectOption('#office-ruleset', id);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t = Date.now();
  await page.getByLabel('Chọn tệp hồ sơ (.json)', { exact: true }).setInputFiles(paths);
  await page.waitForFunction((n) => (document.querySelector('table.ranked tbody')?.rows.length ?? 0) >= n, paths.length, { timeout: 900_000, polling: 100 });
  windowMs = Date.now() - t;
  ({ profile } = await cdp.send('Profiler.stop'));
} finally {
  await browser.close();
  server.close();
}
writeFileSync(join(BUILD, `office-${items}.cpuprofile`), JSON.stringify(profile));

// ---------- aggregate ----------
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const short = (n) => {
  const f = n.callFrame.functionName || `(anonymous ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
  return f.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
};
const self = new Map(), incl = new Map();
let total = 0;
profile.samples.forEach((leaf, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
  total += dt;
  const leafName = short(byId.get(leaf));
  self.set(leafName, (self.get(leafName) ?? 0) + dt);
  const seen = new Set();
  for (let id = leaf; id != null; id = parent.get(id)) seen.add(short(byId.get(id)));
  for (const name of seen) incl.set(name, (incl.get(name) ?? 0) + dt);
});
const ms = (x) => `${Math.round(x).toString().padStart(6)} ms`;
console.log(`${paths.length} files of ${id}; profiled ${Math.round(total)} ms (setInputFiles to the table's rows in the DOM: ${windowMs} ms wall)`);
const pick = [
  ['(idle)', 'idle'], ['(program)', 'the browser\'s own work (style, layout, paint, parsing, …)'], ['(garbage collector)', 'JS garbage collector'],
  ['cham_diem::office::Picked::new', 'reading: each file hashed (SHA-256) once read'],
  ['chamdiem_core::office::consolidate::consolidate_refs', 'office::consolidate, whole'],
  ['chamdiem_core::record::incoming::parse_incoming', '… parse_incoming (peek_format twice, then the typed parse)'],
  ['chamdiem_core::json::peek_format_within', '… peek_format (a whole parse to a Value), in all'], ['chamdiem_core::json::nesting_depth', '… nesting_depth (a scan of the text before each parse), in all'],
  ['chamdiem_core::record::dossier::replay', '… replay, in all'], ['chamdiem_core::record::verify::computed_differences', '… computed_differences (verify_dossier)'],
  ['chamdiem_core::record::dossier::seal', '… seal, in all'], ['chamdiem_core::record::dossier::Dossier::append', '… Dossier::append (the office\'s stage)'],
  ['chamdiem_core::ruleset::model::Ruleset::find', '… Ruleset::find, in all'], ['chamdiem_core::record::results::Results::of', '… Results::of, in all'],
  ['chamdiem_core::record::dossier::order_and_chain', '… order_and_chain (seals every stage: verification, and again in append)'],
  ['chamdiem_core::office::export::<impl chamdiem_core::office::consolidate::Group>::criterion_losses', 'view: Group::criterion_losses'],
  ['chamdiem_core::office::export::<impl chamdiem_core::office::consolidate::Group>::part_losses', 'view: Group::part_losses'],
  ['cham_diem::office::run', 'the memo: cham_diem::office::run (consolidate, with the roster and the others\' scores read)'],
  ['reactive_graph::effect::render_effect::RenderEffect', 'every render effect (the memo included)'],
  ['cham_diem::office::view::results', 'view: results (the table\'s nodes built, in all)'],
  ['<tachys::html::element::HtmlElement<E,At,Ch> as tachys::view::Render>::build', 'view: DOM elements built (tachys)'],
  ['cham_diem::office::Office::add_files', 'reading the files (add_files)'], ['cham_diem::office::Office::save', 'keeping the files in IndexedDB (save)'],
  ['sha2::sha256::compress256', 'SHA-256 blocks (files read, seals)'],
  ['dlmalloc', 'wasm allocator (malloc, free)'], ['memcpy', 'memcpy'], ['memcmp', 'memcmp'],
];
console.log('\nInclusive time of selected functions (names as the wasm name section has them):');
for (const [name, what] of pick) {
  // The largest of the names holding it (one function may have several instances).
  const v = [...incl.entries()].filter(([k]) => (name.startsWith('(') ? k === name : k.includes(name))).reduce((s, [, x]) => Math.max(s, x), 0);
  console.log(`${ms(v)}  ${what}  [${name}]`);
}
const list = (m, title) => {
  console.log(`\n${title}:`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)}  ${k.slice(0, 160)}`);
};
list(incl, `Top ${top} by inclusive time`);
list(self, `Top ${top} by self time`);
say(`profile written to ${join(BUILD, `office-${items}.cpuprofile`)}`);
