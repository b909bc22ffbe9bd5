// crypto.subtle with RSA (RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP) and an EC key: a fixed key pair
// made once by the shared KeyObject core, used through every Web Crypto format; deterministic
// signatures checked byte for byte; wrapKey/unwrapKey with RSA-OAEP; and the DOMException name
// (and message, where scripts test it) of each bad call.
import { generateKeyPairSync } from 'node:crypto';

const subtle = crypto.subtle;
const enc = new TextEncoder();
const hex = (buf) => Buffer.from(buf).toString('hex');
const sha256 = async (buf) => hex(await subtle.digest('SHA-256', buf)).slice(0, 16);

// Prints the error's name and code; its message too where `message` is set (the messages
// that Node's own tests check).
async function expectError(label, promise, message = false) {
  try {
    await promise;
    console.log(label, 'resolved');
  } catch (e) {
    console.log(label, e.name, e.code ?? '', message ? e.message : '');
  }
}

// One 1024-bit pair in DER: deterministic PKCS#1 v1.5 signatures need a key that stays put
// within a run, and both runtimes read and write these encodings the same way.
const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
const data = enc.encode('sign me, encrypt me');

for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash };
  const publicKey = await subtle.importKey('spki', spki, alg, true, ['verify']);
  const privateKey = await subtle.importKey('pkcs8', pkcs8, alg, true, ['sign']);
  const signature = await subtle.sign('RSASSA-PKCS1-v1_5', privateKey, data);
  // The same bytes as Node's own sign() over the same key: PKCS#1 v1.5 is deterministic.
  const { sign } = await import('node:crypto');
  const nodeSignature = sign(hash.replace('-', ''), data, pair.privateKey);
  console.log('pkcs1', hash, signature.byteLength, hex(signature) === nodeSignature.toString('hex'),
    await subtle.verify(alg, publicKey, signature, data),
    await subtle.verify(alg, publicKey, signature, enc.encode('other')));
}

// Key objects: algorithm dictionary, usages, and each export format round trip.
const pssPublic = await subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']);
const pssPrivate = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['sign']);
console.log('algorithm', JSON.stringify({ ...pssPublic.algorithm, publicExponent: [...pssPublic.algorithm.publicExponent] }));
console.log('same algorithm object', pssPublic.algorithm === pssPublic.algorithm, pssPrivate.type, pssPrivate.usages);
console.log('spki round trip', hex(await subtle.exportKey('spki', pssPublic)) === spki.toString('hex'));
console.log('pkcs8 round trip', hex(await subtle.exportKey('pkcs8', pssPrivate)) === pkcs8.toString('hex'));
const jwk = await subtle.exportKey('jwk', pssPrivate);
const publicJwk = await subtle.exportKey('jwk', pssPublic);
const nodeJwk = pair.privateKey.export({ format: 'jwk' });
console.log('jwk', Object.keys(jwk).sort().join(), jwk.alg, jwk.kty, jwk.key_ops, jwk.ext,
  ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'].every((m) => jwk[m] === nodeJwk[m]));
console.log('public jwk', Object.keys(publicJwk).sort().join(), publicJwk.alg);
const fromJwk = await subtle.importKey('jwk', jwk, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);

// PSS: random salt, so sign and verify across the two imports, with each salt length edge.
for (const saltLength of [0, 32, 128 - 32 - 2]) {
  const signature = await subtle.sign({ name: 'RSA-PSS', saltLength }, fromJwk, data);
  console.log('pss', saltLength, signature.byteLength,
    await subtle.verify({ name: 'RSA-PSS', saltLength }, pssPublic, signature, data),
    await subtle.verify({ name: 'RSA-PSS', saltLength: saltLength === 0 ? 1 : 0 }, pssPublic, signature, data));
}
await subtle.sign({ name: 'RSA-PSS', saltLength: 95 }, pssPrivate, data).catch((e) => {
  console.log('pss salt too long', e.name, e.cause.code, e.cause.message);
});

// OAEP: encrypt/decrypt with and without a label; OAEP's hash comes from the key.
const oaepPublic = await subtle.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt', 'wrapKey']);
const oaepPrivate = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt', 'unwrapKey']);
const label = enc.encode('label');
const ciphertext = await subtle.encrypt({ name: 'RSA-OAEP', label }, oaepPublic, data);
console.log('oaep', ciphertext.byteLength,
  new TextDecoder().decode(await subtle.decrypt({ name: 'RSA-OAEP', label }, oaepPrivate, ciphertext)));
await expectError('oaep wrong label', subtle.decrypt({ name: 'RSA-OAEP' }, oaepPrivate, ciphertext));
await expectError('oaep truncated', subtle.decrypt({ name: 'RSA-OAEP', label }, oaepPrivate, ciphertext.slice(1)));
await expectError('oaep too long', subtle.encrypt('RSA-OAEP', oaepPublic, new Uint8Array(100)));

// wrapKey/unwrapKey: an AES key under RSA-OAEP (raw; a JWK is longer than OAEP on a 1024-bit
// key allows), and the RSA private key itself as JWK under AES-GCM.
const aesKey = await subtle.importKey('raw', new Uint8Array(16).fill(7), 'AES-GCM', true, ['encrypt', 'wrapKey', 'unwrapKey']);
const wrapped = await subtle.wrapKey('raw', aesKey, oaepPublic, 'RSA-OAEP');
const back = await subtle.unwrapKey('raw', wrapped, oaepPrivate, 'RSA-OAEP', 'AES-GCM', true, ['encrypt']);
console.log('wrap raw', wrapped.byteLength, hex(await subtle.exportKey('raw', back)));
await expectError('oaep jwk too long', subtle.wrapKey('jwk', aesKey, oaepPublic, 'RSA-OAEP'));
const gcm = { name: 'AES-GCM', iv: new Uint8Array(12) };
const wrappedJwk = await subtle.wrapKey('jwk', pssPrivate, aesKey, gcm);
const unwrappedPss = await subtle.unwrapKey('jwk', wrappedJwk, aesKey, gcm, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['sign']);
console.log('wrap jwk', hex(await subtle.exportKey('pkcs8', unwrappedPss)) === pkcs8.toString('hex'));

// Generation: both kinds of key, each usage split, a non-default exponent.
for (const name of ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP']) {
  const usages = name === 'RSA-OAEP' ? ['decrypt', 'encrypt', 'unwrapKey', 'wrapKey'] : ['sign', 'verify'];
  const { publicKey, privateKey } = await subtle.generateKey(
    { name, modulusLength: 1024, publicExponent: new Uint8Array([3]), hash: 'SHA-384' }, false, usages);
  console.log('generate', name, publicKey.extractable, privateKey.extractable, publicKey.usages, privateKey.usages,
    publicKey.algorithm.modulusLength, publicKey.algorithm.publicExponent, privateKey.algorithm.hash.name);
}

// An EC key beside the RSA ones: P-384 ECDSA with SHA-384 and ECDH, through every format.
const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
const ecSignature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, ec.privateKey, data);
console.log('p-384 ecdsa', ecSignature.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, ec.publicKey, ecSignature, data));
const ecJwk = await subtle.exportKey('jwk', ec.privateKey);
console.log('p-384 jwk', ecJwk.crv, ecJwk.kty, Buffer.from(ecJwk.d, 'base64url').length, (await subtle.exportKey('raw', ec.publicKey)).byteLength);
const ecPkcs8 = await subtle.exportKey('pkcs8', ec.privateKey);
const again = await subtle.importKey('pkcs8', ecPkcs8, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
console.log('p-384 pkcs8 round trip', hex(await subtle.exportKey('pkcs8', again)) === hex(ecPkcs8));
const a = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']);
const b = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, false, ['deriveBits']);
const ab = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 384);
const ba = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 384);
console.log('p-384 ecdh', ab.byteLength, (await sha256(ab)) === (await sha256(ba)));

