'use strict';
// File names are bytes. Linux names need not be UTF-8 ("abc\xffdef"), and a name turned into a
// JS string and back loses such bytes (U+FFFD). So the command carries every name as a byte
// string: latin1, one char per byte, from argv, a check file or a directory listing, to the
// Buffer it opens and the bytes it prints. b3sum's own tests (test_invalid_unicode_on_unix)
// create such a name.
const fs = require('node:fs');

const toBytes = (name) => Buffer.from(name, 'latin1');
const fromBytes = (bytes) => Buffer.from(bytes).toString('latin1');
const fromUtf8 = (text) => Buffer.from(text, 'utf8').toString('latin1');

// The arguments after the script as byte strings. process.argv has them decoded as UTF-8 (an
// invalid byte becomes U+FFFD), so on Linux they are read back from /proc/self/cmdline, whose
// last entries are those arguments; elsewhere process.argv's text is all there is.
function rawArgv(argv = process.argv) {
  const count = argv.length - 2;
  if (count <= 0) return [];
  const given = argv.slice(2);
  if (!given.some((a) => a.includes('\ufffd'))) return given.map(fromUtf8);
  try {
    const cmdline = fs.readFileSync('/proc/self/cmdline');
    const entries = fromBytes(cmdline).split('\0');
    if (entries.at(-1) === '') entries.pop();
    const raw = entries.slice(-count);
    // Only when they are the same arguments (each decodes to what process.argv holds).
    if (raw.length === count && raw.every((r, i) => toBytes(r).toString('utf8') === given[i])) return raw;
  } catch {
    // no /proc: fall back to the decoded text
  }
  return given.map(fromUtf8);
}

module.exports = { toBytes, fromBytes, fromUtf8, rawArgv };
