'use strict';
// A tree of 20,000 files (default; 200 directories of 100, sizes 0..8 KiB, ~80 MB), hashed
// whole, SHA-256 and BLAKE3:
//   - parahash hashDirectory (the pool's files path, default concurrency);
//   - `find ROOT -type f -print0 | sort -z | xargs -0 sha256sum` (and b3sum for BLAKE3, which
//     hashes its arguments on its own threads);
//   - a node:crypto walker: fs.promises.readdir recursion, 16 files read at once, crypto.hash each.
// Wall time per contender, alternating, the first rotating each round, after one warm-up pass
// (the tree is in the page cache for every contender). Every contender's digests are checked
// against node:crypto's (or b3sum's) for the whole tree. The event loop's longest stall during
// parahash's run is reported too (a 1 ms interval).
// With --one-dir N, instead: one directory of N empty files (the names' listing and sort are
// what grows there), walked by hashDirectoryIterator on a warm pool, and the 1 ms interval's
// longest gap per round.
//   node bench/hash-directory.js [rounds=3] [--files 20000] [--dir /tmp] [--one-dir 100000]
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execSync } = require('node:child_process');
const { createPool } = require('parahash');
const { SESSION } = require('../js/api/pool');
const { nodePlatform } = require('../js/load/node');
const { HashParams } = require('../js/args/hash-params');
const { checkDirectoryCall, hashDirectory } = require('../js/api/hash-directory');
const { parseArgs, numberArg } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const FILES = Math.round(numberArg(options.files, 20_000, '--files'));
const PER_DIR = 100;

function makeTree(root) {
  let bytes = 0;
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  for (let i = 0; i < FILES; i++) {
    const sub = path.join(root, `d${String(Math.floor(i / PER_DIR)).padStart(4, '0')}`);
    if (i % PER_DIR === 0) fs.mkdirSync(sub, { recursive: true });
    const size = next() % 8193;
    bytes += size;
    fs.writeFileSync(path.join(sub, `f${String(i).padStart(6, '0')}.bin`), crypto.randomBytes(size));
  }
  return bytes;
}

// parahash: pool.hashDirectory once exported, else the module over the pool's session.
function parahashRun(pool, root, algorithm) {
  if (typeof pool.hashDirectory === 'function') return pool.hashDirectory(root, algorithm, { encoding: 'hex' });
  const params = new HashParams(require('../dist/algorithms.json'));
  const { root: checked, o } = checkDirectoryCall(nodePlatform, root, undefined, pool.threads);
  const kernel = params.resolve(algorithm);
  const sessionFor = (signal) => pool[SESSION](kernel, params.params(kernel, {}), undefined, signal);
  return sessionFor(undefined).finish(() => hashDirectory(sessionFor, nodePlatform, checked, 'hex', { ...o, maxLength: Number.MAX_SAFE_INTEGER }));
}

// node:crypto, the way one would write it: a recursive async walk, 16 files in flight.
async function nodeCryptoRun(root, algorithm) {
  const files = [];
  const walk = async (dir) => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) files.push(p);
    }
  };
  await walk(root);
  const out = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = { path: files[i], digest: crypto.hash(algorithm, await fs.promises.readFile(files[i])) };
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

const tool = (root, program) => execSync(`find '${root}' -type f -print0 | sort -z | xargs -0 ${program}`, { maxBuffer: 1 << 28 }).toString();
const toolMap = (text) => new Map(text.trim().split('\n').map((l) => [l.slice(l.indexOf('  ') + 2), l.slice(0, l.indexOf(' '))]));

async function stallDuring(run) {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    return { value: await run(), stall: worst };
  } finally {
    clearInterval(timer);
  }
}

// One directory of `count` empty files: the longest loop gap while the iterator walks it.
async function oneDirectory(count) {
  const root = fs.mkdtempSync(path.join(options.dir ?? os.tmpdir(), 'parahash-bench-one-dir-'));
  try {
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(root, crypto.randomBytes(6).toString('hex')), '');
    const expected = fs.readdirSync(root).length;
    const pool = await createPool();
    await pool.hash('sha256', 'warm the pool');
    console.log(`node ${process.version}, ${os.cpus().length} CPUs; one directory of ${expected} empty files`);
    console.log('| round | walk, s | longest loop gap | ticks per ms |');
    console.log('|---:|---:|---:|---:|');
    for (let r = 0; r < rounds; r++) {
      let ticks = 0;
      const start = performance.now();
      const { value: seen, stall } = await stallDuring(async () => {
        const counter = setInterval(() => ticks++, 1);
        let n = 0;
        for await (const entry of pool.hashDirectoryIterator(root, 'sha256')) if (entry.digest !== undefined) n++;
        clearInterval(counter);
        return n;
      });
      const ms = performance.now() - start;
      if (seen !== expected) throw new Error(`${seen} digests for ${expected} files`);
      console.log(`| ${r + 1} | ${(ms / 1000).toFixed(2)} | ${stall.toFixed(1)} ms | ${(ticks / ms).toFixed(2)} |`);
    }
    await pool.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  if (options['one-dir'] !== undefined) return oneDirectory(Math.round(numberArg(options['one-dir'], 100_000, '--one-dir')));
  const root = fs.mkdtempSync(path.join(options.dir ?? os.tmpdir(), 'parahash-bench-dir-'));
  try {
    const bytes = makeTree(root);
    const pool = await createPool();
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, pool of ${pool.threads} threads; ${FILES} files in ` +
      `${Math.ceil(FILES / PER_DIR)} directories, ${(bytes / 1e6).toFixed(1)} MB; median of ${rounds} rounds, seconds`);
    console.log('| algorithm | parahash hashDirectory | find + xargs tool | node:crypto walker | parahash: longest loop stall |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [algorithm, program] of [['sha256', 'sha256sum'], ['blake3', 'b3sum']]) {
      // Check every contender once (which also warms the page cache).
      const want = toolMap(tool(root, program));
      const mine = await parahashRun(pool, root, algorithm);
      if (mine.length !== FILES || mine.some((e) => want.get(e.path) !== e.digest)) throw new Error(`parahash ${algorithm} digests differ`);
      if (algorithm === 'sha256') {
        const theirs = await nodeCryptoRun(root, 'sha256');
        if (theirs.some((e) => want.get(e.path) !== e.digest)) throw new Error('node:crypto digests differ');
      }
      const contenders = [
        ['parahash', () => stallDuring(() => parahashRun(pool, root, algorithm))],
        ['tool', async () => ({ value: tool(root, program) })],
        ['node', algorithm === 'sha256' ? () => stallDuring(() => nodeCryptoRun(root, 'sha256')) : null],
      ];
      const seen = new Map(contenders.map(([name]) => [name, []]));
      const stalls = [];
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < contenders.length; i++) {
          const [name, run] = contenders[(i + r) % contenders.length];
          if (run === null) continue;
          const start = performance.now();
          const { stall } = await run();
          seen.get(name).push((performance.now() - start) / 1000);
          if (name === 'parahash') stalls.push(stall);
        }
      }
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const cell = (name) => (seen.get(name).length ? median(seen.get(name)).toFixed(2) : '— (node:crypto has no BLAKE3)');
      console.log(`| ${algorithm} | ${cell('parahash')} | ${cell('tool')} (${program}) | ${cell('node')} | ${median(stalls).toFixed(1)} ms |`);
    }
    await pool.close();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
