// Module `buffer`: Node's Buffer, written for wasmedge_boa.
//
// Buffer is a Uint8Array subclass. UTF-8 goes through the runtime's native
// TextEncoder/TextDecoder; the other encodings are small table-driven loops.
// Loading this module sets `globalThis.Buffer`, as the reference runtime does.

export const kMaxLength = 0x7fffffff;
export const kStringMaxLength = 0x1fffffe8;
export const INSPECT_MAX_BYTES = 50;
export const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength };

import { codes, decorate } from 'internal/errors';
import { resolveObjectURL } from '_boa:url';
import { search, utf16Length } from '_boa:buffer';
import { isAnyArrayBuffer } from 'util/types';

const { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_ENCODING } = codes;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
// Some TextDecoder implementations decode a view's whole underlying buffer;
// detect that once and copy views in that case.
const decoderHonoursViews = (() => {
  try { return utf8Decoder.decode(new Uint8Array([65, 66]).subarray(1)) === 'B'; } catch { return false; }
})();

const ENCODINGS = {
  'utf8': 'utf8', 'utf-8': 'utf8',
  'hex': 'hex',
  'base64': 'base64', 'base64url': 'base64url',
  'latin1': 'latin1', 'binary': 'latin1',
  'ascii': 'ascii',
  'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le', 'utf-16le': 'utf16le',
};

// Node reads an encoding argument in four ways, and scripts (and Node's tests) see which:
// - `toString`, `indexOf`: only `undefined` means UTF-8; anything else must name an encoding
//   (`toString(null)` throws `Unknown encoding: null`);
// - `from(string, e)`, `write`: `null`, `''` and non-strings mean UTF-8, an unknown name throws;
// - `fill`/`alloc`: `null` and `''` mean UTF-8, a non-string is ERR_INVALID_ARG_TYPE;
// - `byteLength`: anything unknown counts as UTF-8.
function lookupEncoding(encoding) {
  return ENCODINGS[String(encoding).toLowerCase()];
}

function strictEncoding(encoding) {
  if (encoding === undefined) return 'utf8';
  const name = lookupEncoding(encoding);
  if (name === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return name;
}

function normalizeEncoding(encoding) {
  if (typeof encoding !== 'string' || encoding === '') return 'utf8';
  return strictEncoding(encoding);
}

function fillEncoding(encoding) {
  if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
  if (typeof encoding !== 'string') throw new ERR_INVALID_ARG_TYPE('encoding', 'string', encoding);
  return strictEncoding(encoding);
}

// Errors come from the library's one table (internal/errors), with Node's codes and wording.
const rangeError = (name, range, received) => new ERR_OUT_OF_RANGE(name, range, received);

// ---------------------------------------------------------------- encoders

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Decoding accepts both alphabets (as Node does) and skips anything else.
const B64_LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  B64_LOOKUP[B64.charCodeAt(i)] = i;
  B64_LOOKUP[B64URL.charCodeAt(i)] = i;
}

function base64ToBytes(str) {
  const out = new Uint8Array(Math.floor(str.length * 3 / 4) + 3);
  let bits = 0, count = 0, n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 61) break; // '=' ends the data
    const v = c < 256 ? B64_LOOKUP[c] : -1;
    if (v < 0) continue;
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[n++] = (bits >> count) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function bytesToBase64(bytes, alphabet, pad) {
  let out = '';
  let i = 0;
  const len = bytes.length;
  const parts = [];
  for (; i + 2 < len; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63] + alphabet[(v >> 6) & 63] + alphabet[v & 63];
    if (out.length > 8192) { parts.push(out); out = ''; }
  }
  if (i < len) {
    const v = (bytes[i] << 16) | (i + 1 < len ? bytes[i + 1] << 8 : 0);
    out += alphabet[v >> 18] + alphabet[(v >> 12) & 63];
    out += i + 1 < len ? alphabet[(v >> 6) & 63] : (pad ? '=' : '');
    out += pad ? '=' : '';
  }
  parts.push(out);
  return parts.join('');
}

