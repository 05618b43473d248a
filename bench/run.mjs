// Chấm điểm benchmark, one command: builds the release site, generates the 2,000-item form, and measures,
// interleaved in fresh headless Chromium instances on this machine,
//   chamdiem   the app on a generated ruleset of 2,000 items (20 areas × 10 criteria × 10 sub-criteria)
//   surveyjs   the same form in SurveyJS            (../shared/bench/surveyjs)
//   vanilla    the same form in plain DOM, a floor  (../shared/bench/vanilla)
//   chamdiem-bundled   the app on the largest bundled ruleset (load only: bytes, time to interactive)
// then appends a dated table to docs/bench-results.md and the raw JSON lines to bench/results/DATE.jsonl.
//
//   node bench/run.mjs [--reps 3] [--runs 50] [--rev HEAD | --worktree] [--no-build]
//                      [--targets chamdiem,surveyjs,vanilla,chamdiem-bundled] [--no-write]
//                      [--max-busy 0.2] [--max-wait 120]
//
// --rev REV     build that commit (default HEAD), exported with `git archive` into bench/build/src, with its
//               own cargo target dir (bench/build/target): the work tree and its target/ are not touched.
// --worktree    build the work tree as it is instead (uncommitted changes included; shares target/).
// --no-build    measure the site already in bench/build/site.
// --no-write    print the table only; leave docs/ and bench/results/ alone.
// --max-busy F, --max-wait S   before each run, wait (at most S seconds) until the machine's CPUs were at
//               most F busy (0.2 = 20 % of all cores) over 2 s, so that a build or test run elsewhere on the
//               machine does not land in the figures; the busy fraction seen is recorded with each run.
// Installs only what is missing: the shared harness's npm packages (in a copy, bench/build/harness/),
// and, through scripts/setup.sh, the app's own toolchain. See bench/README.md.
import { quietWaiter } from './quiet.mjs';
import { execFileSync, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const BENCH = dirname(new URL(import.meta.url).pathname);
const REPO = resolve(BENCH, '..');
const SHARED = resolve(process.env.BENCH_SHARED ?? join(REPO, '../shared/bench'));
const BUILD = join(BENCH, 'build');
const HARNESS = join(BUILD, 'harness');
const SITE = join(BUILD, 'site');
// The shared measure.mjs that bench/measure.mjs was copied from (see its header).
const MEASURE_UPSTREAM_SHA256 = '17a0a333fdea089cfaea5afc62c3bfdaa20523bc28d17e054570f45f058bab0e';
const N = 2000;
const GEN_ID = `sinh-tu-dong-${N}`;

// ---------- options ----------
const argv = process.argv.slice(2);
const flag = (name) => { const i = argv.indexOf(`--${name}`); if (i >= 0) argv.splice(i, 1); return i >= 0; };
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv.splice(i, 2)[1] : dflt; };
const worktree = flag('worktree'), noBuild = flag('no-build'), noWrite = flag('no-write');
const reps = Number(opt('reps', 3)), runs = Number(opt('runs', 50)), rev = opt('rev', 'HEAD');
const maxBusy = Number(opt('max-busy', 0.2)), maxWait = Number(opt('max-wait', 120));
const targets = opt('targets', 'chamdiem,surveyjs,vanilla,chamdiem-bundled').split(',');
if (argv.length) throw new Error(`unknown arguments: ${argv.join(' ')} (see the header of bench/run.mjs)`);
if (!(reps >= 1) || !(runs >= 1)) throw new Error('--reps and --runs must be at least 1');

