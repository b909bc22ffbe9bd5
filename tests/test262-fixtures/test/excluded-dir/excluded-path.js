// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Lives in a directory listed in the exclusion file, so it is skipped (it would fail).
---*/
throw new Test262Error("an excluded test ran");
