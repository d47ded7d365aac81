'use strict';
// What the command's FILE arguments stand for: each a file, stdin ("-"), or with -r every file
// under a directory, in byte order (as LC_ALL=C sorts), without following symlinked
// directories below the argument. Unreadable entries become targets that fail with their error.
const fs = require('node:fs');
const path = require('node:path');

const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

// @return [{ name, path, size, error }] in output order; `error` is an fs error (or EISDIR for
// a directory without -r).
function targetsOf(files, recursive) {
  const out = [];
  for (const name of files) {
    if (name === '-') {
      out.push({ name, path: '-', size: Infinity });
      continue;
    }
    let stat;
    try {
      stat = fs.statSync(name);
    } catch (error) {
      out.push({ name, error });
      continue;
    }
    if (!stat.isDirectory()) out.push({ name, path: name, size: stat.size });
    else if (!recursive) out.push({ name, error: Object.assign(new Error('Is a directory'), { code: 'EISDIR' }) });
    else descend(name, out);
  }
  return out;
}

function descend(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir);
  } catch (error) {
    out.push({ name: dir, error });
    return;
  }
  for (const entry of entries.sort(byteOrder)) {
    const name = dir.endsWith('/') ? `${dir}${entry}` : `${dir}/${entry}`;
    let stat;
    try {
      stat = fs.lstatSync(name);
      if (stat.isSymbolicLink()) {
        const target = fs.statSync(name);
        if (target.isDirectory()) continue; // a symlinked directory is not followed
        stat = target;
      }
    } catch (error) {
      out.push({ name, error });
      continue;
    }
    if (stat.isDirectory()) descend(name, out);
    else out.push({ name, path: name, size: stat.size });
  }
}

module.exports = { targetsOf, byteOrder };
