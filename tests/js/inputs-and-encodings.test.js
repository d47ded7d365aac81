'use strict';
// What a hash() call takes and gives, against node:crypto's SHA-256: every accepted input type,
// unaligned views, every result encoding, algorithm spellings. Lengths and sizes across every
// algorithm are kernels-match-node-crypto's.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

// An input that starts mid-buffer and spans chunks: the view's byteOffset must be honoured.
// (Lengths and sizes for every algorithm are kernels-match-node-crypto's.)
test(`an unaligned view across 2 MiB chunks (seed ${SEED})`, async () => {
  const backing = randomBytes(CHUNK_BYTES * 2 + 16, rng(SEED + 1));
  const view = backing.subarray(3, 3 + CHUNK_BYTES * 2 + 7);
  assert.equal(await pool.hash('sha256', view, { encoding: 'hex' }), sha256(view));
});

test('every accepted input type hashes the same bytes', async () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i * 7);
  const expected = sha256(bytes);
  const shared = new SharedArrayBuffer(100);
  new Uint8Array(shared).set(bytes);
  const cases = {
    Uint8Array: bytes,
    Buffer: Buffer.from(bytes),
    ArrayBuffer: bytes.slice().buffer,
    SharedArrayBuffer: shared,
    DataView: new DataView(bytes.slice().buffer),
    Uint16Array: new Uint16Array(bytes.slice().buffer),
    'offset view': new Uint8Array([0xff, ...bytes, 0xff]).subarray(1, 101),
  };
  for (const [name, input] of Object.entries(cases)) {
    assert.equal(await pool.hash('sha256', input, { encoding: 'hex' }), expected, name);
  }
  const text = 'héllo wörld — 你好 🌍';
  assert.equal(await pool.hash('sha256', text, { encoding: 'hex' }), sha256(Buffer.from(text, 'utf8')));
});

test('encodings match Buffer.toString, and raw output is a plain Uint8Array', async () => {
  for (const n of [0, 1, 2, 3, 31, 32, 33]) {
    const input = new Uint8Array(n).fill(n);
    const raw = await pool.hash('sha256', input);
    assert.ok(raw instanceof Uint8Array);
    assert.ok(raw.buffer instanceof ArrayBuffer, 'not a view of the shared heap');
    assert.deepEqual(Buffer.from(raw), sha256(input, 'buffer'));
    for (const encoding of ['hex', 'base64', 'base64url']) {
      assert.equal(await pool.hash('sha256', input, { encoding }), sha256(input, encoding), encoding);
    }
  }
});

test('algorithm names are case-insensitive and accept WebCrypto spellings', async () => {
  const expected = sha256('abc');
  for (const name of ['sha256', 'SHA256', 'SHA-256', 'sha-256']) {
    assert.equal(await pool.hash(name, 'abc', { encoding: 'hex' }), expected, name);
  }
  assert.ok(pool.algorithms.includes('sha256'));
  assert.deepEqual(require('parahash').algorithms, pool.algorithms);
});
