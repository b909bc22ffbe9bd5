// Readable/Writable/Duplex/Transform/PassThrough/pipeline/finished (js/stream.js).
import stream, { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } from 'stream';
import { pipeline as pipelinePromise } from 'stream/promises';
import { text } from 'stream/consumers';

const log = [];
const step = (s) => log.push(s);

// Readable with _read, consumed through 'data'/'end'
let i = 0;
const counter = new Readable({ read() { i++; this.push(i <= 3 ? 'n' + i : null); } });
const got = [];
counter.on('data', (c) => got.push(Buffer.isBuffer(c) ? c.toString() : 'not buffer'));
await new Promise((r) => counter.on('end', r));
print('readable data:', got.join(','), counter.readableEnded);

// setEncoding, pause/resume, read()
const r2 = new Readable({ read() {} });
r2.setEncoding('utf8');
r2.push(Buffer.from([0xe2, 0x82]));
r2.push(Buffer.from([0xac, 0x21]));
r2.push(null);
let s2 = '';
r2.on('data', (c) => { s2 += c; });
await new Promise((r) => r2.on('end', r));
print('setEncoding:', s2, typeof s2);

const r3 = new Readable({ read() {} });
r3.push('abc'); r3.push('def'); r3.push(null);
await new Promise((r) => r3.once('readable', r));
print('read():', String(r3.read(2)), String(r3.read()), r3.read());

// Writable with backpressure + 'drain' + 'finish'
const written = [];
const w = new Writable({
  highWaterMark: 4,
  write(chunk, enc, cb) { written.push(chunk.toString()); setTimeout(cb, 1); },
});
print('write returns:', w.write('ab'), w.write('cdef'));
w.on('drain', () => step('drain'));
await new Promise((r) => w.end('!', r));
print('writable:', written.join('|'), w.writableFinished, log.join(','));

// write after end
const w2 = new Writable({ write(c, e, cb) { cb(); } });
w2.on('error', (e) => print('write after end:', e.code));
w2.end();
w2.write('x');
await new Promise((r) => setTimeout(r, 5));

// Transform + pipe
const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); }, flush(cb) { this.push('!'); cb(); } });
const sink = [];
const collector = new Writable({ write(c, e, cb) { sink.push(c.toString()); cb(); } });
Readable.from(['a', 'b', 'c']).pipe(upper).pipe(collector);
await new Promise((r) => collector.on('finish', r));
print('pipe transform:', sink.join(''));

// pipeline with callback and an error in the middle
const failing = new Transform({ transform(c, e, cb) { cb(new Error('transform failed')); } });
await new Promise((resolve) => pipeline(Readable.from(['x']), failing, new PassThrough(), (err) => { print('pipeline error:', err && err.message); resolve(); }));
// promise pipeline with an async generator stage
const out = [];
await pipelinePromise(Readable.from([1, 2, 3]), async function* (src) { for await (const v of src) yield v * 10; },
  new Writable({ objectMode: true, write(v, e, cb) { out.push(v); cb(); } }));
print('pipeline generator:', out.join(','));

// async iteration and consumers
const chunks = [];
for await (const c of Readable.from(['p', 'q'])) chunks.push(c);
print('async iterator:', chunks.join(''));
print('consumers.text:', await text(Readable.from([Buffer.from('he'), Buffer.from('llo')])));

// finished() and destroy()
const r4 = new Readable({ read() {} });
finished(r4, (err) => print('finished:', err ? err.code : 'ok'));
r4.destroy();
const r5 = new Readable({ read() {} });
r5.on('error', (e) => print('destroy error:', e.message));
r5.on('close', () => print('close after error'));
r5.destroy(new Error('kaput'));
await new Promise((r) => setTimeout(r, 5));

// Duplex
const d = new Duplex({ read() {}, write(c, e, cb) { this.push(c.toString().split('').reverse().join('')); cb(); }, final(cb) { this.push(null); cb(); } });
let dout = '';
d.on('data', (c) => { dout += c; });
d.write('abc');
d.end('de');
await new Promise((r) => d.on('end', r));
print('duplex:', dout, d instanceof Readable, d instanceof Writable, new PassThrough() instanceof Transform);

// old-style subclassing and default export shape
function Legacy() { Readable.call(this); }
Object.setPrototypeOf(Legacy.prototype, Readable.prototype);
Legacy.prototype._read = function () { this.push('legacy'); this.push(null); };
print('legacy:', await text(new Legacy()));
class Modern extends Writable { _write(c, e, cb) { print('class write:', c.toString()); cb(); } }
await new Promise((r) => new Modern().end('m', r));
print('default export:', stream.Readable === Readable, typeof stream, stream.PassThrough === PassThrough);
