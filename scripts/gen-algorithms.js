'use strict';
// Writes dist/algorithms.json and dist/algorithms.d.ts from src/kernels/kernels.def, so the JS
// package knows the algorithm names (the `algorithms` export, the TypeScript `Algorithm` union)
// without starting the engine.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const def = fs.readFileSync(path.join(root, 'src/kernels/kernels.def'), 'utf8');
const row = /^PARAHASH_KERNEL\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*"([^"]*)"\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(hash|xof|checksum)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(true|false)\s*,\s*\w+\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)/gm;
const kernels = [...def.matchAll(row)].map(([, name, aliases, digest, block, kind, minOut, maxOut, minKey, maxKey, seedBits, context, tags, tool]) => ({
  name,
  aliases: aliases ? aliases.split('|') : [],
  digestSize: Number(digest),
  blockSize: Number(block),
  kind,
  minOutput: Number(minOut),
  maxOutput: Number(maxOut),
  minKey: Number(minKey),
  maxKey: Number(maxKey),
  seedBits: Number(seedBits),
  takesContext: context === 'true',
  // The command's columns (js/cli/formats.js): BSD tags, the first the one --tag writes; the
  // peer tool imitated, or null.
  tags: tags.split('|'),
  tool: tool || null,
}));
// A row this pattern misses would be in the engine but in no JS list (and so unknown to the
// command): refuse to build rather than drop it.
const written = def.match(/^PARAHASH_KERNEL\(/gm)?.length ?? 0;
if (kernels.length === 0 || kernels.length !== written) {
  throw new Error(`kernels.def: ${written} PARAHASH_KERNEL rows, ${kernels.length} of them in the expected shape`);
}
const tagged = new Map();
for (const k of kernels) {
  for (const tag of k.tags) {
    if (!/^[A-Za-z][A-Za-z0-9_/]*(?:-[A-Za-z0-9_/]+)*$/.test(tag)) throw new Error(`kernels.def: ${k.name}: bad BSD tag '${tag}'`);
    if (tagged.has(tag)) throw new Error(`kernels.def: the BSD tag '${tag}' names both ${tagged.get(tag)} and ${k.name}`);
    tagged.set(tag, k.name);
  }
}
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist/algorithms.json'), JSON.stringify(kernels, null, 2) + '\n');
// The types: canonical names (what pool.algorithms lists), and every spelling calls accept
// (aliases, and both as lower- and upper-case literals: lookups ignore case), so a typo in a
// literal fails to compile while autocompletion still offers the real names.
const literals = (names) => [...new Set(names)].map((n) => `'${n}'`).join(' | ');
const spellings = (list) => list.flatMap((k) => [k.name, ...k.aliases]).flatMap((n) => [n, n.toUpperCase()]);
const cryptographic = kernels.filter((k) => k.kind === 'hash');
fs.writeFileSync(path.join(root, 'dist/algorithms.d.ts'), [
  '// Generated from src/kernels/kernels.def by scripts/gen-algorithms.js.',
  '/** The canonical algorithm names. */',
  `export type Algorithm = ${literals(kernels.map((k) => k.name))};`,
  '/** Every spelling an algorithm argument accepts: canonical names and aliases, lower or upper case. */',
  `export type AlgorithmName = ${literals(spellings(kernels))};`,
  '/** Algorithms with HMAC (fixed-length cryptographic hashes): hmac, createHmac, pbkdf2\'s digest. */',
  `export type HmacAlgorithmName = ${literals(spellings(cryptographic))};`,
  '',
].join('\n'));
