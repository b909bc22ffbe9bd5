// Module `http` (also `node:http`), written for wasmedge_boa: an HTTP/1.1
// server and client in Node's shape, plus fetch/Headers/Request/Response,
// on top of the native `wasi_net` sockets.
//
// Wire format details live in internal/http_wire.js. The server serves any
// number of requests per connection, one at a time (so pipelined requests
// are answered in order).

import { EventEmitter } from 'events';
import { Buffer } from 'buffer';
import { Readable, Writable } from 'stream';
import * as net from 'wasi_net';
import * as wasiHttp from 'wasi_http';
import {
  WireReader, HttpParseError, parseRequestHead, parseResponseHead, bodyFraming, toBytes,
  checkHeaderName, checkHeaderValue, headerLines, headBytes, joinBytes,
} from 'internal/http_wire';

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

function splitHostPort(address) {
  if (typeof address !== 'string') return { address: '', port: 0 };
  const colon = address.lastIndexOf(':');
  if (colon < 0) return { address, port: 0 };
  let host = address.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { address: host, port: Number(address.slice(colon + 1)) };
}

/** A Node `net.Socket` look-alike over a wasi_net connection (enough for req.socket uses). */
class SocketInfo extends EventEmitter {
  constructor(conn) {
    super();
    this._conn = conn;
    let peer = { address: '', port: 0 };
    let local = { address: '', port: 0 };
    try { peer = splitHostPort(conn.peer()); } catch { /* not connected any more */ }
    try { local = splitHostPort(conn.local()); } catch { /* ditto */ }
    this.remoteAddress = peer.address;
    this.remotePort = peer.port;
    this.remoteFamily = peer.address.includes(':') ? 'IPv6' : 'IPv4';
    this.localAddress = local.address;
    this.localPort = local.port;
    this.encrypted = false;
    this.destroyed = false;
    this.readable = true;
    this.writable = true;
  }
  address() { return { address: this.localAddress, family: this.localAddress.includes(':') ? 'IPv6' : 'IPv4', port: this.localPort }; }
  setTimeout(ms, cb) { if (typeof cb === 'function') this.once('timeout', cb); return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { return this; }
  unref() { return this; }
  write(data) { if (!this.destroyed) this._conn.write(toBytes(data)); return true; }
  end(data) { if (data !== undefined) this.write(data); this.destroy(); return this; }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.readable = false;
    this.writable = false;
    try { this._conn.close(); } catch { /* already closed */ }
    if (err) this.emit('error', err);
    this.emit('close', !!err);
    return this;
  }
}

// ---------------------------------------------------------------- headers of outgoing messages

/** Header storage of ServerResponse/ClientRequest: lower-case key -> [name as set, value]. */
class OutgoingHeaders {
  constructor() { this.map = new Map(); }
  set(name, value) {
    checkHeaderName(name);
    if (Array.isArray(value)) value.forEach((v) => checkHeaderValue(name, v));
    else checkHeaderValue(name, value);
    this.map.set(name.toLowerCase(), [name, Array.isArray(value) ? value.map(String) : typeof value === 'number' ? value : String(value)]);
  }
  append(name, value) {
    const key = name.toLowerCase();
    const existing = this.map.get(key);
    if (!existing) { this.set(name, value); return; }
    const list = Array.isArray(existing[1]) ? existing[1] : [String(existing[1])];
    this.map.set(key, [existing[0], list.concat(Array.isArray(value) ? value.map(String) : [String(value)])]);
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
  pairs() { return [...this.map.values()]; }
}

/** Applies writeHead-style headers: an object, a flat [k, v, ...] array or [[k, v], ...]. */
function applyHeaders(store, headers) {
  if (!headers) return;
  if (Array.isArray(headers)) {
    if (headers.length && Array.isArray(headers[0])) {
      for (const [k, v] of headers) store.append(k, v);
    } else {
      for (let i = 0; i + 1 < headers.length; i += 2) store.append(headers[i], headers[i + 1]);
    }
    return;
  }
  if (typeof headers.entries === 'function' && !(headers.constructor === Object)) {
    for (const [k, v] of headers.entries()) store.set(k, v);
    return;
  }
  for (const key of Object.keys(headers)) {
    if (headers[key] !== undefined) store.set(key, headers[key]);
  }
}

// ---------------------------------------------------------------- IncomingMessage

export class IncomingMessage extends Readable {
  constructor(socket) {
    super({ read() {} });
    this.socket = socket || null;
    this.connection = this.socket;
    this.httpVersion = 'HTTP/1.1';
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
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
  get headersDistinct() {
    const out = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const key = this.rawHeaders[i].toLowerCase();
      (out[key] = out[key] || []).push(this.rawHeaders[i + 1]);
    }
    return out;
  }
  setTimeout(ms, cb) { if (this.socket) this.socket.setTimeout(ms, cb); return this; }
}

// ---------------------------------------------------------------- ServerResponse

const CRLF = '\r\n';

export class ServerResponse extends Writable {
  constructor(req, conn, options = {}) {
    super();
    this.req = req;
    this._conn = conn;
    this.socket = req ? req.socket : null;
    this.connection = this.socket;
    this.statusCode = 200;
    this.statusMessage = undefined;
    this.sendDate = true;
    this.chunkedEncoding = false;
    this.useChunkedEncodingByDefault = true;
    this.shouldKeepAlive = options.keepAlive !== false;
    this.finished = false;
    this._headers = new OutgoingHeaders();
    this._headerSent = false;   // the head is on the wire
    this._headWritten = false;  // writeHead() was called (Node's headersSent semantics)
    this._isHead = req ? req.method === 'HEAD' : false;
    this._http10 = req ? req.httpVersionMinor === 0 : false;
    this._buffered = null;      // HTTP/1.0 bodies written in pieces are sent at end()
    this._framing = null;       // 'length' | 'chunked' | 'raw' | 'none'
    this._onDone = null;
  }

