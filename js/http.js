// Module `http` (also `node:http`), written for wasmedge_boa: Node's HTTP API over the native
// HTTP/1.1 engine of `_boa:http` (builtins/src/node/http). Parsing, framing, keep-alive,
// pipelining, limits, timeouts and back-pressure happen in Rust; this file keeps Node's object
// model. Per request the server makes two small objects (`IncomingMessage`, `ServerResponse`);
// their EventEmitter and stream state is only built when a handler uses it (the common
// `req.on('data')` / `req.on('end')` on a body that has already arrived takes a short path).
// `fetch` uses the same client engine and the same `Agent` pool; its object model (Headers,
// Request, Response) lives in internal/fetch.js.

import { EventEmitter } from 'events';
import { Buffer } from 'buffer';
import { Readable, Writable } from 'stream';
import * as native from '_boa:http';
import {
  Headers, Request, Response, abortError, responseFromTransport, takeRequestBody,
} from 'internal/fetch';
import { callableWithoutNew } from 'internal/classes';

export { Headers, Request, Response };

native.useBufferPrototype(Buffer.prototype);

export const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

export const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
];

/** The largest request head the server accepts by default (createServer's `maxHeaderSize`). */
export const maxHeaderSize = 64 * 1024;

function httpError(message, code, Kind = Error) {
  const err = new Kind(message);
  err.code = code;
  return err;
}

function reportError(prefix, err) {
  const text = err && err.stack ? String(err.stack) : String(err);
  const header = err instanceof Error ? Error.prototype.toString.call(err) : String(err);
  const message = text.startsWith(header) ? text : header + '\n' + text;
  if (typeof console !== 'undefined' && typeof console.error === 'function') console.error(prefix + message);
  else print(prefix + message);
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export function validateHeaderName(name) {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw httpError('Header name must be a valid HTTP token ["' + name + '"]', 'ERR_INVALID_HTTP_TOKEN', TypeError);
  }
}

export function validateHeaderValue(name, value) {
  if (value === undefined) throw httpError('Invalid value "undefined" for header "' + name + '"', 'ERR_HTTP_INVALID_HEADER_VALUE', TypeError);
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (BAD_VALUE.test(String(v))) throw httpError('Invalid character in header content ["' + name + '"]', 'ERR_INVALID_CHAR', TypeError);
  }
}

export function setMaxIdleHTTPParsers() {}

// Fields Node keeps once in a headers object: later duplicates are dropped.
const SINGLE_VALUED = new Set([
  'age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host',
  'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
  'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent',
]);

/** Node's headers object from a rawHeaders list. */
function headersFromRaw(raw, limit) {
  const headers = {};
  const end = Math.min(raw.length, limit > 0 ? limit * 2 : raw.length);
  for (let i = 0; i + 1 < end; i += 2) {
    const key = raw[i].toLowerCase();
    const value = raw[i + 1];
    const existing = headers[key];
    if (existing === undefined) headers[key] = key === 'set-cookie' ? [value] : value;
    else if (key === 'set-cookie') existing.push(value);
    else if (!SINGLE_VALUED.has(key)) headers[key] = existing + (key === 'cookie' ? '; ' : ', ') + value;
  }
  return headers;
}

function distinct(raw) {
  const out = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i].toLowerCase();
    (out[key] = out[key] || []).push(raw[i + 1]);
  }
  return out;
}

function splitHostPort(address) {
  if (typeof address !== 'string') return { address: '', port: 0 };
  const colon = address.lastIndexOf(':');
  if (colon < 0) return { address, port: 0 };
  let host = address.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { address: host, port: Number(address.slice(colon + 1)) };
}

function family(address) { return address.includes(':') ? 'IPv6' : 'IPv4'; }

// ---------------------------------------------------------------- lazy stream state

// Objects made per request start "lazy": their Readable/Writable state is built by `init` the
// first time anything reads it (every stream method does). EventEmitter state needs no help: the
// `events` module creates it on the first listener. The value is kept under a symbol so that the
// instance never gets an own property of the accessor's name (shadowing a prototype accessor from
// inside its own getter confuses Boa 0.22's property caches).
function lazyState(proto, name, init) {
  const key = Symbol(name);
  Object.defineProperty(proto, name, {
    configurable: true,
    enumerable: false,
    get() {
      if (this._lazy === true) {
        this._lazy = false;
        init(this);
      }
      return this[key];
    },
    set(value) { this[key] = value; },
  });
}

/** A property computed on first read and kept (under a symbol, for the same reason). */
function cached(proto, name, compute) {
  const key = Symbol(name);
  Object.defineProperty(proto, name, {
    configurable: true,
    enumerable: false,
    get() {
      let value = this[key];
      if (value === undefined) {
        value = compute(this);
        this[key] = value;
      }
      return value;
    },
    set(value) { this[key] = value; },
  });
}

// ---------------------------------------------------------------- sockets of server connections

/** The `socket` of a server request: a Node-like view of the native connection. */
class HttpSocket extends EventEmitter {
  constructor(conn) {
    super();
    this._conn = conn;
    const [remoteAddress, remotePort, localAddress, localPort] = conn.info();
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.remoteFamily = family(remoteAddress);
    this.localAddress = localAddress;
    this.localPort = localPort;
    this.readable = true;
    this.writable = true;
    this.server = null;
    this._httpMessage = null;
  }
  get destroyed() { return (this._conn.state() & 1) !== 0; }
  get encrypted() { return (this._conn.state() & 2) !== 0 ? true : undefined; }
  address() { return { address: this.localAddress, family: family(this.localAddress), port: this.localPort }; }
  setTimeout(ms, cb) {
    this._conn.setTimeout(Number(ms) || 0);
    if (typeof cb === 'function') this.once('timeout', cb);
    return this;
  }
  setNoDelay(on = true) { this._conn.setNoDelay(on); return this; }
  setKeepAlive(on = false, delay = 0) { this._conn.setKeepAlive(on, delay); return this; }
  ref() { return this; }
  unref() { return this; }
  write(data, encoding, cb) {
    if (typeof encoding === 'function') cb = encoding;
    const bytes = typeof data === 'string' && typeof encoding === 'string' ? Buffer.from(data, encoding) : data;
    this._conn.write(bytes);
    if (typeof cb === 'function') queueMicrotask(() => cb(null));
    return true;
  }
  end(data, encoding, cb) {
    if (typeof data === 'function') { cb = data; data = undefined; }
    if (data !== undefined && data !== null) this.write(data, encoding);
    this._conn.end();
    this.writable = false;
    if (typeof cb === 'function') this.once('close', cb);
    return this;
  }
  destroy(err) {
    this._conn.destroy();
    if (err && this.listenerCount('error') > 0) queueMicrotask(() => this.emit('error', err));
    return this;
  }
  destroySoon() { this.end(); }
}

