//! `_boa:net`: the native half of Node's `net` module (js/net.js): TCP servers and sockets on the
//! platform reactor, one task per socket, and Node's error objects for failed socket calls.
//!
//! A [`TcpSocket`] reads only while JavaScript wants data (`readStart`/`readStop`, driven by the
//! `Readable`'s back-pressure) and delivers each burst as one `Buffer`; writes are queued and
//! flushed by the task, `write()` answering whether the bytes are already out (the `Writable`
//! waits for `'drain'` otherwise). It is a [`ByteStream`] consumer like the HTTP engine, so a TLS
//! socket is the same class over another stream.

use std::{
    cell::RefCell,
    future::poll_fn,
    io,
    net::SocketAddr,
    rc::Rc,
    task::{Context as TaskContext, Poll, Waker},
    time::{Duration, Instant},
};

use boa_engine::{
    Context, JsArgs, JsData, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, Module, NativeFunction,
    class::{Class, ClassBuilder},
    job::NativeAsyncJob,
    js_string,
    object::builtins::{JsArray, JsFunction},
};
use boa_gc::{Finalize, Trace};
use wasmedge_boa_platform::{
    net::{self as pnet, TcpListener, TcpStream},
    reactor::{self, Sleep},
};

use crate::{
    byte_stream::{ByteStream, ClosedStream, read_available},
    bytes::{chunk_bytes, new_buffer},
    exports::Exports,
    node::outgoing::{Flushed, OutQueue},
    tls::{TlsFailure, TlsStream, js::ClientSetup},
};

/// Most bytes delivered in one `'data'` event.
const READ_BURST: usize = 64 * 1024;

/// Events given to a socket's `onEvent(kind, …)`.
mod event {
    pub const CONNECT: u32 = 0;
    pub const DATA: u32 = 1;
    pub const END: u32 = 2;
    pub const ERROR: u32 = 3;
    pub const DRAIN: u32 = 4;
    pub const TIMEOUT: u32 = 5;
    pub const CLOSE: u32 = 6;
}

/// Builds `_boa:net`.
pub fn module(context: &mut Context) -> JsResult<Module> {
    let use_buffer = NativeFunction::from_fn_ptr(|_, args, _| {
        if let Some(prototype) = args.get_or_undefined(0).as_object() {
            crate::bytes::set_buffer_prototype(prototype.clone());
        }
        Ok(JsValue::undefined())
    })
    .to_js_function(context.realm());
    Ok(Exports::new()
        .class::<TcpSocket>(context)?
        .class::<TcpServer>(context)?
        .value("useBufferPrototype", use_buffer)
        .into_module(context))
}

// ------------------------------------------------------------------------------------------------
// Node's errors.

/// Node's error for a failed socket call: `connect ECONNREFUSED 127.0.0.1:1`, with `code`,
/// `errno` (libuv's negative number), `syscall`, `address`/`hostname` and `port`.
pub fn socket_error(error: &io::Error, syscall: &str, address: Option<&str>, port: Option<u16>, context: &mut Context) -> JsError {
    use io::ErrorKind as K;
    let (code, errno, text) = if syscall == "getaddrinfo" {
        ("ENOTFOUND", -3008, "")
    } else {
        match error.kind() {
            K::ConnectionRefused => ("ECONNREFUSED", -111, "connection refused"),
            K::ConnectionReset => ("ECONNRESET", -104, "connection reset by peer"),
            K::BrokenPipe => ("EPIPE", -32, "broken pipe"),
            K::AddrInUse => ("EADDRINUSE", -98, "address already in use"),
            K::AddrNotAvailable => ("EADDRNOTAVAIL", -99, "address not available"),
            K::TimedOut => ("ETIMEDOUT", -110, "connection timed out"),
            K::HostUnreachable => ("EHOSTUNREACH", -113, "host is unreachable"),
            K::NetworkUnreachable => ("ENETUNREACH", -101, "network is unreachable"),
            K::ConnectionAborted => ("ECONNABORTED", -103, "software caused connection abort"),
            K::NotConnected => ("ENOTCONN", -107, "socket is not connected"),
            K::PermissionDenied => ("EACCES", -13, "permission denied"),
            _ => {
                let name = wasmedge_boa_platform::fs::error_code(error);
                let entry = crate::errno::by_name(name);
                (name, entry.map_or(-5, |e| e.uv), entry.map_or("i/o error", |e| e.node_text))
            }
        }
    };
    let place = match (address, port) {
        (Some(a), Some(p)) => format!(" {a}:{p}"),
        (Some(a), None) => format!(" {a}"),
        _ => String::new(),
    };
    let message = match syscall {
        "listen" | "bind" => format!("{syscall} {code}: {text}{place}"),
        _ => format!("{syscall} {code}{place}"),
    };
    let object = JsNativeError::error().with_message(message).into_opaque(context);
    let mut set = |key: JsString, value: JsValue| {
        let _ = object.set(key, value, false, context);
    };
    set(js_string!("errno"), errno.into());
    set(js_string!("code"), JsString::from(code).into());
    set(js_string!("syscall"), JsString::from(syscall).into());
    if let Some(address) = address {
        let key = if syscall == "getaddrinfo" { js_string!("hostname") } else { js_string!("address") };
        set(key, JsString::from(address).into());
    }
    if let Some(port) = port {
        set(js_string!("port"), port.into());
    }
    JsError::from_opaque(object.into())
}

