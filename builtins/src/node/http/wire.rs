//! HTTP/1.1 on the wire for the `http` engine, in plain Rust on `httparse` (no JavaScript engine
//! involved, so the fuzz targets can compile it alone).
//!
//! - [`HeadScanner`] finds the end of a message head incrementally: each byte is looked at once,
//!   however the head is split across reads (a client dripping a 64 KiB head byte by byte costs
//!   linear time), and a bare LF or an over-long head is refused as soon as it is seen.
//! - [`parse_request_head`] applies RFC 9112's rules a server must enforce (request smuggling):
//!   `Transfer-Encoding` with `Content-Length`, duplicate or invalid lengths, a final coding that
//!   is not `chunked`, obs-fold, control characters in the target, versions other than 1.0/1.1,
//!   a missing `Host` in HTTP/1.1 — each is a 400 and the connection is closed.
//! - [`BodyDecoder`] decodes Content-Length and chunked bodies as a state machine over whatever
//!   bytes arrived; a body sent in 1-byte chunks costs a few instructions per byte.
//! - [`parse_response_head`] is the client's (more lenient) side; `write_*` encode heads.

use std::{fmt::Write as _, mem::MaybeUninit};

/// Largest head (request line or status line plus fields) accepted by default.
pub const DEFAULT_MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest number of header fields in one head; more is a 431.
pub const MAX_HEADER_FIELDS: usize = 2000;
/// Largest chunk-size line, extensions included.
const MAX_CHUNK_LINE: usize = 4096;
/// Content-Length values above this cannot be represented exactly as a JavaScript number.
pub const MAX_CONTENT_LENGTH: u64 = (1 << 53) - 1;
/// Header fields parsed without a heap allocation for the slots.
const INLINE_FIELDS: usize = 48;

/// Why a request cannot be served; the connection is answered with `status` and closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireError {
    pub status: u16,
    /// Node's parser error code (`HPE_...`), given to `'clientError'` listeners.
    pub code: &'static str,
    pub reason: &'static str,
}

impl WireError {
    const fn bad(code: &'static str, reason: &'static str) -> Self {
        Self { status: 400, code, reason }
    }
}

pub const HEAD_TOO_LARGE: WireError =
    WireError { status: 431, code: "HPE_HEADER_OVERFLOW", reason: "the request head is too large" };
pub const TOO_MANY_FIELDS: WireError =
    WireError { status: 431, code: "HPE_HEADER_OVERFLOW", reason: "too many header fields" };
const BARE_LF: WireError = WireError::bad("HPE_LF_EXPECTED", "a line ends with LF alone (CRLF expected)");

/// Finds the blank line that ends a head, across reads.
#[derive(Debug, Default, Clone)]
pub struct HeadScanner {
    /// Bytes already examined (from the start of the head).
    scanned: usize,
}

impl HeadScanner {
    /// Looks at the new bytes of `buf` (which starts with the head). `Ok(Some(len))`: the head is
    /// `buf[..len]`; `Ok(None)`: more bytes are needed.
    pub fn scan(&mut self, buf: &[u8], max_head: usize, strict: bool) -> Result<Option<usize>, WireError> {
        let mut i = self.scanned;
        while i < buf.len() {
            if buf[i] == b'\n' {
                let cr = i > 0 && buf[i - 1] == b'\r';
                if strict && !cr {
                    return Err(BARE_LF);
                }
                let end = i + 1;
                // CRLF CRLF, or (lenient) LF LF / LF CRLF.
                let blank = if cr { i >= 3 && &buf[i - 3..i - 1] == b"\r\n" || (!strict && i >= 2 && buf[i - 2] == b'\n') } else { i >= 1 && buf[i - 1] == b'\n' };
                if blank {
                    if end > max_head {
                        return Err(HEAD_TOO_LARGE);
                    }
                    self.scanned = 0;
                    return Ok(Some(end));
                }
            }
            i += 1;
        }
        self.scanned = buf.len();
        if buf.len() >= max_head {
            return Err(HEAD_TOO_LARGE);
        }
        Ok(None)
    }
}

