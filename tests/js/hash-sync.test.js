'use strict';
// hashSync() and a hasher's digestSync() (js/api/hash-sync.js): every algorithm against an
// independent implementation (node:crypto where it has the algorithm, else hash-wasm), at every
// length class up to the 64 KiB bound, with the host kernels on and off; the bound refused with
// ERR_PARAHASH_SYNC_TOO_LARGE before anything is read; options checked as hash() checks them;
// digestSync() only while nothing went to the pool, and finalizing like digest().
//
// It takes the functions from the package once they are exported there, else from their module.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const hashWasm = require('hash-wasm');
const parahash = require('parahash');
const { createPool, codes } = parahash;
const { nodePlatform } = require('../../js/load/node');
const { HashParams } = require('../../js/args/hash-params');
const { hashSyncApi, SYNC_MAX_BYTES } = require('../../js/api/hash-sync');
const { referenceHex } = require('./references');
const { SEED, rng, randomBytes } = require('./helpers');

const rows = require('../../dist/algorithms.json');
const params = new HashParams(rows);
const hostApi = hashSyncApi(nodePlatform, params);
const portableApi = hashSyncApi({ ...nodePlatform, hostCrypto: undefined }, params);
const hashSync = typeof parahash.hashSync === 'function' ? parahash.hashSync : hostApi.hashSync;
const SYNC_TOO_LARGE = codes.SYNC_TOO_LARGE ?? 'ERR_PARAHASH_SYNC_TOO_LARGE';
const BOUND = 64 * 1024;
const next = rng(SEED);

// Lengths 0..130 one by one, then each block size ±1 and its multiples, and up to the bound.
function lengths(row) {
  const out = new Set(Array.from({ length: 131 }, (_, i) => i));
  for (const b of [row.blockSize, 1024, 8192, BOUND]) for (const n of [b, 2 * b, 3 * b]) for (const d of [-1, 0, 1]) out.add(n + d);
  return [...out].filter((n) => n >= 0 && n <= BOUND).sort((a, b) => a - b);
}

let pool;
before(async () => {
  pool = await createPool({ threads: 1 });
});
after(() => pool.close());

test('the bound is 64 KiB', () => {
  assert.equal(SYNC_MAX_BYTES, BOUND);
});

for (const row of rows) {
  test(`hashSync(${row.name}) equals the reference at every length class up to the bound, host on and off`, async () => {
    const data = randomBytes(BOUND + 1, next);
    for (const n of lengths(row)) {
      const input = data.subarray(0, n);
      const want = await referenceHex(row.name, input);
      assert.ok(want !== undefined, `a reference for ${row.name}`);
      assert.equal(hostApi.hashSync(row.name, input, { encoding: 'hex' }), want, `${row.name} host, ${n} bytes`);
      assert.equal(portableApi.hashSync(row.name, input, { encoding: 'hex' }), want, `${row.name} portable, ${n} bytes`);
    }
    const buffer = hashSync(row.name, data.subarray(0, 100));
    assert.ok(Buffer.isBuffer(buffer));
    assert.deepEqual(buffer, await pool.hash(row.name, data.subarray(0, 100)));
  });
}

test('hashSync: every input type hash() takes, and each result encoding', async () => {
  const text = 'héllo wörld';
  const bytes = Buffer.from(text);
  const want = crypto.createHash('sha256').update(bytes).digest();
  for (const input of [text, bytes, new Uint8Array(bytes), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    new DataView(bytes.buffer, bytes.byteOffset, bytes.length)]) {
    assert.deepEqual(hashSync('sha256', input), want);
  }
  for (const encoding of ['hex', 'base64', 'base64url', 'latin1', 'binary']) {
    assert.equal(hashSync('SHA-256', text, { encoding }), want.toString(encoding));
    assert.equal(hashSync('blake3', text, { encoding }), await pool.hash('blake3', text, { encoding }));
  }
  assert.deepEqual(hashSync('sha256', text, { encoding: 'buffer' }), want);
});

