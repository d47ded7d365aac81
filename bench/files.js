'use strict';
// Files: parahash hashFile / hashFiles against pipeline(createReadStream, createHash) (4 files
// at a time for a tree), sha256sum and b3sum, on one large file and on a tree of many files
// whose sizes follow a system library folder's (median ~19 KB, 90% under 256 KB, a few of
// 100 MB). The page cache is warm; each contender runs in its own process, so its peak RSS is
// its own; rounds alternate and rotate which contender starts; digests are checked equal.
// Writes bench/results/files.json.
//   node bench/files.js [rounds=3] [--big-mib 2048] [--files 5000] [--tree-mib 1100] [--dir DIR]
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs, numberArg, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 3, 'rounds');
const BIG_MIB = numberArg(options['big-mib'], 2048, '--big-mib');
const FILES = Math.round(numberArg(options.files, 5000, '--files'));
const TREE_MIB = numberArg(options['tree-mib'], 1100, '--tree-mib');
const DIR = options.dir ?? path.join(os.tmpdir(), 'parahash-bench-files');
const MiB = 1024 * 1024;

// A seeded xorshift32, so the tree is the same every time.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

// File sizes drawn log-normally around a library folder's (median 18.7 KB, p90 256 KB), scaled
// to the total asked for, capped at 120 MiB.
function treeSizes(count, totalBytes) {
  const next = rng(20261201);
  const normal = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  const raw = Array.from({ length: count }, () => Math.exp(Math.log(18680) + 2.04 * normal()));
  const scale = totalBytes / raw.reduce((a, b) => a + b, 0);
  return raw.map((s) => Math.min(120 * MiB, Math.max(0, Math.round(s * scale))));
}

