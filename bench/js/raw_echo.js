// Benchmark server on the raw modules: wasi_net accepts and reads, wasi_http parses requests and
// encodes responses. Answers every request with its body, or 'echo:<uri>' when it has none.
// Uses only what the QuickJS runtime has too (wasi_net, wasi_http, print), so REFERENCE_WASM can
// run it unchanged.   wasmedge_boa raw_echo.js <port> [gc-close]   (prints "listen <port>")
// A finished connection is closed with close() where the runtime has it (QuickJS has not: there
// the last reference going away closes it). `gc-close` leaves every close to the runtime, as
// scripts written for QuickJS do.
import * as net from 'wasi_net';
import * as http from 'wasi_http';

const port = Number(args[1] || 8000);
const closeExplicitly = args[2] !== 'gc-close';

async function serve(conn) {
  try {
    await answer(conn);
  } finally {
    if (closeExplicitly && typeof conn.close === 'function') conn.close();
  }
}

async function answer(conn) {
  const buffer = new http.Buffer();
  for (;;) {
    let data;
    try {
      data = await conn.read();
    } catch (e) {
      return; // reset by the peer
    }
    if (data === undefined || data.byteLength <= 0) return; // the client closed the connection
    buffer.append(data);
    let req;
    try {
      req = buffer.parseRequest();
    } catch (e) {
      print('bad request:', e);
      return;
    }
    if (req === undefined) continue; // the head (or body) is not complete yet
    // wrk sends one request at a time per connection, so nothing follows this request.
    buffer.clear();

    const resp = new http.WasiResponse();
    resp.version = 'HTTP/1.1';
    const closing = req.getHeader('connection') === 'close';
    resp.headers = closing
      ? { 'Content-Type': 'text/plain', 'Connection': 'close' }
      : { 'Content-Type': 'text/plain' };
    const body = req.body;
    const encoded = resp.encode(body ? body : 'echo:' + req.uri);
    if (closing) {
      conn.end(encoded); // the client closes after reading; the next read sees the end
    } else {
      conn.write(encoded);
    }
  }
}

async function main() {
  const server = new net.WasiTcpServer(port, '127.0.0.1');
  print('listen', port);
  for (;;) {
    const conn = await server.accept();
    serve(conn);
  }
}

main().catch((e) => print('server failed:', e));