const sockets = new WeakMap();

function socketFor(conn, server) {
  let socket = sockets.get(conn);
  if (socket === undefined) {
    socket = new HttpSocket(conn);
    socket.server = server || null;
    sockets.set(conn, socket);
  }
  return socket;
}

// ---------------------------------------------------------------- IncomingMessage

/**
 * IncomingMessage (Node's, a Readable). `new IncomingMessage(socket)` makes an ordinary one; the
 * server makes its requests with `ServerRequest`, which shares this prototype but builds its
 * stream state on first use.
 */
export function IncomingMessage(socket) {
  if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
  this._lazy = false;
  Readable.call(this, { read() {} });
  this._ex = null;
  this._body = undefined;
  this._pulling = false;
  this.socket = socket || null;
  this.httpVersionMajor = 1;
  this.httpVersionMinor = 1;
  this.httpVersion = '1.1';
  this.headers = {};
  this.rawHeaders = [];
  this.trailers = {};
  this.rawTrailers = [];
  this.method = null;
  this.url = '';
  this.statusCode = null;
  this.statusMessage = null;
  this.complete = false;
  this.aborted = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

/** A server request: fields from the engine, everything else on demand. */
function ServerRequest(ex, method, url, minor, body, server) {
  this._lazy = true;
  this._ex = ex;
  this._body = body;          // null: no body; a Buffer: the whole body; undefined: still arriving
  this._server = server;
  this.method = method;
  this.url = url;
  this.httpVersionMinor = minor;
  this.complete = body !== undefined;
}
ServerRequest.prototype = IncomingMessage.prototype;

const incoming = IncomingMessage.prototype;
incoming.httpVersionMajor = 1;
incoming.statusCode = null;
incoming.statusMessage = null;
incoming.aborted = false;
incoming._lazy = false;
incoming._delivered = false;
incoming._fast = null;

// `req.httpVersion` is "HTTP/1.1" as in the QuickJS runtime's module (Node says "1.1").
cached(incoming, 'httpVersion', (req) => (req._ex ? 'HTTP/1.' + req.httpVersionMinor : '1.1'));
cached(incoming, 'headers', (req) => (req._ex ? req._ex.headers() : {}));
cached(incoming, 'rawHeaders', (req) => (req._ex ? req._ex.rawHeaders() : []));
cached(incoming, 'trailers', (req) => (req._ex && req.complete ? req._ex.trailers() : {}));
cached(incoming, 'rawTrailers', (req) => (req._ex && req.complete ? req._ex.rawTrailers() : []));
cached(incoming, 'socket', (req) => (req._ex ? socketFor(req._ex.connection(), req._server) : null));
cached(incoming, 'connection', (req) => req.socket);
Object.defineProperty(incoming, 'headersDistinct', { configurable: true, get() { return distinct(this.rawHeaders); } });
Object.defineProperty(incoming, 'trailersDistinct', { configurable: true, get() { return distinct(this.rawTrailers); } });

/** Pulls the next piece of a body that is still arriving. */
function pullBody(req) {
  if (req._pulling) return;
  req._pulling = true;
  req._ex.pull().then((chunk) => {
    req._pulling = false;
    if (chunk === null) {
      req.complete = true;
      req.push(null);
    } else if (req.push(chunk)) {
      pullBody(req);
    }
  }, (err) => {
    req._pulling = false;
    req.aborted = true;
    // 'aborted' and 'close' tell the handler; 'error' only to those listening for it.
    if (req.listenerCount('error') > 0) req.destroy(err);
    else req.destroy();
  });
}

lazyState(incoming, '_readableState', (req) => {
  const fast = req._fast;
  req._fast = null;
  Readable.call(req, { read() { if (this._ex && this._body === undefined) pullBody(this); } });
  if (req._delivered) {
    // The fast path already gave the body and 'end' to its listeners.
    req.push(null);
  } else if (req._body !== undefined) {
    if (req._body !== null) req.push(req._body);
    req.push(null);
  }
  if (fast !== null && !req._delivered) {
    if (fast.data !== null) req.on('data', fast.data);
    if (fast.end !== null) req.on('end', fast.end);
  }
});

/** The short path: the body has arrived and the handler listens for 'data' and 'end' only. */
function deliverFast(req) {
  const fast = req._fast;
  if (!req._lazy || fast === null) return; // the stream machinery took over meanwhile
  req._fast = null;
  req._delivered = true;
  if (fast.data !== null && req._body !== null) fast.data.call(req, req._body);
  if (fast.end !== null) fast.end.call(req);
}

incoming.on = function on(name, listener) {
  if (this._lazy === true && this._body !== undefined && !this._delivered && (name === 'data' || name === 'end') &&
      typeof listener === 'function') {
    let fast = this._fast;
    if (fast === null) {
      fast = this._fast = { data: null, end: null };
      queueMicrotask(() => deliverFast(this));
    }
    if (fast[name] === null) {
      fast[name] = listener;
      return this;
    }
  }
  return Readable.prototype.on.call(this, name, listener);
};
incoming.addListener = incoming.on;

incoming.removeListener = function removeListener(name, listener) {
  const fast = this._fast;
  if (fast !== null && fast[name] === listener) {
    fast[name] = null;
    return this;
  }
  return Readable.prototype.removeListener.call(this, name, listener);
};
incoming.off = incoming.removeListener;

incoming.setTimeout = function setTimeout(ms, cb) {
  if (this.socket) this.socket.setTimeout(ms, cb);
  return this;
};

// What stream.destroy()/pipeline recognise a server request by (as Node's IncomingMessage has).
incoming._consuming = false;
incoming._dumped = false;

incoming._destroy = function _destroy(err, cb) {
  if (!this.complete && !this.aborted && this._ex) {
    this.aborted = true;
    this.emit('aborted');
  }
  // As in Node, destroying a request that was not read to its end closes the connection, unless
  // stream.destroy()/pipeline detached the socket first (the response can still be sent).
  if (this._ex && this.socket !== null && (!this.complete || !this._readableState.endEmitted)) this._ex.destroy();
  // A client's response destroyed before its end aborts the request's connection, as in Node.
  else if (!this._ex && this.req && this.socket && !this.complete) this.socket.destroy();
  cb(err);
};

// ---------------------------------------------------------------- ServerResponse

/** ServerResponse (Node's, a Writable). The server makes them with `ServerResponseImpl`. */
export function ServerResponse(req) {
  if (!(this instanceof ServerResponse)) return new ServerResponse(req);
  ServerResponseImpl.call(this, req, req && req._ex ? req._ex : null);
}

function ServerResponseImpl(req, ex) {
  this._lazy = true;
  this._ex = ex;
  this.req = req;
  this.statusCode = 200;
}
ServerResponseImpl.prototype = ServerResponse.prototype;
Object.setPrototypeOf(ServerResponse.prototype, Writable.prototype);
Object.setPrototypeOf(ServerResponse, Writable);

const outgoing = ServerResponse.prototype;
outgoing.statusMessage = undefined;
outgoing.finished = false;
outgoing._headerSent = false;
outgoing._headWritten = false;
outgoing.sendDate = true;
outgoing.chunkedEncoding = false;
outgoing.useChunkedEncodingByDefault = true;
outgoing.strictContentLength = false;
outgoing._lazy = false;

lazyState(outgoing, '_writableState', (res) => {
  Writable.call(res);
  if (res.finished) {
    const ws = res._writableState;
    ws.ending = true;
    ws.ended = true;
    ws.finished = true;
    if (res._closeDone) ws.closed = true;
  }
});

function headersSentError() {
  return httpError('Cannot set headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
}

Object.defineProperty(outgoing, 'headersSent', { configurable: true, get() { return this._headerSent || this._headWritten; } });
Object.defineProperty(outgoing, 'writableEnded', { configurable: true, get() { return this.finished; } });
Object.defineProperty(outgoing, 'writableFinished', {
  configurable: true,
  get() { return this.finished && (this._ex ? this._ex.writableLength() === 0 : true); },
});
Object.defineProperty(outgoing, 'writableLength', { configurable: true, get() { return this._ex ? this._ex.writableLength() : 0; } });
Object.defineProperty(outgoing, 'shouldKeepAlive', {
  configurable: true,
  get() { return this._ex ? (this._ex.state() & 8) !== 0 : false; },
  set(value) { if (!value && this._ex && !this._headerSent) this._ex.setHeader('Connection', 'close'); },
});
Object.defineProperty(outgoing, 'socket', {
  configurable: true,
  get() { return this.req ? this.req.socket : null; },
  set(value) { Object.defineProperty(this, 'socket', { value, writable: true, configurable: true }); },
});
Object.defineProperty(outgoing, 'connection', { configurable: true, get() { return this.socket; } });

outgoing.setHeader = function setHeader(name, value) {
  if (this._headerSent) throw headersSentError();
  this._ex.setHeader(name, value);
  return this;
};
outgoing.appendHeader = function appendHeader(name, value) {
  if (this._headerSent) throw headersSentError();
  this._ex.appendHeader(name, value);
  return this;
};
outgoing.getHeader = function getHeader(name) { return this._ex.getHeader(name); };
outgoing.getHeaders = function getHeaders() { return this._ex.getHeaders(); };
outgoing.getHeaderNames = function getHeaderNames() { return this._ex.getHeaderNames(); };
outgoing.getRawHeaderNames = function getRawHeaderNames() { return this._ex.getRawHeaderNames(); };
outgoing.hasHeader = function hasHeader(name) { return this._ex.hasHeader(name); };
outgoing.removeHeader = function removeHeader(name) {
  if (this._headerSent) throw httpError('Cannot remove headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
  this._ex.removeHeader(name);
};
outgoing.setHeaders = function setHeaders(headers) {
  for (const [name, value] of headers) this.setHeader(name, value);
  return this;
};
outgoing.flushHeaders = function flushHeaders() {
  if (this._headerSent) return;
  this._headerSent = true;
  this._ex.flushHeaders(this.statusCode, this.statusMessage, this.sendDate);
};
outgoing.setTimeout = function setTimeout(ms, cb) {
  if (this.socket) this.socket.setTimeout(ms);
  if (typeof cb === 'function') this.once('timeout', cb);
  return this;
};
outgoing.writeContinue = function writeContinue(cb) {
  this._ex.writeInterim(100);
  if (typeof cb === 'function') queueMicrotask(cb);
};
outgoing.writeProcessing = function writeProcessing(cb) {
  this._ex.writeInterim(102);
  if (typeof cb === 'function') queueMicrotask(cb);
};
outgoing.writeEarlyHints = function writeEarlyHints(hints, cb) {
  const fields = [];
  for (const key of Object.keys(hints || {})) {
    const value = hints[key];
    for (const v of Array.isArray(value) ? value : [value]) fields.push(key, String(v));
  }
  this._ex.writeInterim(103, fields);
  if (typeof cb === 'function') queueMicrotask(cb);
};

outgoing.writeHead = function writeHead(statusCode, statusMessage, headers) {
  if (this._headerSent) throw httpError('Cannot write headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
  const code = Number(statusCode);
  if (!Number.isInteger(code) || code < 100 || code > 999) {
    throw httpError('Invalid status code: ' + statusCode, 'ERR_HTTP_INVALID_STATUS_CODE', RangeError);
  }
  if (typeof statusMessage !== 'string') { headers = statusMessage; statusMessage = undefined; }
  this.statusCode = code;
  if (statusMessage !== undefined) this.statusMessage = statusMessage;
  if (headers) {
    if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (const [k, v] of headers) this._ex.appendHeader(k, v);
      } else {
        for (let i = 0; i + 1 < headers.length; i += 2) this._ex.appendHeader(headers[i], headers[i + 1]);
      }
    } else {
      for (const key of Object.keys(headers)) {
        if (headers[key] !== undefined) this._ex.setHeader(key, headers[key]);
      }
    }
  }
  this._headWritten = true;
  return this;
};

function chunkFor(chunk, encoding) {
  if (chunk === null) {
    throw httpError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received null', 'ERR_STREAM_NULL_VALUES', TypeError);
  }
  if (typeof chunk === 'string' && typeof encoding === 'string' && encoding !== 'utf8' && encoding !== 'utf-8') {
    return Buffer.from(chunk, encoding);
  }
  return chunk;
}

outgoing.write = function write(chunk, encoding, cb) {
  if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
  if (this.finished) {
    const err = httpError('write after end', 'ERR_STREAM_WRITE_AFTER_END');
    queueMicrotask(() => { if (typeof cb === 'function') cb(err); if (this._events !== undefined) this.emit('error', err); });
    return false;
  }
  if (chunk === undefined) throw httpError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received undefined', 'ERR_INVALID_ARG_TYPE', TypeError);
  const ok = this._ex.write(chunkFor(chunk, encoding), this.statusCode, this.statusMessage, this.sendDate);
  this._headerSent = true;
  if (typeof cb === 'function') queueMicrotask(() => cb(null));
  return ok;
};

outgoing.end = function end(chunk, encoding, cb) {
  if (typeof chunk === 'function') { cb = chunk; chunk = undefined; } else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
  if (this.finished) {
    if (typeof cb === 'function') queueMicrotask(cb);
    return this;
  }
  this._ex.end(chunk === undefined ? undefined : chunkFor(chunk, encoding), this.statusCode, this.statusMessage, this.sendDate);
  this._headerSent = true;
  this.finished = true;
  // 'finish' and 'close' only for those listening (most handlers never do).
  if (typeof cb === 'function' || this._events !== undefined) {
    queueMicrotask(() => {
      this._closeDone = true;
      if (this._lazy === false) {
        const ws = this._writableState;
        ws.ending = true;
        ws.ended = true;
        ws.finished = true;
        // 'close' follows at once: finished(res) called later must see a closed stream.
        ws.closed = true;
      }
      if (this._events !== undefined) {
        this.emit('finish');
        this.emit('close');
      }
      if (typeof cb === 'function') cb();
    });
  }
  return this;
};

outgoing.destroy = function destroy(err) {
  if (this._ex) this._ex.destroy();
  if (!this._lazy) Writable.prototype.destroy.call(this, err);
  return this;
};

outgoing.addTrailers = function addTrailers() {};
outgoing.assignSocket = function assignSocket() {};
outgoing.detachSocket = function detachSocket() {};
outgoing.cork = function cork() {};
outgoing.uncork = function uncork() {};

/** A handler threw or rejected: 500 if nothing was sent, otherwise the connection is closed. */
function handlerFailed(res, err) {
  reportError('Uncaught exception in HTTP request handler: ', err);
  if (!res.headersSent && !res.finished) {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusCode = 500;
    res.statusMessage = undefined;
    res._headWritten = false;
    res.setHeader('Connection', 'close');
    res.end();
  } else if (!res.finished) {
    res.destroy();
  }
}

// ---------------------------------------------------------------- Server

const EV_CLOSE = 0;
const EV_CONNECTION = 1;
const EV_CLIENT_ERROR = 2;
const EV_TIMEOUT = 3;
const EV_ABORTED = 4;
const EV_DRAIN = 5;
const EV_SOCKET_CLOSE = 6;
const EV_ERROR = 7;

const SETTINGS = ['headersTimeout', 'requestTimeout', 'keepAliveTimeout', 'timeout', 'maxRequestsPerSocket', 'maxHeadersCount'];

class Server extends EventEmitter {
  constructor(options, requestListener) {
    super();
    if (typeof options === 'function') { requestListener = options; options = {}; }
    options = options || {};
    this._handle = new native.HttpServer(
      (ex, method, url, minor, body, checkContinue) => this._onRequest(ex, method, url, minor, body, checkContinue),
      (kind, a, b) => this._onEvent(kind, a, b),
    );
    this._settings = { headersTimeout: 60000, requestTimeout: 300000, keepAliveTimeout: 5000, timeout: 0, maxRequestsPerSocket: 0, maxHeadersCount: null };
    this._requestListeners = null;
    this.listening = false;
    this._closed = false;
    for (const name of SETTINGS) if (options[name] !== undefined) this[name] = options[name];
    if (options.maxHeaderSize !== undefined) this._handle.configure('maxHeaderSize', Number(options.maxHeaderSize));
    this.on('newListener', (name) => this._watch(name, true));
    this.on('removeListener', (name) => this._watch(name, false));
    if (typeof requestListener === 'function') this.on('request', requestListener);
  }

  _watch(name) {
    if (name === 'request') this._requestListeners = null;
    // 'newListener' runs before the listener is added: look again once it is.
    else if (name === 'connection' || name === 'checkContinue') {
      queueMicrotask(() => {
        this._handle.configure('watchConnections', this.listenerCount('connection') > 0);
        this._handle.configure('watchCheckContinue', this.listenerCount('checkContinue') > 0);
      });
    }
  }

  _onRequest(ex, method, url, minor, body, checkContinue) {
    const req = new ServerRequest(ex, method, url, minor, body, this);
    const res = new ServerResponseImpl(req, ex);
    if (checkContinue && this.listenerCount('checkContinue') > 0) {
      this.emit('checkContinue', req, res);
      return res;
    }
    const listeners = this._requestListeners || (this._requestListeners = this.rawListeners('request'));
    for (let i = 0; i < listeners.length; i++) {
      try {
        const result = listeners[i].call(this, req, res);
        // An async handler's rejection is an exception in the handler too.
        if (result !== undefined && result !== null && typeof result.then === 'function') {
          result.then(undefined, (err) => handlerFailed(res, err));
        }
      } catch (err) {
        handlerFailed(res, err);
      }
    }
    return res;
  }

  _onEvent(kind, a, b) {
    switch (kind) {
      case EV_CLOSE:
        this._closeEmitted = true;
        queueMicrotask(() => this.emit('close'));
        return undefined;
      case EV_CONNECTION:
        this.emit('connection', socketFor(a, this));
        return undefined;
      case EV_CLIENT_ERROR:
        if (this.listenerCount('clientError') > 0) {
          this.emit('clientError', a, socketFor(b, this));
          return true;
        }
        return false;
      case EV_TIMEOUT: {
        const socket = socketFor(a, this);
        let handled = false;
        if (socket.listenerCount('timeout') > 0) { socket.emit('timeout'); handled = true; }
        if (this.listenerCount('timeout') > 0) { this.emit('timeout', socket); handled = true; }
        if (!handled) socket.destroy();
        return undefined;
      }
      case EV_ABORTED: {
        const res = a && a.req ? a : null;
        if (res === null) return undefined;
        const req = res.req;
        const early = !req.complete;
        if (early) req.aborted = true;
        if (req._lazy === false) {
          if (early) req.emit('aborted');
          if (!req.destroyed) req.destroy();
        } else if (req._events !== undefined) {
          if (early) req.emit('aborted');
          req.emit('close');
        }
        if (!res.finished) {
          // A response with a stream state (piped into, listened to as a Writable) closes through
          // destroy(), which emits 'close' once; a lazy one just tells its listeners.
          if (res._lazy === false) {
            if (!res.destroyed) res.destroy();
          } else if (res._events !== undefined) {
            res.emit('close');
          }
        }
        return undefined;
      }
      case EV_DRAIN:
        if (a && a._events !== undefined) a.emit('drain');
        return undefined;
      case EV_SOCKET_CLOSE: {
        const socket = sockets.get(a);
        if (socket) {
          socket.readable = false;
          socket.writable = false;
          socket.emit('close', false);
        }
        return undefined;
      }
      case EV_ERROR:
        this.emit('error', a);
        return undefined;
      default:
        return undefined;
    }
  }

  listen(...args) {
    let port = 0;
    let host;
    let backlog;
    let callback;
    if (typeof args[args.length - 1] === 'function') callback = args.pop();
    if (args[0] !== null && typeof args[0] === 'object') {
      port = args[0].port ?? 0;
      host = args[0].host;
      backlog = args[0].backlog;
    } else {
      if (args[0] !== undefined && args[0] !== null) port = args[0];
      if (typeof args[1] === 'string') host = args[1];
      if (typeof args[1] === 'number') backlog = args[1];
      if (typeof args[2] === 'number') backlog = args[2];
    }
    if (typeof port === 'string' && /^[0-9]+$/.test(port)) port = Number(port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw httpError('options.port should be >= 0 and < 65536. Received ' + String(port) + '.', 'ERR_SOCKET_BAD_PORT', RangeError);
    }
    if (callback) this.once('listening', callback);
    if (host === 'localhost') host = '127.0.0.1';
    try {
      this._address = this._handle.listen(host === undefined ? '0.0.0.0' : host, port, backlog);
    } catch (err) {
      queueMicrotask(() => this.emit('error', err));
      return this;
    }
    this._closed = false;
    this._closeEmitted = false;
    this.listening = true;
    queueMicrotask(() => this.emit('listening'));
    return this;
  }

  close(callback) {
    if (typeof callback === 'function') {
      if (!this.listening) queueMicrotask(() => callback(httpError('Server is not running.', 'ERR_SERVER_NOT_RUNNING')));
      else this.once('close', () => callback());
    }
    if (this._closed || !this.listening) return this;
    this._closed = true;
    this.listening = false;
    this._handle.close();
    return this;
  }

  closeAllConnections() { this._handle.closeAllConnections(); }
  closeIdleConnections() { this._handle.closeIdleConnections(); }

  address() {
    if (!this.listening) return null;
    const { address, port } = splitHostPort(this._handle.address() || this._address);
    return { address, family: family(address), port };
  }

  getConnections(cb) {
    const count = this._handle.connections();
    if (typeof cb === 'function') queueMicrotask(() => cb(null, count));
    return this;
  }

  setTimeout(ms, cb) {
    this.timeout = ms;
    if (typeof cb === 'function') this.on('timeout', cb);
    return this;
  }

  ref() { return this; }
  unref() { return this; }
  [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(() => resolve())); }
}
// Node's Server can be called without `new`.
const CallableServer = callableWithoutNew(Server);
export { CallableServer as Server };

for (const name of SETTINGS) {
  Object.defineProperty(Server.prototype, name, {
    configurable: true,
    get() { return this._settings[name]; },
    set(value) {
      this._settings[name] = value;
      const number = value === null || value === undefined ? 0 : Number(value);
      this._handle.configure(name, Number.isFinite(number) ? number : 0);
    },
  });
}

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

// ---------------------------------------------------------------- Agent

export class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = { ...options };
    this.keepAlive = !!options.keepAlive;
    this.keepAliveMsecs = options.keepAliveMsecs || 1000;
    this.maxSockets = options.maxSockets || Infinity;
    this.maxFreeSockets = options.maxFreeSockets || 256;
    this.maxTotalSockets = options.maxTotalSockets || Infinity;
    this.scheduling = options.scheduling || 'lifo';
    this.requests = {};
    this._native = new native.HttpAgent(this.keepAlive, this.maxSockets, this.maxFreeSockets, options.timeout || 4000);
  }
  _counts(index) {
    const out = {};
    const counts = this._native.counts();
    for (const key of Object.keys(counts)) {
      const n = counts[key][index];
      if (n > 0) out[key + ':'] = new Array(n).fill(null);
    }
    return out;
  }
  get sockets() { return this._counts(0); }
  get freeSockets() { return this._counts(1); }
  getName(options = {}) {
    return (options.host || options.hostname || 'localhost') + ':' + (options.port || '') + ':' + (options.localAddress || '');
  }
  destroy() { this._native.destroy(); }
}

