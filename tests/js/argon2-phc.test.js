'use strict';
// PHC strings: pool.argon2Hash and pool.argon2Verify against the two npm packages users move
// from — `argon2` (the reference C implementation as a native addon) and `@node-rs/argon2` (the
// RustCrypto implementation) — both ways, for the three types and several parameter sets; raw
// tags against `argon2`'s raw mode on random parameters; every malformed string and bad argument
// rejected with ERR_PARAHASH_INVALID_ARG, with the pool checked correct after each.
const test = require('node:test');
const assert = require('node:assert/strict');
const argon2 = require('argon2');
const nodeRs = require('@node-rs/argon2');
const { createPool, codes } = require('parahash');
const { toB64, fromB64, constantTimeEqual } = require('../../js/kdf/phc');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');

const TYPES = ['argon2d', 'argon2i', 'argon2id'];
const TYPE_NUMBER = { argon2d: 0, argon2i: 1, argon2id: 2 }; // both packages number them alike
const B64 = '[A-Za-z0-9+/]';
let pool;

test.before(async () => { pool = await createPool({ threads: 2 }); });
test.after(() => pool.close());

const stillCorrect = async () => {
  assert.equal(await pool.hash('sha256', 'abc', { encoding: 'hex' }), sha256('abc'));
  assert.equal(pool.stats().pending, 0);
};

// Small but varied: p > 1, non-default tag and salt lengths, a secret, associated data.
const PARAMETER_SETS = [
  { memoryCost: 64, timeCost: 1, parallelism: 1, hashLength: 32, saltLength: 16 },
  { memoryCost: 256, timeCost: 2, parallelism: 4, hashLength: 32, saltLength: 16 },
  { memoryCost: 200, timeCost: 3, parallelism: 3, hashLength: 16, saltLength: 8 },
  { memoryCost: 512, timeCost: 1, parallelism: 2, hashLength: 64, saltLength: 32, secret: 'pepper!' },
  { memoryCost: 128, timeCost: 2, parallelism: 2, hashLength: 24, saltLength: 12, associatedData: 'ad-bytes' },
];
const describeSet = (type, s) => `${type} ${JSON.stringify(s)}`;

test('argon2Hash with no options: argon2id, RFC 9106\'s second recommended option, 16-byte salt, 32-byte hash', async () => {
  const phc = await pool.argon2Hash('correct horse');
  assert.match(phc, new RegExp(`^\\$argon2id\\$v=19\\$m=65536,t=3,p=4\\$${B64}{22}\\$${B64}{43}$`));
  assert.equal(await pool.argon2Verify(phc, 'correct horse'), true);
  assert.equal(await pool.argon2Verify(phc, 'correct horsf'), false);
  assert.equal(await argon2.verify(phc, 'correct horse'), true);
  assert.equal(await nodeRs.verify(phc, 'correct horse'), true);
  // A fresh salt every call.
  const again = await pool.argon2Hash('correct horse', { memoryCost: 64, timeCost: 1, parallelism: 1 });
  const other = await pool.argon2Hash('correct horse', { memoryCost: 64, timeCost: 1, parallelism: 1 });
  assert.notEqual(again.split('$')[4], other.split('$')[4]);
});

test('argon2Hash writes exactly the string @node-rs/argon2 (reference layout: m,t,p, unpadded base64) writes for the same salt', async () => {
  for (const type of TYPES) {
    for (const s of PARAMETER_SETS.filter((x) => !x.associatedData)) {
      const phc = await pool.argon2Hash('pässword', { ...s, type });
      const salt = fromB64(phc.split('$')[4], 'salt');
      assert.equal(salt.byteLength, s.saltLength);
      const theirs = await nodeRs.hash('pässword', {
        algorithm: TYPE_NUMBER[type], memoryCost: s.memoryCost, timeCost: s.timeCost, parallelism: s.parallelism,
        outputLen: s.hashLength, salt, secret: s.secret && Buffer.from(s.secret),
      });
      assert.equal(phc, theirs, describeSet(type, s));
    }
  }
});

