'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { CHUNK_BYTES } = require('../../js/engine/jobs');
const { SEED, rng, randomBytes, sha256 } = require('./helpers');

test(`1,000 concurrent hash calls on 4 threads are all correct (seed ${SEED})`, async () => {
  const pool = await createPool({ threads: 4 });
  try {
    const next = rng();
    // Mostly small, some spanning several chunks, so short and streamed jobs interleave.
    const inputs = Array.from({ length: 1000 }, (_, i) =>
      randomBytes(i % 97 === 0 ? CHUNK_BYTES * 2 + (next() % 5000) : next() % 4096, next));
    const digests = await Promise.all(inputs.map((b) => pool.hash('sha256', b, { encoding: 'hex' })));
    digests.forEach((d, i) => assert.equal(d, sha256(inputs[i]), `input ${i} (${inputs[i].length} bytes)`));
    const stats = pool.stats();
    assert.equal(stats.completed, 1000);
    assert.equal(stats.failed, 0);
    assert.equal(stats.pending, 0);
  } finally {
    await pool.close();
  }
});

test('several pools work side by side without mixing results', async () => {
  const pools = await Promise.all([1, 2, 3].map((threads) => createPool({ threads })));
  try {
    assert.deepEqual(pools.map((p) => p.threads), [1, 2, 3]);
    const jobs = [];
    for (let i = 0; i < 300; i++) {
      const input = `message ${i}`;
      jobs.push(pools[i % 3].hash('sha256', input, { encoding: 'hex' }).then((d) => assert.equal(d, sha256(input))));
    }
    await Promise.all(jobs);
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
});

test('many concurrent large inputs wait for staging memory instead of failing', async () => {
  const pool = await createPool({ threads: 2 });
  try {
    // 48 × 24 MiB held at once would be 1.1 GiB of JS input; each job only stages 4 MiB.
    const input = randomBytes(24 << 20, rng(SEED + 2));
    const expected = sha256(input);
    const digests = await Promise.all(Array.from({ length: 48 }, () => pool.hash('sha256', input, { encoding: 'hex' })));
    for (const d of digests) assert.equal(d, expected);
  } finally {
    await pool.close();
  }
});