function hexToBytes(str) {
  const out = new Uint8Array(str.length >>> 1);
  let n = 0;
  for (; n < out.length; n++) {
    const hi = hexValue(str.charCodeAt(2 * n));
    const lo = hexValue(str.charCodeAt(2 * n + 1));
    if (hi < 0 || lo < 0) break; // Node stops at the first invalid pair
    out[n] = (hi << 4) | lo;
  }
  return out.subarray(0, n);
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const HEX = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

function latin1ToBytes(str) {
  const out = new Uint8Array(str.length);
  for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 0xff;
  return out;
}

function utf16leToBytes(str) {
  const out = new Uint8Array(str.length * 2);
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/** Encodes a string into a fresh Uint8Array. */
function encodeString(str, encoding) {
  switch (encoding) {
    case 'utf8': return utf8Encoder.encode(str);
    case 'hex': return hexToBytes(str);
    case 'base64': case 'base64url': return base64ToBytes(str);
    case 'latin1': case 'ascii': return latin1ToBytes(str);
    case 'utf16le': return utf16leToBytes(str);
  }
  throw new ERR_UNKNOWN_ENCODING(encoding);
}

function codesToString(bytes, mask) {
  const parts = [];
  const CHUNK = 4096;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    let chunk = bytes.subarray(i, Math.min(i + CHUNK, bytes.length));
    if (mask !== 0xff) chunk = Uint8Array.from(chunk, (b) => b & mask);
    parts.push(String.fromCharCode.apply(null, chunk));
  }
  return parts.join('');
}

/** Decodes the bytes of a Uint8Array view. */
// The engine's TypedArray fill stores one element at a time (about 100 ns a byte), while
// copyWithin moves memory: fill a short run, then double it until the range is full.
function fillRange(target, byte, start, end) {
  const run = Math.min(end - start, 256);
  Uint8Array.prototype.fill.call(target, byte, start, start + run);
  repeatRun(target, start, start + run, end);
}

/** Repeats target[start, filledEnd) over target[start, end). */
function repeatRun(target, start, filledEnd, end) {
  let filled = filledEnd - start;
  const total = end - start;
  while (filled < total) {
    const n = Math.min(filled, total - filled);
    Uint8Array.prototype.copyWithin.call(target, start + filled, start, start + n);
    filled += n;
  }
}

function decodeBytes(bytes, encoding) {
  switch (encoding) {
    case 'utf8':
      if (bytes.length === 0) return '';
      return utf8Decoder.decode(decoderHonoursViews || (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
        ? bytes : Uint8Array.prototype.slice.call(bytes));
    case 'latin1': return codesToString(bytes, 0xff);
    case 'ascii': return codesToString(bytes, 0x7f);
    case 'hex': {
      // Appending to one string copies it each time (quadratic on large buffers): build
      // bounded pieces and join them once.
      const parts = [];
      let out = '';
      for (let i = 0; i < bytes.length; i++) {
        out += HEX[bytes[i]];
        if (out.length >= 8192) { parts.push(out); out = ''; }
      }
      parts.push(out);
      return parts.join('');
    }
    case 'base64': return bytesToBase64(bytes, B64, true);
    case 'base64url': return bytesToBase64(bytes, B64URL, false);
    case 'utf16le': {
      const parts = [];
      let units = [];
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        units.push(bytes[i] | (bytes[i + 1] << 8));
        if (units.length === 4096) { parts.push(String.fromCharCode.apply(null, units)); units = []; }
      }
      parts.push(String.fromCharCode.apply(null, units));
      return parts.join('');
    }
  }
  throw new ERR_UNKNOWN_ENCODING(encoding);
}

// An ArrayBuffer or SharedArrayBuffer by its internal slot (any realm); an object that merely
// inherits from ArrayBuffer.prototype is not one.
function isArrayBufferLike(value) {
  return isAnyArrayBuffer(value);
}

function toInteger(value, fallback) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isNaN(n)) return fallback;
  return Math.trunc(n);
}

function clamp(value, lo, hi) { return value < lo ? lo : value > hi ? hi : value; }

function validateElementCount(value, name) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value) || value < 0) throw new ERR_OUT_OF_RANGE(name, '>= 0 && <= 9007199254740991', value);
}

// ---------------------------------------------------------------- Buffer

// The class of every Buffer; `Buffer` itself (below) is a function sharing its prototype, so that
// the deprecated `Buffer(x)` works without `new`, as in Node.
export class FastBuffer extends Uint8Array {
  // TypedArray species creation (subarray, map, filter) comes through `Buffer` with
  // (arrayBuffer, byteOffset, length) or (length).
  constructor(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') {
      super(arg);
    } else if (isArrayBufferLike(arg)) {
      super(arg, encodingOrOffset === undefined ? 0 : encodingOrOffset, length);
    } else {
      const bytes = bytesFrom(arg, encodingOrOffset, length);
      super(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  }

  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') {
      const bytes = encodeString(value, normalizeEncoding(encodingOrOffset));
      return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (isArrayBufferLike(value)) {
      const offset = toInteger(encodingOrOffset, 0);
      if (offset < 0 || offset > value.byteLength) {
        throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('offset');
      }
      const len = length === undefined ? value.byteLength - offset : toInteger(length, 0);
      if (len < 0 || offset + len > value.byteLength) throw new codes.ERR_BUFFER_OUT_OF_BOUNDS('length');
      return new FastBuffer(value, offset, len);
    }
    const bytes = bytesFrom(value, encodingOrOffset, length);
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  static alloc(size, fill, encoding) {
    checkSize(size);
    const buf = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, 0, size, encoding);
    return buf;
  }

