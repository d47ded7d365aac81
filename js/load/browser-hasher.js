'use strict';
// createHash()/createHmac() in browsers: node:crypto's Hash methods over the Hasher core
// (js/api/hasher.js), and `writableStream`, a WHATWG WritableStream, so that
// `await file.stream().pipeTo(hasher.writableStream)` then `await hasher.digest('hex')` works.
// Node's hasher has the same getter (Writable.toWeb of itself); there `writable` is the
// Writable's own boolean, so `writable` here is only an alias kept for pages that used it.
// Its queue holds 4 MiB; past that, pipeTo waits while the engine catches up.

const { toBytes } = require('../args/input');
const { abortError } = require('../args/errors');

const HIGH_WATER_MARK = 4 * 1024 * 1024;

class BrowserHasher {
  #core;
  #writable = null;

  constructor(core) {
    this.#core = core;
  }

  update(data, inputEncoding) {
    this.#core.update(data, inputEncoding);
    return this;
  }

  // @return a Promise of the digest: a Uint8Array, or a string for 'hex' | 'base64' | 'base64url'.
  digest(encoding) {
    return this.#core.digest(encoding);
  }

  // The digest now, while the hasher holds at most 64 KiB (js/api/hasher.js digestSync).
  digestSync(encoding) {
    return this.#core.digestSync(encoding);
  }

  copy(options) {
    return new BrowserHasher(this.#core.copy(options));
  }

  get writableStream() {
    if (this.#writable !== null) return this.#writable;
    const core = this.#core;
    this.#writable = new WritableStream({
      // The stream does not touch a chunk after write() settles, so it is taken without a
      // copy when the engine can take it (the core copies what it keeps).
      write: (chunk) => core.write(toBytes(chunk, 'chunk')),
      abort: (reason) => {
        if (!core.finalized) core.abort(abortError(reason));
      },
    }, { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk?.byteLength ?? chunk?.length ?? 1 });
    return this.#writable;
  }

  // The same stream under its first name (browsers only; Node's `writable` is a boolean).
  get writable() {
    return this.writableStream;
  }
}

module.exports = { BrowserHasher };
