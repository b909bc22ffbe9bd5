// Module `crypto` (and `node:crypto`): Node's crypto API on the native binding `_boa:crypto`,
// which runs the cryptography core shared with `globalThis.crypto` (builtins/src/crypto). This
// file keeps Node's object model: argument validation and error codes, encodings, callbacks,
// and the stream side of Hash/Hmac/Cipheriv (a Transform built only when a stream method is
// first used, like Node's LazyTransform). See docs/crypto.md.
import * as binding from '_boa:crypto';
import { Buffer, kMaxLength } from 'buffer';
import { Transform } from 'stream';
import { StringDecoder } from 'string_decoder';
import {
  KeyObject, SecretKeyObject, kKeyHandle, createSecretKey, createPublicKey, createPrivateKey,
  generateKeyPair, generateKeyPairSync, generateKey, generateKeySync, sign, verify, Sign, Verify,
  createSign, createVerify, publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt, diffieHellman,
  ECDH, createECDH,
} from 'internal/crypto/keys';
import {
  DiffieHellman, DiffieHellmanGroup, createDiffieHellman, createDiffieHellmanGroup, getDiffieHellman,
  generatePrime, generatePrimeSync, checkPrime, checkPrimeSync,
} from 'internal/crypto/dh';

export {
  KeyObject, createSecretKey, createPublicKey, createPrivateKey, generateKeyPair, generateKeyPairSync,
  generateKey, generateKeySync, sign, verify, Sign, Verify, createSign, createVerify, publicEncrypt,
  privateDecrypt, privateEncrypt, publicDecrypt, diffieHellman, ECDH, createECDH,
  DiffieHellman, DiffieHellmanGroup, createDiffieHellman, createDiffieHellmanGroup, getDiffieHellman,
  generatePrime, generatePrimeSync, checkPrime, checkPrimeSync,
};

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');
const kMaxInt32 = 2 ** 31 - 1;

// ---------------------------------------------------------------------------------------------
// Node's errors and argument checks (the messages Node prints).

function describeReceived(value) {
  if (value === null) return 'Received null';
  if (value === undefined) return 'Received undefined';
  if (typeof value === 'function') return `Received function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object') {
    const name = value.constructor && value.constructor.name;
    return name ? `Received an instance of ${name}` : 'Received [Object: null prototype]';
  }
  let shown = typeof value === 'string' ? `'${value}'` : typeof value === 'bigint' ? `${value}n` : String(value);
  if (Object.is(value, -0)) shown = '-0';
  if (shown.length > 28) shown = shown.slice(0, 25) + '...';
  return `Received type ${typeof value} (${shown})`;
}

function withCode(error, code) {
  Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  return error;
}

const kTypes = new Set(['string', 'number', 'bigint', 'boolean', 'symbol', 'function', 'object', 'undefined']);

function listWords(words) {
  if (words.length <= 1) return words.join('');
  if (words.length === 2) return `${words[0]} or ${words[1]}`;
  return `${words.slice(0, -1).join(', ')}, or ${words[words.length - 1]}`;
}

/** ERR_INVALID_ARG_TYPE: `expected` is a list of type names and class names, or a phrase. */
function invalidArgType(name, expected, value) {
  let wanted;
  if (typeof expected === 'string' && !kTypes.has(expected) && !/^[A-Z]/.test(expected)) {
    wanted = expected;
  } else {
    const list = Array.isArray(expected) ? expected : [expected];
    const types = list.filter((t) => kTypes.has(t));
    const classes = list.filter((t) => !kTypes.has(t));
    const parts = [];
    if (types.length) parts.push(`of type ${listWords(types)}`);
    if (classes.length) parts.push(`an instance of ${listWords(classes)}`);
    wanted = parts.join(' or ');
  }
  const what = name.includes('.') ? `The "${name}" property` : `The "${name}" argument`;
  return withCode(new TypeError(`${what} must be ${wanted}. ${describeReceived(value)}`), 'ERR_INVALID_ARG_TYPE');
}

function addSeparators(text) {
  let out = '';
  let i = text.length;
  const start = text[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${text.slice(i - 3, i)}${out}`;
  return `${text.slice(0, i)}${out}`;
}

