//! Incremental parsers: request, response head, one chunk of a chunked body.

use super::{
    BodyFraming, Headers, MAX_CHUNK_LINE_BYTES, MAX_CONTENT_LENGTH, MAX_HEAD_BYTES, MAX_HEADERS, Method,
    ParseError, Request, Response, Version,
};

/// Parses a whole request (head and body) from the start of `buf`.
///
/// `Ok(None)`: more bytes are needed (head unfinished, or fewer body bytes than announced).
/// `Ok(Some((request, used)))`: complete; `used` bytes belong to it (anything after is the next
/// message). A chunked body is returned de-chunked, once its last chunk has arrived.
pub fn parse_request(buf: &[u8]) -> Result<Option<(Request, usize)>, ParseError> {
    let window = head_window(buf);
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut slots);
    let status = httparse::ParserConfig::default()
        .allow_multiple_spaces_in_request_line_delimiters(true)
        .parse_request(&mut parsed, window)
        .map_err(|error| request_error(error, window))?;
    let head_len = match status {
        httparse::Status::Complete(len) => len,
        httparse::Status::Partial => return incomplete_head(buf),
    };

    let method = parsed.method.ok_or(ParseError::InvalidMethod)?;
    let method = Method::from_name(method).ok_or(ParseError::InvalidMethod)?;
    let uri = parsed.path.ok_or(ParseError::InvalidUrl)?.to_owned();
    let version = http_version(parsed.version)?;
    let headers: Headers =
        parsed.headers.iter().map(|h| (h.name.to_ascii_lowercase(), header_value(h.value))).collect();

    let rest = &buf[head_len..];
    let (body, body_len) = match request_framing(&headers)? {
        BodyFraming::Length(length) => match usize::try_from(length) {
            Ok(length) if length <= rest.len() => (rest[..length].to_vec(), length),
            _ => return Ok(None),
        },
        BodyFraming::Chunked => match dechunk(rest)? {
            Some(done) => done,
            None => return Ok(None),
        },
        BodyFraming::UntilClose => (Vec::new(), 0),
    };

    let request = Request { method, uri, version, headers, body };
    Ok(Some((request, head_len + body_len)))
}

/// Parses a response head from the start of `buf`.
///
/// `Ok(Some((response, head_len)))` once the head is complete and, when it announces a
/// Content-Length, that many body bytes are present too (the reference's rule, which lets a
/// client print the body as soon as `parseResponse()` succeeds). `head_len` counts only the head.
pub fn parse_response(buf: &[u8]) -> Result<Option<(Response, usize)>, ParseError> {
    let window = head_window(buf);
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Response::new(&mut slots);
    let status = httparse::ParserConfig::default()
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .allow_spaces_after_header_name_in_responses(true)
        .parse_response(&mut parsed, window)
        .map_err(response_error)?;
    let head_len = match status {
        httparse::Status::Complete(len) => len,
        httparse::Status::Partial => return incomplete_head(buf),
    };

    let version = http_version(parsed.version)?;
    let status = parsed.code.ok_or(ParseError::InvalidStatusCode)?;
    if status < 100 {
        return Err(ParseError::InvalidStatusCode);
    }
    let status_text = match parsed.reason {
        Some(reason) if !reason.is_empty() => reason.trim_end().to_owned(),
        // httparse hides a reason phrase containing non-ASCII bytes; recover it.
        _ => raw_reason_phrase(window),
    };
    let headers: Headers =
        parsed.headers.iter().map(|h| (h.name.to_owned(), header_value(h.value))).collect();

    let framing = response_framing(status, &headers)?;
    if let BodyFraming::Length(length) = framing
        && ((buf.len() - head_len) as u64) < length
    {
        return Ok(None);
    }
    let response = Response { version, status, status_text, headers, framing };
    Ok(Some((response, head_len)))
}

/// One element of a chunked body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    /// A data chunk; its bytes are `buf[start..end]`.
    Data { start: usize, end: usize },
    /// The last (zero-size) chunk, trailer section included.
    Last,
}

