'use strict';
// Argon2d/i/id through the pool: RFC 9106's vectors, hash-wasm as an independent implementation
// on random parameters at every parallelism 1..8 and thread count 1..4, progress, abort, memory
// limits and every bad option — with the pool checked correct after each failure.
const test = require('node:test');
const assert = require('node:assert/strict');
const hashWasm = require('hash-wasm');
const { createPool, codes } = require('parahash');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');
const rfc = require('../vectors/argon2-rfc9106.json');

const hex = (h) => Buffer.from(h, 'hex');
const TYPES = ['argon2d', 'argon2i', 'argon2id'];
let pool;

test.before(async () => { pool = await createPool({ threads: 2 }); });
test.after(() => pool.close());

const stillCorrect = async (p = pool) => assert.equal(await p.hash('sha256', 'abc', { encoding: 'hex' }), sha256('abc'));

test('RFC 9106 section 5 vectors for Argon2d, Argon2i and Argon2id', async () => {
  for (const type of TYPES) {
    const tag = await pool[type](hex(rfc.password_hex), hex(rfc.salt_hex), {
      memoryCost: rfc.memory_kib, timeCost: rfc.passes, parallelism: rfc.lanes, hashLength: rfc.tag_length,
      secret: hex(rfc.secret_hex), associatedData: hex(rfc.associated_data_hex), encoding: 'hex',
    });
    assert.equal(tag, rfc.tags[type], type);
  }
});

test(`hash-wasm agrees on random parameters, parallelism 1..8 at 1..4 threads (seed ${SEED})`, async () => {
  const next = rng(SEED + 21);
  const pools = await Promise.all([1, 2, 3, 4].map((threads) => createPool({ threads })));
  try {
    for (let parallelism = 1; parallelism <= 8; parallelism++) {
      for (const p of pools) {
        const type = TYPES[next() % 3];
        const options = {
          parallelism,
          memoryCost: 8 * parallelism + (next() % 200),
          timeCost: 1 + (next() % 3),
          hashLength: 4 + (next() % 97),
        };
        const password = randomBytes(1 + (next() % 40), next); // hash-wasm refuses an empty password
        const salt = randomBytes(8 + (next() % 24), next);
        const secret = next() % 2 ? randomBytes(1 + (next() % 32), next) : undefined;
        const expected = await hashWasm[type]({
          password, salt, secret, iterations: options.timeCost, parallelism, memorySize: options.memoryCost,
          hashLength: options.hashLength, outputType: 'hex',
        });
        const got = await p[type](password, salt, { ...options, secret, encoding: 'hex' });
        assert.equal(got, expected, `${type} ${JSON.stringify(options)} on ${p.threads} threads`);
      }
    }
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
});

test('an empty password and empty secret are allowed (checked against @noble/hashes)', async () => {
  const noble = await import('@noble/hashes/argon2.js');
  for (const type of TYPES) {
    const expected = Buffer.from(noble[type](new Uint8Array(0), 'somesaltsalt', { t: 2, m: 64, p: 2, dkLen: 40 })).toString('hex');
    assert.equal(await pool[type]('', 'somesaltsalt', { timeCost: 2, memoryCost: 64, parallelism: 2, hashLength: 40, secret: '', encoding: 'hex' }),
      expected, type);
  }
});

test('defaults are RFC 9106\'s second recommended option (64 MiB, t=3, p=4, 32 bytes)', async () => {
  const tag = await pool.argon2id('password', 'somesalt', { encoding: 'hex' });
  const expected = await hashWasm.argon2id({
    password: 'password', salt: 'somesalt', iterations: 3, parallelism: 4, memorySize: 65536, hashLength: 32,
    outputType: 'hex',
  });
  assert.equal(tag, expected);
});

test('many calls at once share the pool and each gets its own tag', async () => {
  const calls = Array.from({ length: 12 }, (_, i) => ({ password: `pw${i}`, salt: `salt-${i}-salt`, parallelism: 1 + (i % 4) }));
  const got = await Promise.all(calls.map((c) =>
    pool.argon2id(c.password, c.salt, { memoryCost: 1024, timeCost: 2, parallelism: c.parallelism, encoding: 'hex' })));
  for (const [i, c] of calls.entries()) {
    const expected = await hashWasm.argon2id({
      password: c.password, salt: c.salt, iterations: 2, parallelism: c.parallelism, memorySize: 1024, hashLength: 32,
      outputType: 'hex',
    });
    assert.equal(got[i], expected, `call ${i}`);
  }
});

test('onProgress sees every pass, the last before the call settles', async () => {
  const seen = [];
  await pool.argon2id('password', 'somesalt', {
    memoryCost: 8192, timeCost: 4, parallelism: 2, onProgress: (p) => seen.push(p),
  });
  assert.ok(seen.length >= 1, 'called at least once');
  assert.deepEqual(seen.at(-1), { passesDone: 4, passesTotal: 4 });
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].passesDone > seen[i - 1].passesDone);
});

