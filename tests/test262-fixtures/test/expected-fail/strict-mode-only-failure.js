// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Passes as sloppy code and fails as strict code; the test fails as a whole.
---*/
var self = (function () { return this; })();
assert.notSameValue(self, undefined, "this inside a plain call");
