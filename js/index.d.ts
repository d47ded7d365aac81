// Types for the public API (DESIGN.md "Public JS API"), checked by tests/types with tsc --strict.
/// <reference types="node" />

import type { Writable } from 'node:stream';
import type { Algorithm, AlgorithmName, HmacAlgorithmName } from '../dist/algorithms';

/** Canonical algorithm names (generated from kernels.def), every accepted spelling of one
 * (aliases such as 'SHA-256', lower or upper case), and those that have HMAC. A name held in a
 * plain `string` needs a cast (`name as AlgorithmName`): a typo in a literal then fails to compile. */
export type { Algorithm, AlgorithmName, HmacAlgorithmName };
export type Encoding = 'hex' | 'base64' | 'base64url';
/** A digest as a call returns it without an encoding: a Buffer in Node (a Uint8Array subclass). */
export type Digest = Buffer;
export type BinaryLike = string | ArrayBuffer | SharedArrayBuffer | ArrayBufferView;
/** A file path as node:fs takes it: a string, a Buffer, or a file: URL. */
export type PathLike = string | Buffer | URL;
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
 * crashed pool's error has what crashed as `cause`. Errors of fs (hashFile) and of a stream's
 * source (hashStream) come through unchanged, with their own codes. */
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
  /** Where a shipped file is: called with its name (in browsers `parahash-threads.mjs`,
   * `parahash-threads.wasm`, `parahash-threads.worker.js`, `parahash-single.mjs`,
   * `parahash-single.wasm`, `parahash-worker.mjs`; in Node `parahash.wasm`,
   * `parahash.worker.js`) and its default URL or path; undefined keeps the default. */
  locateFile?: (name: string, defaultLocation: string) => string | URL | undefined | null;
}

/** What every call takes. Options are read from own enumerable properties only; an unknown name
 * is refused with ERR_PARAHASH_INVALID_ARG; an option set to undefined or null is as if left out. */
export interface CallOptions {
  /** Aborting rejects the call with ERR_PARAHASH_ABORTED (name 'AbortError'); the running job
   * stops at its next safe point. AbortSignal.timeout() works. */
  signal?: AbortSignal;
  /** Milliseconds from the call, queue wait included, after which it rejects with
   * ERR_PARAHASH_TIMEOUT; 0 to 2^31 − 1. */
  timeout?: number;
}

/** The result's shape: a string in this encoding, or ('buffer', or nothing) a Buffer. */
export interface EncodingOption {
  encoding?: Encoding | 'buffer';
}

/** The parameters of a hash (createHash takes these). */
export interface HashParameters {
  /** Digest bytes: shake128/shake256/blake3 0..16 MiB, blake2b512 1..64, blake2s256 1..32; other
   * algorithms accept only their own length. */
  outputLength?: number;
  /** Keyed mode (BLAKE2: up to 64 / 32 bytes; BLAKE3: exactly 32); algorithms without keys reject it. */
  key?: BinaryLike;
  /** Seed: xxh32 (< 2^32), xxh64, xxh3, xxh128 (< 2^64); other algorithms reject it. */
  seed?: number | bigint;
  /** BLAKE3 derive-key mode: the context string (exclusive with `key`). */
  context?: BinaryLike;
}

export interface HashOptions extends HashParameters, CallOptions, EncodingOption {}
/** HMAC's output is the digest's own length: no outputLength, key, seed or context. */
export interface HmacOptions extends CallOptions, EncodingOption {
  outputLength?: never;
  key?: never;
  seed?: never;
  context?: never;
}
/** createHash's options (the encoding is digest()'s argument). */
export interface HasherOptions extends HashParameters, CallOptions {}
export interface HmacHasherOptions extends CallOptions {
  outputLength?: never;
}

export interface Progress {
  bytesDone: number;
  /** Undefined when the total is not known (a stream without a length). */
  bytesTotal: number | undefined;
}

export interface StreamOptions extends HashOptions {
  /** Called on this thread as bytes go in (at most once per MiB) and at the end, in the call's
   * async context; a throw rejects the call with that error. */
  onProgress?: (progress: Progress) => void;
  /** The length expected, for onProgress (default: an HTTP request's Content-Length). */
  bytesTotal?: number;
}

export interface FileOptions extends HashOptions {
  onProgress?: (progress: { bytesDone: number; bytesTotal: number | undefined }) => void;
}

export interface FilesProgress {
  /** Over all files; bytesTotal is the sum of their sizes, from a stat of each first. */
  bytesDone: number;
  bytesTotal: number;
  /** Files finished, with a digest or with an error. */
  filesDone: number;
  filesTotal: number;
  /** The file that moved. */
  file: { path: PathLike; bytesDone: number; bytesTotal: number | undefined };
}

