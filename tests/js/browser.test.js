'use strict';
// parahash in a real browser: Debian's chromium, headless, driven by playwright-core
// (TOOLCHAIN.md §9), pages served by the example's server on 127.0.0.1 — with the COOP/COEP
// headers (cross-origin isolated: the threaded module) and without (one thread in a Worker).
// Each page computes; Node checks against node:crypto, hash-wasm and the bad-input rules.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const hashWasm = require('hash-wasm');
const esbuild = require('esbuild');
const { chromium } = require('playwright-core');
const { listen } = require('../../examples/browser/server');
const { rows } = require('../browser/bad-input-rows');
const { ACCEPTED, intrinsicBytes } = require('./bad-input-cases');

const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'tests', 'browser', '.build');
const CHROMIUM = process.env.PARAHASH_CHROMIUM ?? '/usr/bin/chromium';

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

let browser;
const servers = {};

before(async () => {
  assert.ok(fs.existsSync(CHROMIUM), `chromium is missing at ${CHROMIUM} (scripts/ensure-toolchain.sh installs it)`);
  fs.mkdirSync(BUILD, { recursive: true });
  await buildPages();
  servers.isolated = await listen({ isolation: true });
  servers.fallback = await listen({ isolation: false });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  for (const { server } of Object.values(servers)) server.close();
});

// The matrix page (bad-input rows bundled for the browser), a page bundled with esbuild and one
// bundled with Vite, each following the README's recipe.
async function buildPages() {
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'tests/browser/matrix-page.js')],
    bundle: true, format: 'esm', platform: 'browser', logLevel: 'warning',
    outfile: path.join(BUILD, 'matrix.mjs'),
    alias: { 'node:vm': path.join(ROOT, 'tests/browser/vm-shim.js') },
    define: { __filename: '"/no/such/file"' },
  });
  // A user's project: node_modules/parahash is this package.
  const project = path.join(BUILD, 'project');
  fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  const link = path.join(project, 'node_modules', 'parahash');
  if (!fs.existsSync(link)) fs.symlinkSync(ROOT, link, 'dir');
  fs.writeFileSync(path.join(project, 'main.js'), [
    "import { createPool } from 'parahash';",
    'const pool = await createPool();',
    "const digest = await pool.hash('sha256', 'abc', { encoding: 'hex' });",
    "const blake3 = await pool.hash('blake3', new Uint8Array(5 << 20), { encoding: 'hex' });",
    'window.result = { digest, blake3, threads: pool.threads, isolated: pool.isolated };',
  ].join('\n'));
  fs.writeFileSync(path.join(project, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>bundled</title><script type="module" src="./main.js"></script>\n');
  // esbuild: bundle, then copy the package's browser files next to the bundle (esbuild does not
  // follow new URL(…, import.meta.url)).
  const esbuildOut = path.join(BUILD, 'esbuild');
  await esbuild.build({
    entryPoints: [path.join(project, 'main.js')], bundle: true, format: 'esm', logLevel: 'warning',
    outfile: path.join(esbuildOut, 'main.js'), absWorkingDir: project,
  });
  for (const file of fs.readdirSync(path.join(link, 'dist', 'browser'))) {
    if (file !== 'parahash.mjs') fs.copyFileSync(path.join(link, 'dist', 'browser', file), path.join(esbuildOut, file));
  }
  fs.copyFileSync(path.join(project, 'index.html'), path.join(esbuildOut, 'index.html'));
  // Vite: optimizeDeps.exclude keeps the package out of the pre-bundle (which would move it away
  // from its files); the build follows new URL and copies them.
  const vite = await import('vite');
  await vite.build({
    root: project, base: './', logLevel: 'warn', configFile: false,
    optimizeDeps: { exclude: ['parahash'] },
    build: { outDir: path.join(BUILD, 'vite'), emptyOutDir: true, target: 'es2022' },
  });
}

async function open(mode, page = '/tests/browser/harness.html') {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error));
  await tab.goto(servers[mode].url + page);
  tab.errors = errors;
  return tab;
}

