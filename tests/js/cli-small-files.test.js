'use strict';
// The command's small files (js/cli/small-files.js): read and hashed on the main thread with
// hashSync, so a run over small files alone starts no pool. Checked: the digests (against
// sha256sum and b3sum, with node:crypto on and off), what a run starts (a preload counts
// Workers and WebAssembly instances), that the loop keeps turning through thousands of files,
// and that anything not small (past 64 KiB, grown since its stat, a FIFO, a directory, a
// missing name, a digest longer than hashSync gives) is left to the pool's path untouched, and
// that a pool which fails to start fails the run once, as before small files skipped the pool.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { SmallFiles, SYNC_FILE } = require('../../js/cli/small-files');
const { SYNC_MAX_BYTES } = require('../../js/api/hash-sync');
const { countingPreload, runCounted, BIN } = require('./cli/counted');
const { blake2b } = require('hash-wasm');

let work;
let small; // 400 files of 0 to SYNC_FILE bytes, the last exactly SYNC_FILE
let preload;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-cli-small-'));
  fs.mkdirSync(path.join(work, 'small'));
  small = [];
  for (let i = 0; i < 400; i++) {
    const name = path.join(work, 'small', `f${String(i).padStart(3, '0')}`);
    fs.writeFileSync(name, crypto.randomBytes(i === 399 ? SYNC_FILE : Math.floor((i * 163) % SYNC_FILE)));
    small.push(name);
  }
  fs.writeFileSync(path.join(work, 'past'), crypto.randomBytes(SYNC_FILE + 1));
  preload = countingPreload(work);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

const parahash = (args, env = {}) => runCounted(preload, args, { cwd: work, env });

const tool = (name, args) => execFileSync(name, args, { cwd: work, maxBuffer: 64 << 20, env: { ...process.env, LC_ALL: 'C' } }).toString('latin1');

test('SYNC_FILE is hashSync\'s own bound', () => {
  assert.equal(SYNC_FILE, SYNC_MAX_BYTES);
});

test('small files alone start no pool: node:crypto on, off, and an algorithm it lacks; --check too', () => {
  const names = small.map((f) => path.relative(work, f));
  const sums = tool('sha256sum', names);
  for (const setting of ['all', '0']) {
    const r = parahash(['-a', 'sha256', ...names], { PARAHASH_HOST_CRYPTO: setting });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, sums, `PARAHASH_HOST_CRYPTO=${setting}`);
    assert.equal(r.counts.workers, 0, `PARAHASH_HOST_CRYPTO=${setting}: no Worker`);
    // node:crypto needs no WebAssembly at all; without it, the build without threads, once.
    assert.equal(r.counts.instances, setting === 'all' ? 0 : 1, `PARAHASH_HOST_CRYPTO=${setting}: instances`);
  }
  const b3 = parahash(['-a', 'blake3', ...names]);
  assert.equal(b3.stdout, tool('b3sum', names));
  assert.deepEqual([b3.counts.workers, b3.counts.instances], [0, 1]);

  fs.writeFileSync(path.join(work, 'sums'), sums);
  const checked = parahash(['-c', 'sums']);
  assert.equal(checked.status, 0, checked.stderr);
  assert.equal(checked.stdout, tool('sha256sum', ['-c', 'sums']));
  assert.equal(checked.counts.workers + checked.counts.instances, 0);
});

