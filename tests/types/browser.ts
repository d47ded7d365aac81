// The browser entry point's types: the Node API plus hashers with a WHATWG WritableStream.
import type { BrowserHasher } from '../../js/browser.js';
import { createPool, isolated } from '../../js/browser.js';

async function page(blob: { stream(): ReadableStream<Uint8Array> }, hasher: BrowserHasher): Promise<string> {
  const pool = await createPool({ threads: 4, locateFile: (name, fallback) => (name.endsWith('.wasm') ? `https://cdn.example/${name}` : fallback) });
  const warning: string | undefined = pool.warning;
  const threaded: boolean = pool.isolated && isolated;
  await blob.stream().pipeTo(hasher.writable);
  void warning;
  void threaded;
  return hasher.digest('hex');
}
void page;
