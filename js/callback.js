'use strict';
// Node-style callbacks on top of the Promise API (the shape worker-farm users know).

const { invalidArg } = require('./errors');

// (options, callback) where the callback may stand in the options' place.
function splitCallback(options, callback) {
  if (typeof options === 'function' && callback === undefined) return [undefined, options];
  return [options, callback];
}

// Runs `start()` (which returns a Promise). Without a callback, returns that Promise. With one,
// returns undefined and later calls callback(err, result) inside the async context of this call
// (task is the platform's AsyncResource), so AsyncLocalStorage sees the caller's store.
function withCallback(platform, callback, start) {
  if (callback === undefined) return start();
  if (typeof callback !== 'function') throw invalidArg('The "callback" argument must be a function');
  const task = platform.createTask();
  Promise.resolve().then(start).then(
    (result) => task.run(callback, null, result),
    (error) => task.run(callback, error),
  );
  return undefined;
}

module.exports = { splitCallback, withCallback };
