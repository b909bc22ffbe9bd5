// http client side: fetch (methods, JSON, bodies, headers, redirects, abort,
// framing of responses) and request()/get(), against local servers.
import http, { createServer, fetch, get, request, Headers, Request, Response } from 'http';
import { WasiTcpServer } from 'wasi_net';

const server = createServer((req, res) => {
  let body = [];
  req.on('data', (c) => body.push(c));
  req.on('end', () => {
    body = Buffer.concat(body);
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/json') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ method: req.method, body: body.toString(), type: req.headers['content-type'] || null, custom: req.headers['x-custom'] || null }));
    } else if (url.pathname === '/redirect') {
      const n = Number(/n=(\d+)/.exec(url.search)[1]);
      res.writeHead(n > 0 ? 302 : 200, n > 0 ? { Location: '/redirect?n=' + (n - 1) } : { 'Content-Type': 'text/plain' });
      res.end(n > 0 ? '' : 'arrived after redirects, method ' + req.method);
    } else if (url.pathname === '/see-other') {
      res.writeHead(303, { Location: '/json' });
      res.end();
    } else if (url.pathname === '/slow') {
      setTimeout(() => res.end('slow'), 2000);
    } else if (url.pathname === '/chunked') {
      res.write('a');
      setTimeout(() => { res.write('b'); res.end('c'); }, 5);
    } else if (url.pathname === '/status') {
      res.statusCode = 404;
      res.statusMessage = 'Nothing Here At All';
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('missing');
    } else {
      res.end('bytes=' + body.length + ' first=' + body[0] + ' last=' + body[body.length - 1]);
    }
  });
});
await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
const base = 'http://127.0.0.1:' + server.address().port;

// GET / POST / PUT with JSON
for (const [method, body] of [['GET', undefined], ['POST', 'post_body'], ['PUT', JSON.stringify({ a: 1 })]]) {
  const r = await fetch(base + '/json', { method: method.toLowerCase(), body, headers: method === 'PUT' ? { 'Content-Type': 'application/json', 'X-Custom': 'yes' } : undefined });
  const data = await r.json();
  print('fetch ' + method + ':', r.status, r.ok, r.statusText, JSON.stringify(data));
}

// response headers: Headers API and plain-object access
const r1 = await fetch(new URL(base + '/json'));
print('headers:', r1.headers.get('Content-Type'), r1.headers['content-type'], r1.headers instanceof Headers, Object.keys(r1.headers).includes('content-length'), r1.url === base + '/json');
print('body once:', (await r1.text()).length > 0, r1.bodyUsed, await r1.text().then(() => 'read twice', (e) => e.name));
const r2 = await fetch(base + '/status');
print('status:', r2.status, r2.ok, r2.statusText, JSON.stringify(r2.headers.getSetCookie()), await r2.text(), String(r2));

// request bodies of each kind
const bodies = [new Uint8Array([1, 2, 3]).buffer, new Uint16Array([0x0201, 0x0403]), Buffer.from([9, 8, 7]).subarray(1)];
for (const b of bodies) print('body', Object.prototype.toString.call(b) + ':', await (await fetch(base + '/bytes', { method: 'POST', body: b })).text());
if (typeof URLSearchParams === 'function') {
  const r = await fetch(base + '/json', { method: 'POST', body: new URLSearchParams({ q: 'a b', n: '1' }) });
  print('URLSearchParams body:', (await r.json()).body);
}
const req = new Request(base + '/json', { method: 'POST', body: 'from Request', headers: new Headers([['X-Custom', 'req']]) });
print('Request input:', JSON.stringify(await (await fetch(req)).json()));
print('Response class:', await new Response('made').text(), (await Response.json({ x: 1 }).json()).x, new Response(null, { status: 204 }).ok);

// chunked response and a close-delimited one from a raw server
print('chunked:', await (await fetch(base + '/chunked')).text());
const raw = new WasiTcpServer(0, '127.0.0.1');
await raw.ready; // only for a test double that binds asynchronously; undefined in the runtime
const rawPort = Number(raw.local().split(':').pop());
(async () => {
  const conn = await raw.accept();
  await conn.read();
  conn.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the server closes');
  conn.close();
  raw.close();
})();
const closeDelimited = await fetch('http://127.0.0.1:' + rawPort + '/');
print('close-delimited:', await closeDelimited.text());

// redirects
const red = await fetch(base + '/redirect?n=3');
print('redirect:', red.status, red.redirected, await red.text(), red.url.endsWith('n=0'));
const seeOther = await fetch(base + '/see-other', { method: 'POST', body: 'dropped' });
print('303 -> GET:', (await seeOther.json()).method);
print('too many redirects:', await fetch(base + '/redirect?n=21').then(() => 'followed', (e) => e.name + ': ' + e.message));
const manual = await fetch(base + '/redirect?n=1', { redirect: 'manual' });
print('manual redirect:', manual.status, manual.headers.get('location'));

// abort
const ac = new AbortController();
setTimeout(() => ac.abort(), 50);
print('abort:', await fetch(base + '/slow', { signal: ac.signal }).then(() => 'finished', (e) => e.name));
const pre = new AbortController();
pre.abort();
print('aborted before start:', await fetch(base + '/json', { signal: pre.signal }).then(() => 'finished', (e) => e.name));

// connection refused and bad URLs reject with TypeError
print('refused:', await fetch('http://127.0.0.1:1/').then(() => 'ok', (e) => e.name));
print('bad url:', await fetch('not a url').then(() => 'ok', (e) => e.name));

// request() / get()
await new Promise((resolve) => {
  get(base + '/json', (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { text += c; });
    res.on('end', () => { print('get():', res.statusCode, res.headers['content-type'], JSON.parse(text).method, res.httpVersion); resolve(); });
  });
});
await new Promise((resolve) => {
  const r = request({ hostname: '127.0.0.1', port: server.address().port, path: '/json', method: 'PUT', headers: { 'Content-Type': 'text/x' } });
  r.setHeader('X-Custom', 'set');
  r.on('response', (res) => {
    const parts = [];
    res.on('data', (c) => parts.push(c));
    res.on('end', () => { print('request():', Buffer.concat(parts).toString()); resolve(); });
  });
  r.write('part1,');
  r.end('part2');
});
await new Promise((resolve) => {
  const r = request('http://127.0.0.1:1/');
  r.on('error', (e) => { print('request() error event:', e instanceof Error); resolve(); });
  r.end();
});
print('default export:', http.fetch === fetch, typeof http.createServer, http.STATUS_CODES[404], http.METHODS.includes('PATCH'));
server.close();
