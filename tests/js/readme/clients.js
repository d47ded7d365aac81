'use strict';
// HTTP clients for the README's server recipes, on 127.0.0.1 only: a good request, and the
// clients that take a careless server down — one that gives up mid-upload (as
// `curl --max-time 1 --data-binary @big` does: a close, or a reset), one whose chunked body
// breaks, and one that sends no HTTP at all.
//
// The aborting clients send `Expect: 100-continue` (as curl does for a large body) and abort only
// after the server's `100 Continue`: Node sends it as it hands the request to the handler, so
// the abort always reaches a handler that is reading the body, never a server still parsing.
const http = require('node:http');
const net = require('node:net');

const HOST = '127.0.0.1';

// @return { status, headers, body: Buffer }.
function request(port, { method = 'POST', path = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The same with a chunked body, written piece by piece (as `curl -T -` or a browser's stream
// upload sends it): many small writes reach the server's Writable as batches.
function requestChunked(port, pieces, { path = '/', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method: 'POST', path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

// A raw connection: write(), and read everything the server sends until it closes.
function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function received(socket) {
  const chunks = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  return {
    text: () => Buffer.concat(chunks).toString('latin1'),
    // Resolves once what was received includes `needle` (rejects if the socket closes first).
    until(needle) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (this.text().includes(needle)) {
            socket.off('data', check);
            socket.off('close', closed);
            resolve();
          }
        };
        const closed = () => reject(new Error(`closed before ${JSON.stringify(needle)}; got ${JSON.stringify(this.text())}`));
        socket.on('data', check);
        socket.once('close', closed);
        check();
      });
    },
    closed: new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks).toString('latin1')))),
  };
}

async function writeAll(socket, bytes, piece = 256 * 1024) {
  for (let at = 0; at < bytes; at += piece) {
    if (!socket.write(Buffer.alloc(Math.min(piece, bytes - at), 0x61))) {
      await new Promise((resolve) => socket.once('drain', resolve));
    }
  }
}

function head(method, path, headers) {
  return `${method} ${path} HTTP/1.1\r\nHost: ${HOST}\r\nExpect: 100-continue\r\n` +
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

// Declares `declared` bytes, sends `sent`, then goes away: `how` 'close' (FIN, as curl's
// --max-time) or 'reset' (RST). `chunked`: the body is chunked, and its last chunk never comes.
// @return the text the server sent before the end (its `100 Continue`).
async function abortedUpload(port, { path = '/', headers = {}, declared = 64 << 20, sent = 2 << 20, how = 'close', chunked = false } = {}) {
  const socket = await connect(port);
  const input = received(socket);
  socket.on('error', () => {});
  socket.write(head('POST', path, { ...headers, ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': declared }) }));
  await input.until('100 Continue\r\n\r\n');
  if (chunked) socket.write(`${sent.toString(16)}\r\n`);
  await writeAll(socket, sent);
  if (how === 'reset') socket.resetAndDestroy();
  else socket.destroy();
  await input.closed;
  return input.text();
}

// A chunked body whose second chunk size is not hex: Node's parser refuses it mid-body.
// @return all the server answered.
async function brokenChunkedUpload(port, { path = '/', headers = {} } = {}) {
  const socket = await connect(port);
  const input = received(socket);
  socket.on('error', () => {});
  socket.write(head('POST', path, { ...headers, 'Transfer-Encoding': 'chunked' }));
  await input.until('100 Continue\r\n\r\n');
  socket.write(`${(1 << 20).toString(16)}\r\n`);
  await writeAll(socket, 1 << 20);
  socket.write('\r\nzz\r\n');
  return input.closed;
}

// `count` uploads that each send `sent` bytes of the `declared` and then wait, open (slow clients,
// or a slow-loris attack). @return { close() } to end them all.
async function slowUploads(port, { count, sent = 256 * 1024, declared = 64 << 20 }) {
  const sockets = await Promise.all(Array.from({ length: count }, async () => {
    const socket = await connect(port);
    socket.on('error', () => {});
    socket.write(`POST / HTTP/1.1\r\nHost: ${HOST}\r\nContent-Length: ${declared}\r\n\r\n`);
    await writeAll(socket, sent);
    return socket;
  }));
  return {
    close: () => Promise.all(sockets.map((socket) => {
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.destroy();
      return closed;
    })),
  };
}

// Bytes that are no HTTP request. @return all the server answered.
async function garbage(port) {
  const socket = await connect(port);
  const input = received(socket);
  socket.on('error', () => {});
  socket.write('\x16\x03\x01 GARBAGE /\0 HTTP/9.9\r\n\r\n');
  return input.closed;
}

module.exports = { request, requestChunked, abortedUpload, brokenChunkedUpload, slowUploads, garbage };
