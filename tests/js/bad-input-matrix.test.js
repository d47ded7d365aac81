'use strict';
// The bad-input matrix: every public function × every argument position × every hostile value
// (tests/js/bad-input-cases.js). Each combination rejects with its code and class, or is
// accepted as documented (then, for byte values, with the digest an independent implementation
// gives for those bytes), and the pool is still correct after each function's rows.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const parahash = require('parahash');

const { createPool, codes } = parahash;
const { HOSTILE, FUNCTIONS, POOL_OPTIONS, ACCEPTED } = require('./bad-input-cases');
const { sha256 } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(async () => {
  await pool.close();
  await parahash.closeDefaultPool();
});

// The bytes a value stands for, read the way the engine must read them.
function bytesOf(value) {
  if (typeof value === 'string') return Buffer.from(value);
  if (ArrayBuffer.isView(value)) {
    const TypedArray = Object.getPrototypeOf(Uint8Array);
    const get = (name) => Object.getOwnPropertyDescriptor(value instanceof DataView ? DataView.prototype : TypedArray.prototype, name)
      .get.call(value);
    return Buffer.from(get('buffer'), get('byteOffset'), get('byteLength'));
  }
  return Buffer.from(value);
}

async function settle(start) {
  try {
    const value = await Promise.resolve().then(start);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error };
  }
}

async function stillCorrect() {
  assert.equal(await pool.hash('sha256', 'still fine', { encoding: 'hex' }), sha256('still fine'));
  assert.deepEqual(await pool.hashMany('sha256', ['x', 'y'], { encoding: 'hex' }), [sha256('x'), sha256('y')]);
  assert.equal(pool.stats().state, 'open');
}

function check(row, expected, outcome, reference) {
  if (expected === ACCEPTED) {
    // Accepted, then stopped by the row's time limit (or by its own short timeout).
    if (!outcome.ok && (outcome.error?.code === codes.ABORTED || outcome.error?.code === codes.TIMEOUT)) return;
    assert.ok(outcome.ok, `${row}: expected to be accepted, rejected with ${outcome.error?.code}: ${outcome.error?.message}`);
    if (reference !== undefined && outcome.value !== undefined) {
      assert.ok(Buffer.from(outcome.value).equals(Buffer.from(reference)), `${row}: wrong result`);
    }
    return;
  }
  const [code, cls] = expected;
  assert.ok(!outcome.ok, `${row}: expected ${code}, resolved`);
  assert.equal(outcome.error?.code, code, `${row}: ${outcome.error?.message}`);
  assert.equal(outcome.error.constructor.name, cls, `${row}: ${outcome.error.message}`);
  assert.ok(outcome.error.message.length > 10, `${row}: the message says what was wrong`);
}

let rows = 0;
for (const fn of FUNCTIONS) {
  test(`${fn.name}: every argument position × every hostile value`, async () => {
    for (const [position, rule] of Object.entries(fn.positions)) {
      for (const [name, hostile] of Object.entries(HOSTILE)) {
        const args = fn.good();
        const value = hostile.make();
        args[Number(position)] = value;
        const expected = fn.overrides?.[position]?.[name] ?? rule(hostile, name);
        const outcome = await settle(() => fn.call(pool, args, parahash));
        let reference;
        if (expected === ACCEPTED && fn.reference && hostile.bytes !== undefined) {
          const refArgs = fn.good();
          refArgs[Number(position)] = bytesOf(hostile.make());
          reference = fn.reference({ crypto, fs }, refArgs);
        }
        const result = outcome.ok && fn.result ? { ...outcome, value: fn.result(outcome.value) } : outcome;
        check(`${fn.name} argument ${position} = ${name}`, expected, result, reference);
        rows++;
      }
    }
    for (const [option, rule] of Object.entries(fn.options)) {
      for (const [name, hostile] of Object.entries(HOSTILE)) {
        const args = fn.good();
        const options = { ...args[fn.optionsAt], [option]: hostile.make() };
        // Some accepted values mean hours of work (timeCost 2^31): such rows stop after a while
        // (a synchronous call has no signal, and nothing long: hashSync refuses over 64 KiB).
        if (option !== 'signal' && !fn.synchronous) options.signal = AbortSignal.timeout(3000);
        args[fn.optionsAt] = options;
        const expected = fn.overrides?.[option]?.[name] ?? rule(hostile, name);
        check(`${fn.name} options.${option} = ${name}`, expected, await settle(() => fn.call(pool, args, parahash)));
        rows++;
      }
    }
    await stillCorrect();
  });
}

test('createPool: every option × every hostile value', async () => {
  for (const [option, rule] of Object.entries(POOL_OPTIONS)) {
    for (const [name, hostile] of Object.entries(HOSTILE)) {
      const expected = rule(hostile, name);
      const outcome = await settle(() => createPool({ [option]: hostile.make() }));
      check(`createPool options.${option} = ${name}`, expected, outcome.ok ? { ok: true } : outcome);
      if (outcome.ok) await outcome.value.close();
      rows++;
    }
  }
  for (const [name, hostile] of Object.entries(HOSTILE)) {
    const value = hostile.make();
    if (typeof value === 'function') continue; // createPool(callback) is the callback form
    const ok = name === 'undefined' || name === 'null' || hostile.noOptionNames;
    const outcome = await settle(() => createPool(value));
    check(`createPool(${name})`, ok ? ACCEPTED : ['ERR_PARAHASH_INVALID_ARG', 'TypeError'], outcome.ok ? { ok: true } : outcome);
    if (outcome.ok) await outcome.value.close();
    rows++;
  }
  await stillCorrect();
});

test('the matrix ran its rows', () => {
  assert.ok(rows > 2000, `${rows} rows`);
});
