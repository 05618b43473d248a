// Renders public/favicon.svg to public/favicon.png (32 × 32) with the test Chromium.
// Why a PNG: Chromium draws an SVG icon in the page's own main thread, ~15 ms at start-up,
// right when the app is being built; a PNG is decoded elsewhere. Run after editing the SVG:
//   node scripts/favicon.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 32, height: 32 }, deviceScaleFactor: 1 });
await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img width="32" height="32" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
await page.screenshot({ path: new URL('../public/favicon.png', import.meta.url).pathname, omitBackground: true });
await browser.close();
