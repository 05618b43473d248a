// Adds a Content-Security-Policy to each Trunk-built page: only this origin's
// files, WebAssembly allowed, and the one inline module script that Trunk
// writes to start the app allowed by its SHA-256 (computed here, after each
// build, since it names the hashed file names).
//
//   node scripts/csp.mjs dist/index.html dist/tong-hop/index.html
//
// Run on the final file (scripts/build.sh runs it after `trunk build --minify`):
// the hash is of the script's text as shipped.
import fs from 'node:fs';
import crypto from 'node:crypto';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['dist/index.html'];
for (const file of files) {
  let html = fs.readFileSync(file, 'utf8');
  html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>\n?/i, '');
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
  // Right after the charset, which must come first; minified, it loses its quotes.
  const charset = html.match(/<meta charset="?utf-8"?>/i);
  if (!charset) throw new Error(`${file}: no <meta charset="utf-8"> to put the policy after`);
  html = html.replace(charset[0], `${charset[0]}${meta}`);
  fs.writeFileSync(file, html);
  console.log(`[csp] ${file}: ${hashes.length} inline script(s) allowed by hash`);
}
