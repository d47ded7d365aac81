'use strict';
// Small calls, one call per message, the way a server hashes tokens and request bodies:
//   (1) 16,384 × 1 KiB, every call in flight at once, per algorithm: parahash pool.hash vs
//       hash-wasm (one reused hasher, inline), crypto.hash, crypto.subtle.digest (all in flight)
//       and piscina (node:crypto, one task per message);
//   (2) 100,000 × 64 B SHA-256, the same contenders;
//   (3) one tiny call at a time (await each): median and p99 latency;
//   (4) hashMany of 100,000 × 64 B.
// Default pool (threads = available parallelism). Every contender's digests are checked against
// parahash's first; contenders alternate and the starting one rotates each round. Writes
// bench/results/small-calls.json.
//   node bench/small-calls.js [rounds=3] [algorithm...] [--count 100000] [--kib-count 16384]
const crypto = require('node:crypto');
const path = require('node:path');
const Piscina = require('piscina');
const { createPool } = require('parahash');
const { loadContenders } = require('./contenders');
const { parseArgs, numberArg, randomMessages, timeMs, toHex, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const COUNT = Math.round(numberArg(options.count, 100_000, '--count'));
const KIB_COUNT = Math.round(numberArg(options['kib-count'], 16_384, '--kib-count'));
const LATENCY_CALLS = 2000;
const CHECKSUMS = new Set(['crc32', 'crc32c', 'xxh32', 'xxh64', 'xxh3', 'xxh128']);

const SUBTLE = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

// Runs each contender once per round in a rotating order. @return { name: [perSecond…] }
async function alternate(contenders, count) {
  const seen = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + r) % contenders.length];
      seen[c.name].push(count / (await timeMs(c.run)) * 1000);
    }
  }
  return seen;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

