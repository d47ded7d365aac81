'use strict';
// parahash in WebKit: Debian's WebKitWebDriver and MiniBrowser (WebKitGTK) under Xvfb
// (TOOLCHAIN.md §9b), as shipped. WebKitGTK hides SharedArrayBuffer even in a cross-origin-isolated
// page, so here every page runs the one-thread Worker fallback, the isolated one included.
// The tests are tests/browser/suite.js, the same in every engine.
const { browserSuite } = require('../browser/suite');

browserSuite('webkit');
