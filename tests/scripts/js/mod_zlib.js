// zlib: sync, callback (promisified) and stream forms; Readable/Writable fromWeb and toWeb.
import zlib from 'zlib';
import { Readable, Writable, pipeline } from 'stream';
import { promisify } from "util";
import { Buffer } from "buffer";
const input = 'hello zlib '.repeat(1000);
for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']]) {
  const z = zlib[c](input);
  print(c, d, z.length < input.length, zlib[d](z).toString() === input);
}
const z = await promisify(zlib.gzip)(input);
print('promisified', (await promisify(zlib.gunzip)(z)).toString().length);
try { zlib.inflateSync(Buffer.from('garbage')); } catch (e) { print(e.code, e.errno); }
const chunks = [];
await new Promise((res, rej) => pipeline(Readable.from([Buffer.from('a'.repeat(5000)), Buffer.from('b')]), zlib.createGzip(), zlib.createGunzip(),
  new Writable({ write(c, e, cb) { chunks.push(c); cb(); } }), (e) => (e ? rej(e) : res())));
print('stream', Buffer.concat(chunks).length);
// web <-> node
const web = Readable.toWeb(Readable.from([Buffer.from('x'), Buffer.from('yz')]));
let s = ''; for await (const c of web) s += new TextDecoder().decode(c); print('toWeb', s);
const node = Readable.fromWeb(ReadableStream.from([new Uint8Array([65, 66])]));
let t = ''; for await (const c of node) t += c.toString(); print('fromWeb', t, Buffer.isBuffer(Buffer.from('')));
const got = [];
const w = Writable.toWeb(new Writable({ write(c, e, cb) { got.push(c.toString()); cb(); } }));
await ReadableStream.from(['p', 'q']).pipeTo(w); print('Writable.toWeb', got.join());
const ws = new WritableStream({ write(c) { got.push('web:' + c); } });
const nw = Writable.fromWeb(ws, { objectMode: true });
nw.write('r'); nw.end(); await new Promise((r) => nw.on('finish', r)); print(got.join());
zlib.gzip('callback form', (err, out) => print('callback', err, zlib.gunzipSync(out).toString()));
print(zlib.constants.Z_BEST_COMPRESSION, typeof zlib.createDeflateRaw);
try { zlib.gzipSync('x', { level: 12 }); } catch (e) { print(e.code); }
try { zlib.gzipSync(42); } catch (e) { print(e.code); }
