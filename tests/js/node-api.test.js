'use strict';
// The Node-shaped parts of the API: the default pool, timeouts, aborts named as Node names them,
// async context per call, the 'drain' event, stats, strict options.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { AsyncLocalStorage, createHook } = require('node:async_hooks');
const parahash = require('parahash');
const { sha256 } = require('./helpers');

const { createPool, codes } = parahash;
const MiB = 1024 * 1024;

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(async () => {
  await pool.close();
  await parahash.closeDefaultPool();
});

const ROOT = path.join(__dirname, '..', '..');
const run = (source) => new Promise((resolve) => {
  const started = performance.now();
  execFile(process.execPath, ['-e', source], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) =>
    resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr, ms: performance.now() - started }));
});

test('the top-level functions work on a default pool, the same from CommonJS and ESM', async () => {
  assert.equal(await parahash.hash('sha256', 'abc', { encoding: 'hex' }), sha256('abc'));
  assert.deepEqual(await parahash.hashMany('md5', ['a'], { encoding: 'hex' }), [crypto.createHash('md5').update('a').digest('hex')]);
  assert.equal(await parahash.hmac('sha256', 'k', 'm', { encoding: 'hex' }), crypto.createHmac('sha256', 'k').update('m').digest('hex'));
  const h = parahash.createHash('sha256');
  h.update(Buffer.alloc(3 * MiB, 1));
  assert.equal(await h.digest('hex'), sha256(Buffer.alloc(3 * MiB, 1)));
  assert.equal(await parahash.hashFile(__filename, 'sha256', { encoding: 'hex' }), sha256(require('node:fs').readFileSync(__filename)));
  assert.equal(await parahash.hashStream(['a', 'b'], 'sha256', { encoding: 'hex' }), sha256('ab'));
  assert.equal((await parahash.pbkdf2('pw', 'salt', 2, 16, 'sha256')).toString('hex'), crypto.pbkdf2Sync('pw', 'salt', 2, 16, 'sha256').toString('hex'));
  const esm = await import('parahash');
  assert.equal(esm.hash, parahash.hash);
  assert.equal(await esm.getDefaultPool(), await parahash.getDefaultPool());
  const digest = await new Promise((resolve, reject) => parahash.hash('sha1', 'x', { encoding: 'hex' }, (e, d) => (e ? reject(e) : resolve(d))));
  assert.equal(digest, crypto.createHash('sha1').update('x').digest('hex'));
});

test('configureDefaultPool before first use; refused once in use; closeDefaultPool releases it', async () => {
  await parahash.closeDefaultPool();
  parahash.configureDefaultPool({ threads: 1, maxQueue: 5 });
  assert.equal((await parahash.getDefaultPool()).threads, 1);
  assert.throws(() => parahash.configureDefaultPool({ threads: 2 }), { code: codes.INVALID_ARG });
  const first = await parahash.getDefaultPool();
  await parahash.closeDefaultPool();
  assert.equal(first.stats().state, 'closed');
  assert.throws(() => parahash.configureDefaultPool({ threads: 0 }), { code: codes.INVALID_ARG });
  assert.throws(() => parahash.configureDefaultPool({ thread: 2 }), { code: codes.INVALID_ARG, message: /thread/ });
  parahash.configureDefaultPool({ threads: 2 });
  assert.equal(await parahash.hash('sha256', 'again', { encoding: 'hex' }), sha256('again'));
  assert.equal((await parahash.getDefaultPool()).threads, 2);
  assert.notEqual(await parahash.getDefaultPool(), first);
});

test('the default pool never keeps the process alive', async () => {
  const used = await run(`const p = require('.');
    p.hash('sha256', Buffer.alloc(8 << 20)).then((d) => console.log(d.length));
    const h = p.createHash('blake3'); h.update(Buffer.alloc(5 << 20)); // never digested`);
  assert.equal(used.code, 0, used.stderr);
  assert.equal(used.stdout.trim(), '32');
  assert.ok(used.ms < 20_000);
});

