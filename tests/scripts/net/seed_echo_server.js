// The seed page's echo server (`wasi_net_echo.js`), listening on the port given as argument
// instead of 8000. Driven by tests/net.rs; it has no expectation file, so the script runner
// skips it.
import * as net from 'wasi_net';

async function handle_client(cs) {
    try {
        while (true) {
            let d = await cs.read();
            if (d == undefined || d.byteLength <= 0) {
                break;
            }
            let s = newStringFromUTF8(d);
            cs.write('echo:' + s);
        }
    } catch (e) {
        print(e);
    }
}

async function server_start() {
    const port = Number(args[1] ?? 8000);
    const count = Number(args[2] ?? 100);
    print('listen ' + port + ' ...');
    try {
        let s = new net.WasiTcpServer(port);
        for (var i = 0; i < count; i++) {
            let cs = await s.accept();
            handle_client(cs);
        }
    } catch (e) {
        print(e)
    }
}

server_start();
