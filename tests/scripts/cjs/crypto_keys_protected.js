// Passphrase-protected private keys (PKCS#8 PBES2 and the legacy PEM encryption of PKCS#1/SEC1),
// RSA-PSS keys generated with restrictions, and the classic ECDH object.
const crypto = require('crypto');

const attempt = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (error) {
    console.log(label, 'throws', error.name, error.code);
  }
};
const data = Buffer.from('payload');

const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
for (const [type, cipher] of [['pkcs8', 'aes-256-cbc'], ['pkcs8', 'aes-128-cbc'], ['sec1', 'aes-128-cbc']]) {
  const pem = privateKey.export({ type, format: 'pem', cipher, passphrase: 'top secret' });
  console.log(type, cipher, pem.split('\n')[0], pem.includes('Proc-Type: 4,ENCRYPTED'));
  // (Node with OpenSSL 3 reports ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED; this runtime and
  // Node's documentation ERR_MISSING_PASSPHRASE.)
  attempt('  without passphrase', () => { try { crypto.createPrivateKey(pem); } catch { return 'throws'; } });
  attempt('  wrong passphrase', () => crypto.createPrivateKey({ key: pem, passphrase: 'wrong' }).type);
  const key = crypto.createPrivateKey({ key: pem, passphrase: 'top secret' });
  console.log('  decrypted', key.equals(privateKey), crypto.verify('sha384', data, publicKey, crypto.sign('sha384', data, key)));
}
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const legacy = rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: Buffer.from('pw') });
console.log('pkcs1', /DEK-Info: AES-256-CBC,[0-9A-F]{32}/.test(legacy),
  crypto.createPrivateKey({ key: legacy, passphrase: 'pw' }).equals(rsa.privateKey));
const der = rsa.privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'pw' });
console.log('pkcs8 der', crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: 'pw' }).equals(rsa.privateKey));
attempt('pkcs1 der with cipher', () => rsa.privateKey.export({ type: 'pkcs1', format: 'der', cipher: 'aes-256-cbc', passphrase: 'pw' }));

const pss = crypto.generateKeyPairSync('rsa-pss', { modulusLength: 1024, hashAlgorithm: 'sha384', saltLength: 20 });
console.log('rsa-pss', JSON.stringify(pss.publicKey.asymmetricKeyDetails, (k, v) => typeof v === 'bigint' ? `${v}n` : v));
console.log('rsa-pss sign', crypto.verify(null, data, pss.publicKey, crypto.sign(null, data, pss.privateKey)));
attempt('rsa-pss encrypt', () => crypto.publicEncrypt(pss.publicKey, data));

const alice = crypto.createECDH('prime256v1');
const bob = crypto.createECDH('prime256v1');
alice.generateKeys();
const bobPublic = bob.generateKeys('hex', 'compressed');
console.log('ecdh', bobPublic.length, alice.computeSecret(bobPublic, 'hex', 'hex') === bob.computeSecret(alice.getPublicKey()).toString('hex'));
const fixed = crypto.createECDH('prime256v1');
fixed.setPrivateKey('cafebabe'.repeat(8), 'hex');
const point = fixed.getPublicKey('hex', 'compressed');
console.log('ecdh fixed', point, fixed.getPrivateKey('hex') === 'cafebabe'.repeat(8));
console.log('convert', crypto.ECDH.convertKey(point, 'prime256v1', 'hex', 'hex', 'uncompressed') === fixed.getPublicKey('hex'),
  crypto.ECDH.convertKey(point, 'prime256v1', 'hex', 'buffer', 'hybrid')[0] >= 6);
attempt('bad curve', () => crypto.createECDH('nope'));
attempt('bad peer', () => alice.computeSecret(Buffer.from([4, 1, 2, 3])));
attempt('bad format', () => alice.getPublicKey('hex', 'sideways'));
