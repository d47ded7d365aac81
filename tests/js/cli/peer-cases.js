'use strict';
// The command's peer cases: what the imitated tools' own test suites check, restated as data
// (not their code), each run against the real tool and against parahash by tests/js/cli.test.js.
// Sources, read at: coreutils tests/cksum/{md5sum.pl, sha1sum.pl, sha256sum.pl, sha224sum.pl,
// sha384sum.pl, sha512sum.pl, md5sum-bsd.sh, md5sum-newline.pl, b2sum.sh, cksum-c.sh} (master,
// December 2026; the installed coreutils is 9.1, whose behaviour is the oracle where they
// differ); BLAKE3 b3sum/tests/cli_tests.rs (tag 1.2.0, the installed b3sum); xxHash Makefile
// target test-xxhsum-c and tests/cli-*.sh (the installed xxhsum is 0.8.1).
//
// A case: {
//   id, tool, toolArgs (the real tool's arguments), args (parahash's; default: -a ALG + toolArgs
//   without the tool's own algorithm switch), files ({ name: content }), input (stdin),
//   sh (instead of args: [tool command line, parahash command line], with T for the tool's path
//   and P for parahash's), stderr: false when stderr is not compared (the reason given),
//   oracle: 'peer' when the installed tool is older than the peer test and the case asserts
//   the peer test's expectation (expect: { stdout, status }) instead.
// }
// Issue-17 cases (id "issue17 …") are the defects found in parahash, stated the same way.