fn error_value(error: JsError, context: &mut Context) -> JsValue {
    error.into_opaque(context).unwrap_or_default()
}

fn address_triple(addr: Option<SocketAddr>, context: &mut Context) -> JsValue {
    let Some(addr) = addr else { return JsValue::undefined() };
    let family = if addr.is_ipv4() { "IPv4" } else { "IPv6" };
    let values = [JsString::from(addr.ip().to_string().as_str()).into(), addr.port().into(), JsString::from(family).into()];
    JsArray::from_iter(values, context).into()
}

// ------------------------------------------------------------------------------------------------
// Sockets.

struct SocketState {
    stream: Box<dyn ByteStream>,
    out: OutQueue,
    write_blocked: bool,
    read_blocked: bool,
    reading: bool,
    /// JavaScript asked for a half-close once the queue is written.
    shutdown_requested: bool,
    shut: bool,
    /// The peer ended its side; `eof_reported`: JavaScript was told.
    eof: bool,
    eof_reported: bool,
    closed: bool,
    connected: bool,
    want_drain: bool,
    timeout: Option<Duration>,
    last_activity: Instant,
    bytes_read: u64,
    bytes_written: u64,
    peer: Option<SocketAddr>,
    local: Option<SocketAddr>,
    waker: Option<Waker>,
    on_event: Option<JsFunction>,
}

type Shared = Rc<RefCell<SocketState>>;

fn wake(state: &SocketState) {
    if let Some(waker) = &state.waker {
        waker.wake_by_ref();
    }
}

/// The native half of a `net.Socket`.
#[derive(Trace, Finalize, JsData)]
pub struct TcpSocket {
    #[unsafe_ignore_trace]
    state: Shared,
}

impl TcpSocket {
    fn new_state(stream: Box<dyn ByteStream>, connected: bool) -> Shared {
        let peer = stream.peer_addr().ok();
        let local = stream.local_addr().ok();
        Rc::new(RefCell::new(SocketState {
            stream,
            out: OutQueue::default(),
            write_blocked: false,
            read_blocked: false,
            reading: false,
            shutdown_requested: false,
            shut: false,
            eof: false,
            eof_reported: false,
            closed: false,
            connected,
            want_drain: false,
            timeout: None,
            last_activity: Instant::now(),
            bytes_read: 0,
            bytes_written: 0,
            peer,
            local,
            waker: None,
            on_event: None,
        }))
    }

    fn state(this: &JsValue) -> JsResult<Shared> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<TcpSocket>().map(|s| s.state.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not a TcpSocket").into())
    }

