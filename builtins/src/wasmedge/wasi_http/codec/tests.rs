use super::*;

fn request(bytes: &[u8]) -> (Request, usize) {
    match parse_request(bytes) {
        Ok(Some(done)) => done,
        other => panic!("expected a complete request, got {other:?}"),
    }
}

fn response(bytes: &[u8]) -> (Response, usize) {
    match parse_response(bytes) {
        Ok(Some(done)) => done,
        other => panic!("expected a complete response, got {other:?}"),
    }
}

/// Every proper prefix of `message` is incomplete (never an error, never a different message).
fn assert_prefixes_incomplete<T: std::fmt::Debug>(
    message: &[u8],
    parse: fn(&[u8]) -> Result<Option<T>, ParseError>,
) {
    for cut in 0..message.len() {
        let result = parse(&message[..cut]);
        assert!(matches!(result, Ok(None)), "prefix of {cut} bytes gave {result:?}");
    }
}

const POST: &[u8] = b"POST /greeting?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8001\r\nUser-Agent: curl/8.0\r\nContent-Length: 11\r\nAccept: */*\r\n\r\ntestbody123";

#[test]
fn request_with_body() {
    let (req, used) = request(POST);
    assert_eq!(used, POST.len());
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.uri, "/greeting?x=1");
    assert_eq!(req.version, Version::Http11);
    assert_eq!(req.body, b"testbody123");
    let names: Vec<_> = req.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["host", "user-agent", "content-length", "accept"], "wire order, lower case");
    assert_eq!(req.headers.get("host").as_deref(), Some("127.0.0.1:8001"), "whole value");
}

#[test]
fn request_incomplete_at_every_split() {
    assert_prefixes_incomplete(POST, parse_request);
}

#[test]
fn request_without_body_and_bare_newlines() {
    let (req, used) = request(b"GET / HTTP/1.0\nX-A:  b  \n\nrest");
    assert_eq!(used, 26);
    assert_eq!(req.version, Version::Http10);
    assert_eq!(req.headers.get("x-a").as_deref(), Some("b"));
    assert!(req.body.is_empty());
}

#[test]
fn pipelined_requests_report_their_length() {
    let mut wire = POST.to_vec();
    wire.extend_from_slice(b"GET /second HTTP/1.1\r\n\r\n");
    let (_, used) = request(&wire);
    let (second, used2) = request(&wire[used..]);
    assert_eq!(second.uri, "/second");
    assert_eq!(used + used2, wire.len());
}

#[test]
fn request_duplicates_kept() {
    let (req, _) = request(b"GET / HTTP/1.1\r\nAccept: a\r\nX: 1\r\naccept: b\r\n\r\n");
    assert_eq!(req.headers.len(), 3);
    assert_eq!(req.headers.get("accept").as_deref(), Some("a, b"));
    let grouped = req.headers.grouped();
    assert_eq!(grouped, vec![("accept", "a, b".to_owned()), ("x", "1".to_owned())]);
}

