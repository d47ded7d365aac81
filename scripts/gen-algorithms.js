'use strict';
// Writes dist/algorithms.json and dist/algorithms.d.ts from src/kernels/kernels.def, so the JS
// package knows the algorithm names (the `algorithms` export, the TypeScript `Algorithm` union)
// without starting the engine.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const def = fs.readFileSync(path.join(root, 'src/kernels/kernels.def'), 'utf8');
const row = /^PARAHASH_KERNEL\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*"([^"]*)"\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(hash|xof|checksum)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(true|false)\s*,\s*\w+\s*\)/gm;
const kernels = [...def.matchAll(row)].map(([, name, aliases, digest, block, kind, minOut, maxOut, minKey, maxKey, seedBits, context]) => ({
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
}));
if (kernels.length === 0) throw new Error('no PARAHASH_KERNEL rows found in kernels.def');
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist/algorithms.json'), JSON.stringify(kernels, null, 2) + '\n');
const union = kernels.map((k) => `'${k.name}'`).join(' | ');
fs.writeFileSync(path.join(root, 'dist/algorithms.d.ts'),
  `// Generated from src/kernels/kernels.def by scripts/gen-algorithms.js.\nexport type Algorithm = ${union};\n`);