/// Parses one chunk of a chunked body from the start of `buf`: `Ok(Some((chunk, used)))`,
/// `Ok(None)` if more bytes are needed. Chunk extensions are ignored; trailer fields after the
/// last chunk are checked and skipped.
pub fn parse_chunk(buf: &[u8]) -> Result<Option<(Chunk, usize)>, ParseError> {
    let Some((size, line_len)) = chunk_size_line(buf)? else {
        return Ok(None);
    };
    if size == 0 {
        let trailers = &buf[line_len..];
        let window = head_window(trailers);
        let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
        return match httparse::parse_headers(window, &mut slots) {
            Ok(httparse::Status::Complete((len, _))) => Ok(Some((Chunk::Last, line_len + len))),
            Ok(httparse::Status::Partial) if trailers.len() >= MAX_HEAD_BYTES => {
                Err(ParseError::InvalidChunk)
            }
            Ok(httparse::Status::Partial) => Ok(None),
            Err(_) => Err(ParseError::InvalidChunk),
        };
    }
    let size = usize::try_from(size).map_err(|_| ParseError::InvalidChunk)?;
    let end = line_len.checked_add(size).ok_or(ParseError::InvalidChunk)?;
    match buf.get(end..).unwrap_or_default() {
        [] | [b'\r'] => Ok(None),
        [b'\n', ..] => Ok(Some((Chunk::Data { start: line_len, end }, end + 1))),
        [b'\r', b'\n', ..] => Ok(Some((Chunk::Data { start: line_len, end }, end + 2))),
        _ => Err(ParseError::InvalidChunk),
    }
}

/// Decodes a whole chunked body from the start of `buf`: the data and the bytes it used.
fn dechunk(buf: &[u8]) -> Result<Option<(Vec<u8>, usize)>, ParseError> {
    // First find the extent (cheap: data is skipped, not copied) so that an unfinished body
    // costs no allocation of its size.
    let mut pieces = Vec::new();
    let mut position = 0;
    loop {
        match parse_chunk(&buf[position..])? {
            None => return Ok(None),
            Some((Chunk::Data { start, end }, used)) => {
                pieces.push((position + start, position + end));
                position += used;
            }
            Some((Chunk::Last, used)) => {
                position += used;
                break;
            }
        }
    }
    let mut body = Vec::with_capacity(pieces.iter().map(|(start, end)| end - start).sum());
    for (start, end) in pieces {
        body.extend_from_slice(&buf[start..end]);
    }
    Ok(Some((body, position)))
}

/// Reads `SP* 1*HEXDIG SP* [";" extension] (CRLF | LF)`: the size and the line's length.
fn chunk_size_line(buf: &[u8]) -> Result<Option<(u64, usize)>, ParseError> {
    #[derive(PartialEq)]
    enum State {
        Leading,
        Digits,
        AfterDigits,
        Extension,
    }
    let mut state = State::Leading;
    let mut size: u64 = 0;
    let mut digits = 0;
    for (index, &byte) in buf.iter().enumerate().take(MAX_CHUNK_LINE_BYTES) {
        match (byte, &state) {
            (b'\n', State::Digits | State::AfterDigits | State::Extension) => {
                return Ok(Some((size, index + 1)));
            }
            (b'\r', State::Digits | State::AfterDigits | State::Extension) => {
                return match buf.get(index + 1) {
                    None => Ok(None),
                    Some(b'\n') => Ok(Some((size, index + 2))),
                    Some(_) => Err(ParseError::InvalidChunk),
                };
            }
            (_, State::Extension) => {}
            (b' ' | b'\t', State::Leading | State::AfterDigits) => {}
            (b' ' | b'\t', State::Digits) => state = State::AfterDigits,
            (b';', State::Digits | State::AfterDigits) => state = State::Extension,
            (b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F', State::Leading | State::Digits) => {
                // 15 hex digits always fit in a u64; more is never a sensible chunk.
                digits += 1;
                if digits > 15 {
                    return Err(ParseError::InvalidChunk);
                }
                let value = (byte as char).to_digit(16).unwrap_or(0);
                size = size * 16 + u64::from(value);
                state = State::Digits;
            }
            _ => return Err(ParseError::InvalidChunk),
        }
    }
    if buf.len() >= MAX_CHUNK_LINE_BYTES { Err(ParseError::InvalidChunk) } else { Ok(None) }
}

/// The part of `buf` a head must fit in.
fn head_window(buf: &[u8]) -> &[u8] {
    &buf[..buf.len().min(MAX_HEAD_BYTES)]
}

/// An unfinished head: wait for more bytes, unless the limit is already reached.
fn incomplete_head<T>(buf: &[u8]) -> Result<Option<T>, ParseError> {
    if buf.len() >= MAX_HEAD_BYTES { Err(ParseError::HeadTooLarge) } else { Ok(None) }
}

fn http_version(minor: Option<u8>) -> Result<Version, ParseError> {
    match minor {
        Some(0) => Ok(Version::Http10),
        Some(1) => Ok(Version::Http11),
        _ => Err(ParseError::InvalidVersion),
    }
}

/// A header value as a string: surrounding blanks removed, bytes that are not UTF-8 replaced
/// by U+FFFD (header values are text; obs-text is tolerated rather than refused).
fn header_value(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).trim_matches([' ', '\t']).to_owned()
}

