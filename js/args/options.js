'use strict';
// Reading an options object safely and strictly. An option set to undefined or null is as if
// left out (configs often carry nulls). Only own, enumerable properties count, so
// `Object.prototype.encoding = 'latin1'` (prototype pollution) cannot slip an option in; a name
// the method does not know is refused, so a typo (`{ memory: 1024 }` for memoryCost) never runs
// silently with the defaults; and whatever a getter or a Proxy trap throws, or a revoked Proxy,
// becomes ERR_PARAHASH_INVALID_ARG with the original as `cause`.

const { invalidArg } = require('./errors');
const { describe } = require('./input');

const NONE = Object.freeze(Object.create(null));

// @return a null-prototype object holding the options of `known` (a Set of names) that
// `options` sets to something other than undefined or null. `what` names the method.
// `refused` (a Set): names also read, so that the method can refuse them with a message that
// says why (argon2Hash's salt); an unknown name's message lists `known` only.
function readOptions(options, known, what, refused = undefined) {
  if (options === undefined || options === null) return NONE;
  if (typeof options !== 'object') {
    throw invalidArg(`The "options" argument of ${what} must be an object; received ${describe(options)}`);
  }
  const out = Object.create(null);
  let keys;
  try {
    keys = Reflect.ownKeys(options);
  } catch (error) {
    throw invalidArg(`The "options" argument of ${what} could not be read`, error);
  }
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    let value;
    try {
      const descriptor = Reflect.getOwnPropertyDescriptor(options, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      if (!known.has(key) && !refused?.has(key)) {
        throw invalidArg(`${what} does not take options.${key}; it takes ${[...known].join(', ')}`);
      }
      value = 'value' in descriptor ? descriptor.value : options[key];
    } catch (error) {
      if (error?.code === 'ERR_PARAHASH_INVALID_ARG') throw error;
      throw invalidArg(`options.${key} of ${what} could not be read`, error);
    }
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

// The options every call takes, and those of each family of methods.
const CALL = ['encoding', 'signal', 'timeout'];
const HASH = [...CALL, 'outputLength', 'key', 'seed', 'context'];
const ARGON2 = [...CALL, 'memoryCost', 'timeCost', 'parallelism', 'hashLength', 'secret', 'associatedData', 'onProgress'];

const names = (...lists) => new Set(lists.flat());

const KNOWN = Object.freeze({
  pool: names(['threads', 'maxQueue', 'maxInputLength', 'locateFile', 'hostCrypto']),
  hash: names(HASH),
  hashMany: names(HASH),
  hmac: names(CALL),
  createHash: names(HASH.filter((n) => n !== 'encoding')),
  createHmac: names(['signal', 'timeout']),
  copy: names(['outputLength']),
  hashStream: names(HASH, ['onProgress', 'bytesTotal']),
  hashFile: names(HASH, ['onProgress']),
  hashFiles: names(HASH, ['onProgress', 'concurrency']),
  pbkdf2: names(CALL),
  scrypt: names(CALL, ['N', 'cost', 'r', 'blockSize', 'p', 'parallelization', 'maxmem']),
  argon2: names(ARGON2),
  argon2Hash: names(ARGON2.filter((n) => n !== 'encoding'), ['type', 'saltLength']),
  argon2Verify: names(['secret', 'signal', 'timeout', 'onProgress']),
});

module.exports = { readOptions, KNOWN, NONE };
