'use strict';
// Tiny fakes of `app` (Express 4) and `db` for the README recipe that uses them, on node:http.
//
// What is kept of Express 4, because the recipe's safety depends on it:
// - `express.json()`: the body is parsed before the handler runs; a body that is not JSON (or is
//   JSON but not an object or array, as `strict` mode says) is answered 400 and never reaches it;
//   a request without a JSON body gets `req.body = {}`.
// - A handler's returned Promise is ignored: a rejection in an async handler is an unhandled
//   rejection, which ends the process under Node's default. That is what the recipe must survive.
// - `res.sendStatus(code)`.
// Events the test waits on go over the IPC channel: { response: { url, status, sent } } when a
// response is done or its client is gone, { inserted: name } when the fake db stored a user.
// A user named 'db-down' makes the db fail, so the recipe's 500 path runs.
const http = require('node:http');

const report = (message) => process.send?.(message);
const routes = new Map();

const server = http.createServer((req, res) => {
  res.sendStatus = (code) => {
    res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' }).end(http.STATUS_CODES[code]);
    return res;
  };
  res.on('close', () => report({ response: { url: req.url, status: res.statusCode, sent: res.writableFinished } }));
  const handler = routes.get(`${req.method} ${req.url}`);
  if (handler === undefined) {
    res.sendStatus(404);
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('error', () => {}); // a client gone mid-body: body-parser drops the request
  req.on('end', () => {
    req.body = {};
    const text = Buffer.concat(chunks).toString();
    if (/^application\/json\b/i.test(req.headers['content-type'] ?? '') && text !== '') {
      try {
        req.body = JSON.parse(text);
      } catch {
        res.sendStatus(400);
        return;
      }
      if (req.body === null || typeof req.body !== 'object') {
        res.sendStatus(400);
        return;
      }
    }
    handler(req, res, (error) => res.sendStatus(error ? 500 : 404)); // its result ignored, as Express 4 does
  });
});

const app = {
  post(path, handler) {
    routes.set(`POST ${path}`, handler);
  },
  listen(port, callback) {
    return server.listen(port, callback);
  },
};

const users = new Map();
const db = {
  users: {
    async insert(user) {
      if (user.name === 'db-down') throw new Error('the fake database is down');
      users.set(user.name, user);
      report({ inserted: user.name });
    },
    async find(name) {
      return users.get(name);
    },
  },
};

module.exports = { app, db };
