'use strict';
// Every path of pool.hash('sha256') against node:crypto: all short lengths, chunk boundaries,
// large inputs, every input type and encoding.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { CHUNK_BYTES } = require('../../js/jobs');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

test(`every length 0..300 (seed ${SEED})`, async () => {
  const next = rng();
  const inputs = Array.from({ length: 301 }, (_, n) => randomBytes(n, next));
  const digests = await Promise.all(inputs.map((b) => pool.hash('sha256', b, { encoding: 'hex' })));
  digests.forEach((d, n) => assert.equal(d, sha256(inputs[n]), `length ${n}`));
});

test(`sizes around the 2 MiB chunk and up to 64 MiB (seed ${SEED})`, async () => {
  const next = rng(SEED + 1);
  const sizes = [CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 2 * CHUNK_BYTES, 2 * CHUNK_BYTES + 63,
    3 * CHUNK_BYTES + 65, 5_000_003, 16 << 20, 64 << 20];
  const largest = randomBytes(sizes[sizes.length - 1], next);
  for (const size of sizes) {
    const input = largest.subarray(0, size);
    assert.equal(await pool.hash('sha256', input, { encoding: 'hex' }), sha256(input), `size ${size}`);
  }
  // Unaligned start and odd length: the view's byteOffset must be honoured.
  const view = largest.subarray(3, 3 + CHUNK_BYTES * 2 + 7);
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
