'use strict';
// Files for hashFile and hashFiles: opened and read sequentially straight into the caller's
// view (the engine's heap, so no copy through JS memory). fs's errors pass through unchanged,
// codes (ENOENT, EISDIR, EACCES) and paths included. The callback API, not fs.promises: a
// FileHandle and its promises cost a third more main-thread time per file, which a tree of
// small files feels (measured: 3,365 files, 243 ms against 158 ms).
const fs = require('node:fs');
const { constants } = require('node:os');

const call = (start) => new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));

const isDirectoryError = (path) => Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`),
  { errno: -constants.errno.EISDIR, code: 'EISDIR', syscall: 'read', path: String(path) });

// @param known { size, regular, directory } from a stat already made (hashFiles), to save one.
// @return { size, regular, read(view) → n, close() }: read() returns 0 at the end of the file;
// size is undefined for what is not a regular file.
async function openFile(path, known = undefined) {
  // Linux opens a directory for reading and fails only at the first read; fail now, as
  // fs.readFile does, with the same error shape.
  if (known?.directory) throw isDirectoryError(path);
  const fd = await call((done) => fs.open(path, 'r', done));
  try {
    let info = known;
    if (info === undefined) {
      const stats = await call((done) => fs.fstat(fd, done));
      if (stats.isDirectory()) throw isDirectoryError(path);
      info = describe(stats);
    }
    return {
      size: info.size,
      // A regular file's short read is its end (a pipe's or a device's is not).
      regular: info.regular,
      read: (view) => call((done) => fs.read(fd, view, 0, view.byteLength, null, done)),
      close: () => call((done) => fs.close(fd, done)),
    };
  } catch (error) {
    fs.close(fd, () => {});
    throw error;
  }
}

const describe = (stats) => ({ size: stats.isFile() ? stats.size : undefined, regular: stats.isFile(), directory: stats.isDirectory() });

// What openFile needs to know of a path, from one stat; undefined when stat fails (opening it
// will say why).
async function fileInfo(path) {
  try {
    return describe(await call((done) => fs.stat(path, done)));
  } catch {
    return undefined;
  }
}

module.exports = { openFile, fileInfo };
