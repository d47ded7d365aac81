'use strict';
// Picks the pool the command hashes with. Small work (the usual one small file) runs on the module
// built without threads, on this thread: no Worker is started, which is most of a pool's
// start-up (README "The parahash command"). Anything larger gets the threaded pool.
//
// The API and the engine's JS are loaded here, when a pool is first needed, not when the command
// starts: `--version`, `--help` and a usage error need none of them, and loading them was 45 ms
// of the command's 65 ms of start-up beyond Node's own (issue 19's start-up row).
const fs = require('node:fs');
const path = require('node:path');
const url = require('node:url');

const DIST = path.join(__dirname, '..', '..', 'dist');
// Up to this many bytes in all, one thread is done before threads would have started.
const SMALL_WORK = 32 * 1024 * 1024;

async function inlinePool() {
  const { createPoolWith } = require('../api/pool');
  const { nodePlatform } = require('../load/node');
  const glue = url.pathToFileURL(path.join(DIST, 'browser', 'parahash-single.mjs')).href;
  const { default: factory } = await import(glue);
  const wasmBinary = fs.readFileSync(path.join(DIST, 'browser', 'parahash-single.wasm'));
  const platform = {
    ...nodePlatform,
    threaded: false,
    defaultThreads: () => 1,
    instantiate: ({ onAbort }) => factory({ wasmBinary, onAbort, print: () => {}, printErr: () => {} }),
    terminate() {},
    refWorkers() {},
  };
  return createPoolWith(platform, { threads: 1 });
}

// @param bytes what is known of the work's size (Infinity for stdin or unknown)
function poolFor(bytes, threads) {
  if (threads === undefined && bytes <= SMALL_WORK) return inlinePool();
  const { createPool } = require('../index');
  return createPool(threads === undefined ? undefined : { threads });
}

// The run's pool, made when a file first needs one (small files alone never do:
// js/cli/small-files.js). A pool that fails to start fails the run once, with its own message, as
// when the pool was made before any file: `failure` is that error, which the files that waited
// for the pool were rejected with, so their lines can leave it to the run.
class LazyPool {
  #bytes;
  #threads;
  #starting = null;
  failure = undefined;

  constructor(bytes, threads) {
    this.#bytes = bytes;
    this.#threads = threads;
  }

  get() {
    this.#starting ??= poolFor(this.#bytes, this.#threads).catch((error) => {
      this.failure = error;
      throw error;
    });
    return this.#starting;
  }

  async close() {
    await this.#starting?.then((pool) => pool.close(), () => {});
  }
}

module.exports = { poolFor, LazyPool, SMALL_WORK };
