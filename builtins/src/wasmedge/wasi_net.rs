//! Module `wasi_net`: TCP servers and connections on the event loop (compat-spec §5.4), and the
//! TLS client connections of `WasiTlsConn` (the same instance API over a [`tls::TlsStream`]).
//!
//! Every blocking operation (`accept`, `connect`, `read`) is a promise backed by a native task
//! on the platform reactor; writes are queued and flushed in order by one writer task per
//! connection, so `write()` returns at once, as in the QuickJS runtime.
//!
//! Differences from the QuickJS runtime (documented in the README): `close()` exists on servers
//! and connections (a server's pending `accept` then rejects, a connection's pending `read`
//! resolves `undefined`); `peer()`/`local()` report the real address; `write()` sends the bytes
//! of typed arrays instead of their `String()` form; the one-argument `connect("host:port")` of
//! older scripts is accepted; bad arguments throw `TypeError` instead of returning `undefined`.

use std::{
    cell::{Cell, RefCell},
    collections::VecDeque,
    future::{Future, poll_fn},
    io::{self, IoSlice},
    net::SocketAddr,
    rc::Rc,
    task::{Poll, Waker},
    time::Duration,
};

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsResult, JsString, JsValue, Module, NativeFunction,
    class::{Class, ClassBuilder},
    job::NativeAsyncJob,
    js_string,
    object::builtins::{AlignedVec, JsArray, JsArrayBuffer, JsPromise},
};
use boa_gc::{Finalize, Trace};
use wasmedge_boa_platform::{
    net::{self, TcpListener, TcpStream},
    reactor,
};

use crate::{
    byte_stream::{ByteStream, read_available_with},
    exports::Exports,
    tls,
};

/// Most bytes one `read()` returns: enough for large bodies, bounded so one fast peer cannot make
/// a single read allocate without limit.
const MAX_READ: usize = 1024 * 1024;

/// Builds the `wasi_net` module.
pub fn module(context: &mut Context) -> JsResult<Module> {
    Ok(exports(context)?.into_module(context))
}

/// The exports of `wasi_net` (also the global `net`).
pub fn exports(context: &mut Context) -> JsResult<Exports> {
    Exports::new()
        .class::<WasiTcpServer>(context)?
        .class::<WasiTcpConn>(context)?
        .class::<WasiTlsConn>(context)
        .map(|e| {
            let lookup = NativeFunction::from_fn_ptr(nslookup).to_js_function(context.realm());
            e.value("nsloopup", lookup.clone()).value("nslookup", lookup)
        })
}

// ---------------------------------------------------------------------------------------------
// Small async building blocks.

/// The wakers of the futures waiting for one thing. Each future registers under a key of its own
/// and takes its waker back when it stops waiting (it finished or was dropped): a keep-alive
/// connection makes one `read()` after another, and their wakers must not pile up (they did: the
/// list grew by one waker per read, and every poll scanned it).
#[derive(Default)]
struct Waiters {
    next_key: Cell<u64>,
    wakers: RefCell<VecDeque<(u64, Waker)>>,
}

impl Waiters {
    /// Registers (or refreshes) the waker of the waiter `key`; a waiter without a key gets one.
    fn register(&self, key: &mut Option<u64>, waker: &Waker) {
        let mut wakers = self.wakers.borrow_mut();
        if let Some(key) = *key {
            if let Some((_, known)) = wakers.iter_mut().find(|(k, _)| *k == key) {
                if !known.will_wake(waker) {
                    *known = waker.clone();
                }
                return;
            }
            wakers.push_back((key, waker.clone()));
        } else {
            let new = self.next_key.get();
            self.next_key.set(new + 1);
            *key = Some(new);
            wakers.push_back((new, waker.clone()));
        }
    }

    fn remove(&self, key: Option<u64>) {
        if let Some(key) = key {
            self.wakers.borrow_mut().retain(|(k, _)| *k != key);
        }
    }

    fn wake_all(&self) {
        let wakers = std::mem::take(&mut *self.wakers.borrow_mut());
        for (_, waker) in wakers {
            waker.wake();
        }
    }

    /// Wakes the waiter registered first (it stays registered until it stops waiting).
    fn wake_first(&self) {
        let first = self.wakers.borrow().front().map(|(_, waker)| waker.clone());
        if let Some(waker) = first {
            waker.wake();
        }
    }
}

