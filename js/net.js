// Module `net` (also `node:net`), written for wasmedge_boa: Node's TCP servers and sockets on the
// native sockets of `_boa:net` (builtins/src/node/net.rs). A Socket is a Duplex stream: reads
// start and stop with the Readable's back-pressure, writes complete when the bytes are out.
// `wasi_net` (the QuickJS runtime's API) stays available for the reference's scripts.

import { EventEmitter } from 'events';
import { Buffer } from 'buffer';
import { Duplex } from 'stream';
import * as native from '_boa:net';
import { validateBoolean, validateInt32 } from 'internal/validators';
import { callableWithoutNew } from 'internal/classes';

native.useBufferPrototype(Buffer.prototype);

const EV_CONNECT = 0;
const EV_DATA = 1;
const EV_END = 2;
const EV_ERROR = 3;
const EV_DRAIN = 4;
const EV_TIMEOUT = 5;
const EV_CLOSE = 6;

function netError(message, code, Kind = Error) {
  const err = new Kind(message);
  err.code = code;
  return err;
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

export function isIPv4(input) { return typeof input === 'string' && IPV4.test(input); }

export function isIPv6(input) {
  if (typeof input !== 'string' || !input.includes(':')) return false;
  const zone = input.indexOf('%');
  const text = zone >= 0 ? input.slice(0, zone) : input;
  try {
    // The URL parser checks IPv6 literals fully.
    return new URL('http://[' + text + ']/').hostname.length > 2;
  } catch {
    return false;
  }
}

export function isIP(input) { return isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0; }

function family(address) { return address && address.includes(':') ? 'IPv6' : 'IPv4'; }

function validPort(port) {
  if (typeof port === 'string' && /^[0-9]+$/.test(port.trim())) port = Number(port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw netError('Port should be >= 0 and < 65536. Received ' + String(port) + '.', 'ERR_SOCKET_BAD_PORT', RangeError);
  }
  return port;
}

/** Normalizes connect()/listen() arguments: (options|port[, host][, cb]). */
function normalizeArgs(args) {
  const list = [...args];
  const callback = typeof list[list.length - 1] === 'function' ? list.pop() : undefined;
  let options;
  if (list[0] !== null && typeof list[0] === 'object') options = { ...list[0] };
  else if (typeof list[0] === 'string' && !/^[0-9]+$/.test(list[0])) options = { path: list[0] };
  else {
    options = { port: list[0] };
    if (typeof list[1] === 'string') options.host = list[1];
    if (typeof list[1] === 'number') options.backlog = list[1];
    if (typeof list[2] === 'number') options.backlog = list[2];
  }
  return [options, callback];
}

// ---------------------------------------------------------------- Socket

class Socket extends Duplex {
  constructor(options = {}) {
    super({
      allowHalfOpen: !!options.allowHalfOpen,
      // Strings reach _write as they are, as in Node (it checks the encoding per write).
      decodeStrings: false,
      readableHighWaterMark: options.readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark,
    });
    this.connecting = false;
    this.server = null;
    this._handle = null;
    this._pendingWrite = null;
    this._waitingWrite = null;
    this._wantRead = false;
    this._timeoutMs = 0;
    this._hadError = false;
    if (options._handle) {
      this._attach(options._handle, true);
      // Accepted sockets read at once, as in Node (the Readable stops them at its high-water mark).
      if (!options.pauseOnConnect) this._read();
    }
    if (options.signal) {
      const onAbort = () => this.destroy(netError('The operation was aborted', 'ABORT_ERR'));
      if (options.signal.aborted) queueMicrotask(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  _attach(handle, connected) {
    this._handle = handle;
    if (connected) handle.setEvents((kind, value) => this._onEvent(kind, value));
  }

  connect(...args) {
    const [options, callback] = normalizeArgs(args);
    if (options.path !== undefined) {
      queueMicrotask(() => this.destroy(netError('Unix domain sockets are not supported by this runtime', 'ENOTSUP')));
      return this;
    }
    const port = validPort(options.port);
    let host = options.host || 'localhost';
    if (host === 'localhost') host = '127.0.0.1';
    if (callback) this.once('connect', callback);
    this.connecting = true;
    // A TLSSocket (js/tls.js) sets _tlsOptions: the handshake runs before 'connect'.
    this._handle = native.TcpSocket.connect(host, port, (kind, value) => this._onEvent(kind, value), this._tlsOptions);
    if (this._timeoutMs > 0) this._handle.setTimeout(this._timeoutMs);
    return this;
  }

  _onEvent(kind, value) {
    switch (kind) {
      case EV_CONNECT: {
        this.connecting = false;
        if (this._timeoutMs > 0) this._handle.setTimeout(this._timeoutMs);
        this.emit('connect');
        this.emit('ready');
        const waiting = this._waitingWrite;
        this._waitingWrite = null;
        if (waiting) this._write(waiting[0], waiting[1], waiting[2]);
        if (this._wantRead) this._handle.readStart();
        if (this._finalWaiting) { const cb = this._finalWaiting; this._finalWaiting = null; this._final(cb); }
        break;
      }
      case EV_DATA:
        if (!this.push(value)) this._handle.readStop();
        break;
      case EV_END:
        this.push(null);
        // Like Node, the end is seen even by a paused socket once its buffer is empty.
        if (this.readableLength === 0) this.read(0);
        break;
      case EV_ERROR:
        this.connecting = false;
        this._hadError = true;
        this.destroy(value);
        break;
      case EV_DRAIN: {
        const cb = this._pendingWrite;
        this._pendingWrite = null;
        if (cb) cb();
        break;
      }
      case EV_TIMEOUT:
        this.emit('timeout');
        break;
      case EV_CLOSE:
        if (!this.destroyed) this.destroy();
        break;
      default:
        break;
    }
  }

  _read() {
    this._wantRead = true;
    if (this._handle && !this.connecting) this._handle.readStart();
  }

  _write(chunk, encoding, cb) {
    if (typeof chunk === 'string') {
      if (encoding === 'buffer') {
        // Node's socket refuses a string declared to be a buffer, in write() itself.
        const error = new TypeError('Second argument must be a buffer');
        error.code = 'ERR_INVALID_ARG_TYPE';
        throw error;
      }
      chunk = Buffer.from(chunk, encoding);
    }
    if (this.connecting || !this._handle) {
      this._waitingWrite = [chunk, encoding, cb];
      return;
    }
    let done;
    try {
      done = this._handle.write(chunk);
    } catch (err) {
      cb(err);
      return;
    }
    if (done) cb();
    else this._pendingWrite = cb;
  }

  _final(cb) {
    if (this.connecting || !this._handle) {
      this._finalWaiting = cb;
      return;
    }
    this._handle.shutdown();
    cb();
  }

  emit(name, ...args) {
    // 'close' says whether the socket ended because of an error, as in Node.
    if (name === 'close' && args.length === 0) return super.emit('close', this._hadError);
    return super.emit(name, ...args);
  }

  _destroy(err, cb) {
    if (err) this._hadError = true;
    if (this._handle) this._handle.close();
    this.connecting = false;
    const pending = this._pendingWrite;
    this._pendingWrite = null;
    if (pending) pending(err || netError('Socket closed', 'ERR_SOCKET_CLOSED'));
    if (this.server) this.server._socketClosed();
    cb(err);
  }

  setTimeout(ms, callback) {
    this._timeoutMs = Number(ms) || 0;
    if (this._handle && !this.connecting) this._handle.setTimeout(this._timeoutMs);
    if (typeof callback === 'function') {
      if (this._timeoutMs === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    return this;
  }

  setNoDelay(noDelay = true) { if (this._handle) this._handle.setNoDelay(noDelay); return this; }
  setKeepAlive(enable = false, initialDelay = 0) { if (this._handle) this._handle.setKeepAlive(enable, initialDelay); return this; }

  address() {
    const local = this._handle && this._handle.local();
    return local ? { address: local[0], family: local[2], port: local[1] } : {};
  }

  _remote(index) {
    const remote = this._handle && this._handle.remote();
    return remote ? remote[index] : undefined;
  }
  get remoteAddress() { return this._remote(0); }
  get remotePort() { return this._remote(1); }
  get remoteFamily() { return this._remote(2); }
  get localAddress() { const local = this._handle && this._handle.local(); return local ? local[0] : undefined; }
  get localPort() { const local = this._handle && this._handle.local(); return local ? local[1] : undefined; }
  get localFamily() { const local = this._handle && this._handle.local(); return local ? local[2] : undefined; }
  get bytesRead() { return this._handle ? this._handle.counters()[0] : 0; }
  get bytesWritten() { return this._handle ? this._handle.counters()[1] : 0; }
  get bufferSize() { return this._handle ? this._handle.counters()[2] : 0; }
  get pending() { return !this._handle || this.connecting; }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }

  ref() { return this; }
  unref() { return this; }
  destroySoon() { if (this.writable) this.end(); else this.destroy(); }
  resetAndDestroy() { return this.destroy(); }
}
// Node's Socket can be called without `new`.
const CallableSocket = callableWithoutNew(Socket);
export { CallableSocket as Socket };

export const Stream = CallableSocket;

// ---------------------------------------------------------------- Server

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') { connectionListener = options; options = {}; }
    options = options || {};
    this._allowHalfOpen = !!options.allowHalfOpen;
    this._pauseOnConnect = !!options.pauseOnConnect;
    this._connections = 0;
    this._listening = false;
    this._accepting = false;
    this._closeCallbacks = [];
    this.maxConnections = undefined;
    this._handle = new native.TcpServer((handle) => this._onConnection(handle), () => this._onAcceptEnd());
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  }

  get listening() { return this._listening; }

  _onConnection(handle) {
    if (this.maxConnections !== undefined && this._connections >= this.maxConnections) {
      handle.close();
      this.emit('drop', {});
      return;
    }
    const socket = new Socket({ _handle: handle, allowHalfOpen: this._allowHalfOpen, pauseOnConnect: this._pauseOnConnect });
    socket.server = this;
    this._connections++;
    this.emit('connection', socket);
  }

  _socketClosed() {
    this._connections--;
    this._maybeClose();
  }

  _onAcceptEnd() {
    this._accepting = false;
    this._maybeClose();
  }

  _maybeClose() {
    if (this._listening || this._accepting || this._connections > 0 || !this._closing) return;
    this._closing = false;
    const callbacks = this._closeCallbacks.splice(0);
    queueMicrotask(() => {
      for (const cb of callbacks) cb();
      this.emit('close');
    });
  }

  listen(...args) {
    const [options, callback] = normalizeArgs(args);
    if (options.path !== undefined) throw netError('Unix domain sockets are not supported by this runtime', 'ENOTSUP');
    const port = validPort(options.port === undefined || options.port === null ? 0 : options.port);
    let host = options.host;
    if (host === undefined || host === '::') host = '0.0.0.0';
    if (host === 'localhost') host = '127.0.0.1';
    if (callback) this.once('listening', callback);
    try {
      this._address = this._handle.listen(host, port, options.backlog);
    } catch (err) {
      queueMicrotask(() => this.emit('error', err));
      return this;
    }
    this._listening = true;
    this._accepting = true;
    this._closing = false;
    queueMicrotask(() => this.emit('listening'));
    return this;
  }

  address() {
    if (!this._listening) return null;
    const local = this._handle.address() || this._address;
    return local ? { address: local[0], family: local[2], port: local[1] } : null;
  }

  close(callback) {
    if (!this._listening) {
      if (typeof callback === 'function') {
        queueMicrotask(() => callback(netError('Server is not running.', 'ERR_SERVER_NOT_RUNNING')));
      }
      return this;
    }
    if (typeof callback === 'function') this._closeCallbacks.push(callback);
    this._listening = false;
    this._closing = true;
    this._handle.close();
    return this;
  }

  getConnections(callback) {
    const count = this._connections;
    if (typeof callback === 'function') queueMicrotask(() => callback(null, count));
    return this;
  }

  ref() { return this; }
  unref() { return this; }
  [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(() => resolve())); }
}
// Node's Server can be called without `new`.
const CallableServer = callableWithoutNew(Server);
export { CallableServer as Server };

export function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

export function connect(...args) {
  const [options, callback] = normalizeArgs(args);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return callback ? socket.connect(options, callback) : socket.connect(options);
}

export const createConnection = connect;

// Happy Eyeballs settings (Node 20): kept and validated as in Node; connections here try the
// resolved addresses one after the other, whatever they say.
let autoSelectFamily = false;
let autoSelectFamilyAttemptTimeout = 250;
export function getDefaultAutoSelectFamily() { return autoSelectFamily; }
export function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, 'value');
  autoSelectFamily = value;
}
export function getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeout; }
export function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInt32(value, 'value', 1);
  autoSelectFamilyAttemptTimeout = Math.max(value, 10);
}

export class BlockList {
  constructor() { this._rules = []; }
  addAddress(address) { this._rules.push(address); }
  check(address) { return this._rules.includes(address); }
}

export class SocketAddress {
  constructor(options = {}) {
    this.address = options.address || '127.0.0.1';
    this.port = options.port || 0;
    this.family = (options.family || family(this.address)).toLowerCase() === 'ipv6' ? 'ipv6' : 'ipv4';
    this.flowlabel = options.flowlabel || 0;
  }
}

export default {
  Socket: CallableSocket, Stream, Server: CallableServer, createServer, connect, createConnection, isIP, isIPv4, isIPv6,
  getDefaultAutoSelectFamily, setDefaultAutoSelectFamily, getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout, BlockList, SocketAddress,
};
