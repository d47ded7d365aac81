'use strict';
// bcrypt's modular-crypt strings, $2b$10$<22 salt characters><31 hash characters> (OpenBSD
// bcrypt.c's format, written by the bcrypt and bcryptjs packages), and the options of
// pool.bcryptHash and pool.bcryptVerify. No heap, no engine: the derivation is the bcrypt row of
// src/kdf/kdfs.def (src/kdf/bcrypt.cpp), planned by pool-methods.js.
//
// What is written: $2b$, the cost in two digits, the 16-byte salt in 22 characters and the first
// 23 bytes of the ciphertext in 31, both in bcrypt's own base64 (./A–Za–z0–9, no padding), as the
// bcrypt package writes it. What is read: $2a$, $2b$ and $2y$ (PHP's name for $2b$), a cost of
// 04 to 31, 53 characters of that alphabet; the string is exactly 60 characters. $2x$ (PHP's
// mark for hashes made by crypt_blowfish's sign-extension bug) and $2$ (the original, without
// the NUL) are ERR_PARAHASH_UNSUPPORTED; anything else malformed is ERR_PARAHASH_INVALID_ARG.
//
// The password is its bytes (a string as UTF-8); bcrypt keys with the first 72 and, when there
// are fewer, the NUL after them, exactly as the bcrypt package does (bytes after a NUL inside
// the password count). $2a$ strings are derived as the bcrypt package derives them: a password
// of 255 bytes or more has its length wrapped in 8 bits (OpenBSD's bug before $2b$;
// src/kdf/bcrypt.cpp). bcryptjs treats $2a$ as $2b$ there.

const { invalidArg, outOfRange, unsupported } = require('../args/errors');
const { describe, toBytes } = require('../args/input');
const { readOptions } = require('../args/options');
const { integerOption, exclusive } = require('../args/checks');

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

const MIN_COST = 4; // the bcrypt package's and OpenBSD's least (16 rounds)
const MAX_COST = 31;
const DEFAULT_COST = 10; // the bcrypt package's genSalt() default
const SALT_BYTES = 16;
const HASH_BYTES = 23; // of the 24-byte ciphertext, the string keeps 23 (OpenBSD's choice)
const LENGTH = 60;
// The variant number of kdfs.def's bcrypt row for each prefix.
const VARIANTS = Object.freeze({ '2a': 1, '2b': 0, '2y': 0 });

// bcrypt's base64: 6 bits a character, most significant first, the last character padded
// with zero bits.
function encode64(bytes) {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    acc = ((acc << 8) | bytes[i]) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (6 - bits)) & 63];
  return out;
}

