'use strict';
// The turn budget (js/engine/turns.js) on a hand-driven loop: each "turn" runs the macrotasks
// scheduled before it, so a test sees exactly how many units one slice ran.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { TurnBudget } = require('../../js/engine/turns');

function handLoop() {
  let tasks = [];
  return {
    schedule: (fn) => tasks.push(fn),
    turn() {
      const now = tasks;
      tasks = [];
      now.forEach((fn) => fn());
      return now.length;
    },
  };
}

// Runs turns until the budget's queue is empty; @return the units each slice ran.
function drain(loop, ran) {
  const perSlice = [];
  for (let guard = 0; guard < 100_000 && loop.turn() > 0; guard++) {
    if (ran.count > 0) perSlice.push(ran.count);
    ran.count = 0;
  }
  return perSlice;
}

test('a slice runs units oldest first, and every unit deferred runs once', () => {
  const loop = handLoop();
  const budget = new TurnBudget(loop.schedule);
  const order = [];
  const ran = { count: 0 };
  for (let i = 0; i < 1000; i++) budget.defer(() => { order.push(i); ran.count++; });
  drain(loop, ran);
  assert.deepEqual(order, Array.from({ length: 1000 }, (_, i) => i));
});

test('the first slice after the queue drains runs few units again, whatever the last burst taught', () => {
  const loop = handLoop();
  const budget = new TurnBudget(loop.schedule);
  const ran = { count: 0 };
  // A burst of cheap units: the limit grows far past its start.
  for (let i = 0; i < 50_000; i++) budget.defer(() => ran.count++);
  const first = drain(loop, ran);
  assert.ok(Math.max(...first) > 256, `cheap units grew the limit: ${Math.max(...first)} at most`);
  // The next burst's units may each start a long copy: its first slice must not trust that limit.
  for (let i = 0; i < 5000; i++) budget.defer(() => ran.count++);
  const second = drain(loop, ran);
  assert.ok(second[0] <= 16, `first slice of the next burst ran ${second[0]} units`);
});

test('admit() says yes at once only while nothing waits and the turn has budget', async () => {
  const loop = handLoop();
  const budget = new TurnBudget(loop.schedule);
  assert.equal(budget.admit(), undefined);
  // A deferred unit makes the next caller queue behind it.
  let ran = false;
  budget.defer(() => { ran = true; });
  const turn = budget.admit();
  assert.ok(turn instanceof Promise, 'queued behind the deferred unit');
  loop.turn();
  await turn;
  assert.ok(ran, 'the unit deferred first ran first');
});

test('one slice per turn, even when units defer more work', () => {
  const loop = handLoop();
  const budget = new TurnBudget(loop.schedule);
  // Units that each defer a successor, as small-call groups hand out their results a slice at a
  // time: each slice ends with work pending that a unit already scheduled for.
  let left = 2000;
  const unit = () => {
    if (--left > 0) budget.defer(unit);
  };
  for (let i = 0; i < 4; i++) budget.defer(unit);
  let most = 0;
  for (let turn = 0; turn < 10_000 && left > 0; turn++) most = Math.max(most, loop.turn());
  assert.equal(left <= 0, true, 'every unit ran');
  // A turn runs the slice and the end of the turn the slice opened: two tasks. More is a slice
  // scheduled twice (before, they multiplied turn after turn).
  assert.ok(most <= 2, `${most} tasks in one turn`);
});

test('a slice admits about 4 MiB of copying, however many callers wait', async () => {
  const loop = handLoop();
  const budget = new TurnBudget(loop.schedule);
  budget.defer(() => {}); // something waits: callers queue behind it
  let admitted = 0;
  const waits = Array.from({ length: 10 }, () => budget.admit(2 * 1024 * 1024).then(() => admitted++));
  loop.turn();
  await new Promise((resolve) => setImmediate(resolve)); // the admitted callers' microtasks
  // Each admitted caller copies in the microtasks after the slice, where its clock cannot see:
  // before, one slice admitted all ten (20 MiB; 84 string chunks of 2 MiB were 158 ms).
  assert.equal(admitted, 2);
  for (let turn = 0; turn < 20; turn++) loop.turn();
  await Promise.all(waits);
  assert.equal(admitted, 10);
});
