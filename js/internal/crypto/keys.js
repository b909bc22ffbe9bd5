// Node's asymmetric crypto: KeyObject (secret, public, private), createPrivateKey/PublicKey/
// SecretKey, key export (PEM, DER, JWK), generateKeyPair(Sync)/generateKey(Sync), sign/verify
// and createSign/createVerify, publicEncrypt and its three siblings, diffieHellman and ECDH.
// The key material lives in native handles (`_boa:crypto`, builtins/src/node/crypto_keys.rs);
// this file reads PEM armour and options and keeps Node's object model. See docs/crypto.md.
import * as binding from '_boa:crypto';
import { Buffer } from 'buffer';
import { codes, describeReceived } from 'internal/errors';

export const kKeyHandle = Symbol('kKeyHandle');
const kKeyType = Symbol('kKeyType');
// An RSA-PSS key's restrictions from generateKeyPair ({ hashAlgorithm, mgf1HashAlgorithm,
// saltLength }): kept with the KeyObject (not written into its PKCS#8/SPKI encoding).
const kPssParams = Symbol('kPssParams');

function coded(error, code) {
  Object.defineProperty(error, 'code', { value: code, writable: true, enumerable: false, configurable: true });
  return error;
}

function cryptoError(Kind, code, message) {
  return coded(new Kind(message), code);
}

function invalidArgType(name, expected, value) {
  return new codes.ERR_INVALID_ARG_TYPE(name, expected, value);
}

function invalidProperty(name, value, reason = 'is invalid') {
  const shown = typeof value === 'string' ? `'${value}'` : describeReceived(value).replace(/^Received /, '');
  return cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' ${reason}. Received ${shown}`);
}

function isBinary(value) {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer);
}

function bytesOf(value, encoding) {
  if (typeof value === 'string') return Buffer.from(value, encoding);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function unsupportedDecoder() {
  const error = cryptoError(Error, 'ERR_OSSL_UNSUPPORTED', 'error:1E08010C:DECODER routines::unsupported');
  error.library = 'DECODER routines';
  error.reason = 'unsupported';
  return error;
}

function later(fn) {
  (typeof setImmediate === 'function' ? setImmediate : setTimeout)(fn);
}

// ---------------------------------------------------------------------------------------------
// PEM

const kPemLabels = {
  'PRIVATE KEY': ['private', 'pkcs8'],
  'RSA PRIVATE KEY': ['private', 'pkcs1'],
  'EC PRIVATE KEY': ['private', 'sec1'],
  'PUBLIC KEY': ['public', 'spki'],
  'RSA PUBLIC KEY': ['public', 'pkcs1'],
  // A certificate gives its subject's public key.
  'CERTIFICATE': ['public', 'x509'],
};

/** The first PEM block of `text`: { kind, format, der }, or null when there is none. */
function readPem(text) {
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (!begin) return null;
  const label = begin[1];
  const endMarker = `-----END ${label}-----`;
  const end = text.indexOf(endMarker, begin.index);
  if (end < 0) return null;
  const body = text.slice(begin.index + begin[0].length, end);
  const known = label === 'ENCRYPTED PRIVATE KEY' ? ['private', 'pkcs8'] : kPemLabels[label];
  if (!known) throw unsupportedDecoder();
  const lines = body.split(/\r?\n/);
  const base64 = lines.filter((line) => !line.includes(':')).join('').replace(/\s+/g, '');
  let encrypted = label === 'ENCRYPTED PRIVATE KEY' ? 'pkcs8' : null;
  const dekInfo = /^DEK-Info:\s*([A-Za-z0-9-]+),([0-9A-Fa-f]+)/m.exec(body);
  if (dekInfo && /Proc-Type:\s*4,ENCRYPTED/.test(body)) encrypted = { cipher: dekInfo[1].toLowerCase(), iv: Buffer.from(dekInfo[2], 'hex') };
  return { kind: known[0], format: known[1], der: Buffer.from(base64, 'base64'), encrypted };
}

// Passphrase-protected keys: PKCS#8 (PBES2, natively) and the legacy PEM encryption of PKCS#1 and
// SEC1 keys (OpenSSL's EVP_BytesToKey with MD5 over passphrase and IV, then AES-CBC).

// What Node 20 (OpenSSL 3) reports for an encrypted key read without a passphrase.
function missingPassphrase() {
  const error = cryptoError(Error, 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED',
    'error:07880109:common libcrypto routines::interrupted or cancelled');
  error.library = 'common libcrypto routines';
  error.reason = 'interrupted or cancelled';
  return error;
}

/** binding.keyParse, with a key it cannot read reported from here (as Node sets the fields). */
function parseKey(kind, der, format) {
  try {
    return binding.keyParse(kind, der, format);
  } catch (error) {
    if (error && error.code === 'ERR_OSSL_UNSUPPORTED') throw unsupportedDecoder();
    throw error;
  }
}

function passphraseBytes(passphrase) {
  if (typeof passphrase === 'string') return Buffer.from(passphrase);
  if (isBinary(passphrase)) return Buffer.from(bytesOf(passphrase));
  throw invalidArgType('passphrase', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], passphrase);
}

