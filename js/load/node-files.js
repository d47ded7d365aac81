'use strict';
// Files for hashFile and hashFiles: opened and read sequentially straight into the caller's
// view (the engine's heap, so no copy through JS memory). fs's errors pass through unchanged,
// codes (ENOENT, EISDIR, EACCES) and paths included. The callback API, not fs.promises: a
// FileHandle and its promises cost a third more main-thread time per file, which a tree of
// small files feels (measured: 3,365 files, 243 ms against 158 ms).
const fs = require('node:fs');
const { constants } = require('node:os');

const call = (start) => new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));

const isDirectoryError = (path) => Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`),
  { errno: -constants.errno.EISDIR, code: 'EISDIR', syscall: 'read', path: String(path) });

// @param known { size, regular, directory } from a stat already made (hashFiles), to save one.
// @return { size, regular, read(view) → n, close() }: read() returns 0 at the end of the file;
// size is undefined for what is not a regular file.
async function openFile(path, known = undefined) {
  // Linux opens a directory for reading and fails only at the first read; fail now, as
  // fs.readFile does, with the same error shape.
  if (known?.directory) throw isDirectoryError(path);
  const fd = await openDescriptor(path);
  try {
    let info = known;
    if (info === undefined) {
      const stats = await call((done) => fs.fstat(fd, done));
      if (stats.isDirectory()) throw isDirectoryError(path);
      info = describe(stats);
    }
    return {
      size: info.size,
      // A regular file's short read is its end (a pipe's or a device's is not).
      regular: info.regular,
      read: (view) => call((done) => fs.read(fd, view, 0, view.byteLength, null, done)),
      close: () => closeDescriptor(fd),
    };
  } catch (error) {
    closeDescriptor(fd).catch(() => {});
    throw error;
  }
}

// A process may hold a limited number of descriptors (ulimit -n, often 1,024), shared with the
// application. An open that finds none free (EMFILE, or ENFILE for the whole system) is not the
// file's failure: as graceful-fs does, it waits for one of ours to close and tries again, and
// while we hold none (the application holds them all) it retries on a timer, giving up with
// that error after GIVE_UP_MS without a descriptor of ours to wait for.
const RETRY_MS = 20;
const GIVE_UP_MS = 2000;
let ours = 0; // descriptors open here
const waiting = []; // resolvers of opens waiting for a descriptor, oldest first
let retryTimer = null;

function wakeOne() {
  const next = waiting.shift();
  if (waiting.length === 0 && retryTimer !== null) {
    clearInterval(retryTimer);
    retryTimer = null;
  }
  next?.();
}

// Opens in flight at once. libuv's threads finish opens far faster than a busy main thread takes
// their completions, and every completion waiting is handed over in one poll of the loop: 10,000
// hashFile() calls at once held a 1 ms timer off for 122–127 ms that way (21–31 ms with this
// bound, in the same time within noise; 64 cost a tenth more time, 1,024 let 58–69 ms through).
const MAX_OPENING = 256;
let opening = 0;
const toOpen = []; // resolvers of opens waiting for their turn, oldest first

async function openInTurn(path) {
  if (opening >= MAX_OPENING) await new Promise((resolve) => toOpen.push(resolve));
  opening++;
  try {
    return await call((done) => fs.open(path, 'r', done));
  } finally {
    opening--;
    toOpen.shift()?.();
  }
}

async function openDescriptor(path) {
  let idleSince;
  for (;;) {
    try {
      const fd = await openInTurn(path);
      ours++;
      return fd;
    } catch (error) {
      if (error?.code !== 'EMFILE' && error?.code !== 'ENFILE') throw error;
      if (ours > 0) idleSince = undefined;
      else if ((idleSince ??= Date.now()) + GIVE_UP_MS < Date.now()) throw error;
      await new Promise((resolve) => {
        waiting.push(resolve);
        // Someone else may free a descriptor too: one waiter tries again every RETRY_MS.
        if (retryTimer === null) {
          retryTimer = setInterval(wakeOne, RETRY_MS);
          retryTimer.unref();
        }
      });
    }
  }
}

function closeDescriptor(fd) {
  return call((done) => fs.close(fd, done)).finally(() => {
    ours--;
    wakeOne();
  });
}

// How many files hashFiles may hold open at once: a quarter of the process's descriptor limit
// (the soft RLIMIT_NOFILE, from /proc on Linux), so the application keeps the rest; undefined
// where the limit cannot be read (opens then rely on the retry above).
let openBudget = null;
function maxOpenFiles() {
  if (openBudget === null) {
    openBudget = undefined;
    try {
      const line = /^Max open files\s+(\d+)/m.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
      if (line) openBudget = Math.max(1, Math.floor(Number(line[1]) / 4));
    } catch {
      // Not Linux, or no /proc: no cap.
    }
  }
  return openBudget;
}

const describe = (stats) => ({ size: stats.isFile() ? stats.size : undefined, regular: stats.isFile(), directory: stats.isDirectory() });

// What openFile needs to know of a path, from one stat; undefined when stat fails (opening it
// will say why).
async function fileInfo(path) {
  try {
    return describe(await call((done) => fs.stat(path, done)));
  } catch {
    return undefined;
  }
}

module.exports = { openFile, fileInfo, maxOpenFiles };
