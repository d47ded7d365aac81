'use strict';
// Host kernels (issue 19): the pool's threads hashing through node:crypto (OpenSSL, SHA-NI where
// the CPU has it) against the same pool on its portable WebAssembly kernels (before/after) and
// against what a Node user would otherwise write, each row measured side by side in one run:
//   1. SHA-256, 64 × 4 MiB all in flight, a pool of 2 threads vs piscina (2 workers, node:crypto
//      in the worker, inputs in one SharedArrayBuffer so nothing is copied to reach them);
//   2. SHA-256 of one 512 MiB buffer, pool.hash vs crypto.createHash on the main thread: MB/s, and
//      the longest gap of a 1 ms timer during the call;
//   3. hashFile SHA-256 of a 2 GiB file (warm cache) vs pipeline(createReadStream, createHash);
//   4. 100,000 × 64 B pool.hash calls all in flight vs a crypto.hash loop: calls/s, and the 1 ms
//      timer while the calls settle (longest gap, ticks per ms);
//   5. sha256, sha1, sha512, sha3-256, md5, blake2b512 on a pool of 1 thread, 64 MiB in memory,
//      vs crypto.createHash on the main thread;
//   6. the command: `parahash -a sha256` vs sha256sum on one 1 GiB file and on 1,000 files of
//      1–64 KiB (log-uniform; start-up included), and `parahash --version` vs `node -e 0`;
//   7. PBKDF2-HMAC-SHA256, 600,000 iterations, 32 bytes, vs crypto.pbkdf2 (OpenSSL on libuv's
//      threads), and how long an abort 5 ms into it takes to reject.
// "host" is a pool made with PARAHASH_HOST_CRYPTO=all (node:crypto for every algorithm it has,
// without the per-machine measurement, so figures do not depend on that measurement's timing),
// "portable" one made with { hostCrypto: false }; the command gets PARAHASH_HOST_CRYPTO=all or =0.
// Contenders alternate within each round (the order rotates), after one untimed round in memory
// (rows 1, 2, 4, 5); every output is checked against node:crypto's digest; cells are min–max
// over rounds, ratios best round over best round.
// Writes bench/results/host-crypto.json.
//   node bench/host-crypto.js [rounds=3] [--small] [--rows 1,2,...] [--batch-count 64]
//     [--batch-mib 4] [--one-mib 512] [--file-mib 2048] [--calls 100000] [--kernel-mib 64]
//     [--cli-mib 1024] [--cli-files 1000] [--startup-runs 11] [--pbkdf2-iterations 600000]
// --small sets the sizes a quick check needs (16 × 4 MiB, 64 MiB, 128 MiB file, 20,000 calls,
// 8 MiB, 64 MiB and 200 files for the command, 5 start-ups); a size given as well wins.
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { createPool } = require('parahash');
const { tryLoad, parseArgs, numberArg, randomInput, toHex, range, printTable, writeResults } = require('./common');

const argv = process.argv.slice(2);
const SMALL = argv.includes('--small');
const { positional, options } = parseArgs(argv.filter((a) => a !== '--small'));
const rounds = Math.round(numberArg(positional[0], 3, 'rounds'));
const size = (name, full, small) => numberArg(options[name], SMALL ? small : full, `--${name}`);
const P = {
  rounds,
  batchCount: Math.round(size('batch-count', 64, 16)),
  batchMiB: size('batch-mib', 4, 4),
  oneMiB: size('one-mib', 512, 64),
  fileMiB: Math.round(size('file-mib', 2048, 128)),
  calls: Math.round(size('calls', 100_000, 20_000)),
  kernelMiB: size('kernel-mib', 64, 8),
  cliMiB: Math.round(size('cli-mib', 1024, 64)),
  cliFiles: Math.round(size('cli-files', 1000, 200)),
  startupRuns: Math.round(size('startup-runs', 11, 5)),
  pbkdf2Iterations: Math.round(size('pbkdf2-iterations', 600_000, 600_000)),
  rows: (options.rows ?? '1,2,3,4,5,6,7').split(',').map(Number),
  threads: { rows1to4: 2, row5: 1 },
};
const MiB = 1 << 20;
const ALGORITHMS = ['sha256', 'sha1', 'sha512', 'sha3-256', 'md5', 'blake2b512'];
const BIN = path.join(__dirname, '..', 'js', 'cli', 'parahash.js');
const DIR = path.join(os.tmpdir(), 'parahash-bench-host-crypto');

