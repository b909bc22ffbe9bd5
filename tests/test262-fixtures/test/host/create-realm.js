// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: $262.createRealm gives a new realm with its own intrinsics, global and $262.
features: [cross-realm]
---*/
var other = $262.createRealm();
var OtherArray = other.evalScript("Array");
assert.notSameValue(OtherArray, Array, "each realm has its own Array");
assert.sameValue(other.global.Array, OtherArray);
assert.sameValue(typeof other.createRealm, "function", "the new realm has a $262 too");
assert.sameValue(Array.isArray(new OtherArray()), true);
