'use strict';
// Property tests (fast-check) for the parts written in JS: the PHC parser and the option and
// input validation. The fuzzers cover the C++; these cover what never reaches it.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fc = require('fast-check');
const { createPool, codes } = require('parahash');
const { parsePhc, formatPhc, toB64 } = require('../../js/kdf/phc');
const { readOptions, KNOWN } = require('../../js/args/options');
const { toBytes } = require('../../js/args/input');
const { SEED, sha256 } = require('./helpers');

const RUNS = Number(process.env.PARAHASH_PROPERTY_RUNS ?? 300);
const settings = { seed: SEED, numRuns: RUNS };

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

// A failure of ours: an Error with a stable code, and nothing else.
const isCoded = (error) => typeof error?.code === 'string' && error.code.startsWith('ERR_PARAHASH_') &&
  error instanceof Error && error.message.length > 5;

const type = fc.constantFrom('argon2id', 'argon2i', 'argon2d');
const bytes = (min, max) => fc.uint8Array({ minLength: min, maxLength: max });
const validPhc = fc.record({
  type,
  parallelism: fc.integer({ min: 1, max: 64 }),
  timeCost: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
  extraMemory: fc.integer({ min: 0, max: 1 << 20 }),
  associatedData: fc.option(bytes(1, 40), { nil: undefined }),
  salt: bytes(8, 64),
  hash: bytes(4, 64),
}).map((o) => ({ ...o, memoryCost: 8 * o.parallelism + o.extraMemory }));

test(`PHC: what formatPhc writes, parsePhc reads back unchanged (seed ${SEED})`, () => {
  fc.assert(fc.property(validPhc, (o) => {
    const parsed = parsePhc(formatPhc(o));
    assert.equal(parsed.type, o.type);
    assert.equal(parsed.memoryCost, o.memoryCost);
    assert.equal(parsed.timeCost, o.timeCost);
    assert.equal(parsed.parallelism, o.parallelism);
    assert.deepEqual([...parsed.salt], [...o.salt]);
    assert.deepEqual([...parsed.hash], [...o.hash]);
    assert.deepEqual([...parsed.associatedData], [...(o.associatedData ?? [])]);
  }), settings);
});

test('PHC: any string either parses to what re-formats to it, or is refused with a code', () => {
  const mutated = fc.tuple(validPhc, fc.nat(200), fc.string({ maxLength: 3 })).map(([o, at, insert]) => {
    const s = formatPhc(o);
    const i = at % (s.length + 1);
    return s.slice(0, i) + insert + s.slice(i + (at % 3));
  });
  fc.assert(fc.property(fc.oneof(mutated, fc.string(), fc.string({ unit: 'binary' })), (text) => {
    let parsed;
    try {
      parsed = parsePhc(text);
    } catch (error) {
      assert.ok(isCoded(error) && error.code === codes.INVALID_ARG, `${JSON.stringify(text)}: ${error}`);
      return;
    }
    // Accepted: canonical, apart from the parameter order and keyid, which formatPhc drops.
    if (!/keyid=/.test(text) && /\$m=\d+,t=\d+,p=\d+[$,]/.test(text)) assert.equal(formatPhc(parsed), text);
    assert.ok(parsed.salt.length >= 8 && parsed.hash.length >= 4);
  }), settings);
});

test('PHC: base64 fields decode to exactly what was encoded, whatever the length', () => {
  fc.assert(fc.property(bytes(0, 100), (b) => {
    const o = { type: 'argon2id', memoryCost: 64, timeCost: 1, parallelism: 1, salt: new Uint8Array(8), hash: b.length >= 4 ? b : new Uint8Array(4) };
    const text = formatPhc(o);
    assert.ok(!text.split('$').slice(4).join('').includes('='), 'no padding');
    assert.equal(toB64(parsePhc(text).hash), toB64(o.hash));
  }), settings);
});

test('options: any value gives only its own known options, on no prototype, or is refused with a code', () => {
  fc.assert(fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true }), (options) => {
    try {
      const read = readOptions(options, KNOWN.hash, 'pool.hash');
      assert.equal(Object.getPrototypeOf(read), null, 'no prototype to pollute');
      for (const name of Object.keys(read)) assert.ok(KNOWN.hash.has(name), name);
    } catch (error) {
      assert.ok(isCoded(error) && error.code === codes.INVALID_ARG, String(error));
    }
  }), settings);
});

test('inputs: any value is bytes of the right length, or refused with a code', () => {
  fc.assert(fc.property(fc.anything({ withBigInt: true, withTypedArray: true, withSparseArray: true }), (value) => {
    try {
      const b = toBytes(value, 'data');
      assert.ok(b instanceof Uint8Array);
      if (typeof value !== 'string') assert.equal(b.byteLength, ArrayBuffer.isView(value) ? value.byteLength : value.byteLength);
    } catch (error) {
      assert.ok(isCoded(error), String(error));
    }
  }), settings);
});

test('pool.hash: arbitrary options reject with a code or give the right digest', async () => {
  const option = fc.record({
    encoding: fc.oneof(fc.constantFrom('hex', 'base64', 'base64url', 'buffer', 'latin1', ''), fc.anything()),
    outputLength: fc.oneof(fc.integer(), fc.double(), fc.anything()),
    seed: fc.oneof(fc.bigInt(), fc.integer(), fc.anything()),
    bogus: fc.anything(),
  }, { requiredKeys: [] });
  await fc.assert(fc.asyncProperty(option, bytes(0, 64), async (options, data) => {
    try {
      const digest = await pool.hash('sha256', data, options);
      const hex = typeof digest === 'string' ? Buffer.from(digest, options.encoding).toString('hex') : digest.toString('hex');
      assert.equal(hex, sha256(data));
    } catch (error) {
      assert.ok(isCoded(error), String(error));
    }
  }), { ...settings, numRuns: Math.min(RUNS, 200) });
  assert.equal(await pool.hash('sha256', 'still', { encoding: 'hex' }), sha256('still'));
});

test('argon2 options: arbitrary values reject with a code before any work, or run', async () => {
  const small = fc.record({
    memoryCost: fc.oneof(fc.integer({ min: -10, max: 300 }), fc.anything()),
    timeCost: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.anything()),
    parallelism: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.anything()),
    hashLength: fc.oneof(fc.integer({ min: -1, max: 70 }), fc.anything()),
  }, { requiredKeys: [] });
  await fc.assert(fc.asyncProperty(small, async (o) => {
    // Defaults would be 64 MiB × 3 passes: keep every run small.
    const options = { memoryCost: 64, timeCost: 1, parallelism: 1, ...o };
    try {
      const tag = await pool.argon2id('pw', 'saltsalt', options);
      assert.equal(tag.length, options.hashLength ?? 32);
    } catch (error) {
      assert.ok(isCoded(error), String(error));
    }
  }), { ...settings, numRuns: Math.min(RUNS, 150) });
});
