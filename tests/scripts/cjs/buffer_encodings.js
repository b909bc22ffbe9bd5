// How each Buffer function reads its encoding argument (Node has four rules), the brand checks
// behind Buffer.from(ArrayBuffer), and byte search (native) over large buffers.
const { Buffer } = require('buffer');
const types = require('util/types');

const buf = Buffer.from('hé');
const show = (f) => {
  try {
    return String(f());
  } catch (error) {
    return `${error.name}[${error.code}]`;
  }
};
for (const encoding of [undefined, null, '', 0, 'UTF-8', 'Latin1', 'nope', false]) {
  console.log(JSON.stringify(encoding) ?? 'undefined', [
    show(() => buf.toString(encoding)),
    show(() => Buffer.from('hé', encoding).length),
    show(() => Buffer.byteLength('hé', encoding)),
    show(() => Buffer.alloc(3, 'ab', encoding).toString()),
    show(() => buf.indexOf('é', 0, encoding)),
  ].join(' | '));
}

function FakeArrayBuffer() {}
Object.setPrototypeOf(FakeArrayBuffer.prototype, ArrayBuffer.prototype);
console.log(show(() => Buffer.from(new FakeArrayBuffer())));
console.log(types.isArrayBuffer(new FakeArrayBuffer()), types.isArrayBuffer(new ArrayBuffer(1)),
  types.isSharedArrayBuffer(new SharedArrayBuffer(1)), types.isAnyArrayBuffer(new SharedArrayBuffer(1)));
const shared = new SharedArrayBuffer(4);
const sharedBuf = Buffer.from(shared, 1, 2);
new Uint8Array(shared)[1] = 7;
console.log(sharedBuf[0], Buffer.byteLength(shared), Buffer.from({ buffer: shared }).length);
console.log(show(() => Buffer.from(new ArrayBuffer(4), 5)), show(() => Buffer.from(new ArrayBuffer(4), 1, 4)));
console.log(show(() => new Buffer.prototype.lastIndexOf(1, 'x')));

// Search: forward, backward, UTF-16 alignment, offsets, a 4 MiB haystack.
const text = Buffer.from('abcabcab');
console.log(text.indexOf('ca'), text.indexOf('ca', 3), text.lastIndexOf('ab'), text.lastIndexOf('ab', 5),
  text.indexOf('ab', -2), text.includes('cab'), text.indexOf(''), text.lastIndexOf(''), text.indexOf('zz'));
const wide = Buffer.from('xaxbxa', 'utf16le');
console.log(wide.indexOf('a', 0, 'utf16le'), wide.lastIndexOf('xa', undefined, 'ucs2'), wide.indexOf(Buffer.from([0, 120])));
const big = Buffer.alloc(4 * 1024 * 1024, 'abcdefgh');
big.write('needle', big.length - 100);
console.log(big.indexOf('needle'), big.lastIndexOf('abc'), big.indexOf(Buffer.from('needle')), big.includes('haystack'));
