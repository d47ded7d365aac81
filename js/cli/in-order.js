'use strict';
// Runs work(item) for every item, up to `concurrency` at once, and calls emit(item, outcome)
// in the items' order as soon as each one and all before it are done. outcome: { value } or
// { error }.
async function inOrder(items, concurrency, work, emit) {
  const outcomes = new Array(items.length);
  let next = 0; // next item to start
  let shown = 0; // next item to emit
  await new Promise((resolve) => {
    let running = 0;
    const flush = () => {
      while (shown < items.length && outcomes[shown] !== undefined) {
        emit(items[shown], outcomes[shown]);
        outcomes[shown++] = null;
      }
      if (shown === items.length) resolve();
    };
    const start = () => {
      while (running < concurrency && next < items.length) {
        const i = next++;
        running++;
        Promise.resolve().then(() => work(items[i])).then((value) => ({ value }), (error) => ({ error }))
          .then((outcome) => {
            outcomes[i] = outcome;
            running--;
            flush();
            start();
          });
      }
    };
    if (items.length === 0) resolve();
    start();
  });
}

module.exports = { inOrder };
