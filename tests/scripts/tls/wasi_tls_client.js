// WasiTlsConn against the TLS peer of tests/tls.rs (Node's TLS echo server).
//   wasi_tls_client.js echo HOST PORT        a greeting, then 10 MB each way
//   wasi_tls_client.js reject HOST PORT [HOST PORT …]   connections that must fail: prints the errors
//   wasi_tls_client.js handshakes HOST PORT N  N connections one after the other
import { WasiTlsConn } from 'wasi_net';

const [, mode, host, portText, countText] = args;
const port = Number(portText);

// 64 KiB blocks of ASCII, compared with native string operations (a byte loop over 10 MB in
// the interpreter would take longer than the transfer).
const PATTERN = '0123456789abcdef'.repeat(4096);

/** Reads `n` bytes (fewer at end of stream) into one array. */
async function readExactly(conn, n) {
  const all = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const chunk = await conn.read(20000);
    if (chunk === undefined) break;
    const bytes = new Uint8Array(chunk);
    all.set(bytes.subarray(0, n - got), got);
    got += bytes.length;
  }
  return { got, all };
}

async function echo() {
  const conn = await WasiTlsConn.connect(host, port, 20000);
  print('connected', conn instanceof WasiTlsConn, typeof conn.peer(), typeof conn.local());
  conn.write('hello over tls');
  print('echo:', newStringFromUTF8(await conn.read(20000)));
  const size = 10 * 1024 * 1024;
  const block = new TextEncoder().encode(PATTERN);
  for (let sent = 0; sent < size; sent += block.length) conn.write(block);
  const { got, all } = await readExactly(conn, size);
  print('10 MB round trip:', got === size, new TextDecoder().decode(all) === PATTERN.repeat(size / PATTERN.length));
  conn.close();
  print('read after close:', await conn.read());
}

async function reject() {
  const targets = args.slice(2);
  for (let i = 0; i + 1 < targets.length; i += 2) {
    try {
      const conn = await WasiTlsConn.connect(targets[i], Number(targets[i + 1]), 20000);
      print('connected?!', conn.peer());
    } catch (e) {
      print(e.name + ': ' + e.message);
      print('code:', e.code);
    }
  }
}

async function handshakes() {
  const total = Number(countText);
  for (let i = 1; i <= total; i++) {
    const conn = await WasiTlsConn.connect(host, port, 20000);
    conn.write('ping ' + i);
    const back = newStringFromUTF8(await conn.read(20000));
    if (back !== 'ping ' + i) throw new Error('bad echo: ' + back);
    conn.close();
    if (i === 20 || i === total) {
      print('done ' + i);
      // The harness measures descriptors and memory now.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
  }
}

await { echo, reject, handshakes }[mode]();
