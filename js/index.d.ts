// Types of the Node entry points (js/index.js, js/index.mjs): the API of js/api.d.ts with
// Buffer results and hashers that are Writables. Checked by tests/types with tsc --strict.
/// <reference types="node" />

import type { Writable } from 'node:stream';
import type { WritableStream as WebWritableStream } from 'node:stream/web';
import type {
  BinaryLike, Callback, CopyOptions, DigestCall as DigestCallOf, Encoding, FileResult as FileResultOf, Hashing as HashingOf,
  Pool as PoolOf, PoolOptions,
} from './api';

export * from './api';

/** A digest as a call returns it without an encoding: a Buffer in Node (a Uint8Array subclass). */
export type Digest = Buffer;
/** A file path as node:fs takes it: a string, a Buffer, or a file: URL. */
export type PathLike = string | Buffer | URL;
export type FileResult<D = Digest | string, P extends PathLike = PathLike> = FileResultOf<D, P>;
export type DigestCall<A extends unknown[], O extends { encoding?: Encoding | 'buffer' | undefined }, D = Digest, S = string> =
  DigestCallOf<A, O, D, S>;

/** createHash()'s object: node:crypto's Hash shape, and a Writable for stream.pipeline. */
export interface Hasher extends Writable {
  /** Takes the bytes at once (copied: the caller may reuse its buffer) and never blocks; the
   * engine is fed in the background. @throws ERR_PARAHASH_HASH_FINALIZED after digest(). */
  update(data: BinaryLike, inputEncoding?: BufferEncoding): this;
  /** A failure from the background rejects here (and is emitted as 'error'). */
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
  /** An independent hasher with the same state (it shares this one's signal); `outputLength`
   * sets the copy's XOF length, as node:crypto's hash.copy({ outputLength }). */
  copy(options?: CopyOptions): Hasher;
  /** This hasher as a WHATWG WritableStream (Writable.toWeb), for `readable.pipeTo()`; the same
   * name as in browsers. (`writable` is the Writable's own boolean, as on every Node stream.) */
  readonly writableStream: WebWritableStream;
}

/** Every hashing method, on a Pool and (on the default pool) at the top level. */
export type Hashing = HashingOf<Digest, Hasher>;
/** A pool of threads. An EventTarget: 'drain' fires when the last pending call settles. */
export type Pool = PoolOf<Digest, Hasher>;

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
export const hashFile: Hashing['hashFile'];
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
