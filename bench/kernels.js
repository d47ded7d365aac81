'use strict';
// Single-thread throughput of every algorithm on one 64 MiB input: parahash (a 1-thread pool)
// vs hash-wasm (the fastest WebAssembly hashing library, on the main thread) vs node:crypto
// (native, main thread), same input, alternating, several rounds. Prints a table and writes
// bench/results/kernels.json.
//   node bench/kernels.js [rounds=3] [MiB=64]
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const hashWasm = require('hash-wasm');
const { createPool } = require('parahash');

const rounds = Number(process.argv[2] ?? 3);
const SIZE = Number(process.argv[3] ?? 64) * 1024 * 1024;

// hash-wasm's function for each algorithm it has.
const viaHashWasm = {
  md5: (d) => hashWasm.md5(d), sha1: (d) => hashWasm.sha1(d), sha224: (d) => hashWasm.sha224(d),
  sha256: (d) => hashWasm.sha256(d), sha384: (d) => hashWasm.sha384(d), sha512: (d) => hashWasm.sha512(d),
  'sha3-224': (d) => hashWasm.sha3(d, 224), 'sha3-256': (d) => hashWasm.sha3(d, 256),
  'sha3-384': (d) => hashWasm.sha3(d, 384), 'sha3-512': (d) => hashWasm.sha3(d, 512),
  blake2b512: (d) => hashWasm.blake2b(d, 512), blake2s256: (d) => hashWasm.blake2s(d, 256),
  blake3: (d) => hashWasm.blake3(d), crc32: (d) => hashWasm.crc32(d), crc32c: (d) => hashWasm.crc32(d, 0x82f63b78),
  xxh32: (d) => hashWasm.xxhash32(d), xxh64: (d) => hashWasm.xxhash64(d),
};
const nodeHashes = new Set(crypto.getHashes());

(async () => {
  const input = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i += 65536) crypto.randomFillSync(input, i, 65536);
  const pool = await createPool({ threads: 1 });
  const mbps = (ms) => SIZE / 1e6 / (ms / 1000);
  const time = async (fn) => {
    const t = performance.now();
    await fn();
    return mbps(performance.now() - t);
  };
  const rows = [];
  for (const name of pool.algorithms) {
    const runs = { parahash: () => pool.hash(name, input) };
    if (viaHashWasm[name]) runs['hash-wasm'] = () => viaHashWasm[name](input);
    if (nodeHashes.has(name)) runs['node:crypto'] = () => crypto.createHash(name).update(input).digest();
    for (const fn of Object.values(runs)) await fn(); // warm-up (compiles hash-wasm's module)
    const seen = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
    for (let r = 0; r < rounds; r++) for (const [k, fn] of Object.entries(runs)) seen[k].push(await time(fn));
    const best = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, Math.max(...v)]));
    rows.push({ algorithm: name, mbps: seen, ratioVsHashWasm: best['hash-wasm'] ? best.parahash / best['hash-wasm'] : null });
  }
  await pool.close();
  const fmt = (xs) => (xs ? `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}` : '—');
  console.log(`Single-thread MB/s on ${SIZE / 2 ** 20} MiB, ${rounds} alternating rounds (min–max)`);
  console.log('| algorithm | parahash (1 thread) | hash-wasm | node:crypto | parahash ÷ hash-wasm (best) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.algorithm} | ${fmt(r.mbps.parahash)} | ${fmt(r.mbps['hash-wasm'])} | ${fmt(r.mbps['node:crypto'])} | ${r.ratioVsHashWasm ? r.ratioVsHashWasm.toFixed(2) : '—'} |`);
  }
  const out = path.join(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'kernels.json'), JSON.stringify({ size: SIZE, rounds, node: process.version, rows }, null, 2));
})();
