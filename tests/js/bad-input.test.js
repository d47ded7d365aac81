'use strict';
// Every bad input rejects with its stable code, and the pool stays correct afterwards.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createPool, codes } = require('parahash');
const { sha256 } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2, maxInputLength: 1 << 20 });
});
after(() => pool.close());

async function stillCorrect(p = pool) {
  assert.equal(await p.hash('sha256', 'still fine', { encoding: 'hex' }), sha256('still fine'));
}

const badCalls = [
  ['unknown algorithm', () => pool.hash('sha257', 'x'), codes.UNKNOWN_ALGORITHM, Error],
  ['empty algorithm', () => pool.hash('', 'x'), codes.UNKNOWN_ALGORITHM, Error],
  ['algorithm not a string', () => pool.hash(256, 'x'), codes.INVALID_ARG, TypeError],
  ['algorithm missing', () => pool.hash(), codes.INVALID_ARG, TypeError],
  ['data a number', () => pool.hash('sha256', 42), codes.INVALID_ARG, TypeError],
  ['data null', () => pool.hash('sha256', null), codes.INVALID_ARG, TypeError],
  ['data undefined', () => pool.hash('sha256'), codes.INVALID_ARG, TypeError],
  ['data a plain object', () => pool.hash('sha256', { length: 3 }), codes.INVALID_ARG, TypeError],
  ['data an array of numbers', () => pool.hash('sha256', [1, 2, 3]), codes.INVALID_ARG, TypeError],
  ['options a string', () => pool.hash('sha256', 'x', 'hex'), codes.INVALID_ARG, TypeError],
  ['unknown encoding', () => pool.hash('sha256', 'x', { encoding: 'utf16le' }), codes.INVALID_ARG, TypeError],
  ['signal not an AbortSignal', () => pool.hash('sha256', 'x', { signal: {} }), codes.INVALID_ARG, TypeError],
  ['input above maxInputLength', () => pool.hash('sha256', new Uint8Array((1 << 20) + 1)), codes.INPUT_TOO_LARGE, Error],
  ['already-aborted signal', () => pool.hash('sha256', 'x', { signal: AbortSignal.abort() }), codes.ABORTED, Error],
];

for (const [name, call, code, Type] of badCalls) {
  test(`${name} → ${code}`, async () => {
    await assert.rejects(call(), (err) => {
      assert.equal(err.code, code);
      assert.ok(err instanceof Type, `${err.constructor.name} is not ${Type.name}`);
      assert.ok(err.message.length > 10, 'the message says what was wrong');
      return true;
    });
    await stillCorrect();
  });
}

test('bad pool options reject createPool with ERR_PARAHASH_INVALID_ARG', async () => {
  for (const options of [{ threads: 0 }, { threads: 1.5 }, { threads: '2' }, { threads: 10_000 },
    { maxQueue: -1 }, { maxInputLength: -5 }, 'four']) {
    await assert.rejects(createPool(options), { code: codes.INVALID_ARG }, JSON.stringify(options));
  }
});

test('aborting during a large hash rejects it with ERR_PARAHASH_ABORTED; others finish', async () => {
  const big = await createPool({ threads: 1 });
  try {
    const controller = new AbortController();
    const input = new Uint8Array(64 << 20);
    const aborted = big.hash('sha256', input, { signal: controller.signal });
    const other = big.hash('sha256', 'other', { encoding: 'hex' });
    // Aborted once its first chunk runs: mid-hash, whatever the machine's speed.
    while (big.stats().running === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('user gave up'));
    await assert.rejects(aborted, (err) => err.code === codes.ABORTED && err.cause?.message === 'user gave up');
    assert.equal(await other, sha256('other'));
    assert.equal(big.stats().cancelled, 1);
    await stillCorrect(big);
  } finally {
    await big.close();
  }
});

test('maxQueue: calls beyond threads + maxQueue reject with ERR_PARAHASH_QUEUE_FULL', async () => {
  const small = await createPool({ threads: 1, maxQueue: 2 });
  try {
    const input = new Uint8Array(8 << 20);
    const accepted = [1, 2, 3].map(() => small.hash('sha256', input, { encoding: 'hex' }));
    await assert.rejects(small.hash('sha256', input), { code: codes.QUEUE_FULL });
    for (const d of await Promise.all(accepted)) assert.equal(d, sha256(input));
    await stillCorrect(small); // room again once the queue drained
  } finally {
    await small.close();
  }
});

