// Waiting for an idle machine before a measured run, shared by bench/run.mjs and bench/office.mjs: a build
// or a test run elsewhere on the machine would otherwise land in the figures.
import { existsSync, readFileSync } from 'node:fs';

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// CPU time spent idle and in all, from /proc/stat.
const cpuTimes = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
};

/** Fraction of all CPUs busy over `ms` (null where there is no /proc/stat). */
export const busy = async (ms = 2000) => {
  if (!existsSync('/proc/stat')) return null;
  const a = cpuTimes(); await sleep(ms); const b = cpuTimes();
  return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
};

/** A function that waits (at most `maxWait` s) until the CPUs were at most `maxBusy` busy; it gives what it saw. */
export const quietWaiter = ({ maxBusy, maxWait, say }) => async () => {
  const until = Date.now() + maxWait * 1000;
  let b = await busy(), told = false;
  while (b != null && b > maxBusy && Date.now() < until) {
    if (!told) { say(`machine busy (${Math.round(b * 100)} % of CPU): waiting up to ${maxWait} s for it to quieten`); told = true; }
    await sleep(3000);
    b = await busy();
  }
  if (b != null && b > maxBusy) say(`still ${Math.round(b * 100)} % busy after ${maxWait} s: measuring anyway (recorded with the run)`);
  return b == null ? null : Math.round(b * 1000) / 1000;
};
