// Adds a Content-Security-Policy to a Trunk-built index.html: only this
// origin's files, WebAssembly allowed, and the one inline module script that
// Trunk writes to start the app allowed by its SHA-256 (computed here, after
// each build, since it names the hashed file names).
//
//   node scripts/csp.mjs dist/index.html
import fs from 'node:fs';
import crypto from 'node:crypto';

const file = process.argv[2] || 'dist/index.html';
let html = fs.readFileSync(file, 'utf8');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');
const hashes = [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)]
  .filter((m) => m[1].trim() !== '')
  .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
if (!html.includes('<meta charset="utf-8">')) throw new Error(`${file}: no <meta charset="utf-8"> to put the policy after`);
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
fs.writeFileSync(file, html);
console.log(`[csp] ${file}: ${hashes.length} inline script(s) allowed by hash`);
