// A raw wasi_net + wasi_http server in the QuickJS style, driven by tests/net.rs: the accept
// loop never waits, and finished connections are not closed but left to the garbage collector.
// Argument: port. (No expectation file: the script runner skips it.)
import * as net from 'wasi_net';
import * as http from 'wasi_http';

const port = Number(args[1]);

async function serve(conn) {
  const buffer = new http.Buffer();
  for (;;) {
    let data;
    try { data = await conn.read(); } catch { return; }
    if (data === undefined) return;
    buffer.append(data);
    const req = buffer.parseRequest();
    if (req === undefined) continue;
    buffer.clear();
    const resp = new http.WasiResponse();
    resp.version = 'HTTP/1.1';
    resp.headers = { 'Connection': 'close' };
    conn.end(resp.encode('echo:' + req.uri));
  }
}

const server = new net.WasiTcpServer(port, '127.0.0.1');
print('listening', port);
for (;;) serve(await server.accept());
