'use strict';
// Each defect an adversarial pass over the installed package found, as a test that failed
// before its fix. The numbers are the hardening issue's.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { execFile } = require('node:child_process');
const argon2Reference = require('argon2');
const { createPool, codes } = require('parahash');
const { sha256 } = require('./helpers');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

const heapStats = (p = pool) => p[Symbol.for('parahash.heapStatsForTesting')]();
const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The pool still answers, and correctly, for a handful of algorithms and shapes.
async function stillCorrect(p = pool) {
  const data = crypto.randomBytes(3 * 1024 * 1024 + 5);
  assert.equal(await p.hash('sha256', data, { encoding: 'hex' }), sha256(data));
  assert.equal(await p.hash('sha512', 'abc', { encoding: 'hex' }), crypto.createHash('sha512').update('abc').digest('hex'));
  assert.deepEqual(await p.hashMany('md5', ['a', 'b'], { encoding: 'hex' }),
    ['a', 'b'].map((m) => crypto.createHash('md5').update(m).digest('hex')));
  assert.equal(await p.hmac('sha256', 'k', 'm', { encoding: 'hex' }), crypto.createHmac('sha256', 'k').update('m').digest('hex'));
}

const run = (args, options = {}) => new Promise((resolve) => {
  execFile(process.execPath, args, { timeout: 60_000, ...options }, (error, stdout, stderr) =>
    resolve({ code: error ? (error.code ?? error.signal) : 0, killed: error?.killed, stdout, stderr }));
});
const script = (source) => ['-e', `const { createPool, codes } = require(${JSON.stringify(path.join(__dirname, '..', '..'))});\n${source}`];

test('1: an Argon2 hashLength that overflows the block size is OUT_OF_MEMORY, and the heap is untouched', async () => {
  const inUse = heapStats().inUse;
  await assert.rejects(pool.argon2id('', 'saltsalt', { hashLength: 2 ** 32 - 1, memoryCost: 8, parallelism: 1, timeCost: 1 }),
    { code: codes.OUT_OF_MEMORY });
  await assert.rejects(pool.pbkdf2(new Uint8Array(8 << 20), 'salt', 1, 2 ** 31 - 1, 'sha256'), { code: codes.OUT_OF_MEMORY });
  await assert.rejects(pool.scrypt(new Uint8Array(8 << 20), 'salt', 2 ** 31 - 1, { N: 2, r: 1, p: 1 }),
    { code: codes.OUT_OF_MEMORY });
  assert.ok(heapStats().inUse <= inUse + 4096, 'nothing was allocated (or wiped past its block)');
  await stillCorrect();
});

test('2: hashMany with 256 digests of 16 MiB never writes past its heap block', async () => {
  const controller = new AbortController();
  const call = pool.hashMany('shake128', Array.from({ length: 256 }, (_, i) => `m${i}`),
    { outputLength: 16 << 20, signal: controller.signal });
  setTimeout(() => controller.abort(), 300);
  // Before the fix the batch's digest area wrapped to 0 bytes and the pool died ("memory access
  // out of bounds"); now each such input streams on its own, so the call runs until aborted.
  await assert.rejects(call, { code: codes.ABORTED });
  const three = await pool.hashMany('shake256', ['a', 'b', 'c'], { outputLength: 16 << 20 });
  three.forEach((d, i) => assert.ok(d.equals(crypto.createHash('shake256', { outputLength: 16 << 20 }).update('abc'[i]).digest())));
  await stillCorrect();
});

test('3: objects that pose as bytes are refused, not hashed', async () => {
  const posers = [
    new Proxy(new ArrayBuffer(1 << 20), {}),
    new Proxy(new Uint8Array(16), {}),
    { [Symbol.toStringTag]: 'ArrayBuffer', length: 3, 0: 1, 1: 2, 2: 3 },
    { [Symbol.toStringTag]: 'Uint8Array', buffer: new ArrayBuffer(4), byteLength: 4, byteOffset: 0 },
  ];
  for (const poser of posers) {
    await assert.rejects(pool.hash('sha256', poser), { code: codes.INVALID_ARG, name: 'TypeError' });
    await assert.rejects(pool.hmac('sha256', poser, 'data'), { code: codes.INVALID_ARG });
  }
  await stillCorrect();
});

