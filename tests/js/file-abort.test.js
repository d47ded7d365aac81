'use strict';
// hashFile and hashFiles stop at their timeout or abort even while a read is pending: a FIFO
// whose writer stays silent never answers the read (issue 16, item 19: the timeout fired only
// when data came, 3–15 s later, or never). The read is raced, as hashStream races its source;
// the heap it reads into is kept until the read returns, so a late read never lands in memory
// another call uses.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { createPool, codes } = require('parahash');
const { sha256 } = require('./helpers');

const skip = process.platform === 'win32' && 'needs mkfifo';
let pool;
let dir;
test.before(async () => {
  pool = await createPool({ threads: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-fifo-'));
});
test.after(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// A FIFO with a writer that keeps it open and writes `first` (if any), then nothing.
function silentFifo(name, first) {
  const fifo = path.join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const writer = fs.openSync(fifo, fs.constants.O_RDWR);
  if (first !== undefined) fs.writeSync(writer, first);
  return { fifo, writer };
}

const within = async (ms, promise, check) => {
  const start = performance.now();
  await assert.rejects(promise, check);
  const took = performance.now() - start;
  assert.ok(took < ms, `settled after ${Math.round(took)} ms`);
};

for (const [what, call] of [
  ['hashFile', (fifo, o) => pool.hashFile(fifo, 'sha256', o)],
  ['hashFiles', (fifo, o) => pool.hashFiles([fifo], 'sha256', { concurrency: 1, ...o })],
]) {
  test(`${what}: a 200 ms timeout fires while a read of a silent FIFO is pending`, { skip, timeout: 20_000 }, async () => {
    const { fifo, writer } = silentFifo(`${what}-timeout`, 'some bytes, then silence');
    try {
      await within(1500, call(fifo, { timeout: 200 }), (e) => e.code === codes.TIMEOUT);
    } finally {
      fs.closeSync(writer); // the pending read returns (end of file), and its memory is let go
    }
  });

  test(`${what}: an abort stops a pending read of a silent FIFO at once`, { skip, timeout: 20_000 }, async () => {
    const { fifo, writer } = silentFifo(`${what}-abort`);
    const controller = new AbortController();
    try {
      const call1 = call(fifo, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const start = performance.now();
      controller.abort();
      await assert.rejects(call1, (e) => e.code === codes.ABORTED);
      assert.ok(performance.now() - start < 500);
    } finally {
      fs.closeSync(writer);
    }
  });
}

test('a read that returns after its call was abandoned lands in memory nobody else uses', { skip, timeout: 30_000 }, async () => {
  const { fifo, writer } = silentFifo('late');
  await assert.rejects(pool.hashFile(fifo, 'sha256', { timeout: 100 }), (e) => e.code === codes.TIMEOUT);
  // Other calls take heap memory while the abandoned read still waits; then it gets 64 KiB
  // (a pipe's whole buffer, so this write never blocks).
  const data = Buffer.alloc(4 << 20, 7);
  const others = Array.from({ length: 8 }, (_, i) => pool.hash('sha256', data.subarray(i), { encoding: 'hex' }));
  fs.writeSync(writer, Buffer.alloc(1 << 16, 0xee));
  fs.closeSync(writer);
  const digests = await Promise.all(others);
  digests.forEach((d, i) => assert.equal(d, sha256(data.subarray(i))));
  assert.equal(await pool.hash('sha256', 'abc', { encoding: 'hex' }), sha256('abc'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(pool.stats().pending, 0);
});
