// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Harness files listed in includes are evaluated before the test.
includes: [fixtureHelper.js]
---*/
assert.sameValue(doubled(21), 42);