// Pools made from here on use node:crypto for every algorithm it has, unless they say
// hostCrypto: false (read at createPool; see js/load/node.js).
process.env.PARAHASH_HOST_CRYPTO = 'all';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const hex = (bytes) => toHex(bytes);
const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');
// One digest standing for a list of digests, in order.
const combine = (digests) => sha256Hex(digests.map((d) => hex(d)).join('\n'));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// Runs each contender once per round, in an order that rotates every round (so a slow phase of a
// shared machine does not always hit the same one), and checks each result's `digest` against
// `expected`. A contender that gets it wrong is left out from then on, with the reason.
// warm: one untimed round first. A pool's first batch of large calls in flight grows its heap
// (measured: row 1's first round at a sixth of the later ones, for both pools), a one-time cost
// that is not the kernels' speed.
// @param contenders { [key]: async () => { ms, digest, ...figures } }
// @return { [key]: { runs: [{ ms, ...figures }], wrong?: string } }
async function alternate(contenders, expected, { warm = false } = {}) {
  const keys = Object.keys(contenders);
  const out = Object.fromEntries(keys.map((k) => [k, { runs: [] }]));
  for (let r = warm ? -1 : 0; r < rounds; r++) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(i + Math.max(r, 0)) % keys.length];
      if (out[key].wrong) continue;
      const { digest, ...figures } = await contenders[key]();
      if (digest !== expected) out[key].wrong = `digest ${String(digest).slice(0, 16)}… is not node:crypto's ${expected.slice(0, 16)}…`;
      else if (r >= 0) out[key].runs.push(figures);
    }
  }
  return out;
}

// Runs work(started) under a 1 ms interval timer that was already ticking. The gaps and ticks
// count from the start, or from when work calls started() (to leave out a synchronous loop that
// is the caller's own code), to the moment the work's Promise is seen settled.
// @return { ms (the whole work), maxGap, ticksPerMs, value }
async function underTimer(work) {
  let last = performance.now();
  let ticks = 0;
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 1);
  await sleep(10);
  const t0 = performance.now();
  let from = t0;
  last = t0;
  ticks = 0;
  maxGap = 0;
  const value = await work(() => {
    from = performance.now();
    last = from;
    ticks = 0;
    maxGap = 0;
  });
  const end = performance.now();
  clearInterval(timer);
  maxGap = Math.max(maxGap, end - last);
  return { ms: end - t0, maxGap, ticksPerMs: ticks / (end - from), value };
}

