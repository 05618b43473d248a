// The evidence files' benchmark (issue 15, "Size and speed"): 100 files of 2 MB attached to one item of the
// scoring page, the package to hand in exported (.zip), then imported in an empty profile; how long each step
// takes and how much memory the browser uses. Not a test: scripts/test.sh and CI never run it. See bench/README.md.
//
//   node bench/evidence.mjs [--reps 3] [--files 100] [--size 2000000] [--build] [--site DIR]
//                           [--max-busy 0.2] [--max-wait 120] [--timeout 600] [--chamdiem PATH] [--keep] [--no-write]
//
// Needs the site built at /cham-diem/ (`bash scripts/build.sh /cham-diem/`, into dist/, as the browser tests use it;
// `--build` runs that first, with CARGO_TARGET_DIR as set), served by tests/browser/harness.mjs's startServer, and
// `chamdiem` to check the package (built here with `cargo build --release -p chamdiem-core --bin chamdiem`, or
// `--chamdiem PATH`: that binary, no build). `--keep` keeps the scratch folder (files, profiles, packages).
//
// The files: --files files of --size random bytes (nothing compresses), written once to a scratch folder, named
// with Vietnamese diacritics ("Biên bản kiểm tra số 001 — Phòng Tổ chức cán bộ.pdf", .pdf/.jpg/.docx in turn). All
// of them are attached at once to content 1 of Đắk Lắk 2025 Chỉ số 01 (one pick of 100 files, the worst case for
// one request to the worker: every file hashed, then all kept in one IndexedDB transaction).
//
// Each rep, after waiting for an idle CPU (bench/quiet.mjs), in two fresh persistent profiles
// (chromium.launchPersistentContext with an empty user-data dir: an incognito context's quota is too small for
// 200 MB; service workers blocked, or the first visit's precache would land in the figures):
//   profile A  the worked example typed, content 1's evidence opened, then
//     attach   from setInputFiles on "Đính kèm tệp — 1 …" to all the files listed under content 1 (rows in the DOM);
//              `saved`: on to the draft in localStorage naming all of them;
//     export   "Xuất tệp nộp (JSON)" → "Xuất hồ sơ kèm tệp (.zip)": from the click to Playwright's download event
//              (the package assembled and handed to the browser), and on to the file written (download.path());
//   the package checked: `chamdiem verify` exits 0, and its entries are ho-so.json and exactly the files, each one
//   byte for byte one of those attached (SHA-256);
//   profile B  the app opened empty, then
//     import   from setInputFiles on "Nhập hồ sơ (JSON hoặc .zip kèm tệp)" to the draft open ("Bản nháp (1)", content 1
//              scored) with content 1's evidence button saying "(N)"; `listed`: on to its N rows in the DOM once
//              the evidence is opened (the click included).
// Memory, sampled every 100 ms during each step (peak) and just before it (base):
//   rss / pss  all the browser's processes (the one started with our user-data dir and its descendants), summed:
//              VmRSS from /proc/PID/status (shared pages counted in each process) and Pss from
//              /proc/PID/smaps_rollup (shared pages split between the processes sharing them: the fairer sum);
//              Blobs (in the browser process or on disk), IndexedDB and wasm memory are all in there;
//   JS heap    CDP Runtime.getHeapUsage in the page and in the file-opening worker (auto-attached through CDP
//              Target, non-flat sessions): used (JS objects) and backing stores (ArrayBuffers, the wasm memory
//              among them).
// The issue's targets: export ≤ 3 s (to the download event), and peak memory ≤ 1,5 × the files' total size —
// judged on the peak PSS of all processes of each step, and also said on the peak above the step's base.
// Prints a markdown section (medians and min–max over the reps) and, unless --no-write, appends every run as a JSON
// line to bench/results/DATE-evidence.jsonl.
import { quietWaiter } from './quiet.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startServer, close, openApp, fillDaklak, field, evidenceToggle, openExportChecklist, storedDrafts, unzip, DAKLAK, IMPORT } from '../tests/browser/harness.mjs';
import { median, fmt } from './stats.mjs';

const BENCH = dirname(new URL(import.meta.url).pathname);
const REPO = resolve(BENCH, '..');

