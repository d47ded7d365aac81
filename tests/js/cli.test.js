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
  // PARAHASH_CLI_BIN runs the cases against another build of the command (an older commit's,
  // to see which cases fail before a fix) instead of the packed and installed one.
  if (process.env.PARAHASH_CLI_BIN) {
    bin = process.env.PARAHASH_CLI_BIN;
  } else {
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root });
    const [{ filename }] = JSON.parse(out);
    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"cli-user","private":true}\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, filename)], { cwd: project });
    bin = path.join(project, 'node_modules', '.bin', 'parahash');
  }
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
  // The wrong algorithm: md5sum's stdout, status and message, then parahash's hint (issue 17).
  const wrong = parahash(['-a', 'md5', '-c', 'good.sum']);
  const md5sum = run('md5sum', ['-c', 'good.sum']);
  assert.equal(wrong.stdout, md5sum.stdout);
  assert.equal(wrong.status, md5sum.status);
  assert.ok(wrong.stderr.startsWith(md5sum.stderr), wrong.stderr);
  assert.match(wrong.stderr, /its 64-digit checksums do not fit md5; they fit sha256, .*: try 'parahash -a sha256 -c'/);
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

// ---------------------------------------------------------------------------------------------
// Issue 17: the peer cases (tests/js/cli/peer-cases.js), each run against the real tool and
// against parahash: stdout byte for byte and the exit status always; stderr after the program's
// name is normalised, and for xxhsum its "Error: " prefixes and trailing blanks (README "The
// parahash command" says how far the wording is imitated).
const { cases: PEER_CASES, ALGORITHM } = require('./cli/peer-cases');

const toolPath = (tool) => {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`]);
  return r.status === 0 ? r.stdout.toString().trim() : undefined;
};
const XXH_SWITCH = { '-H0': 'xxh32', '-H1': 'xxh64', '-H2': 'xxh128' };
// parahash's arguments for a case given as the tool's.
function oursFor(c) {
  if (c.args) return c.args;
  if (c.tool === 'xxhsum') {
    const alg = XXH_SWITCH[c.toolArgs.find((a) => XXH_SWITCH[a])] ?? 'xxh64';
    return ['-a', alg, ...c.toolArgs.filter((a) => !XXH_SWITCH[a])];
  }
  return ['-a', ALGORITHM[c.tool], ...c.toolArgs];
}
// A word in a shell line: printf's octal escapes for bytes that are not UTF-8.
const shellWord = (arg) => (Buffer.isBuffer(arg)
  ? `"$(printf '${[...arg].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')}')"`
  : `'${String(arg).replace(/'/g, "'\\''")}'`);
