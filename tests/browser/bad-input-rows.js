'use strict';
// The bad-input matrix's rows (tests/js/bad-input-cases.js) in one fixed order, for running in a
// browser: the page runs each row and reports what happened (tests/browser/matrix-page.js), and
// Node computes what each row must do and checks the report (tests/js/browser.test.js). Files
// are not there in a browser (hashFile and hashDirectory are ERR_PARAHASH_UNSUPPORTED, tested on
// their own), nor a module that starts synchronously (hashSync: the same).
const { HOSTILE, FUNCTIONS, POOL_OPTIONS } = require('../js/bad-input-cases');

const KDFS = /pbkdf2|scrypt|argon2/;

// @param skipKdfs the fallback's one thread runs an aborted derivation to its end (README), so
//        the derivation rows that accept hours of work (a large count of iterations, passes or
//        memory) are left out there; every row that must reject still runs.
function* rows({ skipKdfs = false } = {}) {
  for (const fn of FUNCTIONS) {
    if (/hashFile|hashDirectory|hashSync/.test(fn.name)) continue;
    // (maxmem is only a limit: a large one starts no more work.)
    const long = (row) => skipKdfs && KDFS.test(fn.name) && !row.id.includes('maxmem') &&
      (row.hostile.integer ?? 0) > 4096 && row.expected() === 'accepted';
    for (const row of rowsOf(fn)) if (!long(row)) yield row;
    yield { id: `${fn.name}: still correct`, fn, still: true };
  }
  yield* poolRows();
}

function* rowsOf(fn) {
for (const [position, rule] of Object.entries(fn.positions)) {
    for (const [name, hostile] of Object.entries(HOSTILE)) {
      yield {
        id: `${fn.name} argument ${position} = ${name}`,
        fn, hostile, name,
        expected: () => fn.overrides?.[position]?.[name] ?? rule(hostile, name),
        args: (make) => {
          const args = fn.good();
          args[Number(position)] = make();
          return args;
        },
        position: Number(position),
      };
    }
  }
  for (const [option, rule] of Object.entries(fn.options)) {
    for (const [name, hostile] of Object.entries(HOSTILE)) {
      yield {
        id: `${fn.name} options.${option} = ${name}`,
        fn, hostile, name,
        expected: () => fn.overrides?.[option]?.[name] ?? rule(hostile, name),
        args: (make) => {
          const args = fn.good();
          const options = { ...args[fn.optionsAt], [option]: make() };
          if (option !== 'signal') options.signal = AbortSignal.timeout(3000);
          args[fn.optionsAt] = options;
          return args;
        },
      };
    }
  }
}

function* poolRows() {
  for (const [option, rule] of Object.entries(POOL_OPTIONS)) {
    for (const [name, hostile] of Object.entries(HOSTILE)) {
      yield { id: `createPool options.${option} = ${name}`, hostile, name, pool: (make) => ({ [option]: make() }), expected: () => rule(hostile, name) };
    }
  }
}

module.exports = { rows, HOSTILE };