export interface FilesOptions extends HashOptions {
  onProgress?: (progress: FilesProgress) => void;
  /** Files read and hashed at once, 1..4096. Default: 4 per thread. */
  concurrency?: number;
}

/** One entry of hashFiles' result, in input order. */
export type FileResult<D = Digest | string> =
  | { path: PathLike; digest: D; error?: undefined }
  | { path: PathLike; error: Error; digest?: undefined };

/** What hashStream reads: a Node Readable, a web ReadableStream, or an (async) iterable of
 * chunks, each bytes or a string (UTF-8). */
export type HashSource =
  | NodeJS.ReadableStream
  | ReadableStream<BinaryLike>
  | AsyncIterable<BinaryLike>
  | Iterable<BinaryLike>;

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
  /** An independent hasher with the same state (it shares this one's signal). */
  copy(): Hasher;
}

/** Argon2 (RFC 9106) options. Defaults: RFC 9106's second recommended option. */
export interface Argon2Options extends CallOptions, EncodingOption {
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
  /** Called on the main thread after passes end, the last one before the call settles, in the
   * call's async context. A throw stops the hash and rejects the call with that error. */
  onProgress?: (progress: { passesDone: number; passesTotal: number }) => void;
}

export type Argon2Type = 'argon2id' | 'argon2i' | 'argon2d';

/** argon2Hash's options: argon2id's (same defaults) plus the type and the salt's length.
 * The salt always comes from WebCrypto's getRandomValues; the result is always a PHC string. */
export interface Argon2HashOptions extends Omit<Argon2Options, 'encoding'> {
  /** Default 'argon2id'. */
  type?: Argon2Type;
  /** Random salt bytes, 8..1024. Default 16. */
  saltLength?: number;
  encoding?: never;
}

/** argon2Verify's options: every Argon2 parameter comes from the PHC string. */
export interface Argon2VerifyOptions extends CallOptions {
  /** The secret key K (pepper) the hash was made with. */
  secret?: BinaryLike;
  onProgress?: (progress: { passesDone: number; passesTotal: number }) => void;
}

/** crypto.scrypt's options (each pair is one option under two names; 0 means the default). */
export interface ScryptOptions extends CallOptions, EncodingOption {
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
}

export interface Pbkdf2Options extends CallOptions, EncodingOption {}

/** Durations over the engine's jobs (a chunk, a batch, a derivation), in milliseconds. */
export interface TimeSummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface PoolStats {
  threads: number;
  /** Calls made and not yet settled. */
  pending: number;
  /** Work waiting: calls waiting for staging memory plus jobs queued in the engine. */
  queued: number;
  /** Jobs running on the threads right now. */
  running: number;
  completed: number;
  failed: number;
  /** Aborted or timed out. */
  cancelled: number;
  state: 'starting' | 'open' | 'closing' | 'closed' | 'crashed';
  /** The threads' busy share of their time since the pool started, 0..1. */
  utilization: number;
  /** From a job's submission to its start. */
  waitTime: TimeSummary;
  /** From a job's start to its end. */
  runTime: TimeSummary;
}

/** A call that gives a digest (D), or a string (S) when options.encoding names one; with a
 * Node-style callback last it returns undefined. A: the arguments before the options. */
export interface DigestCall<A extends unknown[], O extends EncodingOption, D = Digest, S = string> {
  (...args: [...A, callback: Callback<D>]): void;
  (...args: [...A, options: O | undefined, callback: Callback<D | S>]): void;
  (...args: [...A, options: O & { encoding: Encoding }]): Promise<S>;
  (...args: [...A, options?: O & { encoding?: 'buffer' }]): Promise<D>;
  (...args: [...A, options: O]): Promise<D | S>;
}

/** A call whose result does not depend on an encoding (T), with a callback last as well. */
export interface ValueCall<A extends unknown[], O, T> {
  (...args: [...A, callback: Callback<T>]): void;
  (...args: [...A, options: O | undefined, callback: Callback<T>]): void;
  (...args: [...A, options?: O]): Promise<T>;
}

/** Every hashing method; a Pool has them all, and the top-level functions are the same
 * methods on the default pool. Do not modify, resize or detach an input until its call
 * settles: long inputs are read in chunks (a length change or a detach is refused with
 * ERR_PARAHASH_INVALID_ARG). */
export interface Hashing {
  hash: DigestCall<[algorithm: AlgorithmName, data: BinaryLike], HashOptions>;
  /** HMAC (RFC 2104) with a fixed-length cryptographic algorithm. */
  hmac: DigestCall<[algorithm: HmacAlgorithmName, key: BinaryLike, data: BinaryLike], HmacOptions>;
  /** Digests of every input, in input order; one engine crossing per batch of small inputs. */
  hashMany: DigestCall<[algorithm: AlgorithmName, inputs: readonly BinaryLike[]], HashOptions, Digest[], string[]>;

