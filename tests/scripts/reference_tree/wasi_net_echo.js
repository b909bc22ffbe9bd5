// The shape of the QuickJS runtime's wasi_net echo example (server and client in one script),
// importing util and events beside a `modules/` folder written for that runtime.
import * as net from 'wasi_net';
import { TextDecoder } from 'util';
import { EventEmitter } from 'events';

const decoder = new TextDecoder();
const server = new net.WasiTcpServer(0, '127.0.0.1');
const done = new EventEmitter();

async function handleClient(cs) {
    for (;;) {
        const data = await cs.read();
        if (data === undefined) break;
        cs.write('echo:' + decoder.decode(data));
    }
    cs.close();
    done.emit('closed');
}

(async () => handleClient(await server.accept()))();

const client = await net.WasiTcpConn.connect('127.0.0.1', Number(server.local().split(':')[1]));
client.write('hello');
print('client recv:', decoder.decode(await client.read()));
client.end();
await new Promise((resolve) => done.on('closed', resolve));
print('server closed the connection');
server.close();
