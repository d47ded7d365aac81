'use strict';
// An upload server (node:http) hashing 128 MiB request bodies, while a client pings it: with
// parahash (stream.pipeline(req, pool.createHash(…))) against node:crypto's createHash fed
// chunk by chunk on the main thread. Each run starts a fresh server process, sends `uploads`
// bodies `concurrency` at a time and a GET /ping every 5 ms; it reports the pings' p99 and max
// latency during the uploads, and MB/s. Runs alternate between the two servers; every digest
// is checked. Writes bench/results/upload-server.json.
//   node bench/upload-server.js [runs=5] [--mib 128] [--uploads 8] [--concurrency 4] [--algorithm sha256]
//   node bench/upload-server.js --serve parahash|createHash --algorithm sha256   (the server itself)
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const http = require('node:http');
const { pipeline } = require('node:stream/promises');
const { parseArgs, numberArg, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const algorithm = options.algorithm ?? 'sha256';
const MiB = 1024 * 1024;

// The server: POST /upload answers the body's hex digest, GET /ping answers at once.
async function serve(kind) {
  const hashBody = kind === 'parahash' ? await parahashHasher() : nodeHasher;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.end('pong');
      return;
    }
    hashBody(req).then((digest) => res.end(digest), (error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

async function parahashHasher() {
  const { createPool } = require('parahash');
  const pool = await createPool();
  return async (req) => {
    const hasher = pool.createHash(algorithm);
    await pipeline(req, hasher);
    return hasher.digest('hex');
  };
}

function nodeHasher(req) {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash(algorithm);
    req.on('data', (chunk) => hash.update(chunk));
    req.on('end', () => resolve(hash.digest('hex')));
    req.on('error', reject);
  });
}

// One run against a fresh server of `kind`. @return { p99, max, mbPerSecond }
async function runOnce(kind, body, expected, { uploads, concurrency }) {
  const server = childProcess.fork(__filename, ['--serve', kind, '--algorithm', algorithm], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 1 });
  const request = (method, data) => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: method === 'GET' ? '/ping' : '/upload', agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    if (data) {
      // The body in 64 KiB writes, as a client streaming a file sends it.
      let at = 0;
      const pump = () => {
        while (at < data.length) {
          const ok = req.write(data.subarray(at, at + 64 * 1024));
          at += 64 * 1024;
          if (!ok) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else {
      req.end();
    }
  });
  await request('GET');
  const pings = [];
  let uploading = true;
  const pinger = (async () => {
    while (uploading) {
      const t = performance.now();
      await request('GET');
      pings.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < uploads) {
      next++;
      const digest = await request('POST', body);
      if (digest !== expected) throw new Error(`${kind}: wrong digest ${digest}`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  uploading = false;
  await pinger;
  agent.destroy();
  server.kill();
  pings.sort((a, b) => a - b);
  return { p99: pings[Math.min(pings.length - 1, Math.floor(pings.length * 0.99))], max: pings.at(-1), mbPerSecond: (uploads * body.length) / 1e6 / seconds, pings: pings.length };
}

async function main() {
  const runs = numberArg(positional[0], 5, 'runs');
  const settings = {
    uploads: numberArg(options.uploads, 8, '--uploads'),
    concurrency: numberArg(options.concurrency, 4, '--concurrency'),
  };
  const body = crypto.randomBytes(numberArg(options.mib, 128, '--mib') * MiB);
  const expected = crypto.createHash(algorithm).update(body).digest('hex');
  const kinds = ['parahash', 'createHash'];
  const seen = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) seen[kind].push(await runOnce(kind, body, expected, settings));
  }
  const names = { parahash: `parahash: pipeline(req, pool.createHash('${algorithm}'))`, createHash: `node:crypto: createHash('${algorithm}').update(chunk) per chunk` };
  console.log(`\n${settings.uploads} uploads of ${body.length / MiB} MiB, ${settings.concurrency} at a time, a ping every 5 ms; ${runs} runs each, alternating:\n`);
  printTable(['server', 'ping p99 ms (per run)', 'ping p99, worst run', 'ping max ms', 'MB/s'], kinds.map((k) => [
    names[k], range(seen[k].map((s) => s.p99), 1), Math.max(...seen[k].map((s) => s.p99)).toFixed(1),
    range(seen[k].map((s) => s.max), 1), range(seen[k].map((s) => s.mbPerSecond)),
  ]));
  const ratio = Math.max(...seen.parahash.map((s) => s.p99)) / Math.max(...seen.createHash.map((s) => s.p99));
  console.log(`\nworst-run ping p99, parahash ÷ createHash: ${ratio.toFixed(2)} (target ≤ 1)`);
  writeResults('upload-server', { runs, algorithm, mib: body.length / MiB, ...settings }, { runs: seen, ratio });
}

if (options.serve) serve(options.serve);
else main().catch((error) => {
  console.error(error);
  process.exit(1);
});
