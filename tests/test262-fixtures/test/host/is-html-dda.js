// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: IsHTMLDDA exists only in browsers; the runner skips tests that need it.
features: [IsHTMLDDA]
---*/
assert.sameValue(typeof $262.IsHTMLDDA, "undefined");