const MD5_EMPTY = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1_EMPTY = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const ALPHA = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${ALPHA.toUpperCase()}${ALPHA}0123456789`;

// The algorithm parahash runs for each tool, and how the tool's own switch maps.
const ALGORITHM = { md5sum: 'md5', sha1sum: 'sha1', sha224sum: 'sha224', sha256sum: 'sha256', sha384sum: 'sha384', sha512sum: 'sha512', b2sum: 'blake2b512', b3sum: 'blake3' };

const cases = [];
const add = (c) => cases.push(c);

// coreutils md5sum.pl: vectors (every non-check case runs with --text), escaping, --check.
[['1', ''], ['2', 'a'], ['3', 'abc'], ['4', 'message digest'], ['5', ALPHA], ['6', ALNUM], ['7', '1234567890'.repeat(8)]]
  .forEach(([id, f]) => add({ id: `md5sum.pl ${id}`, tool: 'md5sum', toolArgs: ['--text', 'f'], files: { f } }));
[['backslash-1', '.\nfoo'], ['backslash-2', '.\\foo'], ['backslash-3', '.\rfoo']]
  .forEach(([id, name]) => add({ id: `md5sum.pl ${id}`, tool: 'md5sum', toolArgs: ['--text', name], files: { [name]: '' } }));
const md5Check = (id, options, files) => add({ id: `md5sum.pl ${id}`, tool: 'md5sum', toolArgs: ['--check', ...options, Object.keys(files).find((n) => /\.md5|\.sha1|^z$|^h$|^in\.md5$/.test(n))], files });
md5Check('check-1', [], { f: '', 'f.md5': `${MD5_EMPTY}  f\n` });
md5Check('check-windows', [], { f: '', 'f.md5': `${MD5_EMPTY}  f\r\n` });
md5Check('ck-strict-1', ['--strict'], { f: '', 'f.md5': `${MD5_EMPTY}  f\n\n` });
md5Check('ck-strict-2', ['--strict'], { f: '', 'in.md5': `ERR\n${MD5_EMPTY}  f\n` });
md5Check('check-2', ['--status'], { f: 'foo', 'f.md5': `${MD5_EMPTY}  f\n` });
md5Check('check-quiet1', ['--quiet'], { f: '', 'f.md5': `${MD5_EMPTY}  f\n` });
md5Check('check-quiet2', ['--quiet'], { f: 'foo', 'f.md5': `${MD5_EMPTY}  f\n` });
md5Check('check-multifail', [], { f: 'foo', 'f.md5': `${MD5_EMPTY}  f\n${MD5_EMPTY}  f\ninvalid\n` });
md5Check('check-multifail-warn', ['--warn'], { f: 'foo', 'f.md5': `${MD5_EMPTY}  f\n${MD5_EMPTY}  f\ninvalid\n` });
md5Check('check-multifail-state', ['--warn'], { f: '', g: 'a', 'f.md5': `${MD5_EMPTY}  f\n${MD5_EMPTY}  g\n${MD5_EMPTY}  f\n` });
md5Check('check-bsd', [], { f: '', 'f.sha1': `SHA1 (f) = ${MD5_EMPTY}\n` });
md5Check('check-bsd2', [], { f: '', 'f.md5': `MD5 (f) = ${MD5_EMPTY}\n` });
md5Check('check-bsd3', ['--status'], { f: 'bar', 'f.md5': `MD5 (f) = ${MD5_EMPTY}\n` });
md5Check('check-openssl', [], { f: '', 'f.sha1': `SHA1(f)= ${MD5_EMPTY}\n` });
md5Check('check-openssl2', [], { f: '', 'f.md5': `MD5(f)= ${MD5_EMPTY}\n` });
md5Check('check-openssl3', ['--status'], { f: 'bar', 'f.md5': `MD5(f)= ${MD5_EMPTY}\n` });
md5Check('check-ignore-missing-1', ['--ignore-missing'], { f: '', 'f.md5': `${MD5_EMPTY}  f\n${MD5_EMPTY}  f.missing\n` });
md5Check('check-ignore-missing-3', ['--quiet', '--ignore-missing'], { f: '', 'f.md5': `${MD5_EMPTY}  missing/f\n${MD5_EMPTY}  f\n` });
md5Check('check-ignore-missing-5', ['--ignore-missing'], { f: '', 'f.md5': `${MD5_EMPTY}  missing\n` });
md5Check('check-ignore-missing-6', ['--ignore-missing'], { f: '9t', 'f.md5': '006999e6df389641adf1fa3a74801d9d  f\n' });
md5Check('bsd-segv', [], { z: 'MD5 (' });
md5Check('nul-in-cksum', [], { h: `${'\0'.repeat(32)}  h\n` });
add({ id: 'md5sum.pl check-ignore-missing-4', tool: 'md5sum', toolArgs: ['--ignore-missing', 'f'], files: { f: '' } });

// coreutils sha1sum.pl, sha224sum.pl, sha256sum.pl, sha384sum.pl, sha512sum.pl: vectors (--text).
const S4 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
[['s1', ''], ['s2', 'a'], ['s3', 'abc'], ['s4', S4], ['s5', ALPHA], ['s6', ALNUM], ['s7', '1234567890'.repeat(8)], ['million-a', 'a'.repeat(1e6)]]
  .forEach(([id, f]) => add({ id: `sha1sum.pl ${id}`, tool: 'sha1sum', toolArgs: ['--text', 'f'], files: { f } }));
for (const tool of ['sha224sum', 'sha256sum', 'sha384sum', 'sha512sum']) {
  [['s1', ''], ['s2', 'a'], ['s3', 'abc'], ['s4', S4], ['s8', 'a'.repeat(1e6)]]
    .forEach(([id, f]) => add({ id: `${tool}.pl ${id}`, tool, toolArgs: ['--text', 'f'], files: { f } }));
}
[['bs-sha-1', '.\nfoo'], ['bs-sha-2', '.\\foo'], ['bs-sha-3', '.\rfoo']]
  .forEach(([id, name]) => add({ id: `sha1sum.pl ${id}`, tool: 'sha1sum', toolArgs: ['--text', name], files: { [name]: '' } }));
const sha1Check = (id, options, files, list) => add({ id: `sha1sum.pl ${id}`, tool: 'sha1sum', toolArgs: ['--check', ...options, list], files });
sha1Check('check-bsd', [], { f: '', 'f.md5': `MD5 (f) = ${SHA1_EMPTY}\n` }, 'f.md5');
sha1Check('check-bsd2', [], { f: '', 'f.sha1': `SHA1 (f) = ${SHA1_EMPTY}\n` }, 'f.sha1');
sha1Check('check-bsd3', ['--status'], { f: 'bar', 'f.sha1': `SHA1 (f) = ${SHA1_EMPTY}\n` }, 'f.sha1');
sha1Check('check-openssl', [], { f: '', 'f.md5': `MD5(f)= ${SHA1_EMPTY}\n` }, 'f.md5');
sha1Check('check-openssl2', [], { f: '', 'f.sha1': `SHA1(f)= ${SHA1_EMPTY}\n` }, 'f.sha1');
sha1Check('check-openssl3', ['--status'], { f: 'bar', 'f.sha1': `SHA1(f)= ${SHA1_EMPTY}\n` }, 'f.sha1');
sha1Check('bsd-segv', [], { z: 'SHA1 (' }, 'z');

// coreutils md5sum-bsd.sh: names with leading blanks and "*", GNU and BSD-reversed lists.
const BSD_NAMES = { a: 'a\n', ' b': ' b\n', '*c': '*c\n', dd: 'dd\n', ' ': ' \n' };
add({ id: 'md5sum-bsd.sh GNU list of awkward names', tool: 'md5sum', sh: ['T --text a " b" "*c" dd " " > l && T --strict -c l', 'P -a md5 --text a " b" "*c" dd " " > l && P -a md5 --strict -c l'], files: BSD_NAMES });
add({ id: 'md5sum-bsd.sh md5 -r list (one space)', tool: 'md5sum', sh: ["T --text a ' b' '*c' dd ' ' | sed 's/  / /' > l && T --strict -c l", "P -a md5 --text a ' b' '*c' dd ' ' | sed 's/  / /' > l && P -a md5 --strict -c l"], files: BSD_NAMES });
add({ id: 'md5sum-bsd.sh not-all-hex line first', tool: 'md5sum', sh: ["{ echo '____not_all_hex_so_no_match_____ blah'; T --text a ' b' '*c' dd ' '; } > l && T -c l", "{ echo '____not_all_hex_so_no_match_____ blah'; P -a md5 --text a ' b' '*c' dd ' '; } > l && P -a md5 -c l"], files: BSD_NAMES });
add({ id: 'md5sum-bsd.sh reversed list without its first line', tool: 'md5sum', sh: ["T --text a ' b' '*c' dd ' ' | sed 's/  / /' | tail -n+2 | T --strict -c", "P -a md5 --text a ' b' '*c' dd ' ' | sed 's/  / /' | tail -n+2 | P -a md5 --strict -c"], files: BSD_NAMES });
add({ id: 'md5sum-bsd.sh --tag --check', tool: 'md5sum', toolArgs: ['--tag', '--check', '/dev/null'] });
add({ id: 'md5sum-bsd.sh --tag --text', tool: 'md5sum', toolArgs: ['--tag', '--text', '/dev/null'] });
add({ id: 'md5sum-bsd.sh --tag list checked', tool: 'md5sum', sh: ["T --tag a ' b' '*c' dd ' ' > l && T --strict -c l", "P -a md5 --tag a ' b' '*c' dd ' ' > l && P -a md5 --strict -c l"], files: BSD_NAMES });
const ESCAPE_NAMES = { 'a\\b': '', 'a\\': '', '\\a': '', 'a\nb': '', 'a\tb': '' };
add({ id: 'md5sum-bsd.sh --tag with escaped names', tool: 'md5sum', sh: ["T --tag 'a\\b' 'a\\' '\\a' 'a\nb' 'a\tb' > l && T --strict -c l", "P -a md5 --tag 'a\\b' 'a\\' '\\a' 'a\nb' 'a\tb' > l && P -a md5 --strict -c l"], files: ESCAPE_NAMES });
add({ id: 'md5sum-bsd.sh --tag escaped output', tool: 'md5sum', toolArgs: ['--tag', 'test\n\\\\file'], files: { 'test\n\\\\file': '' } });

// coreutils md5sum-newline.pl
add({ id: 'md5sum-newline.pl newline', tool: 'md5sum', toolArgs: ['--text', 'a\nb'], files: { 'a\nb': '' } });
add({ id: 'md5sum-newline.pl zero', tool: 'md5sum', toolArgs: ['--text', '--zero', 'a\nb'], files: { 'a\nb': '' } });

// coreutils b2sum.sh (b2sum's part; cksum -a blake2b is not installed here)
const B2_NAMES = { a: 'a\n', ' b': ' b\n', '*c': '*c\n', 44: '44\n', ' ': ' \n' };
add({ id: 'b2sum.sh -l 0 and 128 --tag, checked', tool: 'b2sum', sh: ["for i in a ' b' '*c' 44 ' '; do for l in 0 128; do T -l $l --tag \"$i\"; done; done > l && T --strict -c l", "for i in a ' b' '*c' 44 ' '; do for l in 0 128; do P -a blake2b512 -l $l --tag \"$i\"; done; done > l && P -a blake2b512 --strict -c l"], files: B2_NAMES });
add({ id: 'b2sum.sh the same as OpenSSL lines', tool: 'b2sum', sh: ["for i in a ' b' '*c' 44 ' '; do for l in 0 128; do T -l $l --tag \"$i\"; done; done | sed 's/ //; s/ =/=/' > l && T --strict -c l", "for i in a ' b' '*c' 44 ' '; do for l in 0 128; do P -a blake2b512 -l $l --tag \"$i\"; done; done | sed 's/ //; s/ =/=/' > l && P -a blake2b512 --strict -c l"], files: B2_NAMES });
for (const l of [0, 128]) {
  add({ id: `b2sum.sh -l ${l} /dev/null checked with -l`, tool: 'b2sum', sh: [`T --text -l ${l} /dev/null > l && T -l ${l} --strict -c l && T --strict -c l`, `P -a blake2b512 --text -l ${l} /dev/null > l && P -a blake2b512 -l ${l} --strict -c l && P -a blake2b512 --strict -c l`] });
}
add({ id: 'b2sum.sh --length=128 of a file', tool: 'b2sum', toolArgs: ['--length=128', 'check.vals'], files: { 'check.vals': `${'0'.repeat(128)}  /dev/null\n` } });
add({ id: 'b2sum.sh crash.check', tool: 'b2sum', toolArgs: ['-c', 'crash.check'], files: { 'crash.check': 'BLAKE2\nBLAKE2b\nBLAKE2-\nBLAKE2(\nBLAKE2 (\n' } });
add({ id: 'b2sum.sh overflow.check', tool: 'b2sum', toolArgs: ['-c', 'overflow.check'], files: { 'overflow.check': '0A0BA0' } });
add({ id: 'b2sum.sh -l 123 -l 128 (9.1 checks each -l)', tool: 'b2sum', toolArgs: ['-l', '123', '-l', '128', '/dev/null'] });
for (const len of ['513', '1024', '18446744073709551616']) add({ id: `b2sum.sh -l ${len}`, tool: 'b2sum', toolArgs: ['-l', len, '/dev/null'] });

// coreutils cksum-c.sh (what applies to sha256sum)
const CK = (name) => `${SHA256_ABC}  ${name}\n`;
const SIGNED = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA384\n\n${CK('input')}-----BEGIN PGP SIGNATURE-----\n\nSHA384+BCAAdFiEEjFummQvbJuGfKhqAEWGuaUVxmjkFAmCDId0ACgkQEWGuaUVx\nBLAKE2b/00001EuON62pTEnqrJ5lav61QxRByiuDp/6VODrRL2JWM6Stxu1Myws=\n=AWU7\n-----END PGP SIGNATURE-----\n`;
const ck = (id, toolArgs, files) => add({ id: `cksum-c.sh ${id}`, tool: 'sha256sum', toolArgs, files: { input: 'abc', ...files } });
ck('clearsigned CHECKSUMS', ['--check', 'signed'], { signed: SIGNED });
ck('clearsigned CHECKSUMS --warn', ['--check', '--warn', 'signed'], { signed: SIGNED });
ck('clearsigned CHECKSUMS --strict', ['--check', '--strict', 'signed'], { signed: SIGNED });
ck('leading " \\" on every line', ['--strict', '-c', 'l'], { l: ` \\${CK('input')}` });
ck('awkward name "abc (f) = abc"', ['--check', 'l'], { 'abc (f) = abc': 'abc', l: CK('abc (f) = abc') });
ck('comment line, --status', ['--status', '--check', 'l'], { l: `${CK('input')}# Very important comment\n` });
ck('one invalid line', ['--check', 'l'], { l: `${CK('input')}# Very important comment\ninvalid line\n` });
ck('one invalid line --strict', ['--strict', '--check', 'l'], { l: `${CK('input')}# Very important comment\ninvalid line\n` });
ck('two invalid lines --strict', ['--strict', '--check', 'l'], { l: `${CK('input')}# c\ninvalid line\ninvalid line\n` });
ck('a mismatch among invalid lines', ['--check', 'l'], { l: `${CK('input')}invalid line\n${'a'.repeat(64)}  input\n` });
ck('a missing file', ['--check', 'l'], { l: `${'a'.repeat(64)}  input2\n` });
ck('a missing file --strict', ['--check', '--strict', 'l'], { l: `${'a'.repeat(64)}  input2\n` });
ck('--warn line numbers', ['--warn', '--check', 'l'], { l: `${CK('input')}# c\ninvalid line\n\ninvalid\n` });
ck('--status --warn (status wins when last)', ['--warn', '--status', '--check', 'l'], { l: `${CK('input')}invalid\n` });
ck('--status --warn (warn wins when last)', ['--status', '--warn', '--check', 'l'], { l: `${CK('input')}invalid\n` });
ck('--ignore-missing, nothing verified', ['--ignore-missing', '--check', 'l'], { l: `${'a'.repeat(64)}  nonexistent\n` });
ck('--status --ignore-missing', ['--status', '--ignore-missing', '--check', 'l'], { l: `${'a'.repeat(64)}  nonexistent\n` });
ck('two missing check files', ['--check', 'non-existing-1', 'non-existing-2'], {});
ck('two empty check files', ['--check', 'empty-1', 'empty-2'], { 'empty-1': '', 'empty-2': '' });
ck('--tag --check', ['--tag', '--check', '/dev/null'], {});
ck('truncated hashes', ['--check', 'l'], { ff1: '', ff2: '', ff3: '', l: `${SHA256_EMPTY}  ff1\n${SHA256_EMPTY.slice(0, -1)}  ff2\n${SHA256_EMPTY.slice(0, -1)}  ff3\n` });
ck('truncated hashes --warn', ['--warn', '--check', 'l'], { ff1: '', ff2: '', ff3: '', l: `${SHA256_EMPTY}  ff1\n${SHA256_EMPTY.slice(0, -1)}  ff2\n${SHA256_EMPTY.slice(0, -1)}  ff3\n` });
ck('truncated hashes --strict', ['--strict', '--check', 'l'], { ff1: '', ff2: '', ff3: '', l: `${SHA256_EMPTY}  ff1\n${SHA256_EMPTY.slice(0, -1)}  ff2\n${SHA256_EMPTY.slice(0, -1)}  ff3\n` });

