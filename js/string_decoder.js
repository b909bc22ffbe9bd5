// Module `string_decoder`: decodes byte chunks to strings without splitting
// multi-byte characters across chunk boundaries. Written for wasmedge_boa.

import { Buffer } from 'buffer';

const NAMES = {
  'utf8': 'utf8', 'utf-8': 'utf8', 'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le',
  'utf-16le': 'utf16le', 'latin1': 'latin1', 'binary': 'latin1', 'base64': 'base64',
  'base64url': 'base64url', 'ascii': 'ascii', 'hex': 'hex',
};

/**
 * Number of bytes at the end of `bytes` that begin a UTF-8 sequence still incomplete: a lead byte
 * (C2–F4) and the continuation bytes it allows so far. Anything else is already invalid and
 * decodes on its own now (`f4 92` is two U+FFFD, as in `Buffer#toString` and Node).
 */
function incompleteUtf8Tail(bytes) {
  const len = bytes.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const lead = bytes[len - back];
    if ((lead & 0xc0) === 0x80) continue; // continuation byte, keep looking for the lead byte
    const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (need <= back) return 0;
    if (back >= 2) {
      // The second byte's range depends on the lead (no overlong forms, surrogates or > U+10FFFF).
      const second = bytes[len - back + 1];
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return 0;
    }
    return back;
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
    if (typeof chunk === 'string') return chunk;
    let bytes = chunk instanceof Uint8Array ? chunk : ArrayBuffer.isView(chunk)
      ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk);
    if (this.pending.length) {
      const joined = new Uint8Array(this.pending.length + bytes.length);
      joined.set(this.pending);
      joined.set(bytes, this.pending.length);
      bytes = joined;
    }
    let keep = 0;
    if (this.encoding === 'utf8') keep = incompleteUtf8Tail(bytes);
    else if (this.encoding === 'utf16le') {
      keep = bytes.length % 2;
      // Do not split a surrogate pair: hold back a trailing high surrogate.
      const end = bytes.length - keep;
      if (end >= 2) {
        const unit = bytes[end - 2] | (bytes[end - 1] << 8);
        if (unit >= 0xd800 && unit <= 0xdbff) keep += 2;
      }
    } else if (this.encoding === 'base64' || this.encoding === 'base64url') keep = bytes.length % 3;
    this.pending = Uint8Array.prototype.slice.call(bytes, bytes.length - keep);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length - keep).toString(this.encoding);
  },

  end(chunk) {
    let out = chunk === undefined ? '' : this.write(chunk);
    if (this.pending.length) {
      out += this.encoding === 'utf8' ? '\ufffd' : Buffer.from(this.pending).toString(this.encoding);
      this.pending = new Uint8Array(0);
    }
    return out;
  },

  text(chunk, index) { return this.write(chunk.subarray(index)); },

  get lastNeed() { return this.pending.length ? 1 : 0; },
  get lastTotal() { return this.pending.length; },
};
Object.defineProperties(StringDecoder.prototype, Object.getOwnPropertyDescriptors(methods));
for (const key of Object.keys(methods)) Object.defineProperty(StringDecoder.prototype, key, { enumerable: false });

export default { StringDecoder };