function outOfRange(name, range, value) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addSeparators(String(value));
  else if (typeof value === 'bigint') received = `${addSeparators(String(value))}n`;
  else received = typeof value === 'string' ? `'${value}'` : String(value);
  return withCode(new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${received}`),
    'ERR_OUT_OF_RANGE');
}

function invalidArgValue(name, value, reason = 'is invalid') {
  let shown = typeof value === 'string' ? `'${value}'` : String(value);
  if (value !== null && typeof value === 'object') shown = Array.isArray(value) ? `[ ${value.join(', ')} ]` : '{}';
  const kind = name.includes('.') ? 'property' : 'argument';
  return withCode(new TypeError(`The ${kind} '${name}' ${reason}. Received ${shown}`), 'ERR_INVALID_ARG_VALUE');
}

function cryptoError(Kind, code, message) {
  return withCode(new Kind(message), code);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'function', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'object', value);
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    const range = min != null && max != null ? `>= ${min} && <= ${max}` : min != null ? `>= ${min}` : `<= ${max}`;
    throw outOfRange(name, range, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateInt32(value, name, min = -(2 ** 31), max = kMaxInt32) {
  validateInteger(value, name, min, max);
}

function validateUint32(value, name, positive = false) {
  validateInteger(value, name, positive ? 1 : 0, 4294967295);
}

const kEncodings = new Set(['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii',
  'utf16le', 'utf-16le', 'ucs2', 'ucs-2']);

function normalizeEncoding(encoding) {
  if (encoding == null || encoding === '') return 'utf8';
  const lower = String(encoding).toLowerCase();
  if (!kEncodings.has(lower)) return undefined;
  if (lower === 'utf-8') return 'utf8';
  if (lower === 'binary') return 'latin1';
  if (lower === 'utf-16le' || lower === 'ucs2' || lower === 'ucs-2') return 'utf16le';
  return lower;
}

function validateEncoding(data, encoding) {
  const normalized = normalizeEncoding(encoding);
  if (normalized === 'hex' && data.length % 2 !== 0) {
    throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

function isAnyArrayBuffer(value) {
  return value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer) ||
    Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** A string (in `encoding`), ArrayBuffer or view as something the binding reads. */
function toBytes(value, name, encoding) {
  if (typeof value === 'string') {
    const enc = normalizeEncoding(encoding) || 'utf8';
    return enc === 'utf8' ? value : Buffer.from(value, enc);
  }
  if (isAnyArrayBuffer(value) || isArrayBufferView(value)) return value;
  throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

/** Like toBytes, but always binary (a Buffer for strings). */
function toBinary(value, name, encoding) {
  const bytes = toBytes(value, name, encoding);
  return typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
}

function byteLength(value) {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
}

function toBuffer(arrayBuffer) {
  return Buffer.from(arrayBuffer);
}

function encodeOutput(buffer, encoding) {
  if (encoding === undefined || encoding === null || encoding === '' || encoding === 'buffer') return buffer;
  const normalized = normalizeEncoding(encoding);
  return normalized === undefined ? buffer : buffer.toString(normalized);
}

function getStringOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) validateString(value, `options.${key}`);
  return value;
}

/** Runs `fn` after the current operation, like Node's thread-pool callbacks. */
function later(fn) {
  setTimeout(fn, 0);
}

// ---------------------------------------------------------------------------------------------
// LazyTransform: Hash, Hmac and the ciphers are Transform streams, but the stream state is built
// only when a stream method or property is first touched (most code never streams them).

export function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function makeStream(object) {
  Transform.call(object, object._options);
  object._writableState.decodeStrings = false;
}

for (const property of ['_readableState', '_writableState', '_transformState']) {
  Object.defineProperty(LazyTransform.prototype, property, {
    get() {
      makeStream(this);
      return this[property];
    },
    set(value) {
      Object.defineProperty(this, property, { value, enumerable: true, configurable: true, writable: true });
    },
    configurable: true,
    enumerable: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Hashes and HMAC.

function hashFinalized() {
  return cryptoError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

function checkData(data, encoding) {
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
    return toBytes(data, 'data', encoding);
  }
  if (!isArrayBufferView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  return data;
}

export function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  const copyOf = algorithm && algorithm[kHandle] !== undefined && algorithm instanceof Hash ? algorithm : null;
  if (!copyOf) validateString(algorithm, 'algorithm');
  const outputLength = options !== null && typeof options === 'object' ? options.outputLength : undefined;
  if (outputLength !== undefined) validateUint32(outputLength, 'options.outputLength');
  if (copyOf) {
    this[kHandle] = binding.hashCopy(copyOf[kHandle], outputLength);
  } else {
    this[kHandle] = binding.hashNew(algorithm, outputLength);
    if (this[kHandle] === null) throw new Error('Digest method not supported');
  }
  this[kState] = { finalized: false };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState].finalized) throw hashFinalized();
  return new Hash(this, options);
};

Hash.prototype.update = function update(data, encoding) {
  if (this[kState].finalized) throw hashFinalized();
  binding.hashUpdate(this[kHandle], checkData(data, encoding));
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  if (this[kState].finalized) throw hashFinalized();
  this[kState].finalized = true;
  // A hash piped to its end has already been digested by _flush: Node's handle keeps that digest.
  const flushed = this[kState].flushed;
  const result = flushed ? Buffer.from(flushed) : toBuffer(binding.hashDigest(this[kHandle]));
  return encodeOutput(result, outputEncoding && `${outputEncoding}`);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  binding.hashUpdate(this[kHandle], typeof chunk === 'string' ? toBytes(chunk, 'data', encoding) : chunk);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  const result = toBuffer(binding.hashDigest(this[kHandle]));
  this[kState].flushed = result;
  this.push(result);
  callback();
};

/** A secret key argument: string, binary, KeyObject or secret CryptoKey. */
function prepareSecretKey(key, encoding, bufferOnly = false) {
  if (!bufferOnly && key instanceof KeyObject) {
    if (key.type !== 'secret') {
      throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
    }
    return key[kKeyHandle];
  }
  if (!bufferOnly && isCryptoKey(key)) {
    if (key.type !== 'secret') {
      throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
    }
    return new Uint8Array(keyBytesOf(key));
  }
  if (typeof key !== 'string' && !isArrayBufferView(key) && !isAnyArrayBuffer(key)) {
    const kinds = bufferOnly ? ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']
      : ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];
    throw invalidArgType('key', kinds, key);
  }
  return toBinary(key, 'key', encoding);
}

export function Hmac(hmac, key, options) {
  if (!new.target) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const encoding = getStringOption(options, 'encoding');
  key = prepareSecretKey(key, encoding);
  this[kHandle] = binding.hmacNew(hmac, key);
  if (this[kHandle] === null) throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
  this[kState] = { finalized: false };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = function update(data, encoding) {
  if (this[kState].finalized) throw hashFinalized();
  binding.hmacUpdate(this[kHandle], checkData(data, encoding));
  return this;
};

Hmac.prototype.digest = function digest(outputEncoding) {
  // A second digest() gives an empty result (Node's long-standing behaviour), not an error.
  if (this[kState].finalized) return encodeOutput(Buffer.alloc(0), outputEncoding);
  this[kState].finalized = true;
  return encodeOutput(toBuffer(binding.hmacDigest(this[kHandle])), outputEncoding && `${outputEncoding}`);
};

Hmac.prototype._transform = function _transform(chunk, encoding, callback) {
  binding.hmacUpdate(this[kHandle], typeof chunk === 'string' ? toBytes(chunk, 'data', encoding) : chunk);
  callback();
};

Hmac.prototype._flush = function _flush(callback) {
  this.push(toBuffer(binding.hmacDigest(this[kHandle])));
  callback();
};

export function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

export function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

/** `crypto.hash(algorithm, data[, outputEncoding = 'hex'])`: a one-shot digest. */
export function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !isArrayBufferView(input)) {
    throw invalidArgType('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  let encoding = outputEncoding;
  if (outputEncoding !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    encoding = String(outputEncoding).toLowerCase() === 'buffer' ? 'buffer' : normalizeEncoding(outputEncoding);
    if (encoding === undefined) throw invalidArgValue('outputEncoding', outputEncoding);
  }
  const handle = binding.hashNew(algorithm);
  if (handle === null) throw new Error('Digest method not supported');
  binding.hashUpdate(handle, input);
  return encodeOutput(toBuffer(binding.hashDigest(handle)), encoding);
}

export function getHashes() {
  return binding.getHashes();
}

// ---------------------------------------------------------------------------------------------
// Ciphers.

function getUIntOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) {
    if (value >>> 0 !== value) throw invalidArgValue(`options.${key}`, value);
    return value;
  }
  return -1;
}

const kGcmTagLengths = new Set([4, 8, 12, 13, 14, 15, 16]);

function invalidAuthTag(length) {
  return cryptoError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${length}`);
}

