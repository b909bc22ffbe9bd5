// 1 MiB through an echo server: partial writes and large reads.
import { WasiTcpServer, WasiTcpConn } from 'wasi_net';

const server = new WasiTcpServer(0, '127.0.0.1');
(async () => {
    const cs = await server.accept();
    for (;;) {
        const d = await cs.read();
        if (d === undefined) break;
        cs.write(d);
    }
    cs.end();
})();

const SIZE = 1024 * 1024;
const data = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i++) data[i] = (i * 31 + 7) & 0xff;

const c = await WasiTcpConn.connect(server.local());
c.write(data);
c.end();
const received = new Uint8Array(SIZE);
let length = 0, reads = 0;
for (;;) {
    const chunk = await c.read();
    if (chunk === undefined) break;
    if (chunk.byteLength === 0) throw new Error('empty read');
    received.set(new Uint8Array(chunk), length);
    length += chunk.byteLength;
    reads++;
}
let same = length === SIZE;
for (let i = 0; same && i < SIZE; i++) same = received[i] === data[i];
print('received', length, 'bytes, identical:', same, 'in more than one read:', reads > 1);
server.close();
