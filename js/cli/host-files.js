'use strict';
// Regular files past hashSync's bound, hashed right here with node:crypto's streaming hash, when
// the host has the algorithm and a pool's threads would not have hashed the run's large files
// side by side: one large file (the usual `parahash -a sha256 big.iso`), or a few whose bytes one
// thread hashes before a pool's threads would have started.
//
// Why not the pool: a file's digest is one sequential chain, so one large file keeps one thread
// busy whatever the pool's size, and the pool costs the command its start (Workers and the
// threaded module, ~0.15 s here) and a hop per chunk. Measured on one 1 GiB file, December 2026,
// the whole command: through the pool 1.15–1.21 s, this way 0.90–0.92 s (sha256sum: 2.5–3.8 s;
// a bare readSync + update loop: 0.85 s); a 20 MB file 0.35 s against 0.19 s (the inline pool
// hashed it with the portable kernel).
//
// Reads are double-buffered: the next chunk is read by libuv's thread while this one is hashed,
// and the loop turns between chunks (a 1 MiB update is ~0.7 ms of SHA-256), so output drains,
// the progress line redraws and Ctrl-C is answered. One file at a time: two buffers in all.
// Loaded when a run hashes, not for --version or --help (js/cli/main.js, js/cli/check.js).
const fs = require('node:fs');
const crypto = require('node:crypto');
const { rowOf } = require('./formats');
const { nodePlatform } = require('../load/node');
const { hostGives } = require('../api/hash-sync');
const { SYNC_FILE } = require('./small-files');

const CHUNK = 1024 * 1024;
// Up to this many bytes of large files in all, this thread hashes them all. Past it, a pool's
// threads win: on 2 cores, ~0.15 s to start and then twice the speed, even at ~0.4 GiB; more
// cores move the crossing lower, never below ~0.4 GiB (start-up against 1.4–1.6 GB/s).
const HERE_BYTES = 256 * 1024 * 1024;
// O_NONBLOCK: a name that turned into a FIFO since it was looked at must not hold the open.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

// Not the file's failure: js/load/node-files.js waits for a descriptor and tries again.
const OUT_OF_DESCRIPTORS = new Set(['EMFILE', 'ENFILE']);

const readInto = (fd, buffer) => new Promise((resolve, reject) => {
  fs.read(fd, buffer, 0, buffer.length, null, (error, n) => (error ? reject(error) : resolve(n)));
});

class HostFiles {
  #buffers = null;
  #queue = Promise.resolve(); // the file being hashed; the next waits for it

  // Whether node:crypto gives `algorithm`'s digest as `call` ({ outputLength }) asks for it:
  // the host has it and is wanted (PARAHASH_HOST_CRYPTO, as for the pools), and the length is
  // the digest's own or an XOF's (node:crypto has no truncated BLAKE2).
  canHash(algorithm, call) {
    const host = nodePlatform.hostCrypto;
    const row = rowOf(algorithm);
    return row !== undefined && host.wanted() !== false && hostGives(host, row, { outputLength: call.outputLength });
  }

  // Whether a run's large files are hashed here. @param files [{ regular, size }] of every file
  // of the run (or of one check file) that stat() found. Small regular files are SmallFiles';
  // stdin, a FIFO or a device is never hashed here: a pool then runs anyway, and hashes the rest
  // beside it.
  worthIt(files) {
    const large = files.filter((t) => !(t.regular && t.size <= SYNC_FILE));
    if (!large.every((t) => t.regular)) return false;
    return large.length <= 1 || large.reduce((sum, t) => sum + t.size, 0) <= HERE_BYTES;
  }

  // The digest of the file at `path` (a name, as bytes or text) as `call` ({ encoding,
  // outputLength }) asks for it, with a host algorithm (canHash). A file that cannot be opened
  // rejects with fs's error (ENOENT, EACCES…), which the command words by its code as the
  // pool's path would, without starting a pool for it. Undefined when it is not a regular file
  // once opened, when no descriptor is free (the pool's path waits for one), or when a read
  // fails: the caller then takes the pool's path, which reads it again and reports what fails.
  // onBytes(n) is told the bytes read (and given them back, negative, when the file is left to
  // the pool).
  digest(path, algorithm, call, onBytes = () => {}) {
    const run = this.#queue.then(() => this.#digest(path, algorithm, call, onBytes));
    this.#queue = run.then(() => {}, () => {});
    return run;
  }

  async #digest(path, algorithm, call, onBytes) {
    let fd;
    let pending = null; // the read in flight, which must end before the descriptor closes
    let done = 0;
    try {
      fd = fs.openSync(path, OPEN_FLAGS);
    } catch (error) {
      if (OUT_OF_DESCRIPTORS.has(error?.code)) return undefined;
      throw error;
    }
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      const row = rowOf(algorithm);
      const hash = crypto.createHash(row.name, row.kind === 'xof' ? { outputLength: call.outputLength ?? row.digestSize } : undefined);
      this.#buffers ??= [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
      let which = 0;
      pending = readInto(fd, this.#buffers[which]);
      for (;;) {
        const n = await pending;
        pending = null;
        if (n === 0) break;
        const filled = this.#buffers[which];
        which ^= 1;
        pending = readInto(fd, this.#buffers[which]);
        hash.update(n === CHUNK ? filled : filled.subarray(0, n));
        done += n;
        onBytes(n);
      }
      return hash.digest(call.encoding);
    } catch {
      onBytes(-done);
      return undefined;
    } finally {
      if (pending !== null) await pending.catch(() => {});
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

module.exports = { HostFiles, HERE_BYTES };
