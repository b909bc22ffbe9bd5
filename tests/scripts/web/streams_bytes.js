// Byte streams: BYOB readers, byobRequest, autoAllocateChunkSize, read({min}), byte tee.
let offset = 0;
const source = new Uint8Array(20).map((_, i) => i);
const bytes = () => new ReadableStream({
  type: 'bytes',
  pull(c) {
    const req = c.byobRequest;
    if (offset >= source.length) { c.close(); if (req) req.respond(0); return; }
    if (req) {
      const n = Math.min(req.view.byteLength, 3, source.length - offset);
      req.view.set(source.subarray(offset, offset + n));
      offset += n;
      req.respond(n);
    } else {
      c.enqueue(source.slice(offset, offset + 4));
      offset += 4;
    }
  },
});

const byob = bytes().getReader({ mode: 'byob' });
let r = await byob.read(new Uint8Array(8));
print('byob read:', r.value.join(','), r.value.byteLength, r.done);
r = await byob.read(new Uint16Array(4), { min: 2 });
print('min 2 elements:', r.value.constructor.name, r.value.length);
byob.releaseLock();

offset = 0;
const auto = new ReadableStream({
  type: 'bytes',
  autoAllocateChunkSize: 5,
  pull(c) {
    const v = c.byobRequest.view;
    v.fill(7);
    c.byobRequest.respond(v.byteLength);
    if (++offset === 2) c.close();
  },
});
const sizes = [];
for await (const chunk of auto) sizes.push(chunk.byteLength);
print('auto-allocated chunks:', sizes.join(','));

offset = 0;
const [a, b] = bytes().tee();
const total = async (s) => { let n = 0; for await (const c of s) n += c.byteLength; return n; };
print('byte tee:', await total(a), await total(b));

const view = new Uint8Array(4);
const detachedBy = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2])); } }).getReader({ mode: 'byob' });
const got = await detachedBy.read(view);
print('buffer transferred:', view.byteLength, got.value.join(','));
try { await detachedBy.read(new Uint8Array(0)); } catch (e) { print('empty view:', e.constructor.name); }
try { new ReadableStream().getReader({ mode: 'byob' }); } catch (e) { print('byob on default stream:', e.constructor.name); }
