'use strict';
// Every asynchronous method of a Pool, declared once: its name, its arguments before the
// optional callback, where its options are and how they are read, and prepare(core, args, o,
// encoding), which checks the other arguments synchronously and returns run(signal), the work.
// js/api/pool.js turns each entry into a method through one path (options read once, encoding
// checked, timeout made a signal, callback form, accounting); the default pool's top-level
// functions, the types and the bad-input matrix are checked against this list by
// tests/js/facade.test.js.
//
// `core` is the pool's inside (js/api/pool.js #core): resolve, hmacKernel, input, params, session,
// plan, argon2Tag, result, turn, track, trackAsync, platform, settings, kernels, threads.

const { invalidArg } = require('../args/errors');
const { InputList, describe, hmacKeyInput } = require('../args/input');
const { checkSource, readerOf, announcedLength } = require('./sources');
const { hashSource, hashFile, hashFiles, checkPath, noFiles } = require('./stream-calls');
const { checkArgon2 } = require('../kdf/argon2-options');
const { checkPbkdf2, checkScrypt } = require('../kdf/kdf-options');
const { formatPhc, parsePhc, randomSalt, constantTimeEqual, checkHashOptions, checkVerifyOptions } = require('../kdf/phc');
const { checkListener, integerOption } = require('../args/checks');

// hashMany validates this many inputs per turn of the loop, so 100,000 never hold it.
const VALIDATE_PER_TURN = 2048;

// An input of a derivation as the backend takes it: its bytes, its length now, its name.
const inputOf = (bytes, name) => ({ bytes, length: bytes.byteLength, name });

// An entry reads as what it sets and nothing else: `readOptions`, `options` and `nodeOnly` are
// optional, and a polluted Object.prototype must not lend them.
// `what` names the method in messages, made once rather than per call.
const method = (entry) => Object.freeze(Object.assign(Object.create(null), { what: `pool.${entry.name}` }, entry));

const argon2 = (type) => method({
  name: type,
  arity: 3,
  optionsAt: 2,
  options: 'argon2',
  prepare(core, [password, salt], o, encoding) {
    const checked = checkArgon2(password, salt, o);
    return async (signal) => core.result(await core.argon2Tag(type, checked, signal, o.onProgress), encoding);
  },
});

