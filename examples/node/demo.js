'use strict';
// npm run demo: what parahash is for, measured on this machine, each next to what Node users
// write today, with the event loop watched by a 1 ms timer throughout:
//   1. one large file, BLAKE3 over every thread, against pipeline(createReadStream, createHash)
//   2. a folder of many files at once, against node:crypto streams 4 at a time
//   3. an HTTP server hashing uploads while it keeps answering
//   4. the honest comparison: SHA-256 of one buffer, where OpenSSL on the main thread was faster
//      than WebAssembly can be; parahash now runs OpenSSL's SHA-256 on its own threads
// Every digest is checked against node:crypto or parahash's one-shot hash of the same bytes.
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { hash, hashFile, hashFiles, createHash, createPool, getDefaultPool, closeDefaultPool } = require('parahash');

const MiB = 1024 * 1024;
const FILE_MIB = 512;
const FILES = 1000;

// Runs `work` while a 1 ms timer ticks: its result, the time, and the timer's longest gap.
async function watched(work) {
  let last = performance.now();
  let longest = 0;
  const gaps = [];
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  gaps.sort((a, b) => a - b);
  return { result, ms, longest, p99: gaps[Math.floor(gaps.length * 0.99)] ?? longest };
}

const line = (label, r, bytes) => console.log(`   ${label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(6)} s` +
  `${bytes ? `  ${(bytes / 1e6 / (r.ms / 1000)).toFixed(0).padStart(5)} MB/s` : ''}` +
  `   event loop: longest gap ${r.longest.toFixed(1)} ms`);

function check(ok, what) {
  if (!ok) {
    console.error(`MISMATCH: ${what}`);
    process.exitCode = 1;
  }
}

async function nodeStream(file, algorithm = 'sha256') {
  const hasher = crypto.createHash(algorithm);
  await pipeline(fs.createReadStream(file), hasher);
  return hasher.digest('hex');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-demo-'));
  try {
    const pool = await getDefaultPool();
    console.log(`parahash demo: ${pool.threads} threads, Node ${process.version}. Writing test files under ${dir}…\n`);
    const big = path.join(dir, 'big.bin');
    const bytes = Buffer.allocUnsafe(FILE_MIB * MiB);
    for (let i = 0; i < bytes.length; i += 64 * MiB) crypto.randomFillSync(bytes, i, 64 * MiB);
    fs.writeFileSync(big, bytes);
    const files = Array.from({ length: FILES }, (_, i) => {
      const file = path.join(dir, `f${i}.bin`);
      // Sizes like a library folder's: mostly small, a few large.
      const size = i % 100 === 0 ? 8 * MiB : Math.floor(Math.exp(Math.random() * 11));
      fs.writeFileSync(file, bytes.subarray(i * 1000, i * 1000 + size));
      return file;
    });
    const treeBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    await hashFile(big, 'blake3'); // warm the page cache and the engine

    console.log(`1) One ${FILE_MIB} MiB file`);
    const b3 = await watched(() => hashFile(big, 'blake3', { encoding: 'hex' }));
    line(`parahash hashFile(file, 'blake3'), ${pool.threads} threads`, b3, bytes.length);
    const stream = await watched(() => nodeStream(big));
    line('node:crypto pipeline(createReadStream, createHash(\'sha256\'))', stream, bytes.length);
    check(b3.result === await hash('blake3', bytes, { encoding: 'hex' }), 'blake3 of the file');
    console.log(`   → BLAKE3 on the pool: ${(stream.ms / b3.ms).toFixed(1)}× the speed of the usual SHA-256 stream.\n`);

    console.log(`2) ${FILES} files, ${(treeBytes / 1e6).toFixed(0)} MB in all`);
    const many = await watched(() => hashFiles(files, 'blake3', { encoding: 'hex' }));
    line('parahash hashFiles(paths, \'blake3\')', many, treeBytes);
    const manySha = await watched(() => hashFiles(files, 'sha256', { encoding: 'hex' }));
    line('parahash hashFiles(paths, \'sha256\')', manySha, treeBytes);
    const nodeMany = await watched(async () => {
      const out = new Array(files.length);
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < files.length) {
          const i = next++;
          out[i] = await nodeStream(files[i]);
        }
      }));
      return out;
    });
    line('node:crypto streams, sha256, 4 files at a time', nodeMany, treeBytes);
    check(manySha.result.every((r, i) => r.digest === nodeMany.result[i]), 'sha256 of the files');
    console.log(`   → every digest checked; results come back in input order, errors per file.\n`);

    console.log('3) An HTTP server hashing four 128 MiB uploads with pipeline(req, createHash(\'blake3\'))');
    // The README's upload recipe: a client that disconnects mid-upload rejects pipeline() with
    // ECONNRESET, which must be caught here, or it ends the whole server.
    const server = http.createServer(async (req, res) => {
      if (req.method === 'GET') return void res.end('pong');
      try {
        const hasher = createHash('blake3');
        await pipeline(req, hasher);
        res.end(await hasher.digest('hex'));
      } catch (err) {
        console.error(`   upload failed: ${err.code ?? err.message}`);
        res.writeHead(500).end(); // read only by a client still there; an aborted one is gone
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    const body = bytes.subarray(0, 128 * MiB);
    const upload = () => new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (c) => { text += c; }).on('end', () => resolve(text));
      }).on('error', reject);
      req.end(body);
    });
    const served = await watched(() => Promise.all([upload(), upload(), upload(), upload()]));
    server.close();
    line('four uploads at once, on the same event loop', served, 4 * body.length);
    check(served.result.every((d) => d === served.result[0]) && served.result[0] === await hash('blake3', body, { encoding: 'hex' }), 'upload digests');
    console.log(`   → the server's 1 ms timer kept ticking: p99 gap ${served.p99.toFixed(1)} ms while it hashed.\n`);

    console.log(`4) The honest comparison: SHA-256 of one ${FILE_MIB} MiB buffer already in memory`);
    const onPool = await watched(() => hash('sha256', bytes, { encoding: 'hex' }));
    const { backends } = await getDefaultPool();
    line(`parahash hash('sha256', buffer), run by ${backends.sha256}`, onPool, bytes.length);
    const portable = await createPool({ hostCrypto: false });
    const onPortable = await watched(() => portable.hash('sha256', bytes, { encoding: 'hex' }));
    await portable.close();
    line('parahash with createPool({ hostCrypto: false }): WebAssembly', onPortable, bytes.length);
    const onMain = await watched(async () => crypto.createHash('sha256').update(bytes).digest('hex'));
    line('node:crypto createHash on the main thread', onMain, bytes.length);
    check(onPool.result === onMain.result && onPortable.result === onMain.result, 'sha256 of the buffer');
    console.log(`   → parahash reached ${(onMain.ms / onPool.ms).toFixed(2)}× the MB/s of OpenSSL on the main thread (WebAssembly alone:`);
    console.log(`     ${(onMain.ms / onPortable.ms).toFixed(2)}×, it cannot use the CPU's SHA extensions); the main thread held the event loop`);
    console.log(`     for ${onMain.longest.toFixed(0)} ms, parahash's longest gap was ${onPool.longest.toFixed(1)} ms.`);
    console.log(process.exitCode ? '\nSome digests did not match.' : '\nEvery digest matched.');
  } finally {
    await closeDefaultPool();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
