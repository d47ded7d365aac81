'use strict';
// hashDirectory(root, algorithm, options): every file under a directory, with the command's -r
// rules (js/load/node-walk.js: byte order, symlinked directories not followed unless
// options.followSymlinks, special files skipped), each hashed through hashFile on the pool's
// files path, `concurrency` at a time. One entry per file, { path, digest } or { path, error }
// (the fs error with its code): one unreadable file never fails the call; an abort, a timeout,
// the pool's end or a throwing onProgress does.
//
// Two forms over one generator, directoryEntries() (the pool runs each inside its call
// accounting: the array as one call, the iterator a call per step, directoryIterator):
//   - the entries as an async iterator (`for await`), in order, for trees of any size: the walk
//     is lazy, and at most `concurrency` files are in flight, so memory is the listings of the
//     directories on the current path plus the window, never the tree. Leaving the loop early
//     (break, return, a throw) stops the walk, stops the files in flight and closes them.
//   - the array of them (hashDirectory), collected from the iterator, for the usual small tree.
// Why two calls and not one object both awaitable and iterable: a thenable that is also a lazy
// iterator has to decide, at the first `then` or `next`, which of the two it is; two plain calls
// say what they return (STYLE.md principle 4), and the array is four lines over the iterator.
//
// The walk runs in the platform (Node's fs.promises: never blocking the loop between entries);
// each file is js/api/stream-calls.js hashFile, as hashFiles runs it.

const { abortError } = require('../args/errors');
const { readOptions, KNOWN } = require('../args/options');
const { checkSignal, checkTimeout, deadline } = require('../args/signal');
const { checkListener, integerOption, wrongType } = require('../args/checks');
const { hashFile, checkPath, noFiles, FATAL } = require('./stream-calls');

const DIRECTORY_OPTIONS = new Set([...KNOWN.hashFiles, 'filter', 'followSymlinks']);

// hashDirectory's arguments, checked at once (before any walk), as every method checks them.
// @return { root, o: { signal, timeout, encoding, onProgress, concurrency, filter,
// followSymlinks, hashOptions } }; hashOptions is what core.params(kernel, …) takes.
function checkDirectoryCall(platform, root, options, threads, what = 'hashDirectory') {
  if (platform.openFile === undefined || platform.walkTree === undefined) throw noFiles();
  const checkedRoot = checkPath(root, 'root');
  const o = readOptions(options, DIRECTORY_OPTIONS, what);
  const filter = o.filter;
  if (filter !== undefined && typeof filter !== 'function') throw wrongType('options.filter', 'a function (path, dirent) => boolean', filter);
  if (o.followSymlinks !== undefined && typeof o.followSymlinks !== 'boolean') {
    throw wrongType('options.followSymlinks', 'a boolean', o.followSymlinks);
  }
  return {
    root: checkedRoot,
    o: {
      signal: checkSignal(o.signal),
      timeout: checkTimeout(o.timeout),
      encoding: o.encoding,
      onProgress: checkListener(o.onProgress, 'options.onProgress'),
      // As hashFiles: measured on 2 threads, 8 at once is 1.3× faster than 2.
      concurrency: integerOption(o.concurrency ?? Math.min(32, Math.max(4, 4 * threads)), 'options.concurrency', 1, 4096),
      filter,
      followSymlinks: o.followSymlinks === true,
      hashOptions: { outputLength: o.outputLength, key: o.key, seed: o.seed, context: o.context },
    },
  };
}

