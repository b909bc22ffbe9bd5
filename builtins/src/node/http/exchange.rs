//! One request/response exchange on a server connection: the request the engine parsed, the body
//! as it arrives, and the response the script writes. [`HttpExchange`] is its JavaScript handle:
//! `IncomingMessage` and `ServerResponse` (js/http.js) call it for everything per request, so
//! their own objects stay thin.

use std::{
    cell::RefCell,
    collections::VecDeque,
    rc::Rc,
};

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    builtins::promise::ResolvingFunctions,
    class::{Class, ClassBuilder},
    js_string,
    object::builtins::{JsArray, JsPromise},
};
use boa_gc::{Finalize, GcRefCell, Trace};

use super::{
    headers::{HeaderStore, header_object, raw_header_array},
    server::ConnLink,
    wire,
};
use crate::bytes::{chunk_bytes, new_buffer};

/// Response bytes a connection may hold before `write()` returns `false` (and before the engine
/// stops taking pipelined requests): the write back-pressure of Node's `highWaterMark`.
pub const RESPONSE_HIGH_WATER: usize = 64 * 1024;
/// Request body bytes read ahead of a handler that has not asked for them.
pub const BODY_HIGH_WATER: usize = 64 * 1024;
/// An HTTP/1.0 response written in pieces is collected up to this size to send a Content-Length;
/// beyond it, it is sent as it comes and ends with the connection.
const HTTP10_BUFFER_LIMIT: usize = 64 * 1024;

/// How the response body is being framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OutFraming {
    /// Nothing sent yet.
    Undecided,
    Chunked,
    /// Bytes go out as written (the script gave a Content-Length, or the body ends with the
    /// connection).
    Raw,
    /// No body may be sent (HEAD, 1xx, 204, 304): written data is dropped.
    NoBody,
    /// HTTP/1.0 without a length yet: collected until `end()`.
    Collect,
}

/// The request part of an exchange, as parsed.
pub struct RequestInfo {
    pub method: String,
    pub target: String,
    pub minor: u8,
    pub headers: Vec<(String, Vec<u8>)>,
    pub keep_alive: bool,
}

/// State shared by the connection task and the JavaScript handle.
pub struct ExchangeCore {
    pub link: Rc<ConnLink>,
    pub request: RequestInfo,
    /// Most header fields exposed to scripts (`server.maxHeadersCount`).
    pub max_headers_count: usize,
    // Request body.
    pub body: VecDeque<Vec<u8>>,
    pub body_len: usize,
    pub body_done: bool,
    pub trailers: Vec<(String, Vec<u8>)>,
    /// A `pull()` waiting for body bytes.
    pub pull: Option<ResolvingFunctions>,
    /// The client went away before the response ended.
    pub aborted: bool,
    // Response.
    framing: OutFraming,
    pub head_sent: bool,
    pub ended: bool,
    /// Close the connection after this response.
    pub close_after: bool,
    /// `write()` returned false: tell the script when the queue drains.
    pub want_drain: bool,
    collected: Vec<u8>,
    /// The head of a HEAD response waits for `end()`, whose data gives its Content-Length.
    pending_head: Option<(u16, Option<String>, bool)>,
}

impl ExchangeCore {
    pub fn new(link: Rc<ConnLink>, request: RequestInfo, max_headers_count: usize) -> Self {
        Self {
            link,
            request,
            max_headers_count,
            body: VecDeque::new(),
            body_len: 0,
            body_done: false,
            trailers: Vec::new(),
            pull: None,
            aborted: false,
            framing: OutFraming::Undecided,
            head_sent: false,
            ended: false,
            close_after: false,
            want_drain: false,
            collected: Vec::new(),
            pending_head: None,
        }
    }

    fn is_head(&self) -> bool {
        self.request.method == "HEAD"
    }

    /// Whether the connection may serve another request after this one.
    pub fn keeps_alive(&self) -> bool {
        self.request.keep_alive && !self.close_after
    }

    /// Takes every body byte read so far.
    pub fn take_body(&mut self) -> Vec<u8> {
        self.body_len = 0;
        if self.body.len() == 1 {
            return self.body.pop_front().unwrap_or_default();
        }
        let mut all = Vec::with_capacity(self.body.iter().map(Vec::len).sum());
        for piece in self.body.drain(..) {
            all.extend_from_slice(&piece);
        }
        all
    }

