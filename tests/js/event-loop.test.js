'use strict';
// The main thread stays responsive while a large input is hashed. Bounds are generous: this
// machine is shared and has 2 cores; the point is "ticks keep coming", not a latency figure.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { sha256 } = require('./helpers');

// Over both kernels: node:crypto's SHA-256 on a pool thread (the default in Node) hashes 256 MiB
// in about 200 ms here, too short to judge, so that pool hashes it four times in a row.
for (const [hostCrypto, rounds] of [[false, 1], [true, 4]]) {
  test(`a 10 ms timer keeps firing while 256 MiB are hashed (hostCrypto: ${hostCrypto})`, async () => {
    const pool = await createPool({ threads: 1, hostCrypto });
    try {
      const input = new Uint8Array(256 << 20);
      for (let i = 0; i < input.length; i += 4096) input[i] = i & 255;
      let ticks = 0;
      let last = performance.now();
      let longestGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
        ticks++;
      }, 10);
      const started = performance.now();
      const digests = [];
      for (let r = 0; r < rounds; r++) digests.push(await pool.hash('sha256', input, { encoding: 'hex' }));
      const elapsed = performance.now() - started;
      clearInterval(timer);
      for (const digest of digests) assert.equal(digest, sha256(input));
      const expectedTicks = elapsed / 10;
      assert.ok(elapsed > 300, `the hash took ${elapsed} ms, too short to judge responsiveness`);
      assert.ok(ticks >= expectedTicks * 0.3, `${ticks} ticks in ${elapsed.toFixed(0)} ms`);
      assert.ok(longestGap < 250, `longest gap between ticks ${longestGap.toFixed(1)} ms`);
    } finally {
      await pool.close();
    }
  });
}

test('a 1 ms timer keeps firing while 100,000 small calls settle', async () => {
  const pool = await createPool({ threads: 2 });
  try {
    const message = new Uint8Array(64);
    const expected = sha256(message);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const calls = [];
    for (let i = 0; i < 100_000; i++) calls.push(pool.hash('sha256', message, { encoding: 'hex' }));
    const ticksWhenSubmitted = ticks;
    const digests = await Promise.all(calls);
    clearInterval(timer);
    for (const d of digests) assert.equal(d, expected);
    // Before completions were settled in slices, this was 0: one microtask chain held the loop.
    assert.ok(ticks - ticksWhenSubmitted >= 5, `${ticks - ticksWhenSubmitted} ticks while the calls settled`);
  } finally {
    await pool.close();
  }
});

// A full garbage collection now (node:test gives no --expose-gc).
function collectGarbage() {
  require('node:v8').setFlagsFromString('--expose-gc');
  require('node:vm').runInNewContext('gc')();
}

// The longest gap between ticks of a 1 ms timer while `settle` (the calls `start` made) settles,
// counted from when `start` returns: the caller's own synchronous loop is not ours to slice.
async function longestGapWhile(start) {
  let last = 0;
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    if (last !== 0) longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    const calls = start();
    last = performance.now();
    return { results: await Promise.all(calls), longest };
  } finally {
    clearInterval(timer);
  }
}

// `count` calls of call(pool, algorithm) on a pool of its own, alternating BLAKE3 and SHA-256 over
// `input`, every digest checked. @return the longest gap of a 1 ms timer while they settled.
async function alternatingCalls(input, count, call) {
  const pool = await createPool({ threads: 2 });
  try {
    const { results: digests, longest } = await longestGapWhile(() =>
      Array.from({ length: count }, (_, i) => call(pool, i % 2 ? 'sha256' : 'blake3')));
    assert.equal(digests[1], sha256(input));
    assert.ok(digests.every((d, i) => d === digests[i % 2]), 'same input, same digest');
    return longest;
  } finally {
    await pool.close();
  }
}

