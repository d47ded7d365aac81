'use strict';
// The host kernels (node:crypto in the pool's threads: wasm/host_kernels.cpp) against the
// portable ones, for every algorithm the host runs, through every path a call can take: inline
// and coalesced small calls, one threaded call, hashMany, a stream fed in random pieces with
// copies at random points, hashFile, and HMAC with keys of every length class. The portable
// kernels are checked against independent implementations elsewhere (kernels-match-*, vectors),
// with the host path off; here the host must give the same bytes as they do.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createPool } = require('parahash');
const { SEED, rng: integers, randomBytes: bytesFrom } = require('./helpers');

// helpers.js's generator gives 32-bit integers; these cases want fractions of 1.
const rng = (seed) => {
  const next = integers(seed);
  return () => next() / 2 ** 32;
};
const randomBytes = (length, next) => bytesFrom(length, () => Math.floor(next() * 2 ** 32));

let host;
let portable;
let dir;
before(async () => {
  const setting = process.env.PARAHASH_HOST_CRYPTO;
  process.env.PARAHASH_HOST_CRYPTO = 'all'; // every algorithm node:crypto has, measured faster or not
  try {
    host = await createPool({ threads: 2 });
  } finally {
    if (setting === undefined) delete process.env.PARAHASH_HOST_CRYPTO;
    else process.env.PARAHASH_HOST_CRYPTO = setting;
  }
  portable = await createPool({ threads: 2, hostCrypto: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-host-'));
});
after(async () => {
  await host.close();
  await portable.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hosted = () => Object.keys(host.backends).filter((name) => host.backends[name] === 'node:crypto');
const rowOf = (name) => require('../../dist/algorithms.json').find((row) => row.name === name);
const optionsFor = (name, next) => (rowOf(name).kind === 'xof' ? { outputLength: 1 + Math.floor(next() * 200) } : {});

// Lengths around each block size (64, 128, 136, 144, 168 bytes), small-call bounds and chunks.
const LENGTHS = [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 135, 136, 137, 143, 144, 145, 167, 168, 169,
  1000, 8191, 8192, 8193, 65535, 65536, 65537, (2 << 20) - 1, (2 << 20) + 1, (5 << 20) + 3];

test('the host runs every algorithm node:crypto has, and nothing else; a pool can turn it off', () => {
  const names = new Set(crypto.getHashes());
  const expected = Object.keys(host.backends).filter((name) => rowOf(name).kind !== 'checksum' && names.has(name));
  assert.deepEqual(hosted(), expected);
  assert.ok(hosted().includes('sha256') && hosted().includes('sha512') && hosted().includes('sha3-256'));
  assert.deepEqual(Object.values(portable.backends).filter((b) => b !== 'portable'), []);
});

test('hostCrypto must be a boolean', async () => {
  await assert.rejects(createPool({ hostCrypto: 'yes' }), { code: 'ERR_PARAHASH_INVALID_ARG', name: 'TypeError' });
});

test('guard: every host-backed algorithm has a differential case here', () => {
  // The cases below walk hosted() itself; this fails if that ever comes back empty or loses a
  // family, which would let every case below pass without checking anything.
  const families = ['md5', 'sha1', 'sha256', 'sha512', 'sha3-256', 'shake256', 'blake2b512'].filter((n) => crypto.getHashes().includes(n));
  for (const name of families) assert.ok(hosted().includes(name), `${name} has no host case`);
});

test(`one-shot calls, inline, coalesced, threaded and hashMany, every length class (seed ${SEED})`, async () => {
  const next = rng(SEED + 40);
  const data = randomBytes(LENGTHS.at(-1), next);
  for (const name of hosted()) {
    const options = { ...optionsFor(name, next), encoding: 'hex' };
    const inputs = LENGTHS.map((n) => data.subarray(0, n));
    // All at once: the small ones coalesce into batches once the turn's inline budget is spent.
    const [fromHost, fromPortable] = await Promise.all([host, portable].map((pool) => Promise.all(inputs.map((b) => pool.hash(name, b, options)))));
    // One at a time: the small ones inline.
    for (let i = 0; i < inputs.length; i++) {
      assert.equal(fromHost[i], fromPortable[i], `${name}, ${inputs[i].length} bytes, in flight together`);
      if (inputs[i].length <= 65536) assert.equal(await host.hash(name, inputs[i], options), fromPortable[i], `${name}, ${inputs[i].length} bytes, alone`);
    }
    assert.deepEqual(await host.hashMany(name, inputs.slice(0, 24), options), fromPortable.slice(0, 24), `${name}, hashMany`);
    // A length node:crypto does not have for it (a truncated BLAKE2) stays portable, and right.
    const row = rowOf(name);
    if (row.kind === 'hash' && row.minOutput < row.digestSize) {
      const shorter = { outputLength: row.digestSize - 1, encoding: 'hex' };
      for (const b of [inputs[3], inputs.at(-1)]) assert.equal(await host.hash(name, b, shorter), await portable.hash(name, b, shorter));
    }
  }
});

test(`streams in random pieces, with copies at random points (seed ${SEED})`, async () => {
  const next = rng(SEED + 41);
  for (const name of hosted()) {
    const options = optionsFor(name, next);
    const total = Math.floor(next() * (6 << 20));
    const data = randomBytes(total, next);
    const hasher = host.createHash(name, options);
    const copies = [];
    for (let at = 0; at < total;) {
      const piece = Math.min(total - at, Math.floor(next() ** 3 * (3 << 20)) + 1);
      hasher.update(data.subarray(at, at + piece));
      at += piece;
      if (next() < 0.3) copies.push({ at, copy: hasher.copy(options) });
    }
    assert.equal(await hasher.digest('hex'), await portable.hash(name, data, { ...options, encoding: 'hex' }), `${name}, ${total} bytes`);
    for (const { at, copy } of copies) {
      assert.equal(await copy.digest('hex'), await portable.hash(name, data.subarray(0, at), { ...options, encoding: 'hex' }),
        `${name}, copy at ${at} of ${total}`);
    }
  }
});

test(`inputs in a SharedArrayBuffer are hashed where they lie, every length class and offset (seed ${SEED})`, async () => {
  const next = rng(SEED + 44);
  const shared = new Uint8Array(new SharedArrayBuffer((9 << 20) + 64));
  shared.set(randomBytes(shared.length, next));
  const count = () => host[Symbol.for('parahash.heapStatsForTesting')]().hostSharedHashes;
  for (const name of hosted()) {
    const options = { ...optionsFor(name, next), encoding: 'hex' };
    // Around the path's floor (64 KiB), the threads' slice (4 MiB) and past two slices.
    for (const length of [65535, 65536, 65537, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, (9 << 20) + 5]) {
      const offset = Math.floor(next() * 59);
      const view = shared.subarray(offset, offset + length);
      const before = count();
      const got = await host.hash(name, view, options);
      assert.equal(got, await portable.hash(name, view.slice(), options), `${name}, ${length} bytes at ${offset}`);
      if (length >= 1 << 20) assert.equal(count(), before + 1, `${name}, ${length} bytes: hashed in place`);
    }
  }
  assert.equal(portable[Symbol.for('parahash.heapStatsForTesting')]().hostSharedHashes, 0, 'hostCrypto: false hashes none in place');
});

test('hashFile and hashStream', async () => {
  const next = rng(SEED + 42);
  const data = randomBytes((3 << 20) + 17, next);
  const file = path.join(dir, 'data');
  fs.writeFileSync(file, data);
  for (const name of hosted()) {
    const options = { ...optionsFor(name, next), encoding: 'hex' };
    const want = await portable.hash(name, data, options);
    assert.equal(await host.hashFile(file, name, options), want, `${name}, hashFile`);
    assert.equal(await host.hashStream(fs.createReadStream(file, { highWaterMark: 100_000 }), name, options), want, `${name}, hashStream`);
  }
});

test(`HMAC with keys of every length class, inline and streamed (seed ${SEED})`, async () => {
  const next = rng(SEED + 43);
  for (const name of hosted().filter((n) => rowOf(n).kind === 'hash')) {
    const block = rowOf(name).blockSize;
    for (const keyLength of [0, 1, block - 1, block, block + 1, 2 * block + 3]) {
      const key = randomBytes(keyLength, next);
      for (const length of [0, 100, 70_000, (2 << 20) + 5]) {
        const data = randomBytes(length, next);
        const want = crypto.createHmac(name, key).update(data).digest('hex');
        assert.equal(await host.hmac(name, key, data, { encoding: 'hex' }), want, `${name}, key ${keyLength}, ${length} bytes`);
        assert.equal(await portable.hmac(name, key, data, { encoding: 'hex' }), want, `${name} portable, key ${keyLength}`);
        const hmac = host.createHmac(name, key);
        hmac.update(data.subarray(0, length >> 1));
        const copy = hmac.copy();
        hmac.update(data.subarray(length >> 1));
        assert.equal(await hmac.digest('hex'), want, `${name}, createHmac, key ${keyLength}, ${length} bytes`);
        assert.equal(await copy.digest('hex'), crypto.createHmac(name, key).update(data.subarray(0, length >> 1)).digest('hex'));
      }
    }
  }
});

test('the pool\'s threads really open node:crypto hashes: streams, big calls, HMAC, large hashMany messages', async () => {
  const opened = (pool) => pool[Symbol.for('parahash.heapStatsForTesting')]().hostStatesOpened;
  const big = Buffer.alloc(3 << 20, 1);
  for (const [what, call] of [
    ['a 3 MiB hash', () => host.hash('sha256', big)],
    ['an HMAC', () => host.hmac('sha512', 'key', big)],
    ['hashMany of 64 KiB messages', () => host.hashMany('sha1', [big.subarray(0, 65536), big.subarray(1, 65537)])],
    ['a stream', () => { const h = host.createHash('sha3-256'); h.update(big); return h.digest(); }],
  ]) {
    const before = opened(host);
    await call();
    assert.ok(opened(host) > before, `${what} opened no node:crypto hash on the threads`);
  }
  await portable.hash('sha256', big);
  assert.equal(opened(portable), 0, 'hostCrypto: false opens none');
});

test(`PBKDF2 through node:crypto on the threads equals the portable one and node's own (seed ${SEED})`, async () => {
  const derived = () => host[Symbol.for('parahash.heapStatsForTesting')]().hostDerivations;
  const next = rng(SEED + 7);
  const before = derived();
  let cases = 0;
  for (const digest of hosted().filter((name) => rowOf(name).kind === 'hash')) {
    const { digestSize, blockSize } = rowOf(digest);
    for (const iterations of [1, 2, 1025, 5000]) {
      for (const keylen of [1, digestSize - 1, digestSize, digestSize + 1, 3 * digestSize + 5]) {
        // Passwords of every HMAC key class: empty, within the block, the block ±1, longer.
        const password = randomBytes([0, 1, blockSize - 1, blockSize, blockSize + 1, 200][Math.floor(next() * 6)], next);
        const salt = randomBytes(Math.floor(next() * 40), next);
        const expected = crypto.pbkdf2Sync(password, salt, iterations, keylen, digest);
        const [a, b] = await Promise.all([host.pbkdf2(password, salt, iterations, keylen, digest),
          portable.pbkdf2(password, salt, iterations, keylen, digest)]);
        assert.deepEqual([Buffer.from(a).toString('hex'), Buffer.from(b).toString('hex')], [expected.toString('hex'), expected.toString('hex')],
          `${digest} c=${iterations} dkLen=${keylen} |P|=${password.length} |S|=${salt.length}`);
        cases++;
      }
    }
  }
  assert.ok(cases >= 20 * 5, `only ${cases} cases`);
  assert.ok(derived() - before >= cases / 2, `node:crypto ran ${derived() - before} of ${cases} derivations`);
  assert.equal(portable[Symbol.for('parahash.heapStatsForTesting')]().hostDerivations, 0, 'hostCrypto: false derives none');
});

test('PBKDF2 that node:crypto would run too long runs portably, and an abort still stops it within 200 ms', async () => {
  const derived = () => host[Symbol.for('parahash.heapStatsForTesting')]().hostDerivations;
  // Long enough that no host predicts it within its bound (150 ms), here or on a machine 10× faster.
  const before = derived();
  const started = performance.now();
  const call = host.pbkdf2('password', 'salt', 20_000_000, 32, 'sha256', { signal: AbortSignal.timeout(100) });
  await assert.rejects(call, { code: 'ERR_PARAHASH_ABORTED' });
  const took = performance.now() - started;
  assert.ok(took < 100 + 200, `stopped after ${took.toFixed(0)} ms`);
  assert.equal(derived(), before, 'node:crypto took a derivation it cannot stop');
  // The pool still derives, through node:crypto, what is short.
  const key = await host.pbkdf2('password', 'salt', 1000, 32, 'sha256');
  assert.equal(Buffer.from(key).toString('hex'), crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'));
  assert.equal(derived(), before + 1);
});

test('a stream abandoned half way leaves the pool and its threads working', async () => {
  for (let i = 0; i < 50; i++) {
    const hasher = host.createHash('sha256');
    hasher.update(Buffer.alloc(3 << 20, i));
    hasher.destroy();
  }
  assert.equal(await host.hash('sha256', 'abc', { encoding: 'hex' }), crypto.createHash('sha256').update('abc').digest('hex'));
});
