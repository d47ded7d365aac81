'use strict';
// A file's failure as coreutils words it (strerror), e.g. "No such file or directory".
const MESSAGES = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  ENAMETOOLONG: 'File name too long',
};
function describeError(error) {
  return MESSAGES[error?.code] ?? String(error?.message ?? error);
}
module.exports = { describeError };
