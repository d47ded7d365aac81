'use strict';
// How long does hashing 256 MiB stall the main thread's event loop? parahash vs
// crypto.subtle.digest (which copies its input in one go) vs crypto.createHash, side by side,
// alternating, same input. The stall is the longest gap between callbacks of a 1 ms interval
// timer that was already running before the work began (a histogram of loop delay misses a
// synchronous block that starts before its first sample). Writes
// bench/results/event-loop-stall.json.
//   node bench/event-loop-stall.js [rounds=3] [MiB=256]
const crypto = require('node:crypto');
const { createPool } = require('parahash');
const { parseArgs, numberArg, randomInput, range, printTable, writeResults } = require('./common');

const { positional } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const SIZE = Math.round(numberArg(positional[1], 256, 'MiB') * 2 ** 20);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stallOf(work) {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await sleep(10);
  longest = 0;
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  await sleep(10); // let the ticker see a stall that lasted to the very end
  clearInterval(ticker);
  return { maxStall: longest, ms };
}

(async () => {
  const input = randomInput(SIZE);
  const pool = await createPool({ threads: 1 });
  await pool.hash('sha256', input.subarray(0, 4 << 20));
  const runs = {
    'parahash pool.hash': () => pool.hash('sha256', input),
    'crypto.subtle.digest': () => crypto.subtle.digest('SHA-256', input),
    'crypto.createHash (sync)': async () => crypto.createHash('sha256').update(input).digest(),
  };
  const results = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, work] of Object.entries(runs)) results[name].push(await stallOf(work));
  }
  await pool.close();
  console.log(`SHA-256 of ${SIZE / 2 ** 20} MiB, ${rounds} alternating rounds; longest event-loop stall (min–max over rounds)`);
  printTable(['method', 'longest stall, ms', 'wall time, ms'], Object.entries(results).map(([name, rs]) =>
    [name, range(rs.map((x) => x.maxStall), 1), range(rs.map((x) => x.ms))]));
  writeResults('event-loop-stall', { rounds, inputBytes: SIZE, algorithm: 'sha256', parahashThreads: 1, timerMs: 1 }, { results });
})();
