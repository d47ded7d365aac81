'use strict';
// StreamFeed's give-back of staging (js/engine/stream-feed.js), over a stand-in EngineStream
// whose chunks settle when the test says, so an interleaving can be set up exactly.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { StreamFeed } = require('../../js/engine/stream-feed');

// Slots are numbers; a submitted slot is in flight until settle() frees every one.
function standInStream(chunk) {
  const free = [];
  let slots = 0;
  let inFlight = [];
  let settled = null; // { promise, resolve } of the next settle()
  const waitSettled = () => {
    if (settled === null) {
      let resolve;
      const promise = new Promise((r) => { resolve = r; });
      settled = { promise, resolve };
    }
    return settled.promise;
  };
  return {
    chunk,
    released: false,
    stopped: false,
    throwIfFailed() {},
    get hasFreeSlot() { return free.length > 0; },
    get slotCount() { return slots; },
    addSlot() { free.push(++slots); },
    async takeSlot() {
      while (free.length === 0) await waitSettled();
      return free.pop();
    },
    putBack(slot) { free.push(slot); },
    submit(slot) { inFlight.push(slot); },
    async drain() {
      while (inFlight.length > 0) await waitSettled();
    },
    giveFreeSlots() {
      const n = free.length;
      free.length = 0;
      slots -= n;
      return n;
    },
    settle() {
      free.push(...inFlight);
      inFlight = [];
      const s = settled;
      settled = null;
      s?.resolve();
    },
  };
}

function standInLease() {
  const lease = {
    pressure: false,
    held: 0,
    watchers: new Set(),
    async acquire() { lease.held++; },
    tryAcquire() { lease.held++; return true; },
    release() { lease.held--; },
    underPressure: () => lease.pressure,
    watch(reclaim) {
      lease.watchers.add(reclaim);
      return () => lease.watchers.delete(reclaim);
    },
    // A caller starts waiting: every listed stream is asked.
    wait() {
      lease.pressure = true;
      for (const reclaim of [...lease.watchers]) reclaim();
    },
  };
  return lease;
}

const rt = { heap: { write() {}, u8: () => new Uint8Array(0) }, turns: { admit: () => undefined } };
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a slot filled while a give-back waited is given back too once the stream is idle', async () => {
  const stream = standInStream(1024);
  const lease = standInLease();
  const feed = new StreamFeed(rt, stream, lease, 4);
  await feed.push(new Uint8Array(10)); // idle now, holding one slot half filled
  assert.equal(lease.held, 1);
  lease.wait(); // its give-back submits the fill and waits for it to settle
  await tick();
  await feed.push(new Uint8Array(10)); // meanwhile: another slot taken, half filled, idle again
  assert.equal(lease.held, 2);
  stream.settle();
  await tick();
  stream.settle();
  await tick();
  // Before, the second slot stayed held: the stream was listed again but the caller already
  // waiting was never asked again.
  assert.equal(lease.held, 0, `${lease.held} slots still held while a caller waits`);
});
