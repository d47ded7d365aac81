'use strict';
// A sort that gives the event loop a turn every few milliseconds, for a list whose length a
// user controls (the names of one directory: byte order needs the whole listing first). One
// Array.prototype.sort of 1,000,000 names holds the loop for about 100 ms here; this one holds
// it at most about SLICE_MS at a time.
//
// How: sorted runs of RUN items (Array.prototype.sort, well under a millisecond each), then
// bottom-up merge passes between two arrays. Every step can stop between items, so a slice
// ends when its time is up, wherever it is. Merges take the left item on ties: stable, like
// Array.prototype.sort.

const RUN = 2048;
const SLICE_MS = 2;
const CHECK_EVERY = 1024; // items between clock reads inside a merge

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// Sorts `items` in place by `compare`. @return a Promise of `items`.
async function sortSliced(items, compare, { sliceMs = SLICE_MS, yieldTurn = nextTurn } = {}) {
  const n = items.length;
  if (n <= RUN) return items.sort(compare);
  let sliceStart = performance.now();
  const due = () => performance.now() - sliceStart >= sliceMs;
  const pause = async () => {
    await yieldTurn();
    sliceStart = performance.now();
  };

  for (let lo = 0; lo < n; lo += RUN) {
    const run = items.slice(lo, lo + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) items[lo + i] = run[i];
    if (due()) await pause();
  }

  let from = items;
  let to = new Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let left = lo;
      let right = mid;
      for (let out = lo; out < hi; out++) {
        if (right >= hi || (left < mid && compare(from[left], from[right]) <= 0)) to[out] = from[left++];
        else to[out] = from[right++];
        if ((out & (CHECK_EVERY - 1)) === 0 && due()) await pause();
      }
    }
    [from, to] = [to, from];
  }
  if (from !== items) {
    for (let i = 0; i < n; i++) {
      items[i] = from[i];
      if ((i & (CHECK_EVERY - 1)) === 0 && due()) await pause();
    }
  }
  return items;
}

module.exports = { sortSliced, nextTurn, SLICE_MS };
