'use strict';
// Small calls that carry options (issue 16, item 20) stay inside the staging budget: they are
// coalesced by the value of their options, not one group (and one 256 KiB block) per call, and
// a digest too large to ride in a group streams on its own, waiting its turn.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const hashWasm = require('hash-wasm');
const { createPool } = require('parahash');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.destroy());

const message = (i) => `message ${i}`;

test('20,000 concurrent xxh64 calls with one seed all succeed', async () => {
  const digests = await Promise.all(Array.from({ length: 20_000 }, (_, i) => pool.hash('xxh64', message(i), { seed: 1, encoding: 'hex' })));
  for (const i of [0, 1, 9_999, 19_999]) assert.equal(digests[i], await hashWasm.xxhash64(message(i), 1, 0), `call ${i}`);
});

test('20,000 concurrent xxh64 calls with 20,000 different seeds all succeed', async () => {
  const digests = await Promise.all(Array.from({ length: 20_000 }, (_, i) => pool.hash('xxh64', message(i), { seed: i, encoding: 'hex' })));
  for (const i of [0, 1, 9_999, 19_999]) assert.equal(digests[i], await hashWasm.xxhash64(message(i), i, 0), `call ${i}`);
});

test('130 concurrent shake256 calls of 16 MiB each (more than the heap at once) all succeed', async () => {
  const outputLength = 16 * 1024 * 1024;
  const want = (i) => crypto.createHash('shake256', { outputLength }).update(message(i)).digest();
  let checked = 0;
  await Promise.all(Array.from({ length: 130 }, (_, i) => pool.hash('shake256', message(i), { outputLength }).then((digest) => {
    assert.equal(digest.length, outputLength);
    if (i % 43 === 0) {
      assert.ok(digest.equals(want(i)), `call ${i}`);
      checked++;
    }
  })));
  assert.equal(checked, 4);
});

test('after 5,000 seeded calls the heap still holds a 1,400 MiB Argon2id', async () => {
  await Promise.all(Array.from({ length: 5_000 }, (_, i) => pool.hash('xxh64', message(i), { seed: i })));
  const tag = await pool.argon2id('password', 'somesalt', { memoryCost: 1400 * 1024, timeCost: 1, parallelism: 2, hashLength: 16 });
  assert.equal(tag.length, 16);
});
