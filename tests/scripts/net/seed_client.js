// The seed page's client snippet: `net` and `http` globals, one-argument connect,
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

async function handle_response(s) {
    let buf = new http.Buffer();
    let resp = undefined;
    while (true) {
        buf.append(await s.read());
        if (resp == undefined) {
            resp = buf.parseResponse();
        }
        if (resp instanceof http.WasiResponse) {
            let resp_length = resp.bodyLength;
            if (typeof (resp_length) === "number") {
                if (buf.length >= resp.bodyLength) {
                    print('resp.body');
                    print(newStringFromUTF8(buf.buffer));
                    break;
                }
            } else {
                throw new Error('no support');
            }
        }
    }
}

let ss = await net.WasiTcpConn.connect(server.local());
let req = new http.WasiRequest();
req.headers = { 'Host': '127.0.0.1' };
req.uri = '/get?a=123';
req.method = 'GET';
ss.write(req.encode());
print('wait get');
await handle_response(ss);
print('get end');
server.close();