test('hashSync: keys, seeds, contexts and output lengths as hash() takes them', async () => {
  const data = randomBytes(3000, next);
  const key32 = randomBytes(32, next);
  for (const api of [hostApi, portableApi]) {
    assert.equal(api.hashSync('blake3', data, { key: key32, encoding: 'hex' }), await hashWasm.blake3(data, 256, key32));
    assert.equal(api.hashSync('blake3', data, { outputLength: 100, encoding: 'hex' }), await hashWasm.blake3(data, 800));
    assert.equal(api.hashSync('blake2b512', data, { key: key32, outputLength: 20, encoding: 'hex' }), await hashWasm.blake2b(data, 160, key32));
    assert.equal(api.hashSync('blake2s256', data, { outputLength: 16, encoding: 'hex' }), await hashWasm.blake2s(data, 128));
    assert.equal(api.hashSync('xxh64', data, { seed: 0x1234567890n, encoding: 'hex' }), await hashWasm.xxhash64(data, 0x34567890, 0x12));
    assert.equal(api.hashSync('xxh32', data, { seed: 7, encoding: 'hex' }), await hashWasm.xxhash32(data, 7));
    assert.equal(api.hashSync('shake256', data, { outputLength: 100, encoding: 'hex' }),
      crypto.createHash('shake256', { outputLength: 100 }).update(data).digest('hex'));
    for (const o of [{ key: key32 }, { context: 'parahash 2026-12 test' }, { outputLength: 7 }]) {
      assert.deepEqual(api.hashSync('blake3', data, o), await pool.hash('blake3', data, o));
    }
  }
});

test('hashSync refuses data and digests over the bound with ERR_PARAHASH_SYNC_TOO_LARGE, naming hash()', () => {
  const refused = { code: SYNC_TOO_LARGE, name: 'RangeError', message: /64 KiB.*await hash\(\)/ };
  for (const api of [hostApi, portableApi]) {
    assert.throws(() => api.hashSync('sha256', new Uint8Array(BOUND + 1)), refused);
    assert.throws(() => api.hashSync('blake3', 'x'.repeat(BOUND + 1)), refused);
    // 'é' is 2 bytes in UTF-8: 40,000 characters are 80,000 bytes.
    assert.throws(() => api.hashSync('blake3', 'é'.repeat(40000)), refused);
    assert.throws(() => api.hashSync('blake3', 'x', { outputLength: BOUND + 1 }), refused);
    assert.equal(api.hashSync('blake3', 'x', { outputLength: BOUND }).length, BOUND);
    assert.equal(api.hashSync('sha256', new Uint8Array(BOUND), { encoding: 'hex' }),
      crypto.createHash('sha256').update(new Uint8Array(BOUND)).digest('hex'));
  }
  // A 100 MB string is refused by its length, never encoded (that would take tens of ms).
  const huge = 'a'.repeat(100e6);
  const start = performance.now();
  assert.throws(() => hashSync('sha256', huge), refused);
  assert.ok(performance.now() - start < 20);
});

test('hashSync checks its arguments as hash() does', () => {
  assert.throws(() => hashSync('nope', 'x'), { code: codes.UNKNOWN_ALGORITHM });
  assert.throws(() => hashSync(1, 'x'), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('sha256', { length: 3 }), { code: codes.INVALID_ARG, name: 'TypeError' });
  assert.throws(() => hashSync('sha256', 'x', 'hex'), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('sha256', 'x', { encoding: 'utf8' }), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('sha256', 'x', { signal: AbortSignal.abort() }), { code: codes.INVALID_ARG, message: /does not take options.signal/ });
  assert.throws(() => hashSync('sha256', 'x', { timeout: 5 }), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('sha256', 'x', { key: 'k' }), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('sha256', 'x', { outputLength: 16 }), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('xxh32', 'x', { seed: 2 ** 32 }), { code: codes.INVALID_ARG });
  assert.throws(() => hashSync('blake3', 'x', { key: new Uint8Array(31) }), { code: codes.INVALID_ARG });
});

test('hashSync works before anything was awaited, with PARAHASH_HOST_CRYPTO=0 and without it', () => {
  const script = `
    const { nodePlatform } = require('./js/load/node');
    const { HashParams } = require('./js/args/hash-params');
    const { hashSyncApi } = require('./js/api/hash-sync');
    const api = hashSyncApi(nodePlatform, new HashParams(require('./dist/algorithms.json')));
    const start = performance.now();
    const out = ['sha256', 'blake3', 'xxh3', 'crc32c'].map((a) => api.hashSync(a, 'abc', { encoding: 'hex' }));
    console.log(JSON.stringify({ out, ms: performance.now() - start }));`;
  const want = ['ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85', '78af5f94892f3950', '364b3fb7'];
  for (const setting of ['0', '1', 'all']) {
    const run = JSON.parse(execFileSync(process.execPath, ['-e', script], {
      cwd: `${__dirname}/../..`, env: { ...process.env, PARAHASH_HOST_CRYPTO: setting }, encoding: 'utf8',
    }));
    assert.deepEqual(run.out, want, `PARAHASH_HOST_CRYPTO=${setting}`);
    // The first portable call starts the module without threads synchronously (~40 ms here).
    assert.ok(run.ms < 2000, `${run.ms} ms`);
  }
});

