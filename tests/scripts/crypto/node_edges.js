// Edges of node:crypto that Node's own tests check: shared memory as input, an XOF copy's
// length, the digest of a piped hash, errors thrown at once, Node's codes and wording.
import crypto from 'node:crypto';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';

const show = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (e) {
    console.log(label, 'throws', e.name, e.code, e.message);
  }
};

// SharedArrayBuffer memory is read (keys, salts, data) and filled (randomFillSync).
const shared = new SharedArrayBuffer(8);
new Uint8Array(shared).set([1, 2, 3, 4, 5, 6, 7, 8]);
const plain = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
show('pbkdf2 shared = plain', () =>
  crypto.pbkdf2Sync(shared, 'salt', 2, 8, 'sha256').equals(crypto.pbkdf2Sync(plain, 'salt', 2, 8, 'sha256')));
show('hash of a shared view', () =>
  crypto.createHash('sha1').update(new Uint8Array(shared, 2, 4)).digest('hex') ===
  crypto.createHash('sha1').update(plain.subarray(2, 6)).digest('hex'));
const target = new SharedArrayBuffer(64);
crypto.randomFillSync(target);
show('randomFillSync shared', () => new Uint8Array(target).some((b) => b !== 0));
const view = new Uint32Array(new SharedArrayBuffer(64), 16, 4);
crypto.randomFillSync(view, 1, 2);
show('randomFillSync shared view', () => view[0] === 0 && view[3] === 0 && (view[1] !== 0 || view[2] !== 0));

// An XOF copy made without outputLength has the algorithm's default length.
show('shake256 copy', () => crypto.createHash('shake256', { outputLength: 0 }).copy().digest('hex').length);
show('sha256 outputLength 28', () => crypto.createHash('sha256', { outputLength: 28 }));

// The hash a pipe digested still answers digest().
const hash = crypto.createHash('sha256');
await new Promise((resolve) => Readable.from(['ab', 'c']).pipe(hash).on('data', (chunk) => {
  console.log('piped', chunk.toString('hex').slice(0, 16), hash.digest('hex').slice(0, 16));
  resolve();
}));

// hkdf: a length past 255 blocks throws before any callback.
show('hkdf too long', () => crypto.hkdf('sha256', 'k', '', '', 255 * 32 + 1, () => console.log('called')));
show('hkdf unknown digest', () => crypto.hkdf('nope', 'k', '', '', 8, () => console.log('called')));

// The deprecated aliases are there, not enumerable.
show('prng alias', () => [typeof crypto.prng, Object.keys(crypto).includes('prng'), Object.keys(crypto).includes('randomBytes')].join(' '));

// Web Crypto: non-object identifiers are strings, Node's codes and messages.
const { subtle } = globalThis.crypto;
for (const algorithm of [1, null, undefined, '']) {
  await subtle.digest(algorithm, new Uint8Array(0)).then(
    () => console.log('digest', String(algorithm), 'resolved'),
    (e) => console.log('digest', String(algorithm), e.name, e.message));
}
await subtle.digest('SHA-256', 'text').catch((e) => console.log('digest string data', e.name, e.code));
await subtle.digest('SHA-256', new SharedArrayBuffer(4)).catch((e) => console.log('digest shared data', e.name, e.code));
await subtle.digest.call({}, 'SHA-256', new Uint8Array(0)).catch((e) => console.log('bad this', e.code, e.message));
await subtle.digest('SHA-256').catch((e) => console.log('missing', e.code, e.message));
for (const Ctor of [Crypto, SubtleCrypto, CryptoKey]) show(`new ${Ctor.name}`, () => new Ctor());
const aes = await subtle.importKey('raw', new Uint8Array(16), 'AES-CBC', false, ['encrypt']);
await subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, aes, new Uint8Array(4))
  .catch((e) => console.log('cbc iv', e.name, e.message));
const gcm = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['decrypt']);
await subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, gcm, new Uint8Array(4))
  .catch((e) => console.log('gcm short', e.name, e.message));