function legacyKey(passphrase, salt, length) {
  let key = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (key.length < length) {
    const hash = binding.hashNew('md5');
    binding.hashUpdate(hash, Buffer.concat([block, passphrase, salt]));
    block = Buffer.from(binding.hashDigest(hash));
    key = Buffer.concat([key, block]);
  }
  return key.subarray(0, length);
}

function aesCbcKeyLength(cipher) {
  const match = /^aes-?(128|192|256)-cbc$/.exec(String(cipher).toLowerCase());
  if (!match) throw cryptoError(TypeError, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
  return Number(match[1]) / 8;
}

function legacyCrypt(encrypt, cipher, passphrase, iv, data) {
  const length = aesCbcKeyLength(cipher);
  const handle = binding.cipherNew(`aes-${length * 8}-cbc`, legacyKey(passphrase, iv.subarray(0, 8), length), iv, encrypt, 16);
  return Buffer.concat([Buffer.from(binding.cipherUpdate(handle, data)), Buffer.from(binding.cipherFinal(handle))]);
}

/** The plain DER of a PEM block, decrypted with `passphrase` when it is encrypted. */
function pemDer(pem, passphrase) {
  if (!pem.encrypted) return pem.der;
  if (passphrase === undefined || passphrase === null) throw missingPassphrase();
  const secret = passphraseBytes(passphrase);
  if (pem.encrypted === 'pkcs8') return binding.pkcs8Decrypt(pem.der, secret);
  return legacyCrypt(false, pem.encrypted.cipher, secret, pem.encrypted.iv, pem.der);
}

function writePem(der, label) {
  const base64 = Buffer.from(der).toString('base64');
  let out = `-----BEGIN ${label}-----\n`;
  for (let i = 0; i < base64.length; i += 64) out += base64.slice(i, i + 64) + '\n';
  return out + `-----END ${label}-----\n`;
}

// ---------------------------------------------------------------------------------------------
// KeyObject

export class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' is invalid. Received '${type}'`);
    }
    if (typeof handle !== 'object' || handle === null) throw invalidArgType('handle', 'object', handle);
    this[kKeyType] = type;
    this[kKeyHandle] = handle;
  }

  get type() {
    return this[kKeyType];
  }

  equals(otherKeyObject) {
    if (!(otherKeyObject instanceof KeyObject)) throw invalidArgType('otherKeyObject', 'KeyObject', otherKeyObject);
    if (otherKeyObject.type !== this.type) return false;
    if (this.type === 'secret') {
      const a = this[kKeyHandle];
      const b = otherKeyObject[kKeyHandle];
      return a.byteLength === b.byteLength && binding.timingSafeEqual(a, b);
    }
    return binding.keyEquals(this[kKeyHandle], otherKeyObject[kKeyHandle]);
  }

  static from(key) {
    const CryptoKey = globalThis.CryptoKey;
    if (typeof CryptoKey !== 'function' || !(key instanceof CryptoKey)) throw invalidArgType('key', 'CryptoKey', key);
    if (key.type !== 'secret') {
      throw cryptoError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'Converting asymmetric CryptoKeys is not supported');
    }
    return new SecretKeyObject(new Uint8Array(binding.secretKeyBytes(key)));
  }
}

Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: 'KeyObject', configurable: true });

export class SecretKeyObject extends KeyObject {
  constructor(bytes) {
    super('secret', bytes);
  }

  get symmetricKeySize() {
    return this[kKeyHandle].byteLength;
  }

  export(options) {
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null) throw invalidArgType('options', 'object', options);
      if (options.format === 'jwk') return { kty: 'oct', k: Buffer.from(this[kKeyHandle]).toString('base64url') };
      if (options.format !== undefined && options.format !== 'buffer') {
        throw invalidProperty('options.format', options.format, "must be one of: 'buffer', 'jwk'");
      }
    }
    return Buffer.from(this[kKeyHandle]);
  }
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    return binding.keyDetails(this[kKeyHandle]).type;
  }

  get asymmetricKeyDetails() {
    const details = binding.keyDetails(this[kKeyHandle]);
    if (details.modulusLength !== undefined) {
      return { modulusLength: details.modulusLength, publicExponent: BigInt(`0x${details.publicExponent}`), ...this[kPssParams] };
    }
    if (details.namedCurve !== undefined) return { namedCurve: details.namedCurve };
    return {};
  }

  /** Export in `options.format` ('pem', 'der', 'jwk') and `options.type`. */
  exportKey(options, types, labels) {
    if (typeof options !== 'object' || options === null) throw invalidArgType('options', 'object', options);
    const { format, type } = options;
    if (format === 'jwk') return jwkOf(this[kKeyHandle]);
    if (format !== 'pem' && format !== 'der') throw invalidProperty('options.format', format);
    if (!types.includes(type)) throw invalidProperty('options.type', type);
    if (type === 'pkcs1' && this.asymmetricKeyType !== 'rsa') {
      throw cryptoError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding pkcs1 can only be used for RSA keys.');
    }
    if (type === 'sec1' && this.asymmetricKeyType !== 'ec') {
      throw cryptoError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 can only be used for EC keys.');
    }
    const der = binding.keyExport(this[kKeyHandle], type);
    return format === 'der' ? Buffer.from(der) : writePem(der, labels[type]);
  }
}

