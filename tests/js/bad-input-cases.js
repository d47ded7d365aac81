'use strict';
// The bad-input matrix's data: every public function, every argument position, every hostile
// value, and what each combination must do. Each later function joins by adding a row to
// FUNCTIONS (its good call and the kind of every position); nothing else changes.
const vm = require('node:vm');

const INVALID = 'ERR_PARAHASH_INVALID_ARG';
const type = [INVALID, 'TypeError'];
const range = [INVALID, 'RangeError'];
const ACCEPTED = 'accepted';
// bcrypt('pw') at cost 4, as the bcrypt package writes it.
const BCRYPT_PW = '$2b$04$CCCCCCCCCCCCCCCCCCCCC.31NqtHBKsxWbnyluzScP.pcWeG7T10u';

// Hostile values, made fresh for each use (some are used up: detached buffers, revoked proxies),
// with the facts the rules below need about each.
const HOSTILE = {
  'undefined': { make: () => undefined },
  'null': { make: () => null },
  'a number': { make: () => 42, integer: 42 },
  'NaN': { make: () => NaN },
  'Infinity': { make: () => Infinity },
  '-1': { make: () => -1, integer: -1 },
  '1.5': { make: () => 1.5 },
  '2^31': { make: () => 2 ** 31, integer: 2 ** 31 },
  '2^32': { make: () => 2 ** 32, integer: 2 ** 32 },
  '2^53': { make: () => 2 ** 53, integer: 2 ** 53 },
  'a bigint': { make: () => 10n },
  'a symbol': { make: () => Symbol('s') },
  'a boolean': { make: () => true },
  'a function': { make: () => () => {} },
  'an empty string': { make: () => '', bytes: 0 },
  'a string': { make: () => 'hostile', bytes: 7 },
  'a plain object': { make: () => ({}), noOptionNames: true },
  'an array of numbers': { make: () => [1, 2, 3] },
  'a sparse array': { make: () => [, 'b'] }, // eslint-disable-line no-sparse-arrays
  'a Proxy over an ArrayBuffer': { make: () => new Proxy(new ArrayBuffer(1 << 20), {}), noOptionNames: true },
  'a Proxy over a Uint8Array': { make: () => new Proxy(new Uint8Array(16), {}) },
  'a Proxy over a plain object': { make: () => new Proxy({}, {}), noOptionNames: true },
  'a revoked Proxy': {
    make: () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  },
  'a throwing Proxy': { make: () => new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } }) },
  'a spoofed ArrayBuffer tag': { make: () => ({ [Symbol.toStringTag]: 'ArrayBuffer', length: 3, 0: 1, 1: 2, 2: 3 }) },
  'a spoofed Uint8Array': { make: () => ({ [Symbol.toStringTag]: 'Uint8Array', buffer: new ArrayBuffer(8), byteLength: 8, byteOffset: 0 }) },
  'a length of 1e12': { make: () => ({ length: 1e12 }) },
  'a detached ArrayBuffer': {
    make: () => {
      const b = new ArrayBuffer(8);
      structuredClone(b, { transfer: [b] });
      return b;
    },
    noOptionNames: true,
  },
  'a view over a detached buffer': {
    make: () => {
      const b = new ArrayBuffer(8);
      const v = new Uint8Array(b);
      structuredClone(b, { transfer: [b] });
      return v;
    },
    noOptionNames: true,
  },
  'a DataView past a shrunk resizable buffer': {
    make: () => {
      const b = new ArrayBuffer(16, { maxByteLength: 16 });
      const v = new DataView(b, 8, 8);
      b.resize(4);
      return v;
    },
    noOptionNames: true,
  },
  'an object with a polluted prototype': { make: () => Object.create({ encoding: 'latin1', outputLength: 3, memoryCost: 8, N: 3 }), noOptionNames: true },
  'a cross-realm Uint8Array': { make: () => vm.runInNewContext('new Uint8Array([1, 2, 3])'), bytes: 3 },
  'a cross-realm ArrayBuffer': { make: () => vm.runInNewContext('new Uint8Array([1, 2, 3]).buffer'), bytes: 3, noOptionNames: true },
  'a SharedArrayBuffer': { make: () => new SharedArrayBuffer(5), bytes: 5, noOptionNames: true },
  'a DataView': { make: () => new DataView(new ArrayBuffer(12), 1, 10), bytes: 10, noOptionNames: true },
  'a Float64Array': { make: () => new Float64Array([1.5, 2.5]), bytes: 16 },
  'a subclassed Uint8Array': {
    make: () => new (class Evil extends Uint8Array {
      get byteLength() { return 1e12; }
      subarray() { return new Uint8Array(0); }
    })([9, 8, 7, 6]),
    bytes: 4,
  },
  'a Uint8Array with a spoofed own byteLength': {
    make: () => {
      const u = new Uint8Array([5, 6, 7]);
      Object.defineProperty(u, 'byteLength', { get: () => 1e12 });
      Object.defineProperty(u, 'buffer', { get: () => new ArrayBuffer(64) });
      return u;
    },
    bytes: 3,
  },
};

