'use strict';
// What the command's FILE arguments stand for: each a file, stdin ("-"), or with -r every file
// under a directory, in byte order (as LC_ALL=C sorts), without following symlinked
// directories below the argument. Names are byte strings (js/cli/names.js) and are listed as
// bytes, so a name that is not UTF-8 survives. Unreadable entries become targets that fail
// with their error.
//
// Special files (FIFOs, devices, sockets) named on the command line are read like sha256sum
// reads them, as a stream. Below a directory given with -r, what is listed and what is skipped
// (special files, symlinked directories) is js/load/node-walk.js's kindOf, the rule the API's
// hashDirectory walks by too, so the two list the same files in the same order. This walk is
// synchronous (a command may block; hashDirectory's may not).
const fs = require('node:fs');
const { toBytes, fromBytes } = require('./names');
const { kindOf } = require('../load/node-walk');

const byteOrder = (a, b) => Buffer.compare(toBytes(a), toBytes(b));

// @return [{ name, path, size, regular, error }] in output order; `path` is a Buffer (or '-'),
// `size` is known only for regular files, `error` is an fs error (or EISDIR for a directory
// without -r).
function targetsOf(files, recursive) {
  const out = [];
  for (const name of files) {
    if (name === '-') {
      out.push({ name, path: '-', size: undefined, regular: false });
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(toBytes(name));
    } catch (error) {
      out.push({ name, error });
      continue;
    }
    if (!stat.isDirectory()) out.push({ name, path: toBytes(name), size: stat.isFile() ? stat.size : undefined, regular: stat.isFile() });
    else if (!recursive) out.push({ name, error: Object.assign(new Error('Is a directory'), { code: 'EISDIR', errno: -21 }) });
    else descend(name, out);
  }
  return out;
}

function descend(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(toBytes(dir), { encoding: 'buffer' }).map(fromBytes);
  } catch (error) {
    out.push({ name: dir, error });
    return;
  }
  for (const entry of entries.sort(byteOrder)) {
    const name = dir.endsWith('/') ? `${dir}${entry}` : `${dir}/${entry}`;
    let stat;
    let kind;
    try {
      stat = fs.lstatSync(toBytes(name));
      const link = stat.isSymbolicLink();
      if (link) stat = fs.statSync(toBytes(name));
      kind = kindOf(stat, link, false); // a symlinked directory is not followed
    } catch (error) {
      out.push({ name, error });
      continue;
    }
    if (kind === 'directory') descend(name, out);
    else if (kind === 'file') out.push({ name, path: toBytes(name), size: stat.size, regular: true });
    // anything else (FIFO, device, socket) is skipped
  }
}

module.exports = { targetsOf, byteOrder };
