'use strict';
// options.seed on algorithms whose row allows one (xxHash so far), against hash-wasm, across
// the whole seed range, through hash, hashMany (batched and streamed) and across chunks. XXH3
// uses the seed directly up to 240 bytes and a secret derived from it beyond, so the lengths
// reach both sides of 240 and several 1024-byte blocks.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const hashWasm = require('hash-wasm');
const { createPool, codes } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes } = require('./helpers');
const kernels = require('../../dist/algorithms.json');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const lo = (seed) => Number(BigInt(seed) & 0xffffffffn);
const hi = (seed) => Number(BigInt(seed) >> 32n);
const references = {
  xxh32: (data, seed) => hashWasm.xxhash32(data, Number(seed)),
  xxh64: (data, seed) => hashWasm.xxhash64(data, lo(seed), hi(seed)),
  xxh3: (data, seed) => hashWasm.xxhash3(data, lo(seed), hi(seed)),
  xxh128: (data, seed) => hashWasm.xxhash128(data, lo(seed), hi(seed)),
};
const seeded = kernels.filter((k) => k.seedBits > 0);

test('every seeded algorithm has a reference here', () => {
  assert.ok(seeded.length > 0);
  for (const k of seeded) assert.ok(references[k.name], k.name);
});

test(`seeds across the range, lengths around the stripe size (seed ${SEED})`, async () => {
  const next = rng(SEED + 50);
  for (const k of seeded) {
    const max = (1n << BigInt(k.seedBits)) - 1n;
    const seeds = [0, 1, 0x7fffffff, 0xffffffff, Number.MAX_SAFE_INTEGER, max, max / 3n, (max / 3n) * 2n]
      .filter((seed) => BigInt(seed) <= max);
    const jobs = [];
    for (const seed of seeds) {
      for (const n of [0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 128, 129, 240, 241, 256, 257, 1000, 1024, 1025, 4097]) {
        const data = randomBytes(n, next);
        jobs.push((async () => assert.equal(await pool.hash(k.name, data, { seed, encoding: 'hex' }),
          await references[k.name](data, seed), `${k.name} seed ${seed} length ${n}`))());
      }
    }
    await Promise.all(jobs);
  }
});

test('seeded hashMany and streaming across chunks', async () => {
  const next = rng(SEED + 51);
  for (const k of seeded) {
    const seed = 123456789n;
    const inputs = [randomBytes(10, next), randomBytes(CHUNK_BYTES * 2 + 9, next), randomBytes(0, next)];
    assert.deepEqual(await pool.hashMany(k.name, inputs, { seed, encoding: 'hex' }),
      await Promise.all(inputs.map((d) => references[k.name](d, seed))), k.name);
  }
});

test('bad seeds reject with ERR_PARAHASH_INVALID_ARG', async () => {
  await assert.rejects(pool.hash('xxh32', 'x', { seed: 2 ** 32 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('xxh64', 'x', { seed: 1n << 64n }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('xxh64', 'x', { seed: -1 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('xxh64', 'x', { seed: 1.5 }), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.hash('xxh64', 'x', { seed: '7' }), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.hmac('xxh64', 'k', 'x'), { code: codes.INVALID_ARG });
  for (const name of ['xxh3', 'xxh128']) {
    await assert.rejects(pool.hash(name, 'x', { seed: 1n << 64n }), { code: codes.INVALID_ARG, name: 'RangeError' }, name);
    await assert.rejects(pool.hash(name, 'x', { seed: -1n }), { code: codes.INVALID_ARG, name: 'RangeError' }, name);
    await assert.rejects(pool.hash(name, 'x', { seed: 2 ** 64 }), { code: codes.INVALID_ARG, name: 'TypeError' }, name);
    await assert.rejects(pool.hash(name, 'x', { key: new Uint8Array(16) }), (e) => e.code === codes.INVALID_ARG && /takes no key/.test(e.message), name);
    await assert.rejects(pool.hashMany(name, ['x'], { seed: 1n << 64n }), { code: codes.INVALID_ARG }, name);
    await assert.rejects(pool.hmac(name, 'k', 'x'), { code: codes.INVALID_ARG }, name);
  }
  assert.equal(await pool.hash('xxh64', 'abc', { seed: 0, encoding: 'hex' }), '44bc2cf5ad770999');
});