// What a position of each kind does with a value (HOSTILE's facts): ACCEPTED or [code, class].
const bytes = (v) => (v.bytes !== undefined ? ACCEPTED : type);
// An option left out, undefined or null, is the default.
const optional = (rule) => (v, name) => (name === 'undefined' || name === 'null' ? ACCEPTED : rule(v, name));
// Not an integer: TypeError; an integer outside [min, max]: RangeError.
const integer = (min, max) => (v) => (v.integer === undefined ? type : v.integer >= min && v.integer <= max ? ACCEPTED : range);
const KINDS = {
  algorithm: (v, name) => (typeof v.make() === 'string' ? ['ERR_PARAHASH_UNKNOWN_ALGORITHM', 'Error'] : type),
  bytes,
  // Argon2's salt: bytes, at least 8 of them.
  salt: (v) => (v.bytes === undefined ? type : v.bytes >= 8 ? ACCEPTED : range),
  // Any object whose own enumerable names are all options of the method; absent is fine; a
  // function there is the callback (the options may be left out).
  options: (v, name) => (name === 'undefined' || name === 'null' || name === 'a function' || v.noOptionNames ? ACCEPTED : type),
  // A real array of inputs; none of these values is one that holds only bytes.
  inputs: () => type,
  integer,
  phc: () => type,
  encoding: (v, name) => (name === 'undefined' || name === 'null' ? ACCEPTED : type),
  signal: optional(() => type),
  listener: optional((v, name) => (name === 'a function' ? ACCEPTED : type)),
  // Not an option: only undefined (no callback) or a function.
  callback: (v, name) => (name === 'undefined' || name === 'a function' ? ACCEPTED : type),
  // createHash's options: as `options`, but a function is no callback there.
  hasherOptions: (v, name) => (name === 'undefined' || name === 'null' || v.noOptionNames ? ACCEPTED : type),
  // A number of ms from 0 to 2^31 − 1 (setTimeout's limit).
  timeout: optional((v) => {
    const x = v.make();
    if (typeof x !== 'number' || Number.isNaN(x)) return type;
    return x >= 0 && x <= 2 ** 31 - 1 ? ACCEPTED : range;
  }),
  // hashStream's source: none of the hostile values is a stream or an iterable of chunks.
  source: () => type,
  // A file path: a non-empty string or bytes without NUL, or a file: URL. A good-looking one
  // names no file here, which is fs's ENOENT (hashFiles: that file's entry, not a rejection).
  path: (v) => pathRule(v, ['ENOENT', 'Error']),
  pathInList: (v) => pathRule(v, ACCEPTED),
};

function pathRule(v, missing) {
  const x = v.make();
  if (typeof x === 'string') return x === '' ? type : missing;
  if (v.bytes === undefined) return type;
  const view = intrinsicBytes(x);
  return view.length === 0 || view.includes(0) ? type : missing;
}

// The bytes of a view or buffer as its internal slots say (never its own getters).
function intrinsicBytes(x) {
  if (!ArrayBuffer.isView(x)) return new Uint8Array(x);
  const proto = x instanceof DataView ? DataView.prototype : Object.getPrototypeOf(Uint8Array.prototype);
  const slot = (name) => Object.getOwnPropertyDescriptor(proto, name).get.call(x);
  return new Uint8Array(slot('buffer'), slot('byteOffset'), slot('byteLength'));
}

