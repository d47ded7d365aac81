'use strict';
// Differential test: every algorithm in the registry against an independent implementation
// (references.js), so a new kernel is checked with no new test code. Lengths 0..2,100 cover every block-size boundary ±1; larger
// sizes cross the 2 MiB chunking.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const { referenceHex } = require('./references');

test('every registered algorithm has an independent reference implementation', async () => {
  const missing = [];
  for (const name of pool.algorithms) if ((await referenceHex(name, 'abc')) === undefined) missing.push(name);
  assert.deepEqual(missing, [], 'add a reference for these in references.js');
});

test(`every algorithm, every length 0..2,100 (seed ${SEED})`, async () => {
  const next = rng(SEED + 10);
  const data = randomBytes(2101, next);
  for (const name of pool.algorithms) {
    const inputs = Array.from({ length: 2101 }, (_, n) => data.subarray(0, n));
    const digests = await Promise.all(inputs.map((b) => pool.hash(name, b, { encoding: 'hex' })));
    for (let n = 0; n < inputs.length; n++) assert.equal(digests[n], await referenceHex(name, inputs[n]), `${name}, length ${n}`);
  }
});

test(`every algorithm across chunk boundaries and up to 64 MiB (seed ${SEED})`, async () => {
  // 64 MiB + 5 is 33 chunks: more than the per-call queue holds, so chunks wait in the engine
  // behind their state's running one, and the odd tail ends the stream mid-block.
  const big = randomBytes((64 << 20) + 5, rng(SEED + 11));
  const sizes = [CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 2 * CHUNK_BYTES + 127, (64 << 20) + 5];
  for (const name of pool.algorithms) {
    for (const size of sizes) {
      const input = big.subarray(0, size);
      assert.equal(await pool.hash(name, input, { encoding: 'hex' }), await referenceHex(name, input), `${name}, ${size} bytes`);
    }
  }
});

test('WebCrypto spellings resolve to the same algorithms', async () => {
  for (const [webName, nodeName] of [['SHA-1', 'sha1'], ['SHA-256', 'sha256'], ['SHA-384', 'sha384'], ['SHA-512', 'sha512']]) {
    assert.equal(await pool.hash(webName, 'abc', { encoding: 'hex' }), await referenceHex(nodeName, 'abc'), webName);
  }
});