test('digestSync on a hasher that gathered its bytes in JS, host on and off; finalized afterwards', async () => {
  const portablePool = await createPool({ threads: 1, hostCrypto: false });
  try {
    for (const p of [pool, portablePool]) {
      for (const row of rows) {
        const data = randomBytes(5000, next);
        const h = p.createHash(row.name);
        h.update(data.subarray(0, 1)).update(data.subarray(1, 4000)).update(data.subarray(4000));
        assert.equal(h.digestSync('hex'), await referenceHex(row.name, data), row.name);
        assert.throws(() => h.digestSync(), { code: codes.HASH_FINALIZED });
        await assert.rejects(h.digest(), { code: codes.HASH_FINALIZED });
        assert.throws(() => h.update('x'), { code: codes.HASH_FINALIZED });
      }
      const empty = p.createHash('sha512');
      assert.deepEqual(empty.digestSync(), crypto.createHash('sha512').digest());
      const full = p.createHash('sha256');
      full.update(new Uint8Array(BOUND));
      assert.equal(full.digestSync('base64'), crypto.createHash('sha256').update(new Uint8Array(BOUND)).digest('base64'));
      const copied = p.createHash('blake3').update('ab');
      const copy = copied.copy({ outputLength: 48 });
      assert.equal(copy.update('c').digestSync('hex'), await hashWasm.blake3('abc', 384));
      assert.equal(copied.digestSync('latin1'), await pool.hash('blake3', 'ab', { encoding: 'latin1' }));
      for (const key of ['k', 'x'.repeat(200)]) {
        for (const algorithm of ['sha256', 'sha512', 'md5', 'blake2s256']) {
          const m = p.createHmac(algorithm, key);
          m.update('message');
          assert.equal(m.digestSync('hex'), crypto.createHmac(algorithm, key).update('message').digest('hex'), `${algorithm} key ${key.length}`);
        }
      }
    }
  } finally {
    await portablePool.close();
  }
});

test('digestSync refuses once bytes went to the pool, and the hasher still digests asynchronously', async () => {
  const data = randomBytes(BOUND + 1, next);
  const h = pool.createHash('sha256');
  h.update(data);
  assert.throws(() => h.digestSync('hex'), { code: SYNC_TOO_LARGE, name: 'RangeError', message: /await digest\(\)/ });
  assert.equal(await h.digest('hex'), crypto.createHash('sha256').update(data).digest('hex'));

  // Through the Writable: bytes past 64 KiB go to the engine as they come.
  const w = pool.createHash('blake3');
  await new Promise((resolve, reject) => w.write(data, (error) => (error ? reject(error) : resolve())));
  assert.throws(() => w.digestSync(), { code: SYNC_TOO_LARGE });
  assert.equal(await w.digest('hex'), await hashWasm.blake3(data));

  // Small writes then one large: refused, and the digest still covers every byte.
  const s = pool.createHash('sha1');
  s.update('abc');
  s.update(data);
  assert.throws(() => s.digestSync(), { code: SYNC_TOO_LARGE });
  assert.equal(await s.digest('hex'), crypto.createHash('sha1').update('abc').update(data).digest('hex'));

  // An unknown encoding is refused before anything else, and leaves the hasher usable.
  const e = pool.createHash('md5').update('x');
  assert.throws(() => e.digestSync('utf8'), { code: codes.INVALID_ARG });
  assert.equal(e.digestSync('hex'), crypto.createHash('md5').update('x').digest('hex'));

  // An aborted hasher throws its abort.
  const controller = new AbortController();
  const a = pool.createHash('sha256', { signal: controller.signal }).update('x');
  controller.abort();
  assert.throws(() => a.digestSync(), { code: codes.ABORTED });
});

test('digestSync on a closed pool throws as its calls reject', async () => {
  const p = await createPool({ threads: 1 });
  const h = p.createHash('sha256').update('x');
  await p.close();
  assert.throws(() => h.digestSync(), { code: codes.POOL_CLOSED });
});

test('digestSync runs where the pool\'s threads would: no node:crypto for a pool made with hostCrypto: false', async () => {
  const portablePool = await createPool({ threads: 1, hostCrypto: false });
  const original = crypto.hash;
  let calls = 0;
  crypto.hash = (...args) => {
    calls++;
    return original(...args);
  };
  try {
    const want = original('sha256', 'abc', 'hex');
    assert.equal(portablePool.createHash('sha256').update('abc').digestSync('hex'), want);
    assert.equal(calls, 0);
    assert.equal(pool.createHash('sha256').update('abc').digestSync('hex'), want);
    assert.equal(calls, pool.backends.sha256 === 'node:crypto' ? 1 : 0);
  } finally {
    crypto.hash = original;
    await portablePool.close();
  }
});
