// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: module runs the file once as module code.
flags: [module]
---*/
assert.sameValue(this, undefined, "module code has an undefined this");
assert.sameValue(typeof import.meta, "object");
export const exported = 1;
