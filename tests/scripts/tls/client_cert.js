// Client certificates (`cert`/`key`) against the peer of tests/tls.rs that requires one
// (tests/support/tls_peer.mjs mtls: Node's https server with requestCert and the test CA).
//   client_cert.js PORT PKI_DIR
import https from 'https';
import tls from 'tls';
import fs from 'fs';

const [, portText, pki] = args;
const port = Number(portText);
const ca = fs.readFileSync(pki + '/ca.pem');
const cert = fs.readFileSync(pki + '/client.pem', 'utf8');
const key = fs.readFileSync(pki + '/client.key');

function get(options) {
  return new Promise((resolve) => {
    https.get({ hostname: 'localhost', port, path: '/', ca, agent: false, ...options }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(res.statusCode + ' ' + body));
    }).on('error', (e) => resolve(e.code));
  });
}

print('https.get with a certificate:', await get({ cert, key }));
print('https.get without:', await get({}));

const answer = await new Promise((resolve) => {
  const socket = tls.connect({ host: 'localhost', port, ca, cert, key }, () => {
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  });
  let text = '';
  socket.on('data', (c) => { text += c; });
  socket.on('end', () => resolve(text.slice(text.indexOf('\r\n\r\n') + 4)));
  socket.on('error', (e) => resolve('error ' + e.code));
});
print('tls.connect with a certificate:', answer);

let verdict;
try {
  verdict = await get({ cert });
} catch (e) {
  verdict = e.code;
}
print('a certificate without its key:', verdict);
