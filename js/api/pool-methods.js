'use strict';
// Every asynchronous method of a Pool, declared once: its name, its arguments before the
// optional callback, where its options are and how they are read, and two steps:
// - check(core, args) checks the arguments before the options, synchronously, in the order
//   node:crypto checks them (algorithm, then data), and returns what start needs;
// - start(core, checked, o, encoding, signal) checks what depends on the options and starts
//   the work under `signal` (the call's, or its timeout's).
// js/api/pool.js turns each entry into a method through one path (arguments, then options read
// once, encoding, signal and timeout, callback form, accounting); the default pool's top-level
// functions, the types and the bad-input matrix are checked against this list by
// tests/js/facade.test.js. No step returns a closure per call: hash() is the call made by the
// hundred thousand.
//
// `core` is the pool's inside (js/api/pool.js #core): resolve, hmacKernel, input, params,
// session, plan, argon2Tag, result, turn, begin, after, end, failed, trackAsync, backend,
// platform, settings, kernels, threads.

const { invalidArg, unsupported } = require('../args/errors');
const { InputList, describe, hmacKeyInput, toBytes } = require('../args/input');
const { checkSource, readerOf, announcedLength } = require('./sources');
const { hashSource, hashFile, hashFiles, checkPath, noFiles } = require('./stream-calls');
const { checkArgon2 } = require('../kdf/argon2-options');
const { checkPbkdf2, checkScrypt } = require('../kdf/kdf-options');
const { formatPhc, parsePhc, randomSalt, constantTimeEqual, checkHashOptions, checkVerifyOptions } = require('../kdf/phc');
const { checkListener, integerOption } = require('../args/checks');
const { parseBcrypt, formatBcrypt, sameString, checkBcryptHashOptions, checkBcryptVerifyOptions, VARIANTS, SALT_BYTES, HASH_BYTES } = require('../kdf/bcrypt');
const { readOptions } = require('../args/options');
const { checkDirectoryCall, hashDirectory, DIRECTORY_OPTIONS } = require('./hash-directory');

// hashMany validates this many inputs per turn of the loop, so 100,000 never hold it.
const VALIDATE_PER_TURN = 2048;

// An input of a derivation as the backend takes it: its bytes, its length now, its name.
const inputOf = (bytes, name) => ({ bytes, length: bytes.byteLength, name });

// An entry reads as what it sets and nothing else: `readOptions` and `options` are optional,
// and a polluted Object.prototype must not lend them.
// `what` names the method in messages, made once rather than per call.
const method = (entry) => Object.freeze(Object.assign(Object.create(null), { what: `pool.${entry.name}` }, entry));

// The longest password Argon2 takes: the password's range in the engine's argon2 rows
// (src/kdf/kdfs.def; argon2d, argon2i and argon2id share it), so that no limit is written twice.
function longestPassword(core) {
  const row = core.backend.kdfs.find((kdf) => kdf.name === 'argon2id');
  return row.inputs.find((input) => input.label === 'password').max;
}

// For methods whose arguments all depend on the options (scrypt's and Argon2's checks read
// both): start checks them.
const asGiven = (core, args) => args;

const argon2 = (type) => method({
  name: type,
  arity: 3,
  optionsAt: 2,
  options: 'argon2',
  check: asGiven,
  start(core, [password, salt], o, encoding, signal) {
    const checked = checkArgon2(password, salt, o);
    // core.argon2Tag admits and counts the call itself.
    return core.argon2Tag(type, checked, signal, o.onProgress).then((tag) => core.result(tag, encoding));
  },
});

// The backend's hash(kernel, input, params, …) or hmac(kernel, key, input, …) as one call of
// the pool: admitted and counted, answered inline or settled by the engine. No closure per
// call: these are the calls made by the hundred thousand.
function answered(core, op, kernel, first, second, encoding, signal) {
  core.begin(signal);
  let result;
  try {
    result = core.backend[op](kernel, first, second, signal, encoding, core.end);
  } catch (error) {
    core.failed(error);
    throw error;
  }
  return core.after(result);
}

// A KDF's result: derived by the engine, then encoded.
const derived = (core, plan, encoding, signal) =>
  core.trackAsync(signal, async () => core.result(await core.backend.derive(plan, signal), encoding));

