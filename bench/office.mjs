// The office page's benchmark (issue 14): N four-stage dossiers of a generated ruleset given at once to
// tong-hop/ in fresh headless Chromium, opened, verified and ranked; how long, how much memory, and whether
// the progress bar moved. Not a test: scripts/test.sh and CI never run it. See bench/README.md.
//
//   node bench/office.mjs [--reps 3] [--n 250] [--n-large 250] [--cases 200,2000] [--build]
//                         [--max-busy 0.2] [--max-wait 120] [--timeout 600] [--site DIR] [--no-write]
//
// Needs the release site in bench/build/site, as `node bench/run.mjs` builds it (`bash scripts/build.sh /` of a
// commit, see run.mjs); `--build` builds it first through `node bench/run.mjs --targets chamdiem-bundled --reps 1
// --no-write` (that also measures the bundled ruleset once, and writes nothing). `--site DIR` measures another copy
// of the site instead (e.g. bench/build/site-prof, see office-profile.mjs, or one whose office wasm was built otherwise).
//
// For each case (200 = 2 areas, 2,000 = 20 areas of 10 × 10 sub-criteria):
//   1. `cargo run --release --example office_files` in bench/core-throughput (its own target dir: CARGO_TARGET_DIR
//      if set, else bench/build/target-office) writes the generated ruleset and the dossiers, made on that exact
//      file and each verified, into bench/build/office/; the ruleset is copied into the built site's rulesets/ and
//      registered in its index.json (as gen-ruleset.mjs does; the repository's rulesets/ are never touched);
//   2. the site is served on 127.0.0.1; --reps times, each after waiting for an idle CPU (as run.mjs does), in a
//      fresh Chromium: /tong-hop/ opened (service workers blocked: the first visit's precache would run during
//      the measurement), the generated ruleset chosen in "Tổng hợp theo bộ chỉ số", then every file given at
//      once to "Chọn tệp hồ sơ (.json)" (Playwright's setInputFiles), until the ranked table
//      ("Bảng xếp hạng — …") has a row per file, every one ranked.
// Measured in the page (an init script; performance.now()):
//   after_read_ms   from the last file's bytes read (the last File.arrayBuffer() resolved) to the table's rows
//                   all in the DOM — the issue's "after the files are read" (target ≤ 1,500 ms at 200 items);
//   to_frame_ms     the same, on to the end of the next animation frame (the table rendered);
//   total_ms        from the input's change event to the table's rows in the DOM (reading included);
//   read_ms         from the change event to the last file read;
//   longest_task_ms the longest main-thread task (PerformanceObserver "longtask", ≥ 50 ms): how long the page
//                   was frozen at once;
//   progress        the values of the progress bar ("Đang đọc và kiểm tra tệp") seen in the DOM (a MutationObserver) and at
//                   animation frames (what could be painted); moving = at least 2 different values seen; and the
//                   last frame that showed it (its value, how long before the rows: the page stays on it, frozen);
//   memory          after the table: CDP Runtime.getHeapUsage (JS heap used; backing stores = array buffers,
//                   the wasm memory among them) without and after a forced GC, and the wasm linear memory's size
//                   (which never shrinks: the peak) — the target ≤ 200 MB is judged on the JS heap used, and
//                   said with the wasm memory added.
// Prints a markdown section (medians and min–max over the reps) and, unless --no-write, appends every run as
// a JSON line to bench/results/DATE-office.jsonl.
import { quietWaiter } from './quiet.mjs';
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './measure.mjs';
import { median, fmt } from './stats.mjs';

const BENCH = dirname(new URL(import.meta.url).pathname);
const REPO = resolve(BENCH, '..');
const BUILD = join(BENCH, 'build');
let SITE = join(BUILD, 'site');
const OUT = join(BUILD, 'office');
const CRATE = join(BENCH, 'core-throughput');

// ---------- options ----------
const argv = process.argv.slice(2);
const flag = (name) => { const i = argv.indexOf(`--${name}`); if (i >= 0) argv.splice(i, 1); return i >= 0; };
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv.splice(i, 2)[1] : dflt; };
const build = flag('build'), noWrite = flag('no-write');
const reps = Number(opt('reps', 3)), n = Number(opt('n', 250)), nLarge = Number(opt('n-large', n));
const cases = opt('cases', '200,2000').split(',').map(Number);
const maxBusy = Number(opt('max-busy', 0.2)), maxWait = Number(opt('max-wait', 120));
const timeoutS = Number(opt('timeout', 600));
const siteArg = opt('site', null);
if (siteArg) SITE = resolve(siteArg);
if (argv.length) throw new Error(`unknown arguments: ${argv.join(' ')} (see the header of bench/office.mjs)`);
if (!(reps >= 1) || !(n >= 1) || !(nLarge >= 1)) throw new Error('--reps, --n and --n-large must be at least 1');
for (const c of cases) if (!(c >= 100 && c % 100 === 0)) throw new Error(`--cases: item counts, multiples of 100 (got ${c})`);