// "T …" and "P …" in a case's shell line stand for the tool and for parahash.
const placeholders = (line) => line.replace(/(?<![\w./$"'-])([TP])(?![\w./-])/g, '"$$$1"');

function normalise(text, program, full) {
  let s = (full ? text.split(`${full}:`).join(`${program}:`).split(`'${full} --help'`).join(`'${program} --help'`) : text).replace(/\r {10,}\r/g, '').replace(/^ {10,}(?=\S|$)/gm, '');
  if (program === 'xxhsum') {
    s = s.replace(/^(\S.*?:\d+): Error: /gm, 'xxhsum: $1: ').replace(/^Error: /gm, 'xxhsum: ')
      .replace(/^(?!xxhsum: )(.+: no properly formatted xxHash)/gm, 'xxhsum: $1').replace(/ +\n/g, '\n');
  }
  return s.split(`${program}:`).join('PROGRAM:').split(`'${program} --help'`).join("'PROGRAM --help'");
}

function runCase(c, which, cwd, paths) {
  const env = { ...process.env, LC_ALL: 'C', T: paths.tool ?? 'false', P: bin };
  const options = { cwd, input: c.input === undefined ? '' : Buffer.from(c.input, 'latin1'), env, maxBuffer: 64 << 20, timeout: 60_000 };
  let r;
  if (c.sh) r = spawnSync('sh', ['-c', placeholders(c.sh[which === 'tool' ? 0 : 1])], options);
  else {
    const args = which === 'tool' ? c.toolArgs : oursFor(c);
    r = spawnSync('sh', ['-c', `exec "$${which === 'tool' ? 'T' : 'P'}" ${args.map(shellWord).join(' ')}`], options);
  }
  const program = which === 'tool' ? c.tool : 'parahash';
  return { stdout: r.stdout.toString('latin1'), stderr: normalise(r.stderr.toString('latin1'), program, which === 'tool' ? paths.tool : undefined), status: r.status };
}

function setUp(c) {
  const cwd = fs.mkdtempSync(path.join(work, 'case-'));
  for (const [name, content] of Object.entries(c.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    fs.writeFileSync(path.join(cwd, name), Buffer.from(content, 'latin1'));
  }
  for (const name of c.rawFiles ?? []) {
    const full = Buffer.concat([Buffer.from(`${cwd}/`), name]);
    fs.mkdirSync(path.dirname(full.toString('latin1')) === cwd ? cwd : path.join(cwd, path.dirname(name.toString('latin1'))), { recursive: true });
    fs.writeFileSync(full, 'x');
  }
  return cwd;
}

test('peer cases: what coreutils\', b3sum\'s and xxhsum\'s own tests check, real tool against parahash', (t) => {
  const tools = {};
  const failures = [];
  const figures = { tool: 0, toolPassed: 0, peer: 0, peerPassed: 0, skipped: [] };
  const only = process.env.PARAHASH_CLI_CASES && new RegExp(process.env.PARAHASH_CLI_CASES);
  for (const c of PEER_CASES) {
    if (only && !only.test(c.id)) continue;
    tools[c.tool] ??= toolPath(c.tool) ?? null;
    if (c.oracle === 'peer') {
      figures.peer++;
      const ours = runCase(c, 'ours', setUp(c), {});
      const wrong = Object.entries(c.expect).filter(([k, v]) => ours[k] !== v);
      if (wrong.length === 0) figures.peerPassed++;
      else failures.push(`${c.id}: ${wrong.map(([k, v]) => `${k} ${JSON.stringify(ours[k])}, peer test expects ${JSON.stringify(v)}`).join('; ')}`);
      continue;
    }
    if (!tools[c.tool]) {
      figures.skipped.push(`${c.id} (${c.tool} is not installed: neither half runs, its expectation would be unproven)`);
      continue;
    }
    figures.tool++;
    // Each in a fresh copy of the files: a case may change them (b3sum's test_check).
    const theirs = runCase(c, 'tool', setUp(c), { tool: tools[c.tool] });
    const ours = runCase(c, 'ours', setUp(c), {});
    const fields = c.compare === 'status' ? ['status'] : c.stderr === false ? ['stdout', 'status'] : ['stdout', 'stderr', 'status'];
    const wrong = fields.filter((k) => ours[k] !== theirs[k]);
    if (wrong.length === 0) figures.toolPassed++;
    else failures.push(`${c.id}: ${wrong.map((k) => `${k}: parahash ${JSON.stringify(ours[k])}, ${c.tool} ${JSON.stringify(theirs[k])}`).join('; ')}`);
  }
  const figure = `peer cases: ${figures.toolPassed}/${figures.tool} pass against the real tool, ` +
    `${figures.peerPassed}/${figures.peer} against a newer peer test's expectation, ${figures.skipped.length} skipped`;
  t.diagnostic(figure);
  for (const s of figures.skipped) t.diagnostic(`skipped: ${s}`);
  process.stdout.write(`# ${figure}\n`);
  assert.deepEqual(failures, []);
});

// Issue 17: special files. What is not a regular file is streamed, in bounded memory.
const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('special files: a FIFO, /dev/zero under a timeout, <(…), and -r past a FIFO and a link to a device', async () => {
  const special = fs.mkdtempSync(path.join(work, 'special-'));
  // A FIFO given by name: streamed, as sha256sum reads it.
  fs.writeFileSync(path.join(special, 'data'), crypto.randomBytes(5 << 20));
  execFileSync('mkfifo', [path.join(special, 'fifo')]);
  const feed = (command) => spawnSync('sh', ['-c', `cat data > fifo & ${command} fifo; wait`], { cwd: special, env: { ...process.env, P: bin } });
  const viaFifo = feed('"$P"');
  const reference = feed('sha256sum');
  assert.equal(viaFifo.stdout.toString(), reference.stdout.toString());
  assert.equal(viaFifo.status, 0);

  // /dev/zero never ends: memory must stay flat while it streams (it grew at ~400 MB/s when
  // read whole). Sampled at 1.5 s and 4 s.
  const child = require('node:child_process').spawn(bin, ['/dev/zero'], { stdio: 'ignore' });
  try {
    await sleep(1500);
    const early = rssKiB(child.pid);
    await sleep(2500);
    const late = rssKiB(child.pid);
    assert.ok(late < 400 * 1024, `RSS ${late} KiB after 4 s of /dev/zero`);
    assert.ok(late - early < 100 * 1024, `RSS grew from ${early} to ${late} KiB while /dev/zero streamed`);
  } finally {
    child.kill('SIGKILL');
  }

  // <(cat 96 MiB): a pipe that says size 0, streamed (it peaked at 470 MB for 200 MB before).
  const sub = spawnSync('bash', ['-c', '/usr/bin/time -f "%M" "$P" <(cat 96mib) 2>&1 >/dev/null'], { cwd: dir, env: { ...process.env, P: bin } });
  const peak = Number(sub.stdout.toString().trim().split('\n').pop());
  assert.ok(peak > 0 && peak < 200 * 1024, `peak RSS ${peak} KiB for a 96 MiB pipe`);

  // -r: a FIFO and a symlink to /dev/zero in the tree are skipped (find -type f lists the same).
  const tree = path.join(special, 'tree');
  fs.mkdirSync(tree);
  fs.writeFileSync(path.join(tree, 'a'), 'a');
  fs.writeFileSync(path.join(tree, 'z'), 'z');
  execFileSync('mkfifo', [path.join(tree, 'fifo')]);
  fs.symlinkSync('/dev/zero', path.join(tree, 'zero'));
  const walked = spawnSync(bin, ['-r', 'tree'], { cwd: special, timeout: 20_000 });
  const listed = execFileSync('sh', ['-c', 'find tree -type f | LC_ALL=C sort | xargs sha256sum'], { cwd: special }).toString();
  assert.equal(walked.signal, null, 'parahash -r ended by itself');
  assert.equal(walked.stdout.toString(), listed);
  assert.equal(walked.status, 0);
});

// Issue 17: closed stdin and stdout, a full disk, as coreutils: a message and status 1.
test('closed stdin, closed stdout and /dev/full: coreutils\' messages and status 1', () => {
  const shell = (line, program) => {
    const r = spawnSync('sh', ['-c', line], { cwd: dir, env: { ...process.env, LC_ALL: 'C', T: 'sha256sum', P: bin } });
    return { stdout: r.stdout.toString(), stderr: r.stderr.toString().split(`${program}:`).join('PROGRAM:'), status: r.status };
  };
  for (const [what, line] of [['stdin closed', 'X - <&-'], ['stdin closed, no FILE', 'X <&-'], ['stdout closed', 'X one >&-'],
    ['stdout closed, nothing written', 'X missing >&-'], ['stdout on /dev/full', 'X one > /dev/full'], ['check, stdout on /dev/full', 'X one > s; X -c s > /dev/full']]) {
    const theirs = shell(line.replace(/X/g, '"$T"'), 'sha256sum');
    const ours = shell(line.replace(/X/g, '"$P"'), 'parahash');
    same(ours, theirs, what);
  }
});

// Issue 17: Ctrl-C under a terminal clears the progress line, then ends with 130 (by SIGINT).
test('SIGINT in a real terminal (tmux): the progress line is cleared, status 130', async () => {
  const session = `parahash-int-${process.pid}`;
  // The shell traps SIGINT so that it outlives a command ended by it (as coreutils' are, and
  // this one is), and reports the status.
  const shell = `trap 'true' INT; cd '${dir}' && '${bin}' -a sha3-512 --threads 1 96mib 96mib 96mib 96mib 96mib 96mib 96mib 96mib; echo "status $?"; sleep 30`;
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '200', '-y', '20', shell]);
  const capture = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session]).toString();
  try {
    let during = '';
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !/MB\/s/.test(during)) {
      await sleep(200);
      during = capture();
    }
    assert.match(during, /MB\/s/, 'the progress line was drawn');
    execFileSync('tmux', ['send-keys', '-t', session, 'C-c']);
    let done = '';
    while (Date.now() < deadline && !/status \d+/.test(done)) {
      await sleep(200);
      done = capture();
    }
    assert.match(done, /status 130/);
    assert.doesNotMatch(done, /MB\/s|ETA/, `the progress line is gone:\n${done}`);
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
});

