// WasiResponse.chunk(conn) and ChunkResponse with a connection object that records what it is
// asked to write; the recorded stream is parsed back with Buffer.
import * as http from 'wasi_http';

const text = (data) => (typeof data === 'string' ? data : newStringFromUTF8(data));
const conn = {
    wire: [],
    write(data) { this.wire.push(text(data)); return true; },
    end(data) { this.wire.push(text(data)); print('conn.end called'); return true; },
    on(event) { return 'conn.on(' + event + ')'; },
};

const resp = new http.WasiResponse();
resp.headers = { 'Content-Type': 'text/html' };
print('chunk(non-object):', resp.chunk('nope'));
const body = resp.chunk(conn);
print('ChunkResponse:', body instanceof http.ChunkResponse, resp.version, resp.bodyLength);
print('write:', body.write('<html>'), body.write(new Uint8Array([104, 105]).buffer), body.write(''), body.write(42));
print('on:', body.on('error'));
print('end:', body.end('</html>'));
for (const w of [() => body.write('late'), () => body.end(), () => body.on('x')]) {
    try {
        w();
    } catch (e) {
        print('after end:', e);
    }
}
print('wire:', JSON.stringify(conn.wire.join('')));

const back = new http.Buffer();
for (const w of conn.wire) back.append(w);
const head = back.parseResponse();
const parts = [];
for (let chunk = back.parseChunk(); chunk !== null; chunk = back.parseChunk()) parts.push(text(chunk));
print('parsed back:', head.status, head.bodyLength, JSON.stringify(parts), back.length);
