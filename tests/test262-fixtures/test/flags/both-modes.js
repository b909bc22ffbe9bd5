// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Without flags a test runs twice, non-strict and strict; both must pass.
flags: [generated]
---*/
var total = 0;
for (var i = 1; i <= 4; i++) total += i;
assert.sameValue(total, 10);
