// The API's types common to Node (js/index.d.ts) and browsers (js/browser.d.ts), with no
// reference to Node's types, so that a browser project compiles without @types/node. What
// differs is a parameter: D, the bytes a call returns without an encoding (Buffer in Node, a
// Uint8Array in browsers), and H, what createHash returns. Checked by tests/types.
//
// Every optional option is also `| undefined`: an option set to undefined is as if left out,
// so `{ encoding: enc }` with `enc` possibly undefined compiles under exactOptionalPropertyTypes.

import type { Algorithm, AlgorithmName, HmacAlgorithmName } from '../dist/algorithms';

/** Canonical algorithm names (generated from kernels.def), every accepted spelling of one
 * (aliases such as 'SHA-256', lower or upper case), and those that have HMAC. A name held in a
 * plain `string` needs the `isAlgorithm(name)` guard or a cast (`name as AlgorithmName`): a typo
 * in a literal then fails to compile. */
export type { Algorithm, AlgorithmName, HmacAlgorithmName };
/** 'latin1' (alias 'binary'): one character per byte, as node:crypto writes it. */
export type Encoding = 'hex' | 'base64' | 'base64url' | 'latin1' | 'binary';
export type BinaryLike = string | ArrayBuffer | SharedArrayBuffer | ArrayBufferView;
/** A file path as node:fs takes it: a string, a Buffer (a Uint8Array), or a file: URL. */
export type PathLike = string | Uint8Array | URL;
export type Callback<T> = (err: ParahashError | null, result?: T) => void;
/** update(string, inputEncoding): node:crypto's input encodings (Buffer's names). */
export type InputEncoding = 'utf8' | 'utf-8' | 'hex' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'ascii'
  | 'ucs2' | 'ucs-2' | 'utf16le' | 'utf-16le';

/** A Node Readable as hashStream reads it (an async iterable of chunks), without Node's types. */
export interface NodeReadableLike extends AsyncIterable<unknown> {
  readable: boolean;
  read(size?: number): unknown;
}

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
  /** hashSync or digestSync over more than 64 KiB (of data, key or digest): await the async call. */
  | 'ERR_PARAHASH_SYNC_TOO_LARGE'
  | 'ERR_PARAHASH_POOL_CLOSED'
  | 'ERR_PARAHASH_POOL_CRASHED'
  /** A shipped file (the module, its .wasm, a Worker's script) did not load, or a Worker could
   * not start from it; the message names the file, the cause and the fix (browsers). */
  | 'ERR_PARAHASH_LOAD_FAILED'
  /** A failure inside the engine that no other code describes: a bug, never bad input. */
  | 'ERR_PARAHASH_INTERNAL';

/** Every rejection carries a stable `code`. Wrong argument types are TypeErrors, out-of-range
 * values RangeErrors; an abort is named 'AbortError' with the signal's reason as `cause`; a
 * crashed pool's error has what crashed as `cause`. Errors of fs (hashFile) and of a stream's
 * source (hashStream) come through unchanged, with their own codes. */
export interface ParahashError extends Error {
  code: ErrorCode;
  cause?: unknown | undefined;
}

export interface PoolOptions {
  /** Worker threads, 1..256. Default: available parallelism. */
  threads?: number | undefined;
  /** Calls allowed to wait beyond `threads` before new ones reject with ERR_PARAHASH_QUEUE_FULL. Default: Infinity. */
  maxQueue?: number | undefined;
  /** Largest input in bytes; longer ones reject with ERR_PARAHASH_INPUT_TOO_LARGE. Default: Number.MAX_SAFE_INTEGER. */
  maxInputLength?: number | undefined;
  /** Where a shipped file is: called with its name (in browsers `parahash-threads.mjs`,
   * `parahash-threads.wasm`, `parahash-threads.worker.js`, `parahash-single.mjs`,
   * `parahash-single.wasm`, `parahash-worker.mjs`; in Node `parahash.wasm`,
   * `parahash.worker.js`) and its default URL or path; undefined keeps the default. */
  locateFile?: (name: string, defaultLocation: string) => string | URL | undefined | null | undefined;
  /** In Node, hash through node:crypto (OpenSSL) on the pool's threads for the algorithms where it
   * measures faster here (`backends` says which); false keeps every algorithm on the portable
   * WebAssembly kernel. Browsers have no such host. Default: true, unless the environment
   * variable PARAHASH_HOST_CRYPTO is "0". */
  hostCrypto?: boolean | undefined;
}