/// A waiter's registration in a [`Waiters`] list, withdrawn when dropped.
struct Registration<'a> {
    list: &'a Waiters,
    key: Option<u64>,
}

impl<'a> Registration<'a> {
    fn new(list: &'a Waiters) -> Self {
        Self { list, key: None }
    }

    fn wait(&mut self, waker: &Waker) {
        self.list.register(&mut self.key, waker);
    }

    fn withdraw(&mut self) {
        self.list.remove(self.key.take());
    }
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        self.withdraw();
    }
}

/// A one-way "closed" flag that futures can wait for.
#[derive(Default)]
struct CloseSignal {
    closed: Cell<bool>,
    waiters: Waiters,
}

impl CloseSignal {
    fn close(&self) {
        self.closed.set(true);
        self.waiters.wake_all();
    }

    fn is_closed(&self) -> bool {
        self.closed.get()
    }

    /// Runs `future` until it finishes or the signal closes (then `None`).
    async fn race<T>(&self, future: impl Future<Output = T>) -> Option<T> {
        let mut future = std::pin::pin!(future);
        let mut registration = Registration::new(&self.waiters);
        std::future::poll_fn(|cx| {
            if self.closed.get() {
                return Poll::Ready(None);
            }
            if let Poll::Ready(value) = future.as_mut().poll(cx) {
                return Poll::Ready(Some(value));
            }
            registration.wait(cx.waker());
            Poll::Pending
        })
        .await
    }
}

/// Lets one future at a time use a socket direction (the reactor keeps one waiter per
/// direction); later callers wait their turn in order.
#[derive(Default)]
struct Turn {
    busy: Cell<bool>,
    queue: Waiters,
}

struct TurnGuard<'a>(&'a Turn);

impl Turn {
    async fn take(&self) -> TurnGuard<'_> {
        let mut place = QueuePlace { turn: self, registration: Registration::new(&self.queue) };
        std::future::poll_fn(|cx| {
            // A caller that finds the turn free while others queue lets the first of them go.
            let first = self.queue.wakers.borrow().front().map(|(k, _)| *k);
            if !self.busy.get() && (first.is_none() || first == place.registration.key) {
                self.busy.set(true);
                place.registration.withdraw();
                Poll::Ready(())
            } else {
                place.registration.wait(cx.waker());
                Poll::Pending
            }
        })
        .await;
        TurnGuard(self)
    }
}

/// A caller's place in a [`Turn`]'s queue. One that gives up (its future is dropped) while the
/// turn is free passes it on to the next in line.
struct QueuePlace<'a> {
    turn: &'a Turn,
    registration: Registration<'a>,
}

impl Drop for QueuePlace<'_> {
    fn drop(&mut self) {
        if self.registration.key.is_some() {
            self.registration.withdraw();
            if !self.turn.busy.get() {
                self.turn.queue.wake_first();
            }
        }
    }
}

impl Drop for TurnGuard<'_> {
    fn drop(&mut self) {
        self.0.busy.set(false);
        self.0.queue.wake_first();
    }
}

// ---------------------------------------------------------------------------------------------
// Errors and arguments.

fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".into(),
        io::ErrorKind::ConnectionReset => "connection reset by peer".into(),
        io::ErrorKind::ConnectionAborted => "connection aborted".into(),
        io::ErrorKind::AddrInUse => "address already in use".into(),
        io::ErrorKind::AddrNotAvailable => "address not available".into(),
        io::ErrorKind::BrokenPipe => "broken pipe (the peer closed the connection)".into(),
        io::ErrorKind::TimedOut => error.to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotConnected => "not connected".into(),
        _ => error.to_string(),
    }
}

fn js_error(what: &str, error: &io::Error) -> boa_engine::JsError {
    if error.kind() == io::ErrorKind::TimedOut {
        // Scripts print and compare this exact text (compat-spec §5.4).
        return JsNativeError::error().with_message("deadline has elapsed").into();
    }
    JsNativeError::error().with_message(format!("{what}: {}", describe(error))).into()
}