async function timed(fn) {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

// ---- table lines ----------------------------------------------------------------------------
// A line compares per-round figures of host, portable and the alternative. `ratio` lines divide
// host's figure by the alternative's (higher is better for both: speeds); `limit` lines hold
// host's own figure against a bound. met? is "yes" when the best round meets the target and
// every round does, "best round only (k of n miss)" when only some do, "no" otherwise.
const lines = [];
const record = {};

const cell = (xs, digits, unit = '') => (xs === undefined ? 'not measured' : typeof xs === 'string' ? xs : `${range(xs, digits)}${unit}`);
const figuresOf = (result, pick) => (result.wrong ? result.wrong : result.runs.map(pick));

function verdict(best, perRound, ok) {
  if (!ok(best)) return 'no';
  const miss = perRound.filter((x) => !ok(x)).length;
  return miss === 0 ? 'yes' : `best round only (${miss} of ${perRound.length} miss)`;
}

// host, portable, alternative: per-round figures (higher better) or a string saying why not.
function ratioLine(row, target, { host, portable, alternative, digits = 0, unit = '' }) {
  let ratio = 'n/a';
  let met = 'not measured';
  if (Array.isArray(host) && Array.isArray(alternative) && host.length && alternative.length) {
    const best = Math.max(...host) / Math.max(...alternative);
    const perRound = host.map((h, i) => h / alternative[i]).filter(Number.isFinite);
    ratio = `${best.toFixed(2)}×${perRound.length > 1 ? ` (rounds ${range(perRound, 2)})` : ''}`;
    met = verdict(best, perRound, (x) => x >= target);
    if (Array.isArray(portable) && portable.length) ratio += `; portable ${(Math.max(...portable) / Math.max(...alternative)).toFixed(2)}×`;
  }
  lines.push([row, `≥ ${target.toFixed(2).replace(/0$/, '')}×`, cell(host, digits, unit), cell(portable, digits, unit), cell(alternative, digits, unit), ratio, met]);
}

// A bound on host's own figure: lower is better unless `atLeast`.
function limitLine(row, target, { host, portable, alternative, digits = 1, unit = '', atLeast = false }) {
  let met = 'not measured';
  let value = 'n/a';
  if (Array.isArray(host) && host.length) {
    const best = atLeast ? Math.max(...host) : Math.min(...host);
    met = verdict(best, host, (x) => (atLeast ? x >= target : x <= target));
    value = `${best.toFixed(digits)}${unit} (best round)`;
  }
  lines.push([row, `${atLeast ? '≥' : '≤'} ${target}${unit}`, cell(host, digits, unit), cell(portable, digits, unit), cell(alternative, digits, unit), value, met]);
}

// ---- fixtures ---------------------------------------------------------------------------------
// A file of `mib` MiB of random bytes under DIR (written once, kept for later runs), read through
// once to warm the page cache. @return { file, bytes, sha256 }
function bigFile(name, mib) {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name}-${mib}MiB.bin`);
  const bytes = mib * MiB;
  if (!fs.existsSync(file) || fs.statSync(file).size !== bytes) {
    console.error(`writing ${file}…`);
    const noise = crypto.randomBytes(16 * MiB);
    const fd = fs.openSync(`${file}.part`, 'w');
    for (let at = 0; at < bytes; at += noise.length) {
      noise[0] = (noise[0] + 1) & 255; // no two blocks alike
      fs.writeSync(fd, noise, 0, Math.min(noise.length, bytes - at));
    }
    fs.closeSync(fd);
    fs.renameSync(`${file}.part`, file);
  }
  const hasher = crypto.createHash('sha256');
  const buffer = Buffer.allocUnsafe(16 * MiB);
  const fd = fs.openSync(file, 'r');
  for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) hasher.update(buffer.subarray(0, n));
  fs.closeSync(fd);
  return { file, bytes, sha256: hasher.digest('hex') };
}

// `count` files of 1–64 KiB, log-uniform sizes from a fixed seed (as bench/cli.js draws them).
function smallFiles(count) {
  const dir = path.join(DIR, 'many');
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  let x = 12345;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const bytes = Math.round(1024 * 64 ** (x / 2 ** 32));
    const file = path.join(dir, `f${String(i).padStart(5, '0')}`);
    if (!fs.existsSync(file) || fs.statSync(file).size !== bytes) fs.writeFileSync(file, crypto.randomBytes(bytes));
    files.push(file);
  }
  for (const f of files) fs.readFileSync(f);
  return files;
}

// ---- rows -------------------------------------------------------------------------------------
async function row1({ host2, portable2, unavailable }) {
  const count = P.batchCount;
  const each = Math.round(P.batchMiB * MiB);
  const label = `1. SHA-256, ${count} × ${P.batchMiB} MiB in flight, 2 threads vs piscina (2 workers, node:crypto, SharedArrayBuffer), MB/s`;
  const shared = new Uint8Array(new SharedArrayBuffer(count * each));
  for (let i = 0; i < shared.length; i += 16 * MiB) crypto.randomFillSync(shared, i, Math.min(16 * MiB, shared.length - i));
  const inputs = Array.from({ length: count }, (_, i) => shared.subarray(i * each, (i + 1) * each));
  const expected = combine(inputs.map((b) => crypto.createHash('sha256').update(b).digest()));
  const Piscina = await tryLoad(unavailable, 'piscina', () => require('piscina'));
  const piscina = Piscina && new Piscina({ filename: path.join(__dirname, 'piscina-node-crypto-worker.js'), minThreads: 2, maxThreads: 2 });
  const all = (run) => async () => {
    const { ms, value } = await timed(() => Promise.all(inputs.map(run)));
    return { ms, mbps: (count * each) / 1e3 / ms, digest: combine(value) };
  };
  const contenders = {
    host: all((b) => host2.hash('sha256', b)),
    portable: all((b) => portable2.hash('sha256', b)),
  };
  if (piscina) {
    await Promise.all(inputs.slice(0, 4).map((b) => piscina.run(b, { name: 'sha256' })));
    contenders.alternative = all((b) => piscina.run(b, { name: 'sha256' }));
  }
  const seen = await alternate(contenders, expected, { warm: true });
  if (piscina) await piscina.destroy();
  record.row1 = { count, bytesEach: each, seen };
  const mbps = (k) => (seen[k] ? figuresOf(seen[k], (r) => r.mbps) : `piscina: ${unavailable.piscina}`);
  ratioLine(label, 1.0, { host: mbps('host'), portable: mbps('portable'), alternative: mbps('alternative') });
}

async function row2({ host2, portable2 }) {
  const bytes = Math.round(P.oneMiB * MiB);
  const input = randomInput(bytes);
  const expected = sha256Hex(input);
  const one = (run) => async () => {
    const { ms, maxGap, value } = await underTimer(run);
    return { ms, mbps: bytes / 1e3 / ms, maxGap, digest: hex(value) };
  };
  const seen = await alternate({
    host: one(() => host2.hash('sha256', input)),
    portable: one(() => portable2.hash('sha256', input)),
    alternative: one(async () => crypto.createHash('sha256').update(input).digest()),
  }, expected, { warm: true });
  record.row2 = { bytes, seen };
  const fig = (pick) => Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, figuresOf(v, pick)]));
  ratioLine(`2. SHA-256 of one ${P.oneMiB} MiB buffer, pool.hash vs crypto.createHash (main thread), MB/s`, 0.85, fig((r) => r.mbps));
  limitLine(`2. the same: longest gap of a 1 ms timer during the call (alternative: createHash's)`, 5, { ...fig((r) => r.maxGap), unit: ' ms' });
}

async function row3({ host2, portable2 }) {
  const { file, bytes, sha256: expected } = bigFile('big', P.fileMiB);
  const through = (run) => async () => {
    const { ms, value } = await timed(run);
    return { ms, mbps: bytes / 1e3 / ms, digest: value };
  };
  const seen = await alternate({
    host: through(() => host2.hashFile(file, 'sha256', { encoding: 'hex' })),
    portable: through(() => portable2.hashFile(file, 'sha256', { encoding: 'hex' })),
    // As bench/files.js: 1 MiB reads (the default 64 KiB makes node:crypto's side slower).
    alternative: through(async () => {
      const hasher = crypto.createHash('sha256');
      await pipeline(fs.createReadStream(file, { highWaterMark: MiB }), hasher);
      return hasher.digest('hex');
    }),
  }, expected);
  record.row3 = { file, bytes, seen };
  const fig = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, figuresOf(v, (r) => r.mbps)]));
  ratioLine(`3. hashFile SHA-256 of a ${P.fileMiB} MiB file (warm cache), 2 threads vs pipeline(createReadStream, createHash), MB/s`, 1.0, fig);
}

