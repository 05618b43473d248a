// Figures of repeated runs, shared by the benches' reports.

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b), k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };

/** The median and, when the runs differ, their range: "304 (216–320)". */
export const fmt = (xs, d = 0) => {
  const [md, lo, hi] = [median(xs), Math.min(...xs), Math.max(...xs)].map((x) => x.toFixed(d));
  return lo === hi ? md : `${md} (${lo}–${hi})`;
};
