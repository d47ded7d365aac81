'use strict';
// Differential test against @noble/hashes: a pure-JS, audited implementation independent of both
// node:crypto (OpenSSL) and hash-wasm (C), which also takes every option parahash takes (SHAKE and
// BLAKE3 at any output length, BLAKE2 and BLAKE3 keys, BLAKE3 derive-key contexts). For every
// algorithm noble has: every length 0..2,100 (each block-size boundary ±1, BLAKE3's 1 KiB chunks),
// sizes across the 2 MiB staging chunks, through pool.hash and pool.hashMany; then key and
// output-length sweeps. Replay a failure with PARAHASH_TEST_SEED=<printed seed>.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes } = require('./helpers');
const kernels = require('../../dist/algorithms.json');

// Registry name → noble export. Written out rather than derived, so that a missing row is a
// failure below and never a silently skipped algorithm.
const NOBLE_EXPORT = {
  md5: 'md5', sha1: 'sha1', // @noble/hashes/legacy.js
  sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', 'sha512-256': 'sha512_256',
  'sha3-224': 'sha3_224', 'sha3-256': 'sha3_256', 'sha3-384': 'sha3_384', 'sha3-512': 'sha3_512',
  shake128: 'shake128', shake256: 'shake256',
  blake2b512: 'blake2b', blake2s256: 'blake2s', blake3: 'blake3',
};
// Registry algorithms noble does not implement (checksums and non-cryptographic hashes; hash-wasm
// checks them in seeds.test.js and references.js). Any other algorithm without a row above fails.
const NOT_IN_NOBLE = new Set(['crc32', 'crc32c', 'xxh32', 'xxh64', 'xxh3', 'xxh128']);
const NOBLE_MODULES = ['legacy', 'sha2', 'sha3', 'blake2', 'blake3'];

// noble's export names in the registry's (node:crypto's) spelling: sha3_256 → sha3-256,
// blake2b → blake2b512. Used to notice a kernel noble has but this file does not map.
const registrySpelling = (exportName) =>
  ({ blake2b: 'blake2b512', blake2s: 'blake2s256' })[exportName] ?? exportName.replace(/_/g, '-');

let pool;
let noble; // @noble/hashes 2.x is ESM-only: loaded with import()
before(async () => {
  pool = await createPool({ threads: 2 });
  const modules = await Promise.all(NOBLE_MODULES.map((m) => import(`@noble/hashes/${m}.js`)));
  noble = Object.assign({}, ...modules);
});
after(() => pool.close());

const kernel = (name) => kernels.find((k) => k.name === name);
const utf8 = (s) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

// options are parahash's ({ outputLength, key, context }); noble calls the length dkLen and
// takes the context as bytes.
function nobleHex(name, data, { outputLength, key, context } = {}) {
  const fn = noble[NOBLE_EXPORT[name]];
  if (typeof fn !== 'function') throw new Error(`no @noble/hashes function for ${name}`);
  const opts = {};
  if (outputLength !== undefined) opts.dkLen = outputLength;
  if (key !== undefined) opts.key = key;
  if (context !== undefined) opts.context = utf8(context);
  return Buffer.from(Object.keys(opts).length ? fn(data, opts) : fn(data)).toString('hex');
}

const covered = () => Object.keys(NOBLE_EXPORT);

test('every registry algorithm noble implements has a row here, and every row is in the registry', () => {
  const exported = new Set(Object.entries(noble).filter(([k, v]) => typeof v === 'function' && !k.startsWith('_'))
    .map(([k]) => registrySpelling(k)));
  const unmapped = pool.algorithms.filter((name) => !NOBLE_EXPORT[name] && !NOT_IN_NOBLE.has(name));
  assert.deepEqual(unmapped, [], 'map these to noble in NOBLE_EXPORT, or list them in NOT_IN_NOBLE');
  const listedButNobleHasIt = pool.algorithms.filter((name) => NOT_IN_NOBLE.has(name) && exported.has(name));
  assert.deepEqual(listedButNobleHasIt, [], 'noble implements these: move them to NOBLE_EXPORT');
  for (const [name, exportName] of Object.entries(NOBLE_EXPORT)) {
    assert.ok(pool.algorithms.includes(name), `${name} is not in pool.algorithms`);
    assert.equal(typeof noble[exportName], 'function', `@noble/hashes has no ${exportName}`);
  }
});

