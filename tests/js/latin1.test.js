'use strict';
// 'latin1' (alias 'binary') as a result encoding, as node:crypto's digest() takes it: one
// character per byte, U+0000..U+00FF, in every call that returns a digest and in the encoder the
// browsers' platform uses (js/args/encoding.js), which must not be TextDecoder's 'latin1'
// (windows-1252: byte 0x80 would become U+20AC).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createPool, codes } = require('parahash');
const { checkEncoding, encode } = require('../../js/args/encoding');

let pool;
let dir;
before(async () => {
  pool = await createPool({ threads: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-latin1-'));
});
after(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('checkEncoding takes latin1 and binary (as latin1), and still refuses what it refused', () => {
  assert.equal(checkEncoding('latin1'), 'latin1');
  assert.equal(checkEncoding('binary'), 'latin1');
  for (const bad of ['utf8', 'ascii', 'LATIN1', 'ucs2', 'utf16le', 1, {}]) {
    assert.throws(() => checkEncoding(bad), { code: codes.INVALID_ARG, message: /latin1/ });
  }
});

test('the portable encoder gives Buffer\'s latin1 for every byte value, long inputs included', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.equal(encode(all, 'latin1'), Buffer.from(all).toString('latin1'));
  const long = crypto.randomBytes(100000);
  assert.equal(encode(long, 'latin1'), long.toString('latin1'));
  assert.equal(encode(new Uint8Array(0), 'latin1'), '');
});

test('every call that returns a digest takes latin1 and binary, as node:crypto does', async () => {
  const data = crypto.randomBytes(3000);
  const large = crypto.randomBytes(3 * 1024 * 1024);
  const file = path.join(dir, 'f');
  fs.writeFileSync(file, large);
  const want = (d) => crypto.createHash('sha256').update(d).digest('latin1');
  for (const encoding of ['latin1', 'binary']) {
    assert.equal(await pool.hash('sha256', data, { encoding }), want(data));
    assert.equal(await pool.hash('sha256', large, { encoding }), want(large));
    assert.deepEqual(await pool.hashMany('sha256', [data, large], { encoding }), [want(data), want(large)]);
    assert.equal(await pool.createHash('sha256').update(data).digest(encoding), want(data));
    assert.equal(await pool.createHash('sha256').update(large).digest(encoding), want(large));
    assert.equal(await pool.hashFile(file, 'sha256', { encoding }), want(large));
    assert.equal(await pool.hmac('sha256', 'key', data, { encoding }), crypto.createHmac('sha256', 'key').update(data).digest('latin1'));
    assert.equal(await pool.createHmac('sha256', 'key').update(data).digest(encoding), crypto.createHmac('sha256', 'key').update(data).digest('latin1'));
    const blake = await pool.hash('blake3', data, { encoding });
    assert.equal(blake, Buffer.from(await pool.hash('blake3', data)).toString('latin1'));
  }
});