/// An optional timeout in milliseconds: `undefined`/`null` mean none.
fn timeout_arg(value: &JsValue, context: &mut Context) -> JsResult<Option<Duration>> {
    if value.is_null_or_undefined() {
        return Ok(None);
    }
    let ms = value.to_number(context)?;
    if !ms.is_finite() || ms < 0.0 {
        return Err(JsNativeError::typ().with_message("the timeout must be a number of milliseconds ≥ 0").into());
    }
    Ok(Some(Duration::from_millis(ms as u64)))
}

fn port_arg(value: &JsValue, what: &str) -> JsResult<u16> {
    match value.as_number() {
        Some(n) if n.fract() == 0.0 && (0.0..=65535.0).contains(&n) => Ok(n as u16),
        _ => Err(JsNativeError::typ()
            .with_message(format!("{what}: the port must be an integer from 0 to 65535"))
            .into()),
    }
}

fn address_string(addr: SocketAddr) -> JsValue {
    JsString::from(addr.to_string().as_str()).into()
}

/// Splits `"host:port"` (or `"[v6]:port"`).
fn split_host_port(text: &str) -> Option<(String, u16)> {
    let (host, port) = text.rsplit_once(':')?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    Some((host.to_string(), port.parse().ok()?))
}

fn resolve(host: &str, port: u16) -> JsResult<Vec<SocketAddr>> {
    let addrs = net::resolve(host, port)
        .map_err(|e| JsNativeError::error().with_message(format!("cannot resolve '{host}': {}", describe(&e))))?;
    if addrs.is_empty() {
        return Err(JsNativeError::error().with_message(format!("cannot resolve '{host}': no address found")).into());
    }
    Ok(addrs)
}

/// `nslookup(host, port)` (also spelled `nsloopup`, as in the QuickJS runtime): the addresses as
/// `"ip:port"` strings.
fn nslookup(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = args
        .get_or_undefined(0)
        .as_string()
        .ok_or_else(|| JsNativeError::typ().with_message("nslookup: the host must be a string"))?
        .to_std_string_escaped();
    let port = match args.get(1) {
        None => 0,
        Some(v) if v.is_undefined() => 0,
        Some(v) if v.is_string() => v.to_string(context)?.to_std_string_escaped().parse().unwrap_or(0),
        Some(v) => port_arg(v, "nslookup")?,
    };
    let addrs = resolve(&host, port)?;
    let values: Vec<JsValue> = addrs.into_iter().map(address_string).collect();
    Ok(JsArray::from_iter(values, context).into())
}

// ---------------------------------------------------------------------------------------------
// Servers.

struct Server {
    /// `None` once closed: the socket is released as soon as no pending `accept` holds it.
    listener: RefCell<Option<Rc<TcpListener>>>,
    closed: CloseSignal,
    accepting: Turn,
}

/// `new WasiTcpServer(port[, host])`: a listening socket (host defaults to `0.0.0.0`).
#[derive(Trace, Finalize, JsData)]
pub struct WasiTcpServer {
    #[unsafe_ignore_trace]
    server: Rc<Server>,
}

impl WasiTcpServer {
    fn server(this: &JsValue) -> JsResult<Rc<Server>> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<WasiTcpServer>().map(|s| s.server.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not a WasiTcpServer").into())
    }

    fn accept(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let server = Self::server(this)?;
        let limit = timeout_arg(args.get_or_undefined(0), context)?;
        let listener = server.listener.borrow().clone();
        Ok(JsPromise::from_async_fn(
            async move |cell| {
                let accepted = match listener {
                    None => None,
                    Some(listener) => {
                        server
                            .closed
                            .race(async {
                                let _turn = server.accepting.take().await;
                                reactor::with_timeout(limit, listener.accept()).await
                            })
                            .await
                    }
                };
                match accepted {
                    None => Err(JsNativeError::error().with_message("accept: the server is closed").into()),
                    Some(Err(e)) => Err(js_error("accept", &e)),
                    Some(Ok((stream, _peer))) => {
                        let conn = WasiTcpConn::new(Box::new(stream));
                        Ok(WasiTcpConn::from_data(conn, &mut cell.borrow_mut())?.into())
                    }
                }
            },
            context,
        )
        .into())
    }

    fn close(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let server = Self::server(this)?;
        server.listener.borrow_mut().take();
        server.closed.close();
        Ok(JsValue::undefined())
    }