for (const mode of ['isolated', 'fallback']) {
  const isolated = mode === 'isolated';

  test(`${mode} page: ${isolated ? 'cross-origin isolated, more than one thread' : 'one thread in a Worker, with a warning'}`, async () => {
    const tab = await open(mode);
    await tab.waitForFunction(() => window.ready);
    const facts = await tab.evaluate(async () => {
      const pool = await parahash.createPool({ threads: 4 });
      const defaults = await parahash.createPool();
      const out = {
        crossOriginIsolated, threads: pool.threads, isolated: pool.isolated, warning: pool.warning,
        defaultThreads: defaults.threads, hardwareConcurrency: navigator.hardwareConcurrency,
        entryIsolated: parahash.isolated,
      };
      await pool.close();
      await defaults.close();
      return out;
    });
    assert.equal(facts.crossOriginIsolated, isolated);
    assert.equal(facts.isolated, isolated);
    assert.equal(facts.entryIsolated, isolated);
    if (isolated) {
      assert.equal(facts.threads, 4);
      assert.ok(facts.defaultThreads > 1, `threads default to navigator.hardwareConcurrency (${facts.hardwareConcurrency})`);
      assert.equal(facts.defaultThreads, facts.hardwareConcurrency);
      assert.equal(facts.warning, undefined);
    } else {
      assert.equal(facts.threads, 1);
      assert.equal(facts.defaultThreads, 1);
      assert.match(facts.warning, /not cross-origin isolated.*1 thread.*4 asked for/);
    }
    assert.deepEqual(tab.errors, []);
    await tab.close();
  });

  test(`${mode} page: digests equal node:crypto's and hash-wasm's, through every path`, async () => {
    const tab = await open(mode);
    await tab.waitForFunction(() => window.ready);
    const got = await tab.evaluate(async ({ algorithms, sizes }) => {
      const pool = await parahash.createPool();
      const out = {};
      for (const algorithm of algorithms) {
        for (const size of sizes) {
          const data = fill(size, size + 1);
          const h = pool.createHash(algorithm);
          for (let at = 0; at < size; at += 100_000) h.update(data.subarray(at, at + 100_000));
          out[`${algorithm}/${size}`] = {
            hash: await pool.hash(algorithm, data, { encoding: 'hex' }),
            createHash: await h.digest('hex'),
            stream: await pool.hashStream(new Blob([data]).stream(), algorithm, { encoding: 'hex' }),
            topLevel: hex(await parahash.hash(algorithm, data)),
          };
        }
        out[`${algorithm}/many`] = await pool.hashMany(algorithm, sizes.map((s) => fill(s, s + 1)), { encoding: 'hex' });
      }
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
    assert.equal(got.hmac, crypto.createHmac('sha256', 'key').update(fill(1000, 1001)).digest('hex'));
    assert.equal(got.argon2id, await hashWasm.argon2id({ password: 'password', salt: 'somesalt', memorySize: 4096, iterations: 3, parallelism: 4, hashLength: 32, outputType: 'hex' }));
    assert.equal(got.pbkdf2, crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'));
    assert.deepEqual(tab.errors, []);
    await tab.close();
  });

  test(`${mode} page: timers and frames keep coming while 256 MiB hashes`, async () => {
    const tab = await open(mode);
    await tab.waitForFunction(() => window.ready);
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

  test(`${mode} page: a 64 MiB Blob through hashStream reports progress and the right digest`, async () => {
    const tab = await open(mode);
    await tab.waitForFunction(() => window.ready);
    const run = await tab.evaluate(async () => {
      const pool = await parahash.createPool();
      const blob = new Blob([fill(64 * 1024 * 1024, 7)]);
      const progress = [];
      const digest = await pool.hashStream(blob.stream(), 'sha256', {
        encoding: 'hex', bytesTotal: blob.size, onProgress: (p) => progress.push([p.bytesDone, p.bytesTotal]),
      });
      const hasher = pool.createHash('sha256');
      await blob.stream().pipeTo(hasher.writable);
      const piped = await hasher.digest('hex');
      const file = await pool.hashFile('/etc/hostname', 'sha256').catch((e) => ({ code: e.code, message: e.message }));
      await pool.close();
      return { digest, piped, progress, file };
    });
    const expected = crypto.createHash('sha256').update(fill(64 * 1024 * 1024, 7)).digest('hex');
    assert.equal(run.digest, expected);
    assert.equal(run.piped, expected, 'readable.pipeTo(hasher.writable)');
    assert.ok(run.progress.length >= 8, `${run.progress.length} progress reports`);
    assert.deepEqual(run.progress.at(-1), [64 * 1024 * 1024, 64 * 1024 * 1024]);
    for (let i = 1; i < run.progress.length; i++) assert.ok(run.progress[i][0] >= run.progress[i - 1][0]);
    assert.equal(run.file.code, 'ERR_PARAHASH_UNSUPPORTED');
    assert.match(run.file.message, /hashStream\(file\.stream\(\)/);
    await tab.close();
  });

  test(`${mode} page: the bad-input matrix gives the same codes as in Node`, async () => {
    const tab = await open(mode);
    await tab.waitForFunction(() => window.ready);
    await tab.addScriptTag({ url: '/tests/browser/.build/matrix.mjs', type: 'module' });
    await tab.waitForFunction(() => typeof window.runMatrix === 'function');
    const options = { skipKdfs: !isolated };
    const report = await tab.evaluate((o) => runMatrix(parahash, o), options);
    const byId = new Map(report.map((r) => [r.id, r]));
    let checked = 0;
    const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');
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

  test(`${mode} page: locateFile, a worker that cannot load, aborts and close`, async () => {
    const tab = await open(mode);
    await tab.waitForFunction(() => window.ready);
    const got = await tab.evaluate(async (isolated) => {
      const out = {};
      const base = new URL('/dist/browser/', location.href).href;
      // A relative answer is the page's URL, as in its HTML.
      const located = await parahash.createPool({ locateFile: (name) => `../../dist/browser/${name}` });
      out.located = await located.hash('sha256', 'abc', { encoding: 'hex' });
      await located.close();
      // The module (isolated) or the worker (not) is missing: createPool rejects, it does not hang.
      const missing = isolated ? 'parahash-threads.mjs' : 'parahash-worker.mjs';
      const broken = parahash.createPool({ locateFile: (name, url) => (name === missing ? `${base}no-such-${name}` : url) });
      out.broken = await Promise.race([
        broken.then(() => 'resolved', (e) => e.code),
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
    }, isolated);
    const abc = crypto.createHash('sha256').update('abc').digest('hex');
    assert.equal(got.located, abc);
    assert.equal(got.broken, isolated ? 'ERR_PARAHASH_UNSUPPORTED' : 'ERR_PARAHASH_POOL_CRASHED');
    assert.equal(got.timeout, 'ERR_PARAHASH_TIMEOUT');
    assert.equal(got.aborted, 'ERR_PARAHASH_ABORTED');
    assert.equal(got.after, abc);
    assert.equal(got.left, 'ERR_PARAHASH_POOL_CLOSED');
    assert.equal(got.state, 'closed');
    await tab.close();
  });

  for (const bundler of ['esbuild', 'vite']) {
    test(`${mode} page: a page bundled with ${bundler}, as the README says`, async () => {
      const tab = await open(mode, `/tests/browser/.build/${bundler}/index.html`);
      await tab.waitForFunction(() => window.result, null, { timeout: 30000 });
      const result = await tab.evaluate(() => window.result);
      assert.equal(result.digest, crypto.createHash('sha256').update('abc').digest('hex'));
      assert.equal(result.blake3, await hashWasm.blake3(Buffer.alloc(5 << 20)));
      assert.equal(result.isolated, isolated);
      assert.ok(isolated ? result.threads > 1 : result.threads === 1);
      assert.deepEqual(tab.errors, []);
      await tab.close();
    });
  }
}
