// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: An async test that never calls $DONE.
flags: [async]
---*/
Promise.resolve().then(function () {});