const METHODS = Object.freeze([
  method({
    name: 'hash',
    arity: 3,
    optionsAt: 2,
    prepare(core, [algorithm, data], o, encoding) {
      const kernel = core.resolve(algorithm);
      const input = core.input(data, 'data');
      const params = core.params(kernel, o);
      return (signal) => core.track(signal, (end) => core.backend.hash(kernel, input, params, signal, encoding, end));
    },
  }),
  method({
    // HMAC (RFC 2104) with any fixed-length cryptographic algorithm; a key longer than the
    // algorithm's block is hashed first, streamed like any input.
    name: 'hmac',
    arity: 4,
    optionsAt: 3,
    prepare(core, [algorithm, key, data], o, encoding) {
      const kernel = core.hmacKernel(algorithm);
      const keyInput = hmacKeyInput(key);
      const input = core.input(data, 'data');
      return (signal) => core.track(signal, (end) => core.backend.hmac(kernel, keyInput, input, signal, encoding, end));
    },
  }),
  method({
    // One crossing into the engine per batch of small inputs, spread over all threads; the
    // inputs are validated VALIDATE_PER_TURN at a time, a slice per turn of the loop.
    name: 'hashMany',
    arity: 3,
    optionsAt: 2,
    prepare(core, [algorithm, inputs], o, encoding) {
      const kernel = core.resolve(algorithm);
      const length = arrayLength(inputs);
      const params = core.params(kernel, o);
      return (signal) => core.trackAsync(signal, async () => {
        const items = new InputList(length, 'inputs', core.settings.maxInputLength);
        for (let i = 0; i < length; i++) {
          if (i > 0 && i % VALIDATE_PER_TURN === 0) await core.turn(signal);
          items.set(i, readElement(inputs, i, 'inputs'));
        }
        return core.backend.hashMany(kernel, items, params, signal, encoding);
      });
    },
  }),
  method({
    // A Node Readable, a web ReadableStream, or an (async) iterable of bytes or strings. A
    // source that errors rejects with its own error, unchanged.
    name: 'hashStream',
    arity: 3,
    optionsAt: 2,
    prepare(core, [source, algorithm], o, encoding) {
      const kernel = core.resolve(algorithm);
      const params = core.params(kernel, o);
      const onProgress = checkListener(o.onProgress, 'options.onProgress');
      const bytesTotal = o.bytesTotal === undefined ? announcedLength(source)
        : integerOption(o.bytesTotal, 'options.bytesTotal', 0, Number.MAX_SAFE_INTEGER);
      checkSource(source);
      return (signal) => core.trackAsync(signal, () =>
        hashSource(core.session(kernel, params, undefined, signal), readerOf(source),
          { signal, encoding, onProgress, bytesTotal, maxLength: core.settings.maxInputLength }));
    },
  }),
  method({
    // One file (Node only), read a chunk at a time straight into the engine's heap. fs's errors
    // come through unchanged (ENOENT, EISDIR, EACCES).
    name: 'hashFile',
    arity: 3,
    optionsAt: 2,
    nodeOnly: true,
    prepare(core, [path, algorithm], o, encoding) {
      if (core.platform.openFile === undefined) throw noFiles();
      const kernel = core.resolve(algorithm);
      const file = checkPath(path, 'path');
      const params = core.params(kernel, o);
      const onProgress = checkListener(o.onProgress, 'options.onProgress');
      return (signal) => core.trackAsync(signal, () =>
        hashFile(core.session(kernel, params, undefined, signal), core.platform.openFile, file,
          { signal, encoding, onProgress, maxLength: core.settings.maxInputLength }));
    },
  }),
  method({
    // Many files (Node only), `concurrency` at a time, each on its own engine stream. One file's
    // failure is its entry's error, never the call's.
    name: 'hashFiles',
    arity: 3,
    optionsAt: 2,
    nodeOnly: true,
    prepare(core, [paths, algorithm], o, encoding) {
      if (core.platform.openFile === undefined) throw noFiles();
      const kernel = core.resolve(algorithm);
      const length = arrayLength(paths, 'paths');
      const files = new Array(length);
      for (let i = 0; i < length; i++) files[i] = checkPath(readElement(paths, i, 'paths'), `paths[${i}]`);
      const params = core.params(kernel, o);
      const onProgress = checkListener(o.onProgress, 'options.onProgress');
      // Measured on 2 threads: 8 at once is 1.3× faster than 2, and 32 only 1.16× faster than 8
      // for 20% more memory.
      const concurrency = integerOption(o.concurrency ?? Math.min(32, Math.max(4, 4 * core.threads)), 'options.concurrency', 1, 4096);
      return (signal) => core.trackAsync(signal, () =>
        hashFiles(core.session(kernel, params, undefined, signal), core.platform, files,
          { signal, encoding, onProgress, concurrency, maxLength: core.settings.maxInputLength }));
    },
  }),
  method({
    // PBKDF2 (RFC 8018), crypto.pbkdf2's argument order and ranges; several output blocks run
    // on several threads.
    name: 'pbkdf2',
    arity: 6,
    optionsAt: 5,
    prepare(core, [password, salt, iterations, keylen, digest], o, encoding) {
      const p = checkPbkdf2(password, salt, iterations, keylen, digest);
      const kernel = core.resolve(p.digest);
      if (core.kernels[kernel].kind !== 'hash') {
        throw invalidArg(`${core.kernels[kernel].name} cannot be PBKDF2's digest; it needs a fixed-length cryptographic hash`);
      }
      const plan = core.plan('pbkdf2', { digest: kernel, iterations: p.iterations }, [inputOf(p.password, 'password'), inputOf(p.salt, 'salt')], p.keylen);
      return (signal) => core.trackAsync(signal, async () => core.result(await core.backend.derive(plan, signal), encoding));
    },
  }),
  method({
    // scrypt (RFC 7914) with crypto.scrypt's options and limits; the p mixes run on different
    // threads, as many at once as maxmem has room for (src/kdf/scrypt.hpp).
    name: 'scrypt',
    arity: 4,
    optionsAt: 3,
    prepare(core, [password, salt, keylen], o, encoding) {
      const s = checkScrypt(password, salt, keylen, o);
      const plan = core.plan('scrypt', { N: s.N, r: s.r, p: s.p, maxmem: s.maxmem }, [inputOf(s.password, 'password'), inputOf(s.salt, 'salt')], s.keylen);
      return (signal) => core.trackAsync(signal, async () => core.result(await core.backend.derive(plan, signal), encoding));
    },
  }),
  argon2('argon2id'),
  argon2('argon2i'),
  argon2('argon2d'),
  method({
    // Argon2 with a fresh random salt, as a PHC string.
    name: 'argon2Hash',
    arity: 2,
    optionsAt: 1,
    readOptions: (raw) => {
      const { type, saltLength, argon2Options } = checkHashOptions(raw);
      return Object.assign(argon2Options, { type, saltLength });
    },
    prepare(core, [password], o) {
      const checked = checkArgon2(password, randomSalt(o.saltLength), o);
      return async (signal) => formatPhc({ type: o.type, ...checked, hash: await core.argon2Tag(o.type, checked, signal, o.onProgress) });
    },
  }),
  method({
    // Does `password` match the PHC string? The tags are compared in constant time.
    name: 'argon2Verify',
    arity: 3,
    optionsAt: 2,
    readOptions: checkVerifyOptions,
    prepare(core, [phc, password], o) {
      // A stored string that does not parse is a failure of the data, not a wrong argument type:
      // in callback form it reaches the callback (as the argon2 package's verify rejects), so
      // only a non-string phc throws at once.
      if (typeof phc !== 'string') parsePhc(phc);
      let parsed;
      try {
        parsed = parsePhc(phc);
      } catch (error) {
        return () => Promise.reject(error);
      }
      const { type, memoryCost, timeCost, parallelism, associatedData, salt, hash } = parsed;
      const checked = checkArgon2(password, salt,
        { memoryCost, timeCost, parallelism, hashLength: hash.byteLength, associatedData, secret: o.secret, onProgress: o.onProgress });
      return async (signal) => {
        const tag = await core.argon2Tag(type, checked, signal, o.onProgress);
        try {
          return constantTimeEqual(tag, hash);
        } finally {
          tag.fill(0);
        }
      };
    },
  }),
]);

// inputs[i], or ERR_PARAHASH_INVALID_ARG when a getter or Proxy trap throws.
function readElement(array, i, name) {
  try {
    return array[i];
  } catch (error) {
    throw invalidArg(`${name}[${i}] could not be read`, error);
  }
}

// An array argument must be a real array (a Proxy of one too); its length is read once.
function arrayLength(inputs, name = 'inputs') {
  let length;
  try {
    length = Array.isArray(inputs) ? inputs.length : -1;
  } catch (error) {
    throw invalidArg(`The "${name}" argument could not be read (a revoked Proxy?)`, error);
  }
  if (length < 0) throw invalidArg(`The "${name}" argument must be an array; received ${describe(inputs)}`);
  return length;
}

module.exports = { METHODS, inputOf };
