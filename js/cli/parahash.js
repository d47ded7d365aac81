#!/usr/bin/env node
'use strict';
// The package's `bin`.
// - A closed pipe (`parahash -r . | head -1`) ends it quietly with 141, the status a shell
//   reports for coreutils killed by SIGPIPE.
// - Any other failure to write stdout (/dev/full) is coreutils' "write error", status 1; a
//   stdout the command was started without (">&-") is "write error: Bad file descriptor",
//   once something was to be written (js/cli/stdio.js).
// - SIGINT (Ctrl-C) clears the progress line first, then ends the command by SIGINT itself, as
//   coreutils end (a shell reports 130, and a script's loop stops too). Not process.exit(130):
//   Node's exit waits for libuv's threads, and one blocked opening or reading a FIFO that has no
//   writer never returns.
const { main } = require('./main');
const { rawArgv } = require('./names');
const { Stdin, Output, closedAtStart } = require('./stdio');
const { Progress } = require('./progress');

const PROGRAM = 'parahash';
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(141);
  process.stderr.write(`${PROGRAM}: write error\n`);
  process.exit(1);
});
process.stderr.on('error', () => process.exit(1));
process.on('SIGINT', function interrupted() {
  Progress.clearAll();
  // Without a listener, SIGINT has its default action again: the process ends at once.
  process.removeListener('SIGINT', interrupted);
  process.kill(process.pid, 'SIGINT');
});

const stdout = new Output(process.stdout, { closed: closedAtStart(1) });
const stderr = new Output(process.stderr);
main({ argv: rawArgv(), stdout, stderr, stdin: new Stdin() }).then(
  (status) => {
    if (stdout.closed && stdout.wrote) {
      stderr.write(`${PROGRAM}: write error: Bad file descriptor\n`);
      status = 1;
    }
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`${PROGRAM}: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  },
);
