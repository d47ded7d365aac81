'use strict';
// Digest → string, without Buffer so the same code runs in browsers.

const { invalidArg } = require('./errors');

const ENCODINGS = new Set(['hex', 'base64', 'base64url']);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// @return the encoding, or undefined for raw bytes. @throws ERR_PARAHASH_INVALID_ARG.
function checkEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === 'buffer') return undefined;
  if (!ENCODINGS.has(encoding)) {
    throw invalidArg(`Unknown encoding ${JSON.stringify(encoding)}: use 'hex', 'base64' or 'base64url'`);
  }
  return encoding;
}

function encode(bytes, encoding) {
  if (encoding === undefined) return bytes;
  if (encoding === 'hex') {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
    return s;
  }
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    s += B64[n >> 18] + B64[(n >> 12) & 63] + (rest === 2 ? B64[(n >> 6) & 63] : '=') + '=';
  }
  // base64url (RFC 4648 §5) drops the padding, as Node's Buffer does.
  return encoding === 'base64' ? s : s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

module.exports = { checkEncoding, encode };