test('argon2Hash output verifies with argon2.verify and @node-rs/argon2 verify (all types, p > 1, odd lengths, secret, data)', async () => {
  for (const type of TYPES) {
    for (const s of PARAMETER_SETS) {
      const phc = await pool.argon2Hash('hunter2', { ...s, type });
      assert.ok(phc.startsWith(`$${type}$v=19$m=${s.memoryCost},t=${s.timeCost},p=${s.parallelism}`), phc);
      const secret = s.secret === undefined ? {} : { secret: Buffer.from(s.secret) };
      assert.equal(await argon2.verify(phc, 'hunter2', secret), true, `argon2.verify ${describeSet(type, s)}`);
      assert.equal(await argon2.verify(phc, 'hunter3', secret), false);
      assert.equal(await nodeRs.verify(phc, 'hunter2', secret), true, `@node-rs/argon2 verify ${describeSet(type, s)}`);
      assert.equal(await nodeRs.verify(phc, 'hunter3', secret), false);
      assert.equal(await pool.argon2Verify(phc, 'hunter2', s.secret === undefined ? undefined : { secret: s.secret }), true);
    }
  }
});

test('hashes made by the argon2 package verify with argon2Verify (all types, its m,p,t order and data=)', async () => {
  const next = rng(SEED + 31);
  for (const type of TYPES) {
    for (const s of PARAMETER_SETS) {
      const salt = Buffer.from(randomBytes(s.saltLength, next));
      const phc = await argon2.hash('hunter2', {
        type: TYPE_NUMBER[type], memoryCost: s.memoryCost, timeCost: s.timeCost, parallelism: s.parallelism,
        hashLength: s.hashLength, salt, secret: s.secret && Buffer.from(s.secret),
        associatedData: s.associatedData && Buffer.from(s.associatedData),
      });
      const options = s.secret === undefined ? undefined : { secret: s.secret };
      assert.equal(await pool.argon2Verify(phc, 'hunter2', options), true, `${phc} ${describeSet(type, s)}`);
      assert.equal(await pool.argon2Verify(phc, 'hunter3', options), false);
      if (s.secret !== undefined) {
        assert.equal(await pool.argon2Verify(phc, 'hunter2'), false, 'without the pepper');
        assert.equal(await pool.argon2Verify(phc, 'hunter2', { secret: 'pepper?' }), false, 'another pepper');
      }
    }
  }
});

test('hashes made by @node-rs/argon2 verify with argon2Verify (all types)', async () => {
  for (const type of TYPES) {
    for (const s of PARAMETER_SETS.filter((x) => !x.associatedData)) {
      const phc = await nodeRs.hash(Buffer.from('hunter2'), {
        algorithm: TYPE_NUMBER[type], memoryCost: s.memoryCost, timeCost: s.timeCost, parallelism: s.parallelism,
        outputLen: s.hashLength, secret: s.secret && Buffer.from(s.secret),
      });
      const options = s.secret === undefined ? undefined : { secret: Buffer.from(s.secret) };
      assert.equal(await pool.argon2Verify(phc, 'hunter2', options), true, `${phc} ${describeSet(type, s)}`);
      assert.equal(await pool.argon2Verify(phc, Buffer.from('hunter2 '), options), false);
    }
  }
});

test(`raw tags match the argon2 package's raw mode on random parameters (seed ${SEED})`, async () => {
  const next = rng(SEED + 32);
  for (let i = 0; i < 12; i++) {
    const type = TYPES[i % 3];
    const parallelism = 1 + (next() % 6);
    const o = {
      memoryCost: 8 * parallelism + (next() % 300),
      timeCost: 1 + (next() % 3),
      parallelism,
      hashLength: 4 + (next() % 80),
    };
    const password = Buffer.from(randomBytes(next() % 40, next));
    const salt = Buffer.from(randomBytes(8 + (next() % 40), next));
    const secret = next() % 2 ? Buffer.from(randomBytes(1 + (next() % 32), next)) : undefined;
    const associatedData = next() % 2 ? Buffer.from(randomBytes(1 + (next() % 32), next)) : undefined;
    const expected = await argon2.hash(password, { ...o, type: TYPE_NUMBER[type], salt, secret, associatedData, raw: true });
    const got = await pool[type](password, salt, { ...o, secret, associatedData, encoding: 'hex' });
    assert.equal(got, expected.toString('hex'), `${type} ${JSON.stringify(o)}`);
  }
});

