// Browser entry point (the "browser" condition of the package's exports), bundled by
// scripts/build-browser.js into dist/browser/parahash.mjs. The same API as Node's, with
// hashFile/hashFiles refused (use hashStream(file.stream())). Cross-origin-isolated pages get
// the threaded module; others one thread in a dedicated Worker (js/load/browser.js).
import { browserPlatform } from './load/browser.js';
import { createPoolWith } from './api/pool.js';
import { codes } from './args/errors.js';
import { invoke } from './api/callback.js';
import { defaultPoolApi } from './api/default-pool.js';
import rows from '../dist/algorithms.json';
// The pool threads' Worker script, inlined: their Workers start from a blob: URL made of it
// (js/load/browser.js threadsWorker says why).
import threadsWorkerSource from '../dist/browser/parahash-threads.worker.js' with { type: 'text' };

// Written as new URL(literal, import.meta.url), the pattern Vite, webpack 5 and Parcel follow to
// copy a file next to the bundle. esbuild does not (esbuild #795): copy dist/browser/ or pass
// createPool({ locateFile }) there (README "Bundlers").
const files = {
  'parahash-threads.mjs': new URL('./parahash-threads.mjs', import.meta.url),
  'parahash-threads.wasm': new URL('./parahash-threads.wasm', import.meta.url),
  'parahash-threads.worker.js': new URL('./parahash-threads.worker.js', import.meta.url),
  'parahash-single.mjs': new URL('./parahash-single.mjs', import.meta.url),
  'parahash-single.wasm': new URL('./parahash-single.wasm', import.meta.url),
  'parahash-worker.mjs': new URL('./parahash-worker.mjs', import.meta.url),
};

const platform = browserPlatform(files, threadsWorkerSource);

export function createPool(options, callback) {
  return invoke(platform, (a) => createPoolWith(platform, a[0]), arguments, 1);
}

export const algorithms = Object.freeze(rows.map((k) => k.name));
export { codes };

// Is `name` an algorithm name the methods accept (canonical or alias, any case)? A type guard
// in js/api.d.ts, for names that come from users or configuration.
const accepted = new Set(rows.flatMap((k) => [k.name, ...k.aliases]));
export function isAlgorithm(name) {
  return typeof name === 'string' && accepted.has(name.toLowerCase());
}

const api = defaultPoolApi(platform, (options) => createPoolWith(platform, options), rows);
export const {
  configureDefaultPool, closeDefaultPool, getDefaultPool,
  hash, hmac, hashMany, createHash, createHmac, hashStream, hashFile, hashFiles,
  hashSync, hashDirectory, hashDirectoryIterator,
  pbkdf2, scrypt, argon2id, argon2i, argon2d, argon2Hash, argon2Verify, argon2NeedsRehash,
  bcryptHash, bcryptVerify, verifyPassword,
} = api;

// Is this page cross-origin isolated, so that pools get threads?
export const isolated = platform.isolated;

export default {
  createPool, algorithms, codes, isolated, isAlgorithm, ...api,
};