fn request_error(error: httparse::Error, window: &[u8]) -> ParseError {
    match error {
        // httparse says `Token` for a bad method and for a bad request-target alike.
        httparse::Error::Token => {
            let start = window.iter().position(|b| !matches!(b, b'\r' | b'\n')).unwrap_or(0);
            let method = window[start..].split(|b| *b == b' ').next().unwrap_or_default();
            let is_token = !method.is_empty() && method.iter().all(|b| is_tchar(*b));
            if is_token { ParseError::InvalidUrl } else { ParseError::InvalidMethod }
        }
        httparse::Error::Version => ParseError::InvalidVersion,
        httparse::Error::HeaderName | httparse::Error::HeaderValue => ParseError::InvalidHeaders,
        httparse::Error::TooManyHeaders => ParseError::TooManyHeaders,
        httparse::Error::NewLine | httparse::Error::Status => ParseError::OtherParseError,
    }
}

fn response_error(error: httparse::Error) -> ParseError {
    match error {
        httparse::Error::Version => ParseError::InvalidVersion,
        httparse::Error::Status => ParseError::InvalidStatusCode,
        httparse::Error::HeaderName | httparse::Error::HeaderValue => ParseError::InvalidHeaders,
        httparse::Error::TooManyHeaders => ParseError::TooManyHeaders,
        httparse::Error::NewLine | httparse::Error::Token => ParseError::InvalidStatusLine,
    }
}

/// The reason phrase read straight from the status line (only needed when it has non-ASCII).
fn raw_reason_phrase(window: &[u8]) -> String {
    let start = window.iter().position(|b| !matches!(b, b'\r' | b'\n')).unwrap_or(0);
    let line = window[start..].split(|b| *b == b'\n').next().unwrap_or_default();
    // Skip "HTTP/1.x", the blanks, the code and the blanks after it.
    let mut fields = line.splitn(2, |b| *b == b' ');
    fields.next();
    let rest = fields.next().unwrap_or_default();
    let rest = trim_leading_spaces(rest);
    let rest = rest.get(3..).unwrap_or_default();
    let reason = trim_leading_spaces(rest);
    String::from_utf8_lossy(reason).trim_end().to_owned()
}

fn trim_leading_spaces(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| **b == b' ').count();
    &bytes[skip..]
}

/// tchar of RFC 9110 §5.6.2.
pub(super) fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// Body framing of a request (RFC 9112 §6.3): chunked, a Content-Length, or no body. Framing a
/// server cannot determine unambiguously is refused (request smuggling guard).
fn request_framing(headers: &Headers) -> Result<BodyFraming, ParseError> {
    let length = content_length(headers)?;
    if headers.contains("transfer-encoding") {
        if length.is_some() || !final_coding_is_chunked(headers) {
            return Err(ParseError::InvalidHeaders);
        }
        return Ok(BodyFraming::Chunked);
    }
    Ok(BodyFraming::Length(length.unwrap_or(0)))
}

/// Body framing of a response (RFC 9112 §6.3): none for 1xx/204/304, chunked, a Content-Length,
/// or until the connection closes.
fn response_framing(status: u16, headers: &Headers) -> Result<BodyFraming, ParseError> {
    if status < 200 || status == 204 || status == 304 {
        return Ok(BodyFraming::Length(0));
    }
    if headers.contains("transfer-encoding") {
        // Transfer-Encoding overrides Content-Length (§6.3 rule 3).
        return Ok(if final_coding_is_chunked(headers) {
            BodyFraming::Chunked
        } else {
            BodyFraming::UntilClose
        });
    }
    Ok(match content_length(headers)? {
        Some(length) => BodyFraming::Length(length),
        None => BodyFraming::UntilClose,
    })
}

/// Whether the last transfer coding named by the Transfer-Encoding fields is `chunked`.
pub(super) fn final_coding_is_chunked(headers: &Headers) -> bool {
    let mut last = None;
    for value in headers.values("transfer-encoding") {
        for coding in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            last = Some(coding);
        }
    }
    last.is_some_and(|coding| coding.eq_ignore_ascii_case("chunked"))
}

/// The Content-Length, if any. Every field and every list element must be the same decimal
/// number (RFC 9112 §6.3 rule 5); anything else is `InvalidHeaders`.
fn content_length(headers: &Headers) -> Result<Option<u64>, ParseError> {
    let mut length = None;
    for value in headers.values("content-length") {
        for item in value.split(',').map(str::trim) {
            if item.is_empty() || !item.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ParseError::InvalidHeaders);
            }
            let parsed: u64 = item.parse().map_err(|_| ParseError::InvalidHeaders)?;
            if parsed > MAX_CONTENT_LENGTH || length.is_some_and(|known| known != parsed) {
                return Err(ParseError::InvalidHeaders);
            }
            length = Some(parsed);
        }
    }
    Ok(length)
}
