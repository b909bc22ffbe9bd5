// crypto.subtle with RSA (RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP) and P-521: a fixed key pair
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

// P-521: ECDSA with SHA-512 and ECDH, through every format.
const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, true, ['sign', 'verify']);
const ecSignature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-512' }, ec.privateKey, data);
console.log('p-521 ecdsa', ecSignature.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-512' }, ec.publicKey, ecSignature, data));
const ecJwk = await subtle.exportKey('jwk', ec.privateKey);
console.log('p-521 jwk', ecJwk.crv, ecJwk.kty, Buffer.from(ecJwk.d, 'base64url').length, (await subtle.exportKey('raw', ec.publicKey)).byteLength);
const ecPkcs8 = await subtle.exportKey('pkcs8', ec.privateKey);
const again = await subtle.importKey('pkcs8', ecPkcs8, { name: 'ECDSA', namedCurve: 'P-521' }, true, ['sign']);
console.log('p-521 pkcs8 round trip', hex(await subtle.exportKey('pkcs8', again)) === hex(ecPkcs8));
const a = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-521' }, false, ['deriveBits']);
const b = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-521' }, false, ['deriveBits']);
const ab = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 528);
const ba = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 528);
console.log('p-521 ecdh', ab.byteLength, (await sha256(ab)) === (await sha256(ba)));

// P-521 known answers: a fixed key pair (made once with node 20), its ECDH secret and an ECDSA
// signature made by node.
const fixedPkcs8 = Buffer.from('3081ee020100301006072a8648ce3d020106052b810400230481d63081d3020101044201b23c969eecef94667490d53b90fc0ebc760187b4239eac453e2822b71718f48a09db72ff7f21a6835984f37ad65d373d7e3335e706e53865924caca8079cb46f0fa18189038186000400762f08b271b645fd980d914b4ceedbfbdee64c935e41f81d8d689d13e692c298faeb59892d0bbf3b882a40467b12307ca791eddf2c56c768155bfa8a38c18ccdde00063d5da173181a70f91b41c5ce1ac480699f906e1e5cf16153e56c161e965679066350d74b352aa3e9a8aeda5a88c91d9016960736d21eba839ccb1252d1b00b5d', 'hex');
const fixedPeer = Buffer.from('30819b301006072a8648ce3d020106052b8104002303818600040069b230c1b612110a576a770d25b3c1f1f9dc981fbe8853b3beeac1486c83aeec5a231d7f14439cfc5aa812e98a6bf9693b2d32f9b5cfafe9e1c5eb7717f35ec82801c88acf08a007bf474df9f8ca28299dc6ebfdf08fde259684e60325c902b6d7f197c5d5974cee9c418c9d97fddd1f932fb46fbdcfc0e448aa4788d2c642a273a049', 'hex');
const peerSignature = Buffer.from('01cb6a37c4f69632f7f257a4846f760a57658de2e209e70c0c66923a6161613ece7d5cfa81f669092164444c0d08c2ffa06cd7a884f98705da06dcd2aa328f0264650143b81d2ecc06f1c0cb182ee2b38bb6207fe4746e791c6b1e8f846584a58c28e7e12962f615d684429840ef20c8fb3db770752d744db2d07970efb91d0bb5d25e9e', 'hex');
const fixedPrivate = await subtle.importKey('pkcs8', fixedPkcs8, { name: 'ECDH', namedCurve: 'P-521' }, false, ['deriveBits']);
const fixedPublic = await subtle.importKey('spki', fixedPeer, { name: 'ECDH', namedCurve: 'P-521' }, false, []);
console.log('p-521 fixed ecdh', hex(await subtle.deriveBits({ name: 'ECDH', public: fixedPublic }, fixedPrivate, 528)));
const peerVerify = await subtle.importKey('spki', fixedPeer, { name: 'ECDSA', namedCurve: 'P-521' }, false, ['verify']);
console.log('p-521 node signature', await subtle.verify({ name: 'ECDSA', hash: 'SHA-512' }, peerVerify, peerSignature, enc.encode('p-521 known answer')));

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
