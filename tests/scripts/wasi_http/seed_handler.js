// The seed page's HTTP echo server, with its socket replaced by an object that replays reads:
// handle_client and handler_req are the seed's code (the network version is echo_server.js).
import * as http from 'wasi_http';

function fakeSocket(reads) {
    return {
        read() { return Promise.resolve(reads.shift()); },
        write(data) { print('cs.write:', JSON.stringify(newStringFromUTF8(data))); return true; },
    };
}

function bytes(text) {
    return new Uint8Array([...text].map((c) => c.charCodeAt(0))).buffer;
}

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

// curl -d "WasmEdge" -X POST http://localhost:8000, arriving in three reads.
const curl = 'POST / HTTP/1.1\r\nHost: localhost:8000\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n' +
    'Content-Length: 8\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nWasmEdge';
await handle_client(fakeSocket([bytes(curl.slice(0, 20)), bytes(curl.slice(20, 130)), bytes(curl.slice(130))]), handler_req);
// An HTTP/1.0 client.
await handle_client(fakeSocket([bytes('POST /old HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello')]), handler_req);
