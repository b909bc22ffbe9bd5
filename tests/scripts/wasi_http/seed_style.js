// Shared by echo_server.js and seed_handler.js: print what a request carries, then answer
// 'echo:' + body with a default WasiResponse (HTTP/1.0 200 OK, Content-Length only).
import * as http from 'wasi_http';

export function describeAndAnswer(conn, request) {
    for (const [label, value] of [
        ['version=', request.version],
        ['uri=', request.uri],
        ['method=', request.method],
        ['headers=', Object.keys(request.headers)],
        ['body=', newStringFromUTF8(request.body)],
    ]) {
        print(label, value);
    }
    const reply = new http.WasiResponse();
    conn.write(reply.encode('echo:' + newStringFromUTF8(request.body)));
}
