'use strict';
// --help and --version, in coreutils' shape.
const { version } = require('../../package.json');
const { rowOf, VARIABLE } = require('./formats');

function helpText(program, algorithms) {
  const tools = algorithms.filter((a) => rowOf(a).tool).map((a) => `${a} (${rowOf(a).tool})`).join(', ');
  return `Usage: ${program} [OPTION]... [FILE]...
Print or check checksums of any algorithm, files hashed in parallel.

With no FILE, or when FILE is -, read standard input.
  -a, --algorithm=ALGO  hash with ALGO (default sha256); one of:
${wrap(algorithms.join(' '), 24, 78)}
  -b, --binary          read in binary mode (no difference on this system;
                          the lines mark it with '*' before the name)
  -c, --check           read checksums from the FILEs and check them
  -l, --length=BITS     digest length in bits, a multiple of 8; only for
                          ${VARIABLE.join(', ')}
  -r, --recursive       hash every file under each directory, in byte order,
                          without following symbolic links to directories
      --tag             create a BSD-style checksum
  -t, --text            read in text mode (default)
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping
      --threads=N       hash on N threads (default: one per core)
      --progress        show progress on standard error even if it is not
                          a terminal
      --no-progress     never show progress (default: shown on a terminal
                          when the work takes over a second)

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --help        display this help and exit
      --version     output version information and exit

Lines and messages are those of the matching tool: ${tools}.
Devices, FIFOs and pipes are streamed; with -r they are skipped.
Other algorithms print the same GNU lines, and with --tag "ALGO (FILE) = HEX".
When checking, the algorithm of a BSD-style line is read from its tag.
`;
}

function wrap(text, indent, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
}

function versionText(program) {
  return `${program} (parahash) ${version}
License MIT: <https://opensource.org/licenses/MIT>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;
}

module.exports = { helpText, versionText };
