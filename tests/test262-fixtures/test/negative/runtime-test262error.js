// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A runtime error thrown by the test itself, of the harness's Test262Error type.
negative: {phase: runtime, type: Test262Error}
---*/
throw new Test262Error("thrown on purpose");