// Node 19+: the global agent keeps connections alive.
export const globalAgent = new Agent({ keepAlive: true });

// ---------------------------------------------------------------- ClientRequest

/** Outgoing header storage of a ClientRequest: lower-case key → [name as set, value]. */
class OutgoingHeaders {
  constructor() { this.map = new Map(); }
  set(name, value) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this.map.set(name.toLowerCase(), [name, value]);
  }
  append(name, value) {
    const key = String(name).toLowerCase();
    const existing = this.map.get(key);
    if (!existing) { this.set(name, value); return; }
    validateHeaderValue(name, value);
    const list = Array.isArray(existing[1]) ? existing[1] : [existing[1]];
    this.map.set(key, [existing[0], list.concat(value)]);
  }
  get(name) { const e = this.map.get(String(name).toLowerCase()); return e ? e[1] : undefined; }
  has(name) { return this.map.has(String(name).toLowerCase()); }
  remove(name) { this.map.delete(String(name).toLowerCase()); }
  names() { return [...this.map.keys()]; }
  rawNames() { return [...this.map.values()].map((e) => e[0]); }
  object() {
    const out = Object.create(null);
    for (const [key, [, value]] of this.map) out[key] = value;
    return out;
  }
  /** [name, value, name, value, …] with array values spread. */
  flat() {
    const out = [];
    for (const [name, value] of this.map.values()) {
      if (Array.isArray(value)) for (const v of value) out.push(name, String(v));
      else out.push(name, String(value));
    }
    return out;
  }
}

