'use strict';
// PBKDF2's and scrypt's arguments in node:crypto's shape, so code moving from crypto.pbkdf2 and
// crypto.scrypt behaves alike: the same defaults, scrypt's option aliases and its 0 meaning the
// default, the inputs made bytes. The ranges (node's) are the pbkdf2 and scrypt rows of
// src/kdf/kdfs.def, checked with the names users see when the call is planned
// (js/engine/backend.js planDerive, js/args/checks.js checkKdfRequest), then OpenSSL's rules
// between scrypt's numbers (its memory formula among them) by the engine.

const { toBytes } = require('../args/input');
const { integerOption, exclusive, wrongType } = require('../args/checks');

// crypto.pbkdf2(password, salt, iterations, keylen, digest), checked in node's order as far as
// the shape goes: the digest's type, then the inputs; iterations and keylen as given.
function checkPbkdf2(password, salt, iterations, keylen, digest) {
  if (typeof digest !== 'string') throw wrongType('digest', 'a string', digest);
  return { password: toBytes(password, 'password'), salt: toBytes(salt, 'salt'), iterations, keylen, digest };
}

const SCRYPT_DEFAULTS = Object.freeze({ N: 16384, r: 8, p: 1, maxmem: 32 * 1024 * 1024 });

// crypto.scrypt(password, salt, keylen, { N | cost, r | blockSize, p | parallelization, maxmem }):
// each pair is one option under two names (both given is an error), and 0 means the default.
// A value must be an integer for that (checked under the name it was given: options.cost);
// its range is the row's. `options`: own-property options (options.js's readOptions).
function checkScrypt(password, salt, keylen, options) {
  const pick = (short, long) => {
    if (options[short] !== undefined && options[long] !== undefined) {
      throw exclusive(`options.${short}`, `options.${long}`, 'one option under two names');
    }
    const [name, value] = options[short] !== undefined ? [short, options[short]] : [long, options[long]];
    return orDefault(value, `options.${name}`, SCRYPT_DEFAULTS[short]);
  };
  return {
    password: toBytes(password, 'password'),
    salt: toBytes(salt, 'salt'),
    keylen,
    N: pick('N', 'cost'),
    r: pick('r', 'blockSize'),
    p: pick('p', 'parallelization'),
    maxmem: orDefault(options.maxmem, 'options.maxmem', SCRYPT_DEFAULTS.maxmem),
  };
}

// node's rule: absent or 0 is the default. Any other integer is the row's to range-check.
function orDefault(value, name, fallback) {
  if (value === undefined) return fallback;
  return integerOption(value, name) === 0 ? fallback : value;
}

module.exports = { checkPbkdf2, checkScrypt, SCRYPT_DEFAULTS };
