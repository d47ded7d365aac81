'use strict';
// argon2NeedsRehash(stored, options): should a login handler that has just verified `stored`
// hash the password again with today's options? Synchronous: it reads the string and does no
// hashing, so there is nothing to put on a thread (the argon2 package's needsRehash is
// synchronous too).
//
// As the argon2 package (0.45, argon2.cjs needsRehash) decides it: true when the stored
// version, m, t or p differs from today's, whichever way (a stronger stored hash also gets
// rehashed, so that lowering a cost takes effect too). Beyond that package: the Argon2 type
// counts as well ($argon2i$ under today's argon2id needs a rehash), and a well-formed string of
// another scheme (a bcrypt $2b$ one, $scrypt$, any $id$…) or of Argon2 1.0 (v=16 or no v=)
// needs one, so a store that migrates is one call. Like that package, the hash and salt
// lengths and the associated data are not compared. Today's options default as argon2Hash's
// do (argon2id, 64 MiB, 3 passes, 4 lanes), and any option argon2Hash takes is accepted, so
// the object given to argon2Hash can be passed as it is.
//
// @throws TypeError (ERR_PARAHASH_INVALID_ARG) for a non-string, a string that is no
// $id$… at all, or a malformed Argon2 string; RangeError for options out of range.

const { invalidArg } = require('../args/errors');
const { describe } = require('../args/input');
const { readOptions, KNOWN } = require('../args/options');
const { integerOption, oneOf } = require('../args/checks');
const { ARGON2_DEFAULTS, TYPES } = require('./argon2-options');
const { parsePhc } = require('./phc');

// $id$ or $id,params$ as PHC strings and modular crypt start: bcrypt's $2b$, md5crypt's $1$,
// $scrypt$, $pbkdf2-sha256$, $argon2id$.
const SCHEME = /^\$([a-z0-9-]{1,32})\$/;

function argon2NeedsRehash(stored, options) {
  if (typeof stored !== 'string') throw invalidArg(`The "phc" argument must be a string; received ${describe(stored)}`);
  const o = readOptions(options, KNOWN.argon2Hash, 'argon2NeedsRehash');
  const type = oneOf(o.type ?? 'argon2id', 'options.type', Object.keys(TYPES));
  // Whole numbers; their ranges are kdfs.def's, which argon2Hash checks (a value out of them
  // only ever makes the answer true here).
  const number = (name) => integerOption(o[name] ?? ARGON2_DEFAULTS[name], `options.${name}`, 0, Number.MAX_SAFE_INTEGER);
  const memoryCost = number('memoryCost');
  const timeCost = number('timeCost');
  const parallelism = number('parallelism');

  const scheme = SCHEME.exec(stored);
  if (scheme === null) {
    throw invalidArg(`Not a PHC or modular-crypt string: it must start with $<scheme>$ ($argon2id$, $2b$, …); received ${JSON.stringify(stored.slice(0, 12))}`);
  }
  if (!Object.hasOwn(TYPES, scheme[1])) return true;
  // Argon2 1.0 (v=16, or no v= at all, which means 1.0) is well formed but not 1.3.
  const version = /^\$argon2(?:id|i|d)\$(v=([0-9]+)\$)?/.exec(stored);
  if (version[1] === undefined && /^\$argon2(?:id|i|d)\$m=/.test(stored)) return true;
  if (version[2] === '16') return true;
  const parsed = parsePhc(stored);
  return parsed.type !== type || parsed.memoryCost !== memoryCost || parsed.timeCost !== timeCost ||
    parsed.parallelism !== parallelism;
}

module.exports = { argon2NeedsRehash };
