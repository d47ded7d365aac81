'use strict';
// Inputs in a caller's SharedArrayBuffer, which the pool's threads hash where they lie through
// node:crypto (js/engine/shared-input.js): every shape of such an input, an abort in the middle
// of a long one, a thread that lacks the buffer (the call is copied instead), many buffers at
// once, and buffers let go of (the threads must not keep them alive).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { BroadcastChannel } = require('node:worker_threads');
const { execFileSync } = require('node:child_process');
const { createPool } = require('parahash');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(async () => {
  await pool.close();
});

const stats = () => pool[Symbol.for('parahash.heapStatsForTesting')]();
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

function sharedRandom(bytes) {
  const view = new Uint8Array(new SharedArrayBuffer(bytes));
  for (let at = 0; at < bytes; at += 65536) crypto.randomFillSync(view, at, Math.min(65536, bytes - at));
  return view;
}

test('every view of a SharedArrayBuffer, and the buffer itself, gives node:crypto\'s digest in place', async () => {
  const bytes = sharedRandom(3 << 20);
  const sab = bytes.buffer;
  const shapes = [
    ['the SharedArrayBuffer', sab, bytes],
    ['a Uint8Array', bytes, bytes],
    ['a Buffer', Buffer.from(sab, 5, (2 << 20) + 3), new Uint8Array(sab, 5, (2 << 20) + 3)],
    ['a Float64Array', new Float64Array(sab, 8, 200_000), new Uint8Array(sab, 8, 1_600_000)],
    ['a DataView', new DataView(sab, 1, (1 << 20) + 7), new Uint8Array(sab, 1, (1 << 20) + 7)],
  ];
  for (const [what, input, asBytes] of shapes) {
    const before = stats().hostSharedHashes;
    assert.equal(await pool.hash('sha256', input, { encoding: 'hex' }), sha256(asBytes), what);
    assert.equal(stats().hostSharedHashes, before + 1, `${what}: hashed where it lies`);
  }
});

test('many buffers and ranges in flight at once, with copied inputs beside them', async () => {
  const buffers = Array.from({ length: 6 }, (_, i) => sharedRandom((1 << 20) + i * 99_991));
  const calls = [];
  for (let round = 0; round < 4; round++) {
    for (const b of buffers) {
      const view = b.subarray(round * 1000, b.length - round * 7);
      calls.push([view, pool.hash('sha256', view, { encoding: 'hex' })]);
      const copy = Buffer.from(view);
      calls.push([copy, pool.hash('sha256', copy, { encoding: 'hex' })]);
    }
  }
  for (const [input, digest] of calls) assert.equal(await digest, sha256(input));
});

test('an abort stops a long in-place hash within 200 ms, and the pool keeps working', async () => {
  const big = new Uint8Array(new SharedArrayBuffer(1536 << 20)); // ~1 s of SHA-256 on one thread
  const controller = new AbortController();
  const call = pool.hash('sha256', big, { signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 30));
  const asked = performance.now();
  controller.abort();
  await assert.rejects(call, { code: 'ERR_PARAHASH_ABORTED' });
  const took = performance.now() - asked;
  assert.ok(took < 200, `stopped ${took.toFixed(1)} ms after the abort`);
  const small = big.subarray(0, 5 << 20);
  assert.equal(await pool.hash('sha256', small, { encoding: 'hex' }), sha256(small));
  // A timeout too.
  await assert.rejects(pool.hash('sha256', big, { timeout: 20 }), { code: 'ERR_PARAHASH_TIMEOUT' });
});

test('a thread that lacks the buffer declines it; the call is copied instead and the buffer posted again', async () => {
  const bytes = sharedRandom(2 << 20);
  const want = sha256(bytes);
  const before = stats().hostSharedHashes;
  assert.equal(await pool.hash('sha256', bytes, { encoding: 'hex' }), want);
  assert.equal(stats().hostSharedHashes, before + 1);
  // What the threads would see if this buffer's registration had been lost: its number released.
  // Every buffer this pool has posted is released (numbers are small and never reused).
  const channel = new BroadcastChannel(stats().sharedChannel);
  for (let number = 1; number < 1000; number++) channel.postMessage({ number });
  channel.close();
  assert.equal(await pool.hash('sha256', bytes, { encoding: 'hex' }), want, 'declined, then copied');
  assert.equal(stats().hostSharedHashes, before + 1, 'not hashed in place');
  assert.equal(await pool.hash('sha256', bytes, { encoding: 'hex' }), want, 'posted again');
  assert.equal(stats().hostSharedHashes, before + 2, 'in place again');
});