    /// Builds the response head; `final_len` is the whole body's length when `end()` is called
    /// before any `write()`.
    fn head(&mut self, head: &HeadArgs, store: &HeaderStore, final_len: Option<usize>, context: &mut Context) -> JsResult<Vec<u8>> {
        let status = head.status;
        let no_body_status = (100..200).contains(&status) || status == 204 || status == 304;
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(if self.request.minor == 0 { b"HTTP/1.0 " } else { b"HTTP/1.1 " });
        wire::write_decimal(&mut out, u64::from(status));
        out.push(b' ');
        match &head.reason {
            Some(reason) => {
                if reason.bytes().any(|b| b == b'\r' || b == b'\n') {
                    return Err(node_type_error("Invalid character in statusMessage", "ERR_INVALID_CHAR", context));
                }
                out.extend_from_slice(reason.as_bytes());
            }
            None => out.extend_from_slice(wire::reason_phrase(status).as_bytes()),
        }
        out.extend_from_slice(b"\r\n");

        let mut has_length = false;
        let mut transfer_chunked = None;
        let mut has_date = false;
        let mut has_connection = false;
        store.for_each_line(|lower, name, value| {
            match lower {
                "content-length" => has_length = true,
                "transfer-encoding" => {
                    let last = value.rsplit(|b| *b == b',').next().map(|c| String::from_utf8_lossy(c).trim().to_ascii_lowercase());
                    transfer_chunked = Some(last.as_deref() == Some("chunked"));
                }
                "date" => has_date = true,
                "connection" => {
                    has_connection = true;
                    if String::from_utf8_lossy(value).split(',').any(|t| t.trim().eq_ignore_ascii_case("close")) {
                        self.close_after = true;
                    }
                }
                _ => {}
            }
            wire::write_field(&mut out, name, value);
        });
        if head.send_date && !has_date {
            wire::write_field(&mut out, b"Date", wire::http_date().as_bytes());
        }

        let no_body = no_body_status || self.is_head();
        self.framing = if no_body {
            OutFraming::NoBody
        } else if has_length {
            OutFraming::Raw
        } else if let Some(chunked) = transfer_chunked {
            if chunked && self.request.minor == 1 {
                // The script announced chunked: frame what it writes that way.
                OutFraming::Chunked
            } else {
                // A coding we do not frame: the body ends with the connection.
                self.close_after = true;
                OutFraming::Raw
            }
        } else if final_len.is_some() {
            OutFraming::Raw
        } else if self.request.minor == 0 {
            OutFraming::Collect
        } else {
            OutFraming::Chunked
        };
        if self.framing == OutFraming::Collect {
            // The head is written at end() (or when the collected body grows too large).
            return Ok(out);
        }
        self.finish_head(&mut out, has_connection, has_length, final_len, no_body_status);
        Ok(out)
    }

    /// Appends the framing and connection fields and the blank line.
    fn finish_head(&mut self, out: &mut Vec<u8>, has_connection: bool, has_length: bool, final_len: Option<usize>, no_body_status: bool) {
        if !has_connection {
            if !self.keeps_alive() || self.link.closing_soon() {
                self.close_after = true;
                out.extend_from_slice(b"Connection: close\r\n");
            } else if self.request.minor == 0 {
                out.extend_from_slice(b"Connection: keep-alive\r\n");
            }
        } else if self.link.closing_soon() {
            self.close_after = true;
        }
        if !has_length && !no_body_status {
            match (self.framing, final_len) {
                (OutFraming::Chunked, _) if !out_has_transfer_encoding(out) => out.extend_from_slice(b"Transfer-Encoding: chunked\r\n"),
                (OutFraming::Raw | OutFraming::NoBody, Some(len)) => {
                    out.extend_from_slice(b"Content-Length: ");
                    wire::write_decimal(out, len as u64);
                    out.extend_from_slice(b"\r\n");
                }
                _ => {}
            }
        }
        out.extend_from_slice(b"\r\n");
    }

