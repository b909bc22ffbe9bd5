// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: async tests get $DONE and pass when it is called without an error.
flags: [async]
---*/
Promise.resolve(5)
  .then(function (value) {
    assert.sameValue(value, 5);
  })
  .then($DONE, $DONE);
