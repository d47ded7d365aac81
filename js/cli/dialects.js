'use strict';
// How far the command imitates each tool's words (README "The parahash command"):
// stdout and the exit status are the tool's exactly; every message on stderr starts with
// "parahash: " and then says what the tool says, in its words, with these changes: xxhsum's
// "Error: " prefix and its trailing blank are dropped (the program's name stands in their
// place), and b3sum's bare "Error: …" for a check file it cannot open names the file.
//   coreutils (md5sum, sha*sum, b2sum, and every algorithm without a tool of its own)
//   b3sum and xxhsum, for the algorithms whose row names that tool (src/kernels/kernels.def's
//   tool column; js/cli/formats.js dialectOf).
const { quote } = require('./quote');
const { describeError, describeOsError } = require('./errors');

const DIALECTS = {
  coreutils: {
    stdinName: '-', // stdin as a FILE operand prints as
    stdinEntry: '-', // a check file's line naming stdin
    checkLabel: (file) => (file === '-' ? 'standard input' : file),
    hashError: (p, name, error) => `${p}: ${quote(name)}: ${describeError(error)}\n`,
    checkFileError: (p, file, error) => `${p}: ${quote(file)}: ${describeError(error)}\n`,
    // → { stdout, stderr } for an entry that could not be opened or read
    unreadable: (p, shown, entry, error) => ({
      stdout: `${shown}: FAILED open or read\n`,
      stderr: `${p}: ${quote(entry.name)}: ${describeError(error)}\n`,
    }),
    improper: (p, label, line, tag) => `${p}: ${quote(label)}: ${line}: improperly formatted ${tag} checksum line\n`,
    noLines: (p, label) => `${p}: ${quote(label)}: no properly formatted checksum lines found\n`,
    summary: 'stderr',
  },
  b3sum: {
    stdinName: '-',
    stdinEntry: '-',
    checkLabel: (file) => file,
    hashError: (p, name, error) => `${p}: ${name}: ${describeOsError(error)}\n`,
    checkFileError: (p, file, error) => `${p}: ${file}: ${describeOsError(error)}\n`,
    unreadable: (p, shown, entry, error) => ({ stdout: `${shown}: FAILED (${describeOsError(error)})\n`, stderr: '' }),
    improper: (p, label, line, tag) => `${p}: ${label}: ${line}: improperly formatted ${tag} checksum line\n`,
    noLines: (p, label) => `${p}: ${quote(label)}: no properly formatted checksum lines found\n`,
    summary: 'none',
    // b3sum fails a check on any line it cannot read, and says so.
    improperFails: true,
  },
  xxhsum: {
    stdinName: 'stdin',
    stdinEntry: 'stdin',
    checkLabel: (file) => (file === '-' ? 'stdin' : file),
    hashError: (p, name, error) => (error.code === 'EISDIR'
      ? `${p}: ${name}: Is a directory\n`
      : `${p}: Could not open '${name}': ${describeError(error)}.\n`),
    checkFileError: (p, file, error) => `${p}: Could not open '${file}': ${describeError(error)}\n`,
    unreadable: (p, shown, entry, error, label) => ({
      stdout: `${label}:${entry.line}: Could not open or read '${entry.name}': ${describeError(error)}.\n`,
      stderr: '',
    }),
    improper: (p, label, line) => `${p}: ${label}:${line}: Improperly formatted checksum line.\n`,
    noLines: (p, label) => `${p}: ${label}: no properly formatted xxHash checksum lines found\n`,
    summary: 'stdout',
  },
};

module.exports = { DIALECTS };
