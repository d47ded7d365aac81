'use strict';
// --check: reads every line sha256sum, md5sum, b2sum, b3sum and xxhsum read, hashes the listed
// files in parallel, and reports as the tool that -a imitates does (js/cli/dialects.js).
//   - GNU lines "HEX  NAME" / "HEX *NAME", a tab or a single space as separator where
//     coreutils takes one, leading blanks, a leading "\" for escaped names (coreutils'
//     split_3 and filename_unescape, 9.1);
//   - BSD md5 -r lines "HEX NAME" (coreutils' "bsd reversed": not mixed with GNU lines);
//   - BSD lines "TAG (NAME) = HEX" and OpenSSL lines "TAG(NAME)= HEX", whose tag chooses the
//     algorithm (and "-BITS" the length);
//   - with an xxHash algorithm, the hex's length chooses among XXH32, XXH64 and XXH128, as
//     xxhsum -c does whatever -H says;
//   - lines ending in CRLF, "#" comment lines and empty lines, skipped but counted as
//     coreutils counts line numbers; a NUL in a name fails that line as in b3sum.
// Names are byte strings throughout (js/cli/names.js).
const fs = require('node:fs');
const os = require('node:os');
const { ROWS, rowOf, isVariable, checkedName, fromTag, unescape, dialectOf, tagOf } = require('./formats');
const { DIALECTS } = require('./dialects');
const { inOrder } = require('./in-order');
const { LazyPool } = require('./pick-pool');
const { streamLimit } = require('./limit');
const { quote } = require('./quote');
const { toBytes, fromBytes } = require('./names');

