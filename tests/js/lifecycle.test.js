'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const path = require('node:path');
const { AsyncLocalStorage } = require('node:async_hooks');
const { createPool, codes } = require('parahash');
const { sha256 } = require('./helpers');
const hashWasm = require('hash-wasm');

const fixtures = path.join(__dirname, 'fixtures');
const run = (args, options = {}) => new Promise((resolve) => {
  const started = Date.now();
  execFile(process.execPath, args, { timeout: 60_000, ...options }, (error, stdout, stderr) =>
    resolve({ code: error ? (error.code ?? error.signal) : 0, killed: error?.killed, stdout, stderr, ms: Date.now() - started }));
});

test('a script that never closes its pool exits by itself, after its last result', async () => {
  const r = await run([path.join(fixtures, 'unclosed-pool.js')]);
  assert.equal(r.killed, undefined, `timed out: ${r.stderr}`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [sha256('abc'), sha256(new Uint8Array(8 << 20))]);
});

test('a hasher copied mid-stream keeps the process alive until its digests, over both kernels', async () => {
  const one = Buffer.concat([Buffer.alloc(62010, 1), Buffer.alloc(2097153, 2)]);
  const whole = Buffer.concat([one, Buffer.alloc(90, 3), Buffer.alloc(2097154, 4)]);
  const expected = [sha256(whole), sha256(one), await hashWasm.blake3(whole), await hashWasm.blake3(one)];
  for (const host of ['0', '']) {
    const r = await run([path.join(fixtures, 'copied-stream.js')], { env: { ...process.env, PARAHASH_HOST_CRYPTO: host } });
    assert.equal(r.killed, undefined, `timed out: ${r.stderr}`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), expected, `PARAHASH_HOST_CRYPTO=${host}`);
  }
});

test("a user's node --test suite that never closes its pool finishes on its own", async () => {
  // Without this, the inner runner would talk the outer runner's child protocol instead of TAP.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const r = await run(['--test', path.join(fixtures, 'user-suite.fixture.js')], { env });
  assert.equal(r.killed, undefined, `timed out: ${r.stdout}`);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /# pass 2/);
});

test('close() finishes the work already asked for, then refuses more', async () => {
  const pool = await createPool({ threads: 1 });
  const inputs = ['a', new Uint8Array(5 << 20), 'c'];
  const results = inputs.map((input) => pool.hash('sha256', input, { encoding: 'hex' }));
  const closed = pool.close();
  await assert.rejects(pool.hash('sha256', 'd'), { code: codes.POOL_CLOSED });
  assert.deepEqual(await Promise.all(results), inputs.map((i) => sha256(i)));
  await closed;
  assert.equal(pool.stats().state, 'closed');
});

test('stats() counts calls by outcome', async () => {
  const pool = await createPool({ threads: 2 });
  try {
    const none = { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    assert.deepEqual(pool.stats(), {
      threads: 2, pending: 0, queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0, state: 'open',
      utilization: 0, waitTime: none, runTime: none,
    });
    const inFlight = pool.hash('sha256', new Uint8Array(16 << 20));
    assert.equal(pool.stats().pending, 1);
    await inFlight;
    await pool.hash('sha256', 'x', { signal: AbortSignal.abort() }).catch(() => {});
    const s = pool.stats();
    assert.equal(s.completed, 1);
    assert.equal(s.cancelled, 1);
    assert.equal(s.pending, 0);
    // The 16 MiB call ran as 8 chunk jobs on the threads: they were timed.
    assert.ok(s.runTime.count >= 8, `runTime.count ${s.runTime.count}`);
    assert.equal(s.waitTime.count, s.runTime.count);
    assert.ok(s.runTime.p50 > 0 && s.runTime.p50 <= s.runTime.p99 && s.runTime.p99 <= s.runTime.max);
    assert.ok(s.utilization > 0 && s.utilization <= 1);
  } finally {
    await pool.close();
  }
});

test('Node-style callbacks, run in the async context of the call (AsyncLocalStorage)', async () => {
  const als = new AsyncLocalStorage();
  const pool = await new Promise((resolve, reject) =>
    createPool({ threads: 1 }, (err, p) => (err ? reject(err) : resolve(p))));
  try {
    const ok = await new Promise((resolve) =>
      als.run({ request: 7 }, () =>
        pool.hash('sha256', 'abc', { encoding: 'hex' }, (err, digest) => resolve({ err, digest, store: als.getStore() }))));
    assert.deepEqual(ok, { err: null, digest: sha256('abc'), store: { request: 7 } });

    const bad = await new Promise((resolve) =>
      als.run({ request: 8 }, () => pool.hash('nope', 'abc', (err, digest) => resolve({ err, digest, store: als.getStore() }))));
    assert.equal(bad.err.code, codes.UNKNOWN_ALGORITHM);
    assert.equal(bad.digest, undefined);
    assert.deepEqual(bad.store, { request: 8 });
    assert.equal(pool.hash('sha256', 'x', () => {}), undefined, 'returns undefined with a callback');
  } finally {
    await new Promise((resolve) => pool.close(resolve));
  }
});
