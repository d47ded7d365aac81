'use strict';
// Files for hashFile and hashFiles: opened with fs.promises and read sequentially straight into
// the caller's view (the engine's heap, so no copy through JS memory).
// fs's errors pass through unchanged, codes (ENOENT, EISDIR, EACCES) and paths included.
const fsp = require('node:fs/promises');
const { constants } = require('node:os');

// @param path a string, Buffer or file: URL (as fs takes it). @return { size, read(view) → n,
// close() }; read() returns 0 at the end of the file.
async function openFile(path) {
  const handle = await fsp.open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) {
      // Linux opens a directory for reading and fails only at the first read; fail now, as
      // fs.readFile does, with the same error shape.
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`),
        { errno: -constants.errno.EISDIR, code: 'EISDIR', syscall: 'read', path: String(path) });
    }
    return {
      size: info.isFile() ? info.size : undefined,
      async read(view) {
        const { bytesRead } = await handle.read(view, 0, view.byteLength, null);
        return bytesRead;
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}

// The size of a regular file, or undefined (not one, or stat failed: opening it will say why).
async function fileSize(path) {
  try {
    const info = await fsp.stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

module.exports = { openFile, fileSize };
