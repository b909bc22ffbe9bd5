// Node's asymmetric crypto: KeyObjects read from PEM/DER/JWK and written back, signatures
// (RSA PKCS#1 v1.5 and PSS, ECDSA in both encodings, Ed25519), RSA encryption, key generation,
// key agreement, and the errors bad keys and bad arguments give. The fixed keys below were
// generated for this test; deterministic results are printed as SHA-256 digests.
const crypto = require('crypto');

const rsaPem = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIICWwIBAAKBgQCrJepXhOgi7DtEBCsk6u4adROSAIN8iMubES4kF8kETM5NaCEQ',
  'atqiSI2oDX7ObLxEZltUzwd3uTPh9psg9MPMghtCBOcl6kJ1pEC1mMyLS7/zqZ9X',
  'M+33iiYUPuDhZhuUesc57IGMei/e0YLt4RLUylewEuMH6WgGZ7quyF9IDQIDAQAB',
  'AoGAdo4/NP0WKQrnSwhwMpSi96TeN6cvbhb8o6BVDB+F2fqydiCJtuuuI/iKWD1w',
  '9+GO0PrujWMUUzTx4beIYl3rOx6JfAgk0y9trG4m0zcIOkFZ38B67vYQcj//RThX',
  'P5hzrONfTKex2gHD157YROfVBEpn5/eM3NEgcsfSEzmS8AECQQDiaRT19Owa6HFi',
  'iV4Xybn0XSX57DucVR84HkWTNJLWdFnuwHEPuZlH5PktiIOP3ejz4W3rlPIFrylF',
  'VpgbD+INAkEAwYPxtEb750ddEnoJu0D/Xo7cShSqd8j6VRyy2ZJveN1Mnqggwf4t',
  'Ku3KAWfwCk1cK5CaDryekWtRDGTcYgF+AQJAfk+FhBoZxoE7EG/2cGr4NR3qW92w',
  '++x5OEObKR7BdKcArTPrX4x5uSRC52Yrj42LstNnEXDM/OLVsXs37JEV2QJAXCTd',
  'pH/gVsIuWSvvElDiyD2yOzwX5621NW3S47LMjXqijzFzV6wWCcjsVTsOm3k2mC/k',
  'i3vY7VlyYDpujeQ0AQJAdbk3DAMaPmL1Rph5jUBd7SKUsbyePKyan00BU1kZn8oJ',
  'DboA2LwLMoYYMpt3THLdF8lKZZXtR+sYKp7iVjTyEA==',
  '-----END RSA PRIVATE KEY-----'
].join('\n') + '\n';
const ecPem = [
  '-----BEGIN EC PRIVATE KEY-----',
  'MHcCAQEEIJALjOytcW8ft7y5zz6i0Z5pWGQq96a9LYoRlfwTgdJioAoGCCqGSM49',
  'AwEHoUQDQgAEyjoGTeq3hhmi8XE5ltxuX3OaxpDuBOkSp7MY9Esu7sBpvj7Zc04y',
  't8R05uQYj8Opnby7FSNcVqGwS59FFREByw==',
  '-----END EC PRIVATE KEY-----'
].join('\n') + '\n';
const edPem = [
  '-----BEGIN PRIVATE KEY-----',
  'MC4CAQAwBQYDK2VwBCIEIJtC7SA3DwO0Ezg/4LuVOnfhjU2n2Wid2GAhKrFnqRUf',
  '-----END PRIVATE KEY-----'
].join('\n') + '\n';

const digest = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const attempt = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (error) {
    console.log(label, 'throws', error.name, error.code);
  }
};

// Reading keys, and what a KeyObject tells about itself.
const rsa = crypto.createPrivateKey(rsaPem);
const rsaPublic = crypto.createPublicKey(rsaPem);
console.log(rsa.type, rsa.asymmetricKeyType, rsaPublic.type, JSON.stringify(rsa.asymmetricKeyDetails, (k, v) => typeof v === 'bigint' ? `${v}n` : v));
const ec = crypto.createPrivateKey(ecPem);
const ed = crypto.createPrivateKey({ key: edPem, format: 'pem' });
console.log(ec.asymmetricKeyType, JSON.stringify(ec.asymmetricKeyDetails), ed.asymmetricKeyType, JSON.stringify(ed.asymmetricKeyDetails));

// Exports round-trip, in every encoding each key type has.
console.log(rsa.export({ type: 'pkcs1', format: 'pem' }) === rsaPem, ec.export({ type: 'sec1', format: 'pem' }) === ecPem,
  ed.export({ type: 'pkcs8', format: 'pem' }) === edPem);
const pkcs8 = rsa.export({ type: 'pkcs8', format: 'der' });
const spki = rsaPublic.export({ type: 'spki', format: 'der' });
console.log(digest(pkcs8), digest(spki), digest(rsaPublic.export({ type: 'pkcs1', format: 'pem' })));
console.log(crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).equals(rsa),
  crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' }).equals(rsaPublic), rsa.equals(rsaPublic));
const jwk = rsa.export({ format: 'jwk' });
console.log(Object.keys(jwk).sort().join(','), crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(rsa));
const ecJwk = crypto.createPublicKey(ec).export({ format: 'jwk' });
console.log(ecJwk.kty, ecJwk.crv, crypto.createPublicKey({ key: ecJwk, format: 'jwk' }).equals(crypto.createPublicKey(ecPem)));
console.log(JSON.stringify(crypto.createPublicKey(ed).export({ format: 'jwk' })).length, digest(ed.export({ format: 'der', type: 'pkcs8' })));

