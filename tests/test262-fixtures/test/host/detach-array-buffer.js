// Written for the wasmedge_boa test262 runner fixtures.
/*---
description: $262.detachArrayBuffer detaches a buffer.
---*/
var buffer = new ArrayBuffer(16);
var view = new Uint8Array(buffer);
$262.detachArrayBuffer(buffer);
assert.sameValue(buffer.byteLength, 0);
assert.sameValue(view.length, 0);
