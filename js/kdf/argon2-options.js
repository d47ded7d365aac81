'use strict';
// Argon2's options, checked against RFC 9106's ranges before anything reaches the engine.

const { outOfRange } = require('../args/errors');
const { toBytes } = require('../args/input');
const { integerOption, checkListener } = require('../args/checks');

// RFC 9106 section 4, the second recommended option (the first needs 2 GiB): 64 MiB, 3 passes,
// 4 lanes, a 32-byte tag.
const ARGON2_DEFAULTS = Object.freeze({ memoryCost: 65536, timeCost: 3, parallelism: 4, hashLength: 32 });

const TYPES = Object.freeze({ argon2d: 0, argon2i: 1, argon2id: 2 });


// @param options own-property options (options.js's readOptions), onProgress and the call
// options possibly among them.
// @return { memoryCost, timeCost, parallelism, hashLength, password, salt, secret,
// associatedData } with byte arrays for the four inputs (secret and associatedData may be
// empty). Static maxima are RFC 9106's (2^32 − 1 for sizes); what the heap cannot hold is
// refused with ERR_PARAHASH_OUT_OF_MEMORY when the call stages its inputs.
function checkArgon2(password, salt, options) {
  // Null-prototype: an option left out must read as undefined, never as a polluted prototype's.
  const o = Object.assign(Object.create(null), ARGON2_DEFAULTS);
  for (const name of ['memoryCost', 'timeCost', 'parallelism', 'hashLength', 'secret', 'associatedData', 'onProgress']) {
    if (options[name] !== undefined) o[name] = options[name];
  }
  const parallelism = integerOption(o.parallelism, 'options.parallelism', 1, 2 ** 24 - 1);
  const checked = {
    parallelism,
    memoryCost: integerOption(o.memoryCost, 'options.memoryCost', 8 * parallelism, 2 ** 32 - 1),
    timeCost: integerOption(o.timeCost, 'options.timeCost', 1, 2 ** 32 - 1),
    hashLength: integerOption(o.hashLength, 'options.hashLength', 4, 2 ** 32 - 1),
    password: toBytes(password, 'password', 2 ** 32 - 1),
    salt: toBytes(salt, 'salt', 2 ** 32 - 1),
    secret: o.secret === undefined ? new Uint8Array(0) : toBytes(o.secret, 'options.secret', 2 ** 32 - 1),
    associatedData: o.associatedData === undefined ? new Uint8Array(0)
      : toBytes(o.associatedData, 'options.associatedData', 2 ** 32 - 1),
  };
  if (checked.salt.byteLength < 8) throw outOfRange(`The salt must be at least 8 bytes; received ${checked.salt.byteLength}`);
  checkListener(o.onProgress, 'options.onProgress');
  return checked;
}

// Block memory Argon2 allocates for these options: m rounded down to 4 × p blocks of 1 KiB, as
// src/kdf/argon2.cpp argon2_memory_bytes (which sizes the call's work memory). JS needs it only to
// refuse a PHC string no heap here can verify, before any call (js/kdf/phc.js).
const argon2MemoryBytes = ({ memoryCost, parallelism }) =>
  Math.floor(memoryCost / (4 * parallelism)) * 4 * parallelism * 1024;

module.exports = { ARGON2_DEFAULTS, TYPES, checkArgon2, argon2MemoryBytes };
