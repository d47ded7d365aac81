'use strict';
// A progress line on stderr (a TTY): bytes done over total, MB/s and ETA, redrawn at most ten
// times a second, shown only once the work has run for a second, and cleared before any line
// on stdout would land on it.
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
function size(bytes) {
  let u = 0;
  while (bytes >= 1024 && u < UNITS.length - 1) bytes /= 1024, u++;
  return `${bytes.toFixed(u === 0 ? 0 : 1)} ${UNITS[u]}`;
}
function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

// Lines drawn now, so that SIGINT can clear them before the command ends (js/cli/parahash.js).
const shown = new Set();

class Progress {
  static clearAll() {
    for (const progress of shown) progress.clear();
  }

  #stream;
  #total;
  #done = 0;
  #start = performance.now();
  #shown = false;
  #last = 0;
  #timer;

  // @param enabled draw at all (a TTY, or --progress); total: bytes expected.
  constructor(stream, total, enabled, { delayMs = 1000 } = {}) {
    this.#stream = stream;
    this.#total = total;
    this.enabled = enabled;
    if (enabled) {
      this.#timer = setInterval(() => this.#draw(), 100);
      this.#timer.unref();
      this.delayMs = delayMs;
    }
  }

  add(bytes) {
    this.#done += bytes;
  }

  #draw() {
    const elapsed = (performance.now() - this.#start) / 1000;
    if (elapsed * 1000 < this.delayMs) return;
    const rate = this.#done / Math.max(elapsed, 1e-3);
    const known = Number.isFinite(this.#total) && this.#total > 0;
    const fraction = known ? Math.min(1, this.#done / this.#total) : 0;
    const width = Math.max(10, Math.min(30, (this.#stream.columns ?? 80) - 60));
    const bar = known ? `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, ' ')}] ` : '';
    const eta = known && rate > 0 ? `  ETA ${clock((this.#total - this.#done) / rate)}` : '';
    const text = `${bar}${size(this.#done)}${known ? ` / ${size(this.#total)}` : ''}  ${(rate / 1e6).toFixed(0)} MB/s${eta}`;
    this.#stream.write(`\r${text}\x1b[K`);
    this.#shown = true;
    shown.add(this);
    this.#last = performance.now();
  }

  // Before a line on stdout, which shares the terminal.
  clear() {
    if (this.#shown) {
      this.#stream.write('\r\x1b[K');
      this.#shown = false;
      shown.delete(this);
    }
  }

  stop() {
    if (this.#timer) clearInterval(this.#timer);
    this.clear();
  }
}

module.exports = { Progress };
