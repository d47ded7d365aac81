#!/usr/bin/env node
'use strict';
// Re-takes the README's screenshots of the example page (screenshot-isolated.png,
// screenshot-not-isolated.png) in headless Chromium: a 48 MiB file dropped in with three
// algorithms, and the Argon2id form run, in each mode.
//   node examples/browser/screenshots.js
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { listen } = require('./server');

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-shots-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PARAHASH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--hide-scrollbars'],
  });
  try {
    for (const isolation of [true, false]) {
      const { server, url } = await listen({ isolation });
      const tab = await browser.newPage();
      await tab.goto(`${url}/examples/browser/`);
      await tab.waitForFunction(() => window.appReady, null, { timeout: 60000 });
      await tab.evaluate(async () => {
        for (const box of document.querySelectorAll('#algorithms input')) box.checked = ['blake3', 'sha256', 'xxh3'].includes(box.value);
        const bytes = new Uint8Array(48 << 20);
        for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i >>> 12;
        window.addFiles([new File([bytes], 'holiday-video.mp4'), new File(['hello world\n'], 'notes.txt')]);
      });
      await tab.waitForFunction(() => [...document.querySelectorAll('.line')].every((l) => l.dataset.digest), null, { timeout: 60000 });
      await tab.click('#argon2 button');
      await tab.waitForFunction(() => document.getElementById('argon2-out').textContent.startsWith('$argon2id$'), null, { timeout: 60000 });
      // The frame-gap meter shows the last 5 s: let the file's creation above leave it.
      await tab.waitForTimeout(5500);
      const file = path.join(__dirname, `screenshot-${isolation ? 'isolated' : 'not-isolated'}.png`);
      await tab.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
      await tab.close();
      server.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
