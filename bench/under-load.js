'use strict';
// The event loop under load: a 1 ms timer runs throughout each scenario, and the table shows how
// often it fired and the gaps between its ticks, with the issue's targets beside them.
//   node bench/under-load.js [rounds=3] [--calls 100000]
// Scenarios (default pool, SHA-256): 100,000 small calls made in one synchronous loop (gaps
// counted from when the loop ends: the loop is the caller's own code); the same in bursts of
// 1,000 per turn (gaps over the whole run); 100,000 small calls with 8 × 24 MiB among them;
// hashMany of 100,000; 4 concurrent 64 MiB calls; one 256 MiB call; one 500 MiB string; and
// the time of 2 concurrent 64 MiB calls against one. Writes bench/results/under-load.json.
const crypto = require('node:crypto');
const { createPool } = require('parahash');
const { parseArgs, numberArg, randomInput, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const CALLS = Math.round(numberArg(options.calls, 100_000, '--calls'));

// Runs `work` (which resolves when done) under a 1 ms timer; the gaps count from when
// `work(started)` calls started(), so a synchronous submission loop can be left out.
async function watch(work) {
  let last = null;
  let ticks = 0;
  const gaps = [];
  let from = null;
  const timer = setInterval(() => {
    const now = performance.now();
    if (last !== null) gaps.push(now - last);
    last = now;
    ticks++;
  }, 1);
  const t0 = performance.now();
  await work(() => {
    from = performance.now();
    last = from;
    ticks = 0;
    gaps.length = 0;
  });
  const end = performance.now();
  clearInterval(timer);
  if (last !== null) gaps.push(end - last);
  const span = end - (from ?? t0);
  gaps.sort((a, b) => a - b);
  return {
    ms: end - t0,
    ticksPerMs: ticks / span,
    p99: gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.99))] ?? span,
    max: gaps[gaps.length - 1] ?? span,
  };
}

(async () => {
  const pool = await createPool();
  const small = new Uint8Array(64);
  const big24 = randomInput(24 << 20);
  const big64 = Array.from({ length: 4 }, () => randomInput(64 << 20));
  const big256 = randomInput(256 << 20);
  const longString = 'x'.repeat(500 << 20);
  const manyInputs = Array.from({ length: CALLS }, (_, i) => randomInput(64 + (i % 2)));
  const want64 = big64.map((b) => crypto.createHash('sha256').update(b).digest('hex'));

  const scenarios = {
    [`${CALLS.toLocaleString('en')} small calls, one loop`]: {
      targets: { ticksPerMs: 0.5, max: 20 },
      run: (started) => {
        const calls = [];
        for (let i = 0; i < CALLS; i++) calls.push(pool.hash('sha256', small));
        const all = Promise.all(calls);
        started();
        return all;
      },
    },
    [`${CALLS.toLocaleString('en')} small calls, 1,000 per turn`]: {
      targets: { ticksPerMs: 0.5, max: 20 },
      run: async () => {
        const calls = [];
        for (let b = 0; b < CALLS; b += 1000) {
          for (let i = b; i < Math.min(CALLS, b + 1000); i++) calls.push(pool.hash('sha256', small));
          await new Promise((resolve) => setImmediate(resolve));
        }
        await Promise.all(calls);
      },
    },
    [`${CALLS.toLocaleString('en')} small calls and 8 × 24 MiB`]: {
      targets: { ticksPerMs: 0.5, max: 20 },
      run: (started) => {
        const calls = [];
        for (let i = 0; i < CALLS; i++) {
          calls.push(pool.hash('sha256', small));
          if (i % (CALLS / 8) === 0) calls.push(pool.hash('sha256', big24));
        }
        const all = Promise.all(calls);
        started();
        return all;
      },
    },
    [`hashMany of ${CALLS.toLocaleString('en')} × 64 B`]: {
      targets: { max: 20 },
      run: () => pool.hashMany('sha256', manyInputs),
    },
    '4 concurrent 64 MiB calls': {
      targets: { p99: 5, max: 20 },
      run: async () => {
        const got = await Promise.all(big64.map((b) => pool.hash('sha256', b, { encoding: 'hex' })));
        got.forEach((d, i) => { if (d !== want64[i]) throw new Error('wrong digest'); });
      },
    },
    'one 256 MiB call': { targets: { max: 5 }, run: () => pool.hash('sha256', big256) },
    'one 500 MiB string': { targets: { max: 20 }, run: () => pool.hash('sha256', longString) },
  };
  const seen = Object.fromEntries(Object.keys(scenarios).map((name) => [name, []]));
  const pair = { one: [], two: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [name, s] of Object.entries(scenarios)) seen[name].push(await watch(s.run));
    let t = performance.now();
    await pool.hash('sha256', big64[0]);
    pair.one.push(performance.now() - t);
    t = performance.now();
    await Promise.all([pool.hash('sha256', big64[0]), pool.hash('sha256', big64[1])]);
    pair.two.push(performance.now() - t);
  }
  await pool.close();

  console.log(`\nA 1 ms timer under load, ${pool.threads} threads, ${rounds} rounds (min–max over rounds)\n`);
  const verdict = (xs, key, target, lowerIsBetter) => {
    const worst = lowerIsBetter ? Math.max(...xs.map((x) => x[key])) : Math.min(...xs.map((x) => x[key]));
    const best = lowerIsBetter ? Math.min(...xs.map((x) => x[key])) : Math.max(...xs.map((x) => x[key]));
    return target === undefined ? '' : ` (${lowerIsBetter ? '≤' : '≥'} ${target}: ${(lowerIsBetter ? best <= target : best >= target) ? 'met' : 'not met'}${worst !== best ? `, worst round ${worst.toFixed(2)}` : ''})`;
  };
  printTable(['scenario', 'wall ms', 'ticks/ms', 'p99 gap ms', 'max gap ms'], Object.entries(seen).map(([name, xs]) => {
    const t = scenarios[name].targets;
    return [name, range(xs.map((x) => x.ms)),
      range(xs.map((x) => x.ticksPerMs), 2) + verdict(xs, 'ticksPerMs', t.ticksPerMs, false),
      range(xs.map((x) => x.p99), 1) + verdict(xs, 'p99', t.p99, true),
      range(xs.map((x) => x.max), 1) + verdict(xs, 'max', t.max, true)];
  }));
  const ratio = Math.min(...pair.two) / Math.min(...pair.one);
  console.log(`\n2 concurrent 64 MiB calls take ${ratio.toFixed(2)}× one (best rounds; target ≤ 1.15: ${ratio <= 1.15 ? 'met' : 'not met'})`);
  writeResults('under-load', { rounds, calls: CALLS, threads: pool.threads }, { scenarios: seen, pairOfLarge: pair });
})();
