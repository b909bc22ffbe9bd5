// Node's `zlib` (gzip, deflate, deflate-raw, unzip): sync, callback and stream forms, on the
// same native deflate core as the web's CompressionStream (builtins/src/compression.rs).
// Brotli is not available (see docs/web-globals.md).
import { zlibNew, zlibPush } from '_boa:zlib';
import { Buffer } from 'buffer';
import { Transform } from 'stream';

export const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};
export const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const [k, v] of Object.entries(codes)) codes[v] = k;

// Each codec: the native format, whether it compresses.
const KINDS = {
  Gzip: ['gzip', true], Gunzip: ['gzip', false], Deflate: ['deflate', true], Inflate: ['deflate', false],
  DeflateRaw: ['deflate-raw', true], InflateRaw: ['deflate-raw', false], Unzip: ['unzip', false],
};

function invalidArg(name, value) {
  const err = new TypeError(`The "${name}" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${value === null ? 'null' : typeof value}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function toBytes(data, name = 'buffer') {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArg(name, data);
}

function level(options) {
  const value = options && options.level !== undefined ? options.level : -1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -1 || value > 9) {
    const err = new RangeError(`The value of "options.level" is out of range. It must be >= -1 and <= 9. Received ${value}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  return value === -1 ? 6 : value;
}

function zlibError(native) {
  const err = new Error(native.message);
  err.errno = -3;
  err.code = 'Z_DATA_ERROR';
  return err;
}

function push(handle, bytes, finish) {
  try { return zlibPush(handle, bytes, finish); } catch (e) { throw zlibError(e); }
}

function joinBuffers(parts) {
  return parts.length === 1 ? Buffer.from(parts[0].buffer, parts[0].byteOffset, parts[0].byteLength) : Buffer.concat(parts);
}

function processSync(kind, data, options) {
  const [format, compress] = KINDS[kind];
  const handle = zlibNew(format, compress, compress ? level(options) : 6);
  const out = push(handle, toBytes(data), true);
  const result = joinBuffers(out.length ? out : [new Uint8Array(0)]);
  if (options && options.info) return { buffer: result, engine: new ZLIB_CLASSES[kind](options) };
  return result;
}

function processAsync(kind, data, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  if (typeof callback !== 'function') {
    const err = new TypeError('The "callback" argument must be of type function. Received ' + typeof callback);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const bytes = toBytes(data);
  setImmediate(() => {
    let result;
    try { result = processSync(kind, bytes, options); } catch (e) { callback(e); return; }
    callback(null, result);
  });
}

// The stream classes: Transforms that feed the native codec chunk by chunk.
class ZlibBase extends Transform {
  constructor(kind, options = {}) {
    super({ ...options, objectMode: false });
    const [format, compress] = KINDS[kind];
    this._handle = zlibNew(format, compress, compress ? level(options) : 6);
    this.bytesWritten = 0;
    this._closed = false;
  }
  _transform(chunk, encoding, callback) {
    let out;
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : toBytes(chunk, 'chunk');
      this.bytesWritten += bytes.byteLength;
      out = push(this._handle, bytes, false);
    } catch (e) { callback(e); return; }
    for (const piece of out) this.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    callback();
  }
  _flush(callback) {
    let out;
    try { out = push(this._handle, new Uint8Array(0), true); } catch (e) { callback(e); return; }
    for (const piece of out) this.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    callback();
  }
  close(callback) {
    if (callback) this.once('close', callback);
    this.destroy();
  }
  flush(kind, callback) {
    if (typeof kind === 'function') callback = kind;
    if (callback) setImmediate(callback);
  }
  params(levelValue, strategy, callback) { if (callback) setImmediate(callback); }
  reset() {}
}

export class Gzip extends ZlibBase { constructor(o) { super('Gzip', o); } }
export class Gunzip extends ZlibBase { constructor(o) { super('Gunzip', o); } }
export class Deflate extends ZlibBase { constructor(o) { super('Deflate', o); } }
export class Inflate extends ZlibBase { constructor(o) { super('Inflate', o); } }
export class DeflateRaw extends ZlibBase { constructor(o) { super('DeflateRaw', o); } }
export class InflateRaw extends ZlibBase { constructor(o) { super('InflateRaw', o); } }
export class Unzip extends ZlibBase { constructor(o) { super('Unzip', o); } }
const ZLIB_CLASSES = { Gzip, Gunzip, Deflate, Inflate, DeflateRaw, InflateRaw, Unzip };

export const createGzip = (o) => new Gzip(o);
export const createGunzip = (o) => new Gunzip(o);
export const createDeflate = (o) => new Deflate(o);
export const createInflate = (o) => new Inflate(o);
export const createDeflateRaw = (o) => new DeflateRaw(o);
export const createInflateRaw = (o) => new InflateRaw(o);
export const createUnzip = (o) => new Unzip(o);

export const gzipSync = (d, o) => processSync('Gzip', d, o);
export const gunzipSync = (d, o) => processSync('Gunzip', d, o);
export const deflateSync = (d, o) => processSync('Deflate', d, o);
export const inflateSync = (d, o) => processSync('Inflate', d, o);
export const deflateRawSync = (d, o) => processSync('DeflateRaw', d, o);
export const inflateRawSync = (d, o) => processSync('InflateRaw', d, o);
export const unzipSync = (d, o) => processSync('Unzip', d, o);

export const gzip = (d, o, cb) => processAsync('Gzip', d, o, cb);
export const gunzip = (d, o, cb) => processAsync('Gunzip', d, o, cb);
export const deflate = (d, o, cb) => processAsync('Deflate', d, o, cb);
export const inflate = (d, o, cb) => processAsync('Inflate', d, o, cb);
export const deflateRaw = (d, o, cb) => processAsync('DeflateRaw', d, o, cb);
export const inflateRaw = (d, o, cb) => processAsync('InflateRaw', d, o, cb);
export const unzip = (d, o, cb) => processAsync('Unzip', d, o, cb);

// util.promisify(zlib.gzip) resolves with the result, like Node's.
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
for (const [name, kind] of [['gzip', 'Gzip'], ['gunzip', 'Gunzip'], ['deflate', 'Deflate'], ['inflate', 'Inflate'],
  ['deflateRaw', 'DeflateRaw'], ['inflateRaw', 'InflateRaw'], ['unzip', 'Unzip']]) {
  const fn = { gzip, gunzip, deflate, inflate, deflateRaw, inflateRaw, unzip }[name];
  Object.defineProperty(fn, kCustomPromisify, {
    value: (d, o) => new Promise((resolve, reject) => processAsync(kind, d, o || {}, (e, r) => (e ? reject(e) : resolve(r)))),
  });
}

export default {
  constants, codes, Gzip, Gunzip, Deflate, Inflate, DeflateRaw, InflateRaw, Unzip,
  createGzip, createGunzip, createDeflate, createInflate, createDeflateRaw, createInflateRaw, createUnzip,
  gzip, gunzip, deflate, inflate, deflateRaw, inflateRaw, unzip,
  gzipSync, gunzipSync, deflateSync, inflateSync, deflateRawSync, inflateRawSync, unzipSync,
};