  static allocUnsafe(size) { checkSize(size); return new FastBuffer(size); }
  static allocUnsafeSlow(size) { checkSize(size); return new FastBuffer(size); }

  /** A copy of the bytes of `view`'s elements `offset` to `offset + length` (a TypedArray). */
  static copyBytesFrom(view, offset, length) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView) throw new ERR_INVALID_ARG_TYPE('view', 'TypedArray', view);
    const count = view.length;
    let start = 0;
    let end = count;
    if (offset !== undefined) {
      validateElementCount(offset, 'offset');
      if (offset >= count) return new FastBuffer(0);
      start = offset;
    }
    if (length !== undefined) {
      validateElementCount(length, 'length');
      end = Math.min(start + length, count);
    }
    const size = view.BYTES_PER_ELEMENT;
    const bytes = new Uint8Array(view.buffer, view.byteOffset + start * size, (end - start) * size);
    return Buffer.from(bytes);
  }

  static isBuffer(value) { return value instanceof Buffer; }

  static isEncoding(encoding) {
    return typeof encoding === 'string' && encoding !== '' && ENCODINGS[encoding.toLowerCase()] !== undefined;
  }

  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || isArrayBufferLike(value)) return value.byteLength;
      throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], value);
    }
    const enc = lookupEncoding(encoding) ?? 'utf8';
    switch (enc) {
      case 'latin1': case 'ascii': return value.length;
      case 'utf16le': return value.length * 2;
      case 'hex': return value.length >>> 1;
      default: return encodeString(value, enc).length;
    }
  }

  static concat(list, totalLength) {
    if (!Array.isArray(list)) {
      throw new ERR_INVALID_ARG_TYPE('list', 'Array', list);
    }
    for (let i = 0; i < list.length; i++) {
      if (!(list[i] instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    if (list.length === 0) return new FastBuffer(0);
    if (totalLength === undefined) {
      totalLength = 0;
      for (const item of list) totalLength += item.length;
    }
    const out = Buffer.alloc(totalLength);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!(item instanceof Uint8Array)) {
        throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], item);
      }
      if (pos >= totalLength) break;
      const part = item.length > totalLength - pos ? item.subarray(0, totalLength - pos) : item;
      out.set(part, pos);
      pos += part.length;
    }
    return out;
  }

  static compare(a, b) {
    if (!(a instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], a);
    if (!(b instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], b);
    return compareBytes(a, b);
  }

  static get poolSize() { return 8192; }

  get parent() { return this.buffer; }
  get offset() { return this.byteOffset; }

  toString(encoding, start, end) {
    const enc = strictEncoding(encoding);
    const len = this.length;
    // As Node coerces them: a start that is not a number ('x', {}, NaN) is 0, an end that is
    // not one is 0 too (so nothing is decoded); only an undefined end means the whole length.
    if (start <= 0) start = 0;
    else if (start >= len) return '';
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > len) end = len;
    else end = Math.trunc(end) || 0;
    if (end <= start) return '';
    // Node's limit on string length (ERR_STRING_TOO_LONG): known before decoding except for
    // UTF-8, whose length is only known after.
    const count = end - start;
    const exact = enc === 'latin1' || enc === 'ascii' ? count : enc === 'hex' ? 2 * count
      : enc === 'utf16le' ? Math.floor(count / 2) : enc === 'base64' ? Math.ceil(count / 3) * 4
      : enc === 'base64url' ? Math.ceil(count * 4 / 3) : 0;
    if (exact > kStringMaxLength || (enc === 'utf8' && count > kStringMaxLength
      && utf16Length(this.subarray(start, end)) > kStringMaxLength)) throw new codes.ERR_STRING_TOO_LONG();
    const text = decodeBytes(start === 0 && end === len ? this : this.subarray(start, end), enc);
    if (text.length > kStringMaxLength) throw new codes.ERR_STRING_TOO_LONG();
    return text;
  }

  toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); }

  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }

  equals(other) {
    if (!(other instanceof Uint8Array)) {
      throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], other);
    }
    return compareBytes(this, other) === 0;
  }

  compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!(target instanceof Uint8Array)) {
      throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
    }
    // Offsets are integers, never coerced (Node); empty ranges compare before any bounds check.
    targetStart = compareOffset(targetStart, 'targetStart', 0, kMaxLength);
    targetEnd = compareOffset(targetEnd, 'targetEnd', target.length, target.length);
    sourceStart = compareOffset(sourceStart, 'sourceStart', 0, kMaxLength);
    sourceEnd = compareOffset(sourceEnd, 'sourceEnd', this.length, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this.subarray(sourceStart, sourceEnd), target.subarray(targetStart, targetEnd));
  }

  write(string, offset, length, encoding) {
    if (typeof string !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', string);
    }
    // write(string[, encoding]) or write(string, offset[, length][, encoding]), as Node reads
    // them: offset and length must be integers in range (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE).
    if (offset === undefined) { offset = 0; length = this.length; encoding = undefined; }
    else if (length === undefined && typeof offset === 'string') { encoding = offset; offset = 0; length = this.length; }
    else {
      offset = compareOffset(offset, 'offset', 0, this.length);
      const remaining = this.length - offset;
      if (typeof length === 'string') { encoding = length; length = undefined; }
      length = Math.min(compareOffset(length, 'length', remaining, this.length), remaining);
    }
    const enc = normalizeEncoding(encoding);
    let bytes = encodeString(string, enc);
    if (bytes.length > length) {
      bytes = bytes.subarray(0, enc === 'utf8' ? utf8Boundary(bytes, length) : enc === 'utf16le' ? length & ~1 : length);
    }
    this.set(bytes, offset);
    return bytes.length;
  }

  slice(start, end) { return this.subarray(start, end); }

  fill(value, offset, end, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
    else if (typeof end === 'string') { encoding = end; end = this.length; }
    offset = toInteger(offset, 0);
    end = toInteger(end, this.length);
    if (offset < 0 || offset > this.length) throw rangeError('offset', '>= 0 and <= ' + this.length, offset);
    if (end < 0 || end > this.length) throw rangeError('end', '>= 0 and <= ' + this.length, end);
    if (end <= offset) return this;
    if (typeof value === 'number') {
      fillRange(this, value & 0xff, offset, end);
      return this;
    }
    if (typeof value === 'boolean') {
      fillRange(this, value ? 1 : 0, offset, end);
      return this;
    }
    let pattern;
    if (typeof value === 'string') {
      const enc = fillEncoding(encoding);
      if (value.length === 1 && enc === 'utf8' && value.charCodeAt(0) < 128) {
        fillRange(this, value.charCodeAt(0), offset, end);
        return this;
      }
      pattern = encodeString(value, enc);
      if (pattern.length === 0) {
        if (value.length === 0) { fillRange(this, 0, offset, end); return this; }
        throw new ERR_INVALID_ARG_VALUE('value', value);
      }
    } else if (value instanceof Uint8Array) {
      pattern = value;
    } else if (value === undefined || value === null) {
      fillRange(this, 0, offset, end);
      return this;
    } else {
      fillRange(this, Number(value) & 0xff, offset, end);
      return this;
    }
    if (pattern.buffer === this.buffer) pattern = Uint8Array.prototype.slice.call(pattern);
    const first = Math.min(pattern.length, end - offset);
    Uint8Array.prototype.set.call(this, first === pattern.length ? pattern : pattern.subarray(0, first), offset);
    repeatRun(this, offset, offset + first, end);
    return this;
  }

  includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }

  copy(target, targetStart, sourceStart, sourceEnd) {
    if (!(target instanceof Uint8Array)) {
      throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
    }
    targetStart = toInteger(targetStart, 0);
    sourceStart = toInteger(sourceStart, 0);
    sourceEnd = toInteger(sourceEnd, this.length);
    if (targetStart < 0) throw rangeError('targetStart', '>= 0', targetStart);
    if (sourceStart < 0 || sourceStart > this.length) throw rangeError('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
    if (sourceEnd < 0) throw rangeError('sourceEnd', '>= 0', sourceEnd);
    sourceEnd = Math.min(sourceEnd, this.length);
    if (targetStart >= target.length || sourceEnd <= sourceStart) return 0;
    const count = Math.min(sourceEnd - sourceStart, target.length - targetStart);
    // subarray + set handles overlapping regions of the same memory correctly.
    target.set(this.subarray(sourceStart, sourceStart + count), targetStart);
    return count;
  }

  swap16() { return swapBytes(this, 2); }
  swap32() { return swapBytes(this, 4); }
  swap64() { return swapBytes(this, 8); }

  // ---- integer reads and writes

  readUInt8(offset = 0) { checkRead(this, offset, 1); return this[offset]; }
  readInt8(offset = 0) { checkRead(this, offset, 1); const v = this[offset]; return v & 0x80 ? v - 0x100 : v; }
  readUInt16LE(offset = 0) { checkRead(this, offset, 2); return this[offset] | (this[offset + 1] << 8); }
  readUInt16BE(offset = 0) { checkRead(this, offset, 2); return (this[offset] << 8) | this[offset + 1]; }
  readInt16LE(offset = 0) { const v = this.readUInt16LE(offset); return v & 0x8000 ? v - 0x10000 : v; }
  readInt16BE(offset = 0) { const v = this.readUInt16BE(offset); return v & 0x8000 ? v - 0x10000 : v; }
  readUInt32LE(offset = 0) {
    checkRead(this, offset, 4);
    return (this[offset] | (this[offset + 1] << 8) | (this[offset + 2] << 16)) + this[offset + 3] * 0x1000000;
  }
  readUInt32BE(offset = 0) {
    checkRead(this, offset, 4);
    return this[offset] * 0x1000000 + ((this[offset + 1] << 16) | (this[offset + 2] << 8) | this[offset + 3]);
  }
  readInt32LE(offset = 0) { return this.readUInt32LE(offset) | 0; }
  readInt32BE(offset = 0) { return this.readUInt32BE(offset) | 0; }

  readUIntLE(offset, byteLength) {
    checkByteLength(byteLength); checkRead(this, offset, byteLength);
    let value = 0;
    for (let i = byteLength - 1; i >= 0; i--) value = value * 256 + this[offset + i];
    return value;
  }
  readUIntBE(offset, byteLength) {
    checkByteLength(byteLength); checkRead(this, offset, byteLength);
    let value = 0;
    for (let i = 0; i < byteLength; i++) value = value * 256 + this[offset + i];
    return value;
  }
  readIntLE(offset, byteLength) {
    const v = this.readUIntLE(offset, byteLength);
    const limit = 2 ** (8 * byteLength - 1);
    return v >= limit ? v - limit * 2 : v;
  }
  readIntBE(offset, byteLength) {
    const v = this.readUIntBE(offset, byteLength);
    const limit = 2 ** (8 * byteLength - 1);
    return v >= limit ? v - limit * 2 : v;
  }

  writeUInt8(value, offset = 0) { return writeInt(this, value, offset, 1, 0, 0xff, false); }
  writeInt8(value, offset = 0) { return writeInt(this, value, offset, 1, -0x80, 0x7f, false); }
  writeUInt16LE(value, offset = 0) { return writeInt(this, value, offset, 2, 0, 0xffff, true); }
  writeUInt16BE(value, offset = 0) { return writeInt(this, value, offset, 2, 0, 0xffff, false); }
  writeInt16LE(value, offset = 0) { return writeInt(this, value, offset, 2, -0x8000, 0x7fff, true); }
  writeInt16BE(value, offset = 0) { return writeInt(this, value, offset, 2, -0x8000, 0x7fff, false); }
  writeUInt32LE(value, offset = 0) { return writeInt(this, value, offset, 4, 0, 0xffffffff, true); }
  writeUInt32BE(value, offset = 0) { return writeInt(this, value, offset, 4, 0, 0xffffffff, false); }
  writeInt32LE(value, offset = 0) { return writeInt(this, value, offset, 4, -0x80000000, 0x7fffffff, true); }
  writeInt32BE(value, offset = 0) { return writeInt(this, value, offset, 4, -0x80000000, 0x7fffffff, false); }
  writeUIntLE(value, offset, byteLength) { checkByteLength(byteLength); return writeInt(this, value, offset, byteLength, 0, 2 ** (8 * byteLength) - 1, true); }
  writeUIntBE(value, offset, byteLength) { checkByteLength(byteLength); return writeInt(this, value, offset, byteLength, 0, 2 ** (8 * byteLength) - 1, false); }
  writeIntLE(value, offset, byteLength) { checkByteLength(byteLength); const h = 2 ** (8 * byteLength - 1); return writeInt(this, value, offset, byteLength, -h, h - 1, true); }
  writeIntBE(value, offset, byteLength) { checkByteLength(byteLength); const h = 2 ** (8 * byteLength - 1); return writeInt(this, value, offset, byteLength, -h, h - 1, false); }

  // ---- floats and BigInts go through a DataView over the same memory

  readFloatLE(offset = 0) { checkRead(this, offset, 4); return view(this).getFloat32(offset, true); }
  readFloatBE(offset = 0) { checkRead(this, offset, 4); return view(this).getFloat32(offset, false); }
  readDoubleLE(offset = 0) { checkRead(this, offset, 8); return view(this).getFloat64(offset, true); }
  readDoubleBE(offset = 0) { checkRead(this, offset, 8); return view(this).getFloat64(offset, false); }
  readBigInt64LE(offset = 0) { checkRead(this, offset, 8); return view(this).getBigInt64(offset, true); }
  readBigInt64BE(offset = 0) { checkRead(this, offset, 8); return view(this).getBigInt64(offset, false); }
  readBigUInt64LE(offset = 0) { checkRead(this, offset, 8); return view(this).getBigUint64(offset, true); }
  readBigUInt64BE(offset = 0) { checkRead(this, offset, 8); return view(this).getBigUint64(offset, false); }

  writeFloatLE(value, offset = 0) { checkWrite(this, offset, 4); view(this).setFloat32(offset, +value, true); return offset + 4; }
  writeFloatBE(value, offset = 0) { checkWrite(this, offset, 4); view(this).setFloat32(offset, +value, false); return offset + 4; }
  writeDoubleLE(value, offset = 0) { checkWrite(this, offset, 8); view(this).setFloat64(offset, +value, true); return offset + 8; }
  writeDoubleBE(value, offset = 0) { checkWrite(this, offset, 8); view(this).setFloat64(offset, +value, false); return offset + 8; }
  writeBigInt64LE(value, offset = 0) { checkBigInt(value, -(2n ** 63n), 2n ** 63n - 1n); checkWrite(this, offset, 8); view(this).setBigInt64(offset, value, true); return offset + 8; }
  writeBigInt64BE(value, offset = 0) { checkBigInt(value, -(2n ** 63n), 2n ** 63n - 1n); checkWrite(this, offset, 8); view(this).setBigInt64(offset, value, false); return offset + 8; }
  writeBigUInt64LE(value, offset = 0) { checkBigInt(value, 0n, 2n ** 64n - 1n); checkWrite(this, offset, 8); view(this).setBigUint64(offset, value, true); return offset + 8; }
  writeBigUInt64BE(value, offset = 0) { checkBigInt(value, 0n, 2n ** 64n - 1n); checkWrite(this, offset, 8); view(this).setBigUint64(offset, value, false); return offset + 8; }
}

