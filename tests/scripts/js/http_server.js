// http server behaviour driven by a raw wasi_net client in the same script:
// keep-alive, pipelining, chunked bodies, HTTP/1.0, handler errors, malformed
// requests, idle timeout.
import { createServer } from 'http';
import { WasiTcpConn } from 'wasi_net';

const decoder = new TextDecoder();
const server = createServer(async (req, res) => {
  const body = await new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
  });
  if (req.url === '/throw') throw new Error('handler failed on purpose');
  if (req.url === '/async-throw') { await null; throw new Error('async handler failed on purpose'); }
  if (req.url === '/chunks') {
    res.setHeader('Content-Type', 'text/plain');
    res.write('one,');
    res.write(Buffer.from('two,'));
    res.end('three');
    return;
  }
  if (req.url === '/partial-throw') { res.write('started'); throw new Error('failed after writing'); }
  res.setHeader('X-Method', req.method);
  res.end(req.method + ' ' + req.url + ' ' + req.httpVersion + ' body=' + body);
});
server.keepAliveTimeout = 300;

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

/** Reads whole responses off a raw connection (Content-Length, chunked or until close). */
class RawClient {
  constructor(conn) { this.conn = conn; this.text = ''; this.closed = false; }
  static async open() { return new RawClient(await WasiTcpConn.connect('127.0.0.1', port)); }
  send(text) { this.conn.write(text); }
  async more() {
    const data = await this.conn.read();
    if (data === undefined) { this.closed = true; return false; }
    this.text += decoder.decode(data);
    return true;
  }
  async response() {
    for (;;) {
      const headEnd = this.text.indexOf('\r\n\r\n');
      if (headEnd >= 0) {
        const head = this.text.slice(0, headEnd);
        const rest = this.text.slice(headEnd + 4);
        const length = /content-length: (\d+)/i.exec(head);
        if (length && rest.length >= Number(length[1])) {
          this.text = rest.slice(Number(length[1]));
          return { head, body: rest.slice(0, Number(length[1])) };
        }
        if (/transfer-encoding: chunked/i.test(head)) {
          const end = rest.indexOf('0\r\n\r\n');
          if (end >= 0 && (end === 0 || rest[end - 1] === '\n')) {
            this.text = rest.slice(end + 5);
            return { head, body: rest.slice(0, end + 5) };
          }
        }
        if (!length && !/transfer-encoding/i.test(head) && this.closed) { this.text = ''; return { head, body: rest }; }
      }
      if (!(await this.more())) {
        if (this.text === '') return null;
        this.closed = true;
      }
    }
  }
  async eof() { while (await this.more()); return this.text; }
  close() { this.conn.close(); }
}
const statusOf = (r) => r.head.split('\r\n')[0];

// 1. keep-alive: many requests on one connection
{
  const c = await RawClient.open();
  let okCount = 0;
  for (let i = 0; i < 100; i++) {
    c.send('GET /k' + i + ' HTTP/1.1\r\nHost: x\r\n\r\n');
    const r = await c.response();
    if (r && r.body === 'GET /k' + i + ' HTTP/1.1 body=') okCount++;
  }
  print('keep-alive: 100 requests, ok =', okCount);
  c.close();
}

// 2. pipelining: three requests in one write, answered in order
{
  const c = await RawClient.open();
  c.send('GET /p1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /p2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /p3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const bodies = [];
  for (let i = 0; i < 3; i++) bodies.push((await c.response()).body);
  print('pipelining:', bodies.join(' | '));
  print('pipelining closed after Connection: close:', (await c.eof()) === '' && c.closed);
}

// 3. chunked request body and chunked response
{
  const c = await RawClient.open();
  c.send('POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n');
  print('chunked request:', (await c.response()).body);
  c.send('GET /chunks HTTP/1.1\r\nHost: x\r\n\r\n');
  const r = await c.response();
  print('chunked response:', statusOf(r), /transfer-encoding: chunked/i.test(r.head), JSON.stringify(r.body));
  c.close();
}

// 4. HTTP/1.0: Content-Length framing (even after write()) and close
{
  const c = await RawClient.open();
  c.send('GET /chunks HTTP/1.0\r\n\r\n');
  const text = await c.eof();
  print('http/1.0:', text.split('\r\n')[0], /Content-Length: 13/.test(text), /Connection: close/.test(text), text.endsWith('one,two,three'));
}

// 5. handler exceptions: 500, connection closed, server keeps serving
for (const path of ['/throw', '/async-throw']) {
  const c = await RawClient.open();
  c.send('GET ' + path + ' HTTP/1.1\r\nHost: x\r\n\r\n');
  const text = await c.eof();
  print('exception ' + path + ':', text.split('\r\n')[0], /Content-Length: 0/.test(text));
}
{
  const c = await RawClient.open();
  c.send('GET /partial-throw HTTP/1.1\r\nHost: x\r\n\r\n');
  const text = await c.eof();
  print('exception after write:', text.split('\r\n')[0], text.includes('started'), !text.endsWith('0\r\n\r\n'));
}

// 6. malformed requests: 400 and close
for (const bad of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header\r\n\r\n', 'POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd']) {
  const c = await RawClient.open();
  c.send(bad);
  const text = await c.eof();
  print('malformed:', text.split('\r\n')[0], /Connection: close/.test(text));
}

// 7. idle keep-alive connections are closed after server.keepAliveTimeout
{
  const c = await RawClient.open();
  c.send('GET /idle HTTP/1.1\r\nHost: x\r\n\r\n');
  await c.response();
  const start = Date.now();
  const rest = await c.eof();
  const waited = Date.now() - start;
  print('idle timeout closes:', rest === '', waited >= 200, waited < 5000);
}

// 8. the server still works, then closes
{
  const c = await RawClient.open();
  c.send('DELETE /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const r = await c.response();
  print('still serving:', statusOf(r), r.body, /X-Method: DELETE/.test(r.head));
}
server.close(() => print('closed'));
