'use strict';
// Preloaded (`node --require`) into a README recipe that starts a server, so the recipe runs as
// written while the test picks the port: whatever port the recipe asks for (8080), the server
// listens on a free one on 127.0.0.1 only, and reports it to the test over the IPC channel.
// Several engineers and suites share this machine; a fixed 8080 would collide.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnAFreePort(...args) {
  const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  this.once('listening', () => process.send({ listening: this.address().port }));
  return callback ? listen.call(this, 0, '127.0.0.1', callback) : listen.call(this, 0, '127.0.0.1');
};