// Node's lower-case "Uint" aliases.
for (const name of Object.getOwnPropertyNames(FastBuffer.prototype)) {
  if (/^(read|write)(Big)?UInt/.test(name)) {
    const alias = name.replace('UInt', 'Uint');
    Object.defineProperty(FastBuffer.prototype, alias, {
      value: FastBuffer.prototype[name], writable: true, configurable: true, enumerable: false,
    });
  }
}

function view(buf) { return new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }

function checkSize(size) {
  if (typeof size !== 'number') throw new ERR_INVALID_ARG_TYPE('size', 'number', size);
  if (!(size >= 0 && size <= kMaxLength) || !Number.isInteger(size)) throw rangeError('size', '>= 0 && <= ' + kMaxLength, size);
}

function checkByteLength(byteLength) {
  if (typeof byteLength !== 'number') throw new ERR_INVALID_ARG_TYPE('byteLength', 'number', byteLength);
  // Node's order: not an integer (but ±Infinity is "out of range"), then the bounds.
  if (Math.floor(byteLength) !== byteLength) throw rangeError('byteLength', 'an integer', byteLength);
  if (byteLength < 1 || byteLength > 6) throw rangeError('byteLength', '>= 1 and <= 6', byteLength);
}

function checkOffset(buf, offset, size) {
  if (typeof offset !== 'number') throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (Math.floor(offset) !== offset) throw rangeError('offset', 'an integer', offset);
  if (buf.length - size < 0) {
    throw new codes.ERR_BUFFER_OUT_OF_BOUNDS();
  }
  if (offset < 0 || offset > buf.length - size) throw rangeError('offset', '>= 0 and <= ' + (buf.length - size), offset);
}
const checkRead = checkOffset;
const checkWrite = checkOffset;

