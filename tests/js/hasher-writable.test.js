'use strict';
// createHash() used as a Writable and as node:crypto's Hash at once: digest() covers every byte
// handed to write()/end()/update() before it was called, in call order, whatever the Writable's
// own queue holds (cork, backpressure, a write still in flight). Property-tested against
// node:crypto's Hash fed the same bytes in the same order. Aborts in the middle of a multi-chunk
// write never leave an unhandled rejection.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { once } = require('node:events');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const fc = require('fast-check');
const { createPool, createHash, codes } = require('parahash');
const { SEED } = require('./helpers');

const KiB = 1024;
const MiB = 1024 * KiB;

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

// Any 'unhandledRejection' or 'uncaughtException' during a test fails it.
function watchProcess() {
  const seen = [];
  const onRejection = (reason) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onRejection);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onRejection);
    assert.deepEqual(seen.map(String), []);
  };
}

test('write() then end() then digest() at once covers both (the issue\'s example)', async () => {
  const check = watchProcess();
  for (const make of [() => pool.createHash('sha512'), () => createHash('sha512')]) {
    const h = make();
    const errors = [];
    h.on('error', (e) => errors.push(e));
    h.write('Te');
    h.end('st123');
    assert.equal(await h.digest('hex'), crypto.createHash('sha512').update('Test123').digest('hex'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors, []);
  }
  await check();
});

test('write(5 MiB), write(y), update(z) hash in call order, with or without waiting for finish', async () => {
  const check = watchProcess();
  const big = crypto.randomBytes(5 * MiB);
  const want = crypto.createHash('sha256').update(big).update('y').update('z').digest('hex');
  for (const waitFinish of [false, true]) {
    const h = pool.createHash('sha256');
    h.write(big);
    h.write('y');
    h.update('z');
    h.end();
    if (waitFinish) await once(h, 'finish');
    assert.equal(await h.digest('hex'), want, `waitFinish ${waitFinish}`);
  }
  await check();
});

test('cork(), writes, digest() before uncork() still covers the corked bytes', async () => {
  const h = pool.createHash('sha256');
  h.cork();
  h.write('a');
  h.write(Buffer.alloc(3 * MiB, 1));
  h.update('b');
  h.write('c');
  const want = crypto.createHash('sha256').update('a').update(Buffer.alloc(3 * MiB, 1)).update('b').update('c').digest('hex');
  assert.equal(await h.digest('hex'), want);
});

test('an abort during a corked multi-chunk write crashes nothing and rejects digest()', async () => {
  const check = watchProcess();
  for (let round = 0; round < 5; round++) {
    const controller = new AbortController();
    const h = pool.createHash('sha256', { signal: controller.signal });
    const errors = [];
    h.on('error', (e) => errors.push(e));
    h.cork();
    for (let i = 0; i < 4; i++) h.write(Buffer.alloc(3 * MiB, i));
    h.uncork();
    controller.abort();
    await assert.rejects(h.digest(), { code: codes.ABORTED });
    await new Promise((resolve) => setImmediate(resolve));
  }
  await check();
});

test('pipeline(fast source, hasher with a short timeout) rejects with TIMEOUT, nothing unhandled', async () => {
  const check = watchProcess();
  for (let round = 0; round < 4; round++) {
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= 512 * MiB) return this.push(null);
        sent += MiB;
        this.push(Buffer.alloc(MiB, sent & 255));
      },
    });
    const h = pool.createHash('sha256', { timeout: 60 });
    await assert.rejects(pipeline(source, h), { code: codes.TIMEOUT });
    await assert.rejects(h.digest(), { code: codes.TIMEOUT });
  }
  await check();
  // The pool still works.
  assert.equal((await pool.hash('sha256', 'abc', { encoding: 'hex' })), crypto.createHash('sha256').update('abc').digest('hex'));
});

test('destroy() with writes in flight: no unhandled rejection; digest() rejects', async () => {
  const check = watchProcess();
  const h = pool.createHash('blake3');
  h.on('error', () => {});
  for (let i = 0; i < 6; i++) h.write(Buffer.alloc(2 * MiB + 1, i));
  h.destroy(new Error('gone'));
  await assert.rejects(h.digest());
  await check();
});

