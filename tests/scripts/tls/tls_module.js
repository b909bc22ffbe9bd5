// Node's tls module, for tests/tls.rs:
//   tls_module.js PORT PKI_DIR   tls.connect to Node's TLS echo server (PORT), then to our own
//                                tls.createServer, each with a `ca` option
import tls from 'tls';
import fs from 'fs';

const [, portText, pki] = args;
const ca = fs.readFileSync(pki + '/ca.pem');

function echoOnce(options, label) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options, () => {
      const cert = socket.getPeerCertificate();
      print(label, 'secureConnect', socket.authorized, socket.encrypted, socket.alpnProtocol, socket.getProtocol());
      print(label, 'peer', cert.subject && cert.subject.CN, cert.subjectaltname, typeof cert.fingerprint256, cert.raw instanceof Uint8Array);
      socket.write('hello ' + label);
      socket.end();
    });
    const chunks = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => { print(label, 'echo', Buffer.concat(chunks).toString()); resolve(); });
    socket.on('error', reject);
  });
}

await echoOnce({ host: 'localhost', port: Number(portText), ca, ALPNProtocols: ['x-echo'] }, 'node');

const server = tls.createServer({ key: fs.readFileSync(pki + '/server.key'), cert: fs.readFileSync(pki + '/server.pem') }, (socket) => {
  socket.on('data', (c) => socket.write(c));
  socket.on('end', () => socket.end());
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
await echoOnce({ host: '127.0.0.1', port: server.address().port, ca }, 'ours');

// An untrusted server: the error names the reason.
await new Promise((resolve) => {
  const socket = tls.connect({ host: '127.0.0.1', port: server.address().port }, () => { print('connected?!'); socket.destroy(); resolve(); });
  socket.on('error', (e) => { print('untrusted', e.code, e.message); resolve(); });
});
server.close();
