'use strict';
// Node-style callbacks on top of the Promise API (the shape worker-farm users know).
//
// The rule, node:crypto's: a call whose last argument is a function is in callback form,
// wherever that function stands. An argument of the wrong type then throws a TypeError at once
// (crypto.pbkdf2('pw', 'salt', 8, 8, cb) without its digest does), every other failure reaches
// the callback, and nothing is left as a rejection that no one hears: under Node's default an
// unhandled rejection ends the process.

const { invalidArg } = require('../args/errors');

// The number of arguments given, trailing undefineds left out.
function given(args) {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return n;
}

// @return the callback of a call (its last argument given, when that is a function), or
// undefined for the Promise form.
function trailingCallback(args) {
  const n = given(args);
  return n > 0 && typeof args[n - 1] === 'function' ? args[n - 1] : undefined;
}

// Calls callback(error, result) in the async context of `task` (the platform's AsyncResource,
// made when the call was), so AsyncLocalStorage sees the caller's store. A callback that throws
// is an uncaught exception, as it is for node:crypto's callbacks, never a silent rejection.
function deliver(task, callback, error, result) {
  try {
    if (error === null) task.run(callback, null, result);
    else task.run(callback, error);
  } catch (thrown) {
    queueMicrotask(() => {
      throw thrown;
    });
  }
}

// Runs impl(args) — which validates synchronously, then returns a Promise — in the form the
// caller chose. `arity` is the number of arguments before the callback.
// Promise form: @return impl's Promise; a synchronous throw becomes its rejection.
// Callback form: @return undefined; a TypeError from impl's checks is thrown now, anything else
// reaches the callback.
function invoke(platform, impl, args, arity) {
  const n = given(args);
  const callback = n > 0 && typeof args[n - 1] === 'function' ? args[n - 1] : undefined;
  if (callback === undefined) {
    if (n > arity) return Promise.reject(invalidArg('The "callback" argument must be a function'));
    try {
      return impl(args);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  const rest = Array.prototype.slice.call(args, 0, n - 1);
  let promise;
  try {
    promise = impl(rest);
  } catch (error) {
    if (error instanceof TypeError) throw error;
    promise = Promise.reject(error);
  }
  const task = platform.createTask();
  Promise.resolve(promise).then((result) => deliver(task, callback, null, result), (error) => deliver(task, callback, error));
  return undefined;
}

module.exports = { invoke, trailingCallback, deliver };
