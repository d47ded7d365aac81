'use strict';
// Which kernels a pool's threads run through the host's own hashes (node:crypto's OpenSSL, in
// wasm/host_kernels.cpp) rather than the portable WebAssembly kernel.
//
// By measurement on this machine, with a prior for the time before it: OpenSSL beat the
// portable kernels on the machine these were developed on for every algorithm both have but
// BLAKE2s (SHA-256 6.8×, SHA-1 2.6×, SHA-512 2.5×, SHA-3 1.4×, MD5 1.3×, BLAKE2b 1.2×; BLAKE2s
// 0.93×: issue 19's table), so that is what a kernel starts with. At its first use, the kernel
// is measured in the background and its choice follows the figures from then on; a CPU without
// SHA-NI, or a Node linked to another OpenSSL, changes the order.
//
// Why in the background, a few timer ticks later, and not at once: V8 first runs a WebAssembly
// function in its baseline tier (measured here at 2–50 MB/s for SHA-256 against 400 once
// optimised), until the optimising compiler, in a background thread, replaces it some calls and
// milliseconds later. Measured at once, the portable kernel always loses. So the kernel is first
// warmed, then after WARM_MS timed both ways on SAMPLE_BYTES, alternating, until its figure
// settles (its last three rounds within 30 % of the best), at most TRIES times. Each step is a short
// synchronous stretch (well under a millisecond once optimised), on an unref'd timer that never
// keeps a process alive. The host is chosen where it is at least MARGIN times faster, so that
// noise never trades a kernel for an equal one.
//
// A state keeps the backend it was created with; a later choice applies to later states.

const PRIOR_PORTABLE = new Set(['blake2s256']);
const SAMPLE_BYTES = 8 * 1024;
const WARM_MS = 20;
const ROUNDS = 8;
const SETTLED = 1.3;
const TRIES = 5;
const MARGIN = 1.1;

// name → { host, portable } (MB/s): measured once per process, shared by every pool.
const measured = new Map();

function seconds(run) {
  const start = performance.now();
  run();
  return Math.max((performance.now() - start) / 1e3, 1e-9);
}

// Hashes with kernel number `kernel` (row `row`) both ways on this thread, through `sample`.
class Probe {
  #rt;
  #host;
  #kernel;
  #row;
  #outLength;

  constructor(rt, host, kernel, row) {
    this.#rt = rt;
    this.#host = host;
    this.#kernel = kernel;
    this.#row = row;
    this.#outLength = row.kind === 'xof' ? 32 : row.digestSize;
  }

  // Runs fn(portable(), hosted()) with a sample staged in the heap.
  #with(fn) {
    const { engine, heap, bridge, arena } = this.#rt;
    const block = arena.take('choosing a backend', SAMPLE_BYTES + this.#outLength);
    try {
      heap.u8().fill(0x61, block.ptr, block.ptr + SAMPLE_BYTES);
      const sample = heap.u8().slice(block.ptr, block.ptr + SAMPLE_BYTES);
      const portable = () => {
        const code = engine.hashInline(this.#kernel, this.#outLength, 0, 0, 0, 0, 0, block.ptr, SAMPLE_BYTES,
          block.ptr + SAMPLE_BYTES);
        if (code < 0) throw bridge.engineError();
      };
      const xof = this.#row.kind === 'xof' ? this.#outLength : undefined;
      return fn(portable, () => this.#host.hash(this.#row.name, sample, xof));
    } finally {
      arena.give(block);
    }
  }

  warm() {
    this.#with((portable) => portable());
  }

  // @return { host, portable } MB/s, or undefined when the portable figure has not settled.
  time() {
    return this.#with((portable, hosted) => {
      const rounds = [];
      let host = Infinity;
      for (let r = 0; r < ROUNDS; r++) {
        rounds.push(seconds(portable));
        host = Math.min(host, seconds(hosted));
      }
      const best = Math.min(...rounds);
      if (!rounds.slice(-3).every((t) => t <= SETTLED * best)) return undefined;
      return { host: SAMPLE_BYTES / host / 1e6, portable: SAMPLE_BYTES / best / 1e6 };
    });
  }
}

const UNUSED = 0;
const PORTABLE = 1;
const HOST = 2;

class HostChoice {
  #rt;
  #host;
  #state; // per kernel: UNUSED (not decided yet), PORTABLE or HOST

  #always; // wanted === 'all': the host for every kernel it has, no measurement

  // @param host the platform's hostCrypto ({ has(name), hash(name, bytes, outputLength?) }), or
  //        undefined; wanted false keeps every kernel portable, 'all' skips the measurement.
  constructor(rt, host, wanted) {
    this.#rt = rt;
    this.#host = host;
    this.#always = wanted === 'all';
    const possible = wanted && host !== undefined && typeof rt.module.setHostKernel === 'function';
    // PBKDF2 chooses in C++, per derivation (wasm/host_kernels.cpp); 'all' skips its measuring too.
    if (possible && this.#always) rt.module.setHostPbkdf2Measured(false);
    this.#state = Uint8Array.from(rt.kernels, (row) => (possible && row.kind !== 'checksum' && host.has(row.name) ? UNUSED : PORTABLE));
  }

  // Decides kernel number `kernel` at its first use (the prior, or the figures when this process
  // has them), and starts measuring it. Call before its states are made.
  // @return whether the host runs it now.
  prepare(kernel) {
    const state = this.#state[kernel];
    if (state !== UNUSED) return state === HOST;
    const row = this.#rt.kernels[kernel];
    this.#set(kernel, this.#expect(row));
    if (!this.#always && !measured.has(row.name)) this.#measure(kernel, row, new Probe(this.#rt, this.#host, kernel, row), TRIES);
    return this.#state[kernel] === HOST;
  }

  // { [algorithm]: 'node:crypto' | 'portable' } for every kernel, as its next state would run.
  backends() {
    const out = Object.create(null);
    this.#rt.kernels.forEach((row, kernel) => {
      const state = this.#state[kernel];
      const host = state === UNUSED ? this.#expect(row) : state === HOST;
      out[row.name] = host ? 'node:crypto' : 'portable';
    });
    return Object.freeze(out);
  }

  #expect(row) {
    if (this.#always) return true;
    const speed = measured.get(row.name);
    return speed === undefined ? !PRIOR_PORTABLE.has(row.name) : speed.host >= MARGIN * speed.portable;
  }

  #set(kernel, host) {
    const on = this.#rt.module.setHostKernel(kernel, host) === true;
    this.#state[kernel] = on ? HOST : PORTABLE;
  }

  #measure(kernel, row, probe, tries) {
    const { platform, live } = this.#rt;
    platform.timer(() => {
      if (!live() || measured.has(row.name)) return;
      // A timer's throw would end the process: no room in the heap now means no figure, and the
      // kernel keeps its prior.
      try {
        probe.warm();
      } catch {
        return;
      }
      platform.timer(() => {
        if (!live()) return;
        let speed;
        try {
          speed = measured.get(row.name) ?? probe.time();
        } catch {
          return;
        }
        if (speed === undefined) {
          if (tries > 1) this.#measure(kernel, row, probe, tries - 1);
          return;
        }
        measured.set(row.name, speed);
        this.#set(kernel, this.#expect(row));
      }, WARM_MS);
    }, 0);
  }
}

// The measurements so far, for the benchmarks and the README's table.
function hostMeasurements() {
  return Object.fromEntries(measured);
}

module.exports = { HostChoice, hostMeasurements };
