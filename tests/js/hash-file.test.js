'use strict';
// hashFile() and hashFiles(): digests equal to node:crypto's over the file's bytes at every size
// around the thresholds, fs errors with their codes, results in input order, per-file errors
// that never reject the whole call, progress per file and over all, bounded memory.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createPool, codes } = require('parahash');
const { referenceHex } = require('./references');
const { SEED, rng, randomBytes } = require('./helpers');

const KiB = 1024;
const MiB = 1024 * KiB;

let pool;
let dir;
before(async () => {
  pool = await createPool({ threads: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-files-'));
});
after(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

function writeFile(name, data) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

test(`files at every size around the thresholds, several algorithms (seed ${SEED})`, async () => {
  const next = rng();
  for (const size of [0, 1, 64 * KiB - 1, 64 * KiB, 64 * KiB + 1, 2 * MiB, 2 * MiB + 1, 9 * MiB + 7]) {
    const data = randomBytes(size, next);
    const file = writeFile(`size-${size}`, data);
    for (const name of ['sha256', 'blake3', 'md5', 'xxh3', 'crc32', 'sha3-256']) {
      assert.equal(await pool.hashFile(file, name, { encoding: 'hex' }), await referenceHex(name, data), `${name}, ${size}`);
    }
  }
});

test('a path may be a string, a Buffer or a file: URL; options apply', async () => {
  const data = crypto.randomBytes(3 * MiB);
  const file = writeFile('shapes', data);
  assert.equal(await pool.hashFile(Buffer.from(file), 'sha256', { encoding: 'hex' }), sha256(data));
  assert.equal(await pool.hashFile(pathToFileURL(file), 'sha256', { encoding: 'hex' }), sha256(data));
  assert.ok(Buffer.isBuffer(await pool.hashFile(file, 'sha256')));
  assert.equal(await pool.hashFile(file, 'shake128', { outputLength: 50, encoding: 'hex' }),
    crypto.createHash('shake128', { outputLength: 50 }).update(data).digest('hex'));
});

test('fs errors keep their codes: ENOENT, EISDIR, EACCES', async () => {
  await assert.rejects(pool.hashFile(path.join(dir, 'missing'), 'sha256'), { code: 'ENOENT' });
  await assert.rejects(pool.hashFile(dir, 'sha256'), { code: 'EISDIR' });
  const locked = writeFile('locked', 'secret');
  fs.chmodSync(locked, 0o000);
  let readable = true;
  try {
    fs.readFileSync(locked);
  } catch {
    readable = false;
  }
  // root reads anything; only then is EACCES not what happens.
  if (!readable) await assert.rejects(pool.hashFile(locked, 'sha256'), { code: 'EACCES' });
  assert.equal(await pool.hashFile(writeFile('after', 'ok'), 'sha256', { encoding: 'hex' }), sha256('ok'));
});

test('bad arguments are INVALID_ARG, before any file is touched', async () => {
  const bad = [undefined, 42, '', 'with\0nul', {}, new URL('https://example.com/x'), Object.create(URL.prototype)];
  for (const [i, value] of bad.entries()) {
    await assert.rejects(pool.hashFile(value, 'sha256'), { code: codes.INVALID_ARG }, `bad path #${i}`);
  }
  await assert.rejects(pool.hashFile(__filename, 'nope'), { code: codes.UNKNOWN_ALGORITHM });
  await assert.rejects(pool.hashFile(__filename, 'sha256', { concurrency: 2 }), { code: codes.INVALID_ARG, message: /concurrency/ });
  await assert.rejects(pool.hashFiles('not an array', 'sha256'), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hashFiles([__filename, 42], 'sha256'), { code: codes.INVALID_ARG, message: /paths\[1\]/ });
  await assert.rejects(pool.hashFiles([__filename], 'sha256', { concurrency: 0 }), { code: codes.INVALID_ARG });
});

test('onProgress for one file reaches its size', async () => {
  const data = crypto.randomBytes(6 * MiB + 1);
  const file = writeFile('progress', data);
  const seen = [];
  await pool.hashFile(file, 'sha256', { onProgress: (p) => seen.push({ ...p }) });
  assert.ok(seen.length >= 2);
  assert.deepEqual(seen.at(-1), { bytesDone: data.length, bytesTotal: data.length });
  for (const p of seen) assert.equal(p.bytesTotal, data.length);
});

test('an abort stops a file mid-read, and nothing leaks', async () => {
  const file = writeFile('big', Buffer.alloc(64 * MiB, 7));
  const inUse = pool[Symbol.for('parahash.heapStatsForTesting')]().inUse;
  const controller = new AbortController();
  let reports = 0;
  // Aborted from its own progress, a few MiB in: mid-read whatever the machine's speed.
  const call = pool.hashFile(file, 'sha3-512', { signal: controller.signal, onProgress: () => { if (++reports === 3) controller.abort(); } });
  await assert.rejects(call, { code: codes.ABORTED, name: 'AbortError' });
  assert.equal(reports, 3);
  await assert.rejects(pool.hashFile(file, 'sha3-512', { timeout: 10 }), { code: codes.TIMEOUT });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(pool.stats().pending, 0);
  assert.ok(pool[Symbol.for('parahash.heapStatsForTesting')]().inUse <= inUse + 4096);
});

test('hashFiles: input order, per-file errors, never rejecting for one file', async () => {
  const next = rng();
  const files = [];
  const expected = [];
  for (let i = 0; i < 60; i++) {
    const data = randomBytes(i % 7 === 0 ? 3 * MiB + i : next() % (200 * KiB), next);
    files.push(writeFile(`many-${i}`, data));
    expected.push(sha256(data));
  }
  const paths = [...files];
  paths.splice(5, 0, path.join(dir, 'missing-1'));
  paths.splice(20, 0, dir);
  const results = await pool.hashFiles(paths, 'sha256', { encoding: 'hex' });
  assert.equal(results.length, paths.length);
  results.forEach((r, i) => assert.equal(r.path, paths[i]));
  assert.equal(results[5].error.code, 'ENOENT');
  assert.equal(results[20].error.code, 'EISDIR');
  assert.equal(results[5].digest, undefined);
  const digests = results.filter((r, i) => i !== 5 && i !== 20).map((r) => r.digest);
  assert.deepEqual(digests, expected);
  assert.deepEqual(await pool.hashFiles([], 'sha256'), []);
});

test('hashFiles: progress per file and over all files', async () => {
  const sizes = [5 * MiB, 10, 0, 3 * MiB + 1, 70 * KiB];
  const paths = sizes.map((n, i) => writeFile(`prog-${i}`, Buffer.alloc(n, i)));
  paths.push(path.join(dir, 'missing-2'));
  const seen = [];
  await pool.hashFiles(paths, 'blake3', { onProgress: (p) => seen.push(structuredClone(p)) });
  const total = sizes.reduce((a, b) => a + b, 0);
  for (const p of seen) {
    assert.equal(p.bytesTotal, total);
    assert.equal(p.filesTotal, paths.length);
    assert.ok(paths.includes(p.file.path));
  }
  const last = seen.at(-1);
  assert.equal(last.bytesDone, total);
  assert.equal(last.filesDone, paths.length); // the missing one too: done, with its error
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].bytesDone >= seen[i - 1].bytesDone);
});

test('hashFiles: an abort rejects the whole call', async () => {
  const paths = Array.from({ length: 20 }, (_, i) => writeFile(`abort-${i}`, Buffer.alloc(4 * MiB, i)));
  const controller = new AbortController();
  let lastReport;
  const call = pool.hashFiles(paths, 'sha3-512', {
    signal: controller.signal,
    onProgress: (p) => {
      lastReport = p;
      if (p.filesDone === 2) controller.abort();
    },
  });
  await assert.rejects(call, { code: codes.ABORTED });
  assert.ok(lastReport.filesDone < paths.length, 'aborted before the last file');
  assert.equal(pool.stats().pending, 0);
});

test('hashFiles with concurrency 1 gives the same results', async () => {
  const paths = Array.from({ length: 8 }, (_, i) => writeFile(`c1-${i}`, crypto.randomBytes(i * 50 * KiB)));
  const a = await pool.hashFiles(paths, 'xxh64', { encoding: 'hex', concurrency: 1 });
  const b = await pool.hashFiles(paths, 'xxh64', { encoding: 'hex' });
  assert.deepEqual(a, b);
});
