// Measures one scoring-form page in headless Chromium and prints one JSON line.
//
// A copy of ../shared/bench/measure.mjs (sha256 17a0a333fdea089cfaea5afc62c3bfdaa20523bc28d17e054570f45f058bab0e;
// bench/run.mjs warns when the shared file has changed since), so that every target is measured by the
// same code. Two additions, marked "bench/:", nothing else changed:
//   --total-re REGEX  the number checked at the end is the first capture group of this regular
//                     expression in the total's text (Chấm điểm shows "36,25 / 2332,5 điểm", which the
//                     shared parser would read as 36,252332); default: the whole text, as before
//   --runs 0          load only: interactive time, bytes, heap; no edits and no sum check (for a
//                     ruleset whose items are not all plain numbers)
//
// Usage: node measure.mjs URL [--input CSS] [--total CSS] [--runs K] [--change] [--total-re REGEX]
//   --input  the leaf number inputs (default 'input[type=number]')
//   --total  the element showing the total (default '#total')
//   --runs   number of timed edits (default 50)
//   --change also dispatch 'change' after 'input' (for engines that update on change)
// Exits non-zero, with the reason on stderr, if the page never shows the inputs and the total,
// if an edit does not change the total, or if the final total is not the sum of the inputs.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
  // Loopback only: any other host name fails to resolve (and shows up in failed_requests).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'];
const LOAD_TIMEOUT_MS = 60_000;
const EDIT_TIMEOUT_MS = 5_000;

function parseArgs(argv) {
  const o = { input: 'input[type=number]', total: '#total', runs: 50, change: false, totalRe: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--change') o.change = true;
    else if (['--input', '--total', '--runs'].includes(a)) o[a.slice(2)] = argv[++i];
    else if (a === '--total-re') o.totalRe = argv[++i]; // bench/: see the header
    else if (!a.startsWith('--') && !o.url) o.url = a;
    else throw new Error(`unknown argument ${a}`);
  }
  o.runs = Number(o.runs);
  if (!o.url || !(o.runs >= 0)) throw new Error('usage: node measure.mjs URL [--input CSS] [--total CSS] [--runs K] [--change] [--total-re REGEX]'); // bench/: K = 0 allowed
  return o;
}

// Nearest-rank percentile of an ascending array.
const pct = (sorted, p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const r2 = (x) => Math.round(x * 100) / 100;
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: r2(pct(s, 0.5)), p95: r2(pct(s, 0.95)), max: r2(s.at(-1)), first: r2(xs[0]) };
};

// Runs in the page before any of its scripts: polls once per animation frame until a leaf input and
// the total are both in the DOM, then stamps performance.now() (ms since navigation start) in the next
// task, i.e. once that frame's main-thread rendering (style, layout, paint) is done.
function stampInteractive([input, total]) {
  const poll = () => {
    if (!(document.querySelector(input) && document.querySelector(total))) return requestAnimationFrame(poll);
    const c = new MessageChannel();
    c.port1.onmessage = () => { window.__benchInteractive = performance.now(); };
    c.port2.postMessage(0);
  };
  requestAnimationFrame(poll);
}

// Runs in the page: K edits spread over the leaf inputs. Each starts just after a rendered frame (so no
// frame is due for ~16 ms) and takes three timestamps from t0, just before the value is set and the
// event dispatched:
//   dom    the total's text has changed: the MutationObserver callback, which runs as a microtask
//          right after the handler or render that changed it
//   work   + a forced style and layout (getBoundingClientRect) in that same callback: the main-thread
//          cost of the keystroke, free of the 60 Hz frame clock
//   frame  + the next animation frame and a task after it: the frame showing the new total has been
//          rendered on the main thread, and any work the page queued after the text change is done;
//          includes the wait for the frame clock (up to 16.7 ms)
async function edits({ input, total, runs, change, timeoutMs, totalRe }) {
  const frame = () => new Promise(requestAnimationFrame);
  const task = () => new Promise((ok) => { const c = new MessageChannel(); c.port1.onmessage = ok; c.port2.postMessage(0); });
  const text = () => document.querySelector(total)?.textContent ?? '';
  const inputs = [...document.querySelectorAll(input)];
  const out = { dom: [], work: [], frame: [] };
  for (let i = 0; i < runs; i++) {
    const idx = Math.round((i * (inputs.length - 1)) / Math.max(1, runs - 1)) % inputs.length;
    const el = inputs[idx];
    // A valid new value: a multiple of step in (0, max], different from the current one.
    const step = Number(el.step) || 0.25, max = Number(el.max) || 0.5;
    let v = step * (1 + (i % Math.round(max / step)));
    if (Number(el.value) === v) v = v + step > max ? step : v + step;
    el.scrollIntoView({ block: 'center' });
    el.focus();                                   // as a user would, before typing
    for (let f = 0; f < 2; f++) { await frame(); await task(); } // scroll/focus rendered, pipeline quiet
    const before = text();
    const seen = new Promise((ok, fail) => {
      const mo = new MutationObserver(() => {
        if (text() === before) return;
        mo.disconnect(); clearTimeout(t);
        const tDom = performance.now();
        document.querySelector(total).getBoundingClientRect();
        ok([tDom, performance.now()]);
      });
      mo.observe(document, { subtree: true, childList: true, characterData: true });
      const t = setTimeout(() => { mo.disconnect(); fail(new Error(
        `edit ${i}: total "${before}" did not change within ${timeoutMs} ms after input #${idx} := ${v}`)); }, timeoutMs);
    });
    const t0 = performance.now();
    el.value = String(Number(v.toFixed(6)));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    if (change) el.dispatchEvent(new Event('change', { bubbles: true }));
    const [tDom, tWork] = await seen;
    await frame();
    await task();
    const tFrame = performance.now();
    out.dom.push(tDom - t0); out.work.push(tWork - t0); out.frame.push(tFrame - t0);
  }
  // The total must now be the sum of all leaf inputs, or the page is not doing the job.
  const expected = inputs.reduce((s, e) => s + (Number(e.value.replace(',', '.')) || 0), 0);
  // Accepts "1234.5", "1234,5", "1,234.5", "1.234,5" (not "1.234" meaning 1234).
  // bench/: with --total-re, only its first capture group is read as the number.
  const m = totalRe ? new RegExp(totalRe).exec(text()) : null;
  if (totalRe && !m) throw new Error(`total "${text()}" does not match ${totalRe}`);
  let num = (m ? m[1] : text()).replace(/[^\d.,-]/g, '');
  if (num.includes(',') && num.includes('.')) num = num.replace(num.indexOf(',') < num.indexOf('.') ? /,/g : /\./g, '');
  const shown = Number(num.replace(',', '.'));
  if (!(Math.abs(shown - expected) < 0.005)) throw new Error(`total shows "${text()}" but the inputs sum to ${expected}`);
  return { ...out, inputs: inputs.length, total_text: text(), expected };
}