// `offset` has a default in the fixed-size writers only: writeUIntLE(value, undefined, n) throws.
function writeInt(buf, value, offset, size, min, max, littleEndian) {
  checkWrite(buf, offset, size);
  value = +value;
  if (!(value >= min && value <= max)) {
    throw rangeError('value', integerRange(size, min, ''), value);
  }
  value = Math.trunc(value);
  // Two's complement for negatives, then peel bytes off arithmetically (works beyond 32 bits).
  let v = value < 0 ? value + 2 ** (8 * size) : value;
  for (let i = 0; i < size; i++) {
    const b = v % 256;
    buf[littleEndian ? offset + i : offset + size - 1 - i] = b;
    v = (v - b) / 256;
  }
  return offset + size;
}

function checkBigInt(value, min, max) {
  if (typeof value !== 'bigint') throw new ERR_INVALID_ARG_TYPE('value', 'bigint', value);
  if (value < min || value > max) throw rangeError('value', integerRange(8, min, 'n'), value);
}

/** Node's wording of an integer range: bounds up to 32 bits, powers of two beyond (`n`: BigInt). */
function integerRange(size, min, n) {
  const bits = 8 * size;
  if (size <= 4) return min === 0 ? `>= 0 and <= ${2 ** bits - 1}` : `>= ${-(2 ** (bits - 1))} and <= ${2 ** (bits - 1) - 1}`;
  if (min === 0 || min === 0n) return `>= 0${n} and < 2${n} ** ${bits}${n}`;
  return `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
}

function swapBytes(buf, size) {
  if (buf.length % size !== 0) {
    const err = new RangeError('Buffer size must be a multiple of ' + (size * 8) + '-bits');
    err.code = 'ERR_INVALID_BUFFER_SIZE';
    throw err;
  }
  for (let i = 0; i < buf.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a]; buf[a] = buf[b]; buf[b] = t;
    }
  }
  return buf;
}

function compareOffset(value, name, fallback, max) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw rangeError(name, 'an integer', value);
  if (value < 0 || value > max) throw rangeError(name, `>= 0 && <= ${max}`, value);
  return value;
}

function compareBytes(a, b) {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Longest prefix of UTF-8 `bytes` no longer than `limit` that ends on a character boundary. */
function utf8Boundary(bytes, limit) {
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return end;
}

// Plain functions, not class methods, as in Node: `new buf.indexOf()` is refused by the argument
// check rather than as "not a constructor".
Object.defineProperties(FastBuffer.prototype, {
  indexOf: {
    value: function indexOf(value, byteOffset, encoding) { return searchBytes(this, value, byteOffset, encoding, true); },
    writable: true, configurable: true,
  },
  lastIndexOf: {
    value: function lastIndexOf(value, byteOffset, encoding) { return searchBytes(this, value, byteOffset, encoding, false); },
    writable: true, configurable: true,
  },
});

function searchBytes(buf, value, byteOffset, encoding, forward) {
  if (!(buf instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buf);
  if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
  let offset = byteOffset === undefined ? (forward ? 0 : buf.length) : Number(byteOffset);
  if (Number.isNaN(offset)) offset = forward ? 0 : buf.length;
  offset = Math.trunc(offset);
  if (offset < 0) offset = buf.length + offset;
  if (typeof value === 'number') {
    const byte = value & 0xff;
    if (forward) return Uint8Array.prototype.indexOf.call(buf, byte, Math.max(0, offset));
    if (offset < 0) return -1;
    return Uint8Array.prototype.lastIndexOf.call(buf, byte, Math.min(offset, buf.length - 1));
  }
  let needle;
  // A Buffer needle takes the encoding only for its UTF-16 rule (an unknown name is UTF-8 then).
  const enc = typeof value === 'string' ? strictEncoding(encoding) : lookupEncoding(encoding) ?? 'utf8';
  if (typeof value === 'string') needle = encodeString(value, enc);
  else if (value instanceof Uint8Array) needle = value;
  else throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
  // In UTF-16 both sides are whole 2-byte units: matches start at even offsets only.
  const step = enc === 'utf16le' ? 2 : 1;
  if (step === 2 && (buf.length < 2 || needle.length < 2)) return -1;
  if (needle.length === 0) return forward ? Math.min(Math.max(0, offset), buf.length) : Math.min(offset, buf.length);
  if (forward) return search(buf, needle, Math.max(0, offset), true, step);
  return offset < 0 ? -1 : search(buf, needle, offset, false, step);
}

/** A fresh Uint8Array for the non-string, non-ArrayBuffer inputs of Buffer.from. */
function bytesFrom(value, encodingOrOffset, length) {
  if (typeof value === 'string') return encodeString(value, normalizeEncoding(encodingOrOffset));
  if (isArrayBufferLike(value)) return new Uint8Array(value, toInteger(encodingOrOffset, 0), length);
  if (value instanceof Uint8Array) return Uint8Array.prototype.slice.call(value);
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    return Uint8Array.from(value, (v) => Number(v) & 0xff);
  }
  if (value !== null && typeof value === 'object') {
    // Objects with a primitive value (new String('x')) convert through it, like Node.
    const primitive = typeof value[Symbol.toPrimitive] === 'function' ? value[Symbol.toPrimitive]('string')
      : typeof value.valueOf === 'function' ? value.valueOf() : value;
    if (primitive !== value && primitive !== null && (typeof primitive === 'string' || typeof primitive === 'object')) {
      return bytesFrom(primitive, encodingOrOffset, length);
    }
    // As Node: an object with a `length`, or whose `buffer` is an ArrayBuffer, is array-like
    // (empty unless that length is a number); then `{ type: 'Buffer', data }` (toJSON's form).
    if (value.length !== undefined || isAnyArrayBuffer(value.buffer)) {
      return typeof value.length === 'number' ? arrayLikeBytes(value) : new Uint8Array(0);
    }
    if (value.type === 'Buffer' && Array.isArray(value.data)) return arrayLikeBytes(value.data);
  }
  throw new ERR_INVALID_ARG_TYPE('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
}

function arrayLikeBytes(list) {
  const len = list.length > 0 ? Math.floor(list.length) : 0;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = Number(list[i]) & 0xff;
  return out;
}

/** `Buffer(size)` / `Buffer(value[, encodingOrOffset[, length]])`, with or without `new`:
 *  `Buffer.alloc` or `Buffer.from` (deprecated in Node, still working). */
// DEP0005: `Buffer()`/`new Buffer()` warn once, as in Node: from code outside node_modules, or
// from anywhere with --pending-deprecation (NODE_PENDING_DEPRECATION=1).
const kBufferWarning = 'Buffer() is deprecated due to security and usability issues. Please use the ' +
  'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.';
let bufferWarned = false;
let bufferChecks = 0;

function pendingDeprecation() {
  const proc = globalThis.process;
  return !!proc && ((Array.isArray(proc.execArgv) && proc.execArgv.includes('--pending-deprecation')) ||
    (proc.env && proc.env.NODE_PENDING_DEPRECATION === '1'));
}

// Whether the code calling Buffer() is a file under node_modules (the first frame of the stack
// outside this runtime's own `node:` modules).
function calledFromNodeModules() {
  const stack = String(new Error().stack);
  for (const line of stack.split('\n').slice(1)) {
    if (line.includes('(node:') || line.includes('<native>') || line.includes('(native)')) continue;
    return /[\\/]node_modules[\\/]/.test(line);
  }
  return false;
}

function warnBufferConstructor() {
  if (bufferWarned || ++bufferChecks > 10000) return;
  bufferWarned = true;  // set first: a user's Error.prepareStackTrace may call Buffer() again
  if (!pendingDeprecation() && calledFromNodeModules()) {
    bufferWarned = false;
    return;
  }
  if (globalThis.process && typeof process.emitWarning === 'function') {
    process.emitWarning(kBufferWarning, 'DeprecationWarning', 'DEP0005');
  }
}

export function Buffer(arg, encodingOrOffset, length) {
  warnBufferConstructor();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Object.setPrototypeOf(Buffer, Uint8Array);
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
for (const name of Object.getOwnPropertyNames(FastBuffer)) {
  if (name === 'length' || name === 'name' || name === 'prototype') continue;
  Object.defineProperty(Buffer, name, Object.getOwnPropertyDescriptor(FastBuffer, name));
}
Object.defineProperty(Buffer, 'poolSize', { value: 8192, writable: true, enumerable: true, configurable: true });
// Typed-array methods that make new arrays (subarray, slice, map, filter) construct FastBuffer,
// not the deprecated Buffer() function, as in Node.
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, enumerable: false, configurable: true });
// Buffer.of too (Uint8Array.of would call `new Buffer(n)`).
Buffer.of = function of(...items) { return Uint8Array.of.apply(FastBuffer, items); };

// A plain function, so `new SlowBuffer(n)` works as in Node (the returned object is the result).
export function SlowBuffer(size) { return Buffer.allocUnsafeSlow(size); }

export function transcode(source, fromEncoding, toEncoding) {
  return Buffer.from(Buffer.from(source).toString(fromEncoding), toEncoding);
}

/** The bytes of isUtf8/isAscii's input: a TypedArray or an ArrayBuffer, not detached (Node). */
function bytesToValidate(input) {
  const isTypedArray = ArrayBuffer.isView(input) && !(input instanceof DataView);
  if (!isTypedArray && !isArrayBufferLike(input)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
  }
  if (isDetached(isTypedArray ? input.buffer : input)) {
    // Node's native check words it without the usual "Invalid state: " prefix.
    throw decorate(new Error('Cannot validate on a detached buffer'), 'ERR_INVALID_STATE');
  }
  if (input instanceof Uint8Array) return input;
  return isTypedArray ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
}

function isDetached(buffer) {
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  if (buffer.byteLength !== 0) return false;
  try { new Uint8Array(buffer); return false; } catch { return true; }
}

export function isUtf8(input) {
  const bytes = bytesToValidate(input);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function isAscii(input) {
  const bytes = bytesToValidate(input);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

export const atob = globalThis.atob;
export const btoa = globalThis.btoa;
export const Blob = globalThis.Blob;
export const File = globalThis.File;
export { resolveObjectURL };

globalThis.Buffer = Buffer;

// What `require('buffer')` gives. Its INSPECT_MAX_BYTES is settable, as in Node, and is the
// number of bytes util.inspect shows of a Buffer (the named export stays the default, 50).
const moduleObject = {
  Buffer, SlowBuffer, FastBuffer, kMaxLength, kStringMaxLength, constants,
  transcode, isUtf8, isAscii, atob, btoa, Blob, File, resolveObjectURL,
};
let inspectMaxBytes = INSPECT_MAX_BYTES;
Object.defineProperty(moduleObject, 'INSPECT_MAX_BYTES', {
  enumerable: true,
  configurable: true,
  get() { return inspectMaxBytes; },
  set(value) {
    if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE('INSPECT_MAX_BYTES', 'number', value);
    if (!(value >= 0)) throw new ERR_OUT_OF_RANGE('INSPECT_MAX_BYTES', '>= 0', value);
    inspectMaxBytes = value;
  },
});
export default moduleObject;
