'use strict';
// hashStream, hashFile and hashFiles: sources of unknown or large size fed into one engine
// stream each, with bounded memory, progress and prompt aborts. They run inside a call the pool
// already admitted and counts; a session (js/api/pool-session.js) gives them the engine:
//   open() → Promise of a stream handle; now(input, encoding) → result or Promise of it (a
//   message small enough for one shot, untracked); result(bytes, encoding); admit(bytes) →
//   undefined, or a Promise of the turn in which this thread may copy them.

const { codes, abortError, invalidArg, parahashError } = require('../args/errors');
const { checkLength, isBytesLike, toBytes, describe } = require('../args/input');
const { SMALL } = require('./hasher');
const { chunkBytes, DONE } = require('./sources');
const { onAbort } = require('../args/signal');

// onProgress is told at most once per this many bytes (and at the end).
const PROGRESS_STEP = 1024 * 1024;

// Resolves like `promise`, or rejects with the abort as soon as `signal` aborts; `onLate(value)`
// receives what the promise still delivers after an abort (an open file, to close). However
// many calls wait on one signal, it carries one listener (js/args/signal.js onAbort).
function untilAborted(promise, signal, onLate) {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.then(onLate, () => {});
    return Promise.reject(abortError(signal.reason));
  }
  return new Promise((resolve, reject) => {
    let aborted = false;
    const unsubscribe = onAbort(signal, (reason) => {
      aborted = true;
      reject(abortError(reason));
    });
    promise.then((value) => {
      unsubscribe();
      if (aborted) onLate?.(value);
      else resolve(value);
    }, (error) => {
      unsubscribe();
      if (!aborted) reject(error);
    });
  });
}

// Reports progress every PROGRESS_STEP bytes; report(done, true) always reports. A listener
// that throws fails the call with its error.
function progressOf(onProgress, bytesTotal) {
  if (onProgress === undefined) return () => {};
  let reported = -1;
  return (done, final = false) => {
    if (!final && done - reported < PROGRESS_STEP) return;
    reported = done;
    onProgress({ bytesDone: done, bytesTotal });
  };
}

// Small messages gather in JS; past SMALL bytes a stream opens and everything goes through it.
class Gatherer {
  #session;
  #open; // the stream's options (js/engine/jobs.js open)
  #parts = [];
  #bytes = 0;
  #handle = null;

  constructor(session, { grow = true } = {}) {
    this.#session = session;
    this.#open = { grow };
  }

  get handle() {
    return this.#handle;
  }

  // Takes `bytes` (the source's, copied before this resolves).
  async add(bytes) {
    if (this.#handle === null && this.#bytes + bytes.byteLength <= SMALL) {
      // Within the turn's budget: thousands of sources handing over small chunks at once ran
      // their copies in one chain of microtasks (10,000 iterables: 0.5 s without a timer tick).
      const turn = this.#session.admit(bytes.byteLength);
      if (turn) await turn;
      this.#parts.push(new Uint8Array(bytes));
      this.#bytes += bytes.byteLength;
      return;
    }
    await this.open();
    await this.#handle.push(bytes);
  }

