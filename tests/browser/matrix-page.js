'use strict';
// Runs the bad-input matrix's rows (tests/browser/bad-input-rows.js) in this page and reports
// each outcome: { id, ok, code, cls, long (the message says something), value (hex or string) }.
// Bundled by tests/js/browser.test.js with node:vm replaced by an iframe's realm.
const { rows } = require('./bad-input-rows');

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function describeValue(value) {
  if (typeof value === 'string') return { string: value };
  if (value instanceof Uint8Array) return { hex: hex(value) };
  return { type: typeof value };
}

async function settle(start) {
  try {
    return { ok: true, value: await Promise.resolve().then(start) };
  } catch (error) {
    return { ok: false, error };
  }
}

const report = (id, outcome) => (outcome.ok
  ? { id, ok: true, value: describeValue(outcome.value) }
  : { id, ok: false, code: outcome.error?.code, cls: outcome.error?.constructor?.name, long: String(outcome.error?.message).length > 10 });

// A closed pool's shared memory goes back when the engine collects it. WebKit keeps it longer
// than the rows take to make new pools, so that one of them can meet ERR_PARAHASH_OUT_OF_MEMORY
// (a limit of the page, which that code names; a fresh-clone run met it once with 2.5 s of
// retries): that row is tried again after a pause, with garbage made to bring the collector on.
async function createPoolRow(parahash, options) {
  for (let attempt = 0; ; attempt++) {
    const outcome = await settle(() => parahash.createPool(options));
    if (outcome.ok || outcome.error?.code !== 'ERR_PARAHASH_OUT_OF_MEMORY' || attempt === 12) return outcome;
    for (let i = 0; i < 16; i++) new ArrayBuffer(8 << 20); // eslint-disable-line no-new
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function runMatrix(parahash, options) {
  const pool = await parahash.createPool({ threads: 2 });
  const out = [];
  for (const row of rows(options)) {
    if (row.still) {
      out.push({ id: row.id, ok: true, value: { string: await pool.hash('sha256', 'still fine', { encoding: 'hex' }) }, state: pool.stats().state });
      continue;
    }
    let made;
    try {
      row.hostile.make();
      made = row.hostile.make;
    } catch {
      out.push({ id: row.id, skipped: true }); // a SharedArrayBuffer where there is none
      continue;
    }
    if (row.pool) {
      const outcome = await createPoolRow(parahash, row.pool(made));
      if (outcome.ok) await outcome.value.close();
      out.push(report(row.id, outcome.ok ? { ok: true, value: undefined } : outcome));
      continue;
    }
    const outcome = await settle(() => row.fn.call(pool, row.args(made), parahash));
    const result = outcome.ok && row.fn.result ? { ok: true, value: row.fn.result(outcome.value) } : outcome;
    out.push(report(row.id, result));
  }
  await pool.close();
  return out;
}

globalThis.runMatrix = runMatrix;
