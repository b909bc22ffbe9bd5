// Node Buffer subset (js/buffer.js).
import { Buffer as B, kMaxLength } from 'buffer';
import bufferDefault from 'node:buffer';

print('global set:', globalThis.Buffer === B, bufferDefault.Buffer === B, kMaxLength > 0);
const b = Buffer.from('héllo wörld');
print('print decodes:', b);
print('length:', b.length, 'isBuffer:', Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(1)), b instanceof Uint8Array);
print('hex:', Buffer.from('hi!').toString('hex'), Buffer.from('6869zz', 'hex').toString());
print('base64:', Buffer.from('hello world').toString('base64'), Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString());
print('base64url:', Buffer.from([251, 255, 191]).toString('base64url'), Buffer.from('-_-_', 'base64url').toString('hex'));
print('base64 padding:', Buffer.from('a').toString('base64'), Buffer.from('ab').toString('base64'), Buffer.from('YWI', 'base64').toString());
print('latin1:', Buffer.from('ÿé', 'latin1').toString('hex'), Buffer.from([0xe9, 0x41]).toString('latin1'));
print('ascii:', Buffer.from([0xe9, 0x41]).toString('ascii').charCodeAt(0));
print('utf16le:', Buffer.from('hi', 'utf16le').toString('hex'), Buffer.from('680069', 'hex').toString('ucs2'));
print('toString range:', b.toString('utf8', 0, 1), b.toString(undefined, 7));
print('byteLength:', Buffer.byteLength('héllo'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength(new ArrayBuffer(7)));
print('isEncoding:', Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope'), Buffer.isEncoding(''));

// from ArrayBuffer shares memory; from Buffer copies
const ab = new ArrayBuffer(4);
const shared = Buffer.from(ab, 1, 2);
new Uint8Array(ab)[1] = 65;
print('shared:', shared[0], shared.length);
const copy = Buffer.from(shared);
shared[0] = 66;
print('copied:', copy[0]);
print('array:', Buffer.from([256, 257, -1, 'x']).toJSON().data.join(','));
print('json:', JSON.stringify(Buffer.from('ab')));
print('from json:', Buffer.from({ type: 'Buffer', data: [104, 105] }).toString());

// alloc / fill / concat / compare / equals
print('alloc:', Buffer.alloc(3).toJSON().data.join(','), Buffer.alloc(5, 'ab').toString(), Buffer.alloc(4, 0x101).toJSON().data.join(','));
const c = Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('de')]);
print('concat:', c.toString(), Buffer.concat([Buffer.from('abc')], 2).toString(), Buffer.concat([]).length);
print('compare:', Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('b').compare(Buffer.from('a')), Buffer.from('ab').equals(Buffer.from('ab')));
print('sort:', [Buffer.from('c'), Buffer.from('a'), Buffer.from('b')].sort(Buffer.compare).join(''));

// slice/subarray share memory and stay Buffers
const s = c.slice(1, 3);
s[0] = 88;
print('slice:', s.toString(), c.toString(), B.isBuffer(s), B.isBuffer(c.subarray(0, 1)));

// write / indexOf / includes / copy
const w = Buffer.alloc(8);
print('write:', w.write('héllo', 1), w.write('zz', 6, 'latin1'), w.toString('hex'));
print('write truncated:', Buffer.alloc(2).write('é€'), Buffer.alloc(4).write('abcdef', 1, 2));
const hay = Buffer.from('abcabc');
print('indexOf:', hay.indexOf('c'), hay.indexOf('c', 3), hay.indexOf(98), hay.indexOf(Buffer.from('ca')), hay.lastIndexOf('b'), hay.indexOf('zz'), hay.includes('bca'));
const target = Buffer.alloc(6, '.');
print('copy:', Buffer.from('xyz').copy(target, 2), target.toString(), Buffer.from('xyz').copy(target, 4, 1), target.toString());

// numbers
const n = Buffer.alloc(16);
n.writeUInt32BE(0xdeadbeef, 0);
n.writeInt16LE(-2, 4);
n.writeUInt8(255, 6);
n.writeInt8(-128, 7);
n.writeDoubleLE(1.5, 8);
print('ints:', n.readUInt32BE(0).toString(16), n.readUInt32LE(0).toString(16), n.readInt32BE(0), n.readInt16LE(4), n.readUInt16BE(4), n.readUInt8(6), n.readInt8(7), n.readUint8(6));
print('double:', n.readDoubleLE(8), 'float:', (() => { const f = Buffer.alloc(4); f.writeFloatBE(0.5); return f.readFloatBE(); })());
const v = Buffer.alloc(8);
v.writeBigInt64LE(-5n);
print('bigint:', v.readBigInt64LE(), v.readBigUInt64LE(), (() => { v.writeBigUInt64BE(2n ** 64n - 1n); return v.readBigUInt64BE(); })());
const u = Buffer.alloc(6);
u.writeUIntBE(0x123456789abc, 0, 6);
print('uint48:', u.toString('hex'), u.readUIntBE(0, 6).toString(16), u.readIntLE(0, 3), u.readUIntLE(0, 2));
try { n.readUInt32LE(14); } catch (e) { print('range:', e.name, e.code); }
try { n.writeUInt8(256); } catch (e) { print('value range:', e.code); }
try { Buffer.from(5); } catch (e) { print('from number:', e.name); }
try { Buffer.from('x', 'klingon'); } catch (e) { print('bad encoding:', e.message); }
print('swap16:', Buffer.from([1, 2, 3, 4]).swap16().toJSON().data.join(','));
print('iterate:', [...Buffer.from('ab')].join(','), Array.from(Buffer.from('hi').entries()).length);
print('new Buffer:', new Buffer('xy').toString(), new Buffer(3).length);
