'use strict';
// An unknown option's message lists the options the method takes, and only those: a name it
// lists is never one it refuses with "takes no options.<name>" (issue 16, item 14: argon2Hash
// listed salt, raw and encoding among the options it "takes").
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPool, codes } = require('parahash');

let pool;
test.before(async () => { pool = await createPool({ threads: 1 }); });
test.after(() => pool.close());

// A cheap Argon2 and a valid PHC string for it.
const CHEAP = { memoryCost: 8, timeCost: 1, parallelism: 1 };

// The names an "unknown option" message of `call` says it takes.
async function listed(call) {
  const error = await call({ notAnOption: 1 }).then(() => assert.fail('resolved'), (e) => e);
  assert.equal(error.code, codes.INVALID_ARG);
  const match = /does not take options\.notAnOption; it takes (.*)$/.exec(error.message);
  assert.ok(match, error.message);
  return match[1].split(', ');
}

const refusal = /takes no options\./;

for (const [method, call] of [
  ['argon2Hash', (o) => pool.argon2Hash('pw', o)],
  ['argon2Verify', async (o) => pool.argon2Verify(await pool.argon2Hash('pw', CHEAP), 'pw', o)],
]) {
  test(`${method}'s unknown-option message lists no option it refuses`, async () => {
    const names = await listed(call);
    assert.ok(names.length > 0);
    for (const name of names) {
      // Any value: a wrong type is fine (another message); a refusal of the name itself is not.
      const error = await call({ ...(method === 'argon2Hash' ? CHEAP : {}), [name]: {} }).then(() => undefined, (e) => e);
      assert.doesNotMatch(String(error?.message), refusal, `${method} lists ${name} but refuses it`);
    }
  });
}

test('argon2Hash still refuses salt, raw and encoding, each with its own reason', async () => {
  for (const name of ['salt', 'raw', 'encoding']) {
    await assert.rejects(pool.argon2Hash('pw', { ...CHEAP, [name]: 'x' }),
      (e) => e.code === codes.INVALID_ARG && new RegExp(`takes no options\\.${name}:`).test(e.message));
  }
});
