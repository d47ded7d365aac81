'use strict';
// bcrypt (the bcrypt row of src/kdf/kdfs.def, js/kdf/bcrypt.js): the published vectors of
// tests/vectors/bcrypt.json, interop both ways with the bcrypt package (native, OpenBSD's code)
// and bcryptjs on random passwords (the 72-byte boundary, multi-byte UTF-8 across it, embedded
// NULs, non-ASCII), the strings refused and their codes, the options, and an abort that stops a
// running cost-31 hash within 200 ms.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const parahash = require('parahash');
const vectors = require('../vectors/bcrypt.json');
const { SEED, rng } = require('./helpers');

const { createPool, codes } = parahash;
console.log(`bcrypt.test.js seed ${SEED} (PARAHASH_TEST_SEED=${SEED} repeats it)`);

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(async () => {
  await pool.close();
  await parahash.closeDefaultPool();
});

// A number in [0, 1) from the suite's seeded stream.
function random(seed) {
  const next = rng(seed);
  return () => next() / 2 ** 32;
}

const passwordOf = (v) => v.password ?? v.password_repeat[0].repeat(v.password_repeat[1]);

test('every published vector verifies, through bcryptVerify and verifyPassword, and a wrong password does not', async () => {
  assert.ok(vectors.vectors.length >= 15);
  await Promise.all(vectors.vectors.map(async (v) => {
    const password = passwordOf(v);
    assert.equal(await pool.bcryptVerify(v.hash, password), true, `${v.source}: ${v.hash}`);
    assert.equal(await pool.verifyPassword(v.hash, Buffer.from(password)), true, v.hash);
    assert.equal(await pool.bcryptVerify(v.hash, `x${password}`), false, v.hash);
  }));
});

test('bcryptHash with a given salt writes what the bcrypt package writes for the vectors', async () => {
  for (const v of vectors.vectors) {
    if (v.hash.startsWith('$2y$') || v.hash.slice(7, 29).at(-1) !== canonicalLast(v.hash)) continue;
    const cost = Number(v.hash.slice(4, 6));
    const salt = decodeSalt(v.hash.slice(7, 29));
    const made = await pool.bcryptHash(passwordOf(v), { cost, salt });
    // parahash writes $2b$; the hash part equals the vector's wherever $2a$ and $2b$ agree.
    if (v.only !== 'bcrypt') assert.equal(made.slice(3), v.hash.slice(3), v.hash);
    assert.equal(made, bcrypt.hashSync(passwordOf(v), made.slice(0, 29)));
  }
});

// bcrypt's base64 for a salt, read with the package's own decoder: hashSync takes a setting.
function decodeSalt(chars) {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const out = [];
  let acc = 0;
  let bits = 0;
  for (const c of chars) {
    acc = ((acc << 6) | alphabet.indexOf(c)) & 0xfff;
    bits += 6;
    if (bits >= 8 && out.length < 16) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
// The salt's last character as it would be written canonically (its 4 stray bits zero).
const canonicalLast = (hash) => {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return alphabet[alphabet.indexOf(hash[28]) & 0x30];
};

// Passwords around the 72-byte rule and across UTF-8's widths.
function passwords(next) {
  const ascii = (n) => Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(next() * 94))).join('');
  const list = [
    '', 'a', ascii(71), ascii(72), ascii(73), ascii(200),
    // A 2-, 3- and 4-byte character straddling byte 72.
    `${ascii(71)}é`, `${ascii(70)}€`, `${ascii(71)}€`, `${ascii(69)}😀`, `${ascii(70)}😀x`,
    'pässwörd', 'пароль', '密码密码', '🔑🔐', 'tab\there', 'nul\0inside',
  ];
  const pool = ['a', 'é', '€', '😀', 'Ω', '\0', ' ', 'Z'];
  for (let i = 0; i < 8; i++) {
    const length = Math.floor(next() * 90);
    list.push(Array.from({ length }, () => pool[Math.floor(next() * pool.length)]).join(''));
  }
  return list;
}

