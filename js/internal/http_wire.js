// HTTP/1.x wire handling shared by the `http` server and client, written for
// wasmedge_boa: a byte reader over a wasi_net connection that frames messages
// (head, Content-Length, chunked and close-delimited bodies), head parsing,
// and head serialisation.

import { Buffer } from 'buffer';

export const MAX_HEAD_BYTES = 64 * 1024;
export const MAX_HEADERS = 100;

/** A protocol violation by the peer; `status` is the HTTP status a server answers with. */
export class HttpParseError extends Error {
  constructor(message, status = 400) {
    super(message);
    this.name = 'HttpParseError';
    this.code = 'HPE_INVALID';
    this.status = status;
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([^\s]+) HTTP\/([0-9])\.([0-9])$/;
const STATUS_LINE = /^HTTP\/([0-9])\.([0-9]) ([0-9]{3})(?: (.*))?$/;
// Invalid in header values: control characters except tab.
// eslint-disable-next-line no-control-regex
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

// Headers Node keeps only once (later duplicates are dropped).
const SINGLE_VALUED = new Set([
  'age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host',
  'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
  'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent',
]);

/** Adds one header to a Node-style headers object (lower-case keys). */
export function addHeader(headers, name, value) {
  const key = name.toLowerCase();
  const existing = headers[key];
  if (existing === undefined) {
    headers[key] = key === 'set-cookie' ? [value] : value;
  } else if (key === 'set-cookie') {
    existing.push(value);
  } else if (!SINGLE_VALUED.has(key)) {
    headers[key] = existing + (key === 'cookie' ? '; ' : ', ') + value;
  }
}

function latin1(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Turns whatever a wasi_net read or a caller hands us into a Uint8Array view. */
export function toBytes(data) {
  if (data === undefined || data === null) return new Uint8Array(0);
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data.buffer !== 'undefined' && (data.buffer === null || data.buffer instanceof ArrayBuffer)) {
    // wasi_http.Buffer: `buffer` is a copy of the unread bytes, or null when empty.
    return data.buffer === null ? new Uint8Array(0) : new Uint8Array(data.buffer);
  }
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data);
  throw new TypeError('The "chunk" argument must be of type string or an instance of Buffer, Uint8Array or ArrayBuffer. Received ' + typeof data);
}

/**
 * Buffers bytes read from a wasi_net connection and hands out framed pieces.
 * Every method that needs more input awaits `conn.read(timeout)`; a read that
 * resolves `undefined` means the peer closed its side (EOF).
 */
export class WireReader {
  constructor(conn) {
    this.conn = conn;
    this.bytes = new Uint8Array(0);
    this.start = 0;
    this.eof = false;
  }

  get available() { return this.bytes.length - this.start; }

  /** Reads once from the connection; returns false at EOF. */
  async fill(timeoutMs) {
    if (this.eof) return false;
    const data = timeoutMs > 0 ? await this.conn.read(timeoutMs) : await this.conn.read();
    if (data === undefined || data === null) {
      this.eof = true;
      return false;
    }
    const incoming = toBytes(data);
    if (incoming.length === 0) return true;
    const rest = this.available;
    if (rest === 0) {
      this.bytes = incoming;
    } else {
      const joined = new Uint8Array(rest + incoming.length);
      joined.set(this.bytes.subarray(this.start));
      joined.set(incoming, rest);
      this.bytes = joined;
    }
    this.start = 0;
    return true;
  }

  take(n) {
    const out = this.bytes.subarray(this.start, this.start + n);
    this.start += n;
    return out;
  }

  /** Index (relative to `start`) just past the blank line ending a head, or -1. */
  findHeadEnd(from) {
    const b = this.bytes;
    for (let i = this.start + from; i < b.length; i++) {
      if (b[i] !== 10) continue;
      // "\n\n" or "\n\r\n"
      if (i + 1 < b.length && b[i + 1] === 10) return i + 2 - this.start;
      if (i + 2 < b.length && b[i + 1] === 13 && b[i + 2] === 10) return i + 3 - this.start;
    }
    return -1;
  }

