// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A failing assertion.
---*/
assert.sameValue(1 + 1, 3, "arithmetic");
