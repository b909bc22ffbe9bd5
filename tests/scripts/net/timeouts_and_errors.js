import { WasiTcpServer, WasiTcpConn } from 'wasi_net';

const server = new WasiTcpServer(0, '127.0.0.1');
try {
    await server.accept(50);
} catch (e) {
    print('accept timeout:', e.message);
}

(async () => {
    const cs = await server.accept();
    await sleep(() => {}, 100);
    cs.write('late');
    await sleep(() => {}, 20);
    cs.close(); // the peer closes while the client is reading
})();
const c = await WasiTcpConn.connect('127.0.0.1', Number(server.local().split(':')[1]), 1000);
try {
    await c.read(30);
} catch (e) {
    print('read timeout:', e.message);
}
print('then data:', newStringFromUTF8(await c.read()));
print('peer closed mid-read:', await c.read());

// A closed port: connection refused, naming the address.
const closed = new WasiTcpServer(0, '127.0.0.1');
const closedAddress = closed.local();
closed.close();
try {
    await WasiTcpConn.connect(closedAddress);
} catch (e) {
    print('refused:', e.message.includes('connection refused'), e.message.includes(closedAddress));
}

// Binding a port in use fails with a clear error.
try {
    new WasiTcpServer(Number(server.local().split(':')[1]), '127.0.0.1');
} catch (e) {
    print('in use:', e.message.includes('address already in use'));
}

// Wrong argument types throw TypeError.
for (const bad of [() => new WasiTcpServer('80'), () => WasiTcpConn.connect(42), () => WasiTcpConn.connect('no-port-here'), () => server.accept('soon'), () => new WasiTcpConn()]) {
    try {
        bad();
        print('no error?');
    } catch (e) {
        print(e.name);
    }
}
// A closed connection refuses writes; reads resolve undefined.
c.close();
try { c.write('x'); } catch (e) { print('write after close:', e.message); }
print('read after close:', await c.read());
server.close();
