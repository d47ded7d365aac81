'use strict';
// File names in messages, quoted as coreutils' quotef does (gnulib's shell-escape style): plain
// names as they are, others in single quotes, control characters and bytes that are not
// characters of the locale as $'\n' or $'\377' pieces. Names are byte strings (latin1: one
// char per byte, js/cli/names.js), so a name that is not UTF-8 is shown byte for byte.
// Not imitated: gnulib's extra '' before a name holding both a quote and a control character.
const SAFE = /^[A-Za-z0-9_./:,+@%=^-]+$/;
const NAMED = { 0x07: 'a', 0x08: 'b', 0x0c: 'f', 0x0a: 'n', 0x0d: 'r', 0x09: 't', 0x0b: 'v' };

// Does the locale (LC_ALL, then LC_CTYPE, then LANG) use UTF-8? Then valid UTF-8 is printable.
function utf8Locale(env = process.env) {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

// Length of the valid UTF-8 sequence of at least two bytes at `i`, or 0.
function utf8Length(s, i) {
  const b = s.charCodeAt(i);
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > s.length) return 0;
  for (let k = 1; k < n; k++) if ((s.charCodeAt(i + k) & 0xc0) !== 0x80) return 0;
  const decoded = Buffer.from(s.slice(i, i + n), 'latin1').toString('utf8');
  return decoded.length > 0 && !decoded.includes('\ufffd') ? n : 0;
}

// The name as units: { text, escape } where escape is the $'…' body of an unprintable unit.
function units(name, utf8) {
  const out = [];
  for (let i = 0; i < name.length;) {
    const b = name.charCodeAt(i);
    if (b >= 0x20 && b < 0x7f) out.push({ text: name[i++] });
    else if (b >= 0x80 && utf8 && utf8Length(name, i) > 0) {
      const n = utf8Length(name, i);
      out.push({ text: name.slice(i, i + n), wide: true });
      i += n;
    } else {
      out.push({ escape: NAMED[b] ? `\\${NAMED[b]}` : `\\${b.toString(8).padStart(3, '0')}` });
      i++;
    }
  }
  return out;
}

function quote(name, { utf8 = utf8Locale() } = {}) {
  const parts = units(name, utf8);
  if (!parts.some((u) => u.escape !== undefined)) {
    const plain = parts.map((u) => (u.wide ? 'a' : u.text)).join('');
    if (name !== '' && SAFE.test(plain)) return name;
    if (!name.includes("'")) return `'${name}'`;
    if (!/[\\"`$]/.test(name)) return `"${name}"`;
    return `'${name.replace(/'/g, "'\\''")}'`;
  }
  let out = "'";
  let open = true; // inside '...'
  let inEscape = false; // inside $'...'
  for (const u of parts) {
    if (u.escape !== undefined) {
      if (open) out += "'";
      open = false;
      if (!inEscape) out += "$'";
      inEscape = true;
      out += u.escape;
    } else {
      if (inEscape) out += "'";
      inEscape = false;
      if (!open) out += "'";
      open = true;
      out += u.text === "'" ? "'\\''" : u.text;
    }
  }
  if (inEscape || open) out += "'";
  return out;
}

module.exports = { quote, utf8Locale };
