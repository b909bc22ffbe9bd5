// 50 clients at once, each sending 5 messages interleaved with the others.
import { WasiTcpServer, WasiTcpConn } from 'wasi_net';

const server = new WasiTcpServer(0, '127.0.0.1');
const [, port] = server.local().split(':');
const CLIENTS = 50, MESSAGES = 5;

(async () => {
    for (let i = 0; i < CLIENTS; i++) {
        const cs = await server.accept();
        (async () => {
            for (;;) {
                const d = await cs.read();
                if (d === undefined) break;
                cs.write(d);
            }
            cs.close();
        })();
    }
    server.close();
})();

async function client(id) {
    const c = await WasiTcpConn.connect('127.0.0.1', Number(port));
    let received = '';
    for (let m = 0; m < MESSAGES; m++) {
        const text = `[${id}:${m}]`;
        c.write(text);
        while (received.length < text.length * (m + 1)) {
            received += newStringFromUTF8(await c.read());
        }
        await sleep(() => {}, id % 3);
    }
    c.end();
    const expected = Array.from({ length: MESSAGES }, (_, m) => `[${id}:${m}]`).join('');
    return received === expected;
}

const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
print('clients ok:', results.filter(Boolean).length, 'of', CLIENTS);
