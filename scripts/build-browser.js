'use strict';
// Bundles the browser entry point and its worker (js/ is CommonJS; browsers need ES modules)
// into dist/browser/ next to the emscripten modules they load. esbuild leaves
// new URL(…, import.meta.url) as written, so the files are found beside the bundle.
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome100', 'firefox110', 'safari16'],
  legalComments: 'none',
  logLevel: 'warning',
  // The Node-only files are never reached from these entry points; saying so keeps them out.
  external: ['node:*'],
};

Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'js/browser.mjs')], outfile: path.join(root, 'dist/browser/parahash.mjs') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'js/load/browser-worker-entry.mjs')], outfile: path.join(root, 'dist/browser/parahash-worker.mjs') }),
]).catch((error) => {
  console.error(error);
  process.exit(1);
});
