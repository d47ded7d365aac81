// node:crypto's hashes for the host kernels (wasm/host_kernels.cpp), in the Node build only.
// Every thread (each pool thread is a worker_threads Worker with its own isolate; emscripten's
// Node worker sets `require` globally) gets its own table of live Hash and Hmac objects, keyed
// by small integers that C++ keeps: an object of one isolate cannot be used from another, which
// is why the engine pins a live state's pieces to its thread. The input is read as a view of
// the shared heap, with no copy (update() takes any ArrayBufferView, a SharedArrayBuffer's too).
// Nothing here may throw into WebAssembly, which cannot unwind through it: failures return 0.
var parahashHost = (function () {
  if (typeof process !== 'object' || process === null || typeof require !== 'function') return null;
  var crypto;
  try {
    crypto = require('crypto');
  } catch (e) {
    return null; // Node built without OpenSSL
  }
  var live = new Map();
  var next = 1;
  // The heap as it is now: after growth, wasmMemory.buffer is the larger buffer, while this
  // thread's HEAPU8 may still be the old view.
  var heap = function (ptr, len) {
    return new Uint8Array(wasmMemory.buffer, ptr >>> 0, len >>> 0);
  };
  var keep = function (object) {
    // Ids wrap after 2^30 opens on one thread; one still in use (a long stream's) is skipped.
    while (live.has(next)) next = next >= 0x3fffffff ? 1 : next + 1;
    var id = next;
    next = next >= 0x3fffffff ? 1 : next + 1;
    live.set(id, object);
    return id;
  };
  // A caller's SharedArrayBuffers, which this thread reads where they lie (hash_shared in
  // wasm/host_kernels.cpp). The JS main thread posts each buffer once, under a number, to a
  // BroadcastChannel of its pool (js/engine/shared-input.js), and posts its number again
  // without the buffer once the caller has let go of it. This thread never returns to its event
  // loop while it runs the pool, so it takes those messages itself, synchronously
  // (receiveMessageOnPort), whenever it needs a buffer or is asked to tend the channel; a
  // message posted before that call returned is always there. Dropping a buffer here does not
  // free its memory yet: that waits for this thread's heap to be collected, which a thread that
  // never returns to its event loop hardly does (js/engine/shared-input.js bounds what that can
  // hold). channel → { port, buffers }.
  var channels = new Map();
  var sharedBuffers = function (channel) {
    var entry = channels.get(channel);
    if (entry === undefined) {
      var threads = require('worker_threads');
      var port = new threads.BroadcastChannel('parahash-shared-input:' + channel);
      port.unref(); // never what keeps this thread's loop alive
      entry = { port: port, receive: threads.receiveMessageOnPort, buffers: new Map() };
      channels.set(channel, entry);
    }
    for (var got; (got = entry.receive(entry.port)) !== undefined;) {
      var message = got.message;
      if (message === null || typeof message !== 'object' || typeof message.number !== 'number') continue;
      if (message.buffer instanceof SharedArrayBuffer) entry.buffers.set(message.number, message.buffer);
      else entry.buffers.delete(message.number);
    }
    return entry.buffers;
  };
  return {
    // Opens `channel` on this thread (before the pool registers any buffer) or takes what reached
    // it since. Never throws.
    tendShared: function (channel) {
      try {
        sharedBuffers(channel);
      } catch (e) {
        // No BroadcastChannel: updateShared then declines, and the caller copies instead.
      }
    },
    // Feeds bytes [offset, offset + len) of shared buffer `number` to handle `id`.
    // @return 1; 0 when the handle is unknown or node:crypto threw; -1 when this thread has no
    // such buffer, or one too short for the range (not the caller's: posted again, it replaces it).
    updateShared: function (id, channel, number, offset, len) {
      var object = live.get(id);
      if (object === undefined) return 0;
      var buffer;
      try {
        buffer = sharedBuffers(channel).get(number);
      } catch (e) {
        return -1;
      }
      if (buffer === undefined) return -1;
      if (offset + len > buffer.byteLength) return -1;
      try {
        object.update(new Uint8Array(buffer, offset, len));
        return 1;
      } catch (e) {
        return 0;
      }
    },
    // @return a handle (> 0), or 0 when node:crypto refuses (an algorithm it lacks).
    open: function (name, outLen, hmac, key, keyLen) {
      try {
        if (hmac) return keep(crypto.createHmac(name, heap(key, keyLen)));
        return keep(outLen >= 0 ? crypto.createHash(name, { outputLength: outLen }) : crypto.createHash(name));
      } catch (e) {
        return 0;
      }
    },
    // @return 1, or 0 when the handle is unknown or node:crypto threw.
    update: function (id, ptr, len) {
      var object = live.get(id);
      if (object === undefined) return 0;
      try {
        object.update(heap(ptr, len));
        return 1;
      } catch (e) {
        return 0;
      }
    },
    // Writes the digest (exactly len bytes) and forgets the handle. An XOF's length is the one
    // asked for now: Hash.copy() gives the algorithm's default length, not the original's.
    // @return 1, or 0.
    digest: function (id, out, len, xof) {
      var object = live.get(id);
      live.delete(id);
      if (object === undefined) return 0;
      try {
        var digest = (xof ? object.copy({ outputLength: len }) : object).digest();
        if (digest.length !== len) return 0;
        heap(out, len).set(digest);
        return 1;
      } catch (e) {
        return 0;
      }
    },
    // @return a handle to an independent copy (Hash.copy()), or 0.
    copy: function (id) {
      var object = live.get(id);
      if (object === undefined || typeof object.copy !== 'function') return 0;
      try {
        return keep(object.copy());
      } catch (e) {
        return 0;
      }
    },
    drop: function (id) {
      live.delete(id);
    },
    // PBKDF2-HMAC with node:crypto's digest `name`, written to out[0 .. outLen), in one call that
    // cannot be stopped (wasm/host_kernels.cpp decides when that is short enough). @return 1, or 0.
    pbkdf2: function (name, password, passwordLen, salt, saltLen, iterations, out, outLen) {
      try {
        var key = crypto.pbkdf2Sync(heap(password, passwordLen), heap(salt, saltLen), iterations, outLen, name);
        heap(out, outLen).set(key);
        key.fill(0);
        return 1;
      } catch (e) {
        return 0;
      }
    },
    // The algorithms this thread's node:crypto has (C++ asks once per process).
    has: function (name) {
      return crypto.getHashes().indexOf(name) >= 0;
    },
  };
})();
