'use strict';
// An upload server (node:http) hashing 128 MiB request bodies, while a client pings it: with
// parahash (stream.pipeline(req, pool.createHash(…))) against node:crypto's createHash fed
// chunk by chunk on the main thread. Each run starts a fresh server process, sends `uploads`
// bodies `concurrency` at a time while a separate process sends GET /ping every 5 ms; it reports the pings' p99 and max
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
  // The server's own view: a 1 ms timer's longest gap and p99 gap, sent when asked.
  const gaps = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  process.on('message', () => {
    gaps.sort((a, b) => a - b);
    process.send({ gapP99: gaps[Math.floor(gaps.length * 0.99)], gapMax: gaps.at(-1) });
  });
  server.listen(0, '127.0.0.1', () => {
    gaps.length = 0;
    last = performance.now();
    process.send({ port: server.address().port });
  });
}

async function parahashHasher() {
  const { createPool } = require('parahash');
  const pool = await createPool(options.threads === undefined ? {} : { threads: Number(options.threads) });
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
  const extra = options.threads === undefined ? [] : ['--threads', options.threads];
  const server = childProcess.fork(__filename, ['--serve', kind, '--algorithm', algorithm, ...extra], { stdio: 'inherit' });
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
  // The pings come from a process of their own, whose loop does nothing else: what they
  // measure is the server's answer, not the uploading client's own busy loop.
  const pinger = childProcess.fork(__filename, ['--ping', String(port)], { stdio: 'inherit' });
  await new Promise((resolve) => pinger.once('message', resolve));
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
  pinger.send('stop');
  const pings = await new Promise((resolve) => pinger.once('message', resolve));
  server.send('gaps');
  const { gapP99, gapMax } = await new Promise((resolve) => server.once('message', resolve));
  agent.destroy();
  server.kill();
  pings.sort((a, b) => a - b);
  return {
    p99: pings[Math.min(pings.length - 1, Math.floor(pings.length * 0.99))],
    max: pings.at(-1),
    mbPerSecond: (uploads * body.length) / 1e6 / seconds,
    pings: pings.length,
    gapP99,
    gapMax,
  };
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
  printTable(['server', 'ping p99 ms (per run)', 'ping p99, worst run', 'ping max ms', 'server 1 ms timer: p99 gap, max gap', 'MB/s'], kinds.map((k) => [
    names[k], range(seen[k].map((s) => s.p99), 1), Math.max(...seen[k].map((s) => s.p99)).toFixed(1),
    range(seen[k].map((s) => s.max), 1),
    `${range(seen[k].map((s) => s.gapP99), 1)}, ${range(seen[k].map((s) => s.gapMax), 1)}`,
    range(seen[k].map((s) => s.mbPerSecond)),
  ]));
  const ratio = Math.max(...seen.parahash.map((s) => s.p99)) / Math.max(...seen.createHash.map((s) => s.p99));
  console.log(`\nworst-run ping p99, parahash ÷ createHash: ${ratio.toFixed(2)} (target ≤ 1)`);
  writeResults('upload-server', { runs, algorithm, mib: body.length / MiB, ...settings }, { runs: seen, ratio });
}

// The pinger: a GET /ping every 5 ms until told to stop, then the latencies to the parent.
function ping(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  let running = true;
  process.on('message', () => { running = false; });
  const once = () => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/ping', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
  (async () => {
    await once();
    process.send('ready');
    while (running) {
      const t = performance.now();
      await once();
      latencies.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    process.send(latencies, () => process.exit(0));
  })();
}

if (options.serve) serve(options.serve);
else if (options.ping) ping(Number(options.ping));
else main().catch((error) => {
  console.error(error);
  process.exit(1);
});
