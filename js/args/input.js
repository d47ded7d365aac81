'use strict';
// Turns every accepted input shape into a plain, fixed-length Uint8Array view without copying
// (strings: UTF-8), and refuses everything that only looks like bytes.
//
// Brand checks, not tags: Symbol.toStringTag and `instanceof` can be spoofed ({
// [Symbol.toStringTag]: 'ArrayBuffer', length: 3, 0: 1, … } once hashed as [1, 2, 3], and a
// Proxy over a 1 MiB buffer as the empty input). The intrinsic getters below read internal
// slots, so they throw on anything that is not the real thing, work across realms (vm, iframes,
// jest), and a subclass or a polluted prototype cannot change what they return. They are taken
// once, when this module loads.

const { invalidArg, parahashError, codes } = require('./errors');

const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name)?.get;
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedBuffer = getter(TypedArrayPrototype, 'buffer');
const typedOffset = getter(TypedArrayPrototype, 'byteOffset');
const typedLength = getter(TypedArrayPrototype, 'byteLength');
const viewBuffer = getter(DataView.prototype, 'buffer');
const viewOffset = getter(DataView.prototype, 'byteOffset');
const viewLength = getter(DataView.prototype, 'byteLength');
const bufferLength = getter(ArrayBuffer.prototype, 'byteLength');
const bufferResizable = getter(ArrayBuffer.prototype, 'resizable');
const sharedLength = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;
const sharedGrowable = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'growable') : undefined;
const sharedMaxLength = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'maxByteLength') : undefined;
const isView = ArrayBuffer.isView;
const U8 = Uint8Array;
const utf8 = new TextEncoder();
const encodeInto = utf8.encodeInto.bind(utf8);
const call = Function.prototype.call.bind(Function.prototype.call);

// Runs a brand-checking getter; undefined when `value` lacks the brand.
function read(get, value) {
  if (get === undefined) return undefined;
  try {
    return call(get, value);
  } catch {
    return undefined;
  }
}

// @return 'shared' | 'array' | undefined: which kind of ArrayBuffer `value` really is.
function bufferKind(value) {
  if (read(bufferLength, value) !== undefined) return 'array';
  if (read(sharedLength, value) !== undefined) return 'shared';
  return undefined;
}

const plainPrototypes = [U8.prototype, globalThis.Buffer?.prototype].filter(Boolean);
const SHADOWING = ['byteLength', 'length', 'byteOffset', 'buffer'];
function isPlainBytes(value) {
  if (!plainPrototypes.includes(Object.getPrototypeOf(value))) return false;
  for (const name of SHADOWING) if (Object.hasOwn(value, name)) return false;
  return true;
}

// Can the buffer change length under a view (ES2024 resizable or growable buffers)? Asks the
// ArrayBuffer getter first: a getter that throws (the wrong kind) costs microseconds.
function isResizable(buffer) {
  const resizable = read(bufferResizable, buffer);
  if (resizable !== undefined) return resizable;
  return read(sharedGrowable, buffer) === true;
}

