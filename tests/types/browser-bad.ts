// Browser usages that must NOT compile (tsconfig.bundler.json): each line under an expect-error
// directive must be an error, or tsc reports the directive as unused and the check fails.
import { createPool, createHash, isAlgorithm } from 'parahash';

async function page(picked: string): Promise<void> {
  const pool = await createPool();

  // @ts-expect-error results are bytes without an encoding, not strings
  const s: string = await pool.hash('sha256', 'x');

  // @ts-expect-error a browser hasher is no Node Writable: no pipe()
  createHash('sha256').pipe;

  // @ts-expect-error the WritableStream is not a boolean, as Node's `writable` is
  const w: boolean = createHash('sha256').writableStream;

  // @ts-expect-error a plain string is not an algorithm name until the guard says so
  await pool.hash(picked, 'x');
  if (isAlgorithm(picked)) {
    // @ts-expect-error the guard says "a name", not "a name with HMAC"
    await pool.hmac(picked, 'key', 'x');
  }

  // @ts-expect-error an unknown algorithm literal
  await pool.hash('sha265', 'x');

  console.log(s, w);
}
void page;