test('interop: parahash hashes verify with bcrypt and bcryptjs, theirs with parahash', async () => {
  const next = random(SEED);
  for (const password of passwords(next)) {
    const label = `${Buffer.byteLength(password)} bytes: ${JSON.stringify(password.slice(0, 12))}`;
    const ours = await pool.bcryptHash(password, { cost: 4 });
    assert.match(ours, /^\$2b\$04\$[./A-Za-z0-9]{53}$/);
    assert.equal(await bcrypt.compare(password, ours), true, `bcrypt, ${label}`);
    assert.equal(bcryptjs.compareSync(password, ours), true, `bcryptjs, ${label}`);
    const native = await bcrypt.hash(password, 4);
    assert.equal(await pool.bcryptVerify(native, password), true, `from bcrypt, ${label}`);
    const js = bcryptjs.hashSync(password, 4);
    assert.equal(await pool.bcryptVerify(js, password), true, `from bcryptjs, ${label}`);
    // $2a$ and $2y$ spellings of the same hash verify too (all three agree under 255 bytes).
    assert.equal(await pool.bcryptVerify(`$2a$${native.slice(4)}`, password), true, label);
    assert.equal(await pool.bcryptVerify(`$2y$${js.slice(4)}`, password), true, label);
    // The same salt gives the same string as the package.
    assert.equal(await pool.bcryptHash(password, { cost: 4, salt: decodeSalt(native.slice(7, 29)) }), native, label);
  }
});

test('the 72-byte rule: bytes past 72 are ignored, the 72nd still counts, a shorter one keys its NUL', async () => {
  const p72 = `${'x'.repeat(71)}y`;
  const h = await pool.bcryptHash(p72, { cost: 4 });
  assert.equal(await pool.bcryptVerify(h, `${p72}anything`), true);
  assert.equal(await pool.bcryptVerify(h, `${'x'.repeat(71)}z`), false);
  assert.equal(await pool.bcryptVerify(h, 'x'.repeat(71)), false);
  // A 71-byte password is keyed with its NUL as byte 72; bytes after an inner NUL still count.
  const h71 = await pool.bcryptHash('x'.repeat(71), { cost: 4 });
  assert.equal(await pool.bcryptVerify(h71, `${'x'.repeat(71)}\0`), true);
  const nul = await pool.bcryptHash('a\0b', { cost: 4 });
  assert.equal(await pool.bcryptVerify(nul, 'a\0c'), false);
  assert.equal(await pool.bcryptVerify(nul, 'a'), false);
  // A 4-byte character across byte 72 contributes its first bytes only, as in the bcrypt package.
  const emoji = `${'q'.repeat(70)}😀`;
  const he = await pool.bcryptHash(emoji, { cost: 4 });
  assert.equal(await pool.bcryptVerify(he, Buffer.from(emoji).subarray(0, 72)), true);
  assert.equal(await bcrypt.compare(Buffer.from(emoji).subarray(0, 72), he), true);
  // Buffers, typed arrays and strings are the same bytes.
  assert.equal(await pool.bcryptVerify(h, new Uint8Array(Buffer.from(p72))), true);
});

test('$2a$ wraps the length of a password of 255 bytes or more, as the bcrypt package does', async () => {
  const salt = '$2a$04$CCCCCCCCCCCCCCCCCCCCC.';
  for (const length of [254, 255, 256, 300, 511, 512]) {
    const password = crypto.randomBytes(length).toString('hex').slice(0, length);
    const theirs = bcrypt.hashSync(password, salt);
    assert.equal(await pool.bcryptVerify(theirs, password), true, `${length}`);
  }
});

