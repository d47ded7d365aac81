'use strict';
// Lengths and keys where peers define them (issue 16, item 4): node:crypto where it has the call
// (SHAKE's outputLength 0 and PBKDF2/scrypt's keylen 0 give an empty result), a coded refusal
// where it has none (BLAKE3's and BLAKE2's outputLength 0), and an empty BLAKE2 key is no key
// (the BLAKE2 specification; hash-wasm does the same). Every path: hash, hashMany, createHash.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const hashWasm = require('hash-wasm');
const { createPool, codes } = require('parahash');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const paths = {
  hash: (a, d, o) => pool.hash(a, d, { ...o, encoding: 'hex' }),
  hashMany: async (a, d, o) => (await pool.hashMany(a, [d], { ...o, encoding: 'hex' }))[0],
  createHash: (a, d, o) => pool.createHash(a, o).update(d).digest('hex'),
};

test('outputLength 0: empty for SHAKE (as node:crypto), refused for BLAKE3 and BLAKE2', async () => {
  for (const [path, run] of Object.entries(paths)) {
    for (const algorithm of ['shake128', 'shake256']) {
      assert.equal(await run(algorithm, 'abc', { outputLength: 0 }), crypto.createHash(algorithm, { outputLength: 0 }).update('abc').digest('hex'), path);
    }
    for (const algorithm of ['blake3', 'blake2b512', 'blake2s256']) {
      await assert.rejects(async () => run(algorithm, 'abc', { outputLength: 0 }), { name: 'RangeError', code: codes.INVALID_ARG }, `${path} ${algorithm}`);
      assert.equal((await run(algorithm, 'abc', { outputLength: 1 })).length, 2, `${path} ${algorithm}`);
    }
  }
});

test('PBKDF2 and scrypt key length 0: an empty key, as node:crypto gives', async () => {
  assert.deepEqual(await pool.pbkdf2('pw', 'salt', 1, 0, 'sha256'), crypto.pbkdf2Sync('pw', 'salt', 1, 0, 'sha256'));
  assert.deepEqual(await pool.scrypt('pw', 'salt', 0, { N: 16 }), crypto.scryptSync('pw', 'salt', 0, { N: 16 }));
  assert.equal((await pool.pbkdf2('pw', 'salt', 1, 0, 'sha256')).length, 0);
});

test('an empty BLAKE2 key is no key; an empty BLAKE3 key is refused', async () => {
  for (const [path, run] of Object.entries(paths)) {
    for (const key of ['', new Uint8Array(0), new ArrayBuffer(0)]) {
      assert.equal(await run('blake2b512', 'abc', { key }), crypto.createHash('blake2b512').update('abc').digest('hex'), path);
      assert.equal(await run('blake2s256', 'abc', { key }), crypto.createHash('blake2s256').update('abc').digest('hex'), path);
      assert.equal(await run('blake2b512', 'abc', { key, outputLength: 32 }), await hashWasm.blake2b('abc', 256, ''), path);
    }
    assert.equal(await run('blake2b512', 'abc', { key: 'k' }), await hashWasm.blake2b('abc', 512, 'k'), path);
    await assert.rejects(async () => run('blake3', 'abc', { key: '' }), { name: 'RangeError', code: codes.INVALID_ARG }, path);
  }
});
