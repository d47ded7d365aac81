'use strict';
// Many small messages: pool.hashMany vs one pool.hash call per message vs piscina (2 workers
// running node:crypto, one task per message) vs crypto.createHash per message on the main
// thread. Same 100,000 random 64-byte inputs, alternating, several rounds.
//   node bench/hash-many.js [rounds=3]
const crypto = require('node:crypto');
const path = require('node:path');
const Piscina = require('piscina');
const { createPool } = require('parahash');

const rounds = Number(process.argv[2] ?? 3);
const COUNT = 100_000;

(async () => {
  const pool = await createPool({ threads: 2 });
  const piscina = new Piscina({ filename: path.join(__dirname, 'piscina-sha256-worker.js'), minThreads: 2, maxThreads: 2 });
  const inputs = Array.from({ length: COUNT }, () => crypto.randomBytes(64));
  await pool.hashMany('sha256', inputs.slice(0, 1000)); // warm-up
  const rate = (n, ms) => n / ms * 1000;
  await Promise.all(inputs.slice(0, 1000).map((b) => piscina.run(b)));
  const seen = { many: [], each: [], piscina: [], main: [] };
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await pool.hashMany('sha256', inputs);
    seen.many.push(rate(COUNT, performance.now() - t));
    t = performance.now();
    await Promise.all(inputs.slice(0, 20_000).map((b) => pool.hash('sha256', b))); // 1/5 of the set: slow path
    seen.each.push(rate(20_000, performance.now() - t));
    t = performance.now();
    await Promise.all(inputs.slice(0, 20_000).map((b) => piscina.run(b)));
    seen.piscina.push(rate(20_000, performance.now() - t));
    t = performance.now();
    for (const b of inputs) crypto.createHash('sha256').update(b).digest();
    seen.main.push(rate(COUNT, performance.now() - t));
  }
  const range = (xs) => `${(Math.min(...xs) / 1e3).toFixed(0)}–${(Math.max(...xs) / 1e3).toFixed(0)}k`;
  console.log(`SHA-256 of ${COUNT.toLocaleString('en')} × 64 B, ${pool.threads} threads, ${rounds} rounds (messages/s)`);
  console.log('| method | messages/s |');
  console.log('|---|---:|');
  console.log(`| parahash pool.hashMany | ${range(seen.many)} |`);
  console.log(`| parahash pool.hash per message | ${range(seen.each)} |`);
  console.log(`| piscina, 2 workers, node:crypto per task | ${range(seen.piscina)} |`);
  console.log(`| crypto.createHash per message, main thread | ${range(seen.main)} |`);
  const ratio = Math.min(...seen.many) / Math.max(...seen.piscina);
  console.log(`hashMany vs piscina, worst parahash round over best piscina round: ${ratio.toFixed(1)}x`);
  await pool.close();
  await piscina.destroy();
})();
