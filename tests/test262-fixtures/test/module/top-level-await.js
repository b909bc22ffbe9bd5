// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: An async module test with top-level await.
flags: [module, async]
features: [top-level-await]
---*/
var value = await Promise.resolve("awaited");
assert.sameValue(value, "awaited");
$DONE();