test('a pool without host kernels copies shared inputs, with the same digests', async () => {
  const portable = await createPool({ threads: 2, hostCrypto: false });
  try {
    const bytes = sharedRandom((2 << 20) + 1);
    assert.equal(await portable.hash('sha256', bytes, { encoding: 'hex' }), sha256(bytes));
    assert.equal(portable[Symbol.for('parahash.heapStatsForTesting')]().hostSharedHashes, 0);
  } finally {
    await portable.close();
  }
});

test('a pool hands its threads at most 512 MiB of distinct buffers; later new ones are copied', { timeout: 120_000 }, () => {
  // 48 buffers of 32 MiB, each hashed and dropped: 1.5 GiB if the threads kept them all (a pool
  // thread's heap is hardly ever collected: js/engine/shared-input.js).
  const child = `
    const { createPool } = require(${JSON.stringify(path.join(__dirname, '..', '..'))});
    const crypto = require('node:crypto');
    (async () => {
      const pool = await createPool({ threads: 2 });
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      const settle = async () => { for (let i = 0; i < 3; i++) { global.gc(); await sleep(1300); } };
      await settle();
      const base = process.memoryUsage().rss;
      for (let i = 0; i < 48; i++) {
        const view = new Uint8Array(new SharedArrayBuffer(32 << 20));
        view.fill(i);
        const d = await pool.hash('sha256', view, { encoding: 'hex' });
        if (d !== crypto.createHash('sha256').update(view).digest('hex')) throw new Error('wrong digest');
        if (i % 8 === 7) await settle();
      }
      await settle();
      const grew = process.memoryUsage().rss - base;
      const inPlace = pool[Symbol.for('parahash.heapStatsForTesting')]().hostSharedHashes;
      await pool.close();
      console.log(JSON.stringify({ grew, inPlace }));
    })();`;
  const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '-e', child], { encoding: 'utf8' }));
  assert.equal(out.inPlace, 16, '512 MiB of 32 MiB buffers');
  assert.ok(out.grew < 768 * 2 ** 20, `RSS grew ${(out.grew / 2 ** 20).toFixed(0)} MiB over 48 × 32 MiB dropped buffers`);
});

test('what the threads do not hash that way is copied, and costs the path nothing', async () => {
  const fresh = await createPool({ threads: 2 });
  try {
    const inPlace = () => fresh[Symbol.for('parahash.heapStatsForTesting')]().hostSharedHashes;
    const bytes = sharedRandom(1 << 20);
    // A truncated BLAKE2b (node:crypto has only its full length): copied, and right.
    for (let i = 0; i < 20; i++) {
      assert.equal(await fresh.hash('blake2b512', bytes, { outputLength: 32, encoding: 'hex' }),
        Buffer.from(await fresh.hash('blake2b512', bytes.slice(), { outputLength: 32 })).toString('hex'));
    }
    assert.equal(inPlace(), 0);
    // Nothing was handed over for them: a buffer of the full 512 MiB still goes in place.
    const big = new Uint8Array(new SharedArrayBuffer(512 << 20), 0, 1 << 20);
    assert.equal(await fresh.hash('sha256', big, { encoding: 'hex' }), sha256(big));
    assert.equal(inPlace(), 1);
    // A growable buffer counts at its maximum: past the bound, it is copied, and right.
    const growable = new SharedArrayBuffer(2 << 20, { maxByteLength: 64 << 20 });
    crypto.randomFillSync(new Uint8Array(growable));
    assert.equal(await fresh.hash('sha256', growable, { encoding: 'hex' }), sha256(new Uint8Array(growable)));
    assert.equal(inPlace(), 1);
  } finally {
    await fresh.close();
  }
});

test('a growable SharedArrayBuffer, grown between calls, is read at its length at each call', async () => {
  const fresh = await createPool({ threads: 2 });
  try {
    const growable = new SharedArrayBuffer(1 << 20, { maxByteLength: 8 << 20 });
    const view = new Uint8Array(growable); // length-tracking
    crypto.randomFillSync(view);
    assert.equal(await fresh.hash('sha256', view, { encoding: 'hex' }), sha256(new Uint8Array(growable, 0, 1 << 20)));
    growable.grow(3 << 20);
    crypto.randomFillSync(new Uint8Array(growable, 1 << 20));
    assert.equal(await fresh.hash('sha256', view, { encoding: 'hex' }), sha256(new Uint8Array(growable)));
    assert.equal(fresh[Symbol.for('parahash.heapStatsForTesting')]().hostSharedHashes, 2);
  } finally {
    await fresh.close();
  }
});
