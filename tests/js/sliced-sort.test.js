'use strict';
// sortSliced (js/load/sliced-sort.js), the sort hashDirectory uses for one directory's names:
// the same order as Array.prototype.sort (stable too) at every length around its run and merge
// boundaries, and it hands the loop a turn while it works on a long list.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { sortSliced } = require('../../js/load/sliced-sort');

const byKey = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

test('sorts like Array.prototype.sort, stably, at lengths around its runs and merges', async () => {
  for (const n of [0, 1, 2, 2047, 2048, 2049, 4095, 4096, 4097, 6144, 10000, 33000]) {
    // Few distinct keys, so ties are many and stability shows.
    const items = Array.from({ length: n }, (_, i) => ({ key: crypto.randomBytes(1).toString('latin1'), i }));
    const expected = items.slice().sort(byKey);
    const sorted = await sortSliced(items, byKey);
    assert.equal(sorted, items, 'in place');
    assert.deepEqual(sorted.map((x) => x.i), expected.map((x) => x.i), `n = ${n}`);
  }
});

test('a long list is sorted across turns of the loop, not in one', async () => {
  const items = Array.from({ length: 50000 }, () => ({ key: crypto.randomBytes(8).toString('latin1') }));
  const expected = items.slice().sort(byKey);
  let turns = 0;
  const yieldTurn = () => { turns++; return new Promise((resolve) => setImmediate(resolve)); };
  await sortSliced(items, byKey, { sliceMs: 0, yieldTurn });
  assert.deepEqual(items, expected);
  // With no time per slice, it yields after every run and every 1,024 merged items at least.
  assert.ok(turns >= 50000 / 2048, `${turns} turns`);
  let short = 0;
  await sortSliced(Array.from({ length: 100 }, () => ({ key: 'x' })), byKey, { sliceMs: 0, yieldTurn: () => { short++; } });
  assert.equal(short, 0, 'a list of one run is sorted at once');
});