/** Which implementation a pool runs an algorithm with. */
export type Backend = 'node:crypto' | 'portable';

/** What every call takes. Options are read from own enumerable properties only; an unknown name
 * is refused with ERR_PARAHASH_INVALID_ARG; an option set to undefined or null is as if left out. */
export interface CallOptions {
  /** Aborting rejects the call with ERR_PARAHASH_ABORTED (name 'AbortError'); the running job
   * stops at its next safe point. AbortSignal.timeout() works. */
  signal?: AbortSignal | undefined;
  /** Milliseconds from the call, queue wait included, after which it rejects with
   * ERR_PARAHASH_TIMEOUT; 0 to 2^31 − 1. */
  timeout?: number | undefined;
}

/** The result's shape: a string in this encoding, or ('buffer', or nothing) bytes (a Buffer in
 * Node, a Uint8Array in browsers). */
export interface EncodingOption {
  encoding?: Encoding | 'buffer' | undefined;
}

/** copy()'s options: node:crypto's hash.copy({ outputLength }), the XOF length of the copy
 * (shake128/shake256, blake3); by default the copy keeps the original's. */
export interface CopyOptions {
  outputLength?: number | undefined;
}

/** The parameters of a hash (createHash takes these). */
export interface HashParameters {
  /** Digest bytes: shake128/shake256 0..16 MiB (0: an empty digest, as node:crypto), blake3
   * 1..16 MiB, blake2b512 1..64, blake2s256 1..32; other algorithms accept only their own length.
   * 0 where node:crypto has no such call (BLAKE2, BLAKE3) is refused with ERR_PARAHASH_INVALID_ARG. */
  outputLength?: number | undefined;
  /** Keyed mode (BLAKE2: up to 64 / 32 bytes; BLAKE3: exactly 32); algorithms without keys reject it. */
  key?: BinaryLike | undefined;
  /** Seed: xxh32 (< 2^32), xxh64, xxh3, xxh128 (< 2^64); other algorithms reject it. */
  seed?: number | bigint | undefined;
  /** BLAKE3 derive-key mode: the context string (exclusive with `key`). */
  context?: BinaryLike | undefined;
}

export interface HashOptions extends HashParameters, CallOptions, EncodingOption {}
/** HMAC's output is the digest's own length: no outputLength, key, seed or context. */
export interface HmacOptions extends CallOptions, EncodingOption {
  outputLength?: never | undefined;
  key?: never | undefined;
  seed?: never | undefined;
  context?: never | undefined;
}
/** createHash's options (the encoding is digest()'s argument). */
export interface HasherOptions extends HashParameters, CallOptions {}
export interface HmacHasherOptions extends CallOptions {
  outputLength?: never | undefined;
}

export interface Progress {
  bytesDone: number;
  /** Undefined when the total is not known (a stream without a length). */
  bytesTotal: number | undefined;
}

export interface StreamOptions extends HashOptions {
  /** Called on this thread as bytes go in (at most once per MiB) and at the end, in the call's
   * async context; a throw rejects the call with that error. */
  onProgress?: (progress: Progress) => void | undefined;
  /** The length expected, for onProgress (default: an HTTP request's Content-Length). */
  bytesTotal?: number | undefined;
}

export interface FileOptions extends HashOptions {
  onProgress?: (progress: { bytesDone: number; bytesTotal: number | undefined }) => void;
}

export interface FilesProgress<P extends PathLike = PathLike> {
  /** Over all files; bytesTotal is the sum of their sizes, from a stat of each first. */
  bytesDone: number;
  bytesTotal: number;
  /** Files finished, with a digest or with an error. */
  filesDone: number;
  filesTotal: number;
  /** The file that moved. */
  file: { path: P; bytesDone: number; bytesTotal: number | undefined };
}

export interface FilesOptions<P extends PathLike = PathLike> extends HashOptions {
  onProgress?: ((progress: FilesProgress<P>) => void) | undefined;
  /** Files read and hashed at once, 1..4096. Default: 4 per thread. */
  concurrency?: number | undefined;
}

