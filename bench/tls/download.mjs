// fetch of one large body over HTTPS from tests/support/tls_peer.mjs https (/bytes/N), timed
// inside the script; runs on wasmedge_boa and on Node (NODE_EXTRA_CA_CERTS=ca.pem for both).
//   download.js PORT BYTES
const isNode = typeof process !== 'undefined' && process.release && process.release.name === 'node';
const argv = isNode ? process.argv.slice(1) : args;
const [, portText, bytesText] = argv;
const url = 'https://localhost:' + portText + '/bytes/' + bytesText;
await (await fetch(url.replace(/\/bytes\/.*/, '/bytes/1'))).arrayBuffer(); // warm-up
const start = Date.now();
const body = await (await fetch(url)).arrayBuffer();
const seconds = (Date.now() - start) / 1000;
if (body.byteLength !== Number(bytesText)) throw new Error('short body: ' + body.byteLength);
console.log('MB/s ' + (body.byteLength / 1e6 / seconds).toFixed(1));
