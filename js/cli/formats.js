'use strict';
// How each algorithm's lines look, so that `parahash -a X` prints byte for byte what the tool
// people already use for X prints, and --check reads those tools' files:
//   GNU coreutils (md5sum, sha1sum, sha224sum … sha512sum, b2sum): "HEX  NAME" ("HEX *NAME"
//   with -b), and a name holding a backslash, newline or carriage return is escaped (\\, \n,
//   \r) with a "\" before the line; --tag: "TAG (NAME) = HEX".
//   b3sum: the same, but a carriage return is not escaped.
//   xxhsum (-H0 xxh32, -H1 xxh64, -H2 xxh128): the same shapes, names never escaped.
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
  blake3: { tag: 'BLAKE3', tool: 'b3sum', lengthTag: true, dialect: 'b3sum' },
  crc32: { tag: 'CRC32' },
  crc32c: { tag: 'CRC32C' },
  xxh32: { tag: 'XXH32', tool: 'xxhsum -H0', raw: true, dialect: 'xxhsum' },
  xxh64: { tag: 'XXH64', tool: 'xxhsum -H1', raw: true, dialect: 'xxhsum' },
  xxh3: { tag: 'XXH3' },
  xxh128: { tag: 'XXH128', tool: 'xxhsum -H2', raw: true, dialect: 'xxhsum' },
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
// b3sum escapes a backslash and a newline, not a carriage return (its test_newline_and_backslash_escaping_on_unix).
const needsEscapeB3 = (name) => /[\\\n]/.test(name);
const escapeB3 = (name) => name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

// coreutils' filename_unescape: \\, \n and \r only; anything else after a backslash, a
// backslash at the end, or a NUL makes the line improperly formatted (undefined).
function unescape(name) {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\0') return undefined;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = name[++i];
    if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else if (next === '\\') out += '\\';
    else return undefined;
  }
  return out;
}

// One output line (its terminator included). zero: -z (NUL, never escaped); binary: -b ("*").
function formatLine({ algorithm, hex, name, tag, bits, defaultBits, zero, binary }) {
  const b3 = TOOLS[algorithm].dialect === 'b3sum';
  const escaped = !zero && !TOOLS[algorithm].raw && (b3 ? needsEscapeB3(name) : needsEscape(name));
  const shown = escaped ? (b3 ? escapeB3(name) : escape(name)) : name;
  const body = tag ? `${tagOf(algorithm, bits, defaultBits)} (${shown}) = ${hex}` : `${hex} ${binary ? '*' : ' '}${shown}`;
  return `${escaped ? '\\' : ''}${body}${zero ? '\0' : '\n'}`;
}

// The tool whose messages and stdin name an algorithm's runs imitate (js/cli/dialects.js).
const dialectOf = (algorithm) => TOOLS[algorithm]?.dialect ?? 'coreutils';

// The name as --check's "NAME: OK" shows it: coreutils escapes it there only when it holds a
// newline (a backslash or carriage return alone is written as it is); b3sum shows the name as
// its line wrote it, with the line's leading backslash; xxhsum as it is.
// entry: { name, written, escaped } (written: the name's text in the line, before unescaping).
function checkedName(dialect, entry) {
  if (dialect === 'b3sum') return entry.escaped ? `\\${entry.written}` : entry.written;
  if (dialect === 'xxhsum') return entry.name;
  return entry.name.includes('\n') ? `\\${escape(entry.name)}` : entry.name;
}

// OpenSSL's and cksum's spellings of a tag ("SHA256(f)= …", "SHA2-256 (f) = …", "BLAKE2B-512").
const TAG_ALIASES = {
  'SHA2-224': 'sha224', 'SHA2-256': 'sha256', 'SHA2-384': 'sha384', 'SHA2-512': 'sha512',
  'SHA2-512/256': 'sha512-256', 'SHA512/256': 'sha512-256', 'BLAKE2B-512': 'blake2b512', 'BLAKE2S-256': 'blake2s256',
  'BLAKE2b512': 'blake2b512', 'BLAKE2s256': 'blake2s256', SHA1: 'sha1', XXH3_64: 'xxh3',
};

// Tag (as written, maybe with -BITS) → { algorithm, bits }, for --check's BSD and OpenSSL lines.
function fromTag(text) {
  const dash = /^(.*)-(\d+)$/.exec(text);
  for (const [algorithm, { tag, lengthTag }] of Object.entries(TOOLS)) {
    if (tag === text) return { algorithm, bits: undefined };
  }
  if (TAG_ALIASES[text]) return { algorithm: TAG_ALIASES[text], bits: undefined };
  for (const [algorithm, { tag, lengthTag }] of Object.entries(TOOLS)) {
    if (lengthTag && dash && dash[1] === tag && /^[1-9]/.test(dash[2])) return { algorithm, bits: Number(dash[2]) };
  }
  return undefined;
}

module.exports = { TOOLS, VARIABLE, formatLine, checkedName, fromTag, unescape, tagOf, dialectOf, escape };
