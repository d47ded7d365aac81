'use strict';
// Small regular files, read and hashed right here, synchronously, with the package's hashSync:
// node:crypto's one-shot hash where the host has the algorithm, else the portable kernel of the
// build without threads. The usual run of the command (a few files, or a tree of source files)
// then starts no pool: no Worker, no threaded WebAssembly module, no copy into a heap. Measured
// on 1,000 files of 1–64 KiB (issue 19's row 6), this took the command from 0.42 s to ~0.3 s;
// Node alone starts in 0.11 s.
//
// A command may block where a library may not, but the loop still turns every TURN_MS, so the
// output drains, the progress line redraws and Ctrl-C is answered while thousands go by.
// Loaded when a run hashes, not for --version or --help (js/cli/main.js, js/cli/check.js).
const fs = require('node:fs');
const { ROWS } = require('./formats');
const { nodePlatform } = require('../load/node');
const { HashParams } = require('../args/hash-params');
const { hashSyncApi, SYNC_MAX_BYTES } = require('../api/hash-sync');

// hashSync's own bound: larger files go to the pool.
const SYNC_FILE = SYNC_MAX_BYTES;
// hashSync without the rest of the API (loaded only when a pool is needed).
const { hashSync } = hashSyncApi(nodePlatform, new HashParams(ROWS));

const TURN_MS = 10;
// O_NONBLOCK: a name that turned into a FIFO since it was looked at must not hold the open.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

class SmallFiles {
  #scratch = null; // one buffer for every file: they are hashed one at a time, before the next read
  #since = performance.now();
  #failed = false;

  // The digest of `file` when it is a regular file of at most SYNC_FILE bytes, as
  // hashSync(algorithm, bytes, call) gives it; undefined, having hashed nothing, when it is
  // anything else or cannot be read here: the caller then takes the pool's path, which reads
  // what is not small as a stream and reports fs's errors as it always did.
  // A digest longer than SYNC_FILE (BLAKE3, SHAKE: -l up to 128 Mibit) is refused by hashSync,
  // and a build without threads that cannot start here fails every call: both are left to the
  // pool too, the latter for the rest of the run.
  // @param known the caller stat()ed it already: a regular file of at most SYNC_FILE bytes.
  // @param onBytes(n) told the bytes read.
  digest(file, algorithm, call, known = false, onBytes = undefined) {
    if (this.#failed || (call.outputLength ?? 0) > SYNC_FILE) return undefined;
    if (!known && !SmallFiles.#isSmall(file)) return undefined;
    const length = this.#read(file);
    if (length === undefined) return undefined;
    let digest;
    try {
      digest = hashSync(algorithm, this.#scratch.subarray(0, length), call);
    } catch {
      this.#failed = true;
      return undefined;
    }
    onBytes?.(length);
    return digest;
  }

  // Lets the loop turn once this turn's synchronous work has run TURN_MS.
  async turn() {
    if (performance.now() - this.#since < TURN_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.#since = performance.now();
  }

  static #isSmall(file) {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() && stat.size <= SYNC_FILE;
    } catch {
      return false;
    }
  }

  // @return the file's length, read into the scratch buffer; undefined when it could not be
  // read, is no regular file or holds more than SYNC_FILE bytes by now.
  #read(file) {
    this.#scratch ??= Buffer.allocUnsafe(SYNC_FILE + 1);
    const scratch = this.#scratch;
    let fd;
    let length = 0;
    try {
      fd = fs.openSync(file, OPEN_FLAGS);
      // What was opened, not what the name was when looked at: a FIFO reads as empty here.
      const opened = fs.fstatSync(fd);
      if (!opened.isFile() || opened.size > SYNC_FILE) return undefined;
      for (let got; length < scratch.length; length += got) {
        got = fs.readSync(fd, scratch, length, scratch.length - length, null);
        if (got === 0) break;
      }
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    return length <= SYNC_FILE ? length : undefined;
  }
}

module.exports = { SmallFiles, SYNC_FILE };
