'use strict';
// The staging arena's buddy allocator, over a fake heap: blocks never overlap, stay inside their
// extents, and merge back into whole extents when all are given back.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Arena, EXTENT_BYTES, MIN_ORDER } = require('../../js/engine/arena');
const { rng, SEED } = require('./helpers');

function fakeHeap() {
  let next = 4096;
  const live = new Map();
  return {
    live,
    alloc(what, bytes) {
      const ptr = next;
      next += bytes + 4096;
      live.set(ptr, bytes);
      return ptr;
    },
    free(ptr) {
      assert.ok(live.delete(ptr), `free of ${ptr}, which is not allocated`);
    },
    write() {},
    wipe() {},
  };
}

test(`random takes and gives never overlap and merge back whole (seed ${SEED})`, () => {
  const heap = fakeHeap();
  const arena = new Arena(heap);
  const next = rng(SEED);
  const held = [];
  for (let step = 0; step < 20_000; step++) {
    if (held.length > 0 && next() % 3 === 0) {
      arena.give(held.splice(next() % held.length, 1)[0]);
      continue;
    }
    const bytes = 1 + (next() % 3 === 0 ? next() % (2 << 20) : next() % 5000);
    const block = arena.take('test', bytes);
    assert.ok(block.size >= bytes && block.size >= 2 ** MIN_ORDER);
    assert.equal(block.ptr % 64, 0, 'aligned');
    held.push(block);
  }
  const sorted = [...held].sort((a, b) => a.ptr - b.ptr);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1].ptr + sorted[i - 1].size <= sorted[i].ptr, 'no overlap');
  for (const block of held) arena.give(block);
  assert.equal(arena.stats.inUse, 0);
  // Everything merged: each extent is one free block again, so a whole-extent request fits
  // without growing.
  const extents = arena.stats.extents;
  const whole = Array.from({ length: extents }, () => arena.take('test', EXTENT_BYTES));
  assert.equal(arena.stats.extents, extents);
  whole.forEach((b) => arena.give(b));
  arena.trim();
  assert.equal(arena.stats.extents, 0);
  assert.equal(heap.live.size, 0, 'every extent went back to the heap');
});

test('requests above an extent go to the heap directly', () => {
  const heap = fakeHeap();
  const arena = new Arena(heap);
  const big = arena.take('test', EXTENT_BYTES + 1);
  assert.equal(big.direct, true);
  assert.equal(arena.stats.extents, 0);
  arena.give(big);
  assert.equal(heap.live.size, 0);
});