// Each public function: a call with good arguments (fresh each time), and per position (the
// argument's index, or an option's name) its kind. `reference` gives the expected result of an
// accepted call, from an independent implementation, when `args` differ from the good call only
// in byte values.
const FUNCTIONS = [
  {
    name: 'pool.hash',
    optionsAt: 2,
    good: () => ['sha256', 'data', {}],
    call: (p, a) => p.hash(...a),
    reference: ({ crypto }, [algorithm, data]) => crypto.createHash(algorithm).update(data).digest(),
    positions: { 0: KINDS.algorithm, 1: KINDS.bytes, 2: KINDS.options, 3: KINDS.callback },
    options: { encoding: KINDS.encoding, signal: KINDS.signal, timeout: KINDS.timeout, outputLength: optional(integer(32, 32)) },
  },
  {
    // Synchronous: a throw here is checked as the others' rejections are (settle()).
    name: 'pool.hashSync',
    synchronous: true,
    optionsAt: 2,
    good: () => ['sha256', 'data', {}],
    call: (p, a) => p.hashSync(...a),
    reference: ({ crypto }, [algorithm, data]) => crypto.createHash(algorithm).update(data).digest(),
    // No callback form: a function where the options go is refused, not called.
    positions: { 0: KINDS.algorithm, 1: KINDS.bytes, 2: (v, name) => (name === 'a function' ? type : KINDS.options(v, name)) },
    options: { encoding: KINDS.encoding, outputLength: optional(integer(32, 32)) },
  },
  {
    name: 'pool.hash (blake3)',
    optionsAt: 2,
    good: () => ['blake3', 'data', {}],
    call: (p, a) => p.hash(...a),
    positions: {},
    options: {
      outputLength: optional(integer(1, 16 << 20)),
      key: optional((v) => (v.bytes === undefined ? type : v.bytes === 32 ? ACCEPTED : range)),
      context: optional(bytes),
    },
  },
  {
    name: 'pool.hash (xxh64)',
    optionsAt: 2,
    good: () => ['xxh64', 'data', {}],
    call: (p, a) => p.hash(...a),
    positions: {},
    options: {
      // Numbers must be safe integers (a bigint for more); below 2^64.
      seed: optional((v, name) => (name === 'a bigint' || (v.integer >= 0 && v.integer < 2 ** 53) ? ACCEPTED
        : v.integer === -1 ? range : type)),
    },
  },
  {
    name: 'pool.hmac',
    optionsAt: 3,
    good: () => ['sha256', 'key', 'data', {}],
    call: (p, a) => p.hmac(...a),
    reference: ({ crypto }, [algorithm, key, data]) => crypto.createHmac(algorithm, key).update(data).digest(),
    positions: { 0: KINDS.algorithm, 1: KINDS.bytes, 2: KINDS.bytes, 3: KINDS.options, 4: KINDS.callback },
    options: { encoding: KINDS.encoding, signal: KINDS.signal, timeout: KINDS.timeout },
  },
  {
    name: 'pool.hashMany',
    optionsAt: 2,
    good: () => ['sha256', ['a', 'b'], {}],
    call: (p, a) => p.hashMany(...a),
    positions: { 0: KINDS.algorithm, 1: KINDS.inputs, 2: KINDS.options, 3: KINDS.callback },
    options: { encoding: KINDS.encoding, signal: KINDS.signal, timeout: KINDS.timeout, outputLength: optional(integer(32, 32)) },
  },
  {
    name: 'pool.hashMany inputs[1]',
    optionsAt: 2,
    good: () => ['sha256', 'b', {}], // the element at position 1 goes into [ 'a', element ]
    call: (p, [algorithm, element, options]) => p.hashMany(algorithm, ['a', element], options),
    reference: ({ crypto }, [algorithm, element]) => crypto.createHash(algorithm).update(element).digest(),
    result: (digests) => digests[1],
    positions: { 1: KINDS.bytes },
    options: {},
  },
  {
    name: 'pool.pbkdf2',
    optionsAt: 5,
    good: () => ['pw', 'salt', 1, 16, 'sha256', {}],
    call: (p, a) => p.pbkdf2(...a),
    reference: ({ crypto }, [password, salt, iterations, keylen, digest]) =>
      crypto.pbkdf2Sync(password, salt, iterations, keylen, digest),
    positions: {
      0: KINDS.bytes, 1: KINDS.bytes, 2: integer(1, 2 ** 31 - 1), 3: integer(0, 2 ** 31 - 1),
      4: KINDS.algorithm, 5: KINDS.options, 6: KINDS.callback,
    },
    // keylen 2^31 - 1 is in node's range; the heap cannot hold it.
    overrides: { 3: { '2^31': range } },
    options: { encoding: KINDS.encoding, signal: KINDS.signal, timeout: KINDS.timeout },
  },
  {
    name: 'pool.scrypt',
    optionsAt: 3,
    good: () => ['pw', 'salt', 16, { N: 16 }],
    call: (p, a) => p.scrypt(...a),
    reference: ({ crypto }, [password, salt, keylen, options]) => crypto.scryptSync(password, salt, keylen, options),
    positions: { 0: KINDS.bytes, 1: KINDS.bytes, 2: integer(0, 2 ** 31 - 1), 3: KINDS.options, 4: KINDS.callback },
    options: {
      encoding: KINDS.encoding,
      signal: KINDS.signal,
      timeout: KINDS.timeout,
      // A power of two that maxmem (32 MiB) allows; 0 means the default.
      N: optional((v) => (v.integer === undefined ? type : range)),
      r: optional((v) => (v.integer === undefined ? type : v.integer === 42 ? ACCEPTED : range)),
      maxmem: optional((v) => (v.integer === undefined ? type
        : v.integer >= 2 ** 31 && v.integer <= Number.MAX_SAFE_INTEGER ? ACCEPTED : range)),
    },
  },
  {
    name: 'pool.argon2id',
    optionsAt: 2,
    good: () => ['pw', 'saltsalt', { memoryCost: 64, timeCost: 1, parallelism: 1 }],
    call: (p, a) => p.argon2id(...a),
    positions: { 0: KINDS.bytes, 1: KINDS.salt, 2: KINDS.options, 3: KINDS.callback },
    options: {
      encoding: KINDS.encoding,
      signal: KINDS.signal,
      timeout: KINDS.timeout,
      onProgress: KINDS.listener,
      timeCost: optional(integer(1, 2 ** 32 - 1)),
      // m = 64 KiB holds 8 lanes at most.
      parallelism: optional(integer(1, 8)),
      memoryCost: optional(integer(8, 2 ** 32 - 1)),
      hashLength: optional(integer(4, 2 ** 32 - 1)),
      secret: optional(bytes),
      associatedData: optional(bytes),
    },
    // Within RFC 9106's ranges, beyond what the heap can hold.
    overrides: {
      hashLength: { '2^31': ['ERR_PARAHASH_OUT_OF_MEMORY', 'Error'] },
      memoryCost: { '2^31': ['ERR_PARAHASH_OUT_OF_MEMORY', 'Error'] },
    },
  },
  {
    name: 'pool.argon2Hash',
    optionsAt: 1,
    good: () => ['pw', { memoryCost: 64, timeCost: 1, parallelism: 1 }],
    call: (p, a) => p.argon2Hash(...a),
    positions: { 0: KINDS.bytes, 1: KINDS.options, 2: KINDS.callback },
    options: {
      saltLength: optional(integer(8, 1024)),
      type: optional(() => type),
    },
  },
  {
    name: 'pool.argon2Verify',
    optionsAt: 2,
    good: () => ['$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$hdOCkfYHTj0inTmhuQhoZlVQ3N/UnQ5yjkawWQaIZAo', 'pw', {}],
    call: (p, a) => p.argon2Verify(...a),
    positions: { 0: KINDS.phc, 1: KINDS.bytes, 2: KINDS.options, 3: KINDS.callback },
    options: { secret: optional(bytes), signal: KINDS.signal, timeout: KINDS.timeout, onProgress: KINDS.listener },
  },
  {
    name: 'pool.bcryptHash',
    optionsAt: 1,
    good: () => ['pw', { cost: 4 }],
    call: (p, a) => p.bcryptHash(...a),
    positions: { 0: KINDS.bytes, 1: KINDS.options, 2: KINDS.callback },
    options: {
      cost: optional(integer(4, 31)),
      salt: optional((v) => (v.bytes === undefined ? type : v.bytes === 16 ? ACCEPTED : range)),
      signal: KINDS.signal,
      timeout: KINDS.timeout,
    },
  },
  {
    name: 'pool.bcryptHash (rounds)',
    optionsAt: 1,
    good: () => ['pw', { rounds: 4 }],
    call: (p, a) => p.bcryptHash(...a),
    positions: {},
    options: { rounds: optional(integer(4, 31)) },
  },
  {
    name: 'pool.bcryptVerify',
    optionsAt: 2,
    good: () => [BCRYPT_PW, 'pw', {}],
    call: (p, a) => p.bcryptVerify(...a),
    positions: { 0: KINDS.phc, 1: KINDS.bytes, 2: KINDS.options, 3: KINDS.callback },
    options: { signal: KINDS.signal, timeout: KINDS.timeout },
  },
  {
    name: 'pool.verifyPassword',
    optionsAt: 2,
    good: () => [BCRYPT_PW, 'pw', {}],
    call: (p, a) => p.verifyPassword(...a),
    positions: { 0: KINDS.phc, 1: KINDS.bytes, 2: KINDS.options, 3: KINDS.callback },
    options: { secret: optional(bytes), signal: KINDS.signal, timeout: KINDS.timeout, onProgress: KINDS.listener },
  },
  {
    name: 'pool.verifyPassword (argon2)',
    optionsAt: 2,
    good: () => ['$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$hdOCkfYHTj0inTmhuQhoZlVQ3N/UnQ5yjkawWQaIZAo', 'pw', {}],
    call: (p, a) => p.verifyPassword(...a),
    positions: { 0: KINDS.phc, 1: KINDS.bytes },
    options: { secret: optional(bytes), onProgress: KINDS.listener },
  },
  {
    name: 'pool.createHash',
    optionsAt: 1,
    good: () => ['sha256', {}],
    call: (p, [algorithm, options]) => p.createHash(algorithm, options).update('data').digest(),
    reference: ({ crypto }, [algorithm]) => crypto.createHash(algorithm).update('data').digest(),
    positions: { 0: KINDS.algorithm, 1: KINDS.hasherOptions },
    options: { signal: KINDS.signal, timeout: KINDS.timeout, outputLength: optional(integer(32, 32)) },
  },
  {
    name: 'pool.createHash update(data)',
    optionsAt: 2,
    good: () => ['sha256', 'data', undefined],
    call: (p, [algorithm, data]) => p.createHash(algorithm).update(data).digest(),
    reference: ({ crypto }, [algorithm, data]) => crypto.createHash(algorithm).update(data).digest(),
    positions: { 1: KINDS.bytes },
    options: {},
  },
  {
    name: 'pool.createHash digest(encoding)',
    optionsAt: 2,
    good: () => ['sha256', 'hex', undefined],
    call: (p, [algorithm, encoding]) => p.createHash(algorithm).update('data').digest(encoding),
    positions: { 1: KINDS.encoding },
    options: {},
  },
  {
    name: 'pool.createHmac',
    optionsAt: 2,
    good: () => ['sha256', 'key', {}],
    call: (p, [algorithm, key, options]) => p.createHmac(algorithm, key, options).update('data').digest(),
    reference: ({ crypto }, [algorithm, key]) => crypto.createHmac(algorithm, key).update('data').digest(),
    positions: { 0: KINDS.algorithm, 1: KINDS.bytes, 2: KINDS.hasherOptions },
    options: { signal: KINDS.signal, timeout: KINDS.timeout },
  },
  {
    name: 'pool.hashStream',
    optionsAt: 2,
    good: () => [['da', 'ta'], 'sha256', {}],
    call: (p, a) => p.hashStream(...a),
    positions: { 0: KINDS.source, 1: KINDS.algorithm, 2: KINDS.options, 3: KINDS.callback },
    options: {
      encoding: KINDS.encoding,
      signal: KINDS.signal,
      timeout: KINDS.timeout,
      onProgress: KINDS.listener,
      bytesTotal: optional(integer(0, Number.MAX_SAFE_INTEGER)),
      outputLength: optional(integer(32, 32)),
    },
  },
  {
    name: 'pool.hashStream chunk',
    optionsAt: 2,
    good: () => ['sha256', 'data', {}], // the chunk at position 1 is the source's only one
    call: (p, [algorithm, chunk, options]) => p.hashStream([chunk], algorithm, options),
    reference: ({ crypto }, [algorithm, chunk]) => crypto.createHash(algorithm).update(chunk).digest(),
    positions: { 1: KINDS.bytes },
    options: {},
  },
  {
    name: 'pool.hashFile',
    optionsAt: 2,
    good: () => [__filename, 'sha256', {}],
    call: (p, a) => p.hashFile(...a),
    reference: ({ crypto, fs }, [path, algorithm]) => crypto.createHash(algorithm).update(fs.readFileSync(path)).digest(),
    positions: { 0: KINDS.path, 1: KINDS.algorithm, 2: KINDS.options, 3: KINDS.callback },
    options: {
      encoding: KINDS.encoding,
      signal: KINDS.signal,
      timeout: KINDS.timeout,
      onProgress: KINDS.listener,
      outputLength: optional(integer(32, 32)),
    },
  },
  {
    name: 'pool.hashFiles',
    optionsAt: 2,
    good: () => [[__filename], 'sha256', {}],
    call: (p, a) => p.hashFiles(...a),
    positions: { 0: KINDS.inputs, 1: KINDS.algorithm, 2: KINDS.options, 3: KINDS.callback },
    options: {
      encoding: KINDS.encoding,
      signal: KINDS.signal,
      timeout: KINDS.timeout,
      onProgress: KINDS.listener,
      concurrency: optional(integer(1, 4096)),
    },
  },
  {
    name: 'pool.hashDirectory',
    optionsAt: 2,
    good: () => [`${__dirname}/readme`, 'sha256', {}], // no node:path: the browser matrix bundles this file
    call: (p, a) => p.hashDirectory(...a),
    positions: { 0: KINDS.path, 1: KINDS.algorithm, 2: KINDS.options, 3: KINDS.callback },
    options: {
      encoding: KINDS.encoding,
      signal: KINDS.signal,
      timeout: KINDS.timeout,
      onProgress: KINDS.listener,
      concurrency: optional(integer(1, 4096)),
      filter: KINDS.listener,
      followSymlinks: optional((v, name) => (name === 'a boolean' ? ACCEPTED : type)),
    },
  },
  {
    name: 'pool.hashFiles paths[1]',
    optionsAt: 2,
    good: () => ['sha256', __filename, {}],
    call: (p, [algorithm, path, options]) => p.hashFiles([__filename, path], algorithm, options),
    positions: { 1: KINDS.pathInList },
    options: {},
  },
  {
    name: 'hash (the default pool)',
    optionsAt: 2,
    good: () => ['sha256', 'data', {}],
    call: (p, a, parahash) => parahash.hash(...a),
    reference: ({ crypto }, [algorithm, data]) => crypto.createHash(algorithm).update(data).digest(),
    positions: { 0: KINDS.algorithm, 1: KINDS.bytes, 2: KINDS.options, 3: KINDS.callback },
    options: { encoding: KINDS.encoding, signal: KINDS.signal, timeout: KINDS.timeout },
  },
  {
    name: 'createHash (the default pool)',
    optionsAt: 1,
    good: () => ['sha256', {}],
    call: (p, [algorithm, options], parahash) => parahash.createHash(algorithm, options).update('data').digest(),
    reference: ({ crypto }, [algorithm]) => crypto.createHash(algorithm).update('data').digest(),
    positions: { 0: KINDS.algorithm, 1: KINDS.hasherOptions },
    options: { signal: KINDS.signal, timeout: KINDS.timeout, outputLength: optional(integer(32, 32)) },
  },
  {
    name: 'hashFile (the default pool)',
    optionsAt: 2,
    good: () => [__filename, 'sha256', {}],
    call: (p, a, parahash) => parahash.hashFile(...a),
    positions: { 0: KINDS.path, 1: KINDS.algorithm, 2: KINDS.options, 3: KINDS.callback },
    options: { encoding: KINDS.encoding, timeout: KINDS.timeout },
  },
];

// argon2i and argon2d take argon2id's arguments and options: the same row, calling each.
for (const type of ['argon2i', 'argon2d']) {
  const argon2id = FUNCTIONS.find((row) => row.name === 'pool.argon2id');
  FUNCTIONS.push({ ...argon2id, name: `pool.${type}`, call: (p, a) => p[type](...a) });
}

// createPool's options, one pool per accepted value.
const POOL_OPTIONS = {
  threads: optional(integer(1, 256)),
  maxQueue: optional((v, name) => (name === 'Infinity' ? ACCEPTED : integer(0, Infinity)(v))),
  maxInputLength: optional(integer(0, Number.MAX_SAFE_INTEGER)),
  // Where the shipped files are: a function, or absent.
  locateFile: KINDS.listener,
};

module.exports = { HOSTILE, KINDS, FUNCTIONS, POOL_OPTIONS, ACCEPTED, intrinsicBytes };
