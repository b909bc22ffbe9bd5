// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A parse-phase SyntaxError in a script; the body must never run.
negative:
  phase: parse
  type: SyntaxError
---*/
$DONOTEVALUATE();
var missing comma;
