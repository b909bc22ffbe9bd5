// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: raw runs the file unmodified, without the harness, once and non-strict.
flags: [raw]
---*/
if (typeof assert !== "undefined" || typeof Test262Error !== "undefined") {
  throw new Error("the harness was added to a raw test");
}
var sloppy = (function () { return this; })();
if (sloppy === undefined) {
  throw new Error("a raw test ran as strict code");
}