async function row4({ host2, portable2 }) {
  const count = P.calls;
  const block = randomInput(count * 64);
  const messages = Array.from({ length: count }, (_, i) => block.subarray(i * 64, (i + 1) * 64));
  const expected = combine(messages.map((m) => crypto.createHash('sha256').update(m).digest()));
  // The calls are made in one synchronous loop; the timer's figures count from its end, while the
  // calls settle (the loop itself is the caller's code). Calls/s count the loop too.
  const inFlight = (p) => async () => {
    const { ms, maxGap, ticksPerMs, value } = await underTimer((started) => {
      const calls = messages.map((m) => p.hash('sha256', m));
      started();
      return Promise.all(calls);
    });
    return { ms, callsPerSecond: count / (ms / 1e3), maxGap, ticksPerMs, digest: combine(value) };
  };
  for (const p of [host2, portable2]) await Promise.all(messages.slice(0, 2000).map((m) => p.hash('sha256', m)));
  const seen = await alternate({
    host: inFlight(host2),
    portable: inFlight(portable2),
    alternative: async () => {
      const { ms, maxGap, ticksPerMs, value } = await underTimer(async () => messages.map((m) => crypto.hash('sha256', m, 'buffer')));
      return { ms, callsPerSecond: count / (ms / 1e3), maxGap, ticksPerMs, digest: combine(value) };
    },
  }, expected, { warm: true });
  record.row4 = { count, messageBytes: 64, seen };
  const fig = (pick) => Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, figuresOf(v, pick)]));
  const calls = count.toLocaleString('en');
  ratioLine(`4. ${calls} × 64 B SHA-256 pool.hash calls in flight, 2 threads vs a crypto.hash loop (main thread), calls/s`, 1.0, fig((r) => r.callsPerSecond));
  limitLine(`4. the same: longest gap of a 1 ms timer while the ${calls} settle`, 20, { ...fig((r) => r.maxGap), unit: ' ms' });
  limitLine('4. the same: 1 ms timer ticks per ms while they settle', 0.3, { ...fig((r) => r.ticksPerMs), digits: 2, atLeast: true });
  // What the timer targets ask of any library here: as many pending promises made in one loop,
  // then settled by an ideal resolver (the digests already known, copied into fresh Buffers as
  // a library must, 64 per step, 1 ms of steps per turn of the loop), under the same timer.
  const digests = messages.map((m) => crypto.hash('sha256', m, 'buffer'));
  const reference = [];
  for (let r = 0; r < rounds; r++) {
    reference.push(await underTimer((started) => {
      const resolvers = [];
      const calls = digests.map(() => new Promise((resolve) => resolvers.push(resolve)));
      started();
      let next = 0;
      const slice = () => {
        const t0 = performance.now();
        while (next < count && performance.now() - t0 < 1) {
          for (const end = Math.min(count, next + 64); next < end; next++) resolvers[next](Buffer.from(digests[next]));
        }
        if (next < count) setImmediate(slice);
      };
      setImmediate(slice);
      return Promise.all(calls);
    }));
  }
  record.row4.reference = reference.map(({ ms, maxGap, ticksPerMs }) => ({ ms, maxGap, ticksPerMs }));
  console.log(`4. reference, an ideal resolver of the same ${calls} pending promises in 1 ms slices: longest gap ` +
    `${range(reference.map((r) => r.maxGap), 1)} ms, ${range(reference.map((r) => r.ticksPerMs), 2)} ticks per ms`);
}

