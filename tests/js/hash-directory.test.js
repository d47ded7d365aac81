'use strict';
// hashDirectory and its iterator form (js/api/hash-directory.js): the command's -r listing (the
// same files, in the same order, with the same digests, compared with the command's own output),
// symlinks, special files and unreadable entries as -r treats them, filters, progress over the
// tree, aborts and timeouts mid-walk, and an early `break` that stops the walk and lets every
// descriptor go.
//
// It calls pool.hashDirectory / pool.hashDirectoryIterator once the pool has them, else the
// module's functions over the pool's session.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const hashWasm = require('hash-wasm');
const { createPool, codes } = require('parahash');
const { SESSION } = require('../../js/api/pool');
const { nodePlatform } = require('../../js/load/node');
const { HashParams } = require('../../js/args/hash-params');
const { checkEncoding } = require('../../js/args/encoding');
const { checkDirectoryCall, hashDirectory, directoryIterator } = require('../../js/api/hash-directory');

const CLI = path.join(__dirname, '..', '..', 'js', 'cli', 'parahash.js');
const params = new HashParams(require('../../dist/algorithms.json'));

let pool;
let dir;
before(async () => {
  pool = await createPool({ threads: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-dir-'));
});
after(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The module's form of each call, as pool-methods will run it: arguments checked first, then
// inside the pool's call accounting (a session's finish()), which keeps its workers ref'd.
function direct(p, iterator, root, algorithm, options) {
  const { root: checked, o } = checkDirectoryCall(nodePlatform, root, options, p.threads);
  const kernel = params.resolve(algorithm);
  const hashParams = params.params(kernel, o.hashOptions);
  const encoding = checkEncoding(o.encoding);
  const sessionFor = (signal) => p[SESSION](kernel, hashParams, undefined, signal);
  const track = (run) => sessionFor(o.signal).finish(run);
  const options2 = { ...o, maxLength: Number.MAX_SAFE_INTEGER };
  return iterator ? directoryIterator(sessionFor, nodePlatform, checked, encoding, options2, track)
    : track(() => hashDirectory(sessionFor, nodePlatform, checked, encoding, options2));
}
const hashDir = (root, algorithm, options) => (typeof pool.hashDirectory === 'function'
  ? pool.hashDirectory(root, algorithm, options)
  : Promise.resolve().then(() => direct(pool, false, root, algorithm, options)));
const iterateDir = (root, algorithm, options) => (typeof pool.hashDirectoryIterator === 'function'
  ? pool.hashDirectoryIterator(root, algorithm, options)
  : direct(pool, true, root, algorithm, options));

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// A tree with every kind of entry -r meets. @return its root.
function makeTree(name) {
  const root = path.join(dir, name);
  const put = (rel, content) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  };
  put('a.txt', 'alpha\n');
  put('B.txt', 'upper sorts first in byte order\n');
  put('sub/deeper/leaf.bin', crypto.randomBytes(3 * 1024 * 1024 + 17)); // past one 2 MiB chunk
  put('sub/empty', '');
  put('sub/z-last.txt', 'z');
  put('héllo wörld.txt', 'non-ASCII name');
  put('日本/語.txt', 'CJK names');
  put('a-dir-to-link/inside.txt', 'reached only through the real directory');
  fs.symlinkSync(path.join(root, 'a-dir-to-link'), path.join(root, 'linked-dir'));
  fs.symlinkSync(path.join(root, 'a.txt'), path.join(root, 'linked-file'));
  fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
  execFileSync('mkfifo', [path.join(root, 'fifo')]); // skipped by -r, as find -type f skips it
  fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x6e, 0xff, 0x6e])]), 'a name that is not UTF-8');
  fs.mkdirSync(path.join(root, 'empty-dir'));
  return root;
}