// b3sum cli_tests.rs (1.2.0)
add({ id: 'cli_tests.rs test_hash_one', tool: 'b3sum', toolArgs: [], input: 'foo' });
add({ id: 'cli_tests.rs test_hash_many', tool: 'b3sum', toolArgs: ['file1', 'file2'], files: { file1: 'foo', file2: 'bar' } });
add({ id: 'cli_tests.rs test_missing_files', tool: 'b3sum', toolArgs: ['file1', 'missing_file', 'file2'], files: { file1: 'foo', file2: 'bar' } });
add({ id: 'cli_tests.rs test_hash_length (bytes there, bits here)', tool: 'b3sum', toolArgs: ['--length=100'], args: ['-a', 'blake3', '--length=800'], input: 'foo' });
add({ id: 'cli_tests.rs test_newline_and_backslash_escaping_on_unix', tool: 'b3sum', toolArgs: ['abcdef', 'abc\ndef', 'abc\\def', 'abc\rdef', 'abc\r\ndef', 'subdir/foo'], files: { abcdef: '', 'abc\ndef': '', 'abc\\def': '', 'abc\rdef': '', 'abc\r\ndef': '', 'subdir/foo': '' } });
add({ id: 'cli_tests.rs test_invalid_unicode_on_unix', tool: 'b3sum', toolArgs: ['abcdef', Buffer.from('abc\xffdef', 'latin1')], files: { abcdef: '' }, rawFiles: [Buffer.from('abc\xffdef', 'latin1')],
  stdoutNote: 'b3sum prints the name lossily (U+FFFD); parahash prints its bytes, as coreutils does', compare: 'status' });
