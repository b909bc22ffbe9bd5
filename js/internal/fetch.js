// The fetch object model (Headers, Request, Response and their bodies), written for
// wasmedge_boa. No transport here: `fetch()` itself (js/http.js) sends requests with the native
// HTTP client and hands responses back through `responseFromTransport`.
//
// Bodies follow Fetch: `body` is a ReadableStream (a byte stream), made only when asked for;
// responses from the native client are pulled from the connection as they are read.

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
//
// A body is a record { stream, source, length, type, consumed } (Fetch's "body"):
// - `stream`: its ReadableStream, once someone asked for `body` (or the script gave one);
// - `source`: while there is no stream, where the bytes are: a Uint8Array, a Blob, or a *pull
//   source* ({ read() → Promise<Uint8Array | null>, cancel(reason) }: the native client's
//   response body, or a script's async iterable);
// - `length`: the byte count when known up front, `type`: the Content-Type it implies.
// `text()`, `json()`… and the transport read `source` directly, so a script that never touches
// `body` never builds the streams family; `body` makes the stream on first use.

const kInternal = Symbol.for('wasmedge_boa.internal');
const webBodies = () => FormData[kInternal];          // builds the Blob family on first use
const streamInternals = () => ReadableStream[kInternal]; // builds the streams family on first use
const objectTag = (value) => Object.prototype.toString.call(value);

/** A pull source reading an async iterable (a Node stream, a generator…) chunk by chunk. */
function iterableSource(iterable) {
  let iterator = null;
  return {
    async read() {
      if (iterator === null) iterator = iterable[Symbol.asyncIterator]();
      for (;;) {
        const { value, done } = await iterator.next();
        if (done) return null;
        const bytes = typeof value === 'string' ? encoder.encode(value) : toBytes(value);
        if (bytes.byteLength > 0) return bytes;
      }
    },
    cancel() {
      if (iterator !== null && typeof iterator.return === 'function') return iterator.return();
      return undefined;
    },
  };
}

const bytesBody = (bytes, type) => ({ stream: null, source: bytes, length: bytes.byteLength, type, consumed: false });

/** Fetch's "extract a body" for a BodyInit (null → null). `streamBody` tells a ReadableStream. */
function extractBody(object) {
  if (object === undefined || object === null) return null;
  if (typeof object === 'string') return bytesBody(encoder.encode(object), 'text/plain;charset=UTF-8');
  if (object instanceof ArrayBuffer || ArrayBuffer.isView(object)) {
    return bytesBody(Uint8Array.prototype.slice.call(toBytes(object)), null);
  }
  if (typeof URLSearchParams === 'function' && object instanceof URLSearchParams) {
    return bytesBody(encoder.encode(object.toString()), 'application/x-www-form-urlencoded;charset=UTF-8');
  }
  // Blob, FormData and ReadableStream are told by their tag first, so that other bodies never
  // build those families.
  const tag = objectTag(object);
  if ((tag === '[object Blob]' || tag === '[object File]') && object instanceof Blob) {
    return { stream: null, source: object, length: object.size, type: object.type || null, consumed: false };
  }
  if (tag === '[object FormData]' && object instanceof FormData) {
    const { parts, length, type } = webBodies().serializeFormData(object);
    return { stream: null, source: new Blob(parts), length, type, consumed: false };
  }
  if (tag === '[object ReadableStream]' && streamInternals().isReadableStream(object)) {
    if (object.locked || streamInternals().isDisturbed(object)) throw new TypeError('The body stream is locked or has already been read');
    return { stream: object, source: null, length: null, type: null, consumed: false, script: true };
  }
  if (typeof object === 'object' && typeof object[Symbol.asyncIterator] === 'function') {
    return { stream: null, source: iterableSource(object), length: null, type: null, consumed: false };
  }
  if (typeof object === 'object' && 'buffer' in object && (object.buffer === null || object.buffer instanceof ArrayBuffer)) {
    return bytesBody(toBytes(object), null); // wasi_http.Buffer
  }
  return bytesBody(encoder.encode(String(object)), 'text/plain;charset=UTF-8');
}

