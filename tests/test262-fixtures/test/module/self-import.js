// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: A module that imports itself gets its own (composed) module record.
flags: [module]
---*/
import * as self from "./self-import.js";
export var mine = "mine";
assert.sameValue(self.mine, "mine");
