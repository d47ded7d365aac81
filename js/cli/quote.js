'use strict';
// File names in messages, quoted as coreutils' quotef does (its shell-escape style): plain
// names as they are, others in single quotes, control characters as $'\n'.
const SAFE = /^[A-Za-z0-9_./:,+@%=^-]+$/;
const CONTROL = /[\x00-\x1f\x7f]/;

function quote(name) {
  if (name !== '' && SAFE.test(name)) return name;
  if (!CONTROL.test(name)) {
    if (!name.includes("'")) return `'${name}'`;
    if (!/[\\"`$]/.test(name)) return `"${name}"`;
    return `'${name.replace(/'/g, "'\\''")}'`;
  }
  let out = '';
  let open = false; // inside '...'
  for (const ch of name) {
    if (CONTROL.test(ch)) {
      if (open) out += "'";
      open = false;
      const named = { '\n': 'n', '\t': 't', '\r': 'r', '\b': 'b', '\f': 'f', '\v': 'v', '\x07': 'a', '\x1b': 'E' }[ch];
      out += `$'\\${named ?? ch.charCodeAt(0).toString(8).padStart(3, '0')}'`;
    } else {
      if (!open) out += "'";
      open = true;
      out += ch === "'" ? "'\\''" : ch;
    }
  }
  return open ? `${out}'` : out;
}

module.exports = { quote };
