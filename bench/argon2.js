'use strict';
// Argon2id with RFC 9106's second recommended option (m = 64 MiB, t = 3, p = 4) and a heavier
// one (m = 256 MiB, t = 2, p = 4): parahash on a pool of 2 threads (and of --threads N) against
// the single-threaded WebAssembly libraries on the main thread (hash-wasm, argon2-browser) and
// the native addons (`argon2`, the reference C; `@node-rs/argon2`, RustCrypto). Same password
// and salt for all; every contender's tag is checked against parahash's before timing; each
// round runs every contender once, in turn. Writes bench/results/argon2.json.
//   node bench/argon2.js [rounds=3] [--threads N] [--cases 64:3:4,256:2:4]   (m in MiB:t:p)
const fs = require('node:fs');
const path = require('node:path');
const { createPool } = require('parahash');
const { tryLoad, parseArgs, numberArg, randomInput, timeMs, toHex, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const extraThreads = options.threads === undefined ? null : Math.floor(numberArg(options.threads, 2, '--threads'));
const CASES = (options.cases ?? '64:3:4,256:2:4').split(',').map((spec) => {
  const parts = spec.split(':');
  if (parts.length !== 3 || !parts.every((x) => /^[1-9][0-9]*$/.test(x))) {
    console.error(`--cases: expected MiB:t:p with positive integers, got ${JSON.stringify(spec)}`);
    process.exit(2);
  }
  const [mib, t, p] = parts.map(Number);
  return { memoryCost: mib * 1024, timeCost: t, parallelism: p, hashLength: 32 };
});
const SPEEDUP_TARGET = 1.8; // parahash (2 threads) ≥ 1.8× hash-wasm
const NATIVE_TARGET = 2; // parahash time ≤ 2 × a native addon's
const LIBRARIES = ['hash-wasm', 'argon2-browser', 'argon2', '@node-rs/argon2'];
const label = (c) => `m=${c.memoryCost / 1024} MiB t=${c.timeCost} p=${c.parallelism}`;

function versionOf(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

// argon2-browser 1.18's Emscripten glue (Node entry: dist/argon2.js with argon2.wasm, no SIMD)
// sees Node 20's global fetch() and tries it on a file path, which fails ("Failed to parse
// URL"); without fetch it reads the file. The glue decides while it is first required, inside
// the first hash() call, so fetch is hidden for that synchronous stretch only. The glue also
// installs process 'uncaughtException'/'unhandledRejection' handlers that abort it.
async function loadArgon2Browser() {
  const lib = require('argon2-browser');
  const fetch = globalThis.fetch;
  let first;
  globalThis.fetch = undefined;
  try {
    first = lib.hash({ pass: 'x', salt: 'saltsalt', time: 1, mem: 64, parallelism: 1, hashLen: 8, type: lib.ArgonType.Argon2id });
  } finally {
    globalThis.fetch = fetch;
  }
  await first;
  return lib;
}

// @return [{ name, threads, note, fn(c, password, salt) → tag }] and what could not be loaded.
async function loadContenders() {
  const unavailable = {};
  const out = [];
  const hashWasm = await tryLoad(unavailable, 'hash-wasm', () => require('hash-wasm'));
  if (hashWasm) {
    out.push({
      name: 'hash-wasm argon2id (main thread)', threads: '1', kind: 'wasm',
      fn: (c, password, salt) => hashWasm.argon2id({
        password, salt, iterations: c.timeCost, parallelism: c.parallelism, memorySize: c.memoryCost,
        hashLength: c.hashLength, outputType: 'binary',
      }),
    });
  }
  const browser = await tryLoad(unavailable, 'argon2-browser', loadArgon2Browser);
  if (browser) {
    out.push({
      name: 'argon2-browser (main thread)', threads: '1', kind: 'wasm',
      fn: async (c, password, salt) => (await browser.hash({
        pass: password, salt, time: c.timeCost, mem: c.memoryCost, parallelism: c.parallelism, hashLen: c.hashLength,
        type: browser.ArgonType.Argon2id,
      })).hash,
    });
  }
  const argon2 = await tryLoad(unavailable, 'argon2', () => require('argon2'));
  if (argon2) {
    out.push({
      // node-argon2 runs the reference C on a libuv worker, which starts p threads for the lanes.
      name: 'argon2 (native, reference C)', threads: 'p (own threads)', kind: 'native',
      fn: (c, password, salt) => argon2.hash(password, {
        type: argon2.argon2id, memoryCost: c.memoryCost, timeCost: c.timeCost, parallelism: c.parallelism,
        hashLength: c.hashLength, salt, raw: true,
      }),
    });
  }
  const nodeRs = await tryLoad(unavailable, '@node-rs/argon2', () => require('@node-rs/argon2'));
  if (nodeRs) {
    out.push({
      // An napi AsyncTask on a libuv worker; its CPU time is about twice its wall time on 2
      // cores, so the lanes run in parallel on threads of its own.
      name: '@node-rs/argon2 (native, Rust)', threads: 'own threads', kind: 'native',
      fn: (c, password, salt) => nodeRs.hashRaw(password, {
        algorithm: 2, memoryCost: c.memoryCost, timeCost: c.timeCost, parallelism: c.parallelism,
        outputLen: c.hashLength, salt,
      }),
    });
  }
  return { contenders: out, unavailable };
}

(async () => {
  const threadCounts = [...new Set([2, ...(extraThreads ? [extraThreads] : [])])];
  const pools = await Promise.all(threadCounts.map((threads) => createPool({ threads })));
  const runs = pools.map((pool, i) => ({
    name: `parahash pool.argon2id, ${threadCounts[i]} thread${threadCounts[i] > 1 ? 's' : ''}`, threads: String(threadCounts[i]), kind: 'parahash',
    poolThreads: threadCounts[i],
    fn: (c, password, salt) => pool.argon2id(password, salt, c),
  }));
  const { contenders, unavailable } = await loadContenders();
  for (const [name, reason] of Object.entries(unavailable)) console.log(`${name}: unavailable, left out (${reason})`);
  runs.push(...contenders);

  const password = Buffer.from('correct horse battery staple');
  const salt = Buffer.from(randomInput(16));
  const results = [];
  const mismatched = {};
  for (const c of CASES) {
    // Warm-up and the check that every contender computes parahash's tag.
    const expected = toHex(await runs[0].fn(c, password, salt));
    const active = [];
    for (const run of runs) {
      const got = toHex(await run.fn(c, password, salt));
      if (got === expected) active.push(run);
      else mismatched[`${run.name}, ${label(c)}`] = `tag ${got} differs from parahash's ${expected}; left out`;
    }
    const seen = active.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (const [i, run] of active.entries()) seen[i].push(await timeMs(() => run.fn(c, password, salt)));
    }
    results.push({ case: c, runs: active, seen, best: seen.map((s) => Math.min(...s)) });
  }
  await Promise.all(pools.map((p) => p.close()));

  for (const [what, why] of Object.entries(mismatched)) console.log(`${what}: ${why}`);
  console.log(`Argon2id, 32-byte tag, ${rounds} alternating round${rounds > 1 ? 's' : ''} per case (ms, min–max; ratio: best round vs best round)`);
  for (const { case: c, runs: active, seen, best } of results) {
    const ref = best[0];
    console.log(`\n${label(c)}`);
    printTable(['contender', 'threads', 'ms', 'time ÷ parahash (2 threads)'],
      active.map((run, i) => [run.name, run.threads, range(seen[i]), `${(best[i] / ref).toFixed(2)}×`]));
  }

  // One row per case and parahash pool: the two targets.
  const find = (active, prefix) => active.findIndex((run) => run.name.startsWith(prefix));
  const summary = [];
  for (const { case: c, runs: active, best } of results) {
    const hw = find(active, 'hash-wasm');
    const ref = find(active, 'argon2 (native');
    const rs = find(active, '@node-rs');
    for (const [i, run] of active.entries()) {
      if (run.kind !== 'parahash') continue;
      summary.push({
        case: label(c), threads: run.poolThreads, parahashMs: best[i],
        speedupVsHashWasm: hw >= 0 ? best[hw] / best[i] : null,
        timeVsArgon2: ref >= 0 ? best[i] / best[ref] : null,
        timeVsNodeRs: rs >= 0 ? best[i] / best[rs] : null,
      });
    }
  }
  const ratio = (x, target, higherIsBetter) => (x === null ? '—'
    : `${x.toFixed(2)}${(higherIsBetter ? x >= target : x <= target) ? '' : ' (missed)'}`);
  console.log(`\nTargets: parahash on 2 threads ≥ ${SPEEDUP_TARGET}× hash-wasm; parahash time ≤ ${NATIVE_TARGET}× a native addon's`);
  printTable(['case', 'parahash threads', 'parahash best ms', 'speed-up over hash-wasm', 'parahash ÷ argon2 (native)', 'parahash ÷ @node-rs/argon2'],
    summary.map((s) => [s.case, String(s.threads), s.parahashMs.toFixed(0), ratio(s.speedupVsHashWasm, SPEEDUP_TARGET, true),
      ratio(s.timeVsArgon2, NATIVE_TARGET, false), ratio(s.timeVsNodeRs, NATIVE_TARGET, false)]));
  console.log('hash-wasm and argon2-browser compute all lanes on the main thread; the native addons run off it ' +
    'on threads of their own (argon2: a libuv worker that starts p lane threads; @node-rs/argon2: a libuv worker ' +
    'whose lanes run in parallel). argon2-browser under ' +
    'Node loads its non-SIMD argon2.wasm.');

  writeResults('argon2', { rounds, cases: CASES, threadCounts, passwordBytes: password.length, saltBytes: salt.length }, {
    libraries: Object.fromEntries(LIBRARIES.map((name) => [name, versionOf(name)])),
    unavailable,
    mismatched,
    cases: results.map(({ case: c, runs: active, seen }) => ({
      ...c, label: label(c), rows: active.map((run, i) => ({ contender: run.name, threads: run.threads, ms: seen[i] })),
    })),
    summary,
  });
})();