// ---------- options ----------
const argv = process.argv.slice(2);
const flag = (name) => { const i = argv.indexOf(`--${name}`); if (i >= 0) argv.splice(i, 1); return i >= 0; };
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv.splice(i, 2)[1] : dflt; };
const build = flag('build'), noWrite = flag('no-write'), keep = flag('keep');
const reps = Number(opt('reps', 3)), nFiles = Number(opt('files', 100)), size = Number(opt('size', 2_000_000));
const maxBusy = Number(opt('max-busy', 0.2)), maxWait = Number(opt('max-wait', 120));
const timeoutMs = Number(opt('timeout', 600)) * 1000;
const site = resolve(opt('site', join(REPO, 'dist')));
const chamdiemArg = opt('chamdiem', null);
if (argv.length) throw new Error(`unknown arguments: ${argv.join(' ')} (see the header of bench/evidence.mjs)`);
if (!(reps >= 1) || !(nFiles >= 1) || !(size >= 1)) throw new Error('--reps, --files and --size must be at least 1');
if (size > 50_000_000) throw new Error('--size: the app refuses a file over 50 MB');

const say = (s) => console.error(`[evidence] ${s}`);
const t0 = Date.now();
const waitQuiet = quietWaiter({ maxBusy, maxWait, say });
const C1 = DAKLAK.items[1];

