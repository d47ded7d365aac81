'use strict';
// The rules of a recursive walk, shared by the command's -r (js/cli/walk.js, synchronous: a
// command may block) and hashDirectory (walkTree below, asynchronous: the event loop is the
// product), so both list the same files in the same order:
//   - entries in byte order of their names (as LC_ALL=C sorts), depth first;
//   - a symlink to a file is that file; a symlinked directory is not followed (followSymlinks
//     follows it, once per directory on the current path, so a link to an ancestor ends);
//   - special files (FIFOs, devices, sockets) and links to them are skipped, as
//     `find DIR -type f` skips them: a FIFO would block the walk for good, /dev/zero never ends;
//   - an entry that cannot be read (a directory without permission, a dangling symlink) is an
//     entry with its fs error, and the walk goes on.
// Names are bytes (a Linux name need not be UTF-8), so paths are built as Buffers.

const fs = require('node:fs');
const url = require('node:url');
const { sortSliced, nextTurn, SLICE_MS } = require('./sliced-sort');

const SLASH = Buffer.from('/');

// What a walk does with an entry whose stat (after following a symlink) is `stat`, found
// through a symlink or not. @return 'directory' (descend), 'file' (list it) or 'skip'.
function kindOf(stat, viaLink, followSymlinks) {
  if (stat.isDirectory()) return viaLink && !followSymlinks ? 'skip' : 'directory';
  return stat.isFile() ? 'file' : 'skip';
}

// Names are read as Buffers (on a file system that does not report entry types, opendir joins
// the directory and the name itself to find them, which a Buffer path with string names
// breaks) and keyed as latin1 strings: one character per byte, so string order is byte order
// (as LC_ALL=C sorts). One directory's listing is as long as a user makes it, so the sort is
// sliced (js/load/sliced-sort.js) and the loop keeps turning.
const LISTING_BATCH = 1024; // names per read of a directory
const byKey = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
async function inByteOrder(dirents) {
  const keyed = dirents.map((dirent) => ({ key: dirent.name.toString('latin1'), dirent }));
  await sortSliced(keyed, byKey);
  return keyed.map((k) => k.dirent);
}

// `dir`/`name`, as the command prints it (no doubled slash after a root given as "dir/").
function join(dir, name) {
  return dir.length > 0 && dir[dir.length - 1] === 0x2f ? Buffer.concat([dir, name]) : Buffer.concat([dir, SLASH, name]);
}

// A Buffer path as a string where it is UTF-8 and so round-trips, else the Buffer itself (fs
// takes both, and a lossy string would name another file).
function pathOut(bytes) {
  const text = bytes.toString('utf8');
  return Buffer.byteLength(text) === bytes.length && !text.includes('\ufffd') ? text : bytes;
}

// The files under `root` (a directory), one at a time, as { path, bytes, size } or { path,
// bytes, error }: `bytes` the path's Buffer, `path` as pathOut gives it. Memory: the listings
// of the directories on the current path (each sorted whole, as byte order needs), never the
// tree. `filter(path, dirent)` → false leaves an entry out (a directory with all below it);
// `stopped()` → true ends the walk between entries.
async function* walkTree(root, { followSymlinks = false, filter, stopped = () => false } = {}) {
  // As js/api/stream-calls.js checkPath gives it: a string, bytes or a file: URL.
  const rootBytes = root instanceof Uint8Array ? Buffer.from(root) : root instanceof URL ? Buffer.from(url.fileURLToPath(root))
    : Buffer.from(String(root));
  const rootStat = await fs.promises.stat(rootBytes);
  if (!rootStat.isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, scandir '${rootBytes}'`), { code: 'ENOTDIR', errno: -20, path: String(root) });
  }
  // One frame per directory on the path: its sorted entries, the next to look at, its identity.
  const stack = [];
  const open = async (dirBytes, id) => {
    try {
      // Read in batches: readdir builds one Dirent per name in a single callback, which held
      // the loop 70–160 ms for 100,000 names here; each batch of opendir's is one short turn.
      const entries = [];
      for await (const dirent of await fs.promises.opendir(dirBytes, { encoding: 'buffer', bufferSize: LISTING_BATCH })) {
        entries.push(dirent);
      }
      stack.push({ dir: dirBytes, entries: await inByteOrder(entries), next: 0, id });
      return undefined;
    } catch (error) {
      return { path: pathOut(dirBytes), bytes: dirBytes, error };
    }
  };
  const failedRoot = await open(rootBytes, followSymlinks ? `${rootStat.dev}:${rootStat.ino}` : null);
  if (failedRoot !== undefined) {
    yield failedRoot;
    return;
  }
  // Entries left out (a filter, special files, symlinked directories) await nothing: a walk past
  // many of them takes a turn of the loop every SLICE_MS, as the sort does.
  let turnStart = performance.now();
  while (stack.length > 0) {
    if (performance.now() - turnStart >= SLICE_MS) {
      await nextTurn();
      turnStart = performance.now();
    }
    if (stopped()) return;
    const frame = stack[stack.length - 1];
    if (frame.next === frame.entries.length) {
      stack.pop();
      continue;
    }
    const dirent = frame.entries[frame.next];
    frame.entries[frame.next++] = undefined; // let each entry go once it is looked at
    const nameBytes = dirent.name;
    const bytes = join(frame.dir, nameBytes);
    const path = pathOut(bytes);
    // The filter sees the name as it sees the path: a string where it is UTF-8.
    dirent.name = pathOut(nameBytes);
    let kind;
    let stat;
    try {
      if (dirent.isSymbolicLink() || !(dirent.isFile() || dirent.isDirectory())) {
        // A link (or a file system that did not say what the entry is): what it leads to.
        const link = dirent.isSymbolicLink() || (await fs.promises.lstat(bytes)).isSymbolicLink();
        stat = await fs.promises.stat(bytes);
        kind = kindOf(stat, link, followSymlinks);
      } else {
        kind = dirent.isDirectory() ? 'directory' : 'file';
      }
    } catch (error) {
      if (filter === undefined || filter(path, dirent)) yield { path, bytes, error };
      continue;
    }
    if (kind === 'skip') continue;
    if (filter !== undefined && !filter(path, dirent)) continue;
    if (kind === 'file') {
      yield { path, bytes, size: stat?.size };
      continue;
    }
    // Following links, a link to a directory already on the path would loop for ever; without
    // them no directory can be its own descendant, and no stat is needed.
    let id = null;
    if (followSymlinks) {
      stat ??= await fs.promises.stat(bytes).catch((error) => error);
      if (stat instanceof Error) {
        yield { path, bytes, error: stat };
        continue;
      }
      id = `${stat.dev}:${stat.ino}`;
      if (stack.some((f) => f.id === id)) continue;
    }
    const failed = await open(bytes, id);
    if (failed !== undefined) yield failed;
  }
}

module.exports = { walkTree, kindOf };
