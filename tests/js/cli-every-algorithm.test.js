'use strict';
// Every kernel row (dist/algorithms.json, generated from src/kernels/kernels.def) through the
// `parahash` command: printed (-a ALG), tagged (--tag) and checked (-c of its own output, GNU
// and BSD lines), each digest equal to the library's own hash() of the same bytes. A new row
// is covered with no new test code, and a row the command cannot format fails here.
// The command runs in this process (js/cli/main.js, as js/cli/parahash.js calls it) rather than
// as 22 × 6 child processes; tests/js/cli.test.js runs the installed binary against the peers.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const parahash = require('../../js/index.js');
const { main } = require('../../js/cli/main');
const { Stdin } = require('../../js/cli/stdio');
const { SEED, rng, randomBytes } = require('./helpers');

const rows = require('../../dist/algorithms.json');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-every-algorithm-'));
const next = rng(SEED);
// A backslash in a name: each tool escapes it its own way (or not), and -c must read it back.
// One file above the command's 256 KiB read-whole limit, so it streams through hashFile.
const FILES = {
  empty: new Uint8Array(0),
  abc: Buffer.from('abc'),
  'back\\slash': randomBytes(1000, next),
  streamed: randomBytes(300 * 1024 + 7, next),
};
const paths = Object.keys(FILES).map((name) => path.join(dir, name));
for (const [name, bytes] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), bytes);

after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await parahash.closeDefaultPool();
});

// What js/cli/stdio.js's Output gives main(): write(), and no terminal.
function sink() {
  const parts = [];
  return {
    write(text) {
      parts.push(typeof text === 'string' ? text : Buffer.from(text).toString('latin1'));
      return true;
    },
    isTTY: false,
    columns: 80,
    text: () => parts.join(''),
  };
}

// argv: byte strings (every name here is ASCII). @return { status, stdout, stderr }
async function command(...argv) {
  const stdout = sink();
  const stderr = sink();
  const status = await main({ argv, stdout, stderr, stdin: new Stdin({ closed: true }) });
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

// A name as a line writes it, with the line's leading "\" when escaped (coreutils, b3sum).
const unescaped = (escaped, name) => (escaped ? name.replace(/\\(\\|n|r)/g, (_, c) => ({ '\\': '\\', n: '\n', r: '\r' })[c]) : name);

// "HEX  NAME" lines → Map(name → hex)
function gnuLines(text) {
  const digests = new Map();
  for (const line of text.split('\n').slice(0, -1)) {
    const m = /^(\\?)([0-9a-f]+) [ *](.*)$/.exec(line);
    assert.ok(m, `a GNU line: ${JSON.stringify(line)}`);
    digests.set(unescaped(m[1], m[3]), m[2]);
  }
  return digests;
}

// "TAG (NAME) = HEX" lines → { tags: Set, digests: Map(name → hex) }
function bsdLines(text) {
  const digests = new Map();
  const tags = new Set();
  for (const line of text.split('\n').slice(0, -1)) {
    const m = /^(\\?)(\S+) \((.*)\) = ([0-9a-f]+)$/.exec(line);
    assert.ok(m, `a BSD line: ${JSON.stringify(line)}`);
    tags.add(m[2]);
    digests.set(unescaped(m[1], m[3]), m[4]);
  }
  return { tags, digests };
}

async function expected(algorithm, outputLength) {
  const options = { encoding: 'hex', ...(outputLength === undefined ? {} : { outputLength }) };
  return new Map(await Promise.all(paths.map(async (p) => [p, await parahash.hash(algorithm, FILES[path.basename(p)], options)])));
}

// -c of a sums file: every file OK, status 0, and nothing on stderr.
async function checks(label, lines, ...args) {
  const sums = path.join(dir, `${label}.sums`);
  fs.writeFileSync(sums, lines, 'latin1');
  const r = await command(...args, '-c', sums);
  assert.equal(r.stderr, '', `${label}: -c stderr`);
  assert.equal(r.status, 0, `${label}: -c status`);
  // "NAME: OK", the name shown as each tool shows it (escaped, with a leading "\", or not).
  const ok = r.stdout.split('\n').slice(0, -1).map((line) => {
    const m = /^(\\?)(.*): OK$/.exec(line);
    return m && unescaped(m[1], m[2]);
  });
  assert.deepEqual(ok, paths, `${label}: every file OK, in order`);
}

test('the registry is not empty, and the seed is printed', (t) => {
  t.diagnostic(`PARAHASH_TEST_SEED=${SEED}`);
  assert.ok(rows.length > 0);
});

test('--help names every algorithm', async () => {
  const r = await command('--help');
  assert.equal(r.status, 0);
  for (const { name } of rows) assert.ok(r.stdout.split(/\s+/).includes(name), `--help lists ${name}`);
});

for (const row of rows) {
  test(`${row.name}: printed, tagged and checked by the command, digests equal to hash()`, { timeout: 120_000 }, async () => {
    const want = await expected(row.name);

    const printed = await command('-a', row.name, ...paths);
    assert.equal(printed.stderr, '');
    assert.equal(printed.status, 0);
    assert.deepEqual(gnuLines(printed.stdout), want, 'parahash -a ALG: the GNU lines');

    const tagged = await command('-a', row.name, '--tag', ...paths);
    assert.equal(tagged.stderr, '');
    assert.equal(tagged.status, 0);
    const bsd = bsdLines(tagged.stdout);
    assert.deepEqual(bsd.digests, want, 'parahash -a ALG --tag: the digests');
    assert.equal(bsd.tags.size, 1, 'one tag for one algorithm');

    await checks(`${row.name}-gnu`, printed.stdout, '-a', row.name);
    await checks(`${row.name}-bsd`, tagged.stdout, '-a', row.name);

    // A variable-length algorithm at a length other than its default: -l, and a tag that says it.
    if (row.minOutput !== row.maxOutput) {
      const bytes = row.digestSize > Math.max(1, row.minOutput) ? row.digestSize - 1 : row.digestSize + 1;
      const wantShort = await expected(row.name, bytes);
      const bits = String(bytes * 8);
      const short = await command('-a', row.name, '-l', bits, ...paths);
      assert.equal(short.status, 0, short.stderr);
      assert.deepEqual(gnuLines(short.stdout), wantShort, `-l ${bits}: the GNU lines`);
      const shortTagged = await command('-a', row.name, '-l', bits, '--tag', ...paths);
      assert.equal(shortTagged.status, 0, shortTagged.stderr);
      const shortBsd = bsdLines(shortTagged.stdout);
      assert.deepEqual(shortBsd.digests, wantShort, `-l ${bits} --tag: the digests`);
      assert.notDeepEqual(shortBsd.tags, bsd.tags, `-l ${bits} --tag: the tag says the length`);
      await checks(`${row.name}-l-gnu`, short.stdout, '-a', row.name, '-l', bits);
      await checks(`${row.name}-l-bsd`, shortTagged.stdout, '-a', row.name);
    }
  });
}
