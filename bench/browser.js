'use strict';
// parahash in headless Chromium (Debian's chromium via playwright-core), cross-origin isolated
// (threads) and not (one thread in a Worker), next to hash-wasm in the same page
// (bench/browser-page.html): (1) 16,384 × 1 KiB SHA-256, every call in flight; (2) one tiny
// call's round trip; (3) Argon2id; (4) 256 MiB of BLAKE3; (5) a 64 MiB Blob through hashStream
// (SHA-256), and the longest gap between frames and between 1 ms timer ticks while (3)-(5) run. Writes bench/results/browser.json
// (browser-<engine>.json for another engine: firefox, webkit, webkit-sab, as tests/browser/engines.js drives them).
//   node bench/browser.js [--engine chromium] [--kib-count 16384] [--argon2 m:t:p (KiB), default 65536:3:4]
const { ENGINES } = require('../tests/browser/engines');
const { listen } = require('../examples/browser/server');
const { parseArgs, numberArg, range, printTable, writeResults } = require('./common');

const { options } = parseArgs();
const kibCount = Math.round(numberArg(options['kib-count'], 16_384, '--kib-count'));
const [m, t, p] = String(options.argon2 ?? '65536:3:4').split(':').map(Number);
const engine = String(options.engine ?? 'chromium');
if (!ENGINES[engine]) throw new Error(`--engine: one of ${Object.keys(ENGINES).join(', ')}`);

(async () => {
  const browser = await ENGINES[engine].start();
  const results = {};
  try {
    for (const isolation of [true, false]) {
      const { server, url } = await listen({ isolation });
      const tab = await browser.open(`${url}/bench/browser-page.html`);
      await tab.waitFor(() => window.ready, 60000);
      results[isolation ? 'isolated' : 'notIsolated'] = await tab.evaluate((o) => window.bench(o),
        { kibCount, latencyCalls: 2000, argon2: { m, t, p } });
      await tab.close();
      server.close();
    }
  } finally {
    await browser.close();
  }
  const rows = Object.entries(results).map(([mode, r]) => [
    `${mode} (${r.threads} thr)`,
    range(r.kib.map((k) => k.parahashPerSecond / 1000), 0),
    range(r.kib.map((k) => k.hashWasmPerSecond / 1000), 0),
    range(r.kib.map((k) => k.parahashPerSecond / k.hashWasmPerSecond), 2),
    `${r.tinyMedianMicros.toFixed(0)} / ${r.hashWasmTinyMedianMicros.toFixed(0)}`,
    `${r.argon2Ms.toFixed(0)} / ${r.hashWasmArgon2Ms.toFixed(0)}`,
    `${r.argon2Gaps.frame.toFixed(0)} / ${r.hashWasmArgon2Gaps.frame.toFixed(0)}`,
    `${r.blake3MBps.toFixed(0)} / ${r.hashWasmBlake3MBps.toFixed(0)}`,
    `${r.blake3Gaps.frame.toFixed(0)} (tick ${r.blake3Gaps.tick.toFixed(0)}) / ${r.hashWasmBlake3Gaps.frame.toFixed(0)}`,
    `${r.blobMBps.toFixed(0)} / ${r.hashWasmBlobMBps.toFixed(0)}`,
    `${r.blobGaps.frame.toFixed(0)} / ${r.hashWasmBlobGaps.frame.toFixed(0)}`,
  ]);
  printTable(['mode', '1 KiB k/s parahash', 'hash-wasm', 'ratio', 'tiny µs p/hw', `argon2id ${m / 1024} MiB ms p/hw`,
    'argon2 max frame gap ms p/hw', '256 MiB blake3 MB/s p/hw', 'blake3 max frame gap ms p/hw',
    '64 MiB Blob stream sha256 MB/s p/hw', 'Blob max frame gap ms p/hw'], rows);
  writeResults(engine === 'chromium' ? 'browser' : `browser-${engine}`, { engine, kibCount, argon2: { m, t, p } }, results);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