    fn local(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let server = Self::server(this)?;
        let listener = server.listener.borrow().clone();
        let listener = listener.ok_or_else(|| JsNativeError::error().with_message("local: the server is closed"))?;
        let addr = listener.local_addr().map_err(|e| js_error("local address", &e))?;
        Ok(address_string(addr))
    }
}

impl Class for WasiTcpServer {
    const NAME: &'static str = "WasiTcpServer";
    const LENGTH: usize = 1;

    fn data_constructor(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let port = port_arg(args.get_or_undefined(0), "WasiTcpServer")?;
        let host = match args.get(1) {
            Some(h) if !h.is_null_or_undefined() => h.to_string(context)?.to_std_string_escaped(),
            _ => "0.0.0.0".to_string(),
        };
        let addr = resolve(&host, port)?[0];
        let listener = TcpListener::bind(addr).map_err(|e| js_error(&format!("cannot listen on {addr}"), &e))?;
        Ok(Self {
            server: Rc::new(Server {
                listener: RefCell::new(Some(Rc::new(listener))),
                closed: CloseSignal::default(),
                accepting: Turn::default(),
            }),
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.method(js_string!("accept"), 1, NativeFunction::from_fn_ptr(Self::accept));
        class.method(js_string!("close"), 0, NativeFunction::from_fn_ptr(Self::close));
        class.method(js_string!("local"), 0, NativeFunction::from_fn_ptr(Self::local));
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Connections.

/// A connection's byte stream (plain TCP, or TLS over it), shared by the futures using it.
type SharedStream = Rc<RefCell<Box<dyn ByteStream>>>;

/// Writes all of `bytes`, waiting for the socket as needed.
async fn write_all(stream: &SharedStream, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        let n = poll_fn(|cx| {
            let mut stream = stream.borrow_mut();
            loop {
                match stream.try_write_vectored(&[IoSlice::new(bytes)]) {
                    Ok(Some(n)) => return Poll::Ready(Ok(n)),
                    Ok(None) => {
                        if stream.poll_write_ready(cx).is_pending() {
                            return Poll::Pending;
                        }
                    }
                    Err(e) => return Poll::Ready(Err(e)),
                }
            }
        })
        .await?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::WriteZero, "the connection accepts no more data"));
        }
        bytes = &bytes[n..];
    }
    Ok(())
}

/// Reads what is available (at least one byte, or the end of the stream) into `data`.
async fn read_some(stream: &SharedStream, data: &mut Vec<u8>) -> io::Result<()> {
    poll_fn(|cx| {
        let mut stream = stream.borrow_mut();
        loop {
            let outcome = read_available_with(|buf| stream.try_read(buf), data, MAX_READ, true)?;
            if outcome.bytes > 0 || outcome.eof {
                return Poll::Ready(Ok(()));
            }
            if stream.poll_read_ready(cx).is_pending() {
                return Poll::Pending;
            }
        }
    })
    .await
}

/// Half-closes (TLS: close_notify first), letting the stream send what it still holds.
async fn shutdown_write(stream: &SharedStream) {
    let _ = stream.borrow_mut().shutdown_write();
    // A TLS stream may not have sent its close_notify yet (the socket was full).
    poll_fn(|cx| stream.borrow_mut().poll_write_ready(cx)).await;
}

struct Connection {
    /// `None` once closed and flushed: the socket is released then, not when the JavaScript object
    /// is collected (futures still using it hold their own reference until they finish).
    stream: RefCell<Option<SharedStream>>,
    closed: CloseSignal,
    reading: Turn,
    /// Bytes waiting to be written, in order, and whether a writer task is draining them.
    outgoing: RefCell<VecDeque<Vec<u8>>>,
    writer_running: Cell<bool>,
    /// Half-close once everything queued is written.
    end_requested: Cell<bool>,
    /// A write failure, reported by the next `read()` or `write()`.
    write_error: RefCell<Option<io::Error>>,
    /// The peer closed its side: later reads resolve `undefined` at once.
    eof: Cell<bool>,
}

impl Connection {
    fn new(stream: Box<dyn ByteStream>) -> Rc<Self> {
        Rc::new(Connection {
            stream: RefCell::new(Some(Rc::new(RefCell::new(stream)))),
            closed: CloseSignal::default(),
            reading: Turn::default(),
            outgoing: RefCell::default(),
            writer_running: Cell::new(false),
            end_requested: Cell::new(false),
            write_error: RefCell::new(None),
            eof: Cell::new(false),
        })
    }

