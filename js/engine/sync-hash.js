'use strict';
// Hashing on the calling thread, synchronously, for hashSync() and a hasher's digestSync():
// through the host's one-shot hash where the host has the algorithm and is wanted
// (PARAHASH_HOST_CRYPTO, as for the pools: js/engine/host-choice.js), else through the portable
// kernel of an engine that runs on this thread (Engine(0) of the build without threads, or any
// engine's hashInline, which never touches a pool thread). The caller bounds the sizes; nothing
// here waits for anything.
//
// Host for every algorithm node:crypto has, without the pools' measurement: a sync call is too
// short to time both ways, and the one kernel whose prior is portable (BLAKE2s) measured 0.93×
// there, within noise of equal.

const { parahashError } = require('../args/errors');
const { Heap } = require('./heap');

// Whether `host` (a platform's hostCrypto) gives row's digest with `params` (js/args/hash-params.js;
// any field left out is the default): node:crypto has no truncated or keyed BLAKE2, no seeds and
// no contexts. Also the command's test for its large files (js/cli/host-files.js, through
// js/api/hash-sync.js).
function hostGives(host, row, { secretKind = 0, seedLo = 0, seedHi = 0, outputLength = row.digestSize }) {
  return host.has(row.name) && secretKind === 0 && seedLo === 0 && seedHi === 0 &&
    (row.kind === 'xof' || outputLength === row.digestSize);
}

class SyncHasher {
  #module;
  #engine = null;
  #heap = null;
  #host;
  #platform;
  #scratch = 0; // one heap block reused by every call (they run one at a time, on this thread)
  #scratchSize = 0;

  // module: () → a started module (Engine, kernelTable, _malloc/_free, parahashRuntime), asked
  // for only when the portable kernel is needed; platform: result(bytes, encoding) and
  // hostCrypto ({ wanted(), has(name), hash(name, bytes, outputLength?, encoding?),
  // hmac(name, key, bytes, encoding?) }) or none.
  // useHost false keeps every algorithm on the portable kernel (a pool made with
  // hostCrypto: false; the tests).
  constructor(module, platform, useHost = true) {
    this.#module = module;
    this.#platform = platform;
    const host = platform.hostCrypto;
    this.#host = useHost && host !== undefined && host.wanted() !== false ? host : null;
  }

  // @return the digest of `bytes` (a Uint8Array) with kernel `kernel` (row `row`) and `params`
  // (js/args/hash-params.js), as `encoding` asks (undefined: bytes).
  hash(kernel, row, params, bytes, encoding) {
    if (this.#hosted(row, params)) {
      // Asked for the string itself: crypto.hash encodes it without making a Buffer first.
      return this.#host.hash(row.name, bytes, row.kind === 'xof' ? params.outputLength : undefined, encoding);
    }
    const secret = params.secretKind === 0 ? null : params.secret;
    return this.#portable(bytes, secret, params.outputLength, (inPtr, secretPtr, out) => this.#engineNow().hashInline(kernel,
      params.outputLength, params.secretKind, secretPtr, secret === null ? 0 : secret.byteLength,
      params.seedLo, params.seedHi, inPtr, bytes.byteLength, out), encoding);
  }

  // HMAC (RFC 2104) of `bytes` under `key`, with a fixed-length cryptographic kernel.
  hmac(kernel, row, key, bytes, encoding) {
    if (this.#host !== null && this.#host.has(row.name) && typeof this.#host.hmac === 'function') {
      return this.#host.hmac(row.name, key, bytes, encoding);
    }
    // A key longer than the block is its digest (RFC 2104 §2), as the engine's streamed HMAC does.
    const k = key.byteLength <= row.blockSize ? key
      : this.#portable(key, null, row.digestSize, (inPtr, _s, out) => this.#engineNow().hashInline(kernel, row.digestSize,
        0, 0, 0, 0, 0, inPtr, key.byteLength, out), undefined);
    return this.#portable(bytes, k, row.digestSize, (inPtr, keyPtr, out) => this.#engineNow().hmacInline(kernel,
      keyPtr, k.byteLength, inPtr, bytes.byteLength, out), encoding);
  }

  #hosted(row, params) {
    return this.#host !== null && hostGives(this.#host, row, params);
  }

  // Stages input and secret in the scratch block, runs `run(inPtr, secretPtr, outPtr)`, and
  // returns the digest; the secret is wiped however it ends.
  #portable(bytes, secret, outLength, run, encoding) {
    this.#engineNow();
    const heap = this.#heap;
    const secretLength = secret === null ? 0 : secret.byteLength;
    const ptr = this.#block(bytes.byteLength + secretLength + outLength);
    try {
      heap.write(ptr, bytes);
      if (secret !== null) heap.write(ptr + bytes.byteLength, secret);
      const out = ptr + bytes.byteLength + secretLength;
      if (run(ptr, ptr + bytes.byteLength, out) < 0) {
        const { code, message } = this.#engine.lastError();
        throw parahashError(code, message);
      }
      // Encoded straight from the heap, or copied once into the result's Buffer.
      return this.#platform.results(heap.u8(), out, 1, outLength, encoding)[0];
    } finally {
      if (secretLength > 0) heap.u8().fill(0, ptr + bytes.byteLength, ptr + bytes.byteLength + secretLength);
    }
  }

  // The scratch block, grown to `size` bytes when smaller (kept: the next call reuses it).
  #block(size) {
    if (size > this.#scratchSize) {
      const grown = this.#heap.alloc('a synchronous hash', Math.max(size, 4096));
      this.#heap.free(this.#scratch);
      this.#scratch = grown;
      this.#scratchSize = Math.max(size, 4096);
    }
    return this.#scratch;
  }

  #engineNow() {
    if (this.#engine === null) {
      const module = this.#module();
      this.#engine = new module.Engine(0);
      this.#heap = new Heap(module);
    }
    return this.#engine;
  }
}

module.exports = { SyncHasher, hostGives };
