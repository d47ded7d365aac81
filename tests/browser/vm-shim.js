'use strict';
// node:vm for the matrix in a browser: another realm is a same-origin iframe's.
let frame = null;
function runInNewContext(code) {
  if (frame === null) {
    frame = document.createElement('iframe');
    frame.style.display = 'none';
    document.body.append(frame);
  }
  return frame.contentWindow.eval(code);
}
module.exports = { runInNewContext };