function applyHeaders(store, headers) {
  if (!headers) return;
  if (Array.isArray(headers)) {
    if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) store.append(k, v);
    else for (let i = 0; i + 1 < headers.length; i += 2) store.append(headers[i], headers[i + 1]);
    return;
  }
  if (typeof headers.entries === 'function' && headers.constructor !== Object) {
    for (const [k, v] of headers.entries()) store.set(k, v);
    return;
  }
  for (const key of Object.keys(headers)) if (headers[key] !== undefined) store.set(key, headers[key]);
}

function hostHeader(url) {
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  return url.hostname + (url.port && url.port !== defaultPort ? ':' + url.port : '');
}

/**
 * Where to connect for `url`; for `https:` also the TLS options (Node's `ca`,
 * `rejectUnauthorized`, `servername`, from `tlsOptions`) the native engine takes.
 */
function connectTarget(url, tlsOptions) {
  let host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const servername = host;
  if (host === 'localhost') host = '127.0.0.1';
  if (url.protocol !== 'https:') return { host, port: url.port ? Number(url.port) : 80, tls: undefined };
  const tls = { servername, ALPNProtocols: ['http/1.1'] };
  if (tlsOptions) {
    for (const name of ['ca', 'rejectUnauthorized', 'servername', 'cert', 'key']) {
      if (tlsOptions[name] !== undefined && tlsOptions[name] !== null) tls[name] = tlsOptions[name];
    }
  }
  return { host, port: url.port ? Number(url.port) : 443, tls };
}

