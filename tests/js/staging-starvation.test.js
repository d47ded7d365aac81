'use strict';
// The staging budget (256 MiB of heap for chunks in flight) cannot be held for ever by streams
// that wait for their caller: hashers that took more than the small-message limit and then sit
// idle (abandoned, slow uploads, or waiting for their own copy) give their staging back when
// someone else waits for it. Issue 16, item 18: the three scenarios that starved or deadlocked
// (64 streams of 4 MiB held the budget then; streams now take a slot at a time, so it takes more
// of them to fill it).
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPool } = require('parahash');

const KiB = 1024;
const MiB = 1024 * KiB;
// A pool of its own for each scenario, so one's leftovers cannot decide another's outcome.
let pool;
beforeEach(async () => {
  pool = await createPool({ threads: 2 });
});
afterEach(() => pool.destroy());

const within = (promise, ms, what) => Promise.race([promise,
  new Promise((resolve, reject) => setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms).unref())]);

const sha256 = (...parts) => { const h = crypto.createHash('sha256'); for (const p of parts) h.update(p); return h.digest('hex'); };
const piece = (i, n = 100 * KiB) => Buffer.alloc(n, i & 255);

test('160 hashers (more than the budget holds) that each take a running digest with copy() all finish', async () => {
  const hashers = Array.from({ length: 160 }, (_, i) => pool.createHash('sha256').update(piece(i)));
  await new Promise((resolve) => setTimeout(resolve, 50)); // every stream open and fed
  const running = await within(Promise.all(hashers.map((h) => h.copy().digest('hex'))), 20_000, 'copies');
  running.forEach((digest, i) => assert.equal(digest, sha256(piece(i)), `copy ${i}`));
  // The originals still work, and go on from where they were.
  const finals = await within(Promise.all(hashers.map((h, i) => h.update('more').digest('hex'))), 20_000, 'originals');
  finals.forEach((digest, i) => assert.equal(digest, sha256(piece(i), 'more'), `original ${i}`));
});

test('200 abandoned hashers do not keep a 1 MiB hash() waiting', async () => {
  const abandoned = Array.from({ length: 200 }, (_, i) => pool.createHash('sha256').update(piece(i)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const data = crypto.randomBytes(MiB);
  assert.equal(await within(pool.hash('sha256', data, { encoding: 'hex' }), 10_000, '1 MiB hash()'), sha256(data));
  // Kept reachable until here, so no garbage collection can be what frees them.
  assert.equal(abandoned.length, 200);
  for (const h of abandoned) h.destroy();
});

test('160 slow uploads still open (more than the budget holds) do not block other calls above 64 KiB', async () => {
  const uploads = Array.from({ length: 160 }, (_, i) => {
    const h = pool.createHash('sha256');
    h.write(piece(i));
    return h;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const data = crypto.randomBytes(3 * MiB);
  assert.equal(await within(pool.hash('sha256', data, { encoding: 'hex' }), 10_000, 'hash() beside the uploads'), sha256(data));
  const hasher = pool.createHash('sha256').update(data);
  assert.equal(await within(hasher.digest('hex'), 10_000, 'createHash beside the uploads'), sha256(data));
  // The uploads then finish with their own bytes.
  for (const [i, h] of uploads.entries()) h.end(piece(i + 1, 70 * KiB));
  const digests = await within(Promise.all(uploads.map((h) => h.digest('hex'))), 20_000, 'uploads');
  digests.forEach((digest, i) => assert.equal(digest, sha256(piece(i), piece(i + 1, 70 * KiB)), `upload ${i}`));
});
