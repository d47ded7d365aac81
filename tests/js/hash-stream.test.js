'use strict';
// hashStream(): Node Readables, web ReadableStreams, async and sync iterables, bytes and strings;
// progress; a source's own errors passed through unchanged; aborts that do not wait for the
// source; the pool unharmed after each.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Readable } = require('node:stream');
const { createPool, codes } = require('parahash');
const { referenceHex } = require('./references');
const { SEED, rng, randomBytes } = require('./helpers');

const KiB = 1024;
const MiB = 1024 * KiB;

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

// `data` cut into pieces of random sizes (the last may be empty-sized pieces too).
function pieces(data, next, max = 300 * KiB) {
  const out = [];
  for (let at = 0; at < data.length;) {
    const n = Math.min(data.length - at, next() % max);
    out.push(data.subarray(at, at + n));
    at += n;
  }
  return out;
}

const sources = {
  'Node Readable': (parts) => Readable.from(parts, { objectMode: false }),
  'web ReadableStream': (parts) => new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  }),
  'async generator': (parts) => (async function* gen() {
    for (const p of parts) yield p;
  })(),
  'array of chunks': (parts) => parts,
};

test(`every kind of source, every algorithm, sizes around the thresholds (seed ${SEED})`, async () => {
  const next = rng();
  for (const [kind, make] of Object.entries(sources)) {
    for (const name of pool.algorithms) {
      for (const size of [0, 1, 64 * KiB, 64 * KiB + 1, 2 * MiB + 1, 4 * MiB + 9]) {
        if (size > 64 * KiB && !['sha256', 'blake3', 'xxh3', 'md5'].includes(name)) continue;
        const data = randomBytes(size, next);
        const digest = await pool.hashStream(make(pieces(data, next)), name, { encoding: 'hex' });
        assert.equal(digest, await referenceHex(name, data), `${kind}, ${name}, ${size} bytes`);
      }
    }
  }
});

test('strings and mixed chunks are UTF-8; typed arrays and ArrayBuffers are their bytes', async () => {
  const chunks = ['héllo ', Buffer.from('wörld '), new Uint16Array([0x4241]), new Uint8Array([33]).buffer, new DataView(new Uint8Array([63]).buffer)];
  const expected = crypto.createHash('sha256');
  expected.update('héllo ').update(Buffer.from('wörld ')).update(Buffer.from([0x41, 0x42])).update(Buffer.from([33])).update(Buffer.from([63]));
  assert.equal(await pool.hashStream(chunks, 'sha256', { encoding: 'hex' }), expected.digest('hex'));
  const readable = Readable.from(['a', 'b', 'c']);
  assert.equal(await pool.hashStream(readable, 'md5', { encoding: 'hex' }), crypto.createHash('md5').update('abc').digest('hex'));
});

test('a source that reuses its buffer between chunks still gets the right digest', async () => {
  const data = crypto.randomBytes(6 * MiB + 5);
  const scratch = Buffer.alloc(MiB);
  async function* reusing() {
    for (let at = 0; at < data.length; at += MiB) {
      const n = data.copy(scratch, 0, at, Math.min(data.length, at + MiB));
      yield scratch.subarray(0, n);
      scratch.fill(0);
    }
  }
  assert.equal(await pool.hashStream(reusing(), 'sha256', { encoding: 'hex' }), crypto.createHash('sha256').update(data).digest('hex'));
});

test('onProgress reports bytesDone rising to the total; bytesTotal when known', async () => {
  const data = crypto.randomBytes(7 * MiB);
  const seen = [];
  await pool.hashStream(Readable.from(pieces(data, rng(), MiB)), 'sha256', { onProgress: (p) => seen.push({ ...p }) });
  assert.ok(seen.length >= 2);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].bytesDone >= seen[i - 1].bytesDone);
  assert.deepEqual(seen.at(-1), { bytesDone: data.length, bytesTotal: undefined });
  const withTotal = [];
  await pool.hashStream([data], 'sha256', { bytesTotal: data.length, onProgress: (p) => withTotal.push({ ...p }) });
  assert.deepEqual(withTotal.at(-1), { bytesDone: data.length, bytesTotal: data.length });
  // One 7 MiB chunk still reports once per MiB, as a Blob stream's huge chunks must.
  assert.ok(withTotal.length >= 7, `${withTotal.length} reports for one 7 MiB chunk`);
  for (let i = 1; i < withTotal.length; i++) assert.ok(withTotal[i].bytesDone >= withTotal[i - 1].bytesDone);
  // An HTTP request's Content-Length is the default total.
  const request = Object.assign(Readable.from([data.subarray(0, 100)]), { headers: { 'content-length': '100' } });
  const fromHeader = [];
  await pool.hashStream(request, 'sha256', { onProgress: (p) => fromHeader.push(p) });
  assert.deepEqual(fromHeader.at(-1), { bytesDone: 100, bytesTotal: 100 });
});

