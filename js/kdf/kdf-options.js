'use strict';
// PBKDF2's and scrypt's arguments, checked the way node:crypto checks them (same ranges, same
// defaults, same option aliases), so code moving from crypto.pbkdf2/crypto.scrypt behaves alike.
// Errors carry ERR_PARAHASH_INVALID_ARG; the engine re-checks everything (OpenSSL's scrypt
// memory formula included).

const { invalidArg, outOfRange } = require('../args/errors');
const { toBytes, describe } = require('../args/input');
const { integerOption } = require('../args/checks');

const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;

const int = integerOption;

function bytes(value, name) {
  const b = toBytes(value, name, Number.MAX_SAFE_INTEGER);
  if (b.byteLength > INT32_MAX) throw outOfRange(`The "${name}" argument must be shorter than 2^31 bytes`);
  return b;
}

// crypto.pbkdf2(password, salt, iterations, keylen, digest).
function checkPbkdf2(password, salt, iterations, keylen, digest) {
  if (typeof digest !== 'string') throw invalidArg(`The "digest" argument must be a string; received ${describe(digest)}`);
  return {
    password: bytes(password, 'password'),
    salt: bytes(salt, 'salt'),
    iterations: int(iterations, 'iterations', 1, INT32_MAX),
    keylen: int(keylen, 'keylen', 0, INT32_MAX),
    digest,
  };
}

const SCRYPT_DEFAULTS = Object.freeze({ N: 16384, r: 8, p: 1, maxmem: 32 * 1024 * 1024 });

// crypto.scrypt(password, salt, keylen, { N | cost, r | blockSize, p | parallelization, maxmem }):
// each pair is one option under two names (both given is an error), and 0 means the default.
// `options`: own-property options (options.js's readOptions).
function checkScrypt(password, salt, keylen, options) {
  const pick = (short, long) => {
    if (options[short] !== undefined && options[long] !== undefined) {
      throw invalidArg(`options.${short} and options.${long} are the same option; give one`);
    }
    const [name, value] = options[short] !== undefined ? [short, options[short]] : [long, options[long]];
    if (value === undefined) return SCRYPT_DEFAULTS[short];
    return int(value, `options.${name}`, 0, UINT32_MAX) || SCRYPT_DEFAULTS[short];
  };
  const maxmem = options.maxmem === undefined ? SCRYPT_DEFAULTS.maxmem
    : int(options.maxmem, 'options.maxmem', 0, Number.MAX_SAFE_INTEGER) || SCRYPT_DEFAULTS.maxmem;
  return {
    password: bytes(password, 'password'),
    salt: bytes(salt, 'salt'),
    keylen: int(keylen, 'keylen', 0, INT32_MAX),
    N: pick('N', 'cost'),
    r: pick('r', 'blockSize'),
    p: pick('p', 'parallelization'),
    maxmem,
  };
}

module.exports = { checkPbkdf2, checkScrypt, SCRYPT_DEFAULTS };