function isPullSource(source) {
  return source !== null && typeof source === 'object' && typeof source.read === 'function' && !(source instanceof Uint8Array);
}

/** A byte stream pulling `source` only as fast as it is read. */
function pullSourceStream(source) {
  return new ReadableStream({
    type: 'bytes',
    async pull(controller) {
      const chunk = await source.read();
      if (chunk === null || chunk === undefined) {
        controller.close();
        if (controller.byobRequest) controller.byobRequest.respond(0);
        return;
      }
      // A Buffer may view a bigger ArrayBuffer: enqueue (which transfers) only its own bytes.
      const own = chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.byteLength ? chunk : chunk.slice();
      if (own.byteLength > 0) controller.enqueue(own);
    },
    cancel(reason) { return source.cancel ? source.cancel(reason) : undefined; },
  });
}

/** The body's ReadableStream, made on first request. */
function bodyStream(body) {
  if (body.stream !== null) return body.stream;
  if (body.consumed) {
    // Read through text()/json()…: a closed, disturbed stream.
    const done = new ReadableStream({ type: 'bytes', start(controller) { controller.close(); } });
    done.getReader().read();
    body.stream = done;
    return done;
  }
  const source = body.source;
  body.source = null;
  if (source instanceof Uint8Array) {
    body.stream = new ReadableStream({
      type: 'bytes',
      start(controller) {
        if (source.byteLength > 0) controller.enqueue(source.slice());
        controller.close();
      },
    });
  } else if (isPullSource(source)) {
    body.stream = pullSourceStream(source);
  } else {
    body.stream = source.stream(); // a Blob
  }
  return body.stream;
}

function bodyUsed(body) {
  return body !== null && (body.consumed || (body.stream !== null && streamInternals().isDisturbed(body.stream)));
}

function unusable() {
  return new TypeError('Body is unusable: Body has already been read');
}

/** Fetch's "read all bytes" of a body, once. */
async function readAllBytes(body) {
  if (bodyUsed(body) || (body.stream !== null && body.stream.locked)) throw unusable();
  if (body.stream === null) {
    body.consumed = true;
    const source = body.source;
    body.source = null;
    if (source instanceof Uint8Array) return source;
    if (isPullSource(source)) {
      const parts = [];
      for (;;) {
        const chunk = await source.read();
        if (chunk === null || chunk === undefined) break;
        parts.push(chunk);
      }
      return parts.length ? joinBytes(parts) : new Uint8Array(0);
    }
    return new Uint8Array(await source.arrayBuffer());
  }
  const reader = body.stream.getReader();
  const parts = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      const err = new TypeError('The body stream produced a chunk that is not a Uint8Array');
      reader.cancel(err).catch(() => {});
      throw err;
    }
    parts.push(value);
  }
  return parts.length ? joinBytes(parts) : new Uint8Array(0);
}

/** Reads the whole body and packages it as `kind` (Fetch's "consume body"). */
async function consumeBody(owner, kind) {
  const body = owner[kBody];
  const bytes = body === null ? new Uint8Array(0) : await readAllBytes(body);
  switch (kind) {
    case 'arrayBuffer':
      return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer;
    case 'bytes': return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
    case 'text': return new TextDecoder().decode(bytes);
    case 'json': return JSON.parse(new TextDecoder().decode(bytes));
    case 'buffer': return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    default: {
      // blob and formData: packaged by the Blob family, with the body's MIME type.
      const mimeType = owner.headers.get('content-type');
      const record = { stream: null, source: bytes, length: bytes.byteLength, type: null, consumed: false };
      return webBodies().consumeBody(record, kind, mimeType);
    }
  }
}

/** A body record for a clone: bytes and Blobs are shared, anything else is teed. */
function cloneBody(body) {
  if (body === null) return null;
  if (bodyUsed(body) || (body.stream !== null && body.stream.locked)) throw unusable();
  if (body.stream === null && !isPullSource(body.source)) return { ...body };
  const [a, b] = bodyStream(body).tee();
  body.stream = a;
  return { stream: b, source: null, length: body.length, type: body.type, consumed: false };
}

