// An HTTP echo server in the style the seed documentation describes (raw wasi_net + wasi_http,
// reading until `parseRequest()` yields a request, answering with `WasiResponse.encode`), written
// for this project. Network test, driven from Rust (no expectation file next to it on purpose):
//   wasmedge_boa echo_server.js <port> <connections>
// prints "listen <port>" once bound, answers <connections> clients, then ends by itself.
// Expected stdout for the driver's two clients: echo_server.expected (see docs/wasi_http.md).
import * as http from 'wasi_http';
import * as net from 'wasi_net';
import { describeAndAnswer } from './seed_style.js';

async function serveOne(conn) {
    const pending = new http.Buffer();
    for (;;) {
        let chunk;
        try {
            chunk = await conn.read();
        } catch (e) {
            print(e);
            return;
        }
        if (chunk === undefined) return;
        pending.append(chunk);
        const request = pending.parseRequest();
        if (request instanceof http.WasiRequest) {
            describeAndAnswer(conn, request);
            return;
        }
    }
}

const port = Number(args[1]);
const connections = Number(args[2] || 100);
const listener = new net.WasiTcpServer(port);
print('listen', port);
for (let served = 0; served < connections; served++) {
    serveOne(await listener.accept());
}
