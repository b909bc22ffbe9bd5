// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Never ends; the runner must stop it at the timeout and report a failure.
flags: [noStrict]
---*/
while (true) {}
