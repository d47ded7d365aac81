'use strict';
// The soak: many mixed calls on one pool, every result checked, memory sampled at quiescence.
//
//   node --expose-gc bench/soak.js [calls=1000000] [--window 256] [--seed N]
//
// Calls cover every algorithm (hash, and hashMany/hmac where they apply) plus small PBKDF2,
// scrypt and Argon2 derivations, with input sizes log-uniform from 0 to 4 MiB; about 2 % carry an
// AbortSignal aborted at a random moment, and bursts past the pool's maxQueue draw
// ERR_PARAHASH_QUEUE_FULL. Every digest is compared with node:crypto or hash-wasm (references
// of large inputs are cached per input, so checking does not dominate). At the end: stats()
// must add up, in-use heap bytes must not have grown since warm-up and RSS by less than 1 MiB
// (medians of 3 samples after global.gc()), and the heap must still hold a 1,400 MiB Argon2.
// tests/js/soak.test.js runs 10^4 calls of the same through soak(). Warm-up is the first fifth
// of the calls, ending with every budget at its limit (the heap never shrinks, so a later peak
// would look like growth).
const crypto = require('node:crypto');
const path = require('node:path');
const { createPool, codes } = require(path.join(__dirname, '..'));
const { referenceHex } = require(path.join(__dirname, '..', 'tests', 'js', 'references.js'));

const MAX_LOG2 = 22; // 4 MiB
const LARGE = 64 * 1024; // inputs from here on come from a cached set, references memoised

// A seeded xorshift32 stream: a failing run replays with the same --seed.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

// global.gc from --expose-gc, or the same function obtained at run time.
function getGc() {
  if (typeof global.gc === 'function') return global.gc;
  require('node:v8').setFlagsFromString('--expose-gc');
  return require('node:vm').runInNewContext('gc');
}
const gc = getGc();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// RSS, WebAssembly heap size and the allocator's bytes in use, each the median of 3 samples
// taken after a GC with the pool idle.
async function sampleMemory(pool) {
  const samples = [];
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const heap = pool[Symbol.for('parahash.heapStatsForTesting')]();
    const usage = process.memoryUsage();
    samples.push({
      rss: usage.rss,
      jsHeap: usage.heapUsed,
      jsCommitted: usage.heapTotal, // what V8 keeps committed for its heap: part of RSS
      external: usage.external,
      heapSize: heap.heapSize,
      // What malloc has handed out, less what WorkMemory and the staging arena hold for later
      // without using it (capacity kept on purpose, not a leak).
      inUse: heap.inUse - (heap.workHeld - heap.workInUse) - (heap.arena.held - heap.arena.inUse),
      workHeld: heap.workHeld,
    });
  }
  const pick = (name) => median(samples.map((s) => s[name]));
  return {
    rss: pick('rss'), jsHeap: pick('jsHeap'), jsCommitted: pick('jsCommitted'), external: pick('external'), heapSize: pick('heapSize'),
    inUse: pick('inUse'), workHeld: pick('workHeld'),
  };
}