/** Moves `body` out of its owner (a Request given to `new Request`), leaving it used. */
function takeBody(body) {
  if (body.stream === null) {
    const moved = { ...body };
    body.consumed = true;
    body.source = null;
    return moved;
  }
  // Fetch's "proxy": the old stream is piped into a new one.
  const { readable, writable } = new TransformStream();
  body.stream.pipeTo(writable).catch(() => {});
  return { stream: readable, source: null, length: body.length, type: body.type, consumed: false };
}

const kBody = Symbol('body');

class BodyMixin {
  get body() { const body = this[kBody]; return body === null ? null : bodyStream(body); }
  get bodyUsed() { return bodyUsed(this[kBody]); }
  arrayBuffer() { return consumeBody(this, 'arrayBuffer'); }
  bytes() { return consumeBody(this, 'bytes'); }
  text() { return consumeBody(this, 'text'); }
  json() { return consumeBody(this, 'json'); }
  blob() { return consumeBody(this, 'blob'); }
  formData() { return consumeBody(this, 'formData'); }
  /** Kept from the reference runtime: the body as a Node Buffer. */
  buffer() { return consumeBody(this, 'buffer'); }
}

function mixBody(Target) {
  for (const name of Object.getOwnPropertyNames(BodyMixin.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(Target.prototype, name, Object.getOwnPropertyDescriptor(BodyMixin.prototype, name));
  }
}

// ---------------------------------------------------------------- Request / Response

/** The base for relative URLs: `location` where a host defines one (no base otherwise). */
function documentBase() {
  const here = globalThis.location;
  return here && typeof here.href === 'string' ? here.href : undefined;
}

export class Request {
  constructor(input, init = {}) {
    init = init === undefined || init === null ? {} : init;
    let base = null;
    if (input instanceof Request) base = input;
    const urlText = base ? base.url : String(input instanceof URL ? input.href : input);
    let parsed;
    try { parsed = new URL(urlText, documentBase()); } catch { throw new TypeError('Failed to parse URL from ' + urlText); }
    if (parsed.username || parsed.password) throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + urlText);
    this.url = parsed.href;
    this.method = String(init.method || (base ? base.method : 'GET'));
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(this.method)) throw new TypeError("'" + init.method + "' is not a valid HTTP method.");
    const upper = this.method.toUpperCase();
    if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK') throw new TypeError("'" + this.method + "' HTTP method is unsupported.");
    if (['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH'].includes(upper)) this.method = upper;
    this.headers = new Headers(init.headers !== undefined ? init.headers : base ? base.headers : undefined);
    this.redirect = init.redirect || (base ? base.redirect : 'follow');
    this.signal = init.signal !== undefined ? init.signal : base ? base.signal : null;
    this.credentials = init.credentials || 'same-origin';
    this.mode = init.mode || 'cors';
    this.cache = init.cache || 'default';
    this.referrer = init.referrer || 'about:client';
    this.keepalive = !!init.keepalive;
    this.duplex = 'half';

    const initBody = init.body !== undefined && init.body !== null ? init.body : null;
    const inputBody = base ? base[kBody] : null;
    if (initBody === null && inputBody !== null && (bodyUsed(inputBody) || (inputBody.stream !== null && inputBody.stream.locked))) {
      throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
    }
    if ((initBody !== null || inputBody !== null) && (this.method === 'GET' || this.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    let body = null;
    if (initBody !== null) {
      body = extractBody(initBody);
      if (body.script && init.duplex !== 'half') throw new TypeError("RequestInit: duplex option is required when sending a body");
      if (body.type && !this.headers.has('content-type')) this.headers.set('content-type', body.type);
    } else if (inputBody !== null) {
      body = takeBody(inputBody);
    }
    this[kBody] = body;
  }
  clone() {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = new Request(this.url, {
      method: this.method, headers: new Headers(this.headers), redirect: this.redirect, signal: this.signal,
      credentials: this.credentials, mode: this.mode, cache: this.cache, referrer: this.referrer, keepalive: this.keepalive,
    });
    copy[kBody] = cloneBody(this[kBody]);
    return copy;
  }
  get [Symbol.toStringTag]() { return 'Request'; }
}
mixBody(Request);

const NULL_BODY_STATUS = [101, 103, 204, 205, 304];

export class Response {
  constructor(body = null, init = {}) {
    init = init === undefined || init === null ? {} : init;
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError('Failed to construct \'Response\': The status provided (' + init.status + ') is outside the range [200, 599].');
    }
    this.status = status;
    this.statusText = init.statusText === undefined ? '' : String(init.statusText);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(this.statusText)) throw new TypeError('Invalid statusText');
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.type = 'default';
    this.url = '';
    this.redirected = false;
    const extracted = extractBody(body);
    if (extracted !== null) {
      if (NULL_BODY_STATUS.includes(status)) throw new TypeError('Response with null body status cannot have body');
      if (extracted.type && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
    }
    this[kBody] = extracted;
  }
  get ok() { return this.status >= 200 && this.status <= 299; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = new Response(null, { status: this.status < 200 ? 200 : this.status, statusText: this.statusText, headers: new Headers(this.headers) });
    copy.status = this.status;
    copy.url = this.url;
    copy.redirected = this.redirected;
    copy.type = this.type;
    copy[kBody] = cloneBody(this[kBody]);
    return copy;
  }
  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Response.json: the data is not JSON-serializable');
    const headers = new Headers(init && init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(text, { ...init, headers });
  }
  static error() {
    const r = new Response(null, { status: 200 });
    r.status = 0;
    r.type = 'error';
    return r;
  }
  static redirect(url, status = 302) {
    let location;
    try { location = new URL(String(url), documentBase()).href; } catch { throw new TypeError('Failed to parse URL from ' + url); }
    if (![301, 302, 303, 307, 308].includes(status)) throw new RangeError('Invalid status code ' + status);
    return new Response(null, { status, headers: { location } });
  }
  get [Symbol.toStringTag]() { return 'Response'; }
}
mixBody(Response);