/** One entry of hashFiles' result, in input order; `path` is the path as it was given. */
export type FileResult<D = Uint8Array | string, P extends PathLike = PathLike> =
  | { path: P; digest: D; error?: undefined }
  | { path: P; error: Error; digest?: undefined };

/** What hashStream reads: a Node Readable, a web ReadableStream, or an (async) iterable of
 * chunks, each bytes or a string (UTF-8). */
export type HashSource =
  | NodeReadableLike
  | ReadableStream<BinaryLike>
  | AsyncIterable<BinaryLike>
  | Iterable<BinaryLike>;

/** Argon2 (RFC 9106) options. Defaults: RFC 9106's second recommended option. */
export interface Argon2Options extends CallOptions, EncodingOption {
  /** Memory in KiB, at least 8 × parallelism. Default 65536 (64 MiB). */
  memoryCost?: number | undefined;
  /** Passes over the memory, at least 1. Default 3. */
  timeCost?: number | undefined;
  /** Lanes, 1 to 2^24 - 1; they run on different pool threads. Default 4. */
  parallelism?: number | undefined;
  /** Tag bytes, at least 4. Default 32. */
  hashLength?: number | undefined;
  /** Secret key K (a pepper). */
  secret?: BinaryLike | undefined;
  /** Associated data X. */
  associatedData?: BinaryLike | undefined;
  /** Called on the main thread after passes end, the last one before the call settles, in the
   * call's async context. A throw stops the hash and rejects the call with that error. */
  onProgress?: (progress: { passesDone: number; passesTotal: number }) => void;
}

export type Argon2Type = 'argon2id' | 'argon2i' | 'argon2d';

/** argon2Hash's options: argon2id's (same defaults) plus the type and the salt's length.
 * The salt always comes from WebCrypto's getRandomValues; the result is always a PHC string. */
export interface Argon2HashOptions extends Omit<Argon2Options, 'encoding'> {
  /** Default 'argon2id'. */
  type?: Argon2Type | undefined;
  /** Random salt bytes, 8..1024. Default 16. */
  saltLength?: number | undefined;
  encoding?: never | undefined;
}

/** argon2Verify's options: every Argon2 parameter comes from the PHC string. */
export interface Argon2VerifyOptions extends CallOptions {
  /** The secret key K (pepper) the hash was made with. */
  secret?: BinaryLike | undefined;
  onProgress?: (progress: { passesDone: number; passesTotal: number }) => void;
}

/** bcryptHash's options. */
export interface BcryptHashOptions extends CallOptions {
  /** log2 of the rounds, 4..31 (2^cost rounds, as the bcrypt package's). Default 10. */
  cost?: number | undefined;
  /** The bcrypt package's name for cost; set one of the two. */
  rounds?: number | undefined;
  /** 16 bytes of salt, for tests and vectors; by default a fresh one from WebCrypto. */
  salt?: BinaryLike | undefined;
}

/** bcryptVerify's options: the cost and salt come from the string. */
export interface BcryptVerifyOptions extends CallOptions {}

/** verifyPassword's options: secret and onProgress are Argon2's (a bcrypt string ignores them). */
export interface VerifyPasswordOptions extends Argon2VerifyOptions {}

/** argon2NeedsRehash's options: today's argon2Hash options (the same object may be passed);
 * type, memoryCost, timeCost and parallelism are compared, with argon2Hash's defaults. */
export type Argon2NeedsRehashOptions = Argon2HashOptions;

