//! The HTTP/1.1 server engine: an accept loop and one task per connection on the platform
//! reactor. JavaScript (js/http.js) is called once per request, with an [`HttpExchange`], and
//! for the rare events (a new connection when someone listens for it, client errors, timeouts,
//! aborted requests, the server closing).
//!
//! A connection task is a state machine over a [`ByteStream`]:
//!
//! ```text
//!   Waiting ──head──▶ Busy (request dispatched; body decoded as it arrives) ──response ended──▶ Waiting
//!      │                 │                                                                         │
//!      └──── error, timeout, Connection: close, server.close() ──▶ Closing (flush, FIN, linger) ──▶ closed
//! ```
//!
//! Memory per connection is bounded whatever the peer does: the input buffer holds at most one
//! head (`maxHeaderSize`) plus what was read ahead; request bodies are read only while the handler
//! keeps up ([`BODY_HIGH_WATER`]); no further request is dispatched while the response queue is
//! above [`RESPONSE_HIGH_WATER`] (a client that pipelines and never reads stalls itself, not the
//! server). An idle connection owns no buffer at all.

use std::{
    cell::{Cell, RefCell},
    future::poll_fn,
    io,
    net::SocketAddr,
    rc::Rc,
    task::{Context as TaskContext, Poll, Waker},
    time::{Duration, Instant},
};

use boa_engine::{
    Context, JsArgs, JsData, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    class::{Class, ClassBuilder},
    job::NativeAsyncJob,
    js_string,
    object::builtins::JsFunction,
};
use boa_gc::{Finalize, Trace};
use wasmedge_boa_platform::{
    net::TcpListener,
    reactor::{self, Sleep},
};

use super::{
    exchange::{BODY_HIGH_WATER, ExchangeCore, RESPONSE_HIGH_WATER, RequestInfo, exchange_object},
    wire::{self, BodyDecoder, Expect, HeadScanner, WireError},
};
use crate::{
    byte_stream::{ByteStream, read_available},
    bytes::new_buffer,
    node::outgoing::{Flushed, OutQueue},
};

/// How long a closing connection keeps reading (and dropping) what the client still sends, so
/// the response is not destroyed by a reset (RFC 9112 §9.6).
const LINGER: Duration = Duration::from_secs(2);
/// Requests one connection may dispatch before it lets other tasks run.
const DISPATCH_BURST: u32 = 16;
/// Connections accepted in a row before the accept loop lets other tasks run.
const ACCEPT_BURST: u32 = 16;

/// Events given to the script's `onEvent(kind, …)` callback.
mod event {
    pub const CLOSE: u32 = 0;
    pub const CONNECTION: u32 = 1;
    pub const CLIENT_ERROR: u32 = 2;
    pub const TIMEOUT: u32 = 3;
    pub const ABORTED: u32 = 4;
    pub const DRAIN: u32 = 5;
    pub const SOCKET_CLOSE: u32 = 6;
    pub const ERROR: u32 = 7;
}

/// The server's settings, changeable at any time from JavaScript (`server.keepAliveTimeout = …`).
pub struct Config {
    pub headers_timeout: Cell<Option<Duration>>,
    pub request_timeout: Cell<Option<Duration>>,
    pub keep_alive_timeout: Cell<Option<Duration>>,
    /// `server.timeout`: inactivity on a socket (0 = none).
    pub idle_timeout: Cell<Option<Duration>>,
    pub max_head: Cell<usize>,
    pub max_requests: Cell<u32>,
    pub max_headers_count: Cell<usize>,
    /// The script listens for `'connection'`: make a socket object per connection.
    pub watch_connections: Cell<bool>,
    /// The script listens for `'checkContinue'`: let it answer `Expect: 100-continue`.
    pub watch_check_continue: Cell<bool>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            headers_timeout: Cell::new(Some(Duration::from_secs(60))),
            request_timeout: Cell::new(Some(Duration::from_secs(300))),
            keep_alive_timeout: Cell::new(Some(Duration::from_secs(5))),
            idle_timeout: Cell::new(None),
            max_head: Cell::new(wire::DEFAULT_MAX_HEAD_BYTES),
            max_requests: Cell::new(0),
            max_headers_count: Cell::new(2000),
            watch_connections: Cell::new(false),
            watch_check_continue: Cell::new(false),
        }
    }
}

struct Callbacks {
    on_request: JsFunction,
    on_event: JsFunction,
}

/// What the server handle, the accept task and every connection share.
pub struct ServerShared {
    pub config: Config,
    callbacks: RefCell<Option<Callbacks>>,
    listener: RefCell<Option<Rc<TcpListener>>>,
    /// HTTPS: every accepted connection runs a TLS session with this configuration.
    tls: RefCell<Option<std::sync::Arc<rustls::ServerConfig>>>,
    accept_task: RefCell<Option<Waker>>,
    closing: Cell<bool>,
    accepting: Cell<bool>,
    close_reported: Cell<bool>,
    connections: RefCell<Vec<Option<Rc<ConnLink>>>>,
    free_slots: RefCell<Vec<usize>>,
    live: Cell<usize>,
}

impl ServerShared {
    fn callbacks(&self) -> Option<(JsFunction, JsFunction)> {
        self.callbacks.borrow().as_ref().map(|c| (c.on_request.clone(), c.on_event.clone()))
    }

    fn add(&self, link: Rc<ConnLink>) -> usize {
        let mut connections = self.connections.borrow_mut();
        let slot = match self.free_slots.borrow_mut().pop() {
            Some(slot) => slot,
            None => {
                connections.push(None);
                connections.len() - 1
            }
        };
        connections[slot] = Some(link);
        self.live.set(self.live.get() + 1);
        slot
    }