    /// `TcpSocket.connect(host, port, onEvent[, tls])`: a socket whose `CONNECT` (or `ERROR`)
    /// event follows. With `tls` (Node's `tls.connect` options) `CONNECT` comes after the
    /// handshake, with what it established (`tls::js::session_info`).
    fn connect(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let host = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
        let port = args.get_or_undefined(1).to_u32(context)?;
        let port = u16::try_from(port).map_err(|_| JsNativeError::range().with_message(format!("port out of range: {port}")))?;
        let on_event = args.get(2).and_then(JsValue::as_object).and_then(|o| JsFunction::from_object(o.clone()));
        let tls = match args.get(3) {
            Some(options) if options.is_object() => Some(crate::tls::js::client_from_js(options, &host, context)?),
            _ => None,
        };
        let state = Self::new_state(Box::new(ClosedStream), false);
        state.borrow_mut().on_event = on_event;
        let task_state = state.clone();
        context.enqueue_job(
            NativeAsyncJob::new(async move |cell| {
                let addrs = match pnet::resolve(&host, port) {
                    Ok(addrs) if !addrs.is_empty() => addrs,
                    Ok(_) => return fail(&task_state, &io::Error::from(io::ErrorKind::NotFound), "getaddrinfo", Some(host), None, cell),
                    Err(e) => return fail(&task_state, &e, "getaddrinfo", Some(host), None, cell),
                };
                let mut last = None;
                for addr in &addrs {
                    if task_state.borrow().closed {
                        return Ok(JsValue::undefined());
                    }
                    match TcpStream::connect(*addr).await {
                        Ok(stream) => {
                            let peer = stream.peer_addr().ok();
                            let local = stream.local_addr().ok();
                            let (stream, info): (Box<dyn ByteStream>, JsValue) = match &tls {
                                None => (Box::new(stream), JsValue::undefined()),
                                Some(setup) => match client_handshake(stream, setup, &task_state).await {
                                    Ok(None) => return Ok(JsValue::undefined()),
                                    Ok(Some(stream)) => {
                                        let info = crate::tls::js::session_info(&stream, Some(setup), &mut cell.borrow_mut())?;
                                        (Box::new(stream), info.into())
                                    }
                                    Err(error) => {
                                        let value = match TlsFailure::of_io(&error) {
                                            Some(failure) => {
                                                let context = &mut **cell.borrow_mut();
                                                error_value(crate::tls::js::failure_error(failure, context), context)
                                            }
                                            None => {
                                                let context = &mut **cell.borrow_mut();
                                                let error = socket_error(&error, "read", Some(&addr.ip().to_string()), Some(addr.port()), context);
                                                error_value(error, context)
                                            }
                                        };
                                        return fail_with(&task_state, value, cell);
                                    }
                                },
                            };
                            {
                                let mut state = task_state.borrow_mut();
                                if state.closed {
                                    return Ok(JsValue::undefined());
                                }
                                state.peer = peer;
                                state.local = local;
                                state.stream = stream;
                                state.connected = true;
                                state.last_activity = Instant::now();
                            }
                            emit(&task_state, event::CONNECT, &[info], cell)?;
                            return run_socket(task_state, cell).await;
                        }
                        Err(e) => last = Some((*addr, e)),
                    }
                }
                let (addr, error) = last.unwrap_or((addrs[0], io::Error::from(io::ErrorKind::ConnectionRefused)));
                fail(&task_state, &error, "connect", Some(addr.ip().to_string()), Some(addr.port()), cell)
            })
            .into(),
        );
        Ok(TcpSocket::from_data(TcpSocket { state }, context)?.into())
    }

    /// `setEvents(onEvent)`: for accepted sockets, before `readStart()`.
    fn set_events(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        state.borrow_mut().on_event = args.first().and_then(JsValue::as_object).and_then(|o| JsFunction::from_object(o.clone()));
        Ok(JsValue::undefined())
    }

    fn read_start(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let mut s = state.borrow_mut();
        s.reading = true;
        wake(&s);
        Ok(JsValue::undefined())
    }

    fn read_stop(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        state.borrow_mut().reading = false;
        Ok(JsValue::undefined())
    }

