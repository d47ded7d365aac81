// Types for the public API (DESIGN.md "Public JS API").
/// <reference types="node" />

/** Canonical algorithm names (generated from kernels.def); lookups are case-insensitive and
 * accept aliases such as 'SHA-256'. */
import type { Algorithm } from '../dist/algorithms';
export type { Algorithm };
export type Encoding = 'hex' | 'base64' | 'base64url';
/** A digest as the call returns it without an encoding: a Buffer in Node (a Uint8Array subclass). */
export type Digest = Buffer;
export type BinaryLike = string | ArrayBuffer | SharedArrayBuffer | ArrayBufferView;
export type Callback<T> = (err: ParahashError | null, result?: T) => void;

export type ErrorCode =
  | 'ERR_PARAHASH_UNKNOWN_ALGORITHM'
  | 'ERR_PARAHASH_INVALID_ARG'
  | 'ERR_PARAHASH_INPUT_TOO_LARGE'
  | 'ERR_PARAHASH_OUT_OF_MEMORY'
  | 'ERR_PARAHASH_QUEUE_FULL'
  | 'ERR_PARAHASH_ABORTED'
  | 'ERR_PARAHASH_TIMEOUT'
  | 'ERR_PARAHASH_HASH_FINALIZED'
  | 'ERR_PARAHASH_UNSUPPORTED'
  | 'ERR_PARAHASH_POOL_CLOSED'
  | 'ERR_PARAHASH_POOL_CRASHED'
  /** A failure inside the engine that no other code describes: a bug, never bad input. */
  | 'ERR_PARAHASH_INTERNAL';

/** Every rejection carries a stable `code`. Wrong argument types are TypeErrors, out-of-range
 * values RangeErrors; an abort is named 'AbortError' with the signal's reason as `cause`; a
 * crashed pool's error has what crashed as `cause`. */
export interface ParahashError extends Error {
  code: ErrorCode;
  cause?: unknown;
}

export interface PoolOptions {
  /** Worker threads, 1..256. Default: available parallelism. */
  threads?: number;
  /** Calls allowed to wait beyond `threads` before new ones reject with ERR_PARAHASH_QUEUE_FULL. Default: Infinity. */
  maxQueue?: number;
  /** Largest input in bytes; longer ones reject with ERR_PARAHASH_INPUT_TOO_LARGE. Default: Number.MAX_SAFE_INTEGER. */
  maxInputLength?: number;
}

/** Options are read from own enumerable properties only; an unknown name is refused with
 * ERR_PARAHASH_INVALID_ARG; an option set to undefined or null is as if left out. */
export interface HashOptions {
  /** Return a string instead of a Buffer ('buffer' or nothing: the Buffer). */
  encoding?: Encoding | 'buffer';
  /** Digest bytes: shake128/shake256/blake3 0..16 MiB, blake2b512 1..64, blake2s256 1..32; other
   * algorithms accept only their own length. */
  outputLength?: number;
  /** Keyed mode (BLAKE2: up to 64 / 32 bytes; BLAKE3: exactly 32); algorithms without keys reject it. */
  key?: BinaryLike;
  /** Seed: xxh32 (< 2^32), xxh64, xxh3, xxh128 (< 2^64); other algorithms reject it. */
  seed?: number | bigint;
  /** BLAKE3 derive-key mode: the context string (exclusive with `key`). */
  context?: BinaryLike;
  /** Aborting rejects the call with ERR_PARAHASH_ABORTED (queued chunks leave at once; a running one ends its 2 MiB first). */
  signal?: AbortSignal;
}

/** Argon2 (RFC 9106) options. Defaults: RFC 9106's second recommended option. */
export interface Argon2Options {
  /** Memory in KiB, at least 8 × parallelism. Default 65536 (64 MiB). */
  memoryCost?: number;
  /** Passes over the memory, at least 1. Default 3. */
  timeCost?: number;
  /** Lanes, 1 to 2^24 - 1; they run on different pool threads. Default 4. */
  parallelism?: number;
  /** Tag bytes, at least 4. Default 32. */
  hashLength?: number;
  /** Secret key K (a pepper). */
  secret?: BinaryLike;
  /** Associated data X. */
  associatedData?: BinaryLike;
  encoding?: Encoding | 'buffer';
  /** Stops the hash within about a millisecond of work; the call rejects with ERR_PARAHASH_ABORTED. */
  signal?: AbortSignal;
  /** Called on the main thread after passes end, the last one before the call settles. A throw stops the hash and rejects the call with that error. */
  onProgress?: (progress: { passesDone: number; passesTotal: number }) => void;
}

