// Module `string_decoder`: decodes byte chunks to strings without splitting
// multi-byte characters across chunk boundaries. Written for wasmedge_boa.

import { Buffer } from 'buffer';
import { codes } from 'internal/errors';

const NAMES = {
  'utf8': 'utf8', 'utf-8': 'utf8', 'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le',
  'utf-16le': 'utf16le', 'latin1': 'latin1', 'binary': 'latin1', 'base64': 'base64',
  'base64url': 'base64url', 'ascii': 'ascii', 'hex': 'hex',
};

/**
 * Number of bytes at the end of `bytes` held back as the start of a UTF-8 character, classified
 * as Node does by the lead byte's bits alone (C0–DF: two bytes, E0–EF: three, F0–F7: four; no
 * check of the bytes that follow). What is held and turns out invalid decodes as U+FFFD later.
 */
function incompleteUtf8Tail(bytes) {
  const len = bytes.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const lead = bytes[len - back];
    if ((lead & 0xc0) === 0x80) continue; // continuation byte, keep looking for the lead byte
    const need = (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 0;
    return need > back ? back : 0;
  }
  return 0;
}

// A plain constructor function, as in Node: `StringDecoder.call(obj)` initialises `obj`.
export function StringDecoder(encoding) {
  // undefined and null both mean UTF-8, as in Node.
  const name = NAMES[String(encoding == null ? 'utf8' : encoding).toLowerCase()];
  if (name === undefined) {
    const err = new TypeError('Unknown encoding: ' + encoding);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
  }
  this.encoding = name;
  this.pending = new Uint8Array(0);
}

const methods = {
  write(chunk) {
    if (!(this.pending instanceof Uint8Array)) throw new codes.ERR_INVALID_THIS('StringDecoder');
    if (typeof chunk === 'string') return chunk;
    if (!ArrayBuffer.isView(chunk)) throw new codes.ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], chunk);
    let bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const held = this.pending.length;
    if (held) {
      const joined = new Uint8Array(held + bytes.length);
      joined.set(this.pending);
      joined.set(bytes, held);
      bytes = joined;
    }
    let head = '';
    let keep = 0;
    if (this.encoding === 'utf8') keep = incompleteUtf8Tail(bytes);
    else if (this.encoding === 'utf16le') {
      // As Node: a held code unit (one odd byte) or surrogate (two bytes) is completed first and
      // emitted as it is; then an odd byte is held, or else a trailing high surrogate.
      if (held) {
        const total = held >= 2 ? 4 : 2;
        if (bytes.length < total) {
          this.pending = Uint8Array.prototype.slice.call(bytes);
          return '';
        }
        head = Buffer.from(bytes.buffer, bytes.byteOffset, total).toString('utf16le');
        bytes = bytes.subarray(total);
      }
      keep = bytes.length % 2;
      const end = bytes.length - keep;
      if (keep === 0 && end >= 2) {
        const unit = bytes[end - 2] | (bytes[end - 1] << 8);
        if (unit >= 0xd800 && unit <= 0xdbff) keep = 2;
      }
    } else if (this.encoding === 'base64' || this.encoding === 'base64url') keep = bytes.length % 3;
    this.pending = Uint8Array.prototype.slice.call(bytes, bytes.length - keep);
    return head + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length - keep).toString(this.encoding);
  },

  end(chunk) {
    if (!(this.pending instanceof Uint8Array)) throw new codes.ERR_INVALID_THIS('StringDecoder');
    let out = chunk === undefined ? '' : this.write(chunk);
    if (this.pending.length) {
      out += Buffer.from(this.pending).toString(this.encoding);
      this.pending = new Uint8Array(0);
    }
    return out;
  },

  text(chunk, index) { return this.write(chunk.subarray(index)); },

  // Node's undocumented view of the partial character: its bytes so far (in a 4-byte buffer),
  // how many it still needs and how many it has in all.
  get lastChar() {
    const bytes = Buffer.alloc(4);
    if (this.pending) bytes.set(this.pending.subarray(0, 4));
    return bytes;
  },
  get lastNeed() { return this.pending?.length ? this.lastTotal - this.pending.length : 0; },
  get lastTotal() {
    if (!this.pending?.length) return 0;
    if (this.encoding === 'utf8') {
      const lead = this.pending[0];
      return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    }
    if (this.encoding === 'utf16le') return this.pending.length >= 2 ? 4 : 2;
    return 3; // base64: a group of three bytes
  },
};
Object.defineProperties(StringDecoder.prototype, Object.getOwnPropertyDescriptors(methods));
for (const key of Object.keys(methods)) Object.defineProperty(StringDecoder.prototype, key, { enumerable: false });

export default { StringDecoder };
