'use strict';
// npm run demo: hash 512 MiB on the pool while the event loop keeps ticking, then do the same
// work with crypto.createHash on the main thread, and compare.
const crypto = require('node:crypto');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { createPool } = require('parahash');

const SIZE = 512 * 1024 * 1024;
const MB = 1e6;

// Runs `work` while a 10 ms timer ticks; reports throughput and how long the loop was stalled.
async function measure(label, work) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let ticks = 0;
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    if (++ticks % 50 === 0) console.log(`  ${label}: event loop alive, ${ticks} ticks so far`);
  }, 10);
  delay.enable();
  const started = performance.now();
  const digest = await work();
  const ms = performance.now() - started;
  // One more turn of the loop so a stall at the very end is seen too.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  delay.disable();
  longestGap = Math.max(longestGap, performance.now() - last);
  return { label, digest, ms, mbps: SIZE / MB / (ms / 1000), ticks, longestGap, p99: delay.percentile(99) / 1e6 };
}

(async () => {
  console.log(`Generating ${SIZE / 2 ** 20} MiB of random input…`);
  const input = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i += 65536) crypto.randomFillSync(input, i, 65536);

  const pool = await createPool();
  console.log(`Pool started with ${pool.threads} threads.\n`);
  await pool.hash('sha256', input.subarray(0, 1 << 20)); // warm-up: compile and touch the heap

  console.log('1) parahash: pool.hash(\'sha256\', 512 MiB)');
  const onPool = await measure('pool', () => pool.hash('sha256', input, { encoding: 'hex' }));

  console.log('2) node:crypto: createHash(\'sha256\').update(512 MiB) on the main thread');
  const onMain = await measure('main', async () => crypto.createHash('sha256').update(input).digest('hex'));
  if (onMain.ticks === 0) console.log('  main: (no ticks: the event loop was blocked the whole time)');

  console.log('3) parahash: the same 512 MiB as 8 files of 64 MiB, hashed concurrently on the pool');
  const parts = Array.from({ length: 8 }, (_, i) => input.subarray(i * (SIZE / 8), (i + 1) * (SIZE / 8)));
  const onPoolMany = await measure('pool×8', async () =>
    (await Promise.all(parts.map((p) => pool.hash('sha256', p, { encoding: 'hex' })))).join(''));
  const expectedMany = parts.map((p) => crypto.createHash('sha256').update(p).digest('hex')).join('');

  if (onPool.digest !== onMain.digest || onPoolMany.digest !== expectedMany) {
    console.error('MISMATCH between parahash and node:crypto');
    process.exitCode = 1;
  }
  console.log(`\nSHA-256 of 512 MiB: ${onPool.digest} (${onPool.digest === onMain.digest ? 'equal to' : 'DIFFERENT from'} node:crypto)\n`);
  const rows = [onPool, onMain, onPoolMany];
  const name = { pool: 'parahash pool.hash, 1 input', main: 'crypto.createHash, main thread', 'pool×8': `parahash pool.hash, 8 inputs, ${pool.threads} threads` };
  console.log('| run | MB/s | 10 ms timer ticks | largest event-loop stall |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${name[r.label]} | ${r.mbps.toFixed(0)} | ${r.ticks} of ~${Math.round(r.ms / 10)} | ${r.longestGap.toFixed(1)} ms |`);
  }
  await pool.close();
})();