    /// `write(chunk)` → `true` when everything queued is already written (else `DRAIN` follows).
    fn write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let data = chunk_bytes(args.get_or_undefined(0), context)?
            .ok_or_else(|| JsNativeError::typ().with_message("The \"chunk\" argument must be of type string or an instance of Buffer or Uint8Array"))?;
        let mut s = state.borrow_mut();
        if s.closed || s.shutdown_requested {
            return Err(crate::node::http::coded_error(JsNativeError::error(), "This socket has been ended by the other party", "EPIPE", context));
        }
        s.out.push(data);
        if s.connected && !s.write_blocked {
            let SocketState { stream, out, .. } = &mut *s;
            let before = out.len();
            match out.flush(stream.as_mut()) {
                Ok(Flushed::All) => {}
                Ok(Flushed::Blocked) => s.write_blocked = true,
                Err(_) => {
                    // The task reports the failure.
                    s.write_blocked = true;
                }
            }
            let written = before - s.out.len();
            s.bytes_written += written as u64;
            if written > 0 {
                s.last_activity = Instant::now();
            }
        }
        let done = s.out.is_empty();
        if !done {
            s.want_drain = true;
            wake(&s);
        }
        Ok(done.into())
    }

    /// `shutdown()`: half-close once everything queued is written.
    fn shutdown(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let mut s = state.borrow_mut();
        s.shutdown_requested = true;
        wake(&s);
        Ok(JsValue::undefined())
    }

    /// `close()`: releases the socket now (queued bytes are dropped, as `destroy()` does).
    fn close(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let mut s = state.borrow_mut();
        if !s.closed {
            close_now(&mut s);
            wake(&s);
        }
        Ok(JsValue::undefined())
    }

    fn set_timeout(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let ms = args.get_or_undefined(0).to_number(context)?;
        let mut s = state.borrow_mut();
        s.timeout = (ms.is_finite() && ms > 0.0).then(|| Duration::from_millis(ms as u64));
        s.last_activity = Instant::now();
        wake(&s);
        Ok(JsValue::undefined())
    }

    fn set_no_delay(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let _ = state.borrow().stream.set_nodelay(args.first().is_none_or(JsValue::to_boolean));
        Ok(JsValue::undefined())
    }

    fn set_keep_alive(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let on = args.first().is_some_and(JsValue::to_boolean);
        let delay = args.get_or_undefined(1).to_number(context)?;
        let delay = (delay.is_finite() && delay > 0.0).then(|| Duration::from_millis(delay as u64));
        let _ = state.borrow().stream.set_keepalive(on, delay);
        Ok(JsValue::undefined())
    }

    /// `local()` / `remote()`: `[address, port, family]`, or `undefined` when not connected.
    fn local(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let addr = Self::state(this)?.borrow().local;
        Ok(address_triple(addr, context))
    }

    fn remote(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let addr = Self::state(this)?.borrow().peer;
        Ok(address_triple(addr, context))
    }

    /// `counters()`: `[bytesRead, bytesWritten, bufferedBytes]`.
    fn counters(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let s = state.borrow();
        let values = [(s.bytes_read as f64).into(), (s.bytes_written as f64).into(), (s.out.len() as f64).into()];
        Ok(JsArray::from_iter(values, context).into())
    }
}

fn close_now(s: &mut SocketState) {
    s.closed = true;
    s.reading = false;
    s.out.clear();
    let _ = s.stream.shutdown_both();
    s.stream = Box::new(ClosedStream);
}

fn emit(state: &Shared, kind: u32, rest: &[JsValue], cell: &RefCell<&mut Context>) -> JsResult<()> {
    let on_event = state.borrow().on_event.clone();
    if let Some(on_event) = on_event {
        let mut args = vec![kind.into()];
        args.extend_from_slice(rest);
        on_event.call(&JsValue::undefined(), &args, &mut cell.borrow_mut())?;
    }
    Ok(())
}

fn fail(
    state: &Shared,
    error: &io::Error,
    syscall: &str,
    address: Option<String>,
    port: Option<u16>,
    cell: &RefCell<&mut Context>,
) -> JsResult<JsValue> {
    let value = {
        let context = &mut **cell.borrow_mut();
        let error = socket_error(error, syscall, address.as_deref(), port, context);
        error_value(error, context)
    };
    fail_with(state, value, cell)
}

/// Closes the socket and reports `error` (a JavaScript error value) as its `'error'`.
fn fail_with(state: &Shared, error: JsValue, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
    {
        let mut s = state.borrow_mut();
        if s.closed {
            return Ok(JsValue::undefined());
        }
        close_now(&mut s);
    }
    emit(state, event::ERROR, &[error], cell)?;
    state.borrow_mut().on_event = None;
    Ok(JsValue::undefined())
}

