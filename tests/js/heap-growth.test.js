'use strict';
// The shared heap grows to nearly 2 GiB, and worker threads read data placed in the grown part.
// Uses the engine directly: the public API streams inputs and never needs that much heap.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { nodePlatform } = require('../../js/load/node');
const { CompletionBridge } = require('../../js/engine/bridge');
const { Heap } = require('../../js/engine/heap');
const { turnBudgetFor } = require('../../js/engine/turns');
const { sha256 } = require('./helpers');

test('heap grows past 1.75 GiB and workers hash bytes stored at the top', async () => {
  const module = await nodePlatform.instantiate({ threads: 2, onAbort: () => {} });
  const engine = new module.Engine(2);
  const heap = new Heap(module);
  const bridge = new CompletionBridge(heap, engine, turnBudgetFor(nodePlatform));
  await bridge.until(() => engine.startedThreads() >= 2);
  const blocks = [];
  try {
    const block = 256 << 20;
    for (let i = 0; i < 7; i++) {
      const ptr = module._malloc(block) >>> 0;
      assert.notEqual(ptr, 0, `allocation ${i + 1} of 256 MiB failed`);
      blocks.push(ptr);
    }
    const top = blocks[blocks.length - 1];
    assert.ok(top + block > 1.75 * 2 ** 30, `top block ends at ${top + block}`);
    assert.ok(heap.size >= top + block);

    const input = new Uint8Array(block);
    for (let i = 0; i < input.length; i += 997) input[i] = i & 255;
    heap.write(top, input);
    const state = engine.createState(module.resolveKernel('sha256'), 32, 0, 0, 0, 0, 0); // no key, seed 0
    const out = blocks[0];
    await bridge.submit(() => engine.submitHash(state, top, block, out, 32, 0)).done;
    assert.equal(Buffer.from(heap.read(out, 32)).toString('hex'), sha256(input));
    engine.destroyState(state);
  } finally {
    for (const ptr of blocks) module._free(ptr);
    engine.shutdown();
    engine.delete();
    for (const w of [...module.parahashRuntime.pthread.runningWorkers, ...module.parahashRuntime.pthread.unusedWorkers]) w.terminate();
  }
});