    /// The connection of a `WasiTcpConn` or a `WasiTlsConn`.
    fn of(this: &JsValue) -> JsResult<Rc<Connection>> {
        let object = this.as_object();
        object
            .as_ref()
            .and_then(|o| {
                o.downcast_ref::<WasiTcpConn>()
                    .map(|c| c.conn.clone())
                    .or_else(|| o.downcast_ref::<WasiTlsConn>().map(|c| c.conn.clone()))
            })
            .ok_or_else(|| JsNativeError::typ().with_message("not a WasiTcpConn or WasiTlsConn").into())
    }

    fn stream(&self) -> io::Result<SharedStream> {
        self.stream.borrow().clone().ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "the connection is closed"))
    }

    fn take_write_error(&self) -> Option<boa_engine::JsError> {
        self.write_error.borrow_mut().take().map(|e| js_error("write", &e))
    }

    /// Sends `bytes`: at once as far as the socket takes them when nothing is queued before
    /// them, the rest queued for a writer task, which is started if none is draining the queue.
    fn send(self: &Rc<Self>, mut bytes: Vec<u8>, context: &mut Context) {
        if !bytes.is_empty() && !self.writer_running.get() {
            match self.write_now(&bytes) {
                Ok(n) if n == bytes.len() => return,
                Ok(n) => {
                    bytes.drain(..n);
                }
                Err(error) => {
                    *self.write_error.borrow_mut() = Some(error);
                    return;
                }
            }
        }
        if !bytes.is_empty() {
            self.outgoing.borrow_mut().push_back(bytes);
        }
        if self.writer_running.get() {
            return;
        }
        self.writer_running.set(true);
        let conn = self.clone();
        context.enqueue_job(
            NativeAsyncJob::new(async move |_context| {
                conn.drain().await;
                Ok(JsValue::undefined())
            })
            .into(),
        );
    }

    /// Writes what the socket takes now, without waiting (nothing may be queued).
    fn write_now(&self, bytes: &[u8]) -> io::Result<usize> {
        let stream = self.stream()?;
        let Ok(mut stream) = stream.try_borrow_mut() else { return Ok(0) };
        match stream.try_write_vectored(&[IoSlice::new(bytes)])? {
            Some(0) => Err(io::Error::new(io::ErrorKind::WriteZero, "the connection accepts no more data")),
            Some(n) => Ok(n),
            None => Ok(0),
        }
    }

    async fn drain(self: Rc<Self>) {
        if let Ok(stream) = self.stream() {
            loop {
                let next = self.outgoing.borrow_mut().pop_front();
                let Some(bytes) = next else { break };
                if let Err(error) = write_all(&stream, &bytes).await {
                    self.outgoing.borrow_mut().clear();
                    *self.write_error.borrow_mut() = Some(error);
                    break;
                }
            }
            if self.end_requested.get() || self.closed.is_closed() {
                shutdown_write(&stream).await;
            }
        }
        self.writer_running.set(false);
        if self.closed.is_closed() {
            self.release();
        }
    }

    /// Drops our reference to the socket: it closes as soon as no pending operation holds it.
    fn release(&self) {
        self.stream.borrow_mut().take();
    }

    // The instance methods, shared by `WasiTcpConn` and `WasiTlsConn`.

    /// `read([timeoutMs])`: the next bytes as an ArrayBuffer, or `undefined` at end of stream.
    fn read(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let conn = Self::of(this)?;
        let limit = timeout_arg(args.get_or_undefined(0), context)?;
        if let Some(error) = conn.take_write_error() {
            return Ok(JsPromise::reject(error, context)?.into());
        }
        Ok(JsPromise::from_async_fn(
            async move |cell| {
                let outcome = conn
                    .closed
                    .race(async {
                        let _turn = conn.reading.take().await;
                        if conn.eof.get() {
                            return Ok(Vec::new());
                        }
                        let Ok(stream) = conn.stream() else { return Ok(Vec::new()) };
                        let mut data = Vec::new();
                        reactor::with_timeout(limit, read_some(&stream, &mut data)).await?;
                        if data.is_empty() {
                            conn.eof.set(true);
                        }
                        Ok::<_, io::Error>(data)
                    })
                    .await;
                match outcome {
                    None => Ok(JsValue::undefined()),
                    Some(Err(e)) => Err(js_error("read", &e)),
                    Some(Ok(bytes)) if bytes.is_empty() => Ok(JsValue::undefined()),
                    Some(Ok(bytes)) => {
                        let mut block = AlignedVec::new(64);
                        block.extend_from_slice(&bytes);
                        Ok(JsArrayBuffer::from_byte_block(block, &mut cell.borrow_mut())?.into())
                    }
                }
            },
            context,
        )
        .into())
    }

    fn bytes(value: &JsValue, context: &mut Context) -> JsResult<Vec<u8>> {
        if let Some(text) = value.as_string() {
            return Ok(text.to_std_string_escaped().into_bytes());
        }
        if let Some(bytes) = crate::globals::bytes_of(value, context)? {
            return Ok(bytes);
        }
        // Anything else is sent as its string form, as the QuickJS runtime does.
        Ok(value.to_string(context)?.to_std_string_escaped().into_bytes())
    }

    fn queue(this: &JsValue, data: Option<&JsValue>, context: &mut Context) -> JsResult<Rc<Connection>> {
        let conn = Self::of(this)?;
        if let Some(error) = conn.take_write_error() {
            return Err(error);
        }
        if conn.closed.is_closed() || conn.end_requested.get() {
            return Err(JsNativeError::error().with_message("write: the connection is closed").into());
        }
        let bytes = match data {
            Some(value) if !value.is_null_or_undefined() => Self::bytes(value, context)?,
            _ => Vec::new(),
        };
        conn.send(bytes, context);
        Ok(conn)
    }

    /// `write(data)`: queues the bytes; returns `true` at once.
    fn write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        Self::queue(this, Some(args.get_or_undefined(0)), context)?;
        Ok(true.into())
    }

    /// `end([data])`: writes `data`, then half-closes once everything queued is sent.
    fn end(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let conn = Self::queue(this, args.first(), context)?;
        conn.end_requested.set(true);
        // A writer that already finished would not see the request: start one to shut down.
        conn.send(Vec::new(), context);
        Ok(true.into())
    }

    /// `close()`: pending reads resolve `undefined`; queued bytes are still sent, then the socket
    /// is shut down and released at once (not when the object is collected).
    fn close(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let conn = Self::of(this)?;
        if !conn.closed.is_closed() {
            conn.closed.close();
            if !conn.writer_running.get() {
                // TLS sends its close_notify here (the socket has room: nothing else is queued).
                if let Ok(stream) = conn.stream() {
                    let _ = stream.borrow_mut().shutdown_write();
                }
                conn.release();
            }
        }
        Ok(JsValue::undefined())
    }

    fn peer(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let conn = Self::of(this)?;
        conn.stream().and_then(|s| s.borrow().peer_addr()).map(address_string).map_err(|e| js_error("peer address", &e))
    }

    fn local(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let conn = Self::of(this)?;
        conn.stream().and_then(|s| s.borrow().local_addr()).map(address_string).map_err(|e| js_error("local address", &e))
    }

    /// Registers the instance methods on a connection class.
    fn init_methods(class: &mut ClassBuilder<'_>) {
        class.method(js_string!("read"), 1, NativeFunction::from_fn_ptr(Self::read));
        class.method(js_string!("write"), 1, NativeFunction::from_fn_ptr(Self::write));
        class.method(js_string!("end"), 1, NativeFunction::from_fn_ptr(Self::end));
        class.method(js_string!("close"), 0, NativeFunction::from_fn_ptr(Self::close));
        class.method(js_string!("peer"), 0, NativeFunction::from_fn_ptr(Self::peer));
        class.method(js_string!("local"), 0, NativeFunction::from_fn_ptr(Self::local));
        // `ChunkResponse.on(...)` forwards here; connections emit no events.
        class.method(js_string!("on"), 2, NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone())));
    }
}