/// Runs a client's TLS handshake over `stream`; `Ok(None)` if the socket was destroyed meanwhile.
async fn client_handshake(stream: TcpStream, setup: &ClientSetup, state: &Shared) -> io::Result<Option<TlsStream<TcpStream>>> {
    let session = setup.client.connect(&setup.servername).map_err(|f| f.to_io())?;
    let mut stream = TlsStream::new(stream, session);
    let done = poll_fn(|cx| {
        {
            let mut s = state.borrow_mut();
            if s.closed {
                return Poll::Ready(Ok(false));
            }
            s.waker = Some(cx.waker().clone());
        }
        stream.poll_handshake(cx).map_ok(|()| true)
    })
    .await?;
    Ok(done.then_some(stream))
}

enum SocketStep {
    Data(Vec<u8>),
    End,
    Drain,
    Timeout,
    Failed(io::Error, &'static str),
    Closed,
}

/// The task of a connected socket: reads while wanted, flushes writes, times out inactivity.
async fn run_socket(state: Shared, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
    let mut timer = reactor::sleep_until(Instant::now() + Duration::from_secs(3600));
    loop {
        let step = poll_fn(|cx| poll_socket(&state, &mut timer, cx)).await;
        match step {
            SocketStep::Data(bytes) => {
                let buffer = new_buffer(&bytes, &mut cell.borrow_mut())?;
                emit(&state, event::DATA, &[buffer.into()], cell)?;
            }
            SocketStep::End => emit(&state, event::END, &[], cell)?,
            SocketStep::Drain => emit(&state, event::DRAIN, &[], cell)?,
            SocketStep::Timeout => emit(&state, event::TIMEOUT, &[], cell)?,
            SocketStep::Failed(error, syscall) => {
                // A TLS socket's failure (a refused handshake, a broken record) carries Node's code.
                if let Some(failure) = TlsFailure::of_io(&error) {
                    let value = {
                        let context = &mut **cell.borrow_mut();
                        error_value(crate::tls::js::failure_error(failure, context), context)
                    };
                    return fail_with(&state, value, cell);
                }
                return fail(&state, &error, syscall, None, None, cell);
            }
            SocketStep::Closed => {
                emit(&state, event::CLOSE, &[], cell)?;
                state.borrow_mut().on_event = None;
                return Ok(JsValue::undefined());
            }
        }
    }
}

fn poll_socket(state: &Shared, timer: &mut Sleep, cx: &mut TaskContext<'_>) -> Poll<SocketStep> {
    let mut s = state.borrow_mut();
    s.waker = Some(cx.waker().clone());
    loop {
        if s.closed {
            return Poll::Ready(SocketStep::Closed);
        }
        // Write.
        if !s.out.is_empty() {
            if s.write_blocked && s.stream.poll_write_ready(cx).is_ready() {
                s.write_blocked = false;
            }
            if !s.write_blocked {
                let SocketState { stream, out, .. } = &mut *s;
                let before = out.len();
                let result = out.flush(stream.as_mut());
                let written = before - s.out.len();
                s.bytes_written += written as u64;
                if written > 0 {
                    s.last_activity = Instant::now();
                }
                match result {
                    Ok(Flushed::All) => {}
                    Ok(Flushed::Blocked) => {
                        s.write_blocked = true;
                        if s.stream.poll_write_ready(cx).is_ready() {
                            s.write_blocked = false;
                            continue;
                        }
                    }
                    Err(error) => return Poll::Ready(SocketStep::Failed(error, "write")),
                }
            }
        }
        if s.out.is_empty() && s.want_drain {
            s.want_drain = false;
            return Poll::Ready(SocketStep::Drain);
        }
        if s.out.is_empty() && s.shutdown_requested && !s.shut {
            s.shut = true;
            let _ = s.stream.shutdown_write();
        }
        // Read (the end of the stream follows the data before it, even while paused).
        if s.eof && !s.eof_reported {
            s.eof_reported = true;
            return Poll::Ready(SocketStep::End);
        }
        if s.reading && !s.eof {
            if s.read_blocked && s.stream.poll_read_ready(cx).is_ready() {
                s.read_blocked = false;
            }
            if !s.read_blocked {
                let mut data = Vec::new();
                match read_available(s.stream.as_mut(), &mut data, READ_BURST) {
                    Ok(outcome) => {
                        if outcome.blocked {
                            s.read_blocked = true;
                        }
                        if outcome.eof {
                            s.eof = true;
                        }
                        if !data.is_empty() {
                            s.bytes_read += data.len() as u64;
                            s.last_activity = Instant::now();
                            // Register interest now, so nothing is missed while JavaScript runs.
                            if s.read_blocked && s.stream.poll_read_ready(cx).is_ready() {
                                s.read_blocked = false;
                            }
                            return Poll::Ready(SocketStep::Data(data));
                        }
                        if outcome.eof {
                            s.eof_reported = true;
                            return Poll::Ready(SocketStep::End);
                        }
                        if s.stream.poll_read_ready(cx).is_ready() {
                            s.read_blocked = false;
                            continue;
                        }
                    }
                    Err(error) => return Poll::Ready(SocketStep::Failed(error, "read")),
                }
            }
        }
        // Timer.
        if let Some(timeout) = s.timeout {
            let deadline = s.last_activity + timeout;
            timer.reset(deadline);
            if timer.poll_at(cx, Instant::now()).is_ready() {
                s.last_activity = Instant::now();
                return Poll::Ready(SocketStep::Timeout);
            }
        }
        return Poll::Pending;
    }
}

impl Class for TcpSocket {
    const NAME: &'static str = "TcpSocket";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("TcpSocket objects come from TcpSocket.connect() or a TcpServer").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        type F = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
        class.static_method(js_string!("connect"), 3, NativeFunction::from_fn_ptr(Self::connect));
        let methods: [(&str, usize, F); 13] = [
            ("setEvents", 1, Self::set_events),
            ("readStart", 0, Self::read_start),
            ("readStop", 0, Self::read_stop),
            ("write", 1, Self::write),
            ("shutdown", 0, Self::shutdown),
            ("close", 0, Self::close),
            ("setTimeout", 1, Self::set_timeout),
            ("setNoDelay", 1, Self::set_no_delay),
            ("setKeepAlive", 2, Self::set_keep_alive),
            ("local", 0, Self::local),
            ("remote", 0, Self::remote),
            ("counters", 0, Self::counters),
            ("toString", 0, |_, _, _| Ok(js_string!("[object TcpSocket]").into())),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
        }
        Ok(())
    }
}

