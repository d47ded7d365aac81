'use strict';
// AbortSignal handling shared by every call: one real listener per signal however many calls
// share it (one signal for a whole request's calls is common, and each call adding its own
// listener printed MaxListenersExceededWarning past ten).

const { codes, parahashError } = require('./errors');
const { wrongType, wrongValue } = require('./checks');

// setTimeout's own limit: a longer delay would fire at once.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

const subscribers = new WeakMap(); // signal → Set of callbacks

// @return `signal` when it is undefined or an AbortSignal (checked by shape, across realms).
// @throws TypeError with ERR_PARAHASH_INVALID_ARG otherwise, a revoked Proxy included.
function checkSignal(signal, name = 'options.signal') {
  if (signal === undefined) return undefined;
  let ok = false;
  try {
    ok = typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
  } catch {
    ok = false;
  }
  if (!ok) throw wrongType(name, 'an AbortSignal', signal);
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

// @return `timeout` (ms) when it is undefined or a number from 0 to 2^31 − 1.
// @throws ERR_PARAHASH_INVALID_ARG: TypeError for a non-number or NaN, RangeError outside.
function checkTimeout(timeout, name = 'options.timeout') {
  if (timeout === undefined) return undefined;
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) throw wrongType(name, 'a number of milliseconds', timeout);
  if (timeout < 0 || timeout > MAX_TIMEOUT_MS) throw wrongValue(name, `from 0 to ${MAX_TIMEOUT_MS} ms`, timeout);
  return timeout;
}

const timeoutError = (ms) => parahashError(codes.TIMEOUT, `The operation did not finish within its timeout of ${ms} ms`);

// A signal that aborts when `signal` does or `ms` have passed, whichever comes first; the
// timeout aborts it with ERR_PARAHASH_TIMEOUT as the reason (abortError() passes that through).
// timer(fn, ms) → cancel() is the platform's, so a pending timeout never keeps Node alive.
// @return { signal, dispose() }: dispose() clears the timer and the link, once the call settles.
function deadline(signal, ms, timer) {
  const controller = new AbortController();
  const cancel = timer(() => controller.abort(timeoutError(ms)), ms);
  const unlink = onAbort(signal, (reason) => controller.abort(reason));
  if (signal?.aborted) controller.abort(signal.reason);
  return {
    signal: controller.signal,
    dispose() {
      cancel();
      unlink();
    },
  };
}

module.exports = { checkSignal, onAbort, checkTimeout, deadline, MAX_TIMEOUT_MS };
