'use strict';
// The `parahash` command as installed from the tarball (node_modules/.bin/parahash), run next to
// sha256sum, md5sum, sha1sum, sha512sum (coreutils), b3sum and xxhsum on the same files: stdout
// byte for byte, stderr with the program's name normalised, and the exit status.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
let work;
let bin;
let dir; // the fixtures, and the working directory of every run

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-cli-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root });
  const [{ filename }] = JSON.parse(out);
  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"cli-user","private":true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, filename)], { cwd: project });
  bin = path.join(project, 'node_modules', '.bin', 'parahash');
  dir = path.join(work, 'files');
  fs.mkdirSync(path.join(dir, 'folder'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'empty'), '');
  fs.writeFileSync(path.join(dir, 'one'), 'x');
  fs.writeFileSync(path.join(dir, 'with space'), 'a name with a space');
  fs.writeFileSync(path.join(dir, 'back\\slash'), 'backslash');
  fs.writeFileSync(path.join(dir, 'new\nline'), 'newline');
  fs.writeFileSync(path.join(dir, '1mib'), crypto.randomBytes(1 << 20));
  fs.writeFileSync(path.join(dir, '96mib'), crypto.randomBytes(96 << 20));
  for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(dir, 'folder', `f${String(i).padStart(3, '0')}`), crypto.randomBytes(i * 37));
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

const FILES = () => ['empty', 'one', 'with space', 'back\\slash', 'new\nline', '1mib', '96mib'];

function run(command, args, { input, program } = {}) {
  const r = spawnSync(command, args, { cwd: dir, input, maxBuffer: 64 << 20, env: { ...process.env, LC_ALL: 'C' } });
  const name = program ?? path.basename(command);
  return {
    stdout: r.stdout.toString('latin1'),
    // The program's name at the start of a message, and in "Try 'NAME --help'".
    // (xxhsum writes a blank progress line to stderr even when it is no terminal.)
    stderr: r.stderr.toString('latin1').replace(/\r {10,}\r/g, '')
      .split(`${name}:`).join('PROGRAM:').split(`'${name} --help'`).join("'PROGRAM --help'"),
    status: r.status,
  };
}
const parahash = (args, options) => run(bin, args, { ...options, program: 'parahash' });

// [parahash -a, tool, tool args]
const TOOLS = [
  ['sha256', 'sha256sum', []],
  ['md5', 'md5sum', []],
  ['sha1', 'sha1sum', []],
  ['sha512', 'sha512sum', []],
  ['blake3', 'b3sum', []],
  ['xxh64', 'xxhsum', ['-H1']],
  ['xxh128', 'xxhsum', ['-H2']],
];

function same(ours, theirs, what) {
  assert.equal(ours.stdout, theirs.stdout, `${what}: stdout`);
  assert.equal(ours.stderr, theirs.stderr, `${what}: stderr`);
  assert.equal(ours.status, theirs.status, `${what}: exit status`);
}

test('every file, as each tool prints it (escaped names included)', () => {
  for (const [algorithm, tool, toolArgs] of TOOLS) {
    same(parahash(['-a', algorithm, ...FILES()]), run(tool, [...toolArgs, ...FILES()]), `${algorithm} vs ${tool}`);
  }
});

test('--tag, -z and stdin, as the tools do', () => {
  same(parahash(['--tag', ...FILES()]), run('sha256sum', ['--tag', ...FILES()]), 'sha256 --tag');
  same(parahash(['-a', 'md5', '--tag', ...FILES()]), run('md5sum', ['--tag', ...FILES()]), 'md5 --tag');
  same(parahash(['-a', 'xxh64', '--tag', ...FILES()]), run('xxhsum', ['-H1', '--tag', ...FILES()]), 'xxh64 --tag');
  same(parahash(['-z', ...FILES()]), run('sha256sum', ['-z', ...FILES()]), '-z');
  const input = fs.readFileSync(path.join(dir, '1mib'));
  same(parahash([], { input }), run('sha256sum', [], { input }), 'stdin');
  same(parahash(['-', 'one'], { input }), run('sha256sum', ['-', 'one'], { input }), 'stdin as -');
  same(parahash(['-a', 'blake3'], { input }), run('b3sum', [], { input }), 'blake3 stdin');
});

