'use strict';
// How each algorithm's lines look, so that `parahash -a X` prints byte for byte what the tool
// people already use for X prints, and --check reads those tools' files:
//   GNU coreutils (md5sum, sha1sum, sha224sum … sha512sum, b2sum) and b3sum: "HEX  NAME", and
//   a name holding a backslash, newline or carriage return is escaped (\\, \n, \r) with a "\"
//   before the line; --tag: "TAG (NAME) = HEX".
//   xxhsum (-H1 xxh64, -H2 xxh128): the same shapes, names never escaped.
// Algorithms no such tool has print GNU lines, with the tags cksum -a and xxhsum use.

const TOOLS = {
  md5: { tag: 'MD5', tool: 'md5sum' },
  sha1: { tag: 'SHA1', tool: 'sha1sum' },
  sha224: { tag: 'SHA224', tool: 'sha224sum' },
  sha256: { tag: 'SHA256', tool: 'sha256sum' },
  sha384: { tag: 'SHA384', tool: 'sha384sum' },
  sha512: { tag: 'SHA512', tool: 'sha512sum' },
  'sha512-256': { tag: 'SHA512-256' },
  'sha3-224': { tag: 'SHA3-224' },
  'sha3-256': { tag: 'SHA3-256' },
  'sha3-384': { tag: 'SHA3-384' },
  'sha3-512': { tag: 'SHA3-512' },
  shake128: { tag: 'SHAKE128', lengthTag: true },
  shake256: { tag: 'SHAKE256', lengthTag: true },
  blake2b512: { tag: 'BLAKE2b', tool: 'b2sum', lengthTag: true },
  blake2s256: { tag: 'BLAKE2s', lengthTag: true },
  blake3: { tag: 'BLAKE3', tool: 'b3sum', lengthTag: true, checkEscapesAll: true },
  crc32: { tag: 'CRC32' },
  crc32c: { tag: 'CRC32C' },
  xxh32: { tag: 'XXH32' },
  xxh64: { tag: 'XXH64', tool: 'xxhsum -H1', raw: true },
  xxh3: { tag: 'XXH3' },
  xxh128: { tag: 'XXH128', tool: 'xxhsum -H2', raw: true },
};

// Algorithms whose output length -l/--length sets (in bits, a multiple of 8).
const VARIABLE = new Set(['blake2b512', 'blake2s256', 'blake3', 'shake128', 'shake256']);

// The BSD tag of `algorithm` at `bits` (b2sum writes BLAKE2b-256 for -l 256).
function tagOf(algorithm, bits, defaultBits) {
  const { tag, lengthTag } = TOOLS[algorithm];
  return lengthTag && bits !== defaultBits ? `${tag}-${bits}` : tag;
}

const needsEscape = (name) => /[\\\n\r]/.test(name);
const escape = (name) => name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
function unescape(name) {
  return name.replace(/\\(.)/gs, (all, c) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === '\\' ? '\\' : all));
}

// One output line (its terminator included). zero: -z (NUL, never escaped).
function formatLine({ algorithm, hex, name, tag, bits, defaultBits, zero }) {
  const escaped = !zero && !TOOLS[algorithm].raw && needsEscape(name);
  const shown = escaped ? escape(name) : name;
  const body = tag ? `${tagOf(algorithm, bits, defaultBits)} (${shown}) = ${hex}` : `${hex}  ${shown}`;
  return `${escaped ? '\\' : ''}${body}${zero ? '\0' : '\n'}`;
}

// The name as --check's "NAME: OK" shows it: coreutils escapes it there only when it holds a
// newline (a backslash or carriage return alone is written as it is); b3sum as in its sums.
function checkedName(algorithm, name) {
  const { raw, checkEscapesAll } = TOOLS[algorithm];
  const escaped = !raw && (checkEscapesAll ? needsEscape(name) : name.includes('\n'));
  return escaped ? `\\${escape(name)}` : name;
}

// Tag (as written, maybe with -BITS) → { algorithm, bits }, for --check's BSD lines.
function fromTag(text) {
  const dash = /^(.*)-(\d+)$/.exec(text);
  for (const [algorithm, { tag, lengthTag }] of Object.entries(TOOLS)) {
    if (tag === text) return { algorithm, bits: undefined };
    if (lengthTag && dash && dash[1] === tag) return { algorithm, bits: Number(dash[2]) };
  }
  return undefined;
}

module.exports = { TOOLS, VARIABLE, formatLine, checkedName, fromTag, unescape, tagOf };
