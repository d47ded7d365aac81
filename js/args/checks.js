'use strict';
// The validators every method shares, with one message style (Node's: the name in quotes, a
// TypeError for the wrong type, a RangeError for a value out of range). Each error carries
// ERR_PARAHASH_INVALID_ARG.

const { invalidArg, outOfRange } = require('./errors');
const { describe } = require('./input');

// `name` as Node's messages show it: "options.x" is a property, anything else an argument.
const what = (name) => `The "${name}" ${name.startsWith('options.') ? 'property' : 'argument'}`;

// @return `value`, an integer in [min, max]. @throws TypeError for a non-integer, RangeError out of range.
function integerOption(value, name, min, max) {
  if (!Number.isInteger(value)) throw invalidArg(`${what(name)} must be an integer; received ${describe(value)}`);
  if (value < min || value > max) throw outOfRange(`${what(name)} must be from ${min} to ${max}; received ${value}`);
  return value;
}

// A listener option (onProgress, locateFile): a function, or absent.
function checkListener(listener, name) {
  if (listener !== undefined && typeof listener !== 'function') {
    throw invalidArg(`${what(name)} must be a function; received ${describe(listener)}`);
  }
  return listener;
}

// A switch option (hostCrypto): true or false, nothing truthy in their place.
function checkBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArg(`${what(name)} must be a boolean; received ${describe(value)}`);
  return value;
}

module.exports = { integerOption, checkListener, checkBoolean };
