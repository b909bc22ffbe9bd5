// Classic Diffie-Hellman (createDiffieHellman, the MODP groups) and generatePrime/checkPrime:
// fixed keys give fixed secrets; generated ones are checked by their properties.
const crypto = require('crypto');

const attempt = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (error) {
    console.log(label, 'throws', error.name, error.code, error.message);
  }
};
const digest = (data) => crypto.createHash('sha256').update(data).digest('hex').slice(0, 16);

// The groups: size, generator, a digest of the prime (RFC 2409 and RFC 3526).
for (const name of ['modp1', 'modp2', 'modp5', 'modp14', 'modp15', 'modp16', 'modp17', 'modp18']) {
  const group = crypto.getDiffieHellman(name);
  console.log(name, group.getPrime().length, group.getGenerator('hex'), digest(group.getPrime()), group.verifyError);
}
const group = crypto.createDiffieHellmanGroup('modp2');
console.log('group class', group instanceof crypto.DiffieHellmanGroup, group.constructor === crypto.DiffieHellmanGroup,
  typeof group.setPrivateKey, crypto.getDiffieHellman('modp5').getPrime('hex').slice(0, 24));

// Fixed private keys on modp2: the public keys and the secret are fixed numbers.
const alice = crypto.createDiffieHellman(group.getPrime(), 2);
const bob = crypto.createDiffieHellman(group.getPrime('hex'), 'hex', Buffer.from([2]));
alice.setPrivateKey('0123456789abcdef0123456789abcdef', 'hex');
bob.setPrivateKey(Buffer.from('00fedcba9876543210fedcba9876543210', 'hex'));
console.log('bob private (no leading zero)', bob.getPrivateKey('hex'));
const alicePublic = alice.generateKeys('hex');
const bobPublic = bob.generateKeys();
console.log('alice public', digest(Buffer.from(alicePublic, 'hex')), 'bob public', digest(bobPublic));
const secret = alice.computeSecret(bobPublic);
console.log('secret', secret.length, digest(secret), secret.equals(bob.computeSecret(alicePublic, 'hex')));
console.log('secret base64 = hex', alice.computeSecret(bobPublic.toString('base64'), 'base64', 'hex') === secret.toString('hex'));
console.log('verifyError', alice.verifyError, bob.verifyError, crypto.createDiffieHellman(group.getPrime(), 3).verifyError);
console.log('set returns this', alice.setPublicKey(bobPublic) === alice, alice.getPublicKey().equals(bobPublic));

// Random keys on a group agree, and the secret is padded to the prime's length.
const one = crypto.getDiffieHellman('modp5');
const two = crypto.getDiffieHellman('modp5');
one.generateKeys();
two.generateKeys();
const shared = one.computeSecret(two.getPublicKey());
console.log('modp5 agree', shared.length, shared.equals(two.computeSecret(one.getPublicKey())),
  one.getPrivateKey().length <= 25);

// A fresh prime (a safe prime with p = 23 mod 24 for the generator 2).
const fresh = crypto.createDiffieHellman(512);
const p = BigInt(`0x${fresh.getPrime('hex')}`);
console.log('generated', fresh.getPrime().length, fresh.verifyError, p % 24n, fresh.getGenerator('hex'),
  crypto.checkPrimeSync((p - 1n) / 2n));
const peer = crypto.createDiffieHellman(fresh.getPrime(), fresh.getGenerator());
peer.generateKeys();
console.log('generated agree', fresh.generateKeys() && fresh.computeSecret(peer.getPublicKey()).equals(peer.computeSecret(fresh.getPublicKey())));

// Bad input: Node's error codes.
attempt('size 13.37', () => crypto.createDiffieHellman(13.37));
attempt('size 256', () => crypto.createDiffieHellman(256));
attempt('size 10001', () => crypto.createDiffieHellman(10001));
attempt('generator 1', () => crypto.createDiffieHellman('abcdef', 1));
attempt('generator [0]', () => crypto.createDiffieHellman('abcdef', 'hex', Buffer.from([0])));
attempt('generator true', () => crypto.createDiffieHellman('abcdef', 'hex', true));
attempt('key type', () => crypto.createDiffieHellman({}));
attempt('unknown group', () => crypto.getDiffieHellman('modp3'));
attempt('abcdef verifyError', () => crypto.createDiffieHellman('abcdef', 'hex').verifyError);
attempt('small modulus generateKeys', () => crypto.createDiffieHellman(Buffer.from([23]), 5).generateKeys());
const fixed = crypto.createDiffieHellman(group.getPrime());
attempt('no public key', () => fixed.getPublicKey());
attempt('no private key', () => fixed.getPrivateKey());
attempt('secret without private key', () => fixed.computeSecret(bobPublic));
fixed.generateKeys();
attempt('peer key 1', () => fixed.computeSecret(Buffer.from([1])));
attempt('peer key empty', () => fixed.computeSecret(''));
attempt('peer key p', () => fixed.computeSecret(group.getPrime()));

