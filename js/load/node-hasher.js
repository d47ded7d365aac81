'use strict';
// createHash()/createHmac() in Node: the Hasher (js/api/hasher.js), and a Writable that
// stream.pipeline(req, hasher) can end in. write() returns false past the high-water mark while
// chunks wait for the engine; a failure in the background is emitted as 'error' — once the
// hasher is used as a stream or someone listens. Used as node:crypto's Hash (update, digest), it
// never emits one: an 'error' nobody listens for would end the process, and digest() rejects
// with the failure anyway.
//
// Why write() and end() hand their bytes to the hasher at once instead of in _write()? The
// Writable queues a chunk while the one before it is in flight, or while corked; digest() must
// cover every byte written before it was called (node:crypto's Hash does: its writes are
// synchronous), and update() must keep its place among writes. So the bytes enter the hasher in
// call order, and _write() only waits until the engine holds them, which is what paces the
// Writable (backpressure).
const { Writable } = require('node:stream');

const HIGH_WATER_MARK = 4 * 1024 * 1024;

class NodeHasher extends Writable {
  #core;
  #streaming = false; // written to or piped into
  // Per chunk the Writable accepted and has not handed to _write yet, in order: the Promise that
  // the hasher holds its bytes safely. Each is marked handled when made, so one that rejects (an
  // abort) while the Writable still queues it, or after destroy() dropped it, is never an
  // unhandled rejection; _write() still sees its failure.
  #safe = [];
  #web = null;

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

  // The digest now, while the hasher holds at most 64 KiB (js/api/hasher.js digestSync).
  digestSync(encoding) {
    return this.#core.digestSync(encoding);
  }

  // @param options { outputLength } for extendable-output functions, as node:crypto's copy().
  copy(options) {
    return new NodeHasher(this.#core.copy(options));
  }

  // The same hasher as a WHATWG WritableStream (`blob.stream().pipeTo(hasher.writableStream)`),
  // the name browsers' hashers use too; `writable` stays the Writable's own boolean.
  get writableStream() {
    this.#web ??= Writable.toWeb(this);
    return this.#web;
  }

  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    const bytes = this.#accept(chunk, encoding);
    return bytes === undefined ? super.write(chunk, encoding, callback) : super.write(bytes, callback);
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') return super.end(chunk);
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    if (chunk === undefined || chunk === null) return super.end(callback);
    const bytes = this.#accept(chunk, encoding);
    return bytes === undefined ? super.end(chunk, encoding, callback) : super.end(bytes, callback);
  }

  // Hands `chunk` to the hasher now when the Writable will take it. @return the chunk as bytes,
  // or undefined when the Writable will refuse it (its own error then says why).
  #accept(chunk, encoding) {
    if (this.writableEnded || this.destroyed || this.writableErrored) return undefined;
    let bytes;
    if (typeof chunk === 'string') {
      const enc = encoding ?? this.writableDefaultEncoding ?? 'utf8';
      if (enc !== 'buffer' && !Buffer.isEncoding(enc)) return undefined;
      bytes = Buffer.from(chunk, enc === 'buffer' ? 'utf8' : enc);
    } else if (chunk instanceof Uint8Array) {
      bytes = chunk;
    } else {
      return undefined;
    }
    this.#streaming = true;
    const safe = this.#core.write(bytes);
    safe.catch(() => {});
    this.#safe.push(safe);
    return bytes;
  }

  _write(chunk, encoding, callback) {
    this.#settle(1, callback);
  }

  _writev(chunks, callback) {
    this.#settle(chunks.length, callback);
  }

  #settle(count, callback) {
    const taken = this.#safe.splice(0, count);
    (taken.length === 1 ? taken[0] : Promise.all(taken)).then(() => callback(), callback);
  }

  _destroy(error, callback) {
    if (error && !this.#core.finalized) this.#core.abort(error);
    callback(error);
  }
}

module.exports = { NodeHasher };