export class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('public', handle);
  }

  export(options) {
    return this.exportKey(options, ['spki', 'pkcs1'], { spki: 'PUBLIC KEY', pkcs1: 'RSA PUBLIC KEY' });
  }
}

export class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('private', handle);
  }

  export(options) {
    const labels = { pkcs8: 'PRIVATE KEY', pkcs1: 'RSA PRIVATE KEY', sec1: 'EC PRIVATE KEY' };
    if (options && options.format === 'jwk' && options.passphrase !== undefined) {
      throw cryptoError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding jwk does not support encryption.');
    }
    if (!options || options.format === 'jwk' || options.cipher === undefined) {
      return this.exportKey(options, ['pkcs8', 'pkcs1', 'sec1'], labels);
    }
    const { cipher, passphrase, type, format } = options;
    if (typeof cipher !== 'string') throw invalidProperty('options.cipher', cipher);
    if (passphrase === undefined) throw invalidProperty('options.passphrase', passphrase);
    const secret = passphraseBytes(passphrase);
    const length = aesCbcKeyLength(cipher);
    const der = Buffer.from(bytesOf(this.exportKey({ type, format: 'der' }, ['pkcs8', 'pkcs1', 'sec1'], labels)));
    if (type === 'pkcs8') {
      const sealed = Buffer.from(binding.pkcs8Encrypt(der, length, secret));
      return format === 'der' ? sealed : writePem(sealed, 'ENCRYPTED PRIVATE KEY');
    }
    if (format !== 'pem') {
      throw cryptoError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', `The selected key encoding ${type} does not support encryption.`);
    }
    const iv = Buffer.alloc(16);
    binding.randomFill(iv, 0, 16);
    const sealed = legacyCrypt(true, cipher, secret, iv, der);
    const pem = writePem(sealed, labels[type]);
    const header = `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-${length * 8}-CBC,${iv.toString('hex').toUpperCase()}\n\n`;
    return pem.replace('-----\n', `-----\n${header}`);
  }
}

function jwkOf(handle) {
  const fields = binding.keyJwk(handle);
  const jwk = {};
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    jwk[name] = typeof value === 'string' ? value : Buffer.from(value).toString('base64url');
  }
  return jwk;
}

function jwkHandle(kind, jwk) {
  if (typeof jwk !== 'object' || jwk === null) throw invalidArgType('key.key', 'object', jwk);
  if (typeof jwk.kty !== 'string') throw invalidArgType('key.kty', 'string', jwk.kty);
  const decoded = { kty: jwk.kty, crv: jwk.crv };
  for (const name of ['n', 'e', 'd', 'p', 'q', 'x', 'y']) {
    if (jwk[name] !== undefined) {
      if (typeof jwk[name] !== 'string') {
        throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_JWK', `Invalid JWK ${jwk.kty} key`);
      }
      decoded[name] = Buffer.from(jwk[name], 'base64url');
    }
  }
  return binding.keyFromJwk(kind, decoded);
}

/**
 * The native handle of a key argument for an operation needing `kind` ('private' or 'public';
 * a public operation also takes a private key): a KeyObject, PEM text, DER/PEM bytes, or
 * `{ key, format, type, encoding }` (format 'pem', 'der' or 'jwk').
 */