    /// Writes part of the response body (and the head first if it is not out yet). Returns
    /// whether the caller may keep writing (the queue is under the high-water mark).
    pub fn write(&mut self, head: &HeadArgs, store: &HeaderStore, data: Vec<u8>, end: bool, context: &mut Context) -> JsResult<bool> {
        if self.ended {
            return Ok(false);
        }
        let mut bytes = Vec::new();
        if !self.head_sent {
            self.head_sent = true;
            let final_len = end.then_some(data.len());
            if self.is_head() && !end {
                // Wait for end(): nothing of a HEAD body is sent anyway.
                self.pending_head = Some((head.status, head.reason.clone(), head.send_date));
                self.framing = OutFraming::NoBody;
            } else {
                bytes = self.head(head, store, final_len, context)?;
            }
        } else if end && self.pending_head.is_some() {
            let (status, reason, send_date) = self.pending_head.take().unwrap_or((200, None, true));
            bytes = self.head(&HeadArgs { status, reason, send_date }, store, None, context)?;
        }
        match self.framing {
            OutFraming::NoBody | OutFraming::Undecided => {}
            OutFraming::Raw => bytes.extend_from_slice(&data),
            OutFraming::Chunked => {
                if !data.is_empty() {
                    wire::chunk_size_line(&mut bytes, data.len());
                    if data.len() > 16 * 1024 {
                        // Large data is not copied: queue it as its own chunk.
                        self.link.send(std::mem::take(&mut bytes));
                        self.link.send(data);
                    } else {
                        bytes.extend_from_slice(&data);
                    }
                    bytes.extend_from_slice(b"\r\n");
                }
                if end {
                    bytes.extend_from_slice(b"0\r\n\r\n");
                }
            }
            OutFraming::Collect => {
                self.collected.extend_from_slice(&data);
                if end || self.collected.len() > HTTP10_BUFFER_LIMIT {
                    let length = end.then_some(self.collected.len());
                    if !end {
                        // Too large to collect: the body ends with the connection.
                        self.close_after = true;
                    }
                    self.framing = OutFraming::Raw;
                    let status = head.status;
                    let no_body_status = (100..200).contains(&status) || status == 204 || status == 304;
                    self.finish_head(&mut bytes, store.has("connection"), false, length, no_body_status);
                    bytes.append(&mut self.collected);
                }
            }
        }
        if end {
            self.ended = true;
        }
        self.link.send(bytes);
        let ok = self.link.queued() < RESPONSE_HIGH_WATER;
        if !ok {
            self.want_drain = true;
        }
        if end {
            self.link.wake();
        }
        Ok(ok)
    }
}

fn out_has_transfer_encoding(head: &[u8]) -> bool {
    head.split(|b| *b == b'\n').any(|line| line.len() > 18 && line[..18].eq_ignore_ascii_case(b"transfer-encoding:"))
}

/// What the script's `ServerResponse` says about the head when it is sent.
pub struct HeadArgs {
    pub status: u16,
    pub reason: Option<String>,
    pub send_date: bool,
}

/// A `TypeError` with Node's `code`.
pub fn node_type_error(message: &str, code: &str, context: &mut Context) -> boa_engine::JsError {
    super::coded_error(JsNativeError::typ(), message, code, context)
}

// ------------------------------------------------------------------------------------------------
// The JavaScript handle.

/// The per-request handle the `http` module's objects call (not exported to scripts by name).
#[derive(Trace, Finalize, JsData)]
pub struct HttpExchange {
    #[unsafe_ignore_trace]
    pub core: Rc<RefCell<ExchangeCore>>,
    headers: GcRefCell<HeaderStore>,
}

impl HttpExchange {
    pub fn new(core: Rc<RefCell<ExchangeCore>>) -> Self {
        Self { core, headers: GcRefCell::new(HeaderStore::default()) }
    }

    fn with<R>(this: &JsValue, f: impl FnOnce(&HttpExchange) -> JsResult<R>) -> JsResult<R> {
        let object = this.as_object().ok_or_else(|| JsNativeError::typ().with_message("not an HTTP exchange"))?;
        let exchange = object
            .downcast_ref::<HttpExchange>()
            .ok_or_else(|| JsNativeError::typ().with_message("not an HTTP exchange"))?;
        f(&exchange)
    }

