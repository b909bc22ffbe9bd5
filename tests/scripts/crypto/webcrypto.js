// globalThis.crypto and crypto.subtle: every algorithm end to end (known-answer values where the
// result is deterministic), import/export in each format, and the DOMException names the
// standard gives to bad calls.
const subtle = crypto.subtle;
const enc = new TextEncoder();
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const bytes = (h) => new Uint8Array(h.match(/../g).map((x) => parseInt(x, 16)));

async function expectError(label, promise) {
  try {
    await promise;
    console.log(label, 'resolved');
  } catch (e) {
    console.log(label, e.name);
  }
}

console.log('digest', hex(await subtle.digest('SHA-256', enc.encode('abc'))));
console.log('digest SHA-1', hex(await subtle.digest({ name: 'sha-1' }, enc.encode('abc'))));
console.log('digest SHA-384 length', (await subtle.digest('SHA-384', new ArrayBuffer(0))).byteLength);

// HMAC (RFC 4231 case 2), sign and verify.
const hmacKey = await subtle.importKey('raw', enc.encode('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
const mac = await subtle.sign('HMAC', hmacKey, enc.encode('what do ya want for nothing?'));
console.log('hmac', hex(mac));
console.log('hmac verify', await subtle.verify('HMAC', hmacKey, mac, enc.encode('what do ya want for nothing?')),
  await subtle.verify('HMAC', hmacKey, mac, enc.encode('other')));
console.log('hmac key', hmacKey.type, hmacKey.extractable, hmacKey.algorithm.name, hmacKey.algorithm.hash.name,
  hmacKey.algorithm.length, hmacKey.usages.join(','), String(hmacKey));
const generatedHmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
console.log('generated hmac length', generatedHmac.algorithm.length, (await subtle.exportKey('raw', generatedHmac)).byteLength);

// AES-GCM (GCM specification test case 2), AES-CBC and AES-CTR (SP 800-38A).
const zeroKey = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt', 'decrypt']);
const gcm = await subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zeroKey, new Uint8Array(16));
console.log('aes-gcm', hex(gcm));
console.log('aes-gcm decrypt', hex(await subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zeroKey, gcm)));
const tampered = new Uint8Array(gcm);
tampered[0] ^= 1;
await expectError('aes-gcm tampered', subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zeroKey, tampered));
const gcm96 = await subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 96, additionalData: enc.encode('aad') }, zeroKey, enc.encode('hi'));
console.log('aes-gcm 96-bit tag length', gcm96.byteLength);
await expectError('aes-gcm bad tagLength', subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 100 }, zeroKey, enc.encode('hi')));

const nistKey = bytes('2b7e151628aed2a6abf7158809cf4f3c');
const cbcKey = await subtle.importKey('raw', nistKey, { name: 'AES-CBC' }, true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
const cbc = await subtle.encrypt({ name: 'AES-CBC', iv: bytes('000102030405060708090a0b0c0d0e0f') }, cbcKey, bytes('6bc1bee22e409f96e93d7e117393172a'));
console.log('aes-cbc', hex(cbc));
console.log('aes-cbc decrypt', hex(await subtle.decrypt({ name: 'AES-CBC', iv: bytes('000102030405060708090a0b0c0d0e0f') }, cbcKey, cbc)));
await expectError('aes-cbc short iv', subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, cbcKey, new Uint8Array(1)));
await expectError('aes-cbc bad padding', subtle.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbcKey, new Uint8Array(16)));
const ctrKey = await subtle.importKey('raw', nistKey, 'AES-CTR', false, ['encrypt']);
const ctr = await subtle.encrypt({ name: 'AES-CTR', counter: bytes('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), length: 64 }, ctrKey, bytes('6bc1bee22e409f96e93d7e117393172a'));
console.log('aes-ctr', hex(ctr));
await expectError('aes-ctr length 0', subtle.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 0 }, ctrKey, new Uint8Array(1)));
await expectError('usage missing', subtle.decrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 64 }, ctrKey, new Uint8Array(1)));
await expectError('algorithm mismatch', subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, ctrKey, new Uint8Array(1)));

