// The TLS peer of tests/tls.rs, run with the installed Node (OpenSSL: an independent TLS stack).
//   node tls_peer.mjs echo  PKI_DIR CERT_NAME [fresh]   TLS echo server (what the client sends
//                                               comes back); `fresh`: no session resumption (no
//                                               tickets; says "RESUMED" on stderr if one was)
//   node tls_peer.mjs https PKI_DIR CERT_NAME   HTTPS server: /echo answers the request as JSON,
//                                               /bytes/N sends N bytes, /to-http?port=P redirects,
//                                               /stream streams the body back as it arrives
//   node tls_peer.mjs mtls  PKI_DIR CERT_NAME   HTTPS server that requires a client certificate
//                                               signed by PKI_DIR/ca.pem: answers "client CN"
//   node tls_peer.mjs get   URL CA_FILE         https.get: prints the status and the body
// Servers listen on 127.0.0.1, port 0, and print "listening PORT" once ready.
import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';

const [mode, first, second, third] = process.argv.slice(2);

function credentials(dir, name) {
  return { key: fs.readFileSync(path.join(dir, name + '.key')), cert: fs.readFileSync(path.join(dir, name + '.pem')) };
}

function listening(server) {
  server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
}

if (mode === 'echo') {
  const fresh = third === 'fresh' ? { secureOptions: (await import('node:crypto')).constants.SSL_OP_NO_TICKET } : {};
  const server = tls.createServer({ ...credentials(first, second), ...fresh }, (socket) => {
    if (third === 'fresh' && socket.isSessionReused()) console.error('RESUMED');
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  server.on('tlsClientError', () => {});
  listening(server);
} else if (mode === 'https') {
  const server = https.createServer(credentials(first, second), (req, res) => {
    if (req.url === '/stream') {
      req.pipe(res);
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url, 'https://localhost');
      if (url.pathname.startsWith('/bytes/')) {
        const n = Number(url.pathname.slice(7));
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': n });
        res.end(Buffer.alloc(n, 'x'));
        return;
      }
      if (url.pathname === '/to-http') {
        res.writeHead(302, { location: 'http://127.0.0.1:' + url.searchParams.get('port') + '/landed' });
        res.end();
        return;
      }
      const answer = JSON.stringify({
        method: req.method,
        url: req.url,
        length: body.length,
        // Short bodies come back whole, long ones as a checksum-like summary.
        body: body.length <= 1024 ? body.toString() : undefined,
        sum: body.reduce((a, b) => (a + b) % 65521, 0),
        contentType: req.headers['content-type'] || null,
        servername: req.socket.servername || null,
        alpn: req.socket.alpnProtocol || null,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer);
    });
  });
  server.on('tlsClientError', () => {});
  listening(server);
} else if (mode === 'mtls') {
  const options = { ...credentials(first, second), ca: fs.readFileSync(path.join(first, 'ca.pem')), requestCert: true, rejectUnauthorized: true };
  const server = https.createServer(options, (req, res) => {
    res.end('client ' + req.socket.getPeerCertificate().subject.CN + ' ' + req.socket.authorized);
  });
  server.on('tlsClientError', () => {});
  listening(server);
} else if (mode === 'get') {
  https
    .get(first, { ca: fs.readFileSync(second) }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        console.log('status ' + res.statusCode);
        console.log(Buffer.concat(chunks).toString());
      });
    })
    .on('error', (err) => {
      console.log('error ' + err.code + ' ' + err.message);
      process.exitCode = 1;
    });
} else {
  console.error('usage: node tls_peer.mjs echo|https|mtls|get …');
  process.exit(2);
}
