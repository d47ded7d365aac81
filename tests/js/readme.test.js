'use strict';
// Every JavaScript snippet of README.md and of the other Markdown a user reads (DOCS: the
// recipes in docs/recipes.md among them), run as written, from the package as a user gets it:
// `npm pack` (once), installed into an empty folder elsewhere, each snippet saved there as a file
// so that `require('parahash')` and `import … from 'parahash'` resolve to the installed copy.
//
// Each snippet needs an entry in RUNNERS, keyed by its first line (or by a marker comment
// `// readme-test: NAME` / `<!-- readme-test: NAME -->` anywhere in it, for snippets whose first
// lines would clash). A snippet without an entry fails, and so does an entry that matches no
// snippet: none is skipped silently. An entry says how its snippet runs:
// - a script is run with node and its output checked, also given bad input (a missing file);
// - a server (anything that calls listen) is started with tests/js/readme/listen.cjs preloaded,
//   which moves its port to a free one on 127.0.0.1, then hit with good requests, with clients
//   that abort mid-upload (close and reset, plain and chunked, one and several at a time), with
//   a broken chunked body and with garbage, and must still answer correctly afterwards;
// - a snippet that uses Express's `app` and a `db` gets the tiny fakes of
//   tests/js/readme/fake-express.cjs, with Express 4's rule that a rejected handler is unhandled;
// - a browser snippet is syntax-checked (`node --check` on its module script) and its imports
//   must exist in the installed package.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');
const hashWasm = require('hash-wasm');
const { request, requestChunked, abortedUpload, brokenChunkedUpload, slowUploads, garbage } = require('./readme/clients');

const root = path.join(__dirname, '..', '..');
const LISTEN_HOOK = path.join(__dirname, 'readme', 'listen.cjs');
const FAKE_EXPRESS = path.join(__dirname, 'readme', 'fake-express.cjs');
const CHROMIUM = process.env.PARAHASH_CHROMIUM ?? '/usr/bin/chromium';
const JS_LANGUAGES = new Set(['js', 'javascript', 'cjs', 'mjs', 'jsx', 'ts', 'tsx', 'typescript', 'node']);

// ---------------------------------------------------------------------------------------------
// The snippets.

