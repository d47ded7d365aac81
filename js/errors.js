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
  POOL_CLOSED: 'ERR_PARAHASH_POOL_CLOSED',
  POOL_CRASHED: 'ERR_PARAHASH_POOL_CRASHED',
  INTERNAL: 'ERR_PARAHASH_INTERNAL',
});

// An Error (or TypeError/RangeError, as Node's own APIs use them) with a stable `code`,
// shown Node-style as "Error [ERR_PARAHASH_…]: message".
function parahashError(code, message, { Base = Error, cause } = {}) {
  const err = cause === undefined ? new Base(message) : new Base(message, { cause });
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  err.name = `${Base.name} [${code}]`;
  // After the stack has captured the bracketed name, restore the plain one (Node does the same).
  void err.stack;
  err.name = Base.name;
  return err;
}

const invalidArg = (message) => parahashError(codes.INVALID_ARG, message, { Base: TypeError });
const outOfRange = (message) => parahashError(codes.INVALID_ARG, message, { Base: RangeError });

module.exports = { codes, parahashError, invalidArg, outOfRange };
