'use strict';
// A piscina worker doing what a user of a generic pool would: node:crypto per task.
const crypto = require('node:crypto');

module.exports = (message) => crypto.createHash('sha256').update(message).digest();