function keyHandle(key, kind, name = 'key') {
  let format;
  let type;
  let encoding;
  let passphrase;
  let data = key;
  if (typeof key === 'object' && key !== null && !(key instanceof KeyObject) && !isBinary(key)) {
    if (isCryptoKeyValue(key)) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received an instance of CryptoKey`);
    }
    ({ format, type, encoding, passphrase } = key);
    data = key.key;
  }
  if (data instanceof KeyObject) {
    if (data.type === 'secret' || (kind === 'private' && data.type !== 'private')) {
      throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
        `Invalid key object type ${data.type}, expected ${kind}.`);
    }
    return data[kKeyHandle];
  }
  if (format === 'jwk') return jwkHandle(kind, data);
  if (typeof data !== 'string' && !isBinary(data)) {
    throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], data);
  }
  if (format === 'der') {
    const allowed = kind === 'private' ? ['pkcs8', 'pkcs1', 'sec1'] : ['spki', 'pkcs1', 'pkcs8', 'sec1'];
    if (!allowed.includes(type)) throw invalidProperty('options.type', type);
    let bytes = bytesOf(data, encoding);
    if (type === 'pkcs8') {
      // An EncryptedPrivateKeyInfo needs the passphrase; a plain PrivateKeyInfo reads as it is.
      const secret = passphrase === undefined || passphrase === null ? null : passphraseBytes(passphrase);
      try {
        bytes = binding.pkcs8Decrypt(bytes, secret ?? Buffer.alloc(0));
      } catch (error) {
        if (error.code !== 'ERR_OSSL_UNSUPPORTED') {
          // Node recognises an encrypted DER PKCS#8 itself (OpenSSL is asked only for PEM).
          if (secret === null) {
            throw cryptoError(TypeError, 'ERR_MISSING_PASSPHRASE', 'Passphrase required for encrypted key');
          }
          throw error;
        }
      }
    }
    if (kind === 'public' && (type === 'pkcs8' || type === 'sec1')) {
      return binding.keyToPublic(parseKey('private', bytes, type));
    }
    return parseKey(kind, bytes, type);
  }
  if (format !== undefined && format !== 'pem') throw invalidProperty('options.format', format);
  const text = typeof data === 'string' && (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8')
    ? data : Buffer.from(bytesOf(data, encoding)).toString('latin1');
  const pem = readPem(text);
  if (!pem) throw unsupportedDecoder();
  if (kind === 'private' && pem.kind !== 'private') throw unsupportedDecoder();
  const der = pemDer(pem, passphrase);
  if (kind === 'public' && pem.kind === 'private') {
    return binding.keyToPublic(parseKey('private', der, pem.format));
  }
  return parseKey(pem.kind, der, pem.format);
}

function isCryptoKeyValue(value) {
  return typeof globalThis.CryptoKey === 'function' && value instanceof globalThis.CryptoKey;
}

export function createPrivateKey(key) {
  if (key instanceof KeyObject) {
    throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  return new PrivateKeyObject(keyHandle(key, 'private'));
}

export function createPublicKey(key) {
  if (key instanceof KeyObject && key.type !== 'private') {
    throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected private.`);
  }
  const publicKey = new PublicKeyObject(binding.keyToPublic(keyHandle(key, 'public')));
  if (key instanceof KeyObject && key[kPssParams]) publicKey[kPssParams] = key[kPssParams];
  return publicKey;
}

export function createSecretKey(key, encoding) {
  if (typeof key !== 'string' && !isBinary(key)) {
    throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  return new SecretKeyObject(new Uint8Array(bytesOf(key, encoding)));
}

// ---------------------------------------------------------------------------------------------
// Key generation

const kKeyTypes = ['rsa', 'rsa-pss', 'ec', 'ed25519', 'x25519', 'dh'];

function encodeKeyPair(handle, options, pssParams) {
  const privateKey = new PrivateKeyObject(handle);
  const publicKey = new PublicKeyObject(binding.keyToPublic(handle));
  if (pssParams) {
    privateKey[kPssParams] = pssParams;
    publicKey[kPssParams] = pssParams;
  }
  const { publicKeyEncoding, privateKeyEncoding } = options || {};
  return {
    publicKey: publicKeyEncoding ? publicKey.export(publicKeyEncoding) : publicKey,
    privateKey: privateKeyEncoding ? privateKey.export(privateKeyEncoding) : privateKey,
  };
}

function checkEncoding(encoding, name) {
  if (encoding === undefined) return;
  if (typeof encoding !== 'object' || encoding === null) throw invalidArgType(`options.${name}`, 'object', encoding);
}

function generateHandle(type, options) {
  if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
  // Types Node has and this runtime does not (DSA, Ed448, X448) fail after the options check.
  const unavailable = ['dsa', 'ed448', 'x448'].includes(type);
  if (!kKeyTypes.includes(type) && !unavailable) {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received '${type}'`);
  }
  // The types with parameters need options; the others take none but refuse a non-object.
  const needsOptions = ['rsa', 'rsa-pss', 'dsa', 'ec', 'dh'].includes(type);
  if ((options !== undefined || needsOptions) && (typeof options !== 'object' || options === null)) {
    throw invalidArgType('options', 'object', options);
  }
  if (unavailable) throw cryptoError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', `Key type ${type} is not available in this runtime`);
  const opts = options || {};
  checkEncoding(opts.publicKeyEncoding, 'publicKeyEncoding');
  checkEncoding(opts.privateKeyEncoding, 'privateKeyEncoding');
  if (type === 'rsa' || type === 'rsa-pss') {
    const { modulusLength, publicExponent = 0x10001 } = opts;
    if (typeof modulusLength !== 'number') throw invalidArgType('options.modulusLength', 'number', modulusLength);
    if (!Number.isInteger(modulusLength) || modulusLength < 0 || modulusLength > 2 ** 32 - 1) {
      throw cryptoError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.modulusLength" is out of range. It must be >= 0 && <= 4294967295. Received ${modulusLength}`);
    }
    if (typeof publicExponent !== 'number') throw invalidArgType('options.publicExponent', 'number', publicExponent);
    return binding.keyGenerate(type, modulusLength, publicExponent, '');
  }
  if (type === 'dh') return generateDhHandle(opts);
  if (type === 'ec') {
    const { namedCurve, paramEncoding } = opts;
    if (typeof namedCurve !== 'string') throw invalidArgType('options.namedCurve', 'string', namedCurve);
    if (paramEncoding !== undefined && paramEncoding !== 'named' && paramEncoding !== 'explicit') {
      throw invalidProperty('options.paramEncoding', paramEncoding);
    }
    const jwkOutput = [opts.publicKeyEncoding, opts.privateKeyEncoding].some((e) => e && e.format === 'jwk');
    // A curve OpenSSL has but JWK does not name is refused for JWK output before anything else.
    if (jwkOutput && /^(secp|sect|prime|brainpool|c2[pt]nb|wap-wsg|Oakley)/.test(namedCurve) &&
        !['prime256v1', 'secp256r1', 'secp384r1', 'secp521r1', 'secp256k1'].includes(namedCurve)) {
      throw cryptoError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_CURVE', `Unsupported JWK EC curve: ${namedCurve}.`);
    }
    if (!['prime256v1', 'P-256', 'secp256r1', 'secp384r1', 'P-384'].includes(namedCurve)) {
      throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    }
    return binding.keyGenerate(type, 0, 0, namedCurve);
  }
  return binding.keyGenerate(type, 0, 0, '');
}

