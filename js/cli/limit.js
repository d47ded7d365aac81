'use strict';
// How many files the command streams through the pool at once (pool.hashFile). A file past
// LIMITED_FROM grows its stream's staging to several 2 MiB chunks while reads outrun the threads,
// so many such files at once fill the heap's staging for nothing: each file's digest is one
// chain, and one stream per thread keeps every thread busy. Measured on 2 threads, December
// 2026, 320–400 MiB of files, the whole command, 32 files at once against 3: 10 MiB files
// 1.14–1.31 s against 0.62–0.66 s (peak RSS 340 against 120 MB), 2 MiB files 0.86–1.00 against
// 0.62–0.63, 1 MiB 0.62–0.74 against 0.62–0.65 (sha256sum: 0.84 s). Smaller files are left
// unlimited: for 300 KiB files the limit cost 0.82–0.87 → 0.92–1.03 s (each is one chunk, and
// more in flight hide the hop to a thread).
const os = require('node:os');

const LIMITED_FROM = 1024 * 1024;

// At most `size` tasks run at once; the others wait their turn, in the order they asked.
class Limit {
  #free;
  #waiting = [];

  constructor(size) {
    this.#free = size;
  }

  // @return fn()'s result, once fn ran in its turn.
  async run(fn) {
    if (this.#free > 0) this.#free--;
    else await new Promise((resolve) => this.#waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) next();
      else this.#free++;
    }
  }
}

// @param threads the run's --threads, or undefined for the machine's.
// @return { run(size, fn) }: fn() in its turn for a regular file past LIMITED_FROM, one per
// thread and one more reading ahead; at once for a smaller one, and for what has no size (a
// FIFO, a device, a <(…)): each such source may wait on a writer that waits on another of them
// (`tee a b c`), so all are read at once, as before the limit.
function streamLimit(threads = os.availableParallelism()) {
  const limit = new Limit(threads + 1);
  return { run: (size, fn) => (size !== undefined && size > LIMITED_FROM ? limit.run(fn) : fn()) };
}

module.exports = { Limit, streamLimit, LIMITED_FROM };