const say = (s) => console.error(`[office] ${s}`);
const t0 = Date.now();

const waitQuiet = quietWaiter({ maxBusy, maxWait, say });

// ---------- the site ----------
if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: run scripts/setup.sh');
if (build) {
  say('building the site through bench/run.mjs (--targets chamdiem-bundled --reps 1 --no-write)');
  execFileSync(process.execPath, [join(BENCH, 'run.mjs'), '--targets', 'chamdiem-bundled', '--reps', '1', '--no-write'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!existsSync(join(SITE, 'tong-hop', 'index.html'))) {
  throw new Error(`no office page in ${SITE}/tong-hop: build the site first (node bench/office.mjs --build, or node bench/run.mjs)`);
}

// ---------- the files ----------
const env = { ...process.env, PATH: [join(process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo'), 'bin'), process.env.PATH].join(':') };
if (!env.CARGO_TARGET_DIR) env.CARGO_TARGET_DIR = join(BUILD, 'target-office');
const made = {};
for (const items of cases) {
  const count = items >= 1000 ? nLarge : n;
  say(`writing ${count} four-stage dossiers on the generated ${items}-item ruleset (cargo run --release --example office_files)`);
  const line = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'office_files', '--', '--areas', String(items / 100), '--n', String(count), '--out', OUT],
    { cwd: CRATE, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const m = JSON.parse(line.trim().split('\n').at(-1));
  m.paths = readdirSync(m.dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(m.dir, f));
  if (m.paths.length !== count) throw new Error(`${m.dir}: ${m.paths.length} files, expected ${count}`);
  made[items] = m;
  say(`${m.id}: ${count} files, ${(m.bytes / 1e6).toFixed(1)} MB; made in ${m.made_s.toFixed(1)} s; natively consolidated in ${(m.native_consolidate_s * 1000).toFixed(0)} ms`);
  // Into the built site only, registered in its index (as gen-ruleset.mjs).
  const rulesets = join(SITE, 'rulesets');
  copyFileSync(m.ruleset, join(rulesets, `${m.id}.json`));
  const rs = JSON.parse(readFileSync(m.ruleset, 'utf8'));
  const indexPath = join(rulesets, 'index.json');
  const index = JSON.parse(readFileSync(indexPath, 'utf8'));
  index.rulesets = index.rulesets.filter((r) => r.id !== m.id);
  index.rulesets.push({ id: m.id, file: `${m.id}.json`, title: `${rs.title} — ${m.items} mục` });
  writeFileSync(indexPath, JSON.stringify(index, null, 2) + '\n');
}

// ---------- the page's instrumentation (runs before the page's scripts) ----------
function instrument() {
  const b = (window.__office = { reads: [], progressDom: [], progressFrames: [], longtasks: [], change: null, rowsDom: null, frame: null, memory: null });
  // The wasm instance's memory, to read its size at the end.
  for (const k of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[k];
    WebAssembly[k] = async function (...args) {
      const r = await orig.apply(this, args);
      const mem = (r.instance ?? r)?.exports?.memory;
      if (mem && (!b.memory || r.instance)) b.memory = mem;
      return r;
    };
  }
  // Every file's bytes read (the page reads each with File.arrayBuffer()).
  const ab = Blob.prototype.arrayBuffer;
  Blob.prototype.arrayBuffer = function () {
    const start = performance.now(), size = this.size;
    return ab.call(this).then((x) => { b.reads.push([start, performance.now(), size]); return x; });
  };
  document.addEventListener('change', (e) => { if (e.target?.id === 'office-files') b.change = performance.now(); }, true);
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longtasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch { /* no longtask entries in this browser */ }
  const progress = () => document.querySelector('progress[aria-label="Đang đọc và kiểm tra tệp"]');
  const check = () => {
    const p = progress();
    if (p) b.progressDom.push([performance.now(), p.getAttribute('value'), p.getAttribute('max')]);
    const want = b.want;
    if (want && b.rowsDom == null) {
      const body = document.querySelector('table.ranked tbody');
      if (body && body.rows.length >= want) {
        b.rowsDom = performance.now();
        // The frame that shows it, and a task after it.
        requestAnimationFrame(() => setTimeout(() => { b.frame = performance.now(); }, 0));
      }
    }
  };
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    const frame = () => {
      const p = progress();
      if (p) b.progressFrames.push([performance.now(), p.getAttribute('value')]);
      if (b.frame == null) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
}

// ---------- one run ----------
const { serve } = await import(existsSync(join(BUILD, 'harness/serve.mjs')) ? join(BUILD, 'harness/serve.mjs')
  : join(resolve(process.env.BENCH_SHARED ?? join(REPO, '../shared/bench')), 'serve.mjs'));
const server = await serve(SITE);
const base = `http://127.0.0.1:${server.address().port}`;

const r1 = (x) => x == null ? null : Math.round(x * 10) / 10;
async function run(m) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    await page.addInitScript(instrument);
    await page.goto(`${base}/tong-hop/`);
    // Every ruleset of the site fetched and loaded: ours among the options; then chosen.
    await page.locator(`#office-ruleset option[value="${m.id}"]`).waitFor({ state: 'attached', timeout: 120_000 });
    await page.selectOption('#office-ruleset', m.id);
    await page.waitForFunction((id) => document.getElementById('office-ruleset')?.value === id, m.id);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const before = await cdp.send('Runtime.getHeapUsage');
    await page.evaluate((want) => { window.__office.want = want; }, m.paths.length);
    const input = page.getByLabel('Chọn tệp hồ sơ (.json)', { exact: true });
    const wall0 = Date.now();
    await input.setInputFiles(m.paths);
    await page.waitForFunction(() => window.__office.frame != null, null, { timeout: timeoutS * 1000, polling: 250 });
    const wall = Date.now() - wall0;
    const heap = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapGc = await cdp.send('Runtime.getHeapUsage');
    const b = await page.evaluate(() => {
      const o = window.__office;
      return { ...o, memory: undefined, wasm_memory_bytes: o.memory?.buffer?.byteLength ?? null };
    });
    // What a reader sees: the ranked table named "Bảng xếp hạng — …", a row per file, every one ranked.
    const table = page.getByRole('table', { name: /^Bảng xếp hạng — / });
    const ranks = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[0].innerText.trim()));
    const refused = await page.locator('#refused-h').count();
    if (ranks.length !== m.paths.length || ranks.some((r) => !/^\d+$/.test(r)) || refused) {
      throw new Error(`the table has ${ranks.length} rows (${ranks.filter((r) => /^\d+$/.test(r)).length} ranked), ${refused ? 'files refused' : 'none refused'}; expected ${m.paths.length} ranked`);
    }
    const lastRead = Math.max(...b.reads.map((r) => r[1]));
    const values = (xs) => [...new Set(xs.map((x) => x[1]))];
    const during = b.longtasks.filter(([s, d]) => s + d >= b.change);
    return {
      items: m.items, files: m.paths.length, bytes: m.bytes,
      after_read_ms: r1(b.rowsDom - lastRead),
      to_frame_ms: r1(b.frame - lastRead),
      total_ms: r1(b.rowsDom - b.change),
      read_ms: r1(lastRead - b.change),
      wall_ms: wall,
      files_read: b.reads.length,
      longest_task_ms: r1(Math.max(0, ...during.map(([, d]) => d))),
      long_tasks: during.map(([s, d]) => [r1(s - b.change), r1(d)]),
      progress_values_dom: values(b.progressDom),
      progress_values_frames: values(b.progressFrames),
      progress_max: b.progressDom[0]?.[2] ?? null,
      // The last frame that showed the bar: its value, and how long before the table's rows it was (the page
      // shows that frame, frozen, while it verifies and ranks).
      progress_last_frame_value: b.progressFrames.at(-1)?.[1] ?? null,
      progress_last_frame_before_rows_ms: b.progressFrames.length ? r1(b.rowsDom - b.progressFrames.at(-1)[0]) : null,
      js_heap_used_before_bytes: before.usedSize,
      js_heap_used_bytes: heap.usedSize,
      js_heap_used_after_gc_bytes: heapGc.usedSize,
      backing_store_bytes: heap.backingStorageSize,
      wasm_memory_bytes: b.wasm_memory_bytes,
      chromium: browser.version(),
      page_errors: errors,
    };
  } finally {
    await browser.close();
  }
}

// ---------- measure ----------
const date = new Date().toISOString();
const day = date.slice(0, 10);
const results = [];
const rawLog = join(BENCH, 'results', `${day}-office.jsonl`);
try {
  for (let rep = 1; rep <= reps; rep++) {
    for (const items of cases) {
      const m = made[items];
      const quiet = await waitQuiet();
      const r = { rep, date: new Date().toISOString(), ruleset: m.id, cpu_busy_before: quiet, ...(await run(m)) };
      results.push(r);
      if (!noWrite) { mkdirSync(dirname(rawLog), { recursive: true }); appendFileSync(rawLog, JSON.stringify(r) + '\n'); }
      say(`${m.id} rep ${rep}: ${r.files} files; after read ${r.after_read_ms} ms (frame ${r.to_frame_ms}), total ${r.total_ms} ms, ` +
        `read ${r.read_ms} ms, longest task ${r.longest_task_ms} ms; heap ${(r.js_heap_used_bytes / 1e6).toFixed(1)} MB ` +
        `(after GC ${(r.js_heap_used_after_gc_bytes / 1e6).toFixed(1)}), wasm ${(r.wasm_memory_bytes / 1e6).toFixed(1)} MB; ` +
        `progress ${r.progress_values_dom.length} values in the DOM, ${r.progress_values_frames.length} at frames, ` +
        `the last ${r.progress_last_frame_value}/${r.progress_max} ${r.progress_last_frame_before_rows_ms} ms before the rows (CPU ${Math.round((quiet ?? 0) * 100)} % busy before)` +
        (r.page_errors.length ? `; page errors: ${r.page_errors.join(' | ')}` : ''));
    }
  }
} finally {
  server.close();
}

// ---------- report ----------
const mb = (x) => x / 1e6;
const lines = [];
const cpu = cpus()[0]?.model?.trim();
lines.push(`## ${date.slice(0, 16).replace('T', ' ')} UTC — office page, ${cases.map((c) => `${made[c].files} × ${c} items`).join(', ')}`, '');
lines.push(`Machine: ${cpus().length} CPU (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, no GPU; Chromium ${results[0]?.chromium}, headless, ` +
  `service workers blocked; Node ${process.version}; ${reps} fresh-browser runs per case; medians with (min–max). ` +
  `CPU busy in the 2 s before each run (%): ${fmt(results.map((r) => (r.cpu_busy_before ?? 0) * 100))}. ` +
  `Command: \`node bench/office.mjs${reps !== 3 ? ` --reps ${reps}` : ''}${n !== 250 ? ` --n ${n}` : ''}${nLarge !== n ? ` --n-large ${nLarge}` : ''}` +
  `${cases.join(',') !== '200,2000' ? ` --cases ${cases.join(',')}` : ''}${siteArg ? ` --site ${siteArg}` : ''}\`.`, '');
const cols = [
  ['files', (r) => r.files, 0], ['MB of files', (r) => mb(r.bytes), 1],
  ['after read ms', (r) => r.after_read_ms, 0], ['to frame ms', (r) => r.to_frame_ms, 0], ['total ms', (r) => r.total_ms, 0],
  ['reading ms', (r) => r.read_ms, 0], ['longest task ms', (r) => r.longest_task_ms, 0],
  ['JS heap MB', (r) => mb(r.js_heap_used_bytes), 1], ['after GC MB', (r) => mb(r.js_heap_used_after_gc_bytes), 1],
  ['wasm memory MB', (r) => mb(r.wasm_memory_bytes ?? 0), 1], ['progress values (DOM / frames)', null],
  ['bar last painted at', (r) => Number(r.progress_last_frame_value), 0], ['… ms before the rows', (r) => r.progress_last_frame_before_rows_ms, 0],
];
lines.push(`| ruleset | ${cols.map((c) => c[0]).join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
for (const items of cases) {
  const rs = results.filter((r) => r.items === items);
  const cells = cols.map(([, f, d]) => f ? fmt(rs.map(f), d) : fmt(rs.map((r) => r.progress_values_dom.length)) + ' / ' + fmt(rs.map((r) => r.progress_values_frames.length)));
  lines.push(`| ${made[items].id} | ${cells.join(' | ')} |`);
}
lines.push('');
const verdict = [];
const judge = (what, value, ok) => verdict.push(`| ${what} | ${value} | ${ok ? '**met**' : '**not met**'} |`);
const small = results.filter((r) => r.items === 200);
if (small.length) {
  const a = median(small.map((r) => r.after_read_ms)), h = median(small.map((r) => mb(r.js_heap_used_bytes)));
  const hw = median(small.map((r) => mb(r.js_heap_used_bytes + (r.wasm_memory_bytes ?? 0))));
  const moving = small.every((r) => r.progress_values_dom.length >= 2);
  judge(`${small[0].files} dossiers of 200 items ranked ≤ 1,5 s after the files are read`, `${Math.round(a)} ms`, a <= 1500);
  judge('JS heap ≤ 200 MB (used, at the table, no GC forced)', `${h.toFixed(1)} MB`, h <= 200);
  judge('… the same with the wasm memory added', `${hw.toFixed(1)} MB`, hw <= 200);
  judge('the progress bar moving (≥ 2 values seen, every run)', small.map((r) => `${r.progress_values_dom.length} (${r.progress_values_frames.length} at frames)`).join(', '), moving);
  lines.push('Targets (issue 14), on the medians:', '', '| target | measured | |', '|---|---|---|', ...verdict, '');
}
const section = lines.join('\n');
console.log(section);
if (!noWrite) say(`raw lines appended to ${rawLog}`);
say(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