// Each input is copied into the heap in one stretch of main-thread work; hundreds of calls in
// flight must take those stretches a turn's budget at a time. Before every copy asked the turn
// budget, the copies below 2 MiB ran in one chain of microtasks: the first 256 MiB of staging
// held a 1 ms timer off for 120 ms here (15–23 ms since).
test('a 1 ms timer keeps firing while 600 calls of 1.9 MiB are copied in', async () => {
  const input = new Uint8Array(1900 * 1024).map((_, i) => i * 7);
  const longestGap = await alternatingCalls(input, 600, (pool, algorithm) => pool.hash(algorithm, input, { encoding: 'hex' }));
  assert.ok(longestGap < 60, `longest gap between ticks after the calls were made: ${longestGap.toFixed(1)} ms`);
});

// 3,000 hashers, each past the size hashed in one call, open a stream each and wait in line for
// staging. Every waiting caller used to ask every stream for its slots (3,000 × 3,000 calls),
// and every stream opened in one chain of microtasks: 300–365 ms without a tick here (22–30 ms
// since).
test('a 1 ms timer keeps firing while 3,000 hashers of 100 KB wait for staging', async () => {
  const input = new Uint8Array(100 * 1024).map((_, i) => i * 5);
  const longestGap = await alternatingCalls(input, 3000, (pool, algorithm) => pool.createHash(algorithm).update(input).digest('hex'));
  assert.ok(longestGap < 120, `longest gap between ticks after the hashers were fed: ${longestGap.toFixed(1)} ms`);
});

// Sources that hand over small chunks at once (iterables, a Readable of small writes) gather in
// JS until they are worth a stream; those copies ask the turn's budget too. Before, 5,000 of them
// pulled and copied in one chain of microtasks.
test('a 1 ms timer keeps firing while 5,000 hashStream sources of small chunks are read', async () => {
  const pool = await createPool({ threads: 2 });
  try {
    const chunk = new Uint8Array(100).fill(7);
    const whole = new Uint8Array(2000).fill(7);
    function* source() {
      for (let i = 0; i < 20; i++) yield chunk;
    }
    const { results: digests, longest: longestGap } = await longestGapWhile(() =>
      Array.from({ length: 5000 }, () => pool.hashStream(source(), 'sha256', { encoding: 'hex' })));
    const expected = sha256(whole);
    assert.ok(digests.every((d) => d === expected), 'every digest right');
    // 120–190 ms here inside this file: a mark-compact of 70 ms falls in it (5,000 such calls
    // leave about 130 MB of garbage); 1,009 ms before the sources' copies asked the budget.
    assert.ok(longestGap < 400, `longest gap between ticks after the calls were made: ${longestGap.toFixed(1)} ms`);
  } finally {
    await pool.close();
  }
});

// Top-level calls made while the default pool starts wait for it, and are replayed a slice per
// turn once it runs; a hasher on the running default pool goes to it at once. Before, both ran
// as one chain of microtasks: 20,000 calls replayed held a 1 ms timer off for 0.2 s, 20,000
// hashers' digests for 0.1 s.
test('a 1 ms timer keeps firing while the default pool starts under 20,000 calls, and under 20,000 hashers', async () => {
  const parahash = require('parahash');
  await parahash.closeDefaultPool();
  // The earlier tests' garbage (their pools, 256 MiB inputs) is collected first: a full
  // collection of it took 150–170 ms in the middle of this test, which measures parahash's slices.
  collectGarbage();
  try {
    const message = new Uint8Array(64).fill(3);
    const expected = sha256(message);
    const cold = await longestGapWhile(() =>
      Array.from({ length: 20_000 }, () => parahash.hashMany('sha256', [message], { encoding: 'hex' })));
    assert.ok(cold.results.every(([d]) => d === expected), 'every digest right');
    const warm = await longestGapWhile(() =>
      Array.from({ length: 20_000 }, () => parahash.createHash('sha256').update(message).digest('hex')));
    assert.ok(warm.results.every((d) => d === expected), 'every digest right');
    // Inside this file the garbage collector adds up to ~100 ms to either (16–26 and 9–15 ms in
    // a process of their own); the replay took 547–595 ms here before.
    assert.ok(cold.longest < 300, `longest gap while the calls were replayed: ${cold.longest.toFixed(1)} ms`);
    assert.ok(warm.longest < 300, `longest gap while the hashers settled: ${warm.longest.toFixed(1)} ms`);
  } finally {
    await parahash.closeDefaultPool();
  }
});