// ------------------------------------------------------------------------------------------------
// Servers.

struct ServerState {
    listener: Option<Rc<TcpListener>>,
    on_connection: Option<JsFunction>,
    on_close: Option<JsFunction>,
    waker: Option<Waker>,
    accepting: bool,
    /// `tls.createServer`: accepted sockets run a TLS session with this configuration.
    tls: Option<std::sync::Arc<rustls::ServerConfig>>,
}

/// `new TcpServer(onConnection, onClose)`: the native half of a `net.Server`.
#[derive(Trace, Finalize, JsData)]
pub struct TcpServer {
    #[unsafe_ignore_trace]
    state: Rc<RefCell<ServerState>>,
}

impl TcpServer {
    fn state(this: &JsValue) -> JsResult<Rc<RefCell<ServerState>>> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<TcpServer>().map(|s| s.state.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not a TcpServer").into())
    }

    /// `listen(host, port, backlog)` → `[address, port, family]`; throws `EADDRINUSE` etc.
    fn listen(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        if state.borrow().accepting {
            return Err(crate::node::http::coded_error(JsNativeError::error(), "Listen method has been called more than once without closing.", "ERR_SERVER_ALREADY_LISTEN", context));
        }
        let host = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
        let port = args.get_or_undefined(1).to_u32(context)?;
        let port = u16::try_from(port).map_err(|_| JsNativeError::range().with_message("port out of range"))?;
        let backlog = match args.get(2) {
            Some(v) if v.is_number() => v.to_u32(context)?.max(1),
            _ => pnet::DEFAULT_BACKLOG,
        };
        let addrs = pnet::resolve(&host, port).map_err(|e| socket_error(&e, "getaddrinfo", Some(&host), None, context))?;
        let Some(addr) = addrs.first().copied() else {
            return Err(socket_error(&io::Error::from(io::ErrorKind::NotFound), "getaddrinfo", Some(&host), None, context));
        };
        let listener = TcpListener::bind_with_backlog(addr, backlog)
            .map_err(|e| socket_error(&e, "listen", Some(&addr.ip().to_string()), Some(addr.port()), context))?;
        let local = listener.local_addr().ok();
        let listener = Rc::new(listener);
        {
            let mut s = state.borrow_mut();
            s.listener = Some(listener.clone());
            s.accepting = true;
        }
        let task_state = state.clone();
        context.enqueue_job(NativeAsyncJob::new(async move |cell| accept_sockets(task_state, listener, cell).await).into());
        Ok(address_triple(local, context))
    }

