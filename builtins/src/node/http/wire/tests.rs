use super::*;

fn scan_all(bytes: &[u8]) -> Result<Option<usize>, WireError> {
    HeadScanner::default().scan(bytes, DEFAULT_MAX_HEAD_BYTES, true)
}

fn head(text: &str) -> Result<RequestHead, WireError> {
    let bytes = text.as_bytes();
    let len = scan_all(bytes)?.expect("a complete head");
    parse_request_head(&bytes[..len])
}

#[test]
fn finds_the_head_end_however_it_is_split() {
    let message = b"GET /a HTTP/1.1\r\nHost: x\r\nX-Long: abc\r\n\r\nBODY";
    let mut scanner = HeadScanner::default();
    let mut found = None;
    for end in 1..=message.len() {
        if let Some(len) = scanner.scan(&message[..end], DEFAULT_MAX_HEAD_BYTES, true).unwrap() {
            found = Some((end, len));
            break;
        }
    }
    assert_eq!(found, Some((message.len() - 4, message.len() - 4)));
}

#[test]
fn bare_lf_and_oversized_heads_are_refused_early() {
    assert_eq!(scan_all(b"GET / HTTP/1.1\nHost: x\r\n").unwrap_err().status, 400);
    assert_eq!(scan_all(b"GET / HTTP/1.1\r\nHost: x\n\n").unwrap_err().code, "HPE_LF_EXPECTED");
    // Over the limit while incomplete, and over the limit although complete in one read.
    let big = format!("GET / HTTP/1.1\r\nHost: x\r\nX: {}\r\n", "a".repeat(70_000));
    assert_eq!(scan_all(big.as_bytes()).unwrap_err().status, 431);
    let complete = format!("{big}\r\n");
    assert_eq!(scan_all(complete.as_bytes()).unwrap_err().status, 431);
    // A head just under the limit is fine.
    let fits = format!("GET / HTTP/1.1\r\nHost: x\r\nX: {}\r\n\r\n", "a".repeat(60_000));
    assert!(head(&fits).is_ok());
}

