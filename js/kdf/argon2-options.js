'use strict';
// Argon2's options as a call gives them: the defaults filled in, the inputs made bytes. The
// numbers' ranges (RFC 9106's) and the salt's length are the argon2 rows of src/kdf/kdfs.def,
// checked with the names users see when the call is planned (js/engine/backend.js planDerive,
// js/args/checks.js checkKdfRequest), and m ≥ 8 × p by the engine right after.

const { toBytes } = require('../args/input');
const { checkListener } = require('../args/checks');

// RFC 9106 section 4, the second recommended option (the first needs 2 GiB): 64 MiB, 3 passes,
// 4 lanes, a 32-byte tag.
const ARGON2_DEFAULTS = Object.freeze({ memoryCost: 65536, timeCost: 3, parallelism: 4, hashLength: 32 });

const TYPES = Object.freeze({ argon2d: 0, argon2i: 1, argon2id: 2 });

// @param options own-property options (options.js's readOptions), onProgress and the call
// options possibly among them.
// @return { memoryCost, timeCost, parallelism, hashLength, password, salt, secret,
// associatedData }: the numbers as given (or the defaults), byte arrays for the four inputs
// (secret and associatedData may be empty).
// @throws TypeError (ERR_PARAHASH_INVALID_ARG) for an input that is no bytes, or an onProgress
// that is no function.
function checkArgon2(password, salt, options) {
  // Null-prototype: an option left out must read as undefined, never as a polluted prototype's.
  const o = Object.assign(Object.create(null), ARGON2_DEFAULTS);
  for (const name of ['memoryCost', 'timeCost', 'parallelism', 'hashLength', 'secret', 'associatedData', 'onProgress']) {
    if (options[name] !== undefined) o[name] = options[name];
  }
  const checked = {
    memoryCost: o.memoryCost,
    timeCost: o.timeCost,
    parallelism: o.parallelism,
    hashLength: o.hashLength,
    password: toBytes(password, 'password'),
    salt: toBytes(salt, 'salt'),
    secret: o.secret === undefined ? new Uint8Array(0) : toBytes(o.secret, 'options.secret'),
    associatedData: o.associatedData === undefined ? new Uint8Array(0) : toBytes(o.associatedData, 'options.associatedData'),
  };
  checkListener(o.onProgress, 'options.onProgress');
  return checked;
}

module.exports = { ARGON2_DEFAULTS, TYPES, checkArgon2 };
