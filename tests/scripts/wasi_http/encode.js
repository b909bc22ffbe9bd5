// WasiRequest / WasiResponse: defaults, setters, encode() and round trips through Buffer.
import * as http from 'wasi_http';

const show = (ab) => JSON.stringify(newStringFromUTF8(ab));

// The seed client's requests.
const get = new http.WasiRequest();
get.headers = { 'Host': '127.0.0.1' };
get.uri = '/get?a=123';
get.method = 'GET';
print('GET:', show(get.encode()));
const post = new http.WasiRequest();
post.headers = { 'Host': '127.0.0.1' };
post.uri = '/post?a=123';
post.method = 'POST';
post.body = 'hello';
print('POST:', show(post.encode()));

// Setters keep only valid values.
const req = new http.WasiRequest();
print('defaults:', req.method, req.version, JSON.stringify(req.uri), JSON.stringify(req.headers), req.body);
req.method = 'put';
req.uri = '/items/1?full=true';
req.method = 'BREW';
req.version = 'HTTP/1.1';
req.version = 'HTTP/2';
req.setHeader('X-Token', 'a:b:c');
req.setHeader('x-token', 'replaced:1');
req.setHeader('ignored', 5);
req.body = new Uint8Array([104, 105]);
print('set:', req.method, req.version, JSON.stringify(req.headers), newStringFromUTF8(req.body));
print('request:', show(req.encode()));

// Round trip.
const back = new http.Buffer(req.encode()).parseRequest();
print('round trip:', back.method, back.uri === req.uri, JSON.stringify(back.headers), newStringFromUTF8(back.body));

// Responses: the seed server's reply, then the setters.
const resp = new http.WasiResponse();
print('response defaults:', resp.version, resp.status, resp.statusText, resp.bodyLength, JSON.stringify(resp.headers));
print('echo reply:', show(resp.encode('echo:' + 'hello server')));
resp.status = 404;
print('404 text:', resp.statusText);
resp.status = 201;
resp.statusText = 'Created';
resp.version = 'HTTP/1.1';
resp.headers = { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'] };
print('response:', show(resp.encode(new Uint8Array([111, 107]).buffer)));
print('no body:', show(resp.encode()), resp.bodyLength);
resp.bodyLength = 'chunked';
print('chunked head:', show(resp.encode()));

const parsed = new http.Buffer(resp.encode('xyz')).parseResponse();
print('response round trip:', parsed.status, parsed.statusText, parsed.bodyLength, JSON.stringify(parsed.headers));
