'use strict';
// parahash in Firefox: Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver
// BiDi (TOOLCHAIN.md §9b). The tests are tests/browser/suite.js, the same in every engine.
const { browserSuite } = require('../browser/suite');

browserSuite('firefox');