function invalidState(operation) {
  return cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', `Invalid state for operation ${operation}`);
}

function initCipher(object, cipher, key, iv, options, encrypt) {
  validateString(cipher, 'cipher');
  const encoding = getStringOption(options, 'encoding');
  key = prepareSecretKey(key, encoding);
  iv = iv === null ? null : toBinary(iv, 'iv');
  const authTagLength = getUIntOption(options, 'authTagLength');
  const info = binding.cipherInfo(cipher);
  if (info === undefined) throw cryptoError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
  if (info.mode === 'gcm') {
    if (authTagLength !== -1 && !kGcmTagLengths.has(authTagLength)) throw invalidAuthTag(authTagLength);
  }
  if (info.mode === 'ecb' && iv !== null && iv.byteLength !== 0) {
    throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
  }
  object[kHandle] = binding.cipherNew(cipher, key, iv, encrypt, authTagLength === -1 ? 16 : authTagLength);
  object[kState] = { mode: info.mode, encrypt, authTagLength, finalized: false, tagSet: false };
  object._decoder = null;
  LazyTransform.call(object, options);
}

function getDecoder(decoder, encoding) {
  const normalized = normalizeEncoding(encoding);
  if (normalized === undefined) {
    throw withCode(new TypeError(`Unknown encoding: ${encoding}`), 'ERR_UNKNOWN_ENCODING');
  }
  if (decoder && decoder.encoding !== normalized) {
    throw withCode(new Error('Cannot change encoding'), 'ERR_INTERNAL_ASSERTION');
  }
  return decoder || new StringDecoder(normalized);
}

