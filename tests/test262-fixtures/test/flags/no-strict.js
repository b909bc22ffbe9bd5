// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: noStrict runs once, as sloppy code (a with statement is a SyntaxError in strict code).
flags: [noStrict]
---*/
var found;
with ({ inside: 3 }) {
  found = inside;
}
assert.sameValue(found, 3);
