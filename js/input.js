'use strict';
// Turns every accepted input shape into a Uint8Array view without copying (strings: UTF-8).

const { invalidArg } = require('./errors');

const utf8 = new TextEncoder();
const tag = (v) => Object.prototype.toString.call(v);

// Uint8Array (Buffer included), any ArrayBuffer view, ArrayBuffer, SharedArrayBuffer or string.
// Checks use tags rather than instanceof so values from another realm (vm, iframe) work too.
function toBytes(value, name) {
  if (typeof value === 'string') return utf8.encode(value);
  if (ArrayBuffer.isView(value)) {
    return value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  const t = tag(value);
  if (t === '[object ArrayBuffer]' || t === '[object SharedArrayBuffer]') return new Uint8Array(value);
  throw invalidArg(
    `The "${name}" argument must be a string, Uint8Array, Buffer, TypedArray, DataView or ArrayBuffer; received ${describe(value)}`,
  );
}

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  if (typeof value === 'function') return 'a function';
  return `type ${typeof value} (${String(value).slice(0, 30)})`;
}

module.exports = { toBytes, describe };
