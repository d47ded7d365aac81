'use strict';
// A file's failure as each imitated tool words it:
//   coreutils (strerror):  "No such file or directory"
//   b3sum (Rust io::Error): "No such file or directory (os error 2)"
// xxhsum's sentences around strerror are built where they are printed (js/cli/dialects.js).
const { constants } = require('node:os');

const MESSAGES = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  ENAMETOOLONG: 'File name too long',
  EBADF: 'Bad file descriptor',
  ENXIO: 'No such device or address',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
  EPERM: 'Operation not permitted',
};

function describeError(error) {
  return MESSAGES[error?.code] ?? String(error?.message ?? error);
}

// Rust's Display of an io::Error from the OS, as b3sum prints it.
function describeOsError(error) {
  const errno = constants.errno[error?.code];
  return errno === undefined ? describeError(error) : `${describeError(error)} (os error ${errno})`;
}

module.exports = { describeError, describeOsError };
