'use strict';
// argon2NeedsRehash (js/kdf/needs-rehash.js): the argon2 package's needsRehash on the same
// strings and options (version, m, t, p compared for equality), plus the type, other schemes
// and Argon2 1.0 as needing a rehash, argon2Hash's defaults, and what it refuses.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const argon2 = require('argon2');
const parahash = require('parahash');

const { argon2NeedsRehash, codes } = parahash;
after(() => parahash.closeDefaultPool());

const cheap = { memoryCost: 64, timeCost: 1, parallelism: 1 };

test('it agrees with the argon2 package where that package decides', async () => {
  const stored = await parahash.argon2Hash('pw', cheap);
  const theirs = await argon2.hash('pw', { memoryCost: 1024, timeCost: 2, parallelism: 1 });
  const cases = [
    [stored, cheap],
    [stored, { ...cheap, memoryCost: 128 }],
    [stored, { ...cheap, memoryCost: 32 }], // weaker today: a rehash too, as in the package
    [stored, { ...cheap, timeCost: 2 }],
    [stored, { ...cheap, parallelism: 2 }],
    [stored, {}],
    [theirs, { memoryCost: 1024, timeCost: 2, parallelism: 1 }],
    [theirs, { memoryCost: 1024, timeCost: 3, parallelism: 1 }],
  ];
  for (const [phc, options] of cases) {
    const expected = argon2.needsRehash(phc, { memoryCost: 65536, timeCost: 3, parallelism: 4, ...options });
    assert.equal(argon2NeedsRehash(phc, options), expected, `${phc.slice(0, 30)} ${JSON.stringify(options)}`);
  }
});

test('the defaults are argon2Hash\'s, and argon2Hash\'s own options object may be passed', async () => {
  const options = { ...cheap, hashLength: 16, saltLength: 8, secret: Buffer.from('pepper'), timeout: 5000 };
  const stored = await parahash.argon2Hash('pw', options);
  assert.equal(argon2NeedsRehash(stored, options), false);
  // Lengths, the secret and the associated data are not compared, as in the argon2 package.
  assert.equal(argon2NeedsRehash(stored, { ...cheap, hashLength: 32, saltLength: 16 }), false);
  const defaults = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo0NTY3ODk';
  assert.equal(argon2NeedsRehash(defaults), false);
  assert.equal(argon2NeedsRehash(defaults, undefined), false);
  assert.equal(argon2NeedsRehash(defaults, { type: 'argon2id' }), false);
});

test('another type, another scheme or Argon2 1.0 needs a rehash; it never throws on them', () => {
  const salt = 'c2FsdHNhbHRzYWx0c2FsdA';
  const hash = 'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo0NTY3ODk';
  assert.equal(argon2NeedsRehash(`$argon2i$v=19$m=65536,t=3,p=4$${salt}$${hash}`), true);
  assert.equal(argon2NeedsRehash(`$argon2i$v=19$m=65536,t=3,p=4$${salt}$${hash}`, { type: 'argon2i' }), false);
  assert.equal(argon2NeedsRehash(`$argon2d$v=19$m=65536,t=3,p=4$${salt}$${hash}`), true);
  assert.equal(argon2NeedsRehash(`$argon2id$v=16$m=65536,t=3,p=4$${salt}$${hash}`), true);
  assert.equal(argon2NeedsRehash(`$argon2id$m=65536,t=3,p=4$${salt}$${hash}`), true);
  for (const other of [
    '$2b$10$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a',
    '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA',
    '$pbkdf2-sha256$29000$c2FsdA$aGFzaA',
    '$1$saltsalt$hash',
  ]) {
    assert.equal(argon2NeedsRehash(other, cheap), true, other);
  }
});

test('it refuses what is no stored hash, and bad options, with coded errors', () => {
  for (const value of [undefined, null, 42, Buffer.from('$argon2id$')]) {
    assert.throws(() => argon2NeedsRehash(value), { code: codes.INVALID_ARG, name: 'TypeError' });
  }
  for (const text of ['', 'password', 'argon2id$v=19', '$argon2id$v=19$m=64,t=1$c2FsdHNhbHQ$aGFzaGhhc2g', '$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g']) {
    assert.throws(() => argon2NeedsRehash(text), { code: codes.INVALID_ARG }, text);
  }
  const stored = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo0NTY3ODk';
  assert.throws(() => argon2NeedsRehash(stored, { memoryCost: -1 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  assert.throws(() => argon2NeedsRehash(stored, { timeCost: '3' }), { code: codes.INVALID_ARG, name: 'TypeError' });
  assert.throws(() => argon2NeedsRehash(stored, { type: 'bcrypt' }), { code: codes.INVALID_ARG });
  assert.throws(() => argon2NeedsRehash(stored, { memory: 1024 }), { code: codes.INVALID_ARG, message: /does not take options.memory/ });
  assert.throws(() => argon2NeedsRehash(stored, 'options'), { code: codes.INVALID_ARG });
  // Synchronous: a boolean, not a Promise.
  assert.equal(typeof argon2NeedsRehash(stored), 'boolean');
});