test('signal stops a long hash between passes and the pool keeps working', async () => {
  const controller = new AbortController();
  const started = performance.now();
  const call = pool.argon2id('password', 'somesalt', {
    memoryCost: 65536, timeCost: 50, parallelism: 2, signal: controller.signal,
    onProgress: ({ passesDone }) => { if (passesDone === 1) controller.abort(new Error('enough')); },
  });
  await assert.rejects(call, (e) => e.code === codes.ABORTED && e.cause?.message === 'enough');
  // 50 passes of 64 MiB take seconds; stopping after the first must not.
  assert.ok(performance.now() - started < 5000, 'stopped early');
  await assert.rejects(pool.argon2id('pw', 'somesalt', { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  assert.equal(pool.stats().pending, 0);
  await stillCorrect();
});

test('memory the heap cannot give rejects with ERR_PARAHASH_OUT_OF_MEMORY, and the pool keeps working', async () => {
  // 4 TiB: refused before anything is allocated.
  await assert.rejects(pool.argon2id('pw', 'somesalt', { memoryCost: 2 ** 32 - 1, parallelism: 1 }),
    { code: codes.OUT_OF_MEMORY });
  // 2047 MiB: under the heap's 2 GiB ceiling, so the engine tries, and its allocation fails
  // (the runtime already holds more than the 1 MiB left).
  await assert.rejects(pool.argon2id('pw', 'somesalt', { memoryCost: 2047 * 1024, timeCost: 1, parallelism: 1 }),
    { code: codes.OUT_OF_MEMORY });
  assert.equal(pool.stats().pending, 0);
  await stillCorrect();
  assert.equal(await pool.argon2id(hex(rfc.password_hex), hex(rfc.salt_hex), {
    memoryCost: 32, timeCost: 3, parallelism: 4, secret: hex(rfc.secret_hex),
    associatedData: hex(rfc.associated_data_hex), encoding: 'hex',
  }), rfc.tags.argon2id);
});

test('bad options reject with ERR_PARAHASH_INVALID_ARG and nothing else breaks', async () => {
  const bad = [
    ['pw', 'short', {}], // salt under 8 bytes
    ['pw', 'somesalt', { parallelism: 0 }],
    ['pw', 'somesalt', { parallelism: 2 ** 24 }],
    ['pw', 'somesalt', { parallelism: 1.5 }],
    ['pw', 'somesalt', { memoryCost: 31, parallelism: 4 }], // under 8 × p
    ['pw', 'somesalt', { timeCost: 0 }],
    ['pw', 'somesalt', { hashLength: 3 }],
    ['pw', 'somesalt', { hashLength: 2 ** 32 }],
    ['pw', 'somesalt', { memoryCost: '64' }],
    ['pw', 'somesalt', { secret: 42 }],
    ['pw', 'somesalt', { associatedData: {} }],
    ['pw', 'somesalt', { onProgress: 'yes' }],
    ['pw', 'somesalt', { encoding: 'nope' }],
    ['pw', 'somesalt', 'not options'],
    [42, 'somesalt', {}],
    ['pw', null, {}],
  ];
  for (const [password, salt, options] of bad) {
    for (const type of TYPES) {
      await assert.rejects(pool[type](password, salt, options), { code: codes.INVALID_ARG },
        `${type}(${JSON.stringify(password)}, ${JSON.stringify(salt)}, ${JSON.stringify(options)})`);
    }
  }
  assert.equal(pool.stats().pending, 0);
  await stillCorrect();
});

test('a throwing onProgress listener rejects the call with its error and stops the hash', async () => {
  const started = performance.now();
  await assert.rejects(pool.argon2id('password', 'somesalt', {
    memoryCost: 65536, timeCost: 50, parallelism: 2, onProgress: () => { throw new Error('listener bug'); },
  }), { message: 'listener bug' });
  assert.ok(performance.now() - started < 5000, 'stopped early');
  assert.equal(pool.stats().pending, 0);
  await stillCorrect();
});
