// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A parse-phase (early) SyntaxError in a module, from two default exports.
negative:
  phase: parse
  type: SyntaxError
flags: [module]
---*/
$DONOTEVALUATE();
export default 1;
export default 2;
