'use strict';
// Argon2 PHC strings: $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>. Formatting, strict parsing,
// the salt, the options of pool.argon2Hash/argon2Verify, and the tag comparison. No heap, no
// engine: pool.js computes the tag.
//
// What is written is what the reference C implementation (P-H-C/phc-winner-argon2, encoding.c
// encode_string) writes: type, v=19, then m, t, p in that order, salt and hash in standard
// base64 without padding. When associated data was given, a `data=<base64>` parameter follows p,
// as the `argon2` npm package writes it (the reference has no field for it, and a hash made with
// associated data cannot be verified without it).
//
// What is read (checked against `argon2` 0.45 and `@node-rs/argon2` 2.x, which both accept it):
// m, t and p exactly once each in any order (the `argon2` npm package writes m,p,t), optionally
// data=<base64> (the associated data) and keyid=<base64> (a label for the secret; the secret
// itself comes from options.secret, so keyid is checked and otherwise ignored). Everything else
// is refused with ERR_PARAHASH_INVALID_ARG: another type or spelling, a missing `v=`
// (the reference reads that as version 0x10, Argon2 1.0, which this engine does not implement),
// any version but 19, unknown or repeated parameters, decimals with leading zeros, signs or more
// than 32 bits, base64 with padding, foreign characters or stray bits, a salt under 8 bytes, a
// hash under 4 bytes, and parameters outside RFC 9106's ranges or beyond the WebAssembly heap.

const { invalidArg, outOfRange, unsupported } = require('../args/errors');
const { describe } = require('../args/input');
const { encode } = require('../args/encoding');
const { TYPES } = require('./argon2-options');
const { readOptions, KNOWN } = require('../args/options');
const { integerOption, oneOf } = require('../args/checks');

const VERSION = 0x13;
const MIN_SALT = 8;
const MIN_HASH = 4;
const DEFAULT_SALT_LENGTH = 16; // as the reference's CLI recommends and both npm packages use
const MAX_SALT_LENGTH = 1024; // longer random salts add nothing
const UINT32_MAX = 2 ** 32 - 1;
// The most a verifiable hash may ask for: the WebAssembly heap never holds more than 2 GiB
// (js/engine/jobs.js), so a PHC string whose m is more can never verify here; refusing it up front
// also keeps a hostile string from making the pool try. m KiB bounds Argon2's block memory from
// above (it is m rounded down to whole 4p-block segments), so no copy of the engine's formula is
// needed here: parsePhc runs with no pool, and what a verify that gets past it holds is the
// engine's own figure (src/kdf/argon2.cpp argon2_memory_bytes, through planDerive). The cost: a
// string within 4p KiB of 2 GiB is refused here rather than by the heap.
const MAX_MEMORY_KIB = 2 ** 21;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;

// Standard base64 (RFC 4648 §4) without padding, as the reference writes it.
const toB64 = (bytes) => encode(bytes, 'base64').replace(/=+$/, '');

// The inverse of toB64, strictly: only the 64 characters, no padding, no length that leaves a
// lone 6-bit group, and the unused low bits of the last character zero (the reference's
// from_base64 refuses the same), so each byte string has exactly one spelling.
function fromB64(text, what) {
  if (text.length % 4 === 1) throw invalidArg(`${what} is not valid base64 (length ${text.length})`);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c] : -1;
    if (v < 0) {
      throw invalidArg(`${what} is not valid base64 without padding (character ${JSON.stringify(text[i])} at ${i})`);
    }
    acc = ((acc << 6) | v) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw invalidArg(`${what} is not canonical base64 (stray bits at the end)`);
  return out;
}

// A PHC decimal: digits only, no leading zero, at most 2^32 - 1 (the reference's DECIMAL_U32).
function decimal(text, name) {
  if (!/^(0|[1-9][0-9]{0,9})$/.test(text) || Number(text) > UINT32_MAX) {
    throw invalidArg(`The PHC parameter ${name} must be a decimal from 0 to ${UINT32_MAX} without leading zeros; received ${JSON.stringify(text.slice(0, 20))}`);
  }
  return Number(text);
}

// @param o { type, memoryCost, timeCost, parallelism, associatedData?, salt, hash }
// @return the PHC string
function formatPhc({ type, memoryCost, timeCost, parallelism, associatedData, salt, hash }) {
  const data = associatedData && associatedData.byteLength > 0 ? `,data=${toB64(associatedData)}` : '';
  return `$${type}$v=${VERSION}$m=${memoryCost},t=${timeCost},p=${parallelism}${data}$${toB64(salt)}$${toB64(hash)}`;
}

