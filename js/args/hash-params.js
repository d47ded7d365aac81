'use strict';
// A hash call's algorithm and parameters, checked against the kernels' rows (kernels.def, as the
// engine's kernelTable() or dist/algorithms.json gives them) — nothing here is specific to an
// algorithm, and nothing needs the engine, so a hasher of the default pool is checked before
// that pool exists.

const { codes, parahashError, invalidArg } = require('./errors');
const { toBytes } = require('./input');
const { readOptions, KNOWN } = require('./options');
const { integerOption, byteLength, exclusive, wrongType, wrongValue } = require('./checks');

// A derive-key context is hashed once per call; longer ones are surely a mistake (BLAKE3's
// contexts are short, hard-coded strings) and would cost a heap copy per batch.
const MAX_CONTEXT_BYTES = 1024 * 1024;

class HashParams {
  #kernels;
  #names = new Map(); // exact spelling → kernel index, memoised

  // rows: [{ name, aliases, digestSize, blockSize, kind, minOutput, maxOutput, minKey, maxKey,
  // seedBits, takesContext }] in kernel order.
  constructor(rows) {
    this.#kernels = rows;
  }

  // The kernel's row (kernels.def, as dist/algorithms.json has it).
  row(kernel) {
    return this.#kernels[kernel];
  }

  // @return the kernel number of `algorithm` (canonical or alias, any case).
  // @throws ERR_PARAHASH_INVALID_ARG for a non-string, ERR_PARAHASH_UNKNOWN_ALGORITHM.
  resolve(algorithm) {
    if (typeof algorithm !== 'string') {
      throw wrongType('algorithm', 'a string', algorithm);
    }
    let index = this.#names.get(algorithm);
    if (index === undefined) {
      const wanted = algorithm.toLowerCase();
      index = this.#kernels.findIndex((k) => k.name === wanted || k.aliases.includes(wanted));
      if (index < 0) {
        throw parahashError(codes.UNKNOWN_ALGORITHM,
          `Unknown algorithm ${JSON.stringify(algorithm.slice(0, 64))}; pool.algorithms lists the supported ones`);
      }
      if (this.#names.size < 1024) this.#names.set(algorithm, index);
    }
    return index;
  }

  // The kernel parameters of one call — { outputLength, secretKind, secret, seedLo, seedHi } —
  // from the call's options, each checked against the kernel's row. A key and a derive-key
  // context travel in one `secret` buffer; secretKind says which (0: none, 1: key, 2: context).
  // A call that sets none gets the same frozen object every time.
  params(kernel, { outputLength, key, seed, context }) {
    if (outputLength === undefined && key === undefined && seed === undefined && context === undefined) {
      return plainParams(this.#kernels[kernel]);
    }
    const keyBytes = this.#key(kernel, key);
    const contextBytes = this.#context(kernel, context);
    if (keyBytes && contextBytes) throw exclusive('options.key', 'options.context', 'a keyed hash or a derived key');
    return {
      outputLength: this.#outputLength(kernel, outputLength),
      secretKind: keyBytes ? 1 : contextBytes ? 2 : 0,
      secret: keyBytes ?? contextBytes,
      ...this.#seed(kernel, seed),
    };
  }

  // The digest length of a hasher's copy(options) whose original has `current` bytes: an
  // extendable-output function takes options.outputLength, or its default length without one
  // (node:crypto's copy() does the same); any other algorithm keeps its length, and refuses
  // another (BLAKE2's length is part of its state from the start).
  copyLength(kernel, current, options) {
    const { outputLength } = readOptions(options, KNOWN.copy, 'hasher.copy');
    const row = this.#kernels[kernel];
    if (row.kind === 'xof') return this.#outputLength(kernel, outputLength);
    if (outputLength === undefined || outputLength === current) return current;
    this.#outputLength(kernel, outputLength); // a bad type or range says so first
    throw wrongValue('options.outputLength', `${current} for a copy of ${row.name}, which is not an extendable-output function`, outputLength);
  }

  // Keys and contexts are copied now: they are small, and a copy cannot change under the call.
  #key(kernel, key) {
    if (key === undefined) return undefined;
    const { name, minKey, maxKey } = this.#kernels[kernel];
    if (maxKey === 0) throw invalidArg(`${name} takes no key (options.key)`);
    const bytes = toBytes(key, 'options.key');
    byteLength(bytes.byteLength, 'options.key', minKey, maxKey, ` for ${name}`);
    return new Uint8Array(bytes);
  }

  #context(kernel, context) {
    if (context === undefined) return undefined;
    const { name, takesContext } = this.#kernels[kernel];
    if (!takesContext) throw invalidArg(`${name} takes no context (options.context)`);
    const bytes = toBytes(context, 'options.context', Number.MAX_SAFE_INTEGER);
    byteLength(bytes.byteLength, 'options.context', 0, MAX_CONTEXT_BYTES);
    return new Uint8Array(bytes);
  }

  #seed(kernel, seed) {
    if (seed === undefined) return { seedLo: 0, seedHi: 0 };
    const { name, seedBits } = this.#kernels[kernel];
    if (seedBits === 0) throw invalidArg(`${name} takes no seed (options.seed)`);
    if (typeof seed === 'number' ? !Number.isSafeInteger(seed) : typeof seed !== 'bigint') {
      throw wrongType('options.seed', 'a safe integer or a bigint', seed);
    }
    const value = BigInt(seed);
    if (value < 0n || value >= 1n << BigInt(seedBits)) {
      throw wrongValue('options.seed', `from 0 to 2^${seedBits} - 1 for ${name}`, value);
    }
    return { seedLo: Number(value & 0xffffffffn), seedHi: Number(value >> 32n) };
  }

  // The digest length for `requested` (options.outputLength), checked against the kernel's range.
  #outputLength(kernel, requested) {
    const { name, digestSize, minOutput, maxOutput } = this.#kernels[kernel];
    if (requested === undefined) return digestSize;
    if (minOutput === maxOutput && Number.isInteger(requested) && requested !== digestSize) {
      throw wrongValue('options.outputLength', `${digestSize} for ${name}, whose output length is fixed`, requested);
    }
    return integerOption(requested, 'options.outputLength', minOutput, maxOutput, ` for ${name}`);
  }
}

// A kernel's parameters with no option set (its full digest; no key, seed or context), as
// HMAC and a long key's digest need them: one frozen object per kernel row.
const plain = new WeakMap();
function plainParams(row) {
  let params = plain.get(row);
  if (params === undefined) {
    params = Object.freeze({ outputLength: row.digestSize, secretKind: 0, secret: undefined, seedLo: 0, seedHi: 0 });
    plain.set(row, params);
  }
  return params;
}

module.exports = { HashParams, plainParams, MAX_CONTEXT_BYTES };