  /** node:crypto's Hash shape; in Node also a Writable. @throws synchronously for a bad
   * algorithm or option, as node:crypto does. */
  createHash(algorithm: AlgorithmName, options?: HasherOptions): Hasher;
  /** createHash's shape for HMAC under `key` (copied at once). */
  createHmac(algorithm: HmacAlgorithmName, key: BinaryLike, options?: HmacHasherOptions): Hasher;

  /** The digest of everything `source` yields. A source that errors rejects with its own error. */
  hashStream: DigestCall<[source: HashSource, algorithm: AlgorithmName], StreamOptions>;
  /** One file, read in chunks straight into the engine (Node only; memory stays bounded).
   * fs errors come through unchanged (ENOENT, EISDIR, EACCES). */
  hashFile: DigestCall<[path: PathLike, algorithm: AlgorithmName], FileOptions>;
  /** Many files over the threads (Node only): entries in input order; one file's failure is its
   * entry's `error`, never a rejection (only an abort, a timeout or the pool's end reject). */
  hashFiles: DigestCall<[paths: readonly PathLike[], algorithm: AlgorithmName], FilesOptions, FileResult<Digest>[], FileResult<string>[]>;

  /** PBKDF2 (RFC 8018) with HMAC over `digest`, crypto.pbkdf2's argument order and ranges. */
  pbkdf2: DigestCall<[password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: HmacAlgorithmName], Pbkdf2Options>;
  /** scrypt (RFC 7914) with crypto.scrypt's options and limits. */
  scrypt: DigestCall<[password: BinaryLike, salt: BinaryLike, keylen: number], ScryptOptions>;
  /** Argon2id (RFC 9106, version 0x13): the raw tag. The salt must be at least 8 bytes. */
  argon2id: DigestCall<[password: BinaryLike, salt: BinaryLike], Argon2Options>;
  argon2i: DigestCall<[password: BinaryLike, salt: BinaryLike], Argon2Options>;
  argon2d: DigestCall<[password: BinaryLike, salt: BinaryLike], Argon2Options>;
  /** Argon2 with a fresh random salt, as a PHC string in the reference implementation's layout:
   * `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` (unpadded base64; `,data=<base64>` after p
   * when associatedData is given). */
  argon2Hash: ValueCall<[password: BinaryLike], Argon2HashOptions, string>;
  /** Whether `password` matches the PHC string (tags compared in constant time); false for a
   * wrong password; rejects with ERR_PARAHASH_INVALID_ARG for a malformed string, one without
   * v=19 included. Reads the `argon2` and `@node-rs/argon2` packages' strings. */
  argon2Verify: ValueCall<[phc: string, password: BinaryLike], Argon2VerifyOptions, boolean>;
}

/** A pool of threads. An EventTarget: 'drain' fires when the last pending call settles. */
export interface Pool extends Hashing, EventTarget {
  readonly threads: number;
  /** Whether the threads share one memory: always true in Node; in browsers only when
   * crossOriginIsolated. */
  readonly isolated: boolean;
  /** Why the pool has fewer threads than asked for (a browser page that is not cross-origin
   * isolated runs one), or undefined. */
  readonly warning: string | undefined;
  readonly algorithms: Algorithm[];
  stats(): PoolStats;
  /** Finishes the calls already made, then releases the threads. A hasher not yet digested is
   * not a call made: its digest() rejects with ERR_PARAHASH_POOL_CLOSED. */
  close(): Promise<void>;
  close(callback: Callback<void>): void;
  /** Rejects pending calls with ERR_PARAHASH_POOL_CLOSED and releases the threads now. */
  destroy(): Promise<void>;
  destroy(callback: Callback<void>): void;
}

export function createPool(options?: PoolOptions): Promise<Pool>;
export function createPool(callback: Callback<Pool>): void;
export function createPool(options: PoolOptions | undefined, callback: Callback<Pool>): void;

/** Sets the default pool's options before its first use. @throws ERR_PARAHASH_INVALID_ARG
 * once it is in use (call closeDefaultPool() first). */
export function configureDefaultPool(options: PoolOptions): void;
/** Finishes the default pool's calls and releases its threads; the next use starts a new one. */
export function closeDefaultPool(): Promise<void>;
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
export const pbkdf2: Hashing['pbkdf2'];
export const scrypt: Hashing['scrypt'];
export const argon2id: Hashing['argon2id'];
export const argon2i: Hashing['argon2i'];
export const argon2d: Hashing['argon2d'];
export const argon2Hash: Hashing['argon2Hash'];
export const argon2Verify: Hashing['argon2Verify'];

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
