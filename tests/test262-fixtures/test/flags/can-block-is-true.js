// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: CanBlockIsTrue runs only on hosts whose main agent may block.
flags: [CanBlockIsTrue]
features: [Atomics, SharedArrayBuffer]
---*/
var cells = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
assert.sameValue(Atomics.wait(cells, 0, 0, 0), "timed-out");