    fn headers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            let core = ex.core.borrow();
            let fields = &core.request.headers[..core.request.headers.len().min(core.max_headers_count)];
            Ok(header_object(fields, context).into())
        })
    }

    fn raw_headers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            let core = ex.core.borrow();
            let fields = &core.request.headers[..core.request.headers.len().min(core.max_headers_count)];
            Ok(raw_header_array(fields, context).into())
        })
    }

    fn trailers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| Ok(header_object(&ex.core.borrow().trailers, context).into()))
    }

    fn raw_trailers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| Ok(raw_header_array(&ex.core.borrow().trailers, context).into()))
    }

    /// `pull()`: the next body bytes as a Buffer, or `null` at the end of the body.
    fn pull(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let core = Self::with(this, |ex| Ok(ex.core.clone()))?;
        let mut state = core.borrow_mut();
        if state.body_len > 0 {
            let bytes = state.take_body();
            drop(state);
            core.borrow().link.wake(); // room for more: reading may resume
            let buffer = new_buffer(&bytes, context)?;
            return Ok(JsPromise::resolve(buffer, context)?.into());
        }
        if state.body_done {
            return Ok(JsPromise::resolve(JsValue::null(), context)?.into());
        }
        if state.aborted {
            drop(state);
            let error = super::coded_error(JsNativeError::error(), "aborted", "ECONNRESET", context);
            return Ok(JsPromise::reject(error, context)?.into());
        }
        let (promise, resolvers) = JsPromise::new_pending(context);
        state.pull = Some(resolvers);
        state.link.wake();
        Ok(promise.into())
    }

    /// `connection()`: the object behind `req.socket`.
    fn connection(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let link = Self::with(this, |ex| Ok(ex.core.borrow().link.clone()))?;
        Ok(super::server::connection_object(&link, context)?.into())
    }

    // --- response headers ---

    fn set_header(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            if ex.core.borrow().head_sent {
                return Err(headers_sent("set", context));
            }
            ex.headers.borrow_mut().set(args.get_or_undefined(0), args.get_or_undefined(1), false, context)?;
            Ok(JsValue::undefined())
        })
    }

    fn append_header(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            if ex.core.borrow().head_sent {
                return Err(headers_sent("append", context));
            }
            ex.headers.borrow_mut().set(args.get_or_undefined(0), args.get_or_undefined(1), true, context)?;
            Ok(JsValue::undefined())
        })
    }

    fn get_header(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| ex.headers.borrow().get(args.get_or_undefined(0), context))
    }

    fn has_header(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            let name = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
            Ok(ex.headers.borrow().has(&name).into())
        })
    }

    fn remove_header(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            if ex.core.borrow().head_sent {
                return Err(headers_sent("remove", context));
            }
            let name = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
            ex.headers.borrow_mut().remove(&name);
            Ok(JsValue::undefined())
        })
    }

    fn get_headers(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| Ok(ex.headers.borrow().to_object(context).into()))
    }

    fn get_header_names(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| Ok(ex.headers.borrow().names(false, context).into()))
    }

    fn get_raw_header_names(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| Ok(ex.headers.borrow().names(true, context).into()))
    }

    // --- response body ---

    /// `write(chunk, statusCode, statusMessage, sendDate)` → whether to keep writing.
    fn write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::send(this, args, false, context)
    }

    /// `end(chunk, statusCode, statusMessage, sendDate)`.
    fn end(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::send(this, args, true, context)
    }

    fn send(this: &JsValue, args: &[JsValue], end: bool, context: &mut Context) -> JsResult<JsValue> {
        let chunk = args.get_or_undefined(0);
        let data = if chunk.is_null_or_undefined() {
            Vec::new()
        } else {
            chunk_bytes(chunk, context)?.ok_or_else(|| {
                node_type_error(
                    "The \"chunk\" argument must be of type string or an instance of Buffer or Uint8Array",
                    "ERR_INVALID_ARG_TYPE",
                    context,
                )
            })?
        };
        let head = head_args(args, context)?;
        Self::with(this, |ex| {
            let mut core = ex.core.borrow_mut();
            if core.aborted || core.ended {
                return Ok(false.into());
            }
            let store = ex.headers.borrow();
            Ok(core.write(&head, &store, data, end, context)?.into())
        })
    }

    /// `flushHeaders(statusCode, statusMessage, sendDate)`: sends the head now.
    fn flush_headers(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let mut all = vec![JsValue::undefined()];
        all.extend_from_slice(args);
        let head = head_args(&all, context)?;
        Self::with(this, |ex| {
            let mut core = ex.core.borrow_mut();
            if !core.head_sent && !core.aborted {
                let store = ex.headers.borrow();
                core.write(&head, &store, Vec::new(), false, context)?;
            }
            Ok(JsValue::undefined())
        })
    }

    /// `writeInterim(status, [name, value, ...])`: a 1xx response (100 Continue, 102, 103).
    fn write_interim(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let status = args.get_or_undefined(0).to_u32(context)?.min(199) as u16;
        let mut head = format!("HTTP/1.1 {status} {}\r\n", wire::reason_phrase(status)).into_bytes();
        if let Some(list) = args.get(1).and_then(JsValue::as_object) {
            let list = JsArray::from_object(list.clone())?;
            let length = list.length(context)?;
            let mut i = 0;
            while i + 1 < length {
                let name = list.get(i, context)?.to_string(context)?.to_std_string_lossy();
                let value = list.get(i + 1, context)?.to_string(context)?.to_std_string_lossy();
                super::headers::check_name(&name, context)?;
                super::headers::check_value(&name, &value, context)?;
                wire::write_field(&mut head, name.as_bytes(), value.as_bytes());
                i += 2;
            }
        }
        head.extend_from_slice(b"\r\n");
        Self::with(this, |ex| {
            let core = ex.core.borrow();
            if !core.head_sent && !core.aborted {
                core.link.send(head);
            }
            Ok(JsValue::undefined())
        })
    }

    /// `destroy()`: closes the connection at once.
    fn destroy(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| {
            ex.core.borrow().link.kill();
            Ok(JsValue::undefined())
        })
    }

    fn state(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        // Bit 0: head sent; 1: ended; 2: aborted; 3: keeps the connection alive.
        Self::with(this, |ex| {
            let core = ex.core.borrow();
            let bits = u32::from(core.head_sent) | u32::from(core.ended) << 1 | u32::from(core.aborted) << 2
                | u32::from(core.keeps_alive() && !core.link.closing_soon()) << 3;
            Ok(bits.into())
        })
    }

    fn writable_length(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        Self::with(this, |ex| Ok((ex.core.borrow().link.queued() as f64).into()))
    }
}

