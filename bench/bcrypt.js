'use strict';
// bcrypt at one cost: parahash (a pool of 2 threads; the derivation is one serial chain, so
// one call uses one thread) against the `bcrypt` package (native OpenBSD code on libuv's
// threadpool, its async hash) and bcryptjs (pure JS, its async hash on the main thread). Two
// rows: one call at a time, and --parallel calls at once (what a busy login endpoint does).
// Each round runs every contender once, in turn; every string made is checked by another
// library before it counts (parahash's by bcrypt, theirs by parahash). Writes
// bench/results/bcrypt.json.
//   node bench/bcrypt.js [rounds=5] [--cost 10] [--parallel 8] [--threads 2]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createPool } = require('parahash');
const { tryLoad, parseArgs, numberArg, range, printTable, writeResults } = require('./common');

const { positional, options } = parseArgs();
const rounds = numberArg(positional[0], 5, 'rounds');
const cost = Math.floor(numberArg(options.cost, 10, '--cost'));
const parallel = Math.floor(numberArg(options.parallel, 8, '--parallel'));
const threads = Math.floor(numberArg(options.threads, 2, '--threads'));

const versionOf = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
};

(async () => {
  const unavailable = {};
  const bcrypt = await tryLoad(unavailable, 'bcrypt', () => require('bcrypt'));
  const bcryptjs = await tryLoad(unavailable, 'bcryptjs', () => require('bcryptjs'));
  const pool = await createPool({ threads });
  const password = (i) => `correct horse battery staple ${i}`;

  // Each contender: (i) → Promise of a $2b$ string for password(i).
  const contenders = { [`parahash (${threads} threads)`]: (i) => pool.bcryptHash(password(i), { cost }) };
  if (bcrypt) contenders[`bcrypt ${versionOf('bcrypt')} (native, async)`] = (i) => bcrypt.hash(password(i), cost);
  if (bcryptjs) contenders[`bcryptjs ${versionOf('bcryptjs')} (async)`] = (i) => bcryptjs.hash(password(i), cost);
  const names = Object.keys(contenders);

  // A string made by one library must verify with another.
  async function check(name, strings, offset) {
    for (const [k, s] of strings.entries()) {
      const ok = name.startsWith('parahash') ? (bcrypt ? await bcrypt.compare(password(offset + k), s) : bcryptjs.compareSync(password(offset + k), s))
        : await pool.bcryptVerify(s, password(offset + k));
      if (!ok || !s.startsWith(`$2b$${String(cost).padStart(2, '0')}$`)) throw new Error(`${name}: ${s} does not verify`);
    }
  }

  const one = Object.fromEntries(names.map((n) => [n, []]));
  const many = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      let t = performance.now();
      const s = await contenders[name](r);
      one[name].push(performance.now() - t);
      await check(name, [s], r);
      t = performance.now();
      const all = await Promise.all(Array.from({ length: parallel }, (_, k) => contenders[name](1000 + k)));
      many[name].push(performance.now() - t);
      await check(name, all, 1000);
    }
  }
  await pool.close();

  const base = (rows) => Math.min(...rows[names[0]]);
  console.log(`\nbcrypt, cost ${cost} (${2 ** cost} rounds), ${rounds} rounds, ${os.cpus().length} cores, UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}:\n`);
  printTable(['contender', 'one call, ms', `${parallel} at once, ms`, `${parallel} at once, hashes/s (best)`, 'vs parahash, one call'],
    names.map((n) => [n, range(one[n], 1), range(many[n], 0), (parallel / (Math.min(...many[n]) / 1000)).toFixed(1),
      `${(Math.min(...one[n]) / base(one)).toFixed(2)}×`]));
  for (const [name, why] of Object.entries(unavailable)) console.log(`\n${name} unavailable: ${why}`);
  writeResults('bcrypt', { rounds, cost, parallel, threads, versions: { bcrypt: versionOf('bcrypt'), bcryptjs: versionOf('bcryptjs') } },
    { oneCallMs: one, parallelMs: many, unavailable });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
