'use strict';
// The package as a user gets it: `npm pack`, installed into an empty folder elsewhere, then
// imported from both module systems with a working directory that is neither folder.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sha256 } = require('./helpers');

const root = path.join(__dirname, '..', '..');
let work;
let project;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-pack-'));
  // The build already ran (npm test builds first); prepack would only repeat it.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root });
  const [{ filename }] = JSON.parse(out);
  project = path.join(work, 'user-project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"user-project","private":true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, filename)], { cwd: project });
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the tarball holds the prebuilt module and no sources', () => {
  const installed = path.join(project, 'node_modules', 'parahash');
  for (const file of ['dist/parahash.js', 'dist/parahash.wasm', 'dist/parahash.worker.js', 'dist/algorithms.json',
    'dist/algorithms.d.ts', 'js/index.js', 'js/index.mjs', 'js/index.d.ts']) {
    assert.ok(fs.existsSync(path.join(installed, file)), file);
  }
  assert.ok(!fs.existsSync(path.join(installed, 'src')));
  assert.ok(!fs.existsSync(path.join(installed, 'tests')));
});

const script = {
  'use.cjs': `const { createPool, algorithms } = require('parahash');
(async () => { const p = await createPool({ threads: 2 });
  console.log(algorithms.join(','), await p.hash('sha256', 'abc', { encoding: 'hex' })); await p.close(); })();`,
  'use.mjs': `import { createPool, algorithms } from 'parahash';
const p = await createPool({ threads: 2 });
console.log(algorithms.join(','), await p.hash('sha256', 'abc', { encoding: 'hex' }));`,
};

for (const [name, source] of Object.entries(script)) {
  test(`installed package works from ${name.endsWith('.mjs') ? 'ESM import' : 'CommonJS require'}, run from another directory`, () => {
    fs.writeFileSync(path.join(project, name), source);
    const out = execFileSync(process.execPath, [path.join(project, name)], { cwd: os.tmpdir(), timeout: 30_000 });
    const expectedNames = require('../../dist/algorithms.json').map((k) => k.name).join(',');
    assert.equal(out.toString().trim(), `${expectedNames} ${sha256('abc')}`);
  });
}