const B3FILES = { a: 'a', b: 'b', 'c/d': 'cd' };
add({ id: 'cli_tests.rs test_check from stdin', tool: 'b3sum', sh: ['T a b c/d | T --check', 'P -a blake3 a b c/d | P -a blake3 --check'], files: B3FILES });
add({ id: 'cli_tests.rs test_check the file twice', tool: 'b3sum', sh: ['T a b c/d > sums && T --check sums sums', 'P -a blake3 a b c/d > sums && P -a blake3 --check sums sums'], files: B3FILES });
add({ id: 'cli_tests.rs test_check corrupted', tool: 'b3sum', sh: ['T a b c/d > sums && echo CORRUPTION > b && T --check sums', 'P -a blake3 a b c/d > sums && echo CORRUPTION > b && P -a blake3 --check sums'], files: B3FILES });
add({ id: 'cli_tests.rs test_check removed', tool: 'b3sum', sh: ['T a b c/d > sums && rm b && T --check sums', 'P -a blake3 a b c/d > sums && rm b && P -a blake3 --check sums'], files: B3FILES });
add({ id: 'cli_tests.rs test_check removed --quiet', tool: 'b3sum', sh: ['T a b c/d > sums && rm b && T --check --quiet sums', 'P -a blake3 a b c/d > sums && rm b && P -a blake3 --check --quiet sums'], files: B3FILES });
add({ id: 'cli_tests.rs test_check_invalid_characters NUL', tool: 'b3sum', toolArgs: ['--check'], input: `${'0'.repeat(64)}  \0` });
add({ id: 'cli_tests.rs test_check_invalid_characters bad escape', tool: 'b3sum', toolArgs: ['--check'], input: `\\${'0'.repeat(64)}  \\a`, stderr: false, why: 'b3sum names the reason ("Invalid backslash escape"), parahash the line ("improperly formatted")' });
add({ id: 'cli_tests.rs test_globbing', tool: 'b3sum', sh: ['T *', 'P -a blake3 *'], files: { file1: 'foo', file2: 'bar' } });

