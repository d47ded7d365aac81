'use strict';
// Single-thread speed of every algorithm, parahash next to the libraries a user would pick
// instead, in two tables:
//   1. one large input (64 MiB): parahash pool.hash on a 1-thread pool vs hash-wasm, @noble/hashes,
//      node:crypto createHash, crypto.subtle.digest (SHA-1/2 only), blake3-wasm (BLAKE3),
//      xxhash-wasm (XXH32/XXH64), each on the main thread;
//   2. 1 KiB messages (a quarter of the large size in total, 16 MiB = 16,384 messages by default):
//      parahash pool.hashMany on the same 1-thread pool vs the same libraries hashing message by
//      message (crypto.subtle.digest: each awaited before the next), and piscina with 1 worker
//      running node:crypto, one task per message, all submitted at once.
// Within each round the contenders alternate (the starting one rotates), on the same input;
// cells are MB/s min–max over the rounds, and the ratio compares the best rounds of parahash and
// hash-wasm. Every contender's digest is first checked against parahash's. Writes
// bench/results/kernels.json.
//   node bench/kernels.js [rounds=3] [MiB=64] [algorithm...] [--message-mib N]
const path = require('node:path');
const Piscina = require('piscina');
const { createPool } = require('parahash');
const { parseArgs, numberArg, randomInput, randomMessages, timeMs, toHex, range, printTable, writeResults } = require('./common');
const { loadContenders } = require('./contenders');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const SIZE = Math.round(numberArg(positional[1], 64, 'MiB') * 2 ** 20);
const wanted = positional.slice(2).map((s) => s.toLowerCase());
const MESSAGE_BYTES = 1024;
const MESSAGE_COUNT = Math.max(1, Math.round(numberArg(options['message-mib'], SIZE / 4 / 2 ** 20, '--message-mib') * 2 ** 20 / MESSAGE_BYTES));
const PISCINA = 'piscina (1 worker, node:crypto)';

const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
const fmt = (xs) => range(xs, xs && Math.max(...xs) < 10 ? 1 : 0);
const best = (xs) => (xs && xs.length ? Math.max(...xs) : null);

// Each contender once on `data`: the ones whose digest differs from parahash's are dropped,
// with a note, so that the table only compares equal work. Doubles as the warm-up (JIT,
// hash-wasm's module compilation, piscina's worker start).
async function checked(name, runs, expectedHex, notes) {
  const kept = [];
  for (const run of runs) {
    const got = toHex(await run.once(), expectedHex.length / 2);
    if (got === expectedHex) kept.push(run);
    else notes.push(`${name}: ${run.name} gives ${got.slice(0, 16)}…, parahash ${expectedHex.slice(0, 16)}…; left out`);
  }
  return kept;
}