// Writes the fixtures unless the manifest says they are there already.
function fixtures() {
  const manifest = path.join(DIR, 'manifest.json');
  const wanted = { bigMiB: BIG_MIB, files: FILES, treeMiB: TREE_MIB, version: 1 };
  const big = path.join(DIR, 'big.bin');
  const list = path.join(DIR, 'tree.list');
  try {
    if (JSON.stringify(JSON.parse(fs.readFileSync(manifest, 'utf8'))) === JSON.stringify(wanted)) return { big, list };
  } catch {
    // Not there yet.
  }
  console.log(`writing fixtures under ${DIR} (${BIG_MIB} MiB file, ${FILES} files of ${TREE_MIB} MiB in all)…`);
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIR, 'tree'), { recursive: true });
  const noise = crypto.randomBytes(64 * MiB);
  const fd = fs.openSync(big, 'w');
  for (let at = 0; at < BIG_MIB * MiB; at += noise.length) {
    noise[0] = (noise[0] + 1) & 255; // no two blocks alike
    fs.writeSync(fd, noise, 0, Math.min(noise.length, BIG_MIB * MiB - at));
  }
  fs.closeSync(fd);
  const sizes = treeSizes(FILES, TREE_MIB * MiB);
  const next = rng(7);
  const paths = sizes.map((size, i) => {
    const sub = path.join(DIR, 'tree', `d${String(i % 64).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `f${i}.so`);
    const from = Math.floor(next() * (noise.length - Math.min(size, noise.length)));
    const out = fs.openSync(file, 'w');
    for (let done = 0; done < size;) {
      const n = Math.min(size - done, noise.length - from);
      done += fs.writeSync(out, noise, from, n);
    }
    fs.closeSync(out);
    return file;
  });
  fs.writeFileSync(list, `${paths.join('\n')}\n`);
  fs.writeFileSync(manifest, JSON.stringify(wanted));
  return { big, list };
}

// Reads every fixture once, so every contender meets a warm page cache.
function warm(big, list) {
  const buffer = Buffer.allocUnsafe(16 * MiB);
  for (const file of [big, ...fs.readFileSync(list, 'utf8').split('\n').filter(Boolean)]) {
    const fd = fs.openSync(file, 'r');
    while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
    fs.closeSync(fd);
  }
}

const combine = (digests) => crypto.createHash('sha256').update(digests.join('\n')).digest('hex');

// A node contender (bench/files-child.js). @return { ms, digest, maxRssKiB }
function runNode(contender, algorithm, target) {
  const out = childProcess.execFileSync(process.execPath, [path.join(__dirname, 'files-child.js'), contender, algorithm, target],
    { encoding: 'utf8', maxBuffer: 64 * MiB });
  return JSON.parse(out.trim().split('\n').at(-1));
}

// A command-line tool, timed by /usr/bin/time. @return { ms, digest, maxRssKiB }
function runCli(name, target) {
  const command = target.endsWith('.list') ? `xargs -a '${target}' -d '\\n' -n 100000 ${name}` : `${name} '${target}'`;
  const result = childProcess.spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', 'bash', '-c', command],
    { encoding: 'utf8', maxBuffer: 256 * MiB });
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
  const [, seconds, kib] = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
  const digests = result.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
  return { ms: Number(seconds) * 1000, digest: target.endsWith('.list') ? combine(digests) : digests[0], maxRssKiB: Number(kib) };
}

(async () => {
  const { big, list } = fixtures();
  warm(big, list);
  const bigBytes = fs.statSync(big).size;
  const paths = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const treeBytes = paths.reduce((n, p) => n + fs.statSync(p).size, 0);
  const cases = {
    [`one ${BIG_MIB} MiB file`]: {
      bytes: bigBytes,
      target: big,
      contenders: {
        'node:crypto stream, sha256': () => runNode('node:crypto stream', 'sha256', big),
        'parahash hashFile, sha256': () => runNode('parahash hashFile', 'sha256', big),
        'parahash hash of the bytes in memory, sha256': () => runNode('parahash hash (bytes in memory)', 'sha256', big),
        'sha256sum': () => runCli('sha256sum', big),
        'parahash hashFile, blake3': () => runNode('parahash hashFile', 'blake3', big),
        'b3sum': () => runCli('b3sum', big),
      },
    },
    [`${paths.length} files, ${(treeBytes / 1e9).toFixed(2)} GB`]: {
      bytes: treeBytes,
      target: list,
      contenders: {
        'node:crypto stream, sha256 (4 files at a time)': () => runNode('node:crypto stream', 'sha256', list),
        'parahash hashFiles, sha256': () => runNode('parahash hashFiles', 'sha256', list),
        'sha256sum': () => runCli('sha256sum', list),
        'parahash hashFiles, blake3': () => runNode('parahash hashFiles', 'blake3', list),
        'b3sum': () => runCli('b3sum', list),
      },
    },
  };
  const results = {};
  for (const [name, c] of Object.entries(cases)) {
    const seen = Object.fromEntries(Object.keys(c.contenders).map((k) => [k, { ms: [], rss: [], digests: new Set() }]));
    const names = Object.keys(c.contenders);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const contender = names[(k + r) % names.length];
        const { ms, digest, maxRssKiB } = c.contenders[contender]();
        seen[contender].ms.push(ms);
        seen[contender].rss.push(maxRssKiB / 1024);
        seen[contender].digests.add(digest);
      }
    }
    // Every SHA-256 contender must agree, and every BLAKE3 one.
    for (const family of ['sha256', 'b']) {
      const digests = new Set(names.filter((n) => n.includes(family === 'sha256' ? 'sha256' : 'blake3') || (family === 'b' && n === 'b3sum'))
        .flatMap((n) => [...seen[n].digests]));
      if (digests.size !== 1) throw new Error(`${name}: ${family} contenders disagree: ${[...digests].join(', ')}`);
    }
    results[name] = Object.fromEntries(names.map((n) => [n, {
      seconds: seen[n].ms.map((ms) => ms / 1000),
      mbPerSecond: seen[n].ms.map((ms) => c.bytes / 1e6 / (ms / 1000)),
      peakRssMiB: seen[n].rss,
    }]));
    console.log(`\n${name} (${rounds} rounds, digests checked):\n`);
    const base = results[name][names[0]];
    printTable(['contender', 'seconds', 'MB/s', 'peak RSS MiB', 'time ÷ node:crypto stream (worst)'], names.map((n) => {
      const r = results[name][n];
      return [n, range(r.seconds, 2), range(r.mbPerSecond), range(r.peakRssMiB), (Math.max(...r.seconds) / Math.min(...base.seconds)).toFixed(2)];
    }));
  }
  const [file, tree] = Object.values(results);
  const worst = (r) => Math.max(...r.seconds);
  const best = (r) => Math.min(...r.seconds);
  const targets = {
    'tree, sha256 hashFiles ≤ 1.0× the node:crypto stream': worst(tree['parahash hashFiles, sha256']) / best(tree['node:crypto stream, sha256 (4 files at a time)']),
    'tree, blake3 hashFiles ≤ 0.5× the node:crypto stream': worst(tree['parahash hashFiles, blake3']) / best(tree['node:crypto stream, sha256 (4 files at a time)']),
    'tree, peak RSS of hashFiles (max of both) ≤ the stream\'s (min)': Math.max(...tree['parahash hashFiles, sha256'].peakRssMiB, ...tree['parahash hashFiles, blake3'].peakRssMiB)
      / Math.min(...tree['node:crypto stream, sha256 (4 files at a time)'].peakRssMiB),
    'file, blake3 hashFile MB/s ≥ 1.5× the node:crypto sha256 stream\'s': best(file['node:crypto stream, sha256']) / worst(file['parahash hashFile, blake3']),
    'file, sha256 hashFile ≥ 0.9× parahash\'s own in-memory speed': best(file['parahash hash of the bytes in memory, sha256']) / worst(file['parahash hashFile, sha256']),
    'file, hashFile peak RSS MiB (< 200 over a bare process)': Math.max(...file['parahash hashFile, sha256'].peakRssMiB, ...file['parahash hashFile, blake3'].peakRssMiB),
  };
  console.log('\nTargets (worst parahash round against best baseline round):\n');
  printTable(['target', 'ratio'], Object.entries(targets).map(([k, v]) => [k, v.toFixed(2)]));
  writeResults('files', { rounds, bigMiB: BIG_MIB, files: paths.length, treeBytes, dir: DIR }, { results, targets });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
