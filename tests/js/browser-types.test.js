'use strict';
// The TypeScript types of both entry points, compiled as each kind of project compiles them
// (tests/types): a Node project (tsconfig.json: NodeNext) and a browser project
// (tsconfig.bundler.json: bundler resolution with the browser condition, the DOM, no
// @types/node). Each has usages that must compile and a bad file whose every
// @ts-expect-error line must be an error.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function tsc(project, ...extra) {
  try {
    return execFileSync(process.execPath, [TSC, '-p', path.join(ROOT, project), ...extra], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc -p ${project} failed:\n${error.stdout}${error.stderr}`);
  }
}

test('a Node project compiles the documented API (tests/types/tsconfig.json), and the bad usages fail', { timeout: 120_000 }, () => {
  const files = tsc('tests/types/tsconfig.json', '--listFiles').split('\n').map((f) => path.resolve(f.trim()));
  assert.ok(files.includes(path.join(ROOT, 'js', 'index.d.ts')), 'the Node types');
  assert.ok(!files.includes(path.join(ROOT, 'js', 'browser.d.ts')));
});

test('a browser project (bundler resolution, the browser condition) gets the browser types and needs no Node types', { timeout: 120_000 }, () => {
  const files = tsc('tests/types/tsconfig.bundler.json', '--listFiles').split('\n').map((f) => path.resolve(f.trim()));
  assert.ok(files.includes(path.join(ROOT, 'js', 'browser.d.ts')), 'the browser types');
  assert.ok(!files.includes(path.join(ROOT, 'js', 'index.d.ts')), 'not the Node types');
  const node = files.filter((f) => f.includes(`${path.sep}@types${path.sep}node${path.sep}`));
  assert.deepEqual(node, [], 'no file of @types/node in a browser project');
});
