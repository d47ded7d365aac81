'use strict';
// The callback form, swept: every method that takes a callback × every position the callback
// can take (its own, the options', or the place of a required argument the caller left out) ×
// a bad value in every other position. node:crypto's rule: a wrong type throws a TypeError at
// once; any other failure reaches the callback, exactly once; the call returns undefined; and
// no rejection is ever left unhandled (under Node's default that ends the process).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const parahash = require('parahash');
const { FUNCTIONS } = require('./bad-input-cases');
const { sha256 } = require('./helpers');

const { createPool, codes } = parahash;
const BAD = { 'a symbol': () => Symbol('bad'), 'a number': () => 42, 'a plain object': () => ({ nope: 1 }), 'null': () => null };

let pool;
const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);
before(async () => {
  process.on('unhandledRejection', onUnhandled);
  pool = await createPool({ threads: 2 });
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await pool.close();
  await parahash.closeDefaultPool();
});

// Calls fn with `args`; @return { thrown } or { returned, calls: [[err, result]…] } once the
// callback was called (or 10 s passed), then a little longer to catch a second call.
async function callbackOutcome(fn, args) {
  const calls = [];
  let wake;
  const called = new Promise((resolve) => { wake = resolve; });
  const callback = (...a) => {
    calls.push(a);
    wake();
  };
  let returned;
  try {
    returned = fn.call(pool, [...args, callback], parahash, true);
  } catch (error) {
    return { thrown: error };
  }
  await Promise.race([called, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { returned, calls };
}

// The methods that take a callback: those whose positions name one.
const WITH_CALLBACK = FUNCTIONS.filter((fn) => Object.values(fn.positions).some((rule) => rule.name === 'callback'))
  .map((fn) => ({ ...fn, callbackAt: Number(Object.entries(fn.positions).find(([, rule]) => rule.name === 'callback')[0]) }));

test('the sweep covers every method with a callback', () => {
  const names = WITH_CALLBACK.map((fn) => fn.name);
  for (const name of ['pool.hash', 'pool.hmac', 'pool.hashMany', 'pool.pbkdf2', 'pool.scrypt', 'pool.argon2id',
    'pool.argon2Hash', 'pool.argon2Verify', 'pool.hashStream', 'pool.hashFile', 'pool.hashFiles',
    'hash (the default pool)', 'hashFile (the default pool)']) {
    assert.ok(names.includes(name), name);
  }
});

function checkOutcome(row, outcome) {
  if ('thrown' in outcome) {
    assert.ok(outcome.thrown instanceof TypeError, `${row}: threw ${outcome.thrown?.name}: ${outcome.thrown?.message}`);
    assert.equal(outcome.thrown.code, codes.INVALID_ARG, row);
    return 'thrown';
  }
  assert.equal(outcome.returned, undefined, `${row}: the callback form returns undefined`);
  assert.equal(outcome.calls.length, 1, `${row}: the callback was called ${outcome.calls.length} times`);
  const [error] = outcome.calls[0];
  if (error !== null) {
    assert.ok(error instanceof Error && typeof error.code === 'string', `${row}: ${error}`);
    assert.ok(!(error instanceof TypeError), `${row}: a TypeError reached the callback instead of being thrown: ${error.message}`);
    return 'error';
  }
  return 'result';
}

for (const fn of WITH_CALLBACK) {
  test(`${fn.name}: the callback at every position, a bad value at every other`, async () => {
    await parahash.getDefaultPool(); // its checks run synchronously once it has started (below: before)
    const seen = { thrown: 0, error: 0, result: 0 };
    for (let at = 0; at <= fn.callbackAt; at++) {
      const good = fn.good().slice(0, at);
      seen[checkOutcome(`${fn.name} callback at ${at}`, await callbackOutcome(fn, good))]++;
      for (let bad = 0; bad < at; bad++) {
        for (const [name, make] of Object.entries(BAD)) {
          const args = fn.good().slice(0, at);
          args[bad] = make();
          seen[checkOutcome(`${fn.name} callback at ${at}, argument ${bad} = ${name}`, await callbackOutcome(fn, args))]++;
        }
      }
    }
    // The good call with its callback in place gives a result.
    assert.ok(seen.result >= 1, `${fn.name}: ${JSON.stringify(seen)}`);
    assert.deepEqual(unhandled.map(String), []);
    assert.equal(await pool.hash('sha256', 'still fine', { encoding: 'hex' }), sha256('still fine'));
  });
}

test('the issue\'s cases: pbkdf2 without its digest and hash without data throw a TypeError at once', () => {
  for (const call of [
    () => pool.pbkdf2('password', 'salt', 8, 8, () => assert.fail('not called')),
    () => pool.hash('sha1', () => assert.fail('not called')),
    () => parahash.pbkdf2('password', 'salt', 8, 8, () => assert.fail('not called')),
  ]) {
    assert.throws(call, { name: 'TypeError', code: codes.INVALID_ARG });
  }
});

test('before the default pool has started, a wrong type reaches the callback once (its checks need the pool)', async () => {
  await parahash.closeDefaultPool();
  const outcome = await callbackOutcome({ call: (p, a, ph) => ph.hash(...a) }, ['sha1']);
  assert.equal(outcome.returned, undefined);
  assert.equal(outcome.calls.length, 1);
  assert.equal(outcome.calls[0][0].code, codes.INVALID_ARG);
  assert.deepEqual(unhandled.map(String), []);
  // Once it runs, the same call throws at once.
  assert.throws(() => parahash.hash('sha1', () => {}), { name: 'TypeError', code: codes.INVALID_ARG });
});

test('a failure that is no TypeError reaches the callback: an unknown algorithm, a range, a missing file', async () => {
  const first = (start) => new Promise((resolve) => { assert.equal(start((...a) => resolve(a)), undefined); });
  const [unknown] = await first((cb) => pool.hash('nope', 'x', cb));
  assert.equal(unknown.code, codes.UNKNOWN_ALGORITHM);
  const [range] = await first((cb) => pool.pbkdf2('pw', 'salt', -1, 8, 'sha256', cb));
  assert.equal(range.name, 'RangeError');
  const [missing] = await first((cb) => pool.hashFile('/nonexistent/parahash', 'sha256', cb));
  assert.equal(missing.code, 'ENOENT');
  const [none, digest] = await first((cb) => parahash.hash('sha256', 'abc', cb));
  assert.equal(none, null);
  assert.equal(digest.toString('hex'), sha256('abc'));
});

test('a callback that throws is an uncaught exception, as node:crypto\'s is, not an unhandled rejection', () => {
  const script = `
    const { createPool } = require('parahash');
    process.on('unhandledRejection', () => { console.log('unhandledRejection'); process.exit(3); });
    process.on('uncaughtException', (e) => { console.log('uncaught ' + e.message); process.exit(0); });
    createPool({ threads: 1 }).then((pool) => pool.hash('sha256', 'x', () => { throw new Error('from the callback'); }));`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(child.stdout.trim(), 'uncaught from the callback');
  assert.equal(child.status, 0);
});
