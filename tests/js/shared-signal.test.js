'use strict';
// Many calls sharing one AbortSignal (one per request is common) add one listener to it, not
// one each: past ten, Node prints MaxListenersExceededWarning (issue 16, item 24). Every call
// still stops when the signal aborts.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { getEventListeners } = require('node:events');
const { createPool, codes } = require('parahash');

let pool;
let dir;
test.before(async () => {
  pool = await createPool({ threads: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-signal-'));
});
test.after(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// A source that yields one chunk, then waits until `release` resolves.
function stalled(release) {
  return (async function* () {
    yield Buffer.from('first chunk');
    await release;
  })();
}

test('20 hashStream, 20 hashFile and 20 hashFiles calls on one signal: one abort listener, no warning, all abort', {
  timeout: 30_000, skip: process.platform === 'win32' && 'needs a FIFO',
}, async () => {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  const fifo = path.join(dir, 'fifo');
  require('node:child_process').execFileSync('mkfifo', [fifo]);
  // A writer that keeps the FIFO open and silent, so every read on it waits.
  const writer = fs.openSync(fifo, fs.constants.O_RDWR);
  const controller = new AbortController();
  const { signal } = controller;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  try {
    const calls = [];
    for (let i = 0; i < 20; i++) {
      calls.push(pool.hashStream(stalled(released), 'sha256', { signal }));
      calls.push(pool.hashFile(fifo, 'sha256', { signal }));
      calls.push(pool.hashFiles([fifo], 'sha256', { signal }));
    }
    // Every call is waiting on its source by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(getEventListeners(signal, 'abort').length <= 1,
      `${getEventListeners(signal, 'abort').length} abort listeners on the shared signal`);
    controller.abort();
    const results = await Promise.allSettled(calls);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.equal(r.reason.code, codes.ABORTED);
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map(String), []);
    assert.equal(getEventListeners(signal, 'abort').length, 0);
  } finally {
    release();
    process.off('warning', onWarning);
    fs.closeSync(writer);
  }
});

test('sequential calls on one long-lived signal leave no listener behind', async () => {
  const { signal } = new AbortController();
  for (let i = 0; i < 30; i++) {
    await pool.hashStream([Buffer.from('x'), 'y'], 'sha256', { signal });
  }
  assert.equal(getEventListeners(signal, 'abort').length, 0);
});
