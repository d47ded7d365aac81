'use strict';
// How each algorithm's lines look, so that `parahash -a X` prints byte for byte what the tool
// people already use for X prints, and --check reads those tools' files:
//   GNU coreutils (md5sum, sha1sum, sha224sum … sha512sum, b2sum): "HEX  NAME" ("HEX *NAME"
//   with -b), and a name holding a backslash, newline or carriage return is escaped (\\, \n,
//   \r) with a "\" before the line; --tag: "TAG (NAME) = HEX".
//   b3sum: the same, but a carriage return is not escaped.
//   xxhsum (-H0 xxh32, -H1 xxh64, -H2 xxh128): the same shapes, names never escaped.
// Algorithms no such tool has print GNU lines and coreutils' escapes, with the tags cksum -a
// and xxhsum use. All of it comes from the kernels' rows (src/kernels/kernels.def, as
// dist/algorithms.json gives them): the BSD tags and the peer tool are columns of each row, and
// an algorithm of variable length (min outputLength < max) is one -l sets (in bits, a multiple
// of 8) and whose tag then says the length. So a new row needs nothing here.
const ROWS = require('../../dist/algorithms.json');

const rowOf = (algorithm) => ROWS.find((k) => k.name === algorithm);
const VARIABLE = ROWS.filter((k) => k.minOutput !== k.maxOutput).map((k) => k.name).sort();
const isVariable = (algorithm) => VARIABLE.includes(algorithm);

// The tool whose lines, messages and stdin name an algorithm's runs imitate (js/cli/dialects.js):
// b3sum's and xxhsum's own; coreutils' for coreutils' tools (md5sum, sha*sum, b2sum) and for
// algorithms without a tool. The row's tool is a command line ("xxhsum -H1"); its program decides.
const OWN_DIALECTS = new Set(['b3sum', 'xxhsum']);
function dialectOf(algorithm) {
  const program = rowOf(algorithm)?.tool?.split(' ')[0];
  return OWN_DIALECTS.has(program) ? program : 'coreutils';
}

// The BSD tag of `algorithm` at `bits` (b2sum writes BLAKE2b-256 for -l 256).
function tagOf(algorithm, bits, defaultBits) {
  const tag = rowOf(algorithm).tags[0];
  return isVariable(algorithm) && bits !== defaultBits ? `${tag}-${bits}` : tag;
}

// The characters of a name each dialect escapes in a line (which then starts with "\"):
// coreutils a backslash, newline and carriage return; b3sum not a carriage return (its
// test_newline_and_backslash_escaping_on_unix); xxhsum nothing.
const ESCAPED = { coreutils: /[\\\n\r]/g, b3sum: /[\\\n]/g, xxhsum: null };
const ESCAPES = { '\\': '\\\\', '\n': '\\n', '\r': '\\r' };
const escapeIn = (dialect, name) => name.replace(ESCAPED[dialect], (c) => ESCAPES[c]);
const escape = (name) => escapeIn('coreutils', name);

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
  const dialect = dialectOf(algorithm);
  const escaped = !zero && ESCAPED[dialect] !== null && name.search(ESCAPED[dialect]) >= 0;
  const shown = escaped ? escapeIn(dialect, name) : name;
  const body = tag ? `${tagOf(algorithm, bits, defaultBits)} (${shown}) = ${hex}` : `${hex} ${binary ? '*' : ' '}${shown}`;
  return `${escaped ? '\\' : ''}${body}${zero ? '\0' : '\n'}`;
}

// The name as --check's "NAME: OK" shows it: coreutils escapes it there only when it holds a
// newline (a backslash or carriage return alone is written as it is); b3sum shows the name as
// its line wrote it, with the line's leading backslash; xxhsum as it is.
// entry: { name, written, escaped } (written: the name's text in the line, before unescaping).
function checkedName(dialect, entry) {
  if (dialect === 'b3sum') return entry.escaped ? `\\${entry.written}` : entry.written;
  if (dialect === 'xxhsum') return entry.name;
  return entry.name.includes('\n') ? `\\${escape(entry.name)}` : entry.name;
}

// Tag (as written, maybe with -BITS) → { algorithm, bits }, for --check's BSD and OpenSSL lines:
// any of a row's tags (OpenSSL's and cksum's spellings too: "SHA256(f)= …", "SHA2-256 (f) = …",
// "BLAKE2B-512"), or a variable-length row's first tag with a length.
function fromTag(text) {
  const exact = ROWS.find((k) => k.tags.includes(text));
  if (exact) return { algorithm: exact.name, bits: undefined };
  const dash = /^(.*)-([1-9]\d*)$/.exec(text);
  const sized = dash && ROWS.find((k) => isVariable(k.name) && k.tags[0] === dash[1]);
  return sized ? { algorithm: sized.name, bits: Number(dash[2]) } : undefined;
}

module.exports = { ROWS, rowOf, VARIABLE, isVariable, formatLine, checkedName, fromTag, unescape, tagOf, dialectOf, escape };
