'use strict';
// The validators every method shares, with one message style (Node's: the name in quotes, a
// TypeError for the wrong type, a RangeError for a value out of range):
//   The "options.x" property must be <rule>; received <value>
//   The "x" argument must be <rule>; received <value>
// Each error carries ERR_PARAHASH_INVALID_ARG (an input longer than its KDF takes:
// ERR_PARAHASH_INPUT_TOO_LARGE, as every too-large input). The engine's own checks of a key
// derivation (src/kdf/kdf_table.cpp Kdf::check, and each KDF's relations) write the same shape.

const { codes, parahashError, invalidArg, outOfRange } = require('./errors');
const { describe } = require('./input');

// `name` as Node's messages show it: "options.x" is a property, anything else an argument.
const what = (name) => `The "${name}" ${name.startsWith('options.') ? 'property' : 'argument'}`;

// The two shapes of every message: the wrong type (TypeError), a value out of range (RangeError).
const wrongType = (name, expected, value) => invalidArg(`${what(name)} must be ${expected}; received ${describe(value)}`);
const wrongValue = (name, rule, received) => outOfRange(`${what(name)} must be ${rule}; received ${received}`);

// @return `value`, an integer in [min, max] (any integer without them); `of` (' for
// blake2b512') says whose range it is. @throws TypeError for a non-integer, RangeError out of range.
function integerOption(value, name, min = -Infinity, max = Infinity, of = '') {
  if (!Number.isInteger(value)) throw wrongType(name, 'an integer', value);
  if (value < min || value > max) throw wrongValue(name, `from ${min} to ${max}${of}`, value);
  return value;
}

// @return `length` (bytes: a key's, a salt's), in [min, max]. @throws RangeError outside.
function byteLength(length, name, min, max, of = '') {
  if (length < min || length > max) {
    throw wrongValue(name, `${min === max ? min : `from ${min} to ${max}`} bytes long${of}`, `${length} bytes`);
  }
  return length;
}

// @return `value`, one of `choices` (strings). @throws TypeError otherwise.
function oneOf(value, name, choices) {
  if (typeof value !== 'string' || !choices.includes(value)) {
    const list = choices.map((c) => `'${c}'`);
    throw wrongType(name, `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`, value);
  }
  return value;
}

// Two options of which a call may set one (`why`: what makes them so).
function exclusive(a, b, why) {
  return invalidArg(`The "${a}" and "${b}" properties are exclusive (${why}); set one`);
}

// A listener option (onProgress, locateFile): a function, or absent.
function checkListener(listener, name) {
  if (listener !== undefined && typeof listener !== 'function') throw wrongType(name, 'a function', listener);
  return listener;
}

// A key derivation's parameters against its row of src/kdf/kdfs.def, as the engine exports it
// (kdfTable(): { name, numbers: [{ name, label, min, max }], output, inputs: [{ label, min, max }] }),
// so no range is written twice: every number (named in `parameters` as the row names it), the
// output length and each input's length (`inputs`: { length } in the row's order), each under
// the label users see. Arguments are checked before options, as node:crypto does. What no range
// states (Argon2's m ≥ 8 × p, scrypt's power of 2 and memory) the engine checks next.
// @return the numbers in the row's order. @throws as integerOption and byteLength;
// ERR_PARAHASH_INPUT_TOO_LARGE for an input longer than its range.
function checkKdfRequest(row, parameters, inputs, outLength) {
  const numbers = row.numbers.map((n) => {
    if (!Object.hasOwn(parameters, n.name)) throw parahashError(codes.INTERNAL, `${row.name} needs its parameter ${n.name}`);
    return parameters[n.name];
  });
  const checks = [
    ...row.inputs.map((range, i) => [range, () => inputLength(inputs[i]?.length ?? 0, range)]),
    ...row.numbers.map((n, i) => [n, () => integerOption(numbers[i], n.label, n.min, n.max)]),
    [row.output, () => integerOption(outLength, row.output.label, row.output.min, row.output.max)],
  ];
  for (const options of [false, true]) {
    for (const [{ label }, check] of checks) if (label.startsWith('options.') === options) check();
  }
  return numbers;
}

function inputLength(length, { label, min, max }) {
  if (length > max) {
    throw parahashError(codes.INPUT_TOO_LARGE, `${what(label)} is ${length} bytes long; this call takes at most ${max}`);
  }
  return byteLength(length, label, min, max);
}

// A switch option (hostCrypto): true or false, nothing truthy in their place.
function checkBoolean(value, name) {
  if (typeof value !== 'boolean') throw wrongType(name, 'a boolean', value);
  return value;
}

module.exports = { integerOption, byteLength, oneOf, exclusive, checkListener, checkBoolean, checkKdfRequest, wrongType, wrongValue };