    fn remove(&self, slot: usize) {
        if let Some(entry) = self.connections.borrow_mut().get_mut(slot) {
            if entry.take().is_some() {
                self.free_slots.borrow_mut().push(slot);
                self.live.set(self.live.get() - 1);
            }
        }
    }

    fn each_link(&self, mut f: impl FnMut(&Rc<ConnLink>)) {
        let links: Vec<Rc<ConnLink>> = self.connections.borrow().iter().flatten().cloned().collect();
        for link in &links {
            f(link);
        }
    }

    /// Whether the server is closed and every connection is gone: time for `'close'`.
    fn finished(&self) -> bool {
        self.closing.get() && !self.accepting.get() && self.live.get() == 0
    }
}

/// The write half of a connection, shared with the exchanges that write responses.
pub struct Io {
    pub stream: Box<dyn ByteStream>,
    pub out: OutQueue,
    pub write_blocked: bool,
    /// A write failed: the connection is unusable.
    pub broken: bool,
}

/// What a connection task shares with its exchanges, its socket object and the server.
pub struct ConnLink {
    pub io: RefCell<Io>,
    waker: RefCell<Option<Waker>>,
    /// Close now (`socket.destroy()`, `closeAllConnections()`).
    killed: Cell<bool>,
    /// Finish the exchange in flight, then close (`server.close()`).
    close_when_done: Cell<bool>,
    /// No request in flight and none started.
    idle: Cell<bool>,
    /// `socket.setTimeout()`: overrides `server.timeout` for this connection.
    idle_timeout: Cell<Option<Option<Duration>>>,
    /// The JavaScript object behind `req.socket`, once made.
    object: RefCell<Option<JsObject>>,
    pub peer: Option<SocketAddr>,
    pub local: Option<SocketAddr>,
}

impl ConnLink {
    pub fn wake(&self) {
        if let Some(waker) = self.waker.borrow().as_ref() {
            waker.wake_by_ref();
        }
    }

    pub fn kill(&self) {
        self.killed.set(true);
        self.wake();
    }

    /// The connection closes after the current exchange (the response says so).
    pub fn closing_soon(&self) -> bool {
        self.close_when_done.get()
    }

    pub fn queued(&self) -> usize {
        self.io.borrow().out.len()
    }