// @return [{ doc, line, heading, lang, source, key }] for every fenced block of `doc`; `key` is set
// for the snippets this file runs: every block of JavaScript, and every html block that holds a
// <script>.
function extractBlocks(doc, markdown) {
  const blocks = [];
  let heading = '';
  let open = null;
  markdown.split('\n').forEach((text, index) => {
    if (open === null) {
      const title = /^#{1,6}\s+(.*)$/.exec(text);
      if (title) heading = title[1];
      const fence = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(text);
      if (fence) open = { indent: fence[1].length, fence: fence[2], lang: fence[3].toLowerCase(), line: index + 1, heading, body: [] };
      return;
    }
    if (text.trim().startsWith(open.fence) && text.trim().replace(/[`~]/g, '') === '') {
      const source = open.body.map((l) => l.slice(Math.min(open.indent, l.length - l.trimStart().length))).join('\n') + '\n';
      let key;
      if (JS_LANGUAGES.has(open.lang) || (open.lang === 'html' && /<script\b/i.test(source))) {
        const marker = /(?:\/\/|<!--)\s*readme-test:\s*([\w.-]+)/.exec(source);
        key = marker ? `readme-test: ${marker[1]}` : source.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
      }
      blocks.push({ doc, line: open.line, heading: open.heading, lang: open.lang, source, key });
      open = null;
      return;
    }
    open.body.push(text);
  });
  return blocks;
}

// The Markdown files whose snippets run here: the README, CONTRIBUTING.md, bench/README.md and
// every file of docs/.
const DOCS = ['README.md', 'CONTRIBUTING.md', 'bench/README.md',
  ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const blocks = DOCS.flatMap((doc) => extractBlocks(doc, fs.readFileSync(path.join(root, doc), 'utf8')));
const snippets = blocks.filter((b) => b.key !== undefined);

// ---------------------------------------------------------------------------------------------
// Running things.

let work; // the temporary folder: the tarball, the user's project, the fixtures
let project; // the user's project, with parahash installed from the tarball

const childEnv = () => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT; // the runner's own; a snippet is no test file
  delete env.NODE_OPTIONS;
  return env;
};

// Runs node with `args` in the user's project. @return { code, signal, stdout, stderr }.
function node(args, { env = childEnv(), timeout = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

// A script that failed must say why in a line of its own, never with a stack trace (the recipe
// catches), and set a failing exit status.
function assertHandledFailure(r, pattern) {
  assert.equal(r.code, 1, `exit status; stderr:\n${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'a stack trace: the failure was not handled');
}

// Starts a server snippet, its port moved by the listen hook. @return a handle: its port, its
// stderr, the IPC messages it sent, waits on both, and stop().
function startServer(file, { env = childEnv() } = {}) {
  const child = spawn(process.execPath, ['--require', LISTEN_HOOK, file], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  const messages = [];
  const waiters = new Set();
  const wake = () => {
    for (const w of waiters) w();
  };
  child.stdout.resume();
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    wake();
  });
  child.on('message', (message) => {
    messages.push(message);
    wake();
  });
  child.on('exit', wake);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const server = {
    child,
    port: undefined,
    get stderr() {
      return stderr;
    },
    messages,
    // Resolves once predicate() holds; rejects if the server exits first or `timeout` ms pass.
    until(predicate, what, timeout = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate()) done(resolve);
          else if (exited()) done(reject, new Error(`the server exited (${child.exitCode ?? child.signalCode}) before ${what}; stderr:\n${stderr}`));
        };
        const timer = setTimeout(() => done(reject, new Error(`no ${what} within ${timeout} ms; stderr:\n${stderr}`)), timeout);
        const done = (settle, value) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle(value);
        };
        waiters.add(check);
        check();
      });
    },
    lines: (pattern) => stderr.split('\n').filter((l) => pattern.test(l)).length,
    assertAlive() {
      assert.ok(!exited(), `the server exited (${child.exitCode ?? child.signalCode}); stderr:\n${stderr}`);
    },
    async stop() {
      if (exited()) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
  return server.until(() => messages.some((m) => m.listening), 'listening').then(() => {
    server.port = messages.find((m) => m.listening).listening;
    return server;
  }, async (error) => {
    await server.stop();
    throw error;
  });
}

// The attacks every server snippet must survive, each followed by a check that it is alive.
// `failures()` counts the requests the server has seen fail (its handler's log lines, or the
// fakes' reports); every aborted upload must add one, so we know the abort reached the server
// and was dealt with before we look whether it is alive.
async function survivesAttacks(server, { path: urlPath = '/', headers = {}, failures }) {
  const count = failures;
  let expected = count();
  for (const chunked of [false, true]) {
    for (const how of ['close', 'reset']) {
      await abortedUpload(server.port, { path: urlPath, headers, how, chunked });
      expected += 1;
      await server.until(() => count() >= expected, `the failure of an aborted ${chunked ? 'chunked ' : ''}upload (${how})`);
      server.assertAlive();
    }
  }
  // Several at once, some after more bytes than the 4 MiB the hasher's Writable buffers.
  await Promise.all([1, 3, 6, 9].map((mib, i) => abortedUpload(server.port, {
    path: urlPath, headers, sent: mib << 20, how: i % 2 ? 'reset' : 'close', chunked: i >= 2,
  })));
  expected += 4;
  await server.until(() => count() >= expected, 'the failures of four aborted uploads');
  server.assertAlive();

  const broken = await brokenChunkedUpload(server.port, { path: urlPath, headers });
  assert.match(broken, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 400 /, 'a broken chunked body is a 400');
  expected += 1;
  await server.until(() => count() >= expected, 'the failure of a broken body');
  server.assertAlive();

  assert.match(await garbage(server.port), /^HTTP\/1\.1 400 /, 'garbage is a 400');
  server.assertAlive();

  // A whole request, and the client gone before the answer: the handler answers nobody. Whether
  // that went well shows in the caller's next good request and its check of stderr.
  const body = 'a'.repeat(1 << 20);
  await abortAfterRequest(server.port, `POST ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + `Content-Length: ${body.length}\r\n\r\n${body}`);
}

// No stack trace and no line other than the recipe's own failure lines on stderr.
function assertQuietStderr(server, allowed) {
  const unexpected = server.stderr.split('\n').filter((l) => l !== '' && !allowed.test(l));
  assert.deepEqual(unexpected, [], `unexpected stderr:\n${server.stderr}`);
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

// ---------------------------------------------------------------------------------------------
// One entry per snippet: the file it is saved as, and how it is run.

const RUNNERS = {
  // README's first example, CommonJS: `node example.cjs` hashes itself and a string.
  "const { hashFile, createHash } = require('parahash');": { file: 'example.cjs', run: runsFirstExample },
  // The same in ESM, with top-level await.
  "import { hashFile, createHash } from 'parahash';": { file: 'example.mjs', run: runsFirstExample },

  // Recipe: an upload hashed as it arrives.
  "const http = require('node:http');": {
    file: 'upload-server.js',
    async run(file, source, t) {
      const server = await startServer(file);
      try {
        const body = crypto.randomBytes(5 << 20);
        const good = async () => {
          const r = await request(server.port, { body });
          assert.equal(r.status, 200);
          assert.equal(r.body.toString(), await hashWasm.blake3(body));
        };
        await good();
        const empty = await request(server.port, { body: '' });
        assert.equal(empty.body.toString(), await hashWasm.blake3(''));
        const pieces = Array.from({ length: 3000 }, (_, i) => body.subarray(i * 1000, i * 1000 + 1 + (i % 7) * 300));
        const chunked = await requestChunked(server.port, pieces);
        assert.equal(chunked.status, 200);
        assert.equal(chunked.body.toString(), await hashWasm.blake3(Buffer.concat(pieces)));
        await survivesAttacks(server, { failures: () => server.lines(/^upload failed: /) });
        await good();
        server.assertAlive();
        // Issue 16 item 18: each open hasher past 64 KiB held 4 MiB of the 256 MiB staging budget
        // until digest(), so 64 slow uploads blocked every other call above 64 KiB.
        await t.test('66 slow uploads left open do not hold up another one', async () => {
          const before = server.lines(/^upload failed: /);
          const slow = await slowUploads(server.port, { count: 66 });
          try {
            // Before the fix it waited until the slow uploads ended; 10 s is far beyond a loaded
            // machine's time for 5 MiB (about 0.2 s alone).
            const started = Date.now();
            let timer;
            const r = await Promise.race([
              request(server.port, { body }),
              new Promise((resolve) => { timer = setTimeout(resolve, 10_000, { status: 'none within 10 s' }); }),
            ]).finally(() => clearTimeout(timer));
            assert.equal(r.status, 200, `answered after ${Date.now() - started} ms`);
            assert.equal(r.body.toString(), await hashWasm.blake3(body));
          } finally {
            await slow.close();
          }
          await server.until(() => server.lines(/^upload failed: /) >= before + 66, 'the slow uploads\' failures');
        });
        await good();
        server.assertAlive();
        assertQuietStderr(server, /^upload failed: \S+$/);
      } finally {
        await server.stop();
      }
    },
  },

  // Recipe: one file with progress and a deadline (`node hash-file.js /var/backups/db.tar`).
  "const { hashFile } = require('parahash');": {
    file: 'hash-file.js',
    async run(file) {
      const data = crypto.randomBytes((6 << 20) + 5);
      const target = path.join(work, 'db.tar');
      fs.writeFileSync(target, data);
      const r = await node([file, target]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${sha256(data)}  ${target}\n`);
      assert.match(r.stderr, /100 %\n$/);
      const emptyFile = path.join(work, 'empty.tar');
      fs.writeFileSync(emptyFile, '');
      const e = await node([file, emptyFile]);
      assert.equal(e.code, 0, e.stderr);
      assert.equal(e.stdout, `${sha256('')}  ${emptyFile}\n`);
      assertHandledFailure(await node([file, path.join(work, 'no-such.tar')]), /ENOENT/);
      assertHandledFailure(await node([file, work]), /EISDIR/);
    },
  },

  // Recipe: a directory (`node hash-dir.js /usr/lib`).
  "const { hashDirectory } = require('parahash');": {
    file: 'hash-dir.js',
    async run(file) {
      const dir = path.join(work, 'tree');
      const files = { 'a.txt': 'alpha', 'empty': '', 'sub/b.bin': crypto.randomBytes(70_000), 'sub/deeper/c': crypto.randomBytes(3 << 20) };
      for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), content);
      }
      fs.symlinkSync('a.txt', path.join(dir, 'link-to-a')); // a symlinked file is hashed, as -r does
      fs.symlinkSync('sub', path.join(dir, 'link-to-sub')); // a symlinked folder is not followed
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.writeFileSync(path.join(dir, 'node_modules', 'skipped'), 'x'); // the filter's subtree
      const r = await node([file, dir]);
      assert.equal(r.code, 0, r.stderr);
      const listed = { ...files, 'link-to-a': files['a.txt'] };
      const expected = await Promise.all(Object.entries(listed).map(async ([name, content]) => `${await hashWasm.blake3(content)}  ${path.join(dir, name)}`));
      // In byte order, as parahash -r prints them.
      assert.deepEqual(r.stdout.trim().split('\n'), expected.sort((a, b) => Buffer.compare(Buffer.from(a.slice(66)), Buffer.from(b.slice(66)))));
      assertHandledFailure(await node([file, path.join(work, 'no-such-folder')]), /ENOENT/);
    },
  },

  // Recipe (docs/recipes.md): a webhook's HMAC signature (GitHub's own example: secret, payload
  // and signature from docs.github.com, "Validating webhook deliveries").
  "const crypto = require('node:crypto');": {
    file: 'webhook-server.js',
    async run(file) {
      const server = await startServer(file, { env: { ...childEnv(), WEBHOOK_SECRET: "It's a Secret to Everybody" } });
      try {
        const signed = { 'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' };
        const good = async () => assert.equal((await request(server.port, { headers: signed, body: 'Hello, World!' })).status, 204);
        await good();
        assert.equal((await request(server.port, { headers: signed, body: 'Hello, World?' })).status, 401);
        assert.equal((await request(server.port, { body: 'Hello, World!' })).status, 401);
        assert.equal((await request(server.port, { headers: { 'X-Hub-Signature-256': 'sha256=' }, body: 'Hello, World!' })).status, 401);
        await survivesAttacks(server, { headers: signed, failures: () => server.lines(/^webhook failed: /) });
        await good();
        server.assertAlive();
        assertQuietStderr(server, /^webhook failed: \S+$/);
      } finally {
        await server.stop();
      }
      // Started without its secret: every request is a 500, and the server stays up.
      const unset = childEnv();
      delete unset.WEBHOOK_SECRET;
      const bare = await startServer(file, { env: unset });
      try {
        for (let i = 0; i < 2; i++) assert.equal((await request(bare.port, { body: 'Hello, World!' })).status, 500);
        bare.assertAlive();
        assertQuietStderr(bare, /^webhook failed: ERR_PARAHASH_INVALID_ARG$/);
      } finally {
        await bare.stop();
      }
    },
  },

  // Recipe: passwords in an Express handler, with fakes of `app` and `db`.
  "const { argon2Hash, argon2Verify } = require('parahash');": {
    file: 'passwords-server.js',
    wrap: (source) => `const { app, db } = require(${JSON.stringify(FAKE_EXPRESS)});\n${source}app.listen(8080);\n`,
    async run(file) {
      const server = await startServer(file);
      try {
        const json = (url, value) => request(server.port, {
          path: url, headers: { 'Content-Type': 'application/json' }, body: typeof value === 'string' ? value : JSON.stringify(value),
        }).then((r) => r.status);
        assert.equal(await json('/signup', { name: 'ada', password: 'correct horse' }), 201);
        assert.equal(await json('/login', { name: 'ada', password: 'correct horse' }), 200);
        assert.equal(await json('/login', { name: 'ada', password: 'battery staple' }), 401);
        assert.equal(await json('/login', { name: 'bob', password: 'correct horse' }), 401);
        // Bad requests: the recipe's checks, or the body parser's.
        for (const bad of ['{"name":"eve",', '[]', '{}', { name: 'eve' }, { name: 'eve', password: 42 }, { name: ['eve'], password: 'x' }, { password: null }]) {
          assert.equal(await json('/signup', bad), 400, JSON.stringify(bad));
          assert.equal(await json('/login', bad), 400, JSON.stringify(bad));
        }
        assert.equal((await request(server.port, { path: '/login', body: 'name=ada&password=x' })).status, 400);
        assert.equal(await json('/signup', { name: 'db-down', password: 'x' }), 500);
        server.assertAlive();
        // A client gone mid-body, and one gone while its password hashes: the handler finishes
        // (the user is stored) and answers nobody, and the server goes on.
        await survivesAttacks(server, {
          path: '/signup', headers: { 'Content-Type': 'application/json' },
          failures: () => server.messages.filter((m) => m.response?.sent === false).length,
        });
        server.assertAlive();
        const body = JSON.stringify({ name: 'grace', password: 'hopper' });
        await abortAfterRequest(server.port, `POST /signup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        await server.until(() => server.messages.some((m) => m.inserted === 'grace'), 'the gone client\'s user stored');
        assert.equal(await json('/login', { name: 'grace', password: 'hopper' }), 200);
        assert.equal(await json('/login', { name: 'ada', password: 'correct horse' }), 200);
        server.assertAlive();
        assertQuietStderr(server, /^$/);
      } finally {
        await server.stop();
      }
    },
  },

  // Recipe (docs/recipes.md): a pool of one's own.
  "const { createPool } = require('parahash');": {
    file: 'own-pool.js',
    async run(file) {
      const r = await node([file]);
      assert.equal(r.code, 0, r.stderr);
      for (const m of ['a', 'b', 'c']) assert.ok(r.stdout.includes(sha256(m)), `sha256('${m}') in\n${r.stdout}`);
      assert.match(r.stdout, /threads: 4/, 'the drain listener printed stats()');
      assert.equal(r.stderr, '');
    },
  },

  // Recipe (docs/recipes.md): an ETag where the code cannot await.
  "const { hashSync, createHash, codes } = require('parahash');": {
    file: 'etag.js',
    async run(file) {
      const r = await node([file]);
      assert.equal(r.code, 0, r.stderr);
      const body = JSON.stringify({ id: 7, items: ['a', 'b'] });
      const etag = `"${crypto.createHash('sha256').update(body).digest('base64url')}"`;
      const key = crypto.createHash('sha1').update('/api/items').update('v2').digest('hex');
      assert.equal(r.stdout, `${etag} ${key}\ntoo large for hashSync: await hash() instead\n`);
      assert.equal(r.stderr, '');
    },
  },

  // Recipe (docs/recipes.md): bcrypt to Argon2, a login at a time.
  "const { verifyPassword, argon2NeedsRehash, argon2Hash } = require('parahash');": {
    file: 'migrate.js',
    async run(file) {
      const r = await node([file]);
      assert.equal(r.code, 0, r.stderr);
      // Refused, and left as bcrypt; accepted and rehashed; then accepted as Argon2, to keep.
      assert.equal(r.stdout, 'false $2b$\ntrue $argon2id$\ntrue false\n');
      assert.equal(r.stderr, '');
    },
  },

  // Browsers: the file-input page. Syntax-checked; its imports must exist in the installed package.
  '<input type="file">': { file: 'page.html', run: checksBrowserPage },
};

async function runsFirstExample(file) {
  // As the README says: `node example.cjs`, which hashes its own file (process.argv[1]).
  const r = await node([path.basename(file)]);
  assert.equal(r.code, 0, r.stderr);
  const self = await hashWasm.blake3(fs.readFileSync(file));
  assert.equal(r.stdout, `${self} ${sha256('hello world')}\n`);
  assert.equal(r.stderr, '');
}

// Sends a whole request and, once the system has all its bytes, closes before the answer comes.
function abortAfterRequest(port, text) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end(text, () => socket.destroy()));
    socket.on('error', () => {});
    socket.on('close', resolve);
  });
}

// Serves the user's project as a static site, with the isolation headers or without them.
function serveProject(isolated) {
  const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = http.createServer((req, res) => {
    const file = path.join(project, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(project + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
      ...(isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The page in headless Chromium, isolated and not: no error while it loads, then a file picked
// as a user would, whose digest the page must log. Picking again is allowed while the page is
// still starting its pool (its listener is added after `await createPool()`).
async function runsPageInChromium(page) {
  const picked = path.join(work, 'picked.bin');
  const data = crypto.randomBytes((3 << 20) + 7);
  fs.writeFileSync(picked, data);
  const expected = await hashWasm.blake3(data);
  const { chromium } = require('playwright-core');
  assert.ok(fs.existsSync(CHROMIUM), `chromium is missing at ${CHROMIUM} (scripts/ensure-toolchain.sh installs it)`);
  const profile = fs.mkdtempSync(path.join(work, 'chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const isolated of [true, false]) {
      const server = await serveProject(isolated);
      try {
        const tab = await browser.newPage();
        const errors = [];
        const logged = [];
        tab.on('pageerror', (error) => errors.push(error.message));
        tab.on('console', (message) => logged.push(message.text()));
        await tab.goto(`http://127.0.0.1:${server.address().port}/${path.basename(page)}`, { waitUntil: 'networkidle' });
        assert.deepEqual(errors, [], `errors while the page loads (isolated: ${isolated})`);
        const deadline = Date.now() + 20_000;
        while (!logged.includes(expected)) {
          assert.ok(Date.now() < deadline, `no digest logged (isolated: ${isolated}); console: ${logged.slice(-5).join(' | ')}; errors: ${errors.join(' | ')}`);
          await tab.setInputFiles('input[type=file]', picked);
          await tab.waitForEvent('console', { predicate: (m) => m.text() === expected, timeout: 2_000 }).catch(() => {});
        }
        assert.deepEqual(errors, [], `errors on the page (isolated: ${isolated})`);
        await tab.close();
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

async function checksBrowserPage(file, source) {
  const scripts = [...source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, 'a page snippet without a <script>');
  for (const [n, [, attributes, body]] of scripts.entries()) {
    const module = /type\s*=\s*["']?module/i.test(attributes);
    const script = `${file}.${n}.${module ? 'mjs' : 'cjs'}`;
    fs.writeFileSync(script, body);
    const r = await node(['--check', script]);
    assert.equal(r.code, 0, `node --check ${path.basename(script)}:\n${r.stderr}`);
    for (const [, specifier] of body.matchAll(/\bimport\b[^'"]*?['"]([^'"]+)['"]/g)) {
      if (!specifier.startsWith('.')) continue; // a bare name is the page's import map's business
      assert.ok(fs.existsSync(path.resolve(path.dirname(file), specifier)), `${specifier} is not in the installed package`);
    }
  }
  await runsPageInChromium(file);
}

// ---------------------------------------------------------------------------------------------
// The tests.

before(() => {
  for (const built of ['dist/parahash.wasm', 'dist/browser/parahash.mjs']) {
    assert.ok(fs.existsSync(path.join(root, built)), `${built} is missing: run npm run build first`);
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-readme-'));
  // dist/ is built (npm test builds first): pack without prepack's rebuild, under the build lock
  // so that no build rewrites dist/ meanwhile. Whoever holds the lock for longer than a build
  // takes (a whole `npm test` run under it, this file included) is not building: pack anyway.
  const pack = ['pack', '--ignore-scripts', '--json', '--pack-destination', work];
  let packed;
  try {
    packed = execFileSync('flock', ['-w', '300', '/tmp/parahash-build.lock', 'npm', ...pack], { cwd: root });
  } catch (error) {
    if (error.code !== 'ENOENT' && error.status !== 1) throw error; // no flock here, or the wait ran out
    packed = execFileSync('npm', pack, { cwd: root });
  }
  const [{ filename }] = JSON.parse(packed);
  project = path.join(work, 'user-project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"user-project","private":true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, filename)], { cwd: project });
  const fromProject = createRequire(path.join(project, 'snippet.js'));
  assert.equal(fromProject.resolve('parahash'), path.join(project, 'node_modules', 'parahash', 'js', 'index.js'));
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('every fenced block of the docs names its language, so that no JavaScript hides in an untagged one', () => {
  const untagged = blocks.filter((b) => b.lang === '').map((b) => `${b.doc} line ${b.line} (${b.heading})`);
  assert.deepEqual(untagged, [], 'fenced blocks without a language: tag them (```js, ```sh, ```text, …)');
});

test('README.md and docs/recipes.md have JavaScript snippets, and every one of them has a runner here', () => {
  assert.ok(snippets.length >= 8, `found only ${snippets.length} snippets: is the extraction broken?`);
  for (const doc of ['README.md', 'docs/recipes.md']) assert.ok(snippets.some((s) => s.doc === doc), `no snippet found in ${doc}`);
  const missing = snippets.filter((s) => !Object.hasOwn(RUNNERS, s.key)).map((s) => `${s.doc} line ${s.line} (${s.heading}): ${s.key}`);
  assert.deepEqual(missing, [], 'snippets without an entry in RUNNERS (tests/js/readme.test.js)');
  const stale = Object.keys(RUNNERS).filter((key) => !snippets.some((s) => s.key === key));
  assert.deepEqual(stale, [], 'entries in RUNNERS that match no snippet any more');
});

snippets.forEach((snippet) => {
  const runner = Object.hasOwn(RUNNERS, snippet.key) ? RUNNERS[snippet.key] : undefined;
  test(`${snippet.doc} line ${snippet.line} (${snippet.heading}): ${snippet.key}`, { timeout: 60_000 }, async (t) => {
    assert.ok(runner, `no runner for this snippet: add an entry to RUNNERS keyed ${JSON.stringify(snippet.key)}`);
    // Several snippets may share a first line only if a marker tells them apart.
    const twins = snippets.filter((s) => s.key === snippet.key);
    assert.equal(twins.length, 1, `${twins.length} snippets start with this line: give each a readme-test marker`);
    const file = path.join(project, runner.file);
    assert.ok(!fs.existsSync(file), `two entries use the file name ${runner.file}`);
    fs.writeFileSync(file, runner.wrap ? runner.wrap(snippet.source) : snippet.source);
    await runner.run(file, snippet.source, t);
  });
});
