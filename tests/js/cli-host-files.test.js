'use strict';
// The command's large files hashed on its own thread with node:crypto (js/cli/host-files.js)
// when a pool's threads would not hash them sooner. Checked: every algorithm node:crypto has,
// against the portable kernels (PARAHASH_HOST_CRYPTO=0, the pool's path) and node:crypto at
// sizes around the read chunk, with -l; that such a run starts no pool (a preload counts
// Workers and WebAssembly instances) and keeps its loop turning; --check; and what is left to
// the pool: an algorithm or a length node:crypto lacks, stdin or a FIFO among the files, a
// FIFO or a directory where a file was, a read that fails half-way.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { HostFiles, HERE_BYTES } = require('../../js/cli/host-files');
const { SYNC_FILE } = require('../../js/cli/small-files');
const { countingPreload, runCounted } = require('./cli/counted');

const ROWS = require('../../dist/algorithms.json');
const HOSTED = ROWS.filter((row) => crypto.getHashes().includes(row.name));
const MIB = 1024 * 1024;
// Around hashSync's bound and the 1 MiB read: each a file of its own, in one run.
const SIZES = [SYNC_FILE + 1, MIB - 1, MIB, MIB + 1, 2 * MIB + 13];
let work;
let names; // the SIZES' files, relative to work
let preload;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-cli-host-'));
  names = SIZES.map((size, i) => {
    const name = `large${i}`;
    fs.writeFileSync(path.join(work, name), crypto.randomBytes(size));
    return name;
  });
  preload = countingPreload(work);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

const parahash = (args, options = {}) => runCounted(preload, args, { cwd: work, ...options });

const tool = (name, args) => execFileSync(name, args, { cwd: work, maxBuffer: 64 << 20, env: { ...process.env, LC_ALL: 'C' } }).toString('latin1');
const digestOf = (name, algorithm, outputLength) =>
  crypto.createHash(algorithm, outputLength === undefined ? undefined : { outputLength }).update(fs.readFileSync(path.join(work, name))).digest('hex');

test('every algorithm node:crypto has: large files hashed here equal node:crypto and the portable kernels; no pool starts', () => {
  assert.ok(HOSTED.length >= 15, `node:crypto has ${HOSTED.map((r) => r.name)}`);
  for (const row of HOSTED) {
    const here = parahash(['-a', row.name, ...names], { env: { PARAHASH_HOST_CRYPTO: '1' } });
    assert.equal(here.status, 0, `${row.name}: ${here.stderr}`);
    assert.deepEqual([here.counts.workers, here.counts.instances], [0, 0], `${row.name}: no pool, no WebAssembly`);
    const expected = row.kind === 'xof' ? row.digestSize : undefined;
    assert.deepEqual(here.stdout.split('\n').slice(0, -1).map((line) => line.split('  ')[0]),
      names.map((name) => digestOf(name, row.name, expected)), row.name);
    const portable = parahash(['-a', row.name, ...names], { env: { PARAHASH_HOST_CRYPTO: '0' } });
    assert.equal(portable.status, 0, portable.stderr);
    assert.ok(portable.counts.instances >= 1, `${row.name}: node:crypto off, the pool hashed them`);
    assert.equal(here.stdout, portable.stdout, `${row.name}: host against portable`);
  }
  // The coreutils' own, for the line format too.
  for (const [algorithm, sum] of [['sha256', 'sha256sum'], ['sha1', 'sha1sum'], ['md5', 'md5sum'], ['sha512', 'sha512sum'], ['blake2b512', 'b2sum']]) {
    assert.equal(parahash(['-a', algorithm, ...names]).stdout, tool(sum, names), algorithm);
  }
});

test('-l: an XOF\'s length is hashed here; a truncated BLAKE2b, which node:crypto lacks, goes to the pool', () => {
  const shake = parahash(['-a', 'shake256', '-l', '1000', ...names]);
  assert.equal(shake.status, 0, shake.stderr);
  assert.equal(shake.counts.instances, 0);
  assert.equal(shake.stdout, names.map((name) => `${digestOf(name, 'shake256', 125)}  ${name}\n`).join(''));
  assert.equal(shake.stdout, parahash(['-a', 'shake256', '-l', '1000', ...names], { env: { PARAHASH_HOST_CRYPTO: '0' } }).stdout);
  const b2 = parahash(['-a', 'blake2b512', '-l', '256', ...names]);
  assert.equal(b2.status, 0, b2.stderr);
  assert.ok(b2.counts.instances >= 1, 'the pool hashed them');
  assert.equal(b2.stdout, tool('b2sum', ['-l', '256', ...names]));
});

