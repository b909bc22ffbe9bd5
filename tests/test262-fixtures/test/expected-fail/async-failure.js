// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: An async test that reports a failure through $DONE.
flags: [async]
---*/
Promise.reject(new Test262Error("rejected on purpose")).then(function () {
  $DONE();
}, $DONE);
