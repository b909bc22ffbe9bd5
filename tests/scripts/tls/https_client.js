// fetch and https.request against the HTTPS peer of tests/tls.rs (Node's https server).
//   https_client.js ok PORT PKI_DIR       GET/POST/PUT, 10 MB each way, https.get, redirects
//   https_client.js reject PKI_DIR PORT…   servers whose certificates must be refused: the errors
//   https_client.js selfca PKI_DIR PORT    a self-signed CA certificate: trusted by `ca`, or not
import https from 'https';
import http from 'http';
import fs from 'fs';

const mode = args[1];
const [portText, pki] = mode === 'ok' ? [args[2], args[3]] : [undefined, args[2]];
const port = Number(portText);
const base = 'https://localhost:' + port;
const ca = fs.readFileSync(pki + '/ca.pem', 'utf8');

// 10 MB bodies are 64 KiB blocks of ASCII, checked with native string operations (a byte loop
// over 10 MB in the interpreter would take longer than the transfer).
const PATTERN = '0123456789abcdef'.repeat(4096);

function bigBody(size) {
  const block = new TextEncoder().encode(PATTERN);
  const big = new Uint8Array(size);
  for (let at = 0; at < size; at += block.length) big.set(block, at);
  return big;
}

function sum(bytes) {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) s = (s + bytes[i]) % 65521;
  return s;
}

function httpsGet(url, options) {
  return new Promise((resolve, reject) => {
    https.get(url, options, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), encrypted: res.socket && res.socket.encrypted }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function ok() {
  // fetch trusts the roots of SSL_CERT_FILE / NODE_EXTRA_CA_CERTS (the harness sets one).
  let res = await fetch(base + '/echo?x=1');
  let json = await res.json();
  print('GET', res.status, json.method, json.url, json.servername, json.alpn);
  res = await fetch(base + '/echo', { method: 'POST', body: 'posted body', headers: { 'content-type': 'text/plain' } });
  json = await res.json();
  print('POST', res.status, json.method, json.body, json.contentType);
  res = await fetch('https://127.0.0.1:' + port + '/echo', { method: 'PUT', body: JSON.stringify({ a: 1 }) });
  json = await res.json();
  print('PUT', res.status, json.method, json.body, json.servername);

  const size = 10 * 1024 * 1024;
  const big = bigBody(size);
  json = await (await fetch(base + '/echo', { method: 'POST', body: big })).json();
  const blockSum = sum(new TextEncoder().encode(PATTERN));
  print('10 MB up:', json.length === size, json.sum === (blockSum * (size / PATTERN.length)) % 65521);
  const down = new Uint8Array(await (await fetch(base + '/bytes/' + size)).arrayBuffer());
  print('10 MB down:', down.length === size, new TextDecoder().decode(down) === 'x'.repeat(size));
  // Both ways at once: the peer streams the body back while it is still being written.
  const echoed = await new Promise((resolve, reject) => {
    const req = https.request({ hostname: 'localhost', port, method: 'POST', path: '/stream', ca }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.on('error', reject);
    const block = new TextEncoder().encode(PATTERN);
    for (let at = 0; at < size; at += block.length) req.write(block);
    req.end();
  });
  print('10 MB both ways at once:', echoed.length === size, new TextDecoder().decode(echoed) === PATTERN.repeat(size / PATTERN.length));

  // https.get with a `ca` option (which replaces the default roots).
  const got = await httpsGet(base + '/echo?via=https.get', { ca });
  print('https.get', got.status, JSON.parse(got.body).url, got.encrypted);
  const agent = new https.Agent({ ca, keepAlive: true });
  const viaAgent = await httpsGet({ hostname: 'localhost', port, path: '/echo?via=agent', agent });
  print('agent', viaAgent.status, JSON.parse(viaAgent.body).url);

  // A redirect from https to http, and back.
  const plain = http.createServer((req, res) => {
    if (req.url === '/to-https') { res.writeHead(302, { location: base + '/echo?from=http' }); res.end(); return; }
    res.end('plain ' + req.url);
  });
  await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const plainPort = plain.address().port;
  res = await fetch(base + '/to-http?port=' + plainPort);
  print('https->http', res.status, res.redirected, await res.text());
  res = await fetch('http://127.0.0.1:' + plainPort + '/to-https');
  json = await res.json();
  print('http->https', res.status, res.redirected, json.url);
  plain.close();
}

async function reject() {
  for (const badPort of args.slice(3)) {
    const bad = 'https://localhost:' + badPort;
    try {
      await fetch(bad + '/echo');
      print('fetch succeeded?!');
    } catch (e) {
      print('fetch:', e.name, e.cause && e.cause.code, '|', e.cause && e.cause.message);
    }
    await new Promise((resolve) => {
      https.get(bad + '/echo', { ca }, () => { print('https.get succeeded?!'); resolve(); })
        .on('error', (e) => { print('https.get:', e.code, '|', e.message); resolve(); });
    });
    // rejectUnauthorized: false connects anyway (and warns once on stderr).
    const got = await httpsGet(bad + '/echo?insecure', { rejectUnauthorized: false });
    print('insecure', got.status);
  }
}

async function selfca() {
  const own = fs.readFileSync(pki + '/selfca.pem', 'utf8');
  const url = 'https://localhost:' + args[3] + '/echo';
  const got = await httpsGet(url, { ca: own });
  print('trusted', got.status, JSON.parse(got.body).servername);
  await new Promise((resolve) => {
    https.get(url, { ca: own, servername: 'other.example' }, () => { print('another name succeeded?!'); resolve(); })
      .on('error', (e) => { print('another name:', e.code); resolve(); });
  });
  try {
    await fetch(url);
    print('untrusted fetch succeeded?!');
  } catch (e) {
    print('untrusted:', e.cause && e.cause.code, e.cause && e.cause.message);
  }
}

await { ok, reject, selfca }[mode]();
