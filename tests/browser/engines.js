'use strict';
// The browser engines the browser tests drive, behind one small interface (TOOLCHAIN.md §9, §9b):
//   const driver = await ENGINES.firefox.start();
//   const tab = await driver.open(url);          // a fresh page at url
//   await tab.waitFor(() => window.ready, 30000); // a function of the page, until truthy
//   const v = await tab.evaluate(async (arg) => …, arg); // runs in the page; v must be JSON
//   tab.errors();                                 // the page's uncaught errors so far
//   await tab.close(); await driver.close();
//
// chromium: Debian's chromium through playwright-core (Chrome DevTools Protocol).
// firefox:  Debian's firefox-esr through puppeteer-core over WebDriver BiDi (no geckodriver).
// webkit:   Debian's WebKitWebDriver (webkit2gtk-driver), which runs MiniBrowser; it has no
//           headless mode, so it runs under its own Xvfb. Plain W3C WebDriver over fetch(): no
//           events, so page errors are what the page itself recorded in window.pageErrors
//           (tests/browser/harness.html records them), and each value comes back as JSON.
// webkit-sab: the same with JSC_useSharedArrayBuffer=1. WebKitGTK hides SharedArrayBuffer even
//           in a cross-origin-isolated page (a bug of the Linux ports; Safari exposes it), so
//           stock WebKitGTK runs the one-thread Worker fallback there and this one the threads.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.PARAHASH_CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.PARAHASH_FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.PARAHASH_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const XVFB = '/usr/bin/Xvfb';

// What the page recorded itself (every engine), next to what the driver saw.
const pageErrors = () => (Array.isArray(window.pageErrors) ? window.pageErrors : []);

function missing(what, file) {
  return new Error(`${what} is missing at ${file} (scripts/ensure-toolchain.sh installs it)`);
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `page` (which evaluates a function in the page) until it answers something truthy.
async function waitFor(evaluate, fn, timeout, what) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await evaluate(`(${fn})()`).catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what ?? fn}`);
    await sleep(50);
  }
}

// ---- Chromium (playwright-core) ----
async function startChromium() {
  if (!fs.existsSync(CHROMIUM)) throw missing('chromium', CHROMIUM);
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parahash-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    name: 'chromium',
    async open(url) {
      const page = await context.newPage();
      const seen = [];
      page.on('pageerror', (error) => seen.push(String(error?.message ?? error)));
      await page.goto(url);
      return {
        page,
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, timeout = 30000) => page.waitForFunction(fn, null, { timeout }),
        errors: async () => [...seen, ...(await page.evaluate(pageErrors).catch(() => []))],
        close: () => page.close(),
      };
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---- Firefox (puppeteer-core over WebDriver BiDi) ----
async function startFirefox() {
  if (!fs.existsSync(FIREFOX)) throw missing('firefox-esr', FIREFOX);
  const puppeteer = require('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocolTimeout: 600_000,
    // No updates, telemetry or first-run pages on a test machine.
    extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false },
  });
  return {
    name: 'firefox',
    async open(url) {
      const page = await browser.newPage();
      page.setDefaultTimeout(600_000);
      const seen = [];
      page.on('pageerror', (error) => seen.push(String(error?.message ?? error)));
      await page.goto(url);
      return {
        page,
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, timeout = 30000) => page.waitForFunction(fn, { timeout, polling: 50 }),
        errors: async () => [...seen, ...(await page.evaluate(pageErrors).catch(() => []))],
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ---- WebKit (WebKitWebDriver + MiniBrowser under Xvfb, plain W3C WebDriver) ----
function startWebKit({ sharedArrayBuffer }) {
  return async () => {
    if (!fs.existsSync(WEBKIT_DRIVER)) throw missing('WebKitWebDriver (webkit2gtk-driver)', WEBKIT_DRIVER);
    if (!fs.existsSync(XVFB)) throw missing('Xvfb (xvfb)', XVFB);
    const children = [];
    const stop = () => {
      for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGKILL');
    };
    try {
      // A display of our own: the first free number from 90 (Xvfb refuses one in use).
      let display;
      for (let n = 90 + (process.pid % 50); ; n++) {
        if (fs.existsSync(`/tmp/.X${n}-lock`) || fs.existsSync(`/tmp/.X11-unix/X${n}`)) continue;
        const xvfb = spawn(XVFB, [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
        children.push(xvfb);
        await sleep(300);
        if (xvfb.exitCode === null) {
          display = `:${n}`;
          break;
        }
        if (n > 200) throw new Error('no free X display for Xvfb');
      }
      const port = await freePort();
      const env = { ...process.env, DISPLAY: display, WEBKIT_DISABLE_COMPOSITING_MODE: '1' };
      if (sharedArrayBuffer) env.JSC_useSharedArrayBuffer = '1';
      else delete env.JSC_useSharedArrayBuffer;
      const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore' });
      children.push(driver);
      const base = `http://127.0.0.1:${port}`;
      const request = async (method, route, body) => {
        const response = await fetch(base + route, {
          method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const answer = await response.json();
        if (answer?.value?.error) throw new Error(`WebDriver ${method} ${route}: ${answer.value.error}: ${answer.value.message}`);
        return answer.value;
      };
      // The driver listens within a second or so.
      for (let tries = 0; ; tries++) {
        try {
          await request('GET', '/status');
          break;
        } catch (error) {
          if (tries > 100 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${error.message}`);
          await sleep(100);
        }
      }
      const session = await request('POST', '/session', {
        capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation'] } } },
      }).catch(() => request('POST', '/session', { capabilities: {} }));
      const id = session.sessionId;
      await request('POST', `/session/${id}/timeouts`, { script: 600_000, pageLoad: 60_000 });
      // One window, navigated from page to page (tests open one page at a time).
      const execute = (source, arg) => request('POST', `/session/${id}/execute/async`, {
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${source})(arguments[0]))
            .then((value) => done({ value }), (error) => done({ thrown: String(error && error.stack || error) }));`,
        args: [arg === undefined ? null : arg],
      }).then((answer) => {
        if (answer && 'thrown' in answer) throw new Error(`in the page: ${answer.thrown}`);
        return answer?.value;
      });
      const evaluateSource = (source) => execute(`() => ${source}`);
      return {
        name: sharedArrayBuffer ? 'webkit-sab' : 'webkit',
        async open(url) {
          await request('POST', `/session/${id}/url`, { url });
          return {
            evaluate: (fn, arg) => execute(String(fn), arg),
            waitFor: (fn, timeout = 30000) => waitFor(evaluateSource, fn, timeout),
            errors: () => execute(String(pageErrors)).catch(() => []),
            close: () => request('POST', `/session/${id}/url`, { url: 'about:blank' }),
          };
        },
        async close() {
          await request('DELETE', `/session/${id}`).catch(() => {});
          stop();
        },
      };
    } catch (error) {
      stop();
      throw error;
    }
  };
}

const ENGINES = {
  chromium: { start: startChromium },
  firefox: { start: startFirefox },
  webkit: { start: startWebKit({ sharedArrayBuffer: false }) },
  'webkit-sab': { start: startWebKit({ sharedArrayBuffer: true }) },
};

module.exports = { ENGINES };
