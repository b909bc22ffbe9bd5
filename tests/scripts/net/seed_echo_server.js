// An echo server in the style of the seed documentation's `wasi_net` example (read until EOF,
// answer 'echo:' + text), written for this project. It listens on the port given as argument and
// serves the given number of connections; driven by tests/net.rs (no expectation file, so the
// script runner skips it).
import * as net from 'wasi_net';

const port = Number(args[1] ?? 8000);
const connections = Number(args[2] ?? 100);

async function echo(conn) {
    try {
        for (let chunk = await conn.read(); chunk !== undefined; chunk = await conn.read()) {
            conn.write('echo:' + newStringFromUTF8(chunk));
        }
    } catch (e) {
        print(e);
    }
}

print('listen ' + port + ' ...');
const listener = new net.WasiTcpServer(port);
for (let i = 0; i < connections; i++) {
    echo(await listener.accept());
}