// xxHash Makefile test-xxhsum-c (0.8.1 parts), tests/cli-*.sh
const XF = { 'xxhash.c': 'int main(void) { return 0; }\n', 'xxhash.h': '#pragma once\n', LICENSE: 'BSD\n', 'README.md': '# xxHash\n' };
const XL = 'xxhash.c xxhash.h LICENSE';
const xx = (id, tool, ours, extra = {}) => add({ id: `xxHash ${id}`, tool: 'xxhsum', sh: [tool, ours], files: XF, ...extra });
xx('to/from pipe', `T ${XL} | T -c -`, `P -a xxh64 ${XL} | P -a xxh64 -c -`);
xx('-H0 to/from pipe', `T -H0 ${XL} | T -c -`, `P -a xxh32 ${XL} | P -a xxh32 -c -`);
xx('-c of a stdin digest, stdin given', 'T < README.md > s && T -c s < README.md', 'P -a xxh64 < README.md > s && P -a xxh64 -c s < README.md');
xx('nonexistent', 'T nonexistent', 'P -a xxh64 nonexistent');
xx('-c every list, -H2 --tag and -H2', `T ${XL} > s64 && T --tag ${XL} > s64t && T -H0 ${XL} > s32 && T -H2 ${XL} > s128 && T -H2 --tag ${XL} > s128t && T -c s64 s64t s32 s128 s128t`,
  `P -a xxh64 ${XL} > s64 && P -a xxh64 --tag ${XL} > s64t && P -a xxh32 ${XL} > s32 && P -a xxh128 ${XL} > s128 && P -a xxh128 --tag ${XL} > s128t && P -a xxh64 -c s64 s64t s32 s128 s128t`);