// `rounds` rounds over `runs`, the starting contender rotating; @return { [run.name]: MB/s per round }
async function measure(runs, bytes) {
  const seen = Object.fromEntries(runs.map((r) => [r.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < runs.length; i++) {
      const run = runs[(i + r) % runs.length];
      seen[run.name].push(mbps(bytes, await timeMs(run.all)));
    }
  }
  return seen;
}

// Prints one table: a column per contender that ran for some algorithm, then the ratio.
function report(title, rows, contenderOrder) {
  const ran = new Set(rows.flatMap((r) => Object.keys(r.mbps)));
  const columns = contenderOrder.filter((c) => ran.has(c));
  console.log(`\n${title}`);
  printTable(['algorithm', ...columns.map((c) => (c === 'parahash' ? 'parahash (1 thread)' : c)), 'parahash ÷ hash-wasm (best)'],
    rows.map((r) => [r.algorithm, ...columns.map((c) => fmt(r.mbps[c])), r.ratioVsHashWasm ? r.ratioVsHashWasm.toFixed(2) : '—']));
  const compared = rows.filter((r) => r.ratioVsHashWasm);
  const behind = compared.filter((r) => r.ratioVsHashWasm < 1).map((r) => `${r.algorithm} ${r.ratioVsHashWasm.toFixed(2)}`);
  console.log(`target parahash ≥ hash-wasm: met by ${compared.length - behind.length} of ${compared.length}${behind.length ? `; behind: ${behind.join(', ')}` : ''}`);
}

(async () => {
  const pool = await createPool({ threads: 1 });
  const unknown = wanted.filter((w) => !pool.algorithms.includes(w));
  if (unknown.length) console.log(`not in pool.algorithms, skipped: ${unknown.join(', ')}`);
  const algorithms = wanted.length ? pool.algorithms.filter((a) => wanted.includes(a)) : pool.algorithms;
  const { contenders, unavailable } = await loadContenders();
  for (const [lib, why] of Object.entries(unavailable)) console.log(`${lib}: unavailable, left out (${why})`);
  const input = randomInput(SIZE);
  const messages = randomMessages(MESSAGE_COUNT, MESSAGE_BYTES);
  const nodeNames = contenders.find((c) => c.name === 'node:crypto createHash').fns;
  const piscina = algorithms.some((a) => nodeNames[a])
    ? new Piscina({ filename: path.join(__dirname, 'piscina-node-crypto-worker.js'), minThreads: 1, maxThreads: 1 })
    : null;
  const notes = [];
  const large = [];
  const small = [];
  console.log(`${algorithms.length} algorithms, ${rounds} rounds; ${SIZE / 2 ** 20} MiB input, ${MESSAGE_COUNT.toLocaleString('en')} × 1 KiB messages`);
  for (const name of algorithms) {
    const have = contenders.filter((c) => c.fns[name]);
    const warm = input.subarray(0, Math.min(SIZE, 4 << 20));

    // one large input
    let runs = [{ name: 'parahash', once: () => pool.hash(name, warm), all: () => pool.hash(name, input) }];
    for (const c of have) runs.push({ name: c.name, once: () => c.fns[name](warm), all: () => c.fns[name](input) });
    runs = [runs[0], ...(await checked(name, runs.slice(1), toHex(await pool.hash(name, warm)), notes))];
    const seen = await measure(runs, SIZE);
    large.push({ algorithm: name, mbps: seen, ratioVsHashWasm: seen['hash-wasm'] ? best(seen.parahash) / best(seen['hash-wasm']) : null });

    // many 1 KiB messages
    const one = messages[0];
    runs = [{ name: 'parahash', once: () => pool.hash(name, one), all: () => pool.hashMany(name, messages) }];
    for (const c of have) {
      const fn = c.fns[name];
      const all = c.async
        ? async () => { for (const m of messages) await fn(m); }
        : () => { for (const m of messages) fn(m); };
      runs.push({ name: c.name, once: () => fn(one), all });
    }
    if (piscina && nodeNames[name]) {
      runs.push({ name: PISCINA, once: () => piscina.run(one, { name }), all: () => Promise.all(messages.map((m) => piscina.run(m, { name }))) });
    }
    const manyFirst = (await pool.hashMany(name, messages.slice(0, 64)))[0];
    runs = [runs[0], ...(await checked(`${name} (1 KiB)`, runs.slice(1), toHex(manyFirst), notes))];
    await runs[0].all(); // warm-up of hashMany's batching
    const seenSmall = await measure(runs, MESSAGE_COUNT * MESSAGE_BYTES);
    small.push({ algorithm: name, mbps: seenSmall, ratioVsHashWasm: seenSmall['hash-wasm'] ? best(seenSmall.parahash) / best(seenSmall['hash-wasm']) : null });
    process.stdout.write('.');
  }
  console.log();
  await pool.close();
  await piscina?.destroy();
  for (const note of notes) console.log(`note: ${note}`);

  const order = ['parahash', ...contenders.map((c) => c.name), PISCINA];
  report(`Single-thread MB/s, one ${SIZE / 2 ** 20} MiB input, ${rounds} alternating rounds (min–max)`, large, order);
  report(`Single-thread MB/s, ${MESSAGE_COUNT.toLocaleString('en')} messages of 1 KiB, ${rounds} alternating rounds (min–max); ` +
    'parahash: one hashMany call on a 1-thread pool; libraries: one call per message on the main thread; ' +
    'piscina: one task per message, all submitted at once', small, order);

  writeResults('kernels', {
    rounds, inputBytes: SIZE, messageBytes: MESSAGE_BYTES, messageCount: MESSAGE_COUNT, algorithms,
    parahashThreads: 1, piscinaWorkers: 1, piscinaTasks: 'one per message, all submitted at once',
    hashWasmApi: 'one reused hasher per algorithm (init/update/digest)',
    subtlePerMessage: 'each digest awaited before the next',
  }, { unavailable, notes, largeInput: large, messages1KiB: small });
})();
