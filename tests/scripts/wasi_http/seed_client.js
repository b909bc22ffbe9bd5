// The seed page's HTTP client pattern: the global `http` (the wasi_http namespace) and
// `newStringFromUTF8` without importing them, and the one-argument connect("ip:port").
// Network test, driven from Rust: wasmedge_boa seed_client.js <port>, against a local server
// (see docs/wasi_http.md) that answers with a Content-Length body
// "<METHOD> <request-target> body=<request body>". The seed starts both tests without waiting;
// they run one after the other here so the output order is fixed (client_framing.js runs its
// requests concurrently).
// Expected stdout: seed_client.expected.
import * as net from 'wasi_net';

const address = '127.0.0.1:' + args[1];

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

async function get_test() {
  try {
    let ss = await net.WasiTcpConn.connect(address);
    let req = new http.WasiRequest();
    req.headers = { 'Host': '127.0.0.1' };
    req.uri = '/get?a=123';
    req.method = 'GET';
    ss.write(req.encode());
    print('wait get');
    await handle_response(ss);
    print('get end');
  } catch (e) {
    print('catch:', e);
  }
}

async function post_test() {
  try {
    let ss = await net.WasiTcpConn.connect(address);
    let req = new http.WasiRequest();
    req.headers = { 'Host': '127.0.0.1' };
    req.uri = '/post?a=123';
    req.method = 'POST';
    req.body = 'hello';
    ss.write(req.encode());
    print('wait post');
    await handle_response(ss);
    print('post end');
  } catch (e) {
    print('catch:', e);
  }
}

await get_test();
await post_test();