xx('-c < list', `T -H2 ${XL} > s && T -c < s`, `P -a xxh128 ${XL} > s && P -a xxh64 -c < s`);
xx("'*' as the second separator", `T -H0 ${XL} | sed 's/  / */' | T -c`, `P -a xxh32 ${XL} | sed 's/  / */' | P -a xxh64 -c`);
xx('bsd-style checked', `T --tag ${XL} | T -c`, `P -a xxh64 --tag ${XL} | P -a xxh64 -c`);
xx('improperly formatted lines reported', `T -H0 ${XL} > s && echo '12345678 ' >> s && T -c s`, `P -a xxh32 ${XL} > s && echo '12345678 ' >> s && P -a xxh64 -c s`);
xx('improper 9-digit line', `T ${XL} > s && echo '123456789  file' >> s && T -c s`, `P -a xxh64 ${XL} > s && echo '123456789  file' >> s && P -a xxh64 -c s`);
xx('expects FAILED (64)', "echo '0000000000000000  LICENSE' | T -c -", "echo '0000000000000000  LICENSE' | P -a xxh64 -c -");
xx('expects FAILED (32)', "echo '00000000  LICENSE' | T -c -", "echo '00000000  LICENSE' | P -a xxh64 -c -");
xx('expects FAILED open or read (64)', "echo '0000000000000000  test-expects-file-not-found' | T -c -", "echo '0000000000000000  test-expects-file-not-found' | P -a xxh64 -c -");
xx('expects FAILED open or read (32)', "echo '00000000  test-expects-file-not-found' | T -c -", "echo '00000000  test-expects-file-not-found' | P -a xxh64 -c -");
xx('cli-comment-line.sh', 'T -H2 xxhash.c > s && { echo "# Test comment line"; cat s; } > s2 && T --check s2', 'P -a xxh128 xxhash.c > s && { echo "# Test comment line"; cat s; } > s2 && P -a xxh128 --check s2',
  { oracle: 'peer', expect: { stdout: 'xxhash.c: OK\n', status: 0 }, why: 'xxhsum 0.8.1 counts a comment as improperly formatted; the peer test (0.8.2+) skips it, as coreutils does' });
