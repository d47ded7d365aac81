#!/usr/bin/env node
'use strict';
// A small static server for the browser example and the browser tests, on 127.0.0.1 only.
//   node examples/browser/server.js [--port N] [--no-isolation]
// It serves the repository (the page at /examples/browser/, the build at /dist/browser/) with
// the two headers that make a page cross-origin isolated, so SharedArrayBuffer and threads
// exist:  Cross-Origin-Opener-Policy: same-origin  and  Cross-Origin-Embedder-Policy: require-corp.
// --no-isolation leaves them out: parahash then runs on one thread in a Web Worker.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function createServer({ isolation = true, root = ROOT } = {}) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/examples/browser/' });
      res.end();
      return;
    }
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (error, stat) => {
      if (!error && stat.isDirectory()) file = path.join(file, 'index.html');
      const headers = {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        // Every file may be embedded by this origin's isolated pages.
        'Cross-Origin-Resource-Policy': 'same-origin',
      };
      if (isolation) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      const stream = fs.createReadStream(file);
      stream.once('open', () => {
        res.writeHead(200, headers);
        stream.pipe(res);
      });
      stream.once('error', () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
      });
    });
  });
}

// Listens on 127.0.0.1 (port 0: any free one). @return Promise of { server, url }.
function listen(options = {}, port = 0) {
  const server = createServer(options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const isolation = !args.includes('--no-isolation');
  const at = args.indexOf('--port');
  const port = at >= 0 ? Number(args[at + 1]) : 8080;
  listen({ isolation }, port).then(({ url }) => {
    console.log(`parahash example: ${url}/examples/browser/  (${isolation ? 'cross-origin isolated: threads' : 'not isolated: one thread in a Worker'})`);
    console.log('Ctrl-C to stop.');
  }, (error) => {
    console.error(`Could not listen on 127.0.0.1:${port}: ${error.message}. Try --port 0.`);
    process.exit(1);
  });
}

module.exports = { createServer, listen };
