'use strict';
// createHash() and createHmac(): node:crypto's Hash shape over an engine stream.
//
// update() never blocks and never fails for work still to do: it copies the caller's bytes at
// once (so a caller that reuses its buffer, as ported code does, still gets the right digest)
// and the engine is fed in the background, one operation after another. A message that stays
// small (at most SMALL bytes when digest() is called) never opens a stream at all: it is hashed
// in one call, inline when the turn has budget. A failure in the background surfaces at
// digest() (and, for the Node Writable, as 'error'). copy() gives an independent hasher that has
// absorbed the same bytes.
//
// The hasher knows its pool only through a session (js/api/pool-session.js, or the default
// pool's, which starts that pool on first need):
//   open() → Promise of a stream handle (js/engine/jobs.js open)
//   oneShot(input, encoding) → Promise of the result, for a message that stayed small
//   finish(run) → run()'s Promise, counted as one call of the pool (admission, stats, drain)
//   result(bytes, encoding), decode(string, inputEncoding) → bytes | undefined
//   digestSync(bytes, encoding) → the result now, for digestSync() (js/api/hash-sync.js
//     digestSyncOf); a session without it refuses digestSync() with ERR_PARAHASH_UNSUPPORTED

const { codes, parahashError, invalidArg, abortError, unsupported } = require('../args/errors');
const { checkEncoding } = require('../args/encoding');
const { toBytes, viewOf } = require('../args/input');
const { onAbort } = require('../args/signal');

const NOOP = () => {};

// Strings above this many UTF-16 units are encoded in slices of SLICE_UNITS (each well under a
// millisecond of encoding), never whole on the calling thread.
const LARGE_STRING = 1024 * 1024;
const SLICE_UNITS = 256 * 1024;
const utf8Encoder = new TextEncoder();
// The input encodings whose slices decode on their own, and the name each is decoded under.
// base64 is not among them: its padding and whitespace may fall anywhere, so it decodes whole.
const SLICEABLE = new Map([
  ['latin1', 'latin1'], ['binary', 'latin1'], ['ascii', 'ascii'], ['hex', 'hex'],
  ['utf16le', 'utf16le'], ['utf-16le', 'utf16le'], ['ucs2', 'utf16le'], ['ucs-2', 'utf16le'],
]);

// Slices of `string` that decode independently in `encoding`: UTF-8 slices never end between
// the two halves of a surrogate pair, hex slices are an even number of digits.
function* stringSlices(string, encoding) {
  for (let at = 0; at < string.length;) {
    let end = Math.min(string.length, at + SLICE_UNITS);
    if (encoding === 'utf8' && end < string.length) {
      const unit = string.charCodeAt(end - 1);
      if (unit >= 0xd800 && unit <= 0xdbff) end--;
    }
    yield string.substring(at, end);
    at = end;
  }
}

// Past this many bytes the hasher opens an engine stream and feeds it as data comes.
const SMALL = 64 * 1024;

const finalized = () => parahashError(codes.HASH_FINALIZED, 'This hasher has already produced its digest');

// A hasher dropped without digest() gives its stream's heap back when it is collected.
const abandoned = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => handle.then((h) => {
    h.stop();
    return h.close();
  }).catch(() => {}))
  : null;

class Hasher {
  #session;
  #signal;
  #dispose; // clears the timeout and the signal link, once the digest settles
  #unsubscribe;
  #queue = []; // copies not yet in the engine
  #queued = 0;
  #handle = null; // Promise of the stream handle, once opened
  #tail = Promise.resolve(); // the background operations, in order
  #done = false;
  #error = null;
  onError = null; // called with a background failure (the Node Writable destroys itself)

  // @param signal the call's signal (a timeout included); @param dispose its clean-up.
  // Positional, not an options bag: nothing here may be read from a prototype someone polluted.
  constructor(session, signal, dispose = NOOP) {
    this.#session = session;
    this.#signal = signal;
    this.#dispose = dispose;
    this.#unsubscribe = onAbort(signal, (reason) => this.abort(abortError(reason)));
    if (signal?.aborted) this.abort(abortError(signal.reason));
  }

  get finalized() {
    return this.#done;
  }