/** A DH key pair's handle from { group } or { prime | primeLength[, generator] }. */
function generateDhHandle(options) {
  const { group, prime, primeLength } = options;
  let { generator } = options;
  if (group !== undefined) {
    for (const other of ['prime', 'primeLength', 'generator']) {
      if (options[other] !== undefined) {
        throw cryptoError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', `Option "group" cannot be used in combination with option "${other}"`);
      }
    }
    if (typeof group !== 'string') throw invalidArgType('options.group', 'string', group);
    const known = binding.dhGroup(group);
    if (!known) throw cryptoError(Error, 'ERR_CRYPTO_UNKNOWN_DH_GROUP', 'Unknown DH group');
    return binding.dhKeyGenerate(known[0], new Uint8Array([2]), known[1]);
  }
  if (prime !== undefined && primeLength !== undefined) {
    throw cryptoError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "prime" cannot be used in combination with option "primeLength"');
  }
  if (generator === undefined) generator = 2;
  if (!Number.isInteger(generator)) throw invalidArgType('options.generator', 'number', generator);
  if (generator < 2) throw cryptoError(Error, 'ERR_OSSL_DH_BAD_GENERATOR', 'error:02800065:Diffie-Hellman routines::bad generator');
  let primeBytes;
  if (prime !== undefined) {
    if (!isBinary(prime)) throw invalidArgType('options.prime', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], prime);
    primeBytes = bytesOf(prime);
  } else if (primeLength !== undefined) {
    if (typeof primeLength !== 'number') throw invalidArgType('options.primeLength', 'number', primeLength);
    if (!Number.isInteger(primeLength) || primeLength < 0 || primeLength > 2 ** 31 - 1) {
      throw cryptoError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.primeLength" is out of range. It must be >= 0 && <= 2147483647. Received ${primeLength}`);
    }
    if (primeLength < 512) {
      throw cryptoError(Error, 'ERR_OSSL_DH_MODULUS_TOO_SMALL', 'error:0280007E:Diffie-Hellman routines::modulus too small');
    }
    if (primeLength > 10000) {
      throw cryptoError(Error, 'ERR_OSSL_DH_MODULUS_TOO_LARGE', 'error:02800067:Diffie-Hellman routines::modulus too large');
    }
    primeBytes = new Uint8Array(binding.dhGeneratePrime(primeLength, generator));
  } else {
    throw cryptoError(TypeError, 'ERR_MISSING_OPTION', 'At least one of the group, prime, or primeLength options is required');
  }
  const generatorBytes = [];
  for (let g = generator; g > 0; g = Math.floor(g / 256)) generatorBytes.unshift(g % 256);
  return binding.dhKeyGenerate(primeBytes, new Uint8Array(generatorBytes), 0);
}

