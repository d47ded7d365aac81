'use strict';
// The two int32 cells a job shares with the main thread, src/support/job_control.hpp's
// JobControl: the host writes `stop`, the job writes `progress` (Argon2: passes done). They
// head every job's heap block; the engine is handed the block's address as `control`.

// sizeof(JobControl): wasm/bindings.cpp asserts the same figure.
const CONTROL_BYTES = 8;

// Before a job is submitted: neither stop asked nor progress made.
const resetControl = (heap, at) => heap.wipe(at, CONTROL_BYTES);

// Asks the job at `at` to stop at its next safe point (within about a millisecond of work).
const requestStop = (heap, at) => Atomics.store(heap.i32(), at >>> 2, 1);

// @return the units of progress the job has reported.
const progressOf = (heap, at) => Atomics.load(heap.i32(), (at >>> 2) + 1);

module.exports = { CONTROL_BYTES, resetControl, requestStop, progressOf };
