// fetch with WHATWG body streams over loopback, against an http server in the same script:
// a streamed upload (a ReadableStream the server sees piece by piece, before the stream ends),
// a streamed download read through response.body and a TransformStream (the first piece arrives
// while the server still holds the rest), FormData/Blob/URLSearchParams bodies, formData() and
// blob() on both sides, clone() of a streamed response, cancelling a download.
import { createServer } from 'http';

const seen = [];        // request pieces the server received so far, by upload name
let release = null;     // lets /held finish its response
let cancelled = null;   // resolves when the server sees a download's connection go

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/upload') {
    let bytes = 0, pieces = 0;
    req.on('data', (chunk) => { bytes += chunk.length; pieces++; seen.push(String(chunk).slice(0, 6)); });
    req.on('end', () => res.end(JSON.stringify({ bytes, te: req.headers['transfer-encoding'] || null, cl: req.headers['content-length'] || null })));
  } else if (url.pathname === '/seen') {
    res.end(JSON.stringify(seen));
  } else if (url.pathname === '/held') {
    res.write('first piece;');
    release = () => res.end('rest');
  } else if (url.pathname === '/download') {
    const n = Number(url.searchParams.get('n'));
    let i = 0;
    const piece = Buffer.alloc(16 * 1024, 'a');
    const more = () => {
      while (i < n) {
        i++;
        if (!res.write(piece)) { res.once('drain', more); return; }
      }
      res.end();
    };
    res.on('close', () => { if (cancelled && i < n) cancelled(i); });
    more();
  } else if (url.pathname === '/echo') {
    res.setHeader('content-type', req.headers['content-type'] || 'application/octet-stream');
    req.on('data', (chunk) => res.write(chunk));
    req.on('end', () => res.end());
  } else {
    res.statusCode = 404;
    res.end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const text = (bytes) => new TextDecoder().decode(bytes);

// --- streamed upload: piece 2 is produced only after the server has received piece 1.
{
  let n = 0;
  const upload = new ReadableStream({
    async pull(controller) {
      n++;
      if (n === 2) {
        for (let tries = 0; ; tries++) {
          const got = await (await fetch(`${base}/seen`)).json();
          if (got.includes('piece1')) break;
          if (tries > 200) throw new Error('the server never saw piece 1');
          await new Promise((r) => setTimeout(r, 5));
        }
        print('upload: server had piece 1 before piece 2 was made');
      }
      if (n > 3) { controller.close(); return; }
      controller.enqueue(new TextEncoder().encode(`piece${n}` + '.'.repeat(1000)));
    },
  });
  try {
    new Request(`${base}/upload`, { method: 'POST', body: new ReadableStream() });
  } catch (e) {
    print('no duplex:', e.constructor.name);
  }
  const res = await fetch(`${base}/upload`, { method: 'POST', body: upload, duplex: 'half' });
  print('upload:', await res.text(), upload.locked);
}

// --- streamed download: the first piece is read before the server sends the rest.
{
  const res = await fetch(`${base}/held`);
  print('held: body is a ReadableStream', res.body instanceof ReadableStream, res.bodyUsed);
  const reader = res.body.getReader();
  const first = await reader.read();
  print('held: first read', JSON.stringify(text(first.value)), res.bodyUsed);
  release();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += text(value);
  }
  print('held: then', JSON.stringify(rest));
}

// --- a 4 MiB download through a TransformStream, with async iteration.
{
  const res = await fetch(`${base}/download?n=256`);
  let bytes = 0, chunks = 0;
  const counter = new TransformStream({ transform(chunk, controller) { bytes += chunk.byteLength; chunks++; controller.enqueue(chunk.byteLength); } });
  let seenLengths = 0;
  for await (const length of res.body.pipeThrough(counter)) seenLengths += length;
  print('download:', bytes, seenLengths === bytes, chunks > 1, res.bodyUsed);
}

// --- an upload piped from one response into the next request (stream to stream).
{
  const source = await fetch(`${base}/download?n=64`);
  const res = await fetch(`${base}/upload`, { method: 'POST', body: source.body, duplex: 'half' });
  print('piped upload:', await res.text());
}

// --- cancelling a download closes the connection; the server stops early.
{
  const stopped = new Promise((resolve) => { cancelled = resolve; });
  const res = await fetch(`${base}/download?n=100000`);
  const reader = res.body.getReader();
  await reader.read();
  await reader.cancel('enough');
  const sent = await stopped;
  print('cancel: server stopped early', sent < 100000);
}

// --- bodies with a known length go out with Content-Length; FormData as multipart.
{
  const blob = new Blob(['blob ', new Uint8Array([98, 121, 116, 101, 115])], { type: 'text/x-blob' });
  let res = await fetch(`${base}/upload`, { method: 'PUT', body: blob });
  print('blob upload:', await res.text());
  const form = new FormData();
  form.append('name', 'boa');
  form.append('file', new File(['file body'], 'a.txt', { type: 'text/plain' }));
  res = await fetch(`${base}/echo`, { method: 'POST', body: form });
  const back = await res.formData();
  const file = back.get('file');
  print('form round trip:', back.get('name'), file instanceof File, file.name, file.type, await file.text());
  res = await fetch(`${base}/echo`, { method: 'POST', body: new URLSearchParams('a=1&b=two') });
  print('urlencoded round trip:', [...(await res.formData())].join(';'));
  res = await fetch(`${base}/echo`, { method: 'POST', body: 'as a blob', headers: { 'content-type': 'text/x-echo' } });
  const b = await res.blob();
  print('blob():', b.type, b.size, await b.text());
}

// --- clone() of a streamed response: both branches read the same bytes.
{
  const res = await fetch(`${base}/download?n=8`);
  const copy = res.clone();
  const [one, two] = await Promise.all([res.arrayBuffer(), copy.bytes()]);
  print('clone:', one.byteLength, two.byteLength, res.bodyUsed, copy.bodyUsed);
}

// --- the object model without the network.
{
  const r = new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('from ')); c.enqueue(new TextEncoder().encode('a stream')); c.close(); } }));
  print('new Response(readable):', await r.text(), r.bodyUsed);
  try { await r.text(); } catch (e) { print('read twice:', e.constructor.name); }
  const j = Response.json({ ok: true }, { status: 201 });
  print('Response.json:', j.status, j.headers.get('content-type'), await j.text());
  try { Response.json(undefined); } catch (e) { print('Response.json(undefined):', e.constructor.name); }
  print('GET body:', new Request(base).body);
  const req = new Request(base, { method: 'POST', body: 'abc' });
  print('Request.body:', req.body instanceof ReadableStream, text((await req.body.getReader().read()).value), req.bodyUsed);
  const moved = new Request(new Request(base, { method: 'POST', body: 'moved' }));
  print('Request from Request:', await moved.text());
  const byob = new Response('bytes for a BYOB reader').body.getReader({ mode: 'byob' });
  const { value } = await byob.read(new Uint8Array(5));
  print('byob:', text(value));
  print('Response.redirect:', Response.redirect(`${base}/x`, 301).headers.get('location').endsWith('/x'), Response.redirect(`${base}/x`).body);
  try { new Response('x', { status: 204 }); } catch (e) { print('204 with body:', e.constructor.name); }
}

server.close();
