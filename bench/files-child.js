'use strict';
// One contender of bench/files.js, alone in its own process so that its peak RSS is its own.
//   node bench/files-child.js <contender> <algorithm> <list-file | file>
// Prints one JSON line: { ms, digest, maxRssKiB } where digest is the file's hex digest, or for
// a list (one path per line) the SHA-256 of every file's hex digest in list order, so that
// contenders can be compared.
const crypto = require('node:crypto');
const fs = require('node:fs');
const { pipeline } = require('node:stream/promises');
const { createPool } = require('parahash');

const [contender, algorithm, target] = process.argv.slice(2);
// The node:crypto baseline reads this many files at a time (the baseline).
const NODE_CONCURRENCY = 4;

const combine = (digests) => crypto.createHash('sha256').update(digests.join('\n')).digest('hex');

async function nodeStream(file) {
  const hasher = crypto.createHash(algorithm);
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), hasher);
  return hasher.digest('hex');
}

async function nodeStreams(paths) {
  const out = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      out[i] = await nodeStream(paths[i]);
    }
  };
  await Promise.all(Array.from({ length: NODE_CONCURRENCY }, worker));
  return out;
}

const contenders = {
  'node:crypto stream': async () => (target.endsWith('.list')
    ? combine(await nodeStreams(list())) : nodeStream(target)),
  'parahash hashFile': async (pool) => pool.hashFile(target, algorithm, { encoding: 'hex' }),
  'parahash hashFiles': async (pool) => {
    const results = await pool.hashFiles(list(), algorithm, { encoding: 'hex' });
    const failed = results.find((r) => r.error);
    if (failed) throw failed.error;
    return combine(results.map((r) => r.digest));
  },
  // The same bytes, already in memory: what the file path must not slow down.
  'parahash hash (bytes in memory)': async (pool, bytes) => pool.hash(algorithm, bytes, { encoding: 'hex' }),
};

function list() {
  return fs.readFileSync(target, 'utf8').split('\n').filter(Boolean);
}

// A whole file into one buffer (readFile refuses files past 2 GiB).
function readWhole(file) {
  const size = fs.statSync(file).size;
  const bytes = Buffer.allocUnsafe(size);
  const fd = fs.openSync(file, 'r');
  try {
    for (let at = 0; at < size;) at += fs.readSync(fd, bytes, at, Math.min(1 << 30, size - at), at);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

(async () => {
  const run = contenders[contender];
  if (!run) throw new Error(`unknown contender ${contender}`);
  const pool = contender.startsWith('parahash') ? await createPool() : null;
  const bytes = contender === 'parahash hash (bytes in memory)' ? readWhole(target) : null;
  const started = performance.now();
  const digest = await run(pool, bytes);
  const ms = performance.now() - started;
  await pool?.close();
  console.log(JSON.stringify({ ms, digest, maxRssKiB: process.resourceUsage().maxRSS }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
