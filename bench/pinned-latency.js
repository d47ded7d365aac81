'use strict';
// A stream bound to a pool thread (a host kernel's state lives in that thread's isolate) beside
// long derivations that hold every thread: how long one 2 MiB piece plus copy().digest() waits,
// with node:crypto (pinned pieces, run at the long jobs' safe points) and on the portable kernel
// (a piece waits for a free thread). Argon2id (64 MiB, t=3) and PBKDF2-SHA512 (2,000,000
// iterations) loop on the 2 threads meanwhile.
//   node bench/pinned-latency.js [pieces=20]
const crypto = require('node:crypto');
const { createPool } = require('parahash');

const pieces = Number(process.argv[2] ?? 20);

(async () => {
  for (const hostCrypto of [true, false]) {
    const pool = await createPool({ threads: 2, hostCrypto });
    const chunk = crypto.randomBytes(2 << 20);
    const h = pool.createHash('sha256');
    h.update(chunk); await h.copy().digest(); // bind the state
    let stop = false;
    const kdfs = (async () => { while (!stop) await pool.argon2Hash('pw', { memoryCost: 65536, timeCost: 3, parallelism: 1 }); })();
    const kdfs2 = (async () => { while (!stop) await pool.pbkdf2('pw', 'salt', 2_000_000, 32, 'sha512'); })();
    await new Promise((r) => setTimeout(r, 50));
    const lat = [];
    for (let i = 0; i < pieces; i++) {
      const s = performance.now();
      h.update(chunk);
      await h.copy().digest(); // waits for the piece
      lat.push(performance.now() - s);
    }
    stop = true; await kdfs; await kdfs2;
    lat.sort((a, b) => a - b);
    console.log(`hostCrypto ${hostCrypto}: piece+copy latency median ${lat[lat.length >> 1].toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms`);
    await pool.close();
  }
})();
