// Usages that must compile under tsc --strict (npm test runs it).
import {
  createPool, hash, hashFile, hashFiles, createHash, createHmac, hashStream, configureDefaultPool,
  closeDefaultPool, getDefaultPool, codes, algorithms, isAlgorithm,
  bcryptHash, bcryptVerify, verifyPassword, argon2NeedsRehash, argon2Hash,
  hashSync, hashDirectory, hashDirectoryIterator,
} from 'parahash';
import type {
  HashOptions, Encoding, Pool, Hasher, PoolStats, FileResult, AlgorithmName, ParahashError, Digest,
} from 'parahash';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

async function main(): Promise<void> {
  configureDefaultPool({ threads: 2, maxQueue: 100 });
  const pool: Pool = await createPool({ threads: 2 });
  // Which implementation runs each algorithm; the host path can be turned off per pool.
  const portable: Pool = await createPool({ threads: 1, hostCrypto: false });
  const backend: 'node:crypto' | 'portable' = pool.backends.sha256;
  void backend;
  await portable.close();

  // A variable of the package's own HashOptions.
  const options: HashOptions = { outputLength: 32, signal: AbortSignal.timeout(1000), timeout: 500 };
  const either: Buffer | string = await pool.hash('sha256', 'data', options);

  // { encoding: enc } with enc: Encoding | undefined, under exactOptionalPropertyTypes too
  // (an option set to undefined is as if left out).
  const enc: Encoding | undefined = Math.random() > 0.5 ? 'hex' : undefined;
  const maybe: Buffer | string = await pool.hash('sha256', 'data', { encoding: enc });
  const also: Buffer | string = await pool.hmac('sha256', 'key', 'data', { encoding: enc, timeout: undefined });
  void also;

  // Precise results where the encoding is known.
  const hex: string = await pool.hash('SHA-256', 'data', { encoding: 'hex' });
  const buffer: Buffer = await pool.hash('blake3', new Uint8Array(4));
  const asBuffer: Digest = await hash('md5', 'x', { encoding: 'buffer' });

  // A readonly Buffer[] passed to hashMany.
  const inputs: readonly Buffer[] = [Buffer.from('a'), Buffer.from('b')];
  const many: Buffer[] = await pool.hashMany('sha256', inputs);
  const manyHex: string[] = await pool.hashMany('sha256', inputs, { encoding: 'hex' });

  // A name from configuration, cast once, or checked by the guard.
  const fromConfig = process.env.ALGORITHM ?? 'sha256';
  await pool.hash(fromConfig as AlgorithmName, 'data');
  if (isAlgorithm(fromConfig)) await pool.hash(fromConfig, 'data');

  // Hashers.
  const hasher: Hasher = pool.createHash('sha256').update('a').update(Buffer.from('b'), undefined);
  const copy: Hasher = hasher.copy();
  const longer: Hasher = pool.createHash('shake256').copy({ outputLength: 64 });
  const digestHex: string = await hasher.digest('hex');
  const digestBuffer: Buffer = await copy.digest();
  // The hasher as a WHATWG WritableStream, under the browser's name.
  const piped = pool.createHash('sha256');
  await new Blob(['x']).stream().pipeTo(piped.writableStream);
  await piped.digest('hex');
  const mac = createHmac('sha256', 'key', { timeout: 1000 });
  await pipeline(Readable.from(['x']), mac);
  await mac.digest('base64url');
  createHash('shake256', { outputLength: 64 }).update('hello', 'utf8');

  // Streams and files.
  await hashStream(Readable.from([Buffer.from('x')]), 'blake3', { onProgress: ({ bytesDone, bytesTotal }) => void [bytesDone, bytesTotal] });
  await pool.hashStream(new Blob(['x']).stream(), 'sha256');
  await pool.hashStream((async function* gen() { yield 'chunk'; })(), 'sha256', { encoding: 'hex' });
  const file: string = await hashFile('/etc/hostname', 'sha256', { encoding: 'hex' });
  const results: FileResult<string>[] = await hashFiles(['/etc/hostname', new URL('file:///etc/hosts')], 'blake3', {
    encoding: 'hex', concurrency: 8, onProgress: (p) => void [p.bytesDone, p.filesDone, p.file.path],
  });
  for (const r of results) {
    if (r.error) console.log(r.path, r.error.message);
    else console.log(r.path, r.digest.toUpperCase());
  }
  // Paths given as strings come back as strings.
  const paths: string[] = ['/etc/hostname', '/etc/hosts'];
  const named = await pool.hashFiles(paths, 'sha256', { encoding: 'hex' });
  const firstPath: string = named[0]!.path;
  const bytesByPath: Map<string, Buffer> = new Map();
  for (const r of await hashFiles(paths, 'sha256')) if (!r.error) bytesByPath.set(r.path, r.digest);
  console.log(firstPath, bytesByPath.size);

  // Every method with a callback last.
  pool.hash('sha256', 'x', (err, digest) => void [err?.code, digest?.length]);
  pool.hash('sha256', 'x', { encoding: 'hex' }, (err, digest) => void [err, digest]);
  pool.hmac('sha256', 'k', 'x', (err, digest) => void [err, digest]);
  pool.hashMany('sha256', ['x'], (err, digests) => void [err, digests]);
  pool.hashStream(['x'], 'sha256', (err, digest) => void [err, digest]);
  pool.hashFile('/etc/hostname', 'sha256', {}, (err, digest) => void [err, digest]);
  pool.hashFiles(['/etc/hostname'], 'sha256', (err, entries) => void [err, entries]);
  pool.pbkdf2('pw', 'salt', 1, 32, 'sha256', (err, key) => void [err, key]);
  pool.pbkdf2('pw', 'salt', 1, 32, 'sha256', { encoding: 'hex' }, (err, key) => void [err, key]);
  pool.scrypt('pw', 'salt', 32, { N: 1024 }, (err, key) => void [err, key]);
  pool.argon2id('pw', 'saltsalt', (err, tag) => void [err, tag]);
  pool.argon2id('pw', 'saltsalt', { memoryCost: 1024 }, (err, tag) => void [err, tag]);
  pool.argon2Hash('pw', (err, phc) => void [err, phc?.startsWith('$argon2')]);
  pool.argon2Verify('$argon2id$…', 'pw', {}, (err, ok) => void [err, ok === true]);
  // Password migrations: bcrypt, one verify for a mixed store, and needsRehash.
  const bcrypted: string = await bcryptHash('pw', { rounds: 4, signal: AbortSignal.timeout(5000) });
  const bOk: boolean = await bcryptVerify(bcrypted, Buffer.from('pw'));
  const argonOptions = { memoryCost: 1024, timeCost: 2 } as const;
  if (await verifyPassword(bcrypted, 'pw', { timeout: 1000 }) && argon2NeedsRehash(bcrypted, argonOptions)) {
    const phc: string = await argon2Hash('pw', argonOptions);
    const rehash: boolean = argon2NeedsRehash(phc);
    void [phc, rehash];
  }
  void bOk;
  pool.bcryptHash('pw', (err, hash) => void [err, hash?.startsWith('$2b$')]);
  pool.bcryptHash('pw', { cost: 4, salt: new Uint8Array(16) }, (err, hash) => void [err, hash]);
  pool.bcryptVerify('$2b$…', 'pw', {}, (err, ok) => void [err, ok === true]);
  pool.verifyPassword('$2b$…', 'pw', (err, ok) => void [err, ok === true]);
  pool.close((err) => void err);

  // Errors and stats.
  try {
    await pool.pbkdf2('pw', 'salt', 1, 32, 'sha512', { encoding: 'hex', signal: AbortSignal.timeout(10) });
  } catch (error) {
    const e = error as ParahashError;
    if (e.code === codes.TIMEOUT || e.code === codes.ABORTED) console.log(e.message);
  }
  const s: PoolStats = pool.stats();
  console.log(s.utilization, s.waitTime.p99, s.runTime.max, algorithms[0], either, maybe, hex, buffer, asBuffer, many, manyHex, digestHex, digestBuffer, file);
  pool.addEventListener('drain', () => console.log('drained'));
  const shared: Pool = await getDefaultPool();
  console.log(shared.threads);
  // Synchronous small hashes, latin1, directories (issue 20).
  const etag: string = hashSync('sha256', 'body', { encoding: 'hex' });
  const raw: Buffer = hashSync('blake3', new Uint8Array(3), { outputLength: 16 });
  const l1: string = pool.hashSync('md5', 'x', { encoding: 'latin1' });
  const d1: string = createHash('sha256').update('x').digestSync('hex');
  const d2: Buffer = createHash('sha256').update('x').digestSync();
  const bin: string = await createHash('sha1').update('x').digest('binary');
  const syncCode: 'ERR_PARAHASH_SYNC_TOO_LARGE' = codes.SYNC_TOO_LARGE;
  const tree = await hashDirectory('/etc', 'sha256', { encoding: 'hex', followSymlinks: false,
    filter: (p, dirent) => dirent.isDirectory() || String(p).endsWith('.conf'), onProgress: (p) => p.filesFound });
  for (const e of tree) {
    if (e.error === undefined) { const hex: string = e.digest; console.log(hex); } else { const c: string | undefined = e.error.code; console.log(c); }
  }
  for await (const e of hashDirectoryIterator('/etc', 'blake3')) { if (!e.error) { const b: Buffer = e.digest; console.log(b); } break; }
  console.log(etag, raw, l1, d1, d2, bin, syncCode);
  await closeDefaultPool();
}

void main;
