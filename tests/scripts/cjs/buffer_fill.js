// Buffer fill over long ranges (filled by doubling a short run) with bytes, strings, multi-byte
// patterns, offsets and a pattern taken from the buffer itself.
const { Buffer } = require('buffer');
const sum = (buf) => { let s = 0; for (let i = 0; i < buf.length; i += 997) s = (s * 31 + buf[i]) >>> 0; return s; };
const big = Buffer.alloc(1 << 20, 'xyz');
console.log(big.length, big.toString('latin1', 0, 9), big.toString('latin1', big.length - 4), sum(big));
console.log(sum(Buffer.alloc(100000).fill(7, 10, 99990)), Buffer.alloc(3000).fill('ab', 1).toString('latin1', 0, 6));
console.log(Buffer.alloc(1000, 'é').toString().slice(0, 4), Buffer.alloc(777, Buffer.from([1, 2, 3, 4])).subarray(770));
const self = Buffer.from('0123456789');
self.fill(self.subarray(2, 5), 4);
console.log(self.toString());
console.log(Buffer.alloc(5000, '').every((b) => b === 0), Buffer.alloc(600, 257)[599], Buffer.alloc(2, 'abc', 'hex'));
try { Buffer.alloc(4, 'zz', 'hex'); } catch (err) { console.log(err.code); }
