'use strict';
// The Markdown of the repository holds together: every relative link and image in every .md file
// names a file that exists and, where it points into a Markdown file, a heading that file has
// (as GitHub makes anchors of headings). And the README stays a README for users, not a manual:
// its other material lives in docs/ and CONTRIBUTING.md, which it links to.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'build', 'dist']);
const README_MAX_LINES = 400;

// @return the repository's .md files, relative to the root (hidden and generated folders left out).
function markdownFiles(dir = '') {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') || SKIP.has(entry.name) ? [] : markdownFiles(rel);
    return entry.name.endsWith('.md') ? [rel] : [];
  });
}

// The text outside fenced code blocks, one string per line (blanked lines keep numbering), with
// inline code spans masked so that a `[x](y)` shown as code is no link.
function prose(markdown) {
  let fence = null;
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && marker) {
      fence = marker[1];
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      return '';
    }
    return line.replace(/`+[^`]*`+/g, (span) => 'x'.repeat(span.length));
  });
}

// GitHub's anchors for a file's headings: lower case, punctuation dropped, each space a hyphen,
// a repeated one suffixed -1, -2, …
function anchors(markdown) {
  const seen = new Map();
  const result = new Set();
  let fence = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && marker) fence = marker[1];
    else if (fence !== null && line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
    if (fence !== null || marker) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

const files = markdownFiles();

test('the documentation files are where the README says', () => {
  for (const doc of ['README.md', 'CONTRIBUTING.md', 'docs/architecture.md', 'docs/benchmarks.md', 'bench/README.md']) {
    assert.ok(files.includes(doc), `${doc} is missing`);
  }
});

test(`README.md is a README for users: at most ${README_MAX_LINES} lines`, () => {
  const lines = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').length - 1;
  assert.ok(lines <= README_MAX_LINES,
    `README.md has ${lines} lines: move detail to docs/ (architecture, benchmarks, command, recipes) or CONTRIBUTING.md`);
});

test('every relative link in the Markdown files reaches a file, and a heading where it names one', () => {
  const broken = [];
  const headings = new Map();
  const headingsOf = (file) => {
    if (!headings.has(file)) headings.set(file, anchors(fs.readFileSync(path.join(root, file), 'utf8')));
    return headings.get(file);
  };
  let links = 0;
  for (const file of files) {
    prose(fs.readFileSync(path.join(root, file), 'utf8')).forEach((line, index) => {
      for (const [, target] of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
        links += 1;
        const where = `${file}:${index + 1}: ${target}`;
        const [rawPath, anchor] = target.split('#');
        const resolved = rawPath === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(rawPath)));
        if (resolved.startsWith('..') || !fs.existsSync(path.join(root, resolved))) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith('.md') && !headingsOf(resolved).has(decodeURIComponent(anchor))) {
          broken.push(`${where} (no such heading in ${resolved})`);
        }
      }
    });
  }
  assert.ok(links >= 20, `found only ${links} relative links: is the extraction broken?`);
  assert.deepEqual(broken, [], 'broken links');
});
