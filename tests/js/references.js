'use strict';
// An independent implementation for every registered algorithm: node:crypto where it has the
// algorithm, node:zlib for CRC-32, hash-wasm for CRC-32C and xxHash. @return hex, or undefined
// if none.
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const hashWasm = require('hash-wasm');

const nodeHashes = new Set(crypto.getHashes());

async function referenceHex(name, data, outputLength) {
  if (outputLength === 0) return ''; // an empty output is empty whatever the algorithm (hash-wasm refuses 0)
  if (nodeHashes.has(name)) {
    return crypto.createHash(name, outputLength === undefined ? undefined : { outputLength }).update(data).digest('hex');
  }
  if (name === 'crc32') return zlib.crc32(data).toString(16).padStart(8, '0');
  if (name === 'crc32c') return hashWasm.crc32(data, 0x82f63b78);
  if (name === 'xxh32') return hashWasm.xxhash32(data);
  if (name === 'xxh64') return hashWasm.xxhash64(data);
  if (name === 'xxh3') return hashWasm.xxhash3(data);
  if (name === 'xxh128') return hashWasm.xxhash128(data);
  if (name === 'blake3') return hashWasm.blake3(data, 8 * (outputLength ?? 32));
  return undefined;
}

module.exports = { referenceHex };
