'use strict';
// Digest → string without Buffer, for browsers (Node's platform uses Buffer's own toString).
// Strings are built as ASCII bytes and decoded once, so the result is one flat string made in
// O(n): `s +=` a byte at a time made ropes that held 167 MiB for 200,000 hex digests.

const { invalidArg } = require('./errors');
const { describe } = require('./input');

const ENCODINGS = ['hex', 'base64', 'base64url', 'latin1'];
// node:crypto's digest() takes 'binary' as another name of 'latin1' (one character per byte).
const ALIASES = new Map([['binary', 'latin1']]);
const LATIN1_SLICE = 8192; // characters per String.fromCharCode call (its argument count is bounded)
const HEX = new TextEncoder().encode('0123456789abcdef');
const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const B64URL = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const ascii = new TextDecoder('latin1');

// @return the encoding ('binary' as 'latin1'), or undefined for raw bytes.
// @throws ERR_PARAHASH_INVALID_ARG.
function checkEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === 'buffer') return undefined;
  const name = ALIASES.get(encoding) ?? encoding;
  if (typeof name !== 'string' || !ENCODINGS.includes(name)) {
    throw invalidArg(`Unknown encoding ${describe(encoding)}: use 'hex', 'base64', 'base64url', 'latin1' (or 'binary') or 'buffer'`);
  }
  return name;
}

// One character per byte, U+0000..U+00FF, as Buffer's 'latin1' gives it. Not TextDecoder's
// 'latin1': the Encoding Standard maps that label to windows-1252, which turns 0x80..0x9f into
// other characters (0x80 → U+20AC).
function latin1(bytes) {
  let out = '';
  for (let at = 0; at < bytes.length; at += LATIN1_SLICE) {
    out += String.fromCharCode.apply(null, bytes.subarray(at, Math.min(bytes.length, at + LATIN1_SLICE)));
  }
  return out;
}

function encode(bytes, encoding) {
  if (encoding === undefined) return bytes;
  if (encoding === 'latin1') return latin1(bytes);
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
