// ReadableStream, WritableStream, TransformStream: readers, back-pressure, pipes, tee, errors.
const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
const seen = [];
for await (const chunk of rs) seen.push(chunk);
print('iterated:', seen.join(','), rs.locked);

// Pull-based source with a high-water mark: pull runs only while the queue has room.
let pulls = 0;
const counted = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); if (pulls === 5) c.close(); } }, { highWaterMark: 2 });
await new Promise((r) => setTimeout(r, 5));
print('pulled before reading:', pulls);
const reader = counted.getReader();
const values = [];
for (;;) { const { value, done } = await reader.read(); if (done) break; values.push(value); }
print('read:', values.join(','), 'pulls:', pulls);
await reader.closed;
print('locked while reader held:', counted.locked);
reader.releaseLock();
print('locked after release:', counted.locked);

// Errors reach readers; cancel reaches the source.
const failing = new ReadableStream({ start(c) { c.error(new TypeError('source failed')); } });
try { await failing.getReader().read(); } catch (e) { print('read rejected:', e.message); }
let cancelReason;
const cancellable = new ReadableStream({ cancel(reason) { cancelReason = reason; } });
await cancellable.cancel('no longer needed');
print('cancel reason:', cancelReason);
try { rs.getReader(); } catch (e) { print('second reader:', e.constructor.name); }

// WritableStream with a slow sink: writes are serialised, desiredSize follows the queue.
const written = [];
const ws = new WritableStream({
  write(chunk) { return new Promise((r) => setTimeout(() => { written.push(chunk); r(); }, 1)); },
  close() { written.push('closed'); },
}, new CountQueuingStrategy({ highWaterMark: 2 }));
const writer = ws.getWriter();
print('desiredSize:', writer.desiredSize);
writer.write(1); writer.write(2); writer.write(3);
print('desiredSize after 3 writes:', writer.desiredSize);
await writer.close();
print('written:', written.join(','));

// TransformStream with flush, and pipeThrough/pipeTo chains.
const upper = new TransformStream({
  transform(chunk, c) { c.enqueue(chunk.toUpperCase()); },
  flush(c) { c.enqueue('!'); },
});
const out = [];
await ReadableStream.from(['x', 'y']).pipeThrough(upper).pipeTo(new WritableStream({ write(c) { out.push(c); } }));
print('piped:', out.join(''));

// pipeTo with an AbortSignal.
const ac = new AbortController();
const endless = new ReadableStream({ pull(c) { c.enqueue('tick'); return new Promise((r) => setTimeout(r, 1)); } });
const pipe = endless.pipeTo(new WritableStream(), { signal: ac.signal });
setTimeout(() => ac.abort(), 5);
try { await pipe; } catch (e) { print('pipe aborted:', e.name); }

// tee gives both branches every chunk.
const [left, right] = ReadableStream.from([1, 2, 3]).tee();
const collect = async (s) => { const a = []; for await (const v of s) a.push(v); return a.join(''); };
print('tee:', await collect(left), await collect(right));

// ReadableStream.from accepts async generators; return() cancels.
async function* gen() { try { yield 'g1'; yield 'g2'; } finally { print('generator finished'); } }
for await (const v of ReadableStream.from(gen())) { print('from generator:', v); break; }

// Strategies and text streams.
print(new ByteLengthQueuingStrategy({ highWaterMark: 16 }).size(new Uint8Array(5)), new CountQueuingStrategy({ highWaterMark: 1 }).size());
const text = await collect(ReadableStream.from(['héllo', ' wörld']).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
print('text round trip:', text);
const split = new TextDecoderStream();
const w2 = split.writable.getWriter();
w2.write(new Uint8Array([0xe2, 0x82])); w2.write(new Uint8Array([0xac])); w2.close();
print('split character:', await collect(split.readable));
