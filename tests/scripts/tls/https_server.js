// Our https.createServer, for tests/tls.rs: serves fetch (from this script), Node's https.get
// and curl, then stops on /quit.
//   https_server.js PKI_DIR
//   GET  /hello        "hello over https"
//   POST /echo         {"method", "length", "pattern"}: pattern is whether the body is
//                      "0123456789abcdef" repeated (checked natively: no byte loop in JS)
//   GET  /bytes/N      N bytes of 'x'
//   POST /stream       the body streamed back as it arrives (both directions at once)
//   GET  /quit         answers, then closes the server
import https from 'https';
import fs from 'fs';

const [, pki] = args;
const key = fs.readFileSync(pki + '/server.key');
const cert = fs.readFileSync(pki + '/server.pem', 'utf8');

const server = https.createServer({ key, cert }, (req, res) => {
  if (req.url === '/stream') {
    req.pipe(res);
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.url === '/hello') {
      res.end('hello over https');
    } else if (req.url === '/echo') {
      const text = new TextDecoder().decode(body);
      const pattern = body.length > 0 && body.length % 16 === 0 && text === '0123456789abcdef'.repeat(body.length / 16);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, length: body.length, pattern }));
    } else if (req.url.startsWith('/bytes/')) {
      res.end(Buffer.alloc(Number(req.url.slice(7)), 'x'));
    } else if (req.url === '/quit') {
      res.end('bye');
      server.close();
      server.closeAllConnections();
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
});

server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  // Our own client first (SSL_CERT_FILE names the test CA).
  const res = await fetch('https://localhost:' + port + '/hello');
  console.log('self fetch', res.status, await res.text());
  const posted = await (await fetch('https://localhost:' + port + '/echo', { method: 'POST', body: 'abc' })).json();
  console.log('self post', posted.method, posted.length, posted.pattern);
  console.log('listening ' + port);
});
server.on('close', () => console.log('closed'));