test('4: a heap too full for a job fails that job with OUT_OF_MEMORY, never the pool', async () => {
  const p = await createPool({ threads: 2 });
  try {
    const key = new Uint8Array(32).fill(7);
    // ~1.9 GiB of Argon2 blocks leave the heap almost nothing while it runs.
    const big = p.argon2id('pw', 'saltsalt', { memoryCost: 1_950_000, timeCost: 1, parallelism: 1 });
    await later(50);
    const expected = crypto.createHash('sha256').update('x').digest('hex');
    const results = await Promise.allSettled(Array.from({ length: 3000 }, (_, i) =>
      p.hashMany('blake3', [`message ${i}`, 'x'.repeat(i % 100)], { key, encoding: 'hex' })));
    const outcome = await Promise.allSettled([big]);
    for (const r of [...results, ...outcome]) {
      if (r.status === 'rejected') assert.equal(r.reason.code, codes.OUT_OF_MEMORY, r.reason.message);
    }
    assert.notEqual(p.stats().state, 'crashed');
    assert.equal(await p.hash('sha256', 'x', { encoding: 'hex' }), expected);
    await stillCorrect(p);
  } finally {
    await p.close();
  }
});

test('5: a hole in hashMany\'s inputs is refused like undefined', async () => {
  // eslint-disable-next-line no-sparse-arrays
  await assert.rejects(pool.hashMany('sha256', [, 'b']), { code: codes.INVALID_ARG, message: /inputs\[0\]/ });
  await assert.rejects(pool.hashMany('sha256', [undefined, 'b']), { code: codes.INVALID_ARG, message: /inputs\[0\]/ });
});

test('6: an abort reaches a call whose chunks wait in the queue', async () => {
  const p = await createPool({ threads: 1 });
  try {
    const busy = p.pbkdf2('pw', 'salt', 3_000_000, 32, 'sha256'); // holds the only thread ~1 s
    await later(20);
    // A 10-byte call is hashed inline while the turn has budget; past it, it joins a batch that
    // waits for the thread like any job. Spend the budget first, in the same turn.
    const spend = (n) => Array.from({ length: n }, () => p.hash('sha256', new Uint8Array(10)));
    for (const call of [
      (signal) => { const rest = spend(5000); const c = p.hash('sha256', new Uint8Array(10), { signal }); void rest; return c; },
      (signal) => p.hmac('sha256', 'key', new Uint8Array(100 << 10), { signal }),
      (signal) => p.hash('sha256', new Uint8Array(100 << 10), { signal }), // one chunk, queued
      (signal) => p.hash('sha256', new Uint8Array(5 << 20), { signal }), // three chunks
    ]) {
      const controller = new AbortController();
      const pending = call(controller.signal);
      let settled = false;
      pending.then(() => { settled = true; }, () => { settled = true; });
      await later(30);
      assert.equal(settled, false, 'still waiting behind the pbkdf2');
      controller.abort(new Error('gave up'));
      await assert.rejects(pending, (e) => e.code === codes.ABORTED && e.name === 'AbortError' && e.cause?.message === 'gave up');
    }
    // The aborts were answered before the busy thread came free.
    assert.equal(await Promise.race([busy.then(() => 'pbkdf2 done'), later(0).then(() => 'still busy')]), 'still busy');
    await busy;
    await stillCorrect(p);
  } finally {
    await p.close();
  }
});

