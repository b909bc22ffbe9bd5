// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: $262.gc runs the garbage collector (hosts without one report the test as skipped).
---*/
var garbage = [];
for (var i = 0; i < 1000; i++) garbage.push({ index: i });
garbage = null;
$262.gc();
