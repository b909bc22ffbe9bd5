// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A module test imports a fixture from its directory.
flags: [module]
---*/
import { answer } from "./import-fixture_FIXTURE.js";
assert.sameValue(answer, 42);