// The command's -r output for `rel` (run from `cwd`): [{ path: Buffer, digest } | { path, error }].
function commandListing(cwd, rel, algorithm = 'sha256') {
  let stdout;
  let stderr = '';
  try {
    stdout = execFileSync(process.execPath, [CLI, '-a', algorithm, '-r', rel], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    stdout = error.stdout;
    stderr = error.stderr.toString('latin1');
  }
  const lines = [];
  let at = 0;
  while (at < stdout.length) {
    const end = stdout.indexOf(0x0a, at);
    lines.push(stdout.subarray(at, end));
    at = end + 1;
  }
  return {
    digests: lines.map((line) => ({ digest: line.subarray(0, line.indexOf(0x20)).toString(), path: line.subarray(line.indexOf(0x20) + 2) })),
    errors: stderr.split('\n').filter(Boolean),
  };
}

const bytesOf = (p) => (Buffer.isBuffer(p) ? p : Buffer.from(p));

test('the entries are the command\'s -r listing: same files, same byte order, same digests; errors as entries', async () => {
  const root = makeTree('same-as-cli');
  const rel = path.basename(root);
  for (const algorithm of ['sha256', 'blake3']) {
    const entries = await hashDir(rel === root ? root : path.join(dir, rel), algorithm, { encoding: 'hex' });
    const listing = commandListing(dir, rel, algorithm);
    const digests = entries.filter((e) => e.digest !== undefined);
    assert.deepEqual(digests.map((e) => bytesOf(e.path).toString('latin1')),
      listing.digests.map((e) => Buffer.concat([Buffer.from(`${dir}/`), e.path]).toString('latin1')));
    assert.deepEqual(digests.map((e) => e.digest), listing.digests.map((e) => e.digest));
    const errors = entries.filter((e) => e.error !== undefined);
    assert.deepEqual(errors.map((e) => path.basename(String(e.path))), ['dangling']);
    assert.equal(errors[0].error.code, 'ENOENT');
    assert.equal(listing.errors.length, 1);
    assert.match(listing.errors[0], /dangling: No such file or directory/);
  }
  // Byte order: 'B.txt' before 'a.txt', the symlinked file listed, the FIFO and the symlinked
  // directory's contents not.
  const entries = await hashDir(root, 'sha256');
  const names = entries.map((e) => path.relative(root, String(e.path)));
  assert.ok(names.indexOf('B.txt') < names.indexOf('a.txt'));
  assert.ok(names.includes('linked-file'));
  assert.ok(!names.includes('fifo'));
  assert.ok(!names.some((n) => n.startsWith('linked-dir')));
  assert.ok(names.includes(path.join('日本', '語.txt')));
  assert.ok(names.includes('héllo wörld.txt'));
  const raw = entries.find((e) => Buffer.isBuffer(e.path));
  assert.ok(raw, 'the non-UTF-8 name is given as a Buffer');
  assert.deepEqual(raw.path.subarray(-3), Buffer.from([0x6e, 0xff, 0x6e]));
  assert.equal(raw.digest.toString('hex'), sha256('a name that is not UTF-8'));
  for (const e of entries) if (e.digest !== undefined) assert.equal(e.digest.toString('hex'), sha256(fs.readFileSync(e.path)));
});

test('a directory of more names than one sorted run (listed in batches, sorted in slices) is still in byte order, like the command\'s', async () => {
  const root = path.join(dir, 'many-names');
  fs.mkdirSync(root);
  // Random byte names, UTF-8 or not, high bytes included, so string and byte order would differ
  // if names were compared as UTF-16. Not NUL or '/' (no name holds them), nor the bytes the
  // command escapes in its output (\n, \r, backslash), to compare its lines as they are.
  const names = new Set();
  while (names.size < 5000) {
    const bytes = crypto.randomBytes(1 + crypto.randomInt(12)).map((b) => ([0, 0x2f, 0x0a, 0x0d, 0x5c].includes(b) ? 0x61 : b));
    const key = Buffer.from(bytes).toString('latin1');
    if (key !== '.' && key !== '..') names.add(key);
  }
  for (const name of names) fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/`), Buffer.from(name, 'latin1')]), Buffer.from(name, 'latin1'));
  const expected = [...names].map((n) => Buffer.from(n, 'latin1')).sort(Buffer.compare);
  const entries = [];
  for await (const entry of iterateDir(root, 'sha256')) entries.push(entry);
  assert.deepEqual(entries.map((e) => bytesOf(e.path).subarray(root.length + 1).toString('hex')), expected.map((b) => b.toString('hex')));
  for (const e of entries) assert.equal(e.digest.toString('hex'), sha256(bytesOf(e.path).subarray(root.length + 1)));
  const listing = commandListing(dir, 'many-names');
  assert.deepEqual(listing.digests.map((e) => e.path.subarray('many-names/'.length).toString('hex')), expected.map((b) => b.toString('hex')));
});

test('followSymlinks follows symlinked directories, once per directory on the path (a loop ends)', async () => {
  const root = makeTree('follow');
  fs.symlinkSync(root, path.join(root, 'a-dir-to-link', 'loop')); // a link to an ancestor
  const entries = await hashDir(root, 'xxh64', { followSymlinks: true, encoding: 'hex' });
  const names = entries.map((e) => path.relative(root, String(e.path)));
  assert.ok(names.includes(path.join('linked-dir', 'inside.txt')));
  assert.ok(names.includes(path.join('a-dir-to-link', 'inside.txt')));
  assert.ok(!names.some((n) => n.includes(`loop${path.sep}`)), names.join('\n'));
  assert.equal(entries.find((e) => String(e.path).endsWith('linked-dir/inside.txt')).digest,
    await hashWasm.xxhash64('reached only through the real directory'));
  const plain = await hashDir(root, 'xxh64', { encoding: 'hex' });
  assert.ok(plain.length < entries.length);
});

test('filter(path, dirent) leaves out files, and whole directories with what is below them', async () => {
  const root = makeTree('filter');
  const seen = [];
  const entries = await hashDir(root, 'sha256', {
    filter: (p, dirent) => {
      seen.push([p, dirent]);
      return !(dirent.isDirectory() && String(p).endsWith('/sub')) && !String(p).endsWith('a.txt');
    },
  });
  const names = entries.map((e) => path.relative(root, String(e.path)));
  assert.ok(!names.some((n) => n.startsWith('sub')));
  assert.ok(!names.includes('a.txt'));
  assert.ok(names.includes('B.txt'));
  // The name as the path has it: a string where it is UTF-8, else (the 0xff name) a Buffer.
  assert.ok(seen.every(([p, d]) => typeof d.isFile === 'function' &&
    (typeof d.name === 'string' ? String(p).endsWith(`/${d.name}`) : Buffer.isBuffer(d.name) && Buffer.isBuffer(p))));
  assert.ok(seen.some(([, d]) => Buffer.isBuffer(d.name)));
  assert.ok(!seen.some(([p]) => String(p).includes('/sub/')), 'nothing below a left-out directory is looked at');
  const txt = await hashDir(root, 'sha256', { filter: (p, d) => d.isDirectory() || String(p).endsWith('.txt') });
  assert.ok(txt.every((e) => String(e.path).endsWith('.txt')));
  // A filter that throws ends the call with its error.
  const boom = new Error('filter failed');
  await assert.rejects(hashDir(root, 'sha256', { filter: () => { throw boom; } }), (e) => e === boom);
});

test('onProgress covers the whole tree: files found and done, bytes, the end of the walk', async () => {
  const root = makeTree('progress');
  const events = [];
  const entries = await hashDir(root, 'blake3', { onProgress: (p) => events.push(p) });
  const files = entries.filter((e) => e.digest !== undefined);
  const bytes = files.reduce((n, e) => n + fs.statSync(e.path).size, 0);
  const last = events.at(-1);
  assert.equal(last.filesDone, entries.length);
  assert.equal(last.filesFound, entries.length);
  assert.equal(last.bytesDone, bytes);
  assert.ok(events.some((e) => e.walkDone === true));
  assert.ok(events.some((e) => e.file !== undefined && e.file.bytesDone > 0 && e.file.bytesDone < e.file.bytesTotal), 'progress within the large file');
  for (let i = 1; i < events.length; i++) assert.ok(events[i].bytesDone >= events[i - 1].bytesDone);
  const boom = new Error('listener failed');
  await assert.rejects(hashDir(root, 'blake3', { onProgress: () => { throw boom; } }), (e) => e === boom);
});

// A tree of `count` small files in `per`-file directories.
function wideTree(name, count, per = 50) {
  const root = path.join(dir, name);
  for (let i = 0; i < count; i++) {
    const sub = path.join(root, `d${String(Math.floor(i / per)).padStart(4, '0')}`);
    if (i % per === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `f${String(i).padStart(6, '0')}`), `file ${i}\n`);
  }
  return root;
}

const openDescriptors = () => fs.readdirSync('/proc/self/fd').length;

test('an abort or a timeout mid-walk rejects the call at once, and lets every file go', async () => {
  const root = wideTree('abort', 600);
  const before = openDescriptors();
  const controller = new AbortController();
  let done = 0;
  await assert.rejects(hashDir(root, 'sha256', {
    signal: controller.signal,
    onProgress: (p) => {
      done = p.filesDone;
      if (p.filesDone === 20) controller.abort();
    },
  }), { code: codes.ABORTED, name: 'AbortError' });
  assert.ok(done < 600);
  await assert.rejects(hashDir(root, 'sha256', { signal: AbortSignal.abort() }), { code: codes.ABORTED });
  await assert.rejects(hashDir(root, 'sha256', { timeout: 1 }), { code: codes.TIMEOUT });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(openDescriptors() <= before + 1, `${openDescriptors()} descriptors open, ${before} before`);
  // The pool goes on.
  assert.equal((await hashDir(root, 'sha256')).length, 600);
});

test('the iterator gives the same entries one at a time; a break stops the walk and releases everything', async () => {
  const root = wideTree('iterate', 400, 40);
  const whole = await hashDir(root, 'sha256', { encoding: 'hex' });
  const one = [];
  for await (const entry of iterateDir(root, 'sha256', { encoding: 'hex' })) one.push(entry);
  assert.deepEqual(one, whole);

  const before = openDescriptors();
  const seen = [];
  let lastProgress;
  for await (const entry of iterateDir(root, 'sha256', { encoding: 'hex', concurrency: 16, onProgress: (p) => { lastProgress = p; } })) {
    seen.push(entry);
    if (seen.length === 5) break;
  }
  assert.deepEqual(seen, whole.slice(0, 5));
  // The walk stopped: it found no more than the window past the break.
  assert.ok(lastProgress.filesFound <= 5 + 16 + 1, JSON.stringify(lastProgress));
  assert.equal(lastProgress.walkDone, false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(openDescriptors() <= before + 1, `${openDescriptors()} descriptors open, ${before} before`);
  const stats = pool.stats();
  assert.equal(stats.running, 0);
  assert.equal(stats.queued, 0);
  // A throw inside the loop does the same.
  await assert.rejects((async () => {
    for await (const entry of iterateDir(root, 'sha256')) if (entry) throw new Error('stop here');
  })(), /stop here/);
});

test('a root that is missing or not a directory rejects the call with its fs error', async () => {
  await assert.rejects(hashDir(path.join(dir, 'missing'), 'sha256'), { code: 'ENOENT' });
  const file = path.join(dir, 'plain-file');
  fs.writeFileSync(file, 'x');
  await assert.rejects(hashDir(file, 'sha256'), { code: 'ENOTDIR' });
  const empty = path.join(dir, 'empty-root');
  fs.mkdirSync(empty);
  assert.deepEqual(await hashDir(empty, 'sha256'), []);
  // A file: URL and a Buffer root work as hashFile's paths do.
  const root = wideTree('url-root', 3);
  const want = await hashDir(root, 'md5', { encoding: 'hex' });
  assert.deepEqual((await hashDir(new URL(`file://${root}`), 'md5', { encoding: 'hex' })).map((e) => e.digest), want.map((e) => e.digest));
  assert.deepEqual((await hashDir(Buffer.from(root), 'md5', { encoding: 'hex' })).map((e) => e.digest), want.map((e) => e.digest));
});

test('bad arguments are refused with codes before any walk', async () => {
  const root = wideTree('bad-args', 2);
  await assert.rejects(hashDir(root, 'nope'), { code: codes.UNKNOWN_ALGORITHM });
  await assert.rejects(hashDir('', 'sha256'), { code: codes.INVALID_ARG });
  await assert.rejects(hashDir(42, 'sha256'), { code: codes.INVALID_ARG });
  await assert.rejects(hashDir(root, 'sha256', { filter: 'x' }), { code: codes.INVALID_ARG });
  await assert.rejects(hashDir(root, 'sha256', { followSymlinks: 1 }), { code: codes.INVALID_ARG });
  await assert.rejects(hashDir(root, 'sha256', { concurrency: 0 }), { code: codes.INVALID_ARG });
  await assert.rejects(hashDir(root, 'sha256', { recursive: true }), { code: codes.INVALID_ARG, message: /recursive/ });
  await assert.rejects(hashDir(root, 'sha256', { encoding: 'utf8' }), { code: codes.INVALID_ARG });
  // Keys, seeds and lengths as hashFile takes them.
  const keyed = await hashDir(root, 'blake3', { key: new Uint8Array(32).fill(7), outputLength: 16, encoding: 'hex' });
  assert.equal(keyed[0].digest, await hashWasm.blake3('file 0\n', 128, new Uint8Array(32).fill(7)));
});