// Ctrl-C while a FIFO without a writer holds a read: the command ends by SIGINT at once, as
// sha256sum does (process.exit would wait for the libuv thread blocked in the FIFO's open).
test('SIGINT while a FIFO has no writer: ended by the signal at once, as sha256sum is', async () => {
  const fifoDir = fs.mkdtempSync(path.join(work, 'fifo-int-'));
  const fifo = path.join(fifoDir, 'silent');
  execFileSync('mkfifo', [fifo]);
  for (const [command, args] of [['sha256sum', [fifo]], [process.execPath, [bin, '-a', 'blake3', fifo]], [process.execPath, [bin, fifo]]]) {
    const child = require('node:child_process').spawn(command, args, { stdio: 'ignore' });
    const ended = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await sleep(command === 'sha256sum' ? 200 : 1500);
    child.kill('SIGINT');
    const outcome = await Promise.race([ended, sleep(5000).then(() => 'still running')]);
    if (outcome === 'still running') child.kill('SIGKILL');
    assert.deepEqual(outcome, { code: null, signal: 'SIGINT' }, `${path.basename(command)} ${args.slice(1).join(' ')}`);
  }
});

// Issue 17: a hint instead of a false alarm when every line fails and another algorithm fits.
test('every line failing with the wrong algorithm: a hint on stderr, stdout and status as sha256sum', () => {
  const hintDir = fs.mkdtempSync(path.join(work, 'hint-'));
  fs.writeFileSync(path.join(hintDir, 'a'), 'a');
  fs.writeFileSync(path.join(hintDir, 'B3SUMS'), execFileSync('b3sum', ['a'], { cwd: hintDir }));
  fs.writeFileSync(path.join(hintDir, 'SHA512SUMS'), execFileSync('sha512sum', ['a'], { cwd: hintDir }));
  const at = (command, args) => {
    const r = spawnSync(command, args, { cwd: hintDir, env: { ...process.env, LC_ALL: 'C' } });
    return { stdout: r.stdout.toString(), stderr: r.stderr.toString(), status: r.status };
  };
  const b3 = at(bin, ['-c', 'B3SUMS']);
  const b3Reference = at('sha256sum', ['-c', 'B3SUMS']);
  assert.equal(b3.stdout, b3Reference.stdout);
  assert.equal(b3.status, b3Reference.status);
  assert.match(b3.stderr, /B3SUMS: every checksum differs as sha256; the file's name suggests blake3: try 'parahash -a blake3 -c'/);
  const sha512 = at(bin, ['-c', 'SHA512SUMS']);
  assert.equal(sha512.status, 1);
  assert.match(sha512.stderr, /SHA512SUMS: its 128-digit checksums do not fit sha256; they fit sha512, .*: try 'parahash -a sha512 -c'/);
  // No hint where the lines fit and only some fail.
  fs.writeFileSync(path.join(hintDir, 'b'), 'b');
  fs.writeFileSync(path.join(hintDir, 'MIXED'), `${execFileSync('sha256sum', ['a'], { cwd: hintDir })}${'0'.repeat(64)}  b\n`);
  assert.doesNotMatch(at(bin, ['-c', 'MIXED']).stderr, /suggests|fit/);
});
