'use strict';
// Errors that say what happened (issue 16, item 22): a throwing hashFiles onProgress fails the
// call as it does hashStream's and hashFile's; a permission model that forbids threads is
// ERR_PARAHASH_UNSUPPORTED naming the permission, not a crash; argon2Hash draws its salt with
// global WebCrypto turned off; a replaced SharedArrayBuffer makes the runtime print nothing on
// stdout. The runtime flags run in child processes.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createPool, codes } = require('parahash');

const ROOT = path.join(__dirname, '..', '..');

// Runs `script` (with `parahash` in scope) in `node ...flags`, from a file (`node -e` would add
// the built-in modules as globals, `crypto` among them); @return { stdout, stderr, status }.
function child(flags, script) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-child-'));
  const file = path.join(dir, 'child.js');
  fs.writeFileSync(file, `const parahash = require(${JSON.stringify(ROOT)});\n(async () => { ${script} })()` +
    '.catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(3); });');
  try {
    return spawnSync(process.execPath, [...flags, file], { encoding: 'utf8', timeout: 60_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// What a child printed last on stdout, as JSON.
const lastJson = (out) => JSON.parse(out.stdout.trim().split('\n').pop());

test('a throw in hashFiles\' onProgress rejects the call with that error, as hashFile and hashStream do', async () => {
  const pool = await createPool({ threads: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-progress-'));
  try {
    const paths = [];
    for (let i = 0; i < 6; i++) {
      paths.push(path.join(dir, `f${i}`));
      fs.writeFileSync(paths[i], Buffer.alloc(3 << 20, i));
    }
    const boom = new Error('listener failed');
    const throwing = () => { throw boom; };
    await assert.rejects(pool.hashFile(paths[0], 'sha256', { onProgress: throwing }), (e) => e === boom);
    await assert.rejects(pool.hashStream(fs.createReadStream(paths[0]), 'sha256', { onProgress: throwing }), (e) => e === boom);
    await assert.rejects(pool.hashFiles(paths, 'sha256', { onProgress: throwing }), (e) => e === boom);
    // Also when it throws once, in the middle of one file, with one file at a time or several.
    for (const concurrency of [1, 4]) {
      let thrown = false;
      const once = ({ file }) => {
        if (!thrown && file.bytesDone > 0 && file.bytesDone < file.bytesTotal) {
          thrown = true;
          throw boom;
        }
      };
      await assert.rejects(pool.hashFiles(paths, 'sha256', { concurrency, onProgress: once }), (e) => e === boom);
      assert.ok(thrown);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(pool.stats().pending, 0);
    assert.equal((await pool.hashFiles(paths, 'sha256')).filter((r) => r.error).length, 0);
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('under --experimental-permission without --allow-worker, calls reject with ERR_PARAHASH_UNSUPPORTED naming the permission', () => {
  const out = child(['--experimental-permission', '--allow-fs-read=*', '--no-warnings'], `
    const result = await parahash.hash('sha256', 'abc').then(() => ({ ok: true }), (e) => ({ code: e.code, message: e.message }));
    console.log(JSON.stringify(result));
  `);
  assert.equal(out.status, 0, out.stderr);
  const result = lastJson(out);
  assert.equal(result.code, codes.UNSUPPORTED, result.message);
  assert.match(result.message, /WorkerThreads/);
  assert.match(result.message, /--allow-worker/);
});

for (const [what, flags, prelude] of [
  ['--no-experimental-global-webcrypto', ['--no-experimental-global-webcrypto'], ''],
  ['globalThis.crypto deleted', [], 'delete globalThis.crypto; if (globalThis.crypto !== undefined) throw new Error("still there");'],
]) {
  test(`argon2Hash draws its salt with ${what}`, () => {
    const out = child(flags, `
      ${prelude}
      const pool = await parahash.createPool({ threads: 1 });
      const phc = await pool.argon2Hash('pw', { memoryCost: 64, timeCost: 1, parallelism: 1 })
        .catch((e) => ({ code: e.code, message: e.message }));
      const again = typeof phc === 'string' ? await pool.argon2Hash('pw', { memoryCost: 64, timeCost: 1, parallelism: 1 }) : undefined;
      const ok = typeof phc === 'string' && await pool.argon2Verify(phc, 'pw');
      await pool.close();
      console.log(JSON.stringify({ phc, again, ok, crypto: typeof globalThis.crypto }));
    `);
    assert.equal(out.status, 0, out.stderr);
    const result = lastJson(out);
    assert.equal(result.crypto, 'undefined');
    assert.equal(typeof result.phc, 'string', JSON.stringify(result.phc));
    assert.equal(result.ok, true);
    assert.notEqual(result.phc.split('$')[4], result.again.split('$')[4]);
  });
}

test('with no CSPRNG at all, argon2Hash rejects with ERR_PARAHASH_UNSUPPORTED (and argon2id still works)', () => {
  const out = child([], `
    delete globalThis.crypto;
    delete process.getBuiltinModule;
    const pool = await parahash.createPool({ threads: 1 });
    const o = { memoryCost: 64, timeCost: 1, parallelism: 1 };
    const code = await pool.argon2Hash('pw', o).then(() => 'resolved', (e) => e.code);
    const raw = await pool.argon2id('pw', 'saltsalt', { ...o, encoding: 'hex' });
    await pool.close();
    console.log(JSON.stringify({ code, raw: raw.length }));
  `);
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual(lastJson(out), { code: codes.UNSUPPORTED, raw: 64 });
});

test('with a replaced SharedArrayBuffer, nothing is printed on stdout and the call settles with a code', () => {
  const out = child([], `
    globalThis.SharedArrayBuffer = class SharedArrayBuffer { constructor(n) { this.byteLength = n; } };
    const result = await parahash.hash('sha256', 'abc', { encoding: 'hex' })
      .then((digest) => ({ digest }), (e) => ({ code: e.code, message: e.message }));
    process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n');
  `);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `stdout: ${out.stdout}`);
  const result = JSON.parse(lines[0].slice('RESULT '.length));
  if (result.digest === undefined) assert.match(String(result.code), /^ERR_PARAHASH_/, result.message);
  else assert.equal(result.digest, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
