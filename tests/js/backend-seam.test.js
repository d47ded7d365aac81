'use strict';
// The Pool over a fake backend: validation, accounting, aborts, close and crash handling live in
// the facade and do not depend on the WebAssembly engine (js/engine/backend.js lists the operations).
// A browser's non-isolated fallback, which posts operations to a worker, plugs in the same way.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { createPoolWith } = require('../../js/api/pool');
const { nodePlatform } = require('../../js/load/node');
const { codes, abortError } = require('../../js/args/errors');

// node:crypto behind the backend operations, answering a tick later like a pool thread would.
function fakeBackend(hooks) {
  const kernels = [
    { name: 'sha256', aliases: [], digestSize: 32, blockSize: 64, kind: 'hash', minOutput: 32, maxOutput: 32, minKey: 0, maxKey: 0, takesContext: false, seedBits: 0 },
    { name: 'md5', aliases: [], digestSize: 16, blockSize: 64, kind: 'hash', minOutput: 16, maxOutput: 16, minKey: 0, maxKey: 0, takesContext: false, seedBits: 0 },
  ];
  const later = (signal, work) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    }, 2);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(abortError(signal.reason));
    }, { once: true });
  });
  const result = (bytes, encoding) => (encoding === undefined ? bytes : bytes.toString(encoding));
  // The seam's rule: a Promise-returning hash/hmac calls end(error?) just before it settles.
  const ending = (promise, end) => promise.then((v) => (end(), v), (e) => {
    end(e);
    throw e;
  });
  const state = { refs: [], closed: false, abandoned: null, hooks };
  return {
    state,
    kernels,
    kdfs: ['argon2d', 'argon2i', 'argon2id', 'pbkdf2', 'scrypt'],
    hash: (kernel, input, params, signal, encoding, end) => ending(
      later(signal, () => result(crypto.createHash(kernels[kernel].name).update(input.bytes).digest(), encoding)), end),
    hmac: (kernel, key, input, signal, encoding, end) => ending(
      later(signal, () => result(crypto.createHmac(kernels[kernel].name, key.bytes).update(input.bytes).digest(), encoding)), end),
    hashMany: (kernel, inputs, params, signal, encoding) => later(signal, () =>
      Array.from({ length: inputs.count }, (_, i) =>
        result(crypto.createHash(kernels[kernel].name).update(inputs.input(i).bytes).digest(), encoding))),
    planDerive: (name, parameters, inputs, outLength) => ({ name, parameters, inputs, outLength }),
    derive: (plan, signal) => later(signal, () => crypto.pbkdf2Sync(plan.inputs[0].bytes, plan.inputs[1].bytes,
      plan.parameters.iterations, plan.outLength, kernels[plan.parameters.digest].name)),
    result,
    stats: () => ({ queued: 0, running: 0 }),
    refWorkers: (keepAlive) => state.refs.push(keepAlive),
    close: () => { state.closed = true; },
    abandon: (error) => { state.abandoned = error; },
    crashForTesting: () => hooks.onCrash(new Error('fake trap')),
    heapStats: () => ({}),
  };
}

async function fakePool(options) {
  let backend;
  const pool = await createPoolWith(nodePlatform, options, async (platform, hooks) => (backend = fakeBackend(hooks)));
  return { pool, backend };
}

test('the pool validates, then asks its backend, and counts what it answered', async () => {
  const { pool, backend } = await fakePool({ threads: 3 });
  assert.equal(pool.threads, 3);
  assert.deepEqual(pool.algorithms, ['sha256', 'md5']);
  assert.equal(await pool.hash('SHA256', 'abc', { encoding: 'hex' }), crypto.createHash('sha256').update('abc').digest('hex'));
  assert.equal(await pool.hmac('md5', 'k', 'm', { encoding: 'hex' }), crypto.createHmac('md5', 'k').update('m').digest('hex'));
  assert.deepEqual(await pool.hashMany('md5', ['a', 'b'], { encoding: 'hex' }),
    ['a', 'b'].map((m) => crypto.createHash('md5').update(m).digest('hex')));
  assert.ok((await pool.pbkdf2('pw', 'salt', 3, 20, 'sha256')).equals(crypto.pbkdf2Sync('pw', 'salt', 3, 20, 'sha256')));
  await assert.rejects(pool.hash('sha3-256', 'x'), { code: codes.UNKNOWN_ALGORITHM });
  await assert.rejects(pool.hash('sha256', 42), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hash('sha256', 'x', { bogus: 1 }), { code: codes.INVALID_ARG });
  const s = pool.stats();
  assert.equal(s.completed, 4);
  assert.equal(s.failed, 0, 'validation failures are not the backend\'s calls');
  assert.equal(s.pending, 0);
  // Workers are ref'd only while a call waits on the backend, and unref'd when it is idle again.
  assert.deepEqual(backend.state.refs.slice(0, 3), [false, true, false]);
  await pool.close();
  assert.equal(backend.state.closed, true);
});

test('aborts, queue limits, close and crashes work over any backend', async () => {
  const { pool, backend } = await fakePool({ threads: 1, maxQueue: 1 });
  const controller = new AbortController();
  const aborted = pool.hash('sha256', 'x', { signal: controller.signal });
  const second = pool.hash('sha256', 'y', { encoding: 'hex' });
  await assert.rejects(pool.hash('sha256', 'z'), { code: codes.QUEUE_FULL });
  controller.abort(new Error('no'));
  await assert.rejects(aborted, { code: codes.ABORTED, name: 'AbortError' });
  assert.equal(await second, crypto.createHash('sha256').update('y').digest('hex'));
  assert.equal(pool.stats().cancelled, 1);

  const pending = pool.hash('sha256', 'w');
  pool[Symbol.for('parahash.crashWorkerForTesting')]();
  assert.equal(pool.stats().state, 'crashed');
  assert.equal(backend.state.abandoned.code, codes.POOL_CRASHED);
  assert.equal(backend.state.abandoned.cause.message, 'fake trap');
  await pending.catch(() => {}); // the fake answers anyway; a real backend rejects it
  await assert.rejects(pool.hash('sha256', 'after'), { code: codes.POOL_CRASHED });
});
