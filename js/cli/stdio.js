'use strict';
// Standard input and output as coreutils treats them.
// - stdin is read from descriptor 0 directly, one reader at a time, in turn: "parahash - -"
//   hashes the content and then the empty rest, as sha256sum does, instead of two readers
//   racing on one stream; a "-" line in a check file takes its turn the same way.
// - A descriptor the command was started without ("<&-", ">&-") is an error, as in coreutils
//   (sha256sum: "-: Bad file descriptor", "write error: Bad file descriptor"). Node reopens a
//   closed 0, 1 or 2 on /dev/null before any JS runs (node.cc PlatformInit), read-write; a
//   redirect from or to /dev/null opens it read-only or write-only. So /dev/null open O_RDWR
//   on 0 or 1 is taken for "closed" (Linux /proc; elsewhere never).
const fs = require('node:fs');

const CHUNK = 1 << 20;

function closedAtStart(fd) {
  try {
    if (fs.readlinkSync(`/proc/self/fd/${fd}`) !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
    return flags !== null && (parseInt(flags[1], 8) & 3) === 2; // O_RDWR
  } catch {
    return false;
  }
}

const badDescriptor = () => Object.assign(new Error('EBADF: bad file descriptor, read'), { code: 'EBADF', errno: -9, syscall: 'read' });

class Stdin {
  #fd;
  #turn = Promise.resolve();
  #ended = false;

  constructor({ fd = 0, closed = closedAtStart(fd) } = {}) {
    this.#fd = fd;
    this.closed = closed;
  }

  // read(view) → bytes read, 0 at the end. EAGAIN (a non-blocking pipe a parent left us) waits.
  read(view) {
    if (this.closed) return Promise.reject(badDescriptor());
    return new Promise((resolve, reject) => {
      const attempt = () => fs.read(this.#fd, view, 0, view.byteLength, null, (error, n) => {
        if (error?.code === 'EAGAIN') setTimeout(attempt, 10);
        else if (error) reject(error);
        else resolve(n);
      });
      attempt();
    });
  }

  // Runs fn(stdin) once every earlier reader is done. @return fn's result.
  take(fn) {
    const run = this.#turn.then(() => fn(this));
    this.#turn = run.catch(() => {});
    return run;
  }

  // The chunks that are left, as an async iterable (for pool.hashStream).
  async *chunks(onBytes) {
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const n = await this.read(buffer);
      if (n === 0) return;
      onBytes?.(n);
      yield buffer.subarray(0, n);
    }
  }

  // Everything that is left, whole (a check file read from stdin).
  async readAll() {
    const parts = [];
    for await (const chunk of this.chunks()) parts.push(chunk);
    return Buffer.concat(parts);
  }
}

// stdout as the command writes it: bytes, and a failure remembered (and reported once by the
// caller as coreutils' "write error") instead of thrown.
class Output {
  #stream;
  constructor(stream, { closed = false } = {}) {
    this.#stream = stream;
    this.closed = closed;
    this.failed = closed ? null : undefined; // an error once a write failed
    this.wrote = false;
  }

  write(text) {
    this.wrote = true;
    if (this.closed) {
      this.failed ??= Object.assign(new Error('EBADF'), { code: 'EBADF' });
      return true;
    }
    return this.#stream.write(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  }

  get isTTY() {
    return this.#stream.isTTY;
  }

  get columns() {
    return this.#stream.columns;
  }
}

module.exports = { Stdin, Output, closedAtStart };
