'use strict';
// BLAKE3 of one 256 MiB input on parahash pools of 1, 2, 3, 4, 8, … threads (up to
// os.availableParallelism() or --max-threads), next to hash-wasm and blake3-wasm on the main
// thread: the same input, every contender once per round in turn, several rounds. The speed-up
// compares each best round with parahash's best 1-thread round. Writes
// bench/results/blake3-threads.json.
//   node bench/blake3-threads.js [rounds=3] [--max-threads N] [--threads 1,2,4] [--mib 256]
// (a second positional argument is still read as the maximum thread count)
const os = require('node:os');
const { createPool } = require('parahash');
const { parseArgs, numberArg, randomInput, timeMs, toHex, range, printTable, writeResults } = require('./common');
const { loadContenders } = require('./contenders');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const maxThreads = Math.floor(numberArg(options['max-threads'] ?? positional[1], os.availableParallelism(), '--max-threads'));
const SIZE = Math.round(numberArg(options.mib, 256, '--mib') * 2 ** 20);
const TARGET = 1.8; // 2 threads ≥ 1.8× 1 thread (the target)

// 1, 2, 3, 4, then doubling, then the maximum itself.
function threadCounts() {
  if (options.threads) return options.threads.split(',').map((t) => Math.floor(numberArg(t, 1, '--threads')));
  const counts = [];
  for (let t = 1; t <= Math.min(4, maxThreads); t++) counts.push(t);
  for (let t = 8; t <= maxThreads; t *= 2) counts.push(t);
  if (counts[counts.length - 1] !== maxThreads) counts.push(maxThreads);
  return counts;
}

(async () => {
  const counts = threadCounts();
  const input = randomInput(SIZE);
  const pools = await Promise.all(counts.map((threads) => createPool({ threads })));
  const runs = pools.map((pool, i) => ({ name: `parahash, ${counts[i]} thread${counts[i] > 1 ? 's' : ''}`, threads: counts[i], fn: (d) => pool.hash('blake3', d) }));
  const { contenders, unavailable } = await loadContenders();
  for (const lib of ['hash-wasm', 'blake3-wasm']) {
    if (unavailable[lib]) console.log(`${lib}: unavailable, left out (${unavailable[lib]})`);
    const c = contenders.find((x) => x.name === lib);
    if (c) runs.push({ name: `${lib} (main thread)`, threads: 1, fn: c.fns.blake3 });
  }
  // warm-up, and a check that every contender computes the same digest
  const warm = input.subarray(0, Math.min(SIZE, 8 << 20));
  const expected = toHex(await pools[0].hash('blake3', warm));
  for (const run of runs) {
    const got = toHex(await run.fn(warm));
    if (got !== expected) throw new Error(`${run.name} gives ${got}, parahash 1 thread ${expected}`);
  }
  const seen = runs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, run] of runs.entries()) seen[i].push(SIZE / 1e6 / ((await timeMs(() => run.fn(input))) / 1000));
  }
  await Promise.all(pools.map((p) => p.close()));

  const best = seen.map((s) => Math.max(...s));
  console.log(`BLAKE3 of ${SIZE / 2 ** 20} MiB, ${rounds} alternating rounds (MB/s, min–max; speed-up: best round vs parahash's best 1-thread round)`);
  printTable(['contender', 'threads', 'MB/s', 'speed-up'],
    runs.map((run, i) => [run.name, String(run.threads), range(seen[i]), `${(best[i] / best[0]).toFixed(2)}×`]));
  const two = counts.indexOf(2);
  if (two >= 0) {
    const speedup = best[two] / best[0];
    console.log(`target 2 threads ≥ ${TARGET}× 1 thread: ${speedup.toFixed(2)}×, ${speedup >= TARGET ? 'met' : 'not met'}`);
  }

  writeResults('blake3-threads', { rounds, inputBytes: SIZE, threadCounts: counts }, {
    unavailable,
    rows: runs.map((run, i) => ({ contender: run.name, threads: run.threads, mbps: seen[i], speedupVsParahash1Thread: best[i] / best[0] })),
  });
})();