  /**
   * Resolves the text of the next head (without the final blank line), or
   * null if the peer closed before sending anything. `idleTimeoutMs` applies
   * while no byte of the head has arrived, `timeoutMs` afterwards.
   */
  async readHead(idleTimeoutMs, timeoutMs) {
    let scanned = 0;
    for (;;) {
      // Tolerate empty lines between pipelined messages (RFC 9112 §2.2).
      while (this.available > 0 && (this.bytes[this.start] === 13 || this.bytes[this.start] === 10)) this.start++;
      if (this.available > 0) {
        const end = this.findHeadEnd(Math.max(0, scanned - 2));
        if (end >= 0) return latin1(this.take(end));
        scanned = this.available;
        if (scanned > MAX_HEAD_BYTES) throw new HttpParseError('Header block too large', 431);
      }
      const more = await this.fill(this.available > 0 ? timeoutMs : idleTimeoutMs);
      if (!more) {
        if (this.available === 0) return null;
        throw new HttpParseError('Connection closed in the middle of a message head');
      }
    }
  }

  /** Reads exactly `length` body bytes, handing each piece to `onData`. */
  async readFixed(length, onData, timeoutMs) {
    let remaining = length;
    while (remaining > 0) {
      if (this.available === 0 && !(await this.fill(timeoutMs))) {
        throw new HttpParseError('Connection closed before the end of the body');
      }
      const piece = this.take(Math.min(remaining, this.available));
      remaining -= piece.length;
      onData(piece);
    }
  }

  /** Reads until the peer closes (responses without framing). */
  async readUntilClose(onData, timeoutMs) {
    for (;;) {
      if (this.available > 0) onData(this.take(this.available));
      if (!(await this.fill(timeoutMs))) return;
    }
  }

  async readLine(timeoutMs) {
    for (;;) {
      const b = this.bytes;
      for (let i = this.start; i < b.length; i++) {
        if (b[i] === 10) {
          const line = latin1(this.take(i + 1 - this.start));
          return line.replace(/\r?\n$/, '');
        }
      }
      if (this.available > MAX_HEAD_BYTES) throw new HttpParseError('Line too long in chunked body');
      if (!(await this.fill(timeoutMs))) throw new HttpParseError('Connection closed inside a chunked body');
    }
  }

  /** Decodes a chunked body; returns the trailer headers. */
  async readChunked(onData, timeoutMs) {
    for (;;) {
      const sizeLine = await this.readLine(timeoutMs);
      const sizeText = sizeLine.split(';')[0].trim();
      if (!/^[0-9a-fA-F]+$/.test(sizeText) || sizeText.length > 12) throw new HttpParseError('Invalid chunk size');
      const size = parseInt(sizeText, 16);
      if (size === 0) break;
      await this.readFixed(size, onData, timeoutMs);
      const end = await this.readLine(timeoutMs);
      if (end !== '') throw new HttpParseError('Missing CRLF after chunk data');
    }
    const trailers = {};
    const rawTrailers = [];
    for (let count = 0; ; count++) {
      const line = await this.readLine(timeoutMs);
      if (line === '') break;
      if (count >= MAX_HEADERS) throw new HttpParseError('Too many trailers');
      const colon = line.indexOf(':');
      if (colon <= 0) throw new HttpParseError('Invalid trailer line');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      rawTrailers.push(name, value);
      addHeader(trailers, name, value);
    }
    return { trailers, rawTrailers };
  }
}

function parseHeaderLines(lines) {
  const headers = {};
  const rawHeaders = [];
  if (lines.length > MAX_HEADERS) throw new HttpParseError('Too many headers', 431);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpParseError('Invalid header line');
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) throw new HttpParseError('Invalid header name');
    const value = line.slice(colon + 1).trim();
    if (BAD_VALUE.test(value)) throw new HttpParseError('Invalid header value');
    rawHeaders.push(name, value);
    // Differing duplicate Content-Length headers would let peers disagree on framing.
    if (headers['content-length'] !== undefined && name.length === 14 && name.toLowerCase() === 'content-length' &&
        value !== headers['content-length']) {
      throw new HttpParseError('Conflicting Content-Length headers');
    }
    addHeader(headers, name, value);
  }
  return { headers, rawHeaders };
}

