// Module `querystring`: Node's legacy query-string helpers, written for wasmedge_boa.

export function escape(str) {
  return encodeURIComponent(str);
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

export function stringify(obj, sep = '&', eq = '=', options) {
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

export function parse(str, sep = '&', eq = '=', options) {
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
