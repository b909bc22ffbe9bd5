// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: Tests that use $262.agent need a host with agent threads; this one is skipped.
features: [Atomics, SharedArrayBuffer]
---*/
$262.agent.start("$262.agent.receiveBroadcast(function () { $262.agent.leaving(); });");