const say = (s) => console.error(`[bench] ${s}`);
const sh = (cmd, args, o = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...o });
const out = (cmd, args, o = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...o }).trim();
const sha256 = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
const env = { ...process.env, PATH: [join(REPO, 'node_modules/.bin'), join(process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo'), 'bin'), process.env.PATH].join(':') };
const has = (cmd) => { try { execFileSync('sh', ['-c', `command -v ${cmd}`], { env, stdio: 'ignore' }); return true; } catch { return false; } };
const t0 = Date.now();

const waitQuiet = quietWaiter({ maxBusy, maxWait, say });

// ---------- 1. what is needed, installed only when missing ----------
if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: run scripts/setup.sh (it installs Debian\'s chromium)');
if (!existsSync(SHARED + '/measure.mjs')) throw new Error(`no benchmark harness at ${SHARED} (set BENCH_SHARED to its folder)`);
if (!noBuild && (!existsSync(join(REPO, 'node_modules/playwright-core')) || !has('trunk') || !has('wasm-bindgen') || !has('wasm-opt'))) {
  say('the app\'s toolchain or node_modules is missing: running scripts/setup.sh (installs only what is missing)');
  sh('bash', [join(REPO, 'scripts/setup.sh')], { env });
} else if (!existsSync(join(REPO, 'node_modules/playwright-core'))) {
  say('node_modules missing: npm ci'); sh('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REPO, env });
}
if (sha256(join(SHARED, 'measure.mjs')) !== MEASURE_UPSTREAM_SHA256) {
  say(`WARNING: ${SHARED}/measure.mjs has changed since bench/measure.mjs was copied from it; compare them`);
}

// The shared harness is copied, not used in place: shared/ stays untouched (it may be read-only), and its
// node_modules, forms and SurveyJS site live in bench/build/harness/.
mkdirSync(HARNESS, { recursive: true });
for (const f of ['package.json', 'package-lock.json', 'gen-form.mjs', 'serve.mjs', 'surveyjs/index.html', 'surveyjs/build.mjs', 'vanilla/index.html']) {
  mkdirSync(dirname(join(HARNESS, f)), { recursive: true });
  rmSync(join(HARNESS, f), { force: true }); // shared/'s files may be read-only, and so their copies
  writeFileSync(join(HARNESS, f), readFileSync(join(SHARED, f)));
}
const lockStamp = join(HARNESS, 'node_modules/.bench-lock-sha256');
const lockSha = sha256(join(HARNESS, 'package-lock.json'));
if (!existsSync(lockStamp) || readFileSync(lockStamp, 'utf8') !== lockSha) {
  say('harness packages missing or out of date: npm ci (playwright-core, survey-core, survey-js-ui)');
  sh('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HARNESS, env });
  writeFileSync(lockStamp, lockSha);
}
sh(process.execPath, ['gen-form.mjs', String(N)], { cwd: HARNESS, stdio: ['ignore', 'ignore', 'inherit'] });
sh(process.execPath, ['surveyjs/build.mjs'], { cwd: HARNESS, stdio: ['ignore', 'ignore', 'inherit'] });

// ---------- 2. the app's release site ----------
let commit, described;
if (worktree) {
  commit = out('git', ['rev-parse', 'HEAD'], { cwd: REPO });
  described = out('git', ['describe', '--always', '--dirty', '--abbrev=7'], { cwd: REPO }) + ' (work tree)';
} else {
  commit = out('git', ['rev-parse', `${rev}^{commit}`], { cwd: REPO });
  described = commit.slice(0, 7);
}
if (!noBuild) {
  const started = Date.now();
  let src = REPO, targetDir = {};
  if (!worktree) {
    src = join(BUILD, 'src');
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    // The same commit always extracts with the same mtimes, so cargo rebuilds only what changed.
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C '${src}'`], { cwd: REPO, stdio: 'inherit' });
    targetDir = { CARGO_TARGET_DIR: join(BUILD, 'target') };
  }
  // What a portal publishes: scripts/build.sh (minified, as shipped) where the commit has it;
  // before it existed, the plain Trunk build those figures were taken with.
  const buildScript = existsSync(join(src, 'scripts/build.sh'));
  say(`building the release site of ${described} into ${SITE} (${buildScript ? 'scripts/build.sh' : 'trunk build --release'}; the first build takes ~5 min)`);
  rmSync(SITE, { recursive: true, force: true });
  const log = join(BUILD, 'trunk.log');
  try {
    const opts = { cwd: src, env: { ...env, ...targetDir, TRUNK_OFFLINE: 'true', NO_COLOR: 'true', CHAMDIEM_SETUP_DONE: '1' }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 };
    if (buildScript) {
      // The exported tree has no node_modules (wasm-opt, terser): the repository's serve.
      if (!existsSync(join(src, 'node_modules'))) symlinkSync(join(REPO, 'node_modules'), join(src, 'node_modules'));
      execFileSync('bash', ['scripts/build.sh', '/'], opts);
      cpSync(join(src, 'dist'), SITE, { recursive: true });
    } else {
      execFileSync('trunk', ['build', '--release', '--public-url', '/', '--dist', SITE], opts);
    }
  } catch (e) {
    writeFileSync(log, String(e.stdout ?? '') + String(e.stderr ?? ''));
    say(`trunk build failed; the end of ${log}:`);
    console.error(readFileSync(log, 'utf8').split('\n').slice(-30).join('\n'));
    process.exit(1);
  }
  say(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}
if (!existsSync(join(SITE, 'index.html'))) throw new Error(`no site in ${SITE}: run without --no-build`);

// The largest bundled ruleset: the one with the most scorable items (leaves), before ours is added.
const leaves = (nodes) => nodes.reduce((s, n) => s + (n.children?.length ? leaves(n.children) : 1), 0);
const bundledIndex = JSON.parse(readFileSync(join(SITE, 'rulesets/index.json'), 'utf8'));
const bundled = bundledIndex.rulesets.filter((r) => r.id !== GEN_ID)
  .map((r) => ({ id: r.id, items: leaves(JSON.parse(readFileSync(join(SITE, 'rulesets', r.file), 'utf8')).sections) }))
  .sort((a, b) => b.items - a.items || a.id.localeCompare(b.id));
const largest = bundled[0];
say(`largest bundled ruleset: ${largest.id} (${largest.items} items; then ${bundled.slice(1, 3).map((r) => `${r.id} ${r.items}`).join(', ')})`);
sh(process.execPath, [join(BENCH, 'gen-ruleset.mjs'), join(HARNESS, `forms/tree-${N}.json`), SITE, '--id', GEN_ID], { stdio: ['ignore', 'ignore', 'inherit'] });

// ---------- 3. measure, interleaved ----------
const { serve } = await import(join(HARNESS, 'serve.mjs'));
const TARGETS = {
  chamdiem: { root: SITE, n: N, path: `/?bo=${GEN_ID}`, input: '.item-entry input[type=text]', total: '.results dd.total',
    extra: ['--total-re', '^\\s*([\\d.,\\u2212-]+)'] },
  surveyjs: { root: join(HARNESS, 'surveyjs/site'), n: N, path: `/?n=${N}`,
    input: '[data-name] input[type=number]', total: '[data-name="total"] .sd-expression' },
  vanilla: { root: HARNESS, n: N, path: `/vanilla/?n=${N}`, input: 'input[type=number]', total: '#total' },
  // Load only (its items are not all plain numbers): the first score field and the total in the DOM.
  'chamdiem-bundled': { root: SITE, n: largest.items, ruleset: largest.id, path: `/?bo=${largest.id}`,
    input: '.item-entry input[type=text], .item-entry select', total: '.results dd.total', loadOnly: true },
};
for (const t of targets) if (!TARGETS[t]) throw new Error(`unknown target ${t}; known: ${Object.keys(TARGETS)}`);
const servers = new Map();
const base = async (root) => {
  if (!servers.has(root)) servers.set(root, await serve(root));
  return `http://127.0.0.1:${servers.get(root).address().port}`;
};

const date = new Date().toISOString();
const day = date.slice(0, 10);
mkdirSync(join(BENCH, 'results'), { recursive: true });
const rawLog = join(BENCH, 'results', `${day}.jsonl`);
const results = [];
for (let rep = 1; rep <= reps; rep++) {
  for (const name of targets) {
    const t = TARGETS[name];
    const url = (await base(t.root)) + t.path;
    const quiet = await waitQuiet();
    const args = [join(BENCH, 'measure.mjs'), url, '--input', t.input, '--total', t.total, '--runs', String(t.loadOnly ? 0 : runs), ...(t.extra ?? [])];
    let stdout;
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 26, timeout: 10 * 60_000, env }));
    } catch (e) {
      say(`${name} rep ${rep} FAILED: ${e.stderr || e.message}`);
      for (const s of servers.values()) s.close();
      process.exit(1);
    }
    const r = { target: name, n: t.n, ruleset: t.ruleset ?? (name.startsWith('chamdiem') ? GEN_ID : `tree-${N}`), rep, date: new Date().toISOString(),
      app_commit: commit, app_build: described, cpu_busy_before: quiet, loadavg_1m_before: Math.round(loadavg()[0] * 100) / 100, ...JSON.parse(stdout) };
    results.push(r);
    if (!noWrite) appendFileSync(rawLog, JSON.stringify(r) + '\n');
    say(`${name} rep ${rep}: ${(r.transfer_gzip_bytes / 1000).toFixed(1)} KB gzip, interactive ${r.interactive_ms} ms` +
      (r.keystroke_ms ? `, keystroke p50 ${r.keystroke_ms.p50} p95 ${r.keystroke_ms.p95} max ${r.keystroke_ms.max} ms, to-frame p50 ${r.keystroke_frame_ms.p50} ms` : '') +
      ` (CPU ${Math.round((quiet ?? 0) * 100)} % busy before)`);
  }
}
for (const s of servers.values()) s.close();

// ---------- 4. report ----------
const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (xs, d = 1) => {
  if (!xs.length || xs.some((x) => x == null)) return '—';
  const [m, lo, hi] = [median(xs), Math.min(...xs), Math.max(...xs)].map((x) => x.toFixed(d));
  return lo === hi ? m : `${m} (${lo}–${hi})`;
};
const of = (name) => results.filter((r) => r.target === name);
const med = (name, f) => { const rs = of(name).map(f).filter((x) => x != null); return rs.length ? median(rs) : null; };
const kb = (b) => (b / 1000).toFixed(1);
const file = (url) => { const u = new URL(url); return (u.pathname + u.search).replace(/^\//, '') || '/'; };

const cols = [
  ['items', (r) => r.n, 0], ['gzip KB', (r) => r.transfer_gzip_bytes / 1000, 1], ['raw KB', (r) => r.raw_bytes / 1000, 0],
  ['interactive ms', (r) => r.interactive_ms, 0], ['first paint ms', (r) => r.fcp_ms, 0],
  ['to-text p50 ms', (r) => r.keystroke_dom_ms?.p50, 1], ['keystroke p50 ms', (r) => r.keystroke_ms?.p50, 1], ['keystroke p95 ms', (r) => r.keystroke_ms?.p95, 1], ['keystroke max ms', (r) => r.keystroke_ms?.max, 1],
  ['to-frame p50 ms', (r) => r.keystroke_frame_ms?.p50, 1], ['to-frame p95 ms', (r) => r.keystroke_frame_ms?.p95, 1], ['to-frame max ms', (r) => r.keystroke_frame_ms?.max, 1],
  ['JS heap MB', (r) => r.js_heap_used_bytes / 1e6, 1], ['DOM elements', (r) => r.dom_elements, 0],
];
const label = (name) => name === 'chamdiem-bundled' ? `chamdiem (${largest.id})` : name === 'chamdiem' ? `chamdiem (${GEN_ID})` : name;
const lines = [];
lines.push(`## ${date.slice(0, 16).replace('T', ' ')} UTC — app ${described}`, '');
const ua = results[0]?.chromium;
const cpu = cpus()[0]?.model?.trim();
lines.push(`Machine: ${cpus().length} CPU (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, no GPU (software rendering); Chromium ${ua}, headless; Node ${process.version}; ` +
  `${reps} fresh-browser runs per target, interleaved (${targets.join(', ')}, then again), ${runs} edits per run; medians with (min–max). ` +
  `CPU busy in the 2 s before each run (all cores, %): ${fmt(results.map((r) => (r.cpu_busy_before ?? NaN) * 100), 0)}. Raw lines: \`bench/results/${day}.jsonl\`. ` +
  `Command: \`node bench/run.mjs${worktree ? ' --worktree' : rev !== 'HEAD' ? ` --rev ${rev}` : ''}${reps !== 3 ? ` --reps ${reps}` : ''}${runs !== 50 ? ` --runs ${runs}` : ''}\`.`, '');
lines.push(`| target | ${cols.map((c) => c[0]).join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
for (const name of targets) lines.push(`| ${label(name)} | ${cols.map(([, f, d]) => fmt(of(name).map(f), d)).join(' | ')} |`);
lines.push('', '"keystroke" is the shared harness\'s main figure: from setting the value and dispatching `input` to the total\'s text having changed, ' +
  'plus a forced style and layout ("to-text" stops at the text change, before that layout). "to-frame" goes on to the next animation frame and a task after it (rendering included, and the wait for ' +
  'the 60 Hz frame clock: no page here reads under ~16 ms). Definitions: `../shared/bench/README.md`.', '');

// Bytes per file (identical in every run of a target; the first run's are shown).
lines.push('Bytes downloaded, per file (gzip -9 per file as a static host would send it / raw):', '');
lines.push('| target | file | gzip B | raw B |', '|---|---|---:|---:|');
for (const name of targets) {
  const r = of(name)[0];
  if (!r) continue;
  for (const x of [...r.resources].sort((a, b) => b.gzip_bytes - a.gzip_bytes)) lines.push(`| ${label(name)} | ${file(x.url)} | ${x.gzip_bytes.toLocaleString('en')} | ${x.raw_bytes.toLocaleString('en')} |`);
  lines.push(`| ${label(name)} | **total** | **${r.transfer_gzip_bytes.toLocaleString('en')}** | **${r.raw_bytes.toLocaleString('en')}** |`);
}
lines.push('');

// Targets from the issue, judged on the medians of this run.
const verdict = [];
const judge = (what, value, ok, note = '') => verdict.push(`| ${what} | ${value} | ${ok == null ? 'not measured' : ok ? '**met**' : '**not met**'} |${note ? ' ' + note : ''}`);
const hasT = (n) => targets.includes(n) && of(n).length;
if (hasT('chamdiem-bundled')) {
  const g = med('chamdiem-bundled', (r) => r.transfer_gzip_bytes);
  judge(`≤ 150 KB gzip downloaded in total (start-up, ${largest.id})`, `${kb(g)} KB`, g <= 150_000);
}
if (hasT('chamdiem')) {
  const g = med('chamdiem', (r) => r.transfer_gzip_bytes);
  judge(`≤ 150 KB gzip downloaded in total (${N} items, ruleset file included)`, `${kb(g)} KB`, g <= 150_000);
}
if (hasT('chamdiem-bundled')) {
  const i = med('chamdiem-bundled', (r) => r.interactive_ms);
  judge(`≤ 300 ms to interactive, largest bundled ruleset (${largest.id}, ${largest.items} items)`, `${Math.round(i)} ms`, i <= 300);
}
if (hasT('chamdiem') && hasT('vanilla')) {
  const a = med('chamdiem', (r) => r.interactive_ms), v = med('vanilla', (r) => r.interactive_ms);
  judge(`interactive within 1.2× of plain DOM at ${N} items`, `${Math.round(a)} ms vs ${Math.round(v)} ms = ${(a / v).toFixed(2)}×`, a <= 1.2 * v);
}
if (hasT('chamdiem')) {
  const p50 = med('chamdiem', (r) => r.keystroke_ms.p50), p95 = med('chamdiem', (r) => r.keystroke_ms.p95);
  const f50 = med('chamdiem', (r) => r.keystroke_frame_ms.p50), f95 = med('chamdiem', (r) => r.keystroke_frame_ms.p95);
  judge(`keystroke p50 ≤ 2 ms at ${N} items (median of ${of('chamdiem').length} runs)`, `${p50.toFixed(1)} ms (to-frame ${f50.toFixed(1)} ms)`, p50 <= 2);
  judge(`keystroke p95 ≤ 4 ms at ${N} items (median of ${of('chamdiem').length} runs)`, `${p95.toFixed(1)} ms (to-frame ${f95.toFixed(1)} ms)`, p95 <= 4);
}
if (verdict.length) lines.push('Targets (issue), on the medians above:', '', '| target | measured | |', '|---|---|---|', ...verdict, '');

const section = lines.join('\n');
console.log(section);
if (!noWrite) {
  const doc = join(REPO, 'docs/bench-results.md');
  if (!existsSync(doc)) {
    writeFileSync(doc, `# Benchmark results\n\nWritten by \`node bench/run.mjs\` (how and what: [bench/README.md](../bench/README.md)); ` +
      'each run appends a dated section, newest last. Figures are comparable only within one section: the targets are run interleaved on the same ' +
      'machine in the same run, and this machine (2 cores, software rendering) is noisy between runs.\n\n');
  }
  appendFileSync(doc, section + '\n');
  say(`appended to ${doc}; raw lines in ${rawLog}`);
}
say(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
