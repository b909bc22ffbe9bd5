// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A negative key without a type is an error in the test itself.
negative:
  phase: parse
---*/
var x;