// Runs `calls` mixed calls, at most `window` in flight. @return a report; throws on a wrong digest.
async function soak({ calls = 1e6, window = 256, seed = 1, warmup = calls / 5, log = () => {} } = {}) {
  const next = rng(seed);
  const pool = await createPool({ maxQueue: window });
  const algorithms = pool.algorithms;
  const macs = ['md5', 'sha1', 'sha256', 'sha512', 'sha3-256', 'blake2b512'];
  // 2^16 … 2^22 bytes, and one byte more and less of each: few enough that their references are
  // computed once and held, so checking costs the soak nothing and holds no growing memory.
  const largeInputs = [];
  for (let log2 = 16; log2 <= MAX_LOG2; log2++) {
    for (const delta of [-1, 0, 1]) largeInputs.push(crypto.randomBytes(2 ** log2 + delta));
  }
  const referenceCache = new Map();
  // Small inputs, keys and passwords are views into one random buffer, so the harness allocates
  // nothing per call (its own allocations would show in the RSS it checks).
  const pool64k = crypto.randomBytes(LARGE + 256);
  const randomView = (length) => {
    const at = Math.floor(next() * 256);
    return pool64k.subarray(at, at + length);
  };
  const counts = { ok: 0, aborted: 0, queueFull: 0, abortedLate: 0, saturating: 0 };
  const errors = [];

  // An input of log-uniform size: small ones fresh, large ones from the cached set (the one whose
  // size is nearest below the drawn size).
  function input() {
    const log2 = next() * MAX_LOG2;
    const size = Math.floor(2 ** log2) - 1;
    if (size < LARGE) return { bytes: randomView(size), key: null };
    const i = 3 * (Math.floor(log2) - 16) + Math.floor(next() * 3);
    return { bytes: largeInputs[i], key: String(i) };
  }

  async function expected(algorithm, { bytes, key }) {
    if (key === null) return referenceHex(algorithm, bytes);
    const id = `${algorithm}:${key}`;
    if (!referenceCache.has(id)) referenceCache.set(id, await referenceHex(algorithm, bytes));
    return referenceCache.get(id);
  }

  // One call: its promise (which resolves to its hex result or rejects) and the expected hex.
  function oneCall(signal) {
    const kind = next();
    if (kind < 0.01) {
      const password = randomView(Math.floor(next() * 64));
      const salt = randomView(16);
      const iterations = 1 + Math.floor(next() * 100);
      return {
        run: pool.pbkdf2(password, salt, iterations, 32, 'sha256', { signal, encoding: 'hex' }),
        want: async () => crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('hex'),
      };
    }
    if (kind < 0.015) {
      const password = randomView(Math.floor(next() * 64));
      return {
        run: pool.scrypt(password, 'salt', 32, { N: 1024, r: 8, p: 1, signal, encoding: 'hex' }),
        want: async () => crypto.scryptSync(password, 'salt', 32, { N: 1024, r: 8, p: 1 }).toString('hex'),
      };
    }
    if (kind < 0.02) {
      const password = randomView(Math.floor(next() * 64));
      return {
        run: pool.argon2id(password, 'saltsalt', { memoryCost: 256, timeCost: 1, parallelism: 2, signal, encoding: 'hex' }),
        want: null, // Argon2 is checked against the reference in its own tests; here it only runs
      };
    }
    const data = input();
    if (kind < 0.1) {
      const algorithm = macs[Math.floor(next() * macs.length)];
      const key = randomView(Math.floor(next() * 200));
      return {
        run: pool.hmac(algorithm, key, data.bytes, { signal, encoding: 'hex' }),
        want: async () => crypto.createHmac(algorithm, key).update(data.bytes).digest('hex'),
      };
    }
    const algorithm = algorithms[Math.floor(next() * algorithms.length)];
    if (kind < 0.2) {
      const more = [data, input(), input()];
      return {
        run: pool.hashMany(algorithm, more.map((d) => d.bytes), { signal, encoding: 'hex' }).then((d) => d.join(',')),
        want: async () => (await Promise.all(more.map((d) => expected(algorithm, d)))).join(','),
      };
    }
    return { run: pool.hash(algorithm, data.bytes, { signal, encoding: 'hex' }), want: () => expected(algorithm, data) };
  }

  // As many calls at once as the window holds, each with the largest input, and memory-hard calls
  // beside them: every staging and work-memory budget at its limit.
  async function saturate() {
    const biggest = largeInputs[largeInputs.length - 1];
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: window }, (_, i) => pool.hash(algorithms[i % algorithms.length], biggest)),
      ...Array.from({ length: 8 }, () => pool.scrypt('pw', 'salt', 32, { N: 1024, r: 8, p: 1 })),
      ...Array.from({ length: 8 }, () => pool.argon2id('pw', 'saltsalt', { memoryCost: 256, timeCost: 1, parallelism: 2 })),
    ]);
    for (const o of outcomes) {
      if (o.status === 'fulfilled') counts.saturating++;
      else if (o.reason.code !== codes.QUEUE_FULL) errors.push(o.reason);
    }
  }

  let started = 0;
  let settled = 0;
  let before = null;
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    let inFlight = 0;
    const launch = () => {
      // Now and then a burst of extra calls, past what maxQueue admits.
      const burst = next() < 0.0005 ? window : 0;
      while ((inFlight < window || burst > 0) && started < calls && inFlight < window + burst) {
        started++;
        inFlight++;
        const controller = next() < 0.02 ? new AbortController() : null;
        const call = oneCall(controller?.signal);
        if (controller) setTimeout(() => controller.abort(), Math.floor(next() * 5));
        call.run.then(async (hex) => {
          if (call.want !== null) {
            const want = await call.want();
            if (hex !== want) errors.push(new Error(`wrong result (call ${started}): ${hex.slice(0, 32)} != ${want.slice(0, 32)}`));
          }
          counts.ok++;
          if (controller?.signal.aborted) counts.abortedLate++;
        }, (error) => {
          if (error.code === codes.ABORTED && controller) counts.aborted++;
          else if (error.code === codes.QUEUE_FULL) counts.queueFull++;
          else errors.push(error);
        }).finally(() => {
          inFlight--;
          settled++;
          if (errors.length > 0) reject(errors[0]);
          else if (settled === calls) resolve();
          else if (settled === Math.floor(warmup) && before === null) {
            // Warm-up over: let everything in flight finish, take the heap to the most the pool's
            // budgets let it hold (the heap never shrinks, so a later peak would show as growth),
            // sample, go on.
            before = 'pending';
            const wait = () => (inFlight > 0 ? setTimeout(wait, 5) : saturate().then(() => sampleMemory(pool)).then((m) => {
              before = m;
              if (process.env.SOAK_SMAPS) globalThis.smapsBefore = require(process.env.SOAK_SMAPS).maps();
              log(`warm-up done after ${settled} calls: rss ${(m.rss / 2 ** 20).toFixed(1)} MiB, in use ${m.inUse} B`);
              launch();
            }));
            wait();
          } else if (before !== 'pending') {
            launch();
          }
          if (settled % 10_000 === 0) log(`${settled} calls, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        });
      }
    };
    launch();
  });
  const seconds = (performance.now() - t0) / 1000;
  const after = await sampleMemory(pool);
  if (process.env.SOAK_SMAPS) {
    const now = require(process.env.SOAK_SMAPS).maps();
    const diffs = [];
    for (const [k, v] of now) diffs.push([k, v - (globalThis.smapsBefore.get(k) ?? 0)]);
    diffs.sort((a, b) => b[1] - a[1]);
    console.log(diffs.slice(0, 8));
  }
  const stats = pool.stats();
  // The defect-8 check: after all that, one large Argon2 still fits.
  const capacity = await pool.argon2id('pw', 'saltsalt', { memoryCost: 1400 * 1024, timeCost: 1, parallelism: 1 })
    .then(() => 'ok', (e) => e.code);
  await pool.close();
  return { calls, seconds, counts, stats, before, after, capacity };
}

module.exports = { soak };

if (require.main === module) {
  const { parseArgs } = require('./common');
  const { positional, options } = parseArgs();
  const calls = Number(positional[0] ?? 1e6);
  soak({ calls, window: Number(options.window ?? 256), seed: Number(options.seed ?? Date.now() % 1e9), log: console.log })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      const grew = r.after.inUse - r.before.inUse;
      const rss = r.after.rss - r.before.rss;
      const mib = (a, b) => ((r.after[a] - r.before[a]) / 2 ** 20).toFixed(2);
      console.log(`in-use bytes grew by ${grew}; RSS grew by ${(rss / 2 ** 20).toFixed(2)} MiB (V8's committed heap ${mib('jsCommitted')}, ` +
        `its live objects ${mib('jsHeap')}, the WebAssembly heap ${mib('heapSize')}); 1,400 MiB Argon2 afterwards: ${r.capacity}`);
      // In-use bytes move by a few dozen either way as the pool's queues take and give back
      // their blocks; more than a page is growth.
      process.exitCode = grew <= 4096 && rss < 2 ** 20 && r.capacity === 'ok' ? 0 : 1;
    }, (error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
