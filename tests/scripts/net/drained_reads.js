// A read that returns less than a full buffer lets the next read wait for the socket without
// asking the system first. These are the cases where that must not lose the end of the stream
// or data: the client's FIN arriving together with its last bytes (end(data) in one go), a
// half-close answered after the FIN, a reply the server writes only after reading everything,
// and many small keep-alive exchanges in a row.
import * as net from 'wasi_net';

const server = new net.WasiTcpServer(0, '127.0.0.1');
const address = server.local();
const text = (data) => newStringFromUTF8(data);

async function serve(conn) {
  let received = '';
  for (;;) {
    const data = await conn.read();
    if (data === undefined) break;
    const chunk = text(data);
    received += chunk;
    if (chunk.endsWith('?')) conn.write('ok:' + chunk); // a keep-alive exchange
  }
  // The peer half-closed: answer with everything that came, then close.
  conn.write('total:' + received.length);
  conn.close();
}

(async () => {
  for (;;) {
    let conn;
    try {
      conn = await server.accept();
    } catch (e) {
      return; // closed
    }
    serve(conn);
  }
})();

async function readAll(conn) {
  let all = '';
  for (;;) {
    const data = await conn.read();
    if (data === undefined) return all;
    all += text(data);
  }
}

// 1. Data and FIN in one go, many times (the FIN often arrives with the data).
let fine = 0;
for (let i = 0; i < 50; i++) {
  const client = await net.WasiTcpConn.connect(address);
  client.end('x'.repeat(1 + (i % 7)));
  const answer = await readAll(client);
  if (answer === 'total:' + (1 + (i % 7))) fine++;
  else print('case 1 round', i, 'got', JSON.stringify(answer));
  client.close();
}
print('data with FIN:', fine, 'of 50');

// 2. Keep-alive exchanges, then a half-close answered after the FIN.
const client = await net.WasiTcpConn.connect(address);
let replies = 0;
for (let i = 0; i < 200; i++) {
  client.write('q' + i + '?');
  let reply = '';
  while (!reply.endsWith('?')) reply += text(await client.read());
  if (reply === 'ok:q' + i + '?') replies++;
}
print('keep-alive replies:', replies, 'of 200');
client.end();
print('after half-close:', await readAll(client));
print('then:', await client.read());
client.close();

// 3. A big upload with FIN, answered after it.
const big = await net.WasiTcpConn.connect(address);
big.end('y'.repeat(300000));
print('big upload:', await readAll(big));
big.close();
server.close();
