'use strict';
// The three names issue 16 item 17 found read through a polluted Object.prototype: `direct`
// (js/engine/arena.js: a raw out-of-bounds error, then a frozen main thread), `known` (hashFile: EISDIR)
// and `dispose` (copy().digest()). Each is polluted, non-enumerable, in a child process; every
// path that read it must still give node:crypto's digest.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

for (const name of ['direct', 'known', 'dispose']) {
  test(`Object.prototype.${name} polluted: hash, hashFile, copy().digest() and a streamed hash still right`, () => {
    const script = `
      Object.defineProperty(Object.prototype, ${JSON.stringify(name)}, { value: true, writable: true, configurable: true });
      const p = require(${JSON.stringify(ROOT)});
      const c = require('node:crypto');
      const fs = require('node:fs');
      const sha = (d) => c.createHash('sha256').update(d).digest('hex');
      (async () => {
        const text = 'x'.repeat(100000);
        const results = [
          (await p.hash('sha256', text, { encoding: 'hex' })) === sha(text),
          (await p.hashFile(${JSON.stringify(__filename)}, 'sha256', { encoding: 'hex' })) === sha(fs.readFileSync(${JSON.stringify(__filename)})),
          (await p.createHash('sha256').update(text).copy().digest('hex')) === sha(text),
          (await p.hash('sha256', new Uint8Array(3 << 20), { encoding: 'hex' })) === sha(new Uint8Array(3 << 20)),
        ];
        console.log(JSON.stringify(results));
        await p.closeDefaultPool();
      })().catch((e) => { console.log('failed: ' + e.message); process.exitCode = 1; });`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.stdout.trim(), '[true,true,true,true]', child.stderr);
    assert.equal(child.status, 0);
  });
}