test('7: running PBKDF2, scrypt and Argon2 stop soon after an abort, and close() does not hang', async () => {
  const p = await createPool({ threads: 2 });
  const calls = {
    pbkdf2: (signal) => p.pbkdf2('pw', 'salt', 2 ** 31 - 1, 32, 'sha256', { signal }),
    scrypt: (signal) => p.scrypt('pw', 'salt', 32, { N: 2 ** 17, r: 8, p: 64, maxmem: 2 ** 28, signal }),
    argon2: (signal) => p.argon2id('pw', 'saltsalt', { memoryCost: 1 << 20, timeCost: 10, parallelism: 1, signal }),
  };
  for (const [name, call] of Object.entries(calls)) {
    const controller = new AbortController();
    const pending = call(controller.signal);
    await later(150); // well into the work
    const aborted = performance.now();
    controller.abort();
    await assert.rejects(pending, { code: codes.ABORTED }, name);
    const ms = performance.now() - aborted;
    // Generous: the stop cell is polled about once a millisecond of work.
    assert.ok(ms < 2000, `${name} took ${ms.toFixed(0)} ms to stop`);
  }
  await stillCorrect(p);
  await p.close();
});

test('8: the heap gets its capacity back after a large Argon2', async () => {
  const p = await createPool({ threads: 2 });
  try {
    const argon2 = (mib) => p.argon2id('pw', 'saltsalt', { memoryCost: mib * 1024, timeCost: 1, parallelism: 1, hashLength: 16 });
    // Small allocations made while the large block is out, as a busy server makes them.
    const noise = () => Promise.all(Array.from({ length: 200 }, (_, i) =>
      p.hash('sha256', crypto.randomBytes(i * 1000)).then(() => p.hashMany('md5', ['a', 'b']))));
    // The sequence: one 1,400 MiB Argon2 while small allocations come and go…
    await Promise.all([argon2(1400), noise()]);
    await noise();
    // …after which the pair failed, and 1,400 MiB alone failed every time.
    await Promise.all([argon2(700), argon2(700)]);
    for (let i = 0; i < 3; i++) await argon2(1400);
    const { workInUse } = heapStats(p);
    assert.equal(workInUse, 0, 'all work memory is back in its regions');
    await stillCorrect(p);
  } finally {
    await p.close();
  }
});

test('9: Argon2 holds a long password once in the heap, not seven times', async () => {
  const p = await createPool({ threads: 2 });
  try {
    const password = crypto.randomBytes(64 << 20);
    const before = heapStats(p).heapSize;
    const tag = await p.argon2id(password, 'saltsalt', { memoryCost: 64, timeCost: 1, parallelism: 1 });
    const grown = heapStats(p).heapSize - before;
    // Before the fix: 32 → 457 MiB. Now: one copy of the password, plus the runtime's slack.
    assert.ok(grown <= 80 << 20, `the heap grew by ${(grown / 2 ** 20).toFixed(0)} MiB`);
    const reference = await argon2Reference.hash(password, {
      type: argon2Reference.argon2id, salt: Buffer.from('saltsalt'), memoryCost: 64, timeCost: 1, parallelism: 1, raw: true,
    });
    assert.ok(tag.equals(reference));
  } finally {
    await p.close();
  }
});

test('10: an engine refusal keeps its own code, never POOL_CLOSED on an open pool', async () => {
  const p = await createPool({ threads: 1 });
  try {
    const password = new Uint8Array(600 << 20);
    const result = await p.argon2id(password, 'saltsalt', { memoryCost: 8, timeCost: 1, parallelism: 1 })
      .then(() => 'ok', (e) => e.code);
    assert.ok(result === 'ok' || result === codes.OUT_OF_MEMORY, result);
    assert.equal(p.stats().state, 'open');
    await stillCorrect(p);
  } finally {
    await p.close();
  }
});

