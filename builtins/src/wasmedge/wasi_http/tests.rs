//! The JavaScript API of `wasi_http`, exercised through a Boa context with the exports installed
//! as the global `http` (as the runtime does).

use boa_engine::{Context, JsValue, Source, js_string, property::Attribute};

const PRELUDE: &str = r#"
function ab(s) { const u = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i); return u.buffer; }
function str(b) { if (b === null || b === undefined) return String(b); return String.fromCharCode(...new Uint8Array(b)); }
function eq(actual, expected, what) {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
function throws(f, check, what) {
    try { f(); } catch (e) { if (!check(e)) throw new Error(`${what}: wrong error ${e}`); return; }
    throw new Error(`${what}: did not throw`);
}
function fakeConn() {
    const conn = { writes: [], ends: [], ons: [] };
    conn.write = (d) => { conn.writes.push(typeof d === 'string' ? d : str(d)); return true; };
    conn.end = (d) => { conn.ends.push(d); return true; };
    conn.on = (...a) => { conn.ons.push(a); return 'on-result'; };
    return conn;
}
"#;

fn context() -> Context {
    let mut context = Context::default();
    let exports = super::exports(&mut context).expect("exports");
    let object = exports.to_object(&mut context).expect("exports object");
    context.register_global_property(js_string!("http"), object, Attribute::all()).expect("global http");
    context.eval(Source::from_bytes(PRELUDE)).expect("prelude");
    context
}

fn eval(context: &mut Context, code: &str) -> JsValue {
    match context.eval(Source::from_bytes(code)) {
        Ok(value) => value,
        Err(error) => panic!("script failed: {error}\n{code}"),
    }
}

/// Runs `code`; it must evaluate to the string "ok" (checks throw on failure).
fn check(code: &str) {
    let mut context = context();
    let result = eval(&mut context, code);
    let text = result.to_string(&mut context).expect("string").to_std_string_lossy();
    assert_eq!(text, "ok", "{code}");
}

#[test]
fn module_exports_everything() {
    check(
        r#"
        eq(Object.keys(http), ['Buffer', 'WasiRequest', 'WasiResponse', 'ChunkResponse', 'URL'], 'exports');
        eq(Object.keys(new http.Buffer()), [], 'no own keys');
        eq(JSON.stringify(new http.WasiRequest()), '{}', 'fields are accessors');
        eq(http.URL.length, 1, 'URL.length');
        throws(() => new http.ChunkResponse(), e => e instanceof TypeError, 'ChunkResponse ctor');
        throws(() => http.Buffer(), e => e instanceof TypeError, 'call without new');
        throws(() => http.Buffer.prototype.clear.call({}), e => e instanceof TypeError, 'receiver');
        throws(() => Object.getOwnPropertyDescriptor(http.WasiRequest.prototype, 'uri').get.call(new http.Buffer()),
               e => e instanceof TypeError, 'getter receiver');
        'ok'"#,
    );
}

#[test]
fn buffer_basics() {
    check(
        r#"
        const b = new http.Buffer();
        eq([b.length, b.byteLength, b.buffer], [0, 0, null], 'empty');
        eq(b.append(ab('ab')), true, 'ArrayBuffer');
        eq(b.write(new Uint8Array([99, 100]).subarray(1)), true, 'TypedArray view');
        eq(b.append(new DataView(ab('xyz'), 1, 1)), true, 'DataView');
        eq(b.append('é'), true, 'string as UTF-8');
        eq([b.append(undefined), b.append(null), b.append(5), b.append({})], [false, false, false, false], 'others');
        eq(b.length, 6, 'length');
        eq(str(b.buffer), 'abdy\xc3\xa9', 'bytes');
        eq(b.append(b), true, 'itself');
        eq(b.length, 12, 'doubled');
        eq(new http.Buffer(b).length, 12, 'copy of a Buffer');
        eq(new http.Buffer(ab('hi')).length, 2, 'constructor ArrayBuffer');
        eq(new http.Buffer(5).length, 0, 'constructor other');
        b.clear();
        eq([b.length, b.buffer], [0, null], 'cleared');
        'ok'"#,
    );
}

#[test]
fn parse_request_complete_incomplete_malformed() {
    check(
        r#"
        const wire = 'POST /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8001\r\nAccept: */*\r\nX-Dup: a\r\nContent-Length: 12\r\nx-dup: b\r\n\r\nhello server';
        const b = new http.Buffer();
        for (let i = 0; i < wire.length; i++) {
            eq(b.parseRequest(), undefined, 'incomplete after ' + i + ' bytes');
            b.append(ab(wire[i]));
        }
        const req = b.parseRequest();
        eq(req instanceof http.WasiRequest, true, 'instance');
        eq(b.length, wire.length, 'offset not advanced');
        eq([req.method, req.uri, req.version], ['POST', '/echo?x=1', 'HTTP/1.1'], 'line');
        eq(req.headers, {host: '127.0.0.1:8001', accept: '*/*', 'x-dup': 'a, b', 'content-length': '12'}, 'headers');
        eq(Object.keys(req.headers), ['host', 'accept', 'x-dup', 'content-length'], 'wire order');
        eq(req.headers === req.headers, false, 'new object each time');
        eq(str(req.body), 'hello server', 'body');
        eq([req.getHeader('host'), req.getHeader('HOST'), req.getHeader('nope'), req.getHeader(1)],
           ['127.0.0.1:8001', '127.0.0.1:8001', null, null], 'getHeader');

        // Every split point, as two TCP reads.
        for (let cut = 0; cut <= wire.length; cut++) {
            const s = new http.Buffer(ab(wire.slice(0, cut)));
            if (cut < wire.length) eq(s.parseRequest(), undefined, 'split ' + cut);
            s.append(ab(wire.slice(cut)));
            eq(str(s.parseRequest().body), 'hello server', 'split body ' + cut);
        }

        for (const [bad, name] of [
            ['FOO / HTTP/1.1\r\n\r\n', 'InvalidMethod'],
            ['GET / HTTP/9.9\r\n\r\n', 'InvalidVersion'],
            ['GET / HTTP/1.1\r\nno colon\r\n\r\n', 'InvalidHeaders'],
            ['POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 'InvalidHeaders'],
        ]) {
            throws(() => new http.Buffer(ab(bad)).parseRequest(),
                   e => e instanceof Error && e.message === name, name);
        }
        'ok'"#,
    );
}

#[test]
fn parse_request_consume_and_chunked_body() {
    check(
        r#"
        const two = 'GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n';
        const b = new http.Buffer(ab(two));
        eq(b.parseRequest(true).uri, '/a', 'first');
        const second = b.parseRequest(true);
        eq([second.uri, str(second.body)], ['/b', 'abcde'], 'chunked body de-chunked');
        eq(b.length, 0, 'both consumed');
        const partial = new http.Buffer(ab('POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n'));
        eq(partial.parseRequest(), undefined, 'waits for the last chunk');
        'ok'"#,
    );
}

#[test]
fn parse_response_consumes_head() {
    check(
        r#"
        const wire = 'HTTP/1.1 404 Not Found\r\nLocation: http://x/y\r\nContent-Length: 5\r\n\r\nhello';
        const b = new http.Buffer();
        let resp;
        for (let i = 0; i < wire.length; i++) {
            b.append(ab(wire[i]));
            resp = b.parseResponse();
            if (i < wire.length - 1) eq(resp, undefined, 'incomplete ' + i);
        }
        eq(resp instanceof http.WasiResponse, true, 'instance');
        eq([resp.status, resp.statusText, resp.version, resp.bodyLength, resp.bodyFraming],
           [404, 'Not Found', 'HTTP/1.1', 5, 'length'], 'head');
        eq(resp.headers, {Location: 'http://x/y', 'Content-Length': '5'}, 'keys keep case, whole values');
        eq([b.length, str(b.buffer)], [5, 'hello'], 'buffer holds the body');

        const chunked = new http.Buffer(ab('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'));
        const c = chunked.parseResponse();
        eq([c.bodyLength, c.bodyFraming], ['chunked', 'chunked'], 'chunked');
        eq(chunked.parseChunk(), undefined, 'incomplete chunk');
        chunked.append(ab('lo\r\n0\r\n\r\n'));
        eq(str(chunked.parseChunk()), 'hello', 'chunk');
        eq(chunked.parseChunk(), null, 'last chunk');
        eq(chunked.buffer, null, 'all consumed');

        const close = new http.Buffer(ab('HTTP/1.0 200 OK\r\n\r\npartial'));
        const r = close.parseResponse();
        eq([r.bodyLength, r.bodyFraming, str(close.buffer)], [0, 'close', 'partial'], 'close-delimited');

        const bad = new http.Buffer(ab('HTTP/1.1 abc OK\r\n\r\n'));
        const err = bad.parseResponse();
        eq([err instanceof Error, err.message], [true, 'InvalidStatusCode'], 'returned, not thrown');
        eq(bad.length, 19, 'nothing consumed');
        'ok'"#,
    );
}

#[test]
fn parse_chunk_sequence_byte_by_byte() {
    check(
        r#"
        const wire = '4\r\nWiki\r\n5;ext\r\npedia\r\n0\r\nTrailer: x\r\n\r\nNEXT';
        const b = new http.Buffer();
        const out = [];
        for (let i = 0; i < wire.length && out[out.length - 1] !== null; i++) {
            b.append(ab(wire[i]));
            const c = b.parseChunk();
            if (c === undefined) continue;
            out.push(c === null ? null : str(c));
        }
        eq(out, ['Wiki', 'pedia', null], 'chunks');
        eq(b.buffer, null, 'stopped right after the last chunk');
        const bad = new http.Buffer(ab('zz\r\n')).parseChunk();
        eq([bad instanceof Error, bad.message], [true, 'InvalidChunk'], 'bad size');
        'ok'"#,
    );
}

#[test]
fn seed_client_pattern() {
    // The seed page's handle_response loop, over reads delivered by a fake socket.
    check(
        r#"
        function handle(reads) {
            const buf = new http.Buffer();
            let resp = undefined;
            for (const d of reads) {
                buf.append(d);
                if (resp == undefined) resp = buf.parseResponse();
                if (resp instanceof http.WasiResponse) {
                    if (typeof resp.bodyLength === 'number') {
                        if (buf.length >= resp.bodyLength) return str(buf.buffer);
                    } else {
                        throw new Error('no support');
                    }
                }
            }
            return 'never completed';
        }
        const wire = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"args": {}}\n';
        for (let cut = 1; cut < wire.length; cut++) {
            eq(handle([ab(wire.slice(0, cut)), ab(wire.slice(cut)), undefined]), '{"args": {}}\n', 'cut ' + cut);
        }
        'ok'"#,
    );
}

#[test]
fn wasi_request_members_and_encode() {
    check(
        r#"
        const req = new http.WasiRequest();
        eq([req.method, req.version, req.uri, req.headers, req.body], ['GET', 'HTTP/1.0', '', {}, null], 'defaults');
        req.method = 'post'; eq(req.method, 'POST', 'upper-cased');
        req.method = 'BREW'; eq(req.method, 'POST', 'unknown ignored');
        req.method = 5; eq(req.method, 'POST', 'non-string ignored');
        req.version = 'HTTP/1.1'; req.version = 'HTTP/2'; eq(req.version, 'HTTP/1.1', 'version');
        req.uri = '/post?a=123'; req.uri = 7; eq(req.uri, '/post?a=123', 'uri');
        req.headers = {'Host': '127.0.0.1:8001', 'X-Num': 5, 'Set-Cookie': ['a=1', 'b=2']};
        eq(req.headers, {host: '127.0.0.1:8001', 'x-num': '5', 'set-cookie': 'a=1, b=2'}, 'headers replaced');
        req.headers = 'nope'; eq(Object.keys(req.headers).length, 3, 'non-object ignored');
        req.setHeader('X-Num', '6'); req.setHeader('a', 1);
        eq(req.getHeader('x-num'), '6', 'setHeader replaces, ignores non-strings');
        req.body = 'hello'; eq(str(req.body), 'hello', 'string body');
        req.body = 42; eq(str(req.body), 'hello', 'number ignored');
        eq(str(req.encode()),
           'POST /post?a=123 HTTP/1.1\r\nhost: 127.0.0.1:8001\r\nx-num: 6\r\nset-cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 5\r\n\r\nhello',
           'encode');
        req.body = new Uint8Array([104, 105]); eq(str(req.body), 'hi', 'typed array body');
        req.body = new http.Buffer(ab('buf')); eq(str(req.body), 'buf', 'Buffer body');
        req.setHeader('bad', 'x\r\nInjected: 1');
        throws(() => req.encode(), e => e instanceof TypeError && /bad/.test(e.message), 'injection refused');

        // The seed's GET: no default headers, no Content-Length without a body.
        const get = new http.WasiRequest();
        get.headers = {'Host': '152.136.235.225'}; get.uri = '/get?a=123'; get.method = 'GET';
        eq(str(get.encode()), 'GET /get?a=123 HTTP/1.0\r\nhost: 152.136.235.225\r\n\r\n', 'seed GET');
        'ok'"#,
    );
}

#[test]
fn request_round_trip() {
    check(
        r#"
        const req = new http.WasiRequest();
        req.method = 'PUT'; req.version = 'HTTP/1.1'; req.uri = '/x?y=z';
        req.headers = {'Content-Type': 'a/b; c=d', Date: 'Mon, 01 Jan 2024 10:00:00 GMT'};
        req.body = 'payload';
        const back = new http.Buffer(req.encode()).parseRequest();
        eq([back.method, back.version, back.uri, str(back.body)], ['PUT', 'HTTP/1.1', '/x?y=z', 'payload'], 'line/body');
        eq(back.headers, {'content-type': 'a/b; c=d', date: 'Mon, 01 Jan 2024 10:00:00 GMT', 'content-length': '7'}, 'headers');
        'ok'"#,
    );
}

#[test]
fn wasi_response_members_and_encode() {
    check(
        r#"
        const r = new http.WasiResponse();
        eq([r.version, r.status, r.statusText, r.headers, r.bodyLength], ['HTTP/1.0', 200, 'OK', {}, 0], 'defaults');
        r.status = 404; eq([r.status, r.statusText], [404, 'Not Found'], 'status sets text');
        r.status = 201; eq(r.statusText, '', 'other codes have no text');
        r.status = 200.5; r.status = '500'; r.status = 70000; eq(r.status, 201, 'non-Int ignored');
        r.statusText = 'Created'; r.version = 'HTTP/1.1';
        r.bodyLength = 10; eq(r.bodyLength, 10, 'bodyLength'); r.bodyLength = null; eq(r.bodyLength, 0, 'null');
        r.bodyLength = 'chunked'; eq(r.bodyLength, 'chunked', 'chunked'); r.bodyLength = -1; eq(r.bodyLength, 'chunked', 'negative ignored');
        r.headers = {'Content-Type': 'text/plain'};
        eq(r.headers, {'Content-Type': 'text/plain'}, 'keys keep case');
        eq(r.getHeader('content-type'), 'text/plain', 'getHeader');
        eq(str(r.encode('echo:hello')), 'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\necho:hello', 'encode string');
        eq(r.bodyLength, 10, 'encode sets bodyLength');
        eq(str(r.encode()), 'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\n\r\n', 'no body, no framing');
        eq(str(r.encode(new Uint8Array([65]))), 'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nA', 'typed array');
        r.headers = {'content-length': '99'};
        eq(str(r.encode('ab')), 'HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nab', 'one Content-Length only');
        eq(str(new http.WasiResponse().encode('')), 'HTTP/1.0 200 OK\r\n\r\n', 'empty body');
        'ok'"#,
    );
}

#[test]
fn chunked_response_through_conn() {
    check(
        r#"
        const r = new http.WasiResponse();
        r.headers = {'Content-Type': 'text/html'};
        eq(r.chunk(5), undefined, 'non-object conn');
        const conn = fakeConn();
        const c = r.chunk(conn);
        eq(c instanceof http.ChunkResponse, true, 'ChunkResponse');
        eq([r.version, r.bodyLength], ['HTTP/1.1', 'chunked'], 'forced HTTP/1.1 chunked');
        eq(conn.writes, ['HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n'], 'head written');
        eq(c.write('hello'), true, 'write');
        c.write(ab('0123456789abcdefX'));
        c.write('');
        c.write(7);
        c.write({toString() { return 'obj'; }});
        eq(c.on('data', 1), 'on-result', 'on forwarded');
        c.end('bye');
        eq(conn.writes.slice(1), ['5\r\nhello\r\n', '11\r\n0123456789abcdefX\r\n', '3\r\nobj\r\n', '3\r\nbye\r\n'], 'chunks');
        eq(conn.ends, ['0\r\n\r\n'], 'terminated through end()');
        throws(() => c.write('more'), e => e.name === 'InternalError' && e.message === 'socket is shutdown', 'write after end');
        throws(() => c.end(), e => String(e) === 'InternalError: socket is shutdown', 'end after end');
        throws(() => c.on('x'), e => e.name === 'InternalError', 'on after end');

        // The whole stream parses back.
        const back = new http.Buffer();
        for (const w of conn.writes) back.append(ab(w));
        back.append(ab(conn.ends[0]));
        eq(back.parseResponse().bodyLength, 'chunked', 'head back');
        const parts = [];
        for (let p = back.parseChunk(); p !== null; p = back.parseChunk()) parts.push(str(p));
        eq(parts.join(''), 'hello0123456789abcdefXobjbye', 'body back');
        throws(() => r.chunk({}), e => e instanceof TypeError, 'conn without write');
        'ok'"#,
    );
}

#[test]
fn url_accessors() {
    check(
        r#"
        const u = new http.URL('http://user:pw@127.0.0.1:8001/a/b?x=1&y=2#frag');
        eq([u.scheme, u.username, u.password, u.host, u.port, u.path, u.query],
           ['http', 'user', 'pw', '127.0.0.1', 8001, '/a/b', 'x=1&y=2'], 'parts');
        eq(u.href, 'http://user:pw@127.0.0.1:8001/a/b?x=1&y=2#frag', 'href');
        eq(String(u), u.href, 'toString');
        const d = new http.URL('https://example.com');
        eq([d.port, d.path, d.query, d.password], [443, '/', undefined, ''], 'defaults');
        eq(new http.URL('mailto:x@y').host, undefined, 'no host');
        eq(new http.URL('foo://h/').port, undefined, 'unknown scheme port');
        throws(() => new http.URL('/relative'), e => String(e) === 'InternalError: relative URL without a base', 'relative');
        eq(new http.URL(new http.URL('http://h/p')).path, '/p', 'URL object accepted');
        eq(Object.keys(u), [], 'accessors only');
        'ok'"#,
    );
}

#[test]
fn buffer_bytes_for_rust_callers() {
    let mut context = context();
    let value = eval(
        &mut context,
        "const b = new http.Buffer(ab('HTTP/1.1 200 OK\\r\\n\\r\\nbody')); b.parseResponse(); b",
    );
    let object = value.as_object().expect("object");
    assert_eq!(super::buffer_bytes(&object).as_deref(), Some(&b"body"[..]));
    let other = eval(&mut context, "new Uint8Array(2)");
    assert_eq!(super::buffer_bytes(&other.as_object().expect("object")), None);
}

#[test]
fn long_lived_buffer_stays_small() {
    // A chunked stream parsed as it arrives: consumed bytes are dropped.
    check(
        r#"
        const b = new http.Buffer();
        let total = 0;
        for (let i = 0; i < 2000; i++) {
            b.append(ab('a\r\n0123456789\r\n'));
            total += b.parseChunk().byteLength;
        }
        eq([total, b.length], [20000, 0], 'all parsed');
        'ok'"#,
    );
}
