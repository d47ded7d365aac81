'use strict';
// How many files the command streams through the pool at once (js/cli/limit.js): files past
// LIMITED_FROM one per thread and one more, smaller ones unlimited; hashing and --check.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { Limit, streamLimit, LIMITED_FROM } = require('../../js/cli/limit');

const BIN = path.join(__dirname, '..', '..', 'js', 'cli', 'parahash.js');
let work;
let preload;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-cli-limit-'));
  for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(work, `large${String(i).padStart(2, '0')}`), crypto.randomBytes(LIMITED_FROM + 1 + i));
  for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(work, `mid${String(i).padStart(2, '0')}`), crypto.randomBytes(300 * 1024 + i));
  // The most files named relative to the work folder (the command's arguments) open at once
  // through fs.open (the pool's reads), written to stderr at exit.
  preload = path.join(work, 'open-count.js');
  fs.writeFileSync(preload, `
    const fs = require('node:fs');
    const open = fs.open, close = fs.close, ours = new Set();
    let most = 0;
    fs.open = function (file, ...rest) {
      const done = rest.pop();
      return open.call(this, file, ...rest, (error, fd) => {
        if (!error && !String(file).startsWith('/')) { ours.add(fd); most = Math.max(most, ours.size); }
        done(error, fd);
      });
    };
    fs.close = function (fd, ...rest) { ours.delete(fd); return close.call(this, fd, ...rest); };
    process.on('exit', () => process.stderr.write('MOST ' + most + '\\n'));
  `);
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

// @return { stdout, status, most } of `parahash args…` in the work folder.
function parahash(args) {
  const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { cwd: work, env: { ...process.env, LC_ALL: 'C' } });
  const most = /MOST (\d+)\n/.exec(r.stderr.toString());
  assert.ok(most, r.stderr.toString());
  return { stdout: r.stdout.toString(), status: r.status, most: Number(most[1]), stderr: r.stderr.toString() };
}

const names = (prefix) => fs.readdirSync(work).filter((n) => n.startsWith(prefix)).sort();
const b3sum = (args) => execFileSync('b3sum', args, { cwd: work }).toString();

// (BLAKE3: node:crypto lacks it, so these files go through the pool, not js/cli/host-files.js.)
test('files past LIMITED_FROM stream through the pool one per thread and one more; digests and order as b3sum', () => {
  const large = names('large');
  const r = parahash(['-a', 'blake3', '--threads', '2', ...large]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, b3sum(large));
  assert.ok(r.most >= 1 && r.most <= 3, `at most 3 open at once, saw ${r.most}`);
  fs.writeFileSync(path.join(work, 'sums'), r.stdout);
  const checked = parahash(['-a', 'blake3', '--threads', '2', '-c', 'sums']);
  assert.equal(checked.status, 0, checked.stderr);
  assert.equal(checked.stdout, large.map((n) => `${n}: OK\n`).join(''));
  assert.ok(checked.most >= 1 && checked.most <= 3, `--check: at most 3 open at once, saw ${checked.most}`);
});

test('smaller files are not limited: more than threads + 1 are read at once', () => {
  const mid = names('mid');
  const r = parahash(['-a', 'blake3', '--threads', '2', ...mid]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, b3sum(mid));
  assert.ok(r.most > 3, `more than 3 open at once, saw ${r.most}`);
});

test('Limit: at most its size at once, the rest in the order they asked; a failure frees its place', async () => {
  const limit = new Limit(2);
  let running = 0;
  let most = 0;
  const started = [];
  const task = (id, fail = false) => limit.run(async () => {
    started.push(id);
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    if (fail) throw new Error(`task ${id}`);
    return id;
  });
  const outcomes = await Promise.allSettled([task(0), task(1, true), task(2), task(3), task(4)]);
  assert.equal(most, 2);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  assert.deepEqual(outcomes.map((o) => o.value ?? o.reason.message), [0, 'task 1', 2, 3, 4]);
  assert.equal(await limit.run(() => 'after'), 'after');
});

test('streamLimit: a regular file past LIMITED_FROM waits its turn; a smaller one, or one without a size (a FIFO), runs at once', async () => {
  const streams = streamLimit(1);
  const release = [];
  const hold = () => new Promise((resolve) => release.push(resolve));
  const order = [];
  const a = streams.run(LIMITED_FROM + 1, () => { order.push('a'); return hold(); });
  const b = streams.run(LIMITED_FROM + 1, () => { order.push('b'); return hold(); });
  const c = streams.run(LIMITED_FROM + 1, () => { order.push('c'); return 'c'; });
  const fifo = streams.run(undefined, () => { order.push('fifo'); return 'fifo'; });
  const small = streams.run(LIMITED_FROM, () => { order.push('small'); return 'small'; });
  assert.deepEqual(await Promise.all([fifo, small]), ['fifo', 'small']);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['a', 'b', 'fifo', 'small'], 'two run (1 thread + 1), the third waits, the others do not');
  release.forEach((r) => r());
  release.length = 0;
  await a;
  await new Promise((resolve) => setImmediate(resolve));
  release.forEach((r) => r());
  await Promise.all([b, c]);
  assert.deepEqual(order, ['a', 'b', 'fifo', 'small', 'c']);
});

test('FIFOs written by one writer in turn (tee) are all read at once: no deadlock behind the limit', () => {
  // --threads 1: two at a time were they limited. (Three, not more: libuv's four threads each
  // block in a FIFO's read, so past four such FIFOs fed by one writer Node itself stalls.)
  const fifos = ['t0', 't1', 't2'].map((n) => path.join(work, n));
  for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
  const source = path.join(work, 'large00');
  // tee writes each block to every FIFO in turn: a FIFO left unread blocks it, and so the rest.
  const r = spawnSync('sh', ['-c', `tee ${fifos.map((f) => path.basename(f)).join(' ')} < large00 > /dev/null & ` +
    `timeout 20 "${process.execPath}" "${BIN}" -a blake3 --threads 1 ${fifos.map((f) => path.basename(f)).join(' ')}; wait`],
  { cwd: work, timeout: 30_000 });
  assert.equal(r.error, undefined, 'finished within 30 s');
  assert.equal(r.status, 0, `status ${r.status} (124: stalled): ${r.stderr}`);
  const digest = b3sum([path.basename(source)]).split(' ')[0];
  assert.equal(r.stdout.toString(), fifos.map((f) => `${digest}  ${path.basename(f)}\n`).join(''));
});
