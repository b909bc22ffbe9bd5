// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Includes a harness file that does not exist.
includes: [doesNotExist.js]
---*/
var x;
