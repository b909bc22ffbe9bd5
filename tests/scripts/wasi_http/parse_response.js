// Buffer.parseResponse() and parseChunk(): the seed client's handle_response loop over simulated
// reads, Content-Length, chunked and close-delimited bodies.
import * as http from 'wasi_http';

function bytes(text) {
    return new Uint8Array([...text].map((c) => c.charCodeAt(0))).buffer;
}

// The seed page's handle_response, with the socket replaced by a list of reads.
function handleResponse(reads) {
    const buf = new http.Buffer();
    let resp = undefined;
    for (const d of reads) {
        buf.append(d);
        if (resp == undefined) {
            resp = buf.parseResponse();
        }
        if (resp instanceof http.WasiResponse) {
            const respLength = resp.bodyLength;
            if (typeof (respLength) === 'number') {
                if (buf.length >= resp.bodyLength) {
                    return newStringFromUTF8(buf.buffer);
                }
            } else {
                throw new Error('no support');
            }
        }
    }
    return 'incomplete';
}

const json = '{"args": {"a": "123"}}\n';
const response = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Mon, 01 Jan 2024 10:00:00 GMT\r\n' +
    `Content-Length: ${json.length}\r\n\r\n${json}`;
let same = 0;
for (let cut = 1; cut < response.length; cut++) {
    if (handleResponse([bytes(response.slice(0, cut)), bytes(response.slice(cut)), undefined]) === json) same++;
}
print('seed pattern, every split:', same, 'of', response.length - 1);

const buffer = new http.Buffer(bytes(response));
const resp = buffer.parseResponse();
print('status=', resp.status, resp.statusText, resp.version);
print('headers=', JSON.stringify(resp.headers));
print('bodyLength=', resp.bodyLength, resp.bodyFraming, 'buffered:', buffer.length);

const notFound = new http.Buffer(bytes('HTTP/1.0 404 Not Found\r\nLocation: http://127.0.0.1:8001/x\r\n\r\n')).parseResponse();
print('status text and value kept whole:', notFound.statusText, '|', notFound.headers.Location);

// Chunked: one byte at a time.
const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
    '4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n';
const cb = new http.Buffer();
let head;
const parts = [];
let finished = false;
for (const c of chunked) {
    cb.append(bytes(c));
    if (head === undefined) {
        head = cb.parseResponse();
        continue;
    }
    const chunk = cb.parseChunk();
    if (chunk === null) finished = true;
    else if (chunk !== undefined) parts.push(newStringFromUTF8(chunk));
}
print('chunked:', head.bodyLength, JSON.stringify(parts), finished, cb.buffer);

// No Content-Length and no Transfer-Encoding: the body runs until the connection closes.
const close = new http.Buffer(bytes('HTTP/1.0 200 OK\r\n\r\nuntil close'));
const closeResp = close.parseResponse();
print('close-delimited:', closeResp.bodyLength, closeResp.bodyFraming, newStringFromUTF8(close.buffer));

// 204 has no body even with a Content-Length.
const empty = new http.Buffer(bytes('HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n')).parseResponse();
print('204:', empty.bodyLength);
