// Node's pbkdf2/scrypt/hkdf (RFC 6070, 7914, 5869 values), random numbers, timingSafeEqual,
// callbacks and the bounds Node puts on sizes a script picks.
import crypto from 'node:crypto';
import { Buffer } from 'node:buffer';

const { pbkdf2Sync, scryptSync, hkdfSync, randomBytes, randomFillSync, randomInt, randomUUID, timingSafeEqual } = crypto;

console.log('pbkdf2 sha1', pbkdf2Sync('password', 'salt', 4096, 20, 'sha1').toString('hex'));
console.log('pbkdf2 sha256', pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 40, 'sha256').toString('hex'));
console.log('pbkdf2 empty', pbkdf2Sync('p', 's', 1, 0, 'sha512').length);
console.log('scrypt', scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex').slice(0, 32));
console.log('scrypt aliases', scryptSync('pleaseletmein', 'SodiumChloride', 16, { cost: 16384, blockSize: 8, parallelization: 1 }).toString('hex'));
const okm = hkdfSync('sha256', Buffer.from('0b'.repeat(22), 'hex'), Buffer.from('000102030405060708090a0b0c', 'hex'),
  Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42);
console.log('hkdf', okm instanceof ArrayBuffer, Buffer.from(okm).toString('hex'));

function show(fn) {
  try {
    const r = fn();
    console.log('no error', r === undefined ? '' : String(r).length);
  } catch (e) {
    console.log(`${e.name} ${e.code} ${e.message}`);
  }
}
show(() => pbkdf2Sync('p', 's', 0, 16, 'sha256'));
show(() => pbkdf2Sync('p', 's', 1, -1, 'sha256'));
show(() => pbkdf2Sync('p', 's', 1, 16, 'md55'));
show(() => pbkdf2Sync(42, 's', 1, 16, 'sha256'));
show(() => scryptSync('p', 's', 16, { N: 3 }));
show(() => scryptSync('p', 's', 16, { N: 2 ** 20 }));
show(() => scryptSync('p', 's', 16, { N: 16, cost: 16 }));
show(() => hkdfSync('sha256', 'k', 's', 'i', 255 * 32 + 1));
show(() => hkdfSync('nope', 'k', 's', 'i', 16));
show(() => randomBytes(2 ** 31));
show(() => randomBytes(-1));
show(() => randomBytes('8'));
show(() => randomFillSync(Buffer.alloc(4), 5));
show(() => randomInt(10, 10));
show(() => randomInt(0, 2 ** 48 + 1));
show(() => randomInt(1.5));
show(() => timingSafeEqual(Buffer.alloc(2), Buffer.alloc(3)));
show(() => timingSafeEqual('a', Buffer.alloc(1)));

console.log('randomBytes', randomBytes(16).length, randomBytes(0).length);
const filled = randomFillSync(new Uint32Array(4), 1, 2);
console.log('randomFillSync keeps the ends', filled[0], filled[3]);
let inRange = true;
for (let i = 0; i < 1000; i++) {
  const n = randomInt(-5, 5);
  if (n < -5 || n >= 5 || !Number.isInteger(n)) inRange = false;
}
console.log('randomInt in range', inRange);
console.log('randomUUID', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(randomUUID()));
console.log('timingSafeEqual', timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')));
console.log('getRandomValues', crypto.getRandomValues(new Uint8Array(4)).length, crypto.webcrypto === globalThis.crypto);

// Callback forms run later, never before the call returns (printed in a fixed order at the end,
// since Node's thread pool finishes them in any order).
const order = ['start'];
const results = [];
const done = (line) => {
  results.push(line);
  if (results.length === 6) console.log(results.sort().join('\n'));
};
crypto.pbkdf2('password', 'salt', 1, 20, 'sha1', (err, key) => done(`pbkdf2 callback ${err} ${key.toString('hex')}`));
crypto.scrypt('p', 's', 8, { N: 16 }, (err, key) => done(`scrypt callback ${err} ${key.length}`));
crypto.hkdf('sha1', 'k', 's', 'i', 10, (err, key) => done(`hkdf callback ${err} ${key.byteLength}`));
crypto.randomBytes(5, (err, buf) => done(`randomBytes callback ${err} ${buf.length}`));
crypto.randomFill(new Uint8Array(3), (err, buf) => done(`randomFill callback ${err} ${buf.length}`));
crypto.randomInt(3, (err, n) => done(`randomInt callback ${err} ${n >= 0 && n < 3}`));
show(() => crypto.pbkdf2('p', 's', 1, 8, 'nope', () => console.log('not reached')));
show(() => crypto.hkdf('nope', 'k', 's', 'i', 8, () => console.log('not reached')));
order.push('end');
console.log(order.join(','));
