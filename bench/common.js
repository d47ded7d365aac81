'use strict';
// What the benchmarks share: arguments, random input, timing, min–max formatting, and
// bench/results/<name>.json, which records the machine and library versions next to the figures
// so that a table can be traced to where and with what it was taken.
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

// Positional arguments and --name value / --name=value options, e.g. ['3', '--max-threads', '16'].
// @return { positional: string[], options: { [name]: string } }
function parseArgs(argv = process.argv.slice(2)) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) positional.push(argv[i]);
    else options[m[1]] = m[2] ?? argv[++i];
  }
  return { positional, options };
}

// A positive number from an argument, or the default; anything else exits with a message.
function numberArg(value, fallback, what) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0)) {
    console.error(`${what}: expected a positive number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

// Random bytes in a buffer of its own (randomFillSync takes at most 2^31-1 bytes at once).
function randomInput(size) {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 1 << 24) crypto.randomFillSync(out, i, Math.min(1 << 24, size - i));
  return out;
}

// `count` random messages of `size` bytes, each with its own ArrayBuffer: a view into one big
// buffer would make structured clone (piscina's postMessage) copy the whole buffer per message.
const randomMessages = (count, size) => Array.from({ length: count }, () => randomInput(size));

// Milliseconds that `fn` (sync or async) takes.
async function timeMs(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

// Digest-like values as hex, so that every contender's output can be compared with parahash's:
// hex strings (hash-wasm), bytes (Buffer, Uint8Array, ArrayBuffer), and numbers or bigints
// (xxhash-wasm) written big-endian in `bytes` bytes, as parahash and xxhsum write them.
function toHex(value, bytes) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString(16).padStart(2 * bytes, '0');
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('hex');
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
}

// 'min–max' of a list of figures ('—' for none; one figure when they agree, as after one round).
function range(xs, digits = 0) {
  if (!xs || xs.length === 0) return '—';
  const [lo, hi] = [Math.min(...xs).toFixed(digits), Math.max(...xs).toFixed(digits)];
  return lo === hi ? lo : `${lo}–${hi}`;
}

// Prints one Markdown table: header cells, then rows of cells.
function printTable(header, rows, align) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function gitCommit() {
  try {
    const opts = { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' };
    const head = childProcess.execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = childProcess.execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], opts).trim() !== '';
    return dirty ? `${head}+uncommitted changes` : head;
  } catch {
    return null;
  }
}

// Versions of the packages compared against, as installed (null where missing).
function libraryVersions(names = ['hash-wasm', '@noble/hashes', 'blake3-wasm', 'xxhash-wasm', 'piscina']) {
  return Object.fromEntries(names.map((name) => {
    try {
      return [name, JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version];
    } catch {
      return [name, null];
    }
  }));
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpu: cpus[0]?.model?.trim() ?? null,
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    loadAverageAtEnd: os.loadavg(),
  };
}

// Writes bench/results/<name>.json: { benchmark, date, machine, parahash commit, libraries,
// parameters, ...results } and says where.
function writeResults(name, parameters, results) {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const record = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: machine(),
    parahashCommit: gitCommit(),
    libraries: libraryVersions(),
    parameters,
    ...results,
  };
  fs.writeFileSync(file, `${JSON.stringify(record, (k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  console.log(`\nwritten: ${path.relative(process.cwd(), file)}`);
}

// A library a benchmark compares against, or null with the reason in unavailable[name] (a
// missing or broken package is reported, not fatal).
async function tryLoad(unavailable, name, load) {
  try {
    return await load();
  } catch (error) {
    unavailable[name] = String(error?.message ?? error).split('\n')[0];
    return null;
  }
}

module.exports = { tryLoad, parseArgs, numberArg, randomInput, randomMessages, timeMs, toHex, range, printTable, writeResults };
