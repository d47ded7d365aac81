'use strict';
// options.key and options.outputLength on algorithms whose row allows them (BLAKE2, BLAKE3),
// against hash-wasm; through hash, hashMany (batched and streamed) and across chunks.
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

// hash-wasm's BLAKE2 takes the length in bits and an optional key.
const references = {
  blake2b512: (data, bytes, key) => hashWasm.blake2b(data, bytes * 8, key),
  blake2s256: (data, bytes, key) => hashWasm.blake2s(data, bytes * 8, key),
  blake3: (data, bytes, key) => hashWasm.blake3(data, bytes * 8, key),
};

const keyed = kernels.filter((k) => k.maxKey > 0);

test('every keyed algorithm has a reference here', () => {
  assert.ok(keyed.length > 0);
  for (const k of keyed) assert.ok(references[k.name], k.name);
});

test(`key lengths 0..max and output lengths 1..max against hash-wasm (seed ${SEED})`, async () => {
  const next = rng(SEED + 40);
  for (const k of keyed) {
    const jobs = [];
    const keyLengths = [...new Set([0, k.minKey, 16, k.maxKey - 1, k.maxKey])].filter((n) => n === 0 || n >= k.minKey);
    const longest = Math.min(k.maxOutput, 200); // XOFs go to 16 MiB; output-length.test.js covers long squeezes
    for (const keyLength of keyLengths) {
      const key = keyLength === 0 ? undefined : randomBytes(keyLength, next);
      for (const outputLength of [1, 7, 16, 20, longest - 1, longest]) {
        for (const n of [0, 1, k.blockSize - 1, k.blockSize, k.blockSize + 1, 3 * k.blockSize]) {
          const data = randomBytes(n, next);
          jobs.push((async () => assert.equal(
            await pool.hash(k.name, data, { key, outputLength, encoding: 'hex' }),
            await references[k.name](data, outputLength, key),
            `${k.name} key ${keyLength} out ${outputLength} data ${n}`))());
        }
      }
    }
    await Promise.all(jobs);
  }
});

test('keyed hashMany (batched and streamed inputs) and keyed streaming across chunks', async () => {
  const next = rng(SEED + 41);
  for (const k of keyed) {
    const key = randomBytes(k.maxKey, next);
    const inputs = [randomBytes(100, next), randomBytes(CHUNK_BYTES + 3, next), randomBytes(0, next)];
    const got = await pool.hashMany(k.name, inputs, { key, outputLength: 24, encoding: 'hex' });
    const want = await Promise.all(inputs.map((d) => references[k.name](d, 24, key)));
    assert.deepEqual(got, want, k.name);
  }
});

test('bad keys reject with ERR_PARAHASH_INVALID_ARG', async () => {
  await assert.rejects(pool.hash('blake2s256', 'x', { key: new Uint8Array(33) }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('blake2b512', 'x', { key: 12345 }), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.hash('blake2b512', 'x', { outputLength: 65 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('blake2b512', 'x', { outputLength: 0 }), { code: codes.INVALID_ARG });
  assert.equal(await pool.hash('blake2b512', 'abc', { encoding: 'hex', key: 'k' }), await hashWasm.blake2b('abc', 512, 'k'));
});
