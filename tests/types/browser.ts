// The browser entry point's types, as a browser project gets them (tsconfig.bundler.json: bundler
// resolution with the browser condition, no @types/node): the README's browser usage compiles.
import { createPool, createHash, hash, hashMany, isolated, isAlgorithm, codes, algorithms } from 'parahash';
import type { BrowserHasher, Hasher, Pool, Encoding, ParahashError } from 'parahash';

async function page(file: Blob, picked: string): Promise<string> {
  const pool: Pool = await createPool({
    threads: 4, locateFile: (name, fallback) => (name.endsWith('.wasm') ? `https://cdn.example/${name}` : fallback),
  });
  const warning: string | undefined = pool.warning;
  const threaded: boolean = pool.isolated && isolated;

  // createHash returns the browser's hasher; results are Uint8Arrays.
  const hasher: BrowserHasher = pool.createHash('sha256');
  await file.stream().pipeTo(hasher.writableStream);
  const bytes: Uint8Array = await hasher.copy().digest();
  const longer: Uint8Array = await pool.createHash('blake3').copy({ outputLength: 64 }).digest();
  const hex: string = await hasher.digest('hex');
  const same: Hasher = createHash('blake3', { outputLength: 64 });
  await file.stream().pipeTo(same.writable); // the alias
  same.update('text', 'utf8').update(new Uint8Array(4));

  const raw: Uint8Array = await pool.hash('sha256', 'data');
  const top: Uint8Array = await hash('md5', new Uint8Array(8));
  const many: Uint8Array[] = await hashMany('sha256', ['a', 'b']);
  const streamed: string = await pool.hashStream(file.stream(), 'blake3', {
    encoding: 'hex', bytesTotal: file.size, onProgress: ({ bytesDone }) => void bytesDone,
  });

  // { encoding: enc } with enc possibly undefined (exactOptionalPropertyTypes is on).
  const enc: Encoding | undefined = Math.random() > 0.5 ? 'hex' : undefined;
  const either: Uint8Array | string = await pool.hash('sha256', 'data', { encoding: enc, signal: undefined });

  // A name from the user, narrowed by the guard.
  if (isAlgorithm(picked)) await pool.hash(picked, 'data');

  try {
    await createPool();
  } catch (error) {
    const e = error as ParahashError;
    if (e.code === codes.LOAD_FAILED || e.code === 'ERR_PARAHASH_UNSUPPORTED') console.log(e.message);
  }
  console.log(warning, threaded, bytes, raw, top, many, streamed, either, algorithms.length);
  await pool.close();
  return hex;
}
void page;