async function row5({ host1, portable1 }) {
  const bytes = Math.round(P.kernelMiB * MiB);
  const input = randomInput(bytes);
  record.row5 = { bytes, threads: 1, algorithms: {} };
  for (const algorithm of ALGORITHMS) {
    const expected = crypto.createHash(algorithm).update(input).digest('hex');
    const one = (run) => async () => {
      const { ms, value } = await timed(run);
      return { ms, mbps: bytes / 1e3 / ms, digest: hex(value) };
    };
    for (const p of [host1, portable1]) await p.hash(algorithm, input.subarray(0, 4 * MiB));
    const seen = await alternate({
      host: one(() => host1.hash(algorithm, input)),
      portable: one(() => portable1.hash(algorithm, input)),
      alternative: one(async () => crypto.createHash(algorithm).update(input).digest()),
    }, expected, { warm: true });
    record.row5.algorithms[algorithm] = { backends: { host: host1.backends[algorithm], portable: portable1.backends[algorithm] }, seen };
    const fig = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, figuresOf(v, (r) => r.mbps)]));
    ratioLine(`5. ${algorithm}, ${P.kernelMiB} MiB in memory, 1 thread vs crypto.createHash (main thread), MB/s`, 0.95, fig);
  }
}

// The command in a process of its own. @return { ms, stdout }
function command(args, env) {
  const start = process.hrtime.bigint();
  const r = childProcess.spawnSync(args[0], args.slice(1), { maxBuffer: 256 * MiB, env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.slice(0, 4).join(' ')}: status ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout.toString() };
}

