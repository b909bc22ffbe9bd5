// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Expects a parse error but the code is valid, so $DONOTEVALUATE runs and it must fail.
negative:
  phase: parse
  type: SyntaxError
---*/
$DONOTEVALUATE();
var valid = 1;
