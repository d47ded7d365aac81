'use strict';
// What every browser context shares (the page's main thread, and the worker that runs the
// engine when the page is not cross-origin isolated): macrotasks, results as Uint8Arrays,
// node:crypto's input encodings without Buffer, and callbacks without async contexts.

const { encode } = require('../args/encoding');
const { codes, parahashError } = require('../args/errors');
const { BrowserHasher } = require('./browser-hasher');

// A shipped file that could not be loaded, or a Worker that could not start from it: a
// deployment problem (a missing file, a server that sends the isolation headers with the HTML
// only, a bundler's dev server that rewrote a script), so the message names the file, what
// went wrong and what to change. createPool rejects with it; it never waits for ever.
const LOAD_FAILED = codes.LOAD_FAILED ?? 'ERR_PARAHASH_LOAD_FAILED';
const FIX = 'Serve dist/browser/ next to the entry point (README "Bundlers and CDNs"), or say where each ' +
  'file is with createPool({ locateFile })';

function loadFailed(message, cause) {
  return parahashError(LOAD_FAILED, message, { cause });
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const looksLikeHtml = (text) => /^\s*</.test(text);

// The module's WebAssembly, fetched here rather than by the glue, so that a missing file or a
// page in its place says so (the glue's own loader retries, then aborts with "both async and
// sync fetching of the wasm failed"). The bytes are compiled whatever the Content-Type: a
// server that does not know .wasm (text/plain, application/octet-stream) still works.
// @return the bytes, for the factory's `wasmBinary`.
async function fetchWasm(url, name) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw loadFailed(`parahash could not fetch ${name} from ${url} (${cause?.message ?? cause}): a network error, ` +
      `or a cross-origin URL served without CORS. ${FIX}.`, cause);
  }
  if (!response.ok) {
    throw loadFailed(`parahash could not load ${name}: ${url} answered HTTP ${response.status}. ${FIX}.`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!WASM_MAGIC.every((b, i) => bytes[i] === b)) {
    const type = response.headers.get('Content-Type') || 'no Content-Type';
    const page = looksLikeHtml(new TextDecoder().decode(bytes.subarray(0, 64)));
    throw loadFailed(`parahash could not load ${name}: ${url} is not WebAssembly (${type}, ${bytes.length} bytes` +
      `${page ? ': an HTML page, as a single-page app\'s server answers for a file it does not have' : ''}). ${FIX}.`);
  }
  return bytes;
}

// Why a script (a module, or a Worker's) at `url` did not run, as far as fetching it again can
// tell. @param kind 'worker' for a Worker's own script (an isolated page needs it served with
// Cross-Origin-Embedder-Policy). @return a sentence.
async function explainScript(url, kind) {
  if (url.startsWith('blob:') || url.startsWith('data:')) return `it ran from a ${url.slice(0, url.indexOf(':'))}: URL`;
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch (cause) {
    return `it could not be fetched (${cause?.message ?? cause}): a network error, or a cross-origin URL without CORS`;
  }
  if (!response.ok) return `${url} answered HTTP ${response.status}`;
  const type = response.headers.get('Content-Type') ?? '';
  const text = await response.text();
  if (looksLikeHtml(text)) return `${url} answered an HTML page (${type}), not a script`;
  if (!/javascript|ecmascript/i.test(type)) return `${url} was served as ${type || 'no Content-Type'}, not as JavaScript`;
  if (text.includes('/@vite/client')) {
    return `Vite's dev server rewrote ${url} (it added an import of /@vite/client to a classic Worker script)`;
  }
  if (kind === 'worker' && globalThis.crossOriginIsolated && !response.headers.get('Cross-Origin-Embedder-Policy')) {
    return `${url} was served without Cross-Origin-Embedder-Policy, and a cross-origin-isolated page may not start ` +
      'a Worker from such a script: send Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy with every ' +
      'file, not only with the HTML (README "Serving the isolation headers")';
  }
  return `${url} loads, but did not run (the browser's console may say why)`;
}

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

module.exports = { browserBase, decode, macrotask, loadFailed, fetchWasm, explainScript, LOAD_FAILED, FIX };