/// `(host, port[, timeoutMs])` or `("host:port"[, timeoutMs])` of the `connect` functions.
fn connect_args(args: &[JsValue], context: &mut Context) -> JsResult<(String, u16, Option<Duration>)> {
    let first = args.get_or_undefined(0);
    let Some(first) = first.as_string().map(|s| s.to_std_string_escaped()) else {
        return Err(JsNativeError::typ().with_message("connect: the host must be a string").into());
    };
    let (host, port, timeout_index) = if args.get(1).is_some_and(JsValue::is_number) {
        (first, port_arg(&args[1], "connect")?, 2)
    } else {
        let (host, port) = split_host_port(&first).ok_or_else(|| {
            JsNativeError::typ().with_message(format!("connect: expected (host, port) or \"host:port\", got \"{first}\""))
        })?;
        (host, port, 1)
    };
    let limit = timeout_arg(args.get_or_undefined(timeout_index), context)?;
    Ok((host, port, limit))
}

/// Connects to the first address of `addrs` that answers.
async fn connect_tcp(addrs: &[SocketAddr]) -> Result<TcpStream, (SocketAddr, io::Error)> {
    let mut last_error = None;
    for addr in addrs {
        match TcpStream::connect(*addr).await {
            Ok(stream) => return Ok(stream),
            Err(e) => last_error = Some((*addr, e)),
        }
    }
    Err(last_error.unwrap_or((addrs[0], io::Error::other("no address to connect to"))))
}