const METHODS = Object.freeze([
  method({
    name: 'hash',
    arity: 3,
    optionsAt: 2,
    check: (core, [algorithm, data]) => ({ kernel: core.resolve(algorithm), input: core.input(data, 'data') }),
    start: (core, { kernel, input }, o, encoding, signal) =>
      answered(core, 'hash', kernel, input, core.params(kernel, o), encoding, signal),
  }),
  method({
    // HMAC (RFC 2104) with any fixed-length cryptographic algorithm; a key longer than the
    // algorithm's block is hashed first, streamed like any input.
    name: 'hmac',
    arity: 4,
    optionsAt: 3,
    check: (core, [algorithm, key, data]) => ({ kernel: core.hmacKernel(algorithm), key: hmacKeyInput(key), input: core.input(data, 'data') }),
    start: (core, { kernel, key, input }, o, encoding, signal) => answered(core, 'hmac', kernel, key, input, encoding, signal),
  }),
  method({
    // One crossing into the engine per batch of small inputs, spread over all threads; the
    // inputs are validated VALIDATE_PER_TURN at a time, a slice per turn of the loop.
    name: 'hashMany',
    arity: 3,
    optionsAt: 2,
    check: (core, [algorithm, inputs]) => ({ kernel: core.resolve(algorithm), inputs, length: arrayLength(inputs) }),
    start(core, { kernel, inputs, length }, o, encoding, signal) {
      const params = core.params(kernel, o);
      return core.trackAsync(signal, async () => {
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
    check: (core, [source, algorithm]) => ({ source, kernel: core.resolve(algorithm) }),
    start(core, { source, kernel }, o, encoding, signal) {
      const params = core.params(kernel, o);
      const onProgress = checkListener(o.onProgress, 'options.onProgress');
      const bytesTotal = o.bytesTotal === undefined ? announcedLength(source)
        : integerOption(o.bytesTotal, 'options.bytesTotal', 0, Number.MAX_SAFE_INTEGER);
      checkSource(source);
      return core.trackAsync(signal, () =>
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
    check(core, [path, algorithm]) {
      if (core.platform.openFile === undefined) throw noFiles();
      return { kernel: core.resolve(algorithm), file: checkPath(path, 'path') };
    },
    start(core, { kernel, file }, o, encoding, signal) {
      const params = core.params(kernel, o);
      const onProgress = checkListener(o.onProgress, 'options.onProgress');
      return core.trackAsync(signal, () =>
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
    check(core, [paths, algorithm]) {
      if (core.platform.openFile === undefined) throw noFiles();
      const kernel = core.resolve(algorithm);
      const length = arrayLength(paths, 'paths');
      const files = new Array(length);
      for (let i = 0; i < length; i++) files[i] = checkPath(readElement(paths, i, 'paths'), `paths[${i}]`);
      return { kernel, files };
    },
    start(core, { kernel, files }, o, encoding, signal) {
      const params = core.params(kernel, o);
      const onProgress = checkListener(o.onProgress, 'options.onProgress');
      // Measured on 2 threads: 8 at once is 1.3× faster than 2, and 32 only 1.16× faster than 8
      // for 20% more memory.
      const concurrency = integerOption(o.concurrency ?? Math.min(32, Math.max(4, 4 * core.threads)), 'options.concurrency', 1, 4096);
      return core.trackAsync(signal, () =>
        hashFiles(core.session(kernel, params, undefined, signal), core.platform, files,
          { signal, encoding, onProgress, concurrency, maxLength: core.settings.maxInputLength }));
    },
  }),
  method({
    // Every file under a directory, with the command's -r rules (js/load/node-walk.js): entries in
    // byte order, { path, digest } or { path, error }; see js/api/hash-directory.js.
    name: 'hashDirectory',
    arity: 3,
    optionsAt: 2,
    readOptions: (raw) => readOptions(raw, DIRECTORY_OPTIONS, 'pool.hashDirectory'),
    check: (core, [root, algorithm, options]) => ({ kernel: core.resolve(algorithm),
      ...checkDirectoryCall(core.platform, root, options, core.threads, 'pool.hashDirectory') }),
    start(core, { kernel, root, o }, _options, encoding, signal) {
      const params = core.params(kernel, o.hashOptions);
      const sessionFor = (s) => core.session(kernel, params, undefined, s);
      // The framework applied the timeout already (signal is its deadline's): not twice.
      return core.trackAsync(signal, () => hashDirectory(sessionFor, core.platform, root, encoding,
        { ...o, signal, timeout: undefined, maxLength: core.settings.maxInputLength }));
    },
  }),
  method({
    // PBKDF2 (RFC 8018), crypto.pbkdf2's argument order and ranges; several output blocks run
    // on several threads.
    name: 'pbkdf2',
    arity: 6,
    optionsAt: 5,
    check(core, [password, salt, iterations, keylen, digest]) {
      const p = checkPbkdf2(password, salt, iterations, keylen, digest);
      const kernel = core.resolve(p.digest);
      if (core.kernels[kernel].kind !== 'hash') {
        throw invalidArg(`${core.kernels[kernel].name} cannot be PBKDF2's digest; it needs a fixed-length cryptographic hash`);
      }
      return core.plan('pbkdf2', { digest: kernel, iterations: p.iterations }, [inputOf(p.password, 'password'), inputOf(p.salt, 'salt')], p.keylen);
    },
    start: (core, plan, o, encoding, signal) => derived(core, plan, encoding, signal),
  }),
  method({
    // scrypt (RFC 7914) with crypto.scrypt's options and limits; the p mixes run on different
    // threads, as many at once as maxmem has room for (src/kdf/scrypt.hpp).
    name: 'scrypt',
    arity: 4,
    optionsAt: 3,
    check: asGiven,
    start(core, [password, salt, keylen], o, encoding, signal) {
      const s = checkScrypt(password, salt, keylen, o);
      const plan = core.plan('scrypt', { N: s.N, r: s.r, p: s.p, maxmem: s.maxmem }, [inputOf(s.password, 'password'), inputOf(s.salt, 'salt')], s.keylen);
      return derived(core, plan, encoding, signal);
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
    check: asGiven,
    start(core, [password], o, encoding, signal) {
      const checked = checkArgon2(password, randomSalt(o.saltLength), o);
      return core.argon2Tag(o.type, checked, signal, o.onProgress).then((hash) => formatPhc({ type: o.type, ...checked, hash }));
    },
  }),
  method({
    // Does `password` match the PHC string? The tags are compared in constant time.
    name: 'argon2Verify',
    arity: 3,
    optionsAt: 2,
    readOptions: checkVerifyOptions,
    check: (core, [phc, password]) => argon2VerifyCheck(core, phc, password),
    start: (core, checked, o, encoding, signal) => argon2VerifyStart(core, checked, o, signal),
  }),
  method({
    // bcrypt with a fresh random salt (or options.salt), as $2b$<cost>$<salt><hash>.
    name: 'bcryptHash',
    arity: 2,
    optionsAt: 1,
    readOptions: checkBcryptHashOptions,
    check: (core, [password]) => toBytes(password, 'password'),
    start(core, password, o, encoding, signal) {
      const salt = o.salt ?? randomSalt(SALT_BYTES);
      return bcryptTag(core, '2b', o.cost, password, salt, signal).then((hash) => {
        try {
          return formatBcrypt('2b', o.cost, salt, hash);
        } finally {
          hash.fill(0);
        }
      });
    },
  }),
  method({
    // Does `password` match the $2a$, $2b$ or $2y$ string? Compared in constant time.
    name: 'bcryptVerify',
    arity: 3,
    optionsAt: 2,
    readOptions: checkBcryptVerifyOptions,
    check: (core, [hash, password]) => bcryptVerifyCheck(hash, password),
    start: (core, checked, o, encoding, signal) => bcryptVerifyStart(core, checked, signal),
  }),
  method({
    // One verify for a store that mixes schemes: argon2Verify for $argon2id$, $argon2i$ and
    // $argon2d$, bcryptVerify for $2a$, $2b$ and $2y$; any other $scheme$ is
    // ERR_PARAHASH_UNSUPPORTED, and text that is no such string ERR_PARAHASH_INVALID_ARG, both
    // as rejections (failures of the stored data). options.secret is Argon2's (bcrypt has none,
    // so a bcrypt string ignores it, and one handler passes it for every row).
    name: 'verifyPassword',
    arity: 3,
    optionsAt: 2,
    readOptions: (raw) => {
      const o = readOptions(raw, VERIFY_PASSWORD_OPTIONS, 'pool.verifyPassword');
      // Checked whatever the string is, so that a bad option never waits for an Argon2 row.
      if (o.secret !== undefined) toBytes(o.secret, 'options.secret');
      checkListener(o.onProgress, 'options.onProgress');
      return Object.assign(Object.create(null), { secret: o.secret, signal: o.signal, timeout: o.timeout, onProgress: o.onProgress });
    },
    check(core, [stored, password]) {
      if (typeof stored !== 'string') throw invalidArg(`The "stored" argument must be a string; received ${describe(stored)}`);
      const scheme = /^\$([a-z0-9-]{1,32})\$/.exec(stored)?.[1];
      if (scheme === 'argon2id' || scheme === 'argon2i' || scheme === 'argon2d') return { argon2: argon2VerifyCheck(core, stored, password) };
      if (scheme === '2a' || scheme === '2b' || scheme === '2y' || scheme === '2x' || scheme === '2') {
        return { bcrypt: bcryptVerifyCheck(stored, password) };
      }
      toBytes(password, 'password');
      const refusal = scheme === undefined
        ? invalidArg(`Not a password hash: it must start with $argon2id$, $argon2i$, $argon2d$, $2a$, $2b$ or $2y$; received ${JSON.stringify(stored.slice(0, 12))}`)
        : unsupported(`verifyPassword knows $argon2id$, $argon2i$, $argon2d$, $2a$, $2b$ and $2y$; received a $${scheme}$ string`);
      return { refusal };
    },
    start(core, { argon2, bcrypt, refusal }, o, encoding, signal) {
      if (refusal !== undefined) return Promise.reject(refusal);
      if (argon2 !== undefined) return argon2VerifyStart(core, argon2, o, signal);
      return bcryptVerifyStart(core, bcrypt, signal);
    },
  }),
]);

const VERIFY_PASSWORD_OPTIONS = new Set(['secret', 'signal', 'timeout', 'onProgress']);

// argon2Verify's arguments. A stored string that does not parse is a failure of the data, not a
// wrong argument type: in callback form it reaches the callback (as the argon2 package's verify
// rejects). A non-string phc or password of the wrong type throws at once, and a password
// longer than Argon2 takes is refused before the string is looked at.
function argon2VerifyCheck(core, phc, password) {
  if (typeof phc !== 'string') parsePhc(phc);
  toBytes(password, 'password', longestPassword(core));
  // Every field set, so that none reads through a polluted Object.prototype.
  try {
    return { parsed: parsePhc(phc), malformed: undefined, password };
  } catch (error) {
    return { parsed: undefined, malformed: error, password };
  }
}

function argon2VerifyStart(core, { parsed, malformed, password }, o, signal) {
  if (malformed !== undefined) return Promise.reject(malformed);
  const { type, memoryCost, timeCost, parallelism, associatedData, salt, hash } = parsed;
  const checked = checkArgon2(password, salt,
    { memoryCost, timeCost, parallelism, hashLength: hash.byteLength, associatedData, secret: o.secret, onProgress: o.onProgress });
  return core.argon2Tag(type, checked, signal, o.onProgress).then((tag) => {
    try {
      return constantTimeEqual(tag, hash);
    } finally {
      tag.fill(0);
    }
  });
}

// The 23 bytes bcrypt keeps, derived on a thread (kdfs.def's bcrypt row).
function bcryptTag(core, prefix, cost, password, salt, signal) {
  const plan = core.plan('bcrypt', { cost, variant: VARIANTS[prefix] }, [inputOf(password, 'password'), inputOf(salt, 'salt')], HASH_BYTES);
  return core.trackAsync(signal, () => core.backend.derive(plan, signal));
}

// bcryptVerify's arguments, in argon2Verify's order of failures: a non-string hash or a password
// of the wrong type throws, a malformed string rejects.
function bcryptVerifyCheck(hash, password) {
  if (typeof hash !== 'string') parseBcrypt(hash);
  const bytes = toBytes(password, 'password');
  try {
    return { parsed: parseBcrypt(hash), malformed: undefined, password: bytes, stored: hash };
  } catch (error) {
    return { parsed: undefined, malformed: error, password: bytes, stored: hash };
  }
}

function bcryptVerifyStart(core, { parsed, malformed, password, stored }, signal) {
  if (malformed !== undefined) return Promise.reject(malformed);
  const { prefix, cost, salt } = parsed;
  return bcryptTag(core, prefix, cost, password, salt, signal).then((hash) => {
    try {
      return sameString(formatBcrypt(prefix, cost, salt, hash), stored);
    } finally {
      hash.fill(0);
    }
  });
}

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
