'use strict';
// How long does hashing 256 MiB stall the main thread's event loop? parahash vs
// crypto.subtle.digest (which copies its input in one go) vs crypto.createHash, side by side,
// alternating, same input. The stall is the longest gap between callbacks of a 1 ms interval
// timer that was already running before the work began (a histogram of loop delay misses a
// synchronous block that starts before its first sample).
//   node bench/event-loop-stall.js [rounds=3]
const crypto = require('node:crypto');
const { createPool } = require('parahash');

const SIZE = 256 * 1024 * 1024;
const rounds = Number(process.argv[2] ?? 3);

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
  const input = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i += 65536) crypto.randomFillSync(input, i, 65536);
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
  console.log(`SHA-256 of 256 MiB, ${rounds} alternating rounds; longest event-loop stall (min–max over rounds)`);
  console.log('| method | longest stall, ms | wall time, ms |');
  console.log('|---|---:|---:|');
  for (const [name, rs] of Object.entries(results)) {
    const s = rs.map((x) => x.maxStall);
    const w = rs.map((x) => x.ms);
    console.log(`| ${name} | ${Math.min(...s).toFixed(1)}–${Math.max(...s).toFixed(1)} | ${Math.min(...w).toFixed(0)}–${Math.max(...w).toFixed(0)} |`);
  }
  await pool.close();
})();
