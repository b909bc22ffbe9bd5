// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Uses a feature that is not excluded, so it runs.
features: [fixture-kept-feature]
---*/
assert.sameValue(typeof Object, "function");
