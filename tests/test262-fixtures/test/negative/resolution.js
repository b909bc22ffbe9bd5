// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A resolution-phase SyntaxError, importing a name the fixture does not export.
negative:
  phase: resolution
  type: SyntaxError
flags: [module]
---*/
$DONOTEVALUATE();
import { absent } from "./resolution_FIXTURE.js";