export function abortError(signal) {
  if (signal && signal.reason instanceof Error) return signal.reason;
  const err = new Error('This operation was aborted');
  err.name = 'AbortError';
  err.code = 20;
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

// ---------------------------------------------------------------- for the transport

/** The chunks of a Blob, in slices of at most 1 MiB. */
async function* blobChunks(blob) {
  const SLICE = 1 << 20;
  for (let at = 0; at < blob.size; at += SLICE) yield new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
}

/** The chunks of a pull source. */
async function* sourceChunks(source) {
  try {
    for (;;) {
      const chunk = await source.read();
      if (chunk === null || chunk === undefined) return;
      if (chunk.byteLength > 0) yield chunk;
    }
  } finally {
    // Stopped early (the request failed): let the source go.
    if (source.cancel) Promise.resolve().then(() => source.cancel()).catch(() => {});
  }
}

/** The chunks of a ReadableStream; anything but a Uint8Array chunk is an error. */
async function* streamChunks(stream) {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { finished = true; return; }
      if (!(value instanceof Uint8Array)) throw new TypeError('The body stream produced a chunk that is not a Uint8Array');
      if (value.byteLength > 0) yield value;
    }
  } finally {
    if (!finished) reader.cancel().catch(() => {});
  }
}

/**
 * The body of `request` for sending: `{ bytes }` when it is at hand, `{ chunks, length }` (an
 * async iterable of Uint8Arrays; `length` null when unknown) when it streams, or null. Marks the
 * body used.
 */
export function takeRequestBody(request) {
  const body = request[kBody];
  if (body === null) return null;
  if (bodyUsed(body) || (body.stream !== null && body.stream.locked)) throw unusable();
  if (body.stream !== null) {
    body.consumed = true;
    return { chunks: streamChunks(body.stream), length: body.length };
  }
  const source = body.source;
  body.consumed = true;
  body.source = null;
  if (source instanceof Uint8Array) return { bytes: source };
  if (isPullSource(source)) return { chunks: sourceChunks(source), length: body.length };
  return { chunks: blobChunks(source), length: body.length };
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
  response[kBody] = { stream: null, source, length: null, type: null, consumed: false };
  return response;
}
