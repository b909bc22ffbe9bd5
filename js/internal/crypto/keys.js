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
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(body)) {
    throw cryptoError(TypeError, 'ERR_MISSING_PASSPHRASE', 'Passphrase required for encrypted key');
  }
  const known = kPemLabels[label];
  if (!known) throw unsupportedDecoder();
  const base64 = body.split(/\r?\n/).filter((line) => !line.includes(':')).join('').replace(/\s+/g, '');
  return { kind: known[0], format: known[1], der: Buffer.from(base64, 'base64') };
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
      return { modulusLength: details.modulusLength, publicExponent: BigInt(`0x${details.publicExponent}`) };
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
    if (options && options.format !== 'jwk' && (options.cipher !== undefined || options.passphrase !== undefined)) {
      throw cryptoError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'Encrypted private key export is not supported by this runtime');
    }
    return this.exportKey(options, ['pkcs8', 'pkcs1', 'sec1'],
      { pkcs8: 'PRIVATE KEY', pkcs1: 'RSA PRIVATE KEY', sec1: 'EC PRIVATE KEY' });
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
  let data = key;
  if (typeof key === 'object' && key !== null && !(key instanceof KeyObject) && !isBinary(key)) {
    if (isCryptoKeyValue(key)) {
      throw cryptoError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received an instance of CryptoKey`);
    }
    ({ format, type, encoding } = key);
    data = key.key;
    if (key.passphrase !== undefined && format !== 'jwk') {
      // Encrypted keys are not supported; an unencrypted one with a passphrase reads as usual.
    }
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
    if (!allowed.includes(type)) throw invalidProperty('key.type', type);
    const bytes = bytesOf(data, encoding);
    if (kind === 'public' && (type === 'pkcs8' || type === 'sec1')) {
      return binding.keyToPublic(binding.keyParse('private', bytes, type));
    }
    return binding.keyParse(kind, bytes, type);
  }
  if (format !== undefined && format !== 'pem') throw invalidProperty('key.format', format);
  const text = typeof data === 'string' ? data : Buffer.from(bytesOf(data)).toString('latin1');
  const pem = readPem(text);
  if (!pem) throw unsupportedDecoder();
  if (kind === 'private' && pem.kind !== 'private') throw unsupportedDecoder();
  if (kind === 'public' && pem.kind === 'private') {
    return binding.keyToPublic(binding.keyParse('private', pem.der, pem.format));
  }
  return binding.keyParse(pem.kind, pem.der, pem.format);
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
    throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  return new PublicKeyObject(binding.keyToPublic(keyHandle(key, 'public')));
}

export function createSecretKey(key, encoding) {
  if (typeof key !== 'string' && !isBinary(key)) {
    throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  return new SecretKeyObject(new Uint8Array(bytesOf(key, encoding)));
}

// ---------------------------------------------------------------------------------------------
// Key generation

const kKeyTypes = ['rsa', 'rsa-pss', 'ec', 'ed25519', 'x25519'];

function encodeKeyPair(handle, options) {
  const privateKey = new PrivateKeyObject(handle);
  const publicKey = new PublicKeyObject(binding.keyToPublic(handle));
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
  if (!kKeyTypes.includes(type)) {
    throw cryptoError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received '${type}'`);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidArgType('options', 'object', options);
  }
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
  if (type === 'ec') {
    const { namedCurve } = opts;
    if (typeof namedCurve !== 'string') throw invalidArgType('options.namedCurve', 'string', namedCurve);
    if (!['prime256v1', 'P-256', 'secp256r1', 'secp384r1', 'P-384'].includes(namedCurve)) {
      throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    }
    return binding.keyGenerate(type, 0, 0, namedCurve);
  }
  return binding.keyGenerate(type, 0, 0, '');
}

export function generateKeyPairSync(type, options) {
  return encodeKeyPair(generateHandle(type, options), options);
}

export function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  const handle = generateHandle(type, options);
  later(() => {
    let pair;
    try {
      pair = encodeKeyPair(handle, options);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, pair.publicKey, pair.privateKey);
  });
}

