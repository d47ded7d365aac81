'use strict';
// Stable error codes (DESIGN.md "Errors and bad input"). Users branch on `err.code`, never on
// the message, so codes never change once published.

const codes = Object.freeze({
  UNKNOWN_ALGORITHM: 'ERR_PARAHASH_UNKNOWN_ALGORITHM',
  INVALID_ARG: 'ERR_PARAHASH_INVALID_ARG',
  INPUT_TOO_LARGE: 'ERR_PARAHASH_INPUT_TOO_LARGE',
  OUT_OF_MEMORY: 'ERR_PARAHASH_OUT_OF_MEMORY',
  QUEUE_FULL: 'ERR_PARAHASH_QUEUE_FULL',
  ABORTED: 'ERR_PARAHASH_ABORTED',
  TIMEOUT: 'ERR_PARAHASH_TIMEOUT',
  HASH_FINALIZED: 'ERR_PARAHASH_HASH_FINALIZED',
  UNSUPPORTED: 'ERR_PARAHASH_UNSUPPORTED',
  POOL_CLOSED: 'ERR_PARAHASH_POOL_CLOSED',
  POOL_CRASHED: 'ERR_PARAHASH_POOL_CRASHED',
  // A shipped file (the .wasm, a Worker script) could not be loaded: missing, blocked, or not
  // what it should be. The message names the file, the cause and the fix.
  LOAD_FAILED: 'ERR_PARAHASH_LOAD_FAILED',
  // hashSync() or digestSync() asked for more than the calling thread may hash at once (its
  // bound is SYNC_MAX_BYTES, js/api/hash-sync.js): the message names the async call to use.
  SYNC_TOO_LARGE: 'ERR_PARAHASH_SYNC_TOO_LARGE',
  // A failure inside the engine that no other code describes: a bug, never bad input.
  INTERNAL: 'ERR_PARAHASH_INTERNAL',
});

// What a code means, for errors whose message did not survive the trip from a worker.
const MEANING = Object.freeze({
  [codes.UNKNOWN_ALGORITHM]: 'unknown algorithm',
  [codes.INVALID_ARG]: 'invalid argument',
  [codes.INPUT_TOO_LARGE]: 'the input is too large',
  [codes.OUT_OF_MEMORY]: 'the WebAssembly heap is out of memory',
  [codes.QUEUE_FULL]: 'the queue is full',
  [codes.ABORTED]: 'the operation was aborted',
  [codes.TIMEOUT]: 'the operation timed out',
  [codes.POOL_CLOSED]: 'the pool is closed',
  [codes.SYNC_TOO_LARGE]: 'the input is too large to hash synchronously',
  [codes.LOAD_FAILED]: 'a shipped file could not be loaded',
  [codes.INTERNAL]: 'internal error in the engine',
});

// An Error (or TypeError/RangeError, as Node's own APIs use them) with a stable `code`,
// shown Node-style as "Error [ERR_PARAHASH_…]: message".
// `how` is read through own properties only: an application's polluted Object.prototype.Base
// or .cause must not change what an error is.
function parahashError(code, message, how = undefined) {
  const own = (key) => (how !== undefined && Object.hasOwn(how, key) ? how[key] : undefined);
  const Base = own('Base') ?? Error;
  const cause = own('cause');
  const name = own('name');
  const text = message || MEANING[code] || code;
  const err = cause === undefined ? new Base(text) : new Base(text, { cause });
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  const shownName = name ?? Base.name;
  err.name = `${shownName} [${code}]`;
  // After the stack has captured the bracketed name, restore the plain one (Node does the same).
  void err.stack;
  err.name = shownName;
  return err;
}

const invalidArg = (message, cause) => parahashError(codes.INVALID_ARG, message, { Base: TypeError, cause });
const outOfRange = (message) => parahashError(codes.INVALID_ARG, message, { Base: RangeError });
const outOfMemory = (message) => parahashError(codes.OUT_OF_MEMORY, message);
const unsupported = (message, cause) => parahashError(codes.UNSUPPORTED, message, { cause });
// Named AbortError, as Node's and the DOM's own aborts are; err.cause is the signal's reason.
// A timeout (js/args/signal.js deadline) aborts with its own ERR_PARAHASH_TIMEOUT error, which is
// what the call rejects with.
const abortError = (reason) => (reason instanceof Error && reason.code === codes.TIMEOUT ? reason
  : parahashError(codes.ABORTED, 'The operation was aborted', { cause: reason, name: 'AbortError' }));

module.exports = { codes, parahashError, invalidArg, outOfRange, outOfMemory, unsupported, abortError };
