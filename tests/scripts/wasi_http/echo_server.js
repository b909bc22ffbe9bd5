// The seed page's HTTP echo server (raw wasi_net + wasi_http): handle_client and handler_req are
// the seed's code. Network test, driven from Rust (no expectation file next to it on purpose):
//   wasmedge_boa echo_server.js <port> <connections>
// prints "listen <port>" once bound, answers <connections> clients, then ends by itself.
// Expected stdout for the driver's two clients: echo_server.expected (see docs/wasi_http.md).
import * as http from 'wasi_http';
import * as net from 'wasi_net';

async function handle_client(cs, handler_req) {
  let buffer = new http.Buffer();

  while (true) {
    try {
      let d = await cs.read();
      if (d.byteLength <= 0) {
        return;
      }
      buffer.append(d);
      let req = buffer.parseRequest();
      if (req instanceof http.WasiRequest) {
        handler_req(cs, req);
        break;
      }
    } catch (e) {
      print(e);
    }
  }
}

function handler_req(cs, req) {
  print("version=", req.version);
  print("uri=", req.uri);
  print("method=", req.method);
  print("headers=", Object.keys(req.headers));
  print("body=", newStringFromUTF8(req.body));

  let resp = new http.WasiResponse();
  let body = 'echo:' + newStringFromUTF8(req.body);
  let r = resp.encode(body);
  cs.write(r);
}

async function server_start(port, connections) {
  try {
    let s = new net.WasiTcpServer(port);
    print('listen', port);
    for (var i = 0; i < connections; i++) {
      let cs = await s.accept();
      try {
        handle_client(cs, handler_req);
      } catch (e) {
        print(e);
      }
    }
  } catch (e) {
    print(e);
  }
}

server_start(Number(args[1]), Number(args[2] || 100));
