#!/usr/bin/env node
'use strict';
// The package's `bin`. Exits quietly on EPIPE (`parahash -r . | head -1`), as coreutils does.
const { main } = require('./main');

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    // 141 = 128 + SIGPIPE: the status a shell reports for coreutils killed by a closed pipe.
    if (error.code === 'EPIPE') process.exit(141);
    throw error;
  });
}

main({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`parahash: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  },
);