test('createHash of the default pool checks its arguments before the pool exists', () => {
  assert.throws(() => parahash.createHash('nope'), { code: codes.UNKNOWN_ALGORITHM });
  assert.throws(() => parahash.createHash('sha256', { outputLength: 5 }), { code: codes.INVALID_ARG });
  assert.throws(() => parahash.createHmac('xxh64', 'k'), { code: codes.INVALID_ARG });
});

test('a timeout on every kind of call rejects with ERR_PARAHASH_TIMEOUT, counted from the call', async () => {
  const big = Buffer.alloc(64 * MiB);
  const calls = {
    hash: () => pool.hash('sha3-512', big, { timeout: 5 }),
    hmac: () => pool.hmac('sha3-512', 'k', big, { timeout: 5 }),
    hashMany: () => pool.hashMany('sha3-512', [big, big], { timeout: 5 }),
    hashStream: () => pool.hashStream([big], 'sha3-512', { timeout: 5 }),
    hashFile: () => pool.hashFile('/dev/zero', 'sha3-512', { timeout: 30 }),
    pbkdf2: () => pool.pbkdf2('pw', 'salt', 2 ** 30, 32, 'sha512', { timeout: 5 }),
    scrypt: () => pool.scrypt('pw', 'salt', 32, { N: 2 ** 16, r: 8, p: 16, maxmem: 2 ** 30, timeout: 5 }),
    argon2id: () => pool.argon2id('pw', 'saltsalt', { memoryCost: 65536, timeCost: 50, timeout: 5 }),
    argon2Hash: () => pool.argon2Hash('pw', { memoryCost: 65536, timeCost: 50, timeout: 5 }),
    argon2Verify: () => pool.argon2Verify('$argon2id$v=19$m=65536,t=50,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'pw', { timeout: 5 }),
  };
  for (const [name, call] of Object.entries(calls)) {
    const started = performance.now();
    await assert.rejects(call(), (error) => {
      assert.equal(error.code, codes.TIMEOUT, `${name}: ${error.message}`);
      return true;
    });
    // The running job stops at its next safe point: well inside a second.
    assert.ok(performance.now() - started < 2000, `${name} took ${performance.now() - started} ms`);
  }
  // Queue wait counts: a call stuck behind others times out before it starts.
  const one = await createPool({ threads: 1 });
  try {
    const blocker = one.pbkdf2('pw', 'salt', 2 ** 22, 32, 'sha512');
    await assert.rejects(one.hash('sha256', Buffer.alloc(4 * MiB), { timeout: 20 }), { code: codes.TIMEOUT });
    await blocker;
  } finally {
    await one.close();
  }
  assert.equal(pool.stats().pending, 0);
  assert.equal(await pool.hash('sha256', 'ok', { encoding: 'hex' }), sha256('ok'));
});

test('aborts are AbortErrors with ERR_PARAHASH_ABORTED; AbortSignal.timeout() works', async () => {
  const controller = new AbortController();
  const call = pool.hash('sha3-512', Buffer.alloc(64 * MiB), { signal: controller.signal });
  controller.abort(new Error('user went away'));
  await assert.rejects(call, (error) => {
    assert.equal(error.name, 'AbortError');
    assert.equal(error.code, codes.ABORTED);
    assert.equal(error.cause.message, 'user went away');
    return true;
  });
  await assert.rejects(pool.argon2id('pw', 'saltsalt', { memoryCost: 65536, timeCost: 50, signal: AbortSignal.timeout(10) }),
    (error) => error.code === codes.ABORTED && error.cause?.name === 'TimeoutError');
});

test('each call is an AsyncResource of type PARAHASH_TASK, inline, coalesced and threaded alike', async () => {
  let tasks = 0;
  const hook = createHook({ init(id, type) { if (type === 'PARAHASH_TASK') tasks++; } }).enable();
  try {
    await pool.hash('sha256', 'inline');
    await Promise.all(Array.from({ length: 3000 }, (_, i) => pool.hash('sha256', `coalesced ${i}`)));
    await pool.hash('sha256', Buffer.alloc(4 * MiB));
    await pool.hashMany('sha256', ['a', 'b']);
  } finally {
    hook.disable();
  }
  assert.equal(tasks, 1 + 3000 + 1 + 1);
});

test('callbacks and onProgress run in their own call\'s async context, with calls overlapping', async () => {
  const als = new AsyncLocalStorage();
  const seen = [];
  const progressOf = (id) => () => seen.push({ id, store: als.getStore()?.id });
  await Promise.all([1, 2, 3, 4].map((id) => als.run({ id }, () => Promise.all([
    pool.argon2id('pw', 'saltsalt', { memoryCost: 1024, timeCost: 4, parallelism: 2, onProgress: progressOf(id) }),
    pool.hashStream([Buffer.alloc(3 * MiB)], 'sha256', { onProgress: progressOf(id) }),
    pool.hashFile(__filename, 'sha256', { onProgress: progressOf(id) }),
    new Promise((resolve) => pool.hash('sha256', Buffer.alloc(3 * MiB), (error) => {
      seen.push({ id, store: als.getStore()?.id });
      resolve(error);
    })),
  ]))));
  assert.ok(seen.length >= 4 * 4);
  for (const { id, store } of seen) assert.equal(store, id);
});

test('the pool is an EventTarget: "drain" fires when nothing is pending any more', async () => {
  assert.ok(pool instanceof EventTarget);
  let drains = 0;
  const listener = () => {
    drains++;
    assert.equal(pool.stats().pending, 0);
  };
  pool.addEventListener('drain', listener);
  try {
    const calls = [pool.hash('sha256', Buffer.alloc(8 * MiB)), pool.hash('sha512', Buffer.alloc(8 * MiB))];
    assert.equal(drains, 0);
    await Promise.all(calls);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(drains, 1);
  } finally {
    pool.removeEventListener('drain', listener);
  }
});

test('stats(): utilisation and wait/run percentiles add up', async () => {
  await Promise.all(Array.from({ length: 6 }, () => pool.hash('sha256', Buffer.alloc(8 * MiB))));
  const s = pool.stats();
  assert.ok(s.utilization > 0 && s.utilization <= 1);
  for (const times of [s.waitTime, s.runTime]) {
    assert.ok(times.count > 0);
    assert.ok(times.p50 <= times.p90 && times.p90 <= times.p99 && times.p99 <= times.max);
    assert.ok(times.mean > 0 && times.mean <= times.max);
  }
  assert.equal(s.pending, 0);
});

test('strict options: an unknown name is refused, naming it (no more silent defaults)', async () => {
  await assert.rejects(pool.argon2id('pw', 'saltsalt', { memory: 1024, iterations: 1 }), { code: codes.INVALID_ARG, message: /memory/ });
  await assert.rejects(pool.scrypt('pw', 'salt', 16, { n: 1024 }), { code: codes.INVALID_ARG, message: /options\.n\b/ });
  await assert.rejects(pool.hash('sha256', 'x', { encodign: 'hex' }), { code: codes.INVALID_ARG, message: /encodign/ });
  await assert.rejects(pool.hashFile(__filename, 'sha256', { chunkSize: 5 }), { code: codes.INVALID_ARG, message: /chunkSize/ });
  assert.throws(() => pool.createHash('sha256', { highWaterMark: 5 }), { code: codes.INVALID_ARG, message: /highWaterMark/ });
  await assert.rejects(createPool({ thread: 2 }), { code: codes.INVALID_ARG, message: /thread/ });
});

test('isAlgorithm: canonical names and aliases in any case, nothing else; the same function in ESM', async () => {
  for (const name of [...parahash.algorithms, 'SHA-256', 'Blake2b', 'sha3_256']) assert.equal(parahash.isAlgorithm(name), true, name);
  for (const value of ['nope', '', 'sha256 ', 42, null, undefined, { toLowerCase: () => 'sha256' }]) assert.equal(parahash.isAlgorithm(value), false, String(value));
  const esm = await import('parahash');
  assert.equal(esm.isAlgorithm, parahash.isAlgorithm);
  assert.equal(parahash.codes.LOAD_FAILED, 'ERR_PARAHASH_LOAD_FAILED');
});
