'use strict';
// parahash in headless Chromium (Debian's chromium, driven by playwright-core: TOOLCHAIN.md §9).
// The tests are tests/browser/suite.js, the same in every engine (browser-firefox.test.js,
// browser-webkit.test.js, browser-webkit-sab.test.js).
const { browserSuite } = require('../browser/suite');

browserSuite('chromium');
