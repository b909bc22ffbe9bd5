// Buffer's argument errors carry Node's codes and wording (the shared error table).
import { Buffer, isAscii, isUtf8 } from 'node:buffer';

function show(label, fn) {
  try {
    fn();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.name, e.code, e.message);
  }
}

const b = Buffer.alloc(8);
show('compare buf2', () => Buffer.compare(b, 'xyz'));
show('compare buf1', () => Buffer.compare(7, b));
show('concat list', () => Buffer.concat());
show('concat item', () => Buffer.concat([b, 'no']));
show('from number', () => Buffer.from(42));
show('byteLength', () => Buffer.byteLength(true));
show('equals', () => b.equals({}));
show('copy target', () => b.copy(null));
show('encoding', () => b.toString('klingon'));
show('uint8 range', () => b.writeUInt8(256));
show('int32 range', () => b.writeInt32LE(2 ** 31));
show('uint40 range', () => b.writeUIntLE(2 ** 40, 0, 5));
show('int48 range', () => b.writeIntBE(-(2 ** 47) - 1, 0, 6));
show('biguint64 range', () => b.writeBigUInt64LE(2n ** 64n));
show('bigint64 range', () => b.writeBigInt64BE(-(2n ** 63n) - 1n));
show('offset type', () => b.readUInt8('1'));
show('indexOf value', () => b.indexOf({}));
show('write offset', () => b.writeUIntLE(1, undefined, 2));
show('compare coerced', () => b.compare(b, '0'));
show('compare end', () => b.compare(b, 0, 100));
show('compare float', () => b.compare(b, 0.5));
console.log('compare empty', b.compare(b, 0xff), b.compare(b, 0, 0, 3, 3), b.compare(b, 2, 4, 1, 1));
show('isAscii string', () => isAscii('abc'));
show('isUtf8 DataView', () => isUtf8(new DataView(new ArrayBuffer(2))));
console.log('valid', isAscii(new Uint16Array([0x4141])), isUtf8(new Uint8Array([0xc3, 0xa9]).buffer), isAscii(Buffer.from('é')));
show('concat bad item first', () => Buffer.concat([b, 5]));
const detached = new ArrayBuffer(8);
structuredClone(detached, { transfer: [detached] });
show('isAscii detached', () => isAscii(detached));
