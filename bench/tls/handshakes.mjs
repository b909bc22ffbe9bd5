// N sequential TLS handshakes (connect, 1-byte echo, close) against tests/support/tls_peer.mjs
// echo, timed inside the script. Runs on wasmedge_boa (WasiTlsConn) and on Node (tls.connect):
//   node tests/support/tls_peer.mjs echo PKI_DIR server fresh     (prints the PORT)
//   wasmedge_boa handshakes.mjs HOST PORT N        (SSL_CERT_FILE=PKI_DIR/ca.pem)
//   node handshakes.mjs HOST PORT N CA_FILE
// With `fresh` the server issues no session tickets, so every handshake is a full one on both
// runtimes (Node's tls.connect never resumes unless given a session; the peer prints RESUMED on
// stderr if a session was resumed). Node's client builds its SecureContext (the CA) once, as
// ours caches its configuration.
const isNode = typeof process !== 'undefined' && process.release && process.release.name === 'node';
const argv = isNode ? process.argv.slice(1) : args;
const [, host, portText, countText, caFile] = argv;
const port = Number(portText);
const total = Number(countText);

async function once() {
  if (isNode) {
    const tls = await import('node:tls');
    const fs = await import('node:fs');
    const secureContext = tls.createSecureContext({ ca: fs.readFileSync(caFile) });
    return () => new Promise((resolve, reject) => {
      const s = tls.connect({ host, port, secureContext, servername: 'localhost' }, () => s.write('x'));
      s.once('data', () => { s.end(); resolve(); });
      s.on('error', reject);
    });
  }
  const { WasiTlsConn } = await import('wasi_net');
  return async () => {
    const conn = await WasiTlsConn.connect(host, port, 20000);
    conn.write('x');
    await conn.read(20000);
    conn.close();
  };
}

const connectOnce = await once();
await connectOnce(); // warm-up: configuration, roots
// The mean, and the median: a peer's delayed ACK (Nagle on Node's echo) now and then holds one
// echo for 40 ms, which moves the mean but not the median.
const times = [];
const clock = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();
const start = clock();
for (let i = 0; i < total; i++) {
  const t = clock();
  await connectOnce();
  times.push(clock() - t);
}
const ms = (clock() - start) / total;
times.sort((a, b) => a - b);
console.log('handshake ms ' + ms.toFixed(3) + ' median ' + times[times.length >> 1].toFixed(3));
