'use strict';
// hashSync(algorithm, data, options) and what a hasher's digestSync() runs: a small hash on the
// calling thread, returned, not promised, for code that cannot await (a cache key, an ETag, a
// ported `createHash(a).update(x).digest('hex')`).
//
// The event loop stays the product: a synchronous call hashes at most SYNC_MAX_BYTES (and asks
// for at most that many digest bytes), and refuses more with ERR_PARAHASH_SYNC_TOO_LARGE before
// it reads a byte, pointing to the async call. 64 KiB is the bound the async calls already
// treat as small (js/engine/small-calls.js COALESCE_BYTES, js/api/hasher.js SMALL); the slowest
// portable kernel, SHA3-512, hashes it in 0.32 ms once optimised (measured here, December 2026).
//
// Where it runs: js/engine/sync-hash.js (node:crypto where it has the algorithm, else the
// portable WebAssembly kernel of the build without threads, started synchronously on first
// need: js/load/node-sync.js). It needs no pool, so it works before anything was awaited.

const { codes, parahashError, unsupported } = require('../args/errors');
const { checkEncoding } = require('../args/encoding');
const { readOptions, KNOWN } = require('../args/options');
const { toBytes } = require('../args/input');
const { SyncHasher, hostGives } = require('../engine/sync-hash');

const SYNC_MAX_BYTES = 64 * 1024;
// hash()'s options but those that only an asynchronous call has.
const SYNC_OPTIONS = new Set([...KNOWN.hash].filter((name) => name !== 'signal' && name !== 'timeout'));

const tooLarge = (what, bytes, asyncCall) => parahashError(codes.SYNC_TOO_LARGE,
  `${what} is ${bytes} bytes; a synchronous hash takes at most ${SYNC_MAX_BYTES} (64 KiB), ` +
  `so that it never holds the event loop: use ${asyncCall} instead`, { Base: RangeError });

// Two synchronous hashers per platform (with the host where it is wanted, and without),
// shared by every pool and the top-level functions.
const hashers = new WeakMap();
function syncHasherOf(platform, useHost = true) {
  let pair = hashers.get(platform);
  if (pair === undefined) {
    const module = () => {
      if (typeof platform.syncModule !== 'function') {
        throw unsupported('A synchronous hash of this algorithm needs the portable kernel on this thread, which ' +
          'this platform cannot start synchronously (browsers): use await hash()');
      }
      return platform.syncModule();
    };
    hashers.set(platform, (pair = [new SyncHasher(module, platform, false), new SyncHasher(module, platform, true)]));
  }
  return pair[useHost ? 1 : 0];
}

// The bytes of a synchronous call's data, refused past the bound before a string is encoded
// (its UTF-8 is at least as many bytes as it has UTF-16 units).
function syncBytes(data, what, asyncCall) {
  if (typeof data === 'string' && data.length > SYNC_MAX_BYTES) throw tooLarge(what, `at least ${data.length}`, asyncCall);
  const bytes = toBytes(data, 'data');
  if (bytes.byteLength > SYNC_MAX_BYTES) throw tooLarge(what, bytes.byteLength, asyncCall);
  return bytes;
}

// @param hashParams js/args/hash-params.js over the kernels' rows. @return { hashSync }.
function hashSyncApi(platform, hashParams) {
  return {
    // @return the digest: a Buffer in Node, or a string when options.encoding is set.
    // @throws as hash() rejects (ERR_PARAHASH_UNKNOWN_ALGORITHM, _INVALID_ARG), and
    // ERR_PARAHASH_SYNC_TOO_LARGE for data or an outputLength over SYNC_MAX_BYTES.
    hashSync(algorithm, data, options) {
      const kernel = hashParams.resolve(algorithm);
      const o = readOptions(options, SYNC_OPTIONS, 'hashSync');
      const encoding = checkEncoding(o.encoding);
      const params = hashParams.params(kernel, o);
      if (params.outputLength > SYNC_MAX_BYTES) throw tooLarge('options.outputLength', params.outputLength, 'await hash()');
      const bytes = syncBytes(data, 'The data', 'await hash()');
      return syncHasherOf(platform).hash(kernel, hashParams.row(kernel), params, bytes, encoding);
    },
  };
}

// What a hasher's digestSync() runs over the bytes it gathered (at most SYNC_MAX_BYTES, which
// the hasher checks): the session's kernel, parameters and HMAC key (or undefined).
// hosted() → may node:crypto run it (a pool's own choice, pool.backends: false for a pool made
// with hostCrypto: false); asked at the digest, as the pool's choice may change until then.
function digestSyncOf(platform, row, kernel, params, key, hosted = () => true) {
  return (bytes, encoding) => {
    // A key is hashed first when longer than the block; one past the bound is refused like data.
    if (key !== undefined && (key.bytes === null || key.length > SYNC_MAX_BYTES)) throw tooLarge('The key', key.length, 'await digest()');
    if (params.outputLength > SYNC_MAX_BYTES) throw tooLarge('The digest', params.outputLength, 'await digest()');
    const hasher = syncHasherOf(platform, hosted());
    return key === undefined ? hasher.hash(kernel, row, params, bytes, encoding)
      : hasher.hmac(kernel, row, key.bytes, bytes, encoding);
  };
}

module.exports = { hashSyncApi, digestSyncOf, syncBytes, tooLarge, SYNC_MAX_BYTES, hostGives };