function splitLines(head) {
  const lines = head.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    // Obsolete line folding is rejected, as RFC 9112 allows.
    if (line.startsWith(' ') || line.startsWith('\t')) throw new HttpParseError('Obsolete line folding is not supported');
  }
  return lines;
}

export function parseRequestHead(head) {
  const lines = splitLines(head);
  const match = REQUEST_LINE.exec(lines[0] || '');
  if (!match) throw new HttpParseError('Invalid request line');
  const major = Number(match[3]);
  const minor = Number(match[4]);
  if (major !== 1) throw new HttpParseError('Unsupported HTTP version', 505);
  return { method: match[1], url: match[2], major, minor, ...parseHeaderLines(lines.slice(1)) };
}

export function parseResponseHead(head) {
  const lines = splitLines(head);
  const match = STATUS_LINE.exec(lines[0] || '');
  if (!match) throw new HttpParseError('Invalid status line');
  return {
    major: Number(match[1]), minor: Number(match[2]), statusCode: Number(match[3]),
    statusMessage: match[4] === undefined ? '' : match[4],
    ...parseHeaderLines(lines.slice(1)),
  };
}

/**
 * How the body of a message is framed: { kind: 'none' | 'length' | 'chunked' | 'close', length }.
 * Conflicting or invalid Content-Length values are errors.
 */
export function bodyFraming(headers, isRequest) {
  const te = headers['transfer-encoding'];
  if (te !== undefined) {
    const codings = String(te).toLowerCase().split(',').map((s) => s.trim());
    if (codings[codings.length - 1] === 'chunked') return { kind: 'chunked' };
    if (isRequest) throw new HttpParseError('Unsupported transfer encoding', 501);
    return { kind: 'close' };
  }
  const cl = headers['content-length'];
  if (cl !== undefined) {
    const values = String(cl).split(',').map((s) => s.trim());
    if (!values.every((v) => /^[0-9]{1,15}$/.test(v)) || values.some((v) => v !== values[0])) {
      throw new HttpParseError('Invalid Content-Length');
    }
    return { kind: 'length', length: Number(values[0]) };
  }
  return isRequest ? { kind: 'none' } : { kind: 'close' };
}

export function checkHeaderName(name) {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    const err = new TypeError('Header name must be a valid HTTP token ["' + String(name) + '"]');
    err.code = 'ERR_INVALID_HTTP_TOKEN';
    throw err;
  }
}

export function checkHeaderValue(name, value) {
  if (value === undefined) {
    const err = new TypeError('Invalid value "undefined" for header "' + name + '"');
    err.code = 'ERR_HTTP_INVALID_HEADER_VALUE';
    throw err;
  }
  if (BAD_VALUE.test(String(value))) {
    const err = new TypeError('Invalid character in header content ["' + name + '"]');
    err.code = 'ERR_INVALID_CHAR';
    throw err;
  }
}

/** Serialises header lines from [name, value] pairs (array values become repeated lines). */
export function headerLines(pairs) {
  let out = '';
  for (const [name, value] of pairs) {
    if (Array.isArray(value)) {
      for (const v of value) out += name + ': ' + v + '\r\n';
    } else {
      out += name + ': ' + value + '\r\n';
    }
  }
  return out;
}

/** Latin-1 bytes of a head (header values are byte strings on the wire). */
export function headBytes(text) {
  return Buffer.from(text, 'latin1');
}

/** Concatenates a list of Uint8Arrays into one Buffer. */
export function joinBytes(list) {
  if (list.length === 1) return Buffer.from(list[0].buffer, list[0].byteOffset, list[0].byteLength);
  return Buffer.concat(list);
}
