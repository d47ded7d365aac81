'use strict';
// The example's server (examples/browser/server.js) with the deployment mistakes a user makes,
// for the tests of what createPool does then (tests/browser/suite.js, "files that do not load"):
//   headers: 'all' (both isolation headers on every file), 'html' (on the HTML only: the
//            common mistake, after which an isolated page may not start a Worker from a script
//            URL), 'none';
//   wasm:    'ok', 'missing' (404), 'text' (served as text/plain), 'html' (a single-page app's
//            server answers its index.html, 200, for a file it does not have).
const http = require('node:http');
const { createServer } = require('../../examples/browser/server');

const PAGE = '<!doctype html><html><head><title>app</title></head><body>app</body></html>';

function listenFaulty({ headers = 'all', wasm = 'ok' } = {}) {
  const inner = createServer({ isolation: headers !== 'none' });
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const html = pathname.endsWith('.html') || pathname.endsWith('/');
    if (headers === 'html' && !html) {
      const writeHead = res.writeHead;
      res.writeHead = function writeHeadWithoutIsolation(status, fields) {
        if (fields) {
          delete fields['Cross-Origin-Opener-Policy'];
          delete fields['Cross-Origin-Embedder-Policy'];
        }
        return writeHead.call(this, status, fields);
      };
    }
    if (pathname.endsWith('.wasm') && wasm !== 'ok') {
      if (wasm === 'missing') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      if (wasm === 'html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cross-Origin-Resource-Policy': 'same-origin' }).end(PAGE);
        return;
      }
      const writeHead = res.writeHead;
      res.writeHead = function writeHeadAsText(status, fields) {
        if (fields) fields['Content-Type'] = 'text/plain';
        return writeHead.call(this, status, fields);
      };
    }
    inner.emit('request', req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

module.exports = { listenFaulty };