test('malformed strings reject with ERR_PARAHASH_INVALID_ARG, $2x$ and $2$ with ERR_PARAHASH_UNSUPPORTED', async () => {
  const good = vectors.vectors[0].hash;
  const invalid = [
    '', 'garbage', good.slice(0, 59), `${good}.`, `$2c$${good.slice(4)}`, `$2b$5$${good.slice(7)}`,
    `${good.slice(0, 40)}!${good.slice(41)}`, `$argon2id$${good.slice(4)}`, ` ${good}`, good.toUpperCase(),
  ];
  for (const text of invalid) {
    await assert.rejects(pool.bcryptVerify(text, 'pw'), { code: codes.INVALID_ARG, name: 'TypeError' }, JSON.stringify(text));
  }
  for (const cost of ['00', '03', '32', '99']) {
    await assert.rejects(pool.bcryptVerify(`$2b$${cost}$${good.slice(7)}`, 'pw'), { code: codes.INVALID_ARG, name: 'RangeError' });
  }
  await assert.rejects(pool.bcryptVerify(`$2x$${good.slice(4)}`, 'pw'), { code: codes.UNSUPPORTED });
  await assert.rejects(pool.bcryptVerify(`$2$${good.slice(4)}`, 'pw'), { code: codes.UNSUPPORTED });
  // In callback form argument types throw at once, and a malformed string reaches the callback.
  await assert.rejects(pool.bcryptVerify(42, 'pw'), { code: codes.INVALID_ARG, name: 'TypeError' });
  assert.throws(() => pool.bcryptVerify(42, 'pw', () => {}), { code: codes.INVALID_ARG, name: 'TypeError' });
  assert.throws(() => pool.bcryptVerify(good, 42, () => {}), { code: codes.INVALID_ARG, name: 'TypeError' });
  const error = await new Promise((resolve) => pool.bcryptVerify('nope', 'pw', (e) => resolve(e)));
  assert.equal(error.code, codes.INVALID_ARG);
  // A salt written with stray low bits does not verify, as in the packages (whole strings).
  const stray = `${good.slice(0, 28)}h${good.slice(29)}`;
  assert.equal(await pool.bcryptVerify(stray, 'U*U'), false);
  assert.equal(bcryptjs.compareSync('U*U', stray), false);
});

test('options: cost (alias rounds) 4..31 default 10, a 16-byte salt, nothing else', async () => {
  assert.match(await pool.bcryptHash('pw'), /^\$2b\$10\$/);
  assert.match(await pool.bcryptHash('pw', { rounds: 5 }), /^\$2b\$05\$/);
  assert.match(await parahash.bcryptHash('pw', { cost: 4 }), /^\$2b\$04\$/);
  await assert.rejects(pool.bcryptHash('pw', { cost: 4.5 }), { code: codes.INVALID_ARG, name: 'TypeError' });
  for (const cost of [3, 32, -1]) {
    await assert.rejects(pool.bcryptHash('pw', { cost }), { code: codes.INVALID_ARG, name: 'RangeError' });
  }
  await assert.rejects(pool.bcryptHash('pw', { cost: '10' }), { code: codes.INVALID_ARG, name: 'TypeError' });
  await assert.rejects(pool.bcryptHash('pw', { cost: 4, rounds: 4 }), { code: codes.INVALID_ARG });
  await assert.rejects(pool.bcryptHash('pw', { salt: new Uint8Array(15) }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.bcryptHash('pw', { encoding: 'hex' }), { code: codes.INVALID_ARG, message: /does not take options.encoding/ });
  await assert.rejects(pool.bcryptVerify(vectors.vectors[0].hash, 'pw', { cost: 4 }), { code: codes.INVALID_ARG });
  // Fresh salts.
  const a = await pool.bcryptHash('pw', { cost: 4 });
  const b = await pool.bcryptHash('pw', { cost: 4 });
  assert.notEqual(a.slice(7, 29), b.slice(7, 29));
  // Callback form.
  const hash = await new Promise((resolve, reject) => pool.bcryptHash('pw', { cost: 4 }, (e, h) => (e ? reject(e) : resolve(h))));
  assert.equal(await pool.bcryptVerify(hash, 'pw'), true);
});

test('a running cost-31 bcrypt stops within 200 ms of an abort, and a timeout ends it too', async () => {
  for (const run of [0, 1, 2]) {
    const controller = new AbortController();
    const call = pool.bcryptHash('pw', { cost: 31, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const aborted = performance.now();
    controller.abort();
    await assert.rejects(call, { code: codes.ABORTED });
    const ms = performance.now() - aborted;
    assert.ok(ms < 200, `run ${run}: ${ms.toFixed(1)} ms`);
  }
  await assert.rejects(pool.bcryptVerify(`$2b$31$${vectors.vectors[0].hash.slice(7)}`, 'pw', { timeout: 50 }), { code: codes.TIMEOUT });
  await assert.rejects(pool.bcryptHash('pw', { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  // The threads are free again: several at once finish.
  const many = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.bcryptHash(`pw${i}`, { cost: 4 })));
  for (const [i, h] of many.entries()) assert.equal(await bcrypt.compare(`pw${i}`, h), true);
});