// The first `length` bytes `text` carries; the bits past them are ignored, as the bcrypt
// package ignores them (its salt of "…CCCh" derives as "…CCCe"). @pre text is of the alphabet.
function decode64(text, length) {
  const out = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length && o < length; i++) {
    acc = ((acc << 6) | VALUE[text.charCodeAt(i)]) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

const SHAPE = /^\$(2[aby])\$([0-9]{2})\$([./A-Za-z0-9]{53})$/;

// @return { prefix: '2a' | '2b' | '2y', variant, cost, salt (16 bytes), setting (the first 29
// characters, the salt written canonically), hash (the 31 characters stored) }
// @throws TypeError (ERR_PARAHASH_INVALID_ARG) for a non-string or a malformed string;
// RangeError (ERR_PARAHASH_INVALID_ARG) for a cost outside 4..31; ERR_PARAHASH_UNSUPPORTED for
// $2x$ and $2$.
function parseBcrypt(text, name = 'hash') {
  if (typeof text !== 'string') throw invalidArg(`The "${name}" argument must be a string; received ${describe(text)}`);
  const match = SHAPE.exec(text);
  if (match === null) {
    if (/^\$2x?\$/.test(text)) {
      throw unsupported(`${text.slice(0, 4) === '$2x$' ? '$2x$' : '$2$'} bcrypt hashes are not supported: ${text.slice(0, 4) === '$2x$'
        ? 'PHP marks with $2x$ the hashes of crypt_blowfish\'s 8-bit bug, which parahash does not reproduce'
        : 'the original $2$ scheme keyed without the NUL, which parahash does not reproduce'}; verify them with a library that does, or reset those passwords`);
    }
    if (!/^\$2[aby]\$/.test(text)) {
      throw invalidArg(`Not a bcrypt hash: it must start with $2a$, $2b$ or $2y$; received ${JSON.stringify(text.slice(0, 8))}`);
    }
    throw invalidArg(`A bcrypt hash is ${LENGTH} characters: $2b$, two digits of cost, $, then 53 of ./A-Za-z0-9; received ${text.length} characters${text.length === LENGTH ? ' that are not of that shape' : ''}`);
  }
  const [, prefix, digits, rest] = match;
  const cost = Number(digits);
  if (cost < MIN_COST || cost > MAX_COST) throw outOfRange(`The bcrypt cost must be from ${MIN_COST} to ${MAX_COST}; received ${digits}`);
  const salt = decode64(rest.slice(0, 22), SALT_BYTES);
  return { prefix, variant: VARIANTS[prefix], cost, salt, setting: `$${prefix}$${digits}$${encode64(salt)}`, hash: rest.slice(22) };
}

// The string for a derivation. @param prefix '2a' | '2b' | '2y'
function formatBcrypt(prefix, cost, salt, hash) {
  return `$${prefix}$${String(cost).padStart(2, '0')}$${encode64(salt)}${encode64(hash.subarray(0, HASH_BYTES))}`;
}

// Does the string derived for a verify equal the stored one? Every character is visited, with
// xor/or and no branch on their values (the strings' lengths are public: both are 60). The
// setting is compared too, so that a stored salt written with stray low bits does not verify,
// as the bcrypt and bcryptjs packages compare whole strings.
function sameString(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const HASH_OPTIONS = new Set(['cost', 'rounds', 'salt', 'signal', 'timeout']);
const VERIFY_OPTIONS = new Set(['signal', 'timeout']);

// @return { cost, salt (16 bytes, or undefined: draw one), signal, timeout } from
// bcryptHash's options. `rounds` is the bcrypt package's name for the cost (log2 of the rounds).
function checkBcryptHashOptions(options) {
  const o = readOptions(options, HASH_OPTIONS, 'pool.bcryptHash');
  if (o.cost !== undefined && o.rounds !== undefined) {
    throw exclusive('options.cost', 'options.rounds', 'rounds is the bcrypt package\'s name for the cost');
  }
  const cost = integerOption(o.cost ?? o.rounds ?? DEFAULT_COST, o.rounds === undefined ? 'options.cost' : 'options.rounds', MIN_COST, MAX_COST);
  let salt;
  if (o.salt !== undefined) {
    salt = toBytes(o.salt, 'options.salt');
    if (salt.byteLength !== SALT_BYTES) {
      throw outOfRange(`The "options.salt" property must be ${SALT_BYTES} bytes long; received ${salt.byteLength} bytes`);
    }
    salt = new Uint8Array(salt);
  }
  return Object.assign(Object.create(null), { cost, salt, signal: o.signal, timeout: o.timeout });
}

function checkBcryptVerifyOptions(options, what = 'pool.bcryptVerify') {
  const o = readOptions(options, VERIFY_OPTIONS, what);
  return Object.assign(Object.create(null), { signal: o.signal, timeout: o.timeout });
}

module.exports = {
  parseBcrypt, formatBcrypt, sameString, encode64, decode64, checkBcryptHashOptions, checkBcryptVerifyOptions,
  VARIANTS, SALT_BYTES, HASH_BYTES, DEFAULT_COST, MIN_COST, MAX_COST,
};
