// Usages that must NOT compile: each line under @ts-expect-error must be an error, or tsc
// reports the directive as unused and the check fails.
import { createPool, hash, codes, createHash, hashSync, hashDirectory } from 'parahash';

async function main(): Promise<void> {
  const pool = await createPool();

  // @ts-expect-error hostCrypto is a boolean
  await createPool({ hostCrypto: 'all' });
  // @ts-expect-error backends is read-only
  pool.backends.sha256 = 'portable';
  // @ts-expect-error only the two backends
  const other: typeof pool.backends.md5 = 'openssl';
  void other;

  // @ts-expect-error an unknown algorithm literal
  await pool.hash('sha265', 'data');
  // @ts-expect-error an unknown algorithm literal, on the default pool too
  await hash('md6', 'data');

  // @ts-expect-error copy() takes outputLength only
  pool.createHash('shake256').copy({ length: 64 });
  // @ts-expect-error hmac has no outputLength
  await pool.hmac('sha256', 'key', 'data', { outputLength: 16 });
  // @ts-expect-error not even next to a real option
  await pool.hmac('sha256', 'key', 'data', { outputLength: 16, encoding: 'hex' });

  // @ts-expect-error bcryptHash returns a string, and takes no encoding
  await pool.bcryptHash('pw', { encoding: 'hex' });
  // @ts-expect-error the stored hash is a string
  await pool.bcryptVerify(Buffer.from('$2b$'), 'pw');
  // @ts-expect-error verifyPassword takes no cost: it comes from the string
  await pool.verifyPassword('$2b$…', 'pw', { cost: 4 });
  // @ts-expect-error argon2NeedsRehash is synchronous: a boolean, not a Promise
  const later: Promise<boolean> = (await import('parahash')).argon2NeedsRehash('$argon2id$…');
  void later;

  // @ts-expect-error pbkdf2's digest must have HMAC
  await pool.pbkdf2('pw', 'salt', 1, 32, 'crc32');

  // @ts-expect-error no such code
  console.log(codes.QUEUEFULL);

  // @ts-expect-error digest() without an encoding is a Buffer, not a string
  const s: string = await createHash('sha256').update('x').digest();

  // @ts-expect-error hash() without an encoding is a Buffer, not a string
  const t: string = await pool.hash('sha256', 'x');

  // @ts-expect-error an unknown option name
  await pool.hash('sha256', 'x', { encodign: 'hex' });

  // @ts-expect-error an encoding Buffer does not have
  await pool.hash('sha256', 'x', { encoding: 'utf16le' });

  // @ts-expect-error createHash takes no encoding (digest() does)
  createHash('sha256', { encoding: 'hex' });

  // @ts-expect-error hashFiles takes an array of paths
  await pool.hashFiles('/etc', 'sha256');

  // @ts-expect-error paths given as strings come back as strings, not URLs
  const url: URL = (await pool.hashFiles(['/etc/hosts'], 'sha256'))[0]!.path;

  // @ts-expect-error in Node, `writable` is the Writable's boolean, not a WritableStream
  await new Blob(['x']).stream().pipeTo(createHash('sha256').writable);

  // @ts-expect-error `isolated` is the browser entry point's
  console.log((await import('parahash')).isolated);

  console.log(s, t, url);
}

// @ts-expect-error hashSync returns no Promise
hashSync('sha256', 'x').then(() => {});
// @ts-expect-error no signal: nothing to wait for
hashSync('sha256', 'x', { signal: new AbortController().signal });
// @ts-expect-error filter is a predicate
void hashDirectory('/etc', 'sha256', { filter: 'x' });
// @ts-expect-error followSymlinks is a boolean
void hashDirectory('/etc', 'sha256', { followSymlinks: 1 });
// @ts-expect-error digestSync returns the digest, not a Promise
createHash('sha256').digestSync().then(() => {});

void main;