  // Absorbs `data` (bytes, or a string in `inputEncoding`, UTF-8 by default). @return this.
  // @throws ERR_PARAHASH_HASH_FINALIZED after digest(), the abort once aborted,
  // ERR_PARAHASH_INVALID_ARG for bad data.
  update(data, inputEncoding) {
    if (this.#done) throw this.#error ?? finalized();
    let bytes;
    if (typeof data === 'string' && inputEncoding !== undefined && inputEncoding !== null) {
      if (typeof inputEncoding !== 'string') throw invalidArg('The "inputEncoding" argument must be a string');
      // node:crypto refuses an odd-length hex string rather than drop its last digit.
      if (data.length % 2 !== 0 && inputEncoding.toLowerCase() === 'hex') {
        throw invalidArg(`The argument 'inputEncoding' is invalid for data of length ${data.length}. Received 'hex'`);
      }
      const utf8 = /^utf-?8$/i.test(inputEncoding);
      if (!utf8 && this.#session.decode('', inputEncoding) === undefined) {
        throw invalidArg(`Unknown input encoding ${JSON.stringify(inputEncoding.slice(0, 32))}`);
      }
      const slicing = utf8 ? 'utf8' : SLICEABLE.get(inputEncoding.toLowerCase());
      if (data.length > LARGE_STRING && slicing !== undefined) return this.#takeString(data, slicing);
      bytes = utf8 ? toBytes(data, 'data') : this.#session.decode(data, inputEncoding);
    } else {
      if (typeof data === 'string' && data.length > LARGE_STRING) return this.#takeString(data, 'utf8');
      bytes = toBytes(data, 'data');
    }
    if (bytes.byteLength === 0) return this;
    // A string's bytes are already a fresh copy; anything else is the caller's, to copy now.
    this.#take(typeof data === 'string' ? bytes : new Uint8Array(bytes));
    return this;
  }

  // The Writable's path, for a chunk the stream hands over and does not touch until told.
  // @return a Promise resolved once the bytes are safe: copied while the message is small,
  // else in the engine's heap (which is the backpressure).
  write(bytes) {
    if (this.#done) return Promise.reject(this.#error ?? finalized());
    if (this.#handle === null && this.#queued + bytes.byteLength <= SMALL) {
      this.#take(new Uint8Array(bytes));
      return Promise.resolve();
    }
    this.#take(bytes);
    this.#feed();
    return this.#tail.then(() => this.#throwIfFailed());
  }

  // @return a Promise of the digest: a Buffer in Node (Uint8Array in browsers), or a string for
  // encoding 'hex' | 'base64' | 'base64url'.
  digest(encoding) {
    if (this.#done) return Promise.reject(this.#error ?? finalized());
    let checked;
    try {
      checked = checkEncoding(encoding);
    } catch (error) {
      return Promise.reject(error);
    }
    this.#done = true;
    let settled;
    if (this.#error !== null) {
      settled = Promise.reject(this.#error);
      this.#closeStream();
    } else if (this.#handle === null && this.#queued <= SMALL) {
      const bytes = this.#takeQueue();
      settled = this.#session.oneShot({ bytes, length: bytes.byteLength, name: 'data', index: -1 }, checked);
    } else {
      this.#feed();
      const handle = this.#ensureOpen();
      settled = this.#session.finish(async () => {
        await this.#tail;
        this.#throwIfFailed();
        const h = await handle;
        const digest = await h.end();
        return this.#session.result(digest, checked);
      });
      settled.then(() => this.#closeStream(), () => this.#closeStream());
    }
    return settled.finally(() => this.#release());
  }

  // The digest now, on this thread, for code that cannot await (node:crypto's Hash shape): only
  // while every byte is still gathered here, at most SMALL (the synchronous bound, 64 KiB,
  // js/api/hash-sync.js), so no byte went to the pool and nothing is left to wait for.
  // Afterwards the hasher is finalized, as after digest().
  // @return a Buffer in Node (Uint8Array in browsers), or a string for an encoding.
  // @throws ERR_PARAHASH_HASH_FINALIZED after a digest, the failure or abort that ended it,
  // ERR_PARAHASH_INVALID_ARG for an unknown encoding, and ERR_PARAHASH_SYNC_TOO_LARGE (the
  // hasher left usable: `await digest()` then gives the digest) once bytes went to the pool.
  digestSync(encoding) {
    if (this.#done) throw this.#error ?? finalized();
    const checked = checkEncoding(encoding);
    if (this.#handle !== null || this.#queued > SMALL || this.#queue.some((part) => !(part instanceof Uint8Array))) {
      throw parahashError(codes.SYNC_TOO_LARGE, `This hasher has taken more than ${SMALL} bytes (64 KiB), so its bytes ` +
        'went to the pool: use await digest() instead', { Base: RangeError });
    }
    if (typeof this.#session.digestSync !== 'function') {
      throw unsupported('This hasher has no synchronous digest here: use await digest()');
    }
    this.#done = true;
    try {
      return this.#session.digestSync(this.#takeQueue(), checked);
    } finally {
      this.#release();
    }
  }

  // An independent hasher that has absorbed the same bytes, sharing this one's signal.
  // options.outputLength sets an extendable-output copy's length; without it the copy has the
  // algorithm's default length, as node:crypto's copy() has (its test-crypto-hash.js).
  // @throws HASH_FINALIZED after digest(); ERR_PARAHASH_INVALID_ARG for a bad option or an
  // outputLength a fixed-length algorithm does not have.
  copy(options) {
    if (this.#done) throw this.#error ?? finalized();
    const session = this.#session.copy(options);
    const copy = new Hasher(session, this.#signal);
    if (this.#handle === null) {
      // Everything is still in JS: the copies are ours and never change, so they are shared.
      for (const bytes of this.#queue) copy.#enqueue(bytes);
      return copy;
    }
    this.#feed();
    const source = this.#handle;
    const cloned = this.#tail.then(() => {
      this.#throwIfFailed();
      return source;
    }).then((h) => h.clone(this.#signal, session.digestLength));
    copy.#adopt(cloned);
    copy.#tail = cloned.then(() => {}, (error) => copy.#fail(error));
    // This hasher's next bytes wait until the copy has its state and gathered bytes.
    this.#tail = cloned.then(() => {}, () => {});
    return copy;
  }

  // Stops the engine work and releases the stream (an abort, a timeout, a destroyed Writable).
  abort(error) {
    if (this.#done && this.#error !== null) return;
    this.#done = true;
    this.#fail(error);
    this.#closeStream(true);
    this.#release();
  }

  #take(bytes) {
    this.#enqueue(bytes);
    if (this.#handle !== null || this.#queued > SMALL) this.#feed();
  }

  // A string too large to encode in one turn of the loop (500 M characters took 1.3–2.8 s) is
  // kept as it is and encoded a slice at a time as the engine takes it (#feed).
  #takeString(string, encoding) {
    this.#queue.push({ string, encoding });
    this.#queued += string.length;
    this.#feed();
    return this;
  }

  #enqueue(bytes) {
    this.#queue.push(bytes);
    this.#queued += bytes.byteLength;
  }

  #takeQueue() {
    const parts = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    if (parts.length === 1) return parts[0];
    const whole = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      whole.set(viewOf(part, 0, part.byteLength), at);
      at += part.byteLength;
    }
    return whole;
  }

  #ensureOpen() {
    if (this.#handle === null) this.#adopt(this.#session.open());
    return this.#handle;
  }

  #adopt(handle) {
    this.#handle = handle;
    handle.catch((error) => this.#fail(error));
    abandoned?.register(this, handle, this);
  }

  // Moves what is queued into the engine, after the operations before it.
  #feed() {
    if (this.#queue.length === 0) return;
    const parts = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    const handle = this.#ensureOpen();
    this.#tail = this.#tail.then(async () => {
      if (this.#error !== null) return;
      const h = await handle;
      for (const part of parts) {
        if (part instanceof Uint8Array) await h.push(part);
        else for (const slice of stringSlices(part.string, part.encoding)) await h.push(this.#decodeSlice(slice, part.encoding));
      }
    }).catch((error) => this.#fail(error));
  }

  // Gives the stream's heap back, after what is still running in it (stopped first if asked).
  #closeStream(stop = false) {
    const handle = this.#handle;
    if (handle === null) return;
    abandoned?.unregister(this);
    // After the tail, however it settles: today it never rejects (#feed catches into #fail), and
    // a later change that let it reject must still not skip the close.
    const settled = () => handle;
    this.#tail.then(settled, settled).then((h) => {
      if (stop) h.stop();
      return h.close();
    }).catch(() => {});
    if (stop) handle.then((h) => h.stop(), () => {});
  }

  #release() {
    this.#queue = [];
    this.#queued = 0;
    this.#unsubscribe();
    this.#dispose();
  }

  #decodeSlice(slice, encoding) {
    return encoding === 'utf8' ? utf8Encoder.encode(slice) : this.#session.decode(slice, encoding);
  }

  #fail(error) {
    if (this.#error !== null) return;
    this.#error = error;
    this.onError?.(error);
  }

  #throwIfFailed() {
    if (this.#error !== null) throw this.#error;
  }
}

module.exports = { Hasher, SMALL };