test('a throwing onProgress rejects the call with its error', async () => {
  const oops = new Error('listener failed');
  await assert.rejects(pool.hashStream([Buffer.alloc(3 * MiB)], 'sha256', { onProgress: () => { throw oops; } }), (e) => e === oops);
  assert.equal(await pool.hash('sha1', 'ok', { encoding: 'hex' }), crypto.createHash('sha1').update('ok').digest('hex'));
});

test('a source that errors rejects with its own error, unchanged, and the pool keeps working', async () => {
  const boom = Object.assign(new Error('disk on fire'), { code: 'EFIRE' });
  const readable = new Readable({
    read() {
      this.push(Buffer.alloc(3 * MiB));
      setImmediate(() => this.destroy(boom));
    },
  });
  await assert.rejects(pool.hashStream(readable, 'sha256'), (e) => e === boom);
  const web = new ReadableStream({ pull(controller) { controller.error(boom); } });
  await assert.rejects(pool.hashStream(web, 'sha256'), (e) => e === boom);
  async function* failing() {
    yield Buffer.alloc(100 * KiB);
    throw boom;
  }
  await assert.rejects(pool.hashStream(failing(), 'blake3'), (e) => e === boom);
  assert.equal(await pool.hashStream(['still ', 'fine'], 'sha256', { encoding: 'hex' }), crypto.createHash('sha256').update('still fine').digest('hex'));
  assert.equal(pool.stats().pending, 0);
});

test('an abort does not wait for a stalled source: it rejects at once and cancels the source', async () => {
  let cancelled = false;
  const stalled = new ReadableStream({
    start(controller) { controller.enqueue(new Uint8Array(3 * MiB)); },
    pull() { return new Promise(() => {}); }, // never delivers more
    cancel() { cancelled = true; },
  });
  const controller = new AbortController();
  const call = pool.hashStream(stalled, 'sha256', { signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  const started = performance.now();
  await assert.rejects(call, { code: codes.ABORTED, name: 'AbortError' });
  assert.ok(performance.now() - started < 1000);
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(cancelled, 'the source was not cancelled');
  // A Readable is destroyed.
  const readable = new Readable({ read() {} });
  readable.push(Buffer.alloc(MiB));
  const c2 = new AbortController();
  const call2 = pool.hashStream(readable, 'sha256', { signal: c2.signal });
  setTimeout(() => c2.abort(), 30);
  await assert.rejects(call2, { code: codes.ABORTED });
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(readable.destroyed);
  // A timeout likewise, with its own code.
  const call3 = pool.hashStream(new ReadableStream({ pull() { return new Promise(() => {}); } }), 'sha256', { timeout: 30 });
  await assert.rejects(call3, { code: codes.TIMEOUT });
  assert.equal(pool.stats().pending, 0);
});

test('bad sources and chunks are INVALID_ARG; the source is released', async () => {
  const bad = [undefined, null, 42, 'a string', Buffer.from('bytes'), new Uint8Array(3), {}, { getReader: 1 }, Promise.resolve()];
  for (const [i, source] of bad.entries()) {
    await assert.rejects(pool.hashStream(source, 'sha256'), { code: codes.INVALID_ARG }, `bad source #${i}`);
  }
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  await assert.rejects(pool.hashStream(revoked.proxy, 'sha256'), { code: codes.INVALID_ARG });
  for (const [label, chunk] of [['42', 42], ['null', null], ['an array-like', { length: 3 }], ['a Proxy', new Proxy(new Uint8Array(3), {})]]) {
    let released = false;
    async function* source() {
      try {
        yield Buffer.from('ok');
        yield chunk;
      } finally {
        released = true;
      }
    }
    await assert.rejects(pool.hashStream(source(), 'sha256'), { code: codes.INVALID_ARG, message: /chunk 1/ });
    assert.ok(released, `source not released after ${label}`);
  }
  await assert.rejects(pool.hashStream([], 'nope'), { code: codes.UNKNOWN_ALGORITHM });
  await assert.rejects(pool.hashStream([], 'sha256', { onprogress: () => {} }), { code: codes.INVALID_ARG, message: /onprogress/ });
  await assert.rejects(pool.hashStream([], 'sha256', { onProgress: 'yes' }), { code: codes.INVALID_ARG });
  await assert.rejects(pool.hashStream([], 'sha256', { bytesTotal: -1 }), { code: codes.INVALID_ARG });
});

test('a stream longer than maxInputLength is INPUT_TOO_LARGE', async () => {
  const small = await createPool({ threads: 1, maxInputLength: 100 * KiB });
  try {
    await assert.rejects(small.hashStream([Buffer.alloc(60 * KiB), Buffer.alloc(60 * KiB)], 'sha256'), { code: codes.INPUT_TOO_LARGE });
    assert.match(await small.hashStream([Buffer.alloc(60 * KiB)], 'sha256', { encoding: 'hex' }), /^[0-9a-f]{64}$/);
  } finally {
    await small.close();
  }
});

test('callback form', async () => {
  const digest = await new Promise((resolve, reject) =>
    pool.hashStream(['abc'], 'sha256', { encoding: 'hex' }, (error, d) => (error ? reject(error) : resolve(d))));
  assert.equal(digest, crypto.createHash('sha256').update('abc').digest('hex'));
});
