//! Properties the `wasi_http` parsers must have for *any* input, checked by the fuzz targets
//! (`fuzz_targets/*.rs`) and replayed over the kept corpus and regressions by `tests/replay.rs`.
//!
//! For every input: no panic; reported lengths stay inside the input; a complete message is
//! still complete (and identical) when cut right after its last byte, and every shorter prefix
//! of it is merely incomplete (what feeding it one byte at a time relies on); encoding a parsed
//! message and parsing it again gives the same message.

// The codec is compiled here on its own: it depends only on httparse and smallvec.
#[path = "../../builtins/src/wasmedge/wasi_http/codec/mod.rs"]
#[allow(dead_code)]
pub mod codec;

use codec::{
    BodyFraming, Chunk, Headers, LAST_CHUNK, ParseError, encode_chunk, encode_request, encode_response_head,
    parse_chunk, parse_request, parse_response,
};

/// Messages up to this size have every prefix re-parsed; longer ones a sample of prefixes.
const ALL_PREFIXES_LIMIT: usize = 1024;

fn prefix_cuts(length: usize) -> Vec<usize> {
    if length <= ALL_PREFIXES_LIMIT {
        (0..length).collect()
    } else {
        let mut cuts: Vec<usize> = (0..64).chain(length - 64..length).collect();
        cuts.extend((1..64).map(|i| length * i / 64));
        cuts
    }
}

fn assert_prefixes_incomplete<T: std::fmt::Debug>(
    message: &[u8],
    parse: fn(&[u8]) -> Result<Option<T>, ParseError>,
    what: &str,
) {
    for cut in prefix_cuts(message.len()) {
        let result = parse(&message[..cut]);
        assert!(
            matches!(result, Ok(None)),
            "{what}: prefix of {cut} of a complete {}-byte message gave {result:?}",
            message.len()
        );
    }
}

fn without_framing_fields(headers: &Headers) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|h| {
            !h.name.eq_ignore_ascii_case("content-length")
                && !h.name.eq_ignore_ascii_case("transfer-encoding")
        })
        .map(|h| (h.name.clone(), h.value.clone()))
        .collect()
}

pub fn check_request(data: &[u8]) {
    let Ok(Some((request, used))) = parse_request(data) else { return };
    assert!(used > 0 && used <= data.len(), "used {used} of {}", data.len());
    assert_eq!(parse_request(&data[..used]), Ok(Some((request.clone(), used))), "cut after the message");
    assert_prefixes_incomplete(&data[..used], parse_request, "request");

    let wire = encode_request(&request).expect("a parsed request encodes");
    let (again, again_used) = match parse_request(&wire) {
        Ok(Some(done)) => done,
        other => panic!("re-encoded request {:?} parses as {other:?}", String::from_utf8_lossy(&wire)),
    };
    assert_eq!(again_used, wire.len());
    assert_eq!(
        (again.method, &again.uri, again.version, &again.body),
        (request.method, &request.uri, request.version, &request.body)
    );
    assert_eq!(without_framing_fields(&again.headers), without_framing_fields(&request.headers));
}

pub fn check_response(data: &[u8]) {
    let Ok(Some((response, head_len))) = parse_response(data) else { return };
    assert!(head_len > 0 && head_len <= data.len());
    let needed = match response.framing {
        BodyFraming::Length(length) => head_len + usize::try_from(length).expect("fits: bytes are present"),
        BodyFraming::Chunked | BodyFraming::UntilClose => head_len,
    };
    assert!(needed <= data.len());
    assert_eq!(parse_response(&data[..needed]), Ok(Some((response.clone(), head_len))));
    assert_prefixes_incomplete(&data[..needed], parse_response, "response");

    let mut wire = encode_response_head(&response).expect("a parsed response encodes");
    let encoded_head = wire.len();
    wire.extend_from_slice(&data[head_len..needed]);
    let (again, again_head) = match parse_response(&wire) {
        Ok(Some(done)) => done,
        other => panic!("re-encoded response {:?} parses as {other:?}", String::from_utf8_lossy(&wire)),
    };
    assert_eq!(again_head, encoded_head);
    assert_eq!(
        (again.version, again.status, &again.status_text, again.framing),
        (response.version, response.status, &response.status_text, response.framing)
    );
    assert_eq!(without_framing_fields(&again.headers), without_framing_fields(&response.headers));
}

pub fn check_chunks(data: &[u8]) {
    let mut position = 0;
    let mut body = Vec::new();
    loop {
        let rest = &data[position..];
        let Ok(Some((chunk, used))) = parse_chunk(rest) else { return };
        assert!(used > 0 && used <= rest.len());
        assert_eq!(parse_chunk(&rest[..used]), Ok(Some((chunk, used))));
        assert_prefixes_incomplete(&rest[..used], parse_chunk, "chunk");
        position += used;
        match chunk {
            Chunk::Data { start, end } => {
                assert!(0 < start && start < end && end < used, "{start}..{end} in {used}");
                body.extend_from_slice(&rest[start..end]);
            }
            Chunk::Last => break,
        }
    }
    // The de-chunked body, chunked again by the encoder, decodes to the same bytes.
    let mut wire = encode_chunk(&body);
    wire.extend_from_slice(LAST_CHUNK);
    let mut decoded = Vec::new();
    let mut position = 0;
    loop {
        match parse_chunk(&wire[position..]) {
            Ok(Some((Chunk::Data { start, end }, used))) => {
                decoded.extend_from_slice(&wire[position + start..position + end]);
                position += used;
            }
            Ok(Some((Chunk::Last, used))) => {
                assert_eq!(position + used, wire.len());
                break;
            }
            other => panic!("re-encoded body parses as {other:?}"),
        }
    }
    assert_eq!(decoded, body);
}
