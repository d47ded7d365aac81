'use strict';
// The `parahash` command (README "The parahash command"): coreutils' *sum shape for every
// algorithm of the package, files hashed in parallel on the pool and printed in argument
// order, --check, -r, and a progress line on a terminal.
const fs = require('node:fs');
const os = require('node:os');
const { parseArgs, UsageError } = require('./args');
const { ROWS, rowOf, VARIABLE, isVariable, formatLine, dialectOf, tagOf } = require('./formats');
const { DIALECTS } = require('./dialects');
const { targetsOf } = require('./walk');
const { Progress } = require('./progress');
const { inOrder } = require('./in-order');
const { LazyPool } = require('./pick-pool');
const { streamLimit } = require('./limit');
const { check } = require('./check');
const { quote } = require('./quote');
const { helpText, versionText } = require('./help');

const PROGRAM = 'parahash';
// Regular files up to this size are read whole; larger ones, and anything that is not a
// regular file, stream through the pool's staging.
const SMALL_FILE = 256 * 1024;
// Files in flight at once: enough small reads to keep the threads fed.
const CONCURRENT_FILES = 32;
const ALGORITHMS = ROWS.map((k) => k.name);

// "sha-256", "SHA256" … → the canonical name, as the library accepts them.
function algorithmOf(given) {
  const lower = given.toLowerCase();
  const row = ROWS.find((k) => k.name === lower || k.aliases.includes(lower));
  return row?.name;
}

// -l BITS as b2sum reads each one given: a number, a multiple of 8, 0 for the default.
// @return an error text (coreutils' lines) or undefined.
function lengthError(given) {
  if (!/^\d+$/.test(given)) return `invalid length: ${quoteLocale(given)}\n`;
  if (BigInt(given) > 0xffffffffffffffffn) return `invalid length: ${quoteLocale(given)}: Value too large for defined data type\n`;
  if (BigInt(given) % 8n !== 0n) return `invalid length: ${quoteLocale(given)}\n${PROGRAM}: length is not a multiple of 8\n`;
  return undefined;
}
// coreutils' quote() (not quotef): always in single quotes.
const quoteLocale = (text) => `'${text}'`;

// A refusal written as it is (coreutils' own lines), without UsageError's pointer to --help.
class Refusal extends Error {}

// @return the exit status. io: { argv (byte strings), stdout, stderr (js/cli/stdio.js Output),
// stdin (js/cli/stdio.js Stdin) }.
async function main({ argv, stdout, stderr, stdin }) {
  let options;
  let files;
  try {
    ({ options, files } = parseArgs(argv));
  } catch (error) {
    return refused(stderr, error);
  }
  if (options.help) {
    stdout.write(helpText(PROGRAM, ALGORITHMS));
    return 0;
  }
  if (options.version) {
    stdout.write(versionText(PROGRAM));
    return 0;
  }
  let settings;
  try {
    settings = settingsOf(options);
  } catch (error) {
    return refused(stderr, error);
  }
  if (files.length === 0) files = ['-'];
  const io = { stdout, stderr, stdin, program: PROGRAM };
  if (options.check) return check(files, { ...options, ...settings }, io);
  return hashAll(files, { ...options, ...settings, algorithm: settings.algorithm ?? 'sha256' }, io);
}

// Writes a UsageError as coreutils does, or a Refusal's lines. @return the exit status, 1.
// @throws any other error.
function refused(stderr, error) {
  if (error instanceof UsageError) stderr.write(`${PROGRAM}: ${error.message}\nTry '${PROGRAM} --help' for more information.\n`);
  else if (error instanceof Refusal) stderr.write(error.message);
  else throw error;
  return 1;
}

// The options read and checked, in coreutils' order. @return { algorithm (canonical, or
// undefined for the default), bits (undefined for the default), threads (or undefined) };
// @throws UsageError or Refusal.
function settingsOf(options) {
  for (const given of options.lengths ?? []) {
    const error = lengthError(given);
    if (error) throw new Refusal(`${PROGRAM}: ${error}`);
  }
  const algorithm = options.algorithm === undefined ? undefined : algorithmOf(options.algorithm);
  if (options.algorithm !== undefined && algorithm === undefined) throw new UsageError(`unknown algorithm ${quote(options.algorithm)}`);
  const bits = bitsOf(options.length, algorithm);
  let threads;
  if (options.threads !== undefined) {
    threads = /^\d+$/.test(options.threads) ? Number(options.threads) : NaN;
    if (!(threads >= 1 && threads <= 256)) throw new UsageError(`invalid number of threads: ${quote(options.threads)}`);
  }
  checkCombinations(options);
  return { algorithm, bits, threads };
}

// The last -l BITS for `algorithm` (undefined: the default's). @return the bits, or undefined
// for none or 0.
function bitsOf(length, algorithm) {
  if (length === undefined || Number(length) === 0) return undefined;
  const alg = algorithm ?? 'sha256';
  const row = rowOf(alg);
  if (!isVariable(alg)) throw new UsageError(`--length is only supported with ${VARIABLE.join(', ')}`);
  const bits = Number(length);
  if (bits / 8 > row.maxOutput) {
    throw new Refusal(`${PROGRAM}: invalid length: ${quoteLocale(length)}\n` +
      `${PROGRAM}: maximum digest length for ${quoteLocale(tagOf(alg))} is ${row.maxOutput * 8} bits\n`);
  }
  return bits;
}

