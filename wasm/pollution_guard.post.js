// Keeps the runtime clear of an application's prototype pollution (a property added to
// Object.prototype, by a dependency or by an attacker through one), which emscripten 3.1.6's
// generated JS does not expect:
// - PThread.threadInit walks an array with for…in, which visits inherited enumerable
//   properties too: `Object.prototype.isAdmin = false` made it call `false()` when the pool
//   started, and the throw escaped a worker message handler and killed the process. Here it
//   walks the array by index. (PThread.pthreads, walked the same way by terminateAllThreads, is
//   keyed by thread pointers: it becomes a null-prototype object, which that walk cannot leave.)
// - Embind installs a class's methods on a prototype that inherits from Object.prototype, and
//   treats a method name already found there (`Object.prototype.digest = …`) as an overload set
//   to add to, so the real method never lands. The classes' common base stops inheriting from
//   Object.prototype (no Embind or parahash code calls Object.prototype methods on a handle).
if (typeof PThread !== 'undefined') {
  PThread.threadInit = function () {
    var inits = PThread.tlsInitFunctions;
    for (var i = 0; i < inits.length; ++i) inits[i]();
  };
  PThread.pthreads = Object.assign(Object.create(null), PThread.pthreads);
}
if (typeof ClassHandle === 'function') Object.setPrototypeOf(ClassHandle.prototype, null);