/// A TCP connection (from `WasiTcpServer.accept()` or `WasiTcpConn.connect()`).
#[derive(Trace, Finalize, JsData)]
pub struct WasiTcpConn {
    #[unsafe_ignore_trace]
    conn: Rc<Connection>,
}

impl WasiTcpConn {
    fn new(stream: Box<dyn ByteStream>) -> Self {
        Self { conn: Connection::new(stream) }
    }

    /// `WasiTcpConn.connect(host, port[, timeoutMs])` or `connect("host:port"[, timeoutMs])`.
    fn connect(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let (host, port, limit) = connect_args(args, context)?;
        let addrs = match resolve(&host, port) {
            Ok(addrs) => addrs,
            Err(error) => return Ok(JsPromise::reject(error, context)?.into()),
        };
        Ok(JsPromise::from_async_fn(
            async move |cell| {
                let mut failed_at = None;
                let attempt = async {
                    connect_tcp(&addrs).await.map_err(|(addr, e)| {
                        failed_at = Some(addr);
                        e
                    })
                };
                match reactor::with_timeout(limit, attempt).await {
                    Ok(stream) => Ok(WasiTcpConn::from_data(WasiTcpConn::new(Box::new(stream)), &mut cell.borrow_mut())?.into()),
                    Err(e) if e.kind() == io::ErrorKind::TimedOut => Err(js_error("connect", &e)),
                    Err(e) => Err(js_error(&format!("connect to {} failed", failed_at.unwrap_or(addrs[0])), &e)),
                }
            },
            context,
        )
        .into())
    }
}

impl Class for WasiTcpConn {
    const NAME: &'static str = "WasiTcpConn";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ()
            .with_message("WasiTcpConn cannot be constructed: use WasiTcpConn.connect(host, port) or server.accept()")
            .into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.static_method(js_string!("connect"), 2, NativeFunction::from_fn_ptr(Self::connect));
        Connection::init_methods(class);
        Ok(())
    }
}

/// A TLS client connection (`WasiTlsConn.connect(host, port[, timeoutMs])`), with the instance
/// API of `WasiTcpConn`. The certificate is verified against the default roots (Mozilla's,
/// `SSL_CERT_FILE`, `NODE_EXTRA_CA_CERTS`) and the host name; `connect` resolves once the
/// handshake is complete.
#[derive(Trace, Finalize, JsData)]
pub struct WasiTlsConn {
    #[unsafe_ignore_trace]
    conn: Rc<Connection>,
}

