'use strict';
// pool.hmac: published vectors, and every algorithm that has HMAC against node:crypto's
// createHmac for keys shorter than, equal to and longer than the block, and long messages.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool, codes } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes } = require('./helpers');
const vectors = require('../vectors/hmac.json');
const kernels = require('../../dist/algorithms.json');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const reference = (name, key, data) => crypto.createHmac(name, key).update(data).digest('hex');

test(`published HMAC vectors (${vectors.source})`, async () => {
  for (const v of vectors.vectors) {
    const mac = await pool.hmac(v.algorithm, Buffer.from(v.key, 'hex'), Buffer.from(v.data, 'hex'), { encoding: 'hex' });
    assert.equal(mac, v.mac, `${v.source}, ${v.algorithm}`);
  }
});

test(`every algorithm with HMAC against node:crypto: key lengths around the block, message lengths 0..300 (seed ${SEED})`, async () => {
  const next = rng(SEED + 30);
  for (const k of kernels.filter((k) => k.kind === 'hash')) {
    const keyLengths = [0, 1, k.digestSize, k.blockSize - 1, k.blockSize, k.blockSize + 1, 3 * k.blockSize];
    const jobs = [];
    for (const keyLength of keyLengths) {
      const key = randomBytes(keyLength, next);
      for (let n = 0; n <= 300; n += 7) {
        const data = randomBytes(n, next);
        jobs.push(pool.hmac(k.name, key, data, { encoding: 'hex' })
          .then((mac) => assert.equal(mac, reference(k.name, key, data), `${k.name}, key ${keyLength}, data ${n}`)));
      }
    }
    await Promise.all(jobs);
  }
});

test('long messages stream through HMAC across chunks', async () => {
  const data = randomBytes(3 * CHUNK_BYTES + 5, rng(SEED + 31));
  for (const name of ['sha256', 'sha512', 'md5']) {
    assert.equal(await pool.hmac(name, 'secret', data, { encoding: 'hex' }), reference(name, 'secret', data), name);
  }
});

test('keys and data in every input form; callback form', async () => {
  const expected = reference('sha256', Buffer.from('key'), Buffer.from('data'));
  for (const key of ['key', Buffer.from('key'), new TextEncoder().encode('key').buffer]) {
    assert.equal(await pool.hmac('SHA-256', key, 'data', { encoding: 'hex' }), expected);
  }
  const viaCallback = await new Promise((resolve, reject) =>
    pool.hmac('sha256', 'key', 'data', { encoding: 'hex' }, (err, mac) => (err ? reject(err) : resolve(mac))));
  assert.equal(viaCallback, expected);
});

test('bad HMAC arguments reject with their codes; the pool keeps working', async () => {
  await assert.rejects(pool.hmac('sha256', 42, 'data'), (e) => e.code === codes.INVALID_ARG && /"key"/.test(e.message));
  await assert.rejects(pool.hmac('sha256', 'key', null), (e) => e.code === codes.INVALID_ARG && /"data"/.test(e.message));
  await assert.rejects(pool.hmac('nope', 'key', 'data'), { code: codes.UNKNOWN_ALGORITHM });
  await assert.rejects(pool.hmac('sha256', 'key', 'data', { encoding: 'utf16le' }), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hmac('blake2b512', 'key', 'data', { outputLength: 32 }), (e) => e.code === codes.INVALID_ARG && /outputLength/.test(e.message));
  await assert.rejects(pool.hmac('blake2b512', 'key', 'data', { key: 'other' }), { code: codes.INVALID_ARG });
  assert.equal(await pool.hmac('sha256', 'k', 'd', { encoding: 'hex' }), reference('sha256', 'k', 'd'));
});
