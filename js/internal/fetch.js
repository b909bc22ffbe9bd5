// The fetch object model (Headers, Request, Response and their bodies), written for
// wasmedge_boa. No transport here: `fetch()` itself (js/http.js) sends requests with the native
// HTTP client and hands responses back through `responseFromTransport`.
//
// A body is one of: bytes known up front, a Node stream or async iterable given by the script,
// or a *source* — an object whose `read()` resolves with the next Uint8Array, or null at the end
// (what the native client gives for response bodies, pulled chunk by chunk with back-pressure).
// `body` is an async-iterable, one-shot view of those chunks.

import { Buffer } from 'buffer';

const encoder = new TextEncoder();

function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // wasi_http.Buffer: `buffer` is a copy of the unread bytes, or null when empty.
  if (data && 'buffer' in data && (data.buffer === null || data.buffer instanceof ArrayBuffer)) {
    return data.buffer === null ? new Uint8Array(0) : new Uint8Array(data.buffer);
  }
  return encoder.encode(String(data));
}

export function joinBytes(list) {
  if (list.length === 1) return list[0];
  let total = 0;
  for (const piece of list) total += piece.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const piece of list) { out.set(piece, offset); offset += piece.length; }
  return out;
}

// ---------------------------------------------------------------- Headers

function normalizeName(name) {
  const text = String(name);
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(text)) throw new TypeError('Invalid header name: "' + text + '"');
  return text.toLowerCase();
}

function normalizeValue(value) {
  const text = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  // eslint-disable-next-line no-control-regex
  if (/[\0\r\n]/.test(text)) throw new TypeError('Invalid header value: "' + text + '"');
  return text;
}

const headersList = new WeakMap();

/**
 * WHATWG Headers. For scripts written for the reference runtime (whose
 * Response.headers was a plain object) every header is also readable as an
 * own enumerable property under its lower-case name: `headers['content-type']`.
 */
export class Headers {
  constructor(init) {
    headersList.set(this, []);
    if (init === undefined || init === null) return;
    if (init instanceof Headers) {
      for (const [k, v] of headersList.get(init)) this.append(k, v);
    } else if (typeof init === 'object' && typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) throw new TypeError('Header pairs must contain exactly two items');
        this.append(entry[0], entry[1]);
      }
    } else if (typeof init === 'object') {
      for (const key of Object.keys(init)) {
        const value = init[key];
        if (Array.isArray(value)) value.forEach((v) => this.append(key, v));
        else this.append(key, value);
      }
    } else {
      throw new TypeError('Headers init must be an object or an iterable of pairs');
    }
  }

  _sync(name) {
    // Names of Headers members (get, set, ...) are not mirrored, so they keep working.
    if (name in Headers.prototype) return;
    const value = this.get(name);
    if (value === null) delete this[name];
    else Object.defineProperty(this, name, { value, enumerable: true, configurable: true, writable: true });
  }

  append(name, value) {
    const key = normalizeName(name);
    headersList.get(this).push([key, normalizeValue(value)]);
    this._sync(key);
  }
  set(name, value) {
    const key = normalizeName(name);
    const list = headersList.get(this).filter(([k]) => k !== key);
    list.push([key, normalizeValue(value)]);
    headersList.set(this, list);
    this._sync(key);
  }
  delete(name) {
    const key = normalizeName(name);
    headersList.set(this, headersList.get(this).filter(([k]) => k !== key));
    this._sync(key);
  }
  get(name) {
    const key = normalizeName(name);
    const values = headersList.get(this).filter(([k]) => k === key).map(([, v]) => v);
    if (values.length === 0) return null;
    return values.join(key === 'cookie' ? '; ' : ', ');
  }
  getSetCookie() { return headersList.get(this).filter(([k]) => k === 'set-cookie').map(([, v]) => v); }
  has(name) { const key = normalizeName(name); return headersList.get(this).some(([k]) => k === key); }
  *entries() {
    const names = [...new Set(headersList.get(this).map(([k]) => k))].sort();
    for (const name of names) {
      if (name === 'set-cookie') for (const v of this.getSetCookie()) yield [name, v];
      else yield [name, this.get(name)];
    }
  }
  *keys() { for (const [k] of this.entries()) yield k; }
  *values() { for (const [, v] of this.entries()) yield v; }
  forEach(callback, thisArg) { for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this); }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'Headers'; }
}

// ---------------------------------------------------------------- bodies

