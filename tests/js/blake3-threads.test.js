'use strict';
// BLAKE3 splits one large input across the pool's threads (whole 1 KiB chunks hashed in
// parallel, CVs merged in order). Every thread count must give hash-wasm's digest, in every mode.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const hashWasm = require('hash-wasm');
const { createPool, codes } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes } = require('./helpers');

const sizes = [0, 1, 1023, 1024, 1025, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 65 * 1024 + 7,
  CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 1000, 16 << 20];

test(`threads 1..8 agree with hash-wasm for sizes across chunk and job boundaries (seed ${SEED})`, async () => {
  const data = randomBytes(16 << 20, rng(SEED + 60));
  const key = randomBytes(32, rng(SEED + 61));
  const expected = await Promise.all(sizes.map((n) => hashWasm.blake3(data.subarray(0, n))));
  const expectedKeyed = await Promise.all(sizes.map((n) => hashWasm.blake3(data.subarray(0, n), 256, key)));
  for (const threads of [1, 2, 3, 4, 8]) {
    const pool = await createPool({ threads });
    try {
      for (const [i, n] of sizes.entries()) {
        const input = data.subarray(0, n);
        assert.equal(await pool.hash('blake3', input, { encoding: 'hex' }), expected[i], `${threads} threads, ${n} bytes`);
        assert.equal(await pool.hash('blake3', input, { key, encoding: 'hex' }), expectedKeyed[i], `keyed, ${threads} threads, ${n} bytes`);
      }
      // Long outputs and hashMany go through the same state.
      assert.equal(await pool.hash('blake3', data.subarray(0, 100_000), { outputLength: 1000, encoding: 'hex' }),
        await hashWasm.blake3(data.subarray(0, 100_000), 8000));
    } finally {
      await pool.close();
    }
  }
});

test('blake3 option errors reject with ERR_PARAHASH_INVALID_ARG', async () => {
  const pool = await createPool({ threads: 2 });
  try {
    await assert.rejects(pool.hash('blake3', 'x', { key: new Uint8Array(31) }), { code: codes.INVALID_ARG, name: 'RangeError' });
    await assert.rejects(pool.hash('blake3', 'x', { key: new Uint8Array(32), context: 'c' }), { code: codes.INVALID_ARG });
    await assert.rejects(pool.hash('sha256', 'x', { context: 'c' }), { code: codes.INVALID_ARG });
    await assert.rejects(pool.hash('blake3', 'x', { context: 5 }), { code: codes.INVALID_ARG, name: 'TypeError' });
    assert.equal(await pool.hash('blake3', 'abc', { encoding: 'hex' }), await hashWasm.blake3('abc'));
  } finally {
    await pool.close();
  }
});
