import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './harness.mjs';

const app = setUp();

test('the app loads under /cham-diem/ with a heading and no errors', async () => {
  const { page, errors, context } = await app.freshPage();
  assert.ok(await page.getByRole('heading').count() > 0, 'page has a heading');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the test server serves dist/ under /cham-diem/ only', async () => {
  const get = (p) => fetch(`${app.server.url}${p}`, { redirect: 'manual' });
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
