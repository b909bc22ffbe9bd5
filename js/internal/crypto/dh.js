// Classic (finite-field) Diffie-Hellman: DiffieHellman and DiffieHellmanGroup with
// createDiffieHellman/getDiffieHellman, and generatePrime(Sync)/checkPrime(Sync). The numbers
// are worked on natively (`_boa:crypto`, builtins/src/node/crypto_dh.rs over
// builtins/src/crypto/dh.rs); this file keeps Node's argument rules, encodings and state.
// See docs/crypto.md.
import * as binding from '_boa:crypto';
import { Buffer } from 'buffer';
import { codes } from 'internal/errors';
import {
  validateBoolean, validateFunction, validateInt32, validateObject, validateString,
} from 'internal/validators';

const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } = codes;
const kBinaryTypes = ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];
const kPrimeTypes = ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'];
const kState = Symbol('kDiffieHellmanState');
const kDefaultGenerator = 2;

function coded(error, code, extra) {
  Object.defineProperty(error, 'code', { value: code, writable: true, enumerable: false, configurable: true });
  return Object.assign(error, extra);
}

/** An error in the shape of OpenSSL's Diffie-Hellman ones (Node: ERR_OSSL_DH_*). */
function dhError(hex, reason) {
  return coded(new Error(`error:${hex}:Diffie-Hellman routines::${reason}`),
    `ERR_OSSL_DH_${reason.toUpperCase().replace(/ /g, '_')}`,
    { library: 'Diffie-Hellman routines', reason });
}

const badGenerator = () => dhError('02800065', 'bad generator');
const modulusTooSmall = () => dhError('0280007E', 'modulus too small');
const modulusTooLarge = () => dhError('02800067', 'modulus too large');

function isBinary(value) {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer);
}

function bytesOf(value) {
  if (value instanceof ArrayBuffer || !ArrayBuffer.isView(value)) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** A string in `encoding` ('buffer' and none: UTF-8) or binary data, as bytes. */
function toBytes(value, name, encoding) {
  if (typeof value === 'string') {
    return Buffer.from(value, !encoding || encoding === 'buffer' ? 'utf8' : encoding);
  }
  if (!isBinary(value)) throw new ERR_INVALID_ARG_TYPE(name, ['string', ...kBinaryTypes], value);
  return bytesOf(value);
}

function encode(bytes, encoding) {
  const buffer = Buffer.from(bytes);
  return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
}

/** A big-endian number without its leading zero bytes (how OpenSSL hands numbers back). */
function minimal(bytes) {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Uint8Array.prototype.slice.call(bytes, start);
}

function bitLength(bytes) {
  const b = minimal(bytes);
  return b[0] ? (b.length - 1) * 8 + (32 - Math.clz32(b[0])) : 0;
}

function numberBytes(n) {
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return new Uint8Array(bytes.length ? bytes : [0]);
}

// ---------------------------------------------------------------------------------------------
// DiffieHellman

export function DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  if (!new.target) return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
  if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' && !isBinary(sizeOrKey)) {
    throw new ERR_INVALID_ARG_TYPE('sizeOrKey', ['number', 'string', ...kBinaryTypes], sizeOrKey);
  }
  if (typeof sizeOrKey === 'number') validateInt32(sizeOrKey, 'sizeOrKey');
  // (prime, generator, genEncoding): the second argument is the generator when it is no encoding.
  if (keyEncoding && keyEncoding !== 'buffer' && !Buffer.isEncoding(keyEncoding)) {
    genEncoding = generator;
    generator = keyEncoding;
    keyEncoding = undefined;
  }
  let g;
  if (!generator) {
    g = kDefaultGenerator; // Node's (and OpenSSL's) default, even for an explicit 0.
  } else if (typeof generator === 'number') {
    validateInt32(generator, 'generator');
    g = generator;
  } else if (typeof generator === 'string' || isBinary(generator)) {
    g = toBytes(generator, 'generator', genEncoding);
  } else {
    throw new ERR_INVALID_ARG_TYPE('generator', ['number', 'string', ...kBinaryTypes], generator);
  }
  let prime;
  let verifyError;
  if (typeof sizeOrKey === 'number') {
    if (sizeOrKey < 512) throw modulusTooSmall();
    if (sizeOrKey > 10000) throw modulusTooLarge();
    if (typeof g !== 'number') g = bytesToSmallNumber(g);
    if (g <= 1) throw badGenerator();
    prime = new Uint8Array(binding.dhGeneratePrime(sizeOrKey, g));
    verifyError = 0; // a safe prime made for this generator
  } else {
    prime = minimal(toBytes(sizeOrKey, 'sizeOrKey', keyEncoding));
  }
  const generatorBytes = typeof g === 'number' ? numberBytes(g) : minimal(g);
  if (typeof g === 'number' ? g <= 1 : bitLength(generatorBytes) <= 1) throw badGenerator();
  this[kState] = { prime, generator: generatorBytes, privateBits: 0, publicKey: null, privateKey: null, verifyError };
  defineVerifyError(this);
}

/** A generator given as bytes, as a number (large values only need to be "> 1"). */
function bytesToSmallNumber(bytes) {
  const b = minimal(bytes);
  if (b.length > 4) return 2 ** 31;
  return b.reduce((n, byte) => n * 256 + byte, 0);
}

// `verifyError` is OpenSSL's DH_check of the group: two primality tests of a possibly large
// number, so it is worked out on first read (Node does it in the constructor).
function defineVerifyError(object) {
  Object.defineProperty(object, 'verifyError', {
    enumerable: true,
    configurable: true,
    get() {
      const state = this[kState];
      if (state.verifyError === undefined) state.verifyError = binding.dhCheck(state.prime, state.generator);
      return state.verifyError;
    },
  });
}

