'use strict';
// Runs the command under a preload that counts what it starts (Workers, WebAssembly instances)
// and the ticks of a 1 ms timer, written to stderr at exit: for the tests of what a run needs
// (js/cli/small-files.js, js/cli/host-files.js).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const BIN = path.join(__dirname, '..', '..', '..', 'js', 'cli', 'parahash.js');

// Writes the preload into `dir`. @return its path.
function countingPreload(dir) {
  const file = path.join(dir, 'count.js');
  fs.writeFileSync(file, `
    const threads = require('node:worker_threads');
    const counts = { workers: 0, instances: 0, ticks: 0 };
    const Worker = threads.Worker;
    threads.Worker = class extends Worker { constructor(...a) { counts.workers++; super(...a); } };
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = function (...a) { counts.instances++; return instantiate.apply(this, a); };
    const Instance = WebAssembly.Instance;
    WebAssembly.Instance = function (...a) { counts.instances++; return new Instance(...a); };
    setInterval(() => counts.ticks++, 1).unref();
    process.on('exit', () => process.stderr.write('COUNTS ' + JSON.stringify(counts) + '\\n'));
  `);
  return file;
}

// @return { stdout (latin1), stderr (without the counts), counts, status } of `parahash args…`
// in `cwd` under the preload, with LC_ALL=C and `env` added.
function runCounted(preload, args, { cwd, env = {}, input } = {}) {
  const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args],
    { cwd, input, maxBuffer: 64 << 20, env: { ...process.env, LC_ALL: 'C', ...env } });
  // (After a progress line the counts follow its erasure on the same line.)
  const line = /COUNTS (\{.*\})\n/.exec(r.stderr.toString());
  assert.ok(line, `no counts in stderr: ${r.stderr}`);
  return { stdout: r.stdout.toString('latin1'), counts: JSON.parse(line[1]), status: r.status, stderr: r.stderr.toString().replace(/COUNTS \{.*\}\n/, '') };
}

module.exports = { countingPreload, runCounted, BIN };
