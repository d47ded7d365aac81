'use strict';
// The facade is declared once (js/api/pool-methods.js METHODS); everything that lists the methods
// again is checked against it here: the Pool's methods, the default pool's top-level functions
// in the CommonJS, ESM and browser entries, the types' Hashing interface, and the bad-input
// matrix, which must call every method with a hostile value in every argument position.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const parahash = require('parahash');
const { METHODS } = require('../../js/api/pool-methods');
const { Pool } = require('../../js/api/pool');
const { FUNCTIONS } = require('./bad-input-cases');

const ROOT = path.join(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const NAMES = METHODS.map((entry) => entry.name);
// Methods that return no Promise (hashers, a digest now, an iterator): not METHODS entries, but on
// every face the same.
const FACTORIES = ['createHash', 'createHmac', 'hashSync', 'hashDirectoryIterator'];

// The names an `export const { a, b, … } = …` statement exports.
function exportedNames(source) {
  const match = /export const \{([^}]*)\}/.exec(source);
  assert.ok(match, 'no export const { … } statement');
  return new Set(match[1].split(',').map((name) => name.trim()).filter(Boolean));
}

test('the table has each method once, with its arity and where its options are', () => {
  assert.equal(new Set(NAMES).size, NAMES.length);
  for (const entry of METHODS) {
    assert.ok(Number.isInteger(entry.arity) && entry.arity >= 1, entry.name);
    assert.equal(entry.optionsAt, entry.arity - 1, `${entry.name}: options are the last argument before the callback`);
    assert.equal(typeof entry.check, 'function', `${entry.name}.check`);
    assert.equal(typeof entry.start, 'function', `${entry.name}.start`);
  }
});

test('every entry is a Pool method and a top-level function of the default pool', () => {
  // Each method's length counts its arguments and the callback, as a written-out one would.
  for (const entry of METHODS) assert.equal(Pool.prototype[entry.name].length, entry.arity + 1, `Pool.prototype.${entry.name}.length`);
  for (const name of [...NAMES, ...FACTORIES]) {
    assert.equal(typeof Pool.prototype[name], 'function', `Pool.prototype.${name}`);
    assert.equal(typeof parahash[name], 'function', `parahash.${name} (CommonJS)`);
  }
  for (const file of ['js/index.mjs', 'js/browser.mjs']) {
    const exported = exportedNames(read(file));
    for (const name of [...NAMES, ...FACTORIES]) assert.ok(exported.has(name), `${file} does not export ${name}`);
  }
});

test("the types' Hashing interface declares exactly these methods, with the same arguments", () => {
  const source = read('js/api.d.ts');
  const start = source.indexOf('export interface Hashing<D, H> {');
  assert.ok(start >= 0, 'no Hashing interface in js/api.d.ts');
  const body = source.slice(start, source.indexOf('\n}\n', start));
  const declared = new Map();
  for (const [, name, tuple] of body.matchAll(/^ {2}(\w+)(?::\s*\w+<(?:\[([^\]]*)\])?|\()/gm)) {
    declared.set(name, tuple === undefined ? undefined : tuple.split(',').filter((part) => part.includes(':')).length);
  }
  assert.deepEqual([...declared.keys()].sort(), [...NAMES, ...FACTORIES].sort());
  for (const entry of METHODS) {
    // hashFiles has an overloaded call type of its own; the others list their arguments.
    if (declared.get(entry.name) === undefined) continue;
    assert.equal(declared.get(entry.name), entry.arity - 1, `${entry.name}: arguments before the options`);
  }
});

test('the bad-input matrix calls every method with a hostile value in every position', () => {
  for (const entry of METHODS) {
    const row = FUNCTIONS.find((f) => f.name === `pool.${entry.name}`);
    assert.ok(row, `no bad-input row named pool.${entry.name}`);
    const positions = Object.keys(row.positions).map(Number).sort((a, b) => a - b);
    // Every argument, the options and the callback.
    assert.deepEqual(positions, Array.from({ length: entry.arity + 1 }, (_, i) => i), `pool.${entry.name}`);
    assert.equal(row.optionsAt, entry.optionsAt, `pool.${entry.name}`);
  }
});

// The shared path checks the arguments before the options, as node:crypto does (algorithm, then
// data, then options): a bad argument beside a bad option reports the argument, and in callback
// form an argument error that is not a TypeError (an unknown algorithm, a range) still reaches
// the callback, never thrown because an option was checked first.
test('arguments are checked before options, in both forms', async () => {
  const { createPool, codes } = parahash;
  const pool = await createPool({ threads: 1 });
  try {
    const bogus = { bogus: 1 };
    await assert.rejects(pool.hash('nope', 'x', bogus), { code: codes.UNKNOWN_ALGORITHM });
    await assert.rejects(pool.hash('sha256', 123, { encoding: 'nope' }), /"data" argument/);
    await assert.rejects(pool.hmac('nope', 'key', 'x', bogus), { code: codes.UNKNOWN_ALGORITHM });
    await assert.rejects(pool.pbkdf2('pw', 'salt', -1, 8, 'sha256', bogus), { name: 'RangeError' });
    await assert.rejects(pool.hashStream([], 'nope', bogus), { code: codes.UNKNOWN_ALGORITHM });
    await assert.rejects(pool.hashFiles([], 'nope', { encoding: 1 }), { code: codes.UNKNOWN_ALGORITHM });
    const viaCallback = (call) => new Promise((resolve) => call((error) => resolve(error)));
    assert.equal((await viaCallback((cb) => pool.hash('nope', 'x', bogus, cb))).code, codes.UNKNOWN_ALGORITHM);
    assert.equal((await viaCallback((cb) => pool.pbkdf2('pw', 'salt', -1, 8, 'sha256', { encoding: 'x' }, cb))).name, 'RangeError');
    // A stored string that does not parse reaches the callback; a password of the wrong type
    // beside it is still a TypeError thrown at once.
    assert.match((await viaCallback((cb) => pool.argon2Verify('garbage', 'pw', cb))).message, /Not an Argon2 PHC string/);
    assert.throws(() => pool.argon2Verify('garbage', 123, () => {}), { name: 'TypeError', message: /"password"/ });
  } finally {
    await pool.close();
  }
});
