// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Expects a TypeError but a RangeError is thrown, so it must fail.
negative:
  phase: runtime
  type: TypeError
---*/
throw new RangeError("not the expected type");
