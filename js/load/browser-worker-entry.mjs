// Bundled by scripts/build-browser.js into dist/browser/parahash-worker.mjs.
import './browser-worker.js';
