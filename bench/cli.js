'use strict';
// The parahash command against the tools people use, warm cache, alternating, outputs checked
// equal: `parahash -a sha256` vs sha256sum, `parahash -a blake3` vs b3sum, and
// `parahash -a blake3` vs sha256sum (what switching algorithms gains), on one large file and on
// 1,000 files of 1–64 KiB (log-uniform sizes); and start-up: `parahash -a sha256` on one small
// file, median of warm runs, next to sha256sum and a bare `node -e 0`. Writes bench/results/cli.json.
//   node bench/cli.js [rounds=3] [--big-mib 1024] [--files 1000] [--startup-runs 21]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { parseArgs, numberArg, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const bigMiB = numberArg(options['big-mib'], 1024, '--big-mib');
const fileCount = Math.round(numberArg(options.files, 1000, '--files'));
const startupRuns = Math.round(numberArg(options['startup-runs'], 21, '--startup-runs'));
const BIN = path.join(__dirname, '..', 'js', 'cli', 'parahash.js');

const dir = path.join(os.tmpdir(), 'parahash-bench-cli');
function fixtures() {
  fs.mkdirSync(path.join(dir, 'many'), { recursive: true });
  const big = path.join(dir, 'big');
  if (!fs.existsSync(big) || fs.statSync(big).size !== bigMiB << 20) {
    const fd = fs.openSync(big, 'w');
    const chunk = crypto.randomBytes(16 << 20);
    for (let i = 0; i < bigMiB; i += 16) fs.writeSync(fd, chunk, 0, Math.min(16, bigMiB - i) << 20);
    fs.closeSync(fd);
  }
  const many = [];
  let x = 12345;
  for (let i = 0; i < fileCount; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const size = Math.round(1024 * 64 ** (x / 2 ** 32)); // log-uniform in [1 KiB, 64 KiB]
    const file = path.join(dir, 'many', `f${String(i).padStart(4, '0')}`);
    if (!fs.existsSync(file) || fs.statSync(file).size !== size) fs.writeFileSync(file, crypto.randomBytes(size));
    many.push(file);
  }
  return { big, many };
}

function timed(command, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')}: status ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout.toString() };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

(() => {
  const { big, many } = fixtures();
  for (const f of [big, ...many]) fs.readFileSync(f); // warm the page cache
  const bytes = { big: fs.statSync(big).size, many: many.reduce((s, f) => s + fs.statSync(f).size, 0) };
  const pairs = [
    ['parahash -a sha256', [process.execPath, [BIN, '-a', 'sha256']], 'sha256sum', ['sha256sum', []]],
    ['parahash -a blake3', [process.execPath, [BIN, '-a', 'blake3']], 'b3sum', ['b3sum', []]],
    ['parahash -a blake3', [process.execPath, [BIN, '-a', 'blake3']], 'sha256sum', ['sha256sum', []]],
  ];
  const rows = [];
  const results = { bytes, cases: [] };
  for (const [work, files] of [[`1 file of ${bigMiB} MiB`, [big]], [`${fileCount} files of 1-64 KiB`, many]]) {
    for (const [ours, [oc, oa], theirs, [tc, ta]] of pairs) {
      const times = { ours: [], theirs: [] };
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
        const out = {};
        for (const who of order) {
          const t = who === 'ours' ? timed(oc, [...oa, ...files]) : timed(tc, [...ta, ...files]);
          times[who].push(t.ms);
          out[who] = t.stdout;
        }
        if (ours.endsWith(theirs === 'b3sum' ? 'blake3' : 'sha256') && out.ours !== out.theirs) throw new Error(`${ours} and ${theirs} disagree`);
      }
      const total = work.startsWith('1 file') ? bytes.big : bytes.many;
      const speed = (ms) => total / 1e6 / (ms / 1000);
      rows.push([work, `${ours} / ${theirs}`, range(times.ours.map(speed), 0), range(times.theirs.map(speed), 0),
        range(times.ours.map((t, i) => times.theirs[i] / t), 2)]);
      results.cases.push({ work, ours, theirs, oursMs: times.ours, theirsMs: times.theirs });
    }
  }
  printTable(['work', 'command / tool', 'MB/s parahash', 'MB/s tool', 'speed ratio'], rows);

  const small = many[0];
  const startup = { parahash: [], sha256sum: [], node: [] };
  for (let i = 0; i < startupRuns + 1; i++) {
    const p = timed(process.execPath, [BIN, '-a', 'sha256', small]).ms;
    const s = timed('sha256sum', [small]).ms;
    const n = timed(process.execPath, ['-e', '0']).ms;
    if (i === 0) continue; // the first of each warms up
    startup.parahash.push(p);
    startup.sha256sum.push(s);
    startup.node.push(n);
  }
  console.log(`\nstart-up on one ${fs.statSync(small).size}-byte file, median of ${startupRuns}: parahash ${median(startup.parahash).toFixed(0)} ms, ` +
    `sha256sum ${median(startup.sha256sum).toFixed(1)} ms, node -e 0 ${median(startup.node).toFixed(0)} ms`);
  results.startup = startup;
  writeResults('cli', { rounds, bigMiB, fileCount, startupRuns }, results);
})();