xx('cli-ignore-missing.sh all missing', 'cp LICENSE m && T m > s && rm m && T --check --ignore-missing s', 'cp LICENSE m && P -a xxh64 m > s && rm m && P -a xxh64 --check --ignore-missing s',
  { oracle: 'peer', expect: { status: 1 }, why: 'xxhsum 0.8.1 has no --ignore-missing' });
xx('cli-ignore-missing.sh one missing', 'cp LICENSE m && T LICENSE m > s && rm m && T --check --ignore-missing s', 'cp LICENSE m && P -a xxh64 LICENSE m > s && rm m && P -a xxh64 --check --ignore-missing s',
  { oracle: 'peer', expect: { stdout: 'LICENSE: OK\n', status: 0 }, why: 'xxhsum 0.8.1 has no --ignore-missing' });

// Issue 17: the defects found in parahash, each against the tool that defines the answer.
const issue = (id, c) => add({ id: `issue17 ${id}`, ...c });
const H = SHA256_ABC;
issue('3 CRLF GNU lines', { tool: 'sha256sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: `${H}  g\r\n${SHA256_EMPTY}  f\r\n`, f: '' } });
issue('3 CRLF BSD lines', { tool: 'sha256sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: `SHA256 (g) = ${H}\r\n` } });
issue('3 blank, blank-looking and # lines counted', { tool: 'sha256sum', toolArgs: ['-c', '-w', 'l'], files: { g: 'abc', l: `# c\n\n${H}  g\n   \n\t\n\n` } });
issue('3 blank and # lines under --strict', { tool: 'sha256sum', toolArgs: ['-c', '--strict', 'l'], files: { g: 'abc', l: `# c\n\n${H}  g\n\n` } });
issue('3 tab separator', { tool: 'sha256sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: `${H}\tg\n` } });
issue('3 leading blanks', { tool: 'sha256sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: ` \t${H}  g\n` } });
issue('3 GNU then reversed lines do not mix', { tool: 'sha256sum', toolArgs: ['-c', '-w', 'l'], files: { g: 'abc', f: '', l: `${H}  g\n${SHA256_EMPTY} f\n` } });
issue('3 BSD md5 -r lines', { tool: 'md5sum', toolArgs: ['-c', 'l'], files: { g: 'abc', f: '', l: `900150983cd24fb0d6963f7d28e17f72 g\n${MD5_EMPTY} f\n` } });
issue('3 OpenSSL SHA256(f)= lines', { tool: 'sha256sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: `SHA256(g)= ${H}\n` } });
issue('3 OpenSSL MD5(f)= lines', { tool: 'md5sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: 'MD5(g)= 900150983cd24fb0d6963f7d28e17f72\n' } });
issue('3 OpenSSL BLAKE2b-128(f)= lines', { tool: 'b2sum', toolArgs: ['-c', 'l'], files: { g: 'abc', l: 'BLAKE2b-128(g)= cf4ab791c62b8d2b2109c90275287816\n' } });
issue('3 xxh128 lines by length under -H1 -c', { tool: 'xxhsum', toolArgs: ['-H1', '-c', 'l'], args: ['-a', 'xxh64', '-c', 'l'], files: { g: 'abc', l: '06b05ab6733a618578af5f94892f3950  g\n' } });
issue('3 -c -z refused', { tool: 'sha256sum', toolArgs: ['-c', '-z', 'l'], files: { l: '' } });
issue('3 -c - - (stdin twice as a check file)', { tool: 'sha256sum', toolArgs: ['-c', '-', '-'], files: { g: 'abc' }, input: `${H}  g\n` });
issue('2 - - hashes the content, then nothing', { tool: 'sha256sum', toolArgs: ['-', '-'], input: 'x'.repeat(50 << 20) });
issue('2 "-" in a check file reads stdin', { tool: 'sha256sum', toolArgs: ['-c', 'l'], files: { l: `${H}  -\n` }, input: 'abc' });
issue('2 "-" in a check file read from stdin is improper', { tool: 'sha256sum', toolArgs: ['-c', '-'], input: `${H}  -\n` });
issue('4 -l 0 is the default length', { tool: 'b2sum', toolArgs: ['-l', '0', 'g'], files: { g: 'abc' } });
issue('4 -l 0 --tag', { tool: 'b2sum', toolArgs: ['-l', '0', '--tag', 'g'], files: { g: 'abc' } });
issue('4 -l above the maximum', { tool: 'b2sum', toolArgs: ['-l', '1024', 'g'], files: { g: 'abc' } });
issue('4 -l not a number', { tool: 'b2sum', toolArgs: ['-l', 'abc', 'g'], files: { g: 'abc' } });
issue('4 -l not a multiple of 8', { tool: 'b2sum', toolArgs: ['-l', '7', 'g'], files: { g: 'abc' } });
issue('4 --tag --text', { tool: 'sha256sum', toolArgs: ['--tag', '--text', 'g'], files: { g: 'abc' } });
issue('4 --text --tag is fine', { tool: 'sha256sum', toolArgs: ['--text', '--tag', 'g'], files: { g: 'abc' } });
issue('4 -b prints *', { tool: 'sha256sum', toolArgs: ['-b', 'g', '-'], files: { g: 'abc' }, input: 'x' });
issue('4 -b then -t prints a blank', { tool: 'md5sum', toolArgs: ['-b', '-t', 'g'], files: { g: 'abc' } });
issue('4 -b with -c refused', { tool: 'sha256sum', toolArgs: ['-b', '-c', 'l'], files: { l: '' } });
issue('5 NUL in a check line, as b3sum', { tool: 'b3sum', toolArgs: ['-c', 'l'], files: { l: `${'0'.repeat(64)}  a\0b\n` } });
issue('5 stdin named stdin by xxhsum', { tool: 'xxhsum', toolArgs: ['-H1'], args: ['-a', 'xxh64'], input: 'abc' });
issue('5 stdin named stdin by xxhsum -H0', { tool: 'xxhsum', toolArgs: ['-H0'], input: 'abc' });
issue('5 stdin named stdin by xxhsum --tag', { tool: 'xxhsum', toolArgs: ['-H2', '--tag', '-'], args: ['-a', 'xxh128', '--tag', '-'], input: 'abc' });
issue('5 missing file as b3sum says it', { tool: 'b3sum', toolArgs: ['g', 'missing'], files: { g: 'abc' } });
issue('5 missing file as xxhsum says it', { tool: 'xxhsum', toolArgs: ['-H1', 'g', 'missing'], args: ['-a', 'xxh64', 'g', 'missing'], files: { g: 'abc' } });
issue('5 directory as xxhsum says it', { tool: 'xxhsum', toolArgs: ['-H1', 'd'], args: ['-a', 'xxh64', 'd'], files: { 'd/x': '' } });
issue('5 missing listed file as b3sum -c says it', { tool: 'b3sum', toolArgs: ['-c', 'l'], files: { l: `${'0'.repeat(64)}  missing\n` } });
issue('5 missing listed file as xxhsum -c says it', { tool: 'xxhsum', toolArgs: ['-c', 'l'], args: ['-a', 'xxh64', '-c', 'l'], files: { l: '0000000000000000  missing\nbogus\n' } });
issue('5 xxhsum -c summary on stdout', { tool: 'xxhsum', toolArgs: ['-c', 'l'], args: ['-a', 'xxh64', '-c', 'l'], files: { g: 'abc', l: '0000000000000000  g\n' } });
issue('5 a name that is not UTF-8, hashed', { tool: 'sha256sum', toolArgs: [Buffer.from('n\xffm', 'latin1')], rawFiles: [Buffer.from('n\xffm', 'latin1')] });
issue('5 a name that is not UTF-8, missing', { tool: 'sha256sum', toolArgs: [Buffer.from('n\xfem', 'latin1')] });
issue('5 a name that is not UTF-8, checked', { tool: 'sha256sum', sh: ["T n* > l && T -c l", "P n* > l && P -c l"], rawFiles: [Buffer.from('n\xffm', 'latin1')] });
issue('5 a name that is not UTF-8, under -r', { tool: 'sha256sum', sh: ['T d/*', 'P -r d'], rawFiles: [Buffer.from('d/n\xffm', 'latin1')], files: { 'd/a': 'a' } });

module.exports = { cases, ALGORITHM };