export type Argon2Type = 'argon2id' | 'argon2i' | 'argon2d';

/** pool.argon2Hash's options: argon2id's (same defaults) plus the type and the salt's length.
 * The salt always comes from WebCrypto's getRandomValues; the result is always a PHC string. */
export interface Argon2HashOptions extends Omit<Argon2Options, 'encoding'> {
  /** Default 'argon2id'. */
  type?: Argon2Type;
  /** Random salt bytes, 8..1024. Default 16. */
  saltLength?: number;
  encoding?: never;
}

/** pool.argon2Verify's options: every Argon2 parameter comes from the PHC string. */
export interface Argon2VerifyOptions {
  /** The secret key K (pepper) the hash was made with. */
  secret?: BinaryLike;
  signal?: AbortSignal;
  onProgress?: (progress: { passesDone: number; passesTotal: number }) => void;
}

/** crypto.scrypt's options (each pair is one option under two names; 0 means the default). */
export interface ScryptOptions {
  /** CPU/memory cost, a power of two above 1. Default 16384. */
  N?: number;
  cost?: number;
  /** Block size. Default 8. */
  r?: number;
  blockSize?: number;
  /** Parallelization: the p mixes run on different threads, as many at once as maxmem has room for. Default 1. */
  p?: number;
  parallelization?: number;
  /** Memory bound in bytes, checked with node's (OpenSSL's) formula. Default 32 MiB. */
  maxmem?: number;
  encoding?: Encoding | 'buffer';
  /** Stops the derivation within about a millisecond of work. */
  signal?: AbortSignal;
}

export interface PoolStats {
  threads: number;
  /** Calls made and not yet settled. */
  pending: number;
  /** Work waiting: calls waiting for staging memory plus chunks queued in the engine. */
  queued: number;
  /** Chunks being hashed right now. */
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  state: 'starting' | 'open' | 'closing' | 'closed' | 'crashed';
}

export interface Pool {
  readonly threads: number;
  readonly algorithms: Algorithm[];
  /** Do not modify, resize or detach `data` until the returned Promise settles: long inputs are
   * read in chunks (a length change or a detach is refused with ERR_PARAHASH_INVALID_ARG). */
  hash(algorithm: Algorithm | string, data: BinaryLike, options?: HashOptions & { encoding?: undefined }): Promise<Digest>;
  hash(algorithm: Algorithm | string, data: BinaryLike, options: HashOptions & { encoding: Encoding }): Promise<string>;
  hash(algorithm: Algorithm | string, data: BinaryLike, callback: Callback<Digest>): void;
  hash(algorithm: Algorithm | string, data: BinaryLike, options: HashOptions, callback: Callback<Digest | string>): void;
  /** HMAC (RFC 2104) with a cryptographic algorithm. */
  hmac(algorithm: Algorithm | string, key: BinaryLike, data: BinaryLike, options?: HashOptions & { encoding?: undefined }): Promise<Digest>;
  hmac(algorithm: Algorithm | string, key: BinaryLike, data: BinaryLike, options: HashOptions & { encoding: Encoding }): Promise<string>;
  hmac(algorithm: Algorithm | string, key: BinaryLike, data: BinaryLike, callback: Callback<Digest>): void;
  hmac(algorithm: Algorithm | string, key: BinaryLike, data: BinaryLike, options: HashOptions, callback: Callback<Digest | string>): void;
  /** Digests of every input, in input order; one engine crossing per batch of small inputs. */
  hashMany(algorithm: Algorithm | string, inputs: BinaryLike[], options?: HashOptions & { encoding?: undefined }): Promise<Digest[]>;
  hashMany(algorithm: Algorithm | string, inputs: BinaryLike[], options: HashOptions & { encoding: Encoding }): Promise<string[]>;
  hashMany(algorithm: Algorithm | string, inputs: BinaryLike[], callback: Callback<Digest[]>): void;
  hashMany(algorithm: Algorithm | string, inputs: BinaryLike[], options: HashOptions, callback: Callback<Digest[] | string[]>): void;

