'use strict';
// How long a running job of each kind takes to stop once its signal aborts: from abort() to
// the call's rejection, with the job well under way (aborted after 100 ms of work). The target
// is ≤ 200 ms for every kind. Also checks the pool still answers correctly afterwards.
// Writes bench/results/abort-latency.json.
//   node bench/abort-latency.js [rounds=5]
const crypto = require('node:crypto');
const { createPool } = require('parahash');
const { parseArgs, numberArg, range, printTable, writeResults } = require('./common');

const { positional } = parseArgs();
const rounds = numberArg(positional[0], 5, 'rounds');
const MiB = 1024 * 1024;
const TARGET_MS = 200;

(async () => {
  const pool = await createPool();
  const big = Buffer.alloc(512 * MiB, 3);
  const kinds = {
    'hash, sha3-512 of 512 MiB': (signal) => pool.hash('sha3-512', big, { signal }),
    'hmac, sha512 of 512 MiB': (signal) => pool.hmac('sha512', 'key', big, { signal }),
    'hashMany, 200 × 2 MiB': (signal) => pool.hashMany('sha3-512', Array.from({ length: 200 }, () => big.subarray(0, 2 * MiB)), { signal }),
    'hashStream, endless source': (signal) => pool.hashStream((async function* endless() {
      for (;;) yield big.subarray(0, 4 * MiB);
    })(), 'sha3-512', { signal }),
    'hashFile, /dev/zero': (signal) => pool.hashFile('/dev/zero', 'sha3-512', { signal }),
    'createHash digest, 512 MiB': (signal) => pool.createHash('sha3-512', { signal }).update(big).digest(),
    'pbkdf2, 2^31 − 1 iterations': (signal) => pool.pbkdf2('pw', 'salt', 2 ** 31 - 1, 64, 'sha512', { signal }),
    'scrypt, N = 2^20, p = 16': (signal) => pool.scrypt('pw', 'salt', 64, { N: 2 ** 20, r: 8, p: 16, maxmem: 2 ** 31, signal }),
    'argon2id, 1 GiB, t = 10': (signal) => pool.argon2id('pw', 'saltsalt', { memoryCost: 1 << 20, timeCost: 10, parallelism: 4, signal }),
    'bcrypt, cost 31': (signal) => pool.bcryptHash('pw', { cost: 31, signal }),
  };
  const seen = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, start] of Object.entries(kinds)) {
      const controller = new AbortController();
      const call = start(controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const aborted = performance.now();
      controller.abort();
      const outcome = await call.then(() => 'resolved', (error) => error.code);
      if (outcome !== 'ERR_PARAHASH_ABORTED') throw new Error(`${name}: ${outcome}, not an abort`);
      seen[name].push(performance.now() - aborted);
    }
  }
  const check = await pool.hash('sha256', 'still fine', { encoding: 'hex' });
  if (check !== crypto.createHash('sha256').update('still fine').digest('hex')) throw new Error('wrong digest after the aborts');
  console.log(`\nabort() to rejection, ms, ${rounds} rounds, ${pool.threads} threads:\n`);
  printTable(['job', 'ms', `worst ≤ ${TARGET_MS}`], Object.entries(seen).map(([name, ms]) =>
    [name, range(ms, 1), Math.max(...ms) <= TARGET_MS ? 'met' : `not met (${Math.max(...ms).toFixed(0)})`]));
  await pool.close();
  writeResults('abort-latency', { rounds, threads: pool.threads }, { ms: seen });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
