'use strict';
// The `parahash` command (README "The parahash command"): coreutils' *sum shape for every
// algorithm of the package, files hashed in parallel on the pool and printed in argument
// order, --check, -r, and a progress line on a terminal.
const fs = require('node:fs');
const { parseArgs, UsageError } = require('./args');
const { TOOLS, VARIABLE, formatLine } = require('./formats');
const { targetsOf } = require('./walk');
const { Progress } = require('./progress');
const { inOrder } = require('./in-order');
const { poolFor } = require('./engine');
const { check } = require('./check');
const { quote } = require('./quote');
const { describeError } = require('./errors');
const { helpText, versionText } = require('./help');

const PROGRAM = 'parahash';
// Files up to this size are read whole; larger ones stream through the pool's staging.
const SMALL_FILE = 256 * 1024;
// Files in flight at once: enough small reads to keep the threads fed.
const CONCURRENT_FILES = 32;
const ALGORITHMS = Object.keys(TOOLS);
const aliases = require('../../dist/algorithms.json');

// "sha-256", "SHA256" … → the canonical name, as the library accepts them.
function algorithmOf(given) {
  const lower = given.toLowerCase();
  const row = aliases.find((k) => k.name === lower || k.aliases.includes(lower));
  return row?.name;
}

// @return the exit status. io: { argv, stdout, stderr, stdin }.
async function main({ argv, stdout, stderr, stdin }) {
  const fail = (message) => {
    stderr.write(`${PROGRAM}: ${message}\nTry '${PROGRAM} --help' for more information.\n`);
    return 1;
  };
  let options;
  let files;
  try {
    ({ options, files } = parseArgs(argv));
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  if (options.help) {
    stdout.write(helpText(PROGRAM, ALGORITHMS));
    return 0;
  }
  if (options.version) {
    stdout.write(versionText(PROGRAM));
    return 0;
  }
  const algorithm = options.algorithm === undefined ? undefined : algorithmOf(options.algorithm);
  if (options.algorithm !== undefined && algorithm === undefined) return fail(`unknown algorithm ${quote(options.algorithm)}`);
  let bits;
  if (options.length !== undefined) {
    const alg = algorithm ?? 'sha256';
    const row = aliases.find((k) => k.name === alg);
    bits = /^\d+$/.test(options.length) ? Number(options.length) : NaN;
    if (!VARIABLE.has(alg)) return fail(`--length is only supported with ${[...VARIABLE].join(', ')}`);
    if (!(bits > 0) || bits % 8 !== 0 || bits / 8 > row.maxOutput) {
      stderr.write(`${PROGRAM}: invalid length: ${quote(options.length)}\n`);
      if (bits % 8 !== 0) stderr.write(`${PROGRAM}: length is not a multiple of 8\n`);
      return 1;
    }
  }
  let threads;
  if (options.threads !== undefined) {
    threads = /^\d+$/.test(options.threads) ? Number(options.threads) : NaN;
    if (!(threads >= 1 && threads <= 256)) return fail(`invalid number of threads: ${quote(options.threads)}`);
  }
  const checkOnly = ['quiet', 'status', 'strict', 'warn', 'ignoreMissing'].find((k) => options[k]);
  if (checkOnly && !options.check) {
    const flag = { ignoreMissing: 'ignore-missing' }[checkOnly] ?? checkOnly;
    return fail(`the --${flag} option is meaningful only when verifying checksums`);
  }
  if (options.check && options.tag) return fail('the --tag option is meaningless when verifying checksums');
  if (files.length === 0) files = ['-'];
  const io = { stdout, stderr, stdin, program: PROGRAM };
  if (options.check) return check(files, { ...options, algorithm, bits, threads }, io);
  return hashAll(files, { ...options, algorithm: algorithm ?? 'sha256', bits, threads }, io);
}

async function hashAll(files, options, io) {
  const { stdout, stderr } = io;
  const row = aliases.find((k) => k.name === options.algorithm);
  const defaultBits = row.digestSize * 8;
  const bits = options.bits ?? defaultBits;
  const targets = targetsOf(files, options.recursive);
  const total = targets.reduce((sum, t) => sum + (t.error ? 0 : t.size), 0);
  const progress = new Progress(stderr, total, options.progress ?? (stderr.isTTY === true && !options.zero));
  const pool = await poolFor(total, options.threads);
  const call = { encoding: 'hex', ...(bits === defaultBits ? {} : { outputLength: bits / 8 }) };
  let status = 0;
  try {
    await inOrder(targets, Math.max(CONCURRENT_FILES, pool.threads * 2), async (target) => {
      if (target.error) throw target.error;
      // A small file costs more in open/read/close calls than in hashing: one synchronous read
      // (fs.promises' FileHandle calls cost 3× more here, and a command has no other clients
      // to keep answering), then one call, answered inline or batched with its neighbours.
      if (target.size <= SMALL_FILE) {
        const bytes = fs.readFileSync(target.path);
        progress.add(bytes.length);
        return pool.hash(options.algorithm, bytes, call);
      }
      let last = 0;
      const onProgress = ({ bytesDone }) => {
        progress.add(bytesDone - last);
        last = bytesDone;
      };
      return target.path === '-'
        ? pool.hashStream(io.stdin, options.algorithm, { ...call, onProgress })
        : pool.hashFile(target.path, options.algorithm, { ...call, onProgress });
    }, (target, { value, error }) => {
      progress.clear();
      if (error) {
        status = 1;
        stderr.write(`${io.program}: ${quote(target.name)}: ${describeError(error)}\n`);
        return;
      }
      stdout.write(formatLine({ algorithm: options.algorithm, hex: value, name: target.name, tag: options.tag, bits, defaultBits, zero: options.zero }));
    });
  } finally {
    progress.stop();
    await pool.close();
  }
  return status;
}

module.exports = { main, algorithmOf };