test(`every length 0..2,100 through hash and hashMany (seed ${SEED})`, async () => {
  const data = randomBytes(2101, rng(SEED + 60));
  const inputs = Array.from({ length: 2101 }, (_, n) => data.subarray(0, n));
  for (const name of covered()) {
    const want = inputs.map((b) => nobleHex(name, b));
    const one = await Promise.all(inputs.map((b) => pool.hash(name, b, { encoding: 'hex' })));
    const many = await pool.hashMany(name, inputs, { encoding: 'hex' });
    for (let n = 0; n < inputs.length; n++) {
      assert.equal(one[n], want[n], `${name} hash, length ${n}`);
      assert.equal(many[n], want[n], `${name} hashMany, length ${n}`);
    }
  }
});

// noble's digests of several prefixes of one input, in one pass: clone the running state at each size.
function noblePrefixesHex(name, data, sizes) {
  const h = noble[NOBLE_EXPORT[name]].create();
  let at = 0;
  return sizes.map((size) => {
    h.update(data.subarray(at, size));
    at = size;
    return Buffer.from(h.clone().digest()).toString('hex');
  });
}

test(`sizes across the 2 MiB staging chunks, up to 5 MiB (seed ${SEED})`, async () => {
  const big = randomBytes(5 * CHUNK_BYTES / 2 + 4099, rng(SEED + 61));
  const sizes = [100, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 2 * CHUNK_BYTES + 1025, big.length];
  const inputs = sizes.map((n) => big.subarray(0, n));
  for (const name of covered()) {
    const want = noblePrefixesHex(name, big, sizes);
    assert.equal(want[0], nobleHex(name, inputs[0]), `${name}: noble's incremental and one-shot digests differ`);
    for (const [i, b] of inputs.entries()) assert.equal(await pool.hash(name, b, { encoding: 'hex' }), want[i], `${name} hash, ${sizes[i]} bytes`);
    // the short inputs go in a batch, the long ones stream alongside it
    assert.deepEqual(await pool.hashMany(name, inputs, { encoding: 'hex' }), want, `${name} hashMany`);
  }
});

test(`SHAKE output lengths around the rate (seed ${SEED})`, async () => {
  const next = rng(SEED + 62);
  for (const name of ['shake128', 'shake256']) {
    const rate = kernel(name).blockSize;
    const inputs = [0, 1, rate - 1, rate, rate + 1, 1000].map((n) => randomBytes(n, next));
    for (const outputLength of [0, 1, 15, 16, 17, 31, 32, 33, 64, rate - 1, rate, rate + 1, 2 * rate + 5, 5000]) {
      const want = inputs.map((b) => nobleHex(name, b, { outputLength }));
      const one = await Promise.all(inputs.map((b) => pool.hash(name, b, { outputLength, encoding: 'hex' })));
      assert.deepEqual(one, want, `${name} hash, outputLength ${outputLength}`);
      assert.deepEqual(await pool.hashMany(name, inputs, { outputLength, encoding: 'hex' }), want, `${name} hashMany, outputLength ${outputLength}`);
    }
  }
});

