'use strict';
// What hashStream() reads from: a web ReadableStream, a Node Readable or any async iterable, or
// a sync iterable of chunks, each turned into one pull interface. Chunks may be bytes of any
// accepted shape or strings (UTF-8).

const { invalidArg } = require('../args/errors');
const { toBytes, describe, isBytesLike } = require('../args/input');

const SOURCES = 'a Node Readable, a web ReadableStream, or an (async) iterable of chunks';

// @return the kind of `source`: 'web' | 'async' | 'sync'.
// @throws ERR_PARAHASH_INVALID_ARG when it is none of those (bytes or a string included).
function checkSource(source) {
  let kind;
  try {
    kind = kindOf(source);
  } catch (error) {
    throw invalidArg('The "source" argument could not be read (a revoked Proxy?)', error);
  }
  if (kind === 'bytes') {
    throw invalidArg(`The "source" argument must be ${SOURCES}; for bytes or a string already in memory use hash()`);
  }
  if (kind === undefined) throw invalidArg(`The "source" argument must be ${SOURCES}; received ${describe(source)}`);
  return kind;
}

// @return { next() → Promise of { chunk } as the source gave it, or DONE; cancel() }.
// next() rejects with exactly what the source threw. cancel() tells the source to stop (a
// Readable is destroyed, a ReadableStream cancelled, an iterator returned) and never throws.
function readerOf(source) {
  const kind = checkSource(source);
  try {
    if (kind === 'web') return webReader(source.getReader());
    const iterator = kind === 'async' ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
    // A Readable stalled in read() never answers its iterator's return(), so it is destroyed
    // outright (without an error: an 'error' event nobody listens for would crash the process).
    const destroy = kind === 'async' && typeof source.destroy === 'function' ? () => source.destroy() : undefined;
    return iteratorReader(iterator, destroy);
  } catch (error) {
    throw invalidArg('The "source" argument could not be read from', error);
  }
}

function kindOf(source) {
  if (typeof source === 'string' || isBytesLike(source)) return 'bytes';
  if (source === null || typeof source !== 'object') return undefined;
  // Symbols first: getReader and pipeTo are names a polluted Object.prototype can lend to an
  // array; a web stream is known by its class, and by those names only when it iterates not.
  if (typeof ReadableStream === 'function' && source instanceof ReadableStream) return 'web';
  if (typeof source[Symbol.asyncIterator] === 'function') return 'async';
  if (typeof source[Symbol.iterator] === 'function') return 'sync';
  if (typeof source.getReader === 'function' && typeof source.pipeTo === 'function') return 'web';
  return undefined;
}

const DONE = Symbol('done');

function webReader(reader) {
  return {
    async next() {
      const { done, value } = await reader.read();
      // Boxed: resolving with the chunk itself would call a `then` on it (a thenable, a Proxy).
      return done ? DONE : { chunk: value };
    },
    cancel(reason) {
      reader.cancel(reason).catch(() => {});
    },
  };
}

function iteratorReader(iterator, destroy) {
  return {
    async next() {
      const { done, value } = await iterator.next();
      return done ? DONE : { chunk: value };
    },
    cancel() {
      try {
        if (destroy !== undefined) destroy();
        else Promise.resolve(iterator.return?.()).catch(() => {});
      } catch {
        // A source that fails to stop has nothing more to tell us.
      }
    },
  };
}

// A chunk's bytes: a view over the source's own memory (copied into the heap before the next
// chunk is asked for, so a source that reuses its buffer is safe), or a string's UTF-8.
function chunkBytes(value, index) {
  try {
    return toBytes(value, `chunk ${index} of the source`);
  } catch (error) {
    error.message += ' (a source yields bytes or strings)';
    throw error;
  }
}

// The length a source announces, when it does: an HTTP request's Content-Length.
function announcedLength(source) {
  try {
    const header = source?.headers?.['content-length'];
    if (typeof header !== 'string' || !/^\d{1,15}$/.test(header)) return undefined;
    return Number(header);
  } catch {
    return undefined;
  }
}

module.exports = { checkSource, readerOf, chunkBytes, announcedLength, DONE };