test('a changed tag, salt, parameter or associated data verifies false', async () => {
  const phc = await pool.argon2Hash('pw', { memoryCost: 64, timeCost: 1, parallelism: 2, associatedData: 'abc' });
  const [, type, v, params, salt, hash] = phc.split('$');
  const flip = (b64, i) => {
    const bytes = fromB64(b64, 'x');
    bytes[i] ^= 1;
    return toB64(bytes);
  };
  const variants = [
    [type, v, params, salt, flip(hash, 31)], // last byte: no early exit decides this
    [type, v, params, salt, flip(hash, 0)],
    [type, v, params, flip(salt, 5), hash],
    [type, v, params.replace('t=1', 't=2'), salt, hash],
    [type, v, params.replace('data=YWJj', 'data=YWJk'), salt, hash],
    [type, v, params.replace(',data=YWJj', ''), salt, hash],
    [type, v, params, salt, toB64(fromB64(hash, 'x').subarray(0, 16))], // a shorter tag is not a prefix
    [type === 'argon2id' ? 'argon2i' : 'argon2id', v, params, salt, hash],
  ];
  assert.equal(await pool.argon2Verify(phc, 'pw'), true);
  for (const parts of variants) {
    const changed = `$${parts.join('$')}`;
    assert.equal(await pool.argon2Verify(changed, 'pw'), false, changed);
  }
});

test('keyid is accepted and ignored; parameters in any order verify', async () => {
  const phc = await pool.argon2Hash('pw', { memoryCost: 64, timeCost: 2, parallelism: 2 });
  for (const params of ['m=64,t=2,p=2,keyid=AAECAw', 'p=2,m=64,t=2', 't=2,keyid=AA,p=2,m=64']) {
    assert.equal(await pool.argon2Verify(phc.replace('m=64,t=2,p=2', params), 'pw'), true, params);
  }
});

test('constantTimeEqual: equal, unequal in any byte, unequal lengths', () => {
  const a = Uint8Array.from({ length: 32 }, (_, i) => i);
  assert.equal(constantTimeEqual(a, a.slice()), true);
  for (let i = 0; i < 32; i++) {
    const b = a.slice();
    b[i] ^= 0x80;
    assert.equal(constantTimeEqual(a, b), false, `byte ${i}`);
  }
  assert.equal(constantTimeEqual(a, a.subarray(0, 31)), false);
  assert.equal(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)), true);
});

test(`the base64 codec matches Buffer's (unpadded) at every length 0..100 (seed ${SEED})`, () => {
  const next = rng(SEED + 33);
  for (let n = 0; n <= 100; n++) {
    const bytes = randomBytes(n, next);
    const text = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
    assert.equal(toB64(bytes), text);
    assert.deepEqual(fromB64(text, 'x'), bytes);
  }
});

// A valid string to break one piece at a time: salt "saltsaltsaltsalt", a 32-byte hash.
const SALT = 'c2FsdHNhbHRzYWx0c2FsdA';
const HASH = 'QU9S2L2kiTFJ9cdkEQJ9rX18n36G8ldwrHtV+qLqVTs';
const phcOf = (params, { type = 'argon2id', v = '$v=19', salt = SALT, hash = HASH } = {}) => `$${type}${v}$${params}$${salt}$${hash}`;
const GOOD = phcOf('m=64,t=2,p=2');