  get headersSent() { return this._headerSent || this._headWritten; }
  get writableEnded() { return this.finished; }
  get writableFinished() { return this._writableState.finished; }

  setHeader(name, value) {
    if (this._headerSent) throw httpError('Cannot set headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
    this._headers.set(name, value);
    return this;
  }
  appendHeader(name, value) {
    if (this._headerSent) throw httpError('Cannot set headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
    this._headers.append(name, value);
    return this;
  }
  getHeader(name) { return this._headers.get(name); }
  getHeaders() { return this._headers.object(); }
  getHeaderNames() { return this._headers.names(); }
  getRawHeaderNames() { return this._headers.rawNames(); }
  hasHeader(name) { return this._headers.has(name); }
  removeHeader(name) {
    if (this._headerSent) throw httpError('Cannot remove headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
    this._headers.remove(name);
  }
  flushHeaders() { if (!this._headerSent) this._sendHead(null, false); }
  setTimeout(ms, cb) { if (typeof cb === 'function') this.once('timeout', cb); return this; }
  writeContinue() { this._conn.write('HTTP/1.1 100 Continue\r\n\r\n'); }
  writeProcessing() { this._conn.write('HTTP/1.1 102 Processing\r\n\r\n'); }

  writeHead(statusCode, statusMessage, headers) {
    if (this._headerSent) throw httpError('Cannot write headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
    const code = Number(statusCode);
    if (!Number.isInteger(code) || code < 100 || code > 999) {
      throw httpError('Invalid status code: ' + statusCode, 'ERR_HTTP_INVALID_STATUS_CODE', RangeError);
    }
    if (typeof statusMessage !== 'string') { headers = statusMessage; statusMessage = undefined; }
    this.statusCode = code;
    if (statusMessage !== undefined) this.statusMessage = statusMessage;
    applyHeaders(this._headers, headers);
    this._headWritten = true;
    return this;
  }

  _statusLine() {
    const message = this.statusMessage !== undefined ? this.statusMessage : (STATUS_CODES[this.statusCode] || 'unknown');
    return (this._http10 ? 'HTTP/1.0 ' : 'HTTP/1.1 ') + this.statusCode + ' ' + message + CRLF;
  }

  /**
   * Puts the head on the wire. `finalBody` is the complete body when end()
   * is called before any write (so Content-Length can be used), or null.
   */
  _sendHead(finalBody, ending) {
    const code = this.statusCode;
    const noBody = this._isHead || code === 204 || code === 304 || (code >= 100 && code < 200);
    const h = this._headers;
    const connectionHeader = String(h.get('connection') || '').toLowerCase();
    if (connectionHeader.split(',').some((t) => t.trim() === 'close')) this.shouldKeepAlive = false;
    if (h.has('content-length')) this._framing = 'raw';
    else if (String(h.get('transfer-encoding') || '').toLowerCase().includes('chunked')) this._framing = 'chunked';
    else if (h.has('transfer-encoding')) { this._framing = 'raw'; this.shouldKeepAlive = false; }
    else if (ending) this._framing = 'length';
    else if (noBody) this._framing = 'none';
    else if (this._http10) this._framing = 'buffer';
    else this._framing = 'chunked';

    let extra = '';
    if (this.sendDate && !h.has('date')) extra += 'Date: ' + new Date().toUTCString() + CRLF;
    if (!h.has('connection')) {
      if (!this.shouldKeepAlive) extra += 'Connection: close' + CRLF;
      else if (this._http10) extra += 'Connection: keep-alive' + CRLF;
    }
    if (this._framing === 'length' && !(code === 204 || code === 304 || (code >= 100 && code < 200))) {
      extra += 'Content-Length: ' + (finalBody ? finalBody.length : 0) + CRLF;
    } else if (this._framing === 'chunked' && !h.has('transfer-encoding') && !noBody) {
      extra += 'Transfer-Encoding: chunked' + CRLF;
      this.chunkedEncoding = true;
    }
    if (this._framing === 'buffer') return; // the head goes out with the buffered body at end()
    const head = this._statusLine() + headerLines(h.pairs()) + extra + CRLF;
    this._headerSent = true;
    this._headWritten = true;
    if (finalBody && finalBody.length && !noBody) {
      const headBuf = headBytes(head);
      const all = new Uint8Array(headBuf.length + finalBody.length);
      all.set(headBuf);
      all.set(finalBody, headBuf.length);
      this._conn.write(all);
    } else {
      this._conn.write(headBytes(head));
    }
    if (noBody) this._framing = 'none';
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.finished) {
      const err = httpError('write after end', 'ERR_STREAM_WRITE_AFTER_END');
      queueMicrotask(() => { if (typeof cb === 'function') cb(err); this.emit('error', err); });
      return false;
    }
    if (chunk === null || chunk === undefined) {
      throw httpError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' + chunk, 'ERR_INVALID_ARG_TYPE', TypeError);
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : toBytes(chunk);
    if (!this._headerSent && this._framing !== 'buffer') this._sendHead(null, false);
    this._writeBody(bytes);
    if (typeof cb === 'function') queueMicrotask(() => cb(null));
    return true;
  }

  _writeBody(bytes) {
    if (bytes.length === 0) return;
    switch (this._framing) {
      case 'none': return;
      case 'buffer': (this._buffered = this._buffered || []).push(Uint8Array.prototype.slice.call(bytes)); return;
      case 'chunked': this._conn.write(bytes.length.toString(16) + CRLF); this._conn.write(bytes); this._conn.write(CRLF); return;
      default: this._conn.write(bytes);
    }
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.finished) {
      if (typeof cb === 'function') queueMicrotask(() => cb());
      return this;
    }
    const bytes = chunk === undefined || chunk === null ? null
      : typeof chunk === 'string' ? Buffer.from(chunk, encoding) : toBytes(chunk);
    if (!this._headerSent && this._framing === null) {
      this._sendHead(bytes || new Uint8Array(0), true);
    } else {
      if (bytes) this._writeBody(bytes);
      if (this._framing === 'buffer') {
        this._framing = 'length';
        const body = joinBytes(this._buffered || [new Uint8Array(0)]);
        this._buffered = null;
        this._sendHead(body, true);
      } else if (this._framing === 'chunked') {
        this._conn.write('0' + CRLF + CRLF);
      }
    }
    this.finished = true;
    const ws = this._writableState;
    ws.ending = true;
    ws.ended = true;
    if (typeof cb === 'function') this.once('finish', cb);
    queueMicrotask(() => {
      ws.finished = true;
      this.emit('finish');
      if (this._onDone) this._onDone();
    });
    return this;
  }

  destroy(err) {
    if (this.destroyed) return this;
    if (this.socket) this.socket.destroy();
    else try { this._conn.close(); } catch { /* closed */ }
    return super.destroy(err);
  }

  assignSocket() {}
  detachSocket() {}
  addTrailers() {}
  cork() {}
  uncork() {}
}

// ---------------------------------------------------------------- Server

export class Server extends EventEmitter {
  constructor(options, requestListener) {
    super();
    if (typeof options === 'function') { requestListener = options; options = {}; }
    this._options = options || {};
    this.keepAliveTimeout = this._options.keepAliveTimeout ?? 5000;
    this.headersTimeout = this._options.headersTimeout ?? 60000;
    this.requestTimeout = this._options.requestTimeout ?? 300000;
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = this._options.maxRequestsPerSocket ?? 0;
    this.listening = false;
    this._handle = null;
    this._closed = false;
    this._connections = new Set();
    if (typeof requestListener === 'function') this.on('request', requestListener);
  }

  listen(...args) {
    let port = 0;
    let host;
    let callback;
    if (typeof args[args.length - 1] === 'function') callback = args.pop();
    if (args[0] !== null && typeof args[0] === 'object') {
      port = args[0].port ?? 0;
      host = args[0].host;
    } else {
      if (args[0] !== undefined) port = args[0];
      if (typeof args[1] === 'string') host = args[1];
    }
    if (typeof port === 'string' && /^[0-9]+$/.test(port)) port = Number(port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw httpError('options.port should be >= 0 and < 65536. Received ' + String(port) + '.', 'ERR_SOCKET_BAD_PORT', RangeError);
    }
    if (callback) this.once('listening', callback);
    if (host === 'localhost') host = '127.0.0.1';
    try {
      this._handle = host === undefined ? new net.WasiTcpServer(port) : new net.WasiTcpServer(port, host);
    } catch (err) {
      queueMicrotask(() => this.emit('error', err));
      return this;
    }
    if (!this._handle) {
      queueMicrotask(() => this.emit('error', httpError('listen failed on port ' + port, 'EINVAL')));
      return this;
    }
    this._closed = false;
    this.listening = true;
    Promise.resolve(this._handle.ready).then(() => {
      this.emit('listening');
      this._acceptLoop();
    });
    return this;
  }

  async _acceptLoop() {
    const handle = this._handle;
    while (!this._closed && this._handle === handle) {
      let conn;
      try {
        conn = await handle.accept();
      } catch (err) {
        if (this._closed) break;
        this.emit('error', err);
        continue;
      }
      if (this._closed) { try { conn.close(); } catch { /* ignore */ } break; }
      this._serve(conn);
    }
  }

  async _serve(conn) {
    const state = { conn, idle: true, socket: new SocketInfo(conn) };
    this._connections.add(state);
    this.emit('connection', state.socket);
    const reader = new WireReader(conn);
    let served = 0;
    try {
      for (;;) {
        state.idle = true;
        if (this._closed) break;
        let head;
        try {
          head = await reader.readHead(served === 0 ? this.headersTimeout : this.keepAliveTimeout, this.headersTimeout);
        } catch (err) {
          if (err instanceof HttpParseError) this._reject(conn, err);
          break; // timeouts and I/O errors just close the connection
        }
        if (head === null) break;
        state.idle = false;
        let parsed;
        let framing;
        try {
          parsed = parseRequestHead(head);
          framing = bodyFraming(parsed.headers, true);
        } catch (err) {
          this._reject(conn, err instanceof HttpParseError ? err : new HttpParseError(String(err)));
          break;
        }
        served++;
        const req = new IncomingMessage(state.socket);
        req.method = parsed.method;
        req.url = parsed.url;
        req.headers = parsed.headers;
        req.rawHeaders = parsed.rawHeaders;
        req.httpVersionMajor = parsed.major;
        req.httpVersionMinor = parsed.minor;
        req.httpVersion = 'HTTP/' + parsed.major + '.' + parsed.minor;
        const connectionTokens = String(parsed.headers.connection || '').toLowerCase().split(',').map((s) => s.trim());
        let keepAlive = parsed.minor >= 1 ? !connectionTokens.includes('close') : connectionTokens.includes('keep-alive');
        if (this.maxRequestsPerSocket > 0 && served >= this.maxRequestsPerSocket) keepAlive = false;
        if (this._closed) keepAlive = false;

        // The whole body is read before 'request' is emitted and handed over as one chunk.
        if (framing.kind !== 'none' && parsed.minor >= 1 && String(parsed.headers.expect || '').toLowerCase() === '100-continue') {
          conn.write('HTTP/1.1 100 Continue\r\n\r\n');
        }
        const pieces = [];
        try {
          if (framing.kind === 'length') await reader.readFixed(framing.length, (p) => pieces.push(p), this.headersTimeout);
          else if (framing.kind === 'chunked') {
            const t = await reader.readChunked((p) => pieces.push(p), this.headersTimeout);
            req.trailers = t.trailers;
            req.rawTrailers = t.rawTrailers;
          }
        } catch (err) {
          if (err instanceof HttpParseError) this._reject(conn, err);
          break;
        }
        const res = new ServerResponse(req, conn, { keepAlive });
        const done = new Promise((resolve) => { res._onDone = resolve; });
        if (pieces.length) req.push(joinBytes(pieces));
        req.push(null);
        req.complete = true;

        const failed = (err) => {
          reportError('Uncaught exception in HTTP request handler: ', err);
          if (!res.headersSent) {
            res._headers = new OutgoingHeaders();
            res._headWritten = false;
            res.statusCode = 500;
            res.statusMessage = undefined;
            res.shouldKeepAlive = false;
            res.end();
          } else if (!res.finished) {
            res.shouldKeepAlive = false;
            state.socket.destroy();
            if (res._onDone) res._onDone();
          }
        };
        try {
          this.emit('request', req, res);
        } catch (err) {
          failed(err);
        }
        // An async handler's rejection is an exception in the handler too.
        this._watchAsyncHandlers(req, res, failed);
        // With an empty body, 'end' fires even if nobody reads the stream.
        if (pieces.length === 0) queueMicrotask(() => { if (req.readableFlowing === null) req.resume(); });

        await done;
        if (state.socket.destroyed || !res.shouldKeepAlive) break;
      }
    } finally {
      this._connections.delete(state);
      try { conn.close(); } catch { /* already closed */ }
      if (!state.socket.destroyed) {
        state.socket.destroyed = true;
        state.socket.emit('close', false);
      }
      this._maybeEmitClose();
    }
  }

  _watchAsyncHandlers(req, res, failed) {
    const pending = this._lastHandlerResults;
    this._lastHandlerResults = null;
    if (!pending) return;
    for (const result of pending) {
      Promise.resolve(result).then(undefined, failed);
    }
  }

  // Collect what 'request' listeners return so async handlers' rejections are reported.
  emit(name, ...args) {
    if (name !== 'request') return super.emit(name, ...args);
    const listeners = this.listeners('request');
    if (listeners.length === 0) return false;
    const results = [];
    for (const listener of listeners) {
      const r = listener.apply(this, args);
      if (r && typeof r.then === 'function') results.push(r);
    }
    this._lastHandlerResults = results.length ? results : null;
    return true;
  }

  _reject(conn, err) {
    const status = err.status || 400;
    try {
      conn.write('HTTP/1.1 ' + status + ' ' + (STATUS_CODES[status] || 'Bad Request') + '\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } catch { /* peer gone */ }
    if (this.listenerCount('clientError') > 0) this.emit('clientError', err, null);
  }

  close(callback) {
    if (typeof callback === 'function') {
      if (!this.listening) queueMicrotask(() => callback(httpError('Server is not running.', 'ERR_SERVER_NOT_RUNNING')));
      else this.once('close', () => callback());
    }
    if (this._closed) return this;
    this._closed = true;
    this.listening = false;
    if (this._handle) {
      try { if (typeof this._handle.close === 'function') this._handle.close(); } catch { /* closed */ }
    }
    // Idle keep-alive connections are closed now; busy ones after their response.
    for (const state of this._connections) {
      if (state.idle) { try { state.conn.close(); } catch { /* closed */ } }
    }
    this._maybeEmitClose();
    return this;
  }

  _maybeEmitClose() {
    if (this._closed && this._connections.size === 0 && !this._closeEmitted) {
      this._closeEmitted = true;
      queueMicrotask(() => this.emit('close'));
    }
  }

  closeAllConnections() { for (const s of this._connections) { try { s.conn.close(); } catch { /* closed */ } } }
  closeIdleConnections() { for (const s of this._connections) if (s.idle) { try { s.conn.close(); } catch { /* closed */ } } }

  address() {
    if (!this._handle || !this.listening) return null;
    let local = '0.0.0.0:0';
    try { if (typeof this._handle.local === 'function') local = this._handle.local(); } catch { /* unknown */ }
    const { address, port } = splitHostPort(local);
    return { address, family: address.includes(':') ? 'IPv6' : 'IPv4', port };
  }

  setTimeout(ms, cb) { this.timeout = ms; if (typeof cb === 'function') this.on('timeout', cb); return this; }
  ref() { return this; }
  unref() { return this; }
  [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(() => resolve())); }
}

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

// ---------------------------------------------------------------- client transport

/** Opens a connection for `url` (a URL); https uses WasiTlsConn when the runtime has it. */
async function connect(url, timeoutMs) {
  const secure = url.protocol === 'https:';
  let host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost') host = '127.0.0.1';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const Conn = secure ? net.WasiTlsConn : net.WasiTcpConn;
  if (typeof Conn !== 'function' || typeof Conn.connect !== 'function') {
    throw httpError('Protocol "' + url.protocol + '" not supported by this runtime', 'ERR_INVALID_PROTOCOL', TypeError);
  }
  const pending = timeoutMs > 0 ? Conn.connect(host, port, timeoutMs) : Conn.connect(host, port);
  if (pending === undefined || pending === null) throw new TypeError('connect(' + host + ', ' + port + ') is not supported');
  return pending;
}

function hostHeader(url) {
  const secure = url.protocol === 'https:';
  const defaultPort = secure ? '443' : '80';
  return url.hostname + (url.port && url.port !== defaultPort ? ':' + url.port : '');
}

/**
 * Sends one request on a fresh connection and reads the response head.
 * Resolves { conn, reader, head, framing }; the caller reads the body.
 */
async function exchange(url, method, headerPairs, body, options = {}) {
  const conn = await connect(url, options.connectTimeout);
  if (options.onConnect) options.onConnect(conn);
  const path = (url.pathname || '/') + (url.search || '');
  let head = method + ' ' + (options.path || path) + ' HTTP/1.1' + CRLF + headerLines(headerPairs) + CRLF;
  const headBuf = headBytes(head);
  if (body && body.length) {
    const all = new Uint8Array(headBuf.length + body.length);
    all.set(headBuf);
    all.set(body, headBuf.length);
    conn.write(all);
  } else {
    conn.write(headBuf);
  }
  const reader = new WireReader(conn);
  for (;;) {
    const text = await reader.readHead(options.timeout || 0, options.timeout || 0);
    if (text === null) throw httpError('socket hang up', 'ECONNRESET');
    const parsed = parseResponseHead(text);
    if (parsed.statusCode >= 100 && parsed.statusCode < 200 && parsed.statusCode !== 101) continue; // interim
    const noBody = method === 'HEAD' || parsed.statusCode === 204 || parsed.statusCode === 304;
    const framing = noBody ? { kind: 'none' } : bodyFraming(parsed.headers, false);
    return { conn, reader, head: parsed, framing };
  }
}

/** Reads a response body according to its framing, handing pieces to onData. */
async function readBody(reader, framing, onData, timeoutMs) {
  if (framing.kind === 'length') await reader.readFixed(framing.length, onData, timeoutMs);
  else if (framing.kind === 'chunked') return reader.readChunked(onData, timeoutMs);
  else if (framing.kind === 'close') await reader.readUntilClose(onData, timeoutMs);
  return { trailers: {}, rawTrailers: [] };
}

// ---------------------------------------------------------------- ClientRequest

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

export class ClientRequest extends Writable {
  constructor(input, options, callback) {
    super();
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
    this.path = opts.path || (this._url.pathname + this._url.search);
    this.host = this._url.hostname;
    this.protocol = this._url.protocol;
    this.aborted = false;
    this.reusedSocket = false;
    this.finished = false;
    this.socket = null;
    this.maxHeadersCount = null;
    this._timeoutMs = opts.timeout || 0;
    this._headers = new OutgoingHeaders();
    this._body = [];
    this._conn = null;
    this._headerSent = false;
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
    if (this._timeoutMs > 0) this.setTimeout(this._timeoutMs);
  }

  get headersSent() { return this._headerSent; }

  setHeader(name, value) {
    if (this._headerSent) throw httpError('Cannot set headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT');
    this._headers.set(name, value);
    return this;
  }
  appendHeader(name, value) { this._headers.append(name, value); return this; }
  getHeader(name) { return this._headers.get(name); }
  getHeaders() { return this._headers.object(); }
  getHeaderNames() { return this._headers.names(); }
  getRawHeaderNames() { return this._headers.rawNames(); }
  hasHeader(name) { return this._headers.has(name); }
  removeHeader(name) { this._headers.remove(name); }
  flushHeaders() {}
  setNoDelay() {}
  setSocketKeepAlive() {}

  setTimeout(ms, callback) {
    if (typeof callback === 'function') this.once('timeout', callback);
    if (this._timer) clearTimeout(this._timer);
    this._timer = ms > 0 ? setTimeout(() => { this._timer = null; this.emit('timeout'); }, ms) : null;
    return this;
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.finished) {
      const err = httpError('write after end', 'ERR_STREAM_WRITE_AFTER_END');
      queueMicrotask(() => { if (typeof cb === 'function') cb(err); this.emit('error', err); });
      return false;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : toBytes(chunk);
    this._body.push(Uint8Array.prototype.slice.call(bytes));
    if (typeof cb === 'function') queueMicrotask(() => cb(null));
    return true;
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (this.finished) return this;
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    this.finished = true;
    this._writableState.ending = true;
    if (typeof cb === 'function') this.once('finish', cb);
    this._send();
    return this;
  }

  async _send() {
    // The body is sent in one piece with Content-Length (requests are buffered until end()).
    const body = this._body.length ? joinBytes(this._body) : null;
    this._body = [];
    const headers = this._headers;
    const methodsWithBody = this.method !== 'GET' && this.method !== 'HEAD';
    if (!headers.has('content-length') && !headers.has('transfer-encoding') && (body || methodsWithBody)) {
      headers.set('Content-Length', body ? body.length : 0);
    }
    this._headerSent = true;
    let response;
    try {
      response = await exchange(this._url, this.method, headers.pairs(), body, {
        path: this.path,
        onConnect: (conn) => {
          this._conn = conn;
          this.socket = new SocketInfo(conn);
          this.connection = this.socket;
          if (this.destroyed) { try { conn.close(); } catch { /* closed */ } }
          this.emit('socket', this.socket);
        },
      });
    } catch (err) {
      this._fail(err);
      return;
    }
    if (this.destroyed) { try { response.conn.close(); } catch { /* closed */ } return; }
    this._writableState.finished = true;
    this.emit('finish');
    const res = new IncomingMessage(this.socket);
    const h = response.head;
    res.statusCode = h.statusCode;
    res.statusMessage = h.statusMessage;
    res.headers = h.headers;
    res.rawHeaders = h.rawHeaders;
    res.httpVersionMajor = h.major;
    res.httpVersionMinor = h.minor;
    res.httpVersion = 'HTTP/' + h.major + '.' + h.minor;
    res.req = this;
    this.res = res;
    this.emit('response', res);
    try {
      const t = await readBody(response.reader, response.framing, (piece) => res.push(Buffer.from(piece)));
      res.trailers = t.trailers;
      res.rawTrailers = t.rawTrailers;
      res.complete = true;
      res.push(null);
    } catch (err) {
      res.aborted = true;
      res.destroy(err);
    } finally {
      if (this._timer) { clearTimeout(this._timer); this._timer = null; }
      try { response.conn.close(); } catch { /* closed */ }
      queueMicrotask(() => this.emit('close'));
    }
  }

  _fail(err) {
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    if (this._errored) return;
    this._errored = true;
    this.emit('error', err);
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
    if (this._timer) { clearTimeout(this._timer); this._timer = null; }
    if (this._conn) { try { this._conn.close(); } catch { /* closed */ } }
    if (this.res && !this.res.complete) this.res.destroy(err || httpError('aborted', 'ECONNRESET'));
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

// ---------------------------------------------------------------- fetch: Headers

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

// ---------------------------------------------------------------- fetch: bodies

/** Converts a fetch body init into { bytes, type } (type is the implied Content-Type). */
function extractBody(body) {
  if (body === undefined || body === null) return { bytes: null, type: null };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), type: 'text/plain;charset=UTF-8' };
  if (typeof URLSearchParams === 'function' && body instanceof URLSearchParams) {
    return { bytes: Buffer.from(body.toString(), 'utf8'), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bytes: Uint8Array.prototype.slice.call(toBytes(body)), type: null };
  if (typeof wasiHttp.Buffer === 'function' && body instanceof wasiHttp.Buffer) return { bytes: toBytes(body), type: null };
  if (typeof body.arrayBuffer === 'function' && typeof body.type === 'string') {
    throw new TypeError('Blob bodies are not supported; pass an ArrayBuffer or a string');
  }
  if (body instanceof Readable || typeof body[Symbol.asyncIterator] === 'function') {
    return { stream: body, bytes: null, type: null };
  }
  return { bytes: Buffer.from(String(body), 'utf8'), type: 'text/plain;charset=UTF-8' };
}

async function collectStream(stream) {
  const parts = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : toBytes(chunk));
  return joinBytes(parts.length ? parts : [new Uint8Array(0)]);
}

const kBody = Symbol('body');

class BodyMixin {
  get bodyUsed() { return this[kBody].used; }
  get body() {
    // A one-shot async-iterable view of the body (no WHATWG ReadableStream in this runtime).
    const state = this[kBody];
    if (state.bytes === null && !state.stream && !state.pending) return null;
    const self = this;
    return {
      locked: false,
      async *[Symbol.asyncIterator]() { yield new Uint8Array(await self.arrayBuffer()); },
      getReader() {
        let done = false;
        return {
          async read() {
            if (done) return { value: undefined, done: true };
            done = true;
            const bytes = new Uint8Array(await self.arrayBuffer());
            return bytes.length ? { value: bytes, done: false } : { value: undefined, done: true };
          },
          releaseLock() {},
          cancel() { done = true; return Promise.resolve(); },
        };
      },
    };
  }
  async _consume() {
    const state = this[kBody];
    if (state.used) throw new TypeError('Body is unusable: Body has already been read');
    state.used = true;
    if (state.pending) state.bytes = await state.pending;
    else if (state.stream) state.bytes = await collectStream(state.stream);
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

// ---------------------------------------------------------------- fetch: Request / Response

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
      bodyInit = b.bytes;
    }
    if ((this.method === 'GET' || this.method === 'HEAD') && bodyInit !== undefined && bodyInit !== null) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    const extracted = extractBody(bodyInit);
    if (extracted.type && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
    this[kBody] = { bytes: extracted.bytes, stream: extracted.stream || null, used: false };
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
    this[kBody] = { bytes: extracted.bytes, stream: extracted.stream || null, used: false };
  }
  get ok() { return this.status >= 200 && this.status <= 299; }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const state = this[kBody];
    const copy = new Response(null, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
    copy.url = this.url;
    copy.redirected = this.redirected;
    copy.type = this.type;
    if (state.pending) {
      // Share the pending body between both.
      copy[kBody] = { bytes: null, stream: null, used: false, pending: state.pending };
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

function abortError(signal) {
  if (signal && signal.reason instanceof Error) return signal.reason;
  const err = new Error('This operation was aborted');
  err.name = 'AbortError';
  err.code = 20;
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

// ---------------------------------------------------------------- fetch

const MAX_REDIRECTS = 20;

export async function fetch(input, init = {}) {
  init = init || {};
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal && signal.aborted) throw abortError(signal);

  let url = new URL(request.url);
  let method = request.method;
  let bodyBytes = request[kBody].stream ? await collectStream(request[kBody].stream) : request[kBody].bytes;
  const headers = new Headers(request.headers);
  let redirected = false;

  let activeConn = null;
  let abortReject = null;
  const aborted = new Promise((_, reject) => { abortReject = reject; });
  aborted.catch(() => {});
  const onAbort = () => {
    if (activeConn) { try { activeConn.close(); } catch { /* closed */ } }
    abortReject(abortError(signal));
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  const cleanup = () => { if (signal) signal.removeEventListener('abort', onAbort); };

  try {
    for (let hops = 0; ; hops++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('fetch failed: unsupported protocol ' + url.protocol);
      const pairs = [];
      if (!headers.has('host')) pairs.push(['Host', hostHeader(url)]);
      if (!headers.has('accept')) pairs.push(['Accept', '*/*']);
      for (const [k, v] of headers) pairs.push([k, v]);
      if (!headers.has('content-length') && !headers.has('transfer-encoding') &&
          (bodyBytes || (method !== 'GET' && method !== 'HEAD'))) {
        pairs.push(['Content-Length', String(bodyBytes ? bodyBytes.length : 0)]);
      }
      const response = await Promise.race([
        exchange(url, method, pairs, bodyBytes, { onConnect: (conn) => { activeConn = conn; if (signal && signal.aborted) conn.close(); } }),
        aborted,
      ]);
      const status = response.head.statusCode;
      const location = response.head.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && request.redirect !== 'manual') {
        try { response.conn.close(); } catch { /* closed */ }
        if (request.redirect === 'error') throw new TypeError('fetch failed: redirect mode is set to error');
        if (hops >= MAX_REDIRECTS) throw new TypeError('fetch failed: redirect count exceeded');
        const next = new URL(location, url);
        if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          bodyBytes = null;
          for (const name of ['content-length', 'content-type', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
        }
        if (next.origin !== url.origin) { headers.delete('authorization'); headers.delete('cookie'); headers.delete('host'); }
        url = next;
        redirected = true;
        continue;
      }
      const h = response.head;
      const result = new Response(null, { status: 200, headers: undefined });
      result.status = status;
      result.statusText = h.statusMessage;
      result.url = url.href;
      result.redirected = redirected;
      result.type = 'basic';
      for (let i = 0; i < h.rawHeaders.length; i += 2) {
        try { result.headers.append(h.rawHeaders[i], h.rawHeaders[i + 1]); } catch { /* skip invalid */ }
      }
      const pieces = [];
      const bodyDone = readBody(response.reader, response.framing, (p) => pieces.push(Uint8Array.prototype.slice.call(p)))
        .then(() => joinBytes(pieces.length ? pieces : [new Uint8Array(0)]))
        .finally(() => { try { response.conn.close(); } catch { /* closed */ } cleanup(); });
      // Aborting while the body is read rejects the body promise.
      const pending = Promise.race([bodyDone, aborted]);
      pending.catch(() => {});
      result[kBody] = { bytes: null, stream: null, used: false, pending };
      return result;
    }
  } catch (err) {
    cleanup();
    if (activeConn) { try { activeConn.close(); } catch { /* closed */ } }
    if (err && (err.name === 'AbortError' || err.name === 'TypeError')) throw err;
    const failure = new TypeError('fetch failed');
    failure.cause = err;
    failure.message = 'fetch failed: ' + (err && err.message ? err.message : String(err));
    throw failure;
  }
}

// ---------------------------------------------------------------- Agent (accepted, no pooling)

export class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.keepAlive = !!options.keepAlive;
    this.maxSockets = options.maxSockets || Infinity;
    this.maxFreeSockets = options.maxFreeSockets || 256;
    this.sockets = {};
    this.freeSockets = {};
    this.requests = {};
  }
  destroy() {}
}
export const globalAgent = new Agent();

export function validateHeaderName(name) { checkHeaderName(name); }
export function validateHeaderValue(name, value) { checkHeaderValue(name, value); }
export function setMaxIdleHTTPParsers() {}

// Names kept from the reference module.
export const IncomingMessageForClient = IncomingMessage;
export const IncomingMessageForServer = IncomingMessage;
export const OutgoingMessage = Writable;

export default {
  STATUS_CODES, METHODS, Agent, globalAgent, ClientRequest, IncomingMessage, OutgoingMessage, Server,
  ServerResponse, createServer, request, get, fetch, Headers, Request, Response, maxHeaderSize,
  validateHeaderName, validateHeaderValue, setMaxIdleHTTPParsers,
};
