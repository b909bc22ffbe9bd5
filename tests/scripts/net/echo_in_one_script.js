// The seed's echo server and a client in one script, with the one-argument connect.
import * as net from 'wasi_net';

const server = new net.WasiTcpServer(0, '127.0.0.1');
const address = server.local();

async function handleClient(cs) {
    while (true) {
        const data = await cs.read();
        if (data === undefined) break;
        cs.write('echo:' + newStringFromUTF8(data));
    }
    cs.close();
}

let peerIsLoopback;
(async () => {
    const cs = await server.accept();
    peerIsLoopback = cs.peer().startsWith('127.0.0.1:');
    handleClient(cs);
})();

const client = await net.WasiTcpConn.connect(address);
print('client: local is loopback', client.local().startsWith('127.0.0.1:'));
client.write('hello');
print('server: peer is loopback', await new Promise((r) => setTimeout(() => r(peerIsLoopback), 50)));
print('client recv:', newStringFromUTF8(await client.read()));
client.write(new Uint8Array([104, 105]));
print('client recv:', newStringFromUTF8(await client.read()));
client.end();
print('client eof:', await client.read());
print('eof again:', await client.read());
server.close();
