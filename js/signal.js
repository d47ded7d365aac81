'use strict';
// AbortSignal handling shared by every call: one real listener per signal however many calls
// share it (one signal for a whole request's calls is common, and each call adding its own
// listener printed MaxListenersExceededWarning past ten).

const { invalidArg } = require('./errors');

const subscribers = new WeakMap(); // signal → Set of callbacks

// @return `signal` when it is undefined or an AbortSignal (checked by shape, across realms).
// @throws ERR_PARAHASH_INVALID_ARG otherwise, a revoked Proxy included.
function checkSignal(signal, name = 'options.signal') {
  if (signal === undefined) return undefined;
  let ok = false;
  try {
    ok = typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
  } catch {
    ok = false;
  }
  if (!ok) throw invalidArg(`${name} must be an AbortSignal`);
  return signal;
}

// Calls `fn(reason)` once when `signal` aborts. @return a function that unsubscribes (idempotent).
function onAbort(signal, fn) {
  if (signal === undefined) return () => {};
  let set = subscribers.get(signal);
  if (set === undefined) {
    set = new Set();
    const dispatch = () => {
      subscribers.delete(signal);
      for (const callback of set) callback(signal.reason);
    };
    set.dispatch = dispatch;
    subscribers.set(signal, set);
    signal.addEventListener('abort', dispatch, { once: true });
  }
  const entry = (reason) => fn(reason);
  set.add(entry);
  return () => {
    if (!set.delete(entry) || set.size > 0) return;
    if (subscribers.get(signal) === set) {
      subscribers.delete(signal);
      signal.removeEventListener('abort', set.dispatch);
    }
  };
}

module.exports = { checkSignal, onAbort };