async function row6() {
  const big = bigFile('cli', P.cliMiB);
  const many = smallFiles(P.cliFiles);
  const manyBytes = many.reduce((n, f) => n + fs.statSync(f).size, 0);
  const parahash = (setting) => (files) => command([process.execPath, BIN, '-a', 'sha256', ...files], { PARAHASH_HOST_CRYPTO: setting });
  const tools = { host: parahash('all'), portable: parahash('0'), alternative: (files) => command(['sha256sum', ...files]) };
  record.row6 = { cases: {} };
  for (const [work, files, bytes] of [[`one ${P.cliMiB} MiB file`, [big.file], big.bytes], [`${P.cliFiles.toLocaleString('en')} files of 1–64 KiB`, many, manyBytes]]) {
    const expected = sha256Hex(tools.alternative(files).stdout);
    const seen = await alternate(Object.fromEntries(Object.entries(tools).map(([k, run]) => [k, async () => {
      const { ms, stdout } = run(files);
      return { ms, mbps: bytes / 1e3 / ms, digest: sha256Hex(stdout) };
    }])), expected);
    record.row6.cases[work] = { bytes, seen };
    const fig = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, figuresOf(v, (r) => r.mbps)]));
    ratioLine(`6. \`parahash -a sha256\` vs sha256sum, ${work}${files.length > 1 ? ', start-up included' : ''}, MB/s`, files.length > 1 ? 1.0 : 2.5, fig);
  }
  // Start-up: medians of warm runs per round, alternating; the figure is parahash's median less
  // node's median in the same round.
  const version = (setting) => () => command([process.execPath, BIN, '--version'], { PARAHASH_HOST_CRYPTO: setting }).ms;
  const bare = () => command([process.execPath, '-e', '0']).ms;
  const startup = { host: [], portable: [], node: [] };
  for (let r = 0; r < rounds; r++) {
    const times = { host: [], portable: [], node: [] };
    const runs = { host: version('all'), portable: version('0'), node: bare };
    for (const k of Object.keys(runs)) runs[k](); // warm
    for (let i = 0; i < P.startupRuns; i++) for (const k of Object.keys(runs)) times[k].push(runs[k]());
    for (const k of Object.keys(times)) startup[k].push(median(times[k]));
  }
  record.row6.startupMedianMs = startup;
  limitLine(`6. \`parahash --version\` start-up, median of ${P.startupRuns}, less \`node -e 0\`'s (alternative: node -e 0 itself), ms`, 40, {
    host: startup.host.map((t, i) => t - startup.node[i]),
    portable: startup.portable.map((t, i) => t - startup.node[i]),
    alternative: startup.node,
    digits: 0,
    unit: ' ms',
  });
}