const MALFORMED = [
  ['empty string', ''],
  ['no leading $', GOOD.slice(1)],
  ['unknown type', GOOD.replace('argon2id', 'argon2')],
  ['type in capitals', GOOD.replace('argon2id', 'Argon2id')],
  ['type with a suffix', GOOD.replace('argon2id', 'argon2idx')],
  ['another function', GOOD.replace('argon2id', 'scrypt')],
  ['no v= (version 0x10)', phcOf('m=64,t=2,p=2', { v: '' })],
  ['v=16', phcOf('m=64,t=2,p=2', { v: '$v=16' })],
  ['v=20', phcOf('m=64,t=2,p=2', { v: '$v=20' })],
  ['v=019', phcOf('m=64,t=2,p=2', { v: '$v=019' })],
  ['v= empty', phcOf('m=64,t=2,p=2', { v: '$v=' })],
  ['V=19', phcOf('m=64,t=2,p=2', { v: '$V=19' })],
  ['missing m', phcOf('t=2,p=2')],
  ['missing t', phcOf('m=64,p=2')],
  ['missing p', phcOf('m=64,t=2')],
  ['no parameters', phcOf('')],
  ['non-numeric m', phcOf('m=abc,t=2,p=2')],
  ['negative m', phcOf('m=-64,t=2,p=2')],
  ['m with a plus sign', phcOf('m=+64,t=2,p=2')],
  ['m with a leading zero', phcOf('m=064,t=2,p=2')],
  ['fractional t', phcOf('m=64,t=1.5,p=2')],
  ['t in hex', phcOf('m=64,t=0x2,p=2')],
  ['empty m', phcOf('m=,t=2,p=2')],
  ['parameter without =', phcOf('m,t=2,p=2')],
  ['m over 2^32 - 1', phcOf('m=4294967296,t=2,p=2')],
  ['p = 0', phcOf('m=64,t=2,p=0')],
  ['t = 0', phcOf('m=64,t=0,p=2')],
  ['m under 8 × p', phcOf('m=15,t=2,p=2')],
  ['p over 2^24 - 1', phcOf('m=4294967295,t=2,p=16777216')],
  ['absurd memory (4 TiB)', phcOf('m=4294967295,t=1,p=1')],
  ['memory beyond the 2 GiB heap', phcOf('m=2101248,t=1,p=1')],
  ['m twice', phcOf('m=64,m=64,t=2,p=2')],
  ['unknown parameter', phcOf('m=64,t=2,p=2,x=1')],
  ['trailing comma', phcOf('m=64,t=2,p=2,')],
  ['space in the parameters', phcOf('m=64, t=2,p=2')],
  ['data not base64', phcOf('m=64,t=2,p=2,data=a!b')],
  ['keyid padded', phcOf('m=64,t=2,p=2,keyid=AA==')],
  ['salt padded', phcOf('m=64,t=2,p=2', { salt: `${SALT}==` })],
  ['salt with a bad character', phcOf('m=64,t=2,p=2', { salt: `${SALT.slice(0, -1)}*` })],
  ['salt in base64url', phcOf('m=64,t=2,p=2', { salt: 'c2Fsd-NhbHRz_WxGc2FsdA' })],
  ['salt with stray bits', phcOf('m=64,t=2,p=2', { salt: `${SALT.slice(0, -1)}B` })],
  ['salt of impossible length', phcOf('m=64,t=2,p=2', { salt: `${SALT}AAA` })],
  ['salt of 7 bytes', phcOf('m=64,t=2,p=2', { salt: toB64(new Uint8Array(7)) })],
  ['empty salt', phcOf('m=64,t=2,p=2', { salt: '' })],
  ['hash of 3 bytes', phcOf('m=64,t=2,p=2', { hash: toB64(new Uint8Array(3)) })],
  ['empty hash', phcOf('m=64,t=2,p=2', { hash: '' })],
  ['hash padded', phcOf('m=64,t=2,p=2', { hash: `${HASH}=` })],
  ['missing hash', `$argon2id$v=19$m=64,t=2,p=2$${SALT}`],
  ['an extra field', `${GOOD}$more`],
  ['a trailing newline', `${GOOD}\n`],
  ['non-ASCII in the hash', GOOD.replace('QU9S', 'QU9Ş')],
];

test('every malformed PHC string rejects with ERR_PARAHASH_INVALID_ARG, and the pool keeps working', async () => {
  assert.equal(await pool.argon2Verify(GOOD, 'pw'), false, 'the unbroken string parses');
  for (const [name, phc] of MALFORMED) {
    await assert.rejects(pool.argon2Verify(phc, 'pw'), (e) => {
      assert.equal(e.code, codes.INVALID_ARG, `${name}: ${e.code} ${e.message}`);
      assert.ok(e instanceof TypeError || e instanceof RangeError, name);
      assert.ok(e.message.length > 20, name);
      return true;
    }, name);
    await stillCorrect();
  }
});

test('version 0x10 strings are refused with a message that says so', async () => {
  for (const phc of [phcOf('m=64,t=2,p=2', { v: '' }), phcOf('m=64,t=2,p=2', { v: '$v=16' })]) {
    await assert.rejects(pool.argon2Verify(phc, 'pw'), (e) => e.code === codes.INVALID_ARG && /0x10/.test(e.message));
  }
});