function cipherUpdate(data, inputEncoding, outputEncoding) {
  const state = this[kState];
  let bytes;
  if (typeof data === 'string') {
    validateEncoding(data, inputEncoding);
    bytes = toBinary(data, 'data', inputEncoding);
  } else if (!isArrayBufferView(data)) {
    throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  } else {
    bytes = data;
  }
  if (state.finalized) throw new Error('Trying to add data in unsupported state');
  const result = toBuffer(binding.cipherUpdate(this[kHandle], bytes));
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.write(result);
  }
  return result;
}

function cipherFinal(outputEncoding) {
  const state = this[kState];
  if (state.finalized) throw cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Unsupported state');
  state.finalized = true;
  const result = toBuffer(binding.cipherFinal(this[kHandle]));
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.end(result);
  }
  return result;
}

function setAutoPadding(autoPadding) {
  if (this[kState].finalized) throw invalidState('setAutoPadding');
  binding.cipherSetAutoPadding(this[kHandle], autoPadding === undefined ? true : !!autoPadding);
  return this;
}

function setAAD(buffer, options) {
  const encoding = getStringOption(options, 'encoding');
  getUIntOption(options, 'plaintextLength');
  buffer = toBinary(buffer, 'buffer', encoding);
  const state = this[kState];
  if (state.finalized || state.mode !== 'gcm') throw invalidState('setAAD');
  try {
    binding.cipherSetAAD(this[kHandle], buffer);
  } catch {
    throw invalidState('setAAD');
  }
  return this;
}

function getAuthTag() {
  const state = this[kState];
  const tag = state.mode === 'gcm' && state.finalized ? binding.cipherGetAuthTag(this[kHandle]) : undefined;
  if (tag === undefined) throw invalidState('getAuthTag');
  return toBuffer(tag);
}

let warnedShortTag = false;

function setAuthTag(tag, encoding) {
  tag = toBinary(tag, 'buffer', encoding);
  const state = this[kState];
  if (state.mode !== 'gcm' || state.finalized || state.tagSet) throw invalidState('setAuthTag');
  const length = tag.byteLength;
  if ((state.authTagLength !== -1 && state.authTagLength !== length) || !kGcmTagLengths.has(length)) {
    throw invalidAuthTag(length);
  }
  // (Node 20 warns for Decipheriv only, not for the password-based Decipher.)
  if (state.authTagLength === -1 && length < 16 && !state.passwordBased && !warnedShortTag) {
    warnedShortTag = true;
    process.emitWarning('Using AES-GCM authentication tags of less than 128 bits without specifying the ' +
      'authTagLength option when initializing decryption is deprecated.', 'DeprecationWarning', 'DEP0182');
  }
  binding.cipherSetAuthTag(this[kHandle], tag);
  state.tagSet = true;
  return this;
}