function urlFromOptions(options) {
  if (options.href && !options.hostname && !options.host) return new URL(options.href);
  const protocol = options.protocol || 'http:';
  let host = options.hostname || options.host || 'localhost';
  if (!options.hostname && typeof options.host === 'string' && /:[0-9]+$/.test(options.host) && !options.host.startsWith('[')) {
    host = options.host.replace(/:[0-9]+$/, '');
  }
  if (host.includes(':') && !host.startsWith('[')) host = '[' + host + ']';
  const port = options.port !== undefined && options.port !== null && options.port !== '' ? ':' + options.port : '';
  const path = options.path || '/';
  return new URL(protocol + '//' + host + port + (path.startsWith('/') ? path : '/' + path));
}

// Methods whose requests carry no body by default (Node's useChunkedEncodingByDefault = false).
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

const CEV_SOCKET = 0;
const CEV_DRAIN = 1;
const CEV_CONTINUE = 2;
const CEV_INFORMATION = 3;
const CEV_TIMEOUT = 4;

/** The `socket` of a client request: addresses of the native connection. */
class ClientSocket extends EventEmitter {
  constructor(request) {
    super();
    this._request = request;
    const [remoteAddress, remotePort, localAddress, localPort] = request._ex.info();
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.remoteFamily = family(remoteAddress);
    this.localAddress = localAddress;
    this.localPort = localPort;
    this.encrypted = request.protocol === 'https:';
    if (this.encrypted) { this.authorized = true; this.alpnProtocol = false; }
  }
  get destroyed() { return this._request.destroyed === true; }
  address() { return { address: this.localAddress, family: family(this.localAddress), port: this.localPort }; }
  setTimeout(ms, cb) { this._request.setTimeout(ms, cb); return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { return this; }
  unref() { return this; }
  destroy(err) { this._request.destroy(err); return this; }
}

export class ClientRequest extends Writable {
  constructor(input, options, callback) {
    // Not destroyed when the body is written: the response is still to come.
    super({ autoDestroy: false, emitClose: false });
    if (typeof options === 'function') { callback = options; options = undefined; }
    let opts;
    if (typeof input === 'string' || input instanceof URL) {
      const u = new URL(String(input));
      opts = { protocol: u.protocol, hostname: u.hostname, port: u.port, path: u.pathname + u.search, href: u.href, ...(options || {}) };
      if (u.username || u.password) opts.auth = opts.auth || decodeURIComponent(u.username) + ':' + decodeURIComponent(u.password);
    } else {
      opts = { ...(input || {}), ...(options || {}) };
    }
    this._url = opts.hostname || opts.host || !opts.href ? urlFromOptions(opts) : new URL(opts.href);
    if (this._url.protocol !== 'http:' && this._url.protocol !== 'https:') {
      throw httpError('Protocol "' + this._url.protocol + '" not supported. Expected "http:"', 'ERR_INVALID_PROTOCOL', TypeError);
    }
    this.method = String(opts.method || 'GET').toUpperCase();
    if (!TOKEN.test(this.method)) throw httpError('Method must be a valid HTTP token ["' + opts.method + '"]', 'ERR_INVALID_HTTP_TOKEN', TypeError);
    this.path = opts.path || (this._url.pathname + this._url.search);
    this.host = this._url.hostname;
    this.protocol = this._url.protocol;
    this.aborted = false;
    this.reusedSocket = false;
    // Also what tells stream.destroy()/pipeline a client's response from a server's request.
    this.upgradeOrConnect = false;
    this.finished = false;
    this.socket = null;
    this.res = null;
    this.maxHeadersCount = opts.maxHeadersCount ?? null;
    this.agent = opts.agent === false ? new Agent({ keepAlive: false }) : (opts.agent || globalAgent);
    // https: the request's TLS options over its agent's (as Node's https.Agent merges them).
    this._tls = this._url.protocol === 'https:' ? { ...(this.agent.options || {}), ...opts } : undefined;
    this._timeoutMs = opts.timeout || 0;
    this._headers = new OutgoingHeaders();
    this._ex = null;
    this._headerSent = false;
    this._pendingWrite = null;
    applyHeaders(this._headers, opts.headers);
    if (!this._headers.has('host') && opts.setHost !== false) this._headers.set('Host', hostHeader(this._url));
    if (!this._headers.has('accept')) this._headers.set('Accept', '*/*');
    if (opts.auth && !this._headers.has('authorization')) this._headers.set('Authorization', 'Basic ' + Buffer.from(opts.auth).toString('base64'));
    if (typeof callback === 'function') this.once('response', callback);
    if (opts.signal) {
      const onAbort = () => this.destroy(abortError(opts.signal));
      if (opts.signal.aborted) queueMicrotask(onAbort);
      else opts.signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  get headersSent() { return this._headerSent; }

  setHeader(name, value) {
    if (this._headerSent) throw headersSentError();
    this._headers.set(name, value);
    return this;
  }
  appendHeader(name, value) { this._headers.append(name, value); return this; }
  getHeader(name) { return this._headers.get(name); }
  getHeaders() { return this._headers.object(); }
  getHeaderNames() { return this._headers.names(); }
  getRawHeaderNames() { return this._headers.rawNames(); }
  hasHeader(name) { return this._headers.has(name); }
  removeHeader(name) {
    if (this._headerSent) throw httpError('Cannot remove headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
    this._headers.remove(name);
  }
  setNoDelay() {}
  setSocketKeepAlive() {}

  setTimeout(ms, callback) {
    if (typeof callback === 'function') this.once('timeout', callback);
    this._timeoutMs = Number(ms) || 0;
    if (this._ex) this._ex.setTimeout(this._timeoutMs);
    return this;
  }

  flushHeaders() { this._start(null); }

  /** Sends the head: `bodyLength` is the whole body's length when known (end() first). */
  _start(bodyLength) {
    if (this._ex) return;
    this._headerSent = true;
    const h = this._headers;
    let chunked = false;
    if (!h.has('content-length') && !h.has('transfer-encoding')) {
      if (bodyLength !== null) {
        if (bodyLength > 0 || !BODYLESS.has(this.method)) h.set('Content-Length', String(bodyLength));
      } else {
        h.set('Transfer-Encoding', 'chunked');
        chunked = true;
      }
    } else if (h.has('transfer-encoding')) {
      chunked = /(^|,)\s*chunked\s*$/i.test(String(h.get('transfer-encoding')));
    }
    let target;
    try {
      target = connectTarget(this._url, this._tls);
      this._ex = this.agent._native.request(target.host, target.port, this.method, this.path, h.flat(), chunked,
        (kind, a, b, c) => this._onEvent(kind, a, b, c), target.tls);
    } catch (err) {
      this._ex = null;
      queueMicrotask(() => this._fail(err));
      return;
    }
    if (this._timeoutMs > 0) this._ex.setTimeout(this._timeoutMs);
    this._ex.response().then((head) => this._onResponse(head), (err) => this._fail(err));
  }

  _onEvent(kind, a, b, c) {
    switch (kind) {
      case CEV_SOCKET: {
        const info = this._ex.info();
        this.reusedSocket = info[4];
        this.socket = new ClientSocket(this);
        this.connection = this.socket;
        this.emit('socket', this.socket);
        if (!this.reusedSocket) this.socket.emit('connect');
        break;
      }
      case CEV_DRAIN: {
        const cb = this._pendingWrite;
        this._pendingWrite = null;
        if (cb) cb();
        break;
      }
      case CEV_CONTINUE: this.emit('continue'); break;
      case CEV_INFORMATION:
        this.emit('information', { statusCode: a, statusMessage: b, httpVersion: '1.1', httpVersionMajor: 1, httpVersionMinor: 1, headers: headersFromRaw(c, 0), rawHeaders: c });
        break;
      case CEV_TIMEOUT:
        this.emit('timeout');
        if (this.socket) this.socket.emit('timeout');
        break;
      default: break;
    }
  }

  _write(chunk, encoding, cb) {
    this._start(null);
    if (!this._ex) { cb(); return; }
    if (this._ex.write(chunk)) cb();
    else this._pendingWrite = cb;
  }

  _final(cb) {
    this._start(0);
    if (this._ex) this._ex.end();
    this.finished = true;
    cb();
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; } else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (!this._ex && !this._writableState.ending && this._writableState.length === 0) {
      // Nothing written yet: the body is known whole, so it gets a Content-Length.
      const bytes = chunk === undefined || chunk === null ? null : typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      this._start(bytes ? bytes.length : 0);
      if (this._ex) this._ex.end(bytes);
      this.finished = true;
      return Writable.prototype.end.call(this, cb);
    }
    return Writable.prototype.end.call(this, chunk, encoding, cb);
  }

  _onResponse([statusCode, statusMessage, minor, rawHeaders]) {
    if (this.destroyed) return;
    const ex = this._ex;
    const res = new IncomingMessage(this.socket);
    res.statusCode = statusCode;
    res.statusMessage = statusMessage;
    res.rawHeaders = rawHeaders;
    res.headers = headersFromRaw(rawHeaders, this.maxHeadersCount || 0);
    res.httpVersionMajor = 1;
    res.httpVersionMinor = minor;
    res.httpVersion = 'HTTP/1.' + minor;
    res.req = this;
    // Body reads: `ex.read()` resolves at once with what has arrived, later otherwise.
    let reading = false;
    const onChunk = (chunk) => {
      reading = false;
      if (chunk === null) {
        const trailers = ex.trailers();
        res.rawTrailers = trailers;
        res.trailers = headersFromRaw(trailers, 0);
        res.complete = true;
        res.push(null);
        queueMicrotask(() => this.emit('close'));
        return false;
      }
      return res.push(chunk);
    };
    const onFailure = (err) => {
      reading = false;
      res.aborted = true;
      res.emit('aborted');
      if (res.listenerCount('error') > 0) res.destroy(err);
      else res.destroy();
      queueMicrotask(() => this.emit('close'));
    };
    const readFrom = (promise) => {
      reading = true;
      promise.then((chunk) => {
        if (onChunk(chunk)) res._read();
      }, onFailure);
    };
    res._read = () => {
      if (!reading) readFrom(ex.read());
    };
    // What arrived with the head is pushed right after 'response' (as Node's parser does), so
    // a short body and its end reach the listeners together.
    const early = [];
    let waiting = null;
    const notYet = {};
    const drainArrived = () => {
      const next = ex.read();
      return Promise.race([next, notYet]).then((chunk) => {
        if (chunk === notYet) {
          waiting = next;
          reading = true; // one read at a time: `_read` must not start another meanwhile
          return undefined;
        }
        early.push(chunk);
        return chunk === null ? undefined : drainArrived();
      });
    };
    drainArrived().then(() => {
      if (this.destroyed) return;
      this.res = res;
      if (!this.emit('response', res)) res.resume();
      for (const chunk of early) onChunk(chunk);
      if (waiting !== null) readFrom(waiting);
    }, (err) => {
      this.res = res;
      if (!this.emit('response', res)) res.resume();
      onFailure(err);
    });
  }

  _fail(err) {
    if (this._errored) return;
    this._errored = true;
    if (this.listenerCount('error') > 0 || !(this.aborted || this.destroyed)) this.emit('error', err);
    this.emit('close');
  }

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    queueMicrotask(() => this.emit('abort'));
    this.destroy();
  }

  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (this._ex) {
      this._ex.abort();
      // The connection is gone: its socket says so, as Node's does.
      const socket = this.socket;
      if (socket) queueMicrotask(() => socket.emit('close', !!err));
    }
    if (this.res && !this.res.complete) {
      this.res.aborted = true;
      // As in Node, the response errors (ECONNRESET 'aborted') only for those listening.
      if (this.res.listenerCount('error') > 0) this.res.destroy(httpError('aborted', 'ECONNRESET'));
      else this.res.destroy();
    }
    if (err) queueMicrotask(() => this._fail(err));
    else if (!this.res) queueMicrotask(() => this._fail(httpError('socket hang up', 'ECONNRESET')));
    return this;
  }
}

export function request(input, options, callback) {
  return new ClientRequest(input, options, callback);
}

export function get(input, options, callback) {
  const req = new ClientRequest(input, options, callback);
  req.end();
  return req;
}

// ---------------------------------------------------------------- fetch

const MAX_REDIRECTS = 20;

/** Writes a streamed request body to the native exchange, waiting whenever it is full. */
async function pumpBody(ex, chunks, waitDrain) {
  try {
    for await (const chunk of chunks) {
      if (chunk.length > 0 && !ex.write(chunk)) await waitDrain();
    }
    ex.end();
  } catch (err) {
    ex.abort();
    throw err;
  }
}

export async function fetch(input, init = {}) {
  init = init || {};
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal && signal.aborted) throw abortError(signal);