    fn close(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let mut s = state.borrow_mut();
        s.listener = None;
        if let Some(waker) = s.waker.take() {
            waker.wake();
        }
        Ok(JsValue::undefined())
    }

    /// `setTls({key, cert}, [alpn…])`: sockets accepted from now on speak TLS (`tls.createServer`).
    fn set_tls(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let mut alpn = Vec::new();
        if let Some(list) = args.get_or_undefined(1).as_object().filter(|o| o.is_array()) {
            let list = JsArray::from_object(list.clone())?;
            for i in 0..list.length(context)? {
                if let Some(bytes) = chunk_bytes(&list.get(i, context)?, context)? {
                    alpn.push(bytes);
                }
            }
        }
        let config = crate::tls::js::server_from_js(args.get_or_undefined(0), alpn, context)?;
        state.borrow_mut().tls = Some(config);
        Ok(JsValue::undefined())
    }

    fn address(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let state = Self::state(this)?;
        let local = state.borrow().listener.as_ref().and_then(|l| l.local_addr().ok());
        Ok(address_triple(local, context))
    }
}

async fn accept_sockets(state: Rc<RefCell<ServerState>>, listener: Rc<TcpListener>, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
    let mut burst = 0;
    loop {
        let accepted = {
            let mut accept = std::pin::pin!(listener.accept());
            poll_fn(|cx| {
                let mut s = state.borrow_mut();
                if s.listener.is_none() {
                    return Poll::Ready(None);
                }
                s.waker = Some(cx.waker().clone());
                drop(s);
                accept.as_mut().poll(cx).map(Some)
            })
            .await
        };
        match accepted {
            None => break,
            Some(Err(_)) => break,
            Some(Ok((stream, _peer))) => {
                let tls = state.borrow().tls.clone();
                let stream: Box<dyn ByteStream> = match tls.map(rustls::ServerConnection::new) {
                    None => Box::new(stream),
                    // The handshake runs as the socket is first read or written.
                    Some(Ok(session)) => Box::new(TlsStream::new(stream, session)),
                    Some(Err(_)) => continue,
                };
                let socket_state = TcpSocket::new_state(stream, true);
                let on_connection = state.borrow().on_connection.clone();
                let context = &mut **cell.borrow_mut();
                let object: JsObject = TcpSocket::from_data(TcpSocket { state: socket_state.clone() }, context)?;
                if let Some(on_connection) = on_connection {
                    on_connection.call(&JsValue::undefined(), &[object.into()], context)?;
                }
                context.enqueue_job(NativeAsyncJob::new(async move |cell| run_socket(socket_state, cell).await).into());
            }
        }
        burst += 1;
        if burst >= 16 {
            burst = 0;
            reactor::yield_now().await;
        }
    }
    drop(listener);
    let on_close = {
        let mut s = state.borrow_mut();
        s.accepting = false;
        s.waker = None;
        s.on_close.clone()
    };
    if let Some(on_close) = on_close {
        on_close.call(&JsValue::undefined(), &[], &mut cell.borrow_mut())?;
    }
    Ok(JsValue::undefined())
}

impl Class for TcpServer {
    const NAME: &'static str = "TcpServer";
    const LENGTH: usize = 2;

    fn data_constructor(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<Self> {
        let function = |i: usize| args.get(i).and_then(JsValue::as_object).and_then(|o| JsFunction::from_object(o.clone()));
        Ok(Self {
            state: Rc::new(RefCell::new(ServerState {
                listener: None,
                on_connection: function(0),
                on_close: function(1),
                waker: None,
                accepting: false,
                tls: None,
            })),
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(js_string!("listen"), 3, NativeFunction::from_fn_ptr(Self::listen));
        class.method(js_string!("close"), 0, NativeFunction::from_fn_ptr(Self::close));
        class.method(js_string!("address"), 0, NativeFunction::from_fn_ptr(Self::address));
        class.method(js_string!("setTls"), 2, NativeFunction::from_fn_ptr(Self::set_tls));
        Ok(())
    }
}
