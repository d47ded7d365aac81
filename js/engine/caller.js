'use strict';
// What every kind of job owes its caller at both ends: the inputs as the caller gave them, and an
// engine stop reported as the caller's abort.

const { codes, abortError } = require('../args/errors');
const { checkIntact } = require('../args/input');

// The bytes of an input, once it is certain the caller has not detached or resized them since
// the call began.
function intactBytes(input) {
  checkIntact(input.bytes, input.length, input.name, input.index);
  return input.bytes;
}

// An engine refusal or a stop, seen by a call whose signal aborted, becomes that abort.
function asAbort(error, signal) {
  if (error?.code === codes.ABORTED && (signal === undefined || signal.aborted)) return abortError(signal?.reason);
  return error;
}

module.exports = { intactBytes, asAbort };