function cipherTransform(chunk, encoding, callback) {
  try {
    this.push(toBuffer(binding.cipherUpdate(this[kHandle], typeof chunk === 'string' ? toBinary(chunk, 'data', encoding) : chunk)));
  } catch (error) {
    callback(error);
    return;
  }
  callback();
}

function cipherFlush(callback) {
  try {
    this[kState].finalized = true;
    this.push(toBuffer(binding.cipherFinal(this[kHandle])));
  } catch (error) {
    callback(error);
    return;
  }
  callback();
}

export function Cipheriv(cipher, key, iv, options) {
  if (!new.target) return new Cipheriv(cipher, key, iv, options);
  initCipher(this, cipher, key, iv, options, true);
}

export function Decipheriv(cipher, key, iv, options) {
  if (!new.target) return new Decipheriv(cipher, key, iv, options);
  initCipher(this, cipher, key, iv, options, false);
}

// The deprecated password-based Cipher/Decipher (DEP0106): key and IV from the password by
// OpenSSL's EVP_BytesToKey with MD5, one round and no salt, as Node 20 still does.
function bytesToKey(password, length) {
  const out = [];
  let block = new Uint8Array(0);
  let total = 0;
  while (total < length) {
    const hash = binding.hashNew('md5');
    binding.hashUpdate(hash, block);
    binding.hashUpdate(hash, password);
    block = new Uint8Array(binding.hashDigest(hash));
    out.push(block);
    total += block.length;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of out) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

let warnedCreateCipher = false;

function initPasswordCipher(object, cipher, password, options, encrypt) {
  if (!warnedCreateCipher) {
    warnedCreateCipher = true;
    const name = encrypt ? 'createCipher' : 'createDecipher';
    process.emitWarning(`crypto.${name} is deprecated.`, 'DeprecationWarning', 'DEP0106');
  }
  validateString(cipher, 'cipher');
  password = toBinary(password, 'password', getStringOption(options, 'encoding'));
  const info = binding.cipherInfo(cipher);
  if (info === undefined) throw cryptoError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
  if (encrypt && (info.mode === 'ctr' || info.mode === 'gcm' || info.mode === 'ccm')) {
    process.emitWarning(`Use Cipheriv for counter mode of ${cipher}`);
  }
  const ivLength = info.ivLength || 0;
  const material = bytesToKey(new Uint8Array(password.buffer, password.byteOffset, password.byteLength),
    info.keyLength + ivLength);
  const key = Buffer.from(material.subarray(0, info.keyLength));
  const iv = ivLength ? Buffer.from(material.subarray(info.keyLength, info.keyLength + ivLength)) : null;
  initCipher(object, cipher, key, iv, options, encrypt);
  object[kState].passwordBased = true;
}

export function Cipher(cipher, password, options) {
  if (!new.target) return new Cipher(cipher, password, options);
  initPasswordCipher(this, cipher, password, options, true);
}

export function Decipher(cipher, password, options) {
  if (!new.target) return new Decipher(cipher, password, options);
  initPasswordCipher(this, cipher, password, options, false);
}

export function createCipher(cipher, password, options) {
  return new Cipher(cipher, password, options);
}

export function createDecipher(cipher, password, options) {
  return new Decipher(cipher, password, options);
}

for (const C of [Cipheriv, Decipheriv, Cipher, Decipher]) {
  Object.setPrototypeOf(C.prototype, LazyTransform.prototype);
  Object.setPrototypeOf(C, LazyTransform);
  C.prototype.update = cipherUpdate;
  C.prototype.final = cipherFinal;
  C.prototype.setAutoPadding = setAutoPadding;
  C.prototype.setAAD = setAAD;
  C.prototype._transform = cipherTransform;
  C.prototype._flush = cipherFlush;
}
Cipheriv.prototype.getAuthTag = getAuthTag;
Decipheriv.prototype.setAuthTag = setAuthTag;
Cipher.prototype.getAuthTag = getAuthTag;
Decipher.prototype.setAuthTag = setAuthTag;

export function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

export function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

export function getCiphers() {
  return binding.getCiphers();
}

const kNids = new Map();

export function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw invalidArgType('nameOrNid', ['string', 'number'], nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength, ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInt32(keyLength, 'options.keyLength');
    if (ivLength !== undefined) validateInt32(ivLength, 'options.ivLength');
  }
  if (kNids.size === 0) {
    for (const name of binding.getCiphers()) {
      const info = binding.cipherInfo(name);
      if (!kNids.has(info.nid)) kNids.set(info.nid, info.name);
    }
  }
  const name = typeof nameOrNid === 'number' ? kNids.get(nameOrNid) : nameOrNid;
  const info = name === undefined ? undefined : binding.cipherInfo(name);
  if (info === undefined) return undefined;
  if (keyLength !== undefined && keyLength !== info.keyLength) return undefined;
  if (ivLength !== undefined) {
    if (info.mode === 'gcm' ? ivLength < 1 : ivLength !== (info.ivLength ?? 0)) return undefined;
    info.ivLength = ivLength;
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Random numbers.

const kMaxPossibleLength = kMaxInt32;

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange('offset', `>= 0 && <= ${maxLength}`, offset);
  return offset >>> 0;
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, 'size');
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
    throw outOfRange('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
  }
  if (size + offset > length) throw outOfRange('size + offset', `<= ${length}`, size + offset);
  return size >>> 0;
}