test('a closed pool rejects with ERR_PARAHASH_POOL_CLOSED', async () => {
  const p = await createPool({ threads: 1 });
  await p.close();
  await assert.rejects(p.hash('sha256', 'x'), { code: codes.POOL_CLOSED });
  await p.close(); // idempotent
  await p.destroy(); // harmless after close
});

test('destroy rejects pending work with ERR_PARAHASH_POOL_CLOSED and later calls too', async () => {
  const p = await createPool({ threads: 1 });
  // The second is past what is hashed inline, so it waits for the thread too.
  const pending = [p.hash('sha256', new Uint8Array(32 << 20)), p.hash('sha256', new Uint8Array(100 << 10))];
  await p.destroy();
  for (const result of await Promise.allSettled(pending)) {
    assert.equal(result.status, 'rejected');
    assert.equal(result.reason.code, codes.POOL_CLOSED);
  }
  await assert.rejects(p.hash('sha256', 'x'), { code: codes.POOL_CLOSED });
  await stillCorrect();
});

// Every call here fails after its bytes were staged in the heap (progress is only reported for
// bytes the engine has taken), so a path that forgot to free or to release on failure shows as
// heap in use that does not come back.
test('a call that fails after staging its bytes leaves no heap behind: 4 kinds × 60 rounds', async () => {
  const p = await createPool({ threads: 2, maxInputLength: 4 << 20 });
  const heap = () => p[Symbol.for('parahash.heapStatsForTesting')]();
  const MiB = 1 << 20;
  const chunks = [new Uint8Array(3 * MiB).fill(1), new Uint8Array(3 * MiB).fill(2)];
  const oops = new Error('listener failed');
  const failing = [
    // aborted from its own progress report, with 1 MiB or more already in the heap
    async () => {
      const c = new AbortController();
      await assert.rejects(p.hashStream(chunks, 'sha256', { signal: c.signal, onProgress: () => c.abort() }), { code: codes.ABORTED });
    },
    // a throwing progress listener
    async () => assert.rejects(p.hashStream(chunks, 'blake3', { onProgress: () => { throw oops; } }), (e) => e === oops),
    // past maxInputLength once 6 MiB have come: the first 3 MiB were staged
    async () => assert.rejects(p.hashStream(chunks, 'sha512'), { code: codes.INPUT_TOO_LARGE }),
    // a hasher aborted after 3 MiB went to the engine
    async () => {
      const c = new AbortController();
      const h = p.createHash('sha256', { signal: c.signal });
      h.update(chunks[0]);
      await new Promise((resolve) => setImmediate(resolve));
      c.abort();
      await assert.rejects(h.digest(), { code: codes.ABORTED });
    },
  ];
  // A stream's blocks go back once the chunk still running in it has stopped, a little after
  // its call settled: wait for that (5 s at most), then compare.
  const settle = async (to = undefined) => {
    const deadline = Date.now() + 5000;
    while ((p.stats().pending > 0 || (to !== undefined && heap().arena.inUse > to.arena.inUse)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  try {
    for (const call of failing) await call(); // warm-up: the arena's extents, the engine's tables
    await settle({ arena: { inUse: 0 } });
    const warm = heap();
    for (let round = 0; round < 60; round++) for (const call of failing) await call();
    await settle(warm);
    const after = heap();
    assert.equal(after.arena.inUse, warm.arena.inUse, 'staging blocks taken and never given back');
    // Outside the arena (its extents may be trimmed or grown under pressure), malloc'd bytes
    // must not have grown: 240 failed calls that each leaked a state or a block would show here.
    const outside = (h) => h.inUse - h.arena.held;
    assert.ok(outside(after) <= outside(warm) + 64 * 1024, `heap in use outside the arena grew from ${outside(warm)} to ${outside(after)}`);
    assert.equal(p.stats().pending, 0);
    assert.equal(await p.hash('sha256', 'still fine', { encoding: 'hex' }), sha256('still fine'));
  } finally {
    await p.close();
  }
});

test('key and seed on algorithms without them reject with ERR_PARAHASH_INVALID_ARG', async () => {
  await assert.rejects(pool.hash('sha256', 'x', { key: 'secret' }), (e) => e.code === codes.INVALID_ARG && /takes no key/.test(e.message));
  await assert.rejects(pool.hash('sha256', 'x', { seed: 1 }), (e) => e.code === codes.INVALID_ARG && /takes no seed/.test(e.message));
  await assert.rejects(pool.hashMany('crc32', ['x'], { seed: 1n }), { code: codes.INVALID_ARG });
  await stillCorrect();
});
