'use strict';
// The dedicated Worker of a page that is not cross-origin isolated: it runs the module built
// without threads (dist/browser/parahash-single.mjs) behind the WasmBackend, and answers the
// operations that js/remote/worker-channel.js posts. The page's Pool has already validated every
// argument; what can still fail here (the engine's own checks, memory, aborts) goes back as a
// code.
//
// Operations arrive in batches ({ ops: [[op, id, args], …] }) and answers leave in batches,
// one postMessage per turn of this worker's loop, with the engine's stats.

const { WasmBackend } = require('../engine/backend');
const { InputList } = require('../args/input');
const { browserBase, loadFailed, fetchWasm, explainScript, FIX } = require('./browser-common');

const base = browserBase();
let backend = null;
let crashed = null;
const controllers = new Map(); // call id → AbortController
const streams = new Map(); // stream id → { handle, chain }
let nextStream = 1;
let replies = [];
let transfer = [];
let flushQueued = false;

function wireError(error) {
  if (error?.name === 'AbortError') return { abort: true, message: String(error.cause ?? error.message) };
  const base = error instanceof TypeError ? 'TypeError' : error instanceof RangeError ? 'RangeError' : 'Error';
  return { code: error?.code, message: String(error?.message ?? error), name: error?.name ?? 'Error', base };
}

function flush() {
  flushQueued = false;
  const message = { replies, stats: backend ? backend.stats() : undefined };
  const moving = transfer;
  replies = [];
  transfer = [];
  self.postMessage(message, moving);
}

function reply(entry, moving) {
  replies.push(entry);
  if (moving) transfer.push(...moving);
  if (!flushQueued) {
    flushQueued = true;
    base.schedule(flush);
  }
}

// A result's bytes in a buffer of their own, moved rather than copied.
function movable(value) {
  if (value instanceof Uint8Array) {
    const own = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
    return [own, [own.buffer]];
  }
  return [value, undefined];
}

function answer(id, work) {
  let result;
  try {
    result = work();
  } catch (error) {
    controllers.delete(id);
    reply([id, false, wireError(error)]);
    return;
  }
  Promise.resolve(result).then((value) => {
    controllers.delete(id);
    const [v, moving] = movable(value);
    reply([id, true, v], moving);
  }, (error) => {
    controllers.delete(id);
    reply([id, false, wireError(error)]);
  });
}

// A signal for a call the page can abort (it said so), else none.
function signalFor(id, abortable) {
  if (!abortable) return undefined;
  const controller = new AbortController();
  controllers.set(id, controller);
  return controller.signal;
}

// A stream's operations run one after another, in the order they were posted.
function onStream(sid, work) {
  const stream = streams.get(sid);
  if (!stream) return Promise.reject(new Error('unknown stream'));
  const next = stream.chain.then(() => work(stream.handle));
  stream.chain = next.catch(() => {});
  return next;
}

function inputsOf(packed) {
  const count = packed.lengths.length;
  const list = new InputList(count, packed.name, packed.maxLength);
  const strings = new Map(packed.strings);
  for (let i = 0, at = 0; i < count; i++) {
    if (strings.has(i)) {
      list.set(i, strings.get(i));
    } else {
      list.set(i, packed.bytes.subarray(at, at + packed.lengths[i]));
      at += packed.lengths[i];
    }
  }
  return list;
}

const NOOP = () => {};

const operations = {
  init: (id, [urls]) => answer(id, async () => {
    let factory;
    try {
      factory = (await import(/* webpackIgnore: true */ /* @vite-ignore */ urls.glue)).default;
    } catch (cause) {
      throw loadFailed(`parahash could not load its module: ${await explainScript(urls.glue, 'module')}. ${FIX}.`, cause);
    }
    // Fetched here, so that a missing file or a page in its place says so (js/load/browser-common.js).
    const wasmBinary = await fetchWasm(urls.wasm, 'parahash-single.wasm');
    const platform = {
      ...base,
      isolated: false,
      threaded: false,
      defaultThreads: () => 1,
      instantiate: ({ onAbort }) => factory({ wasmBinary, locateFile: () => urls.wasm, onAbort, print: NOOP, printErr: NOOP }),
      terminate: NOOP,
      refWorkers: NOOP,
    };
    backend = await WasmBackend.start(platform, {
      threads: 1,
      onCrash: (what) => {
        crashed = what;
        self.postMessage({ crash: String(what?.message ?? what ?? 'the engine stopped') });
      },
      live: () => crashed === null,
      failure: () => crashed,
      busy: NOOP,
    });
    return { kernels: backend.kernels, kdfs: backend.kdfs };
  }),
  hash: (id, [kernel, params, input], abortable) =>
    answer(id, () => backend.hash(kernel, input, params, signalFor(id, abortable), undefined, NOOP)),
  hmac: (id, [kernel, key, input], abortable) =>
    answer(id, () => backend.hmac(kernel, key, input, signalFor(id, abortable), undefined, NOOP)),
  many: (id, [kernel, packed, params], abortable) =>
    answer(id, () => backend.hashMany(kernel, inputsOf(packed), params, signalFor(id, abortable), undefined)),
  open: (id, [kernel, params, key, options]) => answer(id, async () => {
    const handle = await backend.openStream(kernel, params, key, undefined, options);
    const sid = nextStream++;
    streams.set(sid, { handle, chain: Promise.resolve() });
    return sid;
  }),
  push: (id, [sid, bytes]) => answer(id, () => onStream(sid, (h) => h.push(bytes))),
  end: (id, [sid]) => answer(id, () => onStream(sid, (h) => h.end())),
  clone: (id, [sid, cloneLength]) => answer(id, () => onStream(sid, async (h) => {
    const copy = await h.clone(undefined, cloneLength);
    const cloneSid = nextStream++;
    streams.set(cloneSid, { handle: copy, chain: Promise.resolve() });
    return cloneSid;
  })),
  stop: (id, [sid]) => streams.get(sid)?.handle.stop(),
  sclose: (id, [sid]) => answer(id, () => onStream(sid, async (h) => {
    streams.delete(sid);
    await h.close();
  })),
  derive: (id, [plan, wantsProgress], abortable) => answer(id, () => {
    const checked = backend.planDerive(plan.name, plan.parameters, plan.inputs, plan.outLength);
    const progress = wantsProgress ? (passesDone) => reply([id, 'progress', passesDone]) : undefined;
    return backend.derive(checked, signalFor(id, abortable), progress);
  }),
  abort: (id) => controllers.get(id)?.abort(),
  crash: (id, [how]) => backend.crashForTesting(how),
  close: () => {
    backend.close();
    flush();
    self.close();
  },
};

self.onmessage = (event) => {
  for (const [op, id, args, abortable] of event.data.ops) {
    try {
      operations[op](id, args, abortable);
    } catch (error) {
      if (id) reply([id, false, wireError(error)]);
    }
  }
};