export async function measure(opts) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const errors = [], failed = [], bodies = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => bodies.push(r.body().then((b) => ({ url: r.url(), status: r.status(), b }), () => null)));
    await page.addInitScript(stampInteractive, [opts.input, opts.total]);

    await page.goto(opts.url, { waitUntil: 'commit' });
    try {
      await page.waitForSelector(opts.input, { state: 'attached', timeout: LOAD_TIMEOUT_MS });
      await page.waitForSelector(opts.total, { state: 'attached', timeout: LOAD_TIMEOUT_MS });
    } catch (e) {
      throw new Error(`page never showed input "${opts.input}" and total "${opts.total}": ${e.message.split('\n')[0]}; page errors: ${errors.join(' | ') || 'none'}`);
    }
    const interactive = await (await page.waitForFunction(() => window.__benchInteractive)).jsonValue();
    await page.waitForLoadState('load');
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { response_end: n.responseEnd, dom_content_loaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, fcp: fcp?.startTime };
    });

    // bench/: --runs 0 loads only.
    const ed = opts.runs > 0 ? await page.evaluate(edits, { ...opts, timeoutMs: EDIT_TIMEOUT_MS })
      : { dom: [], work: [], frame: [], inputs: await page.evaluate((sel) => document.querySelectorAll(sel).length, opts.input),
        total_text: await page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', opts.total) };

    const cdp = await ctx.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const domElements = await page.evaluate(() => document.getElementsByTagName('*').length);

    const resources = (await Promise.all(bodies)).filter(Boolean).map(({ url, status, b }) =>
      ({ url, status, raw_bytes: b.length, gzip_bytes: gzipSync(b, { level: 9 }).length }));
    const sum = (k) => resources.reduce((s, r) => s + r[k], 0);
    return {
      url: opts.url,
      chromium: ctx.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent)),
      leaf_inputs: ed.inputs,
      transfer_gzip_bytes: sum('gzip_bytes'),
      raw_bytes: sum('raw_bytes'),
      interactive_ms: r2(interactive),
      fcp_ms: nav.fcp && r2(nav.fcp),
      response_end_ms: r2(nav.response_end),
      dom_content_loaded_ms: r2(nav.dom_content_loaded),
      load_ms: r2(nav.load),
      keystroke_ms: ed.work.length ? summary(ed.work) : null, // bench/: null with --runs 0
      keystroke_dom_ms: ed.dom.length ? summary(ed.dom) : null,
      keystroke_frame_ms: ed.frame.length ? summary(ed.frame) : null,
      keystroke_series_ms: ed.work.map((x) => Math.round(x * 10) / 10), // in edit order: shows warm-up or drift
      edits: opts.runs,
      final_total_text: ed.total_text,
      js_heap_used_bytes: heap.usedSize,
      js_heap_total_bytes: heap.totalSize,
      backing_store_bytes: heap.backingStorageSize, // array buffers (wasm memory) and external strings (script sources)
      dom_heap_used_bytes: heap.embedderHeapUsedSize,
      dom_elements: domElements,
      page_errors: errors,
      failed_requests: failed,
      resources,
    };
  } finally {
    await ctx.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(JSON.stringify(await measure(parseArgs(process.argv.slice(2)))));
  } catch (e) {
    console.error(`measure.mjs: FAILED: ${e.message}`);
    process.exit(1);
  }
}
