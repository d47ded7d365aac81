// Types of the browser entry point (dist/browser/parahash.mjs): the same API as Node's
// (js/index.d.ts), with Uint8Array results and hashers that offer a WHATWG WritableStream.
export * from './index';
import type { Hasher as NodeHasher } from './index';

/** createHash()'s object in a browser: node:crypto's Hash methods, and `writable` for
 * `readable.pipeTo(hasher.writable)`. */
export interface BrowserHasher extends Pick<NodeHasher, 'update' | 'digest' | 'copy'> {
  readonly writable: WritableStream<Uint8Array | ArrayBuffer | ArrayBufferView | string>;
}

/** Is this page cross-origin isolated, so that pools get threads? */
export declare const isolated: boolean;
