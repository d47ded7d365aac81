'use strict';
// verifyPassword: one verify for a store that mixes Argon2 and bcrypt, dispatched on the prefix
// (argon2Verify for $argon2id$/$argon2i$/$argon2d$, bcryptVerify for $2a$/$2b$/$2y$), strings
// from parahash and from the argon2, bcrypt and bcryptjs packages; other schemes are
// ERR_PARAHASH_UNSUPPORTED, text that is no such string ERR_PARAHASH_INVALID_ARG. And the
// README's migration: verify, then rehash what argon2NeedsRehash says is due.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const argon2 = require('argon2');
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const parahash = require('parahash');

const { createPool, codes } = parahash;
const cheap = { memoryCost: 64, timeCost: 1, parallelism: 1 };

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(async () => {
  await pool.close();
  await parahash.closeDefaultPool();
});

test('each scheme of a mixed store verifies through one call, right and wrong passwords', async () => {
  const password = 'correct horse 🐎';
  const store = [
    await pool.argon2Hash(password, cheap),
    await pool.argon2Hash(password, { ...cheap, type: 'argon2i' }),
    await pool.argon2Hash(password, { ...cheap, type: 'argon2d' }),
    await argon2.hash(password, { memoryCost: 1024, timeCost: 1, parallelism: 1 }),
    await pool.bcryptHash(password, { cost: 4 }),
    await bcrypt.hash(password, 4),
    bcryptjs.hashSync(password, 4),
    `$2a$${(await bcrypt.hash(password, 4)).slice(4)}`,
    `$2y$${bcryptjs.hashSync(password, 4).slice(4)}`,
  ];
  for (const stored of store) {
    assert.equal(await pool.verifyPassword(stored, password), true, stored);
    assert.equal(await pool.verifyPassword(stored, Buffer.from(password)), true, stored);
    assert.equal(await pool.verifyPassword(stored, 'wrong'), false, stored);
    assert.equal(await parahash.verifyPassword(stored, password), true, stored);
  }
});

test('an Argon2 secret is passed through; a bcrypt string ignores it', async () => {
  const secret = Buffer.from('pepper');
  const phc = await pool.argon2Hash('pw', { ...cheap, secret });
  assert.equal(await pool.verifyPassword(phc, 'pw', { secret }), true);
  assert.equal(await pool.verifyPassword(phc, 'pw'), false);
  const b = await pool.bcryptHash('pw', { cost: 4 });
  assert.equal(await pool.verifyPassword(b, 'pw', { secret }), true);
  let passes = 0;
  assert.equal(await pool.verifyPassword(phc, 'pw', { secret, onProgress: () => passes++ }), true);
});

test('unknown schemes and malformed strings reject with their codes; argument types throw in callback form', async () => {
  for (const stored of ['$1$saltsalt$hash', '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA', '$pbkdf2-sha256$29000$c2FsdA$aGFzaA',
    '$2x$10$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW']) {
    await assert.rejects(pool.verifyPassword(stored, 'pw'), { code: codes.UNSUPPORTED }, stored);
  }
  for (const stored of ['', 'plaintext', '$argon2id$v=19$garbage', '$2b$10$short', 'argon2id$v=19']) {
    await assert.rejects(pool.verifyPassword(stored, 'pw'), { code: codes.INVALID_ARG }, stored);
  }
  assert.throws(() => pool.verifyPassword(42, 'pw', () => {}), { code: codes.INVALID_ARG, name: 'TypeError' });
  assert.throws(() => pool.verifyPassword('$1$x$y', 42, () => {}), { code: codes.INVALID_ARG, name: 'TypeError' });
  const error = await new Promise((resolve) => pool.verifyPassword('$1$x$y', 'pw', (e) => resolve(e)));
  assert.equal(error.code, codes.UNSUPPORTED);
  await assert.rejects(pool.verifyPassword('$2b$04$x', 'pw', { cost: 4 }), { code: codes.INVALID_ARG, message: /does not take options.cost/ });
  await assert.rejects(pool.verifyPassword(await pool.bcryptHash('pw', { cost: 4 }), 'pw', { signal: AbortSignal.abort() }), { code: codes.ABORTED });
});

test('the migration: verify, then rehash with Argon2 what needs it, until nothing does', async () => {
  const today = { ...cheap, memoryCost: 128 };
  const users = new Map([
    ['ann', await bcrypt.hash('ann-pw', 4)],
    ['bob', await pool.argon2Hash('bob-pw', cheap)],
    ['cy', await pool.argon2Hash('cy-pw', today)],
  ]);
  async function login(name, password) {
    const stored = users.get(name);
    if (!(await pool.verifyPassword(stored, password))) return false;
    if (parahash.argon2NeedsRehash(stored, today)) users.set(name, await pool.argon2Hash(password, today));
    return true;
  }
  assert.equal(await login('ann', 'nope'), false);
  assert.ok(users.get('ann').startsWith('$2b$'));
  for (const name of users.keys()) assert.equal(await login(name, `${name}-pw`), true);
  for (const [name, stored] of users) {
    assert.ok(stored.startsWith('$argon2id$v=19$m=128,t=1,p=1$'), name);
    assert.equal(parahash.argon2NeedsRehash(stored, today), false);
    assert.equal(await login(name, `${name}-pw`), true);
  }
});
