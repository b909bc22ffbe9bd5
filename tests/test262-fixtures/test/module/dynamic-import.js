// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A script imports a module fixture with import().
flags: [async]
features: [dynamic-import]
---*/
import("./dynamic-import_FIXTURE.js")
  .then(function (namespace) {
    assert.sameValue(namespace.seven, 7);
  })
  .then($DONE, $DONE);