fn head_args(args: &[JsValue], context: &mut Context) -> JsResult<HeadArgs> {
    let status = match args.get(1) {
        Some(v) if !v.is_undefined() => {
            let n = v.to_number(context)?;
            if n.fract() != 0.0 || !(100.0..=999.0).contains(&n) {
                return Err(super::coded_error(
                    JsNativeError::range(),
                    &format!("Invalid status code: {}", v.display()),
                    "ERR_HTTP_INVALID_STATUS_CODE",
                    context,
                ));
            }
            n as u16
        }
        _ => 200,
    };
    let reason = match args.get(2) {
        Some(v) if !v.is_null_or_undefined() => Some(v.to_string(context)?.to_std_string_lossy()),
        _ => None,
    };
    let send_date = args.get(3).is_none_or(JsValue::to_boolean);
    Ok(HeadArgs { status, reason, send_date })
}

fn headers_sent(what: &str, context: &mut Context) -> boa_engine::JsError {
    super::coded_error(
        JsNativeError::error(),
        &format!("Cannot {what} headers after they are sent to the client"),
        "ERR_HTTP_HEADERS_SENT",
        context,
    )
}

impl Class for HttpExchange {
    const NAME: &'static str = "HttpExchange";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("HttpExchange objects are made by the HTTP server").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        type F = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
        let methods: [(&str, usize, F); 22] = [
            ("headers", 0, Self::headers),
            ("rawHeaders", 0, Self::raw_headers),
            ("trailers", 0, Self::trailers),
            ("rawTrailers", 0, Self::raw_trailers),
            ("pull", 0, Self::pull),
            ("connection", 0, Self::connection),
            ("setHeader", 2, Self::set_header),
            ("appendHeader", 2, Self::append_header),
            ("getHeader", 1, Self::get_header),
            ("hasHeader", 1, Self::has_header),
            ("removeHeader", 1, Self::remove_header),
            ("getHeaders", 0, Self::get_headers),
            ("getHeaderNames", 0, Self::get_header_names),
            ("getRawHeaderNames", 0, Self::get_raw_header_names),
            ("write", 4, Self::write),
            ("end", 4, Self::end),
            ("flushHeaders", 3, Self::flush_headers),
            ("writeInterim", 2, Self::write_interim),
            ("destroy", 0, Self::destroy),
            ("state", 0, Self::state),
            ("writableLength", 0, Self::writable_length),
            ("toString", 0, |_, _, _| Ok(js_string!("[object HttpExchange]").into())),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
        }
        Ok(())
    }
}

/// Creates the handle object for `core`.
pub fn exchange_object(core: Rc<RefCell<ExchangeCore>>, context: &mut Context) -> JsResult<JsObject> {
    HttpExchange::from_data(HttpExchange::new(core), context)
}
