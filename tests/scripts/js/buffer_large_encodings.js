// Encoding a large Buffer as hex takes time in proportion to its size (it used to grow a string
// one byte at a time, quadratic in Boa).
import { Buffer } from 'node:buffer';

const big = Buffer.alloc(1 << 20, 0xab);
big[0] = 0x01;
big[big.length - 1] = 0xfe;
const hex = big.toString('hex');
console.log(hex.length, hex.slice(0, 6), hex.slice(-6));
console.log(Buffer.from(hex, 'hex').equals(big));
console.log(Buffer.from([0, 15, 16, 255]).toString('hex'), Buffer.alloc(0).toString('hex') === '');