test(`BLAKE2: every key length with a few output lengths, every output length with a few keys (seed ${SEED})`, async () => {
  const next = rng(SEED + 63);
  for (const name of ['blake2b512', 'blake2s256']) {
    const k = kernel(name);
    const inputs = [0, 1, k.blockSize - 1, k.blockSize, k.blockSize + 1, 2 * k.blockSize + 3].map((n) => randomBytes(n, next));
    const cases = [];
    for (let keyLength = 0; keyLength <= k.maxKey; keyLength++) {
      for (const outputLength of [1, k.maxOutput / 2, k.maxOutput - 1, k.maxOutput]) cases.push([keyLength, outputLength]);
    }
    for (let outputLength = 1; outputLength <= k.maxOutput; outputLength++) {
      for (const keyLength of [0, 1, k.maxKey]) cases.push([keyLength, outputLength]);
    }
    for (const [keyLength, outputLength] of cases) {
      const key = keyLength === 0 ? undefined : randomBytes(keyLength, next);
      const opts = { key, outputLength };
      const want = inputs.map((b) => nobleHex(name, b, opts));
      const one = await Promise.all(inputs.map((b) => pool.hash(name, b, { ...opts, encoding: 'hex' })));
      assert.deepEqual(one, want, `${name} hash, key ${keyLength}, outputLength ${outputLength}`);
      assert.deepEqual(await pool.hashMany(name, inputs, { ...opts, encoding: 'hex' }), want,
        `${name} hashMany, key ${keyLength}, outputLength ${outputLength}`);
    }
  }
});

const BLAKE3_SIZES = [0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 3 * 1024 + 1, 16 * 1024 + 5, 65 * 1024];
// 0 is refused with a code (tests/js/lengths-and-keys.test.js): node:crypto has no BLAKE3 to follow.
const BLAKE3_OUTPUT_LENGTHS = [undefined, 1, 31, 32, 33, 63, 64, 65, 127, 128, 1023, 1024, 1025, 4099];
const blake3Modes = (next) => ({
  plain: {},
  keyed: { key: randomBytes(32, next) },
  'derive-key, string context': { context: 'parahash 2026-11-24 noble cross-check' },
  'derive-key, bytes context': { context: randomBytes(37, next) },
  'derive-key, empty context': { context: '' },
});

test(`BLAKE3 through hash: plain, keyed and derive-key modes, output lengths 1..4,099, several chunks (seed ${SEED})`, async () => {
  const next = rng(SEED + 64);
  const inputs = BLAKE3_SIZES.map((n) => randomBytes(n, next));
  for (const [mode, opts] of Object.entries(blake3Modes(next))) {
    for (const outputLength of BLAKE3_OUTPUT_LENGTHS) {
      const o = { ...opts, outputLength };
      const one = await Promise.all(inputs.map((b) => pool.hash('blake3', b, { ...o, encoding: 'hex' })));
      for (const [i, b] of inputs.entries()) {
        assert.equal(one[i], nobleHex('blake3', b, o), `blake3 ${mode}, outputLength ${outputLength}, ${b.length} bytes`);
      }
    }
  }
  // every output length 1..200 once, keyed, on a multi-chunk input
  const key = randomBytes(32, next);
  const data = inputs[inputs.length - 2];
  for (let outputLength = 1; outputLength <= 200; outputLength++) {
    assert.equal(await pool.hash('blake3', data, { key, outputLength, encoding: 'hex' }), nobleHex('blake3', data, { key, outputLength }),
      `blake3 keyed, outputLength ${outputLength}`);
  }
});

// Its own test because it found a bug: the batch job kept a pointer to the caller's heap copy of
// the context, which is wiped and freed as soon as the batch is submitted.
test(`BLAKE3 through hashMany: plain, keyed and derive-key modes, the same output lengths (seed ${SEED})`, async () => {
  const next = rng(SEED + 65);
  const inputs = BLAKE3_SIZES.map((n) => randomBytes(n, next));
  for (const [mode, opts] of Object.entries(blake3Modes(next))) {
    for (const outputLength of BLAKE3_OUTPUT_LENGTHS) {
      const o = { ...opts, outputLength };
      assert.deepEqual(await pool.hashMany('blake3', inputs, { ...o, encoding: 'hex' }), inputs.map((b) => nobleHex('blake3', b, o)),
        `blake3 ${mode} hashMany, outputLength ${outputLength}`);
    }
  }
});
