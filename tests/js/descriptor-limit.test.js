'use strict';
// hashFiles with concurrency: 4096 (the documented maximum) under the usual 1,024-descriptor
// limit hashes every readable file: it neither asks for more descriptors than the process may
// hold nor reports EMFILE for a file that is fine (issue 16, item 21: 6,990 of 8,000 files came
// back EMFILE). Each case runs in a child shell with `ulimit -n` lowered.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const skip = process.platform === 'win32' && 'needs ulimit';
const ROOT = path.join(__dirname, '..', '..');

// Runs `script` (a CommonJS body with `dir` and `parahash` in scope) under `ulimit -n limit`;
// @return what it prints as JSON.
function underLimit(limit, dir, script) {
  const body = `const parahash = require(${JSON.stringify(ROOT)}); const dir = ${JSON.stringify(dir)};\n` +
    `(async () => { ${script} })().then((r) => { console.log(JSON.stringify(r)); }, (e) => { console.error(e); process.exit(1); });`;
  const out = execFileSync('bash', ['-c', `ulimit -n ${limit} && exec "$0" -e "$1"`, process.execPath, body],
    { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').pop());
}

let dir;
test.before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-fds-'));
  for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(dir, `f${i}`), `file ${i}\n`.repeat(1 + (i % 7)));
  // A few large enough to take the streamed path, which keeps its descriptor longer.
  for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `big${i}`), Buffer.alloc(300_000 + i, i));
});
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('hashFiles, concurrency 4096, 3,040 files under ulimit -n 1024: every digest right, no EMFILE', { skip, timeout: 180_000 }, () => {
  const result = underLimit(1024, dir, `
    const crypto = require('node:crypto');
    const fs = require('node:fs');
    const path = require('node:path');
    const names = fs.readdirSync(dir).sort();
    const paths = names.map((n) => path.join(dir, n));
    const pool = await parahash.createPool({ threads: 2 });
    const out = await pool.hashFiles(paths, 'sha256', { concurrency: 4096, encoding: 'hex' });
    let wrong = 0;
    const errors = {};
    out.forEach((r, i) => {
      if (r.error) errors[r.error.code] = (errors[r.error.code] ?? 0) + 1;
      else if (r.digest !== crypto.createHash('sha256').update(fs.readFileSync(paths[i])).digest('hex')) wrong++;
    });
    // The process can still open files of its own afterwards.
    fs.closeSync(fs.openSync(paths[0], 'r'));
    await pool.close();
    return { files: paths.length, wrong, errors };
  `);
  assert.deepEqual(result, { files: 3040, wrong: 0, errors: {} });
});

test('with all but 6 descriptors taken by the application, hashFiles still hashes every file', { skip, timeout: 180_000 }, () => {
  const result = underLimit(256, dir, `
    const fs = require('node:fs');
    const path = require('node:path');
    const paths = fs.readdirSync(dir).sort().slice(0, 400).map((n) => path.join(dir, n));
    const pool = await parahash.createPool({ threads: 2 });
    await pool.hash('sha256', 'warm');
    // The application holds every descriptor it can get, less six.
    const held = [];
    try { for (;;) held.push(fs.openSync(dir, 'r')); } catch (e) { if (e.code !== 'EMFILE') throw e; }
    held.splice(0, 6).forEach((fd) => fs.closeSync(fd));
    const out = await pool.hashFiles(paths, 'sha256', { concurrency: 4096 });
    held.forEach((fd) => fs.closeSync(fd));
    await pool.close();
    return { errors: out.filter((r) => r.error).map((r) => r.error.code).slice(0, 5), count: out.length };
  `);
  assert.deepEqual(result, { errors: [], count: 400 });
});