#[test]
fn request_heads() {
    let h = head("POST /p?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!((h.method.as_str(), h.target.as_str(), h.minor), ("POST", "/p?q=1", 1));
    assert_eq!(h.framing, Framing::Length(5));
    assert!(!h.keep_alive);
    let h = head("GET / HTTP/1.0\r\n\r\n").unwrap();
    assert!(!h.keep_alive);
    let h = head("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").unwrap();
    assert!(h.keep_alive);
    let h = head("PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nExpect: 100-continue\r\n\r\n").unwrap();
    assert_eq!((h.framing, h.expect), (Framing::Chunked, Expect::Continue));
    assert_eq!(h.headers[1], ("Transfer-Encoding".to_string(), b"gzip, chunked".to_vec()));
}

#[test]
fn smuggling_and_malformed_heads_are_400() {
    for bad in [
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \x0bchunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A : one\r\n\r\n",
        "GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /\0 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /caf\u{e9} HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.9\r\nHost: x\r\n\r\n",
        "GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n",
        "G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        let error = head(bad).expect_err(bad);
        assert_eq!(error.status, 400, "{bad:?}: {error:?}");
    }
}

#[test]
fn many_header_fields() {
    let mut text = String::from("GET / HTTP/1.1\r\nHost: x\r\n");
    for i in 0..1500 {
        text.push_str(&format!("X-{i}: v\r\n"));
    }
    text.push_str("\r\n");
    assert_eq!(head(&text).unwrap().headers.len(), 1501);
    let mut text = String::from("GET / HTTP/1.1\r\nHost: x\r\n");
    for i in 0..3000 {
        text.push_str(&format!("X{i}:v\r\n"));
    }
    text.push_str("\r\n");
    assert_eq!(head(&text).unwrap_err().status, 431);
}

fn decode_pieces(framing: Framing, pieces: &[&[u8]], strict: bool) -> Result<(Vec<u8>, usize, bool), WireError> {
    let mut decoder = BodyDecoder::new(framing, strict, 1024);
    let mut out = Vec::new();
    let mut used = 0;
    for piece in pieces {
        let d = decoder.decode(piece, Some(&mut out))?;
        used += d.used;
        if d.done {
            return Ok((out, used, true));
        }
    }
    Ok((out, used, false))
}

#[test]
fn chunked_bodies_in_any_split() {
    let body = b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\nNEXT";
    let (out, used, done) = decode_pieces(Framing::Chunked, &[body], true).unwrap();
    assert_eq!((out.as_slice(), used, done), (&b"hello world"[..], body.len() - 4, true));
    // Byte by byte gives the same result.
    let pieces: Vec<&[u8]> = body.chunks(1).collect();
    let (out, used, done) = decode_pieces(Framing::Chunked, &pieces, true).unwrap();
    assert_eq!((out.as_slice(), used, done), (&b"hello world"[..], body.len() - 4, true));
    let mut decoder = BodyDecoder::new(Framing::Chunked, true, 1024);
    decoder.decode(body, None).unwrap();
    assert_eq!(decoder.trailers(), vec![("X-Trailer".to_string(), b"t".to_vec())]);
    // No trailers.
    let (out, _, done) = decode_pieces(Framing::Chunked, &[b"1\r\na\r\n0\r\n\r\n"], true).unwrap();
    assert_eq!((out.as_slice(), done), (&b"a"[..], true));
}

#[test]
fn one_byte_chunks_are_cheap_and_exact() {
    let mut body = Vec::new();
    for _ in 0..100_000 {
        body.extend_from_slice(b"1\r\nx\r\n");
    }
    body.extend_from_slice(b"0\r\n\r\n");
    let (out, used, done) = decode_pieces(Framing::Chunked, &[&body], true).unwrap();
    assert_eq!((out.len(), used, done), (100_000, body.len(), true));
}

#[test]
fn bad_chunked_bodies() {
    for bad in [&b"x\r\n"[..], b"5\nhello\r\n", b"5\r\nhelloXX", b"fffffffffffffffff\r\n", b"5 x\r\n", b"\r\n"] {
        assert!(decode_pieces(Framing::Chunked, &[bad], true).is_err(), "{:?}", String::from_utf8_lossy(bad));
    }
    // Lenient (responses): bare LF accepted.
    let (out, _, done) = decode_pieces(Framing::Chunked, &[b"5\nhello\n0\n\n"], false).unwrap();
    assert_eq!((out.as_slice(), done), (&b"hello"[..], true));
}

#[test]
fn length_bodies() {
    let (out, used, done) = decode_pieces(Framing::Length(5), &[b"he", b"llo!!"], true).unwrap();
    assert_eq!((out.as_slice(), used, done), (&b"hello"[..], 5, true));
    assert!(BodyDecoder::new(Framing::Length(0), true, 0).is_done());
}

#[test]
fn response_heads_and_framing() {
    let h = parse_response_head(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n").unwrap();
    assert_eq!((h.status, h.reason.as_str(), h.keep_alive), (200, "OK", true));
    assert_eq!(h.framing("GET").unwrap(), Framing::Length(3));
    assert_eq!(h.framing("HEAD").unwrap(), Framing::Length(0));
    let h = parse_response_head(b"HTTP/1.0 200 OK\r\n\r\n").unwrap();
    assert_eq!((h.keep_alive, h.framing("GET").unwrap()), (false, Framing::UntilClose));
    let h = parse_response_head(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 9\r\n\r\n").unwrap();
    assert_eq!(h.framing("GET").unwrap(), Framing::Chunked);
    let h = parse_response_head(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!((h.keep_alive, h.framing("GET").unwrap()), (false, Framing::Length(0)));
    assert!(parse_response_head(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").unwrap().framing("GET").is_err());
}

#[test]
fn dates() {
    assert_eq!(format_http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(format_http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    assert_eq!(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}
