// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: $262.global is the global object.
---*/
assert.sameValue($262.global, Function("return this")());
assert.sameValue($262.global.Math, Math);
