// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: CanBlockIsFalse runs only on hosts whose main agent must not block.
flags: [CanBlockIsFalse]
features: [Atomics, SharedArrayBuffer]
---*/
var cells = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
assert.throws(TypeError, function () {
  Atomics.wait(cells, 0, 0, 0);
});
