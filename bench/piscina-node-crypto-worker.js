'use strict';
// A piscina worker doing what a user of a generic pool would: node:crypto, one task per message.
// One export per node:crypto hash name; a task picks it with piscina.run(message, { name: 'sha256' }).
const crypto = require('node:crypto');

module.exports = Object.fromEntries(crypto.getHashes().map((name) => [name, (message) => crypto.createHash(name).update(message).digest()]));
