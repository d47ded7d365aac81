'use strict';
// Main-thread work handed out in slices, at most about SLICE_MS per turn of the event loop, so
// timers and I/O keep running however many calls are in flight.
//
// Why not just settle everything we have? Each settled job resumes its caller in a microtask, and
// microtasks run before the loop may move on: 100,000 small calls resumed back to back held a
// 1 ms timer off for 1.8 s. So work waits in a FIFO and a macrotask (`schedule`: setImmediate in
// Node, a MessageChannel post in browsers) runs a slice of it. A slice runs `limit` units, where
// `limit` adapts to what a unit really costs: the time from one slice's start to the next
// includes the microtasks the units set off, which the slice itself cannot time.

const SLICE_MS = 1;
const MAX_LIMIT = 4096;
const FIRST_LIMIT = 16;
// Bytes of copying (or their equivalent) one slice lets admitted callers do. An admitted stretch
// runs in the microtasks after the slice, where the slice's clock cannot see it, and a limit
// learnt on cheap units (a Promise resolved) let one slice admit 84 string chunks of 2 MiB to
// encode: 158 ms. About 1 ms of copying here.
const SLICE_BYTES = 4 * 1024 * 1024;

class TurnBudget {
  #schedule;
  #queue = []; // thunks, run oldest first
  #costs = []; // the bytes each admitted one will copy (0 for any other unit), in step with #queue
  #head = 0;
  #scheduled = false;
  #turnOpen = false;
  #turnStart = 0;
  #limit = FIRST_LIMIT; // units per slice, adapted
  #lastSlice = null; // { started, ran } of the previous slice, for the cost estimate

  // schedule(fn): runs fn in a later macrotask.
  constructor(schedule) {
    this.#schedule = schedule;
  }

  // May the caller do a stretch of main-thread work right now? @param bytes what it will copy
  // (or the equivalent: encoding a string costs more per byte). @return undefined when it may
  // (nothing is waiting and this turn has budget left), else a Promise resolved in a later turn.
  admit(bytes = 0) {
    if (this.#pending() === 0 && this.#inBudget()) return undefined;
    return new Promise((resolve) => this.defer(resolve, bytes));
  }

  // Has this turn budget left for a short stretch of work done now (an inline hash)?
  inBudget() {
    return this.#inBudget();
  }

  // Runs `unit` in a later slice, after everything deferred before it.
  defer(unit, bytes = 0) {
    this.#queue.push(unit);
    this.#costs.push(bytes);
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => this.#slice());
    }
  }

  #pending() {
    return this.#queue.length - this.#head;
  }

  // Opens a turn on first use: work done synchronously (or in the microtasks of one turn) counts
  // against the same SLICE_MS until the loop comes round again.
  #inBudget() {
    const now = performance.now();
    if (!this.#turnOpen) {
      this.#turnOpen = true;
      this.#turnStart = now;
      this.#schedule(() => { this.#turnOpen = false; });
      return true;
    }
    return now - this.#turnStart < SLICE_MS;
  }

  #slice() {
    this.#scheduled = false;
    const started = performance.now();
    const last = this.#lastSlice;
    if (last !== null && last.ran > 0) {
      // What a unit cost, microtasks included; the loop's own work in between inflates it, which
      // only makes slices smaller.
      const perUnit = (started - last.started) / last.ran;
      const fit = Math.max(1, Math.floor(SLICE_MS / Math.max(perUnit, 1e-4)));
      this.#limit = Math.min(MAX_LIMIT, Math.max(1, Math.min(fit, this.#limit * 2)));
    }
    this.#turnOpen = true;
    this.#turnStart = started;
    let ran = 0;
    let bytes = 0;
    while (this.#head < this.#queue.length && ran < this.#limit && bytes < SLICE_BYTES) {
      const unit = this.#queue[this.#head];
      bytes += this.#costs[this.#head];
      this.#queue[this.#head++] = undefined;
      ran++;
      unit();
      if ((ran & 15) === 0 && performance.now() - started >= SLICE_MS) break;
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#costs = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#costs = this.#costs.slice(this.#head);
      this.#head = 0;
    }
    this.#lastSlice = this.#pending() > 0 ? { started, ran } : null;
    // A drained queue says nothing about the next burst's units: a limit learnt on 100,000 tiny
    // settlements, kept, let the next burst's first slice admit hundreds of 2 MiB copies at once
    // (65 ms). Start small again; the limit doubles back within a few slices.
    if (this.#lastSlice === null) this.#limit = FIRST_LIMIT;
    // The turn this slice opened ends when the loop comes round.
    this.#schedule(() => { this.#turnOpen = false; });
    // A unit that deferred more work during this slice has already scheduled the next one. A
    // second would run in the same turn: slices multiplied, a turn of the loop grew to many
    // slices, and a 1 ms timer ticked once per 6–7 ms while 100,000 calls settled.
    if (this.#pending() > 0 && !this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => this.#slice());
    }
  }
}

// One budget per platform (all pools together share a turn), created on first use.
const budgets = new WeakMap();
function turnBudgetFor(platform) {
  let budget = budgets.get(platform);
  if (!budget) budgets.set(platform, (budget = new TurnBudget(platform.schedule)));
  return budget;
}

module.exports = { TurnBudget, turnBudgetFor, SLICE_MS };