/** crypto.scrypt's options (each pair is one option under two names; 0 means the default). */
export interface ScryptOptions extends CallOptions, EncodingOption {
  /** CPU/memory cost, a power of two above 1. Default 16384. */
  N?: number | undefined;
  cost?: number | undefined;
  /** Block size. Default 8. */
  r?: number | undefined;
  blockSize?: number | undefined;
  /** Parallelization: the p mixes run on different threads, as many at once as maxmem has room for. Default 1. */
  p?: number | undefined;
  parallelization?: number | undefined;
  /** Memory bound in bytes, checked with node's (OpenSSL's) formula. Default 32 MiB. */
  maxmem?: number | undefined;
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
export interface DigestCall<A extends unknown[], O extends EncodingOption, D, S = string> {
  (...args: [...A, callback: Callback<D>]): void;
  (...args: [...A, options: O | undefined, callback: Callback<D | S>]): void;
  (...args: [...A, options: O & { encoding: Encoding }]): Promise<S>;
  (...args: [...A, options?: O & { encoding?: 'buffer' | undefined }]): Promise<D>;
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
/** hashFiles: each entry's `path` has the type of the paths given (string for a string[]). */
export interface HashFilesCall<D> {
  <P extends PathLike>(paths: readonly P[], algorithm: AlgorithmName, callback: Callback<FileResult<D, P>[]>): void;
  <P extends PathLike>(paths: readonly P[], algorithm: AlgorithmName, options: FilesOptions<P> | undefined,
    callback: Callback<FileResult<D, P>[] | FileResult<string, P>[]>): void;
  <P extends PathLike>(paths: readonly P[], algorithm: AlgorithmName, options: FilesOptions<P> & { encoding: Encoding }): Promise<FileResult<string, P>[]>;
  <P extends PathLike>(paths: readonly P[], algorithm: AlgorithmName, options?: FilesOptions<P> & { encoding?: 'buffer' | undefined }): Promise<FileResult<D, P>[]>;
  <P extends PathLike>(paths: readonly P[], algorithm: AlgorithmName, options: FilesOptions<P>): Promise<FileResult<D, P>[] | FileResult<string, P>[]>;
}

/** hashSync's options: hash()'s, without signal and timeout (nothing to wait for). */
export interface HashSyncOptions extends HashParameters, EncodingOption {}

export interface HashSyncCall<D> {
  (algorithm: AlgorithmName, data: BinaryLike, options: HashSyncOptions & { encoding: Encoding }): string;
  (algorithm: AlgorithmName, data: BinaryLike, options?: HashSyncOptions & { encoding?: 'buffer' | undefined }): D;
  (algorithm: AlgorithmName, data: BinaryLike, options: HashSyncOptions): D | string;
}

export interface DirectoryProgress {
  filesDone: number;
  /** Grows as the walk finds files; final once walkDone. */
  filesFound: number;
  bytesDone: number;
  walkDone: boolean;
  /** The file that moved (absent when the walk itself reports). */
  file?: { path: string | Uint8Array; bytesDone: number; bytesTotal: number | undefined };
}

export interface DirectoryOptions extends HashOptions {
  onProgress?: ((progress: DirectoryProgress) => void) | undefined;
  /** Files read and hashed at once, 1..4096. Default: 4 per thread (4..32). */
  concurrency?: number | undefined;
  /** false leaves the entry out (a directory: with everything below it). `dirent.name` is a
   * string, or a Buffer when the name is not UTF-8, as `path` is. */
  filter?: ((path: string | Uint8Array, dirent: DirectoryDirent) => boolean) | undefined;
  /** Follow symlinked directories (each once per path, so a loop ends). Default false, as -r. */
  followSymlinks?: boolean | undefined;
}

/** What filter() is told of an entry: node:fs's Dirent (the part of it declared here, so these
 * types need no Node types). */
export interface DirectoryDirent {
  name: string | Uint8Array;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** One entry of hashDirectory: `path` is root joined with the names below it ("root/a/b"), a
 * string, or (a Buffer in Node) bytes when a name is not UTF-8. */
export type DirectoryEntry<D = Uint8Array | string> =
  | { path: string | Uint8Array; digest: D; error?: undefined }
  | { path: string | Uint8Array; error: Error & { code?: string }; digest?: undefined };

/** D: the bytes a call returns without an encoding (Buffer in Node, Uint8Array in browsers);
 * H: what createHash returns. */
export interface Hashing<D, H> {
  hash: DigestCall<[algorithm: AlgorithmName, data: BinaryLike], HashOptions, D>;
  /** HMAC (RFC 2104) with a fixed-length cryptographic algorithm. */
  hmac: DigestCall<[algorithm: HmacAlgorithmName, key: BinaryLike, data: BinaryLike], HmacOptions, D>;
  /** Digests of every input, in input order; one engine crossing per batch of small inputs. */
  hashMany: DigestCall<[algorithm: AlgorithmName, inputs: readonly BinaryLike[]], HashOptions, D[], string[]>;

