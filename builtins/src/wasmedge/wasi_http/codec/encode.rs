//! Encoders: request, response head, chunks.
//!
//! Fields are written exactly as stored (order, duplicates, case). Text that would break the
//! message framing (CR, LF or NUL inside a value, a header name that is not a token, blanks in
//! the request-target) is refused instead of written, so a script cannot inject a second
//! message by accident.

use std::fmt;
use std::io::Write;

use super::{
    BodyFraming, Headers, Request, Response,
    parse::{final_coding_is_chunked, is_tchar},
};

/// The last chunk of a chunked body, with an empty trailer section.
pub const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

/// Why a message could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeError {
    InvalidHeaderName(String),
    InvalidHeaderValue(String),
    InvalidUri(String),
    InvalidStatusText(String),
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidHeaderName(name) => write!(f, "invalid HTTP header name {name:?}"),
            Self::InvalidHeaderValue(name) => {
                write!(f, "invalid character (CR, LF or NUL) in the value of HTTP header {name:?}")
            }
            Self::InvalidUri(uri) => {
                write!(f, "invalid request target {uri:?} (blanks and control characters are not allowed)")
            }
            Self::InvalidStatusText(text) => {
                write!(f, "invalid character (CR, LF or NUL) in status text {text:?}")
            }
        }
    }
}

impl std::error::Error for EncodeError {}

/// `METHOD uri VERSION`, the fields, `Content-Length` when there is a body and no such field
/// already, the empty line, the body. When the fields say `Transfer-Encoding: ...chunked`, the
/// body is sent chunked instead (and no Content-Length is added), so the message stays valid.
pub fn encode_request(request: &Request) -> Result<Vec<u8>, EncodeError> {
    if request.uri.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(EncodeError::InvalidUri(request.uri.clone()));
    }
    // An empty target is sent as "/" (RFC 9112 §3.2.1); the request line would be invalid.
    let uri = if request.uri.is_empty() { "/" } else { request.uri.as_str() };
    let mut out = Vec::with_capacity(64 + uri.len() + request.body.len());
    write_parts(&mut out, &[request.method.as_str(), " ", uri, " ", request.version.as_str(), "\r\n"]);
    write_headers(&mut out, &request.headers, |_| true)?;
    if final_coding_is_chunked(&request.headers) {
        // The script announced a chunked body: send it that way (as one chunk).
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&encode_chunk(&request.body));
        out.extend_from_slice(LAST_CHUNK);
        return Ok(out);
    }
    if !request.body.is_empty() && !request.headers.contains("content-length") {
        write_length(&mut out, request.body.len() as u64);
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&request.body);
    Ok(out)
}

/// `VERSION status text`, the fields, the framing field, the empty line.
///
/// The framing written follows `response.framing`: `Content-Length` for a non-empty length,
/// `Transfer-Encoding: chunked` for chunked, nothing otherwise. When it writes one, fields of
/// the script with those two names are left out, since only one framing can be true.
pub fn encode_response_head(response: &Response) -> Result<Vec<u8>, EncodeError> {
    if has_line_break(&response.status_text) {
        return Err(EncodeError::InvalidStatusText(response.status_text.clone()));
    }
    let mut out = Vec::with_capacity(64);
    let status = response.status.to_string();
    write_parts(&mut out, &[response.version.as_str(), " ", &status, " ", &response.status_text, "\r\n"]);
    let writes_framing = matches!(response.framing, BodyFraming::Chunked | BodyFraming::Length(1..));
    write_headers(&mut out, &response.headers, |name| {
        !writes_framing
            || !(name.eq_ignore_ascii_case("content-length")
                || name.eq_ignore_ascii_case("transfer-encoding"))
    })?;
    match response.framing {
        BodyFraming::Length(0) | BodyFraming::UntilClose => {}
        BodyFraming::Length(length) => write_length(&mut out, length),
        BodyFraming::Chunked => out.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
    }
    out.extend_from_slice(b"\r\n");
    Ok(out)
}

/// One chunk: size line, data, line end. Empty data gives no bytes at all, because a zero-size
/// chunk would end the body.
pub fn encode_chunk(data: &[u8]) -> Vec<u8> {
    if data.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(data.len() + 20);
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{:x}\r\n", data.len());
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

fn write_parts(out: &mut Vec<u8>, parts: &[&str]) {
    for part in parts {
        out.extend_from_slice(part.as_bytes());
    }
}

fn write_length(out: &mut Vec<u8>, length: u64) {
    write_parts(out, &["Content-Length: ", &length.to_string(), "\r\n"]);
}

fn write_headers(
    out: &mut Vec<u8>,
    headers: &Headers,
    keep: impl Fn(&str) -> bool,
) -> Result<(), EncodeError> {
    for header in headers.iter() {
        if header.name.is_empty() || !header.name.bytes().all(is_tchar) {
            return Err(EncodeError::InvalidHeaderName(header.name.clone()));
        }
        if has_line_break(&header.value) {
            return Err(EncodeError::InvalidHeaderValue(header.name.clone()));
        }
        if keep(&header.name) {
            write_parts(out, &[&header.name, ": ", &header.value, "\r\n"]);
        }
    }
    Ok(())
}

fn has_line_break(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0))
}
