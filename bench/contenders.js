'use strict';
// The libraries the benchmarks compare parahash against, each as a table keyed by parahash's
// algorithm name: a name a library lacks is simply absent, and a name not (yet) in
// pool.algorithms is never asked for. Every function hashes on the calling thread, with the
// library's fastest API for repeated calls (hash-wasm: one reused hasher, not its async one-shot).
//
// A library that fails to load is reported in `unavailable` with the reason, and left out: the
// benchmarks print that instead of a column of guesses.
const crypto = require('node:crypto');
const { tryLoad } = require('./common');

// hash-wasm hasher factories (all return Promises of hashers with init/update/digest).
const HASH_WASM = {
  md5: (hw) => hw.createMD5(),
  sha1: (hw) => hw.createSHA1(),
  sha224: (hw) => hw.createSHA224(),
  sha256: (hw) => hw.createSHA256(),
  sha384: (hw) => hw.createSHA384(),
  sha512: (hw) => hw.createSHA512(),
  'sha3-224': (hw) => hw.createSHA3(224),
  'sha3-256': (hw) => hw.createSHA3(256),
  'sha3-384': (hw) => hw.createSHA3(384),
  'sha3-512': (hw) => hw.createSHA3(512),
  blake2b512: (hw) => hw.createBLAKE2b(512),
  blake2s256: (hw) => hw.createBLAKE2s(256),
  blake3: (hw) => hw.createBLAKE3(),
  crc32: (hw) => hw.createCRC32(),
  crc32c: (hw) => hw.createCRC32(0x82f63b78),
  xxh32: (hw) => hw.createXXHash32(),
  xxh64: (hw) => hw.createXXHash64(),
  xxh3: (hw) => hw.createXXHash3(),
  xxh128: (hw) => hw.createXXHash128(),
};

// @noble/hashes export names (legacy.js, sha2.js, sha3.js, blake2.js, blake3.js).
const NOBLE = {
  md5: 'md5', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512',
  'sha512-256': 'sha512_256', 'sha3-224': 'sha3_224', 'sha3-256': 'sha3_256', 'sha3-384': 'sha3_384',
  'sha3-512': 'sha3_512', shake128: 'shake128', shake256: 'shake256', blake2b512: 'blake2b',
  blake2s256: 'blake2s', blake3: 'blake3',
};

// WebCrypto has only the SHA-1/SHA-2 digests.
const SUBTLE = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

// @return { contenders: [{ name, async, fns: { [algorithm]: (data) => digest } }], unavailable }
//   `async` contenders return Promises; the others return the digest itself.
async function loadContenders() {
  const unavailable = {};
  const contenders = [];

  const hashWasm = await tryLoad(unavailable, 'hash-wasm', () => require('hash-wasm'));
  if (hashWasm) {
    const fns = {};
    for (const [name, create] of Object.entries(HASH_WASM)) {
      const hasher = await create(hashWasm);
      fns[name] = (data) => {
        hasher.init();
        hasher.update(data);
        return hasher.digest('binary');
      };
    }
    contenders.push({ name: 'hash-wasm', async: false, fns });
  }

  // 2.x is ESM-only: import() from CommonJS.
  const noble = await tryLoad(unavailable, '@noble/hashes', async () => Object.assign({},
    ...(await Promise.all(['legacy', 'sha2', 'sha3', 'blake2', 'blake3'].map((m) => import(`@noble/hashes/${m}.js`))))));
  if (noble) {
    contenders.push({ name: '@noble/hashes', async: false, fns: Object.fromEntries(Object.entries(NOBLE).map(([name, e]) => [name, noble[e]])) });
  }

  const nodeHashes = crypto.getHashes();
  contenders.push({
    name: 'node:crypto createHash',
    async: false,
    fns: Object.fromEntries(nodeHashes.map((name) => [name, (data) => crypto.createHash(name).update(data).digest()])),
  });
  contenders.push({
    name: 'crypto.subtle.digest',
    async: true,
    fns: Object.fromEntries(Object.entries(SUBTLE).map(([name, web]) => [name, (data) => crypto.subtle.digest(web, data)])),
  });

  // blake3-wasm's Node entry is its wasm-bindgen build for Node (the native addon is a separate
  // entry that it does not ship prebuilt).
  const blake3 = await tryLoad(unavailable, 'blake3-wasm', () => {
    const b = require('blake3-wasm');
    b.hash(new Uint8Array(1));
    return b;
  });
  if (blake3) contenders.push({ name: 'blake3-wasm', async: false, fns: { blake3: (data) => blake3.hash(data) } });

  // xxhash-wasm 1.x has XXH32 and XXH64 only (no XXH3/XXH128).
  const xxhash = await tryLoad(unavailable, 'xxhash-wasm', () => require('xxhash-wasm')());
  if (xxhash) {
    contenders.push({ name: 'xxhash-wasm', async: false, fns: { xxh32: (data) => xxhash.h32Raw(data), xxh64: (data) => xxhash.h64Raw(data) } });
  }
  return { contenders, unavailable };
}

module.exports = { loadContenders };