// DH KeyObjects: generateKeyPair('dh'), PKCS#8/SPKI round trips, stateless diffieHellman().
const modp5 = crypto.generateKeyPairSync('dh', { group: 'modp5' });
const byPrime = crypto.generateKeyPairSync('dh', { prime: crypto.getDiffieHellman('modp5').getPrime(), generator: 2 });
const agreed = crypto.diffieHellman({ privateKey: modp5.privateKey, publicKey: byPrime.publicKey });
console.log('dh keys', modp5.privateKey.asymmetricKeyType, modp5.publicKey.type, JSON.stringify(modp5.privateKey.asymmetricKeyDetails),
  agreed.length, agreed.equals(crypto.diffieHellman({ privateKey: byPrime.privateKey, publicKey: modp5.publicKey })));
const dhPem = modp5.privateKey.export({ type: 'pkcs8', format: 'pem' });
const dhSpki = modp5.publicKey.export({ type: 'spki', format: 'der' });
console.log('dh export', dhPem.split('\n')[0], crypto.createPrivateKey(dhPem).equals(modp5.privateKey),
  crypto.createPublicKey(dhPem).equals(modp5.publicKey),
  crypto.createPublicKey({ key: dhSpki, format: 'der', type: 'spki' }).equals(modp5.publicKey));
const other = crypto.generateKeyPairSync('dh', { group: 'modp14' });
attempt('dh mismatching groups', () => crypto.diffieHellman({ privateKey: modp5.privateKey, publicKey: other.publicKey }));
attempt('dh no options', () => crypto.generateKeyPairSync('dh', {}));
attempt('dh group and prime', () => crypto.generateKeyPairSync('dh', { group: 'modp5', prime: Buffer.from([7]) }));
attempt('dh unknown group', () => crypto.generateKeyPairSync('dh', { group: 'modp4' }));
attempt('dh jwk', () => modp5.privateKey.export({ format: 'jwk' }));
attempt('stateless array', () => crypto.diffieHellman([]));
attempt('stateless no public', () => crypto.diffieHellman({ privateKey: modp5.privateKey }));

// generatePrime / checkPrime.
const prime = crypto.generatePrimeSync(64, { bigint: true });
console.log('prime 64', typeof prime, prime.toString(2).length, crypto.checkPrimeSync(prime));
const classed = crypto.generatePrimeSync(48, { add: 12n, rem: 11n, bigint: true });
console.log('prime mod 12', classed % 12n, crypto.checkPrimeSync(classed));
const safe = crypto.generatePrimeSync(64, { safe: true });
const safeValue = BigInt(`0x${Buffer.from(safe).toString('hex')}`);
console.log('safe', safe instanceof ArrayBuffer, crypto.checkPrimeSync(safe), crypto.checkPrimeSync((safeValue - 1n) / 2n));
console.log('tiny', crypto.generatePrimeSync(3, { bigint: true }), crypto.generatePrimeSync(4, { add: 15n, rem: 13n, bigint: true }));
console.log('checkPrime', [1n, 2n, 3n, 4n, 561n, 2n ** 127n - 1n, 2n ** 128n + 1n].map((n) => crypto.checkPrimeSync(n)).join(' '));
attempt('add too large', () => crypto.generatePrimeSync(64, { add: 2n ** 64n }));
attempt('rem >= add', () => crypto.generatePrimeSync(64, { add: 7n, rem: 7n }));
attempt('negative add', () => crypto.generatePrimeSync(20, { add: -1n }));
attempt('size 0', () => crypto.generatePrimeSync(0));
attempt('checks -1', () => crypto.checkPrimeSync(7n, { checks: -1 }));
attempt('candidate string', () => crypto.checkPrimeSync('7'));
crypto.generatePrime(32, { bigint: true }, (error, value) => {
  console.log('async prime', error, typeof value, value.toString(2).length);
  crypto.checkPrime(value, (checkError, result) => console.log('async check', checkError, result));
});