  let url = new URL(request.url);
  let method = request.method;
  let body = takeRequestBody(request);
  const headers = new Headers(request.headers);
  let redirected = false;

  let active = null;
  let abortReject = null;
  const aborted = new Promise((_, reject) => { abortReject = reject; });
  aborted.catch(() => {});
  const onAbort = () => {
    if (active) active.abort();
    abortReject(abortError(signal));
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  const cleanup = () => { if (signal) signal.removeEventListener('abort', onAbort); };

  try {
    for (let hops = 0; ; hops++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('fetch failed: unsupported protocol ' + url.protocol);
      if (body && body.chunks && hops > 0) throw new TypeError('fetch failed: cannot follow a redirect with a streamed body');
      const flat = [];
      if (!headers.has('host')) flat.push('Host', hostHeader(url));
      if (!headers.has('accept')) flat.push('Accept', '*/*');
      for (const [k, v] of headers) flat.push(k, v);
      // A streamed body of known length (a Blob, FormData) goes out with Content-Length, any
      // other with chunked framing.
      const streamed = !!(body && body.chunks);
      let chunked = streamed && headers.has('transfer-encoding');
      if (!headers.has('content-length') && !headers.has('transfer-encoding')) {
        if (streamed && body.length === null) {
          flat.push('Transfer-Encoding', 'chunked');
          chunked = true;
        } else if (streamed) {
          flat.push('Content-Length', String(body.length));
        } else if (body || (method !== 'GET' && method !== 'HEAD')) {
          flat.push('Content-Length', String(body ? body.bytes.length : 0));
        }
      }
      const target = connectTarget(url);
      let drained = null;
      const ex = globalAgent._native.request(target.host, target.port, method, url.pathname + url.search, flat, chunked,
        (kind) => { if (kind === CEV_DRAIN && drained) { const d = drained; drained = null; d(); } }, target.tls);
      active = ex;
      if (signal && signal.aborted) ex.abort();
      // A request body stream that fails fails the fetch (with the stream's error as its cause).
      let uploadFailed = null;
      if (streamed) {
        uploadFailed = pumpBody(ex, body.chunks, () => new Promise((resolve) => { drained = resolve; }))
          .then(() => new Promise(() => {}));
        uploadFailed.catch(() => {});
      } else {
        ex.end(body ? body.bytes : undefined);
      }
      const [status, statusText, , rawHeaders] = await Promise.race(uploadFailed ? [ex.response(), aborted, uploadFailed] : [ex.response(), aborted]);
      let location;
      for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'location') location = rawHeaders[i + 1];
      if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && request.redirect !== 'manual') {
        ex.abort();
        if (request.redirect === 'error') throw new TypeError('fetch failed: redirect mode is set to error');
        if (hops >= MAX_REDIRECTS) throw new TypeError('fetch failed: redirect count exceeded');
        const next = new URL(location, url);
        if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = null;
          for (const name of ['content-length', 'content-type', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
        }
        if (next.origin !== url.origin) { headers.delete('authorization'); headers.delete('cookie'); headers.delete('host'); }
        url = next;
        redirected = true;
        continue;
      }
      // The body is pulled from the connection as it is read; aborting stops it.
      const source = {
        read: () => Promise.race([ex.read(), aborted]).then((chunk) => {
          if (chunk === null) cleanup();
          return chunk;
        }, (err) => {
          cleanup();
          throw err;
        }),
        cancel: () => { cleanup(); ex.abort(); },
      };
      return responseFromTransport({ status, statusText, rawHeaders, url: url.href, redirected, source });
    }
  } catch (err) {
    cleanup();
    if (active) active.abort();
    if (err && (err.name === 'AbortError' || err.name === 'TypeError')) throw err;
    const failure = new TypeError('fetch failed: ' + (err && err.message ? err.message : String(err)));
    failure.cause = err;
    throw failure;
  }
}

// Names kept from the reference module.
export const IncomingMessageForClient = IncomingMessage;
export const IncomingMessageForServer = IncomingMessage;
export const OutgoingMessage = Writable;

export default {
  STATUS_CODES, METHODS, Agent, globalAgent, ClientRequest, IncomingMessage, OutgoingMessage, Server: CallableServer,
  ServerResponse, createServer, request, get, fetch, Headers, Request, Response, maxHeaderSize,
  validateHeaderName, validateHeaderValue, setMaxIdleHTTPParsers,
};