function checkModulus(state) {
  const bits = bitLength(state.prime);
  if (bits < 512) throw modulusTooSmall();
  if (bits > 10000) throw modulusTooLarge();
}

function generateKeys(encoding) {
  const state = this[kState];
  checkModulus(state);
  if (!state.privateKey) state.privateKey = new Uint8Array(binding.dhPrivateKey(state.prime, state.privateBits));
  state.publicKey = minimal(new Uint8Array(binding.dhPublicKey(state.prime, state.generator, state.privateKey)));
  return encode(state.publicKey, encoding);
}

function computeSecret(key, inputEncoding, outputEncoding) {
  const state = this[kState];
  const peer = toBytes(key, 'key', inputEncoding);
  if (!state.privateKey) {
    throw coded(new RangeError('Invalid key type'), 'ERR_CRYPTO_INVALID_KEYTYPE');
  }
  checkModulus(state);
  return encode(new Uint8Array(binding.dhComputeSecret(state.prime, state.privateKey, peer)), outputEncoding);
}

function noKey(which) {
  return coded(new Error(`No ${which} key - did you forget to generate one?`), 'ERR_CRYPTO_INVALID_STATE');
}

function getPrime(encoding) { return encode(this[kState].prime, encoding); }
function getGenerator(encoding) { return encode(this[kState].generator, encoding); }

function getPublicKey(encoding) {
  const key = this[kState].publicKey;
  if (!key) throw noKey('public');
  return encode(key, encoding);
}

function getPrivateKey(encoding) {
  const key = this[kState].privateKey;
  if (!key) throw noKey('private');
  return encode(key, encoding);
}

const kMethods = { generateKeys, computeSecret, getPrime, getGenerator, getPublicKey, getPrivateKey };

function defineMethods(prototype, methods) {
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(prototype, name, { value: fn, writable: true, enumerable: false, configurable: true });
  }
}

defineMethods(DiffieHellman.prototype, {
  ...kMethods,
  setPublicKey(key, encoding) {
    this[kState].publicKey = minimal(toBytes(key, 'key', encoding));
    return this;
  },
  setPrivateKey(key, encoding) {
    this[kState].privateKey = minimal(toBytes(key, 'key', encoding));
    return this;
  },
});

// ---------------------------------------------------------------------------------------------
// DiffieHellmanGroup: a well-known group (RFC 2409, RFC 3526), without setters.

export function DiffieHellmanGroup(name) {
  if (!new.target) return new DiffieHellmanGroup(name);
  validateString(name, 'name');
  const group = binding.dhGroup(name);
  if (!group) throw coded(new Error('Unknown DH group'), 'ERR_CRYPTO_UNKNOWN_DH_GROUP');
  this[kState] = {
    prime: new Uint8Array(group[0]),
    generator: numberBytes(kDefaultGenerator),
    privateBits: group[1],
    publicKey: null,
    privateKey: null,
    verifyError: 0, // the RFCs' safe primes (checked in the core's unit tests)
  };
  defineVerifyError(this);
}

defineMethods(DiffieHellmanGroup.prototype, kMethods);

export function createDiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
}

export function createDiffieHellmanGroup(name) {
  return new DiffieHellmanGroup(name);
}

export { createDiffieHellmanGroup as getDiffieHellman };

// ---------------------------------------------------------------------------------------------
// generatePrime / checkPrime

function later(fn) {
  (typeof setImmediate === 'function' ? setImmediate : setTimeout)(fn);
}

/** A non-negative bigint as big-endian bytes. */
function bigintBytes(value, name) {
  if (value < 0n) throw new ERR_OUT_OF_RANGE(name, '>= 0', value);
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function primeOperand(value, name) {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return bigintBytes(value, name);
  if (!isBinary(value)) throw new ERR_INVALID_ARG_TYPE(name, kPrimeTypes, value);
  return bytesOf(value);
}

function primeJob(size, options) {
  validateInt32(size, 'size', 1);
  validateObject(options, 'options');
  const { safe = false, bigint = false } = options;
  validateBoolean(safe, 'options.safe');
  validateBoolean(bigint, 'options.bigint');
  const add = primeOperand(options.add, 'options.add');
  const rem = primeOperand(options.rem, 'options.rem');
  return () => {
    const prime = binding.generatePrime(size, safe, add, rem);
    return bigint ? BigInt(`0x${Buffer.from(prime).toString('hex')}`) : prime;
  };
}

export function generatePrimeSync(size, options = {}) {
  return primeJob(size, options)();
}

export function generatePrime(size, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  validateFunction(callback, 'callback');
  const job = primeJob(size, options);
  later(() => {
    let prime;
    try {
      prime = job();
    } catch (error) {
      callback(error);
      return;
    }
    callback(undefined, prime);
  });
}

function checkJob(candidate, options) {
  if (typeof candidate === 'bigint') candidate = bigintBytes(candidate, 'candidate');
  if (!isBinary(candidate)) throw new ERR_INVALID_ARG_TYPE('candidate', kPrimeTypes, candidate);
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateInt32(checks, 'options.checks', 0);
  const bytes = bytesOf(candidate);
  return () => binding.checkPrime(bytes, checks);
}

export function checkPrimeSync(candidate, options = {}) {
  return checkJob(candidate, options)();
}

export function checkPrime(candidate, options = {}, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  validateFunction(callback, 'callback');
  const job = checkJob(candidate, options);
  later(() => callback(undefined, job()));
}
