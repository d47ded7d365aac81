'use strict';
// scrypt and PBKDF2, side by side in one run: parahash (a 2-thread pool) vs node:crypto (async:
// OpenSSL on a libuv thread), hash-wasm and @noble/hashes (both on the main thread). Cases:
// scrypt N=2^17 r=8 with p=1 and p=4, PBKDF2-HMAC-SHA256 with 600,000 iterations (OWASP's
// figure). Every contender's key is checked against parahash's before timing; contenders
// alternate within each round. Prints a table per case and writes bench/results/kdf.json.
//   node bench/kdf.js [rounds=3] [--threads 2] [--scrypt-log2n 17] [--iterations 600000]
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const { createPool } = require('parahash');
const hashWasm = require('hash-wasm');
const { parseArgs, numberArg, timeMs, toHex, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const threads = numberArg(options.threads, 2, '--threads');
const log2n = numberArg(options['scrypt-log2n'], 17, '--scrypt-log2n');
const iterations = numberArg(options.iterations, 600000, '--iterations');
const scryptAsync = promisify(crypto.scrypt);
const pbkdf2Async = promisify(crypto.pbkdf2);

const password = Buffer.from('correct horse battery staple');
const salt = Buffer.from('0123456789abcdef');
const KEY = 32;

(async () => {
  const noble = {
    scrypt: (await import('@noble/hashes/scrypt.js')).scryptAsync,
    pbkdf2: (await import('@noble/hashes/pbkdf2.js')).pbkdf2Async,
    sha256: (await import('@noble/hashes/sha2.js')).sha256,
  };
  const pool = await createPool({ threads });
  const N = 2 ** log2n;
  const cases = [1, 4].map((p) => {
    // Room for all p mixes at once (node needs maxmem ≥ 128·r·(N+2) + 128·r·p for one).
    const maxmem = p * 128 * 8 * (N + 2) + 128 * 8 * p + 1024;
    return {
      label: `scrypt N=2^${log2n} r=8 p=${p}`,
      runs: {
        [`parahash, ${threads} threads`]: () => pool.scrypt(password, salt, KEY, { N, r: 8, p, maxmem }),
        'node:crypto scrypt (libuv thread)': () => scryptAsync(password, salt, KEY, { N, r: 8, p, maxmem }),
        'hash-wasm scrypt': () => hashWasm.scrypt({ password, salt, costFactor: N, blockSize: 8, parallelism: p, hashLength: KEY }),
        '@noble/hashes scryptAsync': () => noble.scrypt(password, salt, { N, r: 8, p, dkLen: KEY, maxmem }),
      },
    };
  });
  cases.push({
    label: `PBKDF2-HMAC-SHA256, ${iterations} iterations`,
    runs: {
      [`parahash, ${threads} threads`]: () => pool.pbkdf2(password, salt, iterations, KEY, 'sha256'),
      'node:crypto pbkdf2 (libuv thread)': () => pbkdf2Async(password, salt, iterations, KEY, 'sha256'),
      'hash-wasm pbkdf2': () => hashWasm.pbkdf2({ password, salt, iterations, hashLength: KEY, hashFunction: hashWasm.createSHA256() }),
      '@noble/hashes pbkdf2Async': () => noble.pbkdf2(noble.sha256, password, salt, { c: iterations, dkLen: KEY }),
    },
  });

  const results = [];
  for (const c of cases) {
    const names = Object.keys(c.runs);
    const expected = toHex(await c.runs[names[0]]());
    const active = [];
    const notes = [];
    for (const name of names) {
      const got = toHex(await c.runs[name]()); // also the warm-up
      if (got === expected) active.push(name);
      else notes.push(`${name}: key ${got} differs from parahash's ${expected}; left out`);
    }
    const seen = Object.fromEntries(active.map((n) => [n, []]));
    for (let r = 0; r < rounds; r++) for (const name of active) seen[name].push(await timeMs(c.runs[name]));
    results.push({ label: c.label, seen, notes });
  }
  await pool.close();

  console.log(`Key derivation, ${KEY}-byte keys, ${rounds} alternating rounds (ms, min–max; ratio: best vs parahash's best)`);
  for (const { label, seen, notes } of results) {
    console.log(`\n${label}`);
    for (const note of notes) console.log(note);
    const names = Object.keys(seen);
    const ref = Math.min(...seen[names[0]]);
    printTable(['contender', 'ms', 'time ÷ parahash'],
      names.map((n) => [n, range(seen[n]), `${(Math.min(...seen[n]) / ref).toFixed(2)}×`]));
  }
  writeResults('kdf', { rounds, threads, log2n, iterations, keyBytes: KEY }, { cases: results });
})();
