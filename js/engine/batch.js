'use strict';
// hashMany's batches: many small inputs, one engine job (one crossing) per batch, fanned out
// over every thread. Heap layout of a batch, one block:
//   [control: 2 × int32 | offsets: (count + 1) × uint32 | digests: count × digestLength | bytes]
// A batch is bounded by what it holds in and out (BATCH_BYTES), so a batch's digests can never
// outgrow its block: 256 inputs asking for 16 MiB digests once wrapped a 32-bit size and wrote
// past the heap. An input whose bytes or digest alone exceed the bounds streams on its own.

const { heapBytes, align } = require('./sizes');
const { checkIntact } = require('../args/input');
const { blockSize } = require('./arena');
const { CONTROL_BYTES, resetControl } = require('./job-control');

const BATCH_BYTES = 8 * 1024 * 1024;
// At most this many inputs per batch: copying one in is one stretch of main-thread work, and
// 16,384 took 15–28 ms (4,096: 4–7 ms, at the same throughput).
const BATCH_COUNT = 4096;
// A single input above this streams (EngineStream) instead of riding in a batch.
const BATCHED_INPUT_MAX = 2 * 1024 * 1024;

// Splits the inputs into batches of indices, and the indices that stream alone.
// `list`: an InputList (a large string always streams).
function planBatches(list, digestLength) {
  const batches = [];
  const alone = [];
  let current = null;
  const { lengths } = list;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i];
    const cost = length + digestLength + 4;
    if (length > BATCHED_INPUT_MAX || cost > BATCH_BYTES || list.isString(i)) {
      alone.push(i);
      continue;
    }
    if (current === null || current.bytes + cost > BATCH_BYTES || current.indices.length === BATCH_COUNT) {
      current = { indices: [], bytes: 0, input: 0 };
      batches.push(current);
    }
    current.indices.push(i);
    current.bytes += cost;
    current.input += length;
  }
  return { batches, alone };
}

// The block of one batch: where each part starts, and its size.
function batchLayout(batch, digestLength) {
  const count = batch.indices.length;
  const offsetsAt = CONTROL_BYTES;
  const digestsAt = offsetsAt + 4 * (count + 1);
  const bytesAt = align(digestsAt + count * digestLength, 8);
  const size = heapBytes('a hashMany batch', bytesAt, batch.input);
  return { count, offsetsAt, digestsAt, bytesAt, size, held: blockSize(size) };
}

// Copies one batch into its block (allocated here) and submits it. `list`: the call's
// InputList. @return { job, block, staged, layout, batch }.
function stageBatch(rt, kernel, params, list, batch) {
  const { heap, bridge, engine, arena } = rt;
  const layout = batchLayout(batch, params.outputLength);
  const staged = arena.take('a hashMany batch', layout.size);
  const block = staged.ptr;
  try {
    resetControl(heap, block);
    // Offsets straight into the heap: a typed array per batch would be a backing store to free.
    const u32 = heap.u32();
    const offsetsAt = (block + layout.offsetsAt) >>> 2;
    let at = 0;
    const { indices } = batch;
    const { values, lengths } = list;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      checkIntact(values[i], lengths[i], list.name, i);
      u32[offsetsAt + k] = at;
      heap.write(block + layout.bytesAt + at, values[i]);
      at += lengths[i];
    }
    u32[offsetsAt + layout.count] = at;
    const job = arena.withCopy(heap, params.secret, (secret, secretLength) =>
      bridge.submit(() => engine.submitBatch(kernel, params.outputLength, params.secretKind, secret, secretLength,
        params.seedLo, params.seedHi, block + layout.bytesAt, block + layout.offsetsAt, layout.count,
        block + layout.digestsAt, block)));
    return { job, block, staged, layout, batch };
  } catch (error) {
    arena.give(staged);
    throw error;
  }
}

// Puts a finished batch's digests into `results`, as the caller gets them (platform.results:
// encoded, or Buffers in Node).
function collectBatch(rt, staged, digestLength, encoding, results) {
  const { indices } = staged.batch;
  const digests = rt.platform.results(rt.heap.u8(), staged.block + staged.layout.digestsAt, indices.length,
    digestLength, encoding);
  for (let k = 0; k < indices.length; k++) results[indices[k]] = digests[k];
}

module.exports = { planBatches, stageBatch, collectBatch, batchLayout, BATCH_BYTES, BATCH_COUNT };