(async () => {
  const pool = await createPool();
  const threads = pool.threads;
  const piscina = new Piscina({ filename: path.join(__dirname, 'piscina-node-crypto-worker.js'), minThreads: threads, maxThreads: threads });
  const { contenders: libraries, unavailable } = await loadContenders();
  const hashWasm = libraries.find((c) => c.name === 'hash-wasm');
  const algorithms = positional.slice(1).length > 0 ? positional.slice(1)
    : pool.algorithms.filter((a) => hashWasm?.fns[a]);
  const nodeHashes = new Set(crypto.getHashes());
  const results = { kib: {}, tiny: {}, latency: {}, hashMany: {} };

  // Every call of `inputs` through each contender, its digests checked against parahash's.
  async function contendersFor(algorithm, inputs) {
    const want = (await Promise.all(inputs.slice(0, 64).map((b) => pool.hash(algorithm, b)))).map((d) => d.toString('hex'));
    const list = [{ name: 'parahash pool.hash', run: () => Promise.all(inputs.map((b) => pool.hash(algorithm, b))) }];
    if (hashWasm?.fns[algorithm]) list.push({ name: 'hash-wasm', run: () => { for (const b of inputs) hashWasm.fns[algorithm](b); }, check: hashWasm.fns[algorithm] });
    if (typeof crypto.hash === 'function' && nodeHashes.has(algorithm)) {
      list.push({ name: 'crypto.hash', run: () => { for (const b of inputs) crypto.hash(algorithm, b, 'buffer'); }, check: (b) => crypto.hash(algorithm, b, 'buffer') });
    }
    if (SUBTLE[algorithm]) {
      list.push({ name: 'crypto.subtle', run: () => Promise.all(inputs.map((b) => crypto.subtle.digest(SUBTLE[algorithm], b))), check: null });
    }
    if (nodeHashes.has(algorithm)) {
      list.push({ name: `piscina (${threads} workers)`, run: () => Promise.all(inputs.map((b) => piscina.run(b, { name: algorithm }))), check: null });
    }
    for (const c of list) {
      if (!c.check) continue;
      const got = inputs.slice(0, 64).map((b) => toHex(c.check(b), want[0].length / 2));
      if (got.some((d, i) => d !== want[i])) throw new Error(`${c.name} disagrees with parahash on ${algorithm}`);
    }
    for (const c of list) await c.run(); // warm-up
    return list;
  }

  // (1) 1 KiB messages, per algorithm.
  const kib = randomMessages(KIB_COUNT, 1024);
  for (const algorithm of algorithms) {
    results.kib[algorithm] = await alternate(await contendersFor(algorithm, kib), KIB_COUNT);
  }
  // (2) 100,000 × 64 B.
  const tiny = randomMessages(COUNT, 64);
  results.tiny = await alternate(await contendersFor('sha256', tiny), COUNT);
  // (3) One call at a time.
  const one = tiny.slice(0, LATENCY_CALLS);
  const latency = async (call) => {
    const times = [];
    for (const b of one) {
      const t = performance.now();
      await call(b);
      times.push((performance.now() - t) * 1000);
    }
    times.sort((a, b) => a - b);
    return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
  };
  const latencyOf = {
    'parahash pool.hash': (b) => pool.hash('sha256', b),
    'hash-wasm': async (b) => hashWasm.fns.sha256(b),
    'crypto.subtle': (b) => crypto.subtle.digest('SHA-256', b),
    [`piscina (${threads} workers)`]: (b) => piscina.run(b, { name: 'sha256' }),
  };
  for (let r = 0; r < rounds; r++) {
    for (const [name, call] of Object.entries(latencyOf)) (results.latency[name] ??= []).push(await latency(call));
  }
  // (4) hashMany.
  results.hashMany = await alternate([{ name: 'parahash pool.hashMany', run: () => pool.hashMany('sha256', tiny) }], COUNT);
  await pool.close();
  await piscina.destroy();

  const per = (xs, unit) => (xs === undefined ? '—' : unit === 'MB/s' ? range(xs.map((x) => x * 1024 / 1e6)) : `${range(xs.map((x) => x / 1e3))}k`);
  const names = [...new Set(Object.values(results.kib).flatMap((s) => Object.keys(s)))];
  console.log(`\n(1) ${KIB_COUNT.toLocaleString('en')} × 1 KiB, one call per message, all in flight, ${threads} threads (MB/s)\n`);
  const verdicts = [];
  printTable(['algorithm', ...names, 'parahash ÷ hash-wasm (best)', 'target'], Object.entries(results.kib).map(([algorithm, seen]) => {
    const ratio = Math.max(...seen['parahash pool.hash']) / Math.max(...(seen['hash-wasm'] ?? [NaN]));
    const target = CHECKSUMS.has(algorithm) ? 0.5 : 1.0;
    verdicts.push([algorithm, ratio, target]);
    return [algorithm, ...names.map((n) => per(seen[n], 'MB/s')), ratio.toFixed(2), `≥ ${target.toFixed(1)} ${ratio >= target ? 'met' : 'not met'}`];
  }));
  const missed = verdicts.filter(([, r, t]) => !(r >= t));
  console.log(`target met by ${verdicts.length - missed.length} of ${verdicts.length}${missed.length ? `; behind: ${missed.map(([a, r]) => `${a} ${r.toFixed(2)}`).join(', ')}` : ''}`);

  console.log(`\n(2) ${COUNT.toLocaleString('en')} × 64 B SHA-256, one call per message, all in flight (calls/s)\n`);
  printTable(['contender', 'calls/s'], Object.entries(results.tiny).map(([n, xs]) => [n, per(xs)]));
  const tinyRatio = Math.max(...results.tiny['parahash pool.hash']) / Math.max(...results.tiny['hash-wasm']);
  const overPiscina = Math.max(...results.tiny['parahash pool.hash']) / Math.max(...results.tiny[`piscina (${threads} workers)`]);
  console.log(`parahash ÷ hash-wasm ${tinyRatio.toFixed(2)} (target ≥ 0.5: ${tinyRatio >= 0.5 ? 'met' : 'not met'}); ÷ piscina ${overPiscina.toFixed(1)}×`);

  console.log(`\n(3) one 64 B SHA-256 call at a time, ${LATENCY_CALLS} calls (µs)\n`);
  printTable(['contender', 'median', 'p99'], Object.entries(results.latency).map(([n, rs]) =>
    [n, range(rs.map((x) => x.median), 1), range(rs.map((x) => x.p99), 1)]));
  const best = (name, key) => Math.min(...results.latency[name].map((x) => x[key]));
  const median = best('parahash pool.hash', 'median');
  const p99 = best('parahash pool.hash', 'p99');
  console.log(`parahash median ${median.toFixed(1)} µs (target ≤ 20: ${median <= 20 ? 'met' : 'not met'}), p99 ${p99.toFixed(1)} µs (target ≤ 100: ${p99 <= 100 ? 'met' : 'not met'})`);

  const many = Math.max(...results.hashMany['parahash pool.hashMany']);
  console.log(`\n(4) hashMany of ${COUNT.toLocaleString('en')} × 64 B: ${per(results.hashMany['parahash pool.hashMany'])} calls/s (target ≥ 1 M/s: ${many >= 1e6 ? 'met' : 'not met'})`);
  if (Object.keys(unavailable).length) console.log('unavailable:', unavailable);

  writeResults('small-calls', { rounds, threads, count: COUNT, kibCount: KIB_COUNT, latencyCalls: LATENCY_CALLS, algorithms }, results);
})();