// AES-KW (RFC 3394 4.1) through wrapKey/unwrapKey.
const kek = await subtle.importKey('raw', bytes('000102030405060708090a0b0c0d0e0f'), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
const inner = await subtle.importKey('raw', bytes('00112233445566778899aabbccddeeff'), 'AES-GCM', true, ['encrypt']);
const wrapped = await subtle.wrapKey('raw', inner, kek, 'AES-KW');
console.log('aes-kw', hex(wrapped));
const unwrapped = await subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', 'AES-GCM', true, ['encrypt']);
console.log('unwrapped', hex(await subtle.exportKey('raw', unwrapped)));
const jwkWrapped = await subtle.wrapKey('jwk', inner, cbcKey, { name: 'AES-CBC', iv: new Uint8Array(16) });
const jwkBack = await subtle.unwrapKey('jwk', jwkWrapped, cbcKey, { name: 'AES-CBC', iv: new Uint8Array(16) }, 'AES-GCM', true, ['encrypt']);
console.log('jwk wrap round trip', hex(await subtle.exportKey('raw', jwkBack)));

// PBKDF2 (RFC 6070) and HKDF (RFC 5869), deriveBits and deriveKey.
const pbkdf2Key = await subtle.importKey('raw', enc.encode('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
console.log('pbkdf2', hex(await subtle.deriveBits({ name: 'PBKDF2', salt: enc.encode('salt'), iterations: 2, hash: 'SHA-1' }, pbkdf2Key, 160)));
const derivedAes = await subtle.deriveKey({ name: 'PBKDF2', salt: enc.encode('salt'), iterations: 1, hash: 'SHA-256' }, pbkdf2Key,
  { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
console.log('derived key', derivedAes.algorithm.name, derivedAes.algorithm.length, (await subtle.exportKey('raw', derivedAes)).byteLength);
const hkdfKey = await subtle.importKey('raw', bytes('0b'.repeat(22)), 'HKDF', false, ['deriveBits']);
console.log('hkdf', hex(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: bytes('000102030405060708090a0b0c'), info: bytes('f0f1f2f3f4f5f6f7f8f9') }, hkdfKey, 336)));
await expectError('hkdf length not multiple of 8', subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: new Uint8Array() }, hkdfKey, 12));
await expectError('kdf key extractable', subtle.importKey('raw', new Uint8Array(4), 'HKDF', true, ['deriveBits']));
await expectError('kdf export', subtle.exportKey('raw', hkdfKey));

// ECDSA and ECDH on P-256 and P-384: generate, sign/verify, derive, export/import round trips.
for (const namedCurve of ['P-256', 'P-384']) {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify']);
  const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, pair.privateKey, enc.encode('msg'));
  const valid = await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, pair.publicKey, signature, enc.encode('msg'));
  const spki = await subtle.exportKey('spki', pair.publicKey);
  const imported = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve }, true, ['verify']);
  const again = await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, imported, signature, enc.encode('msg'));
  const jwk = await subtle.exportKey('jwk', pair.privateKey);
  const fromJwk = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve }, false, ['sign']);
  const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  const raw = await subtle.exportKey('raw', pair.publicKey);
  console.log(namedCurve, 'ecdsa', signature.byteLength, valid, again, jwk.kty, jwk.crv, jwk.alg, fromJwk.type,
    pkcs8.byteLength > 60, raw.byteLength, pair.publicKey.usages.join(), pair.privateKey.usages.join());
  await expectError(`${namedCurve} wrong curve import`, subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: namedCurve === 'P-256' ? 'P-384' : 'P-256' }, true, ['verify']));
  await expectError(`${namedCurve} raw export of private`, subtle.exportKey('raw', pair.privateKey));

  const a = await subtle.generateKey({ name: 'ECDH', namedCurve }, false, ['deriveBits']);
  const b = await subtle.generateKey({ name: 'ECDH', namedCurve }, false, ['deriveBits']);
  const ab = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, null);
  const ba = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, null);
  console.log(namedCurve, 'ecdh agree', hex(ab) === hex(ba), ab.byteLength,
    (await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 100)).byteLength);
}
await expectError('unknown curve', subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-999' }, true, ['sign']));

// Ed25519 (RFC 8032 test 1) and X25519 (RFC 7748 6.1) through JWK and raw imports.
const b64url = (h) => btoa(String.fromCharCode(...bytes(h))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const edPrivate = await subtle.importKey('jwk', {
  kty: 'OKP', crv: 'Ed25519',
  d: b64url('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
  x: b64url('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
}, 'Ed25519', true, ['sign']);
const edSignature = await subtle.sign('Ed25519', edPrivate, new Uint8Array(0));
console.log('ed25519', hex(edSignature).slice(0, 32));
const edPublic = await subtle.importKey('raw', bytes('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'), 'Ed25519', true, ['verify']);
console.log('ed25519 verify', await subtle.verify('Ed25519', edPublic, edSignature, new Uint8Array(0)),
  await subtle.verify('Ed25519', edPublic, edSignature, new Uint8Array(1)),
  await subtle.verify('Ed25519', edPublic, edSignature.slice(1), new Uint8Array(0)));
const edPair = await subtle.generateKey('Ed25519', true, ['sign', 'verify']);
const edPkcs8 = await subtle.exportKey('pkcs8', edPair.privateKey);
console.log('ed25519 pkcs8 round trip', (await subtle.importKey('pkcs8', edPkcs8, 'Ed25519', true, ['sign'])).algorithm.name, edPkcs8.byteLength);

const alice = await subtle.importKey('pkcs8', bytes('302e020100300506032b656e04220420' + '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'), 'X25519', true, ['deriveBits']);
const bob = await subtle.importKey('raw', bytes('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f'), 'X25519', true, []);
console.log('x25519', hex(await subtle.deriveBits({ name: 'X25519', public: bob }, alice, 256)));
const bobJwk = await subtle.exportKey('jwk', bob);
console.log('x25519 jwk', JSON.stringify(bobJwk, Object.keys(bobJwk).sort()));
await expectError('x25519 all-zero result', subtle.deriveBits({ name: 'X25519', public: await subtle.importKey('raw', new Uint8Array(32), 'X25519', true, []) }, alice, 256));

// Errors the standard names.
await expectError('unknown algorithm', subtle.digest('SHA-999', new Uint8Array(1)));
await expectError('data not a BufferSource', subtle.digest('SHA-256', 'text'));
await expectError('missing member', subtle.generateKey({ name: 'AES-GCM' }, true, ['encrypt']));
await expectError('bad AES length', subtle.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt']));
await expectError('bad usage', subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['sign']));
await expectError('empty usages', subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, []));
await expectError('bad raw AES key', subtle.importKey('raw', new Uint8Array(5), 'AES-GCM', true, ['encrypt']));
await expectError('bad spki', subtle.importKey('spki', new Uint8Array(5), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']));
await expectError('bad jwk', subtle.importKey('jwk', { kty: 'oct', k: '!!' }, 'AES-GCM', true, ['encrypt']));
await expectError('not extractable', subtle.exportKey('raw', zeroKey));
await expectError('not a key', subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, {}, new Uint8Array(1)));
await expectError('RSA without private usages', subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt']));

// getRandomValues and randomUUID.
const u8 = crypto.getRandomValues(new Uint8Array(65536));
console.log('getRandomValues', u8.length, crypto.getRandomValues(new BigUint64Array(2)).length);
for (const [label, fn] of [
  ['too large', () => crypto.getRandomValues(new Uint8Array(65537))],
  ['float', () => crypto.getRandomValues(new Float32Array(1))],
  ['not a view', () => crypto.getRandomValues([1, 2])],
  ['detached this', () => crypto.getRandomValues.call({}, new Uint8Array(1))],
]) {
  try {
    fn();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.name);
  }
}
console.log('randomUUID', crypto.randomUUID().length, crypto.randomUUID() !== crypto.randomUUID());
console.log('interfaces', typeof Crypto, typeof SubtleCrypto, typeof CryptoKey, crypto instanceof Crypto,
  subtle instanceof SubtleCrypto, hmacKey instanceof CryptoKey, crypto.subtle === crypto.subtle);
try {
  new CryptoKey();
} catch (e) {
  console.log('new CryptoKey', e.name);
}
