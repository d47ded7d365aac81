'use strict';
// PBKDF2 and scrypt through the pool: RFC 6070 / RFC 7914 vectors, node:crypto as an
// independent implementation on random parameters, node's argument rules, and bad input.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool, codes } = require('parahash');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');

let pool;
test.before(async () => { pool = await createPool({ threads: 2 }); });
test.after(() => pool.close());

const stillCorrect = async () => assert.equal(await pool.hash('sha256', 'abc', { encoding: 'hex' }), sha256('abc'));

test('PBKDF2: RFC 6070 (HMAC-SHA1) and RFC 7914 section 11 (HMAC-SHA256) vectors', async () => {
  const vectors = [
    ['password', 'salt', 1, 20, 'sha1', '0c60c80f961f0e71f3a9b524af6012062fe037a6'],
    ['password', 'salt', 2, 20, 'sha1', 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957'],
    ['password', 'salt', 4096, 20, 'sha1', '4b007901b765489abead49d926f721d065a429c1'],
    ['passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'sha1',
      '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038'],
    ['pass\0word', 'sa\0lt', 4096, 16, 'sha1', '56fa6aa75548099dcc37d7f03425e0c3'],
    ['passwd', 'salt', 1, 64, 'sha256',
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783'],
    ['Password', 'NaCl', 80000, 64, 'sha256',
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d'],
  ];
  for (const [password, salt, iterations, keylen, digest, expected] of vectors) {
    assert.equal(await pool.pbkdf2(password, salt, iterations, keylen, digest, { encoding: 'hex' }), expected,
      `${digest} ${JSON.stringify(password)} c=${iterations}`);
  }
});

test(`PBKDF2 equals crypto.pbkdf2Sync for every HMAC digest, many output blocks (seed ${SEED})`, async () => {
  const next = rng(SEED + 31);
  const digests = ['sha1', 'sha256', 'sha384', 'sha512', 'md5', 'sha224', 'sha512-256', 'sha3-256'];
  for (const digest of digests) {
    for (let i = 0; i < 6; i++) {
      const password = randomBytes(next() % 200, next); // longer than a block: the key is hashed first
      const salt = randomBytes(next() % 40, next);
      const iterations = 1 + (next() % 1500);
      const keylen = [0, 1, 20, 64, 65, 257][i];
      const expected = crypto.pbkdf2Sync(password, salt, iterations, keylen, digest).toString('hex');
      assert.equal(await pool.pbkdf2(password, salt, iterations, keylen, digest, { encoding: 'hex' }), expected,
        `${digest} c=${iterations} keylen=${keylen}`);
    }
  }
});

test('scrypt: RFC 7914 section 12 vectors', async () => {
  assert.equal(await pool.scrypt('', '', 64, { N: 16, r: 1, p: 1, encoding: 'hex' }),
    '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906');
  assert.equal(await pool.scrypt('password', 'NaCl', 64, { N: 1024, r: 8, p: 16, encoding: 'hex' }),
    'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
  assert.equal(await pool.scrypt('pleaseletmein', 'SodiumChloride', 64, { N: 16384, r: 8, p: 1, encoding: 'hex' }),
    crypto.scryptSync('pleaseletmein', 'SodiumChloride', 64, { N: 16384, r: 8, p: 1 }).toString('hex'));
});

test(`scrypt equals crypto.scryptSync on random parameters, p across threads (seed ${SEED})`, async () => {
  const next = rng(SEED + 32);
  for (let i = 0; i < 16; i++) {
    const N = 2 ** (1 + (next() % 12));
    const r = 1 + (next() % 8);
    const p = 1 + (next() % 4);
    const keylen = next() % 100;
    const password = randomBytes(next() % 64, next);
    const salt = randomBytes(next() % 32, next);
    const maxmem = 1024 * 1024 * 1024; // room for the p mixes to run at once
    const expected = crypto.scryptSync(password, salt, keylen, { N, r, p, maxmem }).toString('hex');
    assert.equal(await pool.scrypt(password, salt, keylen, { cost: N, blockSize: r, parallelization: p, maxmem, encoding: 'hex' }),
      expected, `N=${N} r=${r} p=${p} keylen=${keylen}`);
  }
  // Defaults are node's: N 16384, r 8, p 1, maxmem 32 MiB.
  assert.equal(await pool.scrypt('pw', 'salt', 32, { encoding: 'hex' }), crypto.scryptSync('pw', 'salt', 32).toString('hex'));
});

test('many derivations at once share the pool', async () => {
  const calls = Array.from({ length: 10 }, (_, i) => [`pw${i}`, `salt${i}`]);
  const got = await Promise.all(calls.map(([pw, salt], i) => (i % 2
    ? pool.pbkdf2(pw, salt, 1000, 32, 'sha256', { encoding: 'hex' })
    : pool.scrypt(pw, salt, 32, { N: 1024, encoding: 'hex' }))));
  calls.forEach(([pw, salt], i) => assert.equal(got[i], (i % 2
    ? crypto.pbkdf2Sync(pw, salt, 1000, 32, 'sha256')
    : crypto.scryptSync(pw, salt, 32, { N: 1024 })).toString('hex')));
});

test('bad arguments reject with node-like checks and stable codes; the pool keeps working', async () => {
  const invalid = [
    () => pool.pbkdf2('pw', 'salt', 0, 32, 'sha256'), // iterations under 1
    () => pool.pbkdf2('pw', 'salt', 1.5, 32, 'sha256'),
    () => pool.pbkdf2('pw', 'salt', 1, -1, 'sha256'), // negative keylen
    () => pool.pbkdf2('pw', 'salt', 1, 2 ** 31, 'sha256'),
    () => pool.pbkdf2('pw', 'salt', 1, 32, 42),
    () => pool.pbkdf2('pw', 'salt', 1, 32, 'shake128'), // an XOF cannot be the HMAC digest
    () => pool.pbkdf2('pw', 'salt', 1, 32, 'crc32'),
    () => pool.pbkdf2(42, 'salt', 1, 32, 'sha256'),
    () => pool.pbkdf2('pw', {}, 1, 32, 'sha256'),
    () => pool.scrypt('pw', 'salt', 32, { N: 1000 }), // not a power of two
    () => pool.scrypt('pw', 'salt', 32, { N: 1 }),
    () => pool.scrypt('pw', 'salt', 32, { N: 16, cost: 16 }), // the same option twice
    () => pool.scrypt('pw', 'salt', 32, { r: 8, blockSize: 8 }),
    () => pool.scrypt('pw', 'salt', 32, { p: -1 }),
    () => pool.scrypt('pw', 'salt', 32, { N: 2 ** 20, r: 8 }), // needs 1 GiB: more than maxmem (32 MiB)
    () => pool.scrypt('pw', 'salt', -1, {}),
    () => pool.scrypt('pw', 'salt', 32, 'options'),
  ];
  for (const call of invalid) await assert.rejects(call(), { code: codes.INVALID_ARG }, call.toString());
  await assert.rejects(pool.pbkdf2('pw', 'salt', 1, 32, 'nope'), { code: codes.UNKNOWN_ALGORITHM });
  // What node also refuses, the same way.
  assert.throws(() => crypto.scryptSync('pw', 'salt', 32, { N: 2 ** 20, r: 8 }), { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS' });
  assert.equal(pool.stats().pending, 0);
  await stillCorrect();
  assert.equal(await pool.pbkdf2('pw', 'salt', 1, 0, 'sha256', { encoding: 'hex' }), ''); // keylen 0 is allowed
});

test('PBKDF2 and scrypt honour an aborted signal and callbacks', async () => {
  await assert.rejects(pool.pbkdf2('pw', 'salt', 1, 32, 'sha256', { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  await assert.rejects(pool.scrypt('pw', 'salt', 32, { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  const viaCallback = await new Promise((resolve, reject) =>
    pool.pbkdf2('pw', 'salt', 10, 16, 'sha512', (err, key) => (err ? reject(err) : resolve(key))));
  assert.deepEqual(Buffer.from(viaCallback), crypto.pbkdf2Sync('pw', 'salt', 10, 16, 'sha512'));
  await stillCorrect();
});