/// Bytes to skip at the start of a request: the empty lines (CRLF) a client may send between
/// messages (RFC 9112 §2.2).
pub fn leading_empty_lines(buf: &[u8]) -> usize {
    let mut n = 0;
    while buf[n..].starts_with(b"\r\n") {
        n += 2;
    }
    n
}

/// How a message body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Exactly this many bytes (zero: no body).
    Length(u64),
    Chunked,
    /// Until the peer closes (responses only).
    UntilClose,
}

/// What `Expect` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Nothing,
    Continue,
    Other,
}

/// A parsed and validated request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHead {
    pub method: String,
    pub target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
    /// Field names as sent, values as raw bytes (obs-text is Latin-1, as Node reads it).
    pub headers: Vec<(String, Vec<u8>)>,
    pub framing: Framing,
    /// The client allows the connection to stay open after this exchange.
    pub keep_alive: bool,
    pub expect: Expect,
}

/// Parses the complete head `head` (as found by [`HeadScanner`]).
pub fn parse_request_head(head: &[u8]) -> Result<RequestHead, WireError> {
    let mut inline: [MaybeUninit<httparse::Header<'_>>; INLINE_FIELDS] = [const { MaybeUninit::uninit() }; INLINE_FIELDS];
    let mut request = httparse::Request::new(&mut []);
    let config = httparse::ParserConfig::default();
    let parsed = config.parse_request_with_uninit_headers(&mut request, head, &mut inline);
    match parsed {
        Err(httparse::Error::TooManyHeaders) => {
            let mut many = Vec::with_capacity(MAX_HEADER_FIELDS);
            many.resize_with(MAX_HEADER_FIELDS, MaybeUninit::uninit);
            let mut request = httparse::Request::new(&mut []);
            let parsed = config.parse_request_with_uninit_headers(&mut request, head, &mut many);
            request_from(parsed, &request)
        }
        _ => request_from(parsed, &request),
    }
}

fn request_from(parsed: httparse::Result<usize>, request: &httparse::Request<'_, '_>) -> Result<RequestHead, WireError> {
    match parsed {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(WireError::bad("HPE_INVALID_CONSTANT", "the request head is incomplete")),
        Err(error) => return Err(request_error(error)),
    }
    let method = request.method.unwrap_or_default();
    let target = request.path.unwrap_or_default();
    if target.bytes().any(|b| !(0x21..0x7f).contains(&b)) {
        return Err(WireError::bad("HPE_INVALID_URL", "invalid character in the request target"));
    }
    let minor = match request.version {
        Some(minor @ (0 | 1)) => minor,
        _ => return Err(WireError::bad("HPE_INVALID_VERSION", "unsupported HTTP version")),
    };

    let mut headers = Vec::with_capacity(request.headers.len());
    let mut content_length: Option<u64> = None;
    let mut transfer_codings: Vec<&[u8]> = Vec::new();
    let mut has_transfer_encoding = false;
    let mut hosts = 0;
    let mut close = false;
    let mut keep_alive_token = false;
    let mut expect = Expect::Nothing;
    for field in request.headers.iter() {
        let name = field.name;
        let value = trim_blanks(field.value);
        if name.eq_ignore_ascii_case("content-length") {
            if content_length.is_some() {
                return Err(WireError::bad("HPE_UNEXPECTED_CONTENT_LENGTH", "duplicate Content-Length"));
            }
            content_length = Some(parse_length(value)?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            has_transfer_encoding = true;
            transfer_codings.extend(list_items(value));
        } else if name.eq_ignore_ascii_case("host") {
            hosts += 1;
        } else if name.eq_ignore_ascii_case("connection") {
            for token in list_items(value) {
                close |= token.eq_ignore_ascii_case(b"close");
                keep_alive_token |= token.eq_ignore_ascii_case(b"keep-alive");
            }
        } else if name.eq_ignore_ascii_case("expect") {
            expect = if value.eq_ignore_ascii_case(b"100-continue") { Expect::Continue } else { Expect::Other };
        }
        headers.push((name.to_owned(), value.to_vec()));
    }
    if minor == 1 && hosts != 1 {
        return Err(WireError::bad("HPE_INVALID_HEADER_TOKEN", if hosts == 0 { "missing Host header" } else { "more than one Host header" }));
    }
    let framing = if has_transfer_encoding {
        if content_length.is_some() {
            return Err(WireError::bad("HPE_UNEXPECTED_CONTENT_LENGTH", "both Transfer-Encoding and Content-Length"));
        }
        if minor == 0 {
            // RFC 9112 §6.1: chunked is not defined for HTTP/1.0.
            return Err(WireError::bad("HPE_INVALID_TRANSFER_ENCODING", "Transfer-Encoding in an HTTP/1.0 request"));
        }
        let chunked_count = transfer_codings.iter().filter(|c| c.eq_ignore_ascii_case(b"chunked")).count();
        let last_is_chunked = transfer_codings.last().is_some_and(|c| c.eq_ignore_ascii_case(b"chunked"));
        if !last_is_chunked || chunked_count != 1 || transfer_codings.iter().any(|c| !c.iter().all(|b| is_tchar(*b))) {
            return Err(WireError::bad("HPE_INVALID_TRANSFER_ENCODING", "invalid Transfer-Encoding"));
        }
        Framing::Chunked
    } else {
        Framing::Length(content_length.unwrap_or(0))
    };
    let keep_alive = !close && (minor == 1 || keep_alive_token);
    Ok(RequestHead { method: method.to_owned(), target: target.to_owned(), minor, headers, framing, keep_alive, expect })
}

fn request_error(error: httparse::Error) -> WireError {
    match error {
        httparse::Error::HeaderName => WireError::bad("HPE_INVALID_HEADER_TOKEN", "invalid header field name (or obs-fold)"),
        httparse::Error::HeaderValue => WireError::bad("HPE_INVALID_HEADER_TOKEN", "invalid character in a header value"),
        httparse::Error::NewLine => WireError::bad("HPE_LF_EXPECTED", "a line ends with CR alone"),
        httparse::Error::Token => WireError::bad("HPE_INVALID_METHOD", "invalid request line"),
        httparse::Error::Version => WireError::bad("HPE_INVALID_VERSION", "unsupported HTTP version"),
        httparse::Error::TooManyHeaders => TOO_MANY_FIELDS,
        httparse::Error::Status => WireError::bad("HPE_INVALID_CONSTANT", "invalid request line"),
    }
}

/// A Content-Length value: decimal digits only, within JavaScript's exact integers.
fn parse_length(value: &[u8]) -> Result<u64, WireError> {
    const INVALID: WireError = WireError::bad("HPE_INVALID_CONTENT_LENGTH", "invalid Content-Length");
    if value.is_empty() || value.len() > 16 || !value.iter().all(u8::is_ascii_digit) {
        return Err(INVALID);
    }
    let length = value.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    if length > MAX_CONTENT_LENGTH { Err(INVALID) } else { Ok(length) }
}

/// The comma-separated items of a field value, blanks trimmed, empty items skipped.
fn list_items(value: &[u8]) -> impl Iterator<Item = &[u8]> {
    value.split(|b| *b == b',').map(trim_blanks).filter(|item| !item.is_empty())
}

fn trim_blanks(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// tchar of RFC 9110 §5.6.2.
pub fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// A field value may hold HTAB, visible ASCII, SP and obs-text, never CR, LF or NUL.
pub fn is_field_value_byte(byte: u8) -> bool {
    byte == b'\t' || (0x20..0x7f).contains(&byte) || byte >= 0x80
}

// ------------------------------------------------------------------------------------------------
// Bodies.

/// Decodes one message body from the bytes that arrive, a piece at a time.
#[derive(Debug, Clone)]
pub struct BodyDecoder {
    state: BodyState,
    strict: bool,
    /// Chunk-size line or trailer bytes seen so far (bounded).
    line: usize,
    trailers: Vec<u8>,
    max_trailers: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyState {
    Length(u64),
    UntilClose,
    /// Reading a chunk-size line: the size so far and how many digits it had.
    Size { size: u64, digits: u8 },
    /// After the digits: blanks before `;` or the line end.
    SizeBlanks { size: u64 },
    Extension { size: u64 },
    SizeLf { size: u64 },
    Data(u64),
    DataCr,
    DataLf,
    /// Reading the trailer section (after the last chunk).
    Trailers,
    Done,
}

/// What one call to [`BodyDecoder::decode`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    /// Input bytes used (the rest belongs to the next message).
    pub used: usize,
    /// The body is complete.
    pub done: bool,
}

impl BodyDecoder {
    pub fn new(framing: Framing, strict: bool, max_trailers: usize) -> Self {
        let state = match framing {
            Framing::Length(0) => BodyState::Done,
            Framing::Length(n) => BodyState::Length(n),
            Framing::Chunked => BodyState::Size { size: 0, digits: 0 },
            Framing::UntilClose => BodyState::UntilClose,
        };
        Self { state, strict, line: 0, trailers: Vec::new(), max_trailers }
    }

    pub fn is_done(&self) -> bool {
        self.state == BodyState::Done
    }

    /// Whether the body runs until the peer closes the connection.
    pub fn until_close(&self) -> bool {
        self.state == BodyState::UntilClose
    }

    /// Body bytes still announced (Content-Length bodies), for back-pressure decisions.
    pub fn remaining_hint(&self) -> Option<u64> {
        match self.state {
            BodyState::Length(n) => Some(n),
            _ => None,
        }
    }

    /// Consumes body bytes from `input`, appending the data to `out` (when given; `None` drops
    /// it, to skip a body nobody reads).
    pub fn decode(&mut self, input: &[u8], mut out: Option<&mut Vec<u8>>) -> Result<Decoded, WireError> {
        const BAD_CHUNK: WireError = WireError::bad("HPE_INVALID_CHUNK_SIZE", "invalid chunked encoding");
        let mut i = 0;
        while i < input.len() {
            match self.state {
                BodyState::Done => break,
                BodyState::UntilClose => {
                    if let Some(out) = out.as_deref_mut() {
                        out.extend_from_slice(&input[i..]);
                    }
                    i = input.len();
                }
                BodyState::Length(remaining) | BodyState::Data(remaining) => {
                    let take = (input.len() - i).min(usize::try_from(remaining).unwrap_or(usize::MAX));
                    if let Some(out) = out.as_deref_mut() {
                        out.extend_from_slice(&input[i..i + take]);
                    }
                    i += take;
                    let left = remaining - take as u64;
                    self.state = match (self.state, left) {
                        (BodyState::Length(_), 0) => BodyState::Done,
                        (BodyState::Length(_), n) => BodyState::Length(n),
                        (_, 0) => BodyState::DataCr,
                        (_, n) => BodyState::Data(n),
                    };
                }
                BodyState::Size { size, digits } => {
                    let byte = input[i];
                    if let Some(value) = (byte as char).to_digit(16) {
                        if digits >= 15 {
                            return Err(BAD_CHUNK);
                        }
                        self.state = BodyState::Size { size: size * 16 + u64::from(value), digits: digits + 1 };
                    } else if digits == 0 {
                        return Err(BAD_CHUNK);
                    } else {
                        self.state = BodyState::SizeBlanks { size };
                        continue; // look at this byte again
                    }
                    self.count_line(1)?;
                    i += 1;
                }
                BodyState::SizeBlanks { size } => {
                    match input[i] {
                        b' ' | b'\t' => {}
                        b';' => self.state = BodyState::Extension { size },
                        b'\r' => self.state = BodyState::SizeLf { size },
                        b'\n' if !self.strict => self.after_size_line(size),
                        _ => return Err(BAD_CHUNK),
                    }
                    self.count_line(1)?;
                    i += 1;
                }
                BodyState::Extension { size } => {
                    // Skip to the CR (extensions are ignored, as RFC 9112 allows).
                    let rest = &input[i..];
                    let stop = rest.iter().position(|b| *b == b'\r' || *b == b'\n').unwrap_or(rest.len());
                    if rest[..stop].iter().any(|b| *b != b'\t' && (*b < 0x20 || *b == 0x7f)) {
                        return Err(BAD_CHUNK);
                    }
                    self.count_line(stop)?;
                    i += stop;
                    if i < input.len() {
                        match input[i] {
                            b'\r' => self.state = BodyState::SizeLf { size },
                            _ if self.strict => return Err(BARE_LF),
                            _ => self.after_size_line(size),
                        }
                        i += 1;
                    }
                }
                BodyState::SizeLf { size } => {
                    if input[i] != b'\n' {
                        return Err(BAD_CHUNK);
                    }
                    i += 1;
                    self.after_size_line(size);
                }
                BodyState::DataCr => {
                    match input[i] {
                        b'\r' => self.state = BodyState::DataLf,
                        b'\n' if !self.strict => self.state = BodyState::Size { size: 0, digits: 0 },
                        _ => return Err(BAD_CHUNK),
                    }
                    i += 1;
                }
                BodyState::DataLf => {
                    if input[i] != b'\n' {
                        return Err(BAD_CHUNK);
                    }
                    i += 1;
                    self.line = 0;
                    self.state = BodyState::Size { size: 0, digits: 0 };
                }
                BodyState::Trailers => {
                    // Collect the trailer section up to its blank line.
                    let rest = &input[i..];
                    let mut scanner = HeadScanner { scanned: self.trailers.len().saturating_sub(3) };
                    let before = self.trailers.len();
                    let room = self.max_trailers.saturating_sub(before) + 1;
                    self.trailers.extend_from_slice(&rest[..rest.len().min(room)]);
                    // A trailer section that is only CRLF ends at once.
                    if self.trailers.starts_with(b"\r\n") || (!self.strict && self.trailers.starts_with(b"\n")) {
                        let end = if self.trailers[0] == b'\r' { 2 } else { 1 };
                        i += end - before;
                        self.trailers.clear();
                        self.state = BodyState::Done;
                        continue;
                    }
                    match scanner.scan(&self.trailers, self.max_trailers, self.strict) {
                        Ok(Some(end)) => {
                            i += end - before;
                            self.trailers.truncate(end);
                            self.state = BodyState::Done;
                        }
                        Ok(None) => i = input.len(),
                        Err(_) => return Err(WireError::bad("HPE_HEADER_OVERFLOW", "invalid or too large trailer section")),
                    }
                }
            }
        }
        Ok(Decoded { used: i, done: self.state == BodyState::Done })
    }

    fn after_size_line(&mut self, size: u64) {
        self.line = 0;
        self.state = if size == 0 { BodyState::Trailers } else { BodyState::Data(size) };
    }

    fn count_line(&mut self, n: usize) -> Result<(), WireError> {
        self.line += n;
        if self.line > MAX_CHUNK_LINE {
            return Err(WireError::bad("HPE_INVALID_CHUNK_SIZE", "chunk-size line too long"));
        }
        Ok(())
    }

    /// The trailer fields, once the body is done (names as sent).
    pub fn trailers(&self) -> Vec<(String, Vec<u8>)> {
        if self.trailers.is_empty() {
            return Vec::new();
        }
        let mut slots = vec![httparse::EMPTY_HEADER; 256];
        match httparse::parse_headers(&self.trailers, &mut slots) {
            Ok(httparse::Status::Complete((_, fields))) => {
                fields.iter().map(|f| (f.name.to_owned(), trim_blanks(f.value).to_vec())).collect()
            }
            _ => Vec::new(),
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Responses (client side).

/// A parsed response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    pub status: u16,
    pub reason: String,
    pub minor: u8,
    pub headers: Vec<(String, Vec<u8>)>,
    /// The server keeps the connection open after this response.
    pub keep_alive: bool,
}

impl ResponseHead {
    /// The body framing of this response to a request with `method` (RFC 9112 §6.3).
    pub fn framing(&self, method: &str) -> Result<Framing, WireError> {
        if method.eq_ignore_ascii_case("HEAD") || self.status < 200 || self.status == 204 || self.status == 304 {
            return Ok(Framing::Length(0));
        }
        let mut codings = Vec::new();
        let mut length = None;
        for (name, value) in &self.headers {
            if name.eq_ignore_ascii_case("transfer-encoding") {
                codings.extend(list_items(value).map(<[u8]>::to_vec));
            } else if name.eq_ignore_ascii_case("content-length") {
                // Repeated identical values are tolerated from servers (RFC 9112 §6.3 rule 5).
                for item in list_items(value) {
                    let parsed = parse_length(item)?;
                    if length.is_some_and(|known| known != parsed) {
                        return Err(WireError::bad("HPE_UNEXPECTED_CONTENT_LENGTH", "conflicting Content-Length"));
                    }
                    length = Some(parsed);
                }
            }
        }
        if !codings.is_empty() {
            // Transfer-Encoding overrides Content-Length (§6.3 rule 3).
            let chunked = codings.last().is_some_and(|c| c.eq_ignore_ascii_case(b"chunked"));
            return Ok(if chunked { Framing::Chunked } else { Framing::UntilClose });
        }
        Ok(length.map_or(Framing::UntilClose, Framing::Length))
    }
}

/// Parses a complete response head.
pub fn parse_response_head(head: &[u8]) -> Result<ResponseHead, WireError> {
    let mut slots = vec![httparse::EMPTY_HEADER; MAX_HEADER_FIELDS];
    let mut response = httparse::Response::new(&mut slots);
    let parsed = httparse::ParserConfig::default()
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .parse_response(&mut response, head);
    match parsed {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err(WireError::bad("HPE_INVALID_CONSTANT", "incomplete response head")),
        Err(httparse::Error::TooManyHeaders) => return Err(TOO_MANY_FIELDS),
        Err(_) => return Err(WireError::bad("HPE_INVALID_CONSTANT", "malformed response head")),
    }
    let status = response.code.unwrap_or(0);
    if !(100..=999).contains(&status) {
        return Err(WireError::bad("HPE_INVALID_STATUS", "invalid status code"));
    }
    let minor = response.version.unwrap_or(1);
    let mut close = false;
    let mut keep_alive_token = false;
    let headers: Vec<(String, Vec<u8>)> = response
        .headers
        .iter()
        .map(|f| {
            let value = trim_blanks(f.value);
            if f.name.eq_ignore_ascii_case("connection") {
                for token in list_items(value) {
                    close |= token.eq_ignore_ascii_case(b"close");
                    keep_alive_token |= token.eq_ignore_ascii_case(b"keep-alive");
                }
            }
            (f.name.to_owned(), value.to_vec())
        })
        .collect();
    let reason = latin1(response.reason.unwrap_or_default().as_bytes());
    Ok(ResponseHead { status, reason, minor, headers, keep_alive: !close && (minor == 1 || keep_alive_token) })
}

/// Bytes read as Latin-1 (how Node reads header values).
pub fn latin1(bytes: &[u8]) -> String {
    if bytes.is_ascii() {
        // SAFETY-free fast path: ASCII is UTF-8.
        return String::from_utf8_lossy(bytes).into_owned();
    }
    bytes.iter().map(|b| char::from(*b)).collect()
}

// ------------------------------------------------------------------------------------------------
// Encoding.

/// The reason phrase of a status code (RFC 9110 and common registrations), or `"unknown"`.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        509 => "Bandwidth Limit Exceeded",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "unknown",
    }
}

/// A short complete response that ends the connection (errors the engine answers by itself).
pub fn error_response(status: u16) -> Vec<u8> {
    format!("HTTP/1.1 {status} {}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", reason_phrase(status)).into_bytes()
}

/// Appends `name: value\r\n`.
pub fn write_field(out: &mut Vec<u8>, name: &[u8], value: &[u8]) {
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// The size line of a chunk of `len` bytes.
pub fn chunk_size_line(out: &mut Vec<u8>, len: usize) {
    let _ = write!(Hex(out), "{len:x}\r\n");
}

/// `fmt::Write` into a byte vector.
struct Hex<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Hex<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Appends a decimal number.
pub fn write_decimal(out: &mut Vec<u8>, n: u64) {
    let _ = write!(Hex(out), "{n}");
}

/// The `Date` header value for now (IMF-fixdate), computed at most once a second.
pub fn http_date() -> std::rc::Rc<str> {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<(u64, std::rc::Rc<str>)> = RefCell::new((u64::MAX, std::rc::Rc::from("")));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.0 != seconds {
            *cache = (seconds, std::rc::Rc::from(format_http_date(seconds)));
        }
        cache.1.clone()
    })
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` for seconds since the Unix epoch.
pub fn format_http_date(seconds: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = seconds / 86_400;
    let rem = seconds % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        day,
        MONTHS[(month - 1) as usize],
        year,
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Year, month (1–12), day (1–31) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests;
