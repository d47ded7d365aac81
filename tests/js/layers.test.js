'use strict';
// The JS layers (docs/architecture.md "Layers"): each folder of js/ may require only the folders
// this table names, so the heap's addresses stay inside js/engine/, a user's arguments are
// checked in js/args/ and js/api/ before anything reaches the engine, and nothing below reaches
// back up. A require across a line the table does not draw fails here, with the file and the
// edge named.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

// folder → the folders it may require (its own always allowed; dist/ and package.json are
// data every layer may read).
const MAY_USE = {
  'js/args': [],
  'js/kdf': ['js/args'],
  'js/engine': ['js/args'],
  'js/remote': ['js/args', 'js/engine'],
  'js/api': ['js/args', 'js/kdf', 'js/engine'],
  'js/load': ['js/args', 'js/api', 'js/engine', 'js/remote'],
  // the entry points: index.js, index.mjs, browser.mjs
  js: ['js/args', 'js/api', 'js/load'],
  'js/cli': ['js', 'js/args', 'js/api', 'js/load'],
};

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(c|m)?js$/.test(entry.name) ? [full] : [];
  });
}

// Every relative require() and import of `file`, resolved to a repository path.
function edges(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = [];
  for (const [, spec] of text.matchAll(/(?:require\(|from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(path.relative(ROOT, path.resolve(path.dirname(file), spec)));
  }
  return out;
}

const folderOf = (rel) => path.dirname(rel).split(path.sep).join('/');

test('every js/ folder is a layer of the table', () => {
  const folders = new Set(sources(path.join(ROOT, 'js')).map((file) => folderOf(path.relative(ROOT, file))));
  assert.deepEqual([...folders].filter((folder) => !(folder in MAY_USE)), [], 'a folder without a row: add it to MAY_USE and docs/architecture.md');
});

test('no file requires across a layer it may not use', () => {
  const crossings = [];
  for (const file of sources(path.join(ROOT, 'js'))) {
    const from = folderOf(path.relative(ROOT, file));
    for (const target of edges(file)) {
      if (target.startsWith('dist') || target === 'package.json') continue;
      const to = folderOf(target);
      if (to !== from && !MAY_USE[from].includes(to)) crossings.push(`${path.relative(ROOT, file)} → ${target}`);
    }
  }
  assert.deepEqual(crossings, []);
});

test('the table has no cycle, so the layers stack', () => {
  const visiting = new Set();
  const done = new Set();
  const visit = (folder, trail) => {
    if (done.has(folder)) return;
    assert.ok(!visiting.has(folder), `cycle: ${[...trail, folder].join(' → ')}`);
    visiting.add(folder);
    for (const next of MAY_USE[folder]) visit(next, [...trail, folder]);
    visiting.delete(folder);
    done.add(folder);
  };
  for (const folder of Object.keys(MAY_USE)) visit(folder, []);
});
