// The client pattern of the seed documentation, written for this project: `net` and `http` globals, one-argument connect,
// newStringFromUTF8, against a server in the same script.
import { WasiTcpServer } from 'wasi_net';

const server = new WasiTcpServer(0, '127.0.0.1');
(async () => {
    const cs = await server.accept();
    let text = '';
    while (!text.includes('\r\n\r\n')) text += newStringFromUTF8(await cs.read());
    const body = 'hello from ' + text.split(' ')[1];
    cs.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
})();

async function readReply(conn) {
    const received = new http.Buffer();
    let head;
    for (;;) {
        received.append(await conn.read());
        head ??= received.parseResponse();
        if (head instanceof http.WasiResponse && received.length >= head.bodyLength) {
            return newStringFromUTF8(received.buffer);
        }
    }
}

const conn = await net.WasiTcpConn.connect(server.local());
const request = new http.WasiRequest();
request.headers = { Host: '127.0.0.1' };
request.uri = '/get?a=123';
request.method = 'GET';
conn.write(request.encode());
print('wait get');
const text = await readReply(conn);
print('resp.body');
print(text);
print('get end');
server.close();
