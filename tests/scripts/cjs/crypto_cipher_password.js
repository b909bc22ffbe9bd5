// The deprecated password-based createCipher/createDecipher: key and IV derived from the
// password (MD5, one round, no salt), so fixed passwords give fixed ciphertexts.
const crypto = require('crypto');

const warnings = [];
process.on('warning', (warning) => warnings.push(`${warning.name} ${warning.code} ${warning.message}`));

for (const [name, password] of [['aes192', 'secret'], ['aes-128-cbc', Buffer.from('pw')], ['aes256', ''],
  ['aes-256-ctr', 'counter'], ['aes-128-ecb', 'ecb']]) {
  const cipher = crypto.createCipher(name, password);
  const encrypted = cipher.update('The quick brown fox', 'utf8', 'hex') + cipher.final('hex');
  const decipher = crypto.createDecipher(name, password);
  const decrypted = decipher.update(encrypted, 'hex', 'utf8') + decipher.final('utf8');
  console.log(name, encrypted, decrypted, cipher instanceof crypto.Cipher, decipher instanceof crypto.Decipher);
}

const gcm = crypto.createCipher('aes-256-gcm', 'key');
gcm.setAAD(Buffer.from('header'));
const sealed = Buffer.concat([gcm.update('sealed text'), gcm.final()]);
const tag = gcm.getAuthTag();
console.log('gcm', sealed.toString('hex'), tag.toString('hex'));
const open = crypto.createDecipher('aes-256-gcm', 'key');
open.setAAD(Buffer.from('header'));
open.setAuthTag(tag);
console.log('gcm open', Buffer.concat([open.update(sealed), open.final()]).toString());

try {
  crypto.createCipher('aes-999-cbc', 'pw');
} catch (error) {
  console.log('unknown', error.code, error.message);
}
try {
  crypto.createCipher('aes192', 42);
} catch (error) {
  console.log('password type', error.code);
}
const wrong = crypto.createDecipher('aes192', 'not the secret');
wrong.update('868585c7ce63581d551dc3b92a83090c', 'hex');
try {
  wrong.final();
} catch (error) {
  console.log('wrong password', error.code);
}
setTimeout(() => console.log(warnings.join('\n')), 10);