const kDigestLengths = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };
const warned = new Set();

/** RSA-PSS restrictions asked of generateKeyPair (with Node's deprecated spellings). */
function pssParams(type, options) {
  if (type !== 'rsa-pss' || !options) return undefined;
  let { hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
  for (const [old, name] of [['hash', 'hashAlgorithm'], ['mgf1Hash', 'mgf1HashAlgorithm']]) {
    if (options[old] === undefined) continue;
    if (!warned.has(old)) {
      warned.add(old);
      process.emitWarning(`"options.${old}" is deprecated, use "options.${name}" instead.`, 'DeprecationWarning', 'DEP0154');
    }
    if (options[name] !== undefined && options[name] !== options[old]) {
      throw invalidProperty(`options.${old}`, options[old]);
    }
    if (name === 'hashAlgorithm') hashAlgorithm = options[old];
    else mgf1HashAlgorithm = options[old];
  }
  if (hashAlgorithm === undefined && mgf1HashAlgorithm === undefined && saltLength === undefined) return undefined;
  if (hashAlgorithm !== undefined && typeof hashAlgorithm !== 'string') throw invalidArgType('options.hashAlgorithm', 'string', hashAlgorithm);
  if (mgf1HashAlgorithm !== undefined && typeof mgf1HashAlgorithm !== 'string') {
    throw invalidArgType('options.mgf1HashAlgorithm', 'string', mgf1HashAlgorithm);
  }
  if (saltLength !== undefined && (!Number.isInteger(saltLength) || saltLength < 0)) {
    throw cryptoError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.saltLength" is out of range. It must be >= 0 && <= 2147483647. Received ${saltLength}`);
  }
  const hash = (hashAlgorithm ?? 'sha1').toLowerCase();
  if (!(hash in kDigestLengths)) throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid MGF1 digest: ${hash}`);
  return {
    hashAlgorithm: hash,
    mgf1HashAlgorithm: (mgf1HashAlgorithm ?? hash).toLowerCase(),
    saltLength: saltLength ?? kDigestLengths[hash],
  };
}

export function generateKeyPairSync(type, options) {
  const params = pssParams(type, options);
  return encodeKeyPair(generateHandle(type, options), options, params);
}

export function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  const params = pssParams(type, options);
  const handle = generateHandle(type, options);
  later(() => {
    let pair;
    try {
      pair = encodeKeyPair(handle, options, params);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, pair.publicKey, pair.privateKey);
  });
}

// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }, as in Node.
Object.defineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.custom'), {
  value: function generateKeyPairPromise(type, options) {
    return new Promise((resolve, reject) => {
      generateKeyPair(type, options, (error, publicKey, privateKey) => {
        if (error) reject(error);
        else resolve({ publicKey, privateKey });
      });
    });
  },
  enumerable: false, writable: false, configurable: true,
});

function secretKeyLength(type, options) {
  if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw invalidArgType('options', 'object', options);
  const { length } = options;
  if (type === 'hmac') {
    if (typeof length !== 'number') throw invalidArgType('options.length', 'number', length);
    if (!Number.isInteger(length) || length < 8 || length > 2 ** 31 - 1) {
      throw cryptoError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.length" is out of range. It must be >= 8 && <= 2147483647. Received ${length}`);
    }
    return Math.floor(length / 8);
  }
  if (type === 'aes') {
    if (![128, 192, 256].includes(length)) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.length' must be one of: 128, 192, 256. Received ${describeReceived(length).replace(/^Received (type \w+ \()?/, '').replace(/\)$/, '')}`);
    }
    return length / 8;
  }
  throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received '${type}'`);
}

function randomSecret(bytes) {
  const out = new Uint8Array(bytes);
  binding.randomFill(out, 0, bytes);
  return new SecretKeyObject(out);
}

export function generateKeySync(type, options) {
  return randomSecret(secretKeyLength(type, options));
}

export function generateKey(type, options, callback) {
  const bytes = secretKeyLength(type, options);
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  later(() => callback(null, randomSecret(bytes)));
}

// ---------------------------------------------------------------------------------------------
// Signatures

const kPssPadding = 6;

function signOptions(key) {
  const options = typeof key === 'object' && key !== null && !(key instanceof KeyObject) && !isBinary(key) ? key : {};
  const keyObject = key instanceof KeyObject ? key : options.key instanceof KeyObject ? options.key : null;
  const params = keyObject && keyObject[kPssParams];
  const { padding, saltLength = params ? params.saltLength : undefined, dsaEncoding = 'der' } = options;
  if (dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') throw invalidProperty('options.dsaEncoding', dsaEncoding);
  if (padding !== undefined && !Number.isInteger(padding)) throw invalidProperty('options.padding', padding);
  if (saltLength !== undefined && !Number.isInteger(saltLength)) throw invalidProperty('options.saltLength', saltLength);
  if (padding !== undefined && padding !== kPssPadding && (params || padding !== 1)) {
    throw cryptoError(Error, 'ERR_OSSL_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE', 'error:1C8000A5:Provider routines::illegal or unsupported padding mode');
  }
  let salt = null;
  if (padding === kPssPadding) salt = saltLength ?? -2;
  else if (padding === undefined && saltLength !== undefined) salt = saltLength;
  return { salt, p1363: dsaEncoding === 'ieee-p1363', digest: params ? params.hashAlgorithm : null };
}

function checkDigest(algorithm) {
  if (algorithm === null || algorithm === undefined) return null;
  if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'string', algorithm);
  return algorithm;
}

function dataBytes(data, name, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding);
  if (!ArrayBuffer.isView(data)) throw invalidArgType(name, ['Buffer', 'TypedArray', 'DataView'], data);
  return data;
}

/** `run()`'s result at once without a callback; otherwise `callback(error, result)` later. */
function nowOrLater(run, callback) {
  if (callback === undefined) return run();
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  later(() => {
    let result;
    try { result = run(); } catch (error) { callback(error); return; }
    callback(null, result);
  });
  return undefined;
}

export function sign(algorithm, data, key, callback) {
  const digest = checkDigest(algorithm);
  const bytes = dataBytes(data, 'data');
  if (key === undefined || key === null) throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
  const { salt, p1363, digest: keyDigest } = signOptions(key);
  const handle = keyHandle(key, 'private');
  const run = () => Buffer.from(binding.keySign(handle, digest ?? keyDigest, bytes, salt, p1363));
  return nowOrLater(run, callback);
}

export function verify(algorithm, data, key, signature, callback) {
  const digest = checkDigest(algorithm);
  const bytes = dataBytes(data, 'data');
  if (key === undefined || key === null) throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
  const sig = dataBytes(signature, 'signature');
  const { salt, p1363, digest: keyDigest } = signOptions(key);
  const handle = keyHandle(key, 'public');
  const run = () => binding.keyVerify(handle, digest ?? keyDigest, bytes, sig, salt, p1363);
  return nowOrLater(run, callback);
}

function invalidDigest() {
  return cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
}

/** The data of a Sign/Verify, gathered as chunks: the signature is one-shot at the end. */
function initSign(object, algorithm, options) {
  if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'string', algorithm);
  if (!binding.hashNew(algorithm)) throw invalidDigest();
  object._algorithm = algorithm;
  object._chunks = [];
  object._options = options;
}

const signMethods = {
  update(data, encoding) {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    }
    this._chunks.push(Buffer.from(typeof data === 'string' ? Buffer.from(data, encoding === 'buffer' ? 'utf8' : encoding) : bytesOf(data)));
    return this;
  },

  write(chunk, encoding, callback) {
    this.update(chunk, typeof encoding === 'string' ? encoding : undefined);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') later(done);
    return true;
  },

  end(chunk, encoding, callback) {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') this.write(chunk, encoding);
    const done = [chunk, encoding, callback].find((f) => typeof f === 'function');
    if (done) later(done);
    return this;
  },
};

function gathered(object) {
  return Buffer.concat(object._chunks);
}

// Callable with or without `new`, as Node's.
export function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  initSign(this, algorithm, options);
}
Object.assign(Sign.prototype, signMethods);
Sign.prototype.sign = function sign(privateKey, outputEncoding) {
  if (privateKey === undefined || privateKey === null) throw cryptoError(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
  const { salt, p1363 } = signOptions(privateKey);
  const handle = keyHandle(privateKey, 'private', 'privateKey');
  const signature = Buffer.from(binding.keySign(handle, this._algorithm, gathered(this), salt, p1363));
  return outputEncoding && outputEncoding !== 'buffer' ? signature.toString(outputEncoding) : signature;
};

export function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  initSign(this, algorithm, options);
}
Object.assign(Verify.prototype, signMethods);
Verify.prototype.verify = function verify(object, signature, sigEncoding) {
  const { salt, p1363 } = signOptions(object);
  const handle = keyHandle(object, 'public', 'object');
  const sig = typeof signature === 'string' ? Buffer.from(signature, sigEncoding) : dataBytes(signature, 'signature');
  return binding.keyVerify(handle, this._algorithm, gathered(this), sig, salt, p1363);
};

export function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

export function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

// ---------------------------------------------------------------------------------------------
// RSA encryption

function rsaCrypt(operation, kind, defaultPadding) {
  return function (key, buffer) {
    const options = typeof key === 'object' && key !== null && !(key instanceof KeyObject) && !isBinary(key) ? key : {};
    const { padding = defaultPadding, oaepHash, oaepLabel, encoding } = options;
    if (oaepHash !== undefined && typeof oaepHash !== 'string') throw invalidArgType('key.oaepHash', 'string', oaepHash);
    if (oaepLabel !== undefined && !isBinary(oaepLabel)) {
      throw invalidArgType('key.oaepLabel', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], oaepLabel);
    }
    if (operation === 'privateDecrypt' && padding === 1) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', 'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
    }
    const handle = keyHandle(key, kind);
    const data = typeof buffer === 'string' ? Buffer.from(buffer, encoding)
      : buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : dataBytes(buffer, 'buffer');
    return Buffer.from(binding.keyCrypt(operation, handle, data, padding, oaepHash ?? null, oaepLabel ? bytesOf(oaepLabel) : null));
  };
}

export const publicEncrypt = rsaCrypt('publicEncrypt', 'public', 4);
export const privateDecrypt = rsaCrypt('privateDecrypt', 'private', 4);
export const privateEncrypt = rsaCrypt('privateEncrypt', 'private', 1);
export const publicDecrypt = rsaCrypt('publicDecrypt', 'public', 1);

// ---------------------------------------------------------------------------------------------
// Key agreement

export function diffieHellman(options) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgType('options', 'object', options);
  }
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw invalidProperty('options.privateKey', privateKey);
  if (!(publicKey instanceof KeyObject)) throw invalidProperty('options.publicKey', publicKey);
  if (privateKey.type !== 'private') {
    throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${privateKey.type}, expected private.`);
  }
  if (publicKey.type !== 'public' && publicKey.type !== 'private') {
    throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${publicKey.type}, expected public.`);
  }
  const a = privateKey.asymmetricKeyType;
  const b = publicKey.asymmetricKeyType;
  if (a !== b) {
    throw cryptoError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', `Incompatible key types for Diffie-Hellman: ${a} and ${b}`);
  }
  return Buffer.from(binding.keyAgree(privateKey[kKeyHandle], publicKey[kKeyHandle]));
}

// ---------------------------------------------------------------------------------------------
// ECDH (the classic object API, on the same EC keys)

const kEcdhCurves = ['prime256v1', 'secp384r1'];

function invalidCurve() {
  return cryptoError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
}

function encodeOut(buffer, encoding) {
  return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
}

function keyBytesIn(key, encoding, name) {
  if (typeof key === 'string') return Buffer.from(key, encoding);
  if (!isBinary(key)) throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  return Buffer.from(bytesOf(key));
}

/** A SEC1 point in `format` ('uncompressed' by default, 'compressed' or 'hybrid'). */
function pointIn(handle, format) {
  if (format !== undefined && format !== 'uncompressed' && format !== 'compressed' && format !== 'hybrid') {
    throw cryptoError(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${format}`);
  }
  const point = Buffer.from(binding.ecPublicRaw(handle, format === 'compressed'));
  if (format === 'hybrid') point[0] = 6 | (point[point.length - 1] & 1);
  return point;
}

