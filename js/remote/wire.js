'use strict';
// What crosses to the fallback's Worker and back, in the shapes js/load/browser-worker.js reads
// and writes. Bytes cross as copies the size of the input (a view of a large buffer would clone
// all of it), transferred, never shared.

const { parahashError, abortError } = require('../args/errors');
const { checkIntact } = require('../args/input');

const BASES = { TypeError, RangeError, Error };

// An error as it crossed (js/load/browser-worker.js wireError), with its class and code again.
function fromWire(e) {
  if (e.abort) return abortError(e.message);
  if (!e.code) return Object.assign(new (BASES[e.base] ?? Error)(e.message), { name: e.name });
  return parahashError(e.code, e.message, { Base: BASES[e.base] ?? Error });
}

// Exactly the input's bytes, in a buffer of their own (to transfer).
const exact = (bytes, from = 0, to = bytes.byteLength) => bytes.slice(from, to);

function wireInput(input) {
  if (input.bytes === null) return { input, transfer: [] }; // a large string: cloned as it is
  const bytes = exact(input.bytes, 0, input.length);
  return { input: { ...input, bytes }, transfer: [bytes.buffer] };
}

// Every input's bytes back to back in one buffer, strings as they are (js/load/browser-worker.js
// inputsOf unpacks them). @return { packed, transfer }
function packInputs(inputs) {
  const count = inputs.count;
  let total = 0;
  for (let i = 0; i < count; i++) if (!inputs.isString(i)) total += inputs.lengths[i];
  const bytes = new Uint8Array(total);
  const lengths = new Float64Array(count);
  const strings = [];
  for (let i = 0, at = 0; i < count; i++) {
    const value = inputs.values[i];
    if (inputs.isString(i)) {
      strings.push([i, value]);
    } else {
      // The Pool validated it turns ago: it must not have been detached or resized since.
      checkIntact(value, inputs.lengths[i], inputs.name, i);
      bytes.set(value.subarray(0, inputs.lengths[i]), at);
      at += inputs.lengths[i];
    }
    lengths[i] = inputs.lengths[i];
  }
  const packed = { bytes, lengths, strings, name: inputs.name, maxLength: inputs.maxLength };
  return { packed, transfer: [bytes.buffer, lengths.buffer] };
}

module.exports = { fromWire, exact, wireInput, packInputs };
