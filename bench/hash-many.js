'use strict';
// Many small messages: pool.hashMany vs one pool.hash call per message vs piscina (as many
// workers as the pool has threads, running node:crypto, one task per message) vs
// crypto.createHash per message on the main thread. Same random 64-byte inputs (100,000 by
// default), alternating, several rounds. The two one-call-per-message methods run on the first
// fifth of the set only: they are slow enough that the whole set would dominate the run.
// Writes bench/results/hash-many.json.
//   node bench/hash-many.js [rounds=3] [count=100000] [--threads N=2] [--algorithm sha256]
const crypto = require('node:crypto');
const path = require('node:path');
const Piscina = require('piscina');
const { createPool } = require('parahash');
const { parseArgs, numberArg, randomMessages, timeMs, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const COUNT = Math.round(numberArg(positional[1], 100_000, 'count'));
const threads = numberArg(options.threads, 2, '--threads');
const algorithm = options.algorithm ?? 'sha256';
const MESSAGE_BYTES = 64;
const TARGET = 20; // hashMany ≥ 20× piscina's messages per second (the target)

(async () => {
  const pool = await createPool({ threads });
  const piscina = new Piscina({ filename: path.join(__dirname, 'piscina-node-crypto-worker.js'), minThreads: threads, maxThreads: threads });
  const inputs = randomMessages(COUNT, MESSAGE_BYTES);
  const fifth = inputs.slice(0, Math.max(1, Math.floor(COUNT / 5)));
  const warm = inputs.slice(0, 1000);
  await pool.hashMany(algorithm, warm);
  await Promise.all(warm.map((b) => piscina.run(b, { name: algorithm })));
  const methods = {
    'parahash pool.hashMany': { inputs, run: () => pool.hashMany(algorithm, inputs) },
    'parahash pool.hash per message': { inputs: fifth, run: () => Promise.all(fifth.map((b) => pool.hash(algorithm, b))) },
    [`piscina, ${threads} workers, node:crypto per task`]: { inputs: fifth, run: () => Promise.all(fifth.map((b) => piscina.run(b, { name: algorithm }))) },
    'crypto.createHash per message, main thread': { inputs, run: () => { for (const b of inputs) crypto.createHash(algorithm).update(b).digest(); } },
  };
  const seen = Object.fromEntries(Object.keys(methods).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, m] of Object.entries(methods)) seen[name].push(m.inputs.length / (await timeMs(m.run)) * 1000);
  }
  await pool.close();
  await piscina.destroy();

  console.log(`${algorithm} of ${COUNT.toLocaleString('en')} × ${MESSAGE_BYTES} B, ${threads} threads, ${rounds} rounds (messages/s)`);
  printTable(['method', 'messages/s'], Object.entries(seen).map(([name, xs]) => [name, `${range(xs.map((x) => x / 1e3))}k`]));
  const [many, , viaPiscina] = Object.values(seen);
  const ratio = Math.min(...many) / Math.max(...viaPiscina);
  console.log(`hashMany vs piscina, worst parahash round over best piscina round: ${ratio.toFixed(1)}× ` +
    `(target ≥ ${TARGET}×: ${ratio >= TARGET ? 'met' : 'not met'})`);

  writeResults('hash-many', {
    rounds, algorithm, messageBytes: MESSAGE_BYTES, count: COUNT, threads, piscinaWorkers: threads,
    perMessageMethodsCount: fifth.length, piscinaTasks: 'one per message, all submitted at once',
  }, {
    messagesPerSecond: seen,
    hashManyOverPiscina: { worstOverBest: ratio, bestOverBest: Math.max(...many) / Math.max(...viaPiscina), target: TARGET },
  });
})();
