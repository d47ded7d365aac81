'use strict';
// What every browser context shares (the page's main thread, and the worker that runs the
// engine when the page is not cross-origin isolated): macrotasks, results as Uint8Arrays,
// node:crypto's input encodings without Buffer, and callbacks without async contexts.

const { encode } = require('../encoding');
const { BrowserHasher } = require('./browser-hasher');

// A macrotask that is not clamped: setTimeout(0) waits 4 ms once nested 5 deep, which would cap
// settling at 250 slices a second. A MessageChannel message runs as its own task, after input
// and rendering get their turn.
function macrotask() {
  if (typeof MessageChannel !== 'function') return (fn) => setTimeout(fn, 0);
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(0);
  };
}

const HEX = /^[0-9a-fA-F]*$/;

// node:crypto's update(string, inputEncoding) encodings, as Buffer.from decodes them.
// @return the bytes, or undefined for an encoding Buffer does not know.
function decode(string, encoding) {
  switch (String(encoding).toLowerCase()) {
    case 'utf8': case 'utf-8':
      return new TextEncoder().encode(string);
    case 'hex': {
      // Buffer stops at the first pair that is not hex, and drops an odd last digit.
      let end = 0;
      while (end + 1 < string.length && HEX.test(string.slice(end, end + 2))) end += 2;
      const out = new Uint8Array(end / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(string.slice(2 * i, 2 * i + 2), 16);
      return out;
    }
    case 'base64': case 'base64url': {
      const clean = string.replace(/[^A-Za-z0-9+/\-_]/g, '').replace(/-/g, '+').replace(/_/g, '/');
      const padded = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
      const text = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
      return Uint8Array.from(text, (c) => c.charCodeAt(0));
    }
    case 'latin1': case 'binary': case 'ascii':
      return Uint8Array.from(string, (c) => c.charCodeAt(0) & 0xff);
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': {
      const out = new Uint8Array(string.length * 2);
      for (let i = 0; i < string.length; i++) {
        const unit = string.charCodeAt(i);
        out[2 * i] = unit & 0xff;
        out[2 * i + 1] = unit >> 8;
      }
      return out;
    }
    default:
      return undefined;
  }
}

// The pieces of a platform (see js/load/node.js for what each is) that do not depend on where
// the engine runs.
function browserBase() {
  return {
    schedule: macrotask(),

    // A fresh Uint8Array (the engine's bytes are copied out of the heap), or a string.
    result(bytes, encoding) {
      return encoding === undefined ? bytes : encode(bytes, encoding);
    },

    results(bytes, at, count, size, encoding) {
      const out = new Array(count);
      if (encoding !== undefined) {
        for (let k = 0, from = at; k < count; k++, from += size) out[k] = encode(bytes.subarray(from, from + size), encoding);
        return out;
      }
      // One copy per slab of up to 8 KiB, each digest a view of it (as Node's Buffers are).
      const perSlab = size === 0 ? count : Math.max(1, Math.floor(8192 / size));
      for (let k = 0; k < count; k += perSlab) {
        const n = Math.min(perSlab, count - k);
        const slab = bytes.slice(at + k * size, at + (k + n) * size);
        for (let j = 0; j < n; j++) out[k + j] = slab.subarray(j * size, (j + 1) * size);
      }
      return out;
    },

    timer(fn, ms) {
      const timeout = setTimeout(fn, ms);
      return () => clearTimeout(timeout);
    },

    decode,

    hasher(core) {
      return new BrowserHasher(core);
    },

    // Browsers have no async context to carry: a listener is called as it is.
    bind: (fn) => fn,

    // A callback runs in its own microtask, so one that throws is reported as uncaught (as an
    // event listener's would be), never swallowed into a Promise.
    createTask() {
      return { run: (fn, ...args) => queueMicrotask(() => fn(...args)) };
    },
  };
}

module.exports = { browserBase, decode, macrotask };