async function row7({ host2, portable2 }) {
  const c = P.pbkdf2Iterations;
  const expected = crypto.pbkdf2Sync('password', 'salt', c, 32, 'sha256').toString('hex');
  const one = (run) => async () => {
    const { ms, value } = await timed(run);
    return { ms, perSecond: 1e3 / ms, digest: hex(value) };
  };
  const seen = await alternate({
    host: one(() => host2.pbkdf2('password', 'salt', c, 32, 'sha256')),
    portable: one(() => portable2.pbkdf2('password', 'salt', c, 32, 'sha256')),
    alternative: one(() => new Promise((resolve, reject) =>
      crypto.pbkdf2('password', 'salt', c, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key))))),
  }, expected, { warm: true });
  const fig = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, figuresOf(v, (r) => r.perSecond)]));
  const aborts = { host: [], portable: [] };
  for (let r = 0; r < P.rounds; r++) {
    for (const [name, pool] of [['host', host2], ['portable', portable2]]) {
      const controller = new AbortController();
      const call = pool.pbkdf2('password', 'salt', c, 32, 'sha256', { signal: controller.signal }).then(() => null, (e) => e);
      await sleep(5);
      const asked = performance.now();
      controller.abort();
      const error = await call;
      aborts[name].push(error === null ? Infinity : performance.now() - asked);
    }
  }
  record.row7 = { iterations: c, seen, abortMs: aborts };
  const n = c.toLocaleString('en');
  ratioLine(`7. PBKDF2-HMAC-SHA256, ${n} iterations, 2 threads vs crypto.pbkdf2 (libuv), derivations/s (≥ 0.91× = ≤ 1.1× the time)`, 0.91, { ...fig, digits: 2 });
  limitLine(`7. the same: an abort 5 ms in, until the call rejects`, 200, { host: aborts.host, portable: aborts.portable, digits: 0, unit: ' ms' });
}

(async () => {
  const started = performance.now();
  const unavailable = {};
  const host2 = await createPool({ threads: P.threads.rows1to4 });
  const portable2 = await createPool({ threads: P.threads.rows1to4, hostCrypto: false });
  const host1 = await createPool({ threads: P.threads.row5 });
  const portable1 = await createPool({ threads: P.threads.row5, hostCrypto: false });
  const backends = { host: host2.backends, portable: portable2.backends };
  for (const a of ALGORITHMS) {
    if (host2.backends[a] !== 'node:crypto' || host1.backends[a] !== 'node:crypto') console.error(`note: the host pool runs ${a} on ${host2.backends[a]}`);
    if (portable2.backends[a] !== 'portable' || portable1.backends[a] !== 'portable') console.error(`note: the portable pool runs ${a} on ${portable2.backends[a]}`);
  }
  // The WebAssembly kernels reach their optimised tier after some use: warm every pool first.
  const warm = randomInput(8 * MiB);
  for (const p of [host2, portable2, host1, portable1]) for (const a of ALGORITHMS) await p.hash(a, warm);
  const pools = { host2, portable2, host1, portable1, unavailable };
  const rows = { 1: row1, 2: row2, 3: row3, 4: row4, 5: row5, 6: row6, 7: row7 };
  for (const n of P.rows) {
    if (!rows[n]) continue;
    const t = performance.now();
    await rows[n](pools);
    console.error(`row ${n}: ${((performance.now() - t) / 1e3).toFixed(1)} s`);
  }
  await Promise.all([host2, portable2, host1, portable1].map((p) => p.close()));

  const cpu = os.cpus()[0]?.model?.trim();
  console.log(`\nHost kernels (node:crypto in the pool's threads) vs portable kernels vs the alternative; ${rounds} round${rounds > 1 ? 's' : ''}, ` +
    `alternating, digests checked; ${cpu}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end; ` +
    `${((performance.now() - started) / 1e3).toFixed(0)} s\n`);
  printTable(['row', 'target', 'host', 'portable', 'alternative', 'ratio (host)', 'met?'], lines);
  for (const [name, why] of Object.entries(unavailable)) console.log(`\n${name} could not be loaded: ${why}`);
  const met = lines.filter((l) => l[6] === 'yes').length;
  console.log(`\n${met} of ${lines.length} lines meet their target in every round.`);
  writeResults('host-crypto', P, { backends, lines, unavailable, ...record });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
