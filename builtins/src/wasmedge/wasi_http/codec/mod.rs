//! The HTTP/1.x wire format behind `wasi_http`, in plain Rust (no JavaScript engine involved).
//!
//! - [`parse_request`], [`parse_response`], [`parse_chunk`]: incremental parsers. Each one is
//!   handed *all* the bytes received so far and answers "complete (here is the message and how
//!   many bytes it used)", "incomplete (call again with more bytes)" or "malformed". They keep no
//!   state between calls, so feeding a message one byte at a time gives the same result as
//!   feeding it at once.
//! - [`encode_request`], [`encode_response_head`], [`encode_chunk`]: the reverse direction.
//!
//! Memory is bounded by the input: a head may not exceed [`MAX_HEAD_BYTES`] nor hold more than
//! [`MAX_HEADERS`] fields, and no declared length (Content-Length, chunk size) is ever used to
//! allocate before the bytes have actually arrived.
//!
//! This module depends only on `httparse` and `smallvec`, so the fuzz targets under `fuzz/`
//! compile it on its own.

mod encode;
mod parse;

pub use encode::{EncodeError, LAST_CHUNK, encode_chunk, encode_request, encode_response_head};
pub use parse::{Chunk, parse_chunk, parse_request, parse_response};

use smallvec::SmallVec;
use std::fmt;

/// Largest accepted message head (request/status line plus header fields), and largest trailer
/// section of a chunked body.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest accepted number of header fields in one head (or trailer section).
pub const MAX_HEADERS: usize = 100;
/// Largest accepted chunk-size line, extensions included.
pub const MAX_CHUNK_LINE_BYTES: usize = 4096;
/// Content-Length values above this cannot be represented exactly as a JavaScript number.
pub const MAX_CONTENT_LENGTH: u64 = (1 << 53) - 1;

/// Why bytes could not be parsed. The names are the ones scripts see as error messages (the
/// reference runtime used the same names for the kinds it had).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    OtherParseError,
    InvalidMethod,
    InvalidUrl,
    InvalidVersion,
    InvalidStatusCode,
    InvalidStatusLine,
    InvalidHeaders,
    InvalidChunk,
    TooManyHeaders,
    HeadTooLarge,
}

impl ParseError {
    /// The name used as the JavaScript error message.
    pub fn name(self) -> &'static str {
        match self {
            Self::OtherParseError => "OtherParseError",
            Self::InvalidMethod => "InvalidMethod",
            Self::InvalidUrl => "InvalidUrl",
            Self::InvalidVersion => "InvalidVersion",
            Self::InvalidStatusCode => "InvalidStatusCode",
            Self::InvalidStatusLine => "InvalidStatusLine",
            Self::InvalidHeaders => "InvalidHeaders",
            Self::InvalidChunk => "InvalidChunk",
            Self::TooManyHeaders => "TooManyHeaders",
            Self::HeadTooLarge => "HeadTooLarge",
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for ParseError {}

/// The request methods `wasi_http` knows (the reference's nine, matched case-sensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Connect,
    Head,
    Options,
    Trace,
    Patch,
}

impl Method {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "GET" => Self::Get,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "DELETE" => Self::Delete,
            "CONNECT" => Self::Connect,
            "HEAD" => Self::Head,
            "OPTIONS" => Self::Options,
            "TRACE" => Self::Trace,
            "PATCH" => Self::Patch,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Connect => "CONNECT",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
            Self::Trace => "TRACE",
            Self::Patch => "PATCH",
        }
    }
}

/// HTTP/1.0 or HTTP/1.1 (the only versions on the wire format this module speaks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Http10,
    Http11,
}

impl Version {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "HTTP/1.0" => Some(Self::Http10),
            "HTTP/1.1" => Some(Self::Http11),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http10 => "HTTP/1.0",
            Self::Http11 => "HTTP/1.1",
        }
    }
}