/** Converts a body init into { bytes | stream, type } (type is the implied Content-Type). */
function extractBody(body) {
  if (body === undefined || body === null) return { bytes: null, type: null };
  if (typeof body === 'string') return { bytes: encoder.encode(body), type: 'text/plain;charset=UTF-8' };
  if (typeof URLSearchParams === 'function' && body instanceof URLSearchParams) {
    return { bytes: encoder.encode(body.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bytes: Uint8Array.prototype.slice.call(toBytes(body)), type: null };
  if (typeof body.arrayBuffer === 'function' && typeof body.type === 'string') {
    throw new TypeError('Blob bodies are not supported; pass an ArrayBuffer or a string');
  }
  if (typeof body[Symbol.asyncIterator] === 'function') return { stream: body, bytes: null, type: null };
  if ('buffer' in body && (body.buffer === null || body.buffer instanceof ArrayBuffer)) return { bytes: toBytes(body), type: null };
  return { bytes: encoder.encode(String(body)), type: 'text/plain;charset=UTF-8' };
}

/** The chunks of a script-given stream or async iterable, as Uint8Arrays. */
async function* streamChunks(stream) {
  for await (const chunk of stream) yield typeof chunk === 'string' ? encoder.encode(chunk) : toBytes(chunk);
}

/** The chunks of a source (`read()` → Uint8Array | null). */
async function* sourceChunks(source) {
  for (;;) {
    const chunk = await source.read();
    if (chunk === null || chunk === undefined) return;
    if (chunk.length > 0) yield chunk;
  }
}

async function collect(chunks) {
  const parts = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.length ? joinBytes(parts) : new Uint8Array(0);
}

const kBody = Symbol('body');

function bodyChunks(state) {
  if (state.source) return sourceChunks(state.source);
  if (state.stream) return streamChunks(state.stream);
  const bytes = state.bytes;
  return (async function* () { if (bytes && bytes.length) yield bytes; })();
}

class BodyMixin {
  get bodyUsed() { return this[kBody].used; }
  get body() {
    // A one-shot async-iterable view of the body's chunks, as they arrive.
    const state = this[kBody];
    if (state.bytes === null && !state.stream && !state.source) return null;
    let iterator = null;
    const take = () => {
      if (iterator === null) {
        if (state.used) throw new TypeError('Body is unusable: Body has already been read');
        state.used = true;
        iterator = bodyChunks(state);
      }
      return iterator;
    };
    return {
      locked: false,
      [Symbol.asyncIterator]() { return take(); },
      getReader() {
        const it = take();
        return {
          async read() {
            const { value, done } = await it.next();
            return done ? { value: undefined, done: true } : { value, done: false };
          },
          releaseLock() {},
          async cancel() { if (state.source && state.source.cancel) state.source.cancel(); await it.return(); },
        };
      },
    };
  }
  async _consume() {
    const state = this[kBody];
    if (state.used) throw new TypeError('Body is unusable: Body has already been read');
    state.used = true;
    if (state.source || state.stream) state.bytes = await collect(bodyChunks(state));
    return state.bytes || new Uint8Array(0);
  }
  async arrayBuffer() {
    const bytes = await this._consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  async bytes() { return new Uint8Array(await this.arrayBuffer()); }
  async text() { return new TextDecoder().decode(await this._consume()); }
  async json() { return JSON.parse(await this.text()); }
  async buffer() { return Buffer.from(await this._consume()); }
  async blob() { throw new TypeError('Blob is not supported by this runtime; use arrayBuffer()'); }
  async formData() { throw new TypeError('FormData is not supported by this runtime'); }
}

function mixBody(Target) {
  for (const name of Object.getOwnPropertyNames(BodyMixin.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(Target.prototype, name, Object.getOwnPropertyDescriptor(BodyMixin.prototype, name));
  }
}

// ---------------------------------------------------------------- Request / Response

export class Request {
  constructor(input, init = {}) {
    let base = null;
    if (input instanceof Request) base = input;
    const urlText = base ? base.url : String(input instanceof URL ? input.href : input);
    let parsed;
    try { parsed = new URL(urlText); } catch { throw new TypeError('Failed to parse URL from ' + urlText); }
    if (parsed.username || parsed.password) throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + urlText);
    this.url = parsed.href;
    this.method = String(init.method || (base ? base.method : 'GET')).toUpperCase();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(this.method)) throw new TypeError("'" + init.method + "' is not a valid HTTP method.");
    this.headers = new Headers(init.headers !== undefined ? init.headers : base ? base.headers : undefined);
    this.redirect = init.redirect || (base ? base.redirect : 'follow');
    this.signal = init.signal !== undefined ? init.signal : base ? base.signal : null;
    this.credentials = init.credentials || 'same-origin';
    this.mode = init.mode || 'cors';
    this.cache = init.cache || 'default';
    this.referrer = init.referrer || 'about:client';
    this.keepalive = !!init.keepalive;
    let bodyInit = init.body;
    if (bodyInit === undefined && base) {
      const b = base[kBody];
      if (b.used) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      b.used = true;
      bodyInit = b.bytes !== null ? b.bytes : b.stream ? b.stream : b.source ? sourceChunks(b.source) : null;
    }
    if ((this.method === 'GET' || this.method === 'HEAD') && bodyInit !== undefined && bodyInit !== null) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    const extracted = extractBody(bodyInit);
    if (extracted.type && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
    this[kBody] = { bytes: extracted.bytes, stream: extracted.stream || null, source: null, used: false };
  }
  clone() {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    return new Request(this.url, { method: this.method, headers: this.headers, body: this[kBody].bytes, redirect: this.redirect, signal: this.signal });
  }
  get [Symbol.toStringTag]() { return 'Request'; }
}
mixBody(Request);

export class Response {
  constructor(body = null, init = {}) {
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError('Failed to construct \'Response\': The status provided (' + init.status + ') is outside the range [200, 599].');
    }
    this.status = status;
    this.statusText = init.statusText === undefined ? '' : String(init.statusText);
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.type = 'default';
    this.url = '';
    this.redirected = false;
    const extracted = extractBody(body);
    if (extracted.type && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
    this[kBody] = { bytes: extracted.bytes, stream: extracted.stream || null, source: null, used: false };
  }
  get ok() { return this.status >= 200 && this.status <= 299; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const state = this[kBody];
    const copy = new Response(null, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
    copy.url = this.url;
    copy.redirected = this.redirected;
    copy.type = this.type;
    if (state.source || state.stream) {
      // Both read the same bytes, collected once.
      const all = collect(bodyChunks(state));
      state.source = onceSource(all);
      state.stream = null;
      copy[kBody] = { bytes: null, stream: null, used: false, source: onceSource(all) };
    } else {
      copy[kBody] = { bytes: state.bytes, stream: null, used: false };
    }
    return copy;
  }
  static json(data, init = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), { ...init, headers });
  }
  static error() {
    const r = new Response(null, { status: 200 });
    r.status = 0;
    r.type = 'error';
    return r;
  }
  static redirect(url, status = 302) {
    if (![301, 302, 303, 307, 308].includes(status)) throw new RangeError('Invalid status code ' + status);
    return new Response(null, { status, headers: { location: new URL(String(url)).href } });
  }
  get [Symbol.toStringTag]() { return 'Response'; }
}
mixBody(Response);

/** A source that yields the bytes `promise` resolves with, once. */
function onceSource(promise) {
  let done = false;
  return { async read() { if (done) return null; done = true; return promise; } };
}

export function abortError(signal) {
  if (signal && signal.reason instanceof Error) return signal.reason;
  const err = new Error('This operation was aborted');
  err.name = 'AbortError';
  err.code = 20;
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

// ---------------------------------------------------------------- for the transport

/**
 * The body of `request` for sending: `{ bytes }` when its length is known, `{ chunks }` (an
 * async iterable of Uint8Arrays) when it streams, or null. Marks the body used.
 */
export function takeRequestBody(request) {
  const state = request[kBody];
  if (state.used) throw new TypeError('Body is unusable: Body has already been read');
  if (state.bytes === null && !state.stream && !state.source) return null;
  state.used = true;
  if (state.stream || state.source) return { chunks: bodyChunks(state) };
  return { bytes: state.bytes };
}

/** A Response whose body is read from `source` (`read()` → Uint8Array | null, `cancel()`). */
export function responseFromTransport({ status, statusText, rawHeaders, url, redirected, source }) {
  const response = new Response(null, { status: 200 });
  response.status = status;
  response.statusText = statusText;
  response.url = url;
  response.redirected = redirected;
  response.type = 'basic';
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    try { response.headers.append(rawHeaders[i], rawHeaders[i + 1]); } catch { /* skip invalid */ }
  }
  response[kBody] = { bytes: null, stream: null, source, used: false };
  return response;
}
