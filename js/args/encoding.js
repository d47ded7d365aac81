'use strict';
// Digest → string without Buffer, for browsers (Node's platform uses Buffer's own toString).
// Strings are built as ASCII bytes and decoded once, so the result is one flat string made in
// O(n): `s +=` a byte at a time made ropes that held 167 MiB for 200,000 hex digests.

const { invalidArg } = require('./errors');
const { describe } = require('./input');

const ENCODINGS = ['hex', 'base64', 'base64url'];
const HEX = new TextEncoder().encode('0123456789abcdef');
const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const B64URL = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const ascii = new TextDecoder('latin1');

// @return the encoding, or undefined for raw bytes. @throws ERR_PARAHASH_INVALID_ARG.
function checkEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === 'buffer') return undefined;
  if (typeof encoding !== 'string' || !ENCODINGS.includes(encoding)) {
    throw invalidArg(`Unknown encoding ${describe(encoding)}: use 'hex', 'base64', 'base64url' or 'buffer'`);
  }
  return encoding;
}

function encode(bytes, encoding) {
  if (encoding === undefined) return bytes;
  if (encoding === 'hex') {
    const out = new Uint8Array(bytes.length * 2);
    for (let i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[bytes[i] >> 4];
      out[2 * i + 1] = HEX[bytes[i] & 15];
    }
    return ascii.decode(out);
  }
  // base64url (RFC 4648 §5) drops the padding, as Node's Buffer does.
  const url = encoding === 'base64url';
  const table = url ? B64URL : B64;
  const full = Math.floor(bytes.length / 3) * 3;
  const rest = bytes.length - full;
  const out = new Uint8Array((full / 3) * 4 + (rest === 0 ? 0 : url ? rest + 1 : 4));
  let o = 0;
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = table[n >> 18];
    out[o++] = table[(n >> 12) & 63];
    out[o++] = table[(n >> 6) & 63];
    out[o++] = table[n & 63];
  }
  if (rest > 0) {
    const n = (bytes[full] << 16) | (rest === 2 ? bytes[full + 1] << 8 : 0);
    out[o++] = table[n >> 18];
    out[o++] = table[(n >> 12) & 63];
    if (rest === 2) out[o++] = table[(n >> 6) & 63];
    else if (!url) out[o++] = 61; // '='
    if (!url) out[o++] = 61;
  }
  return ascii.decode(out);
}

module.exports = { checkEncoding, encode };