/// One header field as stored: name and whole value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// Header fields in wire order, duplicates kept. Most messages have few fields, so they live
/// inline without a heap allocation for the list itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(SmallVec<[Header; 8]>);

/// How the repeated values of one field are combined into one string (RFC 9110 §5.3).
pub const VALUE_SEPARATOR: &str = ", ";

impl Headers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Header> {
        self.0.iter()
    }

    /// Appends a field after the existing ones (a duplicate name adds another field).
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push(Header { name: name.into(), value: value.into() });
    }

    /// Removes every field called `name` (ASCII case-insensitively).
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|h| !h.name.eq_ignore_ascii_case(name));
    }

    /// Replaces every field called `name` (ASCII case-insensitively) by one field; it takes the
    /// place of the first one replaced, or goes last.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        let value = value.into();
        match self.0.iter().position(|h| h.name.eq_ignore_ascii_case(&name)) {
            Some(first) => {
                self.0[first] = Header { name: name.clone(), value };
                let mut index = 0;
                self.0.retain(|h| {
                    let keep = index <= first || !h.name.eq_ignore_ascii_case(&name);
                    index += 1;
                    keep
                });
            }
            None => self.append(name, value),
        }
    }

    /// Whether a field called `name` exists (ASCII case-insensitively).
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// The values of every field called `name` (ASCII case-insensitively), in wire order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
    }

    /// All values of `name` combined into one string, or `None` if there is no such field.
    pub fn get(&self, name: &str) -> Option<String> {
        let mut values = self.values(name);
        let first = values.next()?;
        let mut combined = first.to_owned();
        for value in values {
            combined.push_str(VALUE_SEPARATOR);
            combined.push_str(value);
        }
        Some(combined)
    }

    /// One entry per distinct name (compared exactly), in order of first appearance, with the
    /// values of repeated fields combined: the shape of a JavaScript headers object.
    pub fn grouped(&self) -> Vec<(&str, String)> {
        let mut groups: Vec<(&str, String)> = Vec::with_capacity(self.0.len());
        for header in &self.0 {
            match groups.iter_mut().find(|(name, _)| *name == header.name) {
                Some((_, combined)) => {
                    combined.push_str(VALUE_SEPARATOR);
                    combined.push_str(&header.value);
                }
                None => groups.push((&header.name, header.value.clone())),
            }
        }
        groups
    }
}

impl FromIterator<(String, String)> for Headers {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        Self(iter.into_iter().map(|(name, value)| Header { name, value }).collect())
    }
}

/// An HTTP request: parsed from bytes or built by a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    /// The request-target exactly as on the wire (`/path?query`, `*`, `host:port`, an absolute URL).
    pub uri: String,
    pub version: Version,
    /// Names lower-cased.
    pub headers: Headers,
    /// The body, already de-chunked when it was sent with chunked transfer coding.
    pub body: Vec<u8>,
}

impl Default for Request {
    fn default() -> Self {
        Self {
            method: Method::Get,
            uri: String::new(),
            version: Version::Http10,
            headers: Headers::new(),
            body: Vec::new(),
        }
    }
}

/// How the body following a message head is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFraming {
    /// Exactly this many bytes (`Content-Length`, or none at all for e.g. `204`).
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// No length given: the body runs until the peer closes the connection.
    UntilClose,
}

/// An HTTP response head: parsed from bytes or built by a script. The body is not part of it:
/// parsing stops after the head, and encoding appends the body the script supplies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub version: Version,
    pub status: u16,
    pub status_text: String,
    /// Names as on the wire (not lower-cased).
    pub headers: Headers,
    pub framing: BodyFraming,
}

impl Default for Response {
    fn default() -> Self {
        Self {
            version: Version::Http10,
            status: 200,
            status_text: "OK".to_owned(),
            headers: Headers::new(),
            framing: BodyFraming::Length(0),
        }
    }
}

/// The reason phrase the reference runtime assigns when a script sets a status code.
pub fn default_status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "",
    }
}

#[cfg(test)]
mod tests;
