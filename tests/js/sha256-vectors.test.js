'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { createPool } = require('parahash');
const { vectors, source } = require('../vectors/sha256.json');

test(`SHA-256 official vectors (${source})`, async () => {
  const pool = await createPool({ threads: 2 });
  try {
    for (const { message, repeat = 1, digest } of vectors) {
      assert.equal(await pool.hash('sha256', message.repeat(repeat), { encoding: 'hex' }), digest,
        `${JSON.stringify(message.slice(0, 20))} x${repeat}`);
    }
  } finally {
    await pool.close();
  }
});
