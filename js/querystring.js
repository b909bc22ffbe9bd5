// Module `querystring`: Node's legacy query-string helpers, written for wasmedge_boa.

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

export function unescape(str) {
  try {
    return decodeURIComponent(str);
  } catch {
    // Malformed sequences are kept as they are, byte by byte.
    return str.replace(/%([0-9a-fA-F]{2})/g, (m, hex) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : m;
    });
  }
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
  const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
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

export function parse(str, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  const result = Object.create(null);
  if (typeof str !== 'string' || str.length === 0) return result;
  const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : unescape;
  const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  let pieces = str.split(sep);
  if (maxKeys > 0) pieces = pieces.slice(0, maxKeys);
  for (const piece of pieces) {
    if (piece === '') continue;
    const at = piece.indexOf(eq);
    const rawKey = at >= 0 ? piece.slice(0, at) : piece;
    const rawValue = at >= 0 ? piece.slice(at + eq.length) : '';
    const key = decode(rawKey.replace(/\+/g, ' '));
    const value = decode(rawValue.replace(/\+/g, ' '));
    if (!(key in result)) result[key] = value;
    else if (Array.isArray(result[key])) result[key].push(value);
    else result[key] = [result[key], value];
  }
  return result;
}

export const decode = parse;
export const encode = stringify;

export default { escape, unescape, stringify, parse, decode, encode };
