'use strict';
// Synchronous small hashes, per call, on the calling thread: parahash's hashSync (node:crypto
// where it has the algorithm, the portable WebAssembly kernel otherwise; and that kernel forced,
// as PARAHASH_HOST_CRYPTO=0 gives it) against node:crypto's crypto.hash and hash-wasm (one reused
// hasher: init, update, digest, all synchronous once created). SHA-256, BLAKE3 and XXH64 at 64 B
// and 4 KiB; hex results. Contenders alternate, the first rotating each round; each contender's
// digest is checked against node:crypto's or hash-wasm's before it is timed. Also the first
// call's cost (which starts the module without threads synchronously), in a fresh process.
//   node bench/hash-sync.js [rounds=5] [--calls 20000]
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const hashWasm = require('hash-wasm');
const { nodePlatform } = require('../js/load/node');
const { HashParams } = require('../js/args/hash-params');
const { hashSyncApi } = require('../js/api/hash-sync');
const { parseArgs, numberArg } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 5, 'rounds');
const CALLS = Math.round(numberArg(options.calls, 20_000, '--calls'));

const rows = require('../dist/algorithms.json');
const params = new HashParams(rows);
const parahash = require('parahash');
const hashSync = typeof parahash.hashSync === 'function' ? parahash.hashSync : hashSyncApi(nodePlatform, params).hashSync;
const portable = hashSyncApi({ ...nodePlatform, hostCrypto: undefined }, params).hashSync;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const wasm = {
    sha256: await hashWasm.createSHA256(),
    blake3: await hashWasm.createBLAKE3(),
    xxh64: await hashWasm.createXXHash64(),
  };
  console.log(`node ${process.version}, ${CALLS} calls per timing, ${rounds} rounds, median ns per call`);
  console.log('| algorithm | size | hashSync | hashSync (portable) | crypto.hash | hash-wasm |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const algorithm of ['sha256', 'blake3', 'xxh64']) {
    for (const size of [64, 4096]) {
      const data = crypto.randomBytes(size);
      const want = algorithm === 'sha256' ? crypto.hash('sha256', data) : wasm[algorithm].init().update(data).digest('hex');
      const contenders = [
        ['hashSync', () => hashSync(algorithm, data, { encoding: 'hex' })],
        ['hashSync (portable)', () => portable(algorithm, data, { encoding: 'hex' })],
        ['crypto.hash', algorithm === 'sha256' ? () => crypto.hash('sha256', data) : null],
        ['hash-wasm', () => wasm[algorithm].init().update(data).digest('hex')],
      ];
      const seen = new Map(contenders.map(([name]) => [name, []]));
      for (const [name, run] of contenders) {
        if (run !== null && run() !== want) throw new Error(`${name} gave a wrong ${algorithm} digest`);
      }
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < contenders.length; i++) {
          const [name, run] = contenders[(i + r) % contenders.length];
          if (run === null) continue;
          const start = process.hrtime.bigint();
          let last;
          for (let k = 0; k < CALLS; k++) last = run();
          const ns = Number(process.hrtime.bigint() - start) / CALLS;
          if (last !== want) throw new Error(`${name} gave a wrong ${algorithm} digest`);
          seen.get(name).push(ns);
        }
      }
      const cell = (name) => (seen.get(name).length === 0 ? '—' : median(seen.get(name)).toFixed(0));
      console.log(`| ${algorithm} | ${size} B | ${cell('hashSync')} | ${cell('hashSync (portable)')} | ${cell('crypto.hash')} | ${cell('hash-wasm')} |`);
    }
  }
  // The first call in a fresh process: node:crypto's algorithms need nothing started; the
  // others start the module without threads, synchronously.
  const first = `const { nodePlatform } = require('./js/load/node');
    const { HashParams } = require('./js/args/hash-params');
    const { hashSyncApi } = require('./js/api/hash-sync');
    const api = hashSyncApi(nodePlatform, new HashParams(require('./dist/algorithms.json')));
    const t = (a) => { const s = performance.now(); api.hashSync(a, 'abc'); return performance.now() - s; };
    console.log(JSON.stringify({ sha256: t('sha256'), blake3: t('blake3'), xxh64: t('xxh64'), largest: (() => {
      const s = performance.now(); api.hashSync('blake2s256', new Uint8Array(65536), { key: 'k' }); return performance.now() - s; })() }));`;
  const firsts = [];
  for (let r = 0; r < 3; r++) firsts.push(JSON.parse(execFileSync(process.execPath, ['-e', first], { cwd: path.join(__dirname, '..'), encoding: 'utf8' })));
  const ms = (key) => median(firsts.map((f) => f[key])).toFixed(2);
  console.log(`\nfirst call in a fresh process (median of 3, ms): sha256 ${ms('sha256')}, then blake3 ${ms('blake3')} ` +
    `(starts the module without threads), then xxh64 ${ms('xxh64')}; then 64 KiB keyed BLAKE2s (the portable kernel, not yet optimised by V8) ${ms('largest')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