function checkRandomBuffer(buf) {
  if (!isAnyArrayBuffer(buf) && !isArrayBufferView(buf)) throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
}

// Fills `size` bytes of `buf` from byte `offset`. The native side writes ArrayBuffer memory in
// place; shared memory (a SharedArrayBuffer or a view on one) is filled through a copy.
function fillRandom(buf, offset, size) {
  const backing = isAnyArrayBuffer(buf) ? buf : buf.buffer;
  if (typeof SharedArrayBuffer === 'function' && backing instanceof SharedArrayBuffer) {
    const bytes = Buffer.alloc(size);
    binding.randomFill(bytes, 0, size);
    new Uint8Array(backing, (isAnyArrayBuffer(buf) ? 0 : buf.byteOffset) + offset, size).set(bytes);
    return;
  }
  binding.randomFill(buf, offset, size);
}

export function randomBytes(size, callback) {
  size = assertSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buf = Buffer.alloc(size);
  binding.randomFill(buf, 0, size);
  if (callback === undefined) return buf;
  later(() => callback(null, buf));
}

// Node's deprecated aliases of randomBytes (DEP0115: one warning for the three).
let warnedRandomAlias = false;
function deprecatedRandomBytes(name) {
  return {
    [name](size, callback) {
      if (!warnedRandomAlias) {
        warnedRandomAlias = true;
        process.emitWarning(`crypto.${name} is deprecated.`, 'DeprecationWarning', 'DEP0115');
      }
      return randomBytes(size, callback);
    },
  }[name];
}
export const pseudoRandomBytes = deprecatedRandomBytes('pseudoRandomBytes');
export const prng = deprecatedRandomBytes('prng');
export const rng = deprecatedRandomBytes('rng');

export function randomFillSync(buf, offset = 0, size) {
  checkRandomBuffer(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  offset = assertOffset(offset, elementSize, buf.byteLength);
  size = size === undefined ? buf.byteLength - offset : assertSize(size, elementSize, offset, buf.byteLength);
  if (size > 0) fillRandom(buf, offset, size);
  return buf;
}

export function randomFill(buf, offset, size, callback) {
  checkRandomBuffer(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = buf.length;
  } else if (typeof size === 'function') {
    callback = size;
    size = buf.length - offset;
  } else {
    validateFunction(callback, 'callback');
  }
  offset = assertOffset(offset, elementSize, buf.byteLength);
  size = size === undefined ? buf.byteLength - offset : assertSize(size, elementSize, offset, buf.byteLength);
  if (size === 0) {
    callback(null, buf);
    return;
  }
  fillRandom(buf, offset, size);
  later(() => callback(null, buf));
}

const RAND_MAX = 0xFFFF_FFFF_FFFF;

export function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
  if (max <= min) throw outOfRange('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
  const n = binding.randomInt(range) + min;
  if (isSync) return n;
  nextTick(callback, undefined, n);
}

export function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const disable = options && options.disableEntropyCache;
  if (disable !== undefined && typeof disable !== 'boolean') throw invalidArgType('options.disableEntropyCache', 'boolean', disable);
  return binding.randomUUID();
}

