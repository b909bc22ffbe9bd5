// Module `querystring`: Node's legacy query-string helpers, written for wasmedge_boa.

import { Buffer } from 'buffer';

const hexTable = Array.from({ length: 256 }, (_, i) => `%${i < 16 ? '0' : ''}${i.toString(16).toUpperCase()}`);
const unreservedChar = /[A-Za-z0-9\-_.!~*'()]/;

/** Percent-encodes UTF-8 as Node does: like `encodeURIComponent`, except that a high surrogate
 *  takes the next code unit whatever it is, and one at the end is `ERR_INVALID_URI`. */
export function escape(str) {
  if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : `${str}`;
  let out = '';
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      out += unreservedChar.test(str[i]) ? str[i] : hexTable[c];
    } else if (c < 0x800) {
      out += hexTable[0xC0 | (c >> 6)] + hexTable[0x80 | (c & 0x3F)];
    } else if (c < 0xD800 || c >= 0xE000) {
      out += hexTable[0xE0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
    } else {
      i++;
      if (i >= str.length) {
        const error = new URIError('URI malformed');
        error.code = 'ERR_INVALID_URI';
        throw error;
      }
      c = 0x10000 + (((c & 0x3FF) << 10) | (str.charCodeAt(i) & 0x3FF));
      out += hexTable[0xF0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3F)] +
        hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
    }
  }
  return out;
}

/** Like `decodeURIComponent`, but a malformed string is decoded leniently (unescapeBuffer). */
export function unescape(str, decodeSpaces) {
  try {
    return decodeURIComponent(str);
  } catch {
    return unescapeBuffer(str, decodeSpaces).toString();
  }
}

const isHex = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** The bytes a query-string piece stands for: `%XX` is one byte, `+` a space when
 *  `decodeSpaces`, a `%` not followed by two hex digits stays as it is; other text is UTF-8
 *  (Node keeps only each code unit's low byte there). */
export function unescapeBuffer(s, decodeSpaces) {
  const str = `${s}`;
  const parts = [];
  let bytes = [];
  let textStart = 0;
  const flushText = (end) => {
    if (end > textStart) {
      if (bytes.length) { parts.push(Buffer.from(bytes)); bytes = []; }
      parts.push(Buffer.from(str.slice(textStart, end), 'utf8'));
    }
  };
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 37 && i + 2 < str.length && isHex(str.charCodeAt(i + 1)) && isHex(str.charCodeAt(i + 2))) {
      flushText(i);
      bytes.push(parseInt(str.slice(i + 1, i + 3), 16));
      i += 2;
      textStart = i + 1;
    } else if (c === 43 && decodeSpaces) {
      flushText(i);
      bytes.push(0x20);
      textStart = i + 1;
    }
  }
  flushText(str.length);
  if (bytes.length) parts.push(Buffer.from(bytes));
  return Buffer.concat(parts);
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return '';
}

export function stringify(obj, sep, eq, options) {
  // Any falsy separator (null, '') means the default, as in Node.
  sep ||= '&';
  eq ||= '=';
  // Through the module object, so a script that replaces `querystring.escape` changes this too.
  const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : querystring.escape;
  if (obj === null || typeof obj !== 'object') return '';
  const parts = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const k = encode(stringifyPrimitive(key)) + eq;
    if (Array.isArray(value)) {
      for (const item of value) parts.push(k + encode(stringifyPrimitive(item)));
    } else {
      parts.push(k + encode(stringifyPrimitive(value)));
    }
  }
  return parts.join(sep);
}

// A custom decoder that throws falls back to querystring.unescape, as in Node.
function decodeWith(decode, text) {
  try {
    return decode(text);
  } catch {
    return querystring.unescape(text, true);
  }
}

export function parse(str, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  const result = Object.create(null);
  if (typeof str !== 'string' || str.length === 0) return result;
  const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : querystring.unescape;
  const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  let pieces = str.split(sep);
  if (maxKeys > 0) pieces = pieces.slice(0, maxKeys);
  for (const piece of pieces) {
    if (piece === '') continue;
    const at = piece.indexOf(eq);
    const rawKey = at >= 0 ? piece.slice(0, at) : piece;
    const rawValue = at >= 0 ? piece.slice(at + eq.length) : '';
    const key = decodeWith(decode, rawKey.replace(/\+/g, ' '));
    const value = decodeWith(decode, rawValue.replace(/\+/g, ' '));
    if (!(key in result)) result[key] = value;
    else if (Array.isArray(result[key])) result[key].push(value);
    else result[key] = [result[key], value];
  }
  return result;
}

export const decode = parse;
export const encode = stringify;

const querystring = { escape, unescape, unescapeBuffer, stringify, parse, decode, encode };
export default querystring;