// Bad input: each rejects with the standard's DOMException (or Node's TypeError code).
const hmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
await expectError('verify with private key', subtle.verify({ name: 'RSA-PSS', saltLength: 0 }, pssPrivate, ecSignature, data), true);
await expectError('sign with hmac key', subtle.sign('RSASSA-PKCS1-v1_5', hmac, data), true);
await expectError('decrypt without usage', subtle.decrypt('RSA-OAEP', pssPrivate, ciphertext), true);
await expectError('ec spki as rsa', subtle.importKey('spki', await subtle.exportKey('spki', ec.publicKey), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt']), true);
await expectError('rsa spki as ec', subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']), true);
await expectError('garbage spki', subtle.importKey('spki', new Uint8Array([48, 3, 1, 2, 3]), { name: 'RSA-PSS', hash: 'SHA-1' }, true, ['verify']), true);
await expectError('jwk missing e', subtle.importKey('jwk', { kty: 'RSA', n: jwk.n }, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']), true);
await expectError('jwk wrong alg', subtle.importKey('jwk', { ...publicJwk, alg: 'PS512' }, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']), true);
await expectError('jwk wrong use', subtle.importKey('jwk', { ...publicJwk, use: 'enc' }, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']), true);
await expectError('jwk wrong kty', subtle.importKey('jwk', { ...publicJwk, kty: 'EC' }, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']), true);
await expectError('private usage on public', subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['sign']));
await expectError('empty private usages', subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, true, []), true);
await expectError('raw rsa export', subtle.exportKey('raw', pssPublic));
await subtle.exportKey('jwk', fromJwk).catch((e) => console.log('not extractable', /key is not extractable/.test(e.message)));
await expectError('missing hash', subtle.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign']));
await expectError('exponent not Uint8Array', subtle.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: [1, 0, 1], hash: 'SHA-1' }, true, ['sign']));
await expectError('no usages', subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt']), true);
await expectError('bad format', subtle.exportKey('pem', pssPublic));
await expectError('unknown curve', subtle.generateKey({ name: 'ECDH', namedCurve: 'P-192' }, true, ['deriveBits']));
await expectError('curve mismatch', subtle.deriveBits({ name: 'ECDH', public: (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])).publicKey }, a.privateKey, 256), true);
