// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A runtime TypeError thrown by the engine.
negative:
  phase: runtime
  type: TypeError
---*/
var nothing = null;
nothing.property;
