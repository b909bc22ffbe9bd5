// util.inspect of a Buffer: require('buffer').INSPECT_MAX_BYTES decides how many bytes show
// (validated like Node's), the rest is counted, and extra own properties follow the bytes.
const buffer = require('buffer');
const util = require('util');

console.log(util.inspect(Buffer.from('hello')), util.inspect(Buffer.alloc(0)));
console.log(util.inspect(Buffer.alloc(51, 0x78)).endsWith('... 1 more byte>'));
buffer.INSPECT_MAX_BYTES = 2;
console.log(util.inspect(Buffer.from('1234')), util.inspect(Buffer.from('12')));
buffer.INSPECT_MAX_BYTES = Infinity;
const tagged = Buffer.from('12');
tagged.label = 'two';
tagged.inner = new Uint8Array(0);
console.log(util.inspect(tagged));
const empty = Buffer.alloc(0);
empty.size = 0;
console.log(util.inspect(empty));
for (const bad of [NaN, -1, '3']) {
  try { buffer.INSPECT_MAX_BYTES = bad; } catch (error) { console.log(error.name, error.code); }
}
console.log(buffer.INSPECT_MAX_BYTES);
