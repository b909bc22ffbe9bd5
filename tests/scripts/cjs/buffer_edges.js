// Buffer details Node programs rely on: toString's start/end coercion, UTF-16 searches on
// whole code units, concat of an empty list, new SlowBuffer(n), Buffer.copyBytesFrom.
const { SlowBuffer } = require('buffer');
const abc = Buffer.from('abc');
console.log(JSON.stringify([abc.toString('ascii', 'x', 3), abc.toString('ascii', 0, 'x'), abc.toString('ascii', -1, 3),
  abc.toString('ascii', 1.7, 2.2), abc.toString('ascii', 0, undefined), abc.toString('ascii', 3), abc.toString('ascii', '1', '3')]));

const ff = Buffer.from('ff');
console.log(ff.indexOf(Buffer.from('f'), 1, 'ucs2'), ff.indexOf('f', 1), Buffer.from('abcd', 'ucs2').indexOf('c', 0, 'ucs2'));
console.log(Buffer.from([0, 0x61, 0x62, 0]).indexOf(Buffer.from([0x61, 0x62]), 0, 'ucs2'), Buffer.from('xyz').indexOf(Buffer.from('y'), 0, 'bogus'));

console.log(Buffer.concat([], 100).length, Buffer.concat([Buffer.from('ab')], 0).length, Buffer.concat([Buffer.from('ab')], 4));
const slow = new SlowBuffer(3);
console.log(slow.length, Buffer.isBuffer(slow));

const u16 = new Uint16Array([0x0102, 0xffff, 0x0304]);
const copied = Buffer.copyBytesFrom(u16, 1, 5);
u16[1] = 0;
console.log(copied, Buffer.copyBytesFrom(u16, 9).length, Buffer.copyBytesFrom(new Float64Array([1])).length);
for (const args of [[], ['nope'], [new Uint8Array(1), '1'], [new Uint8Array(1), -1], [new Uint8Array(1), 0, 1.5]]) {
  try { Buffer.copyBytesFrom(...args); } catch (error) { console.log(error.code); }
}
