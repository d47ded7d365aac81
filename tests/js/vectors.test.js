'use strict';
// Published vectors through the pool (tests/vectors/*.json, each with its source).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createPool } = require('parahash');
const mdSha = require('../vectors/md-sha.json');
const sha3 = require('../vectors/sha3.json');
const crc = require('../vectors/crc.json');
const blake2 = require('../vectors/blake2.json');
const xxhash = require('../vectors/xxhash.json');
// The BLAKE3 project's official test_vectors.json, copied unchanged from the shared vectors.
const blake3 = require('../vectors/blake3.json');

// A vectors file added with a new algorithm needs no code here: any tests/vectors/*.json this
// file does not read by name, shaped { source, vectors: [{ algorithm, message | messageHex,
// digest, keyHex?, outputLength?, seed? }] }, is run as it is (the one-row rule: a kernel file,
// its row, its vectors file).
const VECTORS = path.join(__dirname, '..', 'vectors');
// KDF vectors (bcrypt.json: passwords and modular-crypt strings) have their own suites.
const NAMED = new Set(['md-sha.json', 'sha3.json', 'crc.json', 'blake2.json', 'xxhash.json', 'blake3.json',
  'hmac.json', 'argon2-rfc9106.json', 'bcrypt.json']);
const others = fs.readdirSync(VECTORS).filter((file) => file.endsWith('.json') && !NAMED.has(file))
  .map((file) => [file, JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'))]);

let pool;
before(async () => {
  pool = await createPool({ threads: 2 });
});
after(() => pool.close());

test(`MD5, SHA-1, SHA-2 vectors (${mdSha.source})`, async () => {
  for (const { algorithm, message, repeat = 1, digest } of mdSha.vectors) {
    assert.equal(await pool.hash(algorithm, message.repeat(repeat), { encoding: 'hex' }), digest,
      `${algorithm}(${JSON.stringify(message.slice(0, 20))} x${repeat})`);
  }
});

test(`SHA-3 and SHAKE vectors (${sha3.source})`, async () => {
  for (const { algorithm, messageHex, outputLength, digest, note } of sha3.vectors) {
    const options = outputLength === undefined ? { encoding: 'hex' } : { encoding: 'hex', outputLength };
    assert.equal(await pool.hash(algorithm, Buffer.from(messageHex, 'hex'), options), digest,
      `${algorithm}(${note}) ${outputLength ?? ''}`);
  }
});

test(`CRC check values (${crc.source})`, async () => {
  for (const { algorithm, messageHex, digest } of crc.vectors) {
    assert.equal(await pool.hash(algorithm, Buffer.from(messageHex, 'hex'), { encoding: 'hex' }), digest, `${algorithm}(${messageHex})`);
  }
});

test(`BLAKE2 vectors (${blake2.source})`, async () => {
  for (const { algorithm, messageHex, keyHex, outputLength, digest, note } of blake2.vectors) {
    const options = { encoding: 'hex', outputLength, key: keyHex === undefined ? undefined : Buffer.from(keyHex, 'hex') };
    assert.equal(await pool.hash(algorithm, Buffer.from(messageHex, 'hex'), options), digest, `${algorithm}: ${note}`);
  }
});

// xxhsum's sanity buffer (xxhash.json's sanityBuffer says how it is made).
function sanityBuffer(n) {
  const out = new Uint8Array(n);
  let gen = 2654435761n;
  for (let i = 0; i < n; i++) {
    out[i] = Number(gen >> 56n);
    gen = (gen * 11400714785074694797n) & 0xffffffffffffffffn;
  }
  return out;
}

test(`xxHash vectors (${xxhash.source})`, async () => {
  for (const { algorithm, messageHex, sanityLength, seed, digest } of xxhash.vectors) {
    const message = messageHex === undefined ? sanityBuffer(sanityLength) : Buffer.from(messageHex, 'hex');
    const options = seed === undefined ? { encoding: 'hex' } : { encoding: 'hex', seed: BigInt(seed) };
    assert.equal(await pool.hash(algorithm, message, options), digest,
      `${algorithm}(${messageHex ?? `sanity buffer, ${sanityLength} bytes`}) seed ${seed ?? 0}`);
  }
});

test('BLAKE3 official vectors: hash, keyed_hash, derive_key, 131-byte outputs', async () => {
  const key = Buffer.from(blake3.key, 'ascii');
  for (const c of blake3.cases) {
    const input = Uint8Array.from({ length: c.input_len }, (_, i) => i % 251);
    const outputLength = c.hash.length / 2;
    const [hash, keyed, derived] = await Promise.all([
      pool.hash('blake3', input, { outputLength, encoding: 'hex' }),
      pool.hash('blake3', input, { outputLength, key, encoding: 'hex' }),
      pool.hash('blake3', input, { outputLength, context: blake3.context_string, encoding: 'hex' }),
    ]);
    assert.equal(hash, c.hash, `hash, ${c.input_len} bytes`);
    assert.equal(keyed, c.keyed_hash, `keyed_hash, ${c.input_len} bytes`);
    assert.equal(derived, c.derive_key, `derive_key, ${c.input_len} bytes`);
  }
});

for (const [file, { source, vectors }] of others) {
  test(`${file} vectors (${source})`, async () => {
    assert.ok(Array.isArray(vectors) && vectors.length > 0, `${file} has no vectors`);
    for (const { algorithm, message, messageHex, keyHex, outputLength, seed, digest } of vectors) {
      const input = messageHex === undefined ? message : Buffer.from(messageHex, 'hex');
      const options = { encoding: 'hex', outputLength, key: keyHex === undefined ? undefined : Buffer.from(keyHex, 'hex'),
        seed: seed === undefined ? undefined : BigInt(seed) };
      assert.equal(await pool.hash(algorithm, input, options), digest, `${file}: ${algorithm}(${messageHex ?? JSON.stringify(message)})`);
    }
  });
}

test('every registered algorithm has published vectors', () => {
  const covered = new Set([...mdSha.vectors, ...sha3.vectors, ...crc.vectors, ...blake2.vectors, ...xxhash.vectors,
    ...others.flatMap(([, { vectors }]) => vectors)].map((v) => v.algorithm).concat('blake3'));
  for (const name of pool.algorithms) assert.ok(covered.has(name), `no vectors for ${name}`);
});