test('11: every rejection has a code: BigInt encodings, revoked Proxies, detached buffers, spoofed lengths', async () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const detached = new ArrayBuffer(8);
  const overDetached = [new Uint8Array(detached), new DataView(detached)];
  structuredClone(detached, { transfer: [detached] });
  const cases = [
    () => pool.hash('sha256', 'x', { encoding: 10n }),
    () => pool.hash('sha256', revoked.proxy),
    () => pool.hash('sha256', 'x', revoked.proxy),
    () => pool.hash(revoked.proxy, 'x'),
    () => pool.hashMany('sha256', revoked.proxy),
    () => pool.hash('sha256', detached),
    () => pool.hash('sha256', overDetached[0]),
    () => pool.hash('sha256', overDetached[1]),
    () => pool.hash('sha256', { length: 1e12 }),
    () => pool.hash('sha256', { [Symbol.toStringTag]: 'Uint8Array', byteLength: 1e12 }),
    () => pool.hash('blake3', 'x', { context: new Uint8Array(2 ** 32) }),
  ];
  for (const call of cases) {
    await assert.rejects(call(), (e) => typeof e.code === 'string' && e.code.startsWith('ERR_PARAHASH_'));
  }
  await assert.rejects(pool.scrypt('pw', 'salt', 32, { N: 3 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await assert.rejects(pool.scrypt('pw', 'salt', 32, { N: 2 ** 20 }), { code: codes.INVALID_ARG, name: 'RangeError' });
  await stillCorrect();
});

test('11: an HMAC key of 2^32 bytes is hashed first (RFC 2104)', async () => {
  const key = new Uint8Array(2 ** 32); // zero pages: no memory until read
  key[2 ** 32 - 1] = 1;
  const mac = await pool.hmac('blake2b512', key, 'message', { encoding: 'hex' });
  // RFC 2104: HMAC(K, m) = HMAC(H(K), m) for a K longer than the block. (node:crypto's own
  // createHmac keeps only the key's length mod 2^32 — an empty key here — so it is no oracle.)
  const hashedKey = crypto.createHash('blake2b512');
  for (let at = 0; at < key.length; at += 2 ** 30) hashedKey.update(key.subarray(at, at + 2 ** 30));
  assert.equal(mac, crypto.createHmac('blake2b512', hashedKey.digest()).update('message').digest('hex'));
  assert.ok(heapStats().heapSize < 512 << 20, 'the key was streamed, never copied whole');
});

test('11: createPool without WebAssembly or code generation is UNSUPPORTED, and the process exits', async () => {
  const source = `createPool({ threads: 2 }).then(() => console.log('started'), (e) => console.log(e.code, e.message));`;
  for (const flag of ['--jitless', '--disallow-code-generation-from-strings']) {
    const r = await run([flag, ...script(source)]);
    assert.equal(r.killed, undefined, `${flag}: the process did not exit by itself`);
    assert.match(r.stdout, new RegExp(`^${codes.UNSUPPORTED} `), `${flag}: ${r.stdout}${r.stderr}`);
  }
});

test('11: createPool with no address space left is OUT_OF_MEMORY', async () => {
  // 3 GiB of address space: enough for Node, not for a WebAssembly memory's reservation.
  const source = `createPool({ threads: 1 }).then(() => console.log('started'), (e) => console.log(e.code));`;
  const r = await new Promise((resolve) => execFile('/bin/sh', ['-c', `ulimit -v 3000000; exec "$0" "$@"`,
    process.execPath, ...script(source)], { timeout: 60_000 }, (error, stdout, stderr) => resolve({ error, stdout, stderr })));
  assert.equal(r.stdout.trim(), codes.OUT_OF_MEMORY, r.stdout + r.stderr);
});

test('12: a crash says what crashed, with a cause, and stderr stays quiet', async () => {
  const source = `(async () => { const pool = await createPool({ threads: 2 });
    const p = pool.hash('sha256', new Uint8Array(64 << 20));
    pool[Symbol.for('parahash.crashWorkerForTesting')](process.argv[1]);
    await p.catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message, cause: e.cause?.message })));
  })();`;
  for (const how of ['trap', 'abort']) {
    const r = await run([...script(source), how]);
    const out = JSON.parse(r.stdout);
    assert.equal(out.code, codes.POOL_CRASHED);
    assert.ok(out.cause && out.cause.length > 3, `cause: ${out.cause}`);
    assert.doesNotMatch(out.message, /crashed \(\)/, 'the message names the failure');
    assert.equal(r.stderr, '', `stderr: ${r.stderr.slice(0, 300)}`);
  }
});

test('13: an input detached or resized during a call is refused, never read stale', async () => {
  const p = await createPool({ threads: 1 });
  try {
    const busy = p.pbkdf2('pw', 'salt', 500_000, 32, 'sha256');
    const resizable = new ArrayBuffer(6 << 20, { maxByteLength: 6 << 20 });
    const shrunk = p.hash('sha256', new Uint8Array(resizable));
    resizable.resize(1 << 20);
    await assert.rejects(shrunk, { code: codes.INVALID_ARG, message: /changed while/ });

    const transferable = new ArrayBuffer(12 << 20);
    const moving = p.hash('sha256', transferable);
    await later(5);
    structuredClone(transferable, { transfer: [transferable] });
    await assert.rejects(moving, { code: codes.INVALID_ARG, message: /changed while/ });
    await busy;
    await stillCorrect(p);
  } finally {
    await p.close();
  }
});

test('14: a polluted Object.prototype changes no option', async () => {
  Object.prototype.encoding = 'latin1'; // eslint-disable-line no-extend-native
  Object.prototype.outputLength = 3; // eslint-disable-line no-extend-native
  try {
    const digest = await pool.hash('sha256', 'abc');
    assert.ok(Buffer.isBuffer(digest));
    assert.equal(digest.toString('hex'), sha256('abc'));
    assert.equal((await pool.hash('shake128', 'abc', {})).length, 16);
  } finally {
    delete Object.prototype.encoding;
    delete Object.prototype.outputLength;
  }
});

test('14: a string over maxInputLength is refused before it is encoded', async () => {
  const p = await createPool({ threads: 1, maxInputLength: 1000 });
  const encode = TextEncoder.prototype.encode;
  let encoded = 0;
  TextEncoder.prototype.encode = function (...args) {
    encoded++;
    return encode.apply(this, args);
  };
  try {
    await assert.rejects(p.hash('sha256', 'x'.repeat(500 << 20)), { code: codes.INPUT_TOO_LARGE });
    assert.equal(encoded, 0);
  } finally {
    TextEncoder.prototype.encode = encode;
    await p.close();
  }
});

test('14: one AbortSignal shared by many calls adds one listener', async () => {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const controller = new AbortController();
    const digests = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      pool.hash('sha256', `m${i}`, { signal: controller.signal, encoding: 'hex' })));
    digests.forEach((d, i) => assert.equal(d, sha256(`m${i}`)));
    await later(10);
    assert.deepEqual(warnings.map((w) => w.name), []);
  } finally {
    process.off('warning', onWarning);
  }
});

test('results are Buffers in Node, as node:crypto returns them', async () => {
  for (const result of [await pool.hash('sha256', 'abc'), (await pool.hashMany('sha256', ['abc']))[0],
    await pool.hmac('sha256', 'k', 'abc'), await pool.pbkdf2('pw', 'salt', 1, 16, 'sha256'),
    await pool.scrypt('pw', 'salt', 16, { N: 16 }), await pool.argon2id('pw', 'saltsalt', { memoryCost: 64, parallelism: 1 })]) {
    assert.ok(Buffer.isBuffer(result));
  }
  assert.equal((await pool.hash('sha256', 'abc')).toString('hex'), sha256('abc'));
  assert.equal(await pool.hash('sha256', 'abc', { encoding: 'buffer' }).then((b) => b.toString('hex')), sha256('abc'));
});
