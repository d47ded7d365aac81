'use strict';
// A stream handle (js/engine/jobs.js open) whose engine stream lives in the fallback's Worker as
// `sid`: its bytes go across in 1 MiB pieces, with at most WINDOW of them on the wire.

const { abortError, unsupported } = require('../args/errors');
const { onAbort } = require('../args/signal');
const { exact } = require('./wire');

const PIECE = 1024 * 1024;
// A stream's bytes posted and not yet taken by the engine, before push() waits.
const WINDOW = 8 * 1024 * 1024;

class RemoteStream {
  #channel;
  #sid;
  #inFlight = 0;
  #failed = null;
  #waiters = [];
  #unsubscribe;

  constructor(channel, sid, signal) {
    this.#channel = channel;
    this.#sid = sid;
    this.#unsubscribe = onAbort(signal, (reason) => {
      this.#failed ??= abortError(reason);
      this.stop();
      this.#settle();
    });
  }

  async push(bytes, offset = 0, length = bytes.byteLength - offset) {
    this.#check();
    for (let at = 0; at < length; at += PIECE) {
      const n = Math.min(PIECE, length - at);
      const piece = exact(bytes, offset + at, offset + at + n);
      this.#inFlight += n;
      this.#channel.call('push', [this.#sid, piece], undefined, undefined, [piece.buffer]).then(() => {
        this.#inFlight -= n;
        this.#settle();
      }, (error) => {
        this.#failed ??= error;
        this.#settle();
      });
      if (this.#inFlight > WINDOW) await new Promise((resolve) => this.#waiters.push(resolve));
      this.#check();
    }
  }

  async pushFrom() {
    throw unsupported('Files are read in Node only; in a browser use hashStream(file.stream())');
  }

  end() {
    return this.#ask('end', []);
  }

  async clone(cloneSignal, cloneLength) {
    return new RemoteStream(this.#channel, await this.#ask('clone', [cloneLength]), cloneSignal);
  }

  stop() {
    this.#channel.post(['stop', 0, [this.#sid]]);
  }

  async close() {
    this.#unsubscribe();
    if (this.#channel.failure) return;
    await this.#channel.call('sclose', [this.#sid]).catch(() => {});
  }

  // After an abort the worker's answer is a plain stop: the page's own abort (with its reason,
  // a timeout's code included) is what the caller gets.
  async #ask(op, args) {
    this.#check();
    try {
      return await this.#channel.call(op, [this.#sid, ...args]);
    } catch (error) {
      this.#check();
      throw error;
    }
  }

  #check() {
    if (this.#failed) throw this.#failed;
  }

  // Lets the pushes waiting for the window go on, or fail.
  #settle() {
    if (!this.#failed && this.#inFlight > WINDOW) return;
    const ready = this.#waiters;
    this.#waiters = [];
    for (const w of ready) w();
  }
}

module.exports = { RemoteStream, PIECE };