// ---------- the site and the checker ----------
if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: run scripts/setup.sh');
const env = { ...process.env, PATH: [join(process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo'), 'bin'), process.env.PATH].join(':') };
if (build) {
  say('building the site: bash scripts/build.sh /cham-diem/');
  execFileSync('bash', ['scripts/build.sh', '/cham-diem/'], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!existsSync(join(site, 'index.html'))) throw new Error(`no site in ${site}: build it first (bash scripts/build.sh /cham-diem/, or --build)`);
if (!chamdiemArg) {
  say('building chamdiem (cargo build --release -p chamdiem-core --bin chamdiem)');
  execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'chamdiem-core', '--bin', 'chamdiem'], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
const CHAMDIEM = chamdiemArg ? resolve(chamdiemArg)
  : join(env.CARGO_TARGET_DIR ? resolve(REPO, env.CARGO_TARGET_DIR) : join(REPO, 'target'), 'release', 'chamdiem');
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'core', 'index.html', 'public'], { cwd: REPO, encoding: 'utf8' }).stdout.trim() !== '';

// ---------- the files ----------
const scratch = mkdtempSync(join(tmpdir(), 'chamdiem-evidence-bench-'));
const filesDir = join(scratch, 'files');
mkdirSync(filesDir);
const EXT = ['pdf', 'jpg', 'docx'];
const files = [];
for (let i = 1; i <= nFiles; i++) {
  const name = `Biên bản kiểm tra số ${String(i).padStart(3, '0')} — Phòng Tổ chức cán bộ.${EXT[(i - 1) % EXT.length]}`;
  const bytes = crypto.randomBytes(size);
  writeFileSync(join(filesDir, name), bytes);
  files.push({ name, path: join(filesDir, name), sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
}
const totalBytes = nFiles * size;
say(`${nFiles} files of ${size} random bytes (${(totalBytes / 1e6).toFixed(0)} MB) in ${filesDir}`);

// ---------- memory: the OS's view of every browser process ----------
const readText = (f) => { try { return readFileSync(f, 'utf8'); } catch { return null; } };
/** The browser process started with `userDataDir`, and all its descendants: [{ pid, type }]. */
function browserProcesses(userDataDir) {
  const procs = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = readText(`/proc/${d}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    procs.push({ pid: Number(d), ppid });
  }
  const root = procs.find((p) => {
    const cmd = readText(`/proc/${p.pid}/cmdline`);
    return cmd && cmd.includes(`--user-data-dir=${userDataDir}`) && !cmd.includes('--type=') && /chrom/.test(cmd.split('\0')[0]);
  });
  if (!root) return [];
  const out = [], todo = [root.pid];
  while (todo.length) {
    const pid = todo.pop();
    const type = /--type=([a-z-]+)/.exec(readText(`/proc/${pid}/cmdline`) ?? '')?.[1] ?? 'browser';
    out.push({ pid, type });
    for (const p of procs) if (p.ppid === pid) todo.push(p.pid);
  }
  return out;
}
const kB = (text, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text ?? '')?.[1] ?? 0) * 1024;
/** Sums of VmRSS and Pss over the browser's processes, and Pss by process type. */
function osMemory(userDataDir) {
  let rss = 0, pss = 0;
  const byType = {};
  for (const { pid, type } of browserProcesses(userDataDir)) {
    rss += kB(readText(`/proc/${pid}/status`), 'VmRSS');
    const p = kB(readText(`/proc/${pid}/smaps_rollup`), 'Pss');
    pss += p;
    byType[type] = (byType[type] ?? 0) + p;
  }
  return { rss, pss, byType };
}

// ---------- memory: the JS heaps of the page and of the worker (CDP) ----------
/**
 * A CDP session on the page that also attaches to its dedicated workers (non-flat sessions: Playwright's
 * CDPSession cannot address a child session). `heaps()` resolves to { page, workers: [{ url, used, backing }] }.
 */
async function heapProbe(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Map();
  let nextId = 1;
  const waiting = new Map();
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.url); });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    const w = waiting.get(m.id);
    if (w) { waiting.delete(m.id); m.error ? w.reject(new Error(m.error.message)) : w.resolve(m.result); }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const inWorker = (sessionId, method, params = {}) => new Promise((ok, fail) => {
    const id = nextId++;
    waiting.set(id, { resolve: ok, reject: fail });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(fail);
    setTimeout(() => { if (waiting.delete(id)) fail(new Error(`${method}: no answer from the worker in 10 s`)); }, 10_000);
  });
  return {
    cdp,
    async heaps() {
      const p = await cdp.send('Runtime.getHeapUsage');
      const ws = [];
      for (const [sid, url] of workers) {
        try {
          const h = await inWorker(sid, 'Runtime.getHeapUsage');
          ws.push({ url, used: h.usedSize, backing: h.backingStorageSize ?? 0 });
        } catch { /* the worker is gone, or busy past 10 s: skipped */ }
      }
      return { page: { used: p.usedSize, backing: p.backingStorageSize ?? 0 }, workers: ws };
    },
  };
}

/** Samples memory every 100 ms until stopped; `stop()` gives the base (the first sample) and the peaks. */
function sampler(userDataDir, probe) {
  let on = true, base = null;
  const peak = { rss: 0, pss: 0, pssByType: {}, pageUsed: 0, pageBacking: 0, workerUsed: 0, workerBacking: 0, workersSeen: 0, heapSamples: 0 };
  const os = () => {
    const m = osMemory(userDataDir);
    if (!base) base = m;
    if (m.pss > peak.pss) peak.pssByType = m.byType;
    peak.rss = Math.max(peak.rss, m.rss); peak.pss = Math.max(peak.pss, m.pss);
  };
  os();
  const osTimer = setInterval(os, 100);
  // The heaps: one CDP round at a time (a busy worker answers late; rounds never pile up).
  const heapLoop = (async () => {
    while (on) {
      try {
        const h = await probe.heaps();
        peak.heapSamples++;
        peak.pageUsed = Math.max(peak.pageUsed, h.page.used); peak.pageBacking = Math.max(peak.pageBacking, h.page.backing);
        for (const w of h.workers) { peak.workerUsed = Math.max(peak.workerUsed, w.used); peak.workerBacking = Math.max(peak.workerBacking, w.backing); }
        peak.workersSeen = Math.max(peak.workersSeen, h.workers.length);
      } catch { /* the page navigating or closing */ }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    on = false; clearInterval(osTimer); os();
    await heapLoop;
    return { base_rss: base.rss, base_pss: base.pss, ...Object.fromEntries(Object.entries(peak).map(([k, v]) => [`peak_${k}`, v])) };
  };
}

// ---------- where the time goes: the page's workers, timed (an init script, before the app's scripts) ----------
// Every worker the page starts (the app starts one per request to the file-opening worker and ends it after the
// answer): when it was made, when it said it was ready (its wasm running), when it answered; when the page made an
// object URL (the package handed to the download); and the user's change / click that started the step.
function instrument() {
  const log = (window.__marks = []);
  const mark = (what, extra) => log.push([what, performance.now(), extra]);
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...args) {
      super(...args);
      mark('worker');
      this.addEventListener('message', (e) => mark(e.data === 'ready' ? 'ready' : 'answer'));
    }
  };
  const objectUrl = URL.createObjectURL;
  URL.createObjectURL = function (b) { mark('object-url', b?.size); return objectUrl.call(this, b); };
  document.addEventListener('change', (e) => { if (e.target?.type === 'file') mark('change'); }, true);
  document.addEventListener('click', () => mark('click'), true);
}
/** The marks since the last call, in ms from the first `change` or `click` among them: "worker 12, ready 830, …". */
async function marks(page) {
  const m = await page.evaluate(() => window.__marks.splice(0));
  const start = m.find(([w]) => w === 'change' || w === 'click')?.[1] ?? m[0]?.[1] ?? 0;
  return m.filter(([w]) => w !== 'click' && w !== 'change').map(([w, t]) => `${w} ${Math.round(t - start)}`).join(', ');
}

/** Waits until `check()` (in Node) is true, polling every 50 ms. */
async function until(check, what, ms = timeoutMs) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function profile() {
  const dir = mkdtempSync(join(scratch, 'profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, serviceWorkers: 'block',
    locale: 'vi-VN', viewport: { width: 1280, height: 900 }, acceptDownloads: true,
  });
  await context.addInitScript(instrument);
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('crash', () => errors.push('page crashed'));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('favicon.ico')) errors.push(`console.error: ${m.text()}`); });
  return { dir, context, page, errors };
}

const rowsUnder = (page) => page.locator(`[data-key="1"] .ev-file`);
async function openEvidence(page) {
  const toggle = evidenceToggle(page, '1');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

// ---------- one run ----------
async function run(rep, server) {
  const r = { rep };
  const zip = join(scratch, `rep-${rep}.zip`);
  // Profile A: attach, export.
  {
    const a = await profile();
    try {
      await openApp(a.page, server.url);
      await fillDaklak(a.page);
      await openEvidence(a.page);
      const probe = await heapProbe(a.context, a.page);
      await probe.cdp.send('HeapProfiler.collectGarbage');
      const input = field(a.page, `Đính kèm tệp — ${C1}`);

      await marks(a.page);
      let stop = sampler(a.dir, probe);
      let w0 = Date.now();
      await input.setInputFiles(files.map((f) => f.path), { timeout: timeoutMs });
      await until(async () => (await rowsUnder(a.page).count()) >= nFiles, `${nFiles} rows listed under content 1`);
      r.attach_ms = Date.now() - w0;
      await until(async () => Object.values(await storedDrafts(a.page)).some((d) => d.entries?.['1']?.evidence?.length >= nFiles), 'the draft saved naming every file');
      r.attach_saved_ms = Date.now() - w0;
      r.attach_mem = await stop();
      r.attach_marks = await marks(a.page);
      const listed = await rowsUnder(a.page).count();
      if (listed !== nFiles) throw new Error(`${listed} rows under content 1 after attaching ${nFiles} files`);
      const status = await a.page.locator('[data-key="1"] .ev-drop [role=status]').allInnerTexts();
      if (status.some((s) => s.trim())) r.attach_status = status.join(' | ');

      const dialog = await openExportChecklist(a.page);
      await new Promise((ok) => setTimeout(ok, 500)); // the dialog painted; its own work out of the figure
      await marks(a.page);
      stop = sampler(a.dir, probe);
      w0 = Date.now();
      const [download] = await Promise.all([
        a.page.waitForEvent('download', { timeout: timeoutMs }),
        dialog.getByRole('button', { name: 'Xuất hồ sơ kèm tệp (.zip)', exact: true }).click(),
      ]);
      r.export_ms = Date.now() - w0;
      await download.path();
      r.export_written_ms = Date.now() - w0;
      r.export_mem = await stop();
      r.export_marks = await marks(a.page);
      await download.saveAs(zip);
      r.package_name = download.suggestedFilename();
      r.package_bytes = statSync(zip).size;
      r.errors_a = a.errors;
    } finally {
      await a.context.close();
      if (!keep) rmSync(a.dir, { recursive: true, force: true });
    }
  }
  // The package: `chamdiem verify`, and its entries, byte for byte.
  {
    const v = spawnSync(CHAMDIEM, ['verify', zip], { encoding: 'utf8', maxBuffer: 1 << 26 });
    r.verify_status = v.status;
    if (v.status !== 0) r.verify_output = (v.stdout + v.stderr).slice(0, 2000);
    const entries = unzip(readFileSync(zip));
    const names = Object.keys(entries);
    const want = new Set(files.map((f) => f.sha256));
    const got = names.filter((n) => n !== 'ho-so.json').map((n) => crypto.createHash('sha256').update(entries[n]).digest('hex'));
    r.package_entries = names.length;
    r.package_files_match = names.includes('ho-so.json') && got.length === nFiles && new Set(got).size === nFiles && got.every((h) => want.has(h));
  }
  // Profile B: import in an empty profile.
  {
    const b = await profile();
    try {
      await openApp(b.page, server.url);
      const probe = await heapProbe(b.context, b.page);
      await probe.cdp.send('HeapProfiler.collectGarbage');
      await marks(b.page);
      const stop = sampler(b.dir, probe);
      const w0 = Date.now();
      await field(b.page, IMPORT).setInputFiles(zip, { timeout: timeoutMs });
      const want = `Tài liệu kiểm chứng, giải trình (${nFiles})`;
      await until(async () => (await b.page.getByText('Bản nháp (1)', { exact: true }).count()) === 1
        && (await evidenceToggle(b.page, '1').textContent()) === want, `the draft open with "${want}"`);
      r.import_ms = Date.now() - w0;
      await openEvidence(b.page);
      await until(async () => (await rowsUnder(b.page).count()) >= nFiles, `${nFiles} rows listed after the import`);
      r.import_listed_ms = Date.now() - w0;
      r.import_mem = await stop();
      r.import_marks = await marks(b.page);
      r.import_rows = await rowsUnder(b.page).count();
      r.import_score = await field(b.page, C1).inputValue();
      r.import_missing = await b.page.getByText('không còn trong trình duyệt này').count();
      const alerts = await b.page.getByRole('alert').allInnerTexts();
      if (alerts.some((s) => s.trim())) r.import_alerts = alerts;
      r.errors_b = b.errors;
    } finally {
      await b.context.close();
      if (!keep) rmSync(b.dir, { recursive: true, force: true });
    }
  }
  if (!keep) rmSync(zip, { force: true });
  r.ok = r.verify_status === 0 && r.package_files_match && r.import_rows === nFiles && r.import_missing === 0
    && r.import_score === DAKLAK.worked[1] && !r.errors_a.length && !r.errors_b.length;
  return r;
}

// ---------- measure ----------
const date = new Date().toISOString();
const day = date.slice(0, 10);
const rawLog = join(BENCH, 'results', `${day}-evidence.jsonl`);
const results = [];
const server = await startServer({ dist: site });
const chromiumVersion = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
const MB = (x) => (x / 1e6).toFixed(0);
try {
  for (let rep = 1; rep <= reps; rep++) {
    const quiet = await waitQuiet();
    const r = { date: new Date().toISOString(), commit, dirty, files: nFiles, file_bytes: size, cpu_busy_before: quiet, ...(await run(rep, server)) };
    results.push(r);
    if (!noWrite) { mkdirSync(dirname(rawLog), { recursive: true }); appendFileSync(rawLog, JSON.stringify(r) + '\n'); }
    say(`rep ${rep}${r.ok ? '' : ' (NOT RIGHT)'}: attach ${r.attach_ms} ms (saved ${r.attach_saved_ms}); export ${r.export_ms} ms (written ${r.export_written_ms}), ` +
      `${MB(r.package_bytes)} MB, verify ${r.verify_status}, entries ${r.package_entries} ${r.package_files_match ? 'match' : 'DO NOT MATCH'}; ` +
      `import ${r.import_ms} ms (listed ${r.import_listed_ms}), ${r.import_rows} rows; peak PSS attach/export/import ` +
      `${MB(r.attach_mem.peak_pss)}/${MB(r.export_mem.peak_pss)}/${MB(r.import_mem.peak_pss)} MB (base ${MB(r.attach_mem.base_pss)}/${MB(r.export_mem.base_pss)}/${MB(r.import_mem.base_pss)}); ` +
      `worker heap seen ${r.attach_mem.peak_workersSeen}/${r.export_mem.peak_workersSeen}/${r.import_mem.peak_workersSeen}; ` +
      `marks (ms): attach [${r.attach_marks}], export [${r.export_marks}], import [${r.import_marks}] (CPU ${Math.round((quiet ?? 0) * 100)} % busy before)` +
      (r.errors_a.length || r.errors_b.length ? `; page errors: ${[...r.errors_a, ...r.errors_b].join(' | ')}` : ''));
  }
} finally {
  await close(server);
  if (!keep) rmSync(scratch, { recursive: true, force: true });
  else say(`kept ${scratch}`);
}

// ---------- report ----------
const mb = (x) => x / 1e6;
const lines = [];
lines.push(`## ${date.slice(0, 16).replace('T', ' ')} UTC — evidence files: ${nFiles} × ${(size / 1e6).toLocaleString('vi-VN')} MB attached, packaged, imported`, '');
lines.push(`Commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}. Machine: ${cpus().length} CPU (${cpus()[0]?.model?.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, no GPU; ` +
  `${chromiumVersion}, headless, persistent profiles, service workers blocked; Node ${process.version}; ${reps} runs; medians with (min–max). ` +
  `CPU busy in the 2 s before each run (%): ${fmt(results.map((r) => (r.cpu_busy_before ?? 0) * 100))}. ` +
  `All ${nFiles} files (random bytes, ${(totalBytes / 1e6).toFixed(0)} MB in all) attached at once to content 1 of Đắk Lắk Chỉ số 01. ` +
  `Right every run (package verified by \`chamdiem verify\`, its files byte for byte, ${nFiles} files listed after the import, no page error): ` +
  `${results.every((r) => r.ok) ? 'yes' : `**no** (${results.filter((r) => !r.ok).map((r) => r.rep).join(', ')})`}. ` +
  `Command: \`node bench/evidence.mjs${reps !== 3 ? ` --reps ${reps}` : ''}${nFiles !== 100 ? ` --files ${nFiles}` : ''}${size !== 2_000_000 ? ` --size ${size}` : ''}\`.`, '');
lines.push('| step | time ms | … to | peak PSS, all processes MB | base PSS MB | peak − base MB | peak RSS sum MB | page JS heap used MB | page backing stores MB | worker JS heap used MB | worker backing stores (ArrayBuffers, its wasm memory among them) MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [step, t, t2, key] of [['attach (to the rows; … to the draft saved)', 'attach_ms', 'attach_saved_ms', 'attach_mem'],
  ['export (to the download event; … to the file written)', 'export_ms', 'export_written_ms', 'export_mem'],
  ['import (to the draft open, "(N)"; … to the rows listed)', 'import_ms', 'import_listed_ms', 'import_mem']]) {
  const m = (f) => fmt(results.map((r) => mb(f(r[key]))));
  lines.push(`| ${step} | ${fmt(results.map((r) => r[t]))} | ${fmt(results.map((r) => r[t2]))} | ${m((x) => x.peak_pss)} | ${m((x) => x.base_pss)} | ` +
    `${m((x) => x.peak_pss - x.base_pss)} | ${m((x) => x.peak_rss)} | ${m((x) => x.peak_pageUsed)} | ${m((x) => x.peak_pageBacking)} | ` +
    `${results.every((r) => r[key].peak_workersSeen) ? m((x) => x.peak_workerUsed) : 'not seen'} | ${results.every((r) => r[key].peak_workersSeen) ? m((x) => x.peak_workerBacking) : 'not seen'} |`);
}
lines.push('', `Package: ${fmt(results.map((r) => mb(r.package_bytes)), 1)} MB, ${results[0]?.package_entries} entries. ` +
  `PSS by process type at the peak (median run, MB): ${['attach_mem', 'export_mem', 'import_mem'].map((k) => {
    const r = [...results].sort((x, y) => x[k].peak_pss - y[k].peak_pss)[results.length >> 1];
    return `${k.split('_')[0]}: ${Object.entries(r[k].peak_pssByType).map(([t, v]) => `${t} ${MB(v)}`).join(', ')}`;
  }).join('; ')}.`, '');
lines.push('Where the time goes, per run (ms from the change or click: `worker` made, `ready` its wasm running, `answer` given, ' +
  '`object-url` the package handed to the download):', '');
for (const r of results) lines.push(`- run ${r.rep}: attach ${r.attach_marks}; export ${r.export_marks}; import ${r.import_marks}`);
lines.push('');
const verdict = [];
const judge = (what, value, ok) => verdict.push(`| ${what} | ${value} | ${ok ? '**met**' : '**not met**'} |`);
const limit = 1.5 * totalBytes;
const ex = median(results.map((r) => r.export_ms));
judge('export ≤ 3 s (click to the download event)', `${(ex / 1000).toFixed(2).replace('.', ',')} s`, ex <= 3000);
for (const [k, name] of [['attach_mem', 'attach'], ['export_mem', 'export'], ['import_mem', 'import']]) {
  const p = median(results.map((r) => r[k].peak_pss)), d = median(results.map((r) => r[k].peak_pss - r[k].base_pss));
  judge(`peak memory ≤ 1,5 × ${MB(totalBytes)} MB = ${MB(limit)} MB, ${name}: all processes' PSS`, `${MB(p)} MB`, p <= limit);
  judge(`… ${name}: above the browser's memory before the step`, `${MB(d)} MB`, d <= limit);
}
lines.push('Targets (issue 15), on the medians:', '', '| target | measured | |', '|---|---|---|', ...verdict, '');
console.log(lines.join('\n'));
if (!noWrite) say(`raw lines appended to ${rawLog}`);
say(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
