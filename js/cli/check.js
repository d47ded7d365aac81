'use strict';
// --check: reads the lines sha256sum, md5sum, b2sum, b3sum and xxhsum write (GNU "HEX  NAME",
// escaped names included, and BSD "TAG (NAME) = HEX", whose tag names the algorithm), hashes
// the listed files in parallel, and reports as coreutils does: "NAME: OK" / "NAME: FAILED" /
// "NAME: FAILED open or read" on stdout, then its WARNING lines on stderr; --quiet, --status,
// --strict, --warn and --ignore-missing with coreutils' meanings and exit statuses.
const fs = require('node:fs');
const { TOOLS, VARIABLE, checkedName, fromTag, unescape } = require('./formats');
const { inOrder } = require('./in-order');
const { poolFor } = require('./engine');
const { quote } = require('./quote');
const { describeError } = require('./errors');
const rows = require('../../dist/algorithms.json');

const GNU = /^(\\?)([0-9a-fA-F]+) [ *](.+)$/s;
const BSD = /^(\\?)([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*) \((.*)\) = ([0-9a-fA-F]+)$/s;

const digestBits = (algorithm) => rows.find((k) => k.name === algorithm).digestSize * 8;

// One line → { algorithm, bits, hex, name } or undefined when improperly formatted.
function parseLine(line, options) {
  const defaultAlgorithm = options.algorithm ?? 'sha256';
  let m = BSD.exec(line);
  if (m) {
    const tagged = fromTag(m[2]);
    if (!tagged || (options.algorithm !== undefined && tagged.algorithm !== options.algorithm)) return undefined;
    const bits = tagged.bits ?? digestBits(tagged.algorithm);
    if (m[4].length * 4 !== bits) return undefined;
    return { algorithm: tagged.algorithm, bits, hex: m[4].toLowerCase(), name: m[1] ? unescape(m[3]) : m[3] };
  }
  m = GNU.exec(line);
  if (!m) return undefined;
  const algorithm = defaultAlgorithm;
  const hexBits = m[2].length * 4;
  // A variable-length algorithm's line says its length (as b2sum -c reads it).
  const bits = options.bits ?? (VARIABLE.has(algorithm) ? hexBits : digestBits(algorithm));
  if (hexBits !== bits || hexBits === 0) return undefined;
  return { algorithm, bits, hex: m[2].toLowerCase(), name: m[1] ? unescape(m[3]) : m[3] };
}

function readAll(file, stdin) {
  if (file !== '-') return fs.promises.readFile(file, 'latin1');
  return new Promise((resolve, reject) => {
    const parts = [];
    stdin.on('data', (d) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts).toString('latin1'))).on('error', reject);
  });
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

async function check(files, options, io) {
  const { stdout, stderr, program } = io;
  let status = 0;
  let pool = null;
  try {
    for (const file of files) {
      const warnImproper = (line) => {
        const tag = TOOLS[options.algorithm ?? 'sha256'].tag;
        stderr.write(`${program}: ${quote(file)}: ${line}: improperly formatted ${tag} checksum line\n`);
      };
      let text;
      try {
        text = await readAll(file, io.stdin);
      } catch (error) {
        stderr.write(`${program}: ${quote(file)}: ${describeError(error)}\n`);
        status = 1;
        continue;
      }
      // Names are bytes: read as latin1 and written back as latin1, so any byte survives.
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      // Every line, in order: an entry, or { improper: line number }, reported where it stands.
      const entries = lines.map((line, i) => parseLine(line, options) ?? { improper: i + 1 });
      const improper = entries.filter((e) => e.improper).length;
      if (improper === entries.length) {
        if (options.warn) entries.forEach((e) => warnImproper(e.improper));
        stderr.write(`${program}: ${quote(file)}: no properly formatted checksum lines found\n`);
        status = 1;
        continue;
      }
      pool ??= await poolFor(sizeOf(entries.filter((e) => !e.improper)), options.threads);
      let mismatched = 0;
      let unreadable = 0;
      let verified = 0;
      const latin1 = (s) => Buffer.from(s, 'latin1');
      await inOrder(entries, Math.max(32, pool.threads * 2), (entry) => entry.improper || pool.hashFile(Buffer.from(entry.name, 'latin1'), entry.algorithm, {
        encoding: 'hex', ...(entry.bits === digestBits(entry.algorithm) ? {} : { outputLength: entry.bits / 8 }),
      }), (entry, { value, error }) => {
        if (entry.improper) {
          if (options.warn) warnImproper(entry.improper);
          return;
        }
        const shown = checkedName(entry.algorithm, entry.name);
        if (error) {
          if (options.ignoreMissing && error.code === 'ENOENT') return;
          unreadable++;
          stderr.write(latin1(`${program}: ${quote(entry.name)}: ${describeError(error)}\n`));
          if (!options.status) stdout.write(latin1(`${shown}: FAILED open or read\n`));
          return;
        }
        verified++;
        if (value === entry.hex) {
          if (!options.status && !options.quiet) stdout.write(latin1(`${shown}: OK\n`));
        } else {
          mismatched++;
          if (!options.status) stdout.write(latin1(`${shown}: FAILED\n`));
        }
      });
      if (!options.status) {
        if (improper > 0) stderr.write(`${program}: WARNING: ${plural(improper, 'line is', 'lines are')} improperly formatted\n`);
        if (unreadable > 0) stderr.write(`${program}: WARNING: ${plural(unreadable, 'listed file', 'listed files')} could not be read\n`);
        if (mismatched > 0) stderr.write(`${program}: WARNING: ${plural(mismatched, 'computed checksum', 'computed checksums')} did NOT match\n`);
      }
      if (options.ignoreMissing && verified === 0 && unreadable === 0) {
        stderr.write(`${program}: ${quote(file)}: no file was verified\n`);
        status = 1;
      }
      if (mismatched > 0 || unreadable > 0 || (options.strict && improper > 0)) status = 1;
    }
  } finally {
    await pool?.close();
  }
  return status;
}

function sizeOf(entries) {
  let total = 0;
  for (const { name } of entries) {
    try {
      total += fs.statSync(Buffer.from(name, 'latin1')).size;
    } catch {
      // reported when it is hashed
    }
  }
  return total;
}

module.exports = { check, parseLine };
