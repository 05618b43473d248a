import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, close } from './harness.mjs';

let server;
let browser;
let page;
let errors;

before(async () => {
  server = await startServer();
  ({ browser, page, errors } = await launch());
});

after(async () => {
  await close(browser, server);
});

test('the app loads under /cham-diem/ with a heading and no errors', async () => {
  await openApp(page, server.url);
  assert.ok(await page.getByRole('heading').count() > 0, 'page has a heading');
  assert.deepEqual(errors, []);
});

test('the test server serves dist/ under /cham-diem/ only', async () => {
  const get = (p) => fetch(`${server.url}${p}`, { redirect: 'manual' });
  const redirect = await get('/cham-diem');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.get('location'), '/cham-diem/');
  const index = await get('/cham-diem/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  const wasm = (await index.text()).match(/[\w./-]+\.wasm/);
  assert.ok(wasm, 'index.html references a .wasm file');
  const wasmPath = wasm[0].startsWith('/') ? wasm[0] : `/cham-diem/${wasm[0]}`;
  assert.equal((await get(wasmPath)).headers.get('content-type'), 'application/wasm');
  assert.equal((await get('/')).status, 404);
  assert.equal((await get('/cham-diem/no-such-file')).status, 404);
  assert.equal((await get('/cham-diem/../Cargo.toml')).status, 404);
});
