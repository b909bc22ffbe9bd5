// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: onlyStrict runs once, with "use strict" prepended.
flags: [onlyStrict]
---*/
var self = (function () { return this; })();
assert.sameValue(self, undefined, "functions see an undefined this in strict code");