// ---------------------------------------------------------------------------------------------
// Key derivation.

function unknownDigest(digest) {
  return cryptoError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
}

function checkPbkdf2(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = toBinary(password, 'password');
  salt = toBinary(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  return { password, salt, iterations, keylen, digest };
}

function runPbkdf2({ password, salt, iterations, keylen, digest }) {
  const result = binding.pbkdf2(password, salt, iterations, keylen, digest);
  if (result === null) throw unknownDigest(digest);
  return Buffer.from(result);
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = checkPbkdf2(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  const result = runPbkdf2(args);
  later(() => callback(null, result));
}

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return runPbkdf2(checkPbkdf2(password, salt, iterations, keylen, digest));
}

const kScryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptParameterError() {
  return cryptoError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
}

function checkScrypt(password, salt, keylen, options) {
  password = toBinary(password, 'password');
  salt = toBinary(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  let { N, r, p, maxmem } = kScryptDefaults;
  if (options && options !== kScryptDefaults) {
    const hasN = options.N !== undefined;
    if (hasN) {
      N = options.N;
      validateUint32(N, 'N');
    }
    if (options.cost !== undefined) {
      if (hasN) throw scryptParameterError();
      N = options.cost;
      validateUint32(N, 'cost');
    }
    const hasR = options.r !== undefined;
    if (hasR) {
      r = options.r;
      validateUint32(r, 'r');
    }
    if (options.blockSize !== undefined) {
      if (hasR) throw scryptParameterError();
      r = options.blockSize;
      validateUint32(r, 'blockSize');
    }
    const hasP = options.p !== undefined;
    if (hasP) {
      p = options.p;
      validateUint32(p, 'p');
    }
    if (options.parallelization !== undefined) {
      if (hasP) throw scryptParameterError();
      p = options.parallelization;
      validateUint32(p, 'parallelization');
    }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
    if (N === 0) N = kScryptDefaults.N;
    if (r === 0) r = kScryptDefaults.r;
    if (p === 0) p = kScryptDefaults.p;
    if (maxmem === 0) maxmem = kScryptDefaults.maxmem;
  }
  return { password, salt, keylen, N, r, p, maxmem };
}

function runScrypt({ password, salt, keylen, N, r, p, maxmem }) {
  return Buffer.from(binding.scrypt(password, salt, N, r, p, maxmem, keylen));
}

export function scrypt(password, salt, keylen, options, callback = kScryptDefaults) {
  if (callback === kScryptDefaults) {
    callback = options;
    options = kScryptDefaults;
  }
  const args = checkScrypt(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  let result, error = null;
  try {
    result = runScrypt(args);
  } catch (e) {
    error = e;
  }
  later(() => (error ? callback(error) : callback(null, result)));
}

export function scryptSync(password, salt, keylen, options = kScryptDefaults) {
  return runScrypt(checkScrypt(password, salt, keylen, options));
}

function checkHkdf(digest, key, salt, info, length) {
  validateString(digest, 'digest');
  if (key instanceof KeyObject) {
    if (key.type !== 'secret') {
      throw cryptoError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
    }
    key = key[kKeyHandle];
  } else if (typeof key === 'string' || isAnyArrayBuffer(key) || isArrayBufferView(key)) {
    key = toBinary(key, 'ikm');
  } else {
    throw invalidArgType('ikm', ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], key);
  }
  const byteSource = (value, name) => {
    if (typeof value === 'string' || isAnyArrayBuffer(value) || isArrayBufferView(value)) return toBinary(value, name);
    throw invalidArgType(name, ['string', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], value);
  };
  salt = byteSource(salt, 'salt');
  info = byteSource(info, 'info');
  validateInteger(length, 'length', 0, kMaxLength);
  if (info.byteLength > 1024) throw outOfRange('info', 'must not contain more than 1024 bytes', info.byteLength);
  return { digest, key, salt, info, length };
}

function runHkdf({ digest, key, salt, info, length }) {
  const result = binding.hkdf(digest, key, salt, info, length);
  if (result === null) throw unknownDigest(digest);
  return result;
}

export function hkdf(digest, key, salt, info, length, callback) {
  const args = checkHkdf(digest, key, salt, info, length);
  validateFunction(callback, 'callback');
  // As in Node, an unknown digest or a too large length throws at once; the key comes later.
  const result = runHkdf(args);
  later(() => callback(null, result));
}

export function hkdfSync(digest, key, salt, info, length) {
  return runHkdf(checkHkdf(digest, key, salt, info, length));
}

// ---------------------------------------------------------------------------------------------
// Comparison, keys, Web Crypto, misc.

export function timingSafeEqual(buf1, buf2) {
  // Node checks these natively, with a message that does not describe the value.
  for (const [name, value] of [['buf1', buf1], ['buf2', buf2]]) {
    if (!isAnyArrayBuffer(value) && !isArrayBufferView(value)) {
      throw withCode(new TypeError(`The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`),
        'ERR_INVALID_ARG_TYPE');
    }
  }
  if (buf1.byteLength !== buf2.byteLength) {
    throw cryptoError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  return binding.timingSafeEqual(buf1, buf2);
}

export const webcrypto = globalThis.crypto;
export const subtle = webcrypto.subtle;
const CryptoKeyClass = webcrypto.subtle.constructor && globalThis.CryptoKey;

function isCryptoKey(value) {
  return typeof CryptoKeyClass === 'function' && value instanceof CryptoKeyClass;
}

function keyBytesOf(key) {
  return binding.secretKeyBytes(key);
}

export function getRandomValues(data) {
  return webcrypto.getRandomValues(data);
}

export function getCurves() {
  return ['prime256v1', 'secp384r1'];
}

export function getFips() {
  return 0;
}

export function setFips(enabled) {
  if (enabled) throw cryptoError(Error, 'ERR_CRYPTO_FIPS_UNAVAILABLE', 'Cannot set FIPS mode in a non-FIPS build.');
}

export function secureHeapUsed() {
  return { total: 0, min: 0, used: 0, utilization: 0 };
}

export const constants = Object.freeze({
  OPENSSL_VERSION_NUMBER: 0,
  SSL_OP_ALL: 2147485776,
  RSA_PKCS1_PADDING: 1,
  RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4,
  RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2,
  DH_CHECK_P_NOT_SAFE_PRIME: 2,
  DH_CHECK_P_NOT_PRIME: 1,
  DH_UNABLE_TO_CHECK_GENERATOR: 4,
  DH_NOT_SUITABLE_GENERATOR: 8,
  POINT_CONVERSION_COMPRESSED: 2,
  POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6,
  defaultCoreCipherList: '',
  defaultCipherList: '',
});

const cryptoModule = {
  Hash, Hmac, Cipheriv, Decipheriv, KeyObject, LazyTransform,
  createHash, createHmac, hash, getHashes,
  createCipheriv, createDecipheriv, Cipher, Decipher, createCipher, createDecipher, getCiphers, getCipherInfo,
  randomBytes, randomFill, randomFillSync, randomInt, randomUUID, getRandomValues,
  pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync,
  timingSafeEqual, createSecretKey, createPublicKey, createPrivateKey, generateKeyPair, generateKeyPairSync,
  generateKey, generateKeySync, sign, verify, Sign, Verify, createSign, createVerify, publicEncrypt,
  privateDecrypt, privateEncrypt, publicDecrypt, diffieHellman, ECDH, createECDH, getCurves, getFips, setFips, secureHeapUsed, constants,
  DiffieHellman, DiffieHellmanGroup, createDiffieHellman, createDiffieHellmanGroup, getDiffieHellman,
  generatePrime, generatePrimeSync, checkPrime, checkPrimeSync,
  webcrypto, subtle,
};
// Node's deprecated aliases of randomBytes are there but not enumerable.
for (const [name, value] of [['pseudoRandomBytes', pseudoRandomBytes], ['prng', prng], ['rng', rng]]) {
  Object.defineProperty(cryptoModule, name, { value, writable: true, enumerable: false, configurable: true });
}
export default cryptoModule;
