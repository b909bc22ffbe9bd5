// The echo server of echo_server.js with its socket replaced by an object that replays reads.
import * as http from 'wasi_http';
import { describeAndAnswer } from './seed_style.js';

function fakeSocket(reads) {
    return {
        read() { return Promise.resolve(reads.shift()); },
        write(data) { print('cs.write:', JSON.stringify(newStringFromUTF8(data))); return true; },
    };
}

function bytes(text) {
    return new Uint8Array([...text].map((c) => c.charCodeAt(0))).buffer;
}

async function handle_client(conn) {
    const pending = new http.Buffer();
    for (;;) {
        const chunk = await conn.read();
        if (chunk === undefined) return;
        pending.append(chunk);
        const request = pending.parseRequest();
        if (request instanceof http.WasiRequest) return describeAndAnswer(conn, request);
    }
}

// curl -d "WasmEdge" -X POST http://localhost:8000, arriving in three reads.
const curl = 'POST / HTTP/1.1\r\nHost: localhost:8000\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n' +
    'Content-Length: 8\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nWasmEdge';
await handle_client(fakeSocket([bytes(curl.slice(0, 20)), bytes(curl.slice(20, 130)), bytes(curl.slice(130))]));
// An HTTP/1.0 client.
await handle_client(fakeSocket([bytes('POST /old HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello')]));