  // Opens the stream (if not yet) and moves what was gathered into it.
  async open() {
    if (this.#handle !== null) return this.#handle;
    this.#handle = await this.#session.open(this.#open);
    for (const part of this.#parts.splice(0)) await this.#handle.push(part);
    return this.#handle;
  }

  // The result: one shot for a small message, else the stream's digest.
  async finish(encoding) {
    if (this.#handle === null) {
      const bytes = concat(this.#parts, this.#bytes);
      return this.#session.now({ bytes, length: bytes.byteLength, name: 'data', index: -1 }, encoding);
    }
    return this.#session.result(await this.#handle.end(), encoding);
  }

  close() {
    return this.#handle?.close();
  }
}

function concat(parts, total) {
  if (parts.length === 1) return parts[0];
  const whole = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}

// The digest of everything `reader` (js/api/sources.js readerOf) yields. A source that fails rejects with
// its own error; an abort stops waiting on the source at once and cancels it.
async function hashSource(session, reader, { signal, encoding, onProgress, bytesTotal, maxLength }) {
  const gatherer = new Gatherer(session);
  const report = progressOf(onProgress, bytesTotal);
  let done = 0;
  let sourceFailed = false;
  try {
    for (let index = 0; ; index++) {
      let next;
      try {
        next = await untilAborted(reader.next(), signal);
      } catch (error) {
        sourceFailed = error?.code !== codes.ABORTED;
        throw error;
      }
      if (next === DONE) break;
      if (signal?.aborted) throw abortError(signal.reason);
      const bytes = chunkBytes(next.chunk, index);
      checkLength(done + bytes.byteLength, 'source', maxLength);
      // A source may hand over one huge chunk (Firefox's Blob streams give 16 MiB and more):
      // it goes in a step at a time, so progress comes per step and an abort stops it between.
      for (let at = 0; at < bytes.byteLength; at += PROGRESS_STEP) {
        if (at > 0 && signal?.aborted) throw abortError(signal.reason);
        const step = bytes.subarray(at, at + PROGRESS_STEP);
        await gatherer.add(step);
        done += step.byteLength;
        report(done);
      }
    }
    const result = await gatherer.finish(encoding);
    report(done, true);
    return result;
  } catch (error) {
    if (!sourceFailed) reader.cancel(error);
    throw error;
  } finally {
    await gatherer.close();
  }
}

// The digest of the file at `path`, read straight into the heap a chunk at a time.
// openFile(path) → { size, read(view) → n, close() } is the platform's.
// options: { signal, encoding, onProgress, maxLength, many, known }; `many` (hashFiles): streams
// stay small, for many run at once; `known` is what a stat of the path already said
// (js/load/node-files.js openFile). Both are read as own properties only (prototype pollution).
async function hashFile(session, openFile, path, options) {
  const { signal, encoding, onProgress, maxLength } = options;
  const many = Object.hasOwn(options, 'many') && options.many === true;
  const known = Object.hasOwn(options, 'known') ? options.known : undefined;
  const file = await untilAborted(openFile(path, known), signal, (late) => late.close().catch(() => {}));
  const gatherer = new Gatherer(session, { grow: !many });
  const report = progressOf(onProgress, file.size);
  // Every read races the signal: a FIFO or a pipe whose writer is silent may never answer, and
  // the timeout or abort must not wait for it. A read left behind still writes into the view it
  // was given (a slot of the heap), so the stream and the descriptor are let go only once it
  // returns.
  let reading = null; // the read under way, as a promise that never rejects
  const read = (view) => {
    if (signal?.aborted) return Promise.reject(abortError(signal.reason));
    const pending = file.read(view);
    const settled = pending.then(() => {}, () => {});
    reading = settled;
    settled.then(() => {
      if (reading === settled) reading = null;
    });
    return untilAborted(pending, signal);
  };
  let done = 0;
  try {
    if (file.size !== undefined && file.size <= SMALL) {
      // Most files of a tree are small: one read, one shot (inline or batched with others). A
      // regular file's short read is its end; a file that grew since stat() fills the buffer
      // and is read on through the stream.
      // Within the turn's budget: 10,000 calls at once read and copied as their files opened,
      // one callback after another in a single poll of the loop (0.2–0.5 s without a tick).
      const turn = session.admit(file.size);
      if (turn) await turn;
      if (signal?.aborted) throw abortError(signal.reason);
      const bytes = new Uint8Array(file.size + 1);
      let n;
      while (done < bytes.byteLength && (n = await read(bytes.subarray(done))) > 0) {
        done += n;
        if (file.regular && done <= file.size) break;
      }
      await gatherer.add(bytes.subarray(0, done));
      if (done === bytes.byteLength) done += await readInto(await gatherer.open(), read, done, report, maxLength);
    } else {
      done += await readInto(await gatherer.open(), read, 0, report, maxLength);
    }
    checkLength(done, 'file', maxLength);
    const result = await gatherer.finish(encoding);
    report(done, true);
    return result;
  } finally {
    if (reading !== null) {
      // Abandoned mid-read: the call settles now, the clean-up when the read returns.
      reading.then(() => gatherer.close()).then(() => file.close()).catch(() => {});
    } else {
      await gatherer.close();
      // A read-only descriptor's close cannot lose data: hashFiles moves on to its next file
      // without waiting for it.
      if (many) file.close().catch(() => {});
      else await file.close();
    }
  }
}

// Reads the rest of a file through `read(view) → n` into the stream's slots. @return the bytes
// read.
async function readInto(handle, read, before, report, maxLength) {
  let total = 0;
  await handle.pushFrom(async (view) => {
    const n = await read(view);
    total += n;
    checkLength(before + total, 'file', maxLength);
    report(before + total);
    return n;
  });
  return total;
}

// Errors that end a whole hashFiles (or hashDirectory) call instead of one file's entry.
const FATAL = new Set([codes.ABORTED, codes.TIMEOUT, codes.POOL_CLOSED, codes.POOL_CRASHED, codes.INTERNAL]);

// hashFiles: each file through hashFile, `concurrency` at a time in input order (each on its
// own engine stream, so they spread over the threads; largest first was measured slower, and
// heavier). @return [{ path, digest } | { path, error }] in input order; onProgress is told as
// filesProgress says.
async function hashFiles(session, platform, paths, { signal, encoding, onProgress, concurrency, maxLength }) {
  const results = new Array(paths.length);
  const infos = await statAll(platform, paths, signal);
  let next = 0;
  // The call's own failure: an abort, the pool's end, or a throw of onProgress (which fails the
  // call, as it does hashFile's and hashStream's, never one file's entry).
  let failed = false;
  let fatal;
  const fail = (error) => {
    if (!failed) [failed, fatal] = [true, error];
  };
  const progress = filesProgress(onProgress, paths, infos, fail);
  const worker = async () => {
    while (!failed && next < paths.length) {
      const index = next++;
      const path = paths[index];
      try {
        // Many files at once keep the threads busy: each stream stays at two small chunks.
        const digest = await hashFile(session, platform.openFile, path,
          { signal, encoding, onProgress: progress.of(index), maxLength, many: concurrency > 1, known: infos[index] });
        results[index] = { path, digest };
      } catch (error) {
        if (failed) return;
        if (FATAL.has(error?.code) || signal?.aborted) {
          fail(error);
          return;
        }
        results[index] = { path, error };
      }
      if (!progress.fileDone(index)) return; // onProgress threw, and so failed the call
    }
  };
  // Each file in flight holds a descriptor: never more than the platform's share of its limit.
  const width = Math.min(concurrency, paths.length, platform.maxOpenFiles?.() ?? Infinity);
  await Promise.all(Array.from({ length: width }, worker));
  if (failed) throw fatal;
  return results;
}

// hashFiles' progress: onProgress({ bytesDone, bytesTotal, filesDone, filesTotal, file: { path,
// bytesDone, bytesTotal } }), totals over every file (bytesTotal from the stat of each made
// first), and the file that moved. A listener that throws hands its error to fail(error).
// @return { of(index) → paths[index]'s hashFile onProgress or undefined, fileDone(index) → false
// when the listener threw }
function filesProgress(onProgress, paths, infos, fail) {
  // A file that cannot be stat'ed will fail to open too, and so adds no bytes.
  const bytesTotal = infos.reduce((n, info) => n + (info?.size ?? 0), 0);
  const doneOf = new Float64Array(paths.length);
  let bytesDone = 0;
  let filesDone = 0;
  const tell = (index, fileDone, fileTotal) => {
    bytesDone += fileDone - doneOf[index];
    doneOf[index] = fileDone;
    try {
      onProgress({ bytesDone, bytesTotal, filesDone, filesTotal: paths.length,
        file: { path: paths[index], bytesDone: fileDone, bytesTotal: fileTotal } });
    } catch (error) {
      fail(error);
      throw error;
    }
  };
  return {
    of: (index) => (onProgress === undefined ? undefined
      : ({ bytesDone: fileDone, bytesTotal: fileTotal }) => tell(index, fileDone, fileTotal)),
    fileDone(index) {
      filesDone++;
      if (onProgress === undefined) return true;
      try {
        tell(index, doneOf[index], infos[index]?.size);
        return true;
      } catch {
        return false;
      }
    },
  };
}

// What each file is (platform.fileInfo: { size, regular, directory }, undefined where stat
// fails: the error comes again, with its code, when the file is opened), 64 stats at a time.
async function statAll(platform, paths, signal) {
  const infos = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      if (signal?.aborted) throw abortError(signal.reason);
      const index = next++;
      infos[index] = await platform.fileInfo(paths[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(64, paths.length) }, worker));
  return infos;
}

// A path as fs takes it: a string, bytes (a Buffer), or a file: URL. Bytes and URLs are
// brand-checked and copied, so a Proxy or a spoofed object never reaches fs.
const urlHref = typeof URL === 'function' ? Object.getOwnPropertyDescriptor(URL.prototype, 'href')?.get : undefined;
function checkPath(path, name) {
  if (typeof path === 'string') {
    if (path === '' || path.includes('\0')) throw invalidArg(`The "${name}" argument must be a non-empty path without NUL characters`);
    return path;
  }
  if (isBytesLike(path)) {
    const bytes = new Uint8Array(toBytes(path, name));
    if (bytes.length === 0 || bytes.includes(0)) throw invalidArg(`The "${name}" argument must be a non-empty path without NUL bytes`);
    return bytes;
  }
  let href;
  try {
    href = urlHref?.call(path);
  } catch {
    href = undefined;
  }
  if (typeof href !== 'string') throw invalidArg(`The "${name}" argument must be a path (a string, Buffer or file: URL); received ${describe(path)}`);
  const url = new URL(href);
  if (url.protocol !== 'file:') throw invalidArg(`The "${name}" argument must be a file: URL; received ${url.protocol} URL`);
  return url;
}

const noFiles = () => parahashError(codes.UNSUPPORTED,
  'hashFile and hashFiles need a file system, which this platform does not give; hash a File with hashStream(file.stream(), …)');

module.exports = { hashSource, hashFile, hashFiles, checkPath, noFiles, untilAborted, FATAL };
