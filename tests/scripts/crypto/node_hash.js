// Node's createHash/createHmac/hash: digests against FIPS/RFC values, every output encoding,
// streaming in pieces, copy(), the stream side, and Node's errors.
import crypto, { createHash, createHmac, getHashes } from 'node:crypto';
import { Buffer } from 'node:buffer';

const abc = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha224: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  sha384: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  sha512: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  'sha3-256': '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532',
  'sha3-512': 'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
};
for (const [name, want] of Object.entries(abc)) {
  const got = createHash(name).update('abc').digest('hex');
  console.log(name, got === want ? 'ok' : `MISMATCH ${got}`);
}
console.log('upper-case name', createHash('SHA256').update('abc').digest('hex') === abc.sha256);
console.log('RSA- alias', createHash('RSA-SHA1').update('abc').digest('hex') === abc.sha1);

const h = createHash('sha256');
h.update('a').update(Buffer.from('b')).update(new Uint8Array([0x63]));
console.log('pieces', h.digest('hex') === abc.sha256);

for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'binary']) {
  console.log(enc, createHash('md5').update('abc').digest(enc));
}
console.log('buffer', Buffer.isBuffer(createHash('md5').update('abc').digest()));
console.log('input encodings', createHash('sha1').update('616263', 'hex').digest('hex') === abc.sha1,
  createHash('sha1').update('YWJj', 'base64').digest('hex') === abc.sha1,
  createHash('sha1').update('abc', 'latin1').digest('hex') === abc.sha1);
console.log('utf8 input', createHash('sha256').update('\u00e9\u{1F600}').digest('hex'));
console.log('utf16le input', createHash('sha256').update('hi', 'utf16le').digest('hex'));

const base = createHash('sha256').update('a');
const copy = base.copy();
copy.update('bc');
console.log('copy', copy.digest('hex') === abc.sha256, base.digest('hex') === createHash('sha256').update('a').digest('hex'));
console.log('shake256 outputLength', createHash('shake256', { outputLength: 8 }).update('').digest('hex'));

console.log('oneshot', crypto.hash('sha1', 'abc'), crypto.hash('md5', Buffer.from('abc'), 'base64'));

// RFC 4231 test case 2; RFC 2202 for MD5 and SHA-1.
console.log('hmac sha256', createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex'));
console.log('hmac md5', createHmac('md5', 'Jefe').update('what do ya want for nothing?').digest('hex'));
console.log('hmac sha1', createHmac('sha1', Buffer.from('Jefe')).update('what do ya want for nothing?').digest('base64'));
const longKey = Buffer.alloc(131, 0xaa);
console.log('hmac long key', createHmac('sha512', longKey).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex').slice(0, 32));
const secret = crypto.createSecretKey(Buffer.from('Jefe'));
console.log('hmac KeyObject', createHmac('sha256', secret).update('what do ya want for nothing?').digest('hex').slice(0, 16));
const mac = createHmac('sha256', 'k');
mac.digest();
console.log('hmac second digest', JSON.stringify(mac.digest('hex')));

function show(fn) {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(`${e.name} ${e.code} ${e.message}`);
  }
}
show(() => createHash('nope'));
show(() => createHash(42));
show(() => createHash('sha256').update(42));
show(() => { const x = createHash('sha1'); x.digest(); x.digest(); });
show(() => { const x = createHash('sha1'); x.digest(); x.update('a'); });
show(() => createHmac('nope', 'key'));
show(() => createHmac('sha256', 42));
show(() => createHash('sha256', { outputLength: -1 }));

console.log('getHashes', getHashes().includes('sha256'), getHashes().includes('sha3-512'), getHashes().includes('md5'));

// Hash objects are streams: write data in, read the digest out.
const stream = createHash('sha256');
stream.setEncoding('hex');
stream.on('data', (d) => console.log('stream digest', d === abc.sha256));
stream.write('ab');
stream.end('c');