    /// Queues bytes and writes what the socket takes now; the task finishes the rest.
    pub fn send(&self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        let mut io = self.io.borrow_mut();
        if io.broken {
            return;
        }
        io.out.push(bytes);
        if io.write_blocked {
            return;
        }
        let Io { stream, out, .. } = &mut *io;
        match out.flush(stream.as_mut()) {
            Ok(Flushed::All) => {}
            Ok(Flushed::Blocked) => {
                io.write_blocked = true;
                drop(io);
                self.wake();
            }
            Err(_) => {
                io.broken = true;
                io.out.clear();
                drop(io);
                self.wake();
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// The JavaScript handle of a server.

/// `new HttpServer(onRequest, onEvent)`: the native half of `http.Server`.
#[derive(Trace, Finalize, JsData)]
pub struct HttpServer {
    #[unsafe_ignore_trace]
    shared: Rc<ServerShared>,
}

impl HttpServer {
    fn shared(this: &JsValue) -> JsResult<Rc<ServerShared>> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<HttpServer>().map(|s| s.shared.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not an HttpServer").into())
    }

    /// `listen(host, port, backlog)` → the bound `"ip:port"`; throws Node's `EADDRINUSE` etc.
    fn listen(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        if shared.listener.borrow().is_some() || shared.accepting.get() {
            return Err(super::coded_error(JsNativeError::error(), "Listen method has been called more than once without closing.", "ERR_SERVER_ALREADY_LISTEN", context));
        }
        let host = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
        let port = args.get_or_undefined(1).to_u32(context)?;
        let backlog = match args.get(2) {
            Some(v) if v.is_number() => v.to_u32(context)?.max(1),
            _ => wasmedge_boa_platform::net::DEFAULT_BACKLOG,
        };
        let port = u16::try_from(port).map_err(|_| JsNativeError::range().with_message("port out of range"))?;
        let addrs = wasmedge_boa_platform::net::resolve(&host, port)
            .map_err(|e| crate::node::net::socket_error(&e, "getaddrinfo", Some(&host), None, context))?;
        let Some(addr) = addrs.first().copied() else {
            return Err(crate::node::net::socket_error(&io::Error::from(io::ErrorKind::NotFound), "getaddrinfo", Some(&host), None, context));
        };
        let listener = TcpListener::bind_with_backlog(addr, backlog)
            .map_err(|e| crate::node::net::socket_error(&e, "listen", Some(&addr.ip().to_string()), Some(addr.port()), context))?;
        let local = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
        let listener = Rc::new(listener);
        *shared.listener.borrow_mut() = Some(listener.clone());
        shared.closing.set(false);
        shared.close_reported.set(false);
        shared.accepting.set(true);
        let task_shared = shared.clone();
        context.enqueue_job(NativeAsyncJob::new(async move |cell| accept_loop(task_shared, listener, cell).await).into());
        Ok(JsString::from(local.as_str()).into())
    }

    /// `setTls({key, cert})`: connections accepted from now on speak TLS (`https.createServer`).
    fn set_tls(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        let config = crate::tls::js::server_from_js(args.get_or_undefined(0), vec![b"http/1.1".to_vec()], context)?;
        *shared.tls.borrow_mut() = Some(config);
        Ok(JsValue::undefined())
    }

    fn address(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        let listener = shared.listener.borrow().clone();
        Ok(match listener.and_then(|l| l.local_addr().ok()) {
            Some(addr) => JsString::from(addr.to_string().as_str()).into(),
            None => JsValue::null(),
        })
    }

    /// `close()`: stop accepting, close idle connections, let busy ones finish their exchange;
    /// `onEvent(CLOSE)` once every connection is gone.
    fn close(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        shared.closing.set(true);
        shared.listener.borrow_mut().take();
        if let Some(waker) = shared.accept_task.borrow_mut().take() {
            waker.wake();
        }
        shared.each_link(|link| {
            link.close_when_done.set(true);
            if link.idle.get() {
                link.kill();
            } else {
                link.wake();
            }
        });
        report_close_if_finished(&shared, context)?;
        Ok(JsValue::undefined())
    }

    fn close_idle(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        shared.each_link(|link| {
            if link.idle.get() {
                link.kill();
            }
        });
        Ok(JsValue::undefined())
    }

    fn close_all(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        shared.each_link(|link| link.kill());
        Ok(JsValue::undefined())
    }

    fn connections(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        Ok((Self::shared(this)?.live.get() as u32).into())
    }

    /// `configure(name, value)`: one setting (milliseconds for timeouts; 0 disables).
    fn configure(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let shared = Self::shared(this)?;
        let name = args.get_or_undefined(0).to_string(context)?.to_std_string_lossy();
        let value = args.get_or_undefined(1);
        let number = value.to_number(context)?;
        let ms = || (number.is_finite() && number > 0.0).then(|| Duration::from_millis(number as u64));
        let count = || if number.is_finite() && number > 0.0 { number as u64 } else { 0 };
        let c = &shared.config;
        match name.as_str() {
            "headersTimeout" => c.headers_timeout.set(ms()),
            "requestTimeout" => c.request_timeout.set(ms()),
            "keepAliveTimeout" => c.keep_alive_timeout.set(ms()),
            "timeout" => c.idle_timeout.set(ms()),
            "maxHeaderSize" => c.max_head.set(if count() > 0 { count() as usize } else { wire::DEFAULT_MAX_HEAD_BYTES }),
            "maxRequestsPerSocket" => c.max_requests.set(count().min(u64::from(u32::MAX)) as u32),
            "maxHeadersCount" => c.max_headers_count.set(if count() > 0 { count() as usize } else { 2000 }),
            "watchConnections" => c.watch_connections.set(value.to_boolean()),
            "watchCheckContinue" => c.watch_check_continue.set(value.to_boolean()),
            _ => return Err(JsNativeError::typ().with_message(format!("unknown HTTP server setting {name}")).into()),
        }
        Ok(JsValue::undefined())
    }
}

impl Class for HttpServer {
    const NAME: &'static str = "HttpServer";
    const LENGTH: usize = 2;

    fn data_constructor(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<Self> {
        let function = |i: usize| {
            args.get(i)
                .and_then(JsValue::as_object)
                .and_then(|o| JsFunction::from_object(o.clone()))
                .ok_or_else(|| JsNativeError::typ().with_message("HttpServer(onRequest, onEvent) takes two functions"))
        };
        let callbacks = Callbacks { on_request: function(0)?, on_event: function(1)? };
        Ok(Self {
            shared: Rc::new(ServerShared {
                config: Config::default(),
                callbacks: RefCell::new(Some(callbacks)),
                listener: RefCell::new(None),
                tls: RefCell::new(None),
                accept_task: RefCell::new(None),
                closing: Cell::new(false),
                accepting: Cell::new(false),
                close_reported: Cell::new(false),
                connections: RefCell::new(Vec::new()),
                free_slots: RefCell::new(Vec::new()),
                live: Cell::new(0),
            }),
        })
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        type F = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
        let methods: [(&str, usize, F); 8] = [
            ("setTls", 1, Self::set_tls),
            ("listen", 3, Self::listen),
            ("address", 0, Self::address),
            ("close", 0, Self::close),
            ("closeIdleConnections", 0, Self::close_idle),
            ("closeAllConnections", 0, Self::close_all),
            ("connections", 0, Self::connections),
            ("configure", 2, Self::configure),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
        }
        Ok(())
    }
}

fn report_close_if_finished(shared: &Rc<ServerShared>, context: &mut Context) -> JsResult<()> {
    if shared.finished() && !shared.close_reported.get() {
        shared.close_reported.set(true);
        if let Some((_, on_event)) = shared.callbacks() {
            on_event.call(&JsValue::undefined(), &[event::CLOSE.into()], context)?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// Accepting.

async fn accept_loop(shared: Rc<ServerShared>, listener: Rc<TcpListener>, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
    let mut burst = 0;
    loop {
        let accepted = {
            let mut accept = std::pin::pin!(listener.accept());
            poll_fn(|cx| {
                if shared.closing.get() || shared.listener.borrow().is_none() {
                    return Poll::Ready(None);
                }
                *shared.accept_task.borrow_mut() = Some(cx.waker().clone());
                accept.as_mut().poll(cx).map(Some)
            })
            .await
        };
        let (stream, peer) = match accepted {
            None => break,
            Some(Ok(pair)) => pair,
            Some(Err(error)) => {
                // Not a per-connection or descriptor problem (those are retried below us): report
                // it as the server's 'error' and stop accepting.
                let context = &mut **cell.borrow_mut();
                let error = crate::node::net::socket_error(&error, "accept", None, None, context);
                let value = error.into_opaque(context).unwrap_or_default();
                if let Some((_, on_event)) = shared.callbacks() {
                    on_event.call(&JsValue::undefined(), &[event::ERROR.into(), value], context)?;
                }
                break;
            }
        };
        let tls = shared.tls.borrow().clone();
        let stream: Box<dyn ByteStream> = match tls.map(rustls::ServerConnection::new) {
            None => Box::new(stream),
            // The handshake runs as the connection is first read.
            Some(Ok(session)) => Box::new(crate::tls::TlsStream::new(stream, session)),
            Some(Err(_)) => continue,
        };
        start_connection(&shared, stream, Some(peer), cell)?;
        burst += 1;
        if burst >= ACCEPT_BURST {
            burst = 0;
            reactor::yield_now().await;
        }
    }
    shared.accepting.set(false);
    drop(listener);
    *shared.accept_task.borrow_mut() = None;
    report_close_if_finished(&shared, &mut cell.borrow_mut())?;
    Ok(JsValue::undefined())
}

fn start_connection(
    shared: &Rc<ServerShared>,
    stream: Box<dyn ByteStream>,
    peer: Option<SocketAddr>,
    cell: &RefCell<&mut Context>,
) -> JsResult<()> {
    let local = stream.local_addr().ok();
    let link = Rc::new(ConnLink {
        io: RefCell::new(Io { stream, out: OutQueue::default(), write_blocked: false, broken: false }),
        waker: RefCell::new(None),
        killed: Cell::new(false),
        close_when_done: Cell::new(shared.closing.get()),
        idle: Cell::new(true),
        idle_timeout: Cell::new(None),
        object: RefCell::new(None),
        peer,
        local,
    });
    let slot = shared.add(link.clone());
    let now = Instant::now();
    let connection = Connection {
        link: link.clone(),
        server: shared.clone(),
        slot,
        input: Vec::new(),
        start: 0,
        scanner: HeadScanner::default(),
        read_blocked: false,
        eof: false,
        served: 0,
        phase: Phase::Waiting { since: now, request_start: None },
        timer: reactor::sleep_until(now + Duration::from_secs(3600)),
        accepted_at: now,
        last_activity: now,
        dispatched_in_a_row: 0,
    };
    let context = &mut **cell.borrow_mut();
    if shared.config.watch_connections.get() {
        let object = connection_object(&link, context)?;
        if let Some((_, on_event)) = shared.callbacks() {
            on_event.call(&JsValue::undefined(), &[event::CONNECTION.into(), object.into()], context)?;
        }
    }
    context.enqueue_job(NativeAsyncJob::new(async move |cell| connection.run(cell).await).into());
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// One connection.

enum Phase {
    /// Between requests. `request_start`: when the first byte of the next head arrived.
    Waiting { since: Instant, request_start: Option<Instant> },
    /// A request is dispatched.
    Busy(Box<Busy>),
    /// Flushing the last response, then closing. `shut`: the write side is shut down.
    Closing { since: Instant, shut: bool },
}

struct Busy {
    core: Rc<RefCell<ExchangeCore>>,
    /// What `onRequest` returned (the `ServerResponse`): given back with 'drain' and 'aborted'.
    owner: JsValue,
    decoder: BodyDecoder,
    started: Instant,
}

/// Why a connection's timer fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiry {
    /// No complete head in time: 408.
    Headers,
    /// Body not received in time: 408 if nothing was answered yet.
    Request,
    /// Idle keep-alive connection: closed quietly.
    KeepAlive,
    /// `server.timeout` / `socket.setTimeout()` inactivity.
    Inactive,
    /// A closing connection waited long enough for the client.
    Linger,
}

enum Step {
    Request { head: wire::RequestHead, decoder: BodyDecoder, body: BodyStart },
    /// Body bytes (or its end) for a waiting `pull()`.
    Body,
    Reject(WireError),
    Expired(Expiry),
    Drain,
    /// The connection is done; `aborted`: a request was in flight without a complete response.
    Closed,
}

enum BodyStart {
    None,
    Complete(Vec<u8>),
    /// The body is still arriving; what came with the head.
    Streaming(Vec<u8>),
}

struct Connection {
    link: Rc<ConnLink>,
    server: Rc<ServerShared>,
    slot: usize,
    /// Received bytes; `input[start..]` are not consumed yet.
    input: Vec<u8>,
    start: usize,
    scanner: HeadScanner,
    read_blocked: bool,
    eof: bool,
    served: u32,
    phase: Phase,
    timer: Sleep,
    accepted_at: Instant,
    last_activity: Instant,
    dispatched_in_a_row: u32,
}

impl Connection {
    async fn run(mut self, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
        let result = self.serve(cell).await;
        self.finish(cell)?;
        result
    }

    async fn serve(&mut self, cell: &RefCell<&mut Context>) -> JsResult<JsValue> {
        loop {
            let step = poll_fn(|cx| self.poll_step(cx)).await;
            match step {
                Step::Closed => return Ok(JsValue::undefined()),
                Step::Request { head, decoder, body } => {
                    self.dispatch(head, decoder, body, cell)?;
                    self.dispatched_in_a_row += 1;
                    if self.dispatched_in_a_row >= DISPATCH_BURST {
                        self.dispatched_in_a_row = 0;
                        reactor::yield_now().await;
                    }
                }
                Step::Body => self.deliver_body(cell)?,
                Step::Reject(error) => self.reject(error, cell)?,
                Step::Expired(expiry) => self.expire(expiry, cell)?,
                Step::Drain => {
                    if let Phase::Busy(busy) = &self.phase {
                        let owner = busy.owner.clone();
                        self.notify(event::DRAIN, owner, cell)?;
                    }
                }
            }
        }
    }

    fn notify(&self, kind: u32, value: JsValue, cell: &RefCell<&mut Context>) -> JsResult<()> {
        if let Some((_, on_event)) = self.server.callbacks() {
            on_event.call(&JsValue::undefined(), &[kind.into(), value], &mut cell.borrow_mut())?;
        }
        Ok(())
    }

    /// Everything non-blocking that can be done now; `Ready` with what needs JavaScript.
    fn poll_step(&mut self, cx: &mut TaskContext<'_>) -> Poll<Step> {
        *self.link.waker.borrow_mut() = Some(cx.waker().clone());
        loop {
            if self.link.killed.get() {
                return Poll::Ready(Step::Closed);
            }
            if self.link.io.borrow().broken {
                return Poll::Ready(Step::Closed);
            }
            // 1. Write what is queued.
            self.poll_write(cx);
            if self.link.io.borrow().broken {
                return Poll::Ready(Step::Closed);
            }
            // 2. Advance the protocol with the bytes we have.
            match self.advance() {
                Some(step) => return Poll::Ready(step),
                None => {}
            }
            // 3. Read more when that is useful.
            if self.wants_input() {
                if self.read_blocked && self.link.io.borrow_mut().stream.poll_read_ready(cx).is_ready() {
                    self.read_blocked = false;
                }
                if !self.read_blocked {
                    match self.read() {
                        Ok(true) => continue,
                        Ok(false) => {}
                        Err(_) => {
                            self.eof = true;
                            self.input.clear();
                            self.start = 0;
                            if let Phase::Busy(busy) = &self.phase {
                                if !busy.core.borrow().ended {
                                    return Poll::Ready(Step::Closed);
                                }
                            }
                            continue;
                        }
                    }
                    // Blocked now: register for readiness before sleeping.
                    if self.link.io.borrow_mut().stream.poll_read_ready(cx).is_ready() {
                        self.read_blocked = false;
                        continue;
                    }
                }
            }
            if self.eof {
                if let Some(step) = self.after_eof() {
                    return Poll::Ready(step);
                }
            }
            // 4. Timers.
            let now = Instant::now();
            if let Some((deadline, expiry)) = self.deadline() {
                self.timer.reset(deadline);
                if self.timer.poll_at(cx, now).is_ready() {
                    return Poll::Ready(Step::Expired(expiry));
                }
            }
            return Poll::Pending;
        }
    }

    fn poll_write(&mut self, cx: &mut TaskContext<'_>) {
        let mut io = self.link.io.borrow_mut();
        loop {
            if io.out.is_empty() || io.broken {
                return;
            }
            if io.write_blocked {
                if io.stream.poll_write_ready(cx).is_pending() {
                    return;
                }
                io.write_blocked = false;
            }
            let Io { stream, out, .. } = &mut *io;
            match out.flush(stream.as_mut()) {
                Ok(Flushed::All) => {
                    self.last_activity = Instant::now();
                    return;
                }
                Ok(Flushed::Blocked) => {
                    self.last_activity = Instant::now();
                    io.write_blocked = true;
                }
                Err(_) => {
                    io.broken = true;
                    io.out.clear();
                    return;
                }
            }
        }
    }

    /// Reads what is there; `Ok(true)` if bytes (or the end) arrived.
    fn read(&mut self) -> io::Result<bool> {
        if self.start > 0 && (self.start == self.input.len() || self.start > 16 * 1024) {
            self.input.drain(..self.start);
            self.start = 0;
        }
        let limit = self.input_limit().saturating_sub(self.input.len() - self.start).max(1);
        let outcome = {
            let mut io = self.link.io.borrow_mut();
            read_available(io.stream.as_mut(), &mut self.input, limit)?
        };
        if outcome.bytes > 0 {
            self.last_activity = Instant::now();
        }
        if outcome.eof {
            self.eof = true;
        }
        if outcome.blocked {
            self.read_blocked = true;
        }
        Ok(outcome.bytes > 0 || outcome.eof)
    }

    /// How many unconsumed input bytes we are willing to hold.
    fn input_limit(&self) -> usize {
        let head = self.server.config.max_head.get();
        match &self.phase {
            Phase::Busy(busy) if !busy.decoder.is_done() => head + BODY_HIGH_WATER,
            _ => head + 1,
        }
    }

    fn wants_input(&self) -> bool {
        if self.eof {
            return false;
        }
        let held = self.input.len() - self.start;
        match &self.phase {
            Phase::Waiting { .. } => held <= self.server.config.max_head.get(),
            Phase::Busy(busy) => {
                let core = busy.core.borrow();
                if !busy.decoder.is_done() {
                    // Read the body while the handler keeps up (or while it is being skipped).
                    core.ended || core.body_len < BODY_HIGH_WATER
                } else {
                    // Keep watching for the client going away; hold at most one head ahead.
                    held < self.server.config.max_head.get()
                }
            }
            Phase::Closing { .. } => true,
        }
    }

    /// Moves the state machine forward with the input at hand.
    fn advance(&mut self) -> Option<Step> {
        match &mut self.phase {
            Phase::Closing { since: _, shut } => {
                if self.link.io.borrow().out.is_empty() && !*shut {
                    *shut = true;
                    let _ = self.link.io.borrow_mut().stream.shutdown_write();
                }
                // Drop whatever the client still sends; it closes its side and we are done.
                self.input.clear();
                self.start = 0;
                if *shut && self.eof {
                    return Some(Step::Closed);
                }
                None
            }
            Phase::Busy(busy) => {
                let core_rc = busy.core.clone();
                // Request body.
                if !busy.decoder.is_done() {
                    let mut core = core_rc.borrow_mut();
                    let available = &self.input[self.start..];
                    if !available.is_empty() && (core.ended || core.body_len < BODY_HIGH_WATER) {
                        let result = if core.ended {
                            busy.decoder.decode(available, None)
                        } else {
                            let mut data = Vec::new();
                            let result = busy.decoder.decode(available, Some(&mut data));
                            if !data.is_empty() {
                                core.body_len += data.len();
                                core.body.push_back(data);
                            }
                            result
                        };
                        match result {
                            Ok(decoded) => {
                                self.start += decoded.used;
                                if decoded.done {
                                    core.body_done = true;
                                    core.trailers = busy.decoder.trailers();
                                }
                            }
                            Err(error) => {
                                drop(core);
                                return Some(Step::Reject(error));
                            }
                        }
                    }
                    if core.pull.is_some() && (core.body_len > 0 || core.body_done) {
                        return Some(Step::Body);
                    }
                }
                let (ended, want_drain, keeps_alive) = {
                    let core = core_rc.borrow();
                    (core.ended, core.want_drain, core.keeps_alive())
                };
                if want_drain && self.link.io.borrow().out.len() < RESPONSE_HIGH_WATER / 2 {
                    core_rc.borrow_mut().want_drain = false;
                    return Some(Step::Drain);
                }
                if ended && busy.decoder.is_done() {
                    // The exchange is over.
                    self.served += 1;
                    let max = self.server.config.max_requests.get();
                    let keep = keeps_alive
                        && !self.link.close_when_done.get()
                        && !self.server.closing.get()
                        && (max == 0 || self.served < max)
                        && !self.eof;
                    let now = Instant::now();
                    self.phase = if keep {
                        self.link.idle.set(self.start == self.input.len());
                        Phase::Waiting { since: now, request_start: (self.start < self.input.len()).then_some(now) }
                    } else {
                        Phase::Closing { since: now, shut: false }
                    };
                    return self.advance();
                }
                None
            }
            Phase::Waiting { since: _, request_start } => {
                // The previous response must mostly be out before the next request is taken.
                if self.link.io.borrow().out.len() >= RESPONSE_HIGH_WATER {
                    return None;
                }
                let skip = wire::leading_empty_lines(&self.input[self.start..]);
                self.start += skip;
                if self.start == self.input.len() {
                    self.input.clear();
                    self.start = 0;
                    if self.input.capacity() > 4096 {
                        self.input = Vec::new();
                    }
                    return None;
                }
                if request_start.is_none() {
                    *request_start = Some(Instant::now());
                }
                self.link.idle.set(false);
                let max_head = self.server.config.max_head.get();
                let head_len = match self.scanner.scan(&self.input[self.start..], max_head, true) {
                    Ok(Some(len)) => len,
                    Ok(None) => return None,
                    Err(error) => return Some(Step::Reject(error)),
                };
                let head = match wire::parse_request_head(&self.input[self.start..self.start + head_len]) {
                    Ok(head) => head,
                    Err(error) => return Some(Step::Reject(error)),
                };
                self.start += head_len;
                let mut decoder = BodyDecoder::new(head.framing, true, max_head);
                let body = if decoder.is_done() {
                    BodyStart::None
                } else {
                    let mut data = Vec::new();
                    match decoder.decode(&self.input[self.start..], Some(&mut data)) {
                        Ok(decoded) => {
                            self.start += decoded.used;
                            if decoded.done { BodyStart::Complete(data) } else { BodyStart::Streaming(data) }
                        }
                        Err(error) => return Some(Step::Reject(error)),
                    }
                };
                Some(Step::Request { head, decoder, body })
            }
        }
    }

    fn after_eof(&mut self) -> Option<Step> {
        match &self.phase {
            Phase::Waiting { .. } => {
                if self.link.io.borrow().out.is_empty() {
                    Some(Step::Closed)
                } else {
                    self.phase = Phase::Closing { since: Instant::now(), shut: false };
                    None
                }
            }
            Phase::Busy(busy) => {
                let core = busy.core.borrow();
                if core.ended {
                    // The response is complete: let it go out, then close.
                    None
                } else {
                    // The client went away before the response: abort it and release the socket.
                    Some(Step::Closed)
                }
            }
            Phase::Closing { shut, .. } => shut.then_some(Step::Closed),
        }
    }

    /// The next deadline and what it means.
    fn deadline(&self) -> Option<(Instant, Expiry)> {
        let config = &self.server.config;
        let mut best: Option<(Instant, Expiry)> = None;
        let mut consider = |at: Option<Instant>, expiry: Expiry| {
            if let Some(at) = at {
                if best.is_none_or(|(b, _)| at < b) {
                    best = Some((at, expiry));
                }
            }
        };
        match &self.phase {
            Phase::Waiting { since, request_start } => {
                if let Some(start) = request_start {
                    consider(config.headers_timeout.get().map(|t| *start + t), Expiry::Headers);
                } else if self.served == 0 {
                    consider(config.headers_timeout.get().map(|t| self.accepted_at + t), Expiry::Headers);
                } else {
                    consider(config.keep_alive_timeout.get().map(|t| *since + t), Expiry::KeepAlive);
                }
            }
            Phase::Busy(busy) => {
                if !busy.decoder.is_done() {
                    consider(config.request_timeout.get().map(|t| busy.started + t), Expiry::Request);
                }
            }
            Phase::Closing { since, .. } => consider(Some(*since + LINGER), Expiry::Linger),
        }
        let inactivity = self.link.idle_timeout.get().unwrap_or(config.idle_timeout.get());
        consider(inactivity.map(|t| self.last_activity + t), Expiry::Inactive);
        best
    }
}

impl Connection {
    /// Hands a parsed request to JavaScript.
    fn dispatch(&mut self, head: wire::RequestHead, decoder: BodyDecoder, body: BodyStart, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let now = Instant::now();
        let started = match &self.phase {
            Phase::Waiting { request_start, .. } => request_start.unwrap_or(now),
            _ => now,
        };
        if head.expect == Expect::Other {
            // An expectation we cannot meet (RFC 9110 §10.1.1).
            self.link.send(wire::error_response(417));
            self.phase = Phase::Closing { since: now, shut: false };
            return Ok(());
        }
        let body_pending = matches!(body, BodyStart::Streaming(_));
        let check_continue = head.expect == Expect::Continue && body_pending && self.server.config.watch_check_continue.get();
        if head.expect == Expect::Continue && body_pending && !check_continue {
            self.link.send(b"HTTP/1.1 100 Continue\r\n\r\n".to_vec());
        }
        let wire::RequestHead { method, target, minor, headers, keep_alive, .. } = head;
        let mut core = ExchangeCore::new(
            self.link.clone(),
            RequestInfo { method, target, minor, headers, keep_alive },
            self.server.config.max_headers_count.get(),
        );
        let context = &mut **cell.borrow_mut();
        let body_value: JsValue = match body {
            BodyStart::None => {
                core.body_done = true;
                JsValue::null()
            }
            BodyStart::Complete(data) => {
                core.body_done = true;
                core.trailers = decoder.trailers();
                if data.is_empty() { JsValue::null() } else { new_buffer(&data, context)?.into() }
            }
            BodyStart::Streaming(data) => {
                if !data.is_empty() {
                    core.body_len = data.len();
                    core.body.push_back(data);
                }
                JsValue::undefined()
            }
        };
        let method = JsString::from(core.request.method.as_str());
        let target = JsString::from(core.request.target.as_str());
        let minor = core.request.minor;
        let core = Rc::new(RefCell::new(core));
        let object = exchange_object(core.clone(), context)?;
        self.link.idle.set(false);
        self.phase = Phase::Busy(Box::new(Busy { core, owner: JsValue::undefined(), decoder, started }));
        if let Some((on_request, _)) = self.server.callbacks() {
            let args = [object.into(), method.into(), target.into(), u32::from(minor).into(), body_value, check_continue.into()];
            let owner = on_request.call(&JsValue::undefined(), &args, context)?;
            if let Phase::Busy(busy) = &mut self.phase {
                busy.owner = owner;
            }
        }
        Ok(())
    }

    /// Resolves the waiting `pull()` with the body bytes read so far, or `null` at the end.
    fn deliver_body(&mut self, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let Phase::Busy(busy) = &self.phase else { return Ok(()) };
        let (resolvers, data) = {
            let mut core = busy.core.borrow_mut();
            let Some(resolvers) = core.pull.take() else { return Ok(()) };
            let data = if core.body_len > 0 { Some(core.take_body()) } else { None };
            (resolvers, data)
        };
        let context = &mut **cell.borrow_mut();
        let value: JsValue = match data {
            Some(bytes) => new_buffer(&bytes, context)?.into(),
            None => JsValue::null(),
        };
        resolvers.resolve.call(&JsValue::undefined(), &[value], context)?;
        Ok(())
    }

    /// A malformed request: answer its status (unless a 'clientError' listener does) and close.
    fn reject(&mut self, error: WireError, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let answered = match &self.phase {
            Phase::Busy(busy) => busy.core.borrow().head_sent,
            _ => false,
        };
        self.abort_exchange(cell)?;
        let handled = {
            let context = &mut **cell.borrow_mut();
            match self.server.callbacks() {
                Some((_, on_event)) => {
                    let object = connection_object(&self.link, context)?;
                    let error_value = super::coded_error(JsNativeError::error(), &format!("Parse Error: {}", error.reason), error.code, context).into_opaque(context).unwrap_or_default();
                    if let Some(object) = error_value.as_object() {
                        let _ = object.set(js_string!("statusCode"), u32::from(error.status), false, context);
                    }
                    on_event.call(&JsValue::undefined(), &[event::CLIENT_ERROR.into(), error_value, object.into()], context)?.to_boolean()
                }
                None => false,
            }
        };
        if !handled && !answered {
            self.link.send(wire::error_response(error.status));
        }
        self.phase = Phase::Closing { since: Instant::now(), shut: false };
        Ok(())
    }

    fn expire(&mut self, expiry: Expiry, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let now = Instant::now();
        match expiry {
            Expiry::Headers | Expiry::Request => {
                let answered = match &self.phase {
                    Phase::Busy(busy) => busy.core.borrow().head_sent,
                    _ => false,
                };
                self.abort_exchange(cell)?;
                if answered {
                    self.link.kill();
                } else {
                    self.link.send(wire::error_response(408));
                    self.phase = Phase::Closing { since: now, shut: false };
                }
            }
            Expiry::KeepAlive | Expiry::Linger => self.link.kill(),
            Expiry::Inactive => {
                self.last_activity = now;
                let context = &mut **cell.borrow_mut();
                let object = connection_object(&self.link, context)?;
                if let Some((_, on_event)) = self.server.callbacks() {
                    on_event.call(&JsValue::undefined(), &[event::TIMEOUT.into(), object.into()], context)?;
                }
            }
        }
        Ok(())
    }

    /// Ends the exchange in flight, if its response is not complete: the script's objects see
    /// 'aborted'/'close', a waiting `pull()` fails, later writes are dropped.
    fn abort_exchange(&mut self, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let Phase::Busy(busy) = &self.phase else { return Ok(()) };
        let (owner, pull) = {
            let mut core = busy.core.borrow_mut();
            if core.ended || core.aborted {
                return Ok(());
            }
            core.aborted = true;
            (busy.owner.clone(), core.pull.take())
        };
        let context = &mut **cell.borrow_mut();
        if let Some(resolvers) = pull {
            let error = super::coded_error(JsNativeError::error(), "aborted", "ECONNRESET", context).into_opaque(context).unwrap_or_default();
            resolvers.reject.call(&JsValue::undefined(), &[error], context)?;
        }
        if let Some((_, on_event)) = self.server.callbacks() {
            on_event.call(&JsValue::undefined(), &[event::ABORTED.into(), owner], context)?;
        }
        Ok(())
    }

    /// After the last step: release the socket at once and tell whoever listens.
    fn finish(&mut self, cell: &RefCell<&mut Context>) -> JsResult<()> {
        let aborted = self.abort_exchange(cell);
        {
            let mut io = self.link.io.borrow_mut();
            io.broken = true;
            io.out.clear();
            let _ = io.stream.shutdown_both();
            io.stream = Box::new(crate::byte_stream::ClosedStream);
        }
        self.phase = Phase::Closing { since: Instant::now(), shut: true };
        self.input = Vec::new();
        *self.link.waker.borrow_mut() = None;
        self.server.remove(self.slot);
        let object = self.link.object.borrow_mut().take();
        let context = &mut **cell.borrow_mut();
        if let (Some(object), Some((_, on_event))) = (object, self.server.callbacks()) {
            on_event.call(&JsValue::undefined(), &[event::SOCKET_CLOSE.into(), object.into()], context)?;
        }
        report_close_if_finished(&self.server, context)?;
        aborted
    }
}

// ------------------------------------------------------------------------------------------------
// The object behind `req.socket`.

/// A server connection as JavaScript sees it (js/http.js wraps it in a Node-like socket).
#[derive(Trace, Finalize, JsData)]
pub struct HttpConnection {
    #[unsafe_ignore_trace]
    link: Rc<ConnLink>,
}

/// The connection's object, made on first use and kept until the connection closes.
pub fn connection_object(link: &Rc<ConnLink>, context: &mut Context) -> JsResult<JsObject> {
    if let Some(object) = link.object.borrow().as_ref() {
        return Ok(object.clone());
    }
    let object = HttpConnection::from_data(HttpConnection { link: link.clone() }, context)?;
    *link.object.borrow_mut() = Some(object.clone());
    Ok(object)
}

impl HttpConnection {
    fn link(this: &JsValue) -> JsResult<Rc<ConnLink>> {
        this.as_object()
            .and_then(|o| o.downcast_ref::<HttpConnection>().map(|c| c.link.clone()))
            .ok_or_else(|| JsNativeError::typ().with_message("not an HTTP connection").into())
    }

    /// `info()`: `[remoteAddress, remotePort, localAddress, localPort]`.
    fn info(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let link = Self::link(this)?;
        let ip = |a: Option<SocketAddr>| JsValue::from(JsString::from(a.map(|a| a.ip().to_string()).unwrap_or_default().as_str()));
        let port = |a: Option<SocketAddr>| JsValue::from(a.map(|a| a.port()).unwrap_or(0));
        let values = [ip(link.peer), port(link.peer), ip(link.local), port(link.local)];
        Ok(boa_engine::object::builtins::JsArray::from_iter(values, context).into())
    }

    fn destroy(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        Self::link(this)?.kill();
        Ok(JsValue::undefined())
    }

    /// `write(data)`: raw bytes (for 'clientError' listeners that answer by hand).
    fn write(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let link = Self::link(this)?;
        if let Some(bytes) = crate::bytes::chunk_bytes(args.get_or_undefined(0), context)? {
            link.send(bytes);
        }
        Ok(true.into())
    }

    /// `end()`: close once what is queued is written.
    fn end(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let link = Self::link(this)?;
        link.close_when_done.set(true);
        if link.idle.get() {
            link.kill();
        }
        Ok(JsValue::undefined())
    }

    /// `setTimeout(ms)`: inactivity timeout of this connection (0 disables it).
    fn set_timeout(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let link = Self::link(this)?;
        let ms = args.get_or_undefined(0).to_number(context)?;
        link.idle_timeout.set(Some((ms.is_finite() && ms > 0.0).then(|| Duration::from_millis(ms as u64))));
        link.wake();
        Ok(JsValue::undefined())
    }

    fn set_no_delay(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        let link = Self::link(this)?;
        let _ = link.io.borrow().stream.set_nodelay(args.first().is_none_or(JsValue::to_boolean));
        Ok(JsValue::undefined())
    }

    fn set_keep_alive(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
        let link = Self::link(this)?;
        let on = args.first().is_some_and(JsValue::to_boolean);
        let delay = args.get_or_undefined(1).to_number(context)?;
        let delay = (delay.is_finite() && delay > 0.0).then(|| Duration::from_millis(delay as u64));
        let _ = link.io.borrow().stream.set_keepalive(on, delay);
        Ok(JsValue::undefined())
    }

    fn state(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
        // Bit 0: closed; 1: encrypted.
        let link = Self::link(this)?;
        let io = link.io.borrow();
        Ok((u32::from(io.broken || link.killed.get()) | u32::from(io.stream.is_encrypted()) << 1).into())
    }
}

impl Class for HttpConnection {
    const NAME: &'static str = "HttpConnection";
    const LENGTH: usize = 0;

    fn data_constructor(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Err(JsNativeError::typ().with_message("HttpConnection objects are made by the HTTP server").into())
    }

    fn init(class: &mut ClassBuilder<'_>) -> JsResult<()> {
        type F = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;
        let methods: [(&str, usize, F); 8] = [
            ("info", 0, Self::info),
            ("destroy", 0, Self::destroy),
            ("write", 1, Self::write),
            ("end", 0, Self::end),
            ("setTimeout", 1, Self::set_timeout),
            ("setNoDelay", 1, Self::set_no_delay),
            ("setKeepAlive", 2, Self::set_keep_alive),
            ("state", 0, Self::state),
        ];
        for (name, length, f) in methods {
            class.method(JsString::from(name), length, NativeFunction::from_fn_ptr(f));
        }
        Ok(())
    }
}