impl WasiTlsConn {
    fn connect(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let (host, port, limit) = connect_args(args, context)?;
        let addrs = match resolve(&host, port) {
            Ok(addrs) => addrs,
            Err(error) => return Ok(JsPromise::reject(error, context)?.into()),
        };
        let session = tls::TlsClient::new(&tls::ClientOptions::with_defaults()).and_then(|client| client.connect(&host));
        let session = match session {
            Ok(session) => session,
            Err(failure) => return Ok(JsPromise::reject(tls_error(&failure, &host, port, context), context)?.into()),
        };
        Ok(JsPromise::from_async_fn(
            async move |cell| {
                let mut failed_at = None;
                let attempt = async {
                    let tcp = connect_tcp(&addrs).await.map_err(|(addr, e)| {
                        failed_at = Some(addr);
                        e
                    })?;
                    let mut stream = tls::TlsStream::new(tcp, session);
                    poll_fn(|cx| stream.poll_handshake(cx)).await?;
                    Ok::<_, io::Error>(stream)
                };
                match reactor::with_timeout(limit, attempt).await {
                    Ok(stream) => {
                        let conn = WasiTlsConn { conn: Connection::new(Box::new(stream)) };
                        Ok(WasiTlsConn::from_data(conn, &mut cell.borrow_mut())?.into())
                    }
                    Err(e) if e.kind() == io::ErrorKind::TimedOut => Err(js_error("connect", &e)),
                    Err(e) => match tls::TlsFailure::of_io(&e) {
                        Some(failure) => Err(tls_error(failure, &host, port, &mut cell.borrow_mut())),
                        None => Err(js_error(&format!("connect to {} failed", failed_at.unwrap_or(addrs[0])), &e)),
                    },
                }
            },
            context,
        )
        .into())
    }
}

/// `Error: certificate has expired (CERT_HAS_EXPIRED) connecting to 127.0.0.1:8443`, with `code`.
fn tls_error(failure: &tls::TlsFailure, host: &str, port: u16, context: &mut Context) -> boa_engine::JsError {
    let message = format!("{failure} connecting to {host}:{port}");
    crate::node::http::coded_error(JsNativeError::error(), &message, &failure.code, context)
}

impl Class for WasiTlsConn {
    const NAME: &'static str = "WasiTlsConn";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("WasiTlsConn cannot be constructed: use WasiTlsConn.connect(host, port)").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        class.static_method(js_string!("connect"), 2, NativeFunction::from_fn_ptr(Self::connect));
        Connection::init_methods(class);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::{
        future::Future,
        pin::pin,
        task::{Context as TaskContext, Poll, Waker},
    };

    use super::{CloseSignal, Turn};

    fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut TaskContext::from_waker(Waker::noop()))
    }

    #[test]
    fn a_finished_race_takes_its_waker_back() {
        let signal = CloseSignal::default();
        for _ in 0..100 {
            let mut ready = false;
            let mut race = pin!(signal.race(std::future::poll_fn(|_| {
                if ready {
                    Poll::Ready(())
                } else {
                    ready = true;
                    Poll::Pending
                }
            })));
            assert!(poll_once(race.as_mut()).is_pending());
            assert_eq!(signal.waiters.wakers.borrow().len(), 1);
            assert_eq!(poll_once(race.as_mut()), Poll::Ready(Some(())));
        }
        assert!(signal.waiters.wakers.borrow().is_empty());
    }

    #[test]
    fn a_dropped_race_takes_its_waker_back_and_close_ends_a_pending_one() {
        let signal = CloseSignal::default();
        {
            let mut race = pin!(signal.race(std::future::pending::<()>()));
            assert!(poll_once(race.as_mut()).is_pending());
        }
        assert!(signal.waiters.wakers.borrow().is_empty());
        let mut race = pin!(signal.race(std::future::pending::<()>()));
        assert!(poll_once(race.as_mut()).is_pending());
        signal.close();
        assert_eq!(poll_once(race.as_mut()), Poll::Ready(None));
    }

    #[test]
    fn turns_are_taken_in_order_and_a_caller_that_gives_up_passes_its_place_on() {
        let turn = Turn::default();
        let mut first = pin!(turn.take());
        let Poll::Ready(held) = poll_once(first.as_mut()) else { panic!("a free turn is taken at once") };
        let mut second = pin!(turn.take());
        let mut third = pin!(turn.take());
        assert!(poll_once(second.as_mut()).is_pending());
        assert!(poll_once(third.as_mut()).is_pending());
        drop(held);
        // The third caller may not jump the queue while the second still waits.
        assert!(poll_once(third.as_mut()).is_pending());
        // The second gives up (its future is replaced): the third is next.
        second.set(turn.take());
        let mut fourth = pin!(turn.take());
        assert!(poll_once(fourth.as_mut()).is_pending());
        let Poll::Ready(_held) = poll_once(third.as_mut()) else { panic!("the turn passes to the next in line") };
        // Only the fourth is still queued (the new second never asked).
        assert_eq!(turn.queue.wakers.borrow().len(), 1);
    }
}
