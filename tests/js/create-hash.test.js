'use strict';
// createHash() and createHmac(): node:crypto's Hash shape, checked against independent
// implementations on every algorithm, at sizes around the hasher's thresholds (its 64 KiB
// one-shot limit, the 2 MiB chunk), fed in random pieces from a buffer the caller reuses.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Writable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
const { createPool, codes } = require('parahash');
const { referenceHex } = require('./references');
const { SEED, rng, randomBytes } = require('./helpers');

const KiB = 1024;
const MiB = 1024 * KiB;
const SIZES = [0, 1, 63, 64, 65, 64 * KiB - 1, 64 * KiB, 64 * KiB + 1, 2 * MiB - 1, 2 * MiB + 1, 5 * MiB + 3];

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

// Feeds `data` to `hasher` in random pieces, each copied into one scratch buffer that is then
// overwritten, as ported code that reuses its read buffer does.
function feedReusing(hasher, data, next) {
  const scratch = new Uint8Array(256 * KiB);
  for (let at = 0; at < data.length;) {
    const n = Math.min(data.length - at, 1 + (next() % scratch.length));
    scratch.set(data.subarray(at, at + n));
    hasher.update(scratch.subarray(0, n));
    scratch.fill(0xee);
    at += n;
  }
}

test(`every algorithm, every size around the thresholds, pieces from a reused buffer (seed ${SEED})`, async () => {
  const next = rng();
  for (const name of pool.algorithms) {
    for (const size of SIZES) {
      const data = randomBytes(size, next);
      const hasher = pool.createHash(name);
      feedReusing(hasher, data, next);
      assert.equal(await hasher.digest('hex'), await referenceHex(name, data), `${name}, ${size} bytes`);
    }
  }
});

test('digest() gives a Buffer by default, or the encoding asked for; "buffer" is accepted', async () => {
  const expected = crypto.createHash('sha256').update('abc').digest();
  const digest = await pool.createHash('sha256').update('abc').digest();
  assert.ok(Buffer.isBuffer(digest));
  assert.deepEqual(digest, expected);
  assert.deepEqual(await pool.createHash('sha256').update('abc').digest('buffer'), expected);
  for (const encoding of ['hex', 'base64', 'base64url']) {
    assert.equal(await pool.createHash('sha256').update('abc').digest(encoding), expected.toString(encoding));
  }
  for (const encoding of ['latin1', 'binary']) {
    assert.equal(await pool.createHash('sha256').update('abc').digest(encoding), expected.toString('latin1'));
  }
  await assert.rejects(pool.createHash('sha256').digest('utf8'), { code: codes.INVALID_ARG });
});

test('update() takes strings in node:crypto input encodings, and refuses unknown ones', async () => {
  const reference = (s, e) => crypto.createHash('sha1').update(s, e).digest('hex');
  for (const [string, encoding] of [['héllo', undefined], ['héllo', 'utf8'], ['68656c6c6f', 'hex'], ['aGVsbG8=', 'base64'], ['héllo', 'latin1']]) {
    assert.equal(await pool.createHash('sha1').update(string, encoding).digest('hex'), reference(string, encoding), `${encoding}`);
  }
  assert.throws(() => pool.createHash('sha1').update('x', 'klingon'), { code: codes.INVALID_ARG });
  assert.throws(() => pool.createHash('sha1').update(42), { code: codes.INVALID_ARG });
});

test('update() returns the hasher and chains; outputLength, key, seed and context apply', async () => {
  const h = pool.createHash('sha256');
  assert.equal(h.update('a'), h);
  assert.equal(await h.update('b').update('c').digest('hex'), crypto.createHash('sha256').update('abc').digest('hex'));
  const big = crypto.randomBytes(3 * MiB);
  assert.equal(await pool.createHash('shake256', { outputLength: 100 }).update(big).digest('hex'),
    crypto.createHash('shake256', { outputLength: 100 }).update(big).digest('hex'));
  const key = crypto.randomBytes(32);
  assert.equal(await pool.createHash('blake3', { key }).update(big).digest('hex'), await pool.hash('blake3', big, { key, encoding: 'hex' }));
  assert.equal(await pool.createHash('xxh64', { seed: 7n }).update(big).digest('hex'), await pool.hash('xxh64', big, { seed: 7n, encoding: 'hex' }));
  assert.equal(await pool.createHash('blake3', { context: 'app v1' }).update(big).digest('hex'),
    await pool.hash('blake3', big, { context: 'app v1', encoding: 'hex' }));
});

test('copy() gives an independent hasher, before and after the stream opened', async () => {
  for (const prefix of [crypto.randomBytes(100), crypto.randomBytes(5 * MiB + 1)]) {
    const h = pool.createHash('sha512').update(prefix);
    const c = h.copy();
    h.update('left');
    c.update('right');
    const copy2 = c.copy().update('!');
    assert.equal(await h.digest('hex'), crypto.createHash('sha512').update(prefix).update('left').digest('hex'));
    assert.equal(await c.digest('hex'), crypto.createHash('sha512').update(prefix).update('right').digest('hex'));
    assert.equal(await copy2.digest('hex'), crypto.createHash('sha512').update(prefix).update('right!').digest('hex'));
  }
  // HMAC's copy is deep: the inner and outer states both.
  const m = pool.createHmac('sha256', 'key').update(crypto.randomBytes(3 * MiB));
  const mc = m.copy();
  assert.equal(await m.digest('hex'), await mc.digest('hex'));
});

test('a finalized hasher throws HASH_FINALIZED from update and copy, and digest rejects with it', async () => {
  for (const size of [3, 3 * MiB]) {
    const h = pool.createHash('md5').update(Buffer.alloc(size));
    await h.digest();
    assert.throws(() => h.update('more'), { code: codes.HASH_FINALIZED });
    assert.throws(() => h.copy(), { code: codes.HASH_FINALIZED });
    await assert.rejects(h.digest(), { code: codes.HASH_FINALIZED });
  }
});