// @return { type, memoryCost, timeCost, parallelism, associatedData, keyid, salt, hash }
// @throws ERR_PARAHASH_INVALID_ARG (TypeError for malformed text, RangeError for values out of
// range) — see the header for what is accepted.
function parsePhc(phc) {
  if (typeof phc !== 'string') throw invalidArg(`The "phc" argument must be a string; received ${describe(phc)}`);
  const fields = phc.split('$');
  if (fields[0] !== '' || !Object.hasOwn(TYPES, fields[1] ?? '')) {
    throw invalidArg(`Not an Argon2 PHC string: it must start with $argon2id$, $argon2i$ or $argon2d$; received ${JSON.stringify(phc.slice(0, 12))}`);
  }
  const type = fields[1];
  if (fields.length === 5 && fields[2].startsWith('m=')) {
    throw invalidArg('The PHC string has no v= field, which means Argon2 version 0x10 (1.0); parahash implements only version 0x13 (v=19): rehash such passwords with a library that has 0x10');
  }
  if (fields.length !== 6) {
    throw invalidArg(`A PHC string has 5 $-separated fields ($type$v=19$params$salt$hash); received ${fields.length - 1}`);
  }
  const [, , versionField, paramsField, saltField, hashField] = fields;
  const version = /^v=([0-9]+)$/.exec(versionField);
  if (!version) throw invalidArg(`The PHC version field must be v=19; received ${JSON.stringify(versionField.slice(0, 20))}`);
  if (version[1] !== String(VERSION)) {
    throw invalidArg(`Argon2 version v=${version[1].slice(0, 10)} is not supported: parahash implements only version 0x13 (v=19)${version[1] === '16' ? '; 0x10 (Argon2 1.0) hashes need a library that still has it' : ''}`);
  }

  const params = new Map();
  for (const pair of paramsField.split(',')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!['m', 't', 'p', 'keyid', 'data'].includes(name)) {
      throw invalidArg(`Unknown PHC parameter ${JSON.stringify(name.slice(0, 20))}: Argon2 takes m, t, p and optionally keyid and data`);
    }
    if (eq < 0) throw invalidArg(`The PHC parameter ${name} has no value`);
    if (params.has(name)) throw invalidArg(`The PHC parameter ${name} appears twice`);
    params.set(name, pair.slice(eq + 1));
  }
  for (const name of ['m', 't', 'p']) {
    if (!params.has(name)) throw invalidArg(`The PHC string lacks the parameter ${name}`);
  }
  const memoryCost = decimal(params.get('m'), 'm');
  const timeCost = decimal(params.get('t'), 't');
  const parallelism = decimal(params.get('p'), 'p');
  const associatedData = params.has('data') ? fromB64(params.get('data'), 'The PHC parameter data') : new Uint8Array(0);
  const keyid = params.has('keyid') ? fromB64(params.get('keyid'), 'The PHC parameter keyid') : undefined;
  const salt = fromB64(saltField, 'The PHC salt');
  const hash = fromB64(hashField, 'The PHC hash');

  // RFC 9106 section 3.1's ranges.
  if (parallelism < 1 || parallelism > 2 ** 24 - 1) throw outOfRange(`The PHC parameter p must be from 1 to ${2 ** 24 - 1}; received ${parallelism}`);
  if (timeCost < 1) throw outOfRange('The PHC parameter t must be at least 1; received 0');
  if (memoryCost < 8 * parallelism) throw outOfRange(`The PHC parameter m must be at least 8 × p = ${8 * parallelism} KiB; received ${memoryCost}`);
  if (memoryCost > MAX_MEMORY_KIB) {
    throw outOfRange(`The PHC parameter m asks for ${memoryCost} KiB; the WebAssembly heap holds at most ${MAX_MEMORY_KIB} KiB`);
  }
  if (salt.byteLength < MIN_SALT) throw outOfRange(`The PHC salt must be at least ${MIN_SALT} bytes; received ${salt.byteLength}`);
  if (hash.byteLength < MIN_HASH) throw outOfRange(`The PHC hash must be at least ${MIN_HASH} bytes; received ${hash.byteLength}`);
  return { type, memoryCost, timeCost, parallelism, associatedData, keyid, salt, hash };
}

