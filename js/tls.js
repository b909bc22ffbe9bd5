// Node's `tls` module on the runtime's TLS (builtins/src/tls, docs/tls.md): a TLSSocket is a
// net.Socket whose native stream is a rustls session, so it is the same Duplex.
//   tls.connect(options | port[, host][, options][, callback])  → TLSSocket ('secureConnect')
//   tls.createServer({ key, cert[, ALPNProtocols] }, listener)   → Server ('secureConnection')
import net from 'net';
import { callableWithoutNew } from 'internal/classes';

const EV_CONNECT = 0;
const EV_ERROR = 3;

/** Codes of TLS failures (as opposed to socket errors such as ECONNRESET). */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

export const DEFAULT_MIN_VERSION = 'TLSv1.2';
export const DEFAULT_MAX_VERSION = 'TLSv1.3';

export class TLSSocket extends net.Socket {
  constructor(socket, options = {}) {
    super(options);
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = false;
    this.servername = options.servername || null;
    this._tlsInfo = null;
    if (socket) throw new Error('new tls.TLSSocket(socket) over an existing socket is not supported by this runtime');
  }

  _onEvent(kind, value) {
    // A server's socket whose handshake (or a record) fails: the server's 'tlsClientError', as
    // in Node, not an error of a socket the application may never have seen secured.
    if (kind === EV_ERROR && this.server && value && (TLS_CODE.test(String(value.code)) || /before secure TLS/.test(value.message))) {
      this.server.emit('tlsClientError', value, this);
      this._hadError = true;
      this.destroy();
      return;
    }
    if (kind === EV_CONNECT && value) {
      this._tlsInfo = value;
      this.authorized = value.authorized;
      this.authorizationError = value.authorizationError;
      this.alpnProtocol = value.alpnProtocol;
      super._onEvent(kind, value);
      this.emit('secureConnect');
      return;
    }
    super._onEvent(kind, value);
  }

  getPeerCertificate() {
    return (this._tlsInfo && this._tlsInfo.peerCertificate) || {};
  }
  getProtocol() { return this._tlsInfo ? this._tlsInfo.protocol : null; }
  getCipher() {
    return this._tlsInfo ? { name: this._tlsInfo.cipher, standardName: this._tlsInfo.cipher, version: this._tlsInfo.protocol } : undefined;
  }
  isSessionReused() { return false; }
  setServername(name) { this.servername = name; }
}

/** tls.connect(options | port[, host][, options][, callback]). */
export function connect(...args) {
  const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  let options = {};
  if (args[0] !== null && typeof args[0] === 'object') options = { ...args[0] };
  else {
    options.port = args[0];
    if (typeof args[1] === 'string') { options.host = args[1]; if (args[2] && typeof args[2] === 'object') options = { ...args[2], ...options }; }
    else if (args[1] && typeof args[1] === 'object') options = { ...args[1], ...options };
  }
  const host = options.host || 'localhost';
  const socket = new TLSSocket(null, options);
  socket._tlsOptions = {
    servername: options.servername || host.replace(/^\[|\]$/g, ''),
    ca: options.ca,
    rejectUnauthorized: options.rejectUnauthorized,
    ALPNProtocols: options.ALPNProtocols,
    cert: options.cert,
    key: options.key,
  };
  if (callback) socket.once('secureConnect', callback);
  socket.connect({ port: options.port, host });
  return socket;
}

/** A TLS server: `new Server({ key, cert[, ALPNProtocols] }, secureConnectionListener)`. */
class Server extends net.Server {
  constructor(options, listener) {
    if (typeof options === 'function') { listener = options; options = {}; }
    options = options || {};
    super(options);
    this._handle.setTls(options, options.ALPNProtocols);
    if (typeof listener === 'function') this.on('secureConnection', listener);
  }

  _onConnection(handle) {
    if (this.maxConnections !== undefined && this._connections >= this.maxConnections) {
      handle.close();
      this.emit('drop', {});
      return;
    }
    const socket = new TLSSocket(null, { _handle: handle, allowHalfOpen: this._allowHalfOpen });
    socket.server = this;
    this._connections++;
    this.emit('connection', socket);
    // The handshake runs as the socket is first read or written (docs/tls.md).
    this.emit('secureConnection', socket);
  }
}
// Node's Server can be called without `new`.
const CallableServer = callableWithoutNew(Server);
export { CallableServer as Server };

export function createServer(options, listener) {
  return new Server(options, listener);
}

export function checkServerIdentity() { return undefined; }
export const rootCertificates = Object.freeze([]);
export function getCiphers() {
  return ['tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256',
    'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes256-gcm-sha384'];
}

export default {
  TLSSocket, Server: CallableServer, connect, createServer, checkServerIdentity, rootCertificates, getCiphers,
  DEFAULT_MIN_VERSION, DEFAULT_MAX_VERSION,
};