// coreutils' checks of options that do not go together, in coreutils' order.
function checkCombinations(options) {
  if (options.tag && options.mode === 'text') throw new UsageError('--tag does not support --text mode');
  if (options.zero && options.check) throw new UsageError('the --zero option is not supported when verifying checksums');
  if (options.check && options.tag) throw new UsageError('the --tag option is meaningless when verifying checksums');
  if (options.check && options.mode !== undefined) throw new UsageError('the --binary and --text options are meaningless when verifying checksums');
  const checkOnly = ['ignoreMissing', 'status', 'warn', 'quiet', 'strict'].find((k) => options[k]);
  if (checkOnly && !options.check) {
    const flag = { ignoreMissing: 'ignore-missing' }[checkOnly] ?? checkOnly;
    throw new UsageError(`the --${flag} option is meaningful only when verifying checksums`);
  }
}

async function hashAll(files, options, io) {
  const { stdout, stderr } = io;
  const dialect = DIALECTS[dialectOf(options.algorithm)];
  const row = rowOf(options.algorithm);
  const defaultBits = row.digestSize * 8;
  const bits = options.bits ?? defaultBits;
  const targets = targetsOf(files, options.recursive);
  // Unknown sizes (stdin, a pipe, a device) make the total unknown, and the work large.
  const total = targets.reduce((sum, t) => sum + (t.error ? 0 : t.size ?? Infinity), 0);
  const progress = new Progress(stderr, total, options.progress ?? (stderr.isTTY === true && !options.zero));
  const pools = new LazyPool(total, options.threads);
  const { SmallFiles, SYNC_FILE } = require('./small-files');
  const small = new SmallFiles();
  const call = { encoding: 'hex', ...(bits === defaultBits ? {} : { outputLength: bits / 8 }) };
  const here = hostFilesFor(targets, options.algorithm, call);
  const streams = streamLimit(options.threads);
  let status = 0;
  let stdinFailed = false;
  try {
    await inOrder(targets, Math.max(CONCURRENT_FILES, 2 * (options.threads ?? os.availableParallelism())), async (target) => {
      if (target.error) throw target.error;
      if (target.regular && target.size <= SYNC_FILE) {
        await small.turn();
        const digest = small.digest(target.path, options.algorithm, call, true, (n) => progress.add(n));
        if (digest !== undefined) return digest;
      }
      if (here !== null && target.regular) {
        const digest = await here.digest(target.path, options.algorithm, call, (n) => progress.add(n));
        if (digest !== undefined) return digest;
      }
      const pool = await pools.get();
      let last = 0;
      const onProgress = ({ bytesDone }) => {
        progress.add(bytesDone - last);
        last = bytesDone;
      };
      // stdin: one reader at a time, in argument order ("- -": the content, then nothing).
      if (target.path === '-') return io.stdin.take((s) => pool.hashStream(s.chunks((n) => progress.add(n)), options.algorithm, call));
      // A regular file past SYNC_FILE but still small costs more in open/read/close calls than
      // in hashing: one synchronous read (fs.promises' FileHandle calls cost 3× more here, and a
      // command has no other clients to keep answering), then one call, answered inline or
      // batched with its neighbours. Only a regular file of known size: a device, a FIFO or a
      // <(…) says 0 and streams (pool.hashFile reads what is not a regular file as a stream, in
      // bounded memory).
      if (target.regular && target.size <= SMALL_FILE) {
        const bytes = fs.readFileSync(target.path);
        progress.add(bytes.length);
        return pool.hash(options.algorithm, bytes, call);
      }
      return streams.run(target.size, () => pool.hashFile(target.path, options.algorithm, { ...call, onProgress }));
    }, (target, { value, error }) => {
      progress.clear();
      if (error !== undefined && error === pools.failure) return;
      if (error) {
        status = 1;
        if (target.path === '-') stdinFailed = true;
        stderr.write(dialect.hashError(io.program, target.name, error));
        return;
      }
      const name = target.path === '-' ? dialect.stdinName : target.name;
      stdout.write(formatLine({
        algorithm: options.algorithm, hex: value, name, tag: options.tag, bits, defaultBits, zero: options.zero,
        binary: options.mode === 'binary',
      }));
    });
  } finally {
    progress.stop();
    await pools.close();
  }
  if (pools.failure !== undefined) throw pools.failure;
  // coreutils closes stdin at the end and reports that too ("standard input: Bad file descriptor").
  if (stdinFailed && io.stdin.closed && dialectOf(options.algorithm) === 'coreutils') {
    stderr.write(`${io.program}: standard input: Bad file descriptor\n`);
  }
  return status;
}

// The run's large files hashed on this thread with node:crypto (js/cli/host-files.js), or null
// when the host lacks the call or a pool's threads would hash them sooner.
function hostFilesFor(targets, algorithm, call) {
  const { HostFiles } = require('./host-files');
  const here = new HostFiles();
  return here.canHash(algorithm, call) && here.worthIt(targets.filter((t) => t.error === undefined)) ? here : null;
}

module.exports = { main, algorithmOf };