test('createHmac matches node:crypto for every HMAC algorithm, short and long keys, many sizes', async () => {
  const next = rng();
  const hmacs = pool.algorithms.filter((a) => !/^(crc|xxh|shake|blake3)/.test(a));
  for (const name of hmacs) {
    for (const keyLength of [0, 20, 200]) {
      const key = randomBytes(keyLength, next);
      for (const size of [0, 65 * KiB, 2 * MiB + 7]) {
        const data = randomBytes(size, next);
        const h = pool.createHmac(name, key);
        feedReusing(h, data, next);
        const nodeName = name === 'blake2b512' ? 'blake2b512' : name;
        assert.equal(await h.digest('hex'), crypto.createHmac(nodeName, key).update(data).digest('hex'), `${name} key ${keyLength} size ${size}`);
      }
    }
  }
  assert.throws(() => pool.createHmac('crc32', 'k'), { code: codes.INVALID_ARG });
  assert.throws(() => pool.createHmac('sha256', 'k', { outputLength: 16 }), { code: codes.INVALID_ARG });
});

test('a Writable: stream.pipeline(source, hasher), then digest()', async () => {
  const data = crypto.randomBytes(20 * MiB + 3);
  const hasher = pool.createHash('blake3');
  assert.ok(hasher instanceof Writable);
  // Chunks of 1 MiB that the source reuses after each write completes would corrupt a hasher
  // that kept them: this source hands out fresh ones, as Readables do, and checks the result.
  await pipeline(Readable.from((function* chunks() {
    for (let at = 0; at < data.length; at += MiB) yield data.subarray(at, at + MiB);
  })()), hasher);
  assert.equal(await hasher.digest('hex'), await pool.hash('blake3', data, { encoding: 'hex' }));
});

test('write() returns false past the high-water mark and the pipeline waits (backpressure)', async () => {
  const hasher = pool.createHash('sha256');
  const chunk = Buffer.alloc(MiB, 1);
  let refused = false;
  for (let i = 0; i < 64 && !refused; i++) refused = !hasher.write(chunk);
  assert.ok(refused, 'write() never returned false');
  await new Promise((resolve) => hasher.once('drain', resolve));
  hasher.end();
  await new Promise((resolve) => hasher.once('finish', resolve));
  assert.match(await hasher.digest('hex'), /^[0-9a-f]{64}$/);
});

test('a failure in the background is emitted as "error" and rejects digest()', async () => {
  const controller = new AbortController();
  const hasher = pool.createHash('sha256', { signal: controller.signal });
  hasher.update(Buffer.alloc(3 * MiB));
  const errored = new Promise((resolve) => hasher.once('error', resolve));
  controller.abort();
  const error = await errored;
  assert.equal(error.code, codes.ABORTED);
  assert.equal(error.name, 'AbortError');
  await assert.rejects(hasher.digest(), { code: codes.ABORTED });
  assert.throws(() => hasher.update('x'), { code: codes.ABORTED });
});

test('a timeout on createHash counts from creation', async () => {
  const hasher = pool.createHash('sha256', { timeout: 20 });
  hasher.on('error', () => {});
  hasher.update('early');
  await new Promise((resolve) => setTimeout(resolve, 60));
  await assert.rejects(hasher.digest(), { code: codes.TIMEOUT });
});

test('bad arguments throw synchronously, as node:crypto does; the pool keeps working', async () => {
  assert.throws(() => pool.createHash('nope'), { code: codes.UNKNOWN_ALGORITHM });
  assert.throws(() => pool.createHash(42), { code: codes.INVALID_ARG });
  assert.throws(() => pool.createHash('sha256', { outputlength: 3 }), { code: codes.INVALID_ARG, message: /outputlength/ });
  assert.throws(() => pool.createHash('sha256', { encoding: 'hex' }), { code: codes.INVALID_ARG });
  assert.throws(() => pool.createHash('sha256', { timeout: -1 }), { code: codes.INVALID_ARG });
  assert.throws(() => pool.createHmac('sha256', new Proxy(new ArrayBuffer(8), {})), { code: codes.INVALID_ARG });
  assert.equal(await pool.createHash('sha256').update('ok').digest('hex'), crypto.createHash('sha256').update('ok').digest('hex'));
});

test('many hashers at once, interleaved, each with its own digest', async () => {
  const next = rng();
  const inputs = Array.from({ length: 40 }, (_, i) => randomBytes((i % 4) * MiB + i * 1000, next));
  const hashers = inputs.map(() => pool.createHash('sha256'));
  for (let at = 0; at < 4 * MiB; at += 256 * KiB) {
    inputs.forEach((data, i) => {
      if (at < data.length) hashers[i].update(data.subarray(at, at + 256 * KiB));
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  const digests = await Promise.all(hashers.map((h) => h.digest('hex')));
  digests.forEach((d, i) => assert.equal(d, crypto.createHash('sha256').update(inputs[i]).digest('hex')));
  assert.equal(pool.stats().pending, 0);
});

test('used as node:crypto\'s Hash (no stream), an aborted hasher rejects digest() and emits no error', async () => {
  let uncaught = null;
  const onUncaught = (error) => { uncaught = error; };
  process.on('uncaughtException', onUncaught);
  try {
    const controller = new AbortController();
    const hasher = pool.createHash('sha256', { signal: controller.signal }).update(Buffer.alloc(5 * MiB));
    controller.abort();
    await assert.rejects(hasher.digest(), { code: codes.ABORTED });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(uncaught, null);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
