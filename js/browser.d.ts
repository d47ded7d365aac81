// Types of the browser entry point (dist/browser/parahash.mjs, the package's `browser` export
// condition): the API of js/api.d.ts with Uint8Array results and hashers that offer a WHATWG
// WritableStream. No Node types: a browser project compiles without @types/node. TypeScript
// picks this file under `"moduleResolution": "bundler"` with `"customConditions": ["browser"]`.
// Checked by tests/types (tsconfig.bundler.json).

import type {
  BinaryLike, Callback, CopyOptions, DigestCall as DigestCallOf, Encoding, FileResult as FileResultOf, Hashing as HashingOf,
  InputEncoding, Pool as PoolOf, PoolOptions,
} from './api';

export * from './api';

/** A digest as a call returns it without an encoding: a Uint8Array. */
export type Digest = Uint8Array;
export type FileResult<D = Digest | string> = FileResultOf<D>;
export type DigestCall<A extends unknown[], O extends { encoding?: Encoding | 'buffer' | undefined }, D = Digest, S = string> =
  DigestCallOf<A, O, D, S>;

/** createHash()'s object in a browser: node:crypto's Hash methods, and `writableStream` for
 * `readable.pipeTo(hasher.writableStream)`. */
export interface BrowserHasher {
  /** Takes the bytes at once (copied) and never blocks. @throws ERR_PARAHASH_HASH_FINALIZED after digest(). */
  update(data: BinaryLike, inputEncoding?: InputEncoding): this;
  digest(): Promise<Digest>;
  digest(encoding: 'buffer'): Promise<Digest>;
  digest(encoding: Encoding): Promise<string>;
  digest(encoding: Encoding | 'buffer' | undefined): Promise<Digest | string>;
  /** The digest now, while the hasher holds at most 64 KiB gathered in JS (nothing went to the
   * pool); afterwards it is finalized as after digest(). @throws ERR_PARAHASH_SYNC_TOO_LARGE
   * (the hasher stays usable: await digest()), ERR_PARAHASH_HASH_FINALIZED. */
  digestSync(): Digest;
  digestSync(encoding: 'buffer'): Digest;
  digestSync(encoding: Encoding): string;
  digestSync(encoding: Encoding | 'buffer' | undefined): Digest | string;
  /** An independent hasher with the same state; `outputLength` sets the copy's XOF length. */
  copy(options?: CopyOptions): BrowserHasher;
  /** A WHATWG WritableStream into this hasher (the same name as on Node's hasher). */
  readonly writableStream: WritableStream<BinaryLike>;
  /** The same stream as writableStream, under its first name (browsers only: in Node `writable`
   * is the Writable's boolean). */
  readonly writable: WritableStream<BinaryLike>;
}
export type Hasher = BrowserHasher;

/** Every hashing method, on a Pool and (on the default pool) at the top level. */
export type Hashing = HashingOf<Digest, BrowserHasher>;
/** A pool: threads in a cross-origin-isolated page, else one thread in a Web Worker. */
export type Pool = PoolOf<Digest, BrowserHasher>;

export function createPool(options?: PoolOptions): Promise<Pool>;
export function createPool(callback: Callback<Pool>): void;
export function createPool(options: PoolOptions | undefined, callback: Callback<Pool>): void;

/** The default pool (started if need be), for its stats() and 'drain' event. */
export function getDefaultPool(): Promise<Pool>;

export const hash: Hashing['hash'];
export const hmac: Hashing['hmac'];
export const hashMany: Hashing['hashMany'];
export const createHash: Hashing['createHash'];
export const createHmac: Hashing['createHmac'];
export const hashStream: Hashing['hashStream'];
/** Rejects with ERR_PARAHASH_UNSUPPORTED in browsers: use hashStream(file.stream()). */
export const hashFile: Hashing['hashFile'];
/** Rejects with ERR_PARAHASH_UNSUPPORTED in browsers. */
export const hashFiles: Hashing['hashFiles'];
export const hashDirectory: Hashing['hashDirectory'];
export const hashDirectoryIterator: Hashing['hashDirectoryIterator'];
export const hashSync: Hashing['hashSync'];
export const pbkdf2: Hashing['pbkdf2'];
export const scrypt: Hashing['scrypt'];
export const argon2id: Hashing['argon2id'];
export const argon2i: Hashing['argon2i'];
export const argon2d: Hashing['argon2d'];
export const argon2Hash: Hashing['argon2Hash'];
export const argon2Verify: Hashing['argon2Verify'];
export const bcryptHash: Hashing['bcryptHash'];
export const bcryptVerify: Hashing['bcryptVerify'];
export const verifyPassword: Hashing['verifyPassword'];

/** Is this page able to run threads (cross-origin isolated, with SharedArrayBuffer and
 * Atomics.waitAsync), so that pools get them? */
export declare const isolated: boolean;
