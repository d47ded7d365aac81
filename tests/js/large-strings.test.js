'use strict';
// A huge string never stalls the loop (issue 16, item 23): update() and HMAC keys encode it a
// slice at a time, as hash() already did. 256 M characters encoded whole held the loop for
// 0.7–1.4 s here. Bounds are generous (a shared 2-core machine): the point is "no stall of the
// order of the encoding", not a latency figure.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool } = require('parahash');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

// Runs `work` with a 1 ms timer beside it. @return { result, longestGap } (ms).
async function withTimer(work) {
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  longestGap = 0;
  try {
    const result = await work();
    return { result, longestGap };
  } finally {
    clearInterval(timer);
  }
}

const CHARS = 256 * 1024 * 1024;
const big = 'abcdefgh'.repeat(CHARS / 8);

test('update() of a 256 M-character string: right digest, no long stall', async () => {
  const want = crypto.createHash('sha256').update(big).digest('hex');
  const { result, longestGap } = await withTimer(() => pool.createHash('sha256').update(big).digest('hex'));
  assert.equal(result, want);
  assert.ok(longestGap < 250, `longest gap ${longestGap.toFixed(1)} ms`);
});

test('update() of large strings in the sliceable encodings, and surrogate pairs on slice edges', async () => {
  const pairs = '\u{1F600}x'.repeat(700_000); // 2.1 M units; pairs fall on every slice edge parity
  const hex = 'ab01'.repeat(600_000);
  const latin1 = '\u00e9z'.repeat(700_000);
  for (const [string, encoding] of [[pairs, undefined], [pairs, 'utf8'], [hex, 'hex'], [latin1, 'latin1'], [latin1, 'binary'], [pairs, 'utf16le'], [latin1, 'ascii']]) {
    const want = crypto.createHash('sha256').update(string, encoding).digest('hex');
    assert.equal(await pool.createHash('sha256').update('<').update(string, encoding).update('>').digest('hex'),
      crypto.createHash('sha256').update('<').update(string, encoding).update('>').digest('hex'), `${encoding}`);
    assert.equal(await pool.createHash('sha256').update(string, encoding).digest('hex'), want, `${encoding}`);
  }
});

test('a 256 M-character HMAC key (hmac and createHmac): right digest, no long stall', async () => {
  const want = crypto.createHmac('sha256', big).update('data').digest('hex');
  const oneShot = await withTimer(() => pool.hmac('sha256', big, 'data', { encoding: 'hex' }));
  assert.equal(oneShot.result, want);
  assert.ok(oneShot.longestGap < 250, `hmac: longest gap ${oneShot.longestGap.toFixed(1)} ms`);
  const streamed = await withTimer(() => pool.createHmac('sha256', big).update('data').digest('hex'));
  assert.equal(streamed.result, want);
  assert.ok(streamed.longestGap < 250, `createHmac: longest gap ${streamed.longestGap.toFixed(1)} ms`);
});