// One step of a random sequence of calls on a hasher, and the same on node:crypto's bytes.
const step = fc.oneof(
  fc.record({ op: fc.constant('write'), size: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 60 * KiB, max: 70 * KiB }), fc.integer({ min: 2 * MiB - 2, max: 2 * MiB + 2 })) }),
  fc.record({ op: fc.constant('update'), size: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 60 * KiB, max: 3 * MiB })) }),
  fc.record({ op: fc.constant('cork') }),
  fc.record({ op: fc.constant('uncork') }),
  fc.record({ op: fc.constant('tick') }),
  fc.record({ op: fc.constant('copy') }),
);

test(`random orders of write/update/cork/uncork/copy/end, then digest: equal to node:crypto (seed ${SEED})`, async () => {
  const check = watchProcess();
  let fill = 0;
  const bytes = (n) => Buffer.alloc(n, ++fill & 255);
  await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 12 }), fc.boolean(), fc.boolean(), fc.constantFrom('sha256', 'blake3', 'xxh64'),
    async (steps, endIt, waitFinish, algorithm) => {
      const h = pool.createHash(algorithm);
      const errors = [];
      h.on('error', (e) => errors.push(e));
      const given = [];
      const copies = [];
      for (const s of steps) {
        if (s.op === 'write') { const b = bytes(s.size); given.push(b); h.write(b); }
        if (s.op === 'update') { const b = bytes(s.size); given.push(b); h.update(b); }
        if (s.op === 'cork') h.cork();
        if (s.op === 'uncork') h.uncork();
        if (s.op === 'tick') await new Promise((resolve) => setImmediate(resolve));
        if (s.op === 'copy') copies.push({ hasher: h.copy(), upTo: given.length });
      }
      if (endIt) {
        h.end();
        if (waitFinish) await once(h, 'finish');
      }
      const reference = (parts) => (algorithm === 'sha256'
        ? crypto.createHash('sha256').update(Buffer.concat(parts)).digest('hex')
        : pool.hash(algorithm, Buffer.concat(parts), { encoding: 'hex' }));
      assert.equal(await h.digest('hex'), await reference(given));
      for (const c of copies) assert.equal(await c.hasher.digest('hex'), await reference(given.slice(0, c.upTo)));
      assert.deepEqual(errors, []);
    }), { seed: SEED, numRuns: 60 });
  await check();
});

test('copy({ outputLength }) sets the copy\'s XOF length, as node:crypto\'s does', async () => {
  const hex = (h) => h.digest('hex');
  for (const create of [(a, o) => pool.createHash(a, o), (a, o) => createHash(a, o)]) {
    assert.equal(await hex(create('shake256', { outputLength: 0 }).copy()), crypto.createHash('shake256').digest('hex'));
    assert.equal(await hex(create('shake128', { outputLength: 5 }).copy({ outputLength: 0 })), '');
    assert.equal(await hex(create('shake128', { outputLength: 0 }).copy({ outputLength: 5 })), '7f9c2ba4e8');
    assert.equal(await hex(create('shake128', { outputLength: 5 }).copy()), crypto.createHash('shake128').digest('hex'));
    // After the stream opened (past the small-message limit), the same.
    const big = crypto.randomBytes(3 * MiB);
    const h = create('shake256', { outputLength: 7 }).update(big);
    assert.equal(await hex(h.copy({ outputLength: 100 })), crypto.createHash('shake256', { outputLength: 100 }).update(big).digest('hex'));
    assert.equal(await hex(h.copy()), crypto.createHash('shake256').update(big).digest('hex'));
    assert.equal(await hex(h), crypto.createHash('shake256', { outputLength: 7 }).update(big).digest('hex'));
    const b3 = create('blake3').update('abc');
    assert.equal((await b3.copy({ outputLength: 64 }).digest()).length, 64);
    // Not an XOF: refused, as node:crypto refuses it.
    assert.throws(() => create('sha256').copy({ outputLength: 5 }), { code: codes.INVALID_ARG });
    assert.throws(() => create('sha256').copy({ nope: 1 }), { code: codes.INVALID_ARG });
  }
});

test('update(string, "hex") with an odd length throws, as node:crypto does', () => {
  const h = pool.createHash('sha256');
  assert.throws(() => h.update('abc', 'hex'), { name: 'TypeError', code: codes.INVALID_ARG });
  assert.throws(() => crypto.createHash('sha256').update('abc', 'hex'), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('writableStream: a WHATWG WritableStream over the hasher in Node too', async () => {
  const h = pool.createHash('sha256');
  const blob = new Blob(['hello ', 'world']);
  await blob.stream().pipeTo(h.writableStream);
  assert.equal(await h.digest('hex'), crypto.createHash('sha256').update('hello world').digest('hex'));
  assert.equal(typeof h.writable, 'boolean');
});