const digestBits = (algorithm) => rowOf(algorithm).digestSize * 8;
// The algorithms printed in xxhsum's dialect (XXH32, XXH64, XXH128), which xxhsum -c tells apart
// by the length of a GNU line's digest, whatever -H says.
const XXHSUM_ROWS = ROWS.filter((k) => dialectOf(k.name) === 'xxhsum');
// The tags whose BSD lines xxhsum -c reads whatever -H says (xxhsum 0.8.1: XXH3 too, which the
// command prints in coreutils' lines, as xxhsum's GNU lines for it carry an "XXH3_" prefix).
const XXHSUM_TAGS = new Set(['XXH32', 'XXH64', 'XXH3', 'XXH128']);
const WHITE = (c) => c === ' ' || c === '\t';
const TAGGED = /^([A-Za-z][A-Za-z0-9_/]*(?:-[A-Za-z0-9_/]+)*) ?\(/;

// One line (without its "\n" or "\r\n") → an entry { algorithm, bits, hex, name, written,
// escaped } or { nul: true }, or undefined when improperly formatted.
// ctx: { algorithm (from -a, or undefined), bits (from -l, or undefined), dialect, state },
// state.bsdReversed as coreutils' static bsd_reversed: undefined, 0 (GNU seen), 1 (reversed seen).
function parseLine(line, ctx) {
  let i = 0;
  while (WHITE(line[i])) i++;
  const escaped = line[i] === '\\';
  if (escaped) i++;
  const rest = line.slice(i);
  const tagged = TAGGED.exec(rest);
  const tag = tagged && fromTag(tagged[1]);
  if (tag) return parseTagged(rest.slice(tagged[0].length), tag, escaped, ctx);
  return parseGnu(rest, escaped, ctx);
}

function named(nameText, escaped, fields) {
  if (nameText.includes('\0')) return { nul: true };
  const name = escaped ? unescape(nameText) : nameText;
  if (name === undefined) return undefined;
  return { ...fields, name, written: nameText, escaped };
}

function parseTagged(afterParen, { algorithm, bits: tagBits }, escaped, ctx) {
  const xxhAny = ctx.dialect === 'xxhsum' && XXHSUM_TAGS.has(rowOf(algorithm).tags[0]);
  if (ctx.algorithm !== undefined && algorithm !== ctx.algorithm && !xxhAny) return undefined;
  const row = rowOf(algorithm);
  const bits = tagBits ?? row.digestSize * 8;
  if (bits % 8 !== 0 || bits / 8 > row.maxOutput || bits === 0) return undefined;
  const close = afterParen.lastIndexOf(')');
  if (close < 0) return undefined;
  const m = /^[ \t]*=[ \t]*([0-9a-fA-F]+)$/.exec(afterParen.slice(close + 1));
  if (!m || m[1].length * 4 !== bits) return undefined;
  return named(afterParen.slice(0, close), escaped, { algorithm, bits, hex: m[1].toLowerCase() });
}

function parseGnu(rest, escaped, ctx) {
  const hex = /^[0-9a-fA-F]*/.exec(rest)[0];
  if (hex.length === 0 || !WHITE(rest[hex.length]) || rest.length < hex.length + 2) return undefined;
  let algorithm = ctx.algorithm ?? 'sha256';
  const hexBits = hex.length * 4;
  let bits;
  if (ctx.dialect === 'xxhsum' && ctx.bits === undefined) {
    const fits = (row) => row.digestSize * 2 === hex.length;
    algorithm = fits(rowOf(algorithm)) ? algorithm : XXHSUM_ROWS.find(fits)?.name;
    if (algorithm === undefined) return undefined;
    bits = hexBits;
  } else if (ctx.bits !== undefined) {
    if (hexBits !== ctx.bits) return undefined;
    bits = hexBits;
  } else if (isVariable(algorithm)) {
    // A variable-length algorithm's line says its length, as b2sum -c reads it.
    if (hex.length % 2 !== 0 || hexBits / 8 > rowOf(algorithm).maxOutput) return undefined;
    bits = hexBits;
  } else {
    bits = digestBits(algorithm);
    if (hexBits !== bits) return undefined;
  }
  const after = rest.slice(hex.length + 1);
  let nameText;
  let binary = false;
  if (after.length === 1 || (after[0] !== ' ' && after[0] !== '*')) {
    // BSD "md5 -r" (reversed) lines: not mixed with GNU ones, as coreutils refuses that.
    if (ctx.state.bsdReversed === 0) return undefined;
    ctx.state.bsdReversed = 1;
    nameText = after;
  } else if (ctx.state.bsdReversed !== 1) {
    ctx.state.bsdReversed = 0;
    binary = after[0] === '*';
    nameText = after.slice(1);
  } else {
    nameText = after;
  }
  return named(nameText, escaped, { algorithm, bits, hex: hex.toLowerCase(), binary });
}

// Check files are read whole, as lines (coreutils reads them line by line; a file with no
// newline is one line either way). stdin takes its turn (js/cli/stdio.js).
async function readCheckFile(file, stdin) {
  if (file === '-') return fromBytes(await stdin.take((s) => s.readAll()));
  return fromBytes(await fs.promises.readFile(toBytes(file)));
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// An algorithm a check file's name points at (B3SUMS, SHA512SUMS, *.md5 …), for the hint.
const NAME_HINTS = [
  [/b3|blake3/i, 'blake3'], [/b2|blake2/i, 'blake2b512'], [/xxh128|xxh3/i, 'xxh128'], [/xxh/i, 'xxh64'],
  [/sha3/i, 'sha3-256'], [/sha512/i, 'sha512'], [/sha384/i, 'sha384'], [/sha224/i, 'sha224'],
  [/sha256/i, 'sha256'], [/sha1/i, 'sha1'], [/md5/i, 'md5'],
];

// When every line failed and something says another algorithm would fit, say so (stderr), so a
// forgotten -a does not read as corruption. @return the hint's text or ''.
function hintFor(program, file, label, entries, used) {
  const proper = entries.filter((e) => e.algorithm !== undefined);
  const base = (file === '-' ? '' : file).split('/').pop();
  const byName = NAME_HINTS.find(([re]) => re.test(base))?.[1];
  if (proper.length > 0 && proper.every((e) => e.mismatched)) {
    if (byName && byName !== used && proper.every((e) => e.bits === digestBits(byName) || isVariable(byName))) {
      return `${program}: ${quote(label)}: every checksum differs as ${used}; the file's name suggests ${byName}: try '${program} -a ${byName} -c'\n`;
    }
    return '';
  }
  if (proper.length === 0) {
    const lengths = new Set(entries.filter((e) => e.hexLength).map((e) => e.hexLength));
    if (lengths.size !== 1) return '';
    const [length] = lengths;
    if (rowOf(used).digestSize * 2 === length || isVariable(used)) return '';
    const fits = ROWS.filter((r) => r.digestSize * 2 === length && r.name !== used).map((r) => r.name);
    if (fits.length === 0) return '';
    const first = fits.find((f) => byName && f.slice(0, 3) === byName.slice(0, 3)) ?? fits[0];
    return `${program}: ${quote(label)}: its ${length}-digit checksums do not fit ${used}; they fit ${fits.join(', ')}: try '${program} -a ${first} -c'\n`;
  }
  return '';
}

async function check(files, options, io) {
  const used = options.algorithm ?? 'sha256';
  const dialectName = dialectOf(used);
  const { SmallFiles } = require('./small-files');
  const { HostFiles } = require('./host-files');
  // One run over every check file; its pool is made for the first that lists a file.
  const run = {
    options, io, used, dialectName, dialect: DIALECTS[dialectName], tag: tagOf(used),
    ctx: { algorithm: options.algorithm, bits: options.bits, dialect: dialectName, state: {} },
    pools: null, small: new SmallFiles(), hostFiles: new HostFiles(), here: false, streams: streamLimit(options.threads),
  };
  let status = 0;
  try {
    for (const file of files) {
      if (await checkFile(run, file) !== 0) status = 1;
    }
  } finally {
    await run.pools?.close();
  }
  return status;
}

// One check file: read, its lines parsed, the files it lists hashed and reported in order, then
// the summary. @return its exit status.
async function checkFile(run, file) {
  const { options, io: { stderr, program }, dialect, used } = run;
  const label = dialect.checkLabel(file);
  let text;
  try {
    text = await readCheckFile(file, run.io.stdin);
  } catch (error) {
    stderr.write(dialect.checkFileError(program, label, error));
    return 1;
  }
  const entries = entriesOf(text, run.ctx, dialect, file);
  if (!entries.some((e) => e.algorithm !== undefined || e.nul)) {
    for (const entry of entries) reportImproper(run, label, entry);
    stderr.write(dialect.noLines(program, label));
    if (!options.status) stderr.write(hintFor(program, file, label, entries, used));
    return 1;
  }
  // Sized by the first check file that lists a file, made when a listed file first needs it.
  const listed = statsOf(entries, dialect.stdinEntry);
  run.pools ??= new LazyPool(sizeOf(listed), options.threads);
  // Large files on this thread (js/cli/host-files.js) when a pool's threads would not hash
  // this check file's large files sooner; per entry, where node:crypto has its call.
  run.here = run.hostFiles.worthIt(listed);
  const counts = await verify(run, entries, label);
  if (run.pools.failure !== undefined) throw run.pools.failure;
  counts.improper = entries.filter((e) => e.improper).length;
  return conclude(run, file, label, entries, counts);
}

// Every line of a check file, in order: an entry, { improper: line number, hexLength }, or
// nothing (comments, blanks).
function entriesOf(text, ctx, dialect, file) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries = [];
  lines.forEach((raw, index) => {
    if (raw[0] === '#') return;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    let entry = parseLine(line, ctx);
    // A check file read from stdin cannot name stdin too (coreutils).
    if (entry?.name === dialect.stdinEntry && file === '-') entry = undefined;
    const hexLength = /^[ \t]*\\?([0-9a-fA-F]+)[ \t]/.exec(line)?.[1].length;
    entries.push(entry ? { ...entry, line: index + 1 } : { improper: index + 1, hexLength });
  });
  return entries;
}

// An improperly formatted line, reported where -w asks for it or the dialect always does.
function reportImproper({ options, io: { stderr, program }, dialect, tag }, label, entry) {
  if ((options.warn || dialect.improperFails) && !options.status) stderr.write(dialect.improper(program, label, entry.improper, tag));
}

// Hashes every listed file on the run's pool and reports each line in order ("NAME: OK",
// "FAILED", an unreadable file, a NUL in a name). Marks mismatched entries for the hint.
// @return the counts { matched, mismatched, unreadable, nul }.
async function verify(run, entries, label) {
  const { options, io: { stdout, stderr, program }, dialect, dialectName, small } = run;
  const counts = { matched: 0, mismatched: 0, unreadable: 0, nul: 0 };
  await inOrder(entries, Math.max(32, 2 * (options.threads ?? os.availableParallelism())), async (entry) => {
    if (entry.algorithm === undefined) return undefined;
    const call = { encoding: 'hex', ...(entry.bits === digestBits(entry.algorithm) ? {} : { outputLength: entry.bits / 8 }) };
    if (entry.name !== dialect.stdinEntry) {
      await small.turn();
      const digest = small.digest(toBytes(entry.name), entry.algorithm, call);
      if (digest !== undefined) return digest;
      if (run.here && run.hostFiles.canHash(entry.algorithm, call)) {
        const streamed = await run.hostFiles.digest(toBytes(entry.name), entry.algorithm, call);
        if (streamed !== undefined) return streamed;
      }
    }
    const pool = await run.pools.get();
    if (entry.name === dialect.stdinEntry) return run.io.stdin.take((s) => pool.hashStream(s.chunks(), entry.algorithm, call));
    return run.streams.run(entry.size, () => pool.hashFile(toBytes(entry.name), entry.algorithm, call));
  }, (entry, { value, error }) => {
    if (entry.improper) return reportImproper(run, label, entry);
    if (entry.nul) {
      counts.nul++;
      stderr.write(`${program}: Null character in path\n`);
      return undefined;
    }
    if (error !== undefined && error === run.pools.failure) return undefined; // the run's, below
    const shown = checkedName(dialectName, entry);
    if (error) {
      if (options.ignoreMissing && error.code === 'ENOENT') return undefined;
      counts.unreadable++;
      const out = dialect.unreadable(program, shown, entry, error, label);
      if (!options.status) stdout.write(out.stdout);
      stderr.write(out.stderr);
      return undefined;
    }
    if (value === entry.hex) {
      counts.matched++;
      if (!options.status && !options.quiet) stdout.write(`${shown}: OK\n`);
    } else {
      counts.mismatched++;
      entry.mismatched = true;
      if (!options.status) stdout.write(`${shown}: FAILED\n`);
    }
    return undefined;
  });
  return counts;
}

// A check file's summary, its warnings and hint. @return its exit status.
function conclude(run, file, label, entries, { improper, matched, mismatched, unreadable, nul }) {
  const { options, io: { stdout, stderr, program }, dialect, used } = run;
  if (!options.status && dialect.summary !== 'none') {
    const say = dialect.summary === 'stderr' ? (s) => stderr.write(`${program}: WARNING: ${s}\n`) : (s) => stdout.write(`${s}\n`);
    if (improper > 0) say(plural(improper, 'line is', 'lines are') + ' improperly formatted');
    if (unreadable > 0) say(plural(unreadable, 'listed file', 'listed files') + ' could not be read');
    if (mismatched > 0) say(plural(mismatched, 'computed checksum', 'computed checksums') + ' did NOT match');
  }
  if (options.ignoreMissing && matched === 0 && !options.status) stderr.write(`${program}: ${quote(label)}: no file was verified\n`);
  if (!options.status && matched === 0 && unreadable === 0) stderr.write(hintFor(program, file, label, entries, used));
  const strict = options.strict || dialect.improperFails;
  return mismatched > 0 || unreadable > 0 || nul > 0 || (strict && improper > 0) || (options.ignoreMissing && matched === 0) ? 1 : 0;
}

// [{ regular, size }] of every listed file that stat() finds (one that it does not is reported
// when it is hashed), and of stdin where the check file names it. Each entry of a regular file
// keeps its size (js/cli/limit.js streamLimit).
function statsOf(entries, stdinEntry) {
  const stats = [];
  for (const entry of entries) {
    const { name, algorithm } = entry;
    if (algorithm === undefined) continue;
    if (name === stdinEntry) {
      stats.push({ regular: false, size: 0 });
      continue;
    }
    try {
      const stat = fs.statSync(toBytes(name));
      stats.push({ regular: stat.isFile(), size: stat.size });
      if (stat.isFile()) entry.size = stat.size;
    } catch {
      // reported when it is hashed
    }
  }
  return stats;
}

const sizeOf = (stats) => stats.reduce((total, t) => total + (t.regular ? t.size : Infinity), 0);

module.exports = { check, parseLine };