function secretKeyLength(type, options) {
  if (typeof type !== 'string') throw invalidArgType('type', 'string', type);
  if (typeof options !== 'object' || options === null) throw invalidArgType('options', 'object', options);
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
  const { padding, saltLength, dsaEncoding = 'der' } = options;
  if (dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') throw invalidProperty('options.dsaEncoding', dsaEncoding);
  if (padding !== undefined && !Number.isInteger(padding)) throw invalidProperty('options.padding', padding);
  if (saltLength !== undefined && !Number.isInteger(saltLength)) throw invalidProperty('options.saltLength', saltLength);
  let salt = null;
  if (padding === kPssPadding) salt = saltLength ?? -2;
  else if (padding === undefined && saltLength !== undefined) salt = saltLength;
  return { salt, p1363: dsaEncoding === 'ieee-p1363' };
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

export function sign(algorithm, data, key, callback) {
  const digest = checkDigest(algorithm);
  const bytes = dataBytes(data, 'data');
  if (key === undefined || key === null) throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
  const { salt, p1363 } = signOptions(key);
  const handle = keyHandle(key, 'private');
  const run = () => Buffer.from(binding.keySign(handle, digest, bytes, salt, p1363));
  if (callback === undefined) return run();
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  later(() => {
    let result;
    try { result = run(); } catch (error) { callback(error); return; }
    callback(null, result);
  });
}

export function verify(algorithm, data, key, signature, callback) {
  const digest = checkDigest(algorithm);
  const bytes = dataBytes(data, 'data');
  if (key === undefined || key === null) throw invalidArgType('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
  const sig = dataBytes(signature, 'signature');
  const { salt, p1363 } = signOptions(key);
  const handle = keyHandle(key, 'public');
  const run = () => binding.keyVerify(handle, digest, bytes, sig, salt, p1363);
  if (callback === undefined) return run();
  if (typeof callback !== 'function') throw invalidArgType('callback', 'function', callback);
  later(() => {
    let result;
    try { result = run(); } catch (error) { callback(error); return; }
    callback(null, result);
  });
}

function invalidDigest() {
  return cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
}

/** The data of a Sign/Verify, gathered as chunks: the signature is one-shot at the end. */
class SignBase {
  constructor(algorithm, options) {
    if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'string', algorithm);
    if (!binding.hashNew(algorithm)) throw invalidDigest();
    this._algorithm = algorithm;
    this._chunks = [];
    this._options = options;
  }

  update(data, encoding) {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    }
    this._chunks.push(Buffer.from(typeof data === 'string' ? Buffer.from(data, encoding === 'buffer' ? 'utf8' : encoding) : bytesOf(data)));
    return this;
  }

  write(chunk, encoding, callback) {
    this.update(chunk, typeof encoding === 'string' ? encoding : undefined);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') later(done);
    return true;
  }

  end(chunk, encoding, callback) {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') this.write(chunk, encoding);
    const done = [chunk, encoding, callback].find((f) => typeof f === 'function');
    if (done) later(done);
    return this;
  }

  data() {
    return Buffer.concat(this._chunks);
  }
}

export class Sign extends SignBase {
  sign(privateKey, outputEncoding) {
    if (privateKey === undefined || privateKey === null) throw cryptoError(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
    const { salt, p1363 } = signOptions(privateKey);
    const handle = keyHandle(privateKey, 'private', 'privateKey');
    const signature = Buffer.from(binding.keySign(handle, this._algorithm, this.data(), salt, p1363));
    return outputEncoding && outputEncoding !== 'buffer' ? signature.toString(outputEncoding) : signature;
  }
}

export class Verify extends SignBase {
  verify(object, signature, sigEncoding) {
    const { salt, p1363 } = signOptions(object);
    const handle = keyHandle(object, 'public', 'object');
    const sig = typeof signature === 'string' ? Buffer.from(signature, sigEncoding) : dataBytes(signature, 'signature');
    return binding.keyVerify(handle, this._algorithm, this.data(), sig, salt, p1363);
  }
}

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
    const data = typeof buffer === 'string' ? Buffer.from(buffer, encoding) : dataBytes(buffer, 'buffer');
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
  if (typeof options !== 'object' || options === null) throw invalidArgType('options', 'object', options);
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw invalidArgType('options.privateKey', 'KeyObject', privateKey);
  if (!(publicKey instanceof KeyObject)) throw invalidArgType('options.publicKey', 'KeyObject', publicKey);
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