// (node:crypto off: a large file goes to the pool, not js/cli/host-files.js.)
test('a file past 64 KiB among small ones goes to the pool, and the order holds', () => {
  const names = [...small.slice(0, 50), path.join(work, 'past'), ...small.slice(50, 100)].map((f) => path.relative(work, f));
  const r = parahash(['-a', 'sha256', ...names], { PARAHASH_HOST_CRYPTO: '0' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, tool('sha256sum', names));
  assert.ok(r.counts.instances >= 1, 'the pool started for the large file');
});

test('a digest longer than hashSync gives (-l past 512 Kibit) is left to the pool: hashing and --check', () => {
  const names = small.slice(0, 20).map((f) => path.relative(work, f));
  const sums = tool('b3sum', ['-l', '131072', ...names]);
  const r = parahash(['-a', 'blake3', '-l', '1048576', ...names]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, sums);
  fs.writeFileSync(path.join(work, 'long.b3'), sums);
  const checked = parahash(['-a', 'blake3', '-c', 'long.b3']);
  assert.equal(checked.status, 0, checked.stderr);
  // (b3sum -c reads default-length lines only.)
  assert.equal(checked.stdout, names.map((n) => `${n}: OK\n`).join(''));
});

test('a pool that fails to start fails the run once, with its message; the small files are still printed', () => {
  const fail = path.join(work, 'fail.js');
  fs.writeFileSync(fail, `
    const fs = require('node:fs');
    const readFileSync = fs.readFileSync;
    fs.readFileSync = function (file, ...rest) {
      // The pool's module only (js/cli/pick-pool.js), not hashSync's (js/load/node-sync.js).
      if (String(file).endsWith('parahash-single.wasm') && new Error().stack.includes('pick-pool.js')) throw new Error('simulated: no module');
      return readFileSync.call(this, file, ...rest);
    };
  `);
  const names = [small[5], path.join(work, 'past'), small[6]].map((f) => path.relative(work, f));
  // node:crypto off: the large file needs the pool (js/cli/host-files.js would hash it).
  const run = (args) => spawnSync(process.execPath, ['--require', fail, BIN, ...args], { cwd: work, env: { ...process.env, PARAHASH_HOST_CRYPTO: '0' } });
  const r = run(['-a', 'sha256', ...names]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout.toString(), tool('sha256sum', [names[0], names[2]]));
  assert.equal(r.stderr.toString(), 'parahash: simulated: no module\n');
  fs.writeFileSync(path.join(work, 'mixed.sum'), tool('sha256sum', names));
  const checked = run(['-c', 'mixed.sum']);
  assert.equal(checked.status, 1);
  assert.equal(checked.stderr.toString(), 'parahash: simulated: no module\n');
});

test('thousands of small files: the loop keeps turning while they are hashed', () => {
  const many = path.join(work, 'many');
  fs.mkdirSync(many);
  for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(many, String(i)), String(i));
  const r = parahash(['-r', 'many']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n').length - 1, 3000);
  assert.equal(r.counts.workers + r.counts.instances, 0);
  // Without a turn every TURN_MS the 1 ms timer would not tick between the first file and the
  // last (all of them would be one chain of microtasks).
  assert.ok(r.counts.ticks >= 1, `ticks: ${r.counts.ticks}`);
});

test('SmallFiles.digest: what is not a small regular file is left to the pool, nothing read', async () => {
  const files = new SmallFiles();
  const call = { encoding: 'hex' };
  const one = small[123];
  assert.equal(files.digest(one, 'sha256', call), crypto.createHash('sha256').update(fs.readFileSync(one)).digest('hex'));
  // A Buffer name (the command's names are bytes), and a truncated BLAKE2b, which node:crypto lacks.
  assert.equal(files.digest(Buffer.from(one), 'blake2b512', { encoding: 'hex', outputLength: 20 }),
    await blake2b(fs.readFileSync(one), 160));
  assert.equal(files.digest(path.join(work, 'past'), 'sha256', call), undefined);
  // Grown past the bound since the caller's stat: read, found too long, left to the pool.
  assert.equal(files.digest(path.join(work, 'past'), 'sha256', call, true), undefined);
  assert.equal(files.digest(path.join(work, 'small'), 'sha256', call), undefined);
  assert.equal(files.digest(path.join(work, 'small'), 'sha256', call, true), undefined);
  assert.equal(files.digest(path.join(work, 'missing'), 'sha256', call), undefined);
  assert.equal(files.digest(path.join(work, 'missing'), 'sha256', call, true), undefined);
  // A FIFO with no writer, even when the caller took it for a regular file: never blocks.
  const fifo = path.join(work, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.equal(files.digest(fifo, 'sha256', call), undefined);
  assert.equal(files.digest(fifo, 'sha256', call, true), undefined);
});

test('SmallFiles.turn yields to the loop only once TURN_MS of work has run', async () => {
  const files = new SmallFiles();
  let ran = false;
  setImmediate(() => { ran = true; });
  await files.turn();
  assert.equal(ran, false, 'a fresh turn: no yield');
  const until = performance.now() + 15;
  while (performance.now() < until);
  await files.turn();
  assert.equal(ran, true, 'after 15 ms of work: the loop turned');
});
