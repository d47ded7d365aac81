'use strict';
// hashMany: one crossing per batch, results in input order, identical to one-by-one digests.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool, codes } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2, maxInputLength: 8 << 20 });
});
after(() => pool.close());

const { referenceHex } = require('./references');
const reference = (name, data) => crypto.createHash(name).update(data).digest('hex');

test(`every algorithm: mixed sizes, including inputs that stream on their own (seed ${SEED})`, async () => {
  const next = rng(SEED + 20);
  const inputs = Array.from({ length: 600 }, (_, i) =>
    randomBytes(i % 150 === 7 ? CHUNK_BYTES + 1 + (next() % 1000) : next() % 2101, next));
  for (const name of pool.algorithms) {
    const digests = await pool.hashMany(name, inputs, { encoding: 'hex' });
    assert.equal(digests.length, inputs.length);
    for (let i = 0; i < inputs.length; i++) assert.equal(digests[i], await referenceHex(name, inputs[i]), `${name}, input ${i}`);
  }
});

test('100,000 messages of 64 bytes (several batches) come back in order', async () => {
  const next = rng(SEED + 21);
  const inputs = Array.from({ length: 100_000 }, () => randomBytes(64, next));
  const digests = await pool.hashMany('sha256', inputs);
  assert.equal(digests.length, 100_000);
  for (let i = 0; i < inputs.length; i += 997) assert.equal(Buffer.from(digests[i]).toString('hex'), sha256(inputs[i]), `message ${i}`);
  assert.equal(Buffer.from(digests[99_999]).toString('hex'), sha256(inputs[99_999]));
});

test('batch edges: empty list, empty messages, every input type, encodings', async () => {
  assert.deepEqual(await pool.hashMany('sha256', []), []);
  assert.deepEqual(await pool.hashMany('sha256', ['', new Uint8Array(0)], { encoding: 'hex' }), [sha256(''), sha256('')]);
  const bytes = Uint8Array.from([1, 2, 3, 4]);
  const mixed = ['text', bytes, bytes.buffer.slice(0), new DataView(bytes.buffer.slice(0)), Buffer.from(bytes)];
  const expected = ['text', bytes, bytes, bytes, bytes].map((x) => sha256(x, 'base64url'));
  assert.deepEqual(await pool.hashMany('SHA-256', mixed, { encoding: 'base64url' }), expected);
  const raw = await pool.hashMany('md5', ['a']);
  assert.ok(raw[0] instanceof Uint8Array && raw[0].length === 16);
});

test('bad arguments reject with their codes and the pool keeps working', async () => {
  await assert.rejects(pool.hashMany('sha256', 'not an array'), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.hashMany('sha256', ['ok', 7]), (err) => err.code === codes.INVALID_ARG && /inputs\[1\]/.test(err.message));
  await assert.rejects(pool.hashMany('nope', ['x']), { code: codes.UNKNOWN_ALGORITHM });
  await assert.rejects(pool.hashMany('sha256', ['x'], { encoding: 'utf8' }), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hashMany('sha256', ['small', new Uint8Array((8 << 20) + 1)]),
    (err) => err.code === codes.INPUT_TOO_LARGE && /inputs\[1\]/.test(err.message));
  await assert.rejects(pool.hashMany('sha256', ['x'], { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  assert.deepEqual(await pool.hashMany('sha256', ['still', 'fine'], { encoding: 'hex' }), [sha256('still'), sha256('fine')]);
});

test('aborting a long hashMany rejects it, frees its batches, and leaves the pool correct', async () => {
  const controller = new AbortController();
  const inputs = Array.from({ length: 40 }, (_, i) => new Uint8Array(1 << 20).fill(i));
  const running = pool.hashMany('sha512', inputs, { signal: controller.signal });
  // Aborted once the engine runs a batch of it: mid-call, whatever the machine's speed.
  while (pool.stats().running === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await assert.rejects(running, { code: codes.ABORTED });
  assert.equal(pool.stats().pending, 0);
  assert.deepEqual(await pool.hashMany('sha256', ['after'], { encoding: 'hex' }), [sha256('after')]);
});

test('callback form', async () => {
  const digests = await new Promise((resolve, reject) =>
    pool.hashMany('sha1', ['a', 'b'], { encoding: 'hex' }, (err, result) => (err ? reject(err) : resolve(result))));
  assert.deepEqual(digests, [reference('sha1', 'a'), reference('sha1', 'b')]);
});

// Calls that wait for the turn's budget to copy their batch in are queued work: an abort must
// reach them. Before, a batch was staged after the wait whatever the signal said, and all 1,000
// aborted calls below resolved with digests.
test('hashMany calls aborted while they wait their turn reject with AbortError', async () => {
  const pool = await createPool({ threads: 2 });
  try {
    const controllers = [];
    const calls = [];
    for (let i = 0; i < 2000; i++) {
      const controller = new AbortController();
      if (i % 2) controllers.push(controller);
      calls.push(pool.hashMany('sha256', [new Uint8Array(64).fill(i)], { signal: controller.signal, encoding: 'hex' }));
    }
    const done = new Set();
    calls.forEach((call, i) => call.then(() => done.add(i), () => done.add(i)));
    await new Promise((resolve) => setImmediate(resolve));
    // A call that already settled is past aborting; every other aborted one must reject.
    const settledBefore = new Set(done);
    for (const controller of controllers) controller.abort();
    const settled = await Promise.allSettled(calls);
    let stillWaiting = 0;
    settled.forEach((result, i) => {
      if (i % 2 === 0) assert.deepEqual(result.value, [sha256(new Uint8Array(64).fill(i))]);
      else if (settledBefore.has(i)) return;
      else if (stillWaiting++, result.status === 'fulfilled') assert.fail(`aborted call ${i} resolved`);
      else assert.equal(result.reason.name, 'AbortError');
    });
    assert.ok(stillWaiting > 100, `only ${stillWaiting} aborted calls were still waiting: the test proves little`);
  } finally {
    await pool.close();
  }
});
