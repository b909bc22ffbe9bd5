// Node's createCipheriv/createDecipheriv: NIST SP 800-38A/D vectors, round trips in pieces,
// padding control, GCM tags and AAD, the stream side, and the errors bad input gets.
import { createCipheriv, createDecipheriv, getCiphers, getCipherInfo } from 'node:crypto';
import { Buffer } from 'node:buffer';

const hex = (s) => Buffer.from(s, 'hex');

// SP 800-38A F.2.1: CBC-AES128 encryption, two blocks, no padding.
{
  const c = createCipheriv('aes-128-cbc', hex('2b7e151628aed2a6abf7158809cf4f3c'), hex('000102030405060708090a0b0c0d0e0f'));
  c.setAutoPadding(false);
  const out = c.update('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51', 'hex', 'hex') + c.final('hex');
  console.log('cbc vector', out);
}
// SP 800-38A F.5.1: CTR-AES128.
{
  const c = createCipheriv('aes-128-ctr', hex('2b7e151628aed2a6abf7158809cf4f3c'), hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'));
  console.log('ctr vector', c.update(hex('6bc1bee22e409f96e93d7e117393172a')).toString('hex'));
}
// GCM specification test case 4 (AES-128, AAD, 60-byte plaintext).
{
  const key = hex('feffe9928665731c6d6a8f9467308308');
  const iv = hex('cafebabefacedbaddecaf888');
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const pt = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
  const c = createCipheriv('aes-128-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(pt.subarray(0, 7)), c.update(pt.subarray(7)), c.final()]);
  const tag = c.getAuthTag();
  console.log('gcm ct', ct.toString('hex').slice(0, 32), 'tag', tag.toString('hex'));
  const d = createDecipheriv('aes-128-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(tag);
  console.log('gcm round trip', Buffer.concat([d.update(ct), d.final()]).equals(pt));
  const bad = createDecipheriv('aes-128-gcm', key, iv);
  bad.setAAD(aad);
  bad.setAuthTag(Buffer.from(tag).fill(0, 0, 1));
  bad.update(ct);
  try { bad.final(); } catch (e) { console.log('gcm wrong tag:', e.message); }
  const short = createCipheriv('aes-128-gcm', key, iv, { authTagLength: 8 });
  short.update(pt);
  short.final();
  console.log('gcm 8-byte tag', short.getAuthTag().toString('hex'));
}
// Round trips of every cipher with odd-sized pieces and string encodings.
for (const name of ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-256-ecb', 'aes-256-ctr', 'aes-256-gcm', 'aes-192-gcm']) {
  const info = getCipherInfo(name);
  const key = Buffer.alloc(info.keyLength, 7);
  const iv = info.ivLength ? Buffer.alloc(info.ivLength, 9) : null;
  const text = 'The quick brown fox jumps over the lazy dog \u00e9\u00e8 '.repeat(3);
  const c = createCipheriv(name, key, iv);
  let ct = c.update(text.slice(0, 5), 'utf8', 'base64');
  ct += c.update(text.slice(5), 'utf8', 'base64');
  ct += c.final('base64');
  const d = createDecipheriv(name, key, iv);
  if (name.endsWith('gcm')) d.setAuthTag(c.getAuthTag());
  const back = d.update(ct, 'base64', 'utf8') + d.final('utf8');
  console.log(name, info.mode, info.blockSize, back === text ? 'ok' : 'MISMATCH', ct.length);
}
// Padding: a decipher holds its last block back until final(); bad padding is an OpenSSL error.
{
  const key = Buffer.alloc(16, 1), iv = Buffer.alloc(16, 2);
  const ct = Buffer.concat([createCipheriv('aes-128-cbc', key, iv).update('0123456789abcdef'), Buffer.alloc(0)]);
  console.log('first update of 16 bytes gives', ct.length, 'bytes');
  const c = createCipheriv('aes-128-cbc', key, iv);
  const full = Buffer.concat([c.update('exactly 16 bytes'), c.final()]);
  console.log('padded length', full.length);
  const d = createDecipheriv('aes-128-cbc', key, iv);
  console.log('held back', d.update(full).length, d.final().toString());
  const wrongKey = createDecipheriv('aes-128-cbc', Buffer.alloc(16, 3), iv);
  wrongKey.update(full);
  try { wrongKey.final(); } catch (e) { console.log(e.code, e.reason, e.message); }
  const noPad = createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
  noPad.update('odd');
  try { noPad.final(); } catch (e) { console.log(e.code, e.message); }
}

function show(fn) {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(`${e.name} ${e.code} ${e.message}`);
  }
}
show(() => createCipheriv('aes-128-cbc', Buffer.alloc(15), Buffer.alloc(16)));
show(() => createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(15)));
show(() => createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(0)));
show(() => createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12), { authTagLength: 7 }));
show(() => createCipheriv('aes-128-xyz', Buffer.alloc(16), null));
show(() => createCipheriv('aes-128-cbc', 42, Buffer.alloc(16)));
show(() => createDecipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)).setAuthTag(Buffer.alloc(5)));
show(() => { const c = createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)); c.getAuthTag(); });
show(() => { const c = createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)); c.update('x'); c.setAAD(Buffer.alloc(1)); });
show(() => { const c = createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16)); c.final(); c.update('x'); });
show(() => { const d = createDecipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)); d.update('x'); d.final(); });

const names = getCiphers();
console.log('getCiphers', names.includes('aes-256-gcm'), names.includes('aes-128-cbc'), names.includes('aes-256-ctr'));
console.log('cipher info', JSON.stringify(getCipherInfo('aes-256-gcm')), getCipherInfo('nope'));

// A Cipheriv is a stream: pipe plaintext through it.
const streamCipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 5), Buffer.alloc(16, 6));
const parts = [];
streamCipher.on('data', (chunk) => parts.push(chunk));
streamCipher.on('end', () => {
  const d = createDecipheriv('aes-128-ctr', Buffer.alloc(16, 5), Buffer.alloc(16, 6));
  console.log('stream round trip', d.update(Buffer.concat(parts)).toString());
});
streamCipher.write('streamed ');
streamCipher.end('text');