test('-l sets the length in bits, as b2sum -l does (b3sum -l counts bytes)', () => {
  same(parahash(['-a', 'blake2b512', '-l', '256', ...FILES()]), run('b2sum', ['-l', '256', ...FILES()]), 'b2sum -l 256');
  same(parahash(['-a', 'blake2b512', '-l', '128', '--tag', 'one']), run('b2sum', ['-l', '128', '--tag', 'one']), 'b2sum -l --tag');
  same(parahash(['-a', 'blake3', '-l', '512', 'one', '1mib']), run('b3sum', ['-l', '64', 'one', '1mib']), 'b3sum -l');
  const bad = parahash(['-a', 'sha256', '-l', '128', 'one']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--length is only supported with blake2b512, blake2s256, blake3, shake128, shake256/);
  assert.equal(parahash(['-a', 'blake3', '-l', '7', 'one']).status, 1);
});

test('-r: every file below, in byte order, as find | LC_ALL=C sort | sha256sum lists them', () => {
  fs.mkdirSync(path.join(dir, 'folder', 'Sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'folder', 'Sub', 'inner'), 'inner');
  fs.symlinkSync('..', path.join(dir, 'folder', 'Sub', 'up')); // a symlinked directory: not followed
  try {
    const listed = execFileSync('sh', ['-c', 'find folder -type f | LC_ALL=C sort'], { cwd: dir }).toString().trim().split('\n');
    same(parahash(['-r', 'folder']), run('sha256sum', listed), '-r');
    const noRecursion = parahash(['folder', 'one']);
    same(noRecursion, run('sha256sum', ['folder', 'one']), 'a directory without -r');
  } finally {
    fs.rmSync(path.join(dir, 'folder', 'Sub'), { recursive: true });
  }
});

test('errors among good files: a message each on stderr, the others hashed, status 1', () => {
  const args = ['one', 'missing', 'with space', 'no such dir/x', 'empty'];
  same(parahash(args), run('sha256sum', args), 'missing files');
  fs.writeFileSync(path.join(dir, 'unreadable'), 'secret');
  fs.chmodSync(path.join(dir, 'unreadable'), 0);
  try {
    if (process.getuid?.() !== 0) same(parahash(['unreadable', 'one']), run('sha256sum', ['unreadable', 'one']), 'unreadable');
  } finally {
    fs.rmSync(path.join(dir, 'unreadable'));
  }
});

test('--check on good sums, a changed file and a missing one, with every option, as sha256sum -c', () => {
  const sums = run('sha256sum', [...FILES(), 'folder/f001']).stdout;
  fs.writeFileSync(path.join(dir, 'good.sum'), sums);
  fs.writeFileSync(path.join(dir, 'changed.sum'), sums.replace(/^[0-9a-f]/m, (c) => (c === '0' ? '1' : '0')));
  fs.writeFileSync(path.join(dir, 'missing.sum'), `${sums}${'0'.repeat(64)}  gone\nnot a checksum line\n`);
  fs.writeFileSync(path.join(dir, 'bsd.sum'), run('sha256sum', ['--tag', ...FILES()]).stdout);
  fs.writeFileSync(path.join(dir, 'none.sum'), 'nothing here\n');
  for (const file of ['good.sum', 'changed.sum', 'missing.sum', 'bsd.sum', 'none.sum', 'no-such.sum']) {
    for (const options of [[], ['--quiet'], ['--status'], ['--strict'], ['--warn'], ['--ignore-missing'], ['--strict', '--warn', '--quiet'], ['--quiet', '--warn'], ['--status', '-w']]) {
      same(parahash(['-c', ...options, file]), run('sha256sum', ['-c', ...options, file]), `-c ${options.join(' ')} ${file}`);
    }
  }
  same(parahash(['-c'], { input: sums }), run('sha256sum', ['-c'], { input: sums }), 'sums on stdin');
  same(parahash(['-a', 'md5', '-c', 'good.sum']), run('md5sum', ['-c', 'good.sum']), 'the wrong algorithm');
});

test('--check reads b3sum\'s and xxhsum\'s own files, and takes the algorithm from a BSD tag', () => {
  fs.writeFileSync(path.join(dir, 'b3.sum'), run('b3sum', [...FILES()]).stdout);
  same(parahash(['-a', 'blake3', '-c', 'b3.sum']), run('b3sum', ['-c', 'b3.sum']), 'b3sum -c');
  const plain = FILES().filter((f) => !/[\\\n]/.test(f)); // xxhsum does not escape names
  fs.writeFileSync(path.join(dir, 'xxh.sum'), run('xxhsum', ['-H1', ...plain]).stdout);
  same(parahash(['-a', 'xxh64', '-c', 'xxh.sum']), run('xxhsum', ['-c', 'xxh.sum']), 'xxhsum -c');
  fs.writeFileSync(path.join(dir, 'xxh-tag.sum'), run('xxhsum', ['-H2', '--tag', ...plain]).stdout);
  const tagged = parahash(['-c', 'xxh-tag.sum']); // no -a: XXH128 from the tag
  assert.equal(tagged.status, 0, tagged.stderr);
  assert.equal(tagged.stdout, plain.map((f) => `${f}: OK\n`).join(''));
  fs.writeFileSync(path.join(dir, 'b2.sum'), run('b2sum', ['-l', '256', '--tag', 'one', 'empty']).stdout);
  assert.equal(parahash(['-c', 'b2.sum']).stdout, 'one: OK\nempty: OK\n', 'BLAKE2b-256 from the tag');
});

test('usage errors exit 1 with a one-line hint, as coreutils does; --help and --version', () => {
  same(parahash(['--bogus', 'one']), run('sha256sum', ['--bogus', 'one']), 'unknown long option');
  same(parahash(['-Y', 'one']), run('sha256sum', ['-Y', 'one']), 'unknown short option');
  const unknown = parahash(['-a', 'sha257', 'one']);
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stderr, "PROGRAM: unknown algorithm sha257\nTry 'PROGRAM --help' for more information.\n");
  const help = parahash(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: parahash \[OPTION\]\.\.\. \[FILE\]\.\.\./);
  for (const option of ['--check', '--tag', '--zero', '--length=BITS', '--recursive', '--threads=N', '--progress', '--ignore-missing', '--strict']) {
    assert.ok(help.stdout.includes(option), option);
  }
  assert.match(help.stdout, /only for\s+blake2b512, blake2s256, blake3, shake128, shake256/);
  assert.match(parahash(['--version']).stdout, /^parahash \(parahash\) \d+\.\d+\.\d+\n/);
  same(parahash(['--quiet', 'one']), run('sha256sum', ['--quiet', 'one']), 'a check option without -c');
});

test('a closed pipe ends the command quietly', () => {
  const r = spawnSync('sh', ['-c', `"${bin}" -r folder | head -1`], { cwd: dir });
  assert.equal(r.stderr.toString(), '');
  assert.match(r.stdout.toString(), /^[0-9a-f]{64} {2}folder\/f000\n$/);
});

test('the progress line, in a real terminal (tmux): shown while large work runs, then cleared', async () => {
  const session = `parahash-${process.pid}`;
  const shell = `cd '${dir}' && '${bin}' -a sha3-512 --threads 1 96mib 96mib 96mib 96mib 96mib 96mib; echo "status $?"; sleep 30`;
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '220', '-y', '20', shell]);
  const capture = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session]).toString();
  try {
    let during = '';
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !/MB\/s/.test(during)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      during = capture();
    }
    assert.match(during, /\[#* *\] \d+(\.\d)? MiB \/ 576\.0 MiB {2}\d+ MB\/s {2}ETA \d+:\d\d/, during);
    let done = '';
    while (Date.now() < deadline && !/status \d/.test(done)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      done = capture();
    }
    assert.match(done, /status 0/);
    const lines = done.split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines.length, 7, done);
    for (const line of lines.slice(0, 6)) assert.match(line, /^[0-9a-f]{128} {2}96mib$/, 'the bar is gone from the digest lines');
    // Not a terminal: not shown, unless --progress forces it (--no-progress wins when last).
    const big = ['-a', 'sha3-512', '--threads', '1', '96mib', '96mib', '96mib', '96mib', '96mib', '96mib'];
    assert.equal(parahash(big).stderr, '');
    assert.match(parahash(['--progress', ...big]).stderr, /MiB \/ 576\.0 MiB {2}\d+ MB\/s {2}ETA/);
    assert.equal(parahash(['--progress', '--no-progress', ...big]).stderr, '');
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
});