  /** PBKDF2 (RFC 8018) with HMAC over `digest`, crypto.pbkdf2's argument order and ranges. */
  pbkdf2(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: Algorithm | string, options?: { encoding?: undefined; signal?: AbortSignal }): Promise<Digest>;
  pbkdf2(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: Algorithm | string, options: { encoding: Encoding; signal?: AbortSignal }): Promise<string>;
  pbkdf2(password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: Algorithm | string, callback: Callback<Digest>): void;
  /** scrypt (RFC 7914) with crypto.scrypt's options and limits. */
  scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options?: ScryptOptions & { encoding?: undefined }): Promise<Digest>;
  scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions & { encoding: Encoding }): Promise<string>;
  scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, callback: Callback<Digest>): void;
  scrypt(password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions, callback: Callback<Digest | string>): void;

  /** Argon2id (RFC 9106, version 0x13): the raw tag. The salt must be at least 8 bytes. */
  argon2id(password: BinaryLike, salt: BinaryLike, options?: Argon2Options & { encoding?: undefined }): Promise<Digest>;
  argon2id(password: BinaryLike, salt: BinaryLike, options: Argon2Options & { encoding: Encoding }): Promise<string>;
  argon2id(password: BinaryLike, salt: BinaryLike, options: Argon2Options, callback: Callback<Digest | string>): void;
  argon2i(password: BinaryLike, salt: BinaryLike, options?: Argon2Options & { encoding?: undefined }): Promise<Digest>;
  argon2i(password: BinaryLike, salt: BinaryLike, options: Argon2Options & { encoding: Encoding }): Promise<string>;
  argon2i(password: BinaryLike, salt: BinaryLike, options: Argon2Options, callback: Callback<Digest | string>): void;
  argon2d(password: BinaryLike, salt: BinaryLike, options?: Argon2Options & { encoding?: undefined }): Promise<Digest>;
  argon2d(password: BinaryLike, salt: BinaryLike, options: Argon2Options & { encoding: Encoding }): Promise<string>;
  argon2d(password: BinaryLike, salt: BinaryLike, options: Argon2Options, callback: Callback<Digest | string>): void;
  /** Argon2 with a fresh 16-byte random salt, as a PHC string in the reference implementation's
   * layout: `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` (unpadded base64; `,data=<base64>`
   * after p when associatedData is given). */
  argon2Hash(password: BinaryLike, options?: Argon2HashOptions): Promise<string>;
  argon2Hash(password: BinaryLike, callback: Callback<string>): void;
  argon2Hash(password: BinaryLike, options: Argon2HashOptions, callback: Callback<string>): void;
  /** Whether `password` matches the PHC string (tags compared in constant time); false for a
   * wrong password; rejects with ERR_PARAHASH_INVALID_ARG for a malformed string, one without
   * v=19 included (version 0x10 is not implemented). Reads the `argon2` and `@node-rs/argon2`
   * packages' strings (m, t, p in any order; optional data= and keyid=). */
  argon2Verify(phc: string, password: BinaryLike, options?: Argon2VerifyOptions): Promise<boolean>;
  argon2Verify(phc: string, password: BinaryLike, callback: Callback<boolean>): void;
  argon2Verify(phc: string, password: BinaryLike, options: Argon2VerifyOptions, callback: Callback<boolean>): void;
  stats(): PoolStats;
  /** Finishes the calls already made, then releases the threads. */
  close(): Promise<void>;
  close(callback: Callback<void>): void;
  /** Rejects pending calls with ERR_PARAHASH_POOL_CLOSED and releases the threads now. */
  destroy(): Promise<void>;
  destroy(callback: Callback<void>): void;
}

export function createPool(options?: PoolOptions): Promise<Pool>;
export function createPool(callback: Callback<Pool>): void;
export function createPool(options: PoolOptions, callback: Callback<Pool>): void;

export const algorithms: readonly Algorithm[];
export const codes: Readonly<{
  UNKNOWN_ALGORITHM: 'ERR_PARAHASH_UNKNOWN_ALGORITHM';
  INVALID_ARG: 'ERR_PARAHASH_INVALID_ARG';
  INPUT_TOO_LARGE: 'ERR_PARAHASH_INPUT_TOO_LARGE';
  OUT_OF_MEMORY: 'ERR_PARAHASH_OUT_OF_MEMORY';
  QUEUE_FULL: 'ERR_PARAHASH_QUEUE_FULL';
  ABORTED: 'ERR_PARAHASH_ABORTED';
  TIMEOUT: 'ERR_PARAHASH_TIMEOUT';
  HASH_FINALIZED: 'ERR_PARAHASH_HASH_FINALIZED';
  UNSUPPORTED: 'ERR_PARAHASH_UNSUPPORTED';
  POOL_CLOSED: 'ERR_PARAHASH_POOL_CLOSED';
  POOL_CRASHED: 'ERR_PARAHASH_POOL_CRASHED';
  INTERNAL: 'ERR_PARAHASH_INTERNAL';
}>;