// The entries of the tree under `root`, in order. sessionFor(signal) → the hashing session
// (js/api/pool-session.js) for the call's signal; encoding is checked (js/args/encoding.js).
// options: checkDirectoryCall's `o`, with maxLength (the pool's maxInputLength).
async function* directoryEntries(sessionFor, platform, root, encoding, options) {
  const { onProgress, concurrency, filter, followSymlinks, maxLength } = options;
  const stop = new AbortController();
  const timed = options.timeout === undefined ? { signal: options.signal, dispose: () => {} }
    : deadline(options.signal, options.timeout, platform.timer);
  const signal = timed.signal === undefined ? stop.signal : AbortSignal.any([timed.signal, stop.signal]);
  const session = sessionFor(signal);
  let fatal = null; // what ends the whole call
  const fail = (error) => {
    fatal ??= error;
    stop.abort(error);
  };
  const progress = directoryProgress(onProgress, fail);
  // A filter that throws ends the call with its error, as a throwing onProgress does.
  const filterOf = filter === undefined ? undefined : (path, dirent) => {
    try {
      return filter(path, dirent) === true;
    } catch (error) {
      fail(error);
      return false;
    }
  };
  const walk = platform.walkTree(root, { followSymlinks, filter: filterOf, stopped: () => signal.aborted });
  // Each in-flight file as a promise that never rejects: an entry, or undefined once the call
  // failed (fatal says why).
  const hashOne = async (found) => {
    try {
      const digest = await hashFile(session, platform.openFile, found.path,
        { signal, encoding, onProgress: progress.of(found.path), maxLength, many: concurrency > 1 });
      progress.fileDone(found.path);
      return { path: found.path, digest };
    } catch (error) {
      if (fatal !== null) return undefined;
      if (FATAL.has(error?.code) || signal.aborted) {
        fail(error);
        return undefined;
      }
      progress.fileDone(found.path);
      return { path: found.path, error };
    }
  };
  const window = [];
  const width = Math.min(concurrency, platform.maxOpenFiles?.() ?? Infinity);
  let walked = false;
  try {
    for (;;) {
      while (!walked && window.length < width && fatal === null) {
        if (signal.aborted) throw fatal ?? abortError(signal.reason);
        const { value, done } = await walk.next();
        if (done) {
          walked = true;
          progress.walkDone();
        } else {
          progress.found();
          if (value.error === undefined) {
            window.push(hashOne(value));
          } else {
            progress.fileDone(value.path);
            window.push(Promise.resolve({ path: value.path, error: value.error }));
          }
        }
      }
      if (fatal !== null) throw fatal;
      if (window.length === 0) break;
      const entry = await window.shift();
      if (entry === undefined || fatal !== null) throw fatal;
      yield entry;
    }
    if (signal.aborted) throw fatal ?? abortError(signal.reason);
  } catch (error) {
    // The walk's own failure (the root missing or not a directory) ends the call too.
    fail(error);
    throw fatal;
  } finally {
    // Stops what is in flight (each file's stream and descriptor are let go as hashFile ends)
    // and the walk, whichever way the loop was left.
    stop.abort(fatal ?? abortError('the iteration ended'));
    await walk.return();
    await Promise.allSettled(window);
    timed.dispose();
  }
}

// The iterator form as the pool hands it out: each step is one tracked call of the pool
// (`track(run)`: admitted, counted, its workers ref'd while it waits, as every call's are), so a
// process waiting on the next entry stays alive, and one that dropped the iterator can still
// exit. @return an async iterator (and iterable) over directoryEntries.
function directoryIterator(sessionFor, platform, root, encoding, options, track) {
  const entries = directoryEntries(sessionFor, platform, root, encoding, options);
  return {
    next: () => track(() => entries.next()),
    return: (value) => track(() => entries.return(value)),
    throw: (error) => track(() => entries.throw(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

// Every entry as one array, in order.
async function hashDirectory(sessionFor, platform, root, encoding, options) {
  const entries = [];
  for await (const entry of directoryEntries(sessionFor, platform, root, encoding, options)) entries.push(entry);
  return entries;
}

// onProgress({ filesDone, filesFound, bytesDone, walkDone, file: { path, bytesDone, bytesTotal } }):
// the totals grow as the walk finds files (a lazy walk cannot know them first; walkDone says
// when filesFound is final); `file` is the file that moved (absent for the walk's own news).
// A listener that throws hands its error to fail(error), which ends the call.
function directoryProgress(onProgress, fail) {
  let filesDone = 0;
  let filesFound = 0;
  let bytesDone = 0;
  let walkDone = false;
  const done = new Map(); // path → its bytes so far, while in flight
  const tell = (file) => {
    if (onProgress === undefined) return;
    try {
      onProgress(file === undefined ? { filesDone, filesFound, bytesDone, walkDone }
        : { filesDone, filesFound, bytesDone, walkDone, file });
    } catch (error) {
      fail(error);
    }
  };
  return {
    of: (path) => (onProgress === undefined ? undefined : ({ bytesDone: fileDone, bytesTotal }) => {
      bytesDone += fileDone - (done.get(path) ?? 0);
      done.set(path, fileDone);
      tell({ path, bytesDone: fileDone, bytesTotal });
    }),
    found() {
      filesFound++;
    },
    walkDone() {
      walkDone = true;
      tell(undefined);
    },
    fileDone(path) {
      filesDone++;
      const fileDone = done.get(path) ?? 0;
      done.delete(path);
      tell({ path, bytesDone: fileDone, bytesTotal: fileDone });
    },
  };
}

module.exports = { checkDirectoryCall, directoryEntries, directoryIterator, hashDirectory, DIRECTORY_OPTIONS };