// Signatures.
const data = Buffer.from('the data to sign');
const rsaSig = crypto.sign('sha256', data, rsa);
console.log('rsa pkcs1', digest(rsaSig), crypto.verify('sha256', data, rsaPublic, rsaSig), crypto.verify('sha256', Buffer.from('other'), rsaPublic, rsaSig));
const signer = crypto.createSign('RSA-SHA384');
signer.update('the data ');
signer.update('to sign');
const streamed = signer.sign(rsa, 'hex');
console.log('rsa stream', digest(Buffer.from(streamed, 'hex')), crypto.createVerify('sha384').update(data).verify(rsaPublic, streamed, 'hex'));
for (const saltLength of [crypto.constants.RSA_PSS_SALTLEN_DIGEST, crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN, 0]) {
  const pss = crypto.sign('sha256', data, { key: rsa, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength });
  console.log('rsa pss', saltLength, crypto.verify('sha256', data, { key: rsaPublic, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }, pss),
    crypto.verify('sha256', data, rsaPublic, pss));
}
const der = crypto.sign('sha256', data, ec);
const p1363 = crypto.sign('sha256', data, { key: ec, dsaEncoding: 'ieee-p1363' });
console.log('ecdsa', der[0] === 0x30, p1363.length, crypto.verify('sha256', data, crypto.createPublicKey(ec), der),
  crypto.verify('sha256', data, { key: ec, dsaEncoding: 'ieee-p1363' }, p1363), crypto.verify('sha256', data, ec, p1363));
const edSig = crypto.sign(null, data, ed);
console.log('ed25519', digest(edSig), crypto.verify(null, data, crypto.createPublicKey(ed), edSig), crypto.verify(undefined, data, ed, edSig.subarray(1)));

// RSA encryption.
const sealed = crypto.publicEncrypt(rsaPublic, Buffer.from('secret'));
console.log('oaep', sealed.length, crypto.privateDecrypt(rsa, sealed).toString());
const labelled = crypto.publicEncrypt({ key: rsaPem, oaepHash: 'sha256', oaepLabel: Buffer.from('label') }, Buffer.from('secret'));
console.log('oaep sha256', crypto.privateDecrypt({ key: rsa, oaepHash: 'sha256', oaepLabel: Buffer.from('label') }, labelled).toString());
attempt('oaep wrong label', () => crypto.privateDecrypt({ key: rsa, oaepHash: 'sha256' }, labelled));
const pkcs1 = crypto.publicEncrypt({ key: rsaPublic, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.from('secret'));
attempt('pkcs1 decrypt', () => crypto.privateDecrypt({ key: rsa, padding: crypto.constants.RSA_PKCS1_PADDING }, pkcs1));
const privateSealed = crypto.privateEncrypt(rsa, Buffer.from('signed text'));
console.log('private encrypt', digest(privateSealed), crypto.publicDecrypt(rsaPublic, privateSealed).toString());
attempt('too large', () => crypto.publicEncrypt(rsaPublic, Buffer.alloc(200)));

// Generation and agreement.
const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
console.log(pair.publicKey.split('\n')[0], pair.privateKey.split('\n')[0],
  crypto.verify('sha1', data, pair.publicKey, crypto.sign('sha1', data, pair.privateKey)));
for (const [type, options] of [['ec', { namedCurve: 'P-384' }], ['ed25519'], ['x25519'], ['rsa-pss', { modulusLength: 1024 }]]) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync(type, options);
  console.log(type, publicKey.type, privateKey.asymmetricKeyType, JSON.stringify(publicKey.asymmetricKeyDetails, (k, v) => typeof v === 'bigint' ? `${v}n` : v));
}
const alice = crypto.generateKeyPairSync('x25519');
const bob = crypto.generateKeyPairSync('x25519');
const ab = crypto.diffieHellman({ privateKey: alice.privateKey, publicKey: bob.publicKey });
console.log('x25519', ab.length, ab.equals(crypto.diffieHellman({ privateKey: bob.privateKey, publicKey: alice.publicKey })));
const ecPeer = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
console.log('ecdh', crypto.diffieHellman({ privateKey: ec, publicKey: ecPeer.publicKey }).length);
attempt('mixed dh', () => crypto.diffieHellman({ privateKey: ec, publicKey: bob.publicKey }));
const secret = crypto.generateKeySync('hmac', { length: 256 });
console.log('secret', secret.type, secret.symmetricKeySize, crypto.generateKeySync('aes', { length: 128 }).export().length);
crypto.generateKeyPair('ec', { namedCurve: 'P-256' }, (error, publicKey, privateKey) => {
  console.log('async pair', error, publicKey.asymmetricKeyType, privateKey.type);
});

// Bad input: Node's error codes, never a crash.
attempt('garbage pem', () => crypto.createPrivateKey('not a key'));
attempt('truncated pem', () => crypto.createPrivateKey(rsaPem.slice(0, 200) + '\n-----END RSA PRIVATE KEY-----\n'));
attempt('public as private', () => crypto.createPrivateKey(rsaPublic.export({ type: 'spki', format: 'pem' })));
attempt('sign with public', () => crypto.sign('sha256', data, rsaPublic));
attempt('bad digest', () => crypto.sign('nope', data, rsa));
attempt('bad sign digest', () => crypto.createSign('nope'));
attempt('sec1 of rsa', () => rsa.export({ type: 'sec1', format: 'der' }));
attempt('no options', () => rsa.export());
attempt('bad type', () => crypto.generateKeyPairSync('dsa-ish', {}));
attempt('no curve', () => crypto.generateKeyPairSync('ec', {}));
attempt('x25519 sign', () => crypto.sign(null, data, alice.privateKey));
attempt('bad jwk', () => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, format: 'jwk' }));
attempt('truncated sig', () => crypto.verify('sha256', data, ec, der.subarray(0, 10)));
attempt('short rsa sig', () => crypto.verify('sha256', data, rsaPublic, rsaSig.subarray(0, 100)));