function checkEcdhCurve(curve) {
  if (typeof curve !== 'string') throw invalidArgType('curve', 'string', curve);
  if (!kEcdhCurves.includes(curve)) throw invalidCurve();
}

export function ECDH(curve) {
  if (!new.target) return new ECDH(curve);
  checkEcdhCurve(curve);
  this._curve = curve;
  this._handle = null;
}

ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
  this._handle = binding.keyGenerate('ec', 0, 0, this._curve);
  return this.getPublicKey(encoding, format);
};

ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
  if (!this._handle) throw cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Failed to get ECDH public key');
  return encodeOut(pointIn(this._handle, format), encoding);
};

ECDH.prototype.getPrivateKey = function getPrivateKey(encoding) {
  if (!this._handle) throw cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Failed to get ECDH private key');
  return encodeOut(Buffer.from(binding.keyJwk(this._handle).d), encoding);
};

ECDH.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
  this._handle = binding.ecPrivateFromRaw(this._curve, keyBytesIn(key, encoding, 'key'));
};

ECDH.prototype.computeSecret = function computeSecret(key, inputEncoding, outputEncoding) {
  if (!this._handle) throw cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation computeSecret');
  const peer = binding.ecPublicFromRaw(this._curve, keyBytesIn(key, inputEncoding, 'key'));
  if (!peer) {
    throw cryptoError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');
  }
  return encodeOut(Buffer.from(binding.keyAgree(this._handle, peer)), outputEncoding);
};

ECDH.convertKey = function convertKey(key, curve, inputEncoding, outputEncoding, format) {
  const bytes = keyBytesIn(key, inputEncoding, 'key');
  checkEcdhCurve(curve);
  const handle = binding.ecPublicFromRaw(curve, bytes);
  if (!handle) throw cryptoError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Failed to convert Buffer to EC_POINT');
  return encodeOut(pointIn(handle, format), outputEncoding);
};

export function createECDH(curve) {
  return new ECDH(curve);
}
