'use strict';
// BLAKE3 of one 256 MiB input at 1, 2, … threads: the same input, pools alternating each round.
//   node bench/blake3-threads.js [rounds=3] [maxThreads=os.availableParallelism()]
const crypto = require('node:crypto');
const os = require('node:os');
const { createPool } = require('parahash');

const rounds = Number(process.argv[2] ?? 3);
const maxThreads = Number(process.argv[3] ?? os.availableParallelism());
const SIZE = 256 * 1024 * 1024;

(async () => {
  const input = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i += 65536) crypto.randomFillSync(input, i, 65536);
  const counts = [];
  for (let t = 1; t <= maxThreads; t *= 2) counts.push(t);
  if (counts[counts.length - 1] !== maxThreads) counts.push(maxThreads);
  const pools = await Promise.all(counts.map((threads) => createPool({ threads })));
  for (const pool of pools) await pool.hash('blake3', input.subarray(0, 8 << 20)); // warm-up
  const speeds = counts.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, pool] of pools.entries()) {
      const t = performance.now();
      await pool.hash('blake3', input);
      speeds[i].push(SIZE / 1e6 / ((performance.now() - t) / 1000));
    }
  }
  const best = speeds.map((s) => Math.max(...s));
  console.log(`BLAKE3 of 256 MiB, ${rounds} alternating rounds (MB/s, min–max; speed-up of the best vs 1 thread)`);
  console.log('| threads | MB/s | speed-up |');
  console.log('|---:|---:|---:|');
  counts.forEach((threads, i) => console.log(
    `| ${threads} | ${Math.min(...speeds[i]).toFixed(0)}–${best[i].toFixed(0)} | ${(best[i] / best[0]).toFixed(2)}× |`));
  await Promise.all(pools.map((p) => p.close()));
})();