test('--check: large files verified here, a changed one FAILED; a missing one reported as sha256sum does', () => {
  const changed = path.join(work, 'changed');
  fs.writeFileSync(changed, crypto.randomBytes(MIB));
  fs.writeFileSync(path.join(work, 'sums'), tool('sha256sum', [...names, 'changed']));
  fs.appendFileSync(changed, 'x');
  const sha256sum = (list) => spawnSync('sha256sum', ['-c', list], { cwd: work, env: { ...process.env, LC_ALL: 'C' } });
  const r = parahash(['-c', 'sums']);
  const expected = sha256sum('sums');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, expected.stdout.toString('latin1'));
  assert.equal(r.stderr.replace(/^parahash/gm, 'sha256sum'), expected.stderr.toString());
  assert.equal(r.counts.instances, 0, 'no pool, no WebAssembly');
  // A missing file is left to the pool's path, which reports it as it always did.
  fs.writeFileSync(path.join(work, 'gone'), crypto.randomBytes(SYNC_FILE + 5));
  fs.writeFileSync(path.join(work, 'with-gone'), tool('sha256sum', [names[0], 'gone']));
  fs.rmSync(path.join(work, 'gone'));
  const gone = parahash(['-c', 'with-gone']);
  const expectedGone = sha256sum('with-gone');
  assert.equal(gone.status, 1);
  assert.equal(gone.stdout, expectedGone.stdout.toString('latin1'));
  assert.equal(gone.stderr.replace(/^parahash/gm, 'sha256sum'), expectedGone.stderr.toString());
});

test('stdin or a FIFO among the large files: a pool runs anyway, and hashes them all', () => {
  const input = crypto.randomBytes(3 * MIB);
  const r = parahash(['-a', 'sha256', names[0], '-', names[4]], { input });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.counts.instances >= 1);
  assert.equal(r.stdout, spawnSync('sha256sum', [names[0], '-', names[4]], { cwd: work, input }).stdout.toString());
});

test('large files up to HERE_BYTES in all are hashed here; past it, or beside stdin in --check, a pool hashes them', () => {
  // Sparse files: no disk, and read at memory speed.
  const half = HERE_BYTES / 2;
  fs.writeFileSync(path.join(work, 'half-a'), 'a');
  fs.truncateSync(path.join(work, 'half-a'), half);
  fs.writeFileSync(path.join(work, 'half-b'), 'b');
  fs.truncateSync(path.join(work, 'half-b'), half);
  fs.writeFileSync(path.join(work, 'half-c'), 'c');
  fs.truncateSync(path.join(work, 'half-c'), half + 1);
  try {
    const within = parahash(['-a', 'sha256', 'half-a', 'half-b']);
    assert.equal(within.status, 0, within.stderr);
    assert.equal(within.stdout, tool('sha256sum', ['half-a', 'half-b']));
    assert.equal(within.counts.instances, 0, `${HERE_BYTES} bytes in all: here`);
    const past = parahash(['-a', 'sha256', 'half-a', 'half-c']);
    assert.equal(past.status, 0, past.stderr);
    assert.equal(past.stdout, tool('sha256sum', ['half-a', 'half-c']));
    assert.ok(past.counts.workers >= 1, `${HERE_BYTES + 1} bytes in all: the threaded pool`);
    // A check file that names stdin beside a large file: the pool runs for stdin, and hashes
    // the large file beside it.
    const input = crypto.randomBytes(1000);
    fs.writeFileSync(path.join(work, 'with-stdin'), `${digestOf('half-a', 'sha256')}  half-a\n` +
      `${crypto.createHash('sha256').update(input).digest('hex')}  -\n`);
    const checked = parahash(['-c', 'with-stdin'], { input });
    assert.equal(checked.status, 0, checked.stderr);
    assert.equal(checked.stdout, 'half-a: OK\n-: OK\n');
    assert.ok(checked.counts.instances >= 1, 'stdin: a pool');
  } finally {
    for (const name of ['half-a', 'half-b', 'half-c']) fs.rmSync(path.join(work, name));
  }
});

test('--progress: the bytes of a large file hashed here are counted', () => {
  const sparse = path.join(work, 'sparse');
  fs.writeFileSync(sparse, 'x');
  fs.truncateSync(sparse, 600 * MIB);
  try {
    // SHA3-512 at ~200 MB/s here: well past the line's one-second delay.
    const r = parahash(['--progress', '-a', 'sha3-512', 'sparse']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.counts.instances, 0);
    assert.equal(r.stdout, `${digestOf('sparse', 'sha3-512')}  sparse\n`);
    assert.match(r.stderr, /[1-9]\d*(\.\d)? MiB \/ 600\.0 MiB {2}\d+ MB\/s {2}ETA/);
  } finally {
    fs.rmSync(sparse);
  }
});

