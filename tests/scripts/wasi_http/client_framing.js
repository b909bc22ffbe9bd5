// A wasi_net + wasi_http client reading responses of the three framings: Content-Length,
// chunked, and close-delimited (no length: the body ends when the server closes). All six
// requests run concurrently; results print in a fixed order at the end.
// Network test, driven from Rust: wasmedge_boa client_framing.js <port>, against a local server
// (see docs/wasi_http.md) that serves /length, /chunked and /close, each answering with the body
// "<METHOD> <request-target> body=<request body>", written in several pieces.
// Expected stdout: client_framing.expected.
import * as http from 'wasi_http';
import * as net from 'wasi_net';

const port = Number(args[1]);

async function readMore(conn, buf, what) {
    const data = await conn.read();
    if (data === undefined) throw new Error('connection closed ' + what);
    buf.append(data);
}

async function exchange(method, path, body) {
    const conn = await net.WasiTcpConn.connect('127.0.0.1', port);
    const req = new http.WasiRequest();
    req.version = 'HTTP/1.1';
    req.method = method;
    req.uri = path;
    req.headers = { Host: '127.0.0.1', Connection: 'close' };
    if (body) req.body = body;
    conn.write(req.encode());

    const buf = new http.Buffer();
    let resp;
    while (!(resp instanceof http.WasiResponse)) {
        await readMore(conn, buf, 'before the response head');
        resp = buf.parseResponse();
        if (resp instanceof Error) throw resp;
    }
    let text = '';
    if (resp.bodyLength === 'chunked') {
        for (;;) {
            const chunk = buf.parseChunk();
            if (chunk === null) break;
            if (chunk instanceof Error) throw chunk;
            if (chunk === undefined) await readMore(conn, buf, 'inside the chunked body');
            else text += newStringFromUTF8(chunk);
        }
    } else if (resp.bodyFraming === 'close') {
        for (let data = await conn.read(); data !== undefined; data = await conn.read()) buf.append(data);
        text = buf.length ? newStringFromUTF8(buf.buffer) : '';
    } else {
        // parseResponse() returned only once the whole Content-Length body was buffered.
        text = buf.length ? newStringFromUTF8(buf.buffer) : '';
    }
    if (typeof conn.close === 'function') conn.close();
    return `${resp.status} ${resp.bodyFraming} ${resp.bodyLength} ${text}`;
}

const cases = [];
for (const framing of ['length', 'chunked', 'close']) {
    cases.push([`GET /${framing}`, exchange('GET', `/${framing}?q=1`)]);
    cases.push([`POST /${framing}`, exchange('POST', `/${framing}`, `data for ${framing}`)]);
}
for (const [name, result] of cases) {
    try {
        print(name, '->', await result);
    } catch (e) {
        print(name, 'failed:', e);
    }
}
