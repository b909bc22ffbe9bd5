// Node's `https` module: the `http` module's client and server over TLS (builtins/src/tls,
// docs/tls.md). Requests go through the same native engine and agent pools as `http`; the TLS
// options (`ca`, `rejectUnauthorized`, `servername`) come from the request or from its agent.
import http from 'http';
import { callableWithoutNew } from 'internal/classes';

export class Agent extends http.Agent {
  constructor(options = {}) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}

// Node 19+: the global agent keeps connections alive.
export const globalAgent = new Agent({ keepAlive: true });

/** `(input[, options][, callback])` with `https:` and this module's agent as defaults. */
function requestArguments(input, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  if (typeof input === 'string' || input instanceof URL) {
    return [input, { agent: globalAgent, ...(options || {}) }, callback];
  }
  if (typeof input === 'function') return [{ protocol: 'https:', agent: globalAgent }, undefined, input];
  const merged = { protocol: 'https:', agent: globalAgent, ...(input || {}), ...(options || {}) };
  if (merged.agent === undefined) merged.agent = globalAgent;
  return [merged, undefined, callback];
}

export function request(input, options, callback) {
  return new http.ClientRequest(...requestArguments(input, options, callback));
}

export function get(input, options, callback) {
  const req = request(input, options, callback);
  req.end();
  return req;
}

/** An HTTPS server: `new Server({ key, cert }, listener)` (PEM strings or Buffers). */
class Server extends http.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') { requestListener = options; options = {}; }
    options = options || {};
    super(options, requestListener);
    this._handle.setTls(options);
  }
}
// Node's Server can be called without `new`.
const CallableServer = callableWithoutNew(Server);
export { CallableServer as Server };

export function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

export default { Agent, globalAgent, Server: CallableServer, createServer, request, get };
