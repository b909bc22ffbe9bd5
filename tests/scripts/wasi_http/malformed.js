// Malformed input: parseRequest() throws, parseResponse()/parseChunk() return an Error, limits
// on head size and header count, and encode() refusing header injection.
import * as http from 'wasi_http';

function bytes(text) {
    return new Uint8Array([...text].map((c) => c.charCodeAt(0))).buffer;
}

for (const bad of [
    'BREW /pot HTTP/1.1\r\n\r\n',
    'GET / HTTP/3.0\r\n\r\n',
    'GET / HTTP/1.1\r\nno colon here\r\n\r\n',
    'POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n',
    'POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc',
    'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n',
]) {
    try {
        print('parsed?!', new http.Buffer(bytes(bad)).parseRequest());
    } catch (e) {
        print('request error:', e);
    }
}

for (const bad of ['HTTP/1.1 2OO OK\r\n\r\n', 'HTTPS/1.1 200 OK\r\n\r\n', 'HTTP/1.1 200 OK\r\nbad header\r\n\r\n']) {
    const buffer = new http.Buffer(bytes(bad));
    const result = buffer.parseResponse();
    print('response error returned:', result instanceof Error, String(result), 'unread:', buffer.length);
}

const chunk = new http.Buffer(bytes('nothex\r\n')).parseChunk();
print('chunk error returned:', chunk instanceof Error, String(chunk));

// 100 header fields are fine, 101 are not.
let head = 'GET / HTTP/1.1\r\n';
for (let i = 0; i < 100; i++) head += `x-${i}: ${i}\r\n`;
print('100 headers:', Object.keys(new http.Buffer(bytes(head + '\r\n')).parseRequest().headers).length);
try {
    new http.Buffer(bytes(head + 'x-101: 1\r\n\r\n')).parseRequest();
} catch (e) {
    print('101 headers:', e);
}

// A head that never ends stops at 64 KiB instead of growing forever.
const flood = new http.Buffer(bytes('GET / HTTP/1.1\r\nX-Flood: '));
let error;
for (let i = 0; i < 100 && error === undefined; i++) {
    flood.append(bytes('a'.repeat(1024)));
    try {
        flood.parseRequest();
    } catch (e) {
        error = e;
    }
}
print('endless head:', error, 'after', flood.length, 'bytes');
const floodResponse = new http.Buffer(bytes('HTTP/1.1 200 OK\r\nX-Flood: ' + 'a'.repeat(70000)));
print('endless response head:', String(floodResponse.parseResponse()));

// CR/LF in a header value would let a script inject a second message: refused.
const req = new http.WasiRequest();
req.uri = '/';
req.setHeader('x-evil', 'a\r\nInjected: 1');
try {
    req.encode();
} catch (e) {
    print('injection:', e);
}
const resp = new http.WasiResponse();
resp.statusText = 'OK\r\nX: y';
try {
    resp.encode();
} catch (e) {
    print('injection:', e);
}

// Wrong receivers throw TypeError.
try {
    http.Buffer.prototype.parseRequest.call({});
} catch (e) {
    print('receiver:', e instanceof TypeError);
}