test('wrong argument types reject with ERR_PARAHASH_INVALID_ARG (TypeError), and the pool keeps working', async () => {
  const calls = [
    ['verify: phc a number', () => pool.argon2Verify(42, 'pw')],
    ['verify: phc undefined', () => pool.argon2Verify(undefined, 'pw')],
    ['verify: phc a Buffer', () => pool.argon2Verify(Buffer.from(GOOD), 'pw')],
    ['verify: password a number', () => pool.argon2Verify(GOOD, 42)],
    ['verify: password missing', () => pool.argon2Verify(GOOD)],
    ['verify: options a string', () => pool.argon2Verify(GOOD, 'pw', 'secret')],
    ['verify: secret a number', () => pool.argon2Verify(GOOD, 'pw', { secret: 42 })],
    ['verify: signal not an AbortSignal', () => pool.argon2Verify(GOOD, 'pw', { signal: {} })],
    ['verify: onProgress not a function', () => pool.argon2Verify(GOOD, 'pw', { onProgress: 1 })],
    ['verify: a parameter option', () => pool.argon2Verify(GOOD, 'pw', { memoryCost: 64 })],
    ['verify: an encoding', () => pool.argon2Verify(GOOD, 'pw', { encoding: 'hex' })],
    ['hash: password a number', () => pool.argon2Hash(42)],
    ['hash: password null', () => pool.argon2Hash(null)],
    ['hash: options a string', () => pool.argon2Hash('pw', 'argon2id')],
    ['hash: unknown type', () => pool.argon2Hash('pw', { type: 'argon2' })],
    ['hash: type a number', () => pool.argon2Hash('pw', { type: 2 })],
    ['hash: saltLength 7', () => pool.argon2Hash('pw', { saltLength: 7 })],
    ['hash: saltLength 1025', () => pool.argon2Hash('pw', { saltLength: 1025 })],
    ['hash: saltLength 16.5', () => pool.argon2Hash('pw', { saltLength: 16.5 })],
    ['hash: saltLength a string', () => pool.argon2Hash('pw', { saltLength: '16' })],
    ['hash: a salt of its own', () => pool.argon2Hash('pw', { salt: 'saltsaltsalt' })],
    ['hash: raw', () => pool.argon2Hash('pw', { raw: true })],
    ['hash: an encoding', () => pool.argon2Hash('pw', { encoding: 'hex' })],
    ['hash: memoryCost under 8 × p', () => pool.argon2Hash('pw', { memoryCost: 31, parallelism: 4 })],
    ['hash: timeCost 0', () => pool.argon2Hash('pw', { timeCost: 0 })],
    ['hash: hashLength 3', () => pool.argon2Hash('pw', { hashLength: 3 })],
    ['hash: secret an object', () => pool.argon2Hash('pw', { secret: {} })],
  ];
  for (const [name, call] of calls) {
    await assert.rejects(call(), (e) => {
      assert.equal(e.code, codes.INVALID_ARG, `${name}: ${e.code} ${e.message}`);
      assert.ok(e instanceof TypeError || e instanceof RangeError, name);
      return true;
    }, name);
    await stillCorrect();
  }
});

test('signal, onProgress and Node-style callbacks work for both', async () => {
  const cheap = { memoryCost: 64, timeCost: 2, parallelism: 1 };
  await assert.rejects(pool.argon2Hash('pw', { ...cheap, signal: AbortSignal.abort() }), { code: codes.ABORTED });
  const seen = [];
  const phc = await pool.argon2Hash('pw', { ...cheap, onProgress: (p) => seen.push(p) });
  assert.deepEqual(seen.at(-1), { passesDone: 2, passesTotal: 2 });
  await assert.rejects(pool.argon2Verify(phc, 'pw', { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  const viaCallback = await new Promise((resolve, reject) =>
    pool.argon2Hash('pw', cheap, (err, result) => (err ? reject(err) : resolve(result))));
  const verdicts = await Promise.all(['pw', 'px'].map((password) => new Promise((resolve, reject) =>
    pool.argon2Verify(viaCallback, password, (err, ok) => (err ? reject(err) : resolve(ok))))));
  assert.deepEqual(verdicts, [true, false]);
  const err = await new Promise((resolve) => pool.argon2Verify('$nope', 'pw', (e) => resolve(e)));
  assert.equal(err.code, codes.INVALID_ARG);
  await stillCorrect();
});

test('many hashes and verifications at once', async () => {
  const cheap = { memoryCost: 128, timeCost: 1, parallelism: 2 };
  const passwords = Array.from({ length: 10 }, (_, i) => `password ${i}`);
  const hashes = await Promise.all(passwords.map((pw, i) => pool.argon2Hash(pw, { ...cheap, type: TYPES[i % 3] })));
  const verdicts = await Promise.all(hashes.flatMap((phc, i) => [
    pool.argon2Verify(phc, passwords[i]), pool.argon2Verify(phc, passwords[(i + 1) % 10]),
  ]));
  assert.deepEqual(verdicts, passwords.flatMap(() => [true, false]));
  await stillCorrect();
});
