'use strict';
// parahash in WebKit with JSC_useSharedArrayBuffer=1, which exposes SharedArrayBuffer to
// cross-origin-isolated pages as Safari does: the threaded build runs there (TOOLCHAIN.md §9b).
// The tests are tests/browser/suite.js, the same in every engine.
const { browserSuite } = require('../browser/suite');

browserSuite('webkit-sab');
