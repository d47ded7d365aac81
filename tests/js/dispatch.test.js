'use strict';
// Every dispatch path gives the same digests: inline (a small call while the turn has budget),
// coalesced (a small call past it, batched with the turn's others), streamed (one job), and
// chunked (several), for every algorithm, at lengths around each threshold.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool, codes } = require('parahash');
const { referenceHex } = require('./references');
const { SEED, rng, randomBytes } = require('./helpers');

const LENGTHS = [0, 1, 63, 64, 65, 1000, 8191, 8192, 8193, 65535, 65536, 65537, (2 << 20) + 1, (4 << 20) + 7];

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const freshTurn = () => new Promise((resolve) => setImmediate(resolve));
// Spends this turn's budget (js/engine/turns.js, ~1 ms), so that small calls made now are coalesced.
function spendTurn() {
  const until = performance.now() + 3;
  while (performance.now() < until);
}

test(`every algorithm, inline and coalesced and streamed, at every threshold (seed ${SEED})`, async () => {
  const next = rng();
  const inputs = LENGTHS.map((n) => randomBytes(n, next));
  for (const algorithm of pool.algorithms) {
    const want = await Promise.all(inputs.map((b) => referenceHex(algorithm, b)));
    if (want.some((w) => w === undefined)) continue; // kernels-match-*.test.js cover those without a reference here
    await freshTurn();
    const inline = inputs.map((b) => pool.hash(algorithm, b, { encoding: 'hex' }));
    await freshTurn();
    spendTurn();
    const coalesced = inputs.map((b) => pool.hash(algorithm, b, { encoding: 'hex' }));
    const raw = inputs.map((b) => pool.hash(algorithm, b));
    const [a, b, c] = await Promise.all([Promise.all(inline), Promise.all(coalesced), Promise.all(raw)]);
    a.forEach((d, i) => assert.equal(d, want[i], `${algorithm}, ${LENGTHS[i]} bytes, while the turn has budget`));
    b.forEach((d, i) => assert.equal(d, want[i], `${algorithm}, ${LENGTHS[i]} bytes, past the budget`));
    c.forEach((d, i) => assert.ok(Buffer.isBuffer(d) && d.toString('hex') === want[i], `${algorithm} raw, ${LENGTHS[i]} bytes`));
  }
});

test('options and HMAC take every path too', async () => {
  const next = rng(SEED + 1);
  const key = randomBytes(32, next);
  for (const n of [0, 100, 9000, 70_000, 3 << 20]) {
    const data = randomBytes(n, next);
    await freshTurn();
    const now = [pool.hash('blake3', data, { key, encoding: 'hex' }), pool.hash('xxh64', data, { seed: 42n, encoding: 'hex' }),
      pool.hash('shake256', data, { outputLength: 100, encoding: 'hex' }), pool.hmac('sha256', 'k', data, { encoding: 'hex' })];
    spendTurn();
    const later = [pool.hash('blake3', data, { key, encoding: 'hex' }), pool.hash('xxh64', data, { seed: 42n, encoding: 'hex' }),
      pool.hash('shake256', data, { outputLength: 100, encoding: 'hex' }), pool.hmac('sha256', 'k', data, { encoding: 'hex' })];
    const want = [
      await require('hash-wasm').blake3(data, 256, key),
      await require('hash-wasm').xxhash64(data, 42 >>> 0, 0),
      crypto.createHash('shake256', { outputLength: 100 }).update(data).digest('hex'),
      crypto.createHmac('sha256', 'k').update(data).digest('hex'),
    ];
    assert.deepEqual(await Promise.all(now), want, `${n} bytes, in budget`);
    assert.deepEqual(await Promise.all(later), want, `${n} bytes, past it`);
  }
});

test('a storm of calls with aborts and bad input: every other call right, stats() adding up', async () => {
  const p = await createPool({ threads: 2 });
  const next = rng(SEED + 2);
  const before = p.stats();
  const expected = [];
  const calls = [];
  let aborted = 0;
  let invalid = 0;
  for (let i = 0; i < 20_000; i++) {
    const kind = next() % 20;
    if (kind === 0) {
      invalid++;
      calls.push(p.hash('sha256', { length: 3 }).then(() => assert.fail('accepted'), (e) => assert.equal(e.code, codes.INVALID_ARG)));
    } else if (kind === 1) {
      const controller = new AbortController();
      const call = p.hash('sha256', randomBytes(next() % 200_000, next), { signal: controller.signal });
      setTimeout(() => controller.abort(), next() % 5);
      calls.push(call.then(() => {}, (e) => {
        assert.equal(e.code, codes.ABORTED);
        aborted++;
      }));
    } else {
      const data = randomBytes(next() % 3000, next);
      const want = crypto.createHash('md5').update(data).digest('hex');
      expected.push(want);
      calls.push(p.hash('md5', data, { encoding: 'hex' }).then((d) => assert.equal(d, want)));
    }
    if (i % 1000 === 999) await freshTurn();
  }
  await Promise.all(calls);
  const s = p.stats();
  assert.equal(s.pending, 0);
  assert.equal(s.failed - before.failed, 0, 'bad input is refused before it is a call');
  assert.equal(s.cancelled - before.cancelled, aborted);
  assert.equal(s.completed - before.completed, 20_000 - invalid - aborted);
  await p.close();
});