test('one large file keeps the loop turning while it is hashed here', () => {
  const big = path.join(work, 'big');
  fs.writeFileSync(big, crypto.randomBytes(96 * MIB));
  const r = parahash(['-a', 'sha256', 'big']);
  fs.rmSync(big);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.counts.instances, 0);
  // Read and hashed synchronously, the 1 ms timer would not tick once between start and end.
  assert.ok(r.counts.ticks >= 5, `ticks: ${r.counts.ticks}`);
});

test('canHash: where node:crypto has the algorithm and the length, and is wanted', () => {
  const files = new HostFiles();
  const saved = process.env.PARAHASH_HOST_CRYPTO;
  try {
    delete process.env.PARAHASH_HOST_CRYPTO;
    assert.equal(files.canHash('sha256', {}), true);
    assert.equal(files.canHash('shake128', { outputLength: 1000 }), true);
    assert.equal(files.canHash('blake2b512', {}), true);
    assert.equal(files.canHash('blake2b512', { outputLength: 64 }), true);
    assert.equal(files.canHash('blake2b512', { outputLength: 32 }), false);
    assert.equal(files.canHash('blake3', {}), false);
    assert.equal(files.canHash('xxh64', {}), false);
    process.env.PARAHASH_HOST_CRYPTO = '0';
    assert.equal(files.canHash('sha256', {}), false);
  } finally {
    if (saved === undefined) delete process.env.PARAHASH_HOST_CRYPTO;
    else process.env.PARAHASH_HOST_CRYPTO = saved;
  }
});

test('worthIt: one large file, or large files up to HERE_BYTES in all, and only regular ones', () => {
  const files = new HostFiles();
  const file = (size) => ({ regular: true, size });
  assert.equal(files.worthIt([]), true);
  assert.equal(files.worthIt([file(10), file(SYNC_FILE), file(10 * 1024 * MIB)]), true, 'one large file among small ones');
  assert.equal(files.worthIt([file(HERE_BYTES / 2), file(HERE_BYTES / 2)]), true);
  assert.equal(files.worthIt([file(HERE_BYTES / 2), file(HERE_BYTES / 2 + 1)]), false);
  assert.equal(files.worthIt([file(SYNC_FILE + 1), { regular: false, size: 0 }]), false, 'a FIFO or stdin');
  assert.equal(files.worthIt([{ regular: false, size: 0 }]), false);
});

test('digest: a large file as node:crypto gives it, progress told; a missing one is fs\'s error; what is not a regular file is left to the pool', async () => {
  const files = new HostFiles();
  let told = 0;
  const one = path.join(work, names[4]);
  assert.equal(await files.digest(one, 'sha512', { encoding: 'hex' }, (n) => { told += n; }), digestOf(names[4], 'sha512'));
  assert.equal(told, SIZES[4]);
  // Several asked at once are hashed one after the other, each right.
  const all = await Promise.all(names.map((name) => files.digest(Buffer.from(path.join(work, name)), 'sha3-256', { encoding: 'base64' })));
  assert.deepEqual(all, names.map((name) => Buffer.from(digestOf(name, 'sha3-256'), 'hex').toString('base64')));
  const call = { encoding: 'hex' };
  assert.equal(await files.digest(work, 'sha256', call), undefined, 'a directory');
  // A file that cannot be opened: fs's own error, for the command to word (no pool needed).
  await assert.rejects(files.digest(path.join(work, 'missing'), 'sha256', call), { code: 'ENOENT', syscall: 'open' });
  const fifo = path.join(work, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.equal(await files.digest(fifo, 'sha256', call), undefined, 'a FIFO with no writer: never blocks');
});

test('digest: a read that fails half-way leaves the file to the pool, gives its progress back and closes it', async () => {
  const files = new HostFiles();
  const read = fs.read;
  let reads = 0;
  const openFds = () => fs.readdirSync('/proc/self/fd').length;
  const before = openFds();
  fs.read = function (...args) {
    if (++reads === 3) {
      const done = args.at(-1);
      process.nextTick(() => done(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })));
      return undefined;
    }
    return read.apply(this, args);
  };
  let told = 0;
  try {
    assert.equal(await files.digest(path.join(work, names[4]), 'sha256', { encoding: 'hex' }, (n) => { told += n; }), undefined);
  } finally {
    fs.read = read;
  }
  assert.equal(reads, 3);
  assert.equal(told, 0);
  assert.equal(openFds(), before);
  // And the next file is hashed as ever.
  assert.equal(await files.digest(path.join(work, names[1]), 'md5', { encoding: 'hex' }), digestOf(names[1], 'md5'));
});
