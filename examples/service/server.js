// An HTTP service ready for Kubernetes (docs/deploy.md): health and readiness endpoints, a
// graceful shutdown that finishes in-flight requests, and logs as one JSON line per event.
//
//   wasmedge_boa examples/service/server.js               # natively
//   wasmedge --dir .:. wasmedge_boa.wasm examples/service/server.js
//
// Environment: PORT (8080) serves the app; ADMIN_PORT (8081) serves /healthz, /readyz and
// /drain, and is not exposed by the Service; HOST (0.0.0.0); DRAIN_DELAY_MS (5000): how long
// the app keeps serving, unready, before it stops accepting; ACCESS_LOG=1 logs every request.
//
// Shutdown: SIGTERM/SIGINT where the host delivers signals (the native runtime), and GET /drain
// on the admin port everywhere: Kubernetes calls it as the pod's preStop hook, because WasmEdge
// passes no signal to a wasm program. /drain answers once the app has stopped accepting and every
// in-flight request is finished; then the process exits.

import http from 'http';

const PORT = Number(process.env.PORT ?? 8080);
const ADMIN_PORT = Number(process.env.ADMIN_PORT ?? 8081);
const HOST = process.env.HOST ?? '0.0.0.0';
const DRAIN_DELAY_MS = Number(process.env.DRAIN_DELAY_MS ?? 5000);
const ACCESS_LOG = process.env.ACCESS_LOG === '1';

function log(event, fields) {
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}

let state = 'starting'; // then 'ready', 'draining', 'closed'
let inFlight = 0;
let served = 0;

function send(res, status, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': new TextEncoder().encode(text).length });
  res.end(text);
}

const app = http.createServer((req, res) => {
  const started = Date.now();
  inFlight++;
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    inFlight--;
    served++;
    if (ACCESS_LOG) log('request', { method: req.method, url: req.url, status: res.statusCode, ms: Date.now() - started });
  };
  res.on('finish', done);
  res.on('close', done);
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/') {
    send(res, 200, { hello: 'from wasmedge_boa', served });
  } else if (url.pathname === '/work') {
    // A slow request: answers after ?ms= milliseconds (at most 10 s).
    const ms = Math.min(Math.max(Number(url.searchParams.get('ms')) || 0, 0), 10000);
    setTimeout(() => send(res, 200, { worked: ms }), ms);
  } else {
    send(res, 404, { error: 'not found', path: url.pathname });
  }
});

let drained;
function shutdown(reason) {
  if (drained) return drained;
  state = 'draining';
  log('draining', { reason, delayMs: DRAIN_DELAY_MS, inFlight });
  drained = new Promise((resolve) => {
    // Keep serving while Kubernetes takes the pod out of the Service's endpoints.
    setTimeout(() => {
      log('closing', { inFlight });
      app.close(() => {
        state = 'closed';
        log('closed', { served });
        resolve();
      });
    }, DRAIN_DELAY_MS);
  });
  // Once drained, the admin server goes too, and with nothing left to do the process exits.
  drained.then(() => setTimeout(() => admin.close(), 10));
  return drained;
}

const admin = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path === '/healthz') {
    send(res, 200, 'ok\n', 'text/plain');
  } else if (path === '/readyz') {
    if (state === 'ready') send(res, 200, 'ready\n', 'text/plain');
    else send(res, 503, state + '\n', 'text/plain');
  } else if (path === '/drain') {
    shutdown('drain request').then(() => send(res, 200, { drained: true, served }));
  } else {
    send(res, 404, 'not found\n', 'text/plain');
  }
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => shutdown(signal));

for (const [server, port, name] of [[app, PORT, 'app'], [admin, ADMIN_PORT, 'admin']]) {
  server.on('error', (err) => {
    log('error', { server: name, message: err.message });
    process.exit(1);
  });
}
app.listen(PORT, HOST, () => {
  admin.listen(ADMIN_PORT, HOST, () => {
    state = 'ready';
    log('listening', { host: HOST, port: PORT, adminPort: ADMIN_PORT, args: args.slice(1) });
  });
});