// `length` bytes from the platform's CSPRNG: WebCrypto's getRandomValues, a global in Node ≥ 19
// and in browsers and workers alike (it fills at most 65,536 bytes per call). Node can run with
// the global turned off (--no-experimental-global-webcrypto, or an application that deleted
// it): there node:crypto's randomFillSync, reached through process.getBuiltinModule (so that
// this file stays free of a require a browser bundle would have to resolve), gives the bytes.
// @throws ERR_PARAHASH_UNSUPPORTED where neither exists.
function randomSalt(length) {
  const salt = new Uint8Array(length);
  const webcrypto = globalThis.crypto;
  if (typeof webcrypto?.getRandomValues === 'function') {
    for (let i = 0; i < length; i += 65536) webcrypto.getRandomValues(salt.subarray(i, Math.min(length, i + 65536)));
    return salt;
  }
  const nodeCrypto = nodeBuiltin('node:crypto');
  if (typeof nodeCrypto?.randomFillSync === 'function') return nodeCrypto.randomFillSync(salt);
  throw unsupported('argon2Hash draws its salt from WebCrypto\'s crypto.getRandomValues, which this platform lacks ' +
    '(globalThis.crypto is gone); hash with pool.argon2id(password, salt, options) and a salt of your own');
}

// A Node built-in module without a require() in this file, or undefined outside Node (and in
// Node releases before 20.16, which lack process.getBuiltinModule).
function nodeBuiltin(name) {
  try {
    const get = globalThis.process?.getBuiltinModule;
    return typeof get === 'function' ? get.call(globalThis.process, name) : undefined;
  } catch {
    return undefined;
  }
}

// Do the two tags match? Runs in time that depends on their length only. A tag's length is
// public (the PHC string states it, and the computed tag is made that long, so the length test
// never fails in argon2Verify); the bytes are visited all, with xor/or and no branch on their
// values, so neither an early return nor a short-circuit tells how many leading bytes matched.
// Why JS and not a C++ compare in src/support: both tags are already JS arrays here, and the
// WebAssembly version would add two heap copies and a synchronous engine crossing to compare
// 32 bytes; V8 compiles either to the same branch-free loop. (node:crypto's timingSafeEqual is
// Node-only, and this file must also run in browsers.)
function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// Options pool.argon2Hash passes to argon2 itself, less the ones only it reads.
const HASH_ONLY = ['type', 'saltLength'];
// Names argon2Hash and argon2Verify refuse with a message that says why, beyond "unknown".
const NOT_FOR_HASH = ['salt', 'raw', 'encoding'];
const NOT_FOR_VERIFY = ['type', 'memoryCost', 'timeCost', 'parallelism', 'hashLength', 'associatedData', 'salt', 'saltLength', 'encoding'];

// @return { type, saltLength, argon2Options } from argon2Hash's options (own properties;
// argon2Options are checked by checkArgon2 later, like argon2id's).
function checkHashOptions(options) {
  const o = readOptions(options, KNOWN.argon2Hash, 'pool.argon2Hash', new Set(NOT_FOR_HASH));
  const type = oneOf(o.type ?? 'argon2id', 'options.type', Object.keys(TYPES));
  const saltLength = integerOption(o.saltLength ?? DEFAULT_SALT_LENGTH, 'options.saltLength', MIN_SALT, MAX_SALT_LENGTH);
  // The salt is always fresh from the CSPRNG, and the result always a string: accepting these
  // and ignoring them would surprise someone coming from the argon2 package's { salt, raw }.
  for (const name of NOT_FOR_HASH) {
    if (o[name] !== undefined) {
      throw invalidArg(`pool.argon2Hash takes no options.${name}: it draws a fresh ${saltLength}-byte salt (options.saltLength) and returns a PHC string; pool.${type}(password, salt, options) gives the raw tag`);
    }
  }
  const argon2Options = Object.create(null);
  for (const name of Object.keys(o)) if (!HASH_ONLY.includes(name)) argon2Options[name] = o[name];
  return { type, saltLength, argon2Options };
}

// argon2Verify takes secret, signal and onProgress; the Argon2 parameters come from the string.
function checkVerifyOptions(options) {
  const o = readOptions(options, KNOWN.argon2Verify, 'pool.argon2Verify', new Set(NOT_FOR_VERIFY));
  for (const name of NOT_FOR_VERIFY) {
    if (o[name] !== undefined) {
      throw invalidArg(`pool.argon2Verify takes no options.${name}: the parameters come from the PHC string (only secret, signal, timeout and onProgress are options)`);
    }
  }
  return Object.assign(Object.create(null), { secret: o.secret, signal: o.signal, timeout: o.timeout, onProgress: o.onProgress });
}

module.exports = {
  formatPhc, parsePhc, randomSalt, constantTimeEqual, checkHashOptions, checkVerifyOptions, toB64, fromB64,
  DEFAULT_SALT_LENGTH,
};