  /** node:crypto's Hash shape; in Node also a Writable. @throws synchronously for a bad
   * algorithm or option, as node:crypto does. */
  createHash(algorithm: AlgorithmName, options?: HasherOptions): H;
  /** createHash's shape for HMAC under `key` (copied at once). */
  createHmac(algorithm: HmacAlgorithmName, key: BinaryLike, options?: HmacHasherOptions): H;

  /** The digest of everything `source` yields. A source that errors rejects with its own error. */
  hashStream: DigestCall<[source: HashSource, algorithm: AlgorithmName], StreamOptions, D>;
  /** One file, read in chunks straight into the engine (Node only; memory stays bounded).
   * fs errors come through unchanged (ENOENT, EISDIR, EACCES). */
  hashFile: DigestCall<[path: PathLike, algorithm: AlgorithmName], FileOptions, D>;
  /** Many files over the threads (Node only): entries in input order; one file's failure is its
   * entry's `error`, never a rejection (only an abort, a timeout or the pool's end reject). */
  hashFiles: HashFilesCall<D>;
  /** Every file under `root` with the command's -r rules (Node only): entries in byte order;
   * one file's failure is its entry's `error` (only an abort, a timeout, the pool's end, a
   * missing root or a throwing filter/onProgress reject). */
  hashDirectory: DigestCall<[root: PathLike, algorithm: AlgorithmName], DirectoryOptions, DirectoryEntry<D>[], DirectoryEntry<string>[]>;
  /** hashDirectory's entries one at a time, in bounded memory; leaving the loop stops the walk. */
  hashDirectoryIterator(root: PathLike, algorithm: AlgorithmName, options: DirectoryOptions & { encoding: Encoding }): AsyncIterableIterator<DirectoryEntry<string>>;
  hashDirectoryIterator(root: PathLike, algorithm: AlgorithmName, options?: DirectoryOptions & { encoding?: 'buffer' | undefined }): AsyncIterableIterator<DirectoryEntry<D>>;
  /** The digest now, on this thread (Node): data and outputLength ≤ 64 KiB, else
   * ERR_PARAHASH_SYNC_TOO_LARGE (use await hash()). Browsers: ERR_PARAHASH_UNSUPPORTED. */
  hashSync: HashSyncCall<D>;

