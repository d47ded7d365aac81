'use strict';
// The command line, read as GNU getopt_long reads coreutils' (bundled short options, an
// option's argument attached or next, unambiguous prefixes of long options, "--" ends them).
// @return { options, files } or throws a UsageError with coreutils' wording.

class UsageError extends Error {}

const LONG = {
  algorithm: { key: 'algorithm', arg: true },
  check: { key: 'check' },
  tag: { key: 'tag' },
  zero: { key: 'zero' },
  length: { key: 'length', arg: true },
  recursive: { key: 'recursive' },
  threads: { key: 'threads', arg: true },
  progress: { key: 'progress', value: true },
  'no-progress': { key: 'progress', value: false },
  quiet: { key: 'quiet' },
  status: { key: 'status' },
  strict: { key: 'strict' },
  warn: { key: 'warn' },
  'ignore-missing': { key: 'ignoreMissing' },
  binary: { key: 'binary' },
  text: { key: 'text' },
  help: { key: 'help' },
  version: { key: 'version' },
};
const EXCLUSIVE = ['quiet', 'status', 'warn'];
const SHORT = { a: 'algorithm', c: 'check', z: 'zero', l: 'length', r: 'recursive', w: 'warn', b: 'binary', t: 'text' };

function parseArgs(argv) {
  const options = {};
  const files = [];
  const set = (name, spec, value) => {
    // --quiet, --status and --warn override one another, the last one given wins (coreutils).
    if (EXCLUSIVE.includes(spec.key)) for (const key of EXCLUSIVE) delete options[key];
    options[spec.key] = spec.arg ? value : spec.value ?? true;
    // -b, -t and --tag set one mode, the last one wins: "--tag --text" is text mode, which
    // --tag refuses, but "--text --tag" is fine (coreutils' `binary` variable).
    if (spec.key === 'binary' || spec.key === 'tag') options.mode = 'binary';
    if (spec.key === 'text') options.mode = 'text';
    // b2sum checks each -l as it reads it.
    if (spec.key === 'length') (options.lengths ??= []).push(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const given = arg.slice(2, eq < 0 ? undefined : eq);
      const exact = LONG[given] ? [given] : Object.keys(LONG).filter((n) => n.startsWith(given));
      if (exact.length === 0) throw new UsageError(`unrecognized option '${arg}'`);
      if (exact.length > 1) throw new UsageError(`option '${arg}' is ambiguous; possibilities: ${exact.map((n) => `'--${n}'`).join(' ')}`);
      const name = exact[0];
      const spec = LONG[name];
      if (spec.arg) {
        let value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`option '--${name}' requires an argument`);
        set(name, spec, value);
      } else {
        if (eq >= 0) throw new UsageError(`option '--${name}' doesn't allow an argument`);
        set(name, spec);
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      for (let j = 1; j < arg.length; j++) {
        const long = SHORT[arg[j]];
        if (long === undefined) throw new UsageError(`invalid option -- '${arg[j]}'`);
        const spec = LONG[long];
        if (spec.arg) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i];
          if (value === undefined) throw new UsageError(`option requires an argument -- '${arg[j]}'`);
          set(long, spec, value);
          break;
        }
        set(long, spec);
      }
      continue;
    }
    files.push(arg);
  }
  return { options, files };
}

module.exports = { parseArgs, UsageError };
