'use strict';
// An application's prototype pollution does not take parahash down (issue 16, item 17):
// - an enumerable, non-function property on Object.prototype (`isAdmin = false`) once killed the
//   process when the pool started (the runtime walked an array with for…in, in a worker);
// - a non-enumerable one named like something the package reads from its own plain objects
//   changed what calls did (`direct`: raw memory errors, `known`: EISDIR for every file,
//   `dispose`: copy().digest() broken).
// The names are derived, not listed by hand: every property name that the Node entry's sources
// (js/index.js, js/{api,args,engine,kdf}/, js/load/node*.js) read (member access,
// destructuring, `in`), and every name the runtime (dist/parahash.js) reads from the Module
// object the loader hands it. Each is polluted at once, in a child process, before a
// representative call of every method; node:crypto, fs and http must still work there too.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..', '..');
const CHILD = path.join(__dirname, 'fixtures', 'polluted-process.js');

// Names no application can pollute without breaking JavaScript itself, whatever library it
// uses: Object.prototype's own, the property descriptor's fields (Object.defineProperty reads
// them through the prototype chain), and `then` (every await of an object consults it).
const PLATFORM = new Set(['then', 'get', 'set', 'value', 'writable', 'enumerable', 'configurable',
  ...Object.getOwnPropertyNames(Object.prototype)]);

// Every property name `file` reads: a.name, a?.name, a['name'], { name } = a, 'name' in a.
function namesRead(file, onlyOf) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const names = new Set();
  const ofWanted = (object) => onlyOf === undefined || (ts.isIdentifier(object) && object.text === onlyOf);
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name) && ofWanted(node.expression)) {
      names.add(node.name.text);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && ofWanted(node.expression)) {
      names.add(node.argumentExpression.text);
    } else if (onlyOf === undefined && ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) names.add(key.text);
    } else if (onlyOf === undefined && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword &&
      ts.isStringLiteralLike(node.left)) {
      names.add(node.left.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

function pollutedNames() {
  const names = new Set();
  const js = path.join(ROOT, 'js');
  // The Node entry and every layer under it (js/cli is the command, js/remote and the browser
  // loaders run in browsers only).
  const inFolder = (folder, keep = () => true) =>
    fs.readdirSync(path.join(js, folder)).filter((f) => f.endsWith('.js') && keep(f)).map((f) => path.join(js, folder, f));
  const files = [
    ...inFolder('.'), ...inFolder('api'), ...inFolder('args'), ...inFolder('engine'), ...inFolder('kdf'),
    ...inFolder('load', (f) => f.startsWith('node')),
  ];
  for (const file of files) for (const name of namesRead(file)) names.add(name);
  for (const name of namesRead(path.join(ROOT, 'dist', 'parahash.js'), 'Module')) names.add(name);
  return [...names].filter((name) => !PLATFORM.has(name) && /^[A-Za-z_$][\w$]*$/.test(name)).sort();
}

function runChild(args) {
  const out = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8', timeout: 240_000 });
  assert.equal(out.status, 0, `exit ${out.status} ${out.signal ?? ''}\n${out.stderr.slice(-3000)}`);
  const { steps, poisoned } = JSON.parse(out.stdout.trim().split('\n').pop());
  const failed = steps.filter(([, result]) => result !== 'ok');
  assert.deepEqual(failed, [], failed.map(([name, why]) => `${name}: ${why}`).join('\n'));
  assert.ok(steps.length >= 30, `only ${steps.length} steps ran`);
  return poisoned;
}

test('Object.prototype.isAdmin = false (enumerable): every method works, the process lives', { timeout: 300_000 }, () => {
  runChild(['enumerable']);
});

// Found, and fixed, by this test: parahashError's options and Argon2's defaults read through the
// chain (a polluted `Base` made every error a call to the poison, `secret` peppered every Argon2
// call), and an array was taken for a web stream when getReader and pipeTo were polluted.
test('every name the package reads, polluted non-enumerably with a poison value: every method works', {
  timeout: 300_000,
}, (t) => {
  const names = pollutedNames();
  // The derivation found the names the issue named, and hundreds more.
  for (const name of ['direct', 'known', 'dispose', 'signal', 'wasmBinary', 'instantiateWasm']) {
    assert.ok(names.includes(name), `${name} missing from the derived names`);
  }
  assert.ok(names.length > 200, `${names.length} names`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-names-'));
  try {
    const file = path.join(dir, 'names.json');
    fs.writeFileSync(file, JSON.stringify(names));
    // Names whose pollution breaks Node itself (its require, fs, http or Worker read them from
    // plain objects) are left out: no application has them polluted and still runs.
    const calibration = spawnSync(process.execPath, [CHILD, 'platform', file], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(calibration.status, 0, calibration.stderr.slice(-2000));
    const { breaking } = JSON.parse(calibration.stdout.trim().split('\n').pop());
    t.diagnostic(`${names.length} names; left out, as Node itself fails with them polluted: ${breaking.join(', ')}`);
    assert.ok(breaking.length < names.length / 10, `${breaking.length} names break Node itself: ${breaking.join(', ')}`);
    const survivable = names.filter((name) => !breaking.includes(name));
    fs.writeFileSync(file, JSON.stringify(survivable));
    assert.equal(runChild(['every-name', file]), survivable.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
