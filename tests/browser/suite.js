'use strict';
// The browser tests, the same for every engine (tests/browser/engines.js): each engine's test
// file (tests/js/browser*.test.js) calls browserSuite(engine). Pages are served by the example's
// server on 127.0.0.1, cross-origin isolated (both headers) and not; each page computes, and
// Node checks against node:crypto, hash-wasm and the bad-input rules. What a page can do
// depends on the engine, not on a list kept here: threads need crossOriginIsolated,
// SharedArrayBuffer and Atomics.waitAsync, and each test asks the page which it has.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const hashWasm = require('hash-wasm');
const esbuild = require('esbuild');
const { ENGINES } = require('./engines');
const { listen } = require('../../examples/browser/server');
const { listenFaulty } = require('./faulty-server');
const { rows } = require('./bad-input-rows');
const { ACCEPTED, intrinsicBytes } = require('../js/bad-input-cases');

const ROOT = path.join(__dirname, '..', '..');
const LOAD_FAILED = 'ERR_PARAHASH_LOAD_FAILED';
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// The same bytes as tests/browser/harness.html's fill().
function fill(size, seed) {
  const out = Buffer.alloc(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

// [parahash name, node:crypto name or null, hash-wasm (data) → hex]
const ALGORITHMS = [
  ['sha256', 'sha256', (d) => hashWasm.sha256(d)],
  ['sha512', 'sha512', (d) => hashWasm.sha512(d)],
  ['sha1', 'sha1', (d) => hashWasm.sha1(d)],
  ['md5', 'md5', (d) => hashWasm.md5(d)],
  ['sha3-256', 'sha3-256', (d) => hashWasm.sha3(d, 256)],
  ['blake2b512', 'blake2b512', (d) => hashWasm.blake2b(d, 512)],
  ['blake3', null, (d) => hashWasm.blake3(d)],
  ['xxh64', null, (d) => hashWasm.xxhash64(d)],
  ['crc32', null, (d) => hashWasm.crc32(d)],
];
const SIZES = [0, 1, 64, 1000, 3 * 1024 * 1024 + 5];
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const ABC = sha256('abc');

// What the page has, and so what a pool there must be: threaded exactly when all three exist.
function capabilities() {
  const threaded = crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' &&
    typeof Atomics === 'object' && typeof Atomics.waitAsync === 'function';
  return { crossOriginIsolated, sharedArrayBuffer: typeof SharedArrayBuffer === 'function', threaded };
}

// A user's project (node_modules/parahash is this package) with one page, bundled with esbuild
// (then the package's files copied next to the bundle: esbuild does not follow new URL) and
// with Vite, as the README says; the Vite project also runs under `vite dev` and `vite preview`.
async function buildProject(build) {
  const project = path.join(build, 'project');
  fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  const link = path.join(project, 'node_modules', 'parahash');
  if (!fs.existsSync(link)) fs.symlinkSync(ROOT, link, 'dir');
  fs.writeFileSync(path.join(project, 'main.js'), [
    "import { createPool } from 'parahash';",
    'try {',
    '  const pool = await createPool();',
    "  const digest = await pool.hash('sha256', 'abc', { encoding: 'hex' });",
    "  const blake3 = await pool.hash('blake3', new Uint8Array(5 << 20), { encoding: 'hex' });",
    '  window.result = { digest, blake3, threads: pool.threads, isolated: pool.isolated };',
    '  await pool.close();',
    '} catch (error) {',
    '  window.result = { code: error.code, message: error.message };',
    '}',
  ].join('\n'));
  fs.writeFileSync(path.join(project, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>bundled</title><script type="module" src="./main.js"></script>\n');
  const esbuildOut = path.join(build, 'esbuild');
  await esbuild.build({
    entryPoints: [path.join(project, 'main.js')], bundle: true, format: 'esm', logLevel: 'warning',
    outfile: path.join(esbuildOut, 'main.js'), absWorkingDir: project,
  });
  for (const file of fs.readdirSync(path.join(link, 'dist', 'browser'))) {
    if (file !== 'parahash.mjs') fs.copyFileSync(path.join(link, 'dist', 'browser', file), path.join(esbuildOut, file));
  }
  fs.copyFileSync(path.join(project, 'index.html'), path.join(esbuildOut, 'index.html'));
  // Vite: optimizeDeps.exclude keeps the package out of the dependency pre-bundle (which would
  // move it away from its files); the build follows new URL and copies them.
  const vite = await import('vite');
  await vite.build(viteConfig(project, build, {}));
  return project;
}

// The README's Vite configuration (section "Bundlers and CDNs"), isolated or not.
function viteConfig(project, build, headers) {
  return {
    root: project, base: './', logLevel: 'warn', configFile: false, clearScreen: false,
    optimizeDeps: { exclude: ['parahash'] },
    build: { outDir: path.join(build, 'vite'), emptyOutDir: true, target: 'es2022' },
    server: { host: '127.0.0.1', port: 0, strictPort: false, headers },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, headers },
  };
}

// Waits for `page`'s window.result, set by the bundled project's main.js.
async function resultOf(tab) {
  await tab.waitFor(() => window.result, 30000);
  return tab.evaluate(() => window.result);
}

function browserSuite(engineName) {
  const build = path.join(ROOT, 'tests', 'browser', '.build', engineName);
  const buildPath = `/tests/browser/.build/${engineName}`;
  let driver;
  let project;
  const servers = {};
  const closers = [];

  before(async () => {
    fs.mkdirSync(build, { recursive: true });
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'tests/browser/matrix-page.js')],
      bundle: true, format: 'esm', platform: 'browser', logLevel: 'warning',
      outfile: path.join(build, 'matrix.mjs'),
      alias: { 'node:vm': path.join(ROOT, 'tests/browser/vm-shim.js') },
      define: { __filename: '"/no/such/file"' },
    });
    project = await buildProject(build);
    servers.isolated = await listen({ isolation: true });
    servers.fallback = await listen({ isolation: false });
    for (const { server } of Object.values(servers)) closers.push(() => server.close());
    driver = await ENGINES[engineName].start();
  });

  after(async () => {
    await driver?.close();
    for (const close of closers) await close();
  });

  async function open(mode, page = '/tests/browser/harness.html') {
    const url = typeof mode === 'string' && servers[mode] ? servers[mode].url + page : mode + page;
    const tab = await driver.open(url);
    await tab.waitFor(() => window.ready || window.result || window.appReady, 30000).catch(() => {});
    return tab;
  }

  for (const mode of ['isolated', 'fallback']) {
    const isolated = mode === 'isolated';

    test(`${engineName}, ${mode} page: threads exactly where the page has what they need, else one in a Worker with a warning saying what is missing`, async () => {
      const tab = await open(mode);
      const facts = await tab.evaluate(async () => {
        const pool = await parahash.createPool({ threads: 4 });
        const defaults = await parahash.createPool();
        const out = {
          threads: pool.threads, isolated: pool.isolated, warning: pool.warning,
          defaultThreads: defaults.threads, hardwareConcurrency: navigator.hardwareConcurrency,
          entryIsolated: parahash.isolated,
          isAlgorithm: ['sha256', 'SHA-256', 'Sha-256', 'blake3', 'md6', '', 42, null].map(parahash.isAlgorithm),
          defaultExport: parahash.default.isAlgorithm === parahash.isAlgorithm && parahash.default.isolated === parahash.isolated,
        };
        await pool.close();
        await defaults.close();
        return out;
      });
      const can = await tab.evaluate(capabilities);
      assert.equal(can.crossOriginIsolated, isolated);
      assert.equal(facts.isolated, can.threaded);
      assert.equal(facts.entryIsolated, can.threaded);
      assert.deepEqual(facts.isAlgorithm, [true, true, true, true, false, false, false, false]);
      assert.equal(facts.defaultExport, true);
      if (can.threaded) {
        assert.equal(facts.threads, 4);
        assert.equal(facts.defaultThreads, facts.hardwareConcurrency, 'threads default to navigator.hardwareConcurrency');
        assert.equal(facts.warning ?? undefined, undefined); // (null through WebKit's driver)
      } else {
        assert.equal(facts.threads, 1);
        assert.equal(facts.defaultThreads, 1);
        assert.match(facts.warning, /1 thread in a Web Worker instead of the 4 asked for/);
        if (!isolated) assert.match(facts.warning, /^This page is not cross-origin isolated/);
        else if (!can.sharedArrayBuffer) assert.match(facts.warning, /^This page is cross-origin isolated, but this browser does not give it SharedArrayBuffer/);
        else assert.match(facts.warning, /Atomics\.waitAsync/);
      }
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    });

    test(`${engineName}, ${mode} page: digests equal node:crypto's and hash-wasm's, through every path`, async () => {
      const tab = await open(mode);
      const got = await tab.evaluate(async ({ algorithms, sizes }) => {
        const pool = await parahash.createPool();
        const out = {};
        for (const algorithm of algorithms) {
          for (const size of sizes) {
            const data = fill(size, size + 1);
            const h = pool.createHash(algorithm);
            for (let at = 0; at < size; at += 100_000) h.update(data.subarray(at, at + 100_000));
            const piped = pool.createHash(algorithm);
            await new Blob([data]).stream().pipeTo(piped.writableStream);
            out[`${algorithm}/${size}`] = {
              hash: await pool.hash(algorithm, data, { encoding: 'hex' }),
              createHash: await h.digest('hex'),
              writableStream: await piped.digest('hex'),
              stream: await pool.hashStream(new Blob([data]).stream(), algorithm, { encoding: 'hex' }),
              topLevel: hex(await parahash.hash(algorithm, data)),
            };
          }
          out[`${algorithm}/many`] = await pool.hashMany(algorithm, sizes.map((s) => fill(s, s + 1)), { encoding: 'hex' });
        }
        const raw = await pool.hash('sha256', 'abc');
        out.resultType = Object.prototype.toString.call(raw);
        out.hmac = await pool.hmac('sha256', 'key', fill(1000, 1001), { encoding: 'hex' });
        out.argon2id = await pool.argon2id('password', 'somesalt', { memoryCost: 4096, timeCost: 3, parallelism: 4, encoding: 'hex' });
        out.pbkdf2 = hex(await pool.pbkdf2('password', 'salt', 1000, 32, 'sha256'));
        await pool.close();
        return out;
      }, { algorithms: ALGORITHMS.map(([name]) => name), sizes: SIZES });
      for (const [name, nodeName, wasm] of ALGORITHMS) {
        const expected = [];
        for (const size of SIZES) {
          const data = fill(size, size + 1);
          const reference = await wasm(data);
          if (nodeName) assert.equal(crypto.createHash(nodeName).update(data).digest('hex'), reference, 'the two references agree');
          expected.push(reference);
          for (const [route, digest] of Object.entries(got[`${name}/${size}`])) {
            assert.equal(digest, reference, `${name}, ${size} bytes, ${route}`);
          }
        }
        assert.deepEqual(got[`${name}/many`], expected, `${name} hashMany`);
      }
      assert.equal(got.resultType, '[object Uint8Array]');
      assert.equal(got.hmac, crypto.createHmac('sha256', 'key').update(fill(1000, 1001)).digest('hex'));
      assert.equal(got.argon2id, await hashWasm.argon2id({ password: 'password', salt: 'somesalt', memorySize: 4096, iterations: 3, parallelism: 4, hashLength: 32, outputType: 'hex' }));
      assert.equal(got.pbkdf2, crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'));
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    });

    test(`${engineName}, ${mode} page: timers and frames keep coming while 256 MiB hashes`, async () => {
      const tab = await open(mode);
      const run = await tab.evaluate(async () => {
        const pool = await parahash.createPool();
        const big = new Uint8Array(256 * 1024 * 1024);
        for (let i = 0; i < big.length; i += 4096) big[i] = i >>> 12;
        await pool.hash('blake3', 'warm-up');
        const r = await responsiveDuring(() => pool.hash('blake3', big, { encoding: 'hex' }));
        await pool.close();
        return r;
      });
      const big = Buffer.alloc(256 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 4096) big[i] = (i >>> 12) & 0xff;
      assert.equal(run.result, await hashWasm.blake3(big));
      // Generous: a quarter of the frames a 60 Hz display would show, a tick per 20 ms. The
      // longest gaps go to the bench (bench/browser.js), not into an assertion.
      const seconds = run.ms / 1000;
      assert.ok(run.frames >= Math.max(2, Math.floor(seconds * 15)), `${run.frames} frames in ${run.ms.toFixed(0)} ms`);
      assert.ok(run.ticks >= Math.max(2, Math.floor(seconds * 50)), `${run.ticks} ticks in ${run.ms.toFixed(0)} ms`);
      await tab.close();
    });

    test(`${engineName}, ${mode} page: a 64 MiB Blob through hashStream reports progress; pipeTo(hasher.writableStream), and writable as its alias`, async () => {
      const tab = await open(mode);
      const run = await tab.evaluate(async () => {
        const pool = await parahash.createPool();
        const blob = new Blob([fill(64 * 1024 * 1024, 7)]);
        const progress = [];
        const digest = await pool.hashStream(blob.stream(), 'sha256', {
          encoding: 'hex', bytesTotal: blob.size, onProgress: (p) => progress.push([p.bytesDone, p.bytesTotal]),
        });
        const hasher = pool.createHash('sha256');
        await blob.stream().pipeTo(hasher.writableStream);
        const piped = await hasher.digest('hex');
        const alias = pool.createHash('sha256');
        const same = alias.writable === alias.writableStream && alias.writable instanceof WritableStream;
        await blob.slice(0, 1000).stream().pipeTo(alias.writable);
        const aliased = await alias.digest('hex');
        const file = await pool.hashFile('/etc/hostname', 'sha256').catch((e) => ({ code: e.code, message: e.message }));
        const directory = await pool.hashDirectory('/etc', 'sha256').then(() => ({}), (e) => ({ code: e.code }));
        let sync;
        try {
          sync = { digest: pool.hashSync('sha256', 'abc') };
        } catch (e) {
          sync = { code: e.code };
        }
        await pool.close();
        // How many chunks this engine's Blob stream gives (Firefox: a few large ones).
        let chunks = 0;
        for (const reader = blob.stream().getReader(); !(await reader.read()).done;) chunks++;
        return { digest, piped, same, aliased, progress, file, directory, sync, chunks };
      });
      const data = fill(64 * 1024 * 1024, 7);
      const expected = sha256(data);
      assert.equal(run.digest, expected);
      assert.equal(run.piped, expected, 'readable.pipeTo(hasher.writableStream)');
      assert.equal(run.same, true, 'writable is the same WritableStream');
      assert.equal(run.aliased, sha256(data.subarray(0, 1000)), 'readable.pipeTo(hasher.writable)');
      // Progress comes at least once per MiB taken (at most once per MiB: 1.3 MiB chunks give
      // ~62 for 64 MiB), however large the engine's chunks (Firefox gives a few of 16 MiB and
      // more, which gave 2 reports before); 32 is at least one per 2 MiB.
      assert.ok(run.progress.length >= 32, `${run.progress.length} progress reports from ${run.chunks} chunks`);
      assert.deepEqual(run.progress.at(-1), [64 * 1024 * 1024, 64 * 1024 * 1024]);
      for (let i = 1; i < run.progress.length; i++) assert.ok(run.progress[i][0] >= run.progress[i - 1][0]);
      assert.equal(run.file.code, 'ERR_PARAHASH_UNSUPPORTED');
      assert.match(run.file.message, /hashStream\(file\.stream\(\)/);
      // No file system, and no module that starts synchronously: refused with a code, not a crash.
      assert.equal(run.directory.code, 'ERR_PARAHASH_UNSUPPORTED');
      assert.equal(run.sync.code, 'ERR_PARAHASH_UNSUPPORTED');
      await tab.close();
    });

    test(`${engineName}, ${mode} page: the bad-input matrix gives the same codes as in Node`, async () => {
      const tab = await open(mode);
      const can = await tab.evaluate(capabilities);
      await tab.evaluate(async (src) => {
        const script = document.createElement('script');
        script.type = 'module';
        script.src = src;
        document.head.append(script);
      }, `${buildPath}/matrix.mjs`);
      await tab.waitFor(() => typeof window.runMatrix === 'function', 30000);
      const options = { skipKdfs: !can.threaded };
      const report = await tab.evaluate((o) => runMatrix(parahash, o), options);
      const byId = new Map(report.map((r) => [r.id, r]));
      let checked = 0;
      for (const row of rows(options)) {
        const got = byId.get(row.id);
        assert.ok(got, `${row.id}: no report`);
        if (got.skipped) continue;
        if (row.still) {
          assert.equal(got.value.string, sha256('still fine'), row.id);
          assert.equal(got.state, 'open', row.id);
          continue;
        }
        const expected = row.expected();
        if (expected === ACCEPTED) {
          if (!got.ok && (got.code === 'ERR_PARAHASH_ABORTED' || got.code === 'ERR_PARAHASH_TIMEOUT')) continue;
          // Open (issue 16 report): WebKit with SharedArrayBuffer refuses a threaded pool with
          // maxInputLength 2^31 with OUT_OF_MEMORY, where Chromium and Firefox accept it.
          if (engineName === 'webkit-sab' && !got.ok && got.code === 'ERR_PARAHASH_OUT_OF_MEMORY' &&
            row.id.startsWith('createPool options.maxInputLength')) continue;
          assert.ok(got.ok, `${row.id}: expected to be accepted, rejected with ${got.code}`);
          if (row.fn?.reference && row.hostile.bytes !== undefined && got.value?.hex !== undefined && row.position !== undefined) {
            const args = row.fn.good();
            const value = row.hostile.make();
            args[row.position] = typeof value === 'string' ? Buffer.from(value) : Buffer.from(intrinsicBytes(value));
            const reference = row.fn.reference({ crypto, fs }, args);
            assert.equal(got.value.hex, Buffer.from(reference).toString('hex'), `${row.id}: wrong result`);
          }
        } else {
          const [code, cls] = expected;
          assert.equal(got.ok, false, `${row.id}: expected ${code}, resolved`);
          assert.equal(got.code, code, row.id);
          assert.equal(got.cls, cls, row.id);
          assert.ok(got.long, `${row.id}: the message says what was wrong`);
        }
        checked++;
      }
      assert.ok(checked > 1500, `${checked} rows checked`);
      await tab.close();
    });

    test(`${engineName}, ${mode} page: locateFile, a module or worker that cannot load, aborts and close`, async () => {
      const tab = await open(mode);
      const can = await tab.evaluate(capabilities);
      const got = await tab.evaluate(async (threaded) => {
        const out = {};
        const base = new URL('/dist/browser/', location.href).href;
        // A relative answer is the page's URL, as in its HTML.
        const located = await parahash.createPool({ locateFile: (name) => `../../dist/browser/${name}` });
        out.located = await located.hash('sha256', 'abc', { encoding: 'hex' });
        await located.close();
        // The module (threads) or the worker (not) is missing: createPool rejects, it does not hang.
        const missing = threaded ? 'parahash-threads.mjs' : 'parahash-worker.mjs';
        const broken = parahash.createPool({ locateFile: (name, url) => (name === missing ? `${base}no-such-${name}` : url) });
        out.broken = await Promise.race([
          broken.then(() => 'resolved', (e) => [e.code, e.message]),
          new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10000)),
        ]);
        const pool = await parahash.createPool();
        // A timeout on a stream rejects with its own code, whoever noticed first.
        const slow = pool.createHash('sha256', { timeout: 1 });
        slow.update(new Uint8Array(32 << 20));
        out.timeout = await slow.digest('hex').then(() => 'resolved', (e) => e.code);
        // An abort while a stream is being opened, then the pool still works.
        const controller = new AbortController();
        const streamed = pool.hashStream(new Blob([new Uint8Array(8 << 20)]).stream(), 'sha256', { signal: controller.signal });
        controller.abort();
        out.aborted = await streamed.then(() => 'resolved', (e) => e.code);
        out.after = await pool.hash('sha256', 'abc', { encoding: 'hex' });
        // A hasher never digested ends with the pool.
        const left = pool.createHash('sha256');
        left.update(new Uint8Array(1 << 20));
        await pool.close();
        out.left = await left.digest('hex').then(() => 'resolved', (e) => e.code);
        out.state = pool.stats().state;
        return out;
      }, can.threaded);
      assert.equal(got.located, ABC);
      assert.ok(Array.isArray(got.broken), got.broken);
      assert.equal(got.broken[0], LOAD_FAILED);
      assert.match(got.broken[1], /no-such-parahash-(threads|worker)\.mjs answered HTTP 404/);
      assert.match(got.broken[1], /locateFile/);
      assert.equal(got.timeout, 'ERR_PARAHASH_TIMEOUT');
      assert.equal(got.aborted, 'ERR_PARAHASH_ABORTED');
      assert.equal(got.after, ABC);
      assert.equal(got.left, 'ERR_PARAHASH_POOL_CLOSED');
      assert.equal(got.state, 'closed');
      await tab.close();
    });

    for (const bundler of ['esbuild', 'vite']) {
      test(`${engineName}, ${mode} page: a page bundled with ${bundler}, as the README says`, async () => {
        const tab = await open(mode, `${buildPath}/${bundler}/index.html`);
        const can = await tab.evaluate(capabilities);
        const result = await resultOf(tab);
        assert.equal(result.digest, ABC, JSON.stringify(result));
        assert.equal(result.blake3, await hashWasm.blake3(Buffer.alloc(5 << 20)));
        assert.equal(result.isolated, can.threaded);
        assert.ok(can.threaded ? result.threads > 1 : result.threads === 1);
        assert.deepEqual(await tab.errors(), []);
        await tab.close();
      });
    }
  }

  // Issue 16, item 6: createPool never waits for ever on a file that does not load.
  test(`${engineName}: files that do not load — COEP on the HTML only still gives a working pool; a missing wasm, or a page in its place, rejects at once with ERR_PARAHASH_LOAD_FAILED naming the file; a wasm served as text/plain works`, async () => {
    const cases = [
      // [server faults, what the page does: a locateFile for the shipped worker scripts, or none]
      [{ headers: 'html' }, 'default'],
      [{ headers: 'html' }, 'worker urls'],
      [{ headers: 'all', wasm: 'missing' }, 'default'],
      [{ headers: 'none', wasm: 'missing' }, 'default'],
      [{ headers: 'all', wasm: 'html' }, 'default'],
      [{ headers: 'none', wasm: 'html' }, 'default'],
      [{ headers: 'all', wasm: 'text' }, 'default'],
      [{ headers: 'none', wasm: 'text' }, 'default'],
    ];
    for (const [faults, locate] of cases) {
      const { server, url } = await listenFaulty(faults);
      const what = `${JSON.stringify(faults)}, ${locate}`;
      try {
        const tab = await open(url);
        const can = await tab.evaluate(capabilities);
        const started = Date.now();
        const got = await tab.evaluate(async (byUrl) => {
          const options = byUrl
            ? { locateFile: (name, defaultUrl) => (/worker/.test(name) ? `/dist/browser/${name}?from=locateFile` : defaultUrl) }
            : {};
          const settled = parahash.createPool(options).then(async (pool) => {
            const digest = await pool.hash('sha256', 'abc', { encoding: 'hex' });
            await pool.close();
            return { digest, threads: pool.threads };
          }, (error) => ({ code: error.code, message: error.message }));
          return Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve({ hung: true }), 15000))]);
        }, locate === 'worker urls');
        const ms = Date.now() - started;
        assert.ok(!got.hung, `${what}: createPool still waiting after 15 s`);
        assert.ok(ms < 10000, `${what}: settled after ${ms} ms`);
        const threadsFromUrl = faults.headers === 'html' && locate === 'worker urls' && can.threaded;
        if (faults.wasm === 'missing' || faults.wasm === 'html') {
          assert.equal(got.code, LOAD_FAILED, `${what}: ${JSON.stringify(got)}`);
          assert.match(got.message, /parahash-(threads|single)\.wasm/, what);
          assert.match(got.message, faults.wasm === 'missing' ? /HTTP 404/ : /is not WebAssembly \(text\/html.*an HTML page/, what);
          assert.match(got.message, /locateFile/, what);
        } else if (threadsFromUrl) {
          // The threads' script from its URL, without COEP, in an isolated page: blocked, and said.
          assert.equal(got.code, LOAD_FAILED, `${what}: ${JSON.stringify(got)}`);
          assert.match(got.message, /parahash-threads\.worker\.js\S* was served without Cross-Origin-Embedder-Policy/, what);
          assert.match(got.message, /with every file, not only with the HTML/, what);
        } else {
          assert.equal(got.digest, ABC, `${what}: ${JSON.stringify(got)}`);
          assert.equal(got.threads > 1, can.threaded, what);
        }
        await tab.close();
      } finally {
        server.close();
      }
    }
  });

  // Issue 16, item 9: Vite's dev server with the README's configuration, and its build under
  // `vite preview`, isolated and not.
  for (const command of ['dev', 'preview']) {
    for (const isolated of [true, false]) {
      test(`${engineName}: vite ${command}${isolated ? ' with the isolation headers' : ' without isolation'}, as the README configures it`, async () => {
        const vite = await import('vite');
        const config = viteConfig(project, build, isolated ? ISOLATION : {});
        const server = command === 'dev' ? await vite.createServer(config) : await vite.preview(config);
        if (command === 'dev') await server.listen();
        try {
          const url = server.resolvedUrls.local[0];
          const tab = await driver.open(url);
          const can = await tab.evaluate(capabilities);
          assert.equal(can.crossOriginIsolated, isolated);
          const result = await resultOf(tab);
          assert.equal(result.digest, ABC, JSON.stringify(result));
          assert.equal(result.blake3, await hashWasm.blake3(Buffer.alloc(5 << 20)));
          assert.equal(result.isolated, can.threaded);
          assert.ok(can.threaded ? result.threads > 1 : result.threads === 1);
          await tab.close();
        } finally {
          await server.close();
        }
      });
    }
  }

  // Issue 16, item 8: the example page says what is really missing.
  test(`${engineName}: the example page's message checks crossOriginIsolated first, then says what is missing`, async () => {
    for (const mode of ['isolated', 'fallback']) {
      const tab = await open(mode, '/examples/browser/');
      await tab.waitFor(() => window.appReady, 30000);
      const can = await tab.evaluate(capabilities);
      const page = await tab.evaluate(() => ({
        hidden: document.getElementById('warning').hidden,
        text: document.getElementById('warning').textContent,
        mode: document.getElementById('mode').textContent,
        threads: document.getElementById('threads').textContent,
      }));
      if (can.threaded) {
        assert.equal(page.hidden, true, `${mode}: ${page.text}`);
        assert.equal(page.mode, 'cross-origin isolated');
      } else if (!can.crossOriginIsolated) {
        assert.equal(page.hidden, false);
        assert.match(page.text, /^This page is not cross-origin isolated/);
        assert.match(page.text, /Cross-Origin-Opener-Policy/);
        assert.equal(page.mode, 'not isolated');
      } else {
        assert.equal(page.hidden, false);
        assert.match(page.text, /^This page is cross-origin isolated, but/);
        assert.doesNotMatch(page.text, /served without/);
        assert.match(page.text, can.sharedArrayBuffer ? /Atomics\.waitAsync/ : /SharedArrayBuffer/);
        assert.equal(page.mode, 'cross-origin isolated');
      }
      assert.equal(page.threads, can.threaded ? page.threads : '1 thread in a Web Worker');
      assert.deepEqual(await tab.errors(), []);
      await tab.close();
    }
  });
}

module.exports = { browserSuite };
