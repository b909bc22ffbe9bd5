// The client pattern of the seed documentation, written for this project: the global `http` (the wasi_http namespace) and
// `newStringFromUTF8` without importing them, and the one-argument connect("ip:port").
// Network test, driven from Rust: wasmedge_boa seed_client.js <port>, against a local server
// (see docs/wasi_http.md) that answers with a Content-Length body
// "<METHOD> <request-target> body=<request body>". The seed starts both tests without waiting;
// they run one after the other here so the output order is fixed (client_framing.js runs its
// requests concurrently).
// Expected stdout: seed_client.expected.
import * as net from 'wasi_net';

const address = '127.0.0.1:' + args[1];

// Reads until parseResponse() yields a response and its Content-Length body has arrived.
async function readReply(conn) {
    const received = new http.Buffer();
    let head;
    for (;;) {
        received.append(await conn.read());
        head ??= received.parseResponse();
        if (!(head instanceof http.WasiResponse)) continue;
        if (typeof head.bodyLength !== 'number') throw new Error('only Content-Length bodies here');
        if (received.length >= head.bodyLength) return newStringFromUTF8(received.buffer);
    }
}

async function exchange(name, method, target, body) {
    try {
        const conn = await net.WasiTcpConn.connect(address);
        const request = new http.WasiRequest();
        request.headers = { Host: '127.0.0.1' };
        request.uri = target;
        request.method = method;
        if (body !== undefined) request.body = body;
        conn.write(request.encode());
        print('wait ' + name);
        const text = await readReply(conn);
        print('resp.body');
        print(text);
        print(name + ' end');
    } catch (e) {
        print('catch:', e);
    }
}

await exchange('get', 'GET', '/get?a=123');
await exchange('post', 'POST', '/post?a=123', 'hello');
