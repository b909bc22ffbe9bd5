// Buffer.parseRequest(): incremental parsing (one byte at a time and split at every position),
// what the parsed WasiRequest holds, and keep-alive use with parseRequest(true).
import * as http from 'wasi_http';

function bytes(text) {
    return new Uint8Array([...text].map((c) => c.charCodeAt(0))).buffer;
}

const wire = 'POST /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8001\r\nAccept: */*\r\n' +
    'X-Dup: a\r\nContent-Length: 12\r\nx-dup: b\r\n\r\nhello server';

// One byte at a time: undefined until the last body byte.
const buffer = new http.Buffer();
let undefinedCount = 0;
let request;
for (const c of wire) {
    buffer.append(bytes(c));
    request = buffer.parseRequest();
    if (request === undefined) undefinedCount++;
}
print('incomplete results:', undefinedCount, 'of', wire.length);
print('instanceof WasiRequest:', request instanceof http.WasiRequest);
print('offset kept:', buffer.length === wire.length);
print('method=', request.method);
print('uri=', request.uri);
print('version=', request.version);
print('headers=', JSON.stringify(request.headers));
print('host=', request.getHeader('host'));
print('body=', newStringFromUTF8(request.body));

// Split in two reads at every position.
let splitsOk = 0;
for (let cut = 0; cut < wire.length; cut++) {
    const b = new http.Buffer(bytes(wire.slice(0, cut)));
    const early = b.parseRequest();
    b.append(bytes(wire.slice(cut)));
    const late = b.parseRequest();
    if (early === undefined && newStringFromUTF8(late.body) === 'hello server') splitsOk++;
}
print('splits ok:', splitsOk, 'of', wire.length);

// Two requests in one read (keep-alive / pipelining), consumed one after the other.
const two = new http.Buffer(bytes('GET /first HTTP/1.1\r\n\r\n' +
    'POST /second HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nchunk\r\n3\r\ned!\r\n0\r\n\r\n'));
const first = two.parseRequest(true);
const second = two.parseRequest(true);
print('pipelined:', first.uri, first.body, second.uri, newStringFromUTF8(second.body), two.length);

// HTTP/1.0 with bare newlines.
const old = new http.Buffer(bytes('GET /index.html HTTP/1.0\nUser-Agent: test\n\n')).parseRequest();
print('HTTP/1.0:', old.version, old.uri, JSON.stringify(old.headers), old.body);
