// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Uses a feature listed in the exclusion file, so it is skipped (it would fail).
features: [fixture-excluded-feature]
---*/
throw new Test262Error("an excluded test ran");
