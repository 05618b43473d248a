// Minifies the JavaScript glue that wasm-bindgen writes (each page's and the
// file-opening worker's) with terser, and rewrites the `integrity` hash each
// page gives it. Trunk 0.21's own JS minifier cannot parse wasm-bindgen
// 0.2.130's glue (`export { initSync, __wbg_init as default }`) and ships it
// as it is: 56 KB raw, 9,4 KB gzip, on every start-up.
//
//   node scripts/minify-js.mjs dist dist/tong-hop
//
// Run by scripts/build.sh after both Trunk builds, before scripts/csp.mjs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minify } from 'terser';

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['dist'];
for (const dir of dirs) {
  const htmlFile = path.join(dir, 'index.html');
  let html = fs.readFileSync(htmlFile, 'utf8');
  // start.js and the service workers are ours, small and readable on purpose.
  const glue = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'start.js' && f !== 'sw.js' && !f.endsWith('_loader.js'));
  for (const name of glue) {
    const file = path.join(dir, name);
    const before = fs.readFileSync(file, 'utf8');
    // The worker's glue (no-modules) defines a global `wasm_bindgen` its loader calls: keep top-level names.
    const module = before.includes('export ');
    const out = await minify(before, { module, toplevel: module, compress: true, mangle: true, format: { comments: false } });
    if (!out.code) throw new Error(`${file}: terser gave nothing`);
    fs.writeFileSync(file, out.code);
    // Trunk wrote the integrity of the file as it was; the page must name the file as it is.
    const sri = (text) => `sha384-${crypto.createHash('sha384').update(text, 'utf8').digest('base64')}`;
    const old = sri(before);
    if (html.includes(old)) html = html.replaceAll(old, sri(out.code));
    console.log(`[minify-js] ${file}: ${before.length} → ${out.code.length} B`);
  }
  fs.writeFileSync(htmlFile, html);
}
