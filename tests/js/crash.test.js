'use strict';
// A trap inside the engine (a bug, never bad input) must not take the process down.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createPool, codes } = require('parahash');
const { sha256, crash } = require('./helpers');

for (const how of ['trap', 'abort']) test(`a worker ${how} rejects pending and later calls with ERR_PARAHASH_POOL_CRASHED`, async () => {
  const pool = await createPool({ threads: 2 });
  const pending = pool.hash('sha256', new Uint8Array(64 << 20));
  crash(pool, how);
  await assert.rejects(pending, { code: codes.POOL_CRASHED });
  await assert.rejects(pool.hash('sha256', 'later'), { code: codes.POOL_CRASHED });
  assert.equal(pool.stats().state, 'crashed');
  await pool.close(); // nothing left to release, and no error either
  await pool.destroy();

  const fresh = await createPool({ threads: 2 });
  try {
    assert.equal(await fresh.hash('sha256', 'fresh', { encoding: 'hex' }), sha256('fresh'));
  } finally {
    await fresh.close();
  }
});

test('a crash in one pool leaves another pool working', async () => {
  const [a, b] = await Promise.all([createPool({ threads: 1 }), createPool({ threads: 1 })]);
  const inB = b.hash('sha256', new Uint8Array(16 << 20), { encoding: 'hex' });
  crash(a);
  // a's only thread takes the trap first, so this call (past what is hashed inline) can only end
  // by crash detection.
  await assert.rejects(a.hash('sha256', new Uint8Array(100 << 10)), { code: codes.POOL_CRASHED });
  assert.equal(await inB, sha256(new Uint8Array(16 << 20)));
  assert.equal(await b.hash('sha256', 'b', { encoding: 'hex' }), sha256('b'));
  await b.close();
});