  /** PBKDF2 (RFC 8018) with HMAC over `digest`, crypto.pbkdf2's argument order and ranges. */
  pbkdf2: DigestCall<[password: BinaryLike, salt: BinaryLike, iterations: number, keylen: number, digest: HmacAlgorithmName], Pbkdf2Options, D>;
  /** scrypt (RFC 7914) with crypto.scrypt's options and limits. */
  scrypt: DigestCall<[password: BinaryLike, salt: BinaryLike, keylen: number], ScryptOptions, D>;
  /** Argon2id (RFC 9106, version 0x13): the raw tag. The salt must be at least 8 bytes. */
  argon2id: DigestCall<[password: BinaryLike, salt: BinaryLike], Argon2Options, D>;
  argon2i: DigestCall<[password: BinaryLike, salt: BinaryLike], Argon2Options, D>;
  argon2d: DigestCall<[password: BinaryLike, salt: BinaryLike], Argon2Options, D>;
  /** Argon2 with a fresh random salt, as a PHC string in the reference implementation's layout:
   * `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>` (unpadded base64; `,data=<base64>` after p
   * when associatedData is given). */
  argon2Hash: ValueCall<[password: BinaryLike], Argon2HashOptions, string>;
  /** Whether `password` matches the PHC string (tags compared in constant time); false for a
   * wrong password; rejects with ERR_PARAHASH_INVALID_ARG for a malformed string, one without
   * v=19 included. Reads the `argon2` and `@node-rs/argon2` packages' strings. */
  argon2Verify: ValueCall<[phc: string, password: BinaryLike], Argon2VerifyOptions, boolean>;
  /** bcrypt with a fresh random 16-byte salt, as the bcrypt package writes it:
   * `$2b$<cost>$<22 salt characters><31 hash characters>`. The password's first 72 bytes (UTF-8)
   * count, as in the bcrypt package. */
  bcryptHash: ValueCall<[password: BinaryLike], BcryptHashOptions, string>;
  /** Whether `password` matches a `$2a$`, `$2b$` or `$2y$` string (compared in constant time);
   * rejects with ERR_PARAHASH_INVALID_ARG for a malformed string, ERR_PARAHASH_UNSUPPORTED for
   * `$2x$` and `$2$`. */
  bcryptVerify: ValueCall<[hash: string, password: BinaryLike], BcryptVerifyOptions, boolean>;
  /** One verify for a store that mixes schemes: argon2Verify for `$argon2id$`, `$argon2i$`,
   * `$argon2d$`, bcryptVerify for `$2a$`, `$2b$`, `$2y$`; any other `$scheme$` rejects with
   * ERR_PARAHASH_UNSUPPORTED. */
  verifyPassword: ValueCall<[stored: string, password: BinaryLike], VerifyPasswordOptions, boolean>;
}

/** A pool of threads. An EventTarget: 'drain' fires when the last pending call settles. */
export interface Pool<D, H> extends Hashing<D, H>, EventTarget {
  readonly threads: number;
  /** Whether the threads share one memory: always true in Node; in browsers only when
   * crossOriginIsolated. */
  readonly isolated: boolean;
  /** Why the pool has fewer threads than asked for (a browser page that is not cross-origin
   * isolated runs one), or undefined. */
  readonly warning: string | undefined;
  readonly algorithms: Algorithm[];
  /** Per algorithm, what its next state runs on: 'node:crypto' (Node's OpenSSL, where it measured
   * faster on this machine) or 'portable' (the WebAssembly kernel; always in browsers). */
  readonly backends: Readonly<Record<Algorithm, Backend>>;
  stats(): PoolStats;
  /** Finishes the calls already made, then releases the threads. A hasher not yet digested is
   * not a call made: its digest() rejects with ERR_PARAHASH_POOL_CLOSED. */
  close(): Promise<void>;
  close(callback: Callback<void>): void;
  /** Rejects pending calls with ERR_PARAHASH_POOL_CLOSED and releases the threads now. */
  destroy(): Promise<void>;
  destroy(callback: Callback<void>): void;
}


/** Whether `name` is an algorithm name the methods accept (canonical or alias, any case). */
export declare function isAlgorithm(name: unknown): name is AlgorithmName;

/** Whether a stored hash, just verified, should be made again with today's options: true when
 * its Argon2 type, version, memoryCost, timeCost or parallelism differs from them (either way,
 * as the argon2 package's needsRehash), and for a well-formed string of another scheme (bcrypt's
 * `$2b$`…). Synchronous: it hashes nothing. @throws ERR_PARAHASH_INVALID_ARG for a non-string,
 * text that is no `$scheme$` string, or a malformed Argon2 string. */
export declare function argon2NeedsRehash(phc: string, options?: Argon2NeedsRehashOptions): boolean;

/** Sets the default pool's options before its first use. @throws ERR_PARAHASH_INVALID_ARG
 * once it is in use (call closeDefaultPool() first). */
export declare function configureDefaultPool(options: PoolOptions): void;
/** Finishes the default pool's calls and releases its threads; the next use starts a new one. */
export declare function closeDefaultPool(): Promise<void>;

export declare const algorithms: readonly Algorithm[];
export declare const codes: Readonly<{
  UNKNOWN_ALGORITHM: 'ERR_PARAHASH_UNKNOWN_ALGORITHM';
  INVALID_ARG: 'ERR_PARAHASH_INVALID_ARG';
  INPUT_TOO_LARGE: 'ERR_PARAHASH_INPUT_TOO_LARGE';
  OUT_OF_MEMORY: 'ERR_PARAHASH_OUT_OF_MEMORY';
  QUEUE_FULL: 'ERR_PARAHASH_QUEUE_FULL';
  ABORTED: 'ERR_PARAHASH_ABORTED';
  TIMEOUT: 'ERR_PARAHASH_TIMEOUT';
  HASH_FINALIZED: 'ERR_PARAHASH_HASH_FINALIZED';
  UNSUPPORTED: 'ERR_PARAHASH_UNSUPPORTED';
  SYNC_TOO_LARGE: 'ERR_PARAHASH_SYNC_TOO_LARGE';
  POOL_CLOSED: 'ERR_PARAHASH_POOL_CLOSED';
  POOL_CRASHED: 'ERR_PARAHASH_POOL_CRASHED';
  LOAD_FAILED: 'ERR_PARAHASH_LOAD_FAILED';
  INTERNAL: 'ERR_PARAHASH_INTERNAL';
}>;
