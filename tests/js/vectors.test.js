'use strict';
// Published vectors through the pool (tests/vectors/*.json, each with its source).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const mdSha = require('../vectors/md-sha.json');

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

test(`MD5, SHA-1, SHA-2 vectors (${mdSha.source})`, async () => {
  for (const { algorithm, message, repeat = 1, digest } of mdSha.vectors) {
    assert.equal(await pool.hash(algorithm, message.repeat(repeat), { encoding: 'hex' }), digest,
      `${algorithm}(${JSON.stringify(message.slice(0, 20))} x${repeat})`);
  }
});

test('every registered algorithm has published vectors', () => {
  const covered = new Set(mdSha.vectors.map((v) => v.algorithm));
  for (const name of pool.algorithms) assert.ok(covered.has(name), `no vectors for ${name}`);
});