// A detached ArrayBuffer reports byteLength 0 and refuses to be viewed. (Node 20 has no
// ArrayBuffer.prototype.detached.)
function isDetached(buffer) {
  if (read(bufferLength, buffer) !== 0) return false;
  try {
    new U8(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

const ACCEPTED = 'a string, Uint8Array, Buffer, TypedArray, DataView or ArrayBuffer';

// @return the input as a Uint8Array over the same memory (a string is encoded to UTF-8): the
// value itself when it is a Uint8Array (Buffer) over a fixed-length buffer, else a fresh view.
// Callers read it only through the intrinsics (viewOf, TypedArray.prototype.set), never through
// its own properties.
// `maxLength` (bytes) is checked before a string is encoded, so a huge string over the limit
// costs nothing. @throws ERR_PARAHASH_INVALID_ARG (TypeError) for anything else, a detached
// buffer or a view over one included; ERR_PARAHASH_INPUT_TOO_LARGE over maxLength.
function toBytes(value, name, maxLength = Number.MAX_SAFE_INTEGER) {
  if (typeof value === 'string') return encodeString(value, name, maxLength);
  let buffer;
  let offset = 0;
  let length;
  if (isView(value)) {
    // The common case, a plain Uint8Array or Buffer of this realm over a buffer that cannot
    // change length, is used as it is: nothing of it can answer differently from its internal
    // slots. Anything else (a subclass, another realm, own properties shadowing the getters) gets
    // a fresh view made from the slots.
    if (isPlainBytes(value)) {
      buffer = call(typedBuffer, value);
      length = call(typedLength, value);
      if (!isResizable(buffer) && (length > 0 || !isDetached(buffer))) {
        checkLength(length, name, maxLength);
        return value;
      }
    }
    const typed = read(typedBuffer, value) !== undefined;
    buffer = call(typed ? typedBuffer : viewBuffer, value);
    if (isDetached(buffer)) throw detached(name);
    // A DataView past the end of a shrunk resizable buffer throws here; say so in our terms.
    offset = read(typed ? typedOffset : viewOffset, value);
    length = read(typed ? typedLength : viewLength, value);
    if (offset === undefined || length === undefined) {
      throw invalidArg(`The "${name}" argument is a view past the end of its (resized) buffer`);
    }
  } else {
    const kind = bufferKind(value);
    if (kind === undefined) throw invalidArg(`The "${name}" argument must be ${ACCEPTED}; received ${describeFake(value)}`);
    buffer = value;
    if (isDetached(buffer)) throw detached(name);
    length = call(kind === 'array' ? bufferLength : sharedLength, value);
  }
  checkLength(length, name, maxLength);
  // Always a fresh view: fixed length even over a resizable buffer, so a later shrink shows up
  // as a length change instead of quietly shortening what is read.
  return new U8(buffer, offset, length);
}

// Is `value` really bytes (a view or an ArrayBuffer of any realm), by brand, not by tag?
function isBytesLike(value) {
  return isView(value) || bufferKind(value) !== undefined;
}

const detached = (name) =>
  invalidArg(`The "${name}" argument is detached (or a view over a detached ArrayBuffer); it has no bytes to read`);

// Strings longer than this (UTF-16 units) are not encoded whole: a 500 MiB string is ~0.7 s of
// encoding in one stretch. They stream, encoded a chunk at a time (EngineStream.writeString).
const LARGE_STRING = 1024 * 1024;

// An input of a hash call: { bytes, length, name } with `length` its bytes now (checked again
// before every copy), or, for a large string, { string, length, name, maxLength } where length
// is the string's (a lower bound of its UTF-8 bytes).
// `index` (optional) names an element: `inputs[7]`. The name is only spelled out in an error, so
// 100,000 inputs cost no strings.
function toInput(value, name, maxLength = Number.MAX_SAFE_INTEGER, index = -1) {
  if (typeof value === 'string' && value.length > LARGE_STRING) {
    if (value.length > maxLength) {
      throw parahashError(codes.INPUT_TOO_LARGE,
        `The "${label(name, index)}" argument is at least ${value.length} bytes as UTF-8; this call accepts at most ${maxLength}`);
    }
    return { string: value, bytes: null, length: value.length, name, index, maxLength };
  }
  let bytes;
  try {
    bytes = toBytes(value, name, maxLength);
  } catch (error) {
    if (index >= 0 && typeof error?.message === 'string') error.message = error.message.replace(`"${name}"`, `"${label(name, index)}"`);
    throw error;
  }
  return { bytes, length: call(typedLength, bytes), name, index, maxLength: 0 };
}

// An HMAC key as the engine takes it ({ bytes, length, name, index }), copied now so it cannot
// change under the call. A large string stays a string: a key longer than the block is hashed
// first (RFC 2104), in slices like any large input, never encoded whole on this thread.
function hmacKeyInput(key) {
  const input = toInput(key, 'key');
  if (input.bytes !== null) input.bytes = new U8(input.bytes);
  return input;
}

// hashMany's inputs, column by column rather than an object each (100,000 inputs in flight were
// 100,000 objects for the garbage collector to copy): values[i] is the bytes (a Uint8Array), or
// for a large string the string itself with isString[i] set; lengths[i] the length now.
class InputList {
  constructor(count, name, maxLength) {
    this.name = name;
    this.maxLength = maxLength;
    this.values = new Array(count);
    this.lengths = new Float64Array(count);
    this.strings = null; // indices of large strings, when there are any
  }

  get count() {
    return this.values.length;
  }

  // Reads element i from `value` (checked as toInput does).
  set(i, value) {
    const input = toInput(value, this.name, this.maxLength, i);
    if (input.bytes === null) {
      this.values[i] = input.string;
      (this.strings ??= new Set()).add(i);
    } else {
      this.values[i] = input.bytes;
    }
    this.lengths[i] = input.length;
  }

  isString(i) {
    return this.strings !== null && this.strings.has(i);
  }

  // Element i as toInput gives it, for the paths that take one input.
  input(i) {
    return this.isString(i)
      ? { string: this.values[i], bytes: null, length: this.lengths[i], name: this.name, index: i, maxLength: this.maxLength }
      : { bytes: this.values[i], length: this.lengths[i], name: this.name, index: i, maxLength: 0 };
  }
}

// `name`, or `name[index]` for an element.
const label = (name, index = -1) => (index >= 0 ? `${name}[${index}]` : name);

// Is `bytes` (a Uint8Array from toBytes) still `length` bytes long? A detach, or a resizable
// buffer shrunk under a fixed-length view, drops byteLength to 0.
function intact(bytes, length) {
  return length === 0 || call(typedLength, bytes) === length;
}

// @throws ERR_PARAHASH_INVALID_ARG when the caller changed `bytes` (detached or resized it)
// between two reads of one call.
function checkIntact(bytes, length, name, index = -1) {
  if (!intact(bytes, length)) {
    throw invalidArg(`The "${label(name, index)}" argument changed while it was being hashed (it was detached or resized); ` +
      'an input must not change until its call settles');
  }
}

function checkLength(length, name, maxLength) {
  if (length > maxLength) {
    throw parahashError(codes.INPUT_TOO_LARGE,
      `The "${name}" argument is ${length} bytes; this call accepts at most ${maxLength}`);
  }
}

// UTF-8 is at least one byte per UTF-16 unit and at most three, so most strings are judged
// against maxLength by their length alone; only those in between are measured.
function encodeString(value, name, maxLength) {
  if (value.length > maxLength) {
    throw parahashError(codes.INPUT_TOO_LARGE,
      `The "${name}" argument is at least ${value.length} bytes as UTF-8; this call accepts at most ${maxLength}`);
  }
  const bytes = value.length * 3 <= maxLength ? utf8.encode(value) : encodeBounded(value, maxLength, name);
  return bytes;
}

function encodeBounded(value, maxLength, name) {
  const out = new U8(maxLength + 1);
  const { read: consumed, written } = encodeInto(value, out);
  if (consumed < value.length || written > maxLength) checkLength(maxLength + 1, name, maxLength);
  return out.subarray(0, written);
}

const BYTE_TYPES = /^(ArrayBuffer|SharedArrayBuffer|DataView|Buffer|(Big)?(Uint|Int|Float)\d+(Clamped)?Array)$/;

// describe(), flagging what claims to be bytes but failed the brand check.
function describeFake(value) {
  const text = describe(value);
  const claimed = /^an instance of (\w+)$/.exec(text);
  let tag;
  try {
    tag = typeof value === 'object' && value !== null ? value[Symbol.toStringTag] : undefined;
  } catch {
    tag = undefined;
  }
  if ((claimed && BYTE_TYPES.test(claimed[1])) || (typeof tag === 'string' && BYTE_TYPES.test(tag))) {
    return `${text} that is not one (a Proxy, or an object with a spoofed tag)`;
  }
  return text;
}

// A short, safe description of any value for an error message: never runs user code that can
// throw (getters, Proxy traps), never fails on BigInt or Symbol.
function describe(value) {
  try {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'object': {
        let name;
        try {
          const proto = Object.getPrototypeOf(value);
          const ctor = proto && Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
          name = typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name ? ctor.name : undefined;
        } catch {
          return 'an unreadable object (a revoked Proxy?)';
        }
        return name ? `an instance of ${name}` : 'an object';
      }
      case 'function': return 'a function';
      case 'symbol': return 'a symbol';
      case 'bigint': return `type bigint (${value}n)`;
      case 'string': return `type string (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
      default: return `type ${typeof value} (${String(value)})`;
    }
  } catch {
    return 'an unreadable value';
  }
}


// { buffer, offset, bufferBytes } when `bytes` (a view toBytes made) lies in a
// SharedArrayBuffer other than `except` (the pool's own heap), else undefined. bufferBytes is
// the most the buffer can hold (a growable one's maxByteLength). Read through the intrinsics,
// as viewOf.
function sharedSpan(bytes, except) {
  const buffer = call(typedBuffer, bytes);
  if (buffer === except || bufferKind(buffer) !== 'shared') return undefined;
  const bufferBytes = read(sharedGrowable, buffer) === true ? read(sharedMaxLength, buffer) : call(sharedLength, buffer);
  return { buffer, offset: call(typedOffset, bytes), bufferBytes };
}

// bytes[offset .. offset + n) as a plain Uint8Array, read through the intrinsics so that a
// subclass's overridden getters (buffer, byteOffset) cannot point elsewhere.
function viewOf(bytes, offset, n) {
  return new U8(call(typedBuffer, bytes), call(typedOffset, bytes) + offset, n);
}

module.exports = { toBytes, toInput, isBytesLike, InputList, intact, checkIntact, describe, viewOf, sharedSpan, checkLength, label, hmacKeyInput };
