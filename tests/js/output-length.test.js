'use strict';
// options.outputLength: XOFs squeeze any length in their range; fixed-length algorithms accept
// only their own length; both checked against node:crypto.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool, codes } = require('parahash');
const kernels = require('../../dist/algorithms.json');
const { referenceHex } = require('./references');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const xofs = kernels.filter((k) => k.kind === 'xof');

test('every XOF at lengths around its rate, one-shot and in hashMany, equals its reference', async () => {
  assert.ok(xofs.length > 0);
  const data = crypto.randomBytes(1000);
  for (const k of xofs) {
    for (const outputLength of [k.minOutput, 1, k.digestSize, k.blockSize - 1, k.blockSize, k.blockSize + 1, 3 * k.blockSize + 5, 4096]) {
      const expected = await referenceHex(k.name, data, outputLength);
      assert.equal(await pool.hash(k.name, data, { outputLength, encoding: 'hex' }), expected, `${k.name} ${outputLength}`);
      assert.deepEqual(await pool.hashMany(k.name, [data, data.subarray(1)], { outputLength, encoding: 'hex' }),
        [expected, await referenceHex(k.name, data.subarray(1), outputLength)]);
    }
  }
});

test('the default output length is node:crypto\'s', async () => {
  for (const k of xofs) {
    const digest = await pool.hash(k.name, 'abc');
    assert.equal(digest.length, k.digestSize);
  }
});

test('outputLength out of range or of the wrong type rejects with ERR_PARAHASH_INVALID_ARG', async () => {
  await assert.rejects(pool.hash('sha256', 'x', { outputLength: 16 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('shake128', 'x', { outputLength: -1 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.hash('shake128', 'x', { outputLength: (16 << 20) + 1 }), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hash('shake128', 'x', { outputLength: 1.5 }), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.hash('shake128', 'x', { outputLength: '32' }), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.hmac('shake256', 'k', 'x'), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hmac('crc32', 'k', 'x'), { code: codes.INVALID_ARG });
  assert.equal((await pool.hash('sha256', 'x', { outputLength: 32 })).length, 32, 'its own length is fine');
});
