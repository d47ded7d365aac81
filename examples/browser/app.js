// The example page: files hashed with several algorithms at once through hashStream, and an
// Argon2id form, while a spinner and a frame-gap meter show the main thread stays free.
import { createPool } from '../../dist/browser/parahash.mjs';

const $ = (id) => document.getElementById(id);
const ALGORITHMS = ['blake3', 'sha256', 'sha512', 'sha1', 'md5', 'sha3-256', 'blake2b512', 'xxh3', 'xxh64', 'crc32'];
const CHECKED = new Set(['blake3', 'sha256']);

const pool = await createPool();
window.pool = pool; // for the tests and the curious

// Say what the page really lacks, isolation first: an isolated page may still have no
// SharedArrayBuffer (WebKitGTK hides it) or no Atomics.waitAsync (Firefox before 145).
function missingForThreads() {
  if (!crossOriginIsolated) {
    return 'This page is not cross-origin isolated: it is served without "Cross-Origin-Opener-Policy: same-origin" ' +
      'and "Cross-Origin-Embedder-Policy: require-corp", so there is no SharedArrayBuffer.';
  }
  if (typeof SharedArrayBuffer !== 'function') {
    return 'This page is cross-origin isolated, but this browser does not give it SharedArrayBuffer.';
  }
  if (typeof Atomics.waitAsync !== 'function') {
    return 'This page is cross-origin isolated, but this browser has no Atomics.waitAsync (Firefox has it from 145).';
  }
  return null;
}

$('mode').textContent = crossOriginIsolated ? 'cross-origin isolated' : 'not isolated';
$('mode').classList.add(pool.isolated ? 'good' : 'warn');
$('threads').textContent = pool.isolated ? `${pool.threads} threads` : '1 thread in a Web Worker';
if (!pool.isolated) {
  $('warning').hidden = false;
  $('warning').textContent = `${missingForThreads() ?? 'Threads are not available here.'} parahash runs on one thread ` +
    'in a Web Worker: the same results, and the page stays responsive.';
}

for (const name of ALGORITHMS) {
  const label = document.createElement('label');
  label.innerHTML = `<input type="checkbox" value="${name}" ${CHECKED.has(name) ? 'checked' : ''}><span>${name}</span>`;
  $('algorithms').append(label);
}
const chosen = () => [...$('algorithms').querySelectorAll('input:checked')].map((i) => i.value);

const units = ['B', 'KiB', 'MiB', 'GiB'];
function size(bytes) {
  let u = 0;
  while (bytes >= 1024 && u < units.length - 1) bytes /= 1024, u++;
  return `${bytes.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

function copyButton(text) {
  const button = document.createElement('button');
  button.className = 'copy';
  button.textContent = 'copy';
  button.onclick = async () => {
    await navigator.clipboard.writeText(text()).catch(() => {});
    button.textContent = 'copied';
    setTimeout(() => (button.textContent = 'copy'), 1200);
  };
  return button;
}

async function hashOne(file, algorithm, line) {
  const bar = line.querySelector('.bar');
  const fill = bar.querySelector('span');
  const out = line.querySelector('.digest');
  const speed = line.querySelector('.speed');
  const start = performance.now();
  let done = false;
  try {
    const digest = await pool.hashStream(file.stream(), algorithm, {
      encoding: 'hex',
      bytesTotal: file.size,
      onProgress: ({ bytesDone }) => {
        if (!done) fill.style.width = `${file.size ? (100 * bytesDone) / file.size : 100}%`;
      },
    });
    done = true;
    const seconds = (performance.now() - start) / 1000;
    fill.style.width = '100%';
    bar.classList.add('done');
    out.textContent = digest;
    // A speed means little for a file read in a millisecond.
    speed.textContent = file.size >= 1e6 && seconds > 0 ? `${(file.size / 1e6 / seconds).toFixed(0)} MB/s` : '';
    line.dataset.digest = digest;
  } catch (error) {
    out.textContent = `${error.code ?? error.name}: ${error.message}`;
    out.classList.add('error');
  }
}

function addFiles(files) {
  const algorithms = chosen();
  if (algorithms.length === 0) return;
  for (const file of files) {
    const item = document.createElement('li');
    item.className = 'file';
    item.innerHTML = '<header><span class="name"></span><span class="size"></span></header>';
    item.querySelector('.name').textContent = file.name;
    item.querySelector('.size').textContent = size(file.size);
    for (const algorithm of algorithms) {
      const line = document.createElement('div');
      line.className = 'line';
      line.dataset.algorithm = algorithm;
      line.innerHTML = '<span class="alg"></span><div class="bar"><span></span></div><span class="speed"></span><output class="digest"></output>';
      line.querySelector('.alg').textContent = algorithm;
      line.append(copyButton(() => line.dataset.digest ?? ''));
      item.append(line);
      hashOne(file, algorithm, line);
    }
    $('results').prepend(item);
  }
}

$('files').addEventListener('change', (event) => addFiles(event.target.files));
const drop = $('drop');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  addFiles(event.dataTransfer.files);
});
window.addFiles = addFiles; // the tests drop files this way

// Longest gap between two animation frames over the last few seconds: what a user feels.
let last = performance.now();
let worst = 0;
let worstAt = 0;
function frame(now) {
  const gap = now - last;
  last = now;
  if (gap > worst || now - worstAt > 5000) {
    worst = gap;
    worstAt = now;
  }
  $('frames').textContent = `Longest frame gap (5 s): ${worst.toFixed(0)} ms`;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

$('argon2').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const passes = Number(form.get('passes'));
  const fill = $('argon2-progress').querySelector('span');
  $('argon2-progress').classList.remove('done');
  fill.style.width = '0';
  $('argon2-out').textContent = '';
  $('argon2-stats').textContent = 'hashing…';
  let gaps = 0;
  let prev = performance.now();
  let running = true;
  const watch = (now) => {
    gaps = Math.max(gaps, now - prev);
    prev = now;
    if (running) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  const start = performance.now();
  try {
    const phc = await pool.argon2Hash(String(form.get('password')), {
      memoryCost: Number(form.get('memory')) * 1024,
      timeCost: passes,
      parallelism: Number(form.get('lanes')),
      onProgress: ({ passesDone }) => (fill.style.width = `${(100 * passesDone) / passes}%`),
    });
    const ms = performance.now() - start;
    running = false;
    fill.style.width = '100%';
    $('argon2-progress').classList.add('done');
    $('argon2-out').textContent = phc;
    $('argon2-stats').textContent = `${ms.toFixed(0)} ms on ${pool.threads} thread${pool.threads > 1 ? 's' : ''}; ` +
      `longest frame gap meanwhile ${gaps.toFixed(0)} ms`;
    $('argon2-out').after(copyButton(() => phc));
  } catch (error) {
    running = false;
    $('argon2-stats').textContent = `${error.code ?? error.name}: ${error.message}`;
    $('argon2-stats').classList.add('error');
  }
});
window.appReady = true;