#[test]
fn request_errors() {
    let cases: &[(&[u8], ParseError)] = &[
        (b"FOO / HTTP/1.1\r\n\r\n", ParseError::InvalidMethod),
        (b"get / HTTP/1.1\r\n\r\n", ParseError::InvalidMethod),
        (b"G(T / HTTP/1.1\r\n\r\n", ParseError::InvalidMethod),
        (b"GET /a\x01b HTTP/1.1\r\n\r\n", ParseError::InvalidUrl),
        (b"GET / HTTP/2.0\r\n\r\n", ParseError::InvalidVersion),
        (b"GET / HTTP/1.1\r\nNo colon\r\n\r\n", ParseError::InvalidHeaders),
        (b"GET / HTTP/1.1\r\nA: b\x00c\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: 9007199254740992\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\nab", ParseError::InvalidHeaders),
        (
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n",
            ParseError::InvalidHeaders,
        ),
        (b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", ParseError::InvalidHeaders),
        (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", ParseError::InvalidChunk),
    ];
    for (wire, expected) in cases {
        assert_eq!(parse_request(wire).err(), Some(*expected), "{}", String::from_utf8_lossy(wire));
    }
}

#[test]
fn identical_content_lengths_accepted() {
    let (req, _) = request(b"POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2, 2\r\n\r\nab");
    assert_eq!(req.body, b"ab");
}

#[test]
fn chunked_request_body() {
    let wire = b"POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\nNEXT";
    let (req, used) = request(wire);
    assert_eq!(req.body, b"hello 0123456789");
    assert_eq!(&wire[used..], b"NEXT");
    assert_prefixes_incomplete(&wire[..used], parse_request);
}

#[test]
fn chunked_request_round_trip() {
    let wire = b"POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    let (req, _) = request(wire);
    let encoded = encode_request(&req).unwrap();
    assert_eq!(encoded, b"POST /up HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n");
    assert_eq!(request(&encoded).0, req);
}

#[test]
fn head_limits() {
    // 100 fields are fine, 101 are not.
    let mut wire = b"GET / HTTP/1.1\r\n".to_vec();
    for i in 0..MAX_HEADERS {
        wire.extend_from_slice(format!("x-{i}: {i}\r\n").as_bytes());
    }
    let mut complete = wire.clone();
    complete.extend_from_slice(b"\r\n");
    assert_eq!(request(&complete).0.headers.len(), MAX_HEADERS);
    wire.extend_from_slice(b"x-last: 1\r\n\r\n");
    assert_eq!(parse_request(&wire).err(), Some(ParseError::TooManyHeaders));

    // A head that never ends stops growing at the limit.
    let mut long = b"GET / HTTP/1.1\r\nx-big: ".to_vec();
    long.resize(MAX_HEAD_BYTES - 1, b'a');
    assert!(matches!(parse_request(&long), Ok(None)));
    long.push(b'a');
    assert_eq!(parse_request(&long).err(), Some(ParseError::HeadTooLarge));
    assert_eq!(parse_response(&long).err(), Some(ParseError::InvalidVersion));
    let mut long_response = b"HTTP/1.1 200 OK\r\nx-big: ".to_vec();
    long_response.resize(MAX_HEAD_BYTES + 10, b'a');
    assert_eq!(parse_response(&long_response).err(), Some(ParseError::HeadTooLarge));

    // Just under the limit is accepted.
    let mut fits = b"GET / HTTP/1.1\r\nx-big: ".to_vec();
    fits.resize(MAX_HEAD_BYTES - 4, b'a');
    fits.extend_from_slice(b"\r\n\r\n");
    assert_eq!(request(&fits).1, MAX_HEAD_BYTES);
}

const RESPONSE: &[u8] = b"HTTP/1.1 404 Not Found Here\r\nLocation: http://x/y\r\nDate: Mon, 01 Jan 2024 10:00:00 GMT\r\nSet-Cookie: a=1\r\nContent-Length: 4\r\nset-cookie: b=2\r\nSet-Cookie: c=3\r\n\r\nbody";

#[test]
fn response_head() {
    let (resp, head_len) = response(RESPONSE);
    assert_eq!(&RESPONSE[head_len..], b"body");
    assert_eq!(resp.version, Version::Http11);
    assert_eq!(resp.status, 404);
    assert_eq!(resp.status_text, "Not Found Here");
    assert_eq!(resp.framing, BodyFraming::Length(4));
    let grouped = resp.headers.grouped();
    assert_eq!(grouped[0], ("Location", "http://x/y".to_owned()));
    assert_eq!(grouped[1], ("Date", "Mon, 01 Jan 2024 10:00:00 GMT".to_owned()));
    assert_eq!(grouped[2], ("Set-Cookie", "a=1, c=3".to_owned()), "names kept as sent");
    assert_eq!(grouped[4], ("set-cookie", "b=2".to_owned()));
    assert_prefixes_incomplete(RESPONSE, parse_response);
}

#[test]
fn response_framing() {
    let framing = |wire: &[u8]| response(wire).0.framing;
    assert_eq!(framing(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), BodyFraming::Chunked);
    assert_eq!(framing(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"), BodyFraming::Chunked);
    assert_eq!(
        framing(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
        BodyFraming::Chunked
    );
    assert_eq!(framing(b"HTTP/1.1 200 OK\r\n\r\n"), BodyFraming::UntilClose);
    assert_eq!(framing(b"HTTP/1.0 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"), BodyFraming::UntilClose);
    assert_eq!(framing(b"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"), BodyFraming::Length(0));
    assert_eq!(framing(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"), BodyFraming::Length(0));
    assert_eq!(framing(b"HTTP/1.1 100 Continue\r\n\r\n"), BodyFraming::Length(0));
    // Content-Length responses are complete only with the whole body.
    assert!(matches!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab"), Ok(None)));
}

#[test]
fn response_status_line_variants() {
    assert_eq!(response(b"HTTP/1.1 200\r\n\r\n").0.status_text, "");
    assert_eq!(response(b"HTTP/1.0  201  Created  \r\n\r\n").0.status_text, "Created");
    assert_eq!(response("HTTP/1.1 200 Très bien\r\n\r\n".as_bytes()).0.status_text, "Très bien");
    let errors: &[(&[u8], ParseError)] = &[
        (b"HTTP/1.1 2000 OK\r\n\r\n", ParseError::InvalidStatusCode),
        (b"HTTP/1.1 abc OK\r\n\r\n", ParseError::InvalidStatusCode),
        (b"HTTP/1.1 099 Low\r\n\r\n", ParseError::InvalidStatusCode),
        (b"HTTP/3 200 OK\r\n\r\n", ParseError::InvalidVersion),
        (b"HTTP/1.1 200 OK\r\nbad header\r\n\r\n", ParseError::InvalidHeaders),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", ParseError::InvalidHeaders),
    ];
    for (wire, expected) in errors {
        assert_eq!(parse_response(wire).err(), Some(*expected), "{}", String::from_utf8_lossy(wire));
    }
}

#[test]
fn chunks() {
    let body =
        b"4\r\nWiki\r\n5;name=value\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n";
    let mut position = 0;
    let mut data = Vec::new();
    loop {
        let (chunk, used) = parse_chunk(&body[position..]).unwrap().unwrap();
        // Each chunk is incomplete at every earlier cut.
        assert_prefixes_incomplete(&body[position..position + used], parse_chunk);
        match chunk {
            Chunk::Data { start, end } => data.extend_from_slice(&body[position + start..position + end]),
            Chunk::Last => {
                position += used;
                break;
            }
        }
        position += used;
    }
    assert_eq!(position, body.len());
    assert_eq!(data, b"Wikipedia in\r\n\r\nchunks.");
    assert_eq!(parse_chunk(b"0\r\n\r\n"), Ok(Some((Chunk::Last, 5))));
    assert_eq!(parse_chunk(b"0\n\n"), Ok(Some((Chunk::Last, 3))));
    assert_eq!(parse_chunk(b" 2 \r\nab\nX"), Ok(Some((Chunk::Data { start: 5, end: 7 }, 8))));
}

#[test]
fn chunk_errors() {
    let cases: &[&[u8]] = &[
        b"zz\r\n",
        b"\r\n",
        b";ext\r\n",
        b"1 2\r\n",
        b"2\r\nabX",
        b"2\rX",
        b"1234567890abcdef0\r\n",
        b"0\r\nbad trailer\r\n\r\n",
    ];
    for wire in cases {
        assert_eq!(parse_chunk(wire), Err(ParseError::InvalidChunk), "{}", String::from_utf8_lossy(wire));
    }
    // A size line that never ends is refused at the limit instead of buffered forever.
    let mut long = b"1;".to_vec();
    long.resize(MAX_CHUNK_LINE_BYTES - 1, b'x');
    assert_eq!(parse_chunk(&long), Ok(None));
    long.push(b'x');
    assert_eq!(parse_chunk(&long), Err(ParseError::InvalidChunk));
    // A huge announced size waits for data; it allocates nothing.
    assert_eq!(parse_chunk(b"fffffffffffffff\r\nab"), Ok(None));
}

#[test]
fn encode_request_format() {
    let mut req = Request { method: Method::Post, uri: "/post?a=123".into(), ..Request::default() };
    req.headers.append("host", "127.0.0.1:8001");
    req.headers.append("accept", "a");
    req.headers.append("accept", "b");
    req.body = b"hello".to_vec();
    let wire = encode_request(&req).unwrap();
    assert_eq!(
        wire,
        b"POST /post?a=123 HTTP/1.0\r\nhost: 127.0.0.1:8001\r\naccept: a\r\naccept: b\r\nContent-Length: 5\r\n\r\nhello"
    );
    let (parsed, used) = request(&wire);
    assert_eq!(used, wire.len());
    assert_eq!(parsed.body, req.body);
    assert_eq!(parsed.headers.len(), 4);

    // An explicit content-length field is not doubled; an empty body adds nothing.
    req.headers.append("Content-Length", "5");
    let wire = encode_request(&req).unwrap();
    assert_eq!(String::from_utf8_lossy(&wire).matches("ength: 5").count(), 1);
    let empty = Request::default();
    assert_eq!(encode_request(&empty).unwrap(), b"GET / HTTP/1.0\r\n\r\n", "empty target sent as /");
}

#[test]
fn encode_refuses_injection() {
    let mut req = Request { uri: "/a b".into(), ..Request::default() };
    assert!(matches!(encode_request(&req), Err(EncodeError::InvalidUri(_))));
    req.uri = "/".into();
    req.headers.append("x", "1\r\nEvil: 1");
    assert!(matches!(encode_request(&req), Err(EncodeError::InvalidHeaderValue(_))));
    let mut req = Request { uri: "/".into(), ..Request::default() };
    req.headers.append("bad name", "1");
    assert!(matches!(encode_request(&req), Err(EncodeError::InvalidHeaderName(_))));
    let resp = Response { status_text: "OK\r\n".into(), ..Response::default() };
    assert!(matches!(encode_response_head(&resp), Err(EncodeError::InvalidStatusText(_))));
}

#[test]
fn encode_response_format() {
    let mut resp = Response::default();
    assert_eq!(encode_response_head(&resp).unwrap(), b"HTTP/1.0 200 OK\r\n\r\n");
    resp.headers.append("Content-Type", "text/plain");
    resp.headers.append("content-length", "99");
    resp.framing = BodyFraming::Length(4);
    assert_eq!(
        encode_response_head(&resp).unwrap(),
        b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\n"
    );
    resp.framing = BodyFraming::Chunked;
    resp.version = Version::Http11;
    resp.status = 201;
    resp.status_text = String::new();
    assert_eq!(
        encode_response_head(&resp).unwrap(),
        b"HTTP/1.1 201 \r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    // Without framing of its own, the script's fields are written as they are.
    resp.framing = BodyFraming::Length(0);
    assert!(String::from_utf8_lossy(&encode_response_head(&resp).unwrap()).contains("content-length: 99"));
}

#[test]
fn chunk_encoding_round_trip() {
    let mut wire = encode_chunk(b"hello");
    assert_eq!(wire, b"5\r\nhello\r\n");
    assert!(encode_chunk(b"").is_empty());
    wire.extend_from_slice(&encode_chunk(&[7u8; 300]));
    wire.extend_from_slice(LAST_CHUNK);
    let (first, used) = parse_chunk(&wire).unwrap().unwrap();
    assert_eq!(first, Chunk::Data { start: 3, end: 8 });
    let (second, used2) = parse_chunk(&wire[used..]).unwrap().unwrap();
    assert_eq!(second, Chunk::Data { start: 5, end: 305 });
    assert_eq!(parse_chunk(&wire[used + used2..]), Ok(Some((Chunk::Last, LAST_CHUNK.len()))));
}

#[test]
fn response_round_trip() {
    let mut resp = Response {
        version: Version::Http11,
        status: 418,
        status_text: "I'm a teapot".into(),
        ..Response::default()
    };
    resp.headers.append("X-Colon", "a:b:c");
    resp.framing = BodyFraming::Length(3);
    let mut wire = encode_response_head(&resp).unwrap();
    wire.extend_from_slice(b"tea");
    let (parsed, head_len) = response(&wire);
    assert_eq!(&wire[head_len..], b"tea");
    assert_eq!(parsed.status_text, "I'm a teapot");
    assert_eq!(parsed.headers.get("x-colon").as_deref(), Some("a:b:c"));
    assert_eq!(parsed.framing, BodyFraming::Length(3));
}

#[test]
fn headers_set_replaces_in_place() {
    let mut headers = Headers::new();
    headers.append("a", "1");
    headers.append("B", "2");
    headers.append("c", "3");
    headers.append("b", "4");
    headers.set("b", "5");
    let grouped = headers.grouped();
    assert_eq!(grouped, vec![("a", "1".into()), ("b", "5".into()), ("c", "3".into())]);
    headers.remove("A");
    assert_eq!(headers.len(), 2);
    assert_eq!(headers.get("missing"), None);
}
