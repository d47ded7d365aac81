'use strict';
// createHash()/createHmac() in Node: the Hasher (js/hasher.js), and a Writable that
// stream.pipeline(req, hasher) can end in. write() returns false past the high-water mark while
// chunks wait for the engine; a failure in the background is emitted as 'error' — once the
// hasher is used as a stream or someone listens. Used as node:crypto's Hash (update, digest), it
// never emits one: an 'error' nobody listens for would end the process, and digest() rejects
// with the failure anyway.
const { Writable } = require('node:stream');

const HIGH_WATER_MARK = 4 * 1024 * 1024;

class NodeHasher extends Writable {
  #core;
  #streaming = false; // written to or piped into

  constructor(core) {
    super({ highWaterMark: HIGH_WATER_MARK, decodeStrings: true });
    this.#core = core;
    this.once('pipe', () => { this.#streaming = true; });
    core.onError = (error) => {
      if (!this.destroyed && (this.#streaming || this.listenerCount('error') > 0)) this.destroy(error);
    };
  }

  // node:crypto's Hash methods.
  update(data, inputEncoding) {
    this.#core.update(data, inputEncoding);
    return this;
  }

  digest(encoding) {
    return this.#core.digest(encoding);
  }

  copy() {
    return new NodeHasher(this.#core.copy());
  }

  _write(chunk, encoding, callback) {
    this.#streaming = true;
    this.#core.write(chunk).then(() => callback(), callback);
  }

  _writev(chunks, callback) {
    this.#streaming = true;
    let done = Promise.resolve();
    for (const { chunk } of chunks) done = this.#core.write(chunk);
    done.then(() => callback(), callback);
  }

  _destroy(error, callback) {
    if (error && !this.#core.finalized) this.#core.abort(error);
    callback(error);
  }
}

module.exports = { NodeHasher };
